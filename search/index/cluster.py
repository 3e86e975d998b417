"""I/O edge: a rebuild's work as tasks on a Dask cluster.

Phase 1 is the work of loading.in_order (read, clean and extract each corpus file), answers given
back in corpus order: each article is kept in the rebuild's folder, and the coordinator gets its
sketch, from which it assigns every story once, across all tasks. Phase 2 writes the kept articles,
with their stories, as complete Whoosh segments, each task in a folder of its own; the coordinator
moves the segments into the new generation and alone commits them.

The workers run the same function over the same jobs as this machine's worker processes do; they
must see the corpus at the same paths (shared storage) and have the project installed. Dask moves a
dead worker's tasks to another worker by itself; a chunk whose tasks keep killing workers (Dask's
`allowed-failures`) is done again one job at a time, and the job that kills its worker again is given
up with that reason, as on one machine. A job that raises stops the rebuild with what it raised.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from whoosh import index as whoosh_index

from ..errors import ConfigError, IndexWriteError
from ..models import Article
from ..whoosh_private.writing import finished_segment
from .schema import QUOTES_INDEX, build_quote_schema, build_schema
from .segments import add_article, failure_reason, indexing_failed, sub_writers
from .stories import sketch
from .worker_pool import CHUNK, MAX_IN_FLIGHT, WorkerDied, chunk_of, ordered

Job = TypeVar("Job")
Answer = TypeVar("Answer")

CONNECT_TIMEOUT_S = 30


def connect(address: str):
    """A client of the Dask scheduler at `address` (tcp://HOST:8786); ConfigError when it cannot be
    reached."""
    from distributed import Client

    try:
        return Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ConfigError(f"Cannot reach the Dask scheduler at {address}: {error}") from None


class _Cluster:
    """The workers of a Dask cluster. Dask moves a dead worker's other tasks itself: only the chunk
    whose tasks kept killing workers (`allowed-failures`) is lost."""

    def __init__(self, work: Callable, client):
        self.work, self.client = work, client

    def submit(self, jobs: Sequence):
        return self.client.submit(chunk_of, self.work, jobs, pure=False)

    def result(self, future) -> list:
        from distributed import KilledWorker

        try:
            return future.result()
        except KilledWorker:
            raise WorkerDied(all_lost=False) from None

    def close(self, futures: list) -> None:
        self.client.cancel(futures)


def on_cluster(work: Callable[[Job], Answer], jobs: Iterable[Job], client, given_up: Callable[[Job, str], Answer],
               chunk: int = CHUNK, max_in_flight: int = MAX_IN_FLIGHT) -> Iterator[Answer]:
    """work(job) for every job, in order, as tasks of `client`'s cluster; given_up(job, reason) for a
    job whose worker died on it every time. `work` must not raise: it turns its failures into answers."""
    return ordered(_Cluster(work, client), jobs, given_up, chunk, max_in_flight)


# ------------------------------------------------------------------------- a rebuild's two phases

# Articles in one segment written by one task: large enough that a commit lists few segments, small
# enough that a lost task costs little to run again.
SEGMENT_ARTICLES = 1000


@dataclass(frozen=True)
class Extracted:
    """What the coordinator needs of an article a worker extracted: its id and its near-duplicate
    sketch. The article itself is kept in the rebuild's folder for the task that writes it."""

    doc_id: str
    sketch: array
    container: str | None = None


def kept_article(cache: Path, doc_id: str) -> Path:
    return cache / (hashlib.blake2b(doc_id.encode("utf-8"), digest_size=16).hexdigest() + ".pickle")


def extract_and_keep(job, work: Callable, cache: str):
    """Phase 1, on a worker: work(job); an article is kept in `cache` and answered by its sketch."""
    answer = work(job)
    if not isinstance(answer, Article):
        return answer
    kept_article(Path(cache), answer.id).write_bytes(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    return Extracted(answer.id, sketch(answer.body), job.container)


def write_segments(doc_ids: list[str], stories: list[str], cache: str, folder: str, stoplist: str,
                   title_weight: int, options: dict) -> tuple:
    """Phase 2, on a worker: the kept articles, with the stories the coordinator assigned, written
    as one complete segment of articles and one of quotations in a folder of this task's own.
    Returns (articles segment, quotations segment), either None when empty. Run again after a lost
    worker, it starts the folder afresh."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    articles = whoosh_index.create_in(folder, build_schema(stoplist))
    quotes = whoosh_index.create_in(folder, build_quote_schema(stoplist), indexname=QUOTES_INDEX)
    writers = sub_writers((articles, quotes), options)
    for doc_id, story in zip(doc_ids, stories):
        try:
            article = pickle.loads(kept_article(Path(cache), doc_id).read_bytes())
        except Exception as error:  # a kept article that cannot be read back stops the rebuild naming the file
            raise indexing_failed(doc_id, failure_reason(error)) from None
        add_article(writers, article, story, title_weight)
    return tuple(finished_segment(writer) for writer in writers)


def written_on_cluster(client, groups: list[list[tuple[str, str]]], cache: Path, folder: Path, stoplist: str,
                       title_weight: int, options: dict, on_task=lambda: None) -> tuple[list, list]:
    """Phase 2: each group of (article id, story) written by a task into `folder`/<n>; the
    segments' files are then moved into `folder`'s parent, the new generation, for the coordinator to
    commit. A task lost with its worker every time it ran fails the rebuild."""
    from distributed import KilledWorker

    futures = [client.submit(write_segments, [doc_id for doc_id, _ in group], [story for _, story in group],
                             str(cache), str(folder / str(number)), stoplist, title_weight, options, pure=False)
               for number, group in enumerate(groups)]
    found: tuple[list, list] = ([], [])
    try:
        for number, (group, future) in enumerate(zip(groups, futures)):
            try:
                segments = future.result()
            except KilledWorker:
                raise IndexWriteError(f"A task writing the {len(group)} articles from {group[0][0]} to "
                                      f"{group[-1][0]} was lost with its worker every time it ran") from None
            for kept, segment in zip(found, segments):
                if segment is not None:
                    _move_segment(segment, folder / str(number), folder.parent)
                    kept.append(segment)
            on_task()
    finally:
        client.cancel(futures)
    return found


def _move_segment(segment, source: Path, target: Path) -> None:
    prefix = f"{segment.indexname}_{segment.segid}"
    for path in source.iterdir():
        if path.name.startswith(prefix):
            path.rename(target / path.name)
