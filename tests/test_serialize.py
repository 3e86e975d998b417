"""The JSON shapes: one for the API and the command line, dates as ISO 8601 or null, pairs as lists."""

import datetime as dt
import json

from search.models import ArchiveSummary, Hit, QuoteHit, SearchOptions, SearchPage
from search.serialize import hit_to_json, page_to_json, summary_to_json

HIT = Hit(id="a.txt", title="Bridge", date=dt.date(2019, 4, 2), author=None, speakers=("Elena Varga",), score=1.5,
          snippet="the <mark>bridge</mark>", url=None, story="a.txt", similar=2, outlet="Herald", paragraph=3, language="de")


def test_a_hit_and_a_quotation_have_their_own_shapes():
    assert hit_to_json(HIT) == {"id": "a.txt", "title": "Bridge", "date": "2019-04-02", "author": None,
                                "speakers": ["Elena Varga"], "outlet": "Herald", "language": "de", "score": 1.5,
                                "snippet": "the <mark>bridge</mark>", "url": None, "story": "a.txt", "similar": 2,
                                "paragraph": 3}
    quoted = QuoteHit(article_id="a.txt", title="Bridge", date=None, speaker="Elena Varga", snippet="a <mark>b</mark>",
                      score=0.5)
    assert hit_to_json(quoted) == {"speaker": "Elena Varga", "quote": "a <mark>b</mark>", "article_id": "a.txt",
                                   "title": "Bridge", "date": None, "score": 0.5}


def test_a_page_says_its_filters_and_facets_as_lists():
    options = SearchOptions(speaker="Varga", date_from=dt.date(2019, 1, 1))
    page = SearchPage(query="bridge", total=1, page=1, per_page=10, took_ms=1.0, hits=(HIT,), options=options,
                      facets={"speaker": (("Elena Varga", 1),)})
    shown = page_to_json(page)
    assert shown["filters"]["speaker"] == "Varga" and shown["filters"]["date_from"] == "2019-01-01"
    assert shown["facets"] == {"speaker": [["Elena Varga", 1]]} and shown["results"] == [hit_to_json(HIT)]
    assert json.loads(json.dumps(shown)) == shown


def test_a_summary_of_an_undated_archive_has_null_dates():
    summary = ArchiveSummary(articles=2, first_date=None, last_date=None, sources=(("scrapes", 2),))
    shown = summary_to_json(summary)
    assert (shown["first_date"], shown["last_date"], shown["sources"]) == (None, None, [["scrapes", 2]])
