"""I/O edge: a full rebuild's documents analysed and written by several processes at once, each
writing one Whoosh segment into the new generation, and each watched.

Whoosh's own MpWriter loses the documents of a sub-writer that raised or died without a word: its
commit waits a second for each result and goes on without the missing ones. Here a writer that
raises reports the document it was writing, and one that dies (killed, out of memory) is noticed
by its closed pipe; either way the rebuild fails with the file and the reason, and the previous
generation keeps serving.
"""

from __future__ import annotations

import itertools
import multiprocessing
import signal
from multiprocessing.connection import Connection

from .errors import IndexWriteError
from .whoosh_adapter import finished_segment, segment_writer

# Documents sent to a writer at a time: enough to make a pickle worth sending, few enough to keep
# the writers busy evenly.
BATCH = 32


def failure_reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def indexing_failed(doc_id: str, reason: str) -> IndexWriteError:
    """The one line a rebuild stops with when a writer cannot add an article."""
    return IndexWriteError(f"Indexing {doc_id} failed: {reason}")


def _write_segment(index, options: dict, documents: Connection, results: Connection) -> None:
    """In a writer process: add every batch received to one new segment, then send it back; or send
    back the document that failed and why."""
    writer = segment_writer(index, _lk=False, **options)
    doc_id = None
    try:
        while (batch := documents.recv()) is not None:
            for doc_id, document in batch:
                writer.add_document(**document)
        # The segment's files are finished; the temporary folder it shares with the other writers
        # stays for them, and the committing writer removes it.
        results.send(("done", finished_segment(writer)))
    except BaseException as error:  # whatever it was, the coordinator must hear of it
        try:
            results.send(("failed", doc_id, failure_reason(error)))
        except OSError:
            pass  # the coordinator is gone: nobody is left to tell


class SegmentWriters:
    """`count` writer processes adding documents to new segments of `index`; the documents go out in
    batches, round-robin. `finish()` returns the segments for the coordinator to commit."""

    def __init__(self, index, count: int, options: dict):
        context = multiprocessing.get_context("fork")
        self._writers: list[tuple[multiprocessing.Process, Connection, Connection]] = []
        for _ in range(count):
            receive_documents, send_documents = context.Pipe(duplex=False)
            receive_results, send_results = context.Pipe(duplex=False)
            process = context.Process(target=_write_segment, args=(index, options, receive_documents, send_results),
                                      daemon=True)
            process.start()
            # Only the writer holds its ends: its death then closes them, and the coordinator's reads
            # and writes fail instead of waiting for good.
            receive_documents.close()
            send_results.close()
            self._writers.append((process, send_documents, receive_results))
        self._turns = itertools.cycle(range(count))
        self._batches: list[list[tuple[str, dict]]] = [[] for _ in range(count)]
        self._last_sent: list[list[str]] = [[] for _ in range(count)]

    def add(self, doc_id: str, document: dict) -> None:
        turn = next(self._turns)
        batch = self._batches[turn]
        batch.append((doc_id, document))
        if len(batch) >= BATCH:
            self._send(turn, batch)
            self._batches[turn] = []

    def _send(self, turn: int, batch) -> None:
        try:
            self._writers[turn][1].send(batch)
        except OSError:
            self._raise_failure(turn)
        if batch:
            self._last_sent[turn] = [doc_id for doc_id, _ in batch]

    @property
    def count(self) -> int:
        return len(self._writers)

    def finish(self, on_segment=lambda: None) -> list:
        """Every writer's segment, once all have finished; `on_segment` is called as each one is."""
        for turn, batch in enumerate(self._batches):
            if batch:
                self._send(turn, batch)
            self._send(turn, None)
        segments = []
        for turn in range(len(self._writers)):
            status, *result = self._result(turn)
            if status != "done":
                self._raise_failure(turn, result)
            if result[0] is not None:
                segments.append(result[0])
            on_segment()
        self._close()
        return segments

    def cancel(self) -> None:
        for process, _, _ in self._writers:
            if process.is_alive():
                process.kill()
        self._close()

    def _close(self) -> None:
        for process, documents, results in self._writers:
            process.join()
            documents.close()
            results.close()

    def _result(self, turn: int):
        try:
            return self._writers[turn][2].recv()
        except (EOFError, OSError):
            return ("died",)

    def _raise_failure(self, turn: int, failure: list | None = None) -> None:
        if failure is None:
            status, *failure = self._result(turn)
            if status == "done":
                failure = None
        self.cancel()
        if failure:
            raise indexing_failed(*failure)
        process = self._writers[turn][0]
        how = f"was killed by {signal.Signals(-process.exitcode).name}" if process.exitcode and process.exitcode < 0 \
            else f"exited with status {process.exitcode}"
        held = self._last_sent[turn]
        which = f"one of the {len(held)} articles from {held[0]} to {held[-1]}" if held else "its first articles"
        raise IndexWriteError(f"An index writer process {how} while indexing {which}")
