"""Acceptance: what the indexer makes of the two real scrapes in ../shared/seeds (expected.json)."""

import json

import pytest

from search.extraction.lines import clean_text
from search.extraction.article import extract_article

from ..conftest import NO_SHARED, SEEDS

if not (SEEDS / "expected.json").is_file():
    pytest.skip(NO_SHARED, allow_module_level=True)
EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
CASES = sorted(name for name in EXPECTED if not name.startswith("_"))


def test_both_seeds_are_checked():
    assert CASES == ["000_4a26727cd389dadc.txt", "004_4f1146c05b085c0f.txt"]


@pytest.mark.parametrize("name", CASES)
def test_seed_extraction(name):
    expected = EXPECTED[name]
    article = extract_article(name, clean_text((SEEDS / name).read_text(encoding="utf-8")))
    assert article.title == expected["title"]
    assert (article.date.isoformat() if article.date else None) == expected["date"]
    assert article.author == expected["author"]
    assert sorted(article.speakers) == sorted(expected["speakers"])
    searchable = article.title + "\n" + article.body
    for text in expected["absent"]:
        assert text not in searchable, f"boilerplate {text!r} reached the index"
    for text in expected["kept"]:
        assert text in searchable, f"article text {text!r} was lost"
