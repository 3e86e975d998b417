"""Rebuilds of a corpus that holds container files: WARC files of the sample corpus's real pages, JSON
Lines and news-please files, whole, damaged and changed, through the real index on disk."""

import json
import shutil

import pytest
from warcio.warcwriter import WARCWriter

from search.index import loading
from search.index.build import rebuild
from search.models import SearchOptions
from search.searcher import ArchiveSearcher

from .conftest import SAMPLE_CORPUS, make_settings
from .test_archives import NEWS_PLEASE, http, response

PAGES = sorted((SAMPLE_CORPUS / "halden-herald").glob("*.html")) + sorted((SAMPLE_CORPUS / "northern-wire").glob("*.html"))
PLAIN = sorted((SAMPLE_CORPUS / "scrapes").glob("*.txt"))[:4]


def address(page) -> str:
    return f"https://{page.parent.name}.example/{page.stem}"


def write_crawl(path, pages, gzipped: bool = True, changed: dict | None = None):
    """The pages as a crawler fetched them, each at its address; `changed`: other bytes for some."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for page in pages:
            response(writer, address(page), (changed or {}).get(page, page.read_bytes()), http())
    return path


def json_line(n: int) -> str:
    return json.dumps({"url": f"https://blog.example/{n}", "title": f"Allotment diary {n}",
                       "text": f"Week {n}: the marrows grew and the slugs retreated, the allotment society said.",
                       "date": f"2019-04-{n:02d}", "authors": [f"Gardener {chr(64 + n)}"]})


@pytest.fixture
def archive_corpus(tmp_path):
    """A scraped archive as it arrives: a WARC of real pages, one cut off, JSON Lines with a broken
    line, news-please files (one broken) and a few plain scrapes beside them."""
    corpus = tmp_path / "corpus"
    (corpus / "crawls").mkdir(parents=True)
    write_crawl(corpus / "crawls" / "herald.warc.gz", PAGES)
    cut = write_crawl(tmp_path / "whole.warc", PAGES[:3], gzipped=False).read_bytes()
    (corpus / "crawls" / "cut.warc").write_bytes(cut[:len(cut) - 500])
    (corpus / "feeds").mkdir()
    (corpus / "feeds" / "diary.jsonl").write_text("\n".join([json_line(1), '{"url": "broken', json_line(2)]) + "\n")
    (corpus / "news-please").mkdir()
    (corpus / "news-please" / "abstimmung.json").write_text(json.dumps(NEWS_PLEASE), encoding="utf-8")
    (corpus / "news-please" / "broken.json").write_text('{"title": "cut off", "maintext": "Die')
    for page in PLAIN:
        shutil.copy(page, corpus / page.name)
    return corpus


@pytest.fixture
def extractions(monkeypatch):
    """The records extracted in this process."""
    done: list[str] = []
    real = loading.article_from_record

    def counted(record, **options):
        done.append(record.doc_id)
        return real(record, **options)

    monkeypatch.setattr(loading, "article_from_record", counted)
    return done


def found(searcher, query: str) -> list[str]:
    """Every article the query finds, those folded into another of their story included."""
    hits = searcher.search(query, per_page=50).hits
    return [item.id for hit in hits
            for item in (searcher.search(query, per_page=50, options=SearchOptions(story=hit.story)).hits
                         if hit.similar else [hit])]


def test_one_rebuild_indexes_every_whole_article_and_names_each_bad_record(archive_corpus, tmp_path):
    settings = make_settings(archive_corpus, tmp_path / "index")
    report = rebuild(settings)
    skipped = {item.path: item.reason for item in report.skipped}
    assert set(skipped) == {"crawls/cut.warc#" + address(PAGES[2]), "feeds/diary.jsonl#2", "news-please/broken.json"}
    assert "cut short" in skipped["crawls/cut.warc#" + address(PAGES[2])]
    assert report.indexed == len(PAGES) + 2 + 2 + 1 + len(PLAIN)
    searcher = ArchiveSearcher(settings)
    hits = {hit.id: hit for hit in searcher.search("marrows slugs", per_page=10).hits}
    assert set(hits) == {"feeds/diary.jsonl#1", "feeds/diary.jsonl#3"}
    view = searcher.article("feeds/diary.jsonl#3").article
    assert (view.url, str(view.date), view.author) == ("https://blog.example/2", "2019-04-02", "Gardener B")
    german = searcher.article("news-please/abstimmung.json").article
    assert (german.author, str(german.date), german.language) == ("Anna Berger, Jan Keller", "2022-09-12", "de")
    assert found(searcher, "Brücke Gemeinde") == ["news-please/abstimmung.json"]
    # Every page of the crawl is found by its title's words, with the address it was fetched from.
    for page in PAGES:
        doc_id = f"crawls/herald.warc.gz#{address(page)}"
        article = searcher.article(doc_id).article
        assert article.url == address(page)
        assert doc_id in found(searcher, f'title:"{article.title}"')


def test_the_same_page_in_a_crawl_and_as_a_file_is_one_story(archive_corpus, tmp_path):
    shutil.copy(PAGES[0], archive_corpus / PAGES[0].name)
    settings = make_settings(archive_corpus, tmp_path / "index")
    rebuild(settings)
    searcher = ArchiveSearcher(settings)
    title = searcher.article(PAGES[0].name).article.title
    assert len(searcher.search(f'title:"{title}"').hits) == 1
    assert set(found(searcher, f'title:"{title}"')) == {
        PAGES[0].name, f"crawls/herald.warc.gz#{address(PAGES[0])}", f"crawls/cut.warc#{address(PAGES[0])}"}


def test_incremental_rebuilds_read_only_the_containers_that_changed(archive_corpus, tmp_path, extractions):
    settings = make_settings(archive_corpus, tmp_path / "index", rebuild_workers=1)
    first = rebuild(settings)
    again = rebuild(settings)
    assert again.up_to_date and again.indexed == first.indexed
    # One page of the crawl changed: a new version of the container, read again whole.
    extractions.clear()
    page = PAGES[1].read_bytes()
    first_paragraph = page.index(b"<p>", page.index(b"<article"))
    changed = page[:first_paragraph] + b"<p>Correction: the vote was held on a Tuesday, the herald's editor " \
                                       b"wrote in a note to readers.</p>" + page[first_paragraph:]
    write_crawl(archive_corpus / "crawls" / "herald.warc.gz", PAGES, changed={PAGES[1]: changed})
    report = rebuild(settings)
    assert (report.full, report.added, report.changed, report.deleted) == (False, 0, 1, 0)
    assert sorted(extractions) == sorted(f"crawls/herald.warc.gz#{address(page)}" for page in PAGES)
    assert report.indexed == first.indexed and report.unchanged == first.indexed - len(PAGES)
    searcher = ArchiveSearcher(settings)
    assert found(searcher, '"vote was held on a Tuesday"') == [f"crawls/herald.warc.gz#{address(PAGES[1])}"]
    # The container deleted: its articles leave the index, the reasons for its bad records too.
    (archive_corpus / "feeds" / "diary.jsonl").unlink()
    report = rebuild(settings)
    assert (report.changed, report.deleted) == (0, 1) and report.indexed == first.indexed - 2
    assert found(ArchiveSearcher(settings), "marrows slugs") == []
    assert "feeds/diary.jsonl#2" not in {item.path for item in report.skipped}


def test_records_are_read_by_every_worker_process_and_nothing_is_lost(archive_corpus, tmp_path):
    one = rebuild(make_settings(archive_corpus, tmp_path / "one", rebuild_workers=1))
    two = rebuild(make_settings(archive_corpus, tmp_path / "two", rebuild_workers=2))
    assert two.indexed == one.indexed and set(two.skipped) == set(one.skipped)
