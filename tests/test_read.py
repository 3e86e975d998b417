"""Pure: how a typed or pasted text is read, as a query with syntax or as words, and the query of
its words."""

import pytest
from whoosh import query as wq

from search.index.schema import text_analyzer
from search.query.read import LINK_WEIGHT, read_text
from search.query.words import QUERY_K3, words_query

SYNTAX_UP_TO = 12


@pytest.mark.parametrize("typed, read_as, text", [
    ("harbour bridge", "words", "harbour bridge"),
    # A text in capitals is lowercased: its AND, OR, NOT are words.
    ("BORDER DISPUTE BETWEEN ISRAEL AND SYRIA", "words", "border dispute between israel and syria"),
    ("IRAN", "words", "IRAN"),
    ("what did the council decide about the bridge", "words", "what did the council decide about the bridge"),
    # Syntax that is meant stays: a wildcard inside or at the end of a word, fields, operators, quotes.
    ("wom?n in the harbour strike", "query", "wom?n in the harbour strike"),
    ("harb* strike (dock OR port)", "query", "harb* strike (dock OR port)"),
    ("title:bridge cost", "query", "title:bridge cost"),
    ('"reported by"', "query", '"reported by"'),
    ("bridge -contract", "query", "bridge -contract"),
    # A field name an edit or two from a known one is a field meant: the parser refuses it with what works.
    ("autor:smith", "query", "autor:smith"),
    # Punctuation that only looks like syntax is read as words.
    ("what is the effect of heat (in time)?", "words", "what is the effect of heat (in time) "),
    ("the ?slip? effect on flows", "words", "the  slip  effect on flows"),
    ("ratio: lift to drag", "words", "ratio: lift to drag"),
    ("VIRAL:Insane crowds", "words", "VIRAL Insane crowds"),
    ("*worldwide* hotels", "words", "worldwide hotels"),
    ('He said "we will win', "words", "He said  we will win"),
    ("the mayor (said", "words", "the mayor  said"),
    ("#AustralianFires butterflies", "words", "Australian Fires butterflies"),
])
def test_what_is_syntax_and_what_is_words(typed, read_as, text):
    read = read_text(typed, SYNTAX_UP_TO)
    assert (read.read_as, " ".join(read.text.split())) == (read_as, " ".join(text.split()))


@pytest.mark.parametrize("tag, words", [
    ("#AustralianFires", "Australian Fires"), ("#covid19", "covid 19"), ("#NHSWorkers", "NHS Workers"),
    ("#GrüneJugend", "Grüne Jugend"), ("#ÉlectionsPrésidentielles", "Élections Présidentielles"),
    ("#MAGA", "MAGA"), ("#black_lives", "black lives"), ("#МояМосква", "Моя Москва"),
])
def test_hashtags_are_split_into_their_words_in_any_script(tag, words):
    assert read_text(f"{tag} now", SYNTAX_UP_TO).text.split() == words.split() + ["now"]


def test_what_was_set_aside_is_said():
    assert read_text("VIRAL:Insane *worldwide* crowds", SYNTAX_UP_TO).set_aside == ("*worldwide*", "VIRAL:")
    assert read_text("harbour bridge", SYNTAX_UP_TO).set_aside == ()


POST = ("Iran could threaten Trump hotels *worldwide* and he could provoke war NOT over \"the loss of revenue\" "
        "from skittish guests https://example.com/trump-hotels-iran pic.twitter.com/TvRkHvlgby #IranWar "
        "— Ilhan Omar (@IlhanMN) January 6, 2020")


def test_a_pasted_post_is_read_as_words_a_link_weighing_less_its_signature_as_a_name():
    read = read_text(POST, SYNTAX_UP_TO)
    assert read.read_as == "words" and read.quotations == ("the loss of revenue",)
    weights = {read.text[start:end]: weight for start, end, weight in read.spans}
    assert weights["trump hotels iran"] == LINK_WEIGHT and "Ilhan Omar" in read.text
    assert "Joe Biden" in read_text("@JoeBiden " + POST, SYNTAX_UP_TO).text
    assert "TvRkHvlgby" not in read.text and "January" not in read.text and "Iran War" in read.text
    # In a passage, capitals are emphasis and a minus a dash: NOT is a word, nothing is excluded.
    assert "NOT over" in read.text


def test_a_text_that_is_one_quotation_is_a_phrase_however_long():
    typed = '"' + " ".join(["word"] * 20) + '"'
    assert read_text(typed, SYNTAX_UP_TO).read_as == "query"


def _query(read, all_words_up_to=3):
    return words_query(read, text_analyzer(), "body", lambda term: 1, 100, all_words_up_to,
                       lambda text: wq.Phrase("body_exact", text.split()))


def test_words_count_as_often_as_used_and_as_much_as_their_part_weighs():
    query, needed = _query(read_text(POST, SYNTAX_UP_TO))
    boosts = {part.text: part.boost for part in query.subqueries if isinstance(part, wq.Term)}

    def counted(uses):  # BM25's k3 saturation of a word's count in the query
        return uses * (QUERY_K3 + 1) / (QUERY_K3 + uses)

    assert needed == 1 and boosts["iran"] == counted(2 + LINK_WEIGHT) and boosts["omar"] == 1
    assert boosts["hotel"] == counted(1 + LINK_WEIGHT) and "the" not in boosts
    assert wq.Phrase("body_exact", ["the", "loss", "of", "revenue"]) in query.subqueries


def test_a_short_text_needs_all_its_words_a_longer_one_any():
    query, needed = _query(read_text("harbour bridge", SYNTAX_UP_TO))
    assert needed == 2 and [part.text for part in query.subqueries] == ["harbour", "bridg"]
    assert [(part.startchar, part.endchar) for part in query.subqueries] == [(0, 7), (8, 14)]
    assert _query(read_text("harbour bridge strike cost", SYNTAX_UP_TO))[1] == 1


def test_quotation_marks_of_other_languages_pair_up():
    assert read_text("„Grüne Jugend“", SYNTAX_UP_TO) == read_text('"Grüne Jugend"', SYNTAX_UP_TO)
    assert read_text("«la réforme des retraites»", SYNTAX_UP_TO).read_as == "query"
    german = ("Die Ministerin sagte am Montag in Berlin vor Journalisten, „wir werden die Schulden nicht "
              "erhöhen“, und verwies auf den Haushalt des kommenden Jahres.")
    read = read_text(german, SYNTAX_UP_TO)
    assert read.read_as == "words" and read.quotations == ("wir werden die Schulden nicht erhöhen",)


def test_a_longer_text_leaves_out_the_words_most_documents_hold_unless_it_has_no_other():
    frequency = {"harbour": 90, "bridg": 10, "strike": 5, "vote": 60}.get
    read = read_text("harbour bridge strike vote", SYNTAX_UP_TO)
    query, needed = words_query(read, text_analyzer(), "body", lambda term: frequency(term, 1), 100, 3)
    assert needed == 1 and [part.text for part in query.subqueries] == ["bridg", "strike"]
    common, _ = words_query(read_text("harbour vote harbour vote", SYNTAX_UP_TO), text_analyzer(), "body",
                            lambda term: frequency(term, 1), 100, 3)
    assert [part.text for part in common.subqueries] == ["harbour", "vote"]
    # A short text needs every word, common or not.
    short, needed = words_query(read_text("harbour bridge", SYNTAX_UP_TO), text_analyzer(), "body",
                                lambda term: frequency(term, 1), 100, 3)
    assert needed == 2 and [part.text for part in short.subqueries] == ["harbour", "bridg"]
