"""Pure cleaning of plain-text scrapes, and the line rules that HTML pages (search/extraction/html_pages.py) share.

Nothing here reads files, the clock or the environment. Hint names produced for text scrapes:
`title` (the headline), `byline`, `reported_by`, `bio_author`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..models import CleanedPage, PageMetadata

# Lines that are page furniture wherever they appear, rule by rule (a line is furniture when one
# rule matches it whole).
BOILERPLATE_RULES = {
    "ad slot size": r"\d{2,4}\s*[x×]\s*\d{2,4}",  # "728 x 90"
    "bloggers like this": r"%d\s+bloggers\s+like\s+this:?",
    "ad or comments label": r"(?:advertisement|advert|sponsored(?:\s+content)?|ad|comments?|\d+\s+comments?)",
    "comment prompt": r"(?:tell\s+us\s+what\s+you\s+think|leave\s+a\s+(?:comment|reply)"
                      r"|join\s+the\s+(?:conversation|discussion))\b.{0,20}",
    "needs javascript": r"this\s+(?:slideshow|video|content|gallery)\s+requires\s+javascript\.?",
    "don't miss": r"(?:don'?t|do\s+not)\s+miss:?",
    "updated stamp": r"(?=.{0,60}$)(?:updated|published|last\s+(?:updated|modified)|posted)(?:\s+(?:on|at))?[:\s]+.{0,30}\d.*",
    "click here": r"(?=.{0,80}$)click\s+here\b.*",
    "contributed to this report": r".{0,80}\b(?:contributed\s+to|contributed\s+reporting\s+to)\s+this\s+(?:report|story|article)\.?",
    "share button": r"(?:share|share\s+this(?:\s+(?:article|story))?|tweet|email|print|pin\s+it|whatsapp|facebook|twitter"
                    r"|linkedin|reddit)[:!]?",
    "like widget": r"(?:like\s+this|like\s+loading\.*|loading\.*)[:!]?",
    "click to share": r"click\s+to\s+(?:share|email|print)\b.*",
    "newsletter sign-up": r"(?:sign\s+up|subscribe)\b.{0,80}newsletter.*",
    "cookie notice": r"(?:we|this\s+(?:web)?site)\s+uses?\s+cookies\b.*",
    "cookie button": r"(?:accept|reject)(?:\s+all)?(?:\s+cookies)?",
    "read more": r"(?:read|see)\s+(?:more|also)\b.{0,120}",
    "media credit": r"(?:photo|image|picture|caption|video)(?:\s+credit)?s?:.*",
    "caption credit": r".{0,300}\((?:image|photo|picture|pictured|credit|source)s?:[^()]{1,80}\)",  # "(Image: GETTY)"
    "skip link": r"(?:skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|toggle\s+navigation|main\s+menu|menu)",
    "tags line": r"(?:tags?|filed\s+under|categories|category):.*",
    "next or previous": r"(?:previous|next)\s+(?:article|post|story)\b.*",
    "copyright": r"(?:copyright\s+)?©.*",
    "rights reserved": r"all\s+rights\s+reserved\.?",
}
BOILERPLATE_LINE = re.compile("^(?:" + "|".join(f"(?:{rule})" for rule in BOILERPLATE_RULES.values()) + ")$",
                              re.IGNORECASE)

# Lines that start the footer: everything from one to the end of a text scrape is dropped.
FOOTER_RULES = {
    "latest news": r"latest\s+news(?:\s+and\s+articles)?",
    "related": r"related\s+(?:articles|posts|stories|news|coverage)",
    "more from": r"more\s+(?:stories|news|from\s+\w[\w\s]{0,40})",
    "you may also like": r"you\s+(?:may|might)\s+also\s+like",
    "recommended": r"recommended(?:\s+for\s+you)?",
    "trending": r"trending(?:\s+now)?",
    "most read": r"most\s+(?:read|popular)",
}
FOOTER_START = re.compile("^(?:" + "|".join(f"(?:{rule})" for rule in FOOTER_RULES.values())
                          + r")\s*(?:[:.…]|\.\.\.)?$", re.IGNORECASE)

REPORTED_BY = re.compile(r"^(?:reported|written|posted|compiled)\s+by[:\s]+(?P<name>.{2,80}?)\.?$", re.IGNORECASE)
# A byline is a short line: "By THE POLITICAL TURMOIL IN SAIGON, THE WAR ..." opens an article.
BYLINE = re.compile(r"^by[:\s]+(?P<name>[^\d|•,]{2,60}?)(?:\s*[|•,].{0,60})?$", re.IGNORECASE)
BIO_HEADER = re.compile(r"^about\s+(?:the\s+author[:\s]+)?(?P<name>.{2,60}?)\s*(?:\(\d[\d,]*\s+(?:articles?|posts?)\))?$",
                        re.IGNORECASE)
BIO_HEADER_COUNTED = re.compile(r"^about\s+(?P<name>.{2,60}?)\s*\(\d[\d,]*\s+(?:articles?|posts?)\)$", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")
# A line of prose, as opposed to a headline: of some length, with a sentence closed by its punctuation.
# Chinese and Japanese write no spaces between words: there a sentence is counted in characters.
PROSE_MIN_WORDS = 8
PROSE_MIN_UNSPACED_CHARS = 20
# A sentence's end: at the end of the line, or before the next sentence.
# Full stops, question and exclamation marks of the Latin, CJK, Devanagari, Arabic, Armenian and
# Ethiopic scripts.
PROSE_SENTENCE_END = re.compile(r"[.!?。！？।॥؟۔։።][\"'”’)）」』]*(?:\s|$)")
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def normalize_space(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip()


def is_boilerplate_line(line: str) -> bool:
    return bool(BOILERPLATE_LINE.match(line))


def reads_as_prose(line: str) -> bool:
    """Whether a line is a sentence of an article rather than a headline or a label."""
    long_enough = (len(line.split()) >= PROSE_MIN_WORDS
                   or len(UNSPACED_SCRIPT.findall(line)) >= PROSE_MIN_UNSPACED_CHARS)
    return long_enough and bool(PROSE_SENTENCE_END.search(line))


def holds_prose(paragraphs) -> bool:
    """Whether any of the paragraphs is prose: the test of whether a page's text is an article."""
    return any(reads_as_prose(paragraph) for paragraph in paragraphs)


def wraps_on(line: str, following: str | None) -> bool:
    """Whether `following` continues `line` as one hard-wrapped sentence: the line stops mid-sentence
    and the next goes on in lower case."""
    return bool(following) and following[0].islower() and not re.search(r"[.!?:;\"”’]$", line)


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
    headline_open = True  # until the first line of text: the headline, or the article's first words
    for at, line in enumerate(lines):
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
        if headline_open:
            headline_open = False
            if len(line) <= 300 and not wraps_on(line, lines[at + 1] if at + 1 < len(lines) else None):
                hints["title"] = line
                continue
        kept.append(line)
    paragraphs = tuple(_join_blocks(kept))
    if not paragraphs and reads_as_prose(hints.get("title", "")):
        # A brief with no headline of its own: its one paragraph is the article.
        paragraphs = (hints.pop("title"),)
    return CleanedPage(paragraphs=paragraphs, metadata=PageMetadata(**hints))


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
