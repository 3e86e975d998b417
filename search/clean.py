"""Pure cleaning: a scraped page (plain-text scrape or HTML) -> its article text and metadata hints.

Nothing here reads files, the clock or the environment. Hint names produced:
`title` (a .txt scrape's headline), `og_title`, `h1`, `html_title`, `site_name`, `author_meta`,
`jsonld_author`, `byline`, `reported_by`, `bio_author`, `url`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag
from bs4.element import PreformattedString

from .models import CleanedPage

# Lines that are page furniture wherever they appear.
BOILERPLATE_LINE = re.compile(
    r"""^(?:
        \d{2,4}\s*[x×]\s*\d{2,4}                                   # ad slot sizes: "728 x 90"
      | %d\s+bloggers\s+like\s+this:?
      | (?:advertisement|advert|sponsored(?:\s+content)?|ad|comments?|\d+\s+comments?)
      | (?:tell\s+us\s+what\s+you\s+think|leave\s+a\s+(?:comment|reply)|join\s+the\s+(?:conversation|discussion))\b.{0,20}
      | this\s+(?:slideshow|video|content|gallery)\s+requires\s+javascript\.?
      | (?:don'?t|do\s+not)\s+miss:?
      | (?=.{0,60}$)(?:updated|published|last\s+(?:updated|modified)|posted)(?:\s+(?:on|at))?[:\s]+.{0,30}\d.*
      | (?=.{0,80}$)click\s+here\b.*
      | .{0,80}\b(?:contributed\s+to|contributed\s+reporting\s+to)\s+this\s+(?:report|story|article)\.?
      | (?:share|share\s+this(?:\s+(?:article|story))?|tweet|email|print|pin\s+it|whatsapp|facebook|twitter|linkedin|reddit)[:!]?
      | (?:like\s+this|like\s+loading\.*|loading\.*)[:!]?
      | click\s+to\s+(?:share|email|print)\b.*
      | (?:sign\s+up|subscribe)\b.{0,80}newsletter.*
      | (?:we|this\s+(?:web)?site)\s+uses?\s+cookies\b.*
      | (?:accept|reject)(?:\s+all)?(?:\s+cookies)?
      | (?:read|see)\s+(?:more|also)\b.{0,120}
      | (?:photo|image|picture|caption|video)(?:\s+credit)?s?:.*
      | .{0,300}\((?:image|photo|picture|pictured|credit|source)s?:[^()]{1,80}\)                # captions: "(Image: GETTY)"
      | (?:skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|toggle\s+navigation|main\s+menu|menu)
      | (?:tags?|filed\s+under|categories|category):.*
      | (?:previous|next)\s+(?:article|post|story)\b.*
      | (?:copyright\s+)?©.*
      | all\s+rights\s+reserved\.?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# A line that starts the footer: everything from it to the end of a text scrape is dropped.
FOOTER_START = re.compile(
    r"^(?:latest\s+news(?:\s+and\s+articles)?|related\s+(?:articles|posts|stories|news|coverage)"
    r"|more\s+(?:stories|news|from\s+\w[\w\s]{0,40})|you\s+(?:may|might)\s+also\s+like"
    r"|recommended(?:\s+for\s+you)?|trending(?:\s+now)?|most\s+(?:read|popular))\s*(?:[:.…]|\.\.\.)?$",
    re.IGNORECASE,
)

REPORTED_BY = re.compile(r"^(?:reported|written|posted|compiled)\s+by[:\s]+(?P<name>.{2,80}?)\.?$", re.IGNORECASE)
# A byline is a short line: "By THE POLITICAL TURMOIL IN SAIGON, THE WAR ..." opens an article.
BYLINE = re.compile(r"^by[:\s]+(?P<name>[^\d|•,]{2,60}?)(?:\s*[|•,].{0,60})?$", re.IGNORECASE)
BIO_HEADER = re.compile(r"^about\s+(?:the\s+author[:\s]+)?(?P<name>.{2,60}?)\s*(?:\(\d[\d,]*\s+(?:articles?|posts?)\))?$",
                        re.IGNORECASE)
BIO_HEADER_COUNTED = re.compile(r"^about\s+(?P<name>.{2,60}?)\s*\(\d[\d,]*\s+(?:articles?|posts?)\)$", re.IGNORECASE)
# The one-sentence author bio that closes many articles: "Hana Sato is a staff reporter at the Herald ..."
BIO_SENTENCE = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s){1,3}(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s){0,6}"
    r"(?:reporter|writer|editor|correspondent|journalist|columnist|contributor|producer|intern|author)\b.{0,200}$")
TRAILING_LINES = 3
WHITESPACE = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip()


def is_boilerplate_line(line: str) -> bool:
    return bool(BOILERPLATE_LINE.match(line))


def _text_blocks(text: str) -> list[list[str]]:
    """Split a scrape into blocks of consecutive non-blank lines."""
    blocks: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = normalize_space(raw)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _drop_repeated_lines(lines: list[str]) -> list[str]:
    """A line repeated on the next line is a photo caption printed twice: drop every copy."""
    kept = []
    for i, line in enumerate(lines):
        repeated = (i > 0 and lines[i - 1] == line) or (i + 1 < len(lines) and lines[i + 1] == line)
        if not repeated:
            kept.append(line)
    return kept


def clean_text(text: str) -> CleanedPage:
    """Clean a plain-text scrape: first real line is the headline, the rest is the article."""
    hints: dict[str, str] = {}
    lines: list[str | None] = []  # None marks a block boundary
    for block in _text_blocks(text):
        lines.extend(_drop_repeated_lines(block))
        lines.append(None)

    kept: list[str | None] = []
    skip_next_text_line = False
    for line in lines:
        if line is None:
            kept.append(None)
            continue
        if skip_next_text_line:
            skip_next_text_line = False
            continue
        if FOOTER_START.match(line):
            break
        if is_boilerplate_line(line):
            continue
        if match := REPORTED_BY.match(line):
            hints.setdefault("reported_by", match["name"].strip())
            continue
        if match := BIO_HEADER_COUNTED.match(line):
            hints.setdefault("bio_author", match["name"].strip())
            skip_next_text_line = True  # the bio paragraph itself
            continue
        if not _has_text(kept) and "title" in hints and (match := BYLINE.match(line)):
            hints.setdefault("byline", match["name"].strip())
            continue
        if "title" not in hints and len(line) <= 300:
            hints["title"] = line
            continue
        kept.append(line)
    return CleanedPage(paragraphs=tuple(_join_blocks(kept)), hints=hints)


def _has_text(lines: list[str | None]) -> bool:
    return any(line is not None for line in lines)


def _join_blocks(lines: Iterable[str | None]) -> Iterator[str]:
    """Consecutive lines form one paragraph (hard-wrapped text); blank lines separate paragraphs."""
    current: list[str] = []
    for line in lines:
        if line is None:
            if current:
                yield " ".join(current)
            current = []
        else:
            current.append(line)
    if current:
        yield " ".join(current)


# ---------------------------------------------------------------------------------------------- HTML

DROP_TAGS = ("script", "style", "noscript", "iframe", "nav", "header", "footer", "aside", "form", "svg",
             "button", "template", "select", "input", "textarea", "figcaption", "dialog", "object", "embed")
BLOCK_TAGS = ("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
              "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt", "dl", "figure", "br", "hr", "address")
# class/id/role words that mark page furniture rather than the article
BOILERPLATE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:ads?|advert\w*|adslot|dfp|banner|share\w*|social\w*|sharing|related\w*|dateline|timestamp|date|recommend\w*|"
    r"comments?|disqus|newsletter\w*|subscri\w*|signup|cookies?|consent|gdpr|bio|authorbio|author-?box|"
    r"about-?(?:the-?)?author|promo\w*|sponsor\w*|sidebar|breadcrumbs?|menu|nav|navbar|navigation|popup|modal|"
    r"outbrain|taboola|byline|more-?stories|read-?more|trending|most-?popular|paywall|skip-?link|"
    r"tags?|tag-?list|print|toolbar|pagination|footer|masthead)(?:$|[\s_-])",
    re.IGNORECASE,
)
BOILERPLATE_ROLES = {"navigation", "banner", "complementary", "contentinfo", "search", "dialog", "alert", "menu"}
DATE_META = (
    ("property", "article:published_time"), ("property", "og:published_time"), ("name", "article:published_time"),
    ("itemprop", "datePublished"), ("name", "pubdate"), ("name", "publishdate"), ("name", "publish-date"),
    ("name", "publish_date"), ("name", "date"), ("name", "dc.date.issued"), ("name", "dc.date"),
    ("name", "dcterms.created"), ("name", "sailthru.date"), ("name", "parsely-pub-date"),
)
BLOCK_BREAK = "\u2029"
ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                 "opinionnewsarticle", "report", "webpage", "liveblogposting"}


def parse_html(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def clean_html(html: str) -> CleanedPage:
    """Clean an HTML page: metadata hints first (they live in head and header), then the article text."""
    soup = parse_html(html)
    page = _PageScan(soup)
    hints = html_hints(soup, page)
    date_hints = tuple(html_date_hints(soup, page))
    for tag in page.furniture:
        if not tag.decomposed:
            tag.decompose()
    measures = _Measures(soup)
    container, scores = main_container(soup, measures)
    paragraphs = []
    for block in article_blocks(container, measures, scores):
        strip_boilerplate(block, measures)
        paragraphs.extend(p for p in block_texts(block) if not is_boilerplate_line(p))
    headline = {hints.get("h1"), hints.get("og_title"), hints.get("html_title")}
    while paragraphs and paragraphs[0] in headline:
        paragraphs.pop(0)
    return CleanedPage(paragraphs=tuple(_cut_footer(paragraphs)), hints=hints, date_hints=date_hints)


def _cut_footer(paragraphs: list[str]) -> list[str]:
    """Everything from a footer heading on, and author bios among the last lines."""
    for i, paragraph in enumerate(paragraphs):
        if FOOTER_START.match(paragraph):
            paragraphs = paragraphs[:i]
            break
    tail = len(paragraphs) - TRAILING_LINES
    return [p for i, p in enumerate(paragraphs) if i < tail or not BIO_SENTENCE.match(p)]


class _PageScan:
    """What the cleaner needs from the whole page, gathered in one walk over it: <meta> values,
    JSON-LD, elements marked as the publication date or the author, and the furniture to drop.
    Looking each of these up separately would walk the whole page once per lookup."""

    def __init__(self, soup: BeautifulSoup):
        self.meta: dict[tuple[str, str], str] = {}
        self.json_ld_scripts: list[str] = []
        self.date_published: list[str] = []
        self.byline_candidates: list[Tag] = []
        self.furniture: list[Tag] = []
        self.date_elements: list[Tag] = []
        self.date_strings: list[NavigableString] = []
        for tag in soup.descendants:
            if not isinstance(tag, Tag):
                if type(tag) is NavigableString and len(self.date_strings) < MAX_DATE_ELEMENTS \
                        and 8 <= len(tag) <= MAX_DATE_CHARS and STANDALONE_DATE.search(tag):
                    self.date_strings.append(tag)
                continue
            name, attrs = tag.name, tag.attrs
            if name == "meta":
                self._add_meta(attrs)
            elif name == "script" and "ld+json" in str(attrs.get("type", "")).lower():
                self.json_ld_scripts.append(tag.string or "")
            if attrs.get("itemprop") == "datePublished":
                value = attrs.get("content") or attrs.get("datetime")
                if isinstance(value, str):
                    self.date_published.append(value)
            if name == "time" or (attrs and _is_date_element(tag)):
                self.date_elements.append(tag)
            if attrs and _is_byline_candidate(tag):
                self.byline_candidates.append(tag)
            if name in DROP_TAGS or (attrs and _is_unlikely_candidate(tag)):
                self.furniture.append(tag)
        self.json_ld = list(_json_ld_objects(self.json_ld_scripts))

    def _add_meta(self, attrs: dict) -> None:  # noqa: D401 - one <meta> tag
        content = attrs.get("content") or attrs.get("datetime")
        if not isinstance(content, str) or not content.strip():
            return
        for attr in ("property", "name", "itemprop", "http-equiv"):
            value = attrs.get(attr)
            if isinstance(value, str):
                self.meta.setdefault((attr, value.strip().lower()), normalize_space(content))

    def get(self, attr: str, value: str) -> str | None:
        return self.meta.get((attr, value.lower()))


def _first_text(soup: BeautifulSoup | Tag, name: str) -> str | None:
    tag = soup.find(name)
    if isinstance(tag, Tag):
        text = normalize_space(tag.get_text(" "))
        return text or None
    return None


JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"(?P<date>[^"]{8,40})"')


def _json_ld_objects(scripts: list[str]) -> Iterator[dict]:
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


def html_hints(soup: BeautifulSoup, page: _PageScan) -> dict[str, str]:
    hints: dict[str, str] = {}

    def put(key: str, value: str | None) -> None:
        if value and key not in hints:
            hints[key] = value

    put("og_title", page.get("property", "og:title") or page.get("name", "twitter:title"))
    put("site_name", page.get("property", "og:site_name"))
    put("h1", _first_text(soup.find("article") or soup, "h1") or _first_text(soup, "h1"))
    put("html_title", _first_text(soup, "title"))
    author = page.get("name", "author") or page.get("property", "article:author")
    put("author_meta", author if author and "://" not in author else None)
    for item in page.json_ld:
        if _is_article_object(item):
            put("jsonld_author", ", ".join(_person_names(item.get("author"))))
            put("jsonld_headline", item.get("headline") if isinstance(item.get("headline"), str) else None)
    put("byline", _byline(page.byline_candidates))
    canonical = soup.find("link", attrs={"rel": "canonical"})
    put("url", canonical.get("href") if isinstance(canonical, Tag) else None)
    put("url", page.get("property", "og:url"))
    language = (soup.html.get("lang") if soup.html is not None else None) or page.get("property", "og:locale") \
        or page.get("http-equiv", "content-language")
    put("language", re.split(r"[-_]", language.strip())[0].lower()[:3] if isinstance(language, str) else None)
    return hints


DATE_ELEMENT = re.compile(r"(?:^|[\s_-])(?:date|datetime|time|timestamp|published|pubdate|posted|post-?date|"
                          r"entry-?date|article-?date|posted-?on|dateline|news-?time\w*|date-?time|created|article_created)(?:$|[\s_-])",
                          re.IGNORECASE)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}.*)?$")
# A text that may be nothing but a date: "2020-03-04 16:52:59", "August 06, 2019", "17.03.2020".
STANDALONE_DATE = re.compile(r"^\s*(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}\S*)?|[A-Z][a-z]{2,8}\.? \d{1,2},? (?:19|20)\d{2}"
                             r"|\d{1,2}\.? [A-Z][a-z]{2,8}\.? (?:19|20)\d{2}|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})\s*$")
COMMENTARY = re.compile(r"comment|reply|replies|related|sidebar|widget|recirc|popular|trending|footer", re.IGNORECASE)
MAX_DATE_ELEMENTS = 8
MAX_DATE_CHARS = 60


def _is_date_element(tag: Tag) -> bool:
    names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])
    return bool(names.strip()) and bool(DATE_ELEMENT.search(names))


def _is_commentary(tag: Tag) -> bool:
    if tag.name in ("aside", "footer", "nav"):
        return True
    names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")]) if tag.attrs else ""
    return bool(names.strip()) and bool(COMMENTARY.search(names))


BYLINE_CLASSES = {"byline", "author-name", "author"}


def _is_byline_candidate(tag: Tag) -> bool:
    if tag.get("itemprop") == "author" or "author" in (tag.get("rel") or ()):
        return True
    classes = tag.get("class") or ()
    return any(name in BYLINE_CLASSES or "byline" in name for name in classes)


def _byline(candidates: list[Tag]) -> str | None:
    for tag in candidates:
        name_tag = tag.find(attrs={"itemprop": "name"}) if tag.get("itemprop") == "author" else None
        text = normalize_space((name_tag or tag).get_text(" "))
        match = BYLINE.match(text)
        name = match["name"] if match else text
        if name and len(name) <= 60 and not BIO_HEADER.match(name):
            return name.strip()
    return None


def html_date_hints(soup: BeautifulSoup, page: _PageScan) -> Iterator[tuple[str, str]]:
    for attr, value in DATE_META:
        if found := page.get(attr, value):
            yield ("meta", found)
    for item in page.json_ld:
        if isinstance(item.get("datePublished"), str):
            yield ("meta", item["datePublished"])
    for value in page.date_published:
        yield ("meta", value)
    scope = soup.find("article") or soup
    for tag in scope.find_all("time"):
        if isinstance(tag.get("datetime"), str) and tag.find_parent(("aside", "footer")) is None:
            yield ("meta", tag["datetime"])
            break
    # Then the first date shown on the page in an element named for it ("entry-date", "post-time"),
    # outside comments and sidebars; a date is taken only where the element says nothing else.
    for tag in page.date_elements[:MAX_DATE_ELEMENTS]:
        if tag.find_parent(_is_commentary) is not None:
            continue
        for attr in ("datetime", "title", "content"):
            if isinstance(tag.get(attr), str) and ISO_DATE.match(tag[attr].strip()):
                yield ("text", tag[attr].strip())
        text = normalize_space(tag.get_text(" "))
        if 6 <= len(text) <= MAX_DATE_CHARS:
            yield ("text", text)
    # Last, a date standing alone in the page's text ("2020-03-04 16:52:59", "August 06, 2019").
    for string in page.date_strings:
        if string.find_parent(_is_commentary) is None and string.find_parent(("script", "style")) is None:
            yield ("text", string.strip())


# ------------------------------------------------------------------------------- the article's container

# Class and id words that make a container likelier to hold the article, or the furniture around it.
LIKELY_CONTENT = re.compile(r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose",
                            re.IGNORECASE)
UNLIKELY_CONTENT = re.compile(
    r"comment|com-|contact|foot|masthead|media|meta|outbrain|promo|related|scroll|shoutbox|sidebar|sponsor|"
    r"shopping|tags|tool|widget|share|social|newsletter|subscribe|teaser|recirc|trending|popular|nav|menu|"
    r"breadcrumb|banner|ad-|ads|advert",
    re.IGNORECASE)
# Elements removed before any scoring, unless their names also say they may hold the article
# (readability's lists): comments, menus, sidebars and the like.
UNLIKELY_CANDIDATE = re.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|"
    r"menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|"
    r"pagination|pager|popup|yom-remote|recirc|newsletter|most-?popular|trending",
    re.IGNORECASE)
MAYBE_CANDIDATE = re.compile(r"and|article|body|column|content|main|shadow", re.IGNORECASE)
PARAGRAPH_TAGS = ("p", "pre", "blockquote", "td")
# Tags that end a run of inline text: a div holding only inline text and these is itself a paragraph.
NESTED_BLOCKS = frozenset(("p", "div", "section", "article", "main", "table", "ul", "ol", "dl", "pre", "blockquote",
                           "h1", "h2", "h3", "h4", "h5", "h6", "figure", "header", "footer", "aside", "form"))
TAG_PRIOR = {"div": 5, "article": 10, "main": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3, "form": -3,
             "ol": -3, "ul": -3, "dl": -3, "th": -5, "li": -3, "h1": -5, "h2": -5, "h3": -5, "h4": -5, "address": -3}
MIN_PARAGRAPH_CHARS = 25


class _Measures:
    """Characters of text, and of link text, under every element: one pass over the page's strings."""

    def __init__(self, root: Tag):
        self.text: dict[int, int] = {}
        self.links: dict[int, int] = {}
        for string in root.find_all(string=True):
            if isinstance(string, Comment) or not isinstance(string, NavigableString):
                continue
            size = len(string.strip())
            if not size:
                continue
            in_link = False
            for parent in string.parents:
                key = id(parent)
                self.text[key] = self.text.get(key, 0) + size
                in_link = in_link or parent.name == "a"
                if in_link:
                    self.links[key] = self.links.get(key, 0) + size
                if parent is root:
                    break

    def chars(self, tag: Tag) -> int:
        return self.text.get(id(tag), 0)

    def link_density(self, tag: Tag) -> float:
        return self.links.get(id(tag), 0) / max(self.chars(tag), 1)


def _is_unlikely_candidate(tag: Tag) -> bool:
    """Comment sections, menus and sidebars by their class or id, removed before the article is sought."""
    if tag.name in ("html", "body", "article", "main"):
        return False
    names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])
    return bool(names.strip()) and bool(UNLIKELY_CANDIDATE.search(names)) and not MAYBE_CANDIDATE.search(names)


def _class_weight(tag: Tag) -> int:
    names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")]) if tag.attrs else ""
    if not names.strip():
        return 0
    return (25 if LIKELY_CONTENT.search(names) else 0) - (25 if UNLIKELY_CONTENT.search(names) else 0)


def _is_paragraph(tag: Tag) -> bool:
    if tag.name in PARAGRAPH_TAGS:
        return True
    return tag.name == "div" and not any(isinstance(child, Tag) and child.name in NESTED_BLOCKS
                                         for child in tag.children)


def main_container(soup: BeautifulSoup, measures: _Measures) -> tuple[Tag, dict[int, float]]:
    """The element holding the article.

    A page that marks its article body (schema.org articleBody) is taken at its word. Otherwise each
    paragraph votes for its parent and, at half weight, its grandparent: more for longer text and
    more commas (prose, not link lists), as readability does; votes are discounted by the share of
    link text, and class names like "post-content" or "sidebar" tilt them.
    """
    marked = [tag for tag in soup.select('[itemprop="articleBody"]') if measures.chars(tag) >= 200]
    if marked:
        return max(marked, key=measures.chars), {}
    body = soup.body or soup
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}

    def vote(tag: Tag | None, amount: float) -> None:
        if tag is None or not isinstance(tag, Tag) or tag.name in ("html", "[document]"):
            return
        key = id(tag)
        if key not in scores:
            scores[key] = TAG_PRIOR.get(tag.name, 0) + _class_weight(tag)
            tags[key] = tag
        scores[key] += amount

    for tag in body.find_all(_is_paragraph):
        chars = measures.chars(tag)
        if chars < MIN_PARAGRAPH_CHARS:
            continue
        text = tag.get_text()
        amount = 1 + text.count(",") + text.count("\uff0c") + text.count("\u3001") + min(chars // 100, 3)
        vote(tag.parent, amount)
        vote(tag.parent.parent if tag.parent is not None else None, amount / 2)
    if not scores:
        return body, {}
    final = {key: score * (1 - measures.link_density(tags[key])) for key, score in scores.items()}
    ranked = sorted(final, key=final.__getitem__, reverse=True)
    best = tags[ranked[0]]
    best = _shared_ancestor(best, [tags[key] for key in ranked[1:5] if final[key] >= 0.75 * final[ranked[0]]])
    best = _climb(best, final)
    return best, {key: final[key] for key in final}


def _shared_ancestor(best: Tag, close: list[Tag]) -> Tag:
    """When three or more near-best candidates sit under one ancestor of the best, the article is
    split across them (one block per paragraph group): that ancestor holds it all."""
    if len(close) < 2:
        return best
    for ancestor in best.parents:
        if ancestor.name in ("body", "html", "[document]"):
            break
        if sum(1 for tag in close if ancestor in tag.parents) >= 2:
            return ancestor
    return best


def _climb(best: Tag, final: dict[int, float]) -> Tag:
    """Move up while the parent scores at least as well (readability's rule), so that a section of
    the article does not stand for the whole."""
    last = final.get(id(best), 0.0)
    threshold = last / 3
    parent = best.parent
    while isinstance(parent, Tag) and parent.name not in ("body", "html", "[document]"):
        score = final.get(id(parent))
        if score is not None:
            if score < threshold:
                break
            if score > last:
                return parent
            last = score
        parent = parent.parent
    while isinstance(best.parent, Tag) and best.parent.name not in ("body", "html", "[document]") \
            and sum(1 for child in best.parent.children if isinstance(child, Tag)) == 1:
        best = best.parent
    return best


def article_blocks(container: Tag, measures: _Measures, scores: dict[int, float]) -> list[Tag]:
    """The container and those of its siblings that continue the article (readability's merge):
    siblings scoring well themselves, or holding prose with few links."""
    parent = container.parent
    if parent is None or not isinstance(parent, Tag) or container.name == "body" or not scores:
        return [container]  # no scores: the page marked its article body itself
    threshold = max(10.0, scores.get(id(container), 0.0) * 0.2)
    kept = []
    for sibling in parent.children:
        if sibling is container:
            kept.append(sibling)
        elif isinstance(sibling, Tag) and sibling.name in ("p", "div", "section", "blockquote", "pre", "article") \
                and not _looks_like_boilerplate(sibling):
            chars, links = measures.chars(sibling), measures.link_density(sibling)
            prose = sibling.get_text(" ").strip()
            if scores.get(id(sibling), 0.0) >= threshold or (chars > 80 and links < 0.25) \
                    or (0 < chars <= 80 and links == 0 and prose[-1:] in ".!?\u3002"):
                kept.append(sibling)
    return kept


def _looks_like_boilerplate(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    role = str(tag.get("role") or "").lower()
    if role in BOILERPLATE_ROLES:
        return True
    names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])
    return bool(names.strip()) and bool(BOILERPLATE_ATTR.search(names))


LIST_TAGS = ("ul", "ol", "dl", "table", "div", "section", "aside", "nav", "menu")


def _is_link_list(tag: Tag, measures: _Measures) -> bool:
    """A block that is mostly links (related stories, tag clouds, menus) and not prose, or a paragraph
    that is one link and nothing else (a teaser for another story set inside the article)."""
    chars = measures.chars(tag)
    if tag.name == "p":
        return 0 < chars <= 200 and measures.link_density(tag) > 0.9
    if tag.name not in LIST_TAGS:
        return False
    return chars > 0 and measures.link_density(tag) > 0.5 and tag.find("p") is None


def strip_boilerplate(root: Tag, measures: _Measures) -> None:
    """Remove furniture inside the article container, in place.

    One walk from the top that never enters a removed subtree, so deeply nested pages cost linear time."""
    total = max(measures.chars(root), 1)
    stack = [root]
    while stack:
        for child in list(stack.pop().children):
            if isinstance(child, Comment):
                child.extract()
            elif isinstance(child, Tag):
                furniture = child.name in DROP_TAGS or _is_link_list(child, measures) or (
                    _looks_like_boilerplate(child) and measures.chars(child) <= 0.6 * total)
                if furniture:
                    child.decompose()
                else:
                    stack.append(child)


def block_texts(root: Tag) -> list[str]:
    """The text of each block element, in order, with inline markup flattened.

    Blocks are separated by a paragraph separator, not a newline: a newline in the page source is only
    white space inside a paragraph. An explicit stack instead of recursion keeps deep nesting safe."""
    parts: list[str] = []
    stack: list[tuple[PageElement, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            parts.append(BLOCK_BREAK)
        elif isinstance(node, Tag):
            if node.name in BLOCK_TAGS:
                parts.append(BLOCK_BREAK)
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            parts.append(str(node))
    lines = (normalize_space(line) for line in "".join(parts).split(BLOCK_BREAK))
    return [line for line in lines if line]
