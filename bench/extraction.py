"""What the indexer keeps of real pages, scored against people's judgements, beside open-source extractors.

Body text (default): every page of ../shared/bench/extraction/ and ../shared/bench/extraction-readability/
goes through `python -m search extract`'s
path (decode, clean, extract) and its body is scored with the benchmark's own metric: 4-token
shingles of \\w+ words matched as multisets; precision averaged over pages with output, recall over
all pages, F1 of the two means. Prints per-page and mean P/R/F1 and milliseconds per page, and F1 on
each half of the sites (split by a hash of the site, so that the halves share no site).
--compare runs trafilatura (favor_precision, no comments), readability-lxml and jusText on the same
pages in the same run.

--dates scores the publication date on ../shared/bench/dates/ beside htmldate's extensive mode.
--titles reports how often the title equals the page's own, where <title> and h1 agree on it.
--speakers scores the people quoted against the labels of tests/data/speakers/: the articles written
for the project, 60 real news pages of the benchmark folders (real-labels.json) and 37 more
(news-more-labels.json), 60 real English
pages that are not tidy news (untidy-labels.json), the 37 English pages of dates/, a sample of the news
web (sample-labels.json), 29 German, French and Spanish pages, and 11 Italian, Portuguese, Dutch and
Polish pages, apart.
--long times speakers and quotations on one paragraph of 25,000 to 200,000 characters.
--drops lists every page of the three folders that never reaches the index, with its reason, and
counts, of those indexed, the languages detected and the metadata a reader would not trust (authors
with a digit or a byline word, outlets that are web addresses, slug titles, impossible dates).

    .venv/bin/pip install -U pip && .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/extraction.py [--compare] [--dates] [--titles] [--speakers] [--long] [--pages N]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from search.extraction.article import article_from_text, extract_article
from search.extraction.fields import extract_date
from search.extraction.html_pages import clean_html
from search.index.sources import UnreadableArticle, decode
from search.models import CleanedPage, PageMetadata

BENCH = REPO.parent / "shared" / "bench"
SPEAKERS = REPO / "tests" / "data" / "speakers"
WORD = re.compile(r"\w+")


# ------------------------------------------------------------------------------------ body text

def shingles(text: str, n: int = 4) -> Counter:
    tokens = WORD.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def page_scores(truth: str, predicted: str) -> tuple[float | None, float]:
    """(precision or None when nothing was predicted, recall) of one page's shingles."""
    expected, got = shingles(truth), shingles(predicted)
    tp = sum((expected & got).values())
    fp, fn = sum(got.values()) - tp, sum(expected.values()) - tp
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def summary(scores: list[tuple[float | None, float]]) -> tuple[float, float, float]:
    precisions = [p for p, _ in scores if p is not None]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(r for _, r in scores)
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def service_body(html: str) -> str:
    """The body the index would hold: the page cleaned, as `extract` and a rebuild clean it. Timed
    against the peers, which find a body and nothing more; the rest of an article's extraction
    (title, date, author, speakers, quotes) is timed apart, by `service_article`."""
    return "\n\n".join(clean_html(html).paragraphs)


def service_article(html: str) -> str:
    try:
        return article_from_text("page", "html", html).body
    except UnreadableArticle:
        return ""


def trafilatura_body(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, favor_precision=True, include_comments=False) or ""


def readability_body(html: str) -> str:
    import lxml.html
    from readability import Document

    summary_html = Document(html).summary(html_partial=True)
    return lxml.html.fromstring(summary_html).text_content() if summary_html.strip() else ""


def justext_body(html: str) -> str:
    import justext

    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "service": service_body, "trafilatura": trafilatura_body, "readability-lxml": readability_body,
    "jusText": justext_body,
}


@functools.cache
def ground_truth(folder: Path) -> dict:
    """A benchmark folder's ground-truth.json, read once."""
    return json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))


def read_page(path: Path) -> str:
    return decode(gzip.decompress(path.read_bytes()), "html")


BODY_FOLDERS = ("extraction", "extraction-readability")
ALL_FOLDERS = (*BODY_FOLDERS, "dates")


def site_of(page_id: str, url: str | None) -> str:
    """A page's site: its host without 'www.', or, with no address (the Readability pages), its name."""
    if not url:
        return re.sub(r"-\d+$", "", page_id)
    return re.sub(r"^www\.", "", urlsplit(url).hostname or page_id)


def half_of(site: str) -> str:
    """'A' or 'B', by a hash of the site: the two halves share no site, so that a rule written while
    looking at one half can be checked on the other."""
    return "AB"[int(hashlib.sha1(site.encode()).hexdigest(), 16) % 2]


def body_pages(folder: Path, limit: int | None) -> list[tuple[str, str, str]]:
    """(page id, expected body, site) of a folder with bodies, in a stable order."""
    truth = ground_truth(folder)
    return [(page_id, item["articleBody"], site_of(page_id, item.get("url"))) for page_id, item in sorted(truth.items())][:limit]


def run_body(compare: bool, limit: int | None, quiet: bool) -> None:
    for name in BODY_FOLDERS:
        run_body_folder(BENCH / name, compare, limit, quiet)


def run_body_folder(folder: Path, compare: bool, limit: int | None, quiet: bool) -> None:
    items = body_pages(folder, limit)
    systems = list(EXTRACTORS) if compare else ["service"]
    scores: dict[str, dict[str, list]] = {name: {"A": [], "B": []} for name in systems}
    seconds: dict[str, float] = dict.fromkeys(systems, 0.0)
    article_seconds = 0.0
    for page_id, expected, site in items:
        html = read_page(folder / "html" / f"{page_id}.html.gz")
        started = time.perf_counter()
        service_article(html)
        article_seconds += time.perf_counter() - started
        row = []
        for name in systems:
            started = time.perf_counter()
            try:
                body = EXTRACTORS[name](html)
            except Exception as error:  # a peer failing on a page scores it as empty, as its user would get
                print(f"  {name} failed on {page_id[:12]}: {type(error).__name__}: {error}", file=sys.stderr)
                body = ""
            seconds[name] += time.perf_counter() - started
            precision, recall = page_scores(expected, body)
            scores[name][half_of(site)].append((precision, recall))
            row.append(f"{'  -  ' if precision is None else f'{precision:.3f}'} {recall:.3f}")
        if not quiet:
            print(f"{page_id[:12]:<12}  " + "   ".join(row) + f"  {site[:40]}")
    halves = {half: len(scores[systems[0]][half]) for half in "AB"}
    print(f"\nbody text, {len(items)} pages of {folder} (sites split by hash: A {halves['A']} pages, "
          f"B {halves['B']})" + ("" if quiet else "; P R per page above, systems in the order below"))
    print(f"{'system':<17} {'precision':>9} {'recall':>7} {'F1':>6} {'F1 A':>6} {'F1 B':>6} {'ms/page':>8}"
          + ("  time / trafilatura's" if compare else ""))
    for name in systems:
        precision, recall, f1 = summary(scores[name]["A"] + scores[name]["B"])
        f1_a, f1_b = (summary(scores[name][half])[2] if scores[name][half] else float("nan") for half in "AB")
        print(f"{name:<17} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f} {f1_a:>6.3f} {f1_b:>6.3f} "
              f"{seconds[name] * 1000 / len(items):>8.1f}"
              + (f"  {seconds[name] / seconds['trafilatura']:>5.2f}x" if compare else ""))
    print(f"service, whole article (body, then title, date, author, speakers, quotes): "
          f"{article_seconds * 1000 / len(items):.1f} ms/page")


def folder_pages(name: str, limit: int | None) -> list[tuple[str, Path, str]]:
    """(page id, file, site) of every page of a benchmark folder."""
    folder = BENCH / name
    truth = ground_truth(folder)
    if name == "dates":
        return [(item["file"], folder / "html" / f"{item['file']}.gz", site_of(item["file"], url))
                for url, item in sorted(truth.items())][:limit]
    return [(page_id, folder / "html" / f"{page_id}.html.gz", site) for page_id, _, site in body_pages(folder, limit)]


def run_drops(limit: int | None) -> None:
    """Every page of the three folders through the indexer's path: how many reach the index, by which
    way their text was found and in which language, and each page dropped with its reason."""
    print(f"\n{'folder':<24}{'pages':>6}{'dropped':>8}{'A':>6}{'B':>6}  text found by")
    dropped_pages, languages, metadata = [], {}, {}
    title_sources: dict[str, Counter] = {name: Counter() for name in ALL_FOLDERS}
    outlet_sources: dict[str, Counter] = {name: Counter() for name in ALL_FOLDERS}
    for name in ALL_FOLDERS:
        metadata[name] = Counter()
        sources: Counter = Counter()
        dropped = Counter()
        languages[name] = Counter()
        pages = folder_pages(name, limit)
        for page_id, path, site in pages:
            try:
                article = article_from_text(page_id, "html", read_page(path))
            except UnreadableArticle as reason:
                dropped[half_of(site)] += 1
                dropped_pages.append(f"  {name}/{page_id} ({site}): {reason}")
                continue
            sources[article.body_source] += 1
            languages[name][article.language or "none"] += 1
            metadata[name].update(f"{fault} {half_of(site)}" for fault in metadata_faults(article))
            page_metadata = clean_html(read_page(path)).metadata
            title_sources[name][title_source(page_metadata, article.title)] += 1
            outlet_sources[name][outlet_source(page_metadata, article.outlet)] += 1
        total = sum(dropped.values())
        print(f"{name:<24}{len(pages):>6}{total:>8}{dropped['A']:>6}{dropped['B']:>6}  "
              + ", ".join(f"{source} {count}" for source, count in sources.most_common()))
    print("\n".join(dropped_pages) or "  none dropped")
    print("\nlanguages detected, of the pages indexed")
    for name, counts in languages.items():
        print(f"{name:<24}" + ", ".join(f"{language} {count}" for language, count in counts.most_common()))
    for title, by_folder in (("titles", title_sources), ("outlets", outlet_sources)):
        print(f"\n{title} by source, of the pages indexed")
        for name, counts in by_folder.items():
            print(f"{name:<24}" + ", ".join(f"{source} {count}" for source, count in counts.most_common()))
    print("\nmetadata a reader would not trust, of the pages indexed (sites of half A / half B)")
    print(f"{'folder':<24}" + "".join(f"{fault:>22}" for fault in METADATA_FAULTS))
    for name, counts in metadata.items():
        print(f"{name:<24}" + "".join(f"{counts[f'{fault} A']:>18} /{counts[f'{fault} B']:>2}"
                                      for fault in METADATA_FAULTS))


def title_source(metadata, title: str) -> str:
    """Which of a page's headlines the title is (as written, or with the site's name cut)."""
    for source, value in (("h1", metadata.h1), ("og:title or JSON-LD", metadata.og_title or metadata.jsonld_headline),
                          ("<title>", metadata.html_title)):
        if value and (title == value or title in value):
            return source
    return "first sentence or file name"


def outlet_source(metadata, outlet: str | None) -> str:
    """Whether the outlet is the site's name in its metadata, its address's host, or the folder."""
    if outlet and metadata.site_name and (outlet == metadata.site_name or outlet in metadata.site_name):
        return "site's name"
    if outlet and metadata.url and outlet in metadata.url:
        return "address's host"
    return "folder" if outlet else "none"


# Told by what a reader sees, not by the extraction's own rules: an author with a digit, a byline
# word, a separator or a web address in it, an outlet that is a web address, a headline that is a
# slug, a date before the web or a system's stand-in.
METADATA_FAULTS = ("authors not names", "outlets as addresses", "slug titles", "impossible dates")
NOT_A_NAME = re.compile(r"\d|^(?:by|von|par|por|door)\b|\bby\s|\b(?:updated|published|aktualisiert)\b|[|»]|https?://|www\.",
                        re.IGNORECASE)


def metadata_faults(article) -> list[str]:
    faults = []
    if article.author and NOT_A_NAME.search(article.author):
        faults.append("authors not names")
    if article.outlet and re.fullmatch(r"(?:https?://)?(?:www\.)\S+|https?://\S+", article.outlet):
        faults.append("outlets as addresses")
    if re.fullmatch(r"[^\W_]+(?:-[^\W_]+){2,}", article.title):
        faults.append("slug titles")
    if article.date and (article.date.year < 1991 and article.date_source != "text" or article.date.isoformat()
                         in ("1970-01-01", "1900-01-01")):
        faults.append("impossible dates")
    return faults


# ---------------------------------------------------------------------------------------- dates

def run_dates(limit: int | None, quiet: bool = True) -> None:
    from htmldate import find_date

    folder = BENCH / "dates"
    truth = ground_truth(folder)
    items = sorted(truth.items())[:limit]
    tallies = {name: Counter() for name in ("service", "htmldate extensive", "htmldate extensive + URL")}
    by_half = {half: {name: Counter() for name in tallies} for half in "AB"}
    by_source: Counter = Counter()
    for url, item in items:
        expected = item["date"] if isinstance(item["date"], str) else None  # NaN: the page states no date
        html = read_page(folder / "html" / f"{item['file']}.gz")
        # The date the indexer would store, found even on pages whose article text is too thin to index.
        dated = extract_date(clean_html(html))
        ours = dated[0].isoformat() if dated else None
        by_source[dated[1] if dated else None] += 1
        found = {
            "service": ours,
            "htmldate extensive": find_date(html, extensive_search=True),
            "htmldate extensive + URL": find_date(html, url=url, extensive_search=True),
        }
        half = half_of(site_of(item["file"], url))
        for name, value in found.items():
            verdict = "right" if value == expected else "missing" if value is None else "wrong"
            tallies[name][verdict] += 1
            by_half[half][name][verdict] += 1
        if not quiet and ours != expected:
            print(f"  {item['file']} ({site_of(item['file'], url)}): service {ours or 'none'}, truth {expected or 'none'}")
    print(f"\npublication dates, {len(items)} pages of {folder} (sites split by hash)")
    print(f"{'system':<26} {'accuracy':>8} {'wrong':>6} {'missing':>8}   {'half A':>14} {'half B':>14}")
    for name, tally in tallies.items():
        halves = "".join(f" {by_half[h][name]['right'] / max(sum(by_half[h][name].values()), 1):>6.3f} "
                         f"{by_half[h][name]['wrong']:>3}w {by_half[h][name]['missing']:>2}m" for h in "AB")
        print(f"{name:<26} {tally['right'] / len(items):>8.3f} {tally['wrong']:>6} {tally['missing']:>8}  {halves}")
    print("service's dates found from: " + ", ".join(f"{source or 'none'} {count}"
                                                   for source, count in by_source.most_common()))
    print("(a page whose truth is 'no date' is right when no date is given; the service sees the page alone)")


# --------------------------------------------------------------------------------------- titles

def _page_title_text(html: str) -> tuple[str | None, str | None]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    title, h1 = soup.find("title"), soup.find("h1")
    squash = lambda tag: re.sub(r"\s+", " ", tag.get_text()).strip() if tag else None  # noqa: E731
    return squash(title), squash(h1)


def run_titles(limit: int | None) -> None:
    """Exact title on benchmark pages whose <title> starts with their h1 (so the title is unambiguous),
    and on the sample corpus against tests/data/sample_expected.json."""
    folder = BENCH / "extraction"
    unambiguous = exact = 0
    for path in sorted((folder / "html").glob("*.html.gz"))[:limit]:
        html = read_page(path)
        title, h1 = _page_title_text(html)
        if not title or not h1 or not title.startswith(h1):
            continue
        unambiguous += 1
        exact += extract_article("page", clean_html(html)).title == h1
    print(f"\ntitles: {exact}/{unambiguous} exact ({exact / max(unambiguous, 1):.3f}) on benchmark pages "
          "whose <title> begins with their h1")
    expected = {doc_id: fields for doc_id, fields in
                json.loads((REPO / "tests" / "data" / "sample_expected.json").read_text(encoding="utf-8")).items()
                if not doc_id.startswith("_")}
    right = 0
    for doc_id, fields in expected.items():
        path = REPO / "corpus" / doc_id
        kind = "html" if path.suffix in (".html", ".htm") else "text"
        right += article_from_text(doc_id, kind, decode(path.read_bytes(), kind)).title == fields["title"]
    print(f"titles: {right}/{len(expected)} exact ({right / len(expected):.3f}) on the sample corpus")


# ------------------------------------------------------------------------------------- speakers

def _speaker_key(name: str) -> str:
    """Names compared as the label policy says: case, a leading "the" and the apostrophe's form do
    not matter."""
    return re.sub(r"^the\s+", "", name.strip().casefold().replace("’", "'"))


def _score_speakers(found: set[str], wanted: set[str], label: str, verbose: bool) -> tuple[int, int, int]:
    found_keys, wanted_keys = {_speaker_key(n): n for n in found}, {_speaker_key(n): n for n in wanted}
    if verbose:
        for key in sorted(found_keys.keys() - wanted_keys.keys()):
            print(f"  {label}: not a speaker: {found_keys[key]}")
        for key in sorted(wanted_keys.keys() - found_keys.keys()):
            print(f"  {label}: missed: {wanted_keys[key]}")
    right = len(found_keys.keys() & wanted_keys.keys())
    return right, len(found_keys) - right, len(wanted_keys) - right


def _speaker_line(title: str, counts: list[int]) -> str:
    tp, fp, fn = counts
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return f"{title}: precision {precision:.3f}, recall {recall:.3f} ({tp} right, {fp} wrong, {fn} missed)"


def run_speakers(quiet: bool) -> None:
    """Precision and recall of the speakers found: in the articles written for the project
    (tests/data/speakers/*, labels.json), in real news pages of the benchmark folders
    (real-labels.json) and in real English pages that are not tidy news (untidy-labels.json), each
    reported apart; the real pages also by halves of their sites."""
    labels = json.loads((SPEAKERS / "labels.json").read_text(encoding="utf-8"))
    written = [0, 0, 0]
    for name, expected in sorted(labels.items()):
        path = SPEAKERS / name
        kind = "html" if path.suffix == ".html" else "text"
        found = set(article_from_text(name, kind, decode(path.read_bytes(), kind)).speakers)
        written = [a + b for a, b in zip(written, _score_speakers(found, set(expected), name, not quiet))]
    print("\n" + _speaker_line(f"speakers, {len(labels)} articles written for the project", written))
    for file_name, title in (("real-labels.json", "real news pages"),
                             ("news-more-labels.json", "more real news pages"),
                             ("untidy-labels.json", "real English pages that are not tidy news"),
                             ("sample-labels.json", "English pages of a sample of the news web")):
        real = json.loads((SPEAKERS / file_name).read_text(encoding="utf-8"))
        by_half = _real_page_speakers(real, quiet)
        total = [a + b for a, b in zip(by_half["A"], by_half["B"])]
        print(_speaker_line(f"speakers, {len(real)} {title}", total))
        for half in "AB":
            print("  " + _speaker_line(f"sites of half {half}", by_half[half]))
    run_other_language_speakers(quiet)


def _real_page_speakers(labels: dict[str, list[str]], quiet: bool) -> dict[str, list[int]]:
    """(right, wrong, missed) speakers of labelled benchmark pages, by halves of their sites."""
    by_half = {"A": [0, 0, 0], "B": [0, 0, 0]}
    for key, expected in sorted(labels.items()):
        page_id, path, site = labelled_page(key)
        scored = _score_speakers(page_speakers(page_id, path), set(expected), key[:40], not quiet)
        by_half[half_of(site)] = [a + b for a, b in zip(by_half[half_of(site)], scored)]
    return by_half


@functools.cache
def _folder_index(name: str) -> dict[str, tuple[str, Path, str]]:
    return {page_id: (page_id, path, site) for page_id, path, site in folder_pages(name, None)}


def labelled_page(key: str) -> tuple[str, Path, str]:
    """(page id, file, site) of a label's key, `folder/page id`."""
    folder, page_id = key.split("/")
    return _folder_index(folder)[page_id]


def page_speakers(page_id: str, path: Path) -> set[str]:
    try:
        return set(article_from_text(page_id, "html", read_page(path)).speakers)
    except UnreadableArticle:
        return set()


def run_other_language_speakers(quiet: bool) -> None:
    """Speakers of the pages in other languages (other-languages-labels.json: German, French and
    Spanish; more-languages-labels.json: Italian, Portuguese, Dutch and Polish), by language and by halves of
    their sites."""
    for file_name, languages in (("other-languages-labels.json", "German, French and Spanish"),
                                 ("more-languages-labels.json", "Italian, Portuguese, Dutch and Polish")):
        labels = json.loads((SPEAKERS / file_name).read_text(encoding="utf-8"))
        by_language: dict[str, list[int]] = {}
        by_half = {"A": [0, 0, 0], "B": [0, 0, 0]}
        for key, label in sorted(labels.items()):
            page_id, path, site = labelled_page(key)
            scored = _score_speakers(page_speakers(page_id, path), set(label["speakers"]), key[:40], not quiet)
            counts = by_language.setdefault(label["language"], [0, 0, 0])
            by_language[label["language"]] = [a + b for a, b in zip(counts, scored)]
            by_half[half_of(site)] = [a + b for a, b in zip(by_half[half_of(site)], scored)]
        total = [sum(counts) for counts in zip(*by_language.values())]
        print(_speaker_line(f"speakers, {len(labels)} {languages} pages", total))
        for language, counts in sorted(by_language.items()):
            print("  " + _speaker_line(f"{language}", counts))
        for half in "AB":
            print("  " + _speaker_line(f"sites of half {half}", by_half[half]))


# Paragraphs made long by repeating what reads back from a name: sentences of each kind (names
# joined by "and", pronouns, bodies, offices, quotations), and one sentence that never ends (a list
# of names before its verb, as a page of tags or credits run together gives).
LONG_SENTENCES = ("Anna Berg and Ivo Lunde said the port was closed. ", "“It is late,” she said. ",
                  "The Harbour Office of Trade and Fisheries said no. ", "It added that the ferry would wait. ",
                  "Director of Public Works Petra Holm said, according to a report by Coast Radio, that it rained. ")
LONG_CLAUSE = "Anna Berg and Ivo Lunde of the Harbour Office and Coast Radio "
# The same in two other languages, read by their own rules: pronouns and dropped subjects, views, a
# subject's second clause, a role before the name.
LONG_SENTENCES_OTHER = {
    "es": ("«No hay cambios», señaló. ", "El ministro Juan Pérez llegó a Madrid y dijo que el plan fracasó. ",
           "Para Ana López, el plan fracasó. ", "«Sí», añadió la alcaldesa María Ruiz. "),
    "fr": ("« Non », a-t-il ajouté. ", "Pour Jean Dupont, le plan a échoué. ",
           "Lundi, Marie Curie est arrivée et a déclaré que non. ", "Selon le maire Paul Morel, il pleut. "),
}


def run_long_paragraphs() -> None:
    """CPU time of speakers and quotations on one paragraph of 25,000 to 200,000 characters: time that
    grows with the length, not with its square, is what keeps a rebuild from stalling on one page."""
    print("\nspeakers and quotations of one long paragraph (CPU time)")
    extract_article("warm-up", CleanedPage(("".join(LONG_SENTENCES),), PageMetadata()))  # models read once
    kinds = (("sentences", "".join(LONG_SENTENCES), ""), ("one sentence", LONG_CLAUSE, "said."),
             *((f"sentences, {language}", "".join(unit), "") for language, unit in LONG_SENTENCES_OTHER.items()))
    for kind, unit, ending in kinds:
        for length in (25_000, 50_000, 100_000, 200_000):
            paragraph = unit * (length // len(unit)) + ending
            started = time.process_time()
            extract_article("long", CleanedPage((paragraph,), PageMetadata()))
            spent = time.process_time() - started
            print(f"{kind:<17}{len(paragraph):>9,} characters {spent:>7.2f} s "
                  f"{spent * 1e6 / len(paragraph):>6.1f} µs a character")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", action="store_true", help="run trafilatura, readability-lxml and jusText too")
    parser.add_argument("--dates", action="store_true", help="score publication dates beside htmldate")
    parser.add_argument("--titles", action="store_true", help="report exact-title rates")
    parser.add_argument("--speakers", action="store_true", help="score speakers on tests/data/speakers")
    parser.add_argument("--drops", action="store_true",
                        help="list the pages of every folder that never reach the index, with the reason")
    parser.add_argument("--pages", type=int, default=None, help="only the first N pages (a quick look)")
    parser.add_argument("--long", action="store_true", help="time speakers on one paragraph of growing length")
    parser.add_argument("--quiet", action="store_true", help="means only, no per-page rows")
    args = parser.parse_args(argv)
    only_others = args.dates or args.titles or args.speakers or args.drops or args.long
    if not only_others or args.compare:
        run_body(args.compare, args.pages, args.quiet)
    if args.dates:
        run_dates(args.pages, args.quiet)
    if args.titles:
        run_titles(args.pages)
    if args.speakers:
        run_speakers(args.quiet)
    if args.drops:
        run_drops(args.pages)
    if args.long:
        run_long_paragraphs()
    return 0


if __name__ == "__main__":
    sys.exit(main())
