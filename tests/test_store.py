"""The index folder: generations published by CURRENT, leases that keep a read generation on disk, one
rebuild at a time, and manifests."""

import json
from array import array

import pytest

from search.errors import IndexBusyError, IndexMissingError
from search.index import store


def test_a_new_generation_is_read_only_once_published(tmp_path):
    assert store.current_generation(tmp_path) is None and not store.has_index(tmp_path)
    generation = store.new_generation(tmp_path)
    assert store.current_generation(tmp_path) is None
    store.publish(tmp_path, generation)
    assert store.current_generation(tmp_path) == generation and store.has_index(tmp_path)


def test_current_naming_anything_but_a_generation_folder_is_no_index(tmp_path):
    (tmp_path / store.POINTER).write_text("../elsewhere")
    assert store.current_generation(tmp_path) is None
    with pytest.raises(IndexMissingError, match="run 'python -m search rebuild' first"):
        store.open_current(tmp_path)


def test_old_generations_go_unless_leased_and_the_current_one_stays(tmp_path):
    generations = [store.new_generation(tmp_path) for _ in range(4)]
    store.publish(tmp_path, generations[-1])
    held = store.lease(generations[0])
    store.remove_stale(tmp_path, keep=2)
    assert [path.exists() for path in generations] == [True, False, True, True]
    store.release(held)
    store.remove_stale(tmp_path, keep=2)
    assert [path.exists() for path in generations] == [False, False, True, True]
    assert store.current_generation(tmp_path) == generations[-1]


def test_a_removed_generation_cannot_be_leased(tmp_path):
    generation = store.new_generation(tmp_path)
    store.remove_stale(tmp_path, keep=0)
    assert store.lease(generation) is None


def test_one_rebuild_at_a_time(tmp_path):
    with store.rebuild_lock(tmp_path):
        with pytest.raises(IndexBusyError, match="being rebuilt by another process"):
            with store.rebuild_lock(tmp_path):
                pass
    # Free again once the rebuild holding it ends: a wait returns at once, another rebuild may start.
    store.wait_for_rebuild(tmp_path)
    with store.rebuild_lock(tmp_path):
        pass


def test_a_manifest_reads_back_and_values_json_lacks_are_encoded(tmp_path):
    generation = store.new_generation(tmp_path)
    store.write_manifest(generation, {"articles": {"a.txt": ["h", "a.txt", array("I", [1, 2])]}},
                         encode=lambda value: value.tolist())
    assert store.read_manifest(generation) == {"articles": {"a.txt": ["h", "a.txt", [1, 2]]}}
    (generation / store.MANIFEST).write_text("{not json")
    assert store.read_manifest(generation) is None
    assert json.loads(json.dumps(store.read_manifest(tmp_path / "no-such-generation"))) is None


def test_a_copied_generation_shares_the_files_of_the_one_it_starts_from(tmp_path):
    source, target = store.new_generation(tmp_path), store.new_generation(tmp_path)
    (source / "_MAIN_1.toc").write_bytes(b"toc")
    store.copy_generation(source, target)
    assert (target / "_MAIN_1.toc").read_bytes() == b"toc"
    assert (target / "_MAIN_1.toc").stat().st_ino == (source / "_MAIN_1.toc").stat().st_ino
