"""What a rebuild will do, from the corpus's hashes and the previous manifest's named entries."""

from pathlib import Path

from search.index.plan import (ArticleEntry, SkippedEntry, article_entries, built_with, plan_rebuild, skipped_entries,
                               why_skipped)
from search.index.sources import SourceFile

from .conftest import make_settings

SETTINGS = make_settings(Path("corpus"), Path("index"))


def sources(*names: str) -> list[SourceFile]:
    return [SourceFile(Path("corpus") / name, name, "text") for name in names]


def manifest(articles: dict, skipped: dict | None = None, settings=SETTINGS) -> dict:
    """A manifest as JSON gives it back: each entry a list."""
    return {"built_with": built_with(settings),
            "articles": {doc_id: [file_hash, doc_id, "00"] for doc_id, file_hash in articles.items()},
            "skipped": {doc_id: [file_hash, "empty file"] for doc_id, file_hash in (skipped or {}).items()}}


def test_the_manifest_s_lists_read_as_named_entries():
    before = manifest({"a.txt": "h1"}, {"b.txt": "h2"})
    assert article_entries(before) == {"a.txt": ArticleEntry("h1", "a.txt", "00")}
    assert skipped_entries(before)["b.txt"].reason == "empty file"


def test_nothing_to_start_from_or_other_settings_read_everything():
    corpus = sources("a.txt", "b.txt")
    hashes = {"a.txt": "h1", "b.txt": "h2"}
    assert plan_rebuild(corpus, hashes, None, SETTINGS).full
    other = make_settings(Path("corpus"), Path("index"), title_weight=SETTINGS.title_weight + 1)
    assert plan_rebuild(corpus, hashes, manifest(hashes, settings=other), SETTINGS).full


def test_an_incremental_rebuild_reads_only_what_is_new_or_changed_and_deletes_what_is_gone():
    corpus = sources(*(f"{n}.txt" for n in range(8)))
    hashes = {f"{n}.txt": f"h{n}" for n in range(8)}
    before = manifest({**{f"{n}.txt": f"h{n}" for n in range(1, 7)}, "gone.txt": "hg"}, {"7.txt": "h7"})
    before["articles"]["1.txt"][0] = "old"
    plan = plan_rebuild(corpus, hashes, before, SETTINGS)
    assert not plan.full and not plan.nothing_to_do
    assert [source.doc_id for source in plan.to_load] == ["0.txt", "1.txt"]
    assert sorted(plan.to_delete) == ["1.txt", "gone.txt"]
    assert (plan.added, plan.changed) == (1, 1)
    assert set(plan.kept) == {f"{n}.txt" for n in range(2, 7)}
    assert plan.kept["2.txt"] == ArticleEntry("h2", "2.txt", "00")
    assert plan.kept_skipped == {"7.txt": SkippedEntry("h7", "empty file")}


def test_an_unchanged_corpus_has_nothing_to_do_and_a_mostly_changed_one_is_read_in_full():
    corpus = sources("a.txt", "b.txt", "c.txt")
    hashes = {"a.txt": "h1", "b.txt": "h2", "c.txt": "h3"}
    assert plan_rebuild(corpus, hashes, manifest(hashes), SETTINGS).nothing_to_do
    assert plan_rebuild(corpus, hashes, manifest({"a.txt": "x", "b.txt": "y", "c.txt": "h3"}), SETTINGS).full


def test_a_file_that_cannot_be_hashed_is_read_again():
    corpus = sources("a.txt", "b.txt", "c.txt")
    plan = plan_rebuild(corpus, {"a.txt": None, "b.txt": "h2", "c.txt": "h3"},
                        manifest({"a.txt": "h1", "b.txt": "h2", "c.txt": "h3"}), SETTINGS)
    assert [source.doc_id for source in plan.to_load] == ["a.txt"]


def test_skipped_files_are_listed_with_their_reasons_up_to_a_limit():
    skipped = {f"{n}.txt": SkippedEntry(None, "empty file") for n in range(25)}
    lines = why_skipped(skipped).splitlines()
    assert lines[0] == "  0.txt: empty file" and lines[-1] == "  … and 5 more" and len(lines) == 21
