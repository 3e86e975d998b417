"""Pure: an HTML page -> its article's paragraphs and metadata, the furniture around it dropped."""


from search.extraction.html_pages import clean_html

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
