"""I/O edge: run queries against the current index generation -> SearchPage, ArticleView.

One ArchiveSearcher serves a whole process. Each thread keeps its own Whoosh searchers and reopens
them when a rebuild publishes a new generation, so searches never open the index per request and see
a new index as soon as it is swapped in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html
import itertools
import math
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from whoosh import collectors, highlight, scoring
from whoosh import query as wq
from whoosh.searching import Results

from . import bulk, quotecheck, store
from .concordance import MAX_LINES as MAX_CONCORDANCE_LINES, ORDERS, Concordance, KwicLine, ordered
from .concordance import lines_of as kwic_lines
from .config import Settings
from .deadline import call_within
from .errors import ArticleNotFoundError, PersonNotFoundError, QuerySyntaxError, QueryTooSlowError
from .export import ExportRow
from .models import (FACETS, ArchiveSummary, ArticleView, Hit, PersonPage, QuoteFound, QuoteHit, SearchOptions,
                     SearchPage)
from .people import Directory
from .query import (asks_for_quotes, body_terms, informative_words, is_pasted, make_parser, make_quote_parser,
                    matching_policy, options_filter, parse_query, words_to_mark, written_words_field)
from .ranking import Matches, Ranking, rank
from .rewrites import (CloseWordsCorrector, complete_last_word, loosen_unknown_words, refuse_huge_expansions,
                       unknown_terms)
from .schema import (DEFAULT_FIELDS, EXACT_FIELDS, FACET_COLUMNS, FACET_JOINER, QUOTE_FIELDS, RECENCY_COLUMN,
                     WORD_COUNTS, from_stored, quote_from_stored)
from .snippets import (MarkFormatter, analysed_occurrences, best_passages, lead_snippet, marked_tokens,
                       merged_tokens, paragraph_at, sought_words, stored_occurrences)
from .timeline import INTERVALS, MAX_QUERIES as MAX_TIMELINE_QUERIES, Timeline, timeline
from .whoosh_adapter import read_lengths_from

NO_OPTIONS = SearchOptions()
# Articles a concordance reads at a time, until it has its lines.
CONCORDANCE_BATCH = 50
# A quotation's rarest words pick the articles read for it, at most QUOTE_CANDIDATES of them: a
# passage that carries it nearly keeps most of them, and reading is bounded whatever its words.
QUOTE_RARE_WORDS = 8
QUOTE_CANDIDATES = 300


class BM25(scoring.BM25F):
    """BM25 with its own inverse document frequency, log(1 + (N - n + 0.5) / (n + 0.5)).

    Whoosh's BM25F takes the idf of tf-idf, log(N / (n + 1)) + 1, whose constant 1 gives every
    matched word a floor and so undervalues rare words; measured on the relevance collections
    (docs/ranking.md), the probabilistic idf ranks better."""

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        matching = parent.doc_frequency(fieldname, text)
        return math.log(1 + (parent.doc_count_all() - matching + 0.5) / (matching + 0.5))

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf)
        if isinstance(scorer, scoring.BM25FScorer):
            read_lengths_from(scorer, bulk.document_lengths(searcher.reader(), fieldname))
        return scorer


class MatchCollector(collectors.Collector):
    """Every match's document number and score, in document order: for the queries only Whoosh's
    matchers can run, what bulk.scores gives from arrays. Ranking is ranking.rank's, for both."""

    def __init__(self):
        super().__init__()
        self.docs: list[int] = []
        self.scores: list[float] = []

    def prepare(self, top_searcher, q, context):
        # The score of a match is read from the matcher standing on it.
        super().prepare(top_searcher, q, context.set(needs_current=True))

    def collect(self, sub_docnum: int) -> float:
        score = self.matcher.score()
        self.docs.append(self.offset + sub_docnum)
        self.scores.append(score)
        return score

    def found(self) -> Matches:
        """What was matched (Collector.matches is Whoosh's: the current segment's matches)."""
        return Matches(np.asarray(self.docs, dtype=np.int64), np.asarray(self.scores, dtype=np.float64))


@dataclass
class _Columns:
    """Per-document values read once per generation: recency, story ids, facet values, which
    documents are live, and (read when first needed) field lengths."""

    recency: list[int] = field(default_factory=list)
    story: list[str] | None = None
    facets: dict[str, bulk.FacetValues] = field(default_factory=dict)
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


def _column(reader, name: str) -> Iterator:
    """Every document's value of a column, segment by segment. A segment none of whose documents has
    the value (an update adding only undated articles) has no such column, nor has an index written
    before the column existed: their documents get None."""
    for segment, _ in reader.leaf_readers():
        if name in segment.schema and segment.has_column(name):
            yield from segment.column_reader(name)
        else:
            yield from itertools.repeat(None, segment.doc_count_all())


def _read_columns(reader, with_story: bool) -> _Columns:
    def values(raw) -> tuple[str, ...]:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else (raw or "")
        return tuple(v for v in text.split(FACET_JOINER) if v)

    facets = {name: bulk.FacetValues.of([values(raw) for raw in _column(reader, column)])
              for name, column in FACET_COLUMNS.items()}
    story = list(_column(reader, "story")) if with_story else None
    live = np.zeros(reader.doc_count_all(), dtype=bool)
    live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
    return _Columns(recency=[value or 0 for value in _column(reader, RECENCY_COLUMN)], story=story, facets=facets,
                    live=live)


# The last word of a query being typed names a speaker after one of these.
NAME_FIELD = re.compile(r"^(?:speaker|said):", re.IGNORECASE)


@dataclass
class _Execution:
    """A query run: what was searched, how, and its ranking."""

    kind: str
    searcher: object
    parser: object
    query: object
    loosened: tuple[str, ...]
    ranking: Ranking
    columns: _Columns
    # Matches with every word of a short query: fewer than the ranking's when others were added after
    # them (`filled`).
    complete: int
    filled: bool = False


@dataclass
class _Generation:
    """One index generation as this process reads it, leased (see store.lease) while in use."""

    name: str
    articles: object
    quotes: object
    parser: object
    any_word_parser: object
    quote_parser: object
    lease: int
    columns: dict[str, _Columns] = field(default_factory=dict)
    summary: ArchiveSummary | None = None
    people: Directory | None = None
    users: int = 0
    retired: bool = False


@dataclass(frozen=True)
class _Reading:
    """What one call reads: a generation and this thread's searchers of it."""

    generation: _Generation
    articles: object
    quotes: object


# The searched text field of each kind of search, whose lengths (and those of its field of words as
# written, which phrases search) bulk scoring reads.
TEXT_FIELDS = {"articles": DEFAULT_FIELDS[-1], "quotes": QUOTE_FIELDS[-1]}


class ArchiveSearcher:
    """Every call runs on one generation, which stays on disk until the call ends, and within
    query_timeout_s, after which it is stopped with QueryTooSlowError."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._local = threading.local()
        self._lock = threading.Lock()
        self._generation: _Generation | None = None

    # ------------------------------------------------------------------ generations and searchers

    def _within_time(self, call, *args):
        """call(reading, *args) on the current generation, stopped after query_timeout_s."""
        with self._reading() as reading:
            return call_within(self.settings.query_timeout_s, self._too_slow, call, reading, *args)

    def _too_slow(self) -> QueryTooSlowError:
        return QueryTooSlowError(f"The search took longer than {self.settings.query_timeout_s:g} s and was "
                                 "stopped: make it more specific (fewer words, a phrase, a filter)")

    @contextlib.contextmanager
    def _reading(self) -> Iterator[_Reading]:
        """The current generation, reopened after a rebuild, held until the block ends."""
        generation = self._use_current()
        try:
            yield _Reading(generation, *self._thread_searchers(generation))
        finally:
            with self._lock:
                generation.users -= 1
                done = generation.retired and generation.users == 0
            if done:
                store.release(generation.lease)

    def _use_current(self) -> _Generation:
        published = store.current_generation(self.settings.index)
        with self._lock:
            current = self._generation
            if current is not None and (published is None or published.name == current.name):
                current.users += 1
                return current
        opened = self._open()
        with self._lock:
            old, self._generation = self._generation, opened
            opened.users += 1
            if old is not None:
                old.retired = True
                if old.users == 0:
                    store.release(old.lease)
        return opened

    def _open(self) -> _Generation:
        """The generation CURRENT names, leased, with the per-document columns searches read."""
        articles, quotes, name, lease = store.open_current(self.settings.index)
        try:
            generation = _Generation(name, articles, quotes, make_parser(articles.schema),
                                     make_parser(articles.schema, any_word=True), make_quote_parser(quotes.schema),
                                     lease)
            # Read once, before any search's time starts: on a large index they take a while.
            for kind, index in (("articles", articles), ("quotes", quotes)):
                with index.reader() as reader:
                    columns = _read_columns(reader, with_story=kind == "articles")
                    for fieldname in (TEXT_FIELDS[kind], EXACT_FIELDS.get(TEXT_FIELDS[kind])):
                        if fieldname in reader.schema:
                            columns.lengths[fieldname] = bulk.field_lengths(reader, fieldname)
                generation.columns[kind] = columns
        except BaseException:
            store.release(lease)
            raise
        return generation

    def _thread_searchers(self, generation: _Generation) -> tuple[object, object]:
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

    # ------------------------------------------------------------------------------------ search

    def _execute(self, reading: _Reading, text: str, options: SearchOptions, fill: bool = True) -> _Execution:
        """Parse, bound, complete, loosen, match and rank: the query path every search takes.

        A short plain query matches articles with all of its words; when fewer than `fill_below` do,
        and `fill`, it is run again for any of its words, with the articles that have all of them first."""
        generation, article_searcher, quote_searcher = reading.generation, reading.articles, reading.quotes
        quotes = options.kind == "quotes" or asks_for_quotes(text)
        matching = matching_policy(text, self.settings.all_words_up_to)
        searcher, parser = (quote_searcher, generation.quote_parser) if quotes else \
            (article_searcher, generation.any_word_parser if matching.any_word else generation.parser)
        kind = "quotes" if quotes else "articles"
        columns = generation.columns[kind]
        collapse = not quotes and options.story is None
        text_field = QUOTE_FIELDS[-1] if quotes else DEFAULT_FIELDS[-1]
        parsed, loosened = self._parse(self._searched(searcher, text_field, matching, text), parser,
                                       searcher.reader(), options)
        ranked = self._ranked(searcher, parsed, text_field, options, columns, collapse)
        complete = ranked.total
        if fill and not quotes and matching.plain and not matching.any_word and complete < self.settings.fill_below:
            any_word, _ = self._parse(matching.text, generation.any_word_parser, searcher.reader(), options)
            first = np.zeros(len(columns.live), dtype=bool)
            first[ranked.matched] = True
            ranked = self._ranked(searcher, any_word, text_field, options, columns, collapse, first)
            return _Execution(kind, searcher, parser, parsed, loosened, ranked, columns, complete, filled=True)
        return _Execution(kind, searcher, parser, parsed, loosened, ranked, columns, complete)

    def _searched(self, searcher, text_field: str, matching, text: str) -> str:
        """What a query is parsed as: the text as matched, or a pasted plain text's most informative
        words (at most max_query_terms)."""
        if not (matching.plain and is_pasted(text, self.settings.max_query_chars, self.settings.max_query_terms)):
            return matching.text
        if len(text) > self.settings.max_pasted_chars:
            raise QuerySyntaxError(f"The text is too long to search ({len(text)} characters; the limit is "
                                   f"{self.settings.max_pasted_chars})")
        reader = searcher.reader()
        return informative_words(matching.text, searcher.schema[text_field].analyzer,
                                 lambda term: reader.doc_frequency(text_field, term), reader.doc_count(),
                                 self.settings.max_query_terms, self.settings.max_query_chars)

    def _parse(self, text: str, parser, reader, options: SearchOptions):
        """(query, words loosened) for a text: bounded, its last word completed while typing, and
        words the index lacks loosened."""
        parsed = parse_query(text, parser, self.settings.max_query_chars, self.settings.max_query_terms)
        refuse_huge_expansions(parsed, reader, self.settings.max_expansions)
        if options.as_you_type:
            parsed = complete_last_word(parsed, text, reader, self.settings.max_expansions)
        return loosen_unknown_words(parsed, text, reader, unfinished_last_word=options.as_you_type)

    def ranked_ids(self, text: str, limit: int, options: SearchOptions = NO_OPTIONS) -> list[str]:
        """The ids of the first `limit` hits of a search, without rendering them (for evaluation)."""
        return self._within_time(self._ranked_ids, text, limit, options)

    def _ranked_ids(self, reading: _Reading, text: str, limit: int, options: SearchOptions) -> list[str]:
        run = self._execute(reading, text, options)
        return [run.searcher.stored_fields(docnum)["id"] for docnum in run.ranking.page(0, limit).hits.tolist()]

    def search(self, text: str, page: int = 1, per_page: int | None = None,
               options: SearchOptions = NO_OPTIONS) -> SearchPage:
        return self._within_time(self._search, text, page, per_page, options, time.perf_counter())

    def _search(self, reading: _Reading, text: str, page: int, per_page: int | None, options: SearchOptions,
                started: float) -> SearchPage:
        per_page = per_page or self.settings.per_page
        run = self._execute(reading, text, options)
        quotes, ranking = run.kind == "quotes", run.ranking
        listed = ranking.page((page - 1) * per_page, per_page)
        # Whoosh's hits of the page's documents, for their stored fields and highlighting.
        shown = Results(run.searcher, run.query, list(zip(listed.scores.tolist(), listed.hits.tolist())))[:]
        if quotes:
            strict_phrase = any(isinstance(part, wq.Phrase) for part in run.query.leaves())
            hits = tuple(self._quote_hit(hit, hit.score, strict_phrase) for hit in shown)
        else:
            snippets = self._snippets(run.searcher, run.query, shown)
            others = [] if listed.others is None else listed.others.tolist()
            hits = tuple(self._listed(hit, hit.score, snippets[hit.docnum], others[at] if others else 0)
                         for at, hit in enumerate(shown))
        suggestion = None
        # While the user types, the last word is unfinished, not misspelt: no suggestion until submitted;
        # nor for a pasted text, which is searched by some of its words.
        if (run.complete < self.settings.suggest_below or run.loosened) and not options.as_you_type \
                and not is_pasted(text, self.settings.max_query_chars, self.settings.max_query_terms):
            suggestion = self._suggestion(run.searcher, run.parser, QUOTE_FIELDS if quotes else DEFAULT_FIELDS,
                                          text, options, run.complete, run.loosened)
        return SearchPage(
            query=text, total=ranking.total, page=page, per_page=per_page,
            took_ms=round((time.perf_counter() - started) * 1000, 2), hits=hits,
            options=replace(options, kind=run.kind),
            facets=self._facets(run.columns, ranking.kept, ranking.matched), suggestion=suggestion, loosened=run.loosened,
            with_every_word=run.complete if run.filled else None,
            undated=int((run.columns.recency_array[ranking.kept] == 0).sum()))

    def _ranked(self, searcher, parsed, text_field: str, options: SearchOptions, columns: _Columns,
                collapse: bool, first: np.ndarray | None = None) -> Ranking:
        """A query's ranking; `text_field`: the field its plain words search; `first`: a mask of the
        documents ranked before all others."""
        matches = self._matched_in_bulk(searcher, parsed, text_field, options, columns)
        if matches is None:
            matches = self._matched_by_whoosh(searcher, parsed, options)
        return rank(matches, columns.recency_array, options.sort, first,
                    columns.story_numbers if collapse else None)

    @staticmethod
    def _matched_by_whoosh(searcher, parsed, options: SearchOptions) -> Matches:
        collector = MatchCollector()
        filtered = options_filter(options)
        searcher.search_with_collector(parsed, collectors.FilterCollector(collector, allow=filtered)
                                       if filtered is not None else collector)
        return collector.found()

    def _matched_in_bulk(self, searcher, parsed, fieldname: str, options: SearchOptions,
                         columns: _Columns) -> Matches | None:
        """What Whoosh's matchers would match and score, from arrays over the words' whole posting
        lists; None when the query is not plain words and phrases or the weighting cannot be computed
        that way."""
        groups = bulk.word_groups(parsed, fieldname)
        if groups is None:
            return None
        counts_field = WORD_COUNTS.get(fieldname)
        scored = bulk.scores(searcher, groups, fieldname, columns.lengths,
                             counts_field if counts_field in searcher.schema else None)
        if scored is None:
            return None
        matched, score = scored
        matched &= columns.live
        allowed = self._allowed(searcher, options, columns)
        if allowed is not None:
            matched &= allowed
        docs = np.flatnonzero(matched)
        return Matches(docs, score[docs])

    @staticmethod
    def _allowed(searcher, options: SearchOptions, columns: _Columns) -> np.ndarray | None:
        """Which documents the options' filters let through, or None when there are none. Dates
        are compared in memory; the other filters are queries."""
        allowed = None
        others = options_filter(replace(options, date_from=None, date_to=None))
        if others is not None:
            allowed = bulk.matching(searcher.reader(), others)
            if allowed is None:
                allowed = np.zeros(len(columns.live), dtype=bool)
                allowed[np.fromiter(searcher.docs_for_query(others), dtype=np.int64)] = True
        if options.date_from or options.date_to:
            recency = columns.recency_array
            # Undated documents (recency 0) are outside every range.
            in_range = recency >= (options.date_from.toordinal() if options.date_from else 1)
            if options.date_to:
                in_range &= recency <= options.date_to.toordinal()
            allowed = in_range if allowed is None else allowed & in_range
        return allowed

    def _facets(self, columns: _Columns, kept: Sequence[int],
                matched: Sequence[int]) -> dict[str, tuple[tuple[str, int], ...]]:
        """Each facet's values with the hits that have them, so that a value's count is the total
        its filter gives. Outlets count every match, not only each story's best: the versions of a
        story sit in different outlets, and filtering by one keeps its version."""
        chosen = np.zeros(len(columns.live), dtype=bool)
        chosen[np.asarray(kept, dtype=np.int64)] = True
        every = np.zeros(len(columns.live), dtype=bool)
        every[np.asarray(matched, dtype=np.int64)] = True
        facets = {}
        for name in FACETS:
            counted = every if name == "outlet" else chosen
            if name == "date":
                facets[name] = tuple(sorted(columns.facets[name].counts(counted)))
            else:
                counts = columns.facets[name].counts(counted, most=self.settings.facet_size)
                ranked = sorted(counts, key=lambda item: (-item[1], item[0].lower()))
                facets[name] = tuple(ranked[: self.settings.facet_size])
        return facets

    def _snippets(self, searcher, q, shown) -> dict[int, tuple[str, int | None]]:
        """Each shown hit's (snippet, paragraph): its best passages with the query's words marked,
        and the number of the paragraph of the first word marked (None without one)."""
        texts = {hit.docnum: hit.get(DEFAULT_FIELDS[-1], "") for hit in shown}
        found = {}
        for docnum, tokens in self._marked(searcher, q, texts).items():
            text = texts[docnum]
            best = best_passages(text, tokens, self.settings.snippet_fragments, self.settings.snippet_chars)
            found[docnum] = (MarkFormatter().format(best), paragraph_at(text, best[0].matches[0].startchar) if best else None)
        return found

    @staticmethod
    def _marked(searcher, q, texts: dict[int, str]) -> dict[int, list]:
        """The tokens of each document's text (by document number) that a query's words match: those of
        the text field and of its words as written (phrases, patterns), in text order."""
        reader, text_field = searcher.reader(), DEFAULT_FIELDS[-1]
        marked: dict[int, list] = {docnum: [] for docnum in texts}
        for fieldname in (text_field, EXACT_FIELDS[text_field]):
            if fieldname not in searcher.schema:
                continue
            words, phrases = sought_words(q, reader, fieldname)
            sought = words | {word.encode("utf-8") for phrase in phrases for word in phrase.words}
            if not sought:
                continue
            if searcher.schema[fieldname].supports("characters"):
                occurrences = stored_occurrences(reader, fieldname, sought, list(texts))
            else:
                analyzer = searcher.schema[fieldname].analyzer
                occurrences = {docnum: analysed_occurrences(analyzer, text, sought) for docnum, text in texts.items()}
            for docnum, text in texts.items():
                marked[docnum].append(marked_tokens(text, occurrences[docnum], words, phrases))
        return {docnum: merged_tokens(*groups) for docnum, groups in marked.items()}

    def _listed(self, hit, score: float, snippet: tuple[str, int | None] = ("", None), similar: int = 0) -> Hit:
        """A hit without a snippet from the query gets the article's lead paragraph; `snippet`: its
        text and the paragraph it starts in; `similar`: how many other articles of its story matched."""
        fields = hit.fields()
        article = from_stored(fields)
        return Hit(id=article.id, title=article.title, date=article.date, author=article.author,
                   speakers=article.speakers, score=round(float(score), 4),
                   snippet=snippet[0] or lead_snippet(article.body, self.settings.snippet_chars), url=article.url,
                   story=fields.get("story", article.id), similar=similar, outlet=article.outlet,
                   paragraph=snippet[1] if snippet[0] else None)

    def _quote_hit(self, hit, score: float, strict_phrase: bool) -> QuoteHit:
        quote, article_id, title, date = quote_from_stored(hit.fields())
        whole = highlight.Highlighter(fragmenter=highlight.WholeFragmenter(), formatter=MarkFormatter())
        snippet = whole.highlight_hit(hit, "text", top=1, minscore=0, strict_phrase=strict_phrase)
        return QuoteHit(article_id=article_id, title=title, date=date, speaker=quote.speaker,
                        snippet=snippet or html.escape(quote.text), score=round(float(score), 4))

    def _suggestion(self, searcher, parser, fields: tuple[str, ...], text: str, options: SearchOptions,
                    total: int, loosened: tuple[str, ...]) -> str | None:
        """The query with misspelt words replaced by close index words, when that finds more."""
        try:
            parsed = parser.parse(text)
            # The words as written (not their stems) of the main text field correct every searched field.
            written = written_words_field(fields[-1])
            corrector = CloseWordsCorrector(searcher.reader(), written, searcher.schema[written])
            misspelt = unknown_terms(parsed, text, searcher.reader())
            if not misspelt:
                return None
            correction = searcher.correct_query(parsed, text, correctors={name: corrector for name in fields},
                                                terms=misspelt, maxdist=2, prefix=1)
        except Exception:  # a suggestion is a nicety: a query Whoosh cannot correct simply gets none
            return None
        suggested = correction.string.strip()
        if not suggested or suggested.lower() == text.strip().lower():
            return None
        # The corrected query holds the words as written: parsed again, they are analysed like any query.
        found = searcher.search(parser.parse(suggested), limit=1, filter=options_filter(options))
        # After loosening, the hits may already be the corrected query's: the suggestion names them.
        return suggested if len(found) > (0 if loosened else total) else None

    # ---------------------------------------------------------------------------------- articles

    def article(self, doc_id: str, text: str = "") -> ArticleView:
        """One article by id, its body escaped, with the words of the query `text` marked, and the
        articles like it."""
        return self._within_time(self._article, doc_id, text)

    def _article(self, reading: _Reading, doc_id: str, text: str) -> ArticleView:
        generation, searcher = reading.generation, reading.articles
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            raise ArticleNotFoundError(f"No article with id {doc_id!r}")
        fields = searcher.stored_fields(docnum)
        article = from_stored(fields)
        terms = set()
        marked = words_to_mark(text)
        if marked.strip():
            try:
                matching = matching_policy(marked, self.settings.all_words_up_to)
                parsed = parse_query(self._searched(searcher, DEFAULT_FIELDS[-1], matching, marked),
                                     generation.parser, self.settings.max_query_chars, self.settings.max_query_terms)
                body = searcher.schema["body"]
                terms = body_terms(parsed, lambda word: body.process_text(word, mode="query"))
            except QuerySyntaxError:
                pass  # an article reached with a query it cannot read is shown, without marks
        body_html = ""
        if terms:
            body_html = highlight.highlight(article.body, terms, searcher.schema["body"].analyzer, highlight.WholeFragmenter(),
                                            MarkFormatter(), top=1, minscore=0)
        story = fields.get("story", doc_id)
        same_story = searcher.search(wq.Term("story", story), limit=None)
        same = tuple(self._listed(hit, hit.score) for hit in same_story if hit["id"] != doc_id)
        like = searcher.more_like(docnum, "body", top=self.settings.related_articles + len(same) + 1, numterms=12)
        related = tuple(self._listed(hit, hit.score) for hit in like if hit.get("story", hit["id"]) != story)
        return ArticleView(article=article, body_html=body_html or html.escape(article.body),
                           related=related[: self.settings.related_articles], same_story=same)

    def completions(self, text: str, limit: int = 8) -> list[str]:
        """Queries that complete what has been typed so far: its last word finished with words as
        written, those found with the words before it first, then the commonest; after speaker: or
        said:, speakers' names."""
        return self._within_time(self._completions, text, limit)

    def _completions(self, reading: _Reading, text: str, limit: int) -> list[str]:
        reader = reading.articles.reader()
        head, _, last = text.rpartition(" ")
        field, colon, last = last.rpartition(":") if NAME_FIELD.match(last) else ("", "", last)
        last = last.lower().lstrip('"')
        if len(last) < 2:
            return []
        if colon:
            names = sorted(self._speakers_named(reader, last), key=lambda name: -reader.doc_frequency("speaker", name))
            return [f'{head} {field}:"{name}"'.strip() if " " in name else f"{head} {field}:{name}".strip()
                    for name in names[:limit]]
        written = written_words_field(DEFAULT_FIELDS[-1])
        words = [word.decode("utf-8") for word in
                 itertools.islice(reader.expand_prefix(written, last), self.settings.max_expansions)]
        with_head = self._articles_with(reading, head)
        together = {word: len(with_head.intersection(reader.postings(written, word).all_ids())) if with_head else 0
                    for word in words}
        if any(together.values()):
            # Words never found with the words before them are no completion of this query.
            words = [word for word in words if together[word]]
        ranked = sorted(words, key=lambda word: (-together[word], -reader.doc_frequency(written, word)))
        return list(dict.fromkeys(f"{head} {word}".strip() for word in ranked))[:limit]

    def _speakers_named(self, reader, start: str) -> list[str]:
        """Speakers (as indexed, in lower case) one of whose names begins with `start`, the first
        max_expansions of them."""
        found = []
        for name in reader.lexicon("speaker"):
            name = name.decode("utf-8")
            if any(word.startswith(start) for word in name.split()):
                found.append(name)
                if len(found) >= self.settings.max_expansions:
                    break
        return found

    def _articles_with(self, reading: _Reading, head: str) -> set[int]:
        """The articles the words before the last one find (none when they are no query)."""
        if not head.strip():
            return set()
        try:
            matching = matching_policy(head, self.settings.all_words_up_to)
            parsed = parse_query(matching.text, reading.generation.parser, self.settings.max_query_chars,
                                 self.settings.max_query_terms)
        except QuerySyntaxError:
            return set()
        return set(reading.articles.docs_for_query(parsed))

    def export(self, text: str, options: SearchOptions = NO_OPTIONS,
               accessed: dt.date | None = None) -> Iterator[ExportRow]:
        """Every article a search matches, in its order, as rows to cite. The search runs now, within
        query_timeout_s, and raises as search() does; the rows are read as they are taken, from the
        same generation, which stays leased until they are all taken or the iterator is closed."""
        stack = contextlib.ExitStack()
        reading = stack.enter_context(self._reading())
        try:
            run = call_within(self.settings.query_timeout_s, self._too_slow, self._articles_run, reading, text,
                              options, "An export lists articles")
        except BaseException:
            stack.close()
            raise
        rows = self._export_rows(stack, run, accessed or dt.date.today())
        next(rows)  # inside the lease from here on: closing the iterator, or losing it, releases it
        return rows

    @staticmethod
    def _export_rows(stack: contextlib.ExitStack, run: _Execution, accessed: dt.date) -> Iterator:
        with stack:
            yield None
            for docnum in run.ranking.hits.tolist():
                yield ExportRow.of(from_stored(run.searcher.stored_fields(docnum)), accessed)

    def _articles_run(self, reading: _Reading, text: str, options: SearchOptions, what: str) -> _Execution:
        """A search that must list articles; one of quotations (said:) is refused, `what` saying why."""
        run = self._execute(reading, text, options)
        if run.kind == "quotes":
            raise QuerySyntaxError(f"{what}: search for the words without said: and filter by speaker instead")
        return run

    def concordance(self, text: str, options: SearchOptions = NO_OPTIONS, order: str = ORDERS[0]) -> Concordance:
        """Keyword in context (search/concordance.py): each occurrence of the query's words in the
        search's articles, in its order, one line each, until concordance.MAX_LINES; then in `order`.
        Raises QuerySyntaxError as search() does, for a search of quotations and for an order not in
        concordance.ORDERS."""
        if order not in ORDERS:
            raise QuerySyntaxError(f"The order must be one of {', '.join(ORDERS)}, got {order[:40]!r}")
        return self._within_time(self._concordance, text, options, order)

    def _concordance(self, reading: _Reading, text: str, options: SearchOptions, order: str) -> Concordance:
        run = self._articles_run(reading, text, options, "A concordance reads articles")
        lines: list[KwicLine] = []
        hits, read = run.ranking.hits.tolist(), 0
        while read < len(hits) and len(lines) <= MAX_CONCORDANCE_LINES:
            batch = hits[read:read + CONCORDANCE_BATCH]
            stored = {docnum: run.searcher.stored_fields(docnum) for docnum in batch}
            texts = {docnum: fields.get(DEFAULT_FIELDS[-1], "") for docnum, fields in stored.items()}
            marked = self._marked(run.searcher, run.query, texts)
            for docnum in batch:
                article = from_stored(stored[docnum])
                lines += kwic_lines(article.id, article.title, article.date, texts[docnum],
                                    [(token.startchar, token.endchar) for token in marked[docnum]])
            read += len(batch)
        cut = len(lines) > MAX_CONCORDANCE_LINES
        return Concordance(text, order, tuple(ordered(lines[:MAX_CONCORDANCE_LINES], order)), run.ranking.total,
                           read, cut)

    def timeline(self, queries: Sequence[str], options: SearchOptions = NO_OPTIONS,
                 interval: str | None = None) -> Timeline:
        """Each query's matches per period, beside all articles of the period (search/timeline.py).
        The queries are run as search() runs them, with its filters, except that a short query
        counts only the articles with every one of its words. Raises QuerySyntaxError for no query,
        a blank one, more than timeline.MAX_QUERIES, or an interval not in timeline.INTERVALS."""
        if not queries or any(not text.strip() for text in queries):
            raise QuerySyntaxError("A timeline needs the words to search for: give each query some")
        if len(queries) > MAX_TIMELINE_QUERIES:
            raise QuerySyntaxError(f"A timeline compares at most {MAX_TIMELINE_QUERIES} queries, got {len(queries)}")
        if interval is not None and interval not in INTERVALS:
            raise QuerySyntaxError(f"The interval must be one of {', '.join(INTERVALS)}, got {interval[:40]!r}")
        return self._within_time(self._timeline, list(queries), options, interval)

    def _timeline(self, reading: _Reading, queries: list[str], options: SearchOptions,
                  interval: str | None) -> Timeline:
        runs = [self._execute(reading, text, options, fill=False) for text in queries]

        def every_day(columns: _Columns) -> np.ndarray:
            return columns.recency_array[columns.live]

        return timeline(queries, [run.kind for run in runs], [run.columns.recency_array[run.ranking.matched] for run in runs],
                        [every_day(run.columns) for run in runs], every_day(reading.generation.columns["articles"]),
                        interval)

    def check_quote(self, text: str, options: SearchOptions = NO_OPTIONS) -> tuple[QuoteFound, ...]:
        """The articles that carry the quotation `text` verbatim or nearly (search/quotecheck.py),
        earliest first, with the search's filters. Raises QuerySyntaxError for fewer than
        quotecheck.MIN_WORDS words or a text longer than max_pasted_chars."""
        if len(text) > self.settings.max_pasted_chars:
            raise QuerySyntaxError(f"The quotation is too long to check ({len(text)} characters; the limit is "
                                   f"{self.settings.max_pasted_chars})")
        return self._within_time(self._check_quote, text, options)

    def _check_quote(self, reading: _Reading, text: str, options: SearchOptions) -> tuple[QuoteFound, ...]:
        searcher, columns = reading.articles, reading.generation.columns["articles"]
        fieldname = EXACT_FIELDS[DEFAULT_FIELDS[-1]]
        analyzer = searcher.schema[fieldname].analyzer
        quote = [word for word, _, _ in quotecheck.words_of(analyzer, text)]
        if len(quote) < quotecheck.MIN_WORDS:
            raise QuerySyntaxError(f"A quotation to check needs at least {quotecheck.MIN_WORDS} words; "
                                   'search for a shorter one as a "quoted phrase"')
        candidates = self._carrying_rare_words(searcher, fieldname, quote, options, columns)
        found = []
        for docnum in candidates.tolist():
            fields = searcher.stored_fields(docnum)
            body = fields.get(DEFAULT_FIELDS[-1], "")
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

    def _carrying_rare_words(self, searcher, fieldname: str, quote: list[str], options: SearchOptions,
                             columns: _Columns) -> np.ndarray:
        """The documents worth reading for a quotation: those holding at least half of its
        QUOTE_RARE_WORDS rarest words in the archive, the QUOTE_CANDIDATES holding the most first."""
        reader = searcher.reader()
        frequency = {word: reader.doc_frequency(fieldname, word) for word in set(quote)}
        rare = sorted((word for word in frequency if frequency[word]), key=lambda word: (frequency[word], word))
        rare = rare[:QUOTE_RARE_WORDS]
        held = np.zeros(len(columns.live), dtype=np.int64)
        for word in rare:
            docs, _ = bulk.postings(reader, fieldname, word)
            held[docs] += 1
        wanted = (held >= max(1, math.ceil(len(rare) / 2))) & columns.live
        allowed = self._allowed(searcher, options, columns)
        if allowed is not None:
            wanted &= allowed
        docs = np.flatnonzero(wanted)
        return docs[np.argsort(-held[docs], kind="stable")][:QUOTE_CANDIDATES]

    def person(self, name: str, text: str = "", options: SearchOptions = NO_OPTIONS, page: int = 1,
               per_page: int | None = None) -> PersonPage:
        """The page of the person `name` (any of their spellings, search/people.py): their quotations
        newest first, how often they are quoted over time, and who is quoted beside them, who writes
        and where, within the query `text` (optional) and the options' dates and filters. Raises
        PersonNotFoundError when no speaker of the archive is that person, QuerySyntaxError for a
        query of said: (the page's quotations are all theirs)."""
        if asks_for_quotes(text):
            raise QuerySyntaxError("A person's page lists only their quotations: search for the words without said:")
        return self._within_time(self._person, name, text.strip(), options, page, per_page)

    def _people(self, reading: _Reading) -> Directory:
        """The archive's people, unified once per generation from the articles' speakers."""
        generation = reading.generation
        if generation.people is None:
            columns = generation.columns["articles"]
            generation.people = Directory.of(dict(columns.facets["speaker"].counts(columns.live)))
        return generation.people

    def _person(self, reading: _Reading, name: str, text: str, options: SearchOptions, page: int,
                per_page: int | None) -> PersonPage:
        people = self._people(reading)
        person = people.find(name)
        if person is None:
            raise PersonNotFoundError(f"No one named {name[:100]!r} is quoted in the archive")
        per_page = per_page or self.settings.per_page
        within = replace(options, speaker=None, story=None, as_you_type=False,
                         spellings=tuple(spelling for spelling, _ in person.spellings))
        quotes, quote_query = self._filtered(reading, text, replace(within, kind="quotes", sort="newest"))
        articles, _ = self._filtered(reading, text, replace(within, kind="articles"))
        listed = quotes.page((page - 1) * per_page, per_page)
        shown = Results(reading.quotes, quote_query, list(zip(listed.scores.tolist(), listed.hits.tolist())))[:]
        strict_phrase = any(isinstance(part, wq.Phrase) for part in quote_query.leaves())
        columns, quote_columns = reading.generation.columns["articles"], reading.generation.columns["quotes"]
        quoting = np.zeros(len(columns.live), dtype=bool)
        quoting[articles.matched] = True
        beside: Counter = Counter()
        for spelling, count in columns.facets["speaker"].counts(quoting):
            if (other := people.people.get(spelling)) is not None and other is not person:
                beside[other.name] += count

        def commonest(counts) -> tuple[tuple[str, int], ...]:
            return tuple(sorted(counts, key=lambda item: (-item[1], item[0].lower()))[: self.settings.facet_size])

        size = self.settings.facet_size
        return PersonPage(
            name=person.name, spellings=person.spellings, query=text, options=within, total=quotes.total,
            page=page, per_page=per_page,
            quotations=tuple(self._quote_hit(hit, hit.score, strict_phrase) for hit in shown),
            articles=len(articles.matched), quoted_with=commonest(beside.items()),
            authors=commonest(columns.facets["author"].counts(quoting, most=size)),
            outlets=commonest(columns.facets["outlet"].counts(quoting, most=size)),
            timeline=timeline([person.name], ["quotes"], [quote_columns.recency_array[quotes.matched]],
                              [quote_columns.recency_array[quote_columns.live]],
                              columns.recency_array[columns.live]))

    def _filtered(self, reading: _Reading, text: str, options: SearchOptions) -> tuple[Ranking, wq.Query]:
        """(ranking, query) of the documents of `options.kind` within the options, which match `text`
        when it is not blank, every one of them otherwise. A text's matches are not loosened into
        partial ones: a page listing all of someone's quotations lists those with the words."""
        if text:
            run = self._execute(reading, text, options, fill=False)
            return run.ranking, run.query
        columns = reading.generation.columns[options.kind]
        searcher = reading.quotes if options.kind == "quotes" else reading.articles
        kept = columns.live.copy()
        if (allowed := self._allowed(searcher, options, columns)) is not None:
            kept &= allowed
        docs = np.flatnonzero(kept)
        return rank(Matches(docs, np.zeros(len(docs))), columns.recency_array, options.sort), wq.NullQuery

    def summary(self) -> ArchiveSummary:
        """What the archive holds, read once per generation."""
        return self._within_time(self._summary)

    def _summary(self, reading: _Reading) -> ArchiveSummary:
        generation = reading.generation
        if generation.summary is None:
            generation.summary = self._summarise(reading)
        return generation.summary

    def serving(self) -> tuple[str, int]:
        """(generation, articles) of the index this searcher answers from, read through a search of
        it: what a load balancer's health check asks."""
        return self._within_time(self._serving)

    @staticmethod
    def _serving(reading: _Reading) -> tuple[str, int]:
        reading.articles.search(wq.Every(), limit=1)
        return reading.generation.name, reading.articles.doc_count()

    def _summarise(self, reading: _Reading) -> ArchiveSummary:
        columns = reading.generation.columns["articles"]
        recency = columns.recency_array[columns.live]
        dated = recency[recency > 0]
        manifest = store.read_manifest(self.settings.index / reading.generation.name) or {}
        sources = Counter(doc_id.split("/", 1)[0] if "/" in doc_id else "(top folder)"
                          for doc_id in manifest.get("articles", {}))
        stories = columns.story_numbers
        folder = self.settings.index / reading.generation.name
        return ArchiveSummary(
            articles=reading.articles.doc_count(),
            first_date=dt.date.fromordinal(int(dated.min())) if dated.size else None,
            last_date=dt.date.fromordinal(int(dated.max())) if dated.size else None,
            sources=tuple(sorted(sources.items(), key=lambda item: (-item[1], item[0]))),
            generation=reading.generation.name,
            quotations=reading.quotes.doc_count(),
            stories=len(np.unique(stories[columns.live])) if stories is not None else reading.articles.doc_count(),
            index_bytes=store.size_on_disk(folder),
            built_at=manifest.get("built_at"), rebuild_s=manifest.get("rebuild_s"))

    def count(self) -> int:
        with self._reading() as reading:
            return reading.articles.doc_count()
