"""I/O edge: the work of loading.in_order (read, clean and extract each corpus file) as tasks on a
Dask cluster, answers given back in corpus order.

The workers run the same function over the same jobs as this machine's worker processes do; they
must see the corpus at the same paths (shared storage) and have the project installed. Dask moves a
dead worker's tasks to another worker by itself; a chunk whose tasks keep killing workers (Dask's
`allowed-failures`) is done again one job at a time, and the job that kills its worker again is given
up with that reason, as on one machine. A job that raises stops the rebuild with what it raised.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from .errors import ConfigError
from .loading import CHUNK, MAX_IN_FLIGHT, WORKER_DIED, chunk_of

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


def on_cluster(work: Callable[[Job], Answer], jobs: Sequence[Job], client, given_up: Callable[[Job, str], Answer],
               chunk: int = CHUNK, max_in_flight: int = MAX_IN_FLIGHT) -> Iterator[Answer]:
    """work(job) for every job, in order, as tasks of `client`'s cluster; given_up(job, reason) for a
    job whose worker died on it every time. `work` must not raise: it turns its failures into answers."""
    from distributed import KilledWorker

    pending = deque(jobs[start:start + chunk] for start in range(0, len(jobs), chunk))
    out: deque = deque()
    suspects: deque = deque()
    try:
        while pending or out or suspects:
            if suspects:
                # One at a time, so that a worker's death names the job that caused it.
                job = suspects.popleft()
                try:
                    yield client.submit(chunk_of, work, [job], pure=False).result()[0]
                except KilledWorker:
                    yield given_up(job, WORKER_DIED)
                continue
            while pending and len(out) * chunk < max_in_flight:
                jobs_out = pending.popleft()
                out.append((jobs_out, client.submit(chunk_of, work, jobs_out, pure=False)))
            jobs_out, future = out.popleft()
            try:
                answers = future.result()
            except KilledWorker:
                suspects.extend(jobs_out)
                continue
            yield from answers
    finally:
        client.cancel([future for _, future in out])
