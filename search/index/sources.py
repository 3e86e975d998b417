"""I/O edge: find the articles in a corpus folder and read their bytes (unpacked when gzipped)."""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError, UnreadableArticle
from ..extraction.decoding import decode
from ..names import id_of_name

ARTICLE_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".warc": "warc", ".arc": "warc",
                   ".jsonl": "jsonl", ".ndjson": "jsonl", ".jl": "jsonl", ".json": "json"}
# Files that hold many articles: web archives and scrapers' JSON (search/index/archives.py).
CONTAINER_KINDS = frozenset(("warc", "jsonl", "json"))
# A saved page may be gzipped (page.html.gz), and so may a container (crawl.warc.gz): its kind is
# that of the name without ".gz".
COMPRESSED_SUFFIX = ".gz"
FILE_TYPES = ".txt, .html, .htm, .warc, .arc, .jsonl, .ndjson, .jl, .json"


def article_kind(name: str) -> str | None:
    """"text", "html" or a container's kind (CONTAINER_KINDS) for an article file's name, or None
    for any other file."""
    path = Path(name)
    if path.suffix.lower() == COMPRESSED_SUFFIX:
        path = path.with_suffix("")
    return ARTICLE_SUFFIXES.get(path.suffix.lower())


@dataclass(frozen=True)
class SourceFile:
    path: Path
    doc_id: str  # path relative to the corpus, with forward slashes, as names.id_of_name writes it
    kind: str  # "text", "html" or one of CONTAINER_KINDS

    @property
    def is_container(self) -> bool:
        return self.kind in CONTAINER_KINDS


def find_articles(corpus: Path) -> Iterator[SourceFile]:
    """Every article file below `corpus`, in a stable order, or `corpus` itself when it is one (a
    WARC file, a JSON Lines file). Symlinked folders are not followed."""
    if corpus.is_file():
        if (kind := article_kind(corpus.name)) is None:
            raise CorpusError(f"The corpus {corpus} is neither a folder nor an article file ({FILE_TYPES})")
        yield SourceFile(path=corpus, doc_id=id_of_name(corpus.name), kind=kind)
        return
    if not corpus.is_dir():
        raise CorpusError(f"Corpus folder not found: {corpus}")
    for folder, subfolders, files in os.walk(corpus, onerror=None, followlinks=False):
        subfolders.sort()
        for name in sorted(files):
            kind = article_kind(name)
            if kind is not None:
                path = Path(folder) / name
                yield SourceFile(path=path, doc_id=id_of_name(path.relative_to(corpus).as_posix()), kind=kind)


def read_bytes(source: SourceFile, max_bytes: int) -> bytes:
    """The file's bytes as stored (gzipped or not), when it is a regular file within the limit."""
    try:
        status = source.path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableArticle("not a regular file")
        size = status.st_size
        if size > max_bytes:
            raise UnreadableArticle(f"file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB)")
        return source.path.read_bytes()
    except OSError as error:
        raise UnreadableArticle(f"cannot read: {error.strerror or error}") from None


def as_text(source: SourceFile, data: bytes, max_bytes: int) -> str:
    """The text of a file's bytes as read_bytes gave them: unpacked when gzipped, then decoded."""
    if source.path.suffix.lower() == COMPRESSED_SUFFIX:
        data = _decompressed(data, max_bytes)
    return decode(data, source.kind)


def _decompressed(data: bytes, max_bytes: int) -> bytes:
    """A gzipped page, held to the same size limit once unpacked, so a small bomb cannot fill memory."""
    try:
        unpacked = zlib.decompressobj(wbits=31).decompress(data, max_bytes + 1)
    except zlib.error as error:
        raise UnreadableArticle(f"not a readable gzip file: {error}") from None
    if len(unpacked) > max_bytes:
        raise UnreadableArticle(f"file too large once decompressed (over {max_bytes / 1e6:.1f} MB)")
    return unpacked
