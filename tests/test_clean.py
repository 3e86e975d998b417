"""Cleaning tables: plain-text scrapes and HTML pages -> article text without page furniture."""

import pytest

from search.clean import clean_html, clean_text, is_boilerplate_line


@pytest.mark.parametrize("line", [
    "728 x 90", "300x250", "%d bloggers like this:", "Share this:", "Advertisement", "Like Loading...",
    "Click to share on Twitter (Opens in new window)", "We use cookies to improve your experience.",
    "Read more: Council approves bus lane", "Photo: Fans on the pitch", "© 2024 Halden Herald Media",
    "Tags: politics, harbour",
])
def test_boilerplate_lines(line):
    assert is_boilerplate_line(line)


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
    assert page.hints["title"] == "Headline Of The Story"
    assert page.hints["reported_by"] == "Jane Roe"
    assert page.hints["bio_author"] == "Jane Roe"
    assert page.paragraphs == ("First paragraph of the story.", "Second paragraph.")


def test_text_scrape_drops_a_caption_printed_twice_and_joins_wrapped_lines():
    page = clean_text("Title\n\nJane Roe, mayor\nJane Roe, mayor\n\nA paragraph wrapped\nover two lines.\n")
    assert page.paragraphs == ("A paragraph wrapped over two lines.",)


def test_text_scrape_byline_under_the_headline():
    page = clean_text("Title\n\nBy Jane Roe\n\nText.\n")
    assert page.hints["byline"] == "Jane Roe"
    assert page.paragraphs == ("Text.",)


def test_a_first_paragraph_opening_with_by_is_text_not_a_byline():
    opening = ("BY THE POLITICAL AND DIPLOMATIC TURMOIL IN SAIGON, THE ALL BUT FORGOTTEN WAR AGAINST THE "
               "VIET CONG CONTINUES ON ITS UGLY, BLOODY AND WEARISOME COURSE .")
    page = clean_text(f"SOUTH VIET NAM\n\n{opening}\n")
    assert "byline" not in page.hints
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


def test_html_hints():
    page = clean_html(PAGE)
    assert page.hints["og_title"] == "Story headline"
    assert page.hints["html_title"] == "Story headline | The Paper"
    assert page.hints["site_name"] == "The Paper"
    assert page.hints["author_meta"] == "Jane Roe"
    assert page.hints["url"] == "https://paper.example/2019/04/02/story"
    assert page.date_hints[0] == ("meta", "2019-04-02T10:00:00+02:00")


def test_html_json_ld_in_a_graph():
    page = clean_html("""<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebSite"},
        {"@type": "NewsArticle", "headline": "H", "datePublished": "2020-01-02",
         "author": [{"@type": "Person", "name": "A One"}, {"name": "B Two"}]}]}</script>
        <script type="application/ld+json">{broken json</script></head><body><p>Text.</p></body></html>""")
    assert page.hints["jsonld_author"] == "A One, B Two"
    assert ("meta", "2020-01-02") in page.date_hints


def test_html_wrapper_with_a_misleading_class_is_kept():
    paragraphs = "".join(f"<p>Paragraph number {i} of the story with enough words in it.</p>" for i in range(5))
    page = clean_html(f'<html><body><div class="content has-sidebar">{paragraphs}</div></body></html>')
    assert len(page.paragraphs) == 5


def test_html_without_text():
    page = clean_html("<html><head><title>Empty</title></head><body><nav>Menu</nav></body></html>")
    assert page.paragraphs == ()
    assert page.hints["html_title"] == "Empty"
