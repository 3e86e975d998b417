"""I/O edge: a corpus file, or a record of a container file, -> its Article, in a worker process:
taken from the extraction cache by the hash the rebuild read it under, or read, decoded and
extracted, and kept there."""

from __future__ import annotations

import ctypes
import datetime as dt
import os
import signal
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..config import Settings
from ..errors import UnreadableArticle
from ..extraction.article import article_from_text
from ..extraction.records import article_from_record
from ..models import Article, Record, Skipped
from . import extraction_cache, worker_pool
from .archives import records_in
from .sources import SourceFile, as_text, read_bytes
from .stories import sketch


def load_article(source: SourceFile | Record, max_bytes: int, kept_in: Path | None = None,
                 known_hash: str | None = None) -> Article:
    """The article in one corpus file, or in one record of a container file. With `kept_in` (an
    index folder), one extracted from the same bytes before is taken from there, and one extracted
    now is kept there. `known_hash`: the hash the file (the container, for a record) was read under a
    moment ago, by which a kept article is found without reading it again; an article extracted now
    is kept under the hash of the bytes it was made from."""
    if kept_in is not None and known_hash is not None:
        kept = extraction_cache.load(kept_in, extraction_cache.key(source.doc_id, known_hash))
        if kept is not None:
            return kept
    if isinstance(source, Record):
        # A record was read from its container under `known_hash`: it is kept under that one.
        entry = extraction_cache.key(source.doc_id, known_hash) if kept_in is not None and known_hash else None
        article = _extracted(lambda latest: article_from_record(source, latest=latest))
    else:
        data = read_bytes(source, max_bytes)
        file_hash = extraction_cache.digest(data)
        entry = extraction_cache.key(source.doc_id, file_hash) if kept_in is not None else None
        if entry is not None and file_hash != known_hash and (article := extraction_cache.load(kept_in, entry)):
            return article
        article = _extracted(lambda latest: article_from_text(source.doc_id, source.kind,
                                                              as_text(source, data, max_bytes), latest=latest))
    if entry is not None:
        extraction_cache.keep(kept_in, entry, article)
    return article


def _extracted(extract: Callable[[dt.date], Article]) -> Article:
    """extract(latest), where latest is the last day an article read now can have been published;
    a page the extraction fails on is UnreadableArticle."""
    try:
        # Nothing is published after it is read: a day's grace for the time zones ahead.
        return extract(dt.date.today() + dt.timedelta(days=1))
    except UnreadableArticle:
        raise
    except (RecursionError, ValueError, TypeError, AttributeError, LookupError) as error:
        # One malformed page must not stop a rebuild: it is reported and the rest are indexed.
        raise UnreadableArticle(f"cannot parse: {type(error).__name__}: {error}") from None


PR_SET_PDEATHSIG = 1
# Whether processes forked now are a rebuild's workers (this pool's and Whoosh's writer processes).
_forking_workers = False


def forks_die_with_parent(on: bool) -> None:
    global _forking_workers
    _forking_workers = on


def _die_with_parent() -> None:
    """A worker forked by a rebuild is killed with it (Linux), instead of running on as an orphan."""
    if _forking_workers and sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


os.register_at_fork(after_in_child=_die_with_parent)


class Job(NamedTuple):
    """The work of reading one file, or one record of a container file: the hash of the file (the
    container) as the rebuild read it, the largest size a page may have, and the index folder that
    keeps what was extracted."""

    source: SourceFile | Record
    hash: str | None
    max_bytes: int
    kept_in: Path

    @property
    def doc_id(self) -> str:
        return self.source.doc_id

    @property
    def container(self) -> str | None:
        return self.source.container if isinstance(self.source, Record) else None


def jobs_of(sources: list[SourceFile], hashes: dict[str, str | None], settings: Settings) -> Iterator[Job | Skipped]:
    """A job for each article file and for each record of a container file, streamed from the
    container as the jobs are taken; a part of a container that holds no article is Skipped."""
    for source in sources:
        if not source.is_container:
            yield Job(source, hashes[source.doc_id], settings.max_file_bytes, settings.index)
            continue
        for record in records_in(source, settings.max_file_bytes):
            yield record if isinstance(record, Skipped) else \
                Job(record, hashes[source.doc_id], settings.max_file_bytes, settings.index)


def load_or_skip(job: Job | Skipped) -> Article | Skipped:
    """One file or record read, cleaned and extracted, in a worker process: the article, or why it
    was skipped (a part of a container found unreadable while streaming it is so already)."""
    if isinstance(job, Skipped):
        return job
    try:
        return load_article(job.source, job.max_bytes, job.kept_in, job.hash)
    except UnreadableArticle as reason:
        return Skipped(path=job.doc_id, reason=str(reason), container=job.container)


@dataclass(frozen=True)
class Sketched:
    """An article read by a worker process, with its near-duplicate sketch, computed there too, and
    the container file it came from (None for an article file)."""

    article: Article
    sketch: array
    container: str | None = None

    @property
    def doc_id(self) -> str:
        return self.article.id


def _load_and_sketch(job: Job | Skipped) -> Sketched | Skipped:
    answer = load_or_skip(job)
    return answer if isinstance(answer, Skipped) else Sketched(answer, sketch(answer.body), job.container)


def worker_count(settings: Settings) -> int:
    return settings.rebuild_workers or os.cpu_count() or 1


def given_up(job: Job | Skipped, reason: str) -> Skipped:
    return job if isinstance(job, Skipped) else Skipped(path=job.doc_id, reason=reason, container=job.container)


def loaded(jobs: Iterable[Job | Skipped], workers: int) -> Iterator[Sketched | Skipped]:
    """Articles in corpus order (stories depend on it), read by `workers` processes at once."""
    return worker_pool.in_order(_load_and_sketch, jobs, workers, given_up=given_up)
