"""Whoosh's private parts for writing: larger posting blocks for some fields, blocks pickled with a newer
protocol, a segment's postings gathered, spilled and written a word at a time, and a sub-writer's
finished segment."""

from __future__ import annotations

import heapq
import itertools
import operator
import pickle
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from operator import itemgetter

from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter, W3PostingsWriter
from whoosh.util import random_name
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter


def finished_segment(writer):
    """The segment a sub-writer wrote, its files finished, for another writer to commit; None when
    it holds no document."""
    return writer._finalize_segment() if writer.docnum else None


class BlockSizeCodec(W3Codec):
    """Whoosh 3's codec, writing the postings of the fields in `block_sizes` in blocks of that many
    postings instead of 128: reading a block costs a few Python steps (a seek, two unpicklings, a
    decompression, arrays made), which a common word's 50,000 postings pay 400 times in blocks of
    128. Larger blocks suit postings read whole or nearly so (counts for scoring, positions for
    phrases); walking to one document reads its whole block. Its blocks are pickled as
    `_BlockWriter` says. The segments it writes are Whoosh 3's, and any reader reads them."""

    def __init__(self, block_sizes: Mapping[str, int]):
        super().__init__()
        self.block_sizes = dict(block_sizes)

    def field_writer(self, storage, segment):
        return _BlockSizeFieldWriter(self, storage, segment)

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


class _BlockSizeFieldWriter(W3FieldWriter):
    def start_field(self, fieldname, fieldobj):
        super().start_field(fieldname, fieldobj)
        self._postwriter._blocklimit = self._codec.block_sizes.get(fieldname, self._codec._blocklimit)

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
    options.setdefault("codec", BlockSizeCodec({}))
    writer = _SegmentWriter(index, limitmb=limitmb, **options)
    writer.pool = WordPostingPool(writer._tempstorage, writer.newsegment, limitmb=limitmb)
    return writer
