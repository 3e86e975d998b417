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
