"""Golden table: every article of the bundled sample corpus, as the indexer must read it."""

import json

import pytest

from search.index.loading import load_article
from search.index.sources import find_articles

from ..conftest import DATA, SAMPLE_CORPUS

EXPECTED = json.loads((DATA / "sample_expected.json").read_text(encoding="utf-8"))
SOURCES = {source.doc_id: source for source in find_articles(SAMPLE_CORPUS)}


def test_table_covers_the_whole_corpus():
    assert set(SOURCES) == {name for name in EXPECTED if not name.startswith("_")}
    assert len(SOURCES) >= 30
    kinds = {source.kind for source in SOURCES.values()}
    assert kinds == {"text", "html"}


@pytest.mark.parametrize("doc_id", sorted(SOURCES))
def test_sample_article(doc_id):
    expected = EXPECTED[doc_id]
    article = load_article(SOURCES[doc_id], max_bytes=10_000_000)
    assert article.title == expected["title"]
    assert (article.date.isoformat() if article.date else None) == expected["date"]
    assert article.author == expected["author"]
    assert list(article.speakers) == expected["speakers"]
    for text in expected["absent"]:
        assert text not in article.body, f"boilerplate {text!r} reached the index"
    for text in expected["kept"]:
        assert text in article.body, f"article text {text!r} was lost"
