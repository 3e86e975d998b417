"""Every use of Whoosh's private parts, in one place.

The service reads a few things Whoosh keeps to itself: the blocks of a posting list (to read a
common word's postings whole into arrays, and to find a page of hits in them), how many index words
a pattern expands to (to refuse a pattern before it runs), a BM25 scorer's source of document
lengths (to read them once per reader), and a sub-writer's finished segment (for segments written
in other processes). whoosh3 is pinned to the minor version this was written against
(pyproject.toml), and tests/test_whoosh_adapter.py fails if an upgrade changes what it relies on.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import FilterMatcher


def leaf_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, term frequencies) of one segment's postings of a word, read a block at a
    time where the matcher is Whoosh 3's own, else a posting at a time."""
    if isinstance(matcher, FilterMatcher):  # deleted documents: the caller masks them
        matcher = matcher.child
    if isinstance(matcher, W3LeafMatcher) and not matcher._byteids:
        deltas: list[int] = []
        weights: list[float] = []
        last_id = 0
        while matcher.is_active():
            # A block holds its ids as deltas, the first from 0, and its weights minified: None
            # when all are 1, one number when all are the same.
            matcher._read_data()
            block_deltas, block_weights = matcher._data[0], matcher._data[1]
            start = len(deltas)
            deltas += block_deltas
            deltas[start] -= last_id
            last_id = matcher._maxid
            if block_weights is None or isinstance(block_weights, float):
                weights += [1.0 if block_weights is None else block_weights] * len(block_deltas)
            else:
                weights += block_weights
            matcher._next_block()
        return np.cumsum(np.asarray(deltas, dtype=np.int64)), np.asarray(weights, dtype=np.float64)
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64)


def values_at(matcher, docnums: Sequence[int], kind: str) -> Iterator[tuple[int, object]]:
    """(document number, value as `kind`) of each of the sorted, live `docnums` the postings hold.
    Within a block, Whoosh 3's own matcher walks to a document one posting at a time; here the
    block's ids are bisected."""
    if isinstance(matcher, FilterMatcher):  # the documents asked for are live ones
        matcher = matcher.child
    fast = isinstance(matcher, W3LeafMatcher) and not matcher._byteids
    for docnum in docnums:
        if not matcher.is_active():
            return
        if matcher.id() < docnum:
            if not fast:
                matcher.skip_to(docnum)
            else:
                while matcher.is_active() and matcher._maxid < docnum:
                    matcher._next_block()
                if not matcher.is_active():
                    return
                if matcher._ids is None:
                    matcher._read_ids()
                # The block's last id is at least docnum, so the bisection stays inside the block.
                matcher._i = bisect_left(matcher._ids, docnum, matcher._i)
        if matcher.is_active() and matcher.id() == docnum:
            yield docnum, matcher.value_as(kind)


def expands_past(pattern: wq.PatternQuery | wq.TermRange, reader, limit: int) -> bool:
    """Whether a prefix, wildcard or range matches more than `limit` words of the index; reads at
    most limit + 1 of them."""
    return sum(1 for _ in itertools.islice(pattern._btexts(reader), limit + 1)) > limit


def read_lengths_from(scorer, length: Callable[[int], int]) -> None:
    """Make a BM25F scorer take a document's length in its field from `length`."""
    scorer.dfl = length


def finished_segment(writer):
    """The segment a sub-writer wrote, its files finished, for another writer to commit; None when
    it holds no document."""
    return writer._finalize_segment() if writer.docnum else None
