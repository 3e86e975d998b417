"""I/O edge: corpus files -> clean -> extract -> a new index generation, swapped in when complete."""

from __future__ import annotations

import ctypes
import datetime as dt
import functools
import os
import shutil
import signal
import stat
import sys
import time
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm
from whoosh import index as whoosh_index

from . import cluster, extracted, loading, store
from .clean import clean_text
from .pages import clean_html
from .config import Settings
from .errors import CorpusError, IndexWriteError
from .extract import extract_article
from .models import Article, RebuildReport, Skipped
from .names import one_line
from .segments import SegmentWriters, add_article
from .schema import QUOTES_INDEX, WORD_COUNTS, build_quote_schema, build_schema
from .sources import SourceFile, UnreadableArticle, as_text, find_articles, read_bytes
from .stories import StoryClusters, parse_sketch, sketch, sketch_text
from .whoosh_adapter import WholeReadCodec, segment_writer

CLEANERS = {"text": clean_text, "html": clean_html}


def article_from_text(doc_id: str, kind: str, text: str) -> Article:
    article = extract_article(doc_id, CLEANERS[kind](text))
    if not article.body.strip():
        raise UnreadableArticle("no article text left after removing boilerplate")
    return article


def load_article(source: SourceFile, max_bytes: int, kept_in: Path | None = None) -> Article:
    """The article in one corpus file. With `kept_in` (an index folder), one extracted from the same
    bytes before is taken from there, and one extracted now is kept there."""
    data = read_bytes(source, max_bytes)
    entry = extracted.key(source.doc_id, extracted.digest(data)) if kept_in is not None else None
    if entry is not None and (article := extracted.load(kept_in, entry)) is not None:
        return article
    try:
        article = article_from_text(source.doc_id, source.kind, as_text(source, data, max_bytes))
    except UnreadableArticle:
        raise
    except (RecursionError, ValueError, TypeError, AttributeError, LookupError) as error:
        # One malformed page must not stop a rebuild: it is reported and the rest are indexed.
        raise UnreadableArticle(f"cannot parse: {type(error).__name__}: {error}") from None
    if entry is not None:
        extracted.keep(kept_in, entry, article)
    return article


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


def _load_or_skip(job: tuple[SourceFile, int, Path]) -> Article | Skipped:
    """One file read, cleaned and extracted, in a worker process: the article, or why it was skipped."""
    source, max_bytes, kept_in = job
    try:
        return load_article(source, max_bytes, kept_in)
    except UnreadableArticle as reason:
        return Skipped(path=source.doc_id, reason=str(reason))


@dataclass(frozen=True)
class _Sketched:
    """An article read by a worker process, with its near-duplicate sketch, computed there too."""

    article: Article
    sketch: array


def _load_and_sketch(job: tuple[SourceFile, int, Path]) -> _Sketched | Skipped:
    answer = _load_or_skip(job)
    return answer if isinstance(answer, Skipped) else _Sketched(answer, sketch(answer.body))


def worker_count(settings: Settings) -> int:
    return settings.rebuild_workers or os.cpu_count() or 1


def _given_up(job: tuple[SourceFile, int, Path], reason: str) -> Skipped:
    return Skipped(path=job[0].doc_id, reason=reason)


def _jobs(sources: list[SourceFile], settings: Settings) -> list[tuple[SourceFile, int, Path]]:
    """The work of reading `sources`: each file with the largest size it may have, and the index
    folder that keeps what was extracted."""
    return [(source, settings.max_file_bytes, settings.index) for source in sources]


def _loaded(sources: list[SourceFile], settings: Settings, workers: int) -> Iterator[_Sketched | Skipped]:
    """Articles in corpus order (stories depend on it), read by `workers` processes at once."""
    return loading.in_order(_load_and_sketch, _jobs(sources, settings), workers, given_up=_given_up)


def _writer_options(settings: Settings) -> dict:
    # Segments stay separate files (compound=False): Whoosh reads a compound segment's parts into
    # memory, per open reader, where separate files are read from disk through the page cache.
    # The word counts fields are only read whole, by bulk scoring: in large blocks.
    return {"limitmb": settings.writer_limitmb, "compound": False,
            "codec": WholeReadCodec(read_whole=frozenset(WORD_COUNTS.values()))}


def _nothing_indexed(hashes: dict, skipped: dict[str, list], settings: Settings) -> CorpusError:
    return CorpusError(f"None of the {len(hashes)} files in {settings.corpus} could be indexed:\n"
                       + why_skipped(skipped))


# Bump when what the index or its manifest holds for an article changes, so that an incremental
# rebuild of an older generation becomes a full one.
INDEX_FORMAT = 8


def content_hash(path) -> str | None:
    """A digest of the file's bytes, or None when it cannot be read (the read then reports why)."""
    digest = extracted.file_digest()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # a pipe or device would block the read
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _built_with(settings: Settings) -> dict:
    """The settings that shape the index: an incremental rebuild needs them unchanged."""
    return {"format": INDEX_FORMAT, "stopwords": settings.stopwords, "title_weight": settings.title_weight}


MAX_REASONS_LISTED = 20


def why_skipped(skipped: dict[str, list]) -> str:
    """Each skipped file with its reason, a line each, the first MAX_REASONS_LISTED of them."""
    lines = [f"  {one_line(doc_id)}: {entry[1]}" for doc_id, entry in list(skipped.items())[:MAX_REASONS_LISTED]]
    if len(skipped) > MAX_REASONS_LISTED:
        lines.append(f"  … and {len(skipped) - MAX_REASONS_LISTED} more")
    return "\n".join(lines)


def _skipped_files(skipped: dict[str, list]) -> tuple[Skipped, ...]:
    """The manifest's skipped files (doc id -> [hash, reason]) as the report gives them."""
    return tuple(Skipped(path=doc_id, reason=entry[1]) for doc_id, entry in skipped.items())


def is_current(settings: Settings) -> bool:
    """Whether the index holds a generation this version of the service can search: one written in
    the current INDEX_FORMAT (an older one lacks fields queries now use)."""
    generation = store.current_generation(settings.index)
    manifest = store.read_manifest(generation) if generation is not None else None
    return bool(manifest) and manifest.get("built_with", {}).get("format") == INDEX_FORMAT


@dataclass
class _Plan:
    """What a rebuild will do: read `to_load`, remove `to_delete`, keep `kept` (doc id -> [hash, story,
    sketch as text]) and `kept_skipped` (doc id -> [hash, reason]) as the previous generation had them."""

    full: bool
    to_load: list[SourceFile]
    to_delete: list[str] = field(default_factory=list)
    kept: dict[str, list] = field(default_factory=dict)
    kept_skipped: dict[str, list] = field(default_factory=dict)
    added: int = 0
    changed: int = 0


def plan_rebuild(sources: list[SourceFile], hashes: dict[str, str | None], manifest: dict | None,
                 settings: Settings) -> _Plan:
    """Full when there is nothing to start from or the index's settings changed; incremental when
    at most half of the corpus is new, changed or deleted (beyond that a full rebuild is cheaper)."""
    if manifest is None or manifest.get("built_with") != _built_with(settings):
        return _Plan(full=True, to_load=sources)
    before = {**manifest.get("skipped", {}), **manifest.get("articles", {})}
    to_load = [s for s in sources if hashes[s.doc_id] is None or before.get(s.doc_id, [None])[0] != hashes[s.doc_id]]
    present = {s.doc_id for s in sources}
    deleted = [doc_id for doc_id in before if doc_id not in present]
    if len(to_load) + len(deleted) > len(sources) / 2:
        return _Plan(full=True, to_load=sources)
    loading = {s.doc_id for s in to_load}
    changed = [doc_id for doc_id in loading if doc_id in before]
    return _Plan(
        full=False, to_load=to_load, to_delete=deleted + changed,
        kept={doc_id: entry for doc_id, entry in manifest.get("articles", {}).items()
              if doc_id in present and doc_id not in loading},
        kept_skipped={doc_id: entry for doc_id, entry in manifest.get("skipped", {}).items()
                      if doc_id in present and doc_id not in loading},
        added=len(to_load) - len(changed), changed=len(changed))


def rebuild(settings: Settings, show_progress: bool = False, full: bool = False) -> RebuildReport:
    """Index the articles under settings.corpus into a new generation of settings.index.

    Unless `full`, a rebuild starts from the current generation and reads only the files that are
    new or whose content changed, and removes those deleted; see plan_rebuild for when it reads all.
    Raises CorpusError (missing or empty corpus, nothing indexable), IndexWriteError, IndexBusyError.
    """
    started = time.perf_counter()
    sources = list(find_articles(settings.corpus))
    if not sources:
        raise CorpusError(f"No articles (.txt, .html, .htm) found in {settings.corpus}")
    with store.rebuild_lock(settings.index):
        store.remove_stale(settings.index)
        previous = store.current_generation(settings.index)
        manifest = None if full or previous is None else store.read_manifest(previous)
        hashes = {source.doc_id: content_hash(source.path) for source in sources}
        plan = plan_rebuild(sources, hashes, manifest, settings)
        if not plan.full and not plan.to_load and not plan.to_delete:
            return RebuildReport(
                indexed=len(plan.kept), elapsed_s=time.perf_counter() - started, index_dir=str(previous),
                skipped=_skipped_files(plan.kept_skipped),
                full=False, unchanged=len(plan.kept), up_to_date=True)
        generation = store.new_generation(settings.index)
        try:
            if not plan.full:
                store.copy_generation(previous, generation)
            articles, skipped = _write_generation(generation, plan, hashes, settings, show_progress)
            indexed = check_generation(generation, len(articles))
            store.write_manifest(generation, {
                "built_with": _built_with(settings), "articles": articles, "skipped": skipped,
                "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "rebuild_s": round(time.perf_counter() - started, 1)}, encode=sketch_text)
            store.publish(settings.index, generation)
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        store.remove_stale(settings.index)
        extracted.keep_only(settings.index, (extracted.key(doc_id, entry[0]) for doc_id, entry in articles.items()
                                             if entry[0] is not None))
    return RebuildReport(
        indexed=indexed, elapsed_s=time.perf_counter() - started, index_dir=str(generation),
        skipped=_skipped_files(skipped),
        full=plan.full, added=plan.added, changed=plan.changed,
        deleted=len(plan.to_delete) - plan.changed, unchanged=len(plan.kept))


def _open_writers(generation, plan: _Plan, settings: Settings):
    """(articles writer, quotes writer, parallel writers or None) on a new index, or on the copy of
    the previous one."""
    try:
        if plan.full:
            articles = whoosh_index.create_in(str(generation), build_schema(settings.stopwords))
            quotes = whoosh_index.create_in(str(generation), build_quote_schema(settings.stopwords),
                                            indexname=QUOTES_INDEX)
        else:
            articles = whoosh_index.open_dir(str(generation))
            quotes = whoosh_index.open_dir(str(generation), indexname=QUOTES_INDEX)
    except OSError as error:
        raise IndexWriteError(f"Cannot write the index in {generation}: {error.strerror or error}") from None
    options = _writer_options(settings)
    workers = worker_count(settings)
    # With several workers, a full rebuild also analyses articles in as many writer processes, each
    # writing a segment of each index of its own; the two writers here then only commit them.
    parallel = SegmentWriters((articles, quotes), workers, options, settings.title_weight) \
        if plan.full and workers > 1 and not settings.scheduler else None
    return segment_writer(articles, **options), segment_writer(quotes, **options), parallel


def _write_generation(generation, plan: _Plan, hashes: dict[str, str | None], settings: Settings,
                      show_progress: bool) -> tuple[dict[str, list], dict[str, list]]:
    """Write the plan into `generation`; returns the manifest's articles and skipped files."""
    stories = StoryClusters()
    for doc_id, (_, story, body_sketch) in plan.kept.items():
        if story == doc_id:
            stories.add_story(doc_id, parse_sketch(body_sketch))
    articles, skipped = dict(plan.kept), dict(plan.kept_skipped)
    client = cluster.connect(settings.scheduler) if settings.scheduler else None
    _forks_die_with_parent(True)
    try:
        writer, quote_writer, parallel = _open_writers(generation, plan, settings)
        try:
            for doc_id in plan.to_delete:
                writer.delete_by_term("id", doc_id)
                quote_writer.delete_by_term("article", doc_id)
            if client is not None:
                _write_on_cluster(client, generation, plan, hashes, settings, stories, articles, skipped,
                                  (writer, quote_writer), show_progress)
                return articles, skipped
            write = parallel.add if parallel is not None else \
                functools.partial(add_article, (writer, quote_writer), title_weight=settings.title_weight)
            loaded = _loaded(plan.to_load, settings, worker_count(settings) if len(plan.to_load) > 1 else 1)
            for answer in tqdm(loaded, total=len(plan.to_load), desc="reading and analysing", unit="article",
                               file=sys.stderr, disable=not show_progress):
                if isinstance(answer, Skipped):
                    skipped[answer.path] = [hashes[answer.path], answer.reason]
                    continue
                article = answer.article
                story = stories.assign(article.id, answer.sketch)
                write(article, story)
                articles[article.id] = [hashes[article.id], story, answer.sketch]
            if not articles:
                raise _nothing_indexed(hashes, skipped, settings)
            # Then what follows the last article: each writer's segment sorted and written, and the
            # two indexes committed. Its own bar, in steps, so that the first one reaching 100% does
            # not read as the rebuild's end.
            steps = (parallel.count if parallel is not None else 0) + 2
            with tqdm(total=steps, desc="writing the index", unit="step", file=sys.stderr,
                      disable=not show_progress) as finishing:
                if parallel is None:
                    for open_writer in (quote_writer, writer):
                        open_writer.commit()
                        finishing.update()
                else:
                    article_segments, quote_segments = parallel.finish(on_segment=finishing.update)
                    quote_writer.commit(mergetype=lambda _, segments: segments + quote_segments)
                    finishing.update()
                    writer.commit(mergetype=lambda _, segments: segments + article_segments)
                    finishing.update()
        except BaseException:
            if parallel is not None:
                parallel.cancel()
            for open_writer in (quote_writer, writer):
                if not open_writer.is_closed:
                    open_writer.cancel()
            raise
    finally:
        _forks_die_with_parent(False)
        if client is not None:
            client.close()
    return articles, skipped


def _write_on_cluster(client, generation, plan: _Plan, hashes: dict[str, str | None], settings: Settings,
                      stories: StoryClusters, articles: dict[str, list], skipped: dict[str, list], writers: tuple,
                      show_progress: bool) -> None:
    """The plan's files read, cleaned and extracted by the cluster's workers; their stories assigned
    here, in corpus order, across all of them; their segments written by the workers, each task in a
    folder of its own inside the new generation, then moved in and committed here alone (with the
    deletions of an incremental rebuild) in one commit per index."""
    writer, quote_writer = writers
    tasks = generation / "tasks"
    cache = tasks / "articles"
    cache.mkdir(parents=True)
    work = functools.partial(cluster.extract_and_keep, work=_load_or_skip, cache=str(cache))
    order: list[tuple[str, str]] = []
    extracted = cluster.on_cluster(work, _jobs(plan.to_load, settings), client, given_up=_given_up)
    for answer in tqdm(extracted, total=len(plan.to_load), desc="reading and extracting", unit="article",
                       file=sys.stderr, disable=not show_progress):
        if isinstance(answer, Skipped):
            skipped[answer.path] = [hashes[answer.path], answer.reason]
            continue
        story = stories.assign(answer.doc_id, answer.sketch)
        order.append((answer.doc_id, story))
        articles[answer.doc_id] = [hashes[answer.doc_id], story, answer.sketch]
    if not articles:
        raise _nothing_indexed(hashes, skipped, settings)
    groups = [order[start:start + cluster.SEGMENT_ARTICLES] for start in range(0, len(order), cluster.SEGMENT_ARTICLES)]
    options = _writer_options(settings)
    with tqdm(total=len(groups) + 2, desc="writing the index", unit="step", file=sys.stderr,
              disable=not show_progress) as finishing:
        written, quotes_written = cluster.written_on_cluster(
            client, groups, cache, tasks, settings.stopwords, settings.title_weight, options, on_task=finishing.update)
        quote_writer.commit(mergetype=lambda _, segments: segments + quotes_written)
        finishing.update()
        writer.commit(mergetype=lambda _, segments: segments + written)
        finishing.update()
    shutil.rmtree(tasks)


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
