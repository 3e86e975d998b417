"""I/O edge: work on corpus files spread over worker processes, answers given back in corpus order.

A worker that dies (a parser that crashes its process, memory running out, a kill) is noticed
instead of waited for: the files that were out at the time are done again one at a time, and the
one whose worker dies again is given up with that reason. One hostile page neither hangs a rebuild
nor takes other articles down with it.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Job = TypeVar("Job")
Answer = TypeVar("Answer")

# Jobs handed to the workers and not yet taken by the consumer. Without a bound, workers that read
# faster than the index is written pile up articles in memory: a gigabyte over 100,000 of them.
MAX_IN_FLIGHT = 256
CHUNK = 8
WORKER_DIED = "the process reading it died (a crash or a kill) while reading it"


def chunk_of(work: Callable, jobs: Sequence) -> list:
    return [work(job) for job in jobs]


def in_order(work: Callable[[Job], Answer], jobs: Sequence[Job], workers: int,
             given_up: Callable[[Job, str], Answer], chunk: int = CHUNK,
             max_in_flight: int = MAX_IN_FLIGHT) -> Iterator[Answer]:
    """work(job) for every job, in order, by `workers` processes; given_up(job, reason) for a job
    whose worker died on it. `work` must not raise: it turns its failures into answers."""
    if workers == 1:
        yield from map(work, jobs)
        return
    context = multiprocessing.get_context("fork")
    pending = deque(jobs[start:start + chunk] for start in range(0, len(jobs), chunk))
    out: deque[tuple[Sequence[Job], object]] = deque()
    suspects: deque[Job] = deque()
    executor = ProcessPoolExecutor(workers, mp_context=context)
    try:
        while pending or out or suspects:
            if suspects:
                # One at a time, so that a worker's death names the job that caused it.
                job = suspects.popleft()
                try:
                    yield executor.submit(chunk_of, work, [job]).result()[0]
                except BrokenProcessPool:
                    executor = _restarted(executor, workers, context)
                    yield given_up(job, WORKER_DIED)
                continue
            while pending and len(out) * chunk < max_in_flight:
                jobs_out = pending.popleft()
                out.append((jobs_out, executor.submit(chunk_of, work, jobs_out)))
            jobs_out, future = out.popleft()
            try:
                answers = future.result()
            except BrokenProcessPool:
                suspects.extend(job for jobs_of, _ in [(jobs_out, future), *out] for job in jobs_of)
                out.clear()
                executor = _restarted(executor, workers, context)
                continue
            yield from answers
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _restarted(executor: ProcessPoolExecutor, workers: int, context) -> ProcessPoolExecutor:
    executor.shutdown(wait=True, cancel_futures=True)
    return ProcessPoolExecutor(workers, mp_context=context)
