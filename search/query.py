"""Pure: what a user typed -> a Whoosh query, or QuerySyntaxError with a message a person can act on.

Syntax: words (all must match), "phrases", OR, NOT, AND, (groups), prefix*, field:value for title,
speaker, author and body, and dates: date:2018, date:2018-12, date:2018-12-23,
date:[2018-01-01 TO 2018-06-30], date:>2019-01-01.
"""

from __future__ import annotations

import datetime as dt
import re

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import GtLtPlugin, MultifieldParser

from .errors import QuerySyntaxError
from .models import SearchOptions
from .schema import DEFAULT_FIELDS, name_analyzer

DATE_HELP = "use date:YYYY, date:YYYY-MM, date:YYYY-MM-DD or date:[YYYY-MM-DD TO YYYY-MM-DD]"


def make_parser(schema: Schema, title_boost: float) -> MultifieldParser:
    parser = MultifieldParser(list(DEFAULT_FIELDS), schema, fieldboosts={"title": title_boost})
    parser.add_plugin(GtLtPlugin())
    return parser


MIN_WILDCARD_PREFIX = 2
# Query kinds that expand to every index word matching a pattern.
PATTERN_TYPES = (wq.Wildcard, wq.Prefix)


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
        leaves += not _has_children(part)
    # Each word is looked up once per default field.
    if leaves > max_terms * len(DEFAULT_FIELDS):
        raise QuerySyntaxError(f"The query has too many words and filters (the limit is {max_terms})")


def pattern_text(part: wq.Query) -> str:
    """The pattern as the user typed it: Whoosh keeps a prefix query's text without its '*'."""
    return f"{part.text}*" if isinstance(part, wq.Prefix) else str(part.text)


def pattern_parts(parsed: wq.Query) -> list[wq.Query]:
    """The parts of a query that expand to many index words (prefix*, wild?cards)."""
    return [part for part in _subqueries(parsed) if isinstance(part, PATTERN_TYPES)]


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
    if options.date_from or options.date_to:
        start = dt.datetime.combine(options.date_from, dt.time.min) if options.date_from else None
        end = dt.datetime.combine(options.date_to, dt.time.max) if options.date_to else None
        parts.append(wq.DateRange("date", start, end))
    return wq.And(parts) if parts else None


def body_terms(q: wq.Query) -> set[str]:
    """The analysed body/title words a query looks for, to mark them in an article's text."""
    return {text if isinstance(text, str) else text.decode("utf-8", "replace")
            for field, text in q.iter_all_terms() if field in DEFAULT_FIELDS}
