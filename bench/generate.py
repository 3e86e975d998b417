"""Write N deterministic news-like articles (.txt scrapes and .html pages) for benchmarks.

    python bench/generate.py OUT_DIR [--count N] [--seed S]

Each article has a headline, a byline, a dateline, 300-1,500 words drawn from a Zipf-distributed
vocabulary, attributed quotes from a pool of recurring people, and the boilerplate real pages carry.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import shutil
from pathlib import Path

SYLLABLES = ["ka", "lo", "mer", "tin", "sa", "ber", "do", "ran", "vel", "ko", "mi", "ta", "nor", "sen", "ul",
             "pra", "est", "gor", "li", "an", "bro", "dis", "qua", "fen", "ho", "ri", "zen", "ap", "ster", "mon"]
COMMON = ("the of and to in a is that for on was with said he as it by at from his an were are which this be "
          "has have not they but had one their its who been after new also would more two first than year "
          "people government city minister council police report state last over when about could other").split()
FIRST = ["Elena", "Tomas", "Amina", "Lukas", "Marta", "Jonas", "Sofia", "Henrik", "Rafael", "Priya", "Ines",
         "Oskar", "Maja", "Kofi", "Greta", "Anders", "Nils", "Lena", "Victor", "Yusuf"]
LAST = ["Varga", "Reinholt", "Okafor", "Brenner", "Kowal", "Albrecht", "Lindqvist", "Dahl", "Moreno",
        "Natarajan", "Duarte", "Lund", "Berg", "Mensah", "Falk", "Nyberg", "Ekdahl", "Voss", "Hale", "Demir"]
CITIES = ["PORT HALDEN", "LINDAU", "NORDVIK", "TIRANA", "OSLO", "LISBON", "ACCRA", "GDANSK"]
TXT_BOILERPLATE = ["728 x 90", "Share this:", "Click to share on Twitter (Opens in new window)", "Like this:",
                   "%d bloggers like this:"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words = set(COMMON)
    while len(words) < size:
        words.add("".join(rng.choices(SYLLABLES, k=rng.choice((2, 2, 3, 3, 4)))))
    ordered = list(COMMON) + sorted(words - set(COMMON))
    rng.shuffle(ordered[len(COMMON):])
    return ordered


class ArticleWriter:
    def __init__(self, seed: int, vocabulary_size: int = 30_000):
        self.rng = random.Random(seed)
        self.words = vocabulary(vocabulary_size, self.rng)
        self.weights = list(itertools.accumulate(1 / (rank + 1) ** 1.07 for rank in range(len(self.words))))
        self.people = [f"{first} {last}" for first in FIRST for last in LAST]

    def sentence(self, low: int = 8, high: int = 22) -> str:
        words = self.rng.choices(self.words, cum_weights=self.weights, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def quote(self, person: str) -> str:
        surname = person.split()[-1]
        form = self.rng.randrange(4)
        said = self.sentence()[:-1]
        if form == 0:
            return f"“{said},” said {person}."
        if form == 1:
            return f"“{said},” {surname} said."
        if form == 2:
            return f"{person}, a {self.rng.choice(self.words)} official, told reporters: “{said}.”"
        return f"{self.sentence()[:-1]}, according to {person}."

    def article(self, number: int) -> tuple[str, dict]:
        rng = self.rng
        date = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(15 * 365))
        speakers = rng.sample(self.people[: 60 + number % 340], k=rng.randint(1, 4))
        target = rng.randint(300, 1500)
        paragraphs, length = [], 0
        while length < target:
            text = self.quote(rng.choice(speakers)) if rng.random() < 0.3 else self.paragraph()
            paragraphs.append(text)
            length += len(text.split())
        meta = {
            "title": " ".join(w.capitalize() for w in rng.choices(self.words[50:], k=rng.randint(5, 10))),
            "author": rng.choice(self.people),
            "date": date,
            "dateline": f"{rng.choice(CITIES)}, {date.strftime('%b. %-d, %Y')} - ",
        }
        return ("html" if number % 2 else "txt"), {**meta, "paragraphs": paragraphs}


def render_txt(article: dict) -> str:
    lines = ["728 x 90", "", article["title"], "", f"Reported by {article['author']}", ""]
    body = list(article["paragraphs"])
    body[0] = article["dateline"] + body[0]
    lines += [line for paragraph in body for line in (paragraph, "")]
    lines += [f"About {article['author']} (42 Articles)", f"{article['author']} writes about the region.",
              *TXT_BOILERPLATE, "", "Latest News and Articles", "Another headline here"]
    return "\n".join(lines) + "\n"


def render_html(article: dict) -> str:
    body = list(article["paragraphs"])
    body[0] = article["dateline"] + body[0]
    paragraphs = "\n".join(f"<p>{paragraph}</p>" for paragraph in body)
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{article['title']} | Bench Gazette</title>
<meta property="og:title" content="{article['title']}"><meta name="author" content="{article['author']}">
<meta property="article:published_time" content="{article['date'].isoformat()}T08:00:00Z">
<script>var ads = [];</script></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<div class="ad-slot">Advertisement</div>
<article><h1>{article['title']}</h1><p class="byline">By {article['author']}</p>
<div class="share-bar">Share on Facebook Share on X</div>
{paragraphs}
<div class="author-bio">{article['author']} writes about the region.</div></article>
<aside class="related-stories"><h3>Related</h3><ul><li>Another headline</li></ul></aside>
<footer>© Bench Gazette</footer></body></html>
"""


def generate(out: Path, count: int, seed: int = 7) -> list[Path]:
    writer = ArticleWriter(seed)
    paths = []
    for number in range(count):
        kind, article = writer.article(number)
        path = out / f"{number // 1000:03d}" / f"article-{number:07d}.{kind}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_txt(article) if kind == "txt" else render_html(article), encoding="utf-8")
        paths.append(path)
    return paths


def ensure_corpus(out: Path, count: int) -> None:
    """`count` generated articles in `out`, written anew unless exactly that many are there: a
    benchmark's corpus, reused between its runs."""
    if out.is_dir() and sum(1 for _ in out.rglob("article-*")) == count:
        return
    shutil.rmtree(out, ignore_errors=True)
    generate(out, count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.count, args.seed)
    print(f"wrote {args.count} articles to {args.out}")


if __name__ == "__main__":
    main()
