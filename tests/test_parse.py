"""Pure: what a user typed -> how it is matched and the Whoosh query, or an error a person can act on."""

import pytest
from whoosh import query as wq

from search.errors import QueryRefused, QuerySyntaxError
from search.index.schema import build_schema
from search.query.parse import (asks_for_quotes, check_fields, is_pasted, make_parser, matching_policy, parse_query,
                                quote_to_check, words_to_mark)

PARSER = make_parser(build_schema())


@pytest.mark.parametrize("typed, parsed_as, any_word, plain", [
    ("harbour bridge", "harbour bridge", False, True),
    ("harbour bridge cost", "harbour bridge cost", False, True),
    ("what did the council decide about the bridge", "what did the council decide about the bridge", True, True),
    # Explicit syntax is searched as written, however long.
    ('"harbour bridge" cost overruns since the vote', '"harbour bridge" cost overruns since the vote', False, False),
    ("mayor OR council bridge cost overruns vote", "mayor OR council bridge cost overruns vote", False, False),
    ("speaker:varga bridge cost overruns vote", "speaker:varga bridge cost overruns vote", False, False),
    # A query in capitals is lowercased: its AND, OR, NOT are words.
    ("EFFORTS OF AMBASSADOR LODGE TO CHANGE POLICIES", "efforts of ambassador lodge to change policies", True, True),
    ("NOT OR AND", "not or and", False, True),
    ("IRAN", "IRAN", False, True),
    # Punctuation in a plain question is not syntax: a question mark is no wildcard, brackets and a
    # colon no grouping or field. It becomes spaces, so the words keep their places.
    ("what is the effect of heat (in time)?", "what is the effect of heat  in time  ", True, True),
    ("the ?slip? effect on flows", "the  slip  effect on flows", True, True),
    ("ratio: lift to drag", "ratio  lift to drag", True, True),
    # Syntax that is meant stays: a wildcard inside a word, prefix*, boosts, known fields.
    ("wom?n in the harbour strike", "wom?n in the harbour strike", False, False),
    ("harb* strike (dock OR port)", "harb* strike (dock OR port)", False, False),
    ("title:bridge (cost overruns) vote", "title:bridge (cost overruns) vote", False, False),
    ("harbour OR bridge", "harbour OR bridge", False, False),
    # A minus before a word excludes it, as NOT does.
    ("bridge -contract", "bridge NOT contract", False, False),
])
def test_matching_policy(typed, parsed_as, any_word, plain):
    assert matching_policy(typed, all_words_up_to=3) == (parsed_as, any_word, plain)


def test_text_with_no_word_is_a_syntax_error():
    with pytest.raises(QuerySyntaxError, match="holds no word"):
        matching_policy("?!", all_words_up_to=6)


@pytest.mark.parametrize("typed, message", [
    ("autor:smith", "has no field 'autor:'"),
    ("speaker:", "'speaker:' needs a value"),
    ("date:soon", "Could not read the date 'soon'"),
])
def test_fields_it_cannot_search_are_refused_with_what_would_work(typed, message):
    with pytest.raises(QuerySyntaxError, match=message):
        check_fields(typed)


@pytest.mark.parametrize("typed", ["Note: the mayor spoke", "see https://example.org/a", "speaker:Okafor bridge",
                                   "date:2019-03"])
def test_a_word_before_a_colon_and_known_fields_pass(typed):
    check_fields(typed)


@pytest.mark.parametrize("typed, quotation", [
    ('quote:"the bridge will open"', "the bridge will open"),
    ("quote: the bridge will open", "the bridge will open"),
    ('  QUOTE:"a b c d"  ', "a b c d"),
    ("bridge", None),
    ('bridge quote:"a b"', None),
])
def test_quote_asks_for_a_quote_check(typed, quotation):
    assert quote_to_check(typed) == quotation


def test_said_asks_for_quotations_and_is_not_marked_in_an_article():
    assert asks_for_quotes('said:Varga "blank cheque"') and not asks_for_quotes("what was said")
    assert words_to_mark('said:"Elena Varga" contract').split() == ["contract"]


def test_a_text_longer_than_a_query_is_typed_is_pasted():
    assert not is_pasted("harbour bridge", max_chars=200, max_words=12)
    assert is_pasted("word " * 13, max_chars=200, max_words=12)
    assert is_pasted("x" * 201, max_chars=200, max_words=12)


def test_a_phrase_parses_to_a_phrase_of_its_words_as_written():
    parsed = parse_query('"harbour bridge"', PARSER, max_chars=200)
    assert isinstance(parsed, wq.Phrase) and parsed.words == ["harbour", "bridge"]


@pytest.mark.parametrize("typed, max_terms, message", [
    ("x" * 300, 64, "too long"),
    (" ".join(f"word{n}" for n in range(10)), 5, "too many words"),
    ('"harbour bridge"~5000', 64, "at most 1000 apart"),
])
def test_queries_too_costly_are_refused_but_are_no_syntax_error(typed, max_terms, message):
    with pytest.raises(QueryRefused, match=message) as refused:
        parse_query(typed, PARSER, max_chars=200, max_terms=max_terms)
    assert not isinstance(refused.value, QuerySyntaxError)


def test_a_leading_wildcard_is_a_syntax_error():
    with pytest.raises(QuerySyntaxError, match="before \\* or \\?"):
        parse_query("*bridge", PARSER, max_chars=200)
