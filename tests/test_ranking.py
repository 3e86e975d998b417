"""How queries match and rank: all words for short queries, any words for long ones, BM25's idf."""

import dataclasses
import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.index.build import rebuild
from search.query.ranking import Matches, rank, sort_keys
from search.query.scoring import BM25
from search.searcher import ArchiveSearcher

from .conftest import make_settings, open_articles


def has_words(searcher, doc_id: str, *stems: str) -> bool:
    article = searcher.article(doc_id).article
    text = (article.title + " " + article.body).lower()
    return all(stem in text for stem in stems)


def test_short_queries_need_every_word(sample_settings):
    searcher = ArchiveSearcher(dataclasses.replace(sample_settings, fill_below=0))
    page = searcher.search("harbour strike", per_page=100)
    assert page.total >= 1 and page.with_every_word is None
    assert all(has_words(searcher, hit.id, "harbour", "strik") for hit in page.hits)


def test_few_articles_with_every_word_come_first_and_those_with_some_follow(sample_searcher):
    page = sample_searcher.search("harbour strike", per_page=100)
    complete = page.with_every_word
    assert 1 <= complete < page.total
    assert all(has_words(sample_searcher, hit.id, "harbour", "strik") for hit in page.hits[:complete])
    assert not any(has_words(sample_searcher, hit.id, "harbour", "strik") for hit in page.hits[complete:])
    scores = [hit.score for hit in page.hits]
    assert scores[:complete] == sorted(scores[:complete], reverse=True)
    assert scores[complete:] == sorted(scores[complete:], reverse=True)


def test_filling_is_only_for_short_plain_queries(sample_searcher):
    assert sample_searcher.search('"harbour strike"').with_every_word is None
    assert sample_searcher.search("why did the dock workers strike against the plan").with_every_word is None


def test_long_questions_rank_the_best_match_first_instead_of_finding_nothing(sample_searcher):
    page = sample_searcher.search("why did the dock workers go on strike against the harbour authority plan")
    assert page.total > 3
    assert page.hits[0].id in {"scrapes/dock-strike.txt", "coastal-times/dock-workers-strike-automation.html"}


def test_rare_words_weigh_more_and_common_words_still_count(sample_searcher):
    searcher = open_articles(sample_searcher.settings).searcher()
    weighting = BM25()
    everywhere = weighting.idf(searcher, "body", "port")
    rare = weighting.idf(searcher, "body", "hosepip")
    assert rare > everywhere > 0


def test_a_question_with_punctuation_finds_what_its_words_find(sample_searcher):
    asked = sample_searcher.search("why did the dock workers strike (against the automation plan)?")
    plain = sample_searcher.search("why did the dock workers strike against the automation plan")
    assert asked.total == plain.total > 0
    assert [hit.id for hit in asked.hits] == [hit.id for hit in plain.hits]


# ------------------------------------------------------------------------- the ranking, pinned

RANKING = Path(__file__).parent / "data" / "ranking"
JUDGEMENTS = {query: ids for query, ids in json.loads((RANKING / "judgements.json").read_text()).items()
              if not query.startswith("_")}


@pytest.fixture(scope="module")
def ranked(tmp_path_factory):
    settings = make_settings(RANKING, tmp_path_factory.mktemp("ranking") / "index")
    rebuild(settings)
    return ArchiveSearcher(settings)


@pytest.mark.parametrize("query", sorted(JUDGEMENTS))
def test_the_small_collection_ranks_as_judged(ranked, query):
    page = ranked.search(query, per_page=10)
    assert [hit.id for hit in page.hits] == JUDGEMENTS[query]


def test_a_score_is_bm25_with_the_probabilistic_idf_to_the_digit(ranked):
    """One word in one article: its score by hand from the index's counts, k1, b and the idf
    log(1 + (N - n + 0.5) / (n + 0.5)). Whoosh's own idf, or any other change to scoring, fails it."""
    settings = ranked.settings
    searcher = open_articles(settings).searcher()
    reader = searcher.reader()
    docnum = searcher.document_number(id="harbour-dredging.txt")
    postings = reader.postings("body", "dredg")
    postings.skip_to(docnum)
    tf = postings.weight()
    length, average = reader.doc_field_length(docnum, "body"), searcher.avg_field_length("body")
    n, total = reader.doc_frequency("body", "dredg"), reader.doc_count_all()
    idf = math.log(1 + (total - n + 0.5) / (n + 0.5))
    k1, b = settings.bm25_k1, settings.bm25_b
    expected = idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average))
    hit = ranked.search("dredging").hits[0]
    assert hit.id == "harbour-dredging.txt"
    assert hit.score == pytest.approx(expected, abs=1e-4)
    # The word is counted as written in the text and in the headline, which the body indexes twice.
    assert tf == 3 + settings.title_weight


def _rank(score, recency, sort, first=None, stories=None):
    docs = np.arange(len(score))
    return rank(Matches(docs, np.asarray(score, dtype=float)), np.asarray(recency), sort,
                None if first is None else np.asarray(first), None if stories is None else np.asarray(stories))


def test_rank_orders_ties_by_document_and_puts_first_ones_first():
    score, recency = [1.0, 3.0, 3.0, 2.0, 0.5], [5, 1, 1, 9, 0]
    assert _rank(score, recency, "relevance").hits.tolist() == [1, 2, 3, 0, 4]
    assert _rank(score, recency, "newest").hits.tolist() == [3, 0, 1, 2, 4]
    assert _rank(score, recency, "oldest").hits.tolist() == [1, 2, 0, 3, 4]
    first = [False, False, False, True, True]
    assert _rank(score, recency, "relevance", first=first).hits.tolist() == [3, 4, 1, 2, 0]
    assert _rank(score, recency, "relevance", first=first).scores.tolist() == [2.0, 0.5, 3.0, 3.0, 1.0]


def test_rank_keeps_each_storys_best_and_counts_the_others():
    ranked = _rank([1.0, 3.0, 2.0, 4.0], [0, 0, 0, 0], "relevance", stories=[0, 1, 0, 1])
    assert ranked.hits.tolist() == [3, 2]
    assert ranked.scores.tolist() == [4.0, 2.0]
    assert ranked.others.tolist() == [1, 1]
    assert ranked.matched.tolist() == [0, 1, 2, 3]


def test_rank_refuses_an_order_it_does_not_know():
    with pytest.raises(ValueError):
        _rank([1.0], [0], "loudest")


def ranked_by_sorting_all(score, recency, sort, first, stories):
    """(hits, scores, others) as a full lexsort and np.unique give them: what rank must equal."""
    docs = np.arange(len(score))
    keys = sort_keys(sort, score, recency)
    if first is not None:
        keys.append(~first)
    order = np.lexsort(keys)
    if stories is None:
        return order, score[order], None
    _, at, counts = np.unique(stories[order], return_index=True, return_counts=True)
    best = at[np.argsort(at)]
    return docs[order][best], score[order][best], counts[np.argsort(at)] - 1


@given(st.integers(0, 40).flatmap(lambda n: st.tuples(
    st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0]), min_size=n, max_size=n),
    st.lists(st.sampled_from([0, 3, 7]), min_size=n, max_size=n),
    st.none() | st.lists(st.booleans(), min_size=n, max_size=n),
    st.none() | st.lists(st.integers(0, 6), min_size=n, max_size=n))),
    st.sampled_from(["relevance", "newest", "oldest"]), st.integers(0, 12), st.integers(1, 12))
def test_a_page_and_the_whole_order_are_those_of_sorting_every_match(columns, sort, start, count):
    score, recency, first, stories = (None if column is None else np.asarray(column, dtype=dtype)
                                      for column, dtype in zip(columns, (float, np.int64, bool, np.int64)))
    ranking = rank(Matches(np.arange(len(score)), score), recency, sort, first, stories)
    hits, scores, others = ranked_by_sorting_all(score, recency, sort, first, stories)
    assert ranking.hits.tolist() == hits.tolist() and ranking.scores.tolist() == scores.tolist()
    assert ranking.total == len(hits) and sorted(ranking.kept.tolist()) == sorted(hits.tolist())
    page = ranking.page(start, count)
    assert page.hits.tolist() == hits[start:start + count].tolist()
    assert page.scores.tolist() == scores[start:start + count].tolist()
    if stories is None:
        assert ranking.others is None and page.others is None
    else:
        assert ranking.others.tolist() == others.tolist()
        assert page.others.tolist() == others[start:start + count].tolist()
