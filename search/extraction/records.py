"""Pure: an article kept inside a container file (a WARC response, a scraper's JSON object) -> its
Article, the page cleaned as any page is and the container's own fields trusted over what the
page suggests."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ..errors import UnreadableArticle
from ..models import Article, CleanedPage, Record
from .article import extract_article
from .decoding import decode
from .fields import parse_date, possible_date
from .html_pages import clean_html
from .lines import clean_text

# The names scrapers give each field, the most specific first: news-please (maintext, date_publish,
# source_domain), trafilatura's JSON (text, raw_text, date, hostname), schema.org's NewsArticle
# (articleBody, datePublished, inLanguage, publisher), NewsAPI (content, publishedAt, source.name),
# Scrapy items and RSS-born exports (body, link, pubDate).
TEXT_FIELDS = ("maintext", "articleBody", "text", "raw_text", "body", "content", "description", "summary")
HTML_FIELDS = ("html", "raw_html", "content_html", "body_html")
TITLE_FIELDS = ("title", "headline", "name")
DATE_FIELDS = ("date_publish", "datePublished", "date_published", "published", "publishedAt", "published_at",
               "publish_date", "pubDate", "date")
FETCHED_FIELDS = ("date_download", "crawled_at", "fetched_at", "dateCrawled")
AUTHOR_FIELDS = ("authors", "author", "byline", "creator")
URL_FIELDS = ("url", "link", "canonical_url", "uri")
LANGUAGE_FIELDS = ("language", "lang", "inLanguage")
OUTLET_FIELDS = ("site_name", "outlet", "publisher", "source", "sitename", "source_domain", "hostname")
# A text field that holds markup is a page to clean, not text: "<p>…</p>" from a CMS's API.
MARKUP = re.compile(r"<(?:p|div|br|article|section|span|a|h[1-6]|ul|li|table|html|body)\b[^>]*>", re.IGNORECASE)
MAX_AUTHORS = 10


def _text_of(value) -> str | None:
    """A field's text: a string as it is, a list of strings (paragraphs) one a line, and an
    object by its text (WordPress's {"rendered": …}, NewsAPI's {"name": …}, JSON-LD's {"@value": …})."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return "\n".join(item.strip() for item in value if item.strip()) or None
    if isinstance(value, dict):
        for key in ("rendered", "name", "@value", "value", "text"):
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key].strip()
    return None


def _first(item: dict, names: tuple[str, ...]) -> str | None:
    return next((text for name in names if (text := _text_of(item.get(name))) is not None), None)


# Past this, a time given as a number counts milliseconds, not seconds, since 1970 (JavaScript's).
MILLISECONDS_FROM = 10**11


def _date_text(item: dict, names: tuple[str, ...]) -> str | None:
    """A date field's text; a number there is a Unix time (seconds, or milliseconds), as ISO 8601."""
    for name in names:
        value = item.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            seconds = value / 1000 if value >= MILLISECONDS_FROM else value
            try:
                return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).isoformat()
            except (OverflowError, OSError, ValueError):
                continue
        if (text := _text_of(value)) is not None:
            return text
    return None


def _authors(item: dict) -> tuple[str, ...]:
    """The authors as a list of names: a list of strings or of {"name": …}, or one string."""
    for name in AUTHOR_FIELDS:
        value = item.get(name)
        values = value if isinstance(value, list) else [value]
        found = tuple(text for text in map(_text_of, values[:MAX_AUTHORS]) if text)
        if found:
            return found
    return ()


def record_of_json(item, doc_id: str, container: str) -> Record:
    """The Record of one JSON object a scraper wrote; UnreadableArticle when it holds no article
    (not an object, or no text nor page in any field of those names)."""
    if not isinstance(item, dict):
        raise UnreadableArticle(f"a JSON {type(item).__name__}, not an object holding an article")
    text, html = _first(item, TEXT_FIELDS), _first(item, HTML_FIELDS)
    if html is None and text is not None and MARKUP.search(text):
        html, text = text, None
    if text is None and html is None:
        raise UnreadableArticle("no article text: none of the fields " + ", ".join(TEXT_FIELDS + HTML_FIELDS))
    return Record(doc_id=doc_id, container=container, html=html, text=text, title=_first(item, TITLE_FIELDS),
                  date=_date_text(item, DATE_FIELDS), authors=_authors(item), url=_first(item, URL_FIELDS),
                  language=_first(item, LANGUAGE_FIELDS), site_name=_first(item, OUTLET_FIELDS),
                  fetched=_date_text(item, FETCHED_FIELDS))


def _paragraphs(text: str) -> str:
    """A scraper's text with its paragraphs apart: its single line breaks are paragraph breaks where
    it has no blank lines (news-please and trafilatura write so)."""
    return text if "\n\n" in text else text.replace("\n", "\n\n")


def _page_of(record: Record) -> CleanedPage:
    if record.payload:
        return clean_html(decode(record.payload, "html", record.charset))
    if record.html is not None:
        return clean_html(record.html)
    # The text is the article's alone: its first line is no headline, whether a title is given or not.
    return clean_text(_paragraphs(record.text or ""), headline_first=False)


def _with_fields(page: CleanedPage, record: Record) -> CleanedPage:
    """The page with the container's fields in place of what the page says: a scraper's title, authors
    and date, and the address the page was fetched from."""
    meta = page.metadata
    metadata = dataclasses.replace(
        meta, title=record.title or meta.title, url=record.url or meta.url,
        author_meta=", ".join(record.authors) if record.authors else meta.author_meta,
        language=record.language or meta.language, site_name=record.site_name or meta.site_name)
    date_hints = ((("meta", record.date),) if record.date else ()) + page.date_hints
    return dataclasses.replace(page, metadata=metadata, date_hints=date_hints)


def article_from_record(record: Record, latest: dt.date | None = None) -> Article:
    """The Article of a record; one with no date of its own is dated by when it was fetched, its
    date_source then "crawl". UnreadableArticle when no text is left once cleaned."""
    article = extract_article(record.doc_id, _with_fields(_page_of(record), record), latest)
    if not article.body.strip():
        raise UnreadableArticle("no article text left after removing boilerplate")
    if article.date is None and record.fetched and (fetched := parse_date(record.fetched)) \
            and possible_date(fetched, "meta", latest):
        article = dataclasses.replace(article, date=fetched, date_source="crawl")
    return article
