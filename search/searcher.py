"""The front of the library's reading side: one short method per public call, each checking what it is
asked, then handing off to a stage of search/query on a leased generation, within query_timeout_s."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Iterator, Sequence

from whoosh import query as wq

from .config import Settings
from .errors import QueryRefused
from .models import ArchiveSummary, ArticleView, PersonPage, QuoteFound, SearchOptions, SearchPage
from .query import views
from .query.article_view import article_view
from .query.completions import completions
from .query.deadline import call_within
from .query.matching import run_query
from .query.parse import asks_for_quotes
from .query.reading import Generations, Reading
from .query.results import search_page
from .research.concordance import ORDERS, Concordance
from .research.export import ExportRow
from .research.timeline import INTERVALS, Timeline
from .research.timeline import MAX_QUERIES as MAX_TIMELINE_QUERIES

NO_OPTIONS = SearchOptions()


class ArchiveSearcher:
    """Every call runs on one generation, which stays on disk until the call ends, and within
    query_timeout_s, after which it is stopped with QueryTooSlowError."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._generations = Generations(settings)

    def _within_time(self, call, *args):
        return self._generations.within_time(call, *args)

    def search(self, text: str, page: int = 1, per_page: int | None = None,
               options: SearchOptions = NO_OPTIONS) -> SearchPage:
        per_page = per_page or self.settings.per_page
        self.settings.check_page(page, per_page)
        return self._within_time(self._search, text, page, per_page, options, time.perf_counter())

    def _search(self, reading: Reading, text: str, page: int, per_page: int, options: SearchOptions,
                started: float) -> SearchPage:
        run = run_query(reading, text, options, self.settings)
        return search_page(run, page, per_page, options, lambda: round((time.perf_counter() - started) * 1000, 2),
                           self.settings)

    def ranked_ids(self, text: str, limit: int, options: SearchOptions = NO_OPTIONS) -> list[str]:
        """The ids of the first `limit` hits of a search, without rendering them (for evaluation)."""
        return self._within_time(self._ranked_ids, text, limit, options)

    def _ranked_ids(self, reading: Reading, text: str, limit: int, options: SearchOptions) -> list[str]:
        run = run_query(reading, text, options, self.settings)
        return [run.searcher.stored_fields(docnum)["id"] for docnum in run.ranking.page(0, limit).hits.tolist()]

    def article(self, doc_id: str, text: str = "") -> ArticleView:
        """One article by id, its body escaped, with the words of the query `text` marked, and the
        articles like it."""
        return self._within_time(article_view, doc_id, text, self.settings)

    def completions(self, text: str, limit: int = 8) -> list[str]:
        """Queries that complete what has been typed so far (search/query/completions.py)."""
        return self._within_time(completions, text, limit, self.settings)

    def export(self, text: str, options: SearchOptions = NO_OPTIONS,
               accessed: dt.date | None = None) -> Iterator[ExportRow]:
        """Every article a search matches, in its order, as rows to cite. The search runs now, within
        query_timeout_s, and raises as search() does; the rows are read as they are taken, from the
        same generation, which stays leased until they are all taken or the iterator is closed."""
        stack = contextlib.ExitStack()
        reading = stack.enter_context(self._generations.reading())
        try:
            run = call_within(self.settings.query_timeout_s, self._generations.too_slow, views.articles_run,
                              reading, text, options, self.settings, "An export lists articles")
        except BaseException:
            stack.close()
            raise
        rows = self._leased_rows(stack, views.export_rows(run, accessed or dt.date.today()))
        next(rows)  # inside the lease from here on: closing the iterator, or losing it, releases it
        return rows

    @staticmethod
    def _leased_rows(stack: contextlib.ExitStack, rows: Iterator[ExportRow]) -> Iterator:
        with stack:
            yield None
            yield from rows

    def concordance(self, text: str, options: SearchOptions = NO_OPTIONS, order: str = ORDERS[0]) -> Concordance:
        """Keyword in context (search/research/concordance.py): each occurrence of the query's words in
        the search's articles, in its order, one line each, until concordance.MAX_LINES; then in
        `order`. Raises as search() does, and QueryRefused for a search of quotations and for an
        order not in concordance.ORDERS."""
        if order not in ORDERS:
            raise QueryRefused(f"The order must be one of {', '.join(ORDERS)}, got {order[:40]!r}")
        return self._within_time(views.concordance, text, options, order, self.settings)

    def timeline(self, queries: Sequence[str], options: SearchOptions = NO_OPTIONS,
                 interval: str | None = None) -> Timeline:
        """Each query's matches per period, beside all articles of the period (search/research/timeline.py).
        The queries are run as search() runs them, with its filters, except that a short query
        counts only the articles with every one of its words. Raises QueryRefused for no query, a
        blank one, more than timeline.MAX_QUERIES, or an interval not in timeline.INTERVALS."""
        if not queries or any(not text.strip() for text in queries):
            raise QueryRefused("A timeline needs the words to search for: give each query some")
        if len(queries) > MAX_TIMELINE_QUERIES:
            raise QueryRefused(f"A timeline compares at most {MAX_TIMELINE_QUERIES} queries, got {len(queries)}")
        if interval is not None and interval not in INTERVALS:
            raise QueryRefused(f"The interval must be one of {', '.join(INTERVALS)}, got {interval[:40]!r}")
        return self._within_time(views.queries_timeline, list(queries), options, interval, self.settings)

    def check_quote(self, text: str, options: SearchOptions = NO_OPTIONS) -> tuple[QuoteFound, ...]:
        """The articles that carry the quotation `text` verbatim or nearly (search/research/quotecheck.py),
        earliest first, with the search's filters. Raises QueryRefused for fewer than
        quotecheck.MIN_WORDS words or a text longer than max_pasted_chars."""
        if len(text) > self.settings.max_pasted_chars:
            raise QueryRefused(f"The quotation is too long to check ({len(text)} characters; the limit is "
                               f"{self.settings.max_pasted_chars})")
        return self._within_time(views.checked_quote, text, options)

    def person(self, name: str, text: str = "", options: SearchOptions = NO_OPTIONS, page: int = 1,
               per_page: int | None = None) -> PersonPage:
        """The page of the person `name` (any of their spellings, search/research/people.py): their
        quotations newest first, how often they are quoted over time, and who is quoted beside them,
        who writes and where, within the query `text` (optional) and the options' dates and filters.
        Raises PersonNotFoundError when no speaker of the archive is that person, QueryRefused for a
        query of said: (the page's quotations are all theirs)."""
        if asks_for_quotes(text):
            raise QueryRefused("A person's page lists only their quotations: search for the words without said:")
        per_page = per_page or self.settings.per_page
        self.settings.check_page(page, per_page)
        return self._within_time(views.person_page, name, text.strip(), options, page, per_page, self.settings)

    def summary(self) -> ArchiveSummary:
        """What the archive holds, read once per generation."""
        return self._within_time(views.summary, self.settings)

    def serving(self) -> tuple[str, int]:
        """(generation, articles) of the index this searcher answers from, read through a search of
        it: what a load balancer's health check asks."""
        return self._within_time(self._serving)

    @staticmethod
    def _serving(reading: Reading) -> tuple[str, int]:
        reading.articles.search(wq.Every(), limit=1)
        return reading.generation.name, reading.articles.doc_count()

    def count(self) -> int:
        with self._generations.reading() as reading:
            return reading.articles.doc_count()
