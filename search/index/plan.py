"""What a rebuild will do, decided from the corpus's content hashes and the previous generation's manifest.

The manifest of a generation names each article it holds (doc id -> ArticleEntry: the file's hash,
its story, its near-duplicate sketch as text) and each file it skipped (doc id -> SkippedEntry: the
file's hash and why). JSON keeps an entry as a list; these named tuples are how the code reads it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from typing import NamedTuple

from ..config import Settings
from ..models import Skipped
from ..names import one_line
from . import extraction_cache, store
from .sources import SourceFile

# Bump when what the index or its manifest holds for an article changes, so that an incremental
# rebuild of an older generation becomes a full one.
INDEX_FORMAT = 13
MAX_REASONS_LISTED = 20


class ArticleEntry(NamedTuple):
    hash: str | None  # of its file: of the container file, for an article inside one
    story: str
    sketch: object  # an array("I") while rebuilding, its text (stories.sketch_text) in the manifest
    container: str | None = None  # the id of the container file it is inside


class SkippedEntry(NamedTuple):
    hash: str | None
    reason: str
    container: str | None = None


def file_of(doc_id: str, entry: ArticleEntry | SkippedEntry) -> str:
    """The id of the corpus file an entry was read from: itself, or the container it is inside."""
    return entry.container or doc_id


def article_entries(manifest: dict) -> dict[str, ArticleEntry]:
    return {doc_id: ArticleEntry(*entry) for doc_id, entry in manifest.get("articles", {}).items()}


def skipped_entries(manifest: dict) -> dict[str, SkippedEntry]:
    return {doc_id: SkippedEntry(*entry) for doc_id, entry in manifest.get("skipped", {}).items()}


def content_hash(path) -> str | None:
    """A digest of the file's bytes, or None when it cannot be read (the read then reports why)."""
    digest = extraction_cache.file_digest()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # a pipe or device would block the read
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def built_with(settings: Settings) -> dict:
    """The settings that shape the index: an incremental rebuild needs them unchanged."""
    return {"format": INDEX_FORMAT, "stopwords": settings.stopwords, "title_weight": settings.title_weight}


def is_current(settings: Settings) -> bool:
    """Whether the index holds a generation this version of the service can search: one written in
    the current INDEX_FORMAT (an older one lacks fields queries now use)."""
    generation = store.current_generation(settings.index)
    manifest = store.read_manifest(generation) if generation is not None else None
    return bool(manifest) and manifest.get("built_with", {}).get("format") == INDEX_FORMAT


def why_skipped(skipped: dict[str, SkippedEntry]) -> str:
    """Each skipped file with its reason, a line each, the first MAX_REASONS_LISTED of them."""
    lines = [f"  {one_line(doc_id)}: {entry.reason}" for doc_id, entry in list(skipped.items())[:MAX_REASONS_LISTED]]
    if len(skipped) > MAX_REASONS_LISTED:
        lines.append(f"  … and {len(skipped) - MAX_REASONS_LISTED} more")
    return "\n".join(lines)


def skipped_files(skipped: dict[str, SkippedEntry]) -> tuple[Skipped, ...]:
    """The manifest's skipped files and records as the report gives them."""
    return tuple(Skipped(path=doc_id, reason=entry.reason, container=entry.container)
                 for doc_id, entry in skipped.items())


@dataclass
class RebuildPlan:
    """What a rebuild will do: read the files `to_load`, remove the articles `to_delete` (of the files
    changed and deleted), keep `kept` and `kept_skipped` as the previous generation had them.
    `added`, `changed` and `deleted` count files."""

    full: bool
    to_load: list[SourceFile]
    hashes: dict[str, str | None]
    to_delete: list[str] = field(default_factory=list)
    kept: dict[str, ArticleEntry] = field(default_factory=dict)
    kept_skipped: dict[str, SkippedEntry] = field(default_factory=dict)
    added: int = 0
    changed: int = 0
    deleted: int = 0

    @property
    def nothing_to_do(self) -> bool:
        return not self.full and not self.to_load and not self.to_delete

    @property
    def reads_containers(self) -> bool:
        """Whether a file to read holds many articles, whose number is known only once it is read."""
        return any(source.is_container for source in self.to_load)


def plan_rebuild(sources: list[SourceFile], hashes: dict[str, str | None], manifest: dict | None,
                 settings: Settings) -> RebuildPlan:
    """Full when there is nothing to start from or the index's settings changed; incremental when
    at most half of the corpus's files are new, changed or deleted (beyond that a full rebuild is
    cheaper). A container file is read again whole when its hash changed."""
    if manifest is None or manifest.get("built_with") != built_with(settings):
        return RebuildPlan(full=True, to_load=sources, hashes=hashes)
    articles, skipped = article_entries(manifest), skipped_entries(manifest)
    before = {**skipped, **articles}
    file_hashes = {file_of(doc_id, entry): entry.hash for doc_id, entry in before.items()}
    to_load = [s for s in sources if hashes[s.doc_id] is None or file_hashes.get(s.doc_id) != hashes[s.doc_id]]
    present = {s.doc_id for s in sources}
    gone = [file for file in file_hashes if file not in present]
    if len(to_load) + len(gone) > len(sources) / 2:
        return RebuildPlan(full=True, to_load=sources, hashes=hashes)
    loading = {s.doc_id for s in to_load}
    changed = [file for file in loading if file in file_hashes]

    def unchanged(doc_id: str, entry: ArticleEntry | SkippedEntry) -> bool:
        return (file := file_of(doc_id, entry)) in present and file not in loading

    return RebuildPlan(
        full=False, to_load=to_load, hashes=hashes,
        to_delete=[doc_id for doc_id, entry in before.items() if not unchanged(doc_id, entry)],
        kept={doc_id: entry for doc_id, entry in articles.items() if unchanged(doc_id, entry)},
        kept_skipped={doc_id: entry for doc_id, entry in skipped.items() if unchanged(doc_id, entry)},
        added=len(to_load) - len(changed), changed=len(changed), deleted=len(gone))
