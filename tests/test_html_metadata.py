"""Pure: what an HTML page says of its article besides the text: headlines, site name, author, address,
and its publication dates, in its meta tags and JSON-LD."""

from search.extraction.html_pages import clean_html

from .test_html_pages import PAGE


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


ARTICLE_TEXT = "<p>The council met on Tuesday to vote on the new bridge over the harbour, and it passed.</p>"


def _page(head: str) -> str:
    return f"<html><head>{head}</head><body><article><h1>Bridge vote</h1>{ARTICLE_TEXT}</article></body></html>"


def test_the_outlet_is_the_name_the_page_gives_before_an_address():
    from search.extraction.article import article_from_text

    publisher = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge vote", '
                 '"publisher": {"@type": "Organization", "name": "Example Zeitung"}}</script>')
    address = '<meta property="og:site_name" content="https://www.example-zeitung.de">'
    application = '<meta name="application-name" content="Halden Herald">'
    canonical = '<link rel="canonical" href="https://www.example-zeitung.de/news/bridge">'
    outlet = {name: article_from_text("a/b.html", "html", _page(head)).outlet for name, head in {
        "publisher over an address": address + publisher,
        "application name over an address": address + application,
        "an address alone, as its host": address,
        "the page's host": canonical,
        "og:site_name first": '<meta property="og:site_name" content="Coastal Times">' + publisher,
    }.items()}
    assert outlet == {"publisher over an address": "Example Zeitung", "application name over an address": "Halden Herald",
                      "an address alone, as its host": "example-zeitung.de", "the page's host": "example-zeitung.de",
                      "og:site_name first": "Coastal Times"}
