"""Pure but for a model read once: the language an article is written in, as an ISO 639-1 code.

The text decides: py3langid's model (shipped inside its wheel) reads the headline and the first
paragraphs. A page's declared language (`<html lang>`, og:locale) is evidence, not an order: CMS
templates declare "en" on pages in every language. It decides only where the text is too short to
tell or the model is unsure; with neither, an article has no language (and is analysed as English):
a short English abstract the model calls Latin at 0.3 must not be stemmed as Latin.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

# Enough text to tell a language from its letters, and no more than that: the model's cost grows
# with the text, its verdict on a news article does not after a few paragraphs.
MIN_LETTERS, MAX_CHARS = 40, 3000
# A verdict the model gives a probability below this is a guess.
SURE = 0.9
# What the model names a text of no language (digits, symbols).
NO_LANGUAGE = "zxx"
LETTER = re.compile(r"[^\W\d_]")
DECLARED = re.compile(r"[a-z]{2}")


@functools.cache
def language_name(code: str) -> str:
    """A language's English name ("de" -> "German"), or the code where it has none."""
    from babel import Locale

    return Locale("en").languages.get(code, code)


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def declared_language(value: str | None) -> str | None:
    """The primary language of a declaration ("de-DE", "en_GB", "FR") as a two-letter code, or None."""
    code = re.split(r"[-_]", value.strip().lower())[0] if value else ""
    return code if DECLARED.fullmatch(code) else None


def detect_language(title: str, paragraphs: Sequence[str], declared: str | None = None) -> str | None:
    """The language of an article's text, as a two-letter code; the declared one where the text
    is too short to tell or the model is unsure; None where neither tells."""
    declared = declared_language(declared)
    text = "\n".join([title, *paragraphs])[:MAX_CHARS]
    if len(LETTER.findall(text)) < MIN_LETTERS:
        return declared
    best, probability = _identifier().rank(text)[0]
    if probability < SURE:
        return declared
    return None if best == NO_LANGUAGE else best


def language_certainty(text: str) -> float:
    """How sure the model is of the language of a text (0 to 1), from its first MAX_CHARS characters."""
    return _identifier().rank(text[:MAX_CHARS])[0][1]
