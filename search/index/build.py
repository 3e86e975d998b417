"""I/O edge: corpus files -> clean -> extract -> a new index generation, swapped in when complete."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator

from tqdm import tqdm
from whoosh import index as whoosh_index

from ..config import Settings
from ..errors import CorpusError, IndexWriteError
from ..models import RebuildReport, Skipped
from ..whoosh_private.writing import BlockSizeCodec, segment_writer
from . import cluster, extraction_cache, store
from .loading import forks_die_with_parent, given_up, jobs_of, load_or_skip, loaded, worker_count
from .plan import (
    ArticleEntry,
    RebuildPlan,
    SkippedEntry,
    built_with,
    content_hash,
    plan_rebuild,
    skipped_files,
    why_skipped,
)
from .schema import BLOCK_SIZES, QUOTES_INDEX, build_quote_schema, build_schema
from .segments import SegmentWriters, add_article
from .sources import FILE_TYPES, find_articles
from .stories import StoryClusters, parse_sketch, sketch_text


def rebuild(settings: Settings, show_progress: bool = False, full: bool = False) -> RebuildReport:
    """Index the articles under settings.corpus into a new generation of settings.index.

    Unless `full`, a rebuild starts from the current generation and reads only the files that are
    new or whose content changed, and removes those deleted; see plan_rebuild for when it reads all.
    Raises CorpusError (missing or empty corpus, nothing indexable), IndexWriteError, IndexBusyError.
    """
    started = time.perf_counter()
    sources = list(find_articles(settings.corpus))
    if not sources:
        raise CorpusError(f"No articles ({FILE_TYPES}) found in {settings.corpus}")
    with store.rebuild_lock(settings.index):
        store.remove_stale(settings.index)
        previous = store.current_generation(settings.index)
        manifest = None if full or previous is None else store.read_manifest(previous)
        plan = plan_rebuild(sources, {source.doc_id: content_hash(source.path) for source in sources}, manifest,
                            settings)
        if plan.nothing_to_do:
            return RebuildReport(
                indexed=len(plan.kept), elapsed_s=time.perf_counter() - started, index_dir=str(previous),
                skipped=skipped_files(plan.kept_skipped), full=False, unchanged=len(plan.kept), up_to_date=True)
        generation = store.new_generation(settings.index)
        try:
            if not plan.full:
                store.copy_generation(previous, generation)
            articles, skipped = _write_generation(generation, plan, settings, show_progress)
            indexed = check_generation(generation, len(articles))
            store.write_manifest(generation, {
                "built_with": built_with(settings), "articles": articles, "skipped": skipped,
                "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "rebuild_s": round(time.perf_counter() - started, 1)}, encode=sketch_text)
            store.publish(settings.index, generation)
        except OSError as error:
            # A full disk, a file-size limit: what any process of the rebuild met, not one article's fault.
            shutil.rmtree(generation, ignore_errors=True)
            raise IndexWriteError(f"The rebuild stopped: {error.strerror or error}; the previous index keeps "
                                  "serving") from None
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        store.remove_stale(settings.index)
        extraction_cache.keep_only(settings.index, (extraction_cache.key(doc_id, entry.hash)
                                                    for doc_id, entry in articles.items() if entry.hash is not None))
    return RebuildReport(
        indexed=indexed, elapsed_s=time.perf_counter() - started, index_dir=str(generation),
        skipped=skipped_files(skipped), full=plan.full, added=plan.added, changed=plan.changed,
        deleted=plan.deleted, unchanged=len(plan.kept))


def _writer_options(settings: Settings) -> dict:
    # Segments stay separate files (compound=False): Whoosh reads a compound segment's parts into
    # memory, per open reader, where separate files are read from disk through the page cache.
    # The word counts fields are only read whole, by array scoring, and the written words' positions
    # mostly so, by phrases: in large blocks.
    return {"limitmb": settings.writer_limitmb, "compound": False, "codec": BlockSizeCodec(BLOCK_SIZES)}


def _open_indexes(generation, plan: RebuildPlan, settings: Settings) -> tuple:
    """(articles, quotes): new indexes, or the copy of the previous ones."""
    try:
        if plan.full:
            return (whoosh_index.create_in(str(generation), build_schema(settings.stopwords)),
                    whoosh_index.create_in(str(generation), build_quote_schema(settings.stopwords),
                                           indexname=QUOTES_INDEX))
        return (whoosh_index.open_dir(str(generation)),
                whoosh_index.open_dir(str(generation), indexname=QUOTES_INDEX))
    except OSError as error:
        raise IndexWriteError(f"Cannot write the index in {generation}: {error.strerror or error}") from None


class _Writing:
    """How a rebuild's articles are read and written: `answers` (articles with their sketches, or
    skipped files, in corpus order), `take` (an article with its story), then `finish` (the
    segments written elsewhere, for the writers here to commit). This one: read by this machine's
    processes, written by the writers here or, for a full rebuild with several workers, by as many
    writer processes, each writing a segment of each index of its own."""

    def __init__(self, jobs: Iterable, indexes: tuple, writers: tuple, options: dict, plan: RebuildPlan,
                 settings: Settings):
        workers = worker_count(settings)
        self._jobs = jobs
        self._readers = workers if len(plan.to_load) > 1 or plan.reads_containers else 1
        self._parallel = SegmentWriters(indexes, workers, options, settings.title_weight) \
            if plan.full and workers > 1 else None
        self._write = self._parallel.add if self._parallel is not None else \
            functools.partial(add_article, writers, title_weight=settings.title_weight)
        self.steps = self._parallel.count if self._parallel is not None else 0

    def answers(self) -> Iterator:
        return loaded(self._jobs, self._readers)

    def take(self, answer, story: str) -> None:
        self._write(answer.article, story)

    def finish(self, on_step: Callable[[], None]) -> tuple[list, list]:
        if self._parallel is None:
            return [], []
        return self._parallel.finish(on_segment=on_step)

    def close(self, failed: bool) -> None:
        if failed and self._parallel is not None:
            self._parallel.cancel()


class _ClusterWriting:
    """The same on a Dask cluster (search/index/cluster.py): the workers read and extract, keeping
    each article in a folder of the new generation, and later write its segments, each task in a
    folder of its own; the stories are assigned here, across all of them."""

    def __init__(self, jobs: Iterable, generation, options: dict, settings: Settings):
        self._client = cluster.connect(settings.scheduler)
        self._tasks = generation / "tasks"
        self._cache = self._tasks / "articles"
        self._cache.mkdir(parents=True)
        self._jobs = jobs
        self._options = options
        self._settings = settings
        self._order: list[tuple[str, str]] = []
        self.steps = 0

    def answers(self) -> Iterator:
        work = functools.partial(cluster.extract_and_keep, work=load_or_skip, cache=str(self._cache))
        return cluster.on_cluster(work, self._jobs, self._client, given_up=given_up)

    def take(self, answer, story: str) -> None:
        self._order.append((answer.doc_id, story))

    def finish(self, on_step: Callable[[], None]) -> tuple[list, list]:
        size = cluster.SEGMENT_ARTICLES
        groups = [self._order[start:start + size] for start in range(0, len(self._order), size)]
        settings = self._settings
        return cluster.written_on_cluster(self._client, groups, self._cache, self._tasks, settings.stopwords,
                                          settings.title_weight, self._options, on_task=on_step)

    def close(self, failed: bool) -> None:
        self._client.close()
        if not failed:
            shutil.rmtree(self._tasks)


def _write_generation(generation, plan: RebuildPlan, settings: Settings,
                      show_progress: bool) -> tuple[dict[str, ArticleEntry], dict[str, SkippedEntry]]:
    """Write the plan into `generation`; returns the manifest's articles and skipped files."""
    stories = StoryClusters()
    for doc_id, entry in plan.kept.items():
        if entry.story == doc_id:
            stories.add_story(doc_id, parse_sketch(entry.sketch))
    articles, skipped = dict(plan.kept), dict(plan.kept_skipped)
    indexes = _open_indexes(generation, plan, settings)
    options = _writer_options(settings)
    forks_die_with_parent(True)
    writers = tuple(segment_writer(index, **options) for index in indexes)
    writing, failed = None, True
    try:
        jobs = jobs_of(plan.to_load, plan.hashes, settings)
        writing = _ClusterWriting(jobs, generation, options, settings) if settings.scheduler else \
            _Writing(jobs, indexes, writers, options, plan, settings)
        for doc_id in plan.to_delete:
            writers[0].delete_by_term("id", doc_id)
            writers[1].delete_by_term("article", doc_id)
        # Articles in container files are counted as they are read: the total is known for files only.
        total = None if plan.reads_containers else len(plan.to_load)
        for answer in tqdm(writing.answers(), total=total, desc="reading and analysing", unit="article",
                           file=sys.stderr, disable=not show_progress):
            if isinstance(answer, Skipped):
                skipped[answer.path] = SkippedEntry(plan.hashes[answer.container or answer.path], answer.reason,
                                                    answer.container)
                continue
            story = stories.assign(answer.doc_id, answer.sketch)
            writing.take(answer, story)
            articles[answer.doc_id] = ArticleEntry(plan.hashes[answer.container or answer.doc_id], story,
                                                   answer.sketch, answer.container)
        if not articles:
            raise CorpusError(f"None of the {len(plan.hashes)} files in {settings.corpus} could be indexed:\n"
                              + why_skipped(skipped))
        _commit(writers, writing, show_progress)
        failed = False
    finally:
        if failed:
            for open_writer in writers:
                # The generation is deleted next: a writer that cannot even close its files (the
                # disk that failed the rebuild is still full) must not hide why the rebuild failed.
                with contextlib.suppress(OSError):
                    if not open_writer.is_closed:
                        open_writer.cancel()
        forks_die_with_parent(False)
        if writing is not None:
            writing.close(failed)
    return articles, skipped


def _commit(writers: tuple, writing, show_progress: bool) -> None:
    """What follows the last article: the segments written elsewhere finished, and the two indexes
    committed with them, in one commit each. Its own bar, in steps, so that the first one reaching
    100% does not read as the rebuild's end."""
    writer, quote_writer = writers
    with tqdm(total=writing.steps + 2, desc="writing the index", unit="step", file=sys.stderr,
              disable=not show_progress) as finishing:
        article_segments, quote_segments = writing.finish(finishing.update)
        for open_writer, segments in ((quote_writer, quote_segments), (writer, article_segments)):
            if segments:
                open_writer.commit(mergetype=lambda _, existing, new=segments: existing + new)
            else:
                open_writer.commit()
            finishing.update()


def check_generation(generation, articles: int) -> int:
    """The number of articles a reader of the new generation finds, which must be the number written:
    a rebuild counts what the index holds, never what it meant to write."""
    try:
        held = whoosh_index.open_dir(str(generation)).doc_count()
    except (whoosh_index.EmptyIndexError, OSError) as error:
        raise IndexWriteError(f"The new index in {generation} cannot be read back: {error}") from None
    if held != articles:
        raise IndexWriteError(f"The new index holds {held} articles where {articles} were written; "
                              "the previous index keeps serving")
    return held
