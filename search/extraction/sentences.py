"""Pure: the sentences of a paragraph, its quotation marks, and the runs of capitalised words that
may name someone: what every language's attribution rules read."""

from __future__ import annotations

import re

OPEN_QUOTES, CLOSE_QUOTES = "\"“«„", "\"”»"
# Capital letters: Latin-1's, and Latin Extended-A's, whose capitals and small letters alternate
# ("Ł" is a capital, "ł" is not).
CAPITALS = "A-ZÀ-ÖØ-Þ" + "".join(letter for letter in map(chr, range(0x100, 0x180)) if letter.isupper())
NAME_WORD = rf"[{CAPITALS}][\w'’.\-]*"
# The small words inside a surname ("Luis de Miranda", "Osama bin Laden").
SURNAME_PARTICLES = frozenset({"de", "da", "del", "der", "van", "von", "al", "bin", "la", "le", "dos", "du"})
# Two of them together: "Ursula von der Leyen", "Jan van den Berg". Not "de la", which an office or a
# body's name holds as often ("Pdte de la Comunidad").
DOUBLE_PARTICLES = r"(?:von|van)\s+(?:der|den|dem)"
NAME_RUN = (rf"{NAME_WORD}(?:\s+(?:(?:{DOUBLE_PARTICLES}|{'|'.join(sorted(SURNAME_PARTICLES))}|of|for\s+the)\s+)?"
            rf"{NAME_WORD}){{0,6}}")
SENTENCE_END = re.compile(r"[.!?…][\"”’]?\s+(?=[\"“‘]?[A-Z])")
ABBREVIATION = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Prof|Jr|Sr|Inc|Co|No|vs|Sgt|Adm|Hon|Rev)\.$")


def split_sentences(paragraph: str) -> list[str]:
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(paragraph):
        if ABBREVIATION.search(paragraph[start: match.start() + 1]):
            continue
        sentences.append(paragraph[start: match.end()].strip())
        start = match.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


def has_quote(text: str) -> bool:
    return any(ch in text for ch in OPEN_QUOTES + CLOSE_QUOTES)


# Enough of what stands before a position to hold a preposition and its article, or a run of names.
LOOK_BACK = 200


def ending_at(pattern: re.Pattern, text: str, at: int) -> re.Match | None:
    """`pattern` (ending in `$`) matched against what stands just before `at`: only the last
    LOOK_BACK characters are read, so that a long paragraph is not read again at every name."""
    return pattern.search(text, max(0, at - LOOK_BACK), at)
