"""A corpus file -> its Article: a kept extraction is found by the hash the rebuild read the file under,
without reading it again; one extracted now is kept under the hash of the bytes it was made from."""

import pytest

from search.errors import UnreadableArticle
from search.index import extraction_cache, loading
from search.index.plan import content_hash
from search.index.sources import SourceFile

from .conftest import write_article

PAGE = "Harbour bridge opens\n\nThe harbour bridge opened to traffic on Monday after six years of work.\n"


def test_a_kept_article_is_found_by_its_hash_without_reading_the_file(tmp_path, monkeypatch):
    path = write_article(tmp_path / "corpus", "a.txt", PAGE)
    source = SourceFile(path, "a.txt", "text")
    first = loading.load_article(source, 10**6, tmp_path, content_hash(path))
    assert first.title == "Harbour bridge opens"

    def no_read(*args):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(loading, "read_bytes", no_read)
    assert loading.load_article(source, 10**6, tmp_path, content_hash(path)) == first


def test_an_article_extracted_now_is_kept_under_the_bytes_it_was_made_from(tmp_path):
    path = write_article(tmp_path / "corpus", "a.txt", PAGE)
    source = SourceFile(path, "a.txt", "text")
    # The file changed after it was hashed: the article is of the bytes read, and kept under theirs.
    article = loading.load_article(source, 10**6, tmp_path, known_hash="a hash of other bytes")
    kept = extraction_cache.load(tmp_path, extraction_cache.key("a.txt", content_hash(path)))
    assert kept == article
    assert extraction_cache.load(tmp_path, extraction_cache.key("a.txt", "a hash of other bytes")) is None


def test_a_file_that_cannot_become_an_article_is_skipped_with_its_reason(tmp_path):
    path = write_article(tmp_path / "corpus", "empty.txt", "   \n")
    job = loading.Job(SourceFile(path, "empty.txt", "text"), content_hash(path), 10**6, tmp_path)
    skipped = loading.load_or_skip(job)
    assert (skipped.path, skipped.reason) == ("empty.txt", "empty file")
    with pytest.raises(UnreadableArticle, match="empty file"):
        loading.load_article(job.source, 10**6)
