"""A rebuild counts what its new index holds: a worker or writer that fails or dies is never a silent
hole. A file that kills the process reading it is skipped with that reason; a writer that raises or
is killed fails the rebuild, naming the files, and the previous generation keeps serving."""

import os
import signal
import time

import pytest

from whoosh.writing import SegmentWriter

from search import cli
from search.index import build, loading, segments, store
from search.errors import IndexWriteError
from search.models import SearchOptions
from search.searcher import ArchiveSearcher

from .conftest import make_settings, open_articles, write_article


def corpus_of(folder, count: int):
    """Articles about the harbour; every third quotes its master."""
    for number in range(count):
        quote = f' "The quay takes ships again by day {number + 9}," said Ann Lee.' if number % 3 == 0 else ""
        write_article(folder, f"a{number:03d}.txt",
                      f"Harbour report {number}\n\nThe harbour board met on day {number} to discuss the quay.{quote}\n")
    return folder


@pytest.fixture
def served(tmp_path):
    """A corpus of 60 articles, indexed once, and its settings with two workers."""
    settings = make_settings(corpus_of(tmp_path / "corpus", 60), tmp_path / "index", rebuild_workers=2)
    build.rebuild(settings)
    return settings


def changed(settings):
    """Add articles, so that the next rebuild has new work."""
    for number in range(60, 70):
        write_article(settings.corpus, f"a{number:03d}.txt", f"Quay news {number}\n\nThe quay was busy on day {number}.\n")


def still_serving(settings, generation):
    assert store.current_generation(settings.index) == generation
    assert ArchiveSearcher(settings).search("harbour").total == 60
    assert [p.name for p in settings.index.glob("gen-*")] == [generation.name]


def test_the_summary_counts_what_a_reader_of_the_new_generation_finds(served):
    changed(served)
    report = build.rebuild(served, full=True)
    assert report.indexed == 70 == ArchiveSearcher(served).count()


def test_a_file_that_kills_its_reading_process_is_skipped_and_the_rest_indexed(served, monkeypatch):
    load = loading.load_article

    def crash_on_one(source, max_bytes, kept_in=None, known_hash=None):
        if source.doc_id == "a065.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        return load(source, max_bytes, kept_in, known_hash)

    monkeypatch.setattr(loading, "load_article", crash_on_one)
    changed(served)
    report = build.rebuild(served, full=True)
    assert [(s.path, s.reason) for s in report.skipped] == [("a065.txt", "the process reading it died (a crash or a kill) while reading it")]
    assert report.indexed == 69 == ArchiveSearcher(served).count()


def writer_raises_on(monkeypatch, doc_id: str) -> None:
    to_document = segments.to_document

    def bad_date_for_one(article, **options):
        document = to_document(article, **options)
        return {**document, "date": "not a date"} if article.id == doc_id else document

    monkeypatch.setattr(segments, "to_document", bad_date_for_one)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_that_makes_a_writer_raise_fails_the_rebuild_naming_it(served, monkeypatch, workers):
    previous = store.current_generation(served.index)
    writer_raises_on(monkeypatch, "a064.txt")
    changed(served)
    settings = make_settings(served.corpus, served.index, rebuild_workers=workers)
    with pytest.raises(IndexWriteError, match=r"^Indexing a064.txt failed: "):
        build.rebuild(settings, full=True)
    still_serving(served, previous)


def test_a_writer_process_killed_mid_rebuild_fails_it_and_the_previous_index_serves(served, monkeypatch):
    previous = store.current_generation(served.index)
    add = SegmentWriter.add_document

    def killed_at_one(writer, **document):
        if document.get("id") == "a040.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        add(writer, **document)

    monkeypatch.setattr(SegmentWriter, "add_document", killed_at_one)
    changed(served)
    with pytest.raises(IndexWriteError, match=r"writer process was killed by SIGKILL while indexing one of the \d+ "
                                              r"articles from a\d+.txt to a\d+.txt"):
        build.rebuild(served, full=True)
    still_serving(served, previous)


def test_the_command_line_says_why_in_one_line_without_a_traceback(served, monkeypatch, capfd):
    writer_raises_on(monkeypatch, "a066.txt")
    changed(served)
    status = cli.main(["rebuild", "--full", "--corpus", str(served.corpus), "--index", str(served.index)])
    out, err = capfd.readouterr()
    assert status == cli.EXIT_ERROR
    assert "Traceback" not in out + err
    assert [line for line in err.splitlines() if line.startswith("error:")] == [
        next(line for line in err.splitlines() if line.startswith("error: Indexing a066.txt failed: "))]


def test_a_writer_slow_on_a_batch_holds_up_neither_the_rebuild_nor_the_other_writers(served, monkeypatch):
    """Batches go to writers ready for one: while one writer spends seconds on an article (as one
    sorting its postings to disk does), the other writes the rest."""
    monkeypatch.setattr(segments, "BATCH", 4)
    add = segments.add_article

    def slow_on_one(writers, article, story, title_weight):
        if article.id == "a000.txt":
            time.sleep(3)
        add(writers, article, story, title_weight)

    monkeypatch.setattr(segments, "add_article", slow_on_one)
    changed(served)
    assert build.rebuild(served, full=True).indexed == 70
    with open_articles(served).reader() as reader:
        held = sorted(segment.doc_count() for segment, _ in reader.leaf_readers())
    assert held[0] <= 2 * segments.BATCH and sum(held) == 70


def test_an_index_that_holds_fewer_documents_than_written_is_refused(served, monkeypatch):
    """Whatever the cause, a generation whose count is short is never swapped in."""
    previous = store.current_generation(served.index)
    monkeypatch.setattr(build.whoosh_index.FileIndex, "doc_count", lambda self: 3)
    changed(served)
    with pytest.raises(IndexWriteError, match="holds 3 articles where 70 were written"):
        build.rebuild(served, full=True)
    monkeypatch.undo()
    still_serving(served, previous)


def test_parallel_writers_give_the_index_one_writer_gives(served, tmp_path):
    """The same hits with the same scores; articles that tie may come in another order, that of the
    segments they were written to."""
    alone = make_settings(served.corpus, tmp_path / "alone", rebuild_workers=1)
    build.rebuild(alone)
    for query, kind in (("harbour", "articles"), ("quay day", "articles"), ("harbour board 17", "articles"),
                        ("quay ships", "quotes"), ("ships 18", "quotes")):
        pages = [ArchiveSearcher(settings).search(query, per_page=100, options=SearchOptions(kind=kind))
                 for settings in (served, alone)]
        assert pages[0].total > 0
        assert pages[0].total == pages[1].total
        ranked = [sorted((-hit.score, getattr(hit, "id", None) or hit.article_id) for hit in page.hits)
                  for page in pages]
        assert ranked[0] == ranked[1]
