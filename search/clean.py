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
      | (?:advertisement|sponsored(?:\s+content)?|ad)
      | (?:share|share\s+this(?:\s+(?:article|story))?|tweet|email|print|pin\s+it|whatsapp|facebook|twitter|linkedin|reddit)[:!]?
      | (?:like\s+this|like\s+loading\.*|loading\.*)[:!]?
      | click\s+to\s+(?:share|email|print)\b.*
      | (?:sign\s+up|subscribe)\b.{0,80}newsletter.*
      | (?:we|this\s+(?:web)?site)\s+uses?\s+cookies\b.*
      | (?:accept|reject)(?:\s+all)?(?:\s+cookies)?
      | (?:read|see)\s+(?:more|also)\b.{0,120}
      | (?:photo|image|picture|caption|video)(?:\s+credit)?s?:.*
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
    r"|recommended(?:\s+for\s+you)?|trending(?:\s+now)?|most\s+(?:read|popular))[:.]?$",
    re.IGNORECASE,
)

REPORTED_BY = re.compile(r"^(?:reported|written|posted|compiled)\s+by[:\s]+(?P<name>.{2,80}?)\.?$", re.IGNORECASE)
# A byline is a short line: "By THE POLITICAL TURMOIL IN SAIGON, THE WAR ..." opens an article.
BYLINE = re.compile(r"^by[:\s]+(?P<name>[^\d|•,]{2,60}?)(?:\s*[|•,].{0,60})?$", re.IGNORECASE)
BIO_HEADER = re.compile(r"^about\s+(?:the\s+author[:\s]+)?(?P<name>.{2,60}?)\s*(?:\(\d[\d,]*\s+(?:articles?|posts?)\))?$",
                        re.IGNORECASE)
BIO_HEADER_COUNTED = re.compile(r"^about\s+(?P<name>.{2,60}?)\s*\(\d[\d,]*\s+(?:articles?|posts?)\)$", re.IGNORECASE)
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
    hints = html_hints(soup)
    date_hints = tuple(html_date_hints(soup))
    root = main_container(soup)
    strip_boilerplate(root)
    paragraphs = [p for p in block_texts(root) if not is_boilerplate_line(p)]
    headline = {hints.get("h1"), hints.get("og_title"), hints.get("html_title")}
    while paragraphs and paragraphs[0] in headline:
        paragraphs.pop(0)
    return CleanedPage(paragraphs=tuple(_cut_footer(paragraphs)), hints=hints, date_hints=date_hints)


def _cut_footer(paragraphs: list[str]) -> list[str]:
    for i, paragraph in enumerate(paragraphs):
        if FOOTER_START.match(paragraph):
            return paragraphs[:i]
    return paragraphs


def _meta(soup: BeautifulSoup, attr: str, value: str) -> str | None:
    tag = soup.find("meta", attrs={attr: re.compile(rf"^{re.escape(value)}$", re.IGNORECASE)})
    if isinstance(tag, Tag):
        content = tag.get("content") or tag.get("datetime")
        if isinstance(content, str) and content.strip():
            return normalize_space(content)
    return None


def _first_text(soup: BeautifulSoup | Tag, name: str) -> str | None:
    tag = soup.find(name)
    if isinstance(tag, Tag):
        text = normalize_space(tag.get_text(" "))
        return text or None
    return None


def json_ld_objects(soup: BeautifulSoup) -> Iterator[dict]:
    """Every JSON-LD object on the page, nested @graph members included; broken JSON is ignored."""
    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.IGNORECASE)}):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
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


def html_hints(soup: BeautifulSoup) -> dict[str, str]:
    hints: dict[str, str] = {}

    def put(key: str, value: str | None) -> None:
        if value and key not in hints:
            hints[key] = value

    put("og_title", _meta(soup, "property", "og:title") or _meta(soup, "name", "twitter:title"))
    put("site_name", _meta(soup, "property", "og:site_name"))
    put("h1", _first_text(soup.find("article") or soup, "h1") or _first_text(soup, "h1"))
    put("html_title", _first_text(soup, "title"))
    author = _meta(soup, "name", "author") or _meta(soup, "property", "article:author")
    put("author_meta", author if author and "://" not in author else None)
    for item in json_ld_objects(soup):
        if _is_article_object(item):
            put("jsonld_author", ", ".join(_person_names(item.get("author"))))
            put("jsonld_headline", item.get("headline") if isinstance(item.get("headline"), str) else None)
    put("byline", _byline(soup))
    canonical = soup.find("link", attrs={"rel": "canonical"})
    put("url", canonical.get("href") if isinstance(canonical, Tag) else None)
    put("url", _meta(soup, "property", "og:url"))
    return hints


def _byline(soup: BeautifulSoup) -> str | None:
    candidates = soup.select('[itemprop="author"], [rel="author"], .byline, .author-name, .author, [class*="byline"]')
    for tag in candidates:
        name_tag = tag.find(attrs={"itemprop": "name"}) if tag.get("itemprop") == "author" else None
        text = normalize_space((name_tag or tag).get_text(" "))
        match = BYLINE.match(text)
        name = match["name"] if match else text
        if name and len(name) <= 60 and not BIO_HEADER.match(name):
            return name.strip()
    return None


def html_date_hints(soup: BeautifulSoup) -> Iterator[tuple[str, str]]:
    for attr, value in DATE_META:
        if found := _meta(soup, attr, value):
            yield ("meta", found)
    for item in json_ld_objects(soup):
        if isinstance(item.get("datePublished"), str):
            yield ("meta", item["datePublished"])
    for tag in soup.find_all(attrs={"itemprop": "datePublished"}):
        value = tag.get("content") or tag.get("datetime")
        if isinstance(value, str):
            yield ("meta", value)
    scope = soup.find("article") or soup
    for tag in scope.find_all("time"):
        if isinstance(tag.get("datetime"), str) and tag.find_parent(("aside", "footer")) is None:
            yield ("meta", tag["datetime"])
            break


def main_container(soup: BeautifulSoup) -> Tag:
    """The element holding the article: articleBody, else the largest <article>, else <main>, else <body>."""
    for selector in ('[itemprop="articleBody"]', "article", "main", '[role="main"]'):
        found = [tag for tag in soup.select(selector) if _text_length(tag) >= 200]
        if found:
            return max(found, key=_text_length)
    return soup.body or soup


def _text_length(tag: Tag) -> int:
    return sum(len(p.get_text()) for p in tag.find_all("p")) or len(tag.get_text())


def _looks_like_boilerplate(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    role = str(tag.get("role") or "").lower()
    if role in BOILERPLATE_ROLES:
        return True
    names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])
    return bool(names.strip()) and bool(BOILERPLATE_ATTR.search(names))


def strip_boilerplate(root: Tag) -> None:
    """Remove furniture inside the article container, in place.

    One walk from the top that never enters a removed subtree, so deeply nested pages cost linear time."""
    total = max(_text_length(root), 1)
    stack = [root]
    while stack:
        for child in list(stack.pop().children):
            if isinstance(child, Comment):
                child.extract()
            elif isinstance(child, Tag):
                if child.name in DROP_TAGS or (_looks_like_boilerplate(child) and not _holds_the_article(child, total)):
                    child.decompose()
                else:
                    stack.append(child)


def _holds_the_article(tag: Tag, total: int) -> bool:
    """A wrapper with a misleading class ("has-sidebar") that holds most of the article is kept."""
    return len(tag.find_all("p", limit=3)) >= 3 and _text_length(tag) > 0.6 * total


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
