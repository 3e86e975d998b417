"""I/O edge: a corpus file -> its Article, in a worker process: taken from the extraction cache by the
hash the rebuild read it under, or read, decoded and extracted, and kept there."""

from __future__ import annotations

import ctypes
import datetime as dt
import os
import signal
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..config import Settings
from ..errors import UnreadableArticle
from ..extraction.article import article_from_text
from ..models import Article, Skipped
from . import extraction_cache, worker_pool
from .sources import SourceFile, as_text, read_bytes
from .stories import sketch


def load_article(source: SourceFile, max_bytes: int, kept_in: Path | None = None,
                 known_hash: str | None = None) -> Article:
    """The article in one corpus file. With `kept_in` (an index folder), one extracted from the same
    bytes before is taken from there, and one extracted now is kept there. `known_hash`: the hash
    the file was read under a moment ago, by which a kept article is found without reading it again;
    an article extracted now is kept under the hash of the bytes it was made from."""
    if kept_in is not None and known_hash is not None:
        kept = extraction_cache.load(kept_in, extraction_cache.key(source.doc_id, known_hash))
        if kept is not None:
            return kept
    data = read_bytes(source, max_bytes)
    file_hash = extraction_cache.digest(data)
    entry = extraction_cache.key(source.doc_id, file_hash) if kept_in is not None else None
    if entry is not None and file_hash != known_hash and (article := extraction_cache.load(kept_in, entry)):
        return article
    try:
        # Nothing is published after it is read: a day's grace for the time zones ahead.
        article = article_from_text(source.doc_id, source.kind, as_text(source, data, max_bytes),
                                    latest=dt.date.today() + dt.timedelta(days=1))
    except UnreadableArticle:
        raise
    except (RecursionError, ValueError, TypeError, AttributeError, LookupError) as error:
        # One malformed page must not stop a rebuild: it is reported and the rest are indexed.
        raise UnreadableArticle(f"cannot parse: {type(error).__name__}: {error}") from None
    if entry is not None:
        extraction_cache.keep(kept_in, entry, article)
    return article


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
    """The work of reading one file: its hash as the rebuild read it, the largest size it may have,
    and the index folder that keeps what was extracted."""

    source: SourceFile
    hash: str | None
    max_bytes: int
    kept_in: Path


def jobs_of(sources: list[SourceFile], hashes: dict[str, str | None], settings: Settings) -> list[Job]:
    return [Job(source, hashes[source.doc_id], settings.max_file_bytes, settings.index) for source in sources]


def load_or_skip(job: Job) -> Article | Skipped:
    """One file read, cleaned and extracted, in a worker process: the article, or why it was skipped."""
    try:
        return load_article(job.source, job.max_bytes, job.kept_in, job.hash)
    except UnreadableArticle as reason:
        return Skipped(path=job.source.doc_id, reason=str(reason))


@dataclass(frozen=True)
class Sketched:
    """An article read by a worker process, with its near-duplicate sketch, computed there too."""

    article: Article
    sketch: array

    @property
    def doc_id(self) -> str:
        return self.article.id


def _load_and_sketch(job: Job) -> Sketched | Skipped:
    answer = load_or_skip(job)
    return answer if isinstance(answer, Skipped) else Sketched(answer, sketch(answer.body))


def worker_count(settings: Settings) -> int:
    return settings.rebuild_workers or os.cpu_count() or 1


def given_up(job: Job, reason: str) -> Skipped:
    return Skipped(path=job.source.doc_id, reason=reason)


def loaded(jobs: list[Job], workers: int) -> Iterator[Sketched | Skipped]:
    """Articles in corpus order (stories depend on it), read by `workers` processes at once."""
    return worker_pool.in_order(_load_and_sketch, jobs, workers, given_up=given_up)
