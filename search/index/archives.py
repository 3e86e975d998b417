"""I/O edge: the articles inside container files (WARC and ARC archives, JSON Lines, JSON), streamed
one record at a time, with each record that gives no article reported where it lies and why.

WARC files are read with warcio: it reads WARC and ARC, gzipped per record or not, and undoes the
HTTP transfer and content encodings (chunked, gzip, deflate, brotli), which is what a page needs;
the reading costs little beside cleaning and extracting each page, so a faster parser would not
make a rebuild faster.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from typing import IO

import brotli
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader

from ..errors import UnreadableArticle
from ..extraction.records import record_of_json
from ..models import Record, Skipped
from .sources import COMPRESSED_SUFFIX, SourceFile

HTML_TYPES = ("text/html", "application/xhtml+xml")
CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# A .json file is parsed whole: collections larger than this belong in JSON Lines, which are streamed.
JSON_DOCUMENT_MAX_BYTES = 256_000_000
GZIP_FAILURES = (EOFError, zlib.error, gzip.BadGzipFile)
TRAILING_BLANKS = 64
# Between a container's id and a record's address or number: "crawl.warc.gz#https://…", "items.jsonl#12".
RECORD_MARK = "#"


def record_id(container: str, part) -> str:
    """The id of a record, or of a part of a container, by the container's id and what names it there."""
    return f"{container}{RECORD_MARK}{part}"


class _BrotliBody:
    """A brotli-compressed body as warcio's readers undo one (decompress(), unused_data): warcio's own
    adapter sets an attribute on brotli's decompressor, which brotli 1.1 and later refuse."""

    unused_data = None

    def __init__(self):
        self._decompressor = brotli.Decompressor()

    def decompress(self, data: bytes) -> bytes:
        return self._decompressor.process(data)


BufferedReader.DECOMPRESSORS["br"] = _BrotliBody


def records_in(source: SourceFile, max_bytes: int) -> Iterator[Record | Skipped]:
    """Every article in a container file, in the file's order, and each part of it that gives none:
    a record cut short or unreadable, a line that is not JSON, an object with no text, or the file
    itself when it holds no article. A record's payload larger than `max_bytes` is skipped as a file
    that large would be."""
    readers = {"warc": _warc_records, "jsonl": _json_lines, "json": _json_document}
    found = False
    try:
        for found in readers[source.kind](source, max_bytes):
            yield found
    except OSError as error:
        yield Skipped(source.doc_id, f"cannot read: {error.strerror or error}", container=source.doc_id)
        return
    if not found:  # reported, not passed over: it may be a folder's only file
        yield Skipped(source.doc_id, "holds no article: no HTML page answered with success, no JSON object",
                      container=source.doc_id)


def _open(source: SourceFile) -> IO[bytes]:
    handle = open(source.path, "rb")
    return gzip.GzipFile(fileobj=handle, mode="rb") if source.path.suffix.lower() == COMPRESSED_SUFFIX else handle


# ------------------------------------------------------------------------------------------- JSON

def _json_of(raw: bytes):
    """JSON text as its own encoding says (UTF-8, -16 or -32), a few bytes that are not replaced."""
    return json.loads(raw.decode(json.detect_encoding(raw), errors="replace"))


def _record(item, doc_id: str, container: str) -> Record | Skipped:
    try:
        return record_of_json(item, doc_id, container)
    except UnreadableArticle as reason:
        return Skipped(doc_id, str(reason), container=container)


def _json_lines(source: SourceFile, max_bytes: int) -> Iterator[Record | Skipped]:
    """One object a line; blank lines are nothing. A line is numbered from 1, as editors do."""
    container = source.doc_id
    with _open(source) as handle:
        number = 0
        while True:
            number += 1
            try:
                line = handle.readline(max_bytes + 1)
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass
                    yield Skipped(record_id(container, number), f"line {number} is too large "
                                  f"(over {max_bytes / 1e6:.1f} MB)", container=container)
                    continue
            except GZIP_FAILURES as error:
                yield Skipped(record_id(container, number), f"the file is cut off or damaged from line {number} on "
                              f"({error})", container=container)
                return
            if not line:
                return
            if not line.strip():
                continue
            try:
                item = _json_of(line)
            except ValueError as error:
                yield Skipped(record_id(container, number), f"line {number} is not JSON: {error}", container=container)
                continue
            yield _record(item, record_id(container, number), container)


def _json_document(source: SourceFile, max_bytes: int) -> Iterator[Record | Skipped]:
    """One object (news-please writes a file an article), whose id is the file's, or a list of them,
    each numbered from 1."""
    container = source.doc_id
    try:
        with _open(source) as handle:
            raw = handle.read(JSON_DOCUMENT_MAX_BYTES + 1)
    except GZIP_FAILURES as error:
        yield Skipped(container, f"not a readable gzip file: {error}", container=container)
        return
    if len(raw) > JSON_DOCUMENT_MAX_BYTES:
        yield Skipped(container, f"a .json file over {JSON_DOCUMENT_MAX_BYTES / 1e6:.0f} MB: write so many "
                      "articles as JSON Lines (.jsonl), one a line", container=container)
        return
    try:
        document = _json_of(raw)
    except json.JSONDecodeError as error:
        if error.msg != "Extra data":
            yield Skipped(container, f"not JSON: {error}", container=container)
            return
        # One object after another (JSON Lines under a .json name, or objects printed one after
        # another): each is an article, numbered from 1.
        yield from _one_after_another(raw.decode(json.detect_encoding(raw), errors="replace"), container)
        return
    if not isinstance(document, list):
        yield _record(document, container, container)
        return
    for number, item in enumerate(document, start=1):
        yield _record(item, record_id(container, number), container)


def _one_after_another(text: str, container: str) -> Iterator[Record | Skipped]:
    """The JSON values written one after another in `text`; where one cannot be read, it is reported
    and the reading goes on from the next line."""
    decoder = json.JSONDecoder()
    at, number = 0, 0
    while (at := _next_value(text, at)) < len(text):
        number += 1
        try:
            item, at = decoder.raw_decode(text, at)
        except json.JSONDecodeError as error:
            yield Skipped(record_id(container, number), f"item {number} is not JSON: {error}", container=container)
            newline = text.find("\n", error.pos)
            at = len(text) if newline < 0 else newline + 1
            continue
        yield _record(item, record_id(container, number), container)


def _next_value(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


# ------------------------------------------------------------------------------------------- WARC

def _response(record) -> tuple[str, str] | None:
    """(address, fetch time) of a WARC record that holds an article: a response (an ARC record is
    one) with a 2xx status and an HTML page, or a resource record of an HTML page (a page archived
    without its HTTP exchange); None for requests, revisits, metadata, redirects, errors, PDFs and
    images."""
    if record.rec_type == "resource":
        content_type = (record.rec_headers.get_header("Content-Type") or "").lower()
        if not content_type.startswith(HTML_TYPES):
            return None
    elif record.rec_type != "response" or record.http_headers is None:
        return None
    else:
        status = record.http_headers.get_statuscode() or ""
        content_type = (record.http_headers.get_header("Content-Type") or "").lower()
        if not status.startswith("2") or (content_type and not content_type.startswith(HTML_TYPES)):
            return None
    # WARC 1.1 as some crawlers write it: the address in angle brackets ("<https://…>").
    headers = record.rec_headers
    url = (headers.get_header("WARC-Target-URI") or headers.get_header("uri") or "").strip("<> ")
    fetched = headers.get_header("WARC-Date") or headers.get_header("archive-date") or ""
    return (url, fetched) if url else None


def _archive_records(handle: IO[bytes]) -> Iterator[tuple[object, ArchiveIterator]]:
    """(record, iterator) for each record, warcio's warnings about damaged records kept off the
    terminal: the damage is reported with the record."""
    iterator = ArchiveIterator(handle, arc2warc=True)
    while True:
        with contextlib.redirect_stderr(io.StringIO()):
            record = next(iterator, None)
        if record is None:
            return
        yield record, iterator


def _latest_fetches(source: SourceFile) -> set[int]:
    """Which responses are articles, by their number among the file's responses (from 0): for each
    address, its latest fetch (the last of those fetched at the same time). A damaged part ends the
    count; the reading proper reports it."""
    latest: dict[str, tuple[str, int]] = {}
    with open(source.path, "rb") as handle, contextlib.suppress(Exception):  # the second reading reports it
        number = -1
        for record, _ in _archive_records(handle):
            if (response := _response(record)) is None:
                continue
            number += 1
            url, fetched = response
            if url not in latest or fetched >= latest[url][0]:
                latest[url] = (fetched, number)
    return {number for _, number in latest.values()}


def _warc_records(source: SourceFile, max_bytes: int) -> Iterator[Record | Skipped]:
    container = source.doc_id
    articles = _latest_fetches(source)
    number = -1
    read_to = 0
    with open(source.path, "rb") as handle:
        size = handle.seek(0, io.SEEK_END)
        handle.seek(0)
        try:
            for record, iterator in _archive_records(handle):
                if (response := _response(record)) is not None:
                    number += 1
                    if number in articles:
                        url, fetched = response
                        yield _page_record(record, record_id(container, url), container, url, fetched, max_bytes)
                iterator.read_to_end()
                read_to = iterator.get_record_offset() + iterator.get_record_length()
        except Exception as error:  # warcio raises what its parsers meet (ValueError, AttributeError …)
            yield Skipped(record_id(container, f"offset {read_to}"), f"unreadable from byte {read_to} on "
                          f"({type(error).__name__}: {error})", container=container)
            return
        handle.seek(read_to)
        # An uncompressed WARC's last record is followed by blank lines that no record counts.
        trailing = handle.read(TRAILING_BLANKS + 1)
    if trailing.strip() or len(trailing) > TRAILING_BLANKS:
        yield Skipped(record_id(container, f"offset {read_to}"),
                      f"cut off: the {size - read_to} bytes from byte {read_to} on hold no whole record",
                      container=container)


def _page_record(record, doc_id: str, container: str, url: str, fetched: str, max_bytes: int) -> Record | Skipped:
    """A response's page as served, its transfer and content encodings undone."""
    try:
        payload = record.content_stream().read(max_bytes + 1)
    except Exception as error:  # a damaged gzip or brotli body, a chunk size that is not a number
        return Skipped(doc_id, f"the page's body cannot be decoded ({type(error).__name__}: {error})",
                       container=container)
    if len(payload) > max_bytes:
        return Skipped(doc_id, f"page too large (over {max_bytes / 1e6:.1f} MB)", container=container)
    if record.raw_stream.limit > 0:
        return Skipped(doc_id, f"cut short: {record.raw_stream.limit} of the record's {record.length} bytes "
                       "are missing", container=container)
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    charset = CHARSET.search(headers.get_header("Content-Type") or "")
    return Record(doc_id=doc_id, container=container, payload=payload, charset=charset[1] if charset else None,
                  url=url, fetched=fetched)
