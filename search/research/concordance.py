"""Pure: keyword in context. Each occurrence of a query's words in an article, one line each, with
the words around it, sortable by the words before or after it.

Occurrences are the words a snippet would mark (search/query/snippets.py): the query's words as the index
matched them, phrases only where the whole phrase stands. Marked words with nothing but spaces
between them (a phrase, or two query words side by side) are one keyword.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from ..models import paragraph_at

WORDS_AROUND = 8
MAX_LINES = 1000
# "article": in the search's order, then by place in the article; "before" / "after": alphabetically
# by the nearest word before (after) the keyword, then the next nearest.
ORDERS = ("article", "before", "after")
WORD = re.compile(r"\S+")
TRAILING_PUNCTUATION = re.compile(r"(?P<word>.*?)(?P<tail>\W*)$", re.DOTALL)
EDGE_PUNCTUATION = "\"'“”‘’«»()[]{},.;:!?…—–-"


@dataclass(frozen=True)
class KwicLine:
    article_id: str
    title: str
    date: dt.date | None
    paragraph: int
    before: str
    keyword: str
    after: str


@dataclass(frozen=True)
class Concordance:
    """The lines of the first articles of a search, at most MAX_LINES (`cut` when there were more),
    in `order`; `articles`: how many the search matched, `read`: how many of them the lines cover."""

    query: str
    order: str
    lines: tuple[KwicLine, ...]
    articles: int
    read: int
    cut: bool


def keyword_spans(text: str, marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each keyword: marks in text order, those with only spaces between them joined."""
    spans: list[list[int]] = []
    for start, end in sorted(marks):
        if spans and start >= spans[-1][1] and not text[spans[-1][1]:start].strip():
            spans[-1][1] = max(spans[-1][1], end)
        elif not spans or start >= spans[-1][1]:
            spans.append([start, end])
    return [(start, end) for start, end in spans]


def lines_of(article_id: str, title: str, date: dt.date | None, text: str, marks: list[tuple[int, int]],
             around: int = WORDS_AROUND) -> list[KwicLine]:
    """One line per keyword of the text, with up to `around` words either side, on one line."""
    words = [(found.start(), found.end()) for found in WORD.finditer(text)]
    starts = [start for start, _ in words]
    lines = []
    for start, end in keyword_spans(text, marks):
        first = bisect_left(starts, start)
        last = bisect_left(starts, end)
        before = " ".join(text[a:b] for a, b in words[max(0, first - around):first])
        # The rest of the keyword's last written word stays with it ("bridge’s"), its punctuation
        # goes after it ("contract." -> "contract", ". In").
        rest = TRAILING_PUNCTUATION.match(text[end:words[last - 1][1]] if last > first else "")
        after = " ".join(filter(None, [rest["tail"]] + [text[a:b] for a, b in words[last:last + around]]))
        keyword = " ".join((text[start:end] + rest["word"]).split())
        lines.append(KwicLine(article_id, title, date, paragraph_at(text, start), before, keyword, after))
    return lines


def _sort_words(text: str) -> list[str]:
    return [key for word in text.split() if (key := word.strip(EDGE_PUNCTUATION).lower())]


def ordered(lines: list[KwicLine], order: str) -> list[KwicLine]:
    """The lines in `order` (one of ORDERS); ties keep the search's order."""
    if order == "article":
        return list(lines)
    if order == "before":
        return sorted(lines, key=lambda line: _sort_words(line.before)[::-1])
    if order == "after":
        return sorted(lines, key=lambda line: _sort_words(line.after))
    raise ValueError(f"no concordance order {order!r}")
