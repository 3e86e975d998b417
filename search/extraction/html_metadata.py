"""Pure: what an HTML page says about its article besides the text (headlines, site name, author,
canonical address, language) as a PageMetadata, and the publication dates it offers, most trusted
first: ("meta" | "text", raw value) pairs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import lxml.html

from ..models import PageMetadata
from .lines import BIO_HEADER, BYLINE, normalize_space

Element = lxml.html.HtmlElement

DATE_META = (
    ("property", "article:published_time"), ("property", "og:published_time"), ("name", "article:published_time"),
    ("itemprop", "datePublished"), ("name", "pubdate"), ("name", "publishdate"), ("name", "publish-date"),
    ("name", "publish_date"), ("name", "date"), ("name", "dc.date.issued"), ("name", "dc.date"),
    ("name", "dcterms.created"), ("name", "sailthru.date"), ("name", "parsely-pub-date"),
)
ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                 "opinionnewsarticle", "report", "webpage", "liveblogposting"}
JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"(?P<date>[^"]{8,40})"')
DATE_ELEMENT = re.compile(r"(?:^|[\s_-])(?:date|datetime|time|timestamp|published|pubdate|posted|post-?date|"
                          r"entry-?date|article-?date|posted-?on|dateline|news-?time\w*|date-?time|created|"
                          r"article_created)(?:$|[\s_-])", re.IGNORECASE)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}.*)?$")
# A text that may be nothing but a date: "2020-03-04 16:52:59", "August 06, 2019", "17.03.2020".
STANDALONE_DATE = re.compile(r"^\s*(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}\S*)?|[A-Z][a-z]{2,8}\.? \d{1,2},? (?:19|20)\d{2}"
                             r"|\d{1,2}\.? [A-Z][a-z]{2,8}\.? (?:19|20)\d{2}|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})\s*$")
COMMENTARY = re.compile(r"comment|reply|replies|related|sidebar|widget|recirc|popular|trending|footer", re.IGNORECASE)
MAX_DATE_ELEMENTS = 8
MAX_DATE_CHARS = 60
BYLINE_CLASSES = {"byline", "author-name", "author"}


def element_names(element: Element) -> str:
    """The class and id of an element, the words page furniture is recognised by."""
    return f"{element.get('class') or ''} {element.get('id') or ''}".strip()


def element_text(element: Element) -> str:
    return normalize_space(" ".join(element.itertext()))


def json_ld_objects(scripts: list[str]) -> Iterator[dict]:
    """Every JSON-LD object of the scripts, nested @graph members included. Of JSON that does not
    parse (a trailing comma is common), only the publication date is read."""
    for script in scripts:
        try:
            data = json.loads(script)
        except (ValueError, TypeError):
            if match := JSON_LD_DATE.search(script):
                yield {"datePublished": match["date"]}
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if "@graph" in item:
                    stack.append(item["@graph"])


# A web address, or a host that starts with www.: what a reader does not call an outlet. A brand
# written with its domain ("Snopes.com", "Express.co.uk") is a name.
ADDRESS = re.compile(r"^(?:[a-z]+://|www\.)\S+$", re.IGNORECASE)


def is_address(value: str | None) -> bool:
    """Whether a value is a web address ("https://www.example.de", "www.example.de")."""
    return bool(value) and bool(ADDRESS.match(value.strip()))


def _is_article_object(item: dict) -> bool:
    kinds = item.get("@type", "")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(kind, str) and kind.lower() in ARTICLE_TYPES for kind in kinds)


def _person_names(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and "://" not in name:
            names.append(normalize_space(name))
    return names


def _first_text(root: Element, path: str) -> str | None:
    found = root.find(path)
    return (element_text(found) or None) if found is not None else None


def html_metadata(root: Element, page) -> PageMetadata:
    hints: dict[str, str] = {}

    def put(key: str, value: str | None) -> None:
        if value and key not in hints:
            hints[key] = value

    put("og_title", page.get("property", "og:title") or page.get("name", "twitter:title"))
    # The site's name: from Open Graph, JSON-LD's publisher or the application's name, where one
    # gives a name rather than an address; an address only where none does.
    site_name = page.get("property", "og:site_name")
    put("site_name", None if is_address(site_name) else site_name)
    for item in page.json_ld:
        if _is_article_object(item):
            put("site_name", next(iter(_person_names(item.get("publisher"))), None))
    application = page.get("name", "application-name")
    put("site_name", None if is_address(application) else application)
    put("site_name", site_name)
    put("h1", _first_text(root, ".//article//h1") or _first_text(root, ".//h1"))
    put("html_title", _first_text(root, ".//title"))
    author = page.get("name", "author") or page.get("property", "article:author")
    put("author_meta", author if author and "://" not in author else None)
    for item in page.json_ld:
        if _is_article_object(item):
            put("jsonld_author", ", ".join(_person_names(item.get("author"))))
            put("jsonld_headline", item.get("headline") if isinstance(item.get("headline"), str) else None)
    put("byline", _byline(page.byline_candidates))
    canonical = root.find(".//link[@rel='canonical']")
    put("url", canonical.get("href") if canonical is not None else None)
    put("url", page.get("property", "og:url"))
    language = root.get("lang") or page.get("property", "og:locale") or page.get("http-equiv", "content-language")
    put("language", re.split(r"[-_]", language.strip())[0].lower()[:3] if language else None)
    return PageMetadata(**hints)


def is_byline_name(names: str) -> bool:
    return any(name in BYLINE_CLASSES or "byline" in name for name in names.split())


def _byline(candidates: list[Element]) -> str | None:
    for element in candidates:
        name_element = element.find(".//*[@itemprop='name']") if element.get("itemprop") == "author" else None
        text = element_text(name_element if name_element is not None else element)
        match = BYLINE.match(text)
        name = match["name"] if match else text
        if name and len(name) <= 60 and not BIO_HEADER.match(name):
            return name.strip()
    return None


def _is_commentary(element: Element) -> bool:
    """Inside comments, sidebars or related stories, whose dates are not the article's."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("aside", "footer", "nav") or COMMENTARY.search(element_names(ancestor)):
            return True
    return False


def html_date_hints(root: Element, page) -> Iterator[tuple[str, str]]:
    for attr, value in DATE_META:
        if found := page.get(attr, value):
            yield ("meta", found)
    for item in page.json_ld:
        if isinstance(item.get("datePublished"), str):
            yield ("meta", item["datePublished"])
    for value in page.date_published:
        yield ("meta", value)
    scope = root.find(".//article")
    for element in (scope if scope is not None else root).iter("time"):
        if element.get("datetime") and not any(a.tag in ("aside", "footer") for a in element.iterancestors()):
            yield ("meta", element.get("datetime"))
            break
    # Then the first date shown on the page in an element named for it ("entry-date", "post-time"),
    # outside comments and sidebars; a date is taken only where the element says nothing else.
    for element in page.date_elements[:MAX_DATE_ELEMENTS]:
        if _is_commentary(element):
            continue
        for attr in ("datetime", "title", "content"):
            value = (element.get(attr) or "").strip()
            if ISO_DATE.match(value):
                yield ("text", value)
        text = element_text(element)
        if 6 <= len(text) <= MAX_DATE_CHARS:
            yield ("text", text)
    # Last, a date standing alone in the page's text ("2020-03-04 16:52:59", "August 06, 2019").
    for element, text in page.date_strings:
        if not _is_commentary(element):
            yield ("text", text)
