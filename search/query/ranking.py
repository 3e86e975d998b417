"""Pure: matches (document numbers and their scores) -> hits in the order asked for, one per story,
with how many other articles each hit's story matched.

Both ways of matching end here: posting_arrays.py's arrays over whole posting lists, and Whoosh's matchers
(searcher.MatchCollector) for every other query. An order, its ties and story collapse are written
once, over arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import numpy as np


class Matches(NamedTuple):
    """The documents a query matched, in ascending order, and each one's score."""

    docs: np.ndarray
    scores: np.ndarray


class Page(NamedTuple):
    """Hits of one page, best first: document numbers, scores, and each hit's story's other matches
    (None without story collapse)."""

    hits: np.ndarray
    scores: np.ndarray
    others: np.ndarray | None


@dataclass(frozen=True)
class Ranking:
    """The hits (one per story when collapsing) in document order, with their scores, sort keys
    and, when collapsing, how many other matches each one's story has; and every document matched.
    They are put in order only as far as asked: a page sorts the few hits that can be on it, and
    `hits`, `scores` and `others` (all of them, best first) sort them all once."""

    kept: np.ndarray
    kept_scores: np.ndarray
    keys: list[np.ndarray]
    kept_others: np.ndarray | None
    matched: np.ndarray

    @property
    def total(self) -> int:
        return len(self.kept)

    def page(self, start: int, count: int) -> Page:
        order = first_in_order(self.keys, start + count)[start:]
        return Page(self.kept[order], self.kept_scores[order],
                    None if self.kept_others is None else self.kept_others[order])

    @cached_property
    def _order(self) -> np.ndarray:
        return np.lexsort(self.keys)

    @property
    def hits(self) -> np.ndarray:
        return self.kept[self._order]

    @property
    def scores(self) -> np.ndarray:
        return self.kept_scores[self._order]

    @property
    def others(self) -> np.ndarray | None:
        return None if self.kept_others is None else self.kept_others[self._order]


def sort_keys(sort: str, score: np.ndarray, recency: np.ndarray) -> list[np.ndarray]:
    """numpy.lexsort keys (the last most significant). Relevance breaks ties by recency (a day
    number, 0 when undated); the date orders break theirs by relevance; undated articles come last
    in every order. Scores equal to nine places are a tie: the same words' scores added in another
    order (Whoosh's matchers add them in a tree) differ in their last bits."""
    score = np.round(score, 9)
    if sort == "relevance":
        return [-recency, -score]
    if sort == "newest":
        return [-score, -recency]
    if sort == "oldest":
        return [-score, np.where(recency == 0, np.inf, recency)]
    raise ValueError(f"no sort order {sort!r}")


def first_in_order(keys: list[np.ndarray], count: int) -> np.ndarray:
    """The indices of the first `count` in np.lexsort(keys)'s order, in that order, without sorting
    the rest: those past the count-th value of the most significant key are left out unsorted, and
    ties on it are settled by the other keys the same way."""
    primary = keys[-1]
    if count >= len(primary):
        return np.lexsort(keys)
    if count <= 0:
        return np.empty(0, np.int64)
    bound = np.partition(primary, count - 1)[count - 1]
    before = np.flatnonzero(primary < bound)
    tied = np.flatnonzero(primary == bound)
    wanted = count - len(before)
    tied = tied[first_in_order([key[tied] for key in keys[:-1]], wanted)] if len(keys) > 1 else tied[:wanted]
    # Both parts list full ties in index order, which the stable sort keeps.
    chosen = np.concatenate((before, tied))
    return chosen[np.lexsort([key[chosen] for key in keys])]


def best_of_each(groups: np.ndarray, keys: list[np.ndarray]) -> np.ndarray:
    """The index of each group's first in np.lexsort(keys)'s order, ascending: the least of the most
    significant key within each group, then of the next among those left, and so on, then the
    first index."""
    size = int(groups.max()) + 1 if len(groups) else 0
    left = np.arange(len(groups))
    for key in reversed(keys):
        values = key[left].astype(np.float64)
        least = np.full(size, np.inf)
        np.minimum.at(least, groups[left], values)
        left = left[values == least[groups[left]]]
    first = np.full(size, len(groups))
    np.minimum.at(first, groups[left], left)
    return np.sort(first[first < len(groups)])


def rank(matches: Matches, recency: np.ndarray, sort: str, first: np.ndarray | None = None,
         stories: np.ndarray | None = None) -> Ranking:
    """The matches in the order `sort` names, ties in document order; the documents `first` marks
    (a mask over all documents) before the rest, each group in that order. With `stories` (a story
    number per document), only each story's best is a hit."""
    docs, scores = matches
    keys = sort_keys(sort, scores, recency[docs])
    if first is not None:
        keys.append(~first[docs])
    if stories is None:
        return Ranking(docs, scores, keys, None, docs)
    story = stories[docs]
    best = best_of_each(story, keys)
    others = np.bincount(story)[story[best]] - 1
    return Ranking(docs[best], scores[best], [key[best] for key in keys], others, docs)
