"""Pure: which element of a page holds the article, scored by its prose and links, and its blocks
stripped of furniture."""

from __future__ import annotations

import re

import lxml.html

from .html_metadata import element_names, element_text

Element = lxml.html.HtmlElement

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


def _drop(element: Element) -> None:
    """Remove an element and what it holds; the text after it stays with its parent."""
    if element.getparent() is not None:
        element.drop_tree()


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


