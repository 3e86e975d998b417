"""I/O edge: work on corpus files spread over worker processes, answers given back in corpus order.

A worker that dies (a parser that crashes its process, memory running out, a kill) is noticed
instead of waited for: the files that were out at the time are done again one at a time, and the
one whose worker dies again is given up with that reason. One hostile page neither hangs a rebuild
nor takes other articles down with it.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

Job = TypeVar("Job")
Answer = TypeVar("Answer")

# Jobs handed to the workers and not yet taken by the consumer. Without a bound, workers that read
# faster than the index is written pile up articles in memory: a gigabyte over 100,000 of them.
MAX_IN_FLIGHT = 256
CHUNK = 8
WORKER_DIED = "the process reading it died (a crash or a kill) while reading it"


def chunk_of(work: Callable, jobs: Sequence) -> list:
    return [work(job) for job in jobs]


class WorkerDied(Exception):
    """The worker running a chunk of jobs died; `all_lost`: the other chunks out died with it (a
    process pool breaks whole), else only this chunk's (a cluster moves the others elsewhere)."""

    def __init__(self, all_lost: bool):
        super().__init__(WORKER_DIED)
        self.all_lost = all_lost


class Workers(Protocol):
    """Where chunks of jobs run: submit(jobs) gives a future, result(future) its answers or
    WorkerDied, close(futures) ends the work still out."""

    def submit(self, jobs: Sequence) -> Any: ...

    def result(self, future) -> list: ...

    def close(self, futures: list) -> None: ...


def ordered(workers: Workers, jobs: Iterable[Job], given_up: Callable[[Job, str], Answer], chunk: int = CHUNK,
            max_in_flight: int = MAX_IN_FLIGHT) -> Iterator[Answer]:
    """The answers of every job, in order, computed by `workers` a chunk at a time, with at most
    `max_in_flight` jobs out, taken from `jobs` only as they are sent; given_up(job, reason) for a
    job whose worker died on it. The jobs out when a worker died are done again one at a time, so
    that a death names the job that caused it."""
    remaining = iter(jobs)
    pending = iter(lambda: list(itertools.islice(remaining, chunk)), [])
    out: deque[tuple[Sequence[Job], object]] = deque()
    suspects: deque[Job] = deque()
    try:
        while True:
            if suspects:
                job = suspects.popleft()
                try:
                    yield workers.result(workers.submit([job]))[0]
                except WorkerDied:
                    yield given_up(job, WORKER_DIED)
                continue
            while len(out) * chunk < max_in_flight and (jobs_out := next(pending, None)):
                out.append((jobs_out, workers.submit(jobs_out)))
            if not out:
                return
            jobs_out, future = out.popleft()
            try:
                answers = workers.result(future)
            except WorkerDied as died:
                suspects.extend(jobs_out)
                if died.all_lost:
                    suspects.extend(job for jobs_of, _ in out for job in jobs_of)
                    out.clear()
                continue
            yield from answers
    finally:
        workers.close([future for _, future in out])


class _Processes:
    """Worker processes of this machine, forked; a pool that loses a process is started again."""

    def __init__(self, work: Callable, count: int):
        self.work, self.count = work, count
        self.context = multiprocessing.get_context("fork")
        self.executor = ProcessPoolExecutor(count, mp_context=self.context)

    def submit(self, jobs: Sequence):
        return self.executor.submit(chunk_of, self.work, jobs)

    def result(self, future) -> list:
        try:
            return future.result()
        except BrokenProcessPool:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = ProcessPoolExecutor(self.count, mp_context=self.context)
            raise WorkerDied(all_lost=True) from None

    def close(self, futures: list) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def in_order(work: Callable[[Job], Answer], jobs: Iterable[Job], workers: int,
             given_up: Callable[[Job, str], Answer], chunk: int = CHUNK,
             max_in_flight: int = MAX_IN_FLIGHT) -> Iterator[Answer]:
    """work(job) for every job, in order, by `workers` processes; given_up(job, reason) for a job
    whose worker died on it. `work` must not raise: it turns its failures into answers."""
    if workers == 1:
        yield from map(work, jobs)
        return
    yield from ordered(_Processes(work, workers), jobs, given_up, chunk, max_in_flight)
