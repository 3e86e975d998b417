"""Pure: speakers' spellings unified into people by the written policy in search/research/people.py."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.errors import PersonNotFoundError, QueryRefused
from search.index.build import rebuild
from search.models import SearchOptions
from search.research.people import Directory, name_words, unify
from search.searcher import ArchiveSearcher
from tests.conftest import make_settings, write_article


@pytest.mark.parametrize("name, words", [
    ("John Bolton", ("john", "bolton")),
    ("Dr. Sandër Lekaj", ("sander", "lekaj")),
    ("Vice President Mira Talen Jr.", ("mira", "talen")),
    ("John R. Bolton", ("john", "r", "bolton")),
    ("Aoife O’Brien", ("aoife", "o'brien")),
    ("Mr.", ("mr",)),
    ("", ()),
])
def test_name_words_fold_and_drop_titles_and_suffixes(name, words):
    assert name_words(name) == words


def _people(counts):
    found = unify(counts)
    return {spelling: person.name for spelling, person in found.items()}


def test_spellings_with_the_same_words_are_one_person_shown_by_the_commonest():
    people = _people({"Sander Lekaj": 5, "Sandër Lekaj": 2, "Dr. Sander Lekaj": 1, "SANDER LEKAJ": 1})
    assert set(people.values()) == {"Sander Lekaj"}


def test_a_surname_alone_joins_the_one_person_it_can_be():
    people = _people({"John Bolton": 9, "John R. Bolton": 2, "Bolton": 4, "Mira Talen": 3})
    assert people["Bolton"] == people["John R. Bolton"] == "John Bolton"
    assert people["Mira Talen"] == "Mira Talen"
    person = unify({"John Bolton": 9, "John R. Bolton": 2, "Bolton": 4})["Bolton"]
    assert person.spellings == (("John Bolton", 9), ("Bolton", 4), ("John R. Bolton", 2))
    assert person.count == 15


def test_a_surname_of_two_people_stays_its_own():
    people = _people({"John Bolton": 9, "Michael Bolton": 2, "Bolton": 4})
    assert len(set(people.values())) == 3
    assert people["Bolton"] == "Bolton"


def test_a_one_word_name_that_is_also_a_first_name_stays_its_own():
    people = _people({"Martin Taylor": 3, "Taylor Swift": 5, "Taylor": 2})
    assert people["Taylor"] == "Taylor" and len(set(people.values())) == 3


def test_different_middle_names_are_different_people_and_the_short_name_between_them_stays_apart():
    people = _people({"George W. Bush": 9, "George H. W. Bush": 5, "George Bush": 3, "Bush": 2})
    assert len(set(people.values())) == 4


def test_a_short_name_joins_the_one_longer_name_with_its_first_and_last_words():
    people = _people({"Ana Maria Vukovic": 1, "Ana Vukovic": 6})
    assert people["Ana Maria Vukovic"] == people["Ana Vukovic"] == "Ana Vukovic"


def test_a_surname_with_no_longer_name_is_a_person():
    assert _people({"Havris police": 2, "Bolton": 1}) == {"Havris police": "Havris police", "Bolton": "Bolton"}


def test_a_name_as_typed_finds_the_person_of_a_spelling_with_its_words():
    directory = Directory.of({"John Bolton": 9, "Bolton": 4, "Sandër Lekaj": 2})
    assert directory.find("Bolton").name == directory.find("mr. JOHN bolton").name == "John Bolton"
    assert directory.find("sander lekaj").name == "Sandër Lekaj"
    assert directory.find("Michael Bolton") is None and directory.find("") is None


def test_a_spelling_of_no_word_is_nobody():
    assert unify({"…": 3, "Mira Talen": 1}).keys() == {"Mira Talen"}


@given(st.dictionaries(st.text(alphabet="abAB .", min_size=1, max_size=12), st.integers(1, 9), max_size=12))
def test_every_spelling_is_in_its_persons_spellings_with_its_count(counts):
    for spelling, person in unify(counts).items():
        assert (spelling, counts[spelling]) in person.spellings
        assert all(unify(counts)[other] == person for other, _ in person.spellings)


# ------------------------------------------------------------------------------ the searcher

# Made-up people in two outlets (corpus folders): Odile Marchetti in full in two articles, by her surname alone in a third; two
# Fenwicks, so that "Fenwick" alone is neither.
ARTICLES = {
    "ellis-post/a.txt": ("Ferry Fares Rise", "March 3, 2020",
              "“The ferry fares will rise in the spring,” said Odile Marchetti, the port director.\n\n"
              "“We were never asked about the ferry fares,” said Piet Fenwick, a harbour pilot."),
    "ellis-post/b.txt": ("Quay Reopens", "June 9, 2021",
              "“The quay reopens to ferries on Monday morning,” said Odile Marchetti.\n\n"
              "“Nobody told the crews about the quay,” said Rosa Fenwick of the ferry union."),
    "harbour-daily/c.txt": ("Harbour Dredging Starts", "January 15, 2022",
              "“Dredging the harbour will take four whole months,” Marchetti said."),
    "harbour-daily/d.txt": ("Pilots Strike", "May 2, 2022",
              "“The pilots will not sail under these rules,” Fenwick said."),
}


@pytest.fixture(scope="module")
def people_searcher(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("people") / "corpus"
    for name, (title, date, body) in ARTICLES.items():
        write_article(corpus, name, f"{title}\n\nPORT ELLIS, {date} - {body}\n")
    settings = make_settings(corpus, tmp_path_factory.mktemp("people-index"))
    rebuild(settings)
    return ArchiveSearcher(settings)


def test_a_person_s_page_merges_their_spellings_and_lists_every_quotation_newest_first(people_searcher):
    page = people_searcher.person("Marchetti")
    assert page.name == "Odile Marchetti"
    assert dict(page.spellings) == {"Odile Marchetti": 2, "Marchetti": 1}
    assert page.total == 3 and page.articles == 3
    assert [hit.date.isoformat() for hit in page.quotations] == ["2022-01-15", "2021-06-09", "2020-03-03"]
    assert page.quotations[0].speaker == "Marchetti"
    assert {hit.speaker for hit in page.quotations} <= {"Odile Marchetti", "Marchetti"}
    # Every spelling, and the name in other cases, lead to the same page.
    assert people_searcher.person("odile marchetti") == people_searcher.person("Odile Marchetti") == page


def test_a_surname_of_two_people_is_a_page_of_its_own(people_searcher):
    alone = people_searcher.person("Fenwick")
    assert alone.name == "Fenwick" and alone.total == 1 and alone.quotations[0].title == "Pilots Strike"
    assert people_searcher.person("Rosa Fenwick").total == 1


def test_the_page_s_words_and_dates_narrow_the_quotations_and_what_is_counted_around_them(people_searcher):
    fares = people_searcher.person("Odile Marchetti", "ferry")
    assert fares.total == 2 and all("<mark>" in hit.snippet for hit in fares.quotations)
    later = people_searcher.person("Odile Marchetti", options=SearchOptions(date_from=dt.date(2021, 1, 1)))
    assert later.total == 2 and later.articles == 2
    assert dict(later.quoted_with) == {"Rosa Fenwick": 1}


def test_who_is_quoted_beside_them_writes_and_publishes(people_searcher):
    page = people_searcher.person("Odile Marchetti")
    assert dict(page.quoted_with) == {"Piet Fenwick": 1, "Rosa Fenwick": 1}
    assert page.outlets == (("ellis-post", 2), ("harbour-daily", 1))
    assert sum(page.timeline.series[0].counts) == page.timeline.series[0].total == 3
    assert page.timeline.series[0].kind == "quotes"


def test_the_page_s_quotations_come_a_page_at_a_time(people_searcher):
    first = people_searcher.person("Odile Marchetti", per_page=2)
    second = people_searcher.person("Odile Marchetti", page=2, per_page=2)
    assert first.page_count == 2 and len(first.quotations) == 2 and len(second.quotations) == 1
    assert second.quotations[0] not in first.quotations


def test_no_such_person_and_a_said_query_are_refused(people_searcher):
    with pytest.raises(PersonNotFoundError):
        people_searcher.person("Nobody Atall")
    with pytest.raises(PersonNotFoundError):
        people_searcher.person("…")
    with pytest.raises(QueryRefused):
        people_searcher.person("Odile Marchetti", "said:Fenwick ferry")
