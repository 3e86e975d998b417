"""I/O edge: the index folder's layout, so that a rebuild never disturbs a reader.

    index/
      CURRENT          name of the generation readers use, replaced atomically
      gen-<stamp>/     one complete Whoosh index per rebuild; the previous one is kept for readers
        manifest.json  what it was built from: each file's content hash, story and sketch
        READERS        every process reading the generation holds a shared lock on it
      .lock            held by the one rebuild allowed at a time
      extracted/       articles as extracted, for the next rebuild (search/index/extraction_cache.py)

A rebuild writes a new generation folder and only then points CURRENT at it, so an interrupted or
failed rebuild leaves the previous generation serving. Leftovers are removed by the next rebuild,
and a generation only once no process reads it any more.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from ..errors import IndexBusyError, IndexMissingError, IndexWriteError
from .schema import QUOTES_INDEX

POINTER = "CURRENT"
LOCK = ".lock"
GENERATION_PREFIX = "gen-"
READERS = "READERS"
DOOMED_PREFIX = ".removing-"


def lease(generation: Path) -> int | None:
    """Hold `generation` for reading: a descriptor with a shared lock on its READERS file, which keeps
    any rebuild from removing it until release(). None when the generation is gone (removed since
    CURRENT named it): read CURRENT again."""
    try:
        # Created when missing, for a generation written before readers leased them.
        descriptor = os.open(generation / READERS, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except (FileNotFoundError, NotADirectoryError):
        return None
    fcntl.flock(descriptor, fcntl.LOCK_SH)
    if not (generation / READERS).exists():  # removed while the lock was being taken
        os.close(descriptor)
        return None
    _held_locks.add(descriptor)
    return descriptor


def release(descriptor: int) -> None:
    _held_locks.discard(descriptor)
    os.close(descriptor)


def _remove_unread(generation: Path) -> None:
    """Remove a generation unless a process holds a lease on it; that one goes at a later rebuild."""
    try:
        descriptor = os.open(generation / READERS, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        shutil.rmtree(generation, ignore_errors=True)  # half-written, or from before leases
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return
    try:
        # Out of the way first, so that no reader can lease it from now on.
        doomed = generation.with_name(f"{DOOMED_PREFIX}{generation.name}")
        generation.rename(doomed)
        shutil.rmtree(doomed, ignore_errors=True)
    except OSError:
        pass  # left for a later rebuild
    finally:
        os.close(descriptor)


def current_generation(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / POINTER).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    path = index_dir / name
    return path if name.startswith(GENERATION_PREFIX) and path.is_dir() else None


# How often a reader looks at CURRENT again when the generation it named was removed before the
# reader could lease it (each time, two rebuilds finished in between).
OPEN_TRIES = 5


def open_current(index_dir: Path) -> tuple[whoosh_index.Index, whoosh_index.Index, str, int]:
    """(articles index, quotes index, generation name, lease) of the generation CURRENT points at,
    leased: the caller releases the lease when it stops reading the generation."""
    for _ in range(OPEN_TRIES):
        generation = current_generation(index_dir)
        if generation is None:
            raise IndexMissingError(f"No index in {index_dir}: run 'python -m search rebuild' first")
        held = lease(generation)
        if held is None:
            continue
        try:
            return (whoosh_index.open_dir(str(generation)),
                    whoosh_index.open_dir(str(generation), indexname=QUOTES_INDEX), generation.name, held)
        except (whoosh_index.EmptyIndexError, OSError) as error:
            release(held)
            raise IndexMissingError(f"The index in {generation} cannot be opened: {error}") from None
    raise IndexMissingError(f"The index in {index_dir} changed {OPEN_TRIES} times while being opened; try again")


def has_index(index_dir: Path) -> bool:
    return current_generation(index_dir) is not None


# Lock files this process holds. A process forked during a rebuild (a worker) gets a copy of each
# descriptor, and a lock lives while any copy is open: a worker that outlived a killed rebuild would
# keep the index locked. Each child points its copies at /dev/null instead.
_held_locks: set[int] = set()


def _release_inherited_locks() -> None:
    with open(os.devnull, "rb") as devnull:
        for fd in _held_locks:
            try:
                os.dup2(devnull.fileno(), fd)
            except OSError:
                pass
    _held_locks.clear()


os.register_at_fork(after_in_child=_release_inherited_locks)


@contextlib.contextmanager
def rebuild_lock(index_dir: Path) -> Iterator[None]:
    """Held for a whole rebuild; a second rebuild fails at once with IndexBusyError."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(index_dir / LOCK, "a+")
    except OSError as error:
        raise IndexWriteError(f"Cannot write to the index folder {index_dir}: {error.strerror or error}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusyError(f"The index in {index_dir} is being rebuilt by another process; try again later") \
                from None
        _held_locks.add(handle.fileno())
        try:
            yield
        finally:
            _held_locks.discard(handle.fileno())


def wait_for_rebuild(index_dir: Path) -> None:
    """Return once no rebuild holds `index_dir`'s lock (at once when none does)."""
    try:
        handle = open(index_dir / LOCK, "a+")
    except OSError as error:
        raise IndexWriteError(f"Cannot read the index folder {index_dir}: {error.strerror or error}") from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_SH)


def new_generation(index_dir: Path) -> Path:
    path = index_dir / f"{GENERATION_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-{time.time_ns() % 10**9:09d}"
    try:
        path.mkdir(parents=True)
        (path / READERS).touch()
    except OSError as error:
        raise IndexWriteError(f"Cannot write to the index folder {index_dir}: {error.strerror or error}") from None
    return path


MANIFEST = "manifest.json"


def copy_generation(source: Path, target: Path) -> None:
    """Fill the new generation `target` with the files of `source`, as hard links where the file
    system allows. Whoosh never changes a segment file once written (a commit writes new ones and a
    new table of contents), so the two generations can share them."""
    try:
        for path in source.iterdir():
            if path.is_file() and not path.name.endswith("WRITELOCK"):
                try:
                    os.link(path, target / path.name)
                except OSError:
                    shutil.copy2(path, target / path.name)
    except OSError as error:
        raise IndexWriteError(f"Cannot write the index in {target}: {error.strerror or error}") from None


def read_manifest(generation: Path) -> dict | None:
    """What a generation was built from (see indexer), or None for one without a readable manifest."""
    try:
        return json.loads((generation / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def size_on_disk(generation: Path) -> int:
    """The bytes of a generation's files."""
    return sum(path.stat().st_size for path in generation.rglob("*") if path.is_file())


def write_manifest(generation: Path, manifest: dict, encode: Callable[[Any], Any] | None = None) -> None:
    """Write `manifest` as JSON; `encode` gives what to write for a value JSON has no form for."""
    try:
        (generation / MANIFEST).write_text(json.dumps(manifest, separators=(",", ":"), default=encode),
                                           encoding="utf-8")
    except OSError as error:
        raise IndexWriteError(f"Cannot write the index in {generation}: {error.strerror or error}") from None


def publish(index_dir: Path, generation: Path) -> None:
    """Point readers at `generation`: write the pointer aside, flush it, then rename it over the old one."""
    pending = index_dir / f".{POINTER}.{os.getpid()}"
    with open(pending, "w", encoding="utf-8") as handle:
        handle.write(generation.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pending, index_dir / POINTER)
    directory = os.open(index_dir, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def remove_stale(index_dir: Path, keep: int = 2) -> None:
    """Delete generations other than the newest `keep` published ones (the current one always stays),
    and half-written generations and pointer files left by interrupted rebuilds. Call under the lock."""
    current = current_generation(index_dir)
    generations = sorted((p for p in index_dir.glob(GENERATION_PREFIX + "*") if p.is_dir()), reverse=True)
    if current is not None:
        newer_than_current = [p for p in generations if p.name > current.name]
        older = [p for p in generations if p.name < current.name]
        doomed = newer_than_current + older[keep - 1:]
    else:
        doomed = generations
    for path in doomed:
        _remove_unread(path)
    for interrupted in index_dir.glob(DOOMED_PREFIX + "*"):
        shutil.rmtree(interrupted, ignore_errors=True)
    for pending in index_dir.glob(f".{POINTER}.*"):
        pending.unlink(missing_ok=True)
