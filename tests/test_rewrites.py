"""The rewrites that read the index: close words found as Whoosh finds them, only faster."""

import pytest

from search.query.rewrites import words_within

from .conftest import open_articles


@pytest.mark.parametrize("word, maxdist", [("okafr", 1), ("harbr", 1), ("bridge", 1), ("reinhlt", 2),
                                           ("sander", 1), ("zzzz", 1), ("a", 1), ("hospitl", 2)])
def test_close_words_are_the_ones_whoosh_finds(sample_settings, word, maxdist):
    with open_articles(sample_settings).reader() as reader:
        expected = set(reader.terms_within("body_exact", word, maxdist, prefix=1))
        assert set(words_within(reader, "body_exact", word, maxdist)) == expected


def test_close_words_of_a_misspelt_name(sample_settings):
    with open_articles(sample_settings).reader() as reader:
        assert "okafor" in set(words_within(reader, "body_exact", "okafr", 1))
