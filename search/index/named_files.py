"""I/O edge: the articles of files and records named on a command line, read as a rebuild reads them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import UnreadableArticle
from ..models import Article, Skipped
from ..names import id_of_name, name_of_id
from .archives import RECORD_MARK, record_id, records_in
from .loading import load_article
from .sources import FILE_TYPES, SourceFile, article_kind, find_articles


def _existing(name: str, corpus: Path) -> Path | None:
    """A file or folder named as the file system has it, or by its id as the index, the article
    page and the command line show it, here or in the corpus (`scrapes/bridge-opens.txt`)."""
    for path in (Path(name), Path(name_of_id(name)), corpus / name_of_id(name)):
        if path.exists() or path.is_symlink():
            return path
    return None


def _source(path: Path) -> SourceFile | None:
    kind = article_kind(path.name)
    return SourceFile(path, id_of_name(str(path)), kind) if kind else None


def _named(name: str, corpus: Path) -> Iterator[tuple[SourceFile, str | None] | Skipped]:
    """(file, None) for each article file a name stands for, (container, record) for a record's id
    ("crawl.warc.gz#https://…", "items.jsonl#12"), or why it stands for none."""
    if (path := _existing(name, corpus)) is not None:
        if path.is_dir():
            found = [(SourceFile(source.path, id_of_name(str(source.path)), source.kind), None)
                     for source in find_articles(path)]
            yield from found or [Skipped(id_of_name(name), f"no article files ({FILE_TYPES}) in this folder")]
        elif source := _source(path):
            yield source, None
        else:
            yield Skipped(id_of_name(name), f"not an article file ({FILE_TYPES}, optionally .gz)")
        return
    # A record's id: the container's id, then the record's address or number (the container's own
    # name may hold the mark too).
    start = 0
    while (mark := name.find(RECORD_MARK, start)) > 0:
        container = _existing(name[:mark], corpus)
        if container is not None and container.is_file() and (source := _source(container)) and source.is_container:
            yield source, name[mark + 1:]
            return
        start = mark + 1
    yield Skipped(id_of_name(name), "no such file or folder")


def named_articles(names: list[str], corpus: Path, max_bytes: int) -> Iterator[Article | Skipped]:
    """The article of each file named, of each record of each container named, and of each record
    named by its id; each that gives none, with the reason."""
    for name in names:
        for found in _named(name, corpus):
            if isinstance(found, Skipped):
                yield found
                continue
            source, record = found
            if not source.is_container:
                yield _article_or_reason(source, max_bytes)
                continue
            matched = False
            for item in records_in(source, max_bytes):
                if record is None or item.doc_id == record_id(source.doc_id, record):
                    matched = True
                    yield item if isinstance(item, Skipped) else _article_or_reason(item, max_bytes)
            if not matched:
                yield Skipped(id_of_name(name), "no such record in the file")


def _article_or_reason(source, max_bytes: int) -> Article | Skipped:
    try:
        return load_article(source, max_bytes)
    except UnreadableArticle as reason:
        return Skipped(source.doc_id, str(reason))
