"""The real page in Debian's Chromium, driven by Playwright, against the real server on the sample corpus.

Chromium is Debian's package (`apt-get install chromium`, done by .ci/run); nothing is downloaded.
A screenshot of the results page is saved to test-artifacts/results.png.
"""

import csv
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from ..conftest import REPO, SAMPLE_CORPUS, running_server

# Each test drives the page in a real Chromium.
pytestmark = pytest.mark.slow

ARTIFACTS = REPO / "test-artifacts"
# Without the background-networking flags Chromium keeps calling out to hosts this machine cannot reach.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        pytest.fail("Debian's chromium is needed for the browser tests: apt-get install chromium "
                    "(bash .ci/run installs it), or set CHROMIUM to its path")
    return path


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    with running_server(SAMPLE_CORPUS, tmp_path_factory.mktemp("browser") / "index") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    yield page
    context.close()
    # A CSP violation or a script error shows up here.
    assert problems == []


def test_typing_shows_highlighted_hits_without_pressing_enter(page):
    page.goto("/")
    expect(page.locator("#q")).to_be_focused()
    page.locator("#q").press_sequentially("harbour brid", delay=30)
    expect(page.locator(".result mark").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"/search\?q=harbour\+brid$"))
    assert page.locator(".result").count() >= 5
    # 'brid' is being typed, not misspelt.
    expect(page.locator(".suggestion")).to_have_count(0)
    expect(page.locator(".loosened")).to_have_count(0)
    marked = {text.lower() for text in page.locator(".result mark").all_inner_texts()}
    assert marked & {"harbour", "bridge", "harbour bridge"}
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "results.png"), full_page=True)


def test_a_speaker_facet_filters_and_its_chip_removes_the_filter(page):
    page.goto("/search?q=bridge")
    total = int(page.locator(".summary").inner_text().split()[0])
    page.locator(".facet-speaker a", has_text="Elena Varga").click()
    expect(page.locator(".chip")).to_contain_text("quoting Elena Varga")
    for speakers in page.locator(".result .speakers").all_inner_texts():
        assert "Elena Varga" in speakers
    assert int(page.locator(".summary").inner_text().split()[0]) < total
    page.get_by_label("Remove filter quoting Elena Varga").click()
    expect(page.locator(".chip")).to_have_count(0)
    assert int(page.locator(".summary").inner_text().split()[0]) == total


def test_a_date_bar_filters_by_its_period_with_one_chip(page):
    page.goto("/search?q=bridge")
    page.locator(".histogram a").first.click()
    expect(page.locator(".chip")).to_have_count(1)
    expect(page.locator(".chip")).to_contain_text("dated 2016-01-01 – 2016-12-31")
    for stamp in page.locator(".result time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))"):
        assert stamp.startswith("2016")


def test_following_a_suggestion(page):
    page.goto("/")
    page.locator("#q").fill("Okafr")
    page.locator("#q").press("Enter")
    expect(page.locator(".suggestion")).to_contain_text("Did you mean okafor?")
    page.locator(".suggestion a").click()
    expect(page).to_have_url(re.compile(r"q=okafor"))
    expect(page.locator(".suggestion")).to_have_count(0)
    expect(page.locator(".result").first).to_be_visible()


def test_keyboard_only_search_and_open(page):
    page.goto("/article/scrapes/dock-strike.txt")
    page.locator("body").press("/")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.type("okafor hospital", delay=20)
    # Enter submits the form: the keys after it are for the page it loads, not for results that
    # searching as you type may have drawn into the article page just before.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".result").first).to_be_visible()
    page.keyboard.press("/")
    page.keyboard.press("ArrowDown")
    first = page.locator("a.hit-link").first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    second = page.locator("a.hit-link").nth(1)
    expect(second).to_be_focused()
    title = second.inner_text()
    page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_have_text(title)
    expect(page.locator("article mark").first).to_be_visible()


def test_a_reader_in_the_results_keeps_their_place_when_fresh_ones_arrive(page):
    page.goto("/search?q=hospital")
    expect(page.locator(".result").first).to_be_visible()
    page.locator("#q").click()
    page.keyboard.press("End")
    page.keyboard.type(" heat")
    page.keyboard.press("ArrowDown")  # before the results for "hospital heat" are fetched
    expect(page.locator("a.hit-link").first).to_have_attribute("href", re.compile(r"q=hospital\+heat"))
    expect(page.locator("a.hit-link").first).to_be_focused()


def test_quotes_tab_and_an_article_from_a_quote(page):
    page.goto("/search?q=robots")
    page.locator(".tabs a", has_text="Quotes").click()
    expect(page.locator(".result.quote").first).to_contain_text("— Ines Duarte")
    page.locator(".result.quote a.hit-link").first.click()
    expect(page.locator("article h1")).to_contain_text("Dock Workers")
    expect(page.locator(".same-story li")).to_have_count(1)


def test_the_page_works_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url, is_mobile=True)
    page = context.new_page()
    page.goto("/search?q=bridge")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width} px)"
    # The facets wait behind a Filter control above the results, not after all of them.
    expect(page.locator(".facets")).to_be_hidden()
    button = page.get_by_text("Filter", exact=True)
    assert button.bounding_box()["y"] < page.locator(".result").first.bounding_box()["y"]
    button.click()
    expect(page.locator(".facets")).to_be_visible()
    assert page.locator(".facets").bounding_box()["y"] < page.locator(".result").first.bounding_box()["y"]
    page.screenshot(path=str(ARTIFACTS / "results-390.png"))
    # The date histogram names its first and last periods and its tallest count, inside the page.
    ticks = page.locator(".histogram text")
    assert ticks.count() >= 4
    for at in range(ticks.count()):
        box = ticks.nth(at).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 8
    context.close()


def test_the_sort_order_applies_when_picked(page):
    page.goto("/search?q=bridge")
    expect(page.locator(".sort-form button")).to_be_hidden()
    page.locator("#sort").select_option("oldest")
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    stamps = page.locator(".result time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))")
    assert stamps and stamps == sorted(stamps)


def test_back_to_results_returns_to_the_same_search(page):
    page.goto("/search?q=bridge&sort=newest&speaker=Elena+Varga")
    page.locator("a.hit-link").first.click()
    page.locator(".back a").click()
    expect(page).to_have_url(re.compile(r"/search\?"))
    for part in ("q=bridge", "sort=newest", "speaker=Elena", "page=1"):
        assert part in page.url
    expect(page.locator(".chip")).to_contain_text("quoting Elena Varga")


def test_an_article_with_a_long_source_address_fits_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url, is_mobile=True)
    page = context.new_page()
    page.goto("/article/halden-herald/council-approves-harbour-bridge.html")
    source = page.locator("dd a[rel='noopener noreferrer']")
    expect(source).to_have_attribute("href", "https://www.haldenherald.example/news/council-approves-harbour-bridge")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the article page scrolls sideways on a phone ({width} px)"
    context.close()


def test_an_export_downloads_every_match_and_reads_back(page):
    page.goto("/search?q=harbour")
    # The export counts every matching article: the hits and the reposts folded into them.
    total = int(re.search(r"Export all ([\d,]+)", page.locator("p.export").inner_text())[1].replace(",", ""))
    hits = int(re.sub(r"\D", "", page.locator("p.summary").inner_text().split(" ")[0]))
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == "news-archive-export.csv"
    with open(download.value.path(), encoding="utf-8", newline="") as saved:
        rows = list(csv.DictReader(saved))
    assert len(rows) == total > hits > 10 and len({row["story"] for row in rows}) == hits
    assert all(row["accessed"] and row["title"] for row in rows)


def test_the_results_page_names_its_feed_and_the_feed_parses(page):
    import feedparser

    page.goto("/search?q=harbour")
    href = page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    assert href == "/feed.atom?q=harbour"
    feed = feedparser.parse(page.request.get(href).body())
    assert not feed.bozo and feed.version == "atom10" and len(feed.entries) > 10
    page.goto(feed.entries[0].link)
    expect(page.locator("h1")).to_have_text(feed.entries[0].title)


def test_a_timeline_is_drawn_for_two_searches_and_a_point_opens_its_articles(page):
    page.goto("/search?q=bridge")
    page.get_by_role("link", name="Timeline of this search").click()
    expect(page.get_by_label("Search 1", exact=True)).to_have_value("bridge")
    page.get_by_label("Search 2", exact=True).fill("council")
    page.get_by_label("Periods", exact=True).select_option("year")
    page.get_by_label("Show", exact=True).select_option("count")
    page.get_by_role("button", name="Draw").click()
    expect(page.locator("figure.timeline polyline")).to_have_count(2)
    expect(page.locator("p.summary")).to_contain_text("year")
    # The chart is drawn: its lines have a size on the page, and the tallest point sits at the top.
    box = page.locator("figure.timeline svg").bounding_box()
    assert box["width"] > 600 and box["height"] > 150
    points = page.locator('g[data-query="bridge"] a')
    busiest = max(range(points.count()), key=lambda at: -float(points.nth(at).locator("circle").get_attribute("cy")))
    label = points.nth(busiest).get_attribute("aria-label")
    count = int(re.search(r": (\d+) of", label).group(1))
    year = re.search(r"bridge, (\d{4})", label).group(1)
    assert count > 0
    points.nth(busiest).click()
    expect(page.locator(".chip")).to_contain_text(f"{year}-01-01 – {year}-12-31")
    expect(page.locator("#q")).to_have_value("bridge")
    shown = page.locator(".result").count()
    folded = sum(int(re.search(r"\d+", text).group()) for text in page.locator(".similar").all_inner_texts())
    assert shown + folded == count


def test_checking_a_quote_from_the_search_box_shows_who_said_it_with_the_words_marked(page):
    page.goto("/")
    page.locator("#q").fill('quote:"I am happy it is finished, but I am not glad about the bill"')
    page.locator("#q").press("Enter")
    expect(page.locator("h1")).to_have_text("Check a quote")
    expect(page.locator("#quote-text")).to_have_value("I am happy it is finished, but I am not glad about the bill")
    result = page.locator(".quote-result")
    expect(result).to_have_count(1)
    expect(result.locator(".said-by")).to_contain_text("said by Tomas Reinholt")
    expect(result.locator(".match")).to_contain_text("nearly")
    expect(result.locator("mark").first).to_be_visible()
    page.locator("#quote-text").fill("I am glad it is finished. I am not glad about the bill")
    page.get_by_role("button", name="Check").click()
    expect(result.locator(".match")).to_have_text("word for word")
    result.locator("h2 a").click()
    expect(page.locator("h1")).to_have_text("Harbour Bridge Opens to Traffic After Six Years")


def test_an_outlet_facet_keeps_that_outlet_s_articles_and_its_count(page):
    page.goto("/search?q=harbour")
    first = page.locator(".facet-outlet li").first
    outlet = first.locator("a").inner_text()
    count = int(first.locator(".count").inner_text())
    first.locator("a").click()
    expect(page.locator(".chip")).to_contain_text(f"in {outlet}")
    shown = page.locator(".result").count()
    folded = sum(int(re.search(r"\d+", text).group()) for text in page.locator(".similar").all_inner_texts())
    assert shown + folded == count > 0
    for hit in page.locator(".result").all():
        expect(hit.locator(".outlet")).to_have_text(f"in {outlet}")


def test_a_speaker_s_page_lists_their_quotations_draws_their_timeline_and_links_who_is_quoted_beside_them(page):
    page.goto("/search?q=bridge")
    page.get_by_label("Tomas Reinholt: every quotation").click()
    expect(page.locator("h1")).to_have_text("Tomas Reinholt")
    expect(page.locator(".spellings")).to_contain_text("Reinholt (1 article)")
    total = int(page.locator(".summary").inner_text().split()[0])
    expect(page.locator(".quotations .result")).to_have_count(10)
    dates = page.locator(".quotations time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True)
    box = page.locator("figure.timeline svg").bounding_box()
    assert box["width"] > 400 and box["height"] > 100
    page.get_by_role("link", name="Next ›").click()
    expect(page.locator(".quotations .result")).to_have_count(total - 10)
    # A point of the timeline opens that period's quotations, as many as it counted.
    points = page.locator("figure.timeline a")
    busiest = max(range(points.count()), key=lambda at: -float(points.nth(at).locator("circle").get_attribute("cy")))
    count = int(re.search(r": (\d+) of", points.nth(busiest).get_attribute("aria-label")).group(1))
    points.nth(busiest).click()
    expect(page.locator(".summary")).to_contain_text(f"{count} quotation")
    expect(page.locator(".quotations .result")).to_have_count(count)
    # Words narrow the quotations, each with the word marked.
    page.get_by_role("link", name="All of it").click()
    page.get_by_label("Words").fill("contract")
    page.get_by_role("button", name="Filter").click()
    marked = page.locator(".quotations .result")
    assert 0 < marked.count() < total
    for quotation in marked.all():
        expect(quotation.locator("mark").first).to_have_text(re.compile("contract", re.IGNORECASE))
    page.locator(".facet-quoted-with a", has_text="Elena Varga").click()
    expect(page.locator("h1")).to_have_text("Elena Varga")
    expect(page.locator(".quotations .result").first).to_be_visible()


def test_a_hit_opens_at_its_paragraph_which_can_be_cited_and_copied(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 700}, base_url=base_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    try:
        page.goto("/search?q=ribbon")
        hit = page.locator(".result").filter(has_text="Harbour Bridge Opens")
        marked = hit.locator(".snippet mark").first.inner_text()
        hit.locator("a.hit-link").click()
        expect(page).to_have_url(re.compile(r"#p\d+$"))
        number = int(page.url.rsplit("#p", 1)[1])
        target = page.locator(f"#p{number}")
        expect(target).to_be_in_viewport()
        expect(target.locator("mark").first).to_have_text(re.compile(marked, re.IGNORECASE))
        target.get_by_label(f"Cite paragraph {number}").click()
        expect(page.locator("#cite-heading")).to_contain_text(f"Paragraph {number} of ")
        expect(page.locator(".citation .cited")).to_contain_text(marked, ignore_case=True)
        reference = page.locator("#reference").inner_text()
        assert f"paragraph {number}." in reference and reference.startswith("“Harbour Bridge Opens")
        page.get_by_role("button", name="Copy citation").click()
        expect(page.get_by_role("button", name="Copied")).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()") == reference
    finally:
        context.close()


def test_keyword_in_context_sorts_by_the_word_after_and_downloads_its_lines(page):
    page.goto("/search?q=bridg*")
    page.get_by_role("link", name="Keyword in context").click()
    expect(page.locator(".tab.current")).to_have_text("Keyword in context")
    rows = page.locator("table.kwic tbody tr")
    count = rows.count()
    assert count > 10
    for keyword in page.locator("td.keyword").all_inner_texts():
        assert keyword.lower().startswith("bridg")
    page.get_by_role("link", name="the word after").click()
    expect(page.locator('.kwic-orders strong[aria-current="true"]')).to_have_text("the word after")
    after = [text.strip(" ,.“”\"").lower() for text in page.locator("td.after").all_inner_texts()]
    firsts = [text.split()[0].strip(",.“”\"") if text.split() else "" for text in after]
    assert firsts == sorted(firsts) and rows.count() == count
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    with open(download.value.path(), encoding="utf-8", newline="") as saved:
        lines = list(csv.DictReader(saved))
    assert [line["keyword"] for line in lines] == page.locator("td.keyword").all_inner_texts()
    # A line opens its article at the keyword's paragraph.
    rows.first.locator("td.source a").click()
    expect(page).to_have_url(re.compile(r"#p\d+$"))
    expect(page.locator(f"#p{page.url.rsplit('#p', 1)[1]}")).to_contain_text(lines[0]["keyword"])


# The two widths every page is checked at: a desktop's window and a phone's.
WIDTHS = pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)], ids=["desktop", "phone"])


@pytest.fixture
def sized_page(browser, base_url, width, height):
    """A page at the width and height the test is parametrized with (WIDTHS), as a phone where narrow."""
    context = browser.new_context(viewport={"width": width, "height": height}, base_url=base_url,
                                  is_mobile=width < 500)
    yield context.new_page()
    context.close()


@WIDTHS
def test_a_timeline_of_four_searches_has_readable_axes_at_both_widths(sized_page, width, height):
    page = sized_page
    page.goto("/timeline?q=bridge&q=strike&q=said:okafor&q=harbour&interval=year")
    expect(page.locator("figure.timeline g.series")).to_have_count(4)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the chart scrolls sideways"
    # Every tick label is drawn inside the page, and none overlaps the next along the bottom.
    years = page.locator("text.time-tick:visible")
    boxes = [years.nth(at).bounding_box() for at in range(years.count())]
    assert len(boxes) >= (4 if width > 500 else 2)
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 10 for box in boxes)
    assert all(left["x"] + left["width"] <= right["x"] for left, right in zip(boxes, boxes[1:]))
    values = page.locator("text.value-tick")
    assert values.count() >= 2 and values.first.bounding_box()["x"] >= 0
    # Each query's points have a shape of their own, and its legend entry says what it counts.
    shapes = [page.locator(f"g.series-{at} a").first.locator("circle, rect, polygon").evaluate("node => node.tagName")
              for at in range(4)]
    assert shapes[:2] == ["circle", "rect"] and shapes[2] == shapes[3] == "polygon"
    expect(page.locator(".legend li").nth(2)).to_contain_text("quotations")
    page.screenshot(path=str(ARTIFACTS / f"timeline-{width}.png"), full_page=True)


@WIDTHS
def test_keyword_in_context_keeps_every_line_s_keyword_in_view_at_both_widths(sized_page, width, height):
    page = sized_page
    page.goto("/search?q=harbour&view=kwic")
    rows = page.locator("table.kwic tbody tr")
    assert rows.count() > 10
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the concordance scrolls sideways"
    for at in range(5):
        row = rows.nth(at)
        keyword, before, after = (row.locator(f"td.{name}").bounding_box() for name in ("keyword", "before", "after"))
        assert 0 <= keyword["x"] and keyword["x"] + keyword["width"] <= width
        # Before, keyword and after on one line, in that order; the article named on it or under it.
        assert before["y"] == keyword["y"] == after["y"] and before["x"] < keyword["x"] < after["x"]
        assert after["x"] + after["width"] <= width + 1
        source = row.locator("td.source").bounding_box()
        assert (source["y"] > keyword["y"]) if width < 500 else (source["x"] > after["x"])
    # At a desktop's width the keywords stand in one column, the middle of the table.
    if width > 500:
        xs = {round(rows.nth(at).locator("td.keyword").bounding_box()["x"]) for at in range(5)}
        assert len(xs) == 1
    page.screenshot(path=str(ARTIFACTS / f"kwic-{width}.png"))
