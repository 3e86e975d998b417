"""Pure: a cleaned page -> its title, publication date, author and outlet.

Each extract_x() tries its sources in order of trust and returns None when none gives a value:
a missing field is better than an invented one."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import dateparser
from dateutil import parser as date_parser

from ..models import CleanedPage
from .attribution import split_sentences
from .lines import normalize_space

TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—»·]|-|::)\s+")
# A site's name is short: "Headline | The Paper", "Coastal Times - Headline".
MAX_SITE_WORDS = 4


# ------------------------------------------------------------------------------------------- title

def strip_site_suffix(title: str, site_name: str | None = None) -> str:
    """'Headline | Site' -> 'Headline', 'Site - Headline' -> 'Headline'; a part is cut only when it is the
    site's name or short enough to be one, and the longer side is kept."""
    separators = list(TITLE_SEPARATOR.finditer(title))
    if not separators:
        return title
    if site_name:
        for separator in separators:
            if normalize_space(title[separator.end():]).lower() == site_name.lower():
                return title[: separator.start()].strip()
            if normalize_space(title[: separator.start()]).lower() == site_name.lower():
                return title[separator.end():].strip()
    last, first = separators[-1], separators[0]
    head, tail = title[: last.start()].strip(), title[last.end():].strip()
    if len(tail.split()) <= MAX_SITE_WORDS and len(head) > len(tail):
        return strip_site_suffix(head, site_name) if len(separators) > 1 else head
    head, tail = title[: first.start()].strip(), title[first.end():].strip()
    if len(head.split()) <= MAX_SITE_WORDS and len(tail) > len(head):
        return tail
    return title


def extract_title(page: CleanedPage) -> str | None:
    """The headline: og:title or JSON-LD's, else the h1, else <title>, without the site's name. The
    page's visible h1 is taken as written wherever the others repeat it."""
    meta = page.metadata
    if meta.title:
        return meta.title
    site, h1 = meta.site_name, meta.h1
    written = [value for value in (meta.og_title, meta.jsonld_headline) if value]
    for value in written:
        if h1 and (value == h1 or strip_site_suffix(value, site) == h1):
            return h1
    if written:
        return strip_site_suffix(written[0], site)
    if h1:
        return h1
    if meta.html_title:
        return strip_site_suffix(meta.html_title, site)
    return None


MAX_LEAD_TITLE_CHARS = 150


def lead_title(paragraphs: tuple[str, ...]) -> str | None:
    """A headline for an article that has none: its first sentence, cut at a word if long."""
    if not paragraphs:
        return None
    first = split_sentences(paragraphs[0])[0]
    if len(first) <= MAX_LEAD_TITLE_CHARS:
        return first
    return first[:MAX_LEAD_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " …"


# -------------------------------------------------------------------------------------------- date

EARLIEST_YEAR, LATEST_YEAR = 1800, 2200
_NO_DEFAULT = dt.datetime(1, 1, 1)
_OTHER_DEFAULT = dt.datetime(1, 2, 2)
FULL_ISO_DATE = re.compile(r"^\d{4}-?\d{2}-?\d{2}(?:$|[T\s])")
URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:/|[-_]|$)")
# "Tirana, Dec. 23, 2018 -", "LONDON, 23 December 2018 —", "March 3, 2021 -": a dateline opens a paragraph
DATELINE = re.compile(
    r"^(?:[A-Z][^\d,:.!?\"“]{1,40},\s+){0,2}(?:\([^)]{1,30}\)\s+)?"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})"
    r"\s*(?:\([^)]{1,30}\)\s*)?[-–—:]"
)


# A written date in the page's own language needs its day, month and year; relative dates
# ("5 hours ago") never qualify, since the text must hold a four-digit year.
WRITTEN_DATE_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}


def parse_date(raw: str, language: str | None = None) -> dt.date | None:
    """A calendar date from ISO or written text; None when the text does not state a full date.

    English and numeric dates are read by dateutil; with the page's `language` (from <html lang>),
    dates written in it ("martes 17 de marzo de 2020") are read by dateparser."""
    raw = raw.strip(" \t/|·-–—")
    if not re.search(r"\d{4}", raw):
        return None
    try:
        try:
            value = date_parser.isoparse(raw)
            if not FULL_ISO_DATE.match(raw):
                return None  # "2019" and "2019-03" are ISO too, but name no day
        except ValueError:
            value = date_parser.parse(raw, default=_NO_DEFAULT, ignoretz=True)
            # A month or day the text leaves out would come from the default: parse against a second
            # default, and a part that changes with it was never written ("March 2019", "2019").
            other = date_parser.parse(raw, default=_OTHER_DEFAULT, ignoretz=True)
            if (value.month, value.day) != (other.month, other.day):
                return None
    except (ValueError, OverflowError):
        value = None
        if language and language != "en":
            try:
                value = dateparser.parse(raw, languages=[language], settings=WRITTEN_DATE_SETTINGS)
            except (ValueError, OverflowError, KeyError):
                value = None
    if value is None:
        return None
    return value.date() if EARLIEST_YEAR <= value.year <= LATEST_YEAR else None


def date_from_url(url: str) -> dt.date | None:
    match = URL_DATE.search(url)
    if not match:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


DATELINE_PARAGRAPHS = 5
MAX_DATE_LINE_CHARS = 40


def date_from_dateline(paragraphs: Iterable[str], language: str | None = None) -> dt.date | None:
    """The date of a dateline ("LONDON, 23 December 2018 —") or of a line that is only a date, among
    the article's first paragraphs."""
    for paragraph in list(paragraphs)[:DATELINE_PARAGRAPHS]:
        if match := DATELINE.match(paragraph):
            return parse_date(match["date"])
        if len(paragraph) <= MAX_DATE_LINE_CHARS and (found := parse_date(paragraph, language)):
            return found
    return None


def extract_date(page: CleanedPage) -> tuple[dt.date, str] | None:
    """(date, source) with source one of 'meta', 'url', 'text': the page's metadata first, then a date
    in its address, then a date the page shows (a date element, a dateline), never one merely
    mentioned in the text."""
    for source, raw in page.date_hints:
        if source == "meta" and (found := parse_date(raw)):
            return found, source
    if page.metadata.url and (found := date_from_url(page.metadata.url)):
        return found, "url"
    for source, raw in page.date_hints:
        if source == "text" and (found := parse_date(raw, page.metadata.language)):
            return found, source
    if found := date_from_dateline(page.paragraphs, page.metadata.language):
        return found, "text"
    return None


# ------------------------------------------------------------------------------------------ author

def clean_author(raw: str) -> str | None:
    name = re.sub(r"^(?:by|reported by|written by)[:\s]+", "", normalize_space(raw), flags=re.IGNORECASE)
    name = name.strip(" .,|")
    return name if 1 < len(name) <= 100 else None


def extract_author(page: CleanedPage) -> str | None:
    meta = page.metadata
    for raw in (meta.author_meta, meta.jsonld_author, meta.byline, meta.reported_by, meta.bio_author):
        if raw and (name := clean_author(raw)):
            return name
    return None


# ------------------------------------------------------------------------------------------ outlet

def web_address(raw: str | None) -> str | None:
    """The page's address when it is one a reader can follow (http or https, with a host): never
    javascript:, data: or a relative path, which a link would run or misread."""
    if not raw:
        return None
    try:
        parts = urlsplit(raw.strip())
    except ValueError:
        return None
    return parts.geturl() if parts.scheme.lower() in ("http", "https") and parts.hostname else None


MAX_OUTLET_CHARS = 100


def extract_outlet(page: CleanedPage, url: str | None, doc_id: str) -> str | None:
    """Where the article was published: the site's name from its metadata, else the host of its
    address, else the corpus folder it sits in."""
    if page.metadata.site_name and (name := normalize_space(page.metadata.site_name)[:MAX_OUTLET_CHARS]):
        return name
    if url and (host := urlsplit(url).hostname):
        return host.removeprefix("www.")
    folder = doc_id.split("/", 1)[0] if "/" in doc_id else ""
    return folder or None  # an absolute path (extract of a file named so) has no corpus folder


