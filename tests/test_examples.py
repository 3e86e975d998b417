"""Example searches drawn from the archive itself: one of each kind, each finding something there."""

import datetime as dt
import re

from search.index.build import rebuild
from search.query.examples import ArchiveFacts, example_searches, placeholder
from web import create_app

from .conftest import make_settings, write_article

FACTS = ArchiveFacts(headline="Council Approves Harbour Bridge in Close Vote", speaker="Elena Varga",
                     author="Clara Weiss", outlet="Halden Herald", newest=dt.date(2024, 9, 9))


def test_one_example_of_each_kind_from_the_archive_s_own_names_and_words():
    examples = example_searches(FACTS, common=frozenset({"in", "the"}))
    assert examples == ["council approves", "council OR approves", "council -approves", '"council approves"',
                        "coun*", "title:council", "speaker:Varga", "said:Varga", 'author:"Clara Weiss"',
                        'outlet:"Halden Herald"', "date:2024-09"]
    assert placeholder(examples) == 'e.g. council approves, "council approves", speaker:Varga'


def test_an_archive_with_no_names_or_dates_gives_what_it_can():
    assert example_searches(ArchiveFacts(headline="Übersicht"), common=frozenset()) == ["über*", "title:übersicht"]
    assert example_searches(ArchiveFacts(), common=frozenset()) == [] and placeholder([]) is None


def test_the_home_page_offers_searches_that_find_something_in_this_archive(tmp_path):
    corpus = tmp_path / "corpus"
    for number, (title, who) in enumerate([("Gemeinde stimmt über Brücke ab", "Anna Berger"),
                                          ("Stadtrat plant neue Fähre", "Jan Keller")]):
        write_article(corpus, f"lokal/{number}.html", (
            f"<html lang='de'><head><title>{title}</title><meta name='author' content='{who}'>"
            f"<meta property='article:published_time' content='2023-0{number + 4}-02'></head><body><article>"
            f"<h1>{title}</h1><p>Die Gemeinde hat am Sonntag abgestimmt, teilte die Verwaltung mit. Der Bau soll "
            f"im Frühjahr beginnen, sagte Bürgermeisterin Eva Roth.</p></article></body></html>"))
    settings = make_settings(corpus, tmp_path / "index")
    rebuild(settings)
    client = create_app(settings).test_client()
    page = client.get("/").get_data(as_text=True)
    examples = [re.sub("&#34;", '"', example) for example in re.findall(r"<code>([^<]*)</code></a>", page)]
    assert len(examples) >= 5 and not any("harbour" in example.lower() for example in examples)
    assert any(example.startswith("author:") for example in examples)
    for example in examples:
        body = client.get("/api/search", query_string={"q": example}).get_json()
        assert body["total"] > 0, example
    hint = re.search(r'placeholder="([^"]*)"', page)[1]
    assert hint.startswith("e.g. ") and "Varga" not in hint
