"""Pure: what a user typed -> a Whoosh query, or QuerySyntaxError with a message a person can act on.

Syntax: words (all must match), "phrases", OR, NOT, AND, (groups), prefix*, field:value for title,
speaker, author and body, and dates: date:2018, date:2018-12, date:2018-12-23,
date:[2018-01-01 TO 2018-06-30], date:>2019-01-01. said:Name searches the quotations of that person.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import NamedTuple

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import AndGroup, FieldAliasPlugin, GtLtPlugin, MultifieldParser, OrGroup
from whoosh.reading import IndexReader

from .errors import QuerySyntaxError
from .models import SearchOptions
from .schema import DEFAULT_FIELDS, QUOTE_FIELDS, name_analyzer

DATE_HELP = "use date:YYYY, date:YYYY-MM, date:YYYY-MM-DD or date:[YYYY-MM-DD TO YYYY-MM-DD]"


def make_parser(schema: Schema, any_word: bool = False) -> MultifieldParser:
    """Words must all match, or with `any_word` any may."""
    parser = MultifieldParser(list(DEFAULT_FIELDS), schema, group=OrGroup if any_word else AndGroup)
    parser.add_plugin(GtLtPlugin())
    return parser


# What makes a query say how its words combine, so that it is parsed as written: AND/OR/NOT, "phrases",
# field:value, prefix* and wild?cards, word^boost and word~. A typed field is one of those the query
# syntax documents; parentheses are grouping only beside an operator.
OPERATOR = re.compile(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b")
EXPLICIT_SYNTAX = re.compile(
    r'"|\b(?:title|speaker|author|body|date|said):|\*|\w\?\w|\w[~^]', re.IGNORECASE)
# In a plain query these are punctuation, not syntax: "what is the effect of heat (in time)?",
# "ratio: 2", "the ?slip? effect". They become spaces, so that positions in the text stay those of the words typed.
PLAIN_PUNCTUATION = re.compile(r"[()\[\]{}<>:?*~^+!]")


class Matching(NamedTuple):
    text: str        # what to parse
    any_word: bool   # whether any of its words may match, or all must
    plain: bool      # words only, no query syntax


def matching_policy(text: str, all_words_up_to: int) -> Matching:
    """How what a user typed is matched.

    Short plain queries need every word: a keyword search ranks documents with all of them first by
    returning only those (the searcher adds documents with some of the words after them when those
    with all are few). Longer plain queries (questions, descriptions) rank documents by how well
    they match any of the words, since requiring all of them finds almost nothing. A query in capitals
    is lowercased first: its AND, OR and NOT are words, not operators. The punctuation of a plain
    query (a question mark, brackets, a colon) is not read as query syntax.
    """
    words = len(re.findall(r"\w+", text))
    if not any(ch.islower() for ch in text) and words > 1:
        text = text.lower()
    if OPERATOR.search(text) or EXPLICIT_SYNTAX.search(text):
        return Matching(text, any_word=False, plain=False)
    return Matching(PLAIN_PUNCTUATION.sub(" ", text), any_word=words > all_words_up_to, plain=True)


def make_quote_parser(schema: Schema) -> MultifieldParser:
    """Words search the quotations; said:Name (or speaker:Name) picks whose."""
    parser = MultifieldParser(list(QUOTE_FIELDS), schema)
    parser.add_plugins([GtLtPlugin(), FieldAliasPlugin({"speaker": ["said"]})])
    return parser


SAID = re.compile(r"(?<![\w:])said:", re.IGNORECASE)


def asks_for_quotes(text: str) -> bool:
    """said:Name in a query asks what a person said: a search of the quotations."""
    return bool(SAID.search(text))


MIN_WILDCARD_PREFIX = 2
# Query kinds that expand to every index word matching a pattern.
PATTERN_TYPES = (wq.Wildcard, wq.Prefix)
# Query kinds that expand to many index words: patterns and ranges of words. The searcher refuses one
# that expands to more than max_expansions.
EXPANDING_TYPES = (*PATTERN_TYPES, wq.TermRange)
# "a b"~N: words within N of each other. Past a thousand it means no more than both words, and a
# huge N costs Whoosh's span matching without end.
MAX_SLOP = 1000


def parse_query(text: str, parser: MultifieldParser, max_chars: int, max_terms: int = 64) -> wq.Query:
    text = text.strip()
    if not text:
        raise QuerySyntaxError("The query is empty: type one or more words")
    if len(text) > max_chars:
        raise QuerySyntaxError(f"The query is too long ({len(text)} characters; the limit is {max_chars})")
    parsed = _parse_or_fall_back(text, parser)
    _raise_on_errors(parsed)
    _refuse_expensive(parsed, max_terms)
    return _expand_speakers(parsed)


def _parse_or_fall_back(text: str, parser: MultifieldParser) -> wq.Query:
    """Whoosh's parser can fail inside on odd input ('<0' raises IndexError): then search the words alone."""
    try:
        return parser.parse(text)
    except Exception:  # any internal parser failure, whatever its type, means the same: fall back
        words = re.findall(r"\w+", text)
        if not words:
            raise QuerySyntaxError("Could not read the query: use words, \"phrases\", OR, NOT and field:value") \
                from None
        return parser.parse(" ".join(words))


def _refuse_expensive(parsed: wq.Query, max_terms: int) -> None:
    """Leading wildcards scan the whole vocabulary and huge queries cost without end: refuse them."""
    leaves = 0
    for part in _subqueries(parsed):
        if isinstance(part, wq.Every):
            raise QuerySyntaxError("A query of only '*' matches everything: type at least one word")
        if isinstance(part, PATTERN_TYPES):
            text = pattern_text(part)
            if len(re.split(r"[*?]", text, maxsplit=1)[0]) < MIN_WILDCARD_PREFIX:
                raise QuerySyntaxError(f"'{text}' starts with a wildcard: put at least {MIN_WILDCARD_PREFIX} "
                                       "letters before * or ?")
        if isinstance(part, wq.Phrase) and part.slop > MAX_SLOP:
            raise QuerySyntaxError(f"'~{part.slop}' after a phrase is more than this search allows: its words "
                                   f"can be at most {MAX_SLOP} apart (\"a b\"~{MAX_SLOP})")
        leaves += not _has_children(part)
    # Each word is looked up once per default field.
    if leaves > max_terms * len(DEFAULT_FIELDS):
        raise QuerySyntaxError(f"The query has too many words and filters (the limit is {max_terms})")


def pattern_text(part: wq.Query) -> str:
    """The expanding part as the user typed it: Whoosh keeps a prefix query's text without its '*'."""
    if isinstance(part, wq.Prefix):
        return f"{part.text}*"
    if isinstance(part, wq.TermRange):
        return f"{part.fieldname}:[{part.start or ''} TO {part.end or ''}]"
    return str(part.text)


def narrowing_hint(part: wq.Query) -> str:
    """What to change in an expanding part that matches too many words."""
    if isinstance(part, wq.TermRange):
        return "narrow the range"
    return "type more letters before the *"


def pattern_parts(parsed: wq.Query) -> list[wq.Query]:
    """The parts of a query that expand to many index words (prefix*, wild?cards, [a TO b])."""
    return [part for part in _subqueries(parsed) if isinstance(part, EXPANDING_TYPES)]


def _has_children(q: wq.Query) -> bool:
    # Whoosh's children() is an iterator, truthy even when empty.
    return any(True for _ in q.children())


def _subqueries(q: wq.Query):
    yield q
    for child in q.children():
        yield from _subqueries(child)


def _raise_on_errors(parsed: wq.Query) -> None:
    """Whoosh never raises on bad input; it marks the bad part with `.error`. Turn that into a message."""
    for part in _subqueries(parsed):
        error = getattr(part, "error", None)
        if error:
            field = getattr(part, "fieldname", None) or "date"
            if field == "date" or "int()" in str(error) or "date" in str(error).lower():
                raise QuerySyntaxError(f"Could not read the date in the query: {DATE_HELP}")
            raise QuerySyntaxError(f"Could not read the query near {field}: {error}")


def _expand_speakers(q: wq.Query) -> wq.Query:
    """speaker:Bolton matches 'John Bolton' too: a speaker term also matches the words of speakers' names."""
    if isinstance(q, wq.Term) and q.fieldname == "speaker":
        words = [token.text for token in name_analyzer()(str(q.text))]
        by_words = wq.And([wq.Term("speaker_words", word) for word in words]) if words else wq.NullQuery
        return wq.Or([q, by_words], boost=q.boost)
    if isinstance(q, wq.Phrase) and q.fieldname == "speaker":
        return _expand_speakers(wq.Term("speaker", " ".join(q.words), boost=q.boost))
    if _has_children(q):
        return q.apply(_expand_speakers)
    return q


def options_filter(options: SearchOptions) -> wq.Query | None:
    """The filters of SearchOptions as one query, or None when there are none."""
    parts: list[wq.Query] = []
    if options.speaker and options.speaker.strip():
        parts.append(_expand_speakers(wq.Term("speaker", options.speaker.strip().lower())))
    if options.author and options.author.strip():
        parts.append(wq.Term("author_exact", options.author.strip().lower()))
    if options.story:
        parts.append(wq.Term("story", options.story))
    if options.date_from or options.date_to:
        start = dt.datetime.combine(options.date_from, dt.time.min) if options.date_from else None
        end = dt.datetime.combine(options.date_to, dt.time.max) if options.date_to else None
        parts.append(wq.DateRange("date", start, end))
    return wq.And(parts) if parts else None


# Fields whose words a typo may miss: the searched text and people's names.
LOOSE_FIELDS = (*DEFAULT_FIELDS, *QUOTE_FIELDS, "speaker_words")
MIN_LOOSE_CHARS = 4
MAX_CLOSE_WORDS = 10


def _max_edits(word: str) -> int:
    return 1 if len(word) < 8 else 2


def _loose_fields(reader: IndexReader) -> list[str]:
    return [name for name in LOOSE_FIELDS if name in reader.schema and reader.schema[name].indexed]


def _unknown(reader: IndexReader, fields: list[str], term: str) -> bool:
    return not any(reader.doc_frequency(name, term) for name in fields)


def unknown_terms(q: wq.Query, reader: IndexReader) -> list[tuple[str, str]]:
    """(field, word) of the query's words that no searched field holds: the ones worth correcting."""
    fields = _loose_fields(reader)
    return [(name, text) for name, text in q.iter_all_terms()
            if name in fields and isinstance(text, str) and _unknown(reader, fields, text)]


def loosen_unknown_words(q: wq.Query, text: str, reader: IndexReader,
                         unfinished_last_word: bool = False) -> tuple[wq.Query, tuple[str, ...]]:
    """Words found in none of the searched fields match the close words that are (Boltin -> Bolton).

    Close means within one edit (two for long words) of a word as written in the articles, not of
    its stem. A word the index holds is never loosened, so an exact match always wins; nor is a
    last word still being typed. Returns the query and the loosened words as typed.
    """
    schema = reader.schema
    fields = _loose_fields(reader)
    loosened: dict[str, None] = {}
    close: dict[str, list[str]] = {}

    def close_words(word: str) -> list[str]:
        if word not in close:
            found = {near for name in fields for near in reader.terms_within(name, word, _max_edits(word), prefix=1)}
            close[word] = sorted(found)[:MAX_CLOSE_WORDS]
        return close[word]

    def loosen(part: wq.Query) -> wq.Query:
        if type(part) is wq.Term and part.fieldname in fields and isinstance(part.text, str) \
                and len(part.text) >= MIN_LOOSE_CHARS and _unknown(reader, fields, part.text):
            start, end = getattr(part, "startchar", None), getattr(part, "endchar", None)
            if unfinished_last_word and end == len(text):
                return part
            word = text[start:end].lower() if start is not None and end else part.text
            near = {analysed for candidate in close_words(word)
                    for analysed in schema[part.fieldname].process_text(candidate, mode="query")}
            if not near:
                return part
            loosened.setdefault(word, None)
            return wq.Or([wq.Term(part.fieldname, term, boost=part.boost) for term in sorted(near)])
        if _has_children(part) and not isinstance(part, wq.Phrase):
            return part.apply(loosen)
        return part

    return loosen(q), tuple(loosened)


LAST_WORD = re.compile(r"(?:^|[\s(])(?P<word>[^\W_]{3,})$")


def complete_last_word(q: wq.Query, text: str, reader: IndexReader, max_expansions: int) -> wq.Query:
    """While a user types, the last word also matches the words it begins ('ambas' -> ambassador).

    The word as typed still counts as a word; its completions join it, unless there are too many.
    """
    match = LAST_WORD.search(text.rstrip("*"))
    if not match or text.endswith("*") or match["word"].upper() in {"AND", "OR", "NOT"}:
        return q
    end = len(text)
    prefix = "".join(token.text for token in name_analyzer()(match["word"]))

    def complete(part: wq.Query) -> wq.Query:
        if type(part) is wq.Term and getattr(part, "endchar", None) == end and part.fieldname in LOOSE_FIELDS:
            completion = wq.Prefix(part.fieldname, prefix, boost=part.boost)
            if sum(1 for _ in itertools.islice(completion._btexts(reader), max_expansions + 1)) > max_expansions:
                return part
            return wq.Or([part, completion])
        if _has_children(part) and not isinstance(part, wq.Phrase):
            return part.apply(complete)
        return part

    return complete(q)


def body_terms(q: wq.Query) -> set[str]:
    """The analysed body/title words a query looks for, to mark them in an article's text."""
    return {text if isinstance(text, str) else text.decode("utf-8", "replace")
            for field, text in q.iter_all_terms() if field in DEFAULT_FIELDS}
