"""Pure cleaning of HTML pages: a page -> its article text, with its metadata (html_metadata.py).

lxml does the work over a C tree: it parses the page, makes the page-wide pass (the metadata, the
furniture to drop, the search for the element holding the article, in containers.py) and turns the
article's blocks into paragraphs (building a BeautifulSoup tree of a whole page costs more than a
whole extraction by trafilatura). BeautifulSoup, with the lxml parser, reads only a page nested too
deep for lxml's tree, whose text it takes whole.
"""

from __future__ import annotations

import lxml.html
from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.element import PreformattedString
from lxml import etree

from ..models import CleanedPage, PageMetadata
from .containers import (
    BIO_SENTENCE,
    CANDIDATE_TAGS,
    TRAILING_LINES,
    Element,
    _drop,
    _is_unlikely_name,
    _Measures,
    article_blocks,
    main_container,
    strip_boilerplate,
)
from .fallbacks import checked_paragraphs, fallback_paragraphs
from .html_metadata import (
    DATE_ELEMENT,
    MAX_DATE_CHARS,
    MAX_DATE_ELEMENTS,
    STANDALONE_DATE,
    element_names,
    html_date_hints,
    html_metadata,
    is_byline_name,
    json_ld_objects,
)
from .lines import FOOTER_START, holds_prose, is_boilerplate_line, normalize_space, reads_as_prose

# Elements whose content no reader sees as text.
HIDDEN_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "button",
                         "select", "input", "textarea", "dialog"))
# ... and, beside those, the page's furniture by its tag.
DROP_TAGS = HIDDEN_TAGS | {"nav", "header", "footer", "aside", "form", "figcaption"}
BLOCK_TAGS = frozenset(("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
                        "ol", "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt", "dl", "figure", "br", "hr",
                        "address"))
BLOCK_BREAK = "\u2029"

def parse_page(html: str) -> tuple[Element | None, bool]:
    """(the page as an lxml tree or None for a page with no markup at all, whether the tree is whole).

    libxml2 stops building a tree nested deeper than a few hundred elements; the text below that
    depth is then missing from the tree."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None, True
    whole = not any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)
    return root, whole


def clean_html(html: str) -> CleanedPage:
    """Clean an HTML page: metadata hints first (they live in head and header), then the article text."""
    root, whole = parse_page(html)
    if root is None:
        return CleanedPage(paragraphs=())
    page = _PageScan(root)
    metadata = html_metadata(root, page)
    date_hints = tuple(html_date_hints(root, page))
    if not whole:
        # Too deep for the page-wide pass: all of the page's text, read by BeautifulSoup alone.
        soup = BeautifulSoup(html, "lxml")
        for tag in soup.find_all(DROP_TAGS):
            tag.decompose()
        paragraphs = [p for p in _soup_texts(soup.body or soup) if not is_boilerplate_line(p)]
        return _with_text(html, _cut_footer(paragraphs), metadata, date_hints)
    headline = {metadata.h1, metadata.og_title, metadata.html_title}
    paragraphs, source = _article_text(root, page.furniture, DROP_TAGS, headline), "cleaner"
    if not holds_prose(paragraphs):
        # As Readability does when its first pass finds too little: again, this time keeping what
        # only its class, id or tag called furniture. Pages whose whole content sits in a "header"
        # or a menu plugin's panel lose their article to the first pass.
        again, _ = parse_page(html)
        hidden = [element for element in again.iter() if element.tag in HIDDEN_TAGS]
        kept = _article_text(again, hidden, HIDDEN_TAGS, headline)
        if not holds_prose(kept):
            return _with_text(html, paragraphs, metadata, date_hints)
        paragraphs, source = kept, "cleaner, furniture kept"
    chosen, chosen_source = checked_paragraphs(html, paragraphs, source)
    if chosen_source != source:
        chosen = tuple(_cut_footer(_without_headline(list(chosen), headline)))
    return CleanedPage(paragraphs=chosen, metadata=metadata, date_hints=date_hints, body_source=chosen_source)


def _article_text(root: Element, furniture: list[Element], dropped_tags: frozenset, headline: set) -> list[str]:
    """The article's paragraphs, once `furniture` is removed from the page (in place) and
    `dropped_tags` from the article's blocks."""
    for element in furniture:
        _drop(element)
    measures = _Measures(root)
    container, scores = main_container(root, measures)
    paragraphs = []
    for block in article_blocks(container, measures, scores):
        strip_boilerplate(block, measures, dropped_tags)
        paragraphs.extend(p for p in block_texts(block) if not is_boilerplate_line(p))
    return _cut_footer(_without_headline(paragraphs, headline))


def _with_text(html: str, paragraphs: list[str], metadata: PageMetadata, date_hints: tuple) -> CleanedPage:
    """The page with the cleaner's paragraphs, or, where they hold no prose, those another
    extractor finds (search/extraction/fallbacks.py), saying which."""
    if not holds_prose(paragraphs):
        found = fallback_paragraphs(html)
        if found is not None:
            return CleanedPage(paragraphs=found[0], metadata=metadata, date_hints=date_hints, body_source=found[1])
    return CleanedPage(paragraphs=tuple(paragraphs), metadata=metadata, date_hints=date_hints)


def _without_headline(paragraphs: list[str], headline: set) -> list[str]:
    """The paragraphs after those repeating the headline; a brief whose one paragraph is its headline
    keeps it."""
    lead = 0
    while lead < len(paragraphs) and paragraphs[lead] in headline:
        lead += 1
    if lead == len(paragraphs) and paragraphs and reads_as_prose(paragraphs[0]):
        return paragraphs[:1]
    return paragraphs[lead:]


def _cut_footer(paragraphs: list[str]) -> list[str]:
    """Everything from a footer heading on, and author bios among the last lines."""
    for i, paragraph in enumerate(paragraphs):
        if FOOTER_START.match(paragraph):
            paragraphs = paragraphs[:i]
            break
    tail = len(paragraphs) - TRAILING_LINES
    return [p for i, p in enumerate(paragraphs) if i < tail or not BIO_SENTENCE.match(p)]


# ------------------------------------------------------------------------------------------ metadata

class _PageScan:
    """What the cleaner needs from the whole page, gathered in one walk over it: <meta> values,
    JSON-LD, elements marked as the publication date or the author, and the furniture to drop."""

    def __init__(self, root: Element):
        self.meta: dict[tuple[str, str], str] = {}
        self.json_ld: list[dict] = []
        self.date_published: list[str] = []
        self.date_elements: list[Element] = []
        self.date_strings: list[tuple[Element, str]] = []
        self.byline_candidates: list[Element] = []
        self.furniture: list[Element] = []
        scripts: list[str] = []
        # Pages repeat a few class names on thousands of elements: each is read once.
        said: dict[str, tuple[bool, bool, bool]] = {}
        for element in root.iter(etree.Element):
            tag = element.tag
            if tag == "meta":
                self._add_meta(element)
            elif tag == "script" and "ld+json" in (element.get("type") or "").lower():
                scripts.append(element.text or "")
            itemprop = element.get("itemprop")
            if itemprop == "datePublished":
                value = element.get("content") or element.get("datetime")
                if value:
                    self.date_published.append(value)
            names = element_names(element)
            if names:
                if names not in said:
                    said[names] = (bool(DATE_ELEMENT.search(names)), is_byline_name(names),
                                   _is_unlikely_name(names))
                dated, byline, unlikely = said[names]
            else:
                dated = byline = unlikely = False
            if tag == "time" or dated:
                self.date_elements.append(element)
            if byline or itemprop == "author" or "author" in (element.get("rel") or "").split():
                self.byline_candidates.append(element)
            if tag in DROP_TAGS or (unlikely and tag not in CANDIDATE_TAGS):
                self.furniture.append(element)
            if len(self.date_strings) < MAX_DATE_ELEMENTS:
                if tag not in ("script", "style"):
                    self._add_date_string(element, element.text)
                self._add_date_string(element.getparent(), element.tail)
        self.json_ld = list(json_ld_objects(scripts))

    def _add_date_string(self, owner: Element | None, text: str | None) -> None:
        if text and owner is not None and len(self.date_strings) < MAX_DATE_ELEMENTS \
                and 8 <= len(text) <= MAX_DATE_CHARS and not text.isspace() and STANDALONE_DATE.match(text):
            self.date_strings.append((owner, text.strip()))

    def _add_meta(self, element: Element) -> None:
        content = element.get("content") or element.get("datetime")
        if not content or not content.strip():
            return
        for attr in ("property", "name", "itemprop", "http-equiv"):
            value = element.get(attr)
            if value:
                self.meta.setdefault((attr, value.strip().lower()), normalize_space(content))

    def get(self, attr: str, value: str) -> str | None:
        return self.meta.get((attr, value.lower()))


# --------------------------------------------------------------------------------- the article's text

def block_texts(block: Element) -> list[str]:
    """The text of each block element of the article, in order, with inline markup flattened.

    Blocks are separated by a paragraph separator, not a newline: a newline in the page source is
    only white space inside a paragraph. An explicit stack instead of recursion keeps deep nesting
    safe."""
    parts: list[str] = []
    stack: list[tuple[Element, bool]] = [(block, False)]
    while stack:
        node, closing = stack.pop()
        if not closing and isinstance(node.tag, str):
            if node.tag in BLOCK_TAGS:
                parts.append(BLOCK_BREAK)
            parts.append(node.text or "")
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node))
            continue
        if closing and node.tag in BLOCK_TAGS:
            parts.append(BLOCK_BREAK)
        if node is not block:
            parts.append(node.tail or "")
    return _lines(parts)


def _soup_texts(root: Tag) -> list[str]:
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
    return _lines(parts)


def _lines(parts: list[str]) -> list[str]:
    lines = (normalize_space(line) for line in "".join(parts).split(BLOCK_BREAK))
    return [line for line in lines if line]
