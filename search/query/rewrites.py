"""The rewrites of a parsed query that read the index: plain words no article holds loosened to the
close words that some do (Okafr -> Okafor), the words worth a correction, and the last word of a
query being typed completed. parse.py, which parses, never reads the index.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Iterator

from whoosh import query as wq
from whoosh.reading import IndexReader
from whoosh.spelling import ReaderCorrector
from whoosh.support.levenshtein import damerau_levenshtein

from ..errors import QueryRefused
from ..index.languages import ENGLISH, language_analyzer
from ..index.schema import DEFAULT_FIELDS, QUOTE_FIELDS, ByLanguage, written_analyzer
from ..whoosh_private.postings import expands_past
from .parse import (
    has_children,
    narrowing_hint,
    pattern_parts,
    pattern_text,
    typed_word,
    wanted,
    with_words,
    written_words_field,
)

# Fields whose plain words a typo may miss: the searched text. A word excluded (NOT), inside a
# phrase or given as a field's value means what it says, and is never loosened nor corrected.
LOOSE_FIELDS = (*DEFAULT_FIELDS, *QUOTE_FIELDS)
MIN_LOOSE_CHARS = 4
MAX_CLOSE_WORDS = 10


def _max_edits(word: str) -> int:
    return 1 if len(word) < 8 else 2


def _loose_fields(reader: IndexReader) -> list[str]:
    return [name for name in LOOSE_FIELDS if name in reader.schema and reader.schema[name].indexed]


def _unknown(reader: IndexReader, fields: list[str], term: str) -> bool:
    return not any(reader.doc_frequency(name, term) for name in fields)


def unknown_terms(q: wq.Query, text: str, reader: IndexReader) -> list[tuple[str, str]]:
    """(field, word) of the query's plain words that no searched field holds: the ones worth correcting."""
    fields = _loose_fields(reader)
    return [(part.fieldname, part.text) for part in wanted(q)
            if typed_word(part, text, fields) and _unknown(reader, fields, part.text)]


def words_within(reader: IndexReader, fieldname: str, word: str, maxdist: int, prefix: int = 1) -> Iterator[str]:
    """The index words of a field within `maxdist` edits of `word` (Damerau-Levenshtein) that share
    its first `prefix` letters, as reader.terms_within finds them; a word whose length alone puts it
    further away is passed over before any distance is computed, which is most of them."""
    fieldobj = reader.schema[fieldname]
    for btext in reader.expand_prefix(fieldname, word[:prefix]):
        candidate = fieldobj.from_bytes(btext)
        if abs(len(candidate) - len(word)) <= maxdist and damerau_levenshtein(candidate, word, maxdist) <= maxdist:
            yield candidate


class CloseWordsCorrector(ReaderCorrector):
    """Whoosh's corrector of a field's words, finding them through words_within."""

    def _suggestions(self, text: str, maxdist: int, prefix: int) -> Iterator[tuple[float, str]]:
        frequency = self.reader.frequency
        for word in words_within(self.reader, self.fieldname, text, maxdist, prefix):
            # Closer first, then commoner, as Whoosh's own corrector ranks them.
            yield 0 - (maxdist + (1.0 / (frequency(self.fieldname, word) or 1) * 0.5)), word


# reader -> the languages its articles are in: read from its lexicon once while it is open, where
# every query's loosening and expansion ask for them.
_LANGUAGES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def archive_languages(reader: IndexReader) -> tuple[str, ...]:
    """The languages other than English that the archive's articles are in."""
    if reader not in _LANGUAGES:
        _LANGUAGES[reader] = () if "lang" not in reader.schema else \
            tuple(language for language in reader.field_terms("lang") if language != ENGLISH)
    return _LANGUAGES[reader]


def other_forms(field, word: str, languages: tuple[str, ...]) -> list[str]:
    """A word as typed, as each of `languages` indexes it in `field` (its stem there; nothing where
    it is a stopword that field leaves out); nothing for a field not analysed by language."""
    if not isinstance(field, ByLanguage):
        return []
    return [form for language in languages for form in _forms_in(language, field.drops_stopwords, word)]


@functools.lru_cache(maxsize=1 << 16)
def _forms_in(language: str, drops_stopwords: bool, word: str) -> tuple[str, ...]:
    # A pasted text asks for each of its words in each of the archive's languages.
    return tuple(token.text for token in language_analyzer(language, drops_stopwords)(word, mode="query"))


def in_archive_languages(q: wq.Query, text: str, reader: IndexReader) -> wq.Query:
    """Each plain word of a field analysed by language (schema.ByLanguage: body, title, a
    quotation's text) matches as well the forms the archive's other languages index it in:
    "Gemeinden" finds the German articles' "gemeind" beside the English "gemeinden". An archive in
    English alone is searched as before."""
    languages = archive_languages(reader)
    if not languages:
        return q

    def expand(part: wq.Query) -> wq.Query:
        field = reader.schema[part.fieldname] if part.fieldname in reader.schema else None
        start, end = getattr(part, "startchar", None), getattr(part, "endchar", None)
        if not isinstance(field, ByLanguage) or start is None or not end or not isinstance(part.text, str):
            return part
        forms = dict.fromkeys([part.text, *other_forms(field, text[start:end], languages)])
        if len(forms) == 1:
            return part
        return wq.Or([wq.Term(part.fieldname, form, boost=part.boost) for form in forms])

    return with_words(q, expand)


def loosen_unknown_words(q: wq.Query, text: str, reader: IndexReader,
                         unfinished_last_word: bool = False) -> tuple[wq.Query, tuple[str, ...]]:
    """Plain words found in none of the searched fields match the close words that are (Okafr -> Okafor).

    Close means within one edit (two for long words) of a word as written in the articles, not of
    its stem. A word the index holds is never loosened, so an exact match always wins, in any of
    the archive's languages; nor is a last word still being typed, nor a word excluded, in a phrase
    or given as a field's value. Returns the query and the loosened words as typed.
    """
    schema = reader.schema
    fields = _loose_fields(reader)
    languages = archive_languages(reader)
    loosened: dict[str, None] = {}
    close: dict[str, list[str]] = {}

    def close_words(word: str) -> list[str]:
        if word not in close:
            found = {near for name in fields for near in words_within(reader, written_words_field(name), word,
                                                                       _max_edits(word))}
            close[word] = sorted(found)[:MAX_CLOSE_WORDS]
        return close[word]

    def loosen(part: wq.Query) -> wq.Query:
        if not typed_word(part, text, fields) or len(part.text) < MIN_LOOSE_CHARS \
                or not _unknown(reader, fields, part.text):
            return part
        start, end = getattr(part, "startchar", None), getattr(part, "endchar", None)
        if unfinished_last_word and end == len(text):
            return part
        word = text[start:end].lower() if start is not None and end else part.text
        if not all(_unknown(reader, fields, form) for form in other_forms(schema[part.fieldname], word, languages)):
            return part
        near = {analysed for candidate in close_words(word)
                for analysed in schema[part.fieldname].process_text(candidate, mode="query")}
        if not near:
            return part
        loosened.setdefault(word, None)
        return wq.Or([wq.Term(part.fieldname, term, boost=part.boost) for term in sorted(near)])

    return with_words(q, loosen), tuple(loosened)


LAST_WORD = re.compile(r"(?:^|[\s(])(?P<word>[^\W_]{2,})$")
# A word begun with so many completions that all of them cannot be searched ("th" in a large
# archive) is completed to its commonest ones, as a search box's suggestions are.
COMMONEST_COMPLETIONS = 50


def complete_last_word(q: wq.Query, text: str, reader: IndexReader, max_expansions: int) -> wq.Query:
    """While a user types, the last word (of two letters or more) also matches the words as written
    that it begins ('ambas' -> ambassador).

    The word as typed still counts as a word; its completions join it, only the commonest of them
    when there are too many.
    """
    match = LAST_WORD.search(text.rstrip("*"))
    if not match or text.endswith("*") or match["word"].upper() in {"AND", "OR", "NOT"}:
        return q
    end = len(text)
    prefix = "".join(token.text for token in written_analyzer()(match["word"]))

    def complete(part: wq.Query) -> wq.Query:
        if type(part) is wq.Term and getattr(part, "endchar", None) == end and part.fieldname in LOOSE_FIELDS:
            field = written_words_field(part.fieldname)
            completion = wq.Prefix(field, prefix, boost=part.boost)
            if expands_past(completion, reader, max_expansions):
                commonest = [word for _, word in reader.most_frequent_terms(field, COMMONEST_COMPLETIONS, prefix)]
                completion = wq.Or([wq.Term(field, word, boost=part.boost) for word in commonest])
            return wq.Or([part, completion])
        if has_children(part) and not isinstance(part, wq.Phrase):
            return part.apply(complete)
        return part

    return complete(q)


def refuse_huge_expansions(parsed: wq.Query, reader: IndexReader, limit: int) -> None:
    """A prefix, wildcard or range of words that matches more than `limit` words of the index is
    refused before it runs, with what to change."""
    for part in pattern_parts(parsed):
        if expands_past(part, reader, limit):
            raise QueryRefused(f"'{pattern_text(part)}' matches more than {limit} different words: "
                                   f"{narrowing_hint(part)}")
