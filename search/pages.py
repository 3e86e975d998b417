"""Pure cleaning of HTML pages: a page -> its article text, with its metadata (search/metadata.py).

Two libraries share the work. lxml parses the page and makes the page-wide pass: the metadata, the
furniture to drop and the search for the element holding the article, all over a C tree (building a
BeautifulSoup tree of a whole page costs more than a whole extraction by trafilatura). BeautifulSoup,
with the lxml parser, then turns the article's own HTML into paragraphs.
"""

from __future__ import annotations

import re

import lxml.html
from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.element import PreformattedString
from lxml import etree

from .clean import (FOOTER_START, holds_prose, is_boilerplate_line, normalize_space,
                    reads_as_prose)
from .peers import fallback_paragraphs, checked_paragraphs
from .metadata import (DATE_ELEMENT, MAX_DATE_CHARS, MAX_DATE_ELEMENTS, STANDALONE_DATE, element_names, element_text,
                       html_date_hints, html_metadata, is_byline_name, json_ld_objects)
from .models import CleanedPage, PageMetadata

Element = lxml.html.HtmlElement

# Elements whose content no reader sees as text.
HIDDEN_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "button",
                         "select", "input", "textarea", "dialog"))
# ... and, beside those, the page's furniture by its tag.
DROP_TAGS = HIDDEN_TAGS | {"nav", "header", "footer", "aside", "form", "figcaption"}
BLOCK_TAGS = frozenset(("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
                        "ol", "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt", "dl", "figure", "br", "hr",
                        "address"))
BLOCK_BREAK = "\u2029"

# --------------------------------------------------------------------------------------- furniture

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
# Elements removed before any scoring, unless their names also say they may hold the article
# (readability's lists): comments, menus, sidebars and the like.
UNLIKELY_CANDIDATE = re.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|"
    r"menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|"
    r"pagination|pager|popup|yom-remote|recirc|newsletter|most-?popular|trending",
    re.IGNORECASE)
MAYBE_CANDIDATE = re.compile(r"and|article|body|column|content|main|shadow", re.IGNORECASE)
CANDIDATE_TAGS = frozenset(("html", "body", "article", "main"))
# The one-sentence author bio that closes many articles: "Hana Sato is a staff reporter at the Herald ..."
BIO_SENTENCE = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s){1,3}(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s){0,6}"
    r"(?:reporter|writer|editor|correspondent|journalist|columnist|contributor|producer|intern|author)\b.{0,200}$")
TRAILING_LINES = 3

LIST_TAGS = frozenset(("ul", "ol", "dl", "table", "div", "section", "aside", "nav", "menu"))

# --------------------------------------------------------------------------------------- the article

# Class and id words that make a container likelier to hold the article, or the furniture around it.
LIKELY_CONTENT = re.compile(r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose",
                            re.IGNORECASE)
UNLIKELY_CONTENT = re.compile(
    r"comment|com-|contact|foot|masthead|media|meta|outbrain|promo|related|scroll|shoutbox|sidebar|sponsor|"
    r"shopping|tags|tool|widget|share|social|newsletter|subscribe|teaser|recirc|trending|popular|nav|menu|"
    r"breadcrumb|banner|ad-|ads|advert",
    re.IGNORECASE)
PARAGRAPH_TAGS = frozenset(("p", "pre", "blockquote", "td"))
# Tags that end a run of inline text: a div holding only inline text and these is itself a paragraph.
NESTED_BLOCKS = frozenset(("p", "div", "section", "article", "main", "table", "ul", "ol", "dl", "pre", "blockquote",
                           "h1", "h2", "h3", "h4", "h5", "h6", "figure", "header", "footer", "aside", "form"))
TAG_PRIOR = {"div": 5, "article": 10, "main": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3, "form": -3,
             "ol": -3, "ul": -3, "dl": -3, "th": -5, "li": -3, "h1": -5, "h2": -5, "h3": -5, "h4": -5, "address": -3}
MIN_PARAGRAPH_CHARS = 25
TOP = frozenset(("body", "html"))


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
    extractor finds (search/peers.py), saying which."""
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


def _drop(element: Element) -> None:
    """Remove an element and what it holds; the text after it stays with its parent."""
    if element.getparent() is not None:
        element.drop_tree()


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


# ------------------------------------------------------------------------------- the article's container

def _is_unlikely_name(names: str) -> bool:
    """Comment sections, menus and sidebars by their class or id, removed before the article is sought
    (except from CANDIDATE_TAGS)."""
    return bool(UNLIKELY_CANDIDATE.search(names)) and not MAYBE_CANDIDATE.search(names)


class _Measures:
    """Characters of text, and of link text, under every element: one pass over the page's text."""

    def __init__(self, root: Element):
        self.text: dict[Element, int] = {}
        self.links: dict[Element, int] = {}
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            self._count(element, element.text)
            parent = element.getparent()
            if parent is not None:
                self._count(parent, element.tail)

    def _count(self, owner: Element, text: str | None) -> None:
        size = len(text.strip()) if text else 0
        if not size:
            return
        in_link = False
        element = owner
        while element is not None:
            self.text[element] = self.text.get(element, 0) + size
            in_link = in_link or element.tag == "a"
            if in_link:
                self.links[element] = self.links.get(element, 0) + size
            element = element.getparent()

    def chars(self, element: Element) -> int:
        return self.text.get(element, 0)

    def link_density(self, element: Element) -> float:
        return self.links.get(element, 0) / max(self.chars(element), 1)


def _class_weight(element: Element) -> int:
    names = element_names(element)
    if not names:
        return 0
    return (25 if LIKELY_CONTENT.search(names) else 0) - (25 if UNLIKELY_CONTENT.search(names) else 0)


def _is_paragraph(element: Element) -> bool:
    if element.tag in PARAGRAPH_TAGS:
        return True
    return element.tag == "div" and not any(child.tag in NESTED_BLOCKS for child in element)


def main_container(root: Element, measures: _Measures) -> tuple[Element, dict[Element, float]]:
    """The element holding the article, and the scores that chose it.

    A page that marks its article body (schema.org articleBody) is taken at its word. Otherwise each
    paragraph votes for its parent and, at half weight, its grandparent: more for longer text and
    more commas (prose, not link lists), as readability does; votes are discounted by the share of
    link text, and class names like "post-content" or "sidebar" tilt them.
    """
    marked = [e for e in root.iterfind(".//*[@itemprop='articleBody']") if measures.chars(e) >= 200]
    if marked:
        return max(marked, key=measures.chars), {}
    body = root.find("body")
    body = body if body is not None else root
    scores: dict[Element, float] = {}

    def vote(element: Element | None, amount: float) -> None:
        if element is None or element.tag == "html":
            return
        if element not in scores:
            scores[element] = TAG_PRIOR.get(element.tag, 0) + _class_weight(element)
        scores[element] += amount

    for element in body.iter():
        if not isinstance(element.tag, str) or not _is_paragraph(element):
            continue
        chars = measures.chars(element)
        if chars < MIN_PARAGRAPH_CHARS:
            continue
        text = element.text_content()
        amount = 1 + text.count(",") + text.count("\uff0c") + text.count("\u3001") + min(chars // 100, 3)
        parent = element.getparent()
        vote(parent, amount)
        vote(parent.getparent() if parent is not None else None, amount / 2)
    if not scores:
        return body, {}
    final = {element: score * (1 - measures.link_density(element)) for element, score in scores.items()}
    ranked = sorted(final, key=final.__getitem__, reverse=True)
    best = _shared_ancestor(ranked[0], [e for e in ranked[1:5] if final[e] >= 0.75 * final[ranked[0]]])
    return _climb(best, final), final


def _shared_ancestor(best: Element, close: list[Element]) -> Element:
    """When near-best candidates sit under one ancestor of the best, the article is split across
    them (one block per paragraph group): that ancestor holds it all."""
    if len(close) < 2:
        return best
    lineages = [set(element.iterancestors()) for element in close]
    for ancestor in best.iterancestors():
        if ancestor.tag in TOP:
            break
        if sum(1 for lineage in lineages if ancestor in lineage) >= 2:
            return ancestor
    return best


def _climb(best: Element, final: dict[Element, float]) -> Element:
    """Move up while the parent scores at least as well (readability's rule), so that a section of
    the article does not stand for the whole; an only child stands for its parent."""
    last = final.get(best, 0.0)
    threshold = last / 3
    for parent in best.iterancestors():
        if parent.tag in TOP:
            break
        score = final.get(parent)
        if score is not None:
            if score < threshold:
                break
            if score > last:
                best = parent
                break
            last = score
    while (parent := best.getparent()) is not None and parent.tag not in TOP and len(parent) == 1:
        best = parent
    return best


def article_blocks(container: Element, measures: _Measures, scores: dict[Element, float]) -> list[Element]:
    """The container and those of its siblings that continue the article (readability's merge):
    siblings scoring well themselves, or holding prose with few links."""
    parent = container.getparent()
    if parent is None or container.tag in TOP or not scores:
        return [container]  # no scores: the page marked its article body itself
    threshold = max(10.0, scores.get(container, 0.0) * 0.2)
    kept = []
    for sibling in parent:
        if sibling is container:
            kept.append(sibling)
        elif sibling.tag in ("p", "div", "section", "blockquote", "pre", "article") \
                and not _looks_like_boilerplate(sibling):
            chars, links = measures.chars(sibling), measures.link_density(sibling)
            prose = element_text(sibling)
            if scores.get(sibling, 0.0) >= threshold or (chars > 80 and links < 0.25) \
                    or (0 < chars <= 80 and links == 0 and prose[-1:] in ".!?\u3002"):
                kept.append(sibling)
    return kept


def _looks_like_boilerplate(element: Element) -> bool:
    if (element.get("role") or "").lower() in BOILERPLATE_ROLES:
        return True
    names = element_names(element)
    return bool(names) and bool(BOILERPLATE_ATTR.search(names))


def _is_link_list(element: Element, measures: _Measures) -> bool:
    """A block that is mostly links (related stories, tag clouds, menus) and not prose, or a paragraph
    that is one link and nothing else (a teaser for another story set inside the article)."""
    chars = measures.chars(element)
    if element.tag == "p":
        return 0 < chars <= 200 and measures.link_density(element) > 0.9
    if element.tag not in LIST_TAGS:
        return False
    return chars > 0 and measures.link_density(element) > 0.5 and element.find(".//p") is None


def strip_boilerplate(block: Element, measures: _Measures, dropped_tags: frozenset) -> None:
    """Remove furniture inside an article block, in place, never entering a removed subtree."""
    total = max(measures.chars(block), 1)
    stack = [block]
    while stack:
        for child in list(stack.pop()):
            if not isinstance(child.tag, str):
                continue
            if child.tag in dropped_tags or _is_link_list(child, measures) or (
                    _looks_like_boilerplate(child) and measures.chars(child) <= 0.6 * total):
                _drop(child)
            else:
                stack.append(child)


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
