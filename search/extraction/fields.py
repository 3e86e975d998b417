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
from .html_metadata import is_address
from .lines import normalize_space
from .sentences import SURNAME_PARTICLES, split_sentences

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


# An address's last part standing in for a headline: words joined by hyphens, no space.
SLUG = re.compile(r"[^\W_]+(?:[-_][^\W_]+){2,}")


def _stands_in(title: str, site: str | None) -> bool:
    """Whether a title is no headline: a slug ("car-seat-test-autumn-2018") or the site's name."""
    return bool(SLUG.fullmatch(title)) or bool(site) and title.strip().lower() == site.strip().lower()


def extract_title(page: CleanedPage) -> str | None:
    """The headline: og:title or JSON-LD's, else the h1, else <title>, without the site's name. The
    page's visible h1 is taken as written wherever the others repeat it; a slug or the site's name
    is no headline, and a headline cut short gives way to the h1 or <title> that goes on with it."""
    meta = page.metadata
    if meta.title:
        return meta.title
    site, h1 = meta.site_name, meta.h1
    shown = [title for title in (h1, strip_site_suffix(meta.html_title, site) if meta.html_title else None)
             if title and not _stands_in(title, site)]
    given = [value for value in (meta.og_title, meta.jsonld_headline) if value]
    if h1 and any(value == h1 or strip_site_suffix(value, site) == h1 for value in given):
        return h1
    written = [title for title in (strip_site_suffix(value, site) for value in given) if not _stands_in(title, site)]
    if written and _cut_short(written[0]):
        cut_at = written[0].rstrip(" .…").lower()
        return next((title for title in shown if len(title) > len(cut_at) and title.lower().startswith(cut_at)),
                    written[0])
    if written:
        return written[0]
    return shown[0] if shown else None


# A headline stopped mid-phrase: at an ellipsis, or at a short lower-case word ("… al ministro de").
CUT_SHORT = re.compile(r"(?:…|\.\.\.|\s[a-zà-ÿ]{1,3})\s*$")


def _cut_short(title: str) -> bool:
    return bool(CUT_SHORT.search(title))


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


# Dates a system writes where it has none: the Unix epoch (and its eve west of Greenwich), the
# first day of 1900 and a spreadsheet's day 0, Windows' first day.
SENTINEL_DATES = frozenset({dt.date(1970, 1, 1), dt.date(1969, 12, 31), dt.date(1900, 1, 1),
                            dt.date(1899, 12, 30), dt.date(1899, 12, 31), dt.date(1601, 1, 1)})
# The first web page went up on 6 August 1991: a page's metadata or address dating it earlier is
# wrong, where the article's own dateline may be older (a 1963 magazine piece, republished).
WEB_BEGAN = dt.date(1991, 8, 6)


def possible_date(day: dt.date, source: str, latest: dt.date | None) -> bool:
    """Whether a date found in `source` can be a publication date: no sentinel, not after `latest`
    (None: no bound), and, from a page's metadata or address, not before the web."""
    return day not in SENTINEL_DATES and (latest is None or day <= latest) \
        and (source == "text" or day >= WEB_BEGAN)


def _dates_found(page: CleanedPage):
    """(date, source) of each date the page offers, most trusted first: its metadata, a date in its
    address, then a date the page shows (a date element, a dateline), never one merely mentioned in
    the text."""
    for source, raw in page.date_hints:
        if source == "meta" and (found := parse_date(raw)):
            yield found, source
    if page.metadata.url and (found := date_from_url(page.metadata.url)):
        yield found, "url"
    for source, raw in page.date_hints:
        if source == "text" and (found := parse_date(raw, page.metadata.language)):
            yield found, source
    if found := date_from_dateline(page.paragraphs, page.metadata.language):
        yield found, "text"


def extract_date(page: CleanedPage, latest: dt.date | None = None) -> tuple[dt.date, str] | None:
    """(date, source), source one of 'meta', 'url', 'text': the most trusted date the page offers
    that can be its publication date (possible_date); an impossible one gives way to the next."""
    return next(((day, source) for day, source in _dates_found(page) if possible_date(day, source, latest)), None)


# ------------------------------------------------------------------------------------------ author

# The word a byline opens with, in English, German, French, Spanish, Portuguese, Italian, Dutch and
# the Scandinavian languages ("By", "Von", "Par", "Por", "Di", "Door", "Av"), or a writer's credit
# ("Written by", "Text:"). Italian "Di" only before a name of two words: "Di Maio" is a surname.
BYLINE_WORD = re.compile(r"^(?:(?:reported|written|posted|analysis|opinion|commentary|review|story|words|interview)\s+by|by|von|par|por|door|av|text|texte|texto|autor|autorin"
                         r"|auteur|di(?=\s+[A-Z]\S*\s+[A-Z]))(?:\s*:\s*|\s+)", re.IGNORECASE)
# Where a byline's name ends and its date or a stamp begins: a digit, or "Updated", "Published" in
# those languages ("AP Updated: March 3, 2021", "Von Anna Berger Mo, 4. März 2019").
AUTHOR_ENDS = re.compile(r"\d|\b(?:updated|published|posted|last\s+modified|aktualisiert|veröffentlicht|mis\s+à\s+jour"
                         r"|publié|actualizado|publicado)\b", re.IGNORECASE)
# A weekday or a month left before the date cut off a name: "Anna Berger Mo,", "John Smith March".
DAY_NAMES = frozenset("""mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday
    saturday sunday mo di mi do fr sa so montag dienstag mittwoch donnerstag freitag samstag sonntag lun mar mer
    jeu ven sam dim lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes
    sábado domingo jan feb apr jun jul aug sep sept oct nov dec january february march april may june july
    august september october november december januar februar märz mai juni juli oktober dezember janv févr
    avr juil déc janvier février mars avril juin juillet août septembre octobre novembre décembre ene abr ago
    dic enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre""".split())
SEPARATORS = " .,;:|·•-–—/"
# A picture's credit where a byline stands ("Photo: …", "Фото: …"): whoever took it wrote nothing.
CREDIT = re.compile(r"^(?:photos?|fotos?|фото|bild|bilder|image|imagen|crédits?(?:\s+photo)?|credit)\s*:", re.IGNORECASE)


# What else ends a byline's name: a separator before a place or a section ("Juan Pérez | Madrid"), a
# role in lower case after a comma ("Jean Dupont, envoyé spécial"), a second credit ("; Fotos: …",
# "und Jan Keller (Fotos)"), and the network links printed beside it ("Twitter", "E-Mail").
PICTURES = r"(?:fotos?|photos?|bilder?|grafik|infografik|video)"
NAME_ENDS = re.compile(rf"\s+[|•·»>]\s.*$|,\s+(?-i:[a-zà-ÿ]).*$|[;,]?\s*\b{PICTURES}\s*:.*$"
                       rf"|\s+(?:und|and|et|y|e)\s+[^()]*\({PICTURES}\).*$", re.IGNORECASE)
WRITER_CREDIT = re.compile(r"\s*\((?:text|texte|texto|testo)\)", re.IGNORECASE)
NETWORK_LINKS = re.compile(r"(?:\s+(?:twitter|facebook|instagram|linkedin|e-?mail|mail|rss|follow|folgen))+$",
                           re.IGNORECASE)
# A role after a name of two words or more: "Ben Silverman Games Editor", "Mark Di Stefano BuzzFeed News
# Reporter". The name is its first word, any initials and particles, and the surname after them.
ROLE_ENDINGS = frozenset({"reporter", "editor", "correspondent", "writer", "columnist", "contributor", "producer",
                          "critic"})
# The small words inside a surname, Italian's and Dutch's too: "Mark Di Stefano", "Anna ten Brink".
BYLINE_PARTICLES = SURNAME_PARTICLES | {"di", "della", "ten", "ter"}


def _without_trailing_role(name: str) -> str:
    words = name.split()
    if len(words) < 4 or words[-1].lower().split("-")[0] not in ROLE_ENDINGS:
        return name
    kept = words[:1]
    for word in words[1:]:
        kept.append(word)
        if not (re.fullmatch(r"[A-Z]\.", word) or word.lower() in BYLINE_PARTICLES):
            break
    return " ".join(kept).strip(SEPARATORS)


# Words a byline's place holds that name no one: a section, a link's label, a bare role.
NOT_AUTHORS = frozenset({
    "home", "news", "opinion", "opinions", "meinung", "politik", "wirtschaft", "sport", "sports", "kultur", "lokales",
    "opinión", "política", "economía", "deportes", "cultura", "actualité", "société", "contributor", "contributors",
    "guest", "author", "authors", "staff", "admin", "administrator", "editor", "editors", "about the author",
    "the author"})


def clean_author(raw: str) -> str | None:
    """A byline as a name: without its opening word, and without the date or stamp after it (and
    the weekday and month before the date), a place, role or second credit after it, or the links
    beside it; None where nothing like a name is left ("12. Mai 2020", "By …", "Opinion", a web
    address), or for a picture's credit ("Фото: …")."""
    if CREDIT.match(normalize_space(raw)) or re.match(r"(?:https?://|www\.)", raw.strip()):
        return None
    name = BYLINE_WORD.sub("", normalize_space(raw))
    if cut := AUTHOR_ENDS.search(name):
        words = name[:cut.start()].rstrip(SEPARATORS).split()
        while words and words[-1].strip(SEPARATORS).lower() in DAY_NAMES:
            words.pop()
        name = " ".join(words)
    name = _without_trailing_role(NETWORK_LINKS.sub("", NAME_ENDS.sub("", WRITER_CREDIT.sub("", name))).strip(SEPARATORS))
    if name.lower() in NOT_AUTHORS:
        return None
    return name if 1 < len(name) <= 100 and any(character.isalpha() for character in name) else None


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


def readable_host(address: str) -> str | None:
    """An address's host without "www.": "https://www.example-zeitung.de/x" -> "example-zeitung.de"."""
    try:
        host = urlsplit(address if "://" in address else f"//{address}").hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def extract_outlet(page: CleanedPage, url: str | None, doc_id: str) -> str | None:
    """Where the article was published: the site's name from its metadata (a name there given as an
    address, as its host), else the host of its address, else the corpus folder it sits in."""
    site = normalize_space(page.metadata.site_name or "")[:MAX_OUTLET_CHARS]
    if site and (name := readable_host(site) if is_address(site) else site):
        return name
    if url and (host := readable_host(url)):
        return host
    folder = doc_id.split("/", 1)[0] if "/" in doc_id else ""
    return folder or None  # an absolute path (extract of a file named so) has no corpus folder


