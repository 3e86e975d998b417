"""Cleaning tables: plain-text scrapes and HTML pages -> article text without page furniture."""

import re

import pytest

from search.extraction.lines import (BOILERPLATE_RULES, FOOTER_RULES, clean_text, is_boilerplate_line,
                                     reads_as_prose)
from search.extraction.fallbacks import SAME_TEXT, agreement, checked_paragraphs, fallback_paragraphs, shingles
from search.extraction.html_pages import clean_html


# Lines each boilerplate rule exists for: each rule has a line no other rule matches, so that a rule
# dropped fails its row.
BOILERPLATE_EXAMPLES = {
    "ad slot size": ["728 x 90", "300x250"],
    "bloggers like this": ["%d bloggers like this:"],
    "ad or comments label": ["Advertisement", "Sponsored content", "12 Comments"],
    "comment prompt": ["Leave a Reply", "Join the conversation below"],
    "needs javascript": ["This slideshow requires JavaScript."],
    "don't miss": ["Don't miss:"],
    "updated stamp": ["Updated: March 3, 2021 at 10:15", "Last modified on 2019-04-02"],
    "click here": ["Click here to read the full report"],
    "contributed to this report": ["Anna Berg contributed to this report."],
    "share button": ["Share this article", "WhatsApp", "Pin it"],
    "like widget": ["Like Loading...", "Like this:"],
    "click to share": ["Click to share on Twitter (Opens in new window)", "Click to email a link to a friend"],
    "newsletter sign-up": ["Sign up for our daily newsletter"],
    "cookie notice": ["We use cookies to improve your experience.", "This website uses cookies for analytics"],
    "cookie button": ["Accept all cookies", "Reject"],
    "read more": ["Read more: Council approves bus lane", "See also the mayor's reply"],
    "media credit": ["Photo: Fans on the pitch", "Image credit: Reuters"],
    "caption credit": ["The harbour at dawn (Image: GETTY)"],
    "skip link": ["Skip to main content", "Back to top", "Menu"],
    "tags line": ["Tags: politics, harbour", "Filed under: Local news"],
    "next or previous": ["Next article: Strike ends", "Previous post"],
    "copyright": ["© 2024 Halden Herald Media", "Copyright © Port Times"],
    "rights reserved": ["All rights reserved."],
}
FOOTER_EXAMPLES = {
    "latest news": ["Latest News and Articles"],
    "related": ["Related Stories"],
    "more from": ["More from Halden Herald", "More stories"],
    "you may also like": ["You might also like"],
    "recommended": ["Recommended for you"],
    "trending": ["Trending now"],
    "most read": ["Most popular:"],
}


def _only_rule(rules: dict[str, str], line: str, suffix: str = "") -> list[str]:
    return [name for name, rule in rules.items() if re.fullmatch(f"(?:{rule}){suffix}", line, re.IGNORECASE)]


@pytest.mark.parametrize("rules, examples, suffix", [
    (BOILERPLATE_RULES, BOILERPLATE_EXAMPLES, ""),
    (FOOTER_RULES, FOOTER_EXAMPLES, r"\s*(?:[:.…]|\.\.\.)?"),
])
def test_every_line_rule_has_lines_only_it_catches(rules, examples, suffix):
    assert sorted(examples) == sorted(rules)
    for name, lines in examples.items():
        assert any(_only_rule(rules, line, suffix) == [name] for line in lines), name


@pytest.mark.parametrize("line", [line for lines in BOILERPLATE_EXAMPLES.values() for line in lines])
def test_boilerplate_lines(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [line for lines in FOOTER_EXAMPLES.values() for line in lines])
def test_footer_lines_end_a_text_scrape(line):
    cleaned = clean_text(f"Headline\n\nThe council met on Tuesday to vote on the bridge.\n\n{line}\n\nAnother story here.\n")
    assert cleaned.paragraphs == ("The council met on Tuesday to vote on the bridge.",)


@pytest.mark.parametrize("line", [
    "The council will hold a public hearing on April 14.",
    "Share prices fell 3 percent after the announcement.",
    "Advertisement revenue at the paper rose for the first time in a decade.",
    "728 people attended the hearing.",
])
def test_article_lines_are_not_boilerplate(line):
    assert not is_boilerplate_line(line)


def test_text_scrape_headline_author_bio_and_footer():
    page = clean_text(
        "728 x 90\n\nHeadline Of The Story\n\nReported by Jane Roe\n\nFirst paragraph of the story.\n\n"
        "Second paragraph.\n\nAbout Jane Roe (12 Articles)\nJane Roe has covered the harbour since 2001.\n"
        "%d bloggers like this:\n\nLatest News and Articles\nAnother headline\n")
    assert page.metadata.title == "Headline Of The Story"
    assert page.metadata.reported_by == "Jane Roe"
    assert page.metadata.bio_author == "Jane Roe"
    assert page.paragraphs == ("First paragraph of the story.", "Second paragraph.")


def test_text_scrape_drops_a_caption_printed_twice_and_joins_wrapped_lines():
    page = clean_text("Title\n\nJane Roe, mayor\nJane Roe, mayor\n\nA paragraph wrapped\nover two lines.\n")
    assert page.paragraphs == ("A paragraph wrapped over two lines.",)


def test_text_scrape_byline_under_the_headline():
    page = clean_text("Title\n\nBy Jane Roe\n\nText.\n")
    assert page.metadata.byline == "Jane Roe"
    assert page.paragraphs == ("Text.",)


def test_a_first_paragraph_opening_with_by_is_text_not_a_byline():
    opening = ("BY THE POLITICAL AND DIPLOMATIC TURMOIL IN SAIGON, THE ALL BUT FORGOTTEN WAR AGAINST THE "
               "VIET CONG CONTINUES ON ITS UGLY, BLOODY AND WEARISOME COURSE .")
    page = clean_text(f"SOUTH VIET NAM\n\n{opening}\n")
    assert page.metadata.byline is None
    assert page.paragraphs == (opening,)


PAGE = """<html><head><title>Story headline | The Paper</title>
<meta property="og:title" content="Story headline"><meta property="og:site_name" content="The Paper">
<meta property="article:published_time" content="2019-04-02T10:00:00+02:00">
<meta name="author" content="Jane Roe"><link rel="canonical" href="https://paper.example/2019/04/02/story">
<script>var tracking = "should not appear";</script><style>.x{color:red}</style></head>
<body><nav>Home News Sport</nav><header><h1>Story headline</h1></header>
<div class="ad-slot">Buy now</div>
<article><h1>Story headline</h1>
<p>First paragraph with <a href="#">a link</a> and <em>emphasis</em> inline.</p>
<div class="share-buttons">Share on Facebook</div>
<p>Second
   paragraph.</p>
<div class="newsletter-signup">Get our newsletter</div>
<div class="author-bio">Jane Roe writes about the harbour.</div>
<aside>Related: other story</aside>
<p>Third paragraph, long enough to make this the article container for the page as a whole, with more words
so that the container selection picks it over the navigation and other furniture around it.</p>
</article>
<div id="comments">Comment text</div><footer>Copyright</footer></body></html>"""


def test_html_keeps_the_article_and_drops_furniture():
    page = clean_html(PAGE)
    assert page.paragraphs[0] == "First paragraph with a link and emphasis inline."
    assert page.paragraphs[1] == "Second paragraph."
    assert page.paragraphs[2].startswith("Third paragraph")
    text = "\n".join(page.paragraphs)
    for furniture in ("should not appear", "color:red", "Home News", "Buy now", "Share on Facebook",
                      "newsletter", "writes about the harbour", "Related:", "Comment text", "Copyright",
                      "Story headline"):
        assert furniture not in text


def test_html_metadata():
    page = clean_html(PAGE)
    assert page.metadata.og_title == "Story headline"
    assert page.metadata.html_title == "Story headline | The Paper"
    assert page.metadata.site_name == "The Paper"
    assert page.metadata.author_meta == "Jane Roe"
    assert page.metadata.url == "https://paper.example/2019/04/02/story"
    assert page.date_hints[0] == ("meta", "2019-04-02T10:00:00+02:00")


def test_html_json_ld_in_a_graph():
    page = clean_html("""<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebSite"},
        {"@type": "NewsArticle", "headline": "H", "datePublished": "2020-01-02",
         "author": [{"@type": "Person", "name": "A One"}, {"name": "B Two"}]}]}</script>
        <script type="application/ld+json">{broken json</script></head><body><p>Text.</p></body></html>""")
    assert page.metadata.jsonld_author == "A One, B Two"
    assert ("meta", "2020-01-02") in page.date_hints


def test_html_wrapper_with_a_misleading_class_is_kept():
    paragraphs = "".join(f"<p>Paragraph number {i} of the story with enough words in it.</p>" for i in range(5))
    page = clean_html(f'<html><body><div class="content has-sidebar">{paragraphs}</div></body></html>')
    assert len(page.paragraphs) == 5


def test_html_without_text():
    page = clean_html("<html><head><title>Empty</title></head><body><nav>Menu</nav></body></html>")
    assert page.paragraphs == ()
    assert page.metadata.html_title == "Empty"


def _prose(words: str, count: int) -> str:
    return "".join(f"<p>{words}, sentence {i}, with commas, clauses and enough words to read as prose.</p>"
                   for i in range(count))


def test_html_without_an_article_element_finds_the_prose_among_link_lists():
    menu = "".join(f'<li><a href="/c{i}">Category number {i} (12)</a></li>' for i in range(40))
    page = clean_html(f"""<html><body><div id="wrap"><div class="left"><ul>{menu}</ul></div>
        <div class="entry">{_prose("The harbour reopened", 6)}</div>
        <div class="right"><p>Kabar tentang Dunia Islam</p></div></div></body></html>""")
    assert len(page.paragraphs) == 6
    assert all(p.startswith("The harbour reopened") for p in page.paragraphs)


def test_html_comment_section_longer_than_the_article_is_not_taken_for_it():
    comments = "".join(f'<div class="comment"><div class="content"><p>Reader {i} thinks, at length, that this '
                       "is wrong, wrong, wrong, and says so, again, with many commas, commas, commas.</p></div></div>"
                       for i in range(30))
    page = clean_html(f"""<html><body><div class="post">{_prose("Apple plans a new laptop", 3)}</div>
        <section class="comments">{comments}</section></body></html>""")
    assert [p[:24] for p in page.paragraphs] == ["Apple plans a new laptop"] * 3


def test_html_article_split_across_sibling_blocks_is_joined():
    page = clean_html(f"""<html><body><main><div class="card">{_prose("First half", 3)}</div>
        <div class="ad">Buy now</div><div class="card">{_prose("Second half", 3)}</div></main></body></html>""")
    assert [p.split(",")[0] for p in page.paragraphs] == ["First half"] * 3 + ["Second half"] * 3


def test_html_drops_teaser_links_captions_and_closing_bio_inside_the_article():
    page = clean_html(f"""<html><body><article>{_prose("The court ruled", 3)}
        <p><a href="/other"><strong>SINGER CLEARED TO PERFORM AMID FEUD: REPORT</strong></a></p>
        <p>Protesters have worn masks to protect their identities (Image: GETTY )</p>
        <p>Updated at 1:23 p.m.</p><p>CLICK HERE TO GET THE APP</p>
        <p>Jessica Napoli contributed to this report.</p>
        <p>Julius Young is an entertainment reporter for the Ledger.</p></article></body></html>""")
    assert [p.split(",")[0] for p in page.paragraphs] == ["The court ruled"] * 3


def test_html_dates_shown_on_the_page_are_text_hints_after_metadata():
    page = clean_html("""<html lang="es-MX"><head><meta property="article:published_time" content="2020-03-17">
        </head><body><p class="published-date"> / martes 17 de marzo de 2020 </p>
        <div class="comment"><span class="date">March 1, 2021</span></div>
        <div class="news-time-ago" title="2020-03-17T14:20:02Z">hace 5 horas</div>
        <article><p>Text of the story.</p></article></body></html>""")
    assert page.metadata.language == "es"
    assert page.date_hints[0] == ("meta", "2020-03-17")
    shown = [raw for source, raw in page.date_hints if source == "text"]
    assert "/ martes 17 de marzo de 2020" in shown and "2020-03-17T14:20:02Z" in shown
    assert "March 1, 2021" not in shown  # a comment's date is not the article's


def test_html_broken_json_ld_still_gives_its_publication_date():
    page = clean_html("""<html><head><script type="application/ld+json">{"@type": "NewsArticle",
        "datePublished": "2020-10-26T18:10:00+01:00",}</script></head><body><p>Text.</p></body></html>""")
    assert ("meta", "2020-10-26T18:10:00+01:00") in page.date_hints


@pytest.mark.parametrize("line, prose", [
    ("Police closed the coast road at Nordvik on Tuesday after a landslide.", True),
    ("Retiring early takes time and incredible discipline. If you plan to retire early you should save", True),
    ("“We will rebuild the road before winter,” the mayor said on Tuesday evening.”", True),
    ("日期:1月21日，凱爾特人在主場以139-107大勝湖人。這是凱爾特人首發控衛肯巴-沃克職業生涯第一次戰勝勒布朗-詹姆斯的球隊。", True),
    ("जिले में 32 क्रय केंद्रों पर गेहूं की खरीद शुरू हो गई है और किसान पहुंच रहे हैं।", True),
    ("Coast Road Closed After Landslide Cuts Off Three Villages", False),
    ("Page not found.", False),
    ("Home News Sport Weather Opinion Culture Travel Podcasts", False),
])
def test_prose_is_told_from_headlines_and_labels(line, prose):
    assert reads_as_prose(line) is prose


PARAGRAPHS = "".join(f"<p>Paragraph {n}: the harbour board met on Tuesday and agreed to repair the old quay "
                     f"before the storms of the winter season arrive.</p>" for n in range(4))


def test_an_article_inside_an_element_named_like_furniture_is_found_on_a_second_pass():
    page = (f'<html><body><div id="jPanelMenu-panel"><nav><a href="/">Home</a> <a href="/a">News</a></nav>'
            f'<h1>Quay repairs agreed</h1>{PARAGRAPHS}</div></body></html>')
    cleaned = clean_html(page)
    assert cleaned.body_source == "cleaner, furniture kept"
    assert cleaned.paragraphs[0].startswith("Paragraph 0: the harbour board") and len(cleaned.paragraphs) == 4


def test_the_first_pass_is_kept_when_it_finds_prose():
    cleaned = clean_html(f"<html><body><nav><a href='/'>Home</a></nav><article>{PARAGRAPHS}</article></body></html>")
    assert cleaned.body_source == "cleaner" and len(cleaned.paragraphs) == 4


def test_extractors_made_for_the_job_find_prose_or_nothing():
    found = fallback_paragraphs(f"<html><body><table><tr><td>{PARAGRAPHS}</td></tr></table></body></html>")
    assert found is not None and found[1] == "trafilatura"
    assert found[0][0].startswith("Paragraph 0: the harbour board")
    menu = "<html><body><ul>" + "".join(f"<li><a href='/{n}'>Section {n}</a></li>" for n in range(30)) + "</ul></body></html>"
    assert fallback_paragraphs(menu) is None


def test_agreement_is_the_share_of_word_4grams_two_texts_have_in_common():
    article = [f"Sentence {i} of the harbour story, told in plain words." for i in range(30)]
    assert agreement(shingles(article), shingles(article)) == 1.0
    assert agreement(shingles(article), shingles(["Nothing here is shared with it at all, not one run."])) == 0.0
    third = agreement(shingles(article[:10]), shingles(article))
    assert abs(third - SAME_TEXT) < 0.05


SIDEBAR = ["Read next: the city's best bakeries, ranked by readers who queued for them all summer long.",
           "Most read: a guide to the ferry timetable changes, with every route and every new fare listed."]


def test_a_cleaner_text_both_peers_call_another_text_gives_way_to_trafilatura():
    page = f"<html><body><article><h1>Quay repairs agreed</h1>{PARAGRAPHS}</article></body></html>"
    paragraphs, source = checked_paragraphs(page, SIDEBAR, "cleaner")
    assert source == "trafilatura, over the cleaner"
    assert [p[:11] for p in paragraphs] == ["Quay repair"] + ["Paragraph %d" % n for n in range(4)]


def test_a_cleaner_text_the_peers_find_too_is_kept_with_its_finer_cuts():
    page = f"<html><body><article><h1>Quay repairs agreed</h1>{PARAGRAPHS}</article></body></html>"
    mine = clean_html(page).paragraphs[:3]
    assert checked_paragraphs(page, mine, "cleaner") == (tuple(mine), "cleaner")
