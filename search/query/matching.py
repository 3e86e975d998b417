"""A query plan -> its matches within the search's filters, ranked: from arrays over posting lists where
the query is plain words and phrases, from Whoosh's matchers otherwise."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from whoosh import collectors
from whoosh import query as wq

from ..config import Settings
from ..index.schema import WORD_COUNTS
from ..models import SearchOptions
from . import feedback, posting_arrays
from .parse import options_filter
from .plan import QueryPlan, plan_query
from .ranking import Matches, Ranking, rank
from .reading import Columns, Reading
from .scoring import MatchCollector


@dataclass
class Execution:
    """A query plan run: where, and its ranking."""

    plan: QueryPlan
    searcher: object
    ranking: Ranking
    columns: Columns
    # Matches with every word of a short query: fewer than the ranking's when others were added after
    # them (`filled`).
    complete: int
    filled: bool = False


def execute(reading: Reading, plan: QueryPlan, options: SearchOptions, settings: Settings,
            fill: bool = True) -> Execution:
    """Match and rank a plan. A short text read as words matches articles with all of its words;
    when fewer than `fill_below` do, and `fill`, those with any of them follow, the articles that
    have all of them first."""
    searcher, columns = reading.searcher(plan.kind), reading.columns(plan.kind)
    collapse = plan.kind == "articles" and options.story is None
    stories = columns.story_numbers if collapse else None
    matches = matches_of(searcher, plan.query, plan.text_field, options, columns, plan.needed)
    ranked = rank(matches, columns.recency_array, options.sort, stories=stories)
    if plan.any_word:
        ranked = _with_feedback(searcher, plan, options, columns, stories, matches, ranked)
    complete = ranked.total
    if fill and plan.kind == "articles" and plan.needed > 1 and complete < settings.fill_below:
        first = np.zeros(len(columns.live), dtype=bool)
        first[ranked.matched] = True
        ranked = ranked_matches(searcher, plan.query, plan.text_field, options, columns, collapse, first)
        return Execution(plan, searcher, ranked, columns, complete, filled=True)
    return Execution(plan, searcher, ranked, columns, complete)


def _with_feedback(searcher, plan: QueryPlan, options: SearchOptions, columns: Columns, stories: np.ndarray | None,
                   matches: Matches, ranked: Ranking) -> Ranking:
    """The matches ranked again with the scores of the words their best ones share (feedback.py)."""
    best = feedback.best_matches(ranked.kept, ranked.kept_scores)
    added = feedback.added_words(searcher, plan.text_field, plan.query, ranked.kept[best], ranked.kept_scores[best])
    scored = posting_arrays.scores(searcher, (added,), plan.text_field, columns.lengths,
                                   _counts_field(searcher, plan.text_field)) if added else None
    if scored is None:
        return ranked
    rescored = Matches(matches.docs, matches.scores + scored[1][matches.docs])
    return rank(rescored, columns.recency_array, options.sort, stories=stories)


def _counts_field(searcher, fieldname: str) -> str | None:
    """The field holding the same words as `fieldname` without positions, when the index has it."""
    counts_field = WORD_COUNTS.get(fieldname)
    return counts_field if counts_field in searcher.schema else None


def run_query(reading: Reading, text: str, options: SearchOptions, settings: Settings,
              fill: bool = True) -> Execution:
    """`text` planned (plan.plan_query) and run (execute) on `reading`'s generation."""
    return execute(reading, plan_query(reading, text, options, settings), options, settings, fill)


def ranked_matches(searcher, parsed, text_field: str, options: SearchOptions, columns: Columns,
                   collapse: bool, first: np.ndarray | None = None, needed: int = 1) -> Ranking:
    """A query's ranking; `text_field`: the field its plain words search; `first`: a mask of the
    documents ranked before all others; `needed`: how many parts of an Or of words a match needs."""
    return rank(matches_of(searcher, parsed, text_field, options, columns, needed), columns.recency_array,
                options.sort, first, columns.story_numbers if collapse else None)


def matches_of(searcher, parsed, text_field: str, options: SearchOptions, columns: Columns,
               needed: int = 1) -> Matches:
    """What a query matches within the options' filters, and the scores."""
    matches = _matched_in_arrays(searcher, parsed, text_field, options, columns, needed)
    if matches is None:
        if needed > 1:
            parsed = wq.And(parsed.subqueries)
        matches = _matched_by_whoosh(searcher, parsed, options)
    return matches


def _matched_by_whoosh(searcher, parsed, options: SearchOptions) -> Matches:
    collector = MatchCollector()
    filtered = options_filter(options)
    searcher.search_with_collector(parsed, collectors.FilterCollector(collector, allow=filtered)
                                   if filtered is not None else collector)
    return collector.found()


def _matched_in_arrays(searcher, parsed, fieldname: str, options: SearchOptions,
                       columns: Columns, needed: int = 1) -> Matches | None:
    """What Whoosh's matchers would match and score, from arrays over the words' whole posting
    lists; None when the query is not plain words and phrases or the weighting cannot be computed
    that way."""
    groups = posting_arrays.word_groups(parsed, fieldname, needed)
    if groups is None:
        return None
    scored = posting_arrays.scores(searcher, groups, fieldname, columns.lengths, _counts_field(searcher, fieldname))
    if scored is None:
        return None
    matched, score = scored
    matched &= columns.live
    allowed = allowed_by_options(searcher, options, columns)
    if allowed is not None:
        matched &= allowed
    docs = np.flatnonzero(matched)
    return Matches(docs, score[docs])


def allowed_by_options(searcher, options: SearchOptions, columns: Columns) -> np.ndarray | None:
    """Which documents the options' filters let through, or None when there are none. Dates
    are compared in memory; the other filters are queries."""
    allowed = None
    others = options_filter(replace(options, date_from=None, date_to=None))
    if others is not None:
        allowed = posting_arrays.matching(searcher.reader(), others)
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


def every_allowed(reading: Reading, options: SearchOptions) -> Ranking:
    """Every live document of `options.kind` within the options' filters, in the options' order."""
    columns = reading.columns(options.kind)
    kept = columns.live.copy()
    if (allowed := allowed_by_options(reading.searcher(options.kind), options, columns)) is not None:
        kept &= allowed
    docs = np.flatnonzero(kept)
    return rank(Matches(docs, np.zeros(len(docs))), columns.recency_array, options.sort)
