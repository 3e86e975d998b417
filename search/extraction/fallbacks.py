"""Pure: what extractors made for the job find in a page, beside the cleaner.

Two uses. Where the cleaner finds no prose (markup it does not expect: scripts that hold the text's
containers apart, tables for layout, an article split across odd wrappers), they try in turn:
trafilatura with its own readability and jusText fallbacks, then trafilatura's baseline, the page's
largest blocks of text. Where the cleaner found a text, trafilatura and readability-lxml check that it
is the article: when both find a text that is not the cleaner's while agreeing with each other, the
cleaner picked the wrong part of the page (a sidebar, a gallery's captions, a third of an article) on
markup it was never tried on, and trafilatura's text is kept. Finer differences (a caption, a teaser
or a bio the cleaner drops and they keep) are not outvoted: they are what the cleaner is for.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence

import lxml.html
import trafilatura
from lxml import etree
from readability import Document

from .lines import holds_prose, is_boilerplate_line, normalize_space

# Failures the extractors are known to raise on pages they cannot read; any of them means "found nothing".
EXTRACTION_ERRORS = (ValueError, TypeError, AttributeError, LookupError, RecursionError, etree.LxmlError)
# readability-lxml logs a traceback for every page it cannot read; here that only means it has no vote.
_readability_log = logging.getLogger("readability")
_readability_log.addHandler(logging.NullHandler())
_readability_log.propagate = False
# Texts of which less than half is the same (the Dice coefficient of their word 4-grams) are
# different texts: one a third of the other, say, or the other with twice as much more around it.
SAME_TEXT = 0.5
SHINGLE = 4
WORD = re.compile(r"\w+")
# trafilatura writes a table's rows between pipes, as Markdown does.
TABLE_ROW_EDGES = re.compile(r"^\|\s*|\s*\|$")
READABILITY_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "tr",
                      "section", "article", "br")


def _trafilatura_rescue(html: str) -> str:
    return trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True,
                               deduplicate=False) or ""


def _trafilatura(html: str) -> str:
    # fast: trafilatura's own extraction alone; readability is the vote's third voice here.
    return trafilatura.extract(html, include_comments=False, include_tables=True, fast=True,
                               deduplicate=False) or ""


def _baseline(html: str) -> str:
    return trafilatura.baseline(html)[1]


def _readability(html: str) -> str:
    summary = Document(html).summary(html_partial=True)
    if not summary.strip():
        return ""
    tree = lxml.html.fromstring(summary)
    for block in tree.iter(*READABILITY_BLOCKS):
        block.tail = "\n" + (block.tail or "")
    return tree.text_content()


RESCUERS = (("trafilatura", _trafilatura_rescue), ("baseline", _baseline))


def _plain(line: str) -> str:
    return TABLE_ROW_EDGES.sub("", normalize_space(line))


def _paragraphs(extract: Callable[[str], str], html: str) -> tuple[str, ...]:
    """The lines of what an extractor finds, boilerplate lines left out; none where it fails."""
    try:
        text = extract(html)
    except EXTRACTION_ERRORS:
        return ()
    return tuple(line for line in (_plain(raw) for raw in text.split("\n")) if line and not is_boilerplate_line(line))


def fallback_paragraphs(html: str) -> tuple[tuple[str, ...], str] | None:
    """(paragraphs, the extractor that found them) for the first extractor whose text holds prose."""
    for source, extract in RESCUERS:
        paragraphs = _paragraphs(extract, html)
        if holds_prose(paragraphs):
            return paragraphs, source
    return None


def shingles(paragraphs: Sequence[str]) -> Counter:
    words = WORD.findall(" ".join(paragraphs).lower())
    return Counter(tuple(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1)))


def agreement(first: Counter, second: Counter) -> float:
    """How much of two texts is the same: the F1 (Dice) of their multisets of word 4-grams."""
    total = sum(first.values()) + sum(second.values())
    return 2 * sum((first & second).values()) / total if total else 0.0


def checked_paragraphs(html: str, paragraphs: Sequence[str], source: str) -> tuple[tuple[str, ...], str]:
    """(paragraphs, who found them): the cleaner's own, unless trafilatura and readability-lxml each
    find a different text and the same one as each other; then trafilatura's."""
    cleaner = shingles(paragraphs)
    found = _paragraphs(_trafilatura, html)
    found_shingles = shingles(found)
    if holds_prose(found) and agreement(cleaner, found_shingles) < SAME_TEXT:
        second = shingles(_paragraphs(_readability, html))
        if agreement(cleaner, second) < SAME_TEXT and agreement(found_shingles, second) >= SAME_TEXT:
            return found, "trafilatura, over the cleaner"
    return tuple(paragraphs), source
