"""Pure: a text with query syntax -> the Whoosh query, or an error a person can act on."""

import pytest
from whoosh import query as wq

from search.errors import QueryRefused, QuerySyntaxError
from search.index.schema import build_schema
from search.query.parse import (asks_for_quotes, check_fields, make_parser, parse_query, quote_to_check, syntax_to_parse,
                                words_to_mark)

PARSER = make_parser(build_schema())


@pytest.mark.parametrize("typed, parsed_as", [
    ("bridge -contract", "bridge NOT contract"),
    ('"harbour bridge" -"cost overruns"', '"harbour bridge" NOT "cost overruns"'),
])
def test_syntax_to_parse(typed, parsed_as):
    assert syntax_to_parse(typed) == parsed_as


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
