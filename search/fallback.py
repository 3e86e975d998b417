"""Pure: an article's text from a page in which the main cleaner found none.

Pages whose markup the cleaner does not expect (scripts that hold the text's containers apart,
tables for layout, an article split across odd wrappers) would otherwise never reach the index.
Extractors made for the job try next, in order: trafilatura (with its own readability and jusText
fallbacks), then trafilatura's baseline, the page's largest blocks of text. What one finds counts
only when it holds prose: a page of navigation alone stays a page with no article.
"""

from __future__ import annotations

import re

import trafilatura

from .clean import holds_prose, is_boilerplate_line, normalize_space

# Failures trafilatura is known to raise on pages it cannot read; any of them means "found nothing".
EXTRACTION_ERRORS = (ValueError, TypeError, AttributeError, LookupError, RecursionError)


def _trafilatura(html: str) -> str:
    return trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True,
                               deduplicate=False) or ""


def _baseline(html: str) -> str:
    return trafilatura.baseline(html)[1]


EXTRACTORS = (("trafilatura", _trafilatura), ("baseline", _baseline))
# trafilatura writes a table's rows between pipes, as Markdown does.
TABLE_ROW_EDGES = re.compile(r"^\|\s*|\s*\|$")


def _plain(line: str) -> str:
    return TABLE_ROW_EDGES.sub("", normalize_space(line))


def fallback_paragraphs(html: str) -> tuple[tuple[str, ...], str] | None:
    """(paragraphs, the extractor that found them) for the first extractor whose text holds prose."""
    for source, extract in EXTRACTORS:
        try:
            text = extract(html)
        except EXTRACTION_ERRORS:
            continue
        paragraphs = tuple(line for line in (_plain(raw) for raw in text.split("\n"))
                           if line and not is_boilerplate_line(line))
        if holds_prose(paragraphs):
            return paragraphs, source
    return None
