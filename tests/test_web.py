"""Pages and the JSON endpoint through Flask's test client."""

import csv
import datetime as dt
import html
import io
import re

import pytest
from whoosh import index as whoosh_index

from search.index import store
from search.index.build import rebuild
from search.index.schema import QUOTES_INDEX
from web import create_app

from .conftest import make_settings, write_article

ERROR_SHAPE = {"error": {"code", "message"}}


def assert_error_shape(response, status):
    assert response.status_code == status
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_SHAPE["error"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_home_page_shows_a_search_box(client):
    page = client.get("/").get_data(as_text=True)
    assert '<input id="q" name="q" type="search"' in page
    assert '<label for="q"' in page


def test_empty_query_shows_the_search_page(client):
    response = client.get("/search?q=")
    assert response.status_code == 200
    assert "Find what was written" in response.get_data(as_text=True)


def test_results_page(client):
    page = client.get("/search?q=hosepipe").get_data(as_text=True)
    assert "1 article for <strong>hosepipe</strong>" in page
    assert 'href="/article/scrapes/reservoir-drought-2018.txt?q=hosepipe&amp;page=1#p1"' in page
    assert "<mark>hosepipe</mark>" in page
    assert "Greta Falk" in page and '<time datetime="2018-08-09">9 August 2018</time>' in page


def test_results_are_paginated(client):
    first = client.get("/search?q=port").get_data(as_text=True)
    assert first.count('class="result"') == 10
    assert 'rel="next" href="/search?page=2&amp;q=port"' in first
    second = client.get("/search?q=port&page=2").get_data(as_text=True)
    assert 'aria-current="page">2<' in second


def test_no_results_says_so_and_suggests(client):
    page = client.get("/search?q=zyzzyva").get_data(as_text=True)
    assert "No articles match <strong>zyzzyva</strong>" in page
    assert "try fewer words" in page


def test_article_page_marks_the_query(client):
    page = client.get("/article/scrapes/dock-strike.txt?q=robots").get_data(as_text=True)
    assert "<h1>Dock Workers Walk Out Over Automation Plan</h1>" in page
    assert "<mark>robots</mark>" in page


def test_unknown_article_is_a_404_page(client):
    response = client.get("/article/../../etc/passwd")
    assert response.status_code == 404
    assert "root:" not in response.get_data(as_text=True)


PASTED = [
    "VIRAL:Insane crowds at the harbour bridge",
    "*worldwide* strike at the docks",
    'The mayor said "the bridge will open',
    "harbour (bridge",
    "#HarbourBridge delayed again?! \U0001F92F https://t.co/AbCdEf pic.twitter.com/XyZ12",
    ("The port strike is NOT over: dockworkers walked out again at Port Halden today and the harbour authority "
    "says \"talks have failed\" — Dock News (@docknews) May 3, 2021"),
]


@pytest.mark.parametrize("text", PASTED)
def test_pasted_text_is_never_refused_for_its_punctuation(client, text):
    body = client.get("/api/search", query_string={"q": text}).get_json()
    assert body["read_as"] == "words" and body["total"] > 0, body


def test_the_page_says_what_syntax_was_read_as_words_escaped(client):
    html = client.get("/search", query_string={"q": "<b>VIRAL</b>:x *harbour* bridge"}).get_data(as_text=True)
    assert "Read as words, not as search syntax" in html and "<code>*harbour*</code>" in html
    assert "<b>VIRAL" not in html


def test_json_search(client):
    response = client.get("/api/search?q=speaker:okafor&per_page=3&page=1")
    assert response.status_code == 200
    body = response.get_json()
    assert list(body) == ["query", "total", "matched", "page", "per_page", "took_ms", "kind", "results", "sort", "filters",
                          "facets", "suggestion", "loosened", "read_as", "set_aside", "with_every_word", "undated"]
    assert body["query"] == "speaker:okafor" and body["per_page"] == 3 and body["page"] == 1
    assert body["read_as"] == "query" and body["set_aside"] == []
    assert body["total"] >= 5 and len(body["results"]) == 3
    hit = body["results"][0]
    assert list(hit) == ["id", "title", "date", "author", "speakers", "outlet", "language", "score", "snippet", "url",
                         "story", "similar", "paragraph"]
    assert "Amina Okafor" in hit["speakers"]
    assert hit["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", hit["date"])
    assert isinstance(hit["score"], float)


def test_json_article(client):
    body = client.get("/api/articles/halden-herald/council-approves-harbour-bridge.html").get_json()
    assert body["date"] == "2016-05-26" and body["date_source"] == "meta"
    assert body["url"] == "https://www.haldenherald.example/news/council-approves-harbour-bridge"


def test_json_sort_and_filter_parameters(client):
    body = client.get("/api/search?q=bridge&sort=newest&speaker=Elena%20Varga&date_from=2016-01-01"
                      "&date_to=2019-12-31&per_page=100").get_json()
    assert body["sort"] == "newest"
    assert body["filters"] == {"speaker": "Elena Varga", "author": None, "outlet": None, "language": None,
                               "date_from": "2016-01-01",
                               "date_to": "2019-12-31", "story": None}
    dates = [hit["date"] for hit in body["results"]]
    assert len(dates) >= 3 and dates == sorted(dates, reverse=True)
    assert all("2016" <= date <= "2019-12-31" for date in dates)
    assert all("Elena Varga" in hit["speakers"] for hit in body["results"])


def test_pages_keep_the_filters_and_the_order(client):
    page = client.get("/search?q=port&sort=oldest&date_from=2016-01-01").get_data(as_text=True)
    assert 'href="/search?page=2&amp;q=port&amp;sort=oldest&amp;date_from=2016-01-01"' in page
    assert '<option value="oldest" selected>' in page


@pytest.mark.parametrize("query", [
    "q=x&sort=random", "q=x&date_from=2018-13-01", "q=x&date_to=yesterday",
    "q=x&date_from=2019-01-01&date_to=2018-01-01", "q=x&speaker=" + "a" * 201,
    "q=x&page=0", "q=x&per_page=1000", "q=x&per_page=0", "q=x&page=abc", "q=date:notadate", "q=", "",
    "q=" + "a" * 10_001, 'q="' + "a " * 501 + '"', "q=x&page=1001", "q=autor:smith", "q=(", "q=x&kind=videos", "q=x&as_you_type=maybe", "q=x&author=" + "a" * 201,
])
def test_bad_requests_get_a_400_with_the_error_shape(client, query):
    assert_error_shape(client.get("/api/search?" + query), 400)


def test_bad_query_on_the_page_is_a_400_page_that_keeps_the_query(client):
    response = client.get("/search?q=date:notadate")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Could not read the date" in page and 'value="date:notadate"' in page
    bracket = client.get("/search?q=%28").get_data(as_text=True)
    assert "holds no word to search" in bracket and 'value="("' in bracket
    script = client.get("/search?q=%3Cscript%3E%3A").get_data(as_text=True)
    assert "<script>:" not in script and "&lt;script&gt;" in script


def test_a_page_past_the_last_says_so_and_links_to_the_last(client):
    page = client.get("/search?q=harbour&page=50").get_data(as_text=True)
    assert "Page 50 is past the last page" in page and "page=2" in page


def test_unknown_api_route_and_method(client):
    assert_error_shape(client.get("/api/nope"), 404)
    assert_error_shape(client.post("/api/search?q=x"), 405)


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_index_missing_is_a_503_not_a_traceback(tmp_path):
    app = create_app(make_settings(tmp_path, tmp_path / "index"))
    error = assert_error_shape(app.test_client().get("/api/search?q=x"), 503)
    assert str(tmp_path) not in error["message"]


HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("hostile-corpus")
    write_article(corpus, "evil.html", f"""<html><head><title>{HOSTILE.replace('<', '&lt;')} headline</title>
        <meta name="author" content='Eve {HOSTILE}'></head><body><article><h1>Evil {HOSTILE.replace('<', '&lt;')}</h1>
        <p>Harmless words about the harbour and &lt;script&gt;alert(3)&lt;/script&gt; in the body, plus
        &lt;a href="javascript:alert(4)"&gt;a link&lt;/a&gt; and an onerror= attribute as text.</p>
        <p>“Run it,” said Mallory &lt;b onmouseover=alert(5)&gt;Smith.</p></article></body></html>""")
    settings = make_settings(corpus, tmp_path_factory.mktemp("hostile-index"))
    rebuild(settings)
    return create_app(settings).test_client()


@pytest.mark.parametrize("url", [
    "/search?q=harbour", "/search?q=script", "/article/evil.html?q=script",
    "/search?q=" + HOSTILE, "/article/evil.html?q=" + HOSTILE, "/search?q=date:" + HOSTILE,
    "/search?q=harbour&kind=quotes", "/search?q=harbour&author=" + HOSTILE, "/search?q=harbour&speaker=" + HOSTILE,
    "/search?q=harbour&story=" + HOSTILE, "/search?q=harbuor+" + HOSTILE,
])
def test_nothing_reaches_a_page_unescaped(hostile_client, url):
    page = hostile_client.get(url).get_data(as_text=True)
    assert "<script>" not in page.lower().replace('<script src', '')
    assert "<img" not in page and "<b " not in page and 'href="javascript' not in page


def test_json_snippets_hold_escaped_html_with_mark_only(hostile_client):
    body = hostile_client.get("/api/search?q=script").get_json()
    snippet = body["results"][0]["snippet"]
    assert "&lt;<mark>script</mark>&gt;alert(3)" in snippet
    assert set(re.findall(r"</?([a-z]+)", snippet)) <= {"mark"}


def test_active_filters_are_chips_that_each_remove_their_filter(client):
    page = client.get("/search?q=bridge&speaker=%3Cb%3EVarga&date_from=2016-01-01").get_data(as_text=True)
    assert 'quoting <strong>&lt;b&gt;Varga</strong> <a href="/search?q=bridge&amp;date_from=2016-01-01"' in page
    assert 'from <strong>2016-01-01</strong> <a href="/search?q=bridge&amp;speaker=%3Cb%3EVarga"' in page


def test_facet_sidebar_links_apply_filters(client):
    page = client.get("/search?q=bridge").get_data(as_text=True)
    assert '<a href="/search?q=bridge&amp;speaker=Tomas+Reinholt">Tomas Reinholt</a> <span class="count">10</span>' in page
    assert '<a class="person-link" href="/people/Tomas%20Reinholt" aria-label="Tomas Reinholt: every quotation">' in page
    assert '<a href="/search?q=bridge&amp;author=Clara+Weiss">Clara Weiss</a>' in page
    assert '<svg class="histogram"' in page
    assert 'href="/search?q=bridge&amp;date_from=2016-01-01&amp;date_to=2016-12-31" aria-label="2016: ' in page
    assert '<span class="tab current" aria-current="page">Articles</span>' in page
    assert '<a class="tab" href="/search?q=bridge&amp;kind=quotes">Quotes</a>' in page


def test_quotes_page_shows_the_quote_its_speaker_date_and_article(client):
    page = client.get("/search?q=said:varga+contract").get_data(as_text=True)
    assert "1 quotation for" in page
    assert "<blockquote><p class=\"snippet\">“The <mark>contract</mark> is clear." in page
    assert '— <a href="/people/Elena%20Varga">Elena Varga</a>' in page and '<time datetime="2018-11-05">' in page
    assert 'href="/article/halden-herald/bridge-delayed-two-years.html?q=said:varga+contract&amp;page=1"' in page


def test_reposted_story_shows_as_one_hit_with_a_link_to_its_versions(client):
    page = client.get("/search?q=dock+workers+automation").get_data(as_text=True)
    assert "The first article has every word; the rest have some of them." in page
    assert ('<a href="/search?q=dock+workers+automation&amp;story=coastal-times/dock-workers-strike-automation.html">'
            '1 similar</a>') in page
    versions = client.get("/search?q=dock+workers+automation&story=coastal-times/dock-workers-strike-automation.html")
    assert versions.get_data(as_text=True).count('class="result"') == 2


def test_a_page_of_articles_with_only_some_of_the_words_says_so(client):
    page = client.get("/search?q=seals+harbour").get_data(as_text=True)
    assert "No article has every word; these have some of them." in page
    assert page.count('class="result"') > 1
    assert "have every word" not in client.get("/search?q=harbour").get_data(as_text=True)


def test_did_you_mean_is_one_click_away(client):
    page = client.get("/search?q=Okafr").get_data(as_text=True)
    assert 'Did you mean <a href="/search?q=okafor">okafor</a>?' in page
    assert "No article contains <strong>okafr</strong>: showing close spellings." in page


def test_article_page_lists_versions_related_articles_and_quotes(client):
    page = client.get("/article/scrapes/dock-strike.txt").get_data(as_text=True)
    assert "The same story elsewhere" in page and 'href="/article/coastal-times/dock-workers-strike-automation.html"' in page
    assert "More like this" in page
    assert "<q>They say the robots will create new work." in page


def test_opensearch_description_and_suggestions(client):
    response = client.get("/opensearch.xml")
    assert response.mimetype == "application/opensearchdescription+xml"
    assert 'template="http://localhost/search?q={searchTerms}"' in response.get_data(as_text=True)
    assert 'template="http://localhost/api/suggest?q={searchTerms}"' in response.get_data(as_text=True)
    suggest = client.get("/api/suggest?q=harbour%20br")
    assert suggest.mimetype == "application/x-suggestions+json"
    assert suggest.get_json()[0] == "harbour br" and suggest.get_json()[1][0] == "harbour bridge"
    assert client.get("/api/suggest?q=").get_json() == ["", []]
    assert 'rel="search" type="application/opensearchdescription+xml"' in client.get("/").get_data(as_text=True)


def test_json_facets_and_suggestion(client):
    body = client.get("/api/search?q=Okafr").get_json()
    assert body["suggestion"] == "okafor" and body["loosened"] == ["okafr"]
    assert body["facets"]["speaker"][0] == ["Amina Okafor", body["total"]]
    assert all(re.fullmatch(r"\d{4}-\d{2}", month) and count > 0 for month, count in body["facets"]["date"])
    quotes = client.get("/api/search?q=robots&kind=quotes").get_json()
    assert quotes["kind"] == "quotes"
    assert list(quotes["results"][0]) == ["speaker", "quote", "article_id", "title", "date", "score"]


def test_the_home_page_says_what_the_archive_holds_and_every_example_finds_something(client):
    home = client.get("/").get_data(as_text=True)
    assert "The archive holds 33 articles, published 2016–2024, from scrapes (16), " in " ".join(home.split())
    examples = re.findall(r'<li><a href="(/search\?q=[^"]+)"><code>', home)
    assert len(examples) >= 8
    for link in examples:
        page = client.get(html.unescape(link)).get_data(as_text=True)
        assert re.search(r'class="summary" role="status">\s*[1-9]', page), link


def test_results_say_how_many_are_undated(client):
    body = client.get("/api/search?q=harbour&per_page=100").get_json()
    dated = sum(count for _, count in body["facets"]["date"])
    undated = sum(1 for hit in body["results"] if hit["date"] is None)
    assert body["undated"] == undated > 0 and dated + undated >= body["total"]
    assert f"{undated} undated" in client.get("/search?q=harbour").get_data(as_text=True)


def test_an_article_page_with_a_query_it_cannot_read_shows_the_article(client):
    response = client.get("/article/halden-herald/bridge-delayed-two-years.html?q=date:%5Bx+TO+y%5D")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Harbour Bridge Delayed Two Years" in page and "<mark>" not in page


def test_health_answers_200_with_the_generation_serving(client, sample_settings):
    response = client.get("/api/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["articles"] == 33
    assert body["generation"] == (sample_settings.index / "CURRENT").read_text().strip()


def test_health_is_503_in_the_error_shape_without_an_index(tmp_path):
    app = create_app(make_settings(tmp_path / "corpus", tmp_path / "no-index"))
    error = assert_error_shape(app.test_client().get("/api/health"), 503)
    assert error["code"] == "unavailable"


def test_stats_say_what_the_generation_holds_and_when_it_was_built(client, sample_settings):
    stats = client.get("/api/stats").get_json()
    assert stats["generation"] == (sample_settings.index / "CURRENT").read_text().strip()
    assert (stats["articles"], stats["first_date"], stats["last_date"]) == (33, "2016-03-03", "2024-09-09")
    quotes = whoosh_index.open_dir(str(store.current_generation(sample_settings.index)), indexname=QUOTES_INDEX)
    assert stats["quotations"] == quotes.doc_count() > 0
    assert 0 < stats["stories"] < stats["articles"]  # one story is reposted
    assert dict(stats["sources"])["scrapes"] == 16
    assert stats["index_bytes"] > 100_000 and stats["rebuild_s"] >= 0
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", stats["built_at"])
    home = client.get("/").get_data(as_text=True)
    # The generation's id is for the stats endpoint; the home page says when, as people read it.
    assert stats["generation"] not in home and f"{stats['quotations']} quotations attributed" in home
    assert f'built <time datetime="{stats["built_at"]}">' in home


@pytest.mark.parametrize("format_name, media_type, suffix", [("csv", "text/csv", "csv"),
                                                             ("jsonl", "application/x-ndjson", "jsonl"),
                                                             ("ris", "application/x-research-info-systems", "ris"),
                                                             ("bibtex", "application/x-bibtex", "bib")])
def test_export_streams_every_match_as_a_download(client, format_name, media_type, suffix):
    total = client.get("/api/search?q=harbour&speaker=Okafor").get_json()["total"]
    response = client.get(f"/api/export?q=harbour&speaker=Okafor&format={format_name}")
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == media_type
    assert response.headers["Content-Disposition"] == f'attachment; filename="news-archive-export.{suffix}"'
    text = response.get_data(as_text=True)
    counted = {"csv": text.count("\r\n") - 1, "jsonl": text.count("\n"), "ris": text.count("ER  - "),
               "bibtex": text.count("@article{")}
    assert counted[format_name] == total > 0


def test_export_parameters_are_checked(client):
    assert_error_shape(client.get("/api/export?format=csv"), 400)
    assert "'format' must be one of csv, jsonl, ris, bibtex" in assert_error_shape(
        client.get("/api/export?q=harbour&format=xml"), 400)["message"]
    assert assert_error_shape(client.get("/api/export?q=said:okafor"), 400)["code"] == "bad_query"
    assert assert_error_shape(client.get("/api/export?q=harbour&date_from=soon"), 400)["code"] == "bad_request"


def test_results_page_links_its_exports_with_the_search_kept(client):
    page = client.get("/search?q=harbour&speaker=Okafor").get_data(as_text=True)
    assert 'href="/api/export?format=bibtex&amp;q=harbour&amp;speaker=Okafor" download' in page


def test_a_search_as_an_atom_feed_of_its_newest_matches(client):
    import feedparser

    response = client.get("/feed.atom?q=harbour")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo and feed.version == "atom10"
    assert feed.feed.title == "News archive: harbour"
    total = client.get("/api/search?q=harbour").get_json()["total"]
    assert len(feed.entries) == min(total, 20) > 10
    dated = [entry.updated for entry in feed.entries if entry.get("published")]
    assert dated == sorted(dated, reverse=True)  # newest first
    for entry in feed.entries[:3]:
        assert client.get(entry.link.removeprefix("http://localhost")).status_code == 200
    page = client.get("/search?q=harbour&speaker=Okafor").get_data(as_text=True)
    assert ('<link rel="alternate" type="application/atom+xml" title="News archive: harbour" '
            'href="/feed.atom?q=harbour&amp;speaker=Okafor">') in page


def test_a_feed_escapes_what_the_articles_and_the_query_hold(tmp_path):
    import feedparser

    corpus = tmp_path / "corpus"
    write_article(corpus, "a.txt", "Tom & Jerry <b>Quay</b> Deal\n\nThe quay deal was signed on Monday by the port.\n")
    settings = make_settings(corpus, tmp_path / "index")
    rebuild(settings)
    client = create_app(settings).test_client()
    feed = feedparser.parse(client.get("/feed.atom?q=quay <script>").get_data())
    assert not feed.bozo
    assert feed.entries[0].title == "Tom & Jerry <b>Quay</b> Deal"
    assert feed.feed.title == "News archive: quay <script>"
    assert client.get("/feed.atom").status_code == 400


def test_outlets_are_shown_faceted_and_filter_by_the_facets_own_value(client):
    body = client.get("/api/search?q=harbour&per_page=100").get_json()
    outlets = dict(body["facets"]["outlet"])
    # Sites with a name in their metadata are named by it; text scrapes by their corpus folder.
    assert outlets["scrapes"] > 0 and any(" " in name for name in outlets)
    name, count = body["facets"]["outlet"][0]
    filtered = client.get(f"/api/search?q=harbour&per_page=100&outlet={name}").get_json()
    assert filtered["total"] == count and {hit["outlet"] for hit in filtered["results"]} == {name}
    assert filtered["filters"]["outlet"] == name
    by_syntax = client.get("/api/search?q=harbour%20outlet:scrapes&per_page=100").get_json()
    assert by_syntax["total"] == outlets["scrapes"]
    page = client.get(f"/search?q=harbour&outlet={name}").get_data(as_text=True)
    assert f'<span class="outlet">in {html.escape(name)}</span>' in page and "Published in" in page


def test_the_timeline_endpoint_gives_each_query_s_series_over_the_same_periods(client):
    body = client.get("/api/timeline?q=bridge&q=said:Okafor&interval=year&outlet=Halden+Herald").get_json()
    assert body["interval"] == "year"
    periods = body["periods"]
    assert periods and all(set(period) == {"start", "end", "articles"} for period in periods)
    assert periods[0]["start"].endswith("-01-01") and periods[-1]["end"].endswith("-12-31")
    bridge, okafor = body["series"]
    assert (bridge["query"], bridge["kind"], okafor["kind"]) == ("bridge", "articles", "quotes")
    for series in body["series"]:
        assert len(series["counts"]) == len(series["shares"]) == len(series["among"]) == len(periods)
        assert sum(series["counts"]) + series["undated"] == series["total"]
    assert bridge["among"] == [period["articles"] for period in periods]
    unfiltered = client.get("/api/timeline?q=bridge&interval=year").get_json()["series"][0]
    assert 0 < bridge["total"] < unfiltered["total"]


@pytest.mark.parametrize("url, message", [
    ("/api/timeline", "Parameter 'q' is required"),
    ("/api/timeline?q=+&q=", "Parameter 'q' is required"),
    ("/api/timeline?q=a&q=b&q=c&q=d&q=e", "at most 4 queries"),
    ("/api/timeline?q=bridge&interval=decade", "'interval' must be one of day, week, month, year"),
    ("/api/timeline?q=bridge&date_from=2020-02-30", "'date_from' must be a date"),
    ("/api/timeline?q=bridge&kind=people", "'kind' must be one of"),
    ("/api/timeline?q=" + "x" * 100_000, "too long"),
])
def test_timeline_parameters_are_checked(client, url, message):
    assert message in assert_error_shape(client.get(url), 400)["message"]


def test_the_timeline_page_draws_a_line_per_query_whose_points_open_their_articles(client):
    page = client.get("/timeline?q=bridge&q=council&interval=year").get_data(as_text=True)
    assert page.count("<polyline") == 2 and 'data-query="council"' in page
    body = client.get("/api/timeline?q=bridge&q=council&interval=year").get_json()
    # Each query's points are marked with a shape of their own: circles for the first, squares next.
    assert page.count("<circle") == page.count("<rect") == len(body["periods"])
    first = body["periods"][0]
    link = f'href="/search?q=bridge&amp;date_from={first["start"]}&amp;date_to={first["end"]}"'
    assert link in page
    assert client.get("/timeline?q=bridge&measure=sometimes").status_code == 400
    assert "<form" in client.get("/timeline").get_data(as_text=True)


def test_the_timeline_page_escapes_the_queries(client):
    page = client.get("/timeline?q=<script>alert(1)</script>bridge").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;bridge" in page


def test_the_results_page_links_its_timeline(client):
    page = client.get("/search?q=harbour&speaker=Okafor").get_data(as_text=True)
    assert 'href="/timeline?q=harbour&amp;speaker=Okafor"' in page


def test_the_quote_endpoint_lists_the_articles_carrying_a_quotation(client):
    body = client.get("/api/quote?text=I am happy it is finished, but I am not glad about the bill").get_json()
    assert (body["total"], body["verbatim"]) == (1, 0)
    hit = body["results"][0]
    assert set(hit) == {"id", "title", "date", "author", "outlet", "url", "speaker", "verbatim", "share", "passage"}
    assert (hit["id"], hit["speaker"], hit["verbatim"]) == ("scrapes/bridge-opens.txt", "Tomas Reinholt", False)
    assert "<mark>" in hit["passage"]


def test_quote_in_the_search_endpoint_is_the_quote_check(client):
    text = "I am happy it is finished, but I am not glad about the bill"
    searched = client.get("/api/search", query_string={"q": f'quote:"{text}"'})
    assert searched.status_code == 200
    assert searched.get_json() == client.get("/api/quote", query_string={"text": text}).get_json()
    assert searched.get_json()["total"] == 1


@pytest.mark.parametrize("url, message", [
    ("/api/quote", "Parameter 'text' is required"),
    ("/api/quote?text=two+words", "at least 4 words"),
    ("/api/quote?text=" + "x+" * 6000, "too long to check"),
    ("/api/quote?text=I+am+glad+it+is&date_to=tomorrow", "'date_to' must be a date"),
])
def test_quote_parameters_are_checked(client, url, message):
    assert message in assert_error_shape(client.get(url), 400)["message"]


def test_quote_in_the_search_box_opens_the_quote_check_and_the_page_escapes(client):
    response = client.get('/search?q=quote:"I am glad it is finished"')
    assert response.status_code == 302 and response.headers["Location"] == "/quote?text=I+am+glad+it+is+finished"
    page = client.get("/quote?text=I am glad it is finished. I am not glad about the <b>bill</b>").get_data(as_text=True)
    assert "<b>bill" not in page and "&lt;b&gt;bill&lt;/b&gt;" in page
    assert 'said by <a href="/people/Tomas%20Reinholt">Tomas Reinholt</a>' in page


def test_a_person_s_endpoint_merges_their_spellings_and_lists_all_their_quotations(client):
    body = client.get("/api/people/Reinholt").get_json()
    assert body["name"] == "Tomas Reinholt"
    assert dict(body["spellings"]) == {"Tomas Reinholt": 14, "Reinholt": 1}
    said = client.get("/api/search?q=said:reinholt&per_page=50").get_json()
    assert body["total"] == said["total"] > 10
    assert len(body["quotations"]) == body["per_page"] == 10
    dates = [hit["date"] for hit in body["quotations"]]
    assert dates == sorted(dates, reverse=True)
    assert {hit["speaker"] for hit in body["quotations"]} <= {"Tomas Reinholt", "Reinholt"}
    assert body["timeline"]["series"][0]["total"] == body["total"]
    assert "Tomas Reinholt" not in dict(body["quoted_with"]) and dict(body["quoted_with"])["Elena Varga"] > 1
    assert sum(count for _, count in body["outlets"]) == body["articles"]
    narrowed = client.get("/api/people/Tomas%20Reinholt?q=contract&date_from=2018-01-01").get_json()
    assert 0 < narrowed["total"] < body["total"] and narrowed["filters"]["date_from"] == "2018-01-01"
    assert all(hit["date"] >= "2018-01-01" and "<mark>" in hit["quote"] for hit in narrowed["quotations"])


@pytest.mark.parametrize("url, status, message", [
    ("/api/people/Nobody%20Atall", 404, "No one named 'Nobody Atall'"),
    ("/api/people/Elena%20Varga?date_from=soon", 400, "'date_from' must be a date"),
    ("/api/people/Elena%20Varga?page=0", 400, "'page' must be between"),
    ("/api/people/Elena%20Varga?q=said:Okafor", 400, "without said:"),
    ("/api/people/Elena%20Varga?q=(", 400, ""),
    ("/api/people/" + "a" * 201, 400, "The name is too long"),
])
def test_person_parameters_are_checked(client, url, status, message):
    assert message in assert_error_shape(client.get(url), status)["message"]


def test_a_person_s_page_shows_spellings_timeline_quotations_and_who_is_quoted_beside_them(client):
    page = client.get("/people/Reinholt").get_data(as_text=True)
    assert "<h1>Tomas Reinholt</h1>" in page
    assert 'Written as <span class="spelling">Tomas Reinholt</span> (14 articles), <span class="spelling">Reinholt</span>' in page
    assert page.count("<polyline") == 1 and 'href="/people/Tomas%20Reinholt?date_from=' in page
    assert page.count('<li class="result quote">') == 10 and 'rel="next" href="/people/Tomas%20Reinholt?page=2"' in page
    assert '<a href="/people/Elena%20Varga">Elena Varga</a>' in page
    assert 'href="/people/Tomas%20Reinholt?outlet=Halden+Herald"' in page


def test_a_page_past_a_person_s_last_says_so_and_links_the_last(client):
    page = client.get("/people/Elena%20Varga?page=99").get_data(as_text=True)
    assert "Page 99 is past the last page of quotations." in page
    assert '<a href="/people/Elena%20Varga?page=1">Go to page 1</a>' in page  # 9 quotations, 10 a page


def test_a_person_s_page_escapes_and_an_unknown_one_is_a_404_page(client):
    response = client.get("/people/<script>alert(1)</script>")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    page = client.get("/people/Elena%20Varga?q=<b>bridge</b>").get_data(as_text=True)
    assert "<b>bridge" not in page and "&lt;b&gt;bridge&lt;/b&gt;" in page


def test_an_article_s_speakers_link_to_their_pages(client):
    page = client.get("/article/scrapes/bridge-opens.txt").get_data(as_text=True)
    assert '<a href="/people/Tomas%20Reinholt">Tomas Reinholt</a>' in page


def test_a_hit_s_paragraph_is_the_one_of_its_snippet_s_first_marked_word(client):
    later = 0
    for query in ("contract", "reservoir", "ribbon", "overruns"):
        for hit in client.get(f"/api/search?q={query}&per_page=20").get_json()["results"]:
            if hit["paragraph"] is None:
                continue
            body = client.get(f"/api/articles/{hit['id']}").get_json()["body"].split("\n\n")
            first_mark = re.search(r"<mark>(.*?)</mark>", hit["snippet"]).group(1)
            assert html.unescape(first_mark) in body[hit["paragraph"] - 1], (query, hit["id"])
            later += hit["paragraph"] > 1
    assert later >= 3


def test_an_article_s_paragraph_comes_with_its_neighbours_and_a_citation(client):
    body = client.get("/api/articles/halden-herald/council-approves-harbour-bridge.html?p=2").get_json()
    paragraphs = body["body"].split("\n\n")
    assert body["paragraphs"] == len(paragraphs) > 3
    assert body["passage"] == {"paragraph": 2, "text": paragraphs[1], "before": paragraphs[0], "after": paragraphs[2]}
    today = dt.date.today()
    assert body["citation"] == (f"{body['author']}. “{body['title']}.” Halden Herald, 26 May 2016, paragraph 2. "
                                f"{body['url']}. Accessed {today.day} {today:%B %Y}.")
    whole = client.get("/api/articles/halden-herald/council-approves-harbour-bridge.html").get_json()
    assert "passage" not in whole and ", paragraph" not in whole["citation"]
    last = client.get(f"/api/articles/halden-herald/council-approves-harbour-bridge.html?p={len(paragraphs)}").get_json()
    assert last["passage"]["after"] is None


@pytest.mark.parametrize("p", ["0", "abc", "999", "-1"])
def test_a_paragraph_not_in_the_article_is_a_400(client, p):
    response = client.get(f"/api/articles/halden-herald/council-approves-harbour-bridge.html?p={p}")
    assert "'p' must be" in assert_error_shape(response, 400)["message"]
    assert client.get(f"/article/halden-herald/council-approves-harbour-bridge.html?p={p}").status_code == 400


def test_the_article_page_anchors_every_paragraph_and_cites_the_one_asked_for(client):
    page = client.get("/article/halden-herald/council-approves-harbour-bridge.html?q=bridge&p=3").get_data(as_text=True)
    assert '<p id="p1">' in page and '<p id="p3" class="cited">' in page
    assert 'href="/article/halden-herald/council-approves-harbour-bridge.html?q=bridge&amp;p=4#cite" aria-label="Cite paragraph 4"' in page
    assert '<h2 id="cite-heading">Paragraph 3 of ' in page and page.count('<p class="neighbour">') == 2
    assert ", paragraph 3. https://www.haldenherald.example/news/council-approves-harbour-bridge. Accessed " in page
    assert '<button type="button" class="copy" data-copy="reference" hidden>Copy citation</button>' in page


def test_the_kwic_endpoint_gives_each_line_as_json_and_as_csv(client):
    body = client.get("/api/kwic?q=bridg*&order=after").get_json()
    assert set(body) == {"query", "order", "articles", "read", "cut", "lines"}
    assert body["order"] == "after" and body["articles"] == body["read"] and len(body["lines"]) > body["articles"]
    assert list(body["lines"][0]) == ["article_id", "title", "date", "paragraph", "before", "keyword", "after"]
    assert all(line["keyword"].lower().startswith("bridg") for line in body["lines"])
    response = client.get("/api/kwic?q=bridg*&order=after&format=csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    as_text = [{name: "" if value is None else str(value) for name, value in line.items()} for line in body["lines"]]
    assert rows == as_text


@pytest.mark.parametrize("url, message", [
    ("/api/kwic", "Parameter 'q' is required"),
    ("/api/kwic?q=bridge&order=up", "'order' must be one of article, before, after"),
    ("/api/kwic?q=bridge&format=xml", "'format' must be one of json, csv"),
    ("/api/kwic?q=said:varga", "reads articles"),
    ("/api/kwic?q=bridge&date_from=soon", "'date_from' must be a date"),
])
def test_kwic_parameters_are_checked(client, url, message):
    assert message in assert_error_shape(client.get(url), 400)["message"]


def test_the_kwic_view_lists_the_lines_with_links_to_their_paragraphs_and_its_orders(client):
    body = client.get("/api/kwic?q=contract&order=before").get_json()
    page = client.get("/search?q=contract&view=kwic&order=before").get_data(as_text=True)
    assert page.count('<td class="keyword">') == len(body["lines"]) > 2
    first = body["lines"][0]
    assert f'<td class="keyword">{first["keyword"]}</td>' in page
    assert f'href="/article/{first["article_id"]}?q=contract#p{first["paragraph"]}"' in page
    assert '<strong aria-current="true">the word before</strong>' in page
    assert 'href="/search?q=contract&amp;view=kwic&amp;order=after"' in page
    assert 'href="/api/kwic?q=contract&amp;order=before&amp;format=csv" download' in page
    results = client.get("/search?q=contract").get_data(as_text=True)
    assert 'href="/search?q=contract&amp;view=kwic">Keyword in context</a>' in results
    assert client.get("/search?q=contract&view=cloud").status_code == 400


def test_the_kwic_view_escapes_the_query(client):
    page = client.get("/search?q=<b>bridge</b>&view=kwic").get_data(as_text=True)
    assert "<b>bridge" not in page and "&lt;b&gt;bridge&lt;/b&gt;" in page


@pytest.mark.parametrize("url", ["/search?q=bridge", "/search?q=said:varga%20contract", "/people/Reinholt",
                                 "/article/halden-herald/council-approves-harbour-bridge.html",
                                 "/search?q=bridge&view=kwic"])
def test_every_page_shows_dates_one_way(client, url):
    """A date reads "26 May 2016" wherever it is shown; ISO stays in the markup and the JSON."""
    page = client.get(url).get_data(as_text=True)
    shown = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})">([^<]+)</time>', page)
    assert shown, url
    for iso, text in shown:
        assert text == dt.date.fromisoformat(iso).strftime("%-d %B %Y"), (url, iso, text)
    assert not re.search(r">\s*\d{4}-\d{2}-\d{2}\s*<", page), url


def test_the_header_and_the_export_count_the_reposts_folded_into_the_hits(client):
    body = client.get("/api/search?q=harbour&per_page=100").get_json()
    folded = sum(hit["similar"] for hit in body["results"])
    assert folded > 0 and body["matched"] == body["total"] + folded
    assert sum(count for _, count in body["facets"]["outlet"]) == body["matched"]
    page = client.get("/search?q=harbour").get_data(as_text=True)
    assert f"and {folded} repost{'s' if folded > 1 else ''} of them folded in" in page
    assert f"Export all {body['matched']}, reposts included" in page
    rows = client.get("/api/export?q=harbour&format=jsonl").get_data(as_text=True).splitlines()
    assert len(rows) == body["matched"]


def test_the_home_page_says_when_the_index_was_built_as_people_read_it(client):
    page = client.get("/").get_data(as_text=True)
    built = re.search(r'built <time datetime="([^"]+)">(\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC)</time>', page)
    assert built is not None and "gen-" not in page


@pytest.mark.parametrize("value, on", [("1", True), ("yes", True), ("TRUE", True), ("off", False), ("0", False)])
def test_switches_read_the_words_settings_read(client, value, on):
    # Typed so far: "br" is the beginning of "bridge" while typing, and a word of its own otherwise.
    body = client.get(f"/api/search?q=harbour%20br&as_you_type={value}").get_json()
    bridge = client.get("/api/search?q=harbour%20bridge").get_json()
    assert (body["total"] == bridge["total"] and body["with_every_word"] is None) is on
    assert ("<mark>Harbour Bridge</mark>" in body["results"][0]["snippet"]) is on
    refused = client.get("/api/search?q=harbour&as_you_type=2").get_json()["error"]["message"]
    assert refused.startswith("'as_you_type' must be one of true, yes, on, 1, false, no, off, 0")


def test_timelines_are_drawn_on_labelled_axes_and_count_the_undated(client):
    page = client.get("/timeline?q=bridge&q=said:okafor&interval=year").get_data(as_text=True)
    years = re.findall(r'class="time-tick"[^>]*>(\d{4})<', page)
    assert len(years) >= 4 and years == sorted(years)
    assert re.findall(r'class="value-tick"[^>]*>([^<]+)<', page)[0] == "0%"
    person = client.get("/people/Amina%20Okafor").get_data(as_text=True)
    undated = client.get("/api/people/Amina%20Okafor").get_json()
    assert re.search(r"<figcaption>[^<]*· \d+ undated, in no period", person) is not None
    assert re.findall(r'class="value-tick"[^>]*>([^<]+)<', person)[0] == "0"
    assert undated["name"] == "Amina Okafor"


def test_a_speaker_with_no_quotation_links_the_articles_that_name_them(client):
    page = client.get("/people/harbour%20authority").get_data(as_text=True)
    said = re.search(r'<p class="no-results">(.*?)</p>', page, re.S)[1]
    count = int(re.search(r"here; (\d+) articles? names? them as a speaker", " ".join(said.split()))[1])
    link = html.unescape(re.search(r'class="speaker-articles" href="([^"]+)"', said)[1])
    found = client.get(link.replace("/search", "/api/search", 1)).get_json()
    assert count > 0 and found["total"] == count
