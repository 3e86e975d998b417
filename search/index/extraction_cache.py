"""I/O edge: each article as extraction left it, kept in the index folder under what it was made from.

    index/
      extracted/<ab>/<key>   one article, pickled and compressed; <key> digests the extraction's
                             code and libraries, the file's id and the file's bytes

A rebuild that reads a file whose entry exists takes the article from it instead of cleaning and
extracting the page again: a `--full` rebuild of an unchanged corpus, or one that another stop list
or index format forces, does only the indexing. Entries are found by content, never by date, so a
changed file or a new version of the extraction code simply misses, and an entry that cannot be read
is a miss too. After each rebuild only the entries of the articles the new generation holds are kept.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import os
import pickle
import zlib
from collections.abc import Iterable
from pathlib import Path

from ..models import Article

FOLDER = "extracted"
# What decides what an article is made of: the extraction stage's folder, the modules it builds
# on (the Article it makes, the names it reads ids as), and the libraries it uses.
EXTRACTION_FOLDER = Path(__file__).parent.parent / "extraction"
EXTRACTION_BASES = (EXTRACTION_FOLDER.parent / "models.py", EXTRACTION_FOLDER.parent / "names.py")
EXTRACTION_LIBRARIES = ("beautifulsoup4", "lxml", "trafilatura", "readability-lxml", "dateparser",
                        "python-dateutil", "py3langid", "warcio", "brotli")
# Compressed fast: an article's text keeps a third of its size for a small fraction of its extraction.
COMPRESSION = 1


def file_digest(data: bytes = b""):
    """The hash a file's bytes are known by, in the manifest and in an entry's key (update() it with
    a large file's chunks)."""
    return hashlib.blake2b(data, digest_size=16)


def digest(data: bytes) -> str:
    return file_digest(data).hexdigest()


@functools.cache
def extraction_version() -> str:
    """A digest of the extraction's code and of its libraries' versions."""
    modules = [*sorted(EXTRACTION_FOLDER.glob("*.py")), *EXTRACTION_BASES]
    parts = [module.name.encode() + b"\0" + module.read_bytes() for module in modules]
    parts += [f"{name} {importlib.metadata.version(name)}".encode() for name in EXTRACTION_LIBRARIES]
    return digest(b"\0".join(parts))


def key(doc_id: str, file_digest: str) -> str:
    return digest(f"{extraction_version()}\0{doc_id}\0{file_digest}".encode("utf-8"))


def _entry(index_dir: Path, entry_key: str) -> Path:
    return index_dir / FOLDER / entry_key[:2] / entry_key


def load(index_dir: Path, entry_key: str) -> Article | None:
    """The article kept under `entry_key`, or None when there is none or it cannot be read."""
    try:
        article = pickle.loads(zlib.decompress(_entry(index_dir, entry_key).read_bytes()))
    except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
            ValueError):
        return None
    return article if isinstance(article, Article) else None


def keep(index_dir: Path, entry_key: str, article: Article) -> None:
    """Keep `article` under `entry_key`, written whole or not at all (a worker may be killed while
    writing); a folder that cannot be written only means the next rebuild extracts it again."""
    path = _entry(index_dir, entry_key)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(zlib.compress(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL), COMPRESSION))
        partial.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def keep_only(index_dir: Path, entry_keys: Iterable[str]) -> None:
    """Remove every entry but those of `entry_keys`, and any half-written file."""
    wanted = set(entry_keys)
    for path in (index_dir / FOLDER).glob("*/*"):
        if path.name not in wanted:
            with contextlib.suppress(OSError):  # left for the next rebuild to remove
                path.unlink()
