"""I/O edge: corpus files -> clean -> extract -> a new index generation, swapped in when complete."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import shutil
import signal
import sys
import time
from collections.abc import Iterator

from tqdm import tqdm
from whoosh import index as whoosh_index

from . import store
from .clean import clean_text
from .pages import clean_html
from .config import Settings
from .errors import CorpusError, IndexWriteError
from .extract import extract_article
from .models import Article, RebuildReport, Skipped
from .schema import QUOTES_INDEX, build_quote_schema, build_schema, quote_documents, to_document
from .sources import SourceFile, UnreadableArticle, find_articles, read_article
from .stories import StoryClusters, sketch

CLEANERS = {"text": clean_text, "html": clean_html}


def article_from_text(doc_id: str, kind: str, text: str) -> Article:
    article = extract_article(doc_id, CLEANERS[kind](text))
    if not article.body.strip():
        raise UnreadableArticle("no article text left after removing boilerplate")
    return article


def load_article(source: SourceFile, max_bytes: int) -> Article:
    text = read_article(source, max_bytes)
    try:
        return article_from_text(source.doc_id, source.kind, text)
    except UnreadableArticle:
        raise
    except (RecursionError, ValueError, TypeError, AttributeError, LookupError) as error:
        # One malformed page must not stop a rebuild: it is reported and the rest are indexed.
        raise UnreadableArticle(f"cannot parse: {type(error).__name__}: {error}") from None


PR_SET_PDEATHSIG = 1
# Whether processes forked now are a rebuild's workers (this pool's and Whoosh's writer processes).
_forking_workers = False


def _forks_die_with_parent(on: bool) -> None:
    global _forking_workers
    _forking_workers = on


def _die_with_parent() -> None:
    """A worker forked by a rebuild is killed with it (Linux), instead of running on as an orphan."""
    if _forking_workers and sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


os.register_at_fork(after_in_child=_die_with_parent)


def _load_or_skip(job: tuple[SourceFile, int]) -> Article | Skipped:
    """One file read, cleaned and extracted, in a worker process: the article, or why it was skipped."""
    source, max_bytes = job
    try:
        return load_article(source, max_bytes)
    except UnreadableArticle as reason:
        return Skipped(path=source.doc_id, reason=str(reason))


def worker_count(settings: Settings) -> int:
    return settings.rebuild_workers or os.cpu_count() or 1


def _loaded(sources: list[SourceFile], max_bytes: int, workers: int) -> Iterator[Article | Skipped]:
    """Articles in corpus order (stories depend on it), read by `workers` processes at once."""
    jobs = ((source, max_bytes) for source in sources)
    if workers == 1:
        yield from map(_load_or_skip, jobs)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_load_or_skip, jobs, chunksize=8)


def rebuild(settings: Settings, show_progress: bool = False) -> RebuildReport:
    """Index every article under settings.corpus into a new generation of settings.index.

    Raises CorpusError (missing or empty corpus, nothing indexable), IndexWriteError, IndexBusyError.
    """
    started = time.perf_counter()
    sources = list(find_articles(settings.corpus))
    if not sources:
        raise CorpusError(f"No articles (.txt, .html, .htm) found in {settings.corpus}")
    with store.rebuild_lock(settings.index):
        store.remove_stale(settings.index)
        generation = store.new_generation(settings.index)
        try:
            indexed, skipped = _write_generation(generation, sources, settings, show_progress)
            store.publish(settings.index, generation)
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        store.remove_stale(settings.index)
    return RebuildReport(indexed=indexed, skipped=tuple(skipped), elapsed_s=time.perf_counter() - started,
                         index_dir=str(generation))


def _write_generation(generation, sources: list[SourceFile], settings: Settings,
                      show_progress: bool) -> tuple[int, list[Skipped]]:
    try:
        articles = whoosh_index.create_in(str(generation), build_schema(settings.stopwords))
        quotes = whoosh_index.create_in(str(generation), build_quote_schema(settings.stopwords), indexname=QUOTES_INDEX)
    except OSError as error:
        raise IndexWriteError(f"Cannot write the index in {generation}: {error.strerror or error}") from None
    workers = worker_count(settings)
    # With several workers, Whoosh analyses documents in as many processes and keeps their segments
    # (multisegment) instead of merging them into one at the end.
    parallel = {"procs": workers, "multisegment": True} if workers > 1 else {}
    writer = articles.writer(limitmb=settings.writer_limitmb, **parallel)
    quote_writer = quotes.writer(limitmb=settings.writer_limitmb)
    stories = StoryClusters()
    indexed, skipped = 0, []
    max_bytes = int(settings.max_file_mb * 1_000_000)
    try:
        _forks_die_with_parent(True)
        loaded = _loaded(sources, max_bytes, workers)
        for article in tqdm(loaded, total=len(sources), desc="indexing", unit="article", file=sys.stderr,
                            disable=not show_progress):
            if isinstance(article, Skipped):
                skipped.append(article)
                continue
            story = stories.assign(article.id, sketch(article.body))
            writer.add_document(**to_document(article, story=story, title_weight=settings.title_weight))
            for document in quote_documents(article):
                quote_writer.add_document(**document)
            indexed += 1
        if indexed == 0:
            raise CorpusError(f"None of the {len(sources)} files in {settings.corpus} could be indexed")
        quote_writer.commit()
        writer.commit()
    except BaseException:
        quote_writer.cancel()
        writer.cancel()
        raise
    finally:
        _forks_die_with_parent(False)
    return indexed, skipped
