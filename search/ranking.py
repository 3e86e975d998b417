"""Pure: matches (document numbers and their scores) -> hits in the order asked for, one per story,
with how many other articles each hit's story matched.

Both ways of matching end here: bulk.py's arrays over whole posting lists, and Whoosh's matchers
(searcher.MatchCollector) for every other query. An order, its ties and story collapse are written
once, over arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np


class Matches(NamedTuple):
    """The documents a query matched, in ascending order, and each one's score."""

    docs: np.ndarray
    scores: np.ndarray


@dataclass(frozen=True)
class Ranking:
    """Hits best first (one per story when collapsing), each with its score and, when collapsing,
    how many other matches its story has; and every document matched."""

    hits: np.ndarray
    scores: np.ndarray
    others: np.ndarray | None
    matched: np.ndarray

    @property
    def total(self) -> int:
        return len(self.hits)


def sort_keys(sort: str, score: np.ndarray, recency: np.ndarray) -> list[np.ndarray]:
    """numpy.lexsort keys (the last most significant). Relevance breaks ties by recency (a day
    number, 0 when undated); the date orders break theirs by relevance; undated articles come last
    in every order."""
    if sort == "relevance":
        return [-recency, -score]
    if sort == "newest":
        return [-score, -recency]
    if sort == "oldest":
        return [-score, np.where(recency == 0, np.inf, recency)]
    raise ValueError(f"no sort order {sort!r}")


def rank(matches: Matches, recency: np.ndarray, sort: str, first: np.ndarray | None = None,
         stories: np.ndarray | None = None) -> Ranking:
    """The matches in the order `sort` names, ties in document order; the documents `first` marks
    (a mask over all documents) before the rest, each group in that order. With `stories` (a story
    number per document), only each story's best is a hit."""
    docs, scores = matches
    keys = sort_keys(sort, scores, recency[docs])
    if first is not None:
        keys.append(~first[docs])
    order = np.lexsort(keys)
    ordered, ordered_scores = docs[order], scores[order]
    if stories is None:
        return Ranking(ordered, ordered_scores, None, docs)
    _, at, counts = np.unique(stories[ordered], return_index=True, return_counts=True)
    by_rank = np.argsort(at)
    best = at[by_rank]
    return Ranking(ordered[best], ordered_scores[best], counts[by_rank] - 1, docs)
