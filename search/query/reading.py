"""I/O edge: the index generation a call reads, leased while in use, and what is read once per generation.

One Generations serves a whole process. Each thread keeps its own Whoosh searchers and reopens them
when a rebuild publishes a new generation, so searches never open the index per request and see a
new index as soon as it is swapped in. Per-document columns (recency, stories, facet values, live
documents, field lengths) are read once per generation, before any call's time starts.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from ..config import Settings
from ..errors import QueryTooSlowError
from ..index import store
from ..index.schema import BODY, EXACT_FIELDS, FACET_COLUMNS, FACET_JOINER, QUOTATION_TEXT, RECENCY_COLUMN
from ..models import ArchiveSummary
from ..research.people import Directory
from . import posting_arrays
from .deadline import call_within
from .parse import make_parser, make_quote_parser
from .scoring import BM25

# The searched text field of each kind of search, whose lengths (and those of its field of words as
# written, which phrases search) the array scoring reads.
TEXT_FIELDS = {"articles": BODY, "quotes": QUOTATION_TEXT}


@dataclass
class Columns:
    """Per-document values read once per generation: recency, story ids, facet values, which
    documents are live, and field lengths."""

    recency: list[int] = field(default_factory=list)
    story: list[str] | None = None
    facets: dict[str, posting_arrays.FacetValues] = field(default_factory=dict)
    live: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    lengths: dict[str, np.ndarray] = field(default_factory=dict)

    @functools.cached_property
    def recency_array(self) -> np.ndarray:
        return np.asarray(self.recency, dtype=np.int64)

    @functools.cached_property
    def story_numbers(self) -> np.ndarray | None:
        """Each document's story as a number: documents of one story share it."""
        if self.story is None:
            return None
        return np.unique(np.asarray(self.story, dtype=object).astype(str), return_inverse=True)[1]


def column_values(reader, name: str) -> Iterator:
    """Every document's value of a column, segment by segment. A segment none of whose documents has
    the value (an update adding only undated articles) has no such column, nor has an index written
    before the column existed: their documents get None."""
    for segment, _ in reader.leaf_readers():
        if name in segment.schema and segment.has_column(name):
            yield from segment.column_reader(name)
        else:
            yield from itertools.repeat(None, segment.doc_count_all())


def read_columns(reader, with_story: bool) -> Columns:
    def values(raw) -> tuple[str, ...]:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else (raw or "")
        return tuple(v for v in text.split(FACET_JOINER) if v)

    facets = {name: posting_arrays.FacetValues.of([values(raw) for raw in column_values(reader, column)])
              for name, column in FACET_COLUMNS.items()}
    story = list(column_values(reader, "story")) if with_story else None
    live = np.zeros(reader.doc_count_all(), dtype=bool)
    live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
    return Columns(recency=[value or 0 for value in column_values(reader, RECENCY_COLUMN)], story=story,
                   facets=facets, live=live)


@dataclass
class Generation:
    """One index generation as this process reads it, leased (see store.lease) while in use."""

    name: str
    articles: object
    quotes: object
    parser: object
    quote_parser: object
    lease: int
    columns: dict[str, Columns] = field(default_factory=dict)
    summary: ArchiveSummary | None = None
    people: Directory | None = None
    users: int = 0
    retired: bool = False


@dataclass(frozen=True)
class Reading:
    """What one call reads: a generation and this thread's searchers of it."""

    generation: Generation
    articles: object
    quotes: object

    def searcher(self, kind: str):
        return self.quotes if kind == "quotes" else self.articles

    def columns(self, kind: str) -> Columns:
        return self.generation.columns[kind]


class Generations:
    """The generation CURRENT names, opened once per process and per thread, and each call on one
    generation, which stays on disk until the call ends, within query_timeout_s."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._local = threading.local()
        self._lock = threading.Lock()
        self._current: Generation | None = None

    def within_time(self, call, *args):
        """call(reading, *args) on the current generation, stopped after query_timeout_s."""
        with self.reading() as reading:
            return call_within(self.settings.query_timeout_s, self.too_slow, call, reading, *args)

    def too_slow(self) -> QueryTooSlowError:
        return QueryTooSlowError(f"The search took longer than {self.settings.query_timeout_s:g} s and was "
                                 "stopped: make it more specific (fewer words, a phrase, a filter)")

    @contextlib.contextmanager
    def reading(self) -> Iterator[Reading]:
        """The current generation, reopened after a rebuild, held until the block ends."""
        generation = self._use_current()
        try:
            yield Reading(generation, *self._thread_searchers(generation))
        finally:
            with self._lock:
                generation.users -= 1
                done = generation.retired and generation.users == 0
            if done:
                store.release(generation.lease)

    def _use_current(self) -> Generation:
        published = store.current_generation(self.settings.index)
        with self._lock:
            current = self._current
            if current is not None and (published is None or published.name == current.name):
                current.users += 1
                return current
        opened = self._opened()
        with self._lock:
            old, self._current = self._current, opened
            opened.users += 1
            if old is not None:
                old.retired = True
                if old.users == 0:
                    store.release(old.lease)
        return opened

    def _opened(self) -> Generation:
        """The generation CURRENT names, leased, with the per-document columns searches read."""
        articles, quotes, name, lease = store.open_current(self.settings.index)
        try:
            generation = Generation(name, articles, quotes, make_parser(articles.schema),
                                    make_quote_parser(quotes.schema), lease)
            # Read once, before any search's time starts: on a large index they take a while.
            for kind, index in (("articles", articles), ("quotes", quotes)):
                with index.reader() as reader:
                    columns = read_columns(reader, with_story=kind == "articles")
                    for fieldname in (TEXT_FIELDS[kind], EXACT_FIELDS.get(TEXT_FIELDS[kind])):
                        if fieldname in reader.schema:
                            columns.lengths[fieldname] = posting_arrays.field_lengths(reader, fieldname)
                generation.columns[kind] = columns
        except BaseException:
            store.release(lease)
            raise
        return generation

    def _thread_searchers(self, generation: Generation) -> tuple[object, object]:
        """This thread's searchers of `generation`, opened once per thread and generation."""
        local = self._local
        if getattr(local, "generation", None) != generation.name:
            weighting = BM25(B=self.settings.bm25_b, K1=self.settings.bm25_k1)
            old = getattr(local, "searchers", ())
            local.searchers = (generation.articles.searcher(weighting=weighting),
                               generation.quotes.searcher(weighting=weighting))
            local.generation = generation.name
            for searcher in old:
                searcher.close()
        return local.searchers
