"""Plain values passed between the layers; no I/O here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    body: str
    author: str | None = None
    speakers: tuple[str, ...] = ()
    date: dt.date | None = None
    date_source: str | None = None
    url: str | None = None


SORT_ORDERS = ("relevance", "newest", "oldest")
DEFAULT_SORT = SORT_ORDERS[0]


@dataclass(frozen=True)
class SearchOptions:
    """Filters and order applied on top of the query text; None means no filter."""

    speaker: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = DEFAULT_SORT


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    date: dt.date | None
    author: str | None
    speakers: tuple[str, ...]
    score: float
    snippet: str
    url: str | None


@dataclass(frozen=True)
class SearchPage:
    query: str
    total: int
    page: int
    per_page: int
    took_ms: float
    hits: tuple[Hit, ...]
    options: SearchOptions = field(default_factory=SearchOptions)

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class ArticleView:
    """One stored article with its body already escaped and the query's terms marked."""

    article: Article
    body_html: str


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class RebuildReport:
    indexed: int
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)
    elapsed_s: float = 0.0
    index_dir: str = ""


@dataclass(frozen=True)
class CleanedPage:
    """An article's text without boilerplate, and the metadata hints found around it.

    `paragraphs` excludes the headline. `hints` maps a hint name (see clean.py) to its first value;
    `date_hints` lists (source, raw text) pairs in the order they should be trusted.
    """

    paragraphs: tuple[str, ...]
    hints: dict[str, str] = field(default_factory=dict)
    date_hints: tuple[tuple[str, str], ...] = ()
