"""The index round trip on a real Whoosh index on disk: rebuild, query, and the atomic swap."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest

from search.index import loading, plan, store
from search.errors import CorpusError, IndexBusyError, IndexMissingError, IndexWriteError, QueryRefused
from search.models import SearchOptions
from search.index.build import rebuild
from search.searcher import ArchiveSearcher
from search.index.stories import parse_sketch

from .conftest import REPO, make_settings, write_article


@pytest.fixture(scope="module")
def searcher(sample_settings):
    return ArchiveSearcher(sample_settings)


def ids(page):
    return [hit.id for hit in page.hits]


def test_sample_corpus_is_fully_indexed(sample_settings, searcher):
    assert searcher.count() == 33


@pytest.mark.parametrize("query, first", [
    ("hosepipe ban", "scrapes/reservoir-drought-2018.txt"),
    ("seals estuary", "coastal-times/seals-return-estuary.html"),
    ('"toxic algae"', "scrapes/algae-bloom-beach-closed.txt"),
    ("Lumen funding", "scrapes/tech-startup-layoffs.txt"),
    ("title:vaccinations", "northern-wire/vaccination-stadium.html"),
])
def test_expected_document_first(searcher, query, first):
    assert ids(searcher.search(query))[0] == first


def test_all_words_must_match(searcher):
    page = searcher.search("seals beach", per_page=100)
    both = set(ids(page)[:page.with_every_word])
    assert both and both <= set(ids(searcher.search("seals", per_page=100)))
    assert "coastal-times/seals-return-estuary.html" not in both
    assert "coastal-times/seals-return-estuary.html" in ids(page)[page.with_every_word:]


def test_or_and_not(searcher):
    seals = set(ids(searcher.search("seals", per_page=100)))
    algae = set(ids(searcher.search("algae", per_page=100)))
    assert set(ids(searcher.search("seals OR algae", per_page=100))) == seals | algae
    assert set(ids(searcher.search("algae NOT beach", per_page=100))) == \
        algae - set(ids(searcher.search("beach", per_page=100)))


def test_phrase_is_stricter_than_words(searcher):
    phrase = searcher.search('"harbour bridge"', per_page=100).total
    words = searcher.search("harbour bridge", per_page=100).total
    assert 0 < phrase <= words


def test_stemming_and_accent_folding(searcher):
    assert "scrapes/harbour-bridge-vote-delayed.txt" in ids(searcher.search("postponing vote", per_page=100))


def test_speaker_filter_by_full_name_and_surname(searcher):
    full = searcher.search('speaker:"Lukas Brenner"', per_page=100)
    surname = searcher.search("speaker:brenner", per_page=100)
    assert full.total >= 5
    assert set(ids(full)) == set(ids(surname))
    assert all("Lukas Brenner" in hit.speakers for hit in full.hits)


def test_author_filter(searcher):
    page = searcher.search("author:okoro", per_page=100)
    assert page.total >= 3
    assert {hit.author for hit in page.hits} == {"Ben Okoro"}


@pytest.mark.parametrize("query, low, high", [
    ("date:2018", dt.date(2018, 1, 1), dt.date(2018, 12, 31)),
    ("date:2022-08", dt.date(2022, 8, 1), dt.date(2022, 8, 31)),
    ("date:[2019-01-01 TO 2020-12-31]", dt.date(2019, 1, 1), dt.date(2020, 12, 31)),
])
def test_date_filters(searcher, query, low, high):
    page = searcher.search(query, per_page=100)
    assert page.total > 0
    assert all(low <= hit.date <= high for hit in page.hits)


def test_filters_combine_with_words(searcher):
    page = searcher.search("bridge speaker:reinholt date:[2016-01-01 TO 2018-12-31]", per_page=100)
    assert page.total >= 2
    assert all("Tomas Reinholt" in hit.speakers and hit.date.year <= 2018 for hit in page.hits)


def test_snippet_marks_the_matched_words_and_escapes_the_rest(searcher):
    hit = searcher.search("contractor").hits[0]
    assert "<mark>contractor</mark>" in hit.snippet.lower()
    assert "Kessler &amp; Moll" in hit.snippet or "&" not in hit.snippet.replace("&amp;", "")


def test_title_only_match_shows_the_lead_paragraph(searcher):
    hit = searcher.search("title:letters").hits[0]
    assert hit.snippet.startswith("Sir, on March 3, 2016")
    assert "<mark>" not in hit.snippet


def test_paging(searcher):
    everything = ids(searcher.search("port", per_page=100))
    pages = ids(searcher.search("port", page=1, per_page=5)) + ids(searcher.search("port", page=2, per_page=5))
    assert pages == everything[:10]
    beyond = searcher.search("port", page=50, per_page=10)
    assert beyond.hits == () and beyond.total == len(everything)


@pytest.mark.parametrize("query", ["date:notadate", "", "   ", "x" * 10_001, '"' + "harbour " * 130 + '"'])
def test_bad_queries_raise_a_readable_error(searcher, query):
    with pytest.raises(QueryRefused):
        searcher.search(query)


def test_article_view_marks_query_words(searcher):
    view = searcher.article("scrapes/dock-strike.txt", "automation")
    assert view.article.title == "Dock Workers Walk Out Over Automation Plan"
    assert "<mark>automation</mark>" in view.body_html
    assert "Transport and Dock Workers’ Union" in view.body_html


def test_missing_index(tmp_path):
    with pytest.raises(IndexMissingError):
        ArchiveSearcher(make_settings(tmp_path, tmp_path / "index")).search("x")


def test_empty_and_missing_corpus(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        rebuild(make_settings(tmp_path / "nope", tmp_path / "index"))
    (tmp_path / "empty").mkdir()
    write_article(tmp_path / "empty", "notes.md", "not an article")
    with pytest.raises(CorpusError, match="No articles"):
        rebuild(make_settings(tmp_path / "empty", tmp_path / "index"))


def test_bad_files_are_skipped_and_the_rest_indexed(tmp_path, small_corpus):
    write_article(small_corpus, "empty.txt", "")
    write_article(small_corpus, "binary.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    write_article(small_corpus, "furniture.html", "<html><body><nav>Menu</nav><footer>(c)</footer></body></html>")
    report = rebuild(make_settings(small_corpus, tmp_path / "index"))
    assert report.indexed == 3
    assert {s.path: s.reason.split(" ")[0] for s in report.skipped} == {
        "empty.txt": "empty", "binary.html": "binary", "furniture.html": "no"}


def test_nothing_indexable_fails_and_keeps_no_generation(tmp_path):
    write_article(tmp_path / "corpus", "empty.txt", "")
    settings = make_settings(tmp_path / "corpus", tmp_path / "index")
    with pytest.raises(CorpusError, match="could be indexed"):
        rebuild(settings)
    assert not store.has_index(settings.index)
    assert list(settings.index.glob("gen-*")) == []


@pytest.mark.parametrize("full", [True, False])
def test_failed_rebuild_leaves_the_previous_index_serving(tmp_path, small_corpus, monkeypatch, full):
    settings = make_settings(small_corpus, tmp_path / "index")
    rebuild(settings)
    searcher = ArchiveSearcher(settings)
    before = searcher.search("bridge").total
    write_article(small_corpus, "new.txt", "A new bridge story\n\nThe bridge is painted blue.\n")

    def fail_midway(source, max_bytes, kept_in=None, known_hash=None):
        if source.doc_id == "new.txt":
            raise OSError("disk full")
        return real_load(source, max_bytes, kept_in, known_hash)

    real_load = loading.load_article
    monkeypatch.setattr(loading, "load_article", fail_midway)
    with pytest.raises(IndexWriteError, match="The rebuild stopped: disk full; the previous index keeps serving"):
        rebuild(settings, full=full)
    assert searcher.search("bridge").total == before
    assert ArchiveSearcher(settings).search("bridge").total == before
    assert len(list(settings.index.glob("gen-*"))) == 1


def test_new_generation_is_seen_without_a_restart_and_old_ones_are_pruned(tmp_path, small_corpus):
    settings = make_settings(small_corpus, tmp_path / "index")
    rebuild(settings)
    searcher = ArchiveSearcher(settings)
    assert searcher.search("turquoise").total == 0
    write_article(small_corpus, "new.txt", "Turquoise paint\n\nThe bridge is painted turquoise.\n")
    rebuild(settings)
    assert searcher.search("turquoise").total == 1
    rebuild(settings)
    assert len(list(settings.index.glob("gen-*"))) == 2  # the current one and the one before it


def test_second_rebuild_at_once_is_refused(tmp_path, small_corpus):
    settings = make_settings(small_corpus, tmp_path / "index")
    with store.rebuild_lock(settings.index):
        with pytest.raises(IndexBusyError, match="being rebuilt"):
            rebuild(settings)


@pytest.mark.slow  # a rebuild killed by a signal, in a process of its own
def test_killed_rebuild_leaves_the_previous_index_and_is_cleaned_up(tmp_path, small_corpus):
    settings = make_settings(small_corpus, tmp_path / "index")
    rebuild(settings)
    good = store.current_generation(settings.index)
    for number in range(400):
        write_article(small_corpus, f"bulk/{number}.txt", f"Bulk story {number}\n\n" + "Words of filler. " * 400)
    process = subprocess.Popen(
        [sys.executable, "-m", "search", "rebuild", "--corpus", str(small_corpus), "--index", str(settings.index)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(p != good for p in settings.index.glob("gen-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert store.current_generation(settings.index) == good
    assert ArchiveSearcher(settings).search("bridge").total > 0
    leftovers = [p for p in settings.index.glob("gen-*") if p != good]
    assert leftovers, "the rebuild was killed before it started writing"
    report = rebuild(settings)
    assert report.indexed == 403
    assert sorted(p.name for p in settings.index.glob("gen-*")) == sorted(
        [good.name, store.current_generation(settings.index).name])
    assert os.path.exists(settings.index / "CURRENT")


def test_snippet_fragments_show_where_they_were_cut(searcher):
    snippet = searcher.search("robots").hits[0].snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "<mark>robots</mark>" in snippet


def test_sort_orders_put_undated_articles_last(searcher):
    from search.models import SearchOptions

    for sort, descending in (("newest", True), ("oldest", False)):
        dates = [hit.date for hit in searcher.search("bridge", per_page=100, options=SearchOptions(sort=sort)).hits]
        dated = [d for d in dates if d is not None]
        assert dated == sorted(dated, reverse=descending)
        assert dates[len(dated):] == [None] * (len(dates) - len(dated)) and len(dated) < len(dates)


def test_relevance_ties_go_to_the_newer_article(tmp_path):
    from search.models import SearchOptions

    corpus = tmp_path / "corpus"
    for name, year in (("old.txt", 2011), ("new.txt", 2021), ("mid.txt", 2016)):
        write_article(corpus, name, f"Same story\n\nLONDON, May 1, {year} - The same words about the same ferry.\n")
    settings = make_settings(corpus, tmp_path / "index")
    rebuild(settings)
    page = ArchiveSearcher(settings).search("ferry", options=SearchOptions())
    assert len({hit.score for hit in page.hits}) == 1
    assert [hit.id for hit in page.hits] == ["new.txt", "mid.txt", "old.txt"]


def test_speaker_and_date_filters_as_options(searcher):
    from search.models import SearchOptions

    options = SearchOptions(speaker="okafor", date_from=dt.date(2020, 1, 1), date_to=dt.date(2020, 12, 31))
    page = searcher.search("schools OR hospital OR vaccination", per_page=100, options=options)
    assert page.total >= 1
    assert all("Amina Okafor" in hit.speakers and hit.date.year == 2020 for hit in page.hits)


@pytest.fixture
def counted_loads(monkeypatch):
    """The doc ids an in-process rebuild reads (one worker, so the reads happen here)."""
    read: list[str] = []
    real_load = loading.load_article

    def load(source, max_bytes, kept_in=None, known_hash=None):
        read.append(source.doc_id)
        return real_load(source, max_bytes, kept_in, known_hash)

    monkeypatch.setattr(loading, "load_article", load)
    return read


def test_incremental_rebuild_reads_only_new_changed_and_deleted_files(tmp_path, small_corpus, counted_loads):
    settings = make_settings(small_corpus, tmp_path / "index", rebuild_workers=1)
    for number in range(5):  # an update touches less than half of the corpus
        write_article(small_corpus, f"more/{number}.txt", f"Ferry timetable {number}\n\nFerries run every hour.\n")
    first = rebuild(settings)
    assert first.full and first.indexed == 8
    write_article(small_corpus, "new.txt", "Turquoise paint\n\nThe bridge is painted turquoise.\n")
    write_article(small_corpus, "scrapes/bridge-opens.txt", "Bridge closes again\n\nThe bridge shut for vermilion repairs.\n")
    (small_corpus / "scrapes" / "dock-strike.txt").unlink()
    counted_loads.clear()

    report = rebuild(settings)
    assert (report.full, report.added, report.changed, report.deleted, report.unchanged) == (False, 1, 1, 1, 6)
    assert sorted(counted_loads) == ["new.txt", "scrapes/bridge-opens.txt"]
    assert report.indexed == 8
    searcher = ArchiveSearcher(settings)
    assert [hit.id for hit in searcher.search("turquoise").hits] == ["new.txt"]
    assert [hit.id for hit in searcher.search("vermilion").hits] == ["scrapes/bridge-opens.txt"]
    assert searcher.search("strike").total == 0  # the deleted article and its quotations are gone
    page = searcher.search("bridge")  # facets still line up with the documents after the update
    assert {hit.author for hit in page.hits if hit.author} == {name for name, _ in page.facets["author"]}
    assert sum(count for _, count in page.facets["date"]) == sum(1 for hit in page.hits if hit.date)


def test_a_rewritten_but_unchanged_file_is_not_read_again(tmp_path, small_corpus, counted_loads):
    settings = make_settings(small_corpus, tmp_path / "index", rebuild_workers=1)
    rebuild(settings)
    path = small_corpus / "scrapes" / "bridge-opens.txt"
    path.write_bytes(path.read_bytes())
    counted_loads.clear()
    report = rebuild(settings)
    assert (report.full, report.unchanged, counted_loads) == (False, 3, [])
    assert ArchiveSearcher(settings).search("bridge").total > 0


def test_a_full_rebuild_when_asked_or_when_the_index_settings_change(tmp_path, small_corpus, counted_loads):
    settings = make_settings(small_corpus, tmp_path / "index", rebuild_workers=1)
    rebuild(settings)
    assert rebuild(settings, full=True).full
    assert rebuild(make_settings(small_corpus, tmp_path / "index", rebuild_workers=1, stopwords="none")).full
    counted_loads.clear()
    assert not rebuild(make_settings(small_corpus, tmp_path / "index", rebuild_workers=1, stopwords="none")).full
    assert counted_loads == []


def test_an_index_whose_manifest_has_an_older_format_is_rebuilt_in_full(tmp_path, small_corpus):
    settings = make_settings(small_corpus, tmp_path / "index", rebuild_workers=1)
    rebuild(settings)
    generation = store.current_generation(settings.index)
    manifest = store.read_manifest(generation)
    assert all(isinstance(entry.sketch, str) for entry in plan.article_entries(manifest).values())
    # As the format before it wrote the manifest: each sketch a list of ints.
    manifest["built_with"]["format"] = plan.INDEX_FORMAT - 1
    for entry in manifest["articles"].values():
        entry[2] = list(parse_sketch(entry[2]))
    store.write_manifest(generation, manifest)
    assert not plan.is_current(settings)
    assert rebuild(settings).full
    assert plan.is_current(settings)


def test_skipped_files_stay_reported_without_being_read_again(tmp_path, small_corpus, counted_loads):
    settings = make_settings(small_corpus, tmp_path / "index", rebuild_workers=1)
    write_article(small_corpus, "empty.txt", "")
    assert [s.path for s in rebuild(settings).skipped] == ["empty.txt"]
    counted_loads.clear()
    report = rebuild(settings)
    assert [(s.path, s.reason) for s in report.skipped] == [("empty.txt", "empty file")]
    assert counted_loads == []


def test_a_reposted_story_arriving_in_an_update_joins_its_story(tmp_path, small_corpus):
    settings = make_settings(small_corpus, tmp_path / "index", rebuild_workers=1)
    rebuild(settings)
    original = (small_corpus / "scrapes" / "dock-strike.txt").read_text(encoding="utf-8")
    write_article(small_corpus, "repost/dock-strike.txt", original.replace("\n\n", "\n\nReposted.\n\n", 1))
    assert not rebuild(settings).full
    stories = {hit.id: hit.story for hit in ArchiveSearcher(settings).search(
        "dock", options=SearchOptions(story="scrapes/dock-strike.txt")).hits}
    assert stories == {"scrapes/dock-strike.txt": "scrapes/dock-strike.txt",
                       "repost/dock-strike.txt": "scrapes/dock-strike.txt"}


@pytest.mark.parametrize("workers", [1, 2])
def test_the_progress_bars_cover_the_writing_after_the_last_article(tmp_path, small_corpus, capsys, workers):
    rebuild(make_settings(small_corpus, tmp_path / "index", rebuild_workers=workers), show_progress=True, full=True)
    shown = capsys.readouterr().err
    assert "reading and analysing: 100%" in shown and "3/3" in shown
    steps = 2 + (workers if workers > 1 else 0)
    assert "writing the index: 100%" in shown and f"{steps}/{steps}" in shown
