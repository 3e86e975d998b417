"""The research views read from a generation: keyword in context, timelines, quote checks, person pages,
export rows and the archive's summary. What they compute from what is read is search/research's."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
from whoosh import query as wq

from ..config import Settings
from ..errors import PersonNotFoundError, QueryRefused
from ..index import store
from ..index.schema import BODY, EXACT_FIELDS, from_stored, stopwords
from ..models import ArchiveSummary, PersonPage, QuoteFound, SearchOptions
from ..research import quotecheck
from ..research.concordance import MAX_LINES as MAX_CONCORDANCE_LINES
from ..research.concordance import Concordance, KwicLine, lines_of, ordered
from ..research.export import ExportRow
from ..research.people import Directory
from ..research.timeline import Timeline, timeline
from . import posting_arrays
from .examples import ArchiveFacts, example_searches
from .matching import Execution, allowed_by_options, every_allowed, run_query
from .reading import Columns, Reading
from .results import commonest, has_phrase, marked, quote_hit, shown_hits

# Articles a concordance reads at a time, until it has its lines.
CONCORDANCE_BATCH = 50
# A quotation's rarest words pick the articles read for it, at most QUOTE_CANDIDATES of them: a
# passage that carries it nearly keeps most of them, and reading is bounded whatever its words.
QUOTE_RARE_WORDS = 8
QUOTE_CANDIDATES = 300


def articles_run(reading: Reading, text: str, options: SearchOptions, settings: Settings, what: str) -> Execution:
    """A search that must list articles; one of quotations (said:) is refused, `what` saying why."""
    run = run_query(reading, text, options, settings)
    if run.plan.kind == "quotes":
        raise QueryRefused(f"{what}: search for the words without said: and filter by speaker instead")
    return run


def export_rows(run: Execution, accessed: dt.date) -> Iterator[ExportRow]:
    """Every article the search matched: each hit in its order, followed by the other matching
    articles of its story (which a results page folds into it), each row naming its story."""
    for docnum in story_members_in_order(run):
        stored = run.searcher.stored_fields(docnum)
        yield ExportRow.of(from_stored(stored), accessed, story=stored.get("story"))


def story_members_in_order(run: Execution) -> list[int]:
    """The ranking's hits in order, each followed by the other documents it matched of its story, in
    document order."""
    hits = run.ranking.hits
    stories = run.columns.story_numbers if run.ranking.kept_others is not None else None
    if stories is None:
        return hits.tolist()
    folded = np.setdiff1d(run.ranking.matched, hits)
    members: dict[int, list[int]] = {}
    for docnum, story in zip(folded.tolist(), stories[folded].tolist()):
        members.setdefault(story, []).append(docnum)
    return [docnum for hit, story in zip(hits.tolist(), stories[hits].tolist())
            for docnum in (hit, *members.get(story, ()))]


def concordance(reading: Reading, text: str, options: SearchOptions, order: str, settings: Settings) -> Concordance:
    run = articles_run(reading, text, options, settings, "A concordance reads articles")
    lines: list[KwicLine] = []
    hits, read = run.ranking.hits.tolist(), 0
    while read < len(hits) and len(lines) <= MAX_CONCORDANCE_LINES:
        batch = hits[read:read + CONCORDANCE_BATCH]
        stored = {docnum: run.searcher.stored_fields(docnum) for docnum in batch}
        texts = {docnum: fields.get(BODY, "") for docnum, fields in stored.items()}
        found = marked(run.searcher, run.plan.query, texts)
        for docnum in batch:
            article = from_stored(stored[docnum])
            lines += lines_of(article.id, article.title, article.date, texts[docnum],
                              [(token.startchar, token.endchar) for token in found[docnum]])
        read += len(batch)
    cut = len(lines) > MAX_CONCORDANCE_LINES
    return Concordance(text, order, tuple(ordered(lines[:MAX_CONCORDANCE_LINES], order)), run.ranking.total,
                       read, cut)


def queries_timeline(reading: Reading, queries: list[str], options: SearchOptions, interval: str | None,
                     settings: Settings) -> Timeline:
    runs = [run_query(reading, text, options, settings, fill=False)
            for text in queries]

    def every_day(columns: Columns) -> np.ndarray:
        return columns.recency_array[columns.live]

    return timeline(queries, [run.plan.kind for run in runs],
                    [run.columns.recency_array[run.ranking.matched] for run in runs],
                    [every_day(run.columns) for run in runs], every_day(reading.columns("articles")), interval)


def checked_quote(reading: Reading, text: str, options: SearchOptions) -> tuple[QuoteFound, ...]:
    """The articles carrying the quotation, earliest first. Raises QueryRefused for fewer than
    quotecheck.MIN_WORDS words."""
    searcher, columns = reading.articles, reading.columns("articles")
    fieldname = EXACT_FIELDS[BODY]
    analyzer = searcher.schema[fieldname].analyzer
    quote = [word for word, _, _ in quotecheck.words_of(analyzer, text)]
    if not any(True for _ in searcher.schema[BODY].analyzer(text)):
        raise QueryRefused("A quotation of common words alone matches almost any text: quote a passage with at "
                           "least one other word")
    if len(quote) < quotecheck.MIN_WORDS:
        raise QueryRefused(f"A quotation to check needs at least {quotecheck.MIN_WORDS} words; "
                           'search for a shorter one as a "quoted phrase"')
    found = []
    for docnum in _carrying_rare_words(searcher, fieldname, quote, options, columns).tolist():
        fields = searcher.stored_fields(docnum)
        body = fields.get(BODY, "")
        passage = quotecheck.best_passage(quote, quotecheck.words_of(analyzer, body))
        if passage is None:
            continue
        article = from_stored(fields)
        found.append(QuoteFound(
            id=article.id, title=article.title, date=article.date, author=article.author, outlet=article.outlet,
            url=article.url, speaker=quotecheck.speaker_of(body, [(q.speaker, q.text) for q in article.quotes],
                                                          passage),
            passage=quotecheck.passage_html(body, passage), share=passage.share, verbatim=passage.verbatim))
    return tuple(sorted(found, key=lambda hit: (hit.date is None, hit.date or dt.date.min, -hit.share, hit.id)))


def _carrying_rare_words(searcher, fieldname: str, quote: list[str], options: SearchOptions,
                         columns: Columns) -> np.ndarray:
    """The documents worth reading for a quotation: those holding at least half of its
    QUOTE_RARE_WORDS rarest words in the archive, the QUOTE_CANDIDATES holding the most first."""
    reader = searcher.reader()
    frequency = {word: reader.doc_frequency(fieldname, word) for word in set(quote)}
    rare = sorted((word for word in frequency if frequency[word]), key=lambda word: (frequency[word], word))
    rare = rare[:QUOTE_RARE_WORDS]
    held = np.zeros(len(columns.live), dtype=np.int64)
    for word in rare:
        docs, _ = posting_arrays.postings(reader, fieldname, word)
        held[docs] += 1
    wanted = (held >= max(1, math.ceil(len(rare) / 2))) & columns.live
    allowed = allowed_by_options(searcher, options, columns)
    if allowed is not None:
        wanted &= allowed
    docs = np.flatnonzero(wanted)
    return docs[np.argsort(-held[docs], kind="stable")][:QUOTE_CANDIDATES]


def people(reading: Reading) -> Directory:
    """The archive's people, unified once per generation from the articles' speakers."""
    generation = reading.generation
    if generation.people is None:
        columns = generation.columns["articles"]
        generation.people = Directory.of(dict(columns.facets["speaker"].counts(columns.live)))
    return generation.people


def person_page(reading: Reading, name: str, text: str, options: SearchOptions, page: int, per_page: int,
                settings: Settings) -> PersonPage:
    directory = people(reading)
    person = directory.find(name)
    if person is None:
        raise PersonNotFoundError(f"No one named {name[:100]!r} is quoted in the archive")
    within = replace(options, speaker=None, story=None, as_you_type=False,
                     spellings=tuple(spelling for spelling, _ in person.spellings))
    quotes, quote_query = _ranked_within(reading, text, replace(within, kind="quotes", sort="newest"), settings)
    articles, _ = _ranked_within(reading, text, replace(within, kind="articles"), settings)
    listed = quotes.page((page - 1) * per_page, per_page)
    shown = shown_hits(reading.quotes, quote_query, listed)
    columns, quote_columns = reading.columns("articles"), reading.columns("quotes")
    quoting = np.zeros(len(columns.live), dtype=bool)
    quoting[articles.matched] = True
    beside: Counter = Counter()
    for spelling, count in columns.facets["speaker"].counts(quoting):
        if (other := directory.people.get(spelling)) is not None and other is not person:
            beside[other.name] += count
    size = settings.facet_size
    return PersonPage(
        name=person.name, spellings=person.spellings, query=text, options=within, total=quotes.total,
        page=page, per_page=per_page,
        quotations=tuple(quote_hit(hit, hit.score, has_phrase(quote_query)) for hit in shown),
        articles=len(articles.matched), quoted_with=commonest(beside.items(), size),
        authors=commonest(columns.facets["author"].counts(quoting, most=size), size),
        outlets=commonest(columns.facets["outlet"].counts(quoting, most=size), size),
        timeline=timeline([person.name], ["quotes"], [quote_columns.recency_array[quotes.matched]],
                          [quote_columns.recency_array[quote_columns.live]],
                          columns.recency_array[columns.live]))


def _ranked_within(reading: Reading, text: str, options: SearchOptions, settings: Settings):
    """(ranking, query) of the documents of `options.kind` within the options, which match `text`
    when it is not blank, every one of them otherwise. A text's matches are not loosened into
    partial ones: a page listing all of someone's quotations lists those with the words."""
    if text:
        run = run_query(reading, text, options, settings, fill=False)
        return run.ranking, run.plan.query
    return every_allowed(reading, options), wq.NullQuery


def summary(reading: Reading, settings: Settings) -> ArchiveSummary:
    """What the archive holds, read once per generation."""
    generation = reading.generation
    if generation.summary is None:
        generation.summary = _summarised(reading, settings.index / generation.name, settings)
    return generation.summary


def _working_examples(reading: Reading, columns: Columns, newest: dt.date | None, settings: Settings) -> list[str]:
    """Example searches drawn from the archive (examples.py), those that find something in it."""
    live = columns.live
    recency = np.where(live, columns.recency_array, -1)
    headline = reading.articles.stored_fields(int(recency.argmax())).get("title", "") if live.any() else ""
    top = {name: next(iter(commonest(columns.facets[name].counts(live, most=1), 1)), (None, 0))[0]
           for name in ("speaker", "author", "outlet")}
    facts = ArchiveFacts(headline, top["speaker"], top["author"], top["outlet"], newest)
    working = []
    for text in example_searches(facts, stopwords(settings.stopwords)):
        try:
            if run_query(reading, text, SearchOptions(), settings, fill=False).ranking.total:
                working.append(text)
        except QueryRefused:
            continue
    return working


def _summarised(reading: Reading, folder: Path, settings: Settings) -> ArchiveSummary:
    columns = reading.columns("articles")
    recency = columns.recency_array[columns.live]
    dated = recency[recency > 0]
    manifest = store.read_manifest(folder) or {}
    sources = Counter(doc_id.split("/", 1)[0] if "/" in doc_id else "(top folder)"
                      for doc_id in manifest.get("articles", {}))
    stories = columns.story_numbers
    last = dt.date.fromordinal(int(dated.max())) if dated.size else None
    return ArchiveSummary(
        articles=reading.articles.doc_count(),
        first_date=dt.date.fromordinal(int(dated.min())) if dated.size else None,
        last_date=last,
        sources=tuple(sorted(sources.items(), key=lambda item: (-item[1], item[0]))),
        generation=reading.generation.name,
        quotations=reading.quotes.doc_count(),
        stories=len(np.unique(stories[columns.live])) if stories is not None else reading.articles.doc_count(),
        index_bytes=store.size_on_disk(folder),
        built_at=manifest.get("built_at"), rebuild_s=manifest.get("rebuild_s"),
        examples=tuple(_working_examples(reading, columns, last, settings)))
