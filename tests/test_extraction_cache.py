"""Articles kept by what they were extracted from, so that a full rebuild of unchanged files only indexes."""

import ast
import shutil
from pathlib import Path

import pytest

from search.index import extraction_cache, loading
from search.index.build import rebuild
from search.searcher import ArchiveSearcher

from .conftest import REPO, SAMPLE_CORPUS, make_settings, write_article


@pytest.fixture
def extractions(monkeypatch):
    """The doc ids extracted (cleaned and read for their fields) in this process."""
    done: list[str] = []
    real = loading.article_from_text

    def counted(doc_id, kind, text, **options):
        done.append(doc_id)
        return real(doc_id, kind, text, **options)

    monkeypatch.setattr(loading, "article_from_text", counted)
    return done


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, folder)
    return folder


def _answers(settings) -> list:
    searcher = ArchiveSearcher(settings)
    return [[(hit.id, hit.title, hit.date, hit.speakers, hit.snippet, round(hit.score, 6))
             for hit in searcher.search(query).hits] for query in ("bridge", "council said", '"harbour"', "strike")]


def _entries(settings) -> list[Path]:
    return sorted((settings.index / extraction_cache.FOLDER).glob("*/*"))


def test_a_full_rebuild_of_unchanged_files_extracts_none_and_indexes_the_same(corpus, tmp_path, extractions):
    settings = make_settings(corpus, tmp_path / "index", rebuild_workers=1)
    rebuild(settings)
    assert len(extractions) == 33
    before = _answers(settings)
    extractions.clear()
    report = rebuild(settings, full=True)
    assert extractions == [] and report.indexed == 33 and report.full
    assert _answers(settings) == before


def test_another_stop_list_reuses_the_extraction_but_indexes_anew(corpus, tmp_path, extractions):
    rebuild(make_settings(corpus, tmp_path / "index", rebuild_workers=1))
    extractions.clear()
    settings = make_settings(corpus, tmp_path / "index", rebuild_workers=1, stopwords="none")
    report = rebuild(settings)
    assert report.full and report.indexed == 33 and extractions == []
    assert ArchiveSearcher(settings).search('"the bridge"').total > 0


def test_a_changed_file_is_extracted_again_and_only_it(corpus, tmp_path, extractions):
    settings = make_settings(corpus, tmp_path / "index", rebuild_workers=1)
    rebuild(settings)
    changed = corpus / "scrapes" / "bridge-opens.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "\n\n", "\n\nThe ferry pier will reopen in turquoise in the spring.\n\n", 1), encoding="utf-8")
    extractions.clear()
    rebuild(settings, full=True)
    assert extractions == ["scrapes/bridge-opens.txt"]
    assert [hit.id for hit in ArchiveSearcher(settings).search("turquoise").hits] == ["scrapes/bridge-opens.txt"]


def test_a_new_version_of_the_extraction_extracts_everything_again(corpus, tmp_path, extractions, monkeypatch):
    settings = make_settings(corpus, tmp_path / "index", rebuild_workers=1)
    rebuild(settings)
    monkeypatch.setattr(extraction_cache, "extraction_version", lambda: "another version")
    extractions.clear()
    rebuild(settings, full=True)
    assert len(extractions) == 33
    assert len(_entries(settings)) == 33  # the old version's entries are gone


@pytest.mark.parametrize("damage", [b"", b"not compressed", b"x\x9c\x03\x00\x00\x00\x00\x01"])
def test_an_entry_that_cannot_be_read_is_extracted_again(corpus, tmp_path, extractions, damage):
    settings = make_settings(corpus, tmp_path / "index", rebuild_workers=1)
    rebuild(settings)
    before = _answers(settings)
    for entry in _entries(settings):
        entry.write_bytes(damage)
    extractions.clear()
    report = rebuild(settings, full=True)
    assert len(extractions) == 33 and report.indexed == 33 and report.skipped == ()
    assert _answers(settings) == before


def test_only_the_entries_of_the_articles_indexed_are_kept(corpus, tmp_path):
    settings = make_settings(corpus, tmp_path / "index")
    rebuild(settings)
    assert len(_entries(settings)) == 33
    (corpus / "scrapes" / "bridge-opens.txt").unlink()
    write_article(corpus, "scrapes/new.txt", "Turquoise ferries\n\nThe ferries are painted turquoise, she said.\n")
    (settings.index / extraction_cache.FOLDER / "ab").mkdir(exist_ok=True)
    (settings.index / extraction_cache.FOLDER / "ab" / ".abc.123").write_bytes(b"half written")
    report = rebuild(settings)
    assert not report.full and report.indexed == 33
    assert len(_entries(settings)) == 33


def test_a_rebuild_whose_entries_cannot_be_written_still_indexes_everything(corpus, tmp_path):
    settings = make_settings(corpus, tmp_path / "index", rebuild_workers=1)
    settings.index.mkdir()
    (settings.index / extraction_cache.FOLDER).write_text("a file where the folder would be")
    report = rebuild(settings)
    assert report.indexed == 33 and report.skipped == ()


def test_the_same_article_comes_back_from_its_entry(tmp_path):
    article = loading.article_from_text("a/b.html", "html", (SAMPLE_CORPUS / "coastal-times" /
                                                             "seals-return-estuary.html").read_text(encoding="utf-8"))
    key = extraction_cache.key("a/b.html", extraction_cache.digest(b"the bytes"))
    assert extraction_cache.load(tmp_path, key) is None
    extraction_cache.keep(tmp_path, key, article)
    assert extraction_cache.load(tmp_path, key) == article
    assert key != extraction_cache.key("a/c.html", extraction_cache.digest(b"the bytes"))
    assert key != extraction_cache.key("a/b.html", extraction_cache.digest(b"other bytes"))


def _package_imports(path: Path) -> set[Path]:
    """The files of the search package that a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = path.parent
            for _ in range(node.level - 1):
                base = base.parent
            names = [node.module] if node.module else [alias.name for alias in node.names]
            for name in names:
                target = base.joinpath(*name.split("."))
                found |= {candidate for candidate in (target.with_suffix(".py"), target / "__init__.py")
                          if candidate.exists()}
    return found


def test_the_version_covers_every_module_extraction_runs():
    # What article_from_text runs, and every module of the package it imports in turn.
    package = REPO / "search"
    closure, todo = set(), [package / "extraction" / "article.py"]
    while todo:
        module = todo.pop()
        if module not in closure:
            closure.add(module)
            todo.extend(_package_imports(module))
    hashed = set(extraction_cache.EXTRACTION_FOLDER.glob("*.py")) | set(extraction_cache.EXTRACTION_BASES)
    assert closure - {package / "errors.py"} <= hashed
    assert package / "models.py" in closure
