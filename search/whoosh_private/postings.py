"""Whoosh's private parts for reading: posting blocks read whole into arrays, a page of hits found in them,
the positions of postings' values, a pattern's expansion counted, a BM25 scorer's lengths."""

from __future__ import annotations

import itertools
import pickle
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter

import numpy as np
from whoosh import formats
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import FilterMatcher
from whoosh.system import _INT_SIZE

from .analysis import PackedCharacters, PackedPositions


def unfiltered_postings(segment, fieldname: str, word: str | bytes):
    """A segment's postings of a word, its deleted documents among them: for a caller that masks
    them or asks for live documents alone. Whoosh wraps them in a FilterMatcher, which decodes the
    first block's ids one by one to find the first live document, and costs a query of many words
    more than reading their postings. TermNotFound where the segment has no such word."""
    return segment._terms.matcher(fieldname, segment._text_to_bytes(fieldname, word), segment.schema[fieldname].format)


def _unfiltered(matcher) -> tuple[object, bool]:
    """The matcher under the FilterMatcher that hides deleted documents, and whether it is Whoosh 3's
    own, whose blocks of postings can be read directly."""
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    return matcher, isinstance(matcher, W3LeafMatcher) and not matcher._byteids


def leaf_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, term frequencies) of one segment's postings of a word, read a block at a
    time where the matcher is Whoosh 3's own, else a posting at a time."""
    matcher, by_block = _unfiltered(matcher)  # deleted documents: the caller masks them
    if by_block:
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


def standing_on(matcher, docnums: Sequence[int]) -> Iterator[tuple[int, object]]:
    """(document number, matcher standing on its posting) for each of the sorted, live `docnums`
    the postings hold. Within a block, Whoosh 3's own matcher walks to a document one posting at a
    time; here the block's ids are bisected."""
    matcher, by_block = _unfiltered(matcher)  # the documents asked for are live ones
    for docnum in docnums:
        if not by_block:
            if matcher.is_active() and matcher.id() < docnum:
                matcher.skip_to(docnum)
            if not matcher.is_active():
                return
            if matcher.id() == docnum:
                yield docnum, matcher
            continue
        while matcher.is_active() and matcher._maxid < docnum:
            matcher._next_block()
        if not matcher.is_active():
            return
        ids = _block_ids(matcher)
        # The block's last id is at least docnum, so the bisection stays inside the block.
        matcher._i = bisect_left(ids, docnum, matcher._i)
        if ids[matcher._i] == docnum:
            yield docnum, matcher


def _block_ids(matcher) -> tuple[int, ...]:
    """The ids of the block Whoosh 3's matcher stands in, their deltas added up at once, where
    Whoosh adds them one by one in a generator."""
    if matcher._ids is None:
        if matcher._data is None:
            matcher._read_data()
        matcher._ids = tuple(itertools.accumulate(matcher._data[0]))
    return matcher._ids


def _every_posting(matcher) -> Iterator[tuple[int, object]]:
    while matcher.is_active():
        yield matcher.id(), matcher
        matcher.next()


def values_at(matcher, docnums: Sequence[int], kind: str) -> Iterator[tuple[int, object]]:
    """(document number, value as `kind`) of each of the sorted, live `docnums` the postings hold."""
    for docnum, posting in standing_on(matcher, docnums):
        yield docnum, posting.value_as(kind)


def postings_at(matcher, docnums: np.ndarray | None = None,
                values: bool = True) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    """(document numbers, weights, values) of the postings of the sorted, live `docnums` that the
    postings hold, or of every posting (deleted documents included: the caller masks them). Whoosh
    3's own matcher is read a block at a time, skipping blocks that hold none of the documents.
    Without `values`, the values (positions) are not read, and none are returned."""
    matcher, by_block = _unfiltered(matcher)
    if not by_block:
        standing = standing_on(matcher, docnums) if docnums is not None else _every_posting(matcher)
        found = [(docnum, posting.weight(), posting.value() if values else b"") for docnum, posting in standing]
        return (np.asarray([docnum for docnum, _, _ in found], dtype=np.int64),
                np.asarray([weight for _, weight, _ in found], dtype=np.float64), [value for _, _, value in found])
    held, weights, found_values = [], [], []
    at = 0
    while matcher.is_active() and (docnums is None or at < len(docnums)):
        if docnums is not None and matcher._maxid < docnums[at]:
            matcher._next_block()
            continue
        matcher._read_weights()
        if values:
            matcher._read_values()
        # A block holds its ids as deltas, the first from 0: Whoosh decodes them one by one.
        block_ids = np.cumsum(np.asarray(matcher._data[0], dtype=np.int64))
        block_weights = np.asarray(matcher._weights, dtype=np.float64)
        if docnums is None:
            held.append(block_ids)
            weights.append(block_weights)
            if values:
                found_values.extend(matcher._values)
        else:
            upto = int(np.searchsorted(docnums, matcher._maxid, side="right"))
            asked = docnums[at:upto]
            where = np.minimum(np.searchsorted(block_ids, asked), len(block_ids) - 1)
            where = where[block_ids[where] == asked]
            held.append(block_ids[where])
            weights.append(block_weights[where])
            if values:
                found_values.extend(matcher._values[i] for i in where.tolist())
            at = upto
        matcher._next_block()
    if not held:
        return np.empty(0, np.int64), np.empty(0), []
    return np.concatenate(held), np.concatenate(weights), found_values


def positions_in(format_, values: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(how many positions each value holds, all their positions one value after another) of
    postings' values in a format with positions. PackedCharacters and PackedPositions values are
    read as one array; Whoosh's Positions and Characters keep a value as a count, then a pickled list of position
    deltas (Characters: of (position delta, start delta, length)), unpickled here one by one and
    decoded all at once; other formats are decoded a value at a time."""
    if type(format_) in (PackedCharacters, PackedPositions):
        sizes = np.fromiter(map(len, values), dtype=np.int64, count=len(values)) // _INT_SIZE
        numbers = np.frombuffer(b"".join(values), dtype=">i4").astype(np.int64)
        firsts = np.cumsum(sizes) - sizes
        counts = numbers[firsts]
        deltas = np.delete(numbers, firsts)[::3 if type(format_) is PackedCharacters else 1]
    elif type(format_) in (formats.Positions, formats.Characters):
        codes = [pickle.loads(value[_INT_SIZE:]) for value in values]
        counts = np.fromiter(map(len, codes), dtype=np.int64, count=len(codes))
        flat = itertools.chain.from_iterable(codes)
        deltas = np.fromiter(flat if type(format_) is formats.Positions else map(itemgetter(0), flat),
                             dtype=np.int64, count=int(counts.sum()))
    else:
        decoded = [format_.decode_positions(value) for value in values]
        return (np.fromiter(map(len, decoded), dtype=np.int64, count=len(decoded)),
                np.fromiter(itertools.chain.from_iterable(decoded), dtype=np.int64, count=sum(map(len, decoded))))
    running = np.cumsum(deltas)
    # Each value's deltas start from 0: take away the sum of the values before it.
    before = np.concatenate(([0], running))[np.cumsum(counts) - counts]
    return counts, running - np.repeat(before, counts)


def expands_past(pattern: wq.PatternQuery | wq.TermRange, reader, limit: int) -> bool:
    """Whether a prefix, wildcard or range matches more than `limit` words of the index; reads at
    most limit + 1 of them."""
    return sum(1 for _ in itertools.islice(pattern._btexts(reader), limit + 1)) > limit


def read_lengths_from(scorer, length: Callable[[int], int]) -> None:
    """Make a BM25F scorer take a document's length in its field from `length`."""
    scorer.dfl = length


