"""What a search offers beyond matching words: facets, quotes, stories, typos, suggestions, completions."""

import datetime as dt

import pytest

from search.query import reading
from search.searcher import ArchiveSearcher
from search.errors import QueryRefused, QuerySyntaxError
from search.models import SearchOptions


# --------------------------------------------------------------------------- facets and filters

def test_facets_cover_the_whole_result_set_and_each_count_is_what_its_filter_gives(sample_searcher):
    page = sample_searcher.search("bridge", per_page=1)
    assert len(page.hits) == 1 and page.total > 10
    assert page.facets["speaker"][0] == ("Tomas Reinholt", 10)
    for name, count in page.facets["speaker"][:4]:
        assert sample_searcher.search("bridge", options=SearchOptions(speaker=name)).total == count
    for name, count in page.facets["author"][:3]:
        assert sample_searcher.search("bridge", options=SearchOptions(author=name)).total == count
    months = page.facets["date"]
    assert [month for month, _ in months] == sorted(month for month, _ in months)
    everything = sample_searcher.search("bridge", per_page=100)
    assert sum(count for _, count in months) == sum(1 for hit in everything.hits if hit.date)
    month, count = months[0]
    start = dt.date.fromisoformat(month + "-01")
    in_month = SearchOptions(date_from=start, date_to=(start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1))
    assert sample_searcher.search("bridge", options=in_month).total == count


def test_speaker_facet_is_limited_to_facet_size(sample_searcher):
    assert len(sample_searcher.search("port", per_page=1).facets["speaker"]) == 10


# ------------------------------------------------------------------------------------- quotes

def test_said_searches_what_a_person_said(sample_searcher):
    page = sample_searcher.search("said:varga contract")
    assert page.options.kind == "quotes" and page.total >= 1
    for hit in page.hits:
        assert hit.speaker == "Elena Varga" and "<mark>contract</mark>" in hit.snippet.lower()
    assert page.hits[0].article_id == "halden-herald/bridge-delayed-two-years.html"
    assert page.hits[0].date == dt.date(2018, 11, 5)


def test_an_article_marks_the_words_sought_never_a_field_name_nor_an_excluded_word(sample_searcher):
    article = "halden-herald/bridge-delayed-two-years.html"
    view = sample_searcher.article(article, "said:varga contract")
    assert "<mark>contract" in view.body_html.lower() and "<mark>said</mark>" not in view.body_html.lower()
    excluded = sample_searcher.article(article, "contract -bridge")
    assert "<mark>contract" in excluded.body_html.lower() and "<mark>bridge" not in excluded.body_html.lower()
    assert "<mark>bridge" in sample_searcher.article(article, "contract bridge").body_html.lower()


def test_an_article_reached_with_a_query_it_cannot_read_is_shown_without_marks(sample_searcher):
    view = sample_searcher.article("halden-herald/bridge-delayed-two-years.html", "date:[x TO y] bridge")
    assert view.article.title and "<mark>" not in view.body_html and "bridge" in view.body_html.lower()


def test_the_quotes_kind_searches_every_quotation(sample_searcher):
    page = sample_searcher.search("robots", options=SearchOptions(kind="quotes"))
    assert [(hit.speaker, hit.article_id) for hit in page.hits] == [
        ("Ines Duarte", "coastal-times/dock-workers-strike-automation.html"), ("Ines Duarte", "scrapes/dock-strike.txt")]
    assert page.facets["speaker"] == (("Ines Duarte", 2),)


# ---------------------------------------------------------------------------- near-duplicates

def test_a_story_reposted_elsewhere_is_one_hit_with_its_versions_one_click_away(sample_searcher):
    page = sample_searcher.search("dock workers automation")
    assert page.with_every_word == 1
    hit = page.hits[0]
    assert hit.similar == 1
    assert all(other.story != hit.story for other in page.hits[1:])
    versions = sample_searcher.search("dock workers automation", options=SearchOptions(story=hit.story))
    assert {h.id for h in versions.hits} == {"scrapes/dock-strike.txt", "coastal-times/dock-workers-strike-automation.html"}
    assert all(h.similar == 0 for h in versions.hits)


def test_an_article_lists_its_other_versions_and_related_stories(sample_searcher):
    view = sample_searcher.article("scrapes/dock-strike.txt")
    assert [hit.id for hit in view.same_story] == ["coastal-times/dock-workers-strike-automation.html"]
    related = [hit.id for hit in view.related]
    assert 1 <= len(related) <= 5
    assert "scrapes/dock-strike.txt" not in related and "coastal-times/dock-workers-strike-automation.html" not in related
    assert view.article.quotes[0].speaker == "Ines Duarte"


# ------------------------------------------------------------------------ typos and suggestions

@pytest.mark.parametrize("typed, suggestion, expected_id", [
    ("Okafr", "okafor", "scrapes/interview-health-director-okafor.txt"),
    ("harbor bridge", "harbour bridge", "halden-herald/council-approves-harbour-bridge.html"),
])
def test_a_word_the_index_lacks_matches_its_close_spellings(sample_searcher, typed, suggestion, expected_id):
    page = sample_searcher.search(typed, per_page=100)
    assert len(page.loosened) == 1 and expected_id in {hit.id for hit in page.hits}
    assert page.suggestion == suggestion


def test_a_word_the_index_holds_is_never_loosened_nor_corrected(sample_searcher):
    # 'lie' (Gunnar Lie) is one edit from 'life', 'line' and 'late', and has a single hit.
    exact = sample_searcher.search("lie")
    assert exact.total == 1 and exact.loosened == () and exact.suggestion is None
    assert exact.hits[0].id == "northern-wire/vaccination-stadium.html"
    assert sample_searcher.search("bridge").loosened == ()


@pytest.mark.parametrize("typed", ["speaker:Reinhlt audit", '"harbur bridge"', "bridge NOT parris",
                                   "bridge -parris", "bridge ANDNOT parris", "body:harbur"])
def test_a_field_value_a_phrase_and_an_excluded_word_mean_what_they_say(sample_searcher, typed):
    page = sample_searcher.search(typed, per_page=100)
    assert page.loosened == () and page.suggestion is None


def test_an_excluded_word_the_index_lacks_excludes_nothing_and_is_never_corrected(sample_searcher):
    # 'paris' is one edit from 'parts': loosened, it would exclude the articles that mention parts.
    bridge = sample_searcher.search("bridge", per_page=100)
    for typed in ("bridge NOT paris", "bridge -paris"):
        page = sample_searcher.search(typed, per_page=100)
        assert page.total == bridge.total and page.loosened == () and page.suggestion is None


def test_a_minus_before_a_word_or_a_phrase_excludes_it(sample_searcher):
    harbour = {hit.id for hit in sample_searcher.search("harbour", per_page=100).hits}
    with_bridge = {hit.id for hit in sample_searcher.search("harbour bridge", per_page=100).hits}
    without = {hit.id for hit in sample_searcher.search("harbour -bridge", per_page=100).hits}
    assert without and with_bridge and without == harbour - with_bridge
    assert {hit.id for hit in sample_searcher.search('harbour -"harbour bridge"', per_page=100).hits} <= harbour
    # A hyphen inside a word or before a number is not a minus.
    assert sample_searcher.search("covid-19 bridge").total == sample_searcher.search("covid 19 bridge").total


def test_no_suggestion_when_nothing_close_exists(sample_searcher):
    page = sample_searcher.search("zqxjv")
    assert page.total == 0 and page.suggestion is None and page.loosened == ()


def test_as_you_type_completes_the_last_word_only(sample_searcher):
    typing = sample_searcher.search("bridge harbo", options=SearchOptions(as_you_type=True), per_page=100)
    finished = sample_searcher.search("bridge harbour", per_page=100)
    assert {hit.id for hit in typing.hits} == {hit.id for hit in finished.hits}
    assert typing.loosened == () and typing.suggestion is None
    # Only the last word is unfinished: a misspelt word before it is loosened, not completed.
    assert sample_searcher.search("harbur bridge", options=SearchOptions(as_you_type=True)).loosened == ("harbur",)


def test_completions_finish_the_last_word_with_common_words_and_names(sample_searcher):
    assert sample_searcher.completions("harbour br")[0] == "harbour bridge"
    assert "reinholt" in sample_searcher.completions("tomas rein") or \
        "tomas reinholt" in sample_searcher.completions("tomas rein")
    assert sample_searcher.completions("x") == []


def test_phrases_are_marked_as_phrases(sample_searcher):
    page = sample_searcher.search('"harbour bridge"')
    assert all("<mark>Harbour Bridge</mark>" in hit.snippet or "<mark>harbour bridge</mark>" in hit.snippet.lower()
               for hit in page.hits)


# ----------------------------------------------------------------------------------- pasted text

def test_a_pasted_paragraph_finds_the_article_it_comes_from(sample_searcher):
    article = sample_searcher.article("halden-herald/bridge-delayed-two-years.html").article
    pasted = (article.body + " ") * (1 + 1500 // len(article.body))
    assert len(pasted) > 1000
    page = sample_searcher.search(pasted)
    assert page.total > 0 and page.hits[0].id == article.id and page.suggestion is None


def test_a_text_past_the_pasted_limit_is_refused(sample_searcher):
    with pytest.raises(QueryRefused, match="too long to search"):
        sample_searcher.search("harbour " * 1300)


# --------------------------------------------------------------------------- words as written

def test_a_quoted_phrase_matches_its_words_as_written(sample_searcher):
    stemmed = sample_searcher.search("harbour bridges", per_page=100)
    assert stemmed.total > 0
    # No article writes "harbour bridges": the phrase is not the stemmed words.
    assert sample_searcher.search('"harbour bridges"').total == 0
    phrase = sample_searcher.search('"harbour bridge"', per_page=100)
    assert phrase.total > 0
    # Case and accents are folded; a common word in the phrase counts, and narrows it.
    assert 0 < sample_searcher.search('"THE HARBOUR BRIDGE"').total == sample_searcher.search(
        '"the harbour bridge"').total < phrase.total
    assert all("<mark>harbour bridge</mark>" in hit.snippet.lower() for hit in phrase.hits)


def test_wildcards_and_prefixes_match_words_as_written(sample_searcher):
    hospital = sample_searcher.search("hospital", per_page=100)
    assert 0 < sample_searcher.search("hospit?l").total <= hospital.total
    assert sample_searcher.search("br?dge").total == sample_searcher.search("bri?ge").total > 0
    assert sample_searcher.search("hospitals*").total > 0
    page = sample_searcher.search("Hospit*", per_page=100)
    assert {hit.id for hit in hospital.hits} <= {hit.id for hit in page.hits}
    assert all("<mark>hospital" in hit.snippet.lower() for hit in page.hits)


def test_an_article_marks_the_words_of_a_quoted_phrase(sample_searcher):
    view = sample_searcher.article("halden-herald/bridge-delayed-two-years.html", '"harbour bridge"')
    assert "<mark>harbour bridge</mark>" in view.body_html.lower()


def test_completions_finish_the_last_word_among_articles_with_the_words_before_it(sample_searcher):
    alone = sample_searcher.completions("br")
    in_context = sample_searcher.completions("harbour br")
    assert in_context and len(in_context) < len(alone)
    assert all(completion.startswith("harbour br") for completion in in_context)
    # Each completion, searched, finds an article: no word the rest of the query never meets.
    assert all(sample_searcher.search(completion).total > 0 for completion in in_context)


def test_completions_after_speaker_and_said_are_names(sample_searcher):
    assert sample_searcher.completions("speaker:okaf") == ['speaker:"amina okafor"']
    assert sample_searcher.completions("contract said:varg") == ['contract said:"elena varga"']


def test_an_index_written_before_a_facet_column_existed_is_still_searched(sample_settings, monkeypatch):
    # As an index of an older format lacks outlet_facet: a column the schema does not name.
    monkeypatch.setattr(reading, "FACET_COLUMNS", {**reading.FACET_COLUMNS, "ghost": "ghost_facet"})
    assert ArchiveSearcher(sample_settings).search("harbour").total > 0


def _every_match(searcher, text: str, options: SearchOptions) -> int:
    """Every document a search matches: each hit and the other articles of its story folded into it."""
    page = searcher.search(text, per_page=searcher.settings.max_per_page, options=options)
    assert len(page.hits) == page.total
    return sum(1 + getattr(hit, "similar", 0) for hit in page.hits)


@pytest.mark.parametrize("interval", ["year", "month", None])
def test_a_timeline_counts_in_each_period_what_that_period_s_search_finds(sample_searcher, interval):
    found = sample_searcher.timeline(["bridge", "said:Okafor", "council"], interval=interval)
    # Unasked, the sample's eight years are told in years.
    assert found.interval == (interval or "year")
    assert [series.kind for series in found.series] == ["articles", "quotes", "articles"]
    for series in found.series:
        assert series.total == _every_match(sample_searcher, series.query, SearchOptions()) > 0
        assert sum(series.counts) + series.undated == series.total
        for start, end, count, among in zip(found.starts, found.ends, series.counts, series.among):
            assert count == _every_match(sample_searcher, series.query, SearchOptions(date_from=start, date_to=end))
            assert count <= among
    assert found.articles == found.series[0].among == found.series[2].among
    assert sum(found.articles) <= sample_searcher.count()


def test_a_timeline_takes_the_search_filters(sample_searcher):
    everything = sample_searcher.timeline(["bridge"], interval="year").series[0]
    filtered = sample_searcher.timeline(["bridge"], SearchOptions(date_from=dt.date(2019, 1, 1)), interval="year")
    assert filtered.starts[0] >= dt.date(2019, 1, 1) and filtered.series[0].undated == 0
    assert 0 < filtered.series[0].total < everything.total


def test_a_timeline_of_a_short_query_counts_only_the_articles_with_every_word(sample_searcher):
    # The search fills its page with articles holding some of the words; a timeline does not.
    page = sample_searcher.search("seals strike")
    assert page.total > 0 and page.with_every_word == 0
    assert sample_searcher.timeline(["seals strike"]).series[0].total == 0


@pytest.mark.parametrize("queries, interval, message", [
    ([], None, "needs the words"),
    (["bridge", "  "], None, "needs the words"),
    (["a", "b", "c", "d", "e"], None, "at most 4"),
    (["bridge"], "decade", "must be one of day, week, month, year"),
    (["bridge " * 20_000], None, "too long to search"),
])
def test_a_timeline_refuses_what_it_cannot_draw(sample_searcher, queries, interval, message):
    with pytest.raises(QueryRefused, match=message) as refused:
        sample_searcher.timeline(queries, interval=interval)
    # A refusal of what a timeline cannot draw is not a query written wrong.
    assert not isinstance(refused.value, QuerySyntaxError)


def test_a_quote_check_finds_the_article_carrying_it_with_its_speaker_and_nearly_changed_words(sample_searcher):
    said = "I am glad it is finished. I am not glad about the bill"
    exact = sample_searcher.check_quote(said)
    assert [(hit.id, hit.speaker, hit.verbatim) for hit in exact] == [("scrapes/bridge-opens.txt", "Tomas Reinholt", True)]
    assert "<mark>I am glad it is finished. I am not glad about the bill</mark>" in exact[0].passage
    near = sample_searcher.check_quote("I am happy it is finished, but I am not glad about the bill")
    assert [(hit.id, hit.verbatim) for hit in near] == [("scrapes/bridge-opens.txt", False)]
    assert 0.7 <= near[0].share < 1
    assert sample_searcher.check_quote("the price of fish in the harbour market fell sharply") == ()
    later = SearchOptions(date_from=dt.date(2022, 1, 1))
    assert sample_searcher.check_quote(said, later) == ()


def test_a_quote_check_lists_the_earliest_first(sample_searcher):
    # A story reposted by a second site carries the same words: both are found, earliest first.
    page = sample_searcher.search("harbour", per_page=100)
    reposted = next(hit for hit in page.hits if hit.similar)
    body = sample_searcher.article(reposted.id).article.body
    sentence = max((s.strip() for s in body.split(".")), key=lambda s: len(s.split()))
    found = sample_searcher.check_quote(sentence)
    assert len(found) >= 2 and reposted.id in [hit.id for hit in found]
    dates = [hit.date for hit in found if hit.date]
    assert dates == sorted(dates)


@pytest.mark.parametrize("text, message", [("two words", "at least 4 words"), ("x " * 6000, "too long to check"),
                                           ("the of and a", "common words alone")])
def test_a_quote_check_refuses_too_little_and_too_much(sample_searcher, text, message):
    with pytest.raises(QueryRefused, match=message):
        sample_searcher.check_quote(text)
