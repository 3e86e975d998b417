"""Queries of plain words and phrases scored in bulk give what Whoosh's matchers give, hit for hit."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh import query as wq

from search.query import posting_arrays
from search.index import store
from search.index import build
from search.index.build import rebuild
from search.models import SearchOptions
from search.index.schema import QUOTES_INDEX
from search.whoosh_private.postings import unfiltered_postings
from search.searcher import ArchiveSearcher

from .conftest import make_settings, open_articles, write_article


def open_quotes(settings):
    return whoosh_index.open_dir(str(store.current_generation(settings.index)), indexname=QUOTES_INDEX)


def page_facts(page) -> tuple:
    return (page.total, [(hit.id, hit.score, hit.similar) for hit in page.hits], page.facets, page.with_every_word)


def both_ways(searcher, monkeypatch, text: str, **search) -> tuple[tuple, tuple]:
    """(in bulk, by Whoosh's matchers) for one search."""
    in_bulk = page_facts(searcher.search(text, **search))
    with monkeypatch.context() as patch:
        patch.setattr(posting_arrays, "word_groups", lambda *args: None)
        by_matchers = page_facts(searcher.search(text, **search))
    return in_bulk, by_matchers


WORDS = ["harbour", "said", "minister bridge", "council harbour vote", "strike", "harbor", "the port authority",
         "what did the minister say about the bridge and the harbour", '"harbour bridge"', '"million euros"',
         '"the harbour authority"', '"harbour bridge" vote', '"harbour bridge" OR "quay street"',
         '"tomas reinholt said"', '"bridge harbour"']
OPTIONS = [SearchOptions(), SearchOptions(sort="newest"), SearchOptions(sort="oldest"),
           SearchOptions(date_from=dt.date(2019, 1, 1), date_to=dt.date(2023, 12, 31))]


@pytest.mark.parametrize("text", WORDS)
def test_sample_corpus_pages_are_the_same_in_bulk(sample_searcher, monkeypatch, text):
    for options in OPTIONS:
        in_bulk, by_matchers = both_ways(sample_searcher, monkeypatch, text, options=options, per_page=50)
        assert in_bulk == by_matchers, options


def test_speaker_filters_are_the_same_in_bulk(sample_searcher, monkeypatch):
    speakers = [name for name, _ in sample_searcher.search("said").facets["speaker"]][:4]
    assert speakers
    for speaker in speakers + [speakers[0].split()[-1]]:
        in_bulk, by_matchers = both_ways(sample_searcher, monkeypatch, "said", options=SearchOptions(speaker=speaker))
        assert in_bulk == by_matchers
        assert in_bulk[0] > 0


VOCABULARY = [f"word{number}" for number in range(60)]


def write_generated(corpus, number: int, extra: str = "") -> None:
    """Article `number`: Zipf-like words (low-numbered ones in most articles, so that their postings
    span many blocks), the same as those of article `number` - 200, so that the two are one story."""
    rng = random.Random(number % 200)
    words = [VOCABULARY[min(int(rng.paretovariate(0.6)) - 1, len(VOCABULARY) - 1)] for _ in range(60)]
    write_article(corpus, f"a{number:04d}.txt",
                  f"Report number {number}\n\nMarch {1 + number % 28}, {2010 + number % 12}\n\nBy Ann Writer\n\n"
                  f"{' '.join(words).capitalize()}. {extra}\n\n"
                  f"\u201cThe word{number % 5} is here,\u201d said Mia Speaker{number % 3}.\n")


@pytest.fixture(scope="module")
def segmented_searcher(tmp_path_factory):
    """400 generated articles written by two writer processes (two segments), then 40 changed and
    20 deleted in an incremental rebuild (deletions and a third segment)."""
    root = tmp_path_factory.mktemp("segmented")
    corpus = root / "corpus"
    for number in range(400):
        write_generated(corpus, number)
    settings = make_settings(corpus, root / "index", rebuild_workers=2)
    with pytest.MonkeyPatch.context() as patch:
        # Blocks of 50 postings, so that the fields written in larger blocks span many of them here too.
        patch.setattr(build, "BLOCK_SIZES", dict.fromkeys(build.BLOCK_SIZES, 50))
        rebuild(settings)
        for number in range(0, 400, 10):
            write_generated(corpus, number, extra="Updated with word59.")
        for number in range(5, 400, 20):
            (corpus / f"a{number:04d}.txt").unlink()
        report = rebuild(settings)
    assert not report.full and report.changed == 40 and report.deleted == 20
    searcher = ArchiveSearcher(settings)
    with open_articles(settings).reader() as reader:
        assert len(list(reader.leaf_readers())) >= 2
    return searcher


@pytest.mark.parametrize("text", ["word0", "word1 word2", "word0 word59", "word3 word4 word5", "word7 said",
                                  "word40 word41 word42 word43 word44", "report matter", '"word0 word1"',
                                  '"word0 word0"', '"word1 word0 word2"', '"word0 word1" word2', '"report number"',
                                  '"word3 word4" OR word5', '"word0 word1 word0 word1"',
                                  '"the word1 is here"', '"is here"', '"here said"', '"word2 is"'])
def test_many_blocks_segments_and_deletions_are_the_same_in_bulk(segmented_searcher, monkeypatch, text):
    for options in OPTIONS + [SearchOptions(speaker="Mia Speaker1"), SearchOptions(story="a0007.txt")]:
        in_bulk, by_matchers = both_ways(segmented_searcher, monkeypatch, text, options=options, per_page=30)
        assert in_bulk == by_matchers, options


def test_the_generated_articles_make_a_demanding_comparison(segmented_searcher):
    """Many blocks, dates, filters and stories: what the comparison above needs to mean something."""
    page = segmented_searcher.search("word0")
    assert page.total > 128 and page.facets["date"] and any(hit.similar for hit in page.hits)
    assert segmented_searcher.search('"the word1 is here"').total > 0
    with open_articles(segmented_searcher.settings).reader() as reader:
        segment = max((segment for segment, _ in reader.leaf_readers()), key=lambda segment: segment.doc_count_all())
        for field in [field for field in build.BLOCK_SIZES if field in segment.schema]:
            word = "the" if field == "body_common" else "is here" if field == "body_pairs" else "word0"
            assert blocks_of(unfiltered_postings(segment, field, word)) > 2, field
    assert segmented_searcher.search("word0", options=SearchOptions(story="a0007.txt")).total == 2
    assert 0 < segmented_searcher.search("word0", options=SearchOptions(speaker="Mia Speaker1")).total < page.total


def blocks_of(matcher) -> int:
    count = 0
    while matcher.is_active():
        count += 1
        matcher._next_block()
    return count


@pytest.mark.parametrize("counts_field, field, words", [
    ("body_counts", "body", ["word0", "word1", "word59", "report"]),
    ("body_common", "body_exact", ["the", "is", "with"]),
])
def test_word_counts_fields_hold_their_fields_postings(segmented_searcher, counts_field, field, words):
    reader = open_articles(segmented_searcher.settings).reader()
    for word in words:
        ids, counts = posting_arrays.postings(reader, counts_field, word)
        body_ids, body_counts = posting_arrays.postings(reader, field, word)
        assert len(ids) > 0
        assert ids.tolist() == body_ids.tolist() and counts.tolist() == body_counts.tolist()
    assert not posting_arrays.postings(reader, "body_common", "word0")[0].size


@pytest.mark.parametrize("q, groups", [
    (wq.Term("body", "a"), ((("a", 1.0),),)),
    (wq.And([wq.Term("body", "a"), wq.Term("body", "b", boost=2.0)]), ((("a", 1.0),), (("b", 2.0),))),
    (wq.And([wq.Term("body", "a"), wq.Or([wq.Term("body", "b"), wq.Term("body", "c")], boost=0.5)]),
     ((("a", 1.0),), (("b", 0.5), ("c", 0.5)))),
    (wq.Or([wq.Term("body", "a"), wq.Term("body", "b")]), ((("a", 1.0), ("b", 1.0)),)),
    (wq.Phrase("body_exact", ["a", "b"], slop=2, boost=3.0),
     (((posting_arrays.PhraseWords("body_exact", ("a", "b"), 2, 3.0), 1.0),),)),
    (wq.And([wq.Term("body", "a"), wq.Phrase("body_exact", ["b", "c"])]),
     ((("a", 1.0),), ((posting_arrays.PhraseWords("body_exact", ("b", "c"), 1), 1.0),))),
    (wq.Phrase("body", ["a"]), None),
    (wq.And([wq.Term("body", "a"), wq.Prefix("body", "b")]), None),
    (wq.Term("title", "a"), None),
    (wq.And([wq.Term("body", "a"), wq.Not(wq.Term("body", "b"))]), None),
    (wq.Or([wq.Term("body", "a"), wq.Term("body", "b")], minmatch=2), None),
])
def test_word_groups_are_read_from_plain_word_queries_only(q, groups):
    assert posting_arrays.word_groups(q, "body") == groups


def test_facet_counts_keep_the_commonest_and_their_ties():
    values = posting_arrays.FacetValues.of([("a", "b"), ("a",), ("c",), ("b",), ("d",), ()])
    everyone = np.ones(6, dtype=bool)
    assert sorted(values.counts(everyone)) == [("a", 2), ("b", 2), ("c", 1), ("d", 1)]
    assert sorted(values.counts(everyone, most=1)) == [("a", 2), ("b", 2)]
    assert sorted(values.counts(np.array([False, True, True, False, False, False]))) == [("a", 1), ("c", 1)]


def test_field_lengths_are_one_cache_that_scoring_and_bulk_share(sample_settings):
    with open_articles(sample_settings).reader() as reader:
        lengths = posting_arrays.field_lengths(reader, "body")
        for segment, offset in reader.leaf_readers():
            cached = posting_arrays.document_lengths(segment, "body")
            assert cached is posting_arrays.document_lengths(segment, "body")
            assert min(cached.known) >= 0  # every length read, once
            for docnum in range(segment.doc_count_all()):
                assert lengths[offset + docnum] == cached(docnum) == (segment.doc_field_length(docnum, "body") or 0)


def test_a_quotation_of_stopwords_alone_has_length_0_and_every_search_still_runs(tmp_path):
    corpus = tmp_path / "corpus"
    write_article(corpus, "a.txt", "Quay Vote\n\n“Is of of a in are to of,” said Marta Lund of the port.\n\n"
                  "“The quay will be rebuilt next spring,” said Marta Lund.\n")
    settings = make_settings(corpus, tmp_path / "index")
    rebuild(settings)
    searcher = ArchiveSearcher(settings)
    assert searcher.search("quay").total == 1
    assert searcher.search("said:Lund quay").total == 1
    with open_quotes(settings).reader() as reader:
        lengths = posting_arrays.field_lengths(reader, "text")
    assert sorted(lengths.tolist()) == [0.0, 4.0]


def in_sequence_one_by_one(positions, slop: int) -> list[bool]:
    """What in_sequence finds, by trying every chain of positions."""
    def chains(word: int, document: int, after: int) -> bool:
        if word == len(positions):
            return True
        return any(1 <= p - after <= slop and chains(word + 1, document, p) for p in positions[word][document])
    return [any(chains(1, d, first) for first in positions[0][d]) for d in range(len(positions[0]))]


sorted_positions = st.lists(st.integers(0, 40), max_size=6).map(lambda ps: sorted(set(ps)))


@given(st.integers(1, 4).flatmap(lambda documents: st.lists(
    st.lists(sorted_positions, min_size=documents, max_size=documents), min_size=2, max_size=4)),
    st.integers(0, 4))
def test_phrases_stand_where_their_words_follow_each_other_within_the_slop(positions, slop):
    words = [(np.asarray([len(at) for at in word], dtype=np.int64),
              np.asarray([p for at in word for p in at], dtype=np.int64)) for word in positions]
    assert posting_arrays.in_sequence(words, slop).tolist() == in_sequence_one_by_one(positions, slop)


def test_a_phrase_found_in_bulk_is_found_in_every_segment_it_stands_in(segmented_searcher):
    with open_articles(segmented_searcher.settings).searcher() as searcher:
        reader = searcher.reader()
        docs, tf = posting_arrays.phrase_postings(reader, posting_arrays.PhraseWords("body_exact", ("word0", "word1"), 1))
        by_matchers = sorted(searcher.docs_for_query(wq.Phrase("body_exact", ["word0", "word1"])))
        deleted = [docnum for docnum in docs.tolist() if reader.is_deleted(docnum)]
        assert len(list(reader.leaf_readers())) >= 2 and deleted
    # Deleted documents are in the bulk postings, for the caller to mask.
    assert sorted(set(docs.tolist()) - set(deleted)) == by_matchers
    assert tf.shape == (2, len(docs)) and (tf >= 1).all()
