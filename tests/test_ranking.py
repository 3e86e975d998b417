"""How queries match and rank: all words for short queries, any words for long ones, BM25's idf."""

import pytest

from search.query import matching_policy
from search.searcher import BM25


@pytest.mark.parametrize("typed, parsed_as, any_word", [
    ("harbour bridge", "harbour bridge", False),
    ("harbour bridge cost", "harbour bridge cost", False),
    ("what did the council decide about the bridge", "what did the council decide about the bridge", True),
    # Explicit syntax is searched as written, however long.
    ('"harbour bridge" cost overruns since the vote', '"harbour bridge" cost overruns since the vote', False),
    ("mayor OR council bridge cost overruns vote", "mayor OR council bridge cost overruns vote", False),
    ("speaker:varga bridge cost overruns vote", "speaker:varga bridge cost overruns vote", False),
    # A query in capitals is lowercased: its AND, OR, NOT are words.
    ("EFFORTS OF AMBASSADOR LODGE TO CHANGE POLICIES", "efforts of ambassador lodge to change policies", True),
    ("NOT OR AND", "not or and", False),
    ("IRAN", "IRAN", False),
    # Punctuation in a plain question is not syntax: a question mark is no wildcard, brackets and a
    # colon no grouping or field. It becomes spaces, so the words keep their places.
    ("what is the effect of heat (in time)?", "what is the effect of heat  in time  ", True),
    ("the ?slip? effect on flows", "the  slip  effect on flows", True),
    ("ratio: lift to drag", "ratio  lift to drag", True),
    # Syntax that is meant stays: a wildcard inside a word, prefix*, boosts, known fields.
    ("wom?n in the harbour strike", "wom?n in the harbour strike", False),
    ("harb* strike (dock OR port)", "harb* strike (dock OR port)", False),
    ("title:bridge (cost overruns) vote", "title:bridge (cost overruns) vote", False),
])
def test_matching_policy(typed, parsed_as, any_word):
    assert matching_policy(typed, all_words_up_to=3) == (parsed_as, any_word)


def test_short_queries_need_every_word(sample_searcher):
    page = sample_searcher.search("harbour strike", per_page=100)
    assert page.total >= 1
    for hit in page.hits:
        article = sample_searcher.article(hit.id).article
        text = (article.title + " " + article.body).lower()
        assert "harbour" in text and "strik" in text


def test_long_questions_rank_the_best_match_first_instead_of_finding_nothing(sample_searcher):
    page = sample_searcher.search("why did the dock workers go on strike against the harbour authority plan")
    assert page.total > 3
    assert page.hits[0].id in {"scrapes/dock-strike.txt", "coastal-times/dock-workers-strike-automation.html"}


def test_rare_words_weigh_more_and_common_words_still_count(sample_searcher):
    searcher = sample_searcher._current()[1]
    weighting = BM25()
    everywhere = weighting.idf(searcher, "body", "port")
    rare = weighting.idf(searcher, "body", "hosepip")
    assert rare > everywhere > 0


def test_a_question_with_punctuation_finds_what_its_words_find(sample_searcher):
    asked = sample_searcher.search("why did the dock workers strike (against the automation plan)?")
    plain = sample_searcher.search("why did the dock workers strike against the automation plan")
    assert asked.total == plain.total > 0
    assert [hit.id for hit in asked.hits] == [hit.id for hit in plain.hits]
