"""Every use of Whoosh's private parts, in one place.

The service reads a few things Whoosh keeps to itself: the blocks of a posting list (to read a
common word's postings whole into arrays, and to find a page of hits in them), the size of the
blocks a field's postings are written in, how many index words
a pattern expands to (to refuse a pattern before it runs), a BM25 scorer's source of document
lengths (to read them once per reader), and a sub-writer's finished segment (for segments written
in other processes). It also writes what Whoosh writes in its own way: larger blocks for some
fields, blocks pickled with a newer protocol, posting runs spilled in chunks, word positions
packed as arrays instead of pickled, a text's words analysed without a Token per filter, and a
segment's postings written a word at a time. whoosh3 is
pinned to the minor version this was written against (pyproject.toml), and
tests/test_whoosh_adapter.py fails if an upgrade changes what it relies on.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import operator
import pickle
import struct
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter

import numpy as np
from whoosh import formats
from whoosh import query as wq
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.codec.whoosh3 import (COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter, W3LeafMatcher,
                                   W3PostingsWriter)
from whoosh.codec.base import OutOfOrderError
from whoosh.matching import FilterMatcher
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import length_to_byte
from whoosh.util import random_name
from whoosh.writing import SegmentWriter


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
        if not matcher.is_active():
            return
        if matcher.id() < docnum:
            if not by_block:
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
            yield docnum, matcher


def _every_posting(matcher) -> Iterator[tuple[int, object]]:
    while matcher.is_active():
        yield matcher.id(), matcher
        matcher.next()


def values_at(matcher, docnums: Sequence[int], kind: str) -> Iterator[tuple[int, object]]:
    """(document number, value as `kind`) of each of the sorted, live `docnums` the postings hold."""
    for docnum, posting in standing_on(matcher, docnums):
        yield docnum, posting.value_as(kind)


def postings_at(matcher, docnums: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    """(document numbers, weights, values) of the postings of the sorted, live `docnums` that the
    postings hold, or of every posting (deleted documents included: the caller masks them). Whoosh
    3's own matcher is read a block at a time, skipping blocks that hold none of the documents."""
    matcher, by_block = _unfiltered(matcher)
    if not by_block:
        standing = standing_on(matcher, docnums) if docnums is not None else _every_posting(matcher)
        found = [(docnum, posting.weight(), posting.value()) for docnum, posting in standing]
        return (np.asarray([docnum for docnum, _, _ in found], dtype=np.int64),
                np.asarray([weight for _, weight, _ in found], dtype=np.float64), [value for _, _, value in found])
    held, weights, values = [], [], []
    at = 0
    while matcher.is_active() and (docnums is None or at < len(docnums)):
        if docnums is not None and matcher._maxid < docnums[at]:
            matcher._next_block()
            continue
        matcher._read_weights()
        matcher._read_values()
        # A block holds its ids as deltas, the first from 0: Whoosh decodes them one by one.
        block_ids = np.cumsum(np.asarray(matcher._data[0], dtype=np.int64))
        block_weights = np.asarray(matcher._weights, dtype=np.float64)
        if docnums is None:
            held.append(block_ids)
            weights.append(block_weights)
            values.extend(matcher._values)
        else:
            upto = int(np.searchsorted(docnums, matcher._maxid, side="right"))
            asked = docnums[at:upto]
            where = np.minimum(np.searchsorted(block_ids, asked), len(block_ids) - 1)
            where = where[block_ids[where] == asked]
            held.append(block_ids[where])
            weights.append(block_weights[where])
            values.extend(matcher._values[i] for i in where.tolist())
            at = upto
        matcher._next_block()
    if not held:
        return np.empty(0, np.int64), np.empty(0), []
    return np.concatenate(held), np.concatenate(weights), values


# Words an analysis keeps in memory, each as the word its filters make of it, and analyses a
# process keeps (a process that writes many indexes unpickles their analyzers anew).
_NORMALIZED_WORDS, _MOST_ANALYSES = 1 << 16, 8


def _word_step(step) -> Callable[[str], str | None] | None:
    """What a filter that changes each word by itself does to a word (None: left out), or None
    for a filter that does more."""
    kind = type(step)
    if kind is LowercaseFilter:
        return str.lower
    if kind is CharsetFilter:
        charmap = step.charmap
        return lambda word: word.translate(charmap)
    if kind is StemFilter:
        stem, ignore = step._stem, step.ignore
        return lambda word: word if word in ignore else stem(word)
    if kind is StopFilter:
        stops, shortest, longest = step.stops, step.min, step.max
        return lambda word: (word if shortest <= len(word) and (longest is None or len(word) <= longest)
                             and word not in stops else None)
    return None


def _compose(steps) -> Callable[[str], str | None]:
    def normalized(word: str) -> str | None:
        for step in steps:
            word = step(word)
            if word is None:
                return None
        return word
    return normalized


_analyses: dict[int, tuple] = {}


def word_analysis(analyzer) -> Callable[[str], tuple[list[str], list[int], list[int], list[int]]] | None:
    """The words an analyzer indexes in a text, with each one's position, start and end, as
    Whoosh's token stream gives them, without a Token passed through a generator per filter: a
    regular expression's matches, each turned into its indexed word by one cached function. None
    for an analyzer built of other parts."""
    known = _analyses.get(id(analyzer))
    if known is not None and known[0] is analyzer:
        return known[1]
    analysis = _fused(analyzer)
    if len(_analyses) >= _MOST_ANALYSES:
        del _analyses[next(iter(_analyses))]
    _analyses[id(analyzer)] = (analyzer, analysis)
    return analysis


def _fused(analyzer):
    parts = analyzer.items if isinstance(analyzer, CompositeAnalyzer) else [analyzer]
    tokenizer, filters = parts[0], parts[1:]
    if type(tokenizer) is not RegexTokenizer or tokenizer.gaps:
        return None
    steps = [_word_step(step) for step in filters]
    stop_filters = [step for step in filters if type(step) is StopFilter]
    if None in steps or len(stop_filters) > 1:
        return None
    # Whoosh's StopFilter renumbers the words it keeps: the first keeps its place, the rest follow it.
    renumber = bool(stop_filters) and stop_filters[0].renumber
    normalized = functools.lru_cache(maxsize=_NORMALIZED_WORDS)(_compose(steps))
    finditer = tokenizer.expression.finditer

    def analysis(text: str) -> tuple[list[str], list[int], list[int], list[int]]:
        words, places, starts, ends = [], [], [], []
        for place, match in enumerate(finditer(text)):
            word = normalized(match.group())
            if word is not None:
                words.append(word)
                places.append(place)
                starts.append(match.start())
                ends.append(match.end())
        if renumber and places:
            places = list(range(places[0], places[0] + len(places)))
        return words, places, starts, ends
    return analysis


def packed_occurrences(words: list[str], places: list[int], starts: list[int], ends: list[int]
                       ) -> Iterator[tuple[str, int, bytes]]:
    """Each distinct word, in the order first seen, with how often it occurs and its occurrences
    as PackedCharacters encodes them, computed for all words at once."""
    if not words:
        return
    ids: dict[str, int] = {}
    word_ids = np.fromiter((ids.setdefault(word, len(ids)) for word in words), np.int64, len(words))
    order = np.argsort(word_ids, kind="stable")
    counts = np.bincount(word_ids)
    firsts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    place = np.asarray(places, np.int64)[order]
    start = np.asarray(starts, np.int64)[order]
    end = np.asarray(ends, np.int64)[order]
    # Each occurrence is measured from the one before it of the same word, the first from 0.
    place_step = np.diff(place, prepend=0)
    start_step = start - np.concatenate(([0], end[:-1]))
    place_step[firsts] = place[firsts]
    start_step[firsts] = start[firsts]
    group = np.repeat(np.arange(len(ids)), counts)
    heads = np.arange(len(ids)) + 3 * firsts
    packed = np.empty(len(ids) + 3 * len(words), ">i4")
    packed[heads] = counts
    at = group + 1 + 3 * np.arange(len(words))
    packed[at], packed[at + 1], packed[at + 2] = place_step, start_step, end - start
    data = packed.tobytes()
    bounds = (heads * _INT_SIZE).tolist() + [len(data)]
    for number, (word, count) in enumerate(zip(ids, counts.tolist())):
        yield word, count, data[bounds[number]:bounds[number + 1]]


class PackedCharacters(formats.Characters):
    """Whoosh's Characters format: each occurrence's position and start and end character. A
    posting's value holds the numbers Characters pickles (the count, then for each occurrence its
    position's and start's distance from the occurrence before, and its length) as big-endian 32-bit
    integers, so that the values of many postings are read as one array (`positions_in`) where
    Characters unpickles each: a phrase of common words reads tens of thousands of them."""

    def word_values(self, value, analyzer, **kwargs):
        analysis = word_analysis(analyzer) if isinstance(value, str) and set(kwargs) <= {"mode"} else None
        if analysis is None:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for word, count, packed in packed_occurrences(*analysis(value)):
            yield word, count, float(count) * boost, packed

    def encode(self, poslist) -> bytes:
        numbers = [len(poslist)]
        position = end = 0
        for pos, startchar, endchar in poslist:
            numbers += (pos - position, startchar - end, endchar - startchar)
            position, end = pos, endchar
        return struct.pack(f"!{len(numbers)}i", *numbers)

    def _deltas(self, valuestring: bytes) -> tuple[int, ...]:
        return struct.unpack_from(f"!{len(valuestring) // _INT_SIZE - 1}i", valuestring, _INT_SIZE)

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        found, position, end = [], 0, 0
        deltas = self._deltas(valuestring)
        for at in range(0, len(deltas), 3):
            position += deltas[at]
            start = end + deltas[at + 1]
            end = start + deltas[at + 2]
            found.append((position, start, end))
        return found

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return list(itertools.accumulate(self._deltas(valuestring)[::3]))


def positions_in(format_, values: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(how many positions each value holds, all their positions one value after another) of
    postings' values in a format with positions. PackedCharacters values are read as one array;
    Whoosh's Positions and Characters keep a value as a count, then a pickled list of position
    deltas (Characters: of (position delta, start delta, length)), unpickled here one by one and
    decoded all at once; other formats are decoded a value at a time."""
    if type(format_) is PackedCharacters:
        sizes = np.fromiter(map(len, values), dtype=np.int64, count=len(values)) // _INT_SIZE
        numbers = np.frombuffer(b"".join(values), dtype=">i4").astype(np.int64)
        firsts = np.cumsum(sizes) - sizes
        counts = numbers[firsts]
        deltas = np.delete(numbers, firsts)[::3]
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


def finished_segment(writer):
    """The segment a sub-writer wrote, its files finished, for another writer to commit; None when
    it holds no document."""
    return writer._finalize_segment() if writer.docnum else None


class WholeReadCodec(W3Codec):
    """Whoosh 3's codec, writing the postings of the fields in `read_whole` (postings that are read
    whole, never walked to a document) in blocks of `whole_block` postings instead of 128: reading
    a block costs a few Python steps, which a common word's 50,000 postings pay 400 times in blocks
    of 128. Its blocks are pickled as `_BlockWriter` says. The segments it writes are Whoosh 3's,
    and any reader reads them."""

    def __init__(self, read_whole: frozenset[str], whole_block: int = 4096):
        super().__init__()
        self.read_whole, self.whole_block = read_whole, whole_block

    def field_writer(self, storage, segment):
        return _WholeReadFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return _BlockWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids, compression=self._compression,
                            inlinelimit=self._inlinelimit)


class _BlockWriter(W3PostingsWriter):
    """Whoosh 3's postings writer, pickling a block's documents, weights and values with pickle's
    highest protocol where Whoosh uses protocol 2. Protocol 2 has no opcode for bytes: it pickles
    each posting's value as a call that encodes a string, which reading the block runs again, and
    that cost a phrase or a common word's query more than anything else. The block's layout is
    Whoosh's own, which reads either protocol."""

    def _write_block(self, last=False):
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = pickle.dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), pickle.HIGHEST_PROTOCOL)
        compression = self._compression if len(data) >= COMPRESSION_MIN_SIZE else 0
        if compression:
            data = zlib.compress(data, compression)
        info = pickle.dumps((len(self._ids), self._ids[-1], self._maxweight, compression,
                             length_to_byte(self._minlength), length_to_byte(self._maxlength)), 2)
        # The last block's length is written negative.
        self._postfile.write_int(-(len(info) + len(data)) if last else len(info) + len(data))
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


class _WholeReadFieldWriter(W3FieldWriter):
    def start_field(self, fieldname, fieldobj):
        super().start_field(fieldname, fieldobj)
        if fieldname in self._codec.read_whole:
            self._postwriter._blocklimit = self._codec.whole_block

    def add_words(self, schema, lengths, words: Iterator[tuple[str, bytes, Sequence, Sequence, Sequence]]) -> None:
        """Writes the files Whoosh's `add_postings` writes, from each word's (fieldname, word,
        docnums, weights, values) in order: Whoosh passes each posting through three calls and four
        type checks, and looks up its document's length in a column, which cost a rebuild a quarter
        of its time."""
        last = None
        length_of = None
        for fieldname, word, docnums, weights, values in words:
            if last is not None and (fieldname, word) <= last:
                raise OutOfOrderError(f"{last!r} .. {(fieldname, word)!r}")
            if last is None or fieldname != last[0]:
                if last is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                length_of = _field_lengths(lengths, fieldname)
            last = fieldname, word
            self._add_word(word, docnums, weights, values, length_of)
        if last is not None:
            self.finish_field()

    def _add_word(self, word: bytes, docnums, weights, values, length_of: Callable[[int], int]) -> None:
        self.start_term(word)
        writer = self._postwriter
        limit = writer._blocklimit
        for first in range(0, len(docnums), limit):
            if first:
                writer._write_block()
            block = slice(first, first + limit)
            # What W3PostingsWriter.add_posting gathers, posting by posting.
            writer._ids = array("I", docnums[block])
            writer._weights = array("f", weights[block])
            writer._values = [value for value in values[block] if value]
            writer._maxweight = max(0, *weights[block])
            known = [length for length in map(length_of, docnums[block]) if length]
            writer._minlength = min(known) if known else None
            writer._maxlength = max(known, default=0)
        self.finish_term()


def _field_lengths(lengths, fieldname: str) -> Callable[[int], int]:
    """Each document's length in a field, read from the column once for all its postings."""
    if not lengths:
        return lambda docnum: 0
    length = lengths.doc_field_length_reader(fieldname)
    return [length(docnum) for docnum in range(lengths.doc_count_all())].__getitem__


# Estimated bytes of memory a word held by a WordPostingPool takes, and each of its postings
# beside its word and value (the posting's tuple, its weight, and its place in the word's list).
_WORD_BYTES, _POSTING_BYTES = 300, 180


class WordPostingPool:
    """The postings of a segment being written, gathered word by word where Whoosh's PostingPool
    sorts them all (a rebuild's postings outgrow memory, so each was also pickled to a run, read
    back and merged one by one: a third of a rebuild's time). A writer numbers documents as they
    come, so a word's postings arrive in document order and only the words are sorted. Past
    `limitmb` the words are spilled to a run, each as its documents, weights and values; the runs
    are merged word by word, earlier runs first, so that each word's postings stay in document
    order. A word whose postings are out of order all the same (Whoosh's spelling words all name
    document 0) is sorted as Whoosh sorts it. While the runs merge, each holds one chunk of about
    `chunk` postings in memory."""

    def __init__(self, tempstore, segment, limitmb: int, chunk: int = 4096, most_runs: int = 128):
        self.tempstore, self.segment = tempstore, segment
        self.limit, self.chunk, self.most_runs = limitmb * 1024 * 1024, chunk, most_runs
        self.runs: list[str] = []
        self._fields: dict[str, dict[bytes, list[tuple]]] = {}
        self._size = 0

    def add(self, posting: tuple) -> None:
        words = self._fields.get(posting[0])
        if words is None:
            words = self._fields[posting[0]] = {}
        held = words.get(posting[1])
        if held is None:
            words[posting[1]] = [posting]
            self._size += _WORD_BYTES + len(posting[1])
        else:
            held.append(posting)
        self._size += _POSTING_BYTES + len(posting[1]) + len(posting[4] or b"")
        if self._size > self.limit:
            self._write_run(self._held_words())

    def _held_words(self) -> Iterator[tuple[str, bytes, tuple, tuple, tuple]]:
        fields, self._fields, self._size = self._fields, {}, 0
        for fieldname in sorted(fields):
            words = fields.pop(fieldname)
            for word in sorted(words):
                _, _, docnums, weights, values = zip(*words.pop(word))
                yield fieldname, word, docnums, weights, values

    def _write_run(self, words: Iterator[tuple]) -> None:
        path = f"{self.segment.segment_id()}-{random_name()}.run"
        f = self.tempstore.create_file(path)
        try:
            chunk, postings = [], 0
            for held in words:
                chunk.append(held)
                postings += len(held[2])
                if postings >= self.chunk:
                    pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
                    chunk, postings = [], 0
            if chunk:
                pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        finally:
            f.close()
        self.runs.append(path)

    def _read_run(self, path: str) -> Iterator[tuple]:
        f = self.tempstore.open_file(path)
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    break
                yield from chunk
        finally:
            f.close()
        self.tempstore.delete_file(path)

    def _merged(self, paths: list[str]) -> Iterator[tuple]:
        # heapq.merge takes equal words from its sources in the order given: earlier runs first.
        runs = heapq.merge(*map(self._read_run, paths), key=itemgetter(0, 1))
        for (fieldname, word), parts in itertools.groupby(runs, itemgetter(0, 1)):
            parts = list(parts)
            if len(parts) == 1:
                yield parts[0]
            else:
                yield (fieldname, word, *(tuple(itertools.chain.from_iterable(part[column] for part in parts))
                                          for column in (2, 3, 4)))

    def iter_words(self) -> Iterator[tuple[str, bytes, Sequence, Sequence, Sequence]]:
        """Each word's (fieldname, word, docnums, weights, values), in word order."""
        if not self.runs:
            words = self._held_words()
        else:
            self._write_run(self._held_words())
            while len(self.runs) > self.most_runs:  # the earliest runs merged into one, first
                group, rest = self.runs[:self.most_runs], self.runs[self.most_runs:]
                self.runs = []
                self._write_run(self._merged(group))
                self.runs += rest
            words = self._merged(self.runs)
        for fieldname, word, docnums, weights, values in words:
            if len(docnums) > 1 and not all(map(operator.lt, docnums, docnums[1:])):
                docnums, weights, values = zip(*sorted(zip(docnums, weights, values)))
            yield fieldname, word, docnums, weights, values

    def cleanup(self) -> None:
        for path in self.runs:
            if self.tempstore.file_exists(path):
                self.tempstore.delete_file(path)


class _SegmentWriter(SegmentWriter):
    def _flush_segment(self):
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        self.fieldwriter.add_words(self.schema, lengths, self.pool.iter_words())
        self.fieldwriter.close()
        if lengths:
            lengths.close()


def segment_writer(index, limitmb: int = 128, **options) -> SegmentWriter:
    """A Whoosh segment writer for `index` whose postings are gathered by a `WordPostingPool` and
    written a word at a time (SegmentWriter takes a `poolclass` argument and ignores it)."""
    options.setdefault("codec", WholeReadCodec(read_whole=frozenset()))
    writer = _SegmentWriter(index, limitmb=limitmb, **options)
    writer.pool = WordPostingPool(writer._tempstorage, writer.newsegment, limitmb=limitmb)
    return writer
