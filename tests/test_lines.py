"""Pure: the line rules that tell furniture from prose, and plain-text scrapes -> article text."""

import re

import pytest

from search.extraction.lines import (BOILERPLATE_RULES, FOOTER_RULES, clean_text, is_boilerplate_line,
                                     reads_as_prose)


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
