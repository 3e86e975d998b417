"""How a text's words are analysed in its own language: stemmed by its Snowball stemmer, its
stopwords dropped, accents folded, and marked with the language ("de:gemeind"). English is the
fields' own analyzer (schema.text_analyzer), unmarked; a language that Snowball does not stem keeps
its words as written. The mark keeps each language's words apart in one field: a German stem that
is an English word too never matches an English article, so English ranking is the same whatever
else the archive holds."""

from __future__ import annotations

import functools

import Stemmer
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.lang import has_stopwords, stopwords_for_language
from whoosh.support.charset import accent_map

from ..whoosh_private.analysis import LanguageMark

# The languages with a Snowball stemmer (PyStemmer's, in C), by their ISO 639-1 code, and their
# stopwords where Whoosh has a list of them (all but Arabic). English is analysed by the fields'
# own analyzer, with the configured stop list.
STEMMED_LANGUAGES = {"ar": "arabic", "da": "danish", "de": "german", "es": "spanish", "fi": "finnish",
                     "fr": "french", "hu": "hungarian", "it": "italian", "nl": "dutch", "no": "norwegian",
                     "pt": "portuguese", "ro": "romanian", "ru": "russian", "sv": "swedish", "tr": "turkish"}
ENGLISH = "en"


class InLanguage(str):
    """A text to index, with the language its words are analysed in (None: the field's own, English)."""

    language: str | None

    def __new__(cls, text: str, language: str | None):
        value = super().__new__(cls, text)
        value.language = language
        return value


@functools.cache
def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(algorithm)


def stem_in(algorithm: str, word: str) -> str:
    """A word's Snowball stem in one language (a module-level function, for a picklable partial)."""
    return _stemmer(algorithm).stemWord(word)


@functools.cache
def language_analyzer(language: str, drops_stopwords: bool):
    """The analyzer of a language other than English: Snowball's stems and the language's stopwords
    where it has them, else its words as written; accents folded after stemming, as in English."""
    if language in STEMMED_LANGUAGES:
        stops = stopwords_for_language(language) if drops_stopwords and has_stopwords(language) else frozenset()
        return StemmingAnalyzer(stemfn=functools.partial(stem_in, STEMMED_LANGUAGES[language]),
                                stoplist=stops) | CharsetFilter(accent_map) | LanguageMark(language)
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | LanguageMark(language)


def analyzer_in(own_analyzer, language: str | None, drops_stopwords: bool):
    """A field's analyzer for a text in `language`: its own (English) for English or no known language."""
    return own_analyzer if language in (None, ENGLISH) else language_analyzer(language, drops_stopwords)
