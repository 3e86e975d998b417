"""I/O edge: a full rebuild's articles analysed and written by several processes at once, each
writing one Whoosh segment of articles and one of their quotations into the new generation, and
each watched.

Whoosh's own MpWriter loses the documents of a sub-writer that raised or died without a word: its
commit waits a second for each result and goes on without the missing ones. Here a writer that
raises reports the document it was writing, and one that dies (killed, out of memory) is noticed
by its closed pipe; either way the rebuild fails with the file and the reason, and the previous
generation keeps serving.

A writer says when it is ready for a batch, and each batch goes to a writer that is: one sorting
its postings to disk (which takes seconds) does not hold up the coordinator, and so the others.
"""

from __future__ import annotations

import multiprocessing
import signal
from multiprocessing.connection import Connection, wait

from ..errors import IndexWriteError
from ..models import Article
from ..whoosh_private.writing import finished_segment, segment_writer
from .schema import quote_documents, to_document

# Articles sent to a writer at a time: enough to make a pickle worth sending, few enough that a
# writer is soon ready for more.
BATCH = 32


def failure_reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def indexing_failed(doc_id: str, reason: str) -> IndexWriteError:
    """The one line a rebuild stops with when a writer cannot add an article."""
    return IndexWriteError(f"Indexing {doc_id} failed: {reason}")


def sub_writers(indexes: tuple, options: dict) -> tuple:
    """A segment writer on each of `indexes` (articles, quotations) whose finished segments another
    writer commits: what `add_article` writes to."""
    return tuple(segment_writer(index, _lk=False, **options) for index in indexes)


def add_article(writers: tuple, article: Article, story: str, title_weight: int) -> None:
    """The article's document added to the first writer, its quotations' to the second; the one
    way a rebuild writes an article, wherever it runs. What a writer raises stops the rebuild,
    naming the file."""
    articles, quotes = writers
    try:
        articles.add_document(**to_document(article, story=story, title_weight=title_weight))
        for quote in quote_documents(article):
            quotes.add_document(**quote)
    except Exception as error:  # whatever the writer raised, the rebuild stops naming the file
        raise indexing_failed(article.id, failure_reason(error)) from None


def _write_segment(indexes: tuple, options: dict, title_weight: int, articles: Connection,
                   results: Connection) -> None:
    """In a writer process: say it is ready, and add the batch of (article, story) then received to
    one new segment of each index, until there are no more; then send both segments back, or why the
    rebuild must stop."""
    writers = sub_writers(indexes, options)
    try:
        while True:
            results.send(("ready",))
            if (batch := articles.recv()) is None:
                break
            for article, story in batch:
                add_article(writers, article, story, title_weight)
        # The segments' files are finished; the temporary folders they share with the other writers
        # stay for them, and the committing writers remove them.
        results.send(("done", *(finished_segment(writer) for writer in writers)))
    except BaseException as error:  # whatever it was, the coordinator must hear of it
        try:
            results.send(("failed", str(error) if isinstance(error, IndexWriteError)
                          else f"An index writer process failed: {failure_reason(error)}"))
        except OSError:
            pass  # the coordinator is gone: nobody is left to tell


class SegmentWriters:
    """`count` writer processes adding articles to new segments of the articles and quotations
    indexes (`indexes`); the articles go out in batches, each to a writer ready for it.
    `finish()` returns the segments for the coordinator to commit."""

    def __init__(self, indexes: tuple, count: int, options: dict, title_weight: int):
        context = multiprocessing.get_context("fork")
        self._writers: list[tuple[multiprocessing.Process, Connection, Connection]] = []
        for _ in range(count):
            receive_articles, send_articles = context.Pipe(duplex=False)
            receive_results, send_results = context.Pipe(duplex=False)
            process = context.Process(target=_write_segment,
                                      args=(indexes, options, title_weight, receive_articles, send_results),
                                      daemon=True)
            process.start()
            # Only the writer holds its ends: its death then closes them, and the coordinator's reads
            # and writes fail instead of waiting for good.
            receive_articles.close()
            send_results.close()
            self._writers.append((process, send_articles, receive_results))
        self._ready: list[int] = []
        self._batch: list[tuple[Article, str]] = []
        self._last_sent: list[list[str]] = [[] for _ in range(count)]

    def add(self, article: Article, story: str) -> None:
        self._batch.append((article, story))
        if len(self._batch) >= BATCH:
            self._send(self._ready_writer(), self._batch)
            self._batch = []

    def _ready_writer(self) -> int:
        """A writer waiting for a batch, once one is."""
        results = {writer[2]: turn for turn, writer in enumerate(self._writers)}
        while not self._ready:
            for connection in wait(list(results)):
                turn = results[connection]
                message = self._result(turn)
                if message[0] != "ready":
                    self._raise_failure(turn, message)
                self._ready.append(turn)
        return self._ready.pop(0)

    def _send(self, turn: int, batch) -> None:
        try:
            self._writers[turn][1].send(batch)
        except OSError:
            self._raise_failure(turn, self._result(turn, skip_ready=True))
        if batch:
            self._last_sent[turn] = [article.id for article, _ in batch]

    @property
    def count(self) -> int:
        return len(self._writers)

    def finish(self, on_segment=lambda: None) -> tuple[list, list]:
        """(articles segments, quotations segments) of every writer, once all have finished;
        `on_segment` is called as each writer is."""
        if self._batch:
            self._send(self._ready_writer(), self._batch)
        for turn in range(len(self._writers)):
            self._send(turn, None)
        segments: tuple[list, list] = ([], [])
        for turn in range(len(self._writers)):
            status, *result = message = self._result(turn, skip_ready=True)
            if status != "done":
                self._raise_failure(turn, message)
            for kept, segment in zip(segments, result):
                if segment is not None:
                    kept.append(segment)
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

    def _result(self, turn: int, skip_ready: bool = False) -> tuple:
        """The writer's next message (its first that is not "ready", with `skip_ready`), or ("died",)."""
        try:
            while (message := self._writers[turn][2].recv()) == ("ready",) and skip_ready:
                pass
            return message
        except (EOFError, OSError):
            return ("died",)

    def _raise_failure(self, turn: int, message: tuple) -> None:
        """Stop every writer and raise what `message` ("failed" or "died") says of writer `turn`."""
        self.cancel()
        if message[0] == "failed":
            raise IndexWriteError(message[1])
        process = self._writers[turn][0]
        how = f"was killed by {signal.Signals(-process.exitcode).name}" if process.exitcode and process.exitcode < 0 \
            else f"exited with status {process.exitcode}"
        held = self._last_sent[turn]
        which = f"one of the {len(held)} articles from {held[0]} to {held[-1]}" if held else "its first articles"
        raise IndexWriteError(f"An index writer process {how} while indexing {which}")
