"""Inside quotes every word counts, common words included, as written: a quoted phrase finds what a
regular expression over the article's words finds, and reads pairs of words where one is common."""

import re

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from whoosh import query as wq
from whoosh.support.charset import accent_map

from search.index.build import rebuild
from search.index.schema import build_schema, from_stored, indexed_body, stopwords
from search.models import SearchOptions
from search.query import posting_arrays
from search.query.matching import run_query
from search.query.posting_arrays import PhraseWords, phrase_items
from search.query.reading import Generations
from search.searcher import ArchiveSearcher

from .conftest import SAMPLE_CORPUS, make_settings, write_article

ARTICLES = {
    "profit.txt": "Record profit\n\nThe harbour authority reported a record profit of 94 million euros.\n",
    "strike.txt": "Strike called\n\nThe walkout was reported by the union on Monday, after talks failed.\n",
    "critics.txt": "Critics jailed\n\nCritics of the regime were jailed after the vote.\n",
    "change.txt": "A new start\n\nThe new regime promised change, as reported in March.\n",
}


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    root = tmp_path_factory.mktemp("phrases")
    for name, text in ARTICLES.items():
        write_article(root / "corpus", name, text)
    settings = make_settings(root / "corpus", root / "index")
    rebuild(settings)
    return ArchiveSearcher(settings)


def found(searcher, text: str) -> set[str]:
    return {hit.id for hit in searcher.search(text, per_page=100).hits}


def test_a_phrase_of_a_word_and_a_common_word_is_that_phrase(searcher):
    assert found(searcher, '"reported by"') == {"strike.txt"}
    assert found(searcher, "reported") == {"profit.txt", "strike.txt", "change.txt"}


def test_a_phrase_of_common_words_alone_is_answered(searcher):
    assert found(searcher, '"of the"') == {"critics.txt"}
    assert found(searcher, '"THE REGIME"') == {"critics.txt"}
    assert found(searcher, '"the new regime"') == {"change.txt"}


def test_common_words_inside_a_phrase_are_read_as_pairs():
    schema = build_schema()
    phrase = PhraseWords("body_exact", ("the", "city", "council", "of", "the", "town"), 1)
    assert phrase_items(phrase, schema) == [("body_pairs", "the city"), ("body_exact", "city"),
                                            ("body_pairs", "council of"), ("body_pairs", "of the"),
                                            ("body_pairs", "the town")]
    assert phrase_items(PhraseWords("body_exact", ("harbour", "bridge"), 1), schema) == [
        ("body_exact", "harbour"), ("body_exact", "bridge")]
    # Words allowed apart are matched by their positions, common ones too.
    assert phrase_items(PhraseWords("body_exact", ("reported", "by"), 3), schema) == [
        ("body_exact", "reported"), ("body_exact", "by")]


# ------------------------------------------------------------- the sample corpus, as a regular expression finds it

FOLD = str.maketrans(accent_map)
WORD = re.compile(r"\w+(?:\.?\w+)*")  # what the index's tokenizer takes for a word


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower().translate(FOLD))


@pytest.fixture(scope="module")
def sample_texts(sample_settings):
    """Each sample article's indexed text (body and headline) by id, as the index holds it."""
    with Generations(sample_settings).reading() as reading:
        searcher = reading.articles
        return {fields["id"]: indexed_body(from_stored(fields), sample_settings.title_weight)
                for fields in searcher.all_stored_fields()}


def _phrases_with_common_words() -> list[str]:
    """Runs of two to four words of the sample corpus holding a common word, every twentieth."""
    common = stopwords("english")
    runs = []
    for path in sorted(SAMPLE_CORPUS.rglob("*.*")):
        words = _words(path.read_text(encoding="utf-8", errors="replace"))
        for at in range(0, len(words) - 4, 20):
            size = 2 + at % 3
            run = words[at:at + size]
            if any(word in common for word in run) and all(word.isalpha() for word in run):
                runs.append(" ".join(run))
    return runs


PHRASES = _phrases_with_common_words()


@given(st.sampled_from(PHRASES))
@hypothesis_settings(max_examples=60, deadline=None)
def test_quoted_phrases_find_what_a_regular_expression_finds(sample_settings, sample_texts, phrase):
    pattern = re.compile(r"(?<![\w.])" + r"(?:[^\w.]|\.(?!\w))+".join(map(re.escape, phrase.split())) + r"(?![\w])")
    expected = {doc for doc, text in sample_texts.items() if pattern.search(text.lower().translate(FOLD))}
    with Generations(sample_settings).reading() as reading:
        run = run_query(reading, f'"{phrase}"', SearchOptions(), sample_settings)
        assert isinstance(run.plan.query, wq.Phrase) and run.plan.query.words == phrase.split()
        matched = {run.searcher.stored_fields(docnum)["id"] for docnum in run.ranking.matched.tolist()}
    assert matched == expected, phrase


def test_the_sample_has_such_phrases_and_they_are_read_from_pairs(sample_settings, monkeypatch):
    assert len(PHRASES) > 100
    read: list = []
    original = posting_arrays.segment_phrase_postings

    def recording(segment, phrase, items):
        read.append(items)
        return original(segment, phrase, items)

    monkeypatch.setattr(posting_arrays, "segment_phrase_postings", recording)
    assert ArchiveSearcher(sample_settings).search('"of the harbour"').total > 0
    assert read and all(items == [("body_pairs", "of the"), ("body_pairs", "the harbour")] for items in read)


def test_a_phrase_in_a_said_search_matches_the_quotation_as_written(sample_searcher):
    assert sample_searcher.search('said:varga "blank cheque"').total == 1
    # Stemmed, "blank cheques" would be "blank cheque"; as written, nobody said it.
    assert sample_searcher.search('said:varga "blank cheques"').total == 0
    assert sample_searcher.search("said:varga blank cheques").total == 1
