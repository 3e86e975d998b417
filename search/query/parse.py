"""Pure: a text with query syntax (read.py says which texts have it) -> a Whoosh query, or
QuerySyntaxError with a message a person can act on.

Syntax: words (all must match), "phrases", OR, NOT or -word, AND, (groups), prefix*, field:value for
title, speaker, author and body, and dates: date:2018, date:2018-12, date:2018-12-23,
date:[2018-01-01 TO 2018-06-30], date:>2019-01-01. said:Name searches the quotations of that person.
A field the search does not have, a field with no value and a date it cannot read are refused with
a message, never searched as words.
"""

from __future__ import annotations

import datetime as dt
import re

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import (AndGroup, FieldAliasPlugin, GtLtPlugin, MultifieldParser, PhrasePlugin, Plugin, PrefixPlugin,
                            WildcardPlugin, syntax)

from ..errors import QueryRefused, QuerySyntaxError
from ..index.schema import DEFAULT_FIELDS, EXACT_FIELDS, QUOTE_FIELDS, written_analyzer
from ..models import SearchOptions

DATE_HELP = "use date:YYYY, date:YYYY-MM, date:YYYY-MM-DD, date:>YYYY-MM-DD or date:[YYYY-MM-DD TO YYYY-MM-DD]"
FIELD_EXAMPLES = {"title": "title:bridge", "speaker": "speaker:Bolton", "author": "author:Smith",
                  "outlet": "outlet:Reuters", "lang": "lang:de", "body": "body:harbour", "date": "date:2018-12", "said": "said:Bolton"}
FIELD_LIST = ", ".join(f"{name}:" for name in FIELD_EXAMPLES)
_DAY = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
DATE_VALUE = re.compile(rf"{_DAY}|[<>]=?{_DAY}|[\[{{]\s*(?:{_DAY})?\s+TO\s+(?:{_DAY})?\s*[\]}}]"
                        rf"|[\[{{]\s*{_DAY}\s+TO\s*[\]}}]|[\[{{]\s*TO\s+{_DAY}\s*[\]}}]", re.IGNORECASE)
# A "phrase" (passed over), or name:value, the value quoted, a [range], or up to a space or bracket.
FIELD_OR_PHRASE = re.compile(r'(?P<field>(?<![\w:])(?P<name>[^\W\d_]\w*):'
                             r'(?P<value>"[^"]*"?|[\[{][^\]}]*[\]}]?|[^\s()"]*))|"[^"]*"?')
# A minus before a word, a "phrase" or a (group), where a word may start: NOT, as web search engines read it.
MINUS = re.compile(r'(?<![^\s(])-(?=[^\W\d_]|["(])')


def check_fields(text: str) -> None:
    """Refuse, with what would work, a field the search does not have (autor:smith), a field with no
    value (speaker:) and a date it cannot read (date:[x TO y]): searched as words they would find
    something else. A word before a colon and a space ("Note: the mayor") is plain text."""
    for match in FIELD_OR_PHRASE.finditer(text):
        if not match["field"]:
            continue
        name, value = match["name"].lower(), match["value"]
        if name not in FIELD_EXAMPLES:
            if value and not value.startswith("/"):  # "autor:smith", not "Note: …" nor a web address
                raise QuerySyntaxError(f"The search has no field '{match['name']}:'; use {FIELD_LIST}")
            continue
        if not value.strip('"').strip():
            raise QuerySyntaxError(f"'{name}:' needs a value right after it, as in {FIELD_EXAMPLES[name]}")
        if name == "date" and not DATE_VALUE.fullmatch(value):
            raise QuerySyntaxError(f"Could not read the date '{value}': {DATE_HELP}")


class WrittenWordsPlugin(Plugin):
    """A "quoted phrase", a wild?card and a prefix* of the searched text match its words as written
    (case and accents folded, never stemmed, no stopword dropped): checking a quotation finds that
    quotation, and 'hospit?l' finds 'hospital', whose stem is 'hospit'."""

    NODES = (PhrasePlugin.PhraseNode, PrefixPlugin.PrefixNode, WildcardPlugin.WildcardNode)

    def filters(self, parser):
        # After the multifield plugin (110) has given each unfielded node its field.
        return [(self.to_written_words, 120)]

    def to_written_words(self, parser, group):
        for node in group:
            if isinstance(node, syntax.GroupNode):
                self.to_written_words(parser, node)
            elif isinstance(node, self.NODES) and node.fieldname in EXACT_FIELDS:
                node.set_fieldname(EXACT_FIELDS[node.fieldname], override=True)
        return group


def make_parser(schema: Schema) -> MultifieldParser:
    """Words must all match."""
    parser = MultifieldParser(list(DEFAULT_FIELDS), schema, group=AndGroup)
    parser.add_plugins([WrittenWordsPlugin(), GtLtPlugin()])
    return parser


OPERATOR = re.compile(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b")


def syntax_to_parse(text: str) -> str:
    """A text with query syntax as the parser reads it: its fields checked (check_fields), and a
    minus before a word or a phrase read as NOT."""
    check_fields(text)
    return MINUS.sub("NOT ", text)


def make_quote_parser(schema: Schema) -> MultifieldParser:
    """Words search the quotations; said:Name (or speaker:Name) picks whose; a "quoted phrase" matches
    the quotation's words as written."""
    parser = MultifieldParser(list(QUOTE_FIELDS), schema)
    parser.add_plugins([WrittenWordsPlugin(), GtLtPlugin(), FieldAliasPlugin({"speaker": ["said"]})])
    return parser


# quote:"…" asks for a quote check of the words in its marks, not for a search.
QUOTE_CHECK = re.compile(r'^\s*quote:\s*"?(?P<text>.*?)"?\s*$', re.IGNORECASE | re.DOTALL)


def quote_to_check(text: str) -> str | None:
    """The quotation a text asks to check (quote:"…"), or None for any other search."""
    asked = QUOTE_CHECK.match(text)
    return asked["text"] if asked else None


SAID = re.compile(r"(?<![\w:])said:", re.IGNORECASE)


def asks_for_quotes(text: str) -> bool:
    """said:Name in a query asks what a person said: a search of the quotations."""
    return bool(SAID.search(text))


SAID_FILTER = re.compile(r'(?<![\w:])said:(?:"[^"]*"?|\S+)', re.IGNORECASE)


def words_to_mark(text: str) -> str:
    """The query without its said:Name filters: what an article reached from it has marked."""
    return SAID_FILTER.sub(" ", text)


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
        raise QueryRefused(f"The query is too long ({len(text)} characters; the limit is {max_chars})")
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
            before = len(re.split(r"[*?]", text, maxsplit=1)[0])
            if before < MIN_WILDCARD_PREFIX:
                problem = "starts with a wildcard" if before == 0 else "is too short a start"
                raise QuerySyntaxError(f"'{text}' {problem}: put at least {MIN_WILDCARD_PREFIX} letters before * or ?")
        if isinstance(part, wq.Phrase) and part.slop > MAX_SLOP:
            raise QueryRefused(f"'~{part.slop}' after a phrase is more than this search allows: its words "
                                   f"can be at most {MAX_SLOP} apart (\"a b\"~{MAX_SLOP})")
        leaves += not has_children(part)
    # Each word is looked up once per default field.
    if leaves > max_terms * len(DEFAULT_FIELDS):
        raise QueryRefused(f"The query has too many words and filters (the limit is {max_terms})")


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


def has_children(q: wq.Query) -> bool:
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
        words = [token.text for token in written_analyzer()(str(q.text))]
        by_words = wq.And([wq.Term("speaker_words", word) for word in words]) if words else wq.NullQuery
        return wq.Or([q, by_words], boost=q.boost)
    if isinstance(q, wq.Phrase) and q.fieldname == "speaker":
        return _expand_speakers(wq.Term("speaker", " ".join(q.words), boost=q.boost))
    if has_children(q):
        return q.apply(_expand_speakers)
    return q


def options_filter(options: SearchOptions) -> wq.Query | None:
    """The filters of SearchOptions as one query, or None when there are none."""
    parts: list[wq.Query] = []
    if options.speaker and options.speaker.strip():
        parts.append(_expand_speakers(wq.Term("speaker", options.speaker.strip().lower())))
    if options.spellings:
        parts.append(wq.Or([wq.Term("speaker", spelling.lower()) for spelling in options.spellings]))
    if options.author and options.author.strip():
        parts.append(wq.Term("author_exact", options.author.strip().lower()))
    if options.outlet and options.outlet.strip():
        parts.append(wq.Term("outlet_exact", options.outlet.strip().lower()))
    if options.language and options.language.strip():
        parts.append(wq.Term("lang", options.language.strip().lower()))
    if options.story:
        parts.append(wq.Term("story", options.story))
    if options.date_from or options.date_to:
        start = dt.datetime.combine(options.date_from, dt.time.min) if options.date_from else None
        end = dt.datetime.combine(options.date_to, dt.time.max) if options.date_to else None
        parts.append(wq.DateRange("date", start, end))
    return wq.And(parts) if parts else None


def written_words_field(fieldname: str) -> str:
    """The field that holds a searched field's words as written: its exact field, or the field itself
    (whose spelling words Whoosh keeps as written)."""
    return EXACT_FIELDS.get(fieldname, fieldname)


def typed_word(part: wq.Query, text: str, fields: list[str]) -> bool:
    """Whether a query part is a plain word as typed: a term of a searched field, not a field's value."""
    start = getattr(part, "startchar", None)
    return type(part) is wq.Term and part.fieldname in fields and isinstance(part.text, str) \
        and not (start and text[:start].endswith(":"))


def with_words(part: wq.Query, change) -> wq.Query:
    """The query with `change` applied to its plain words: what NOT excludes and phrases are kept."""
    if isinstance(part, wq.Term):
        return change(part)
    if isinstance(part, (wq.Not, wq.Phrase)):
        return part
    if isinstance(part, wq.AndNot):
        return wq.AndNot(with_words(part.a, change), part.b)
    if has_children(part):
        return part.apply(lambda child: with_words(child, change))
    return part


def wanted(q: wq.Query):
    """The query's leaves (words, phrases, patterns) that it looks for: never those NOT excludes."""
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from wanted(q.a)
    elif isinstance(q, wq.Phrase) or not has_children(q):
        yield q
    else:
        for child in q.children():
            yield from wanted(child)


def body_terms(q: wq.Query, as_body) -> set[str]:
    """The analysed body/title words a query looks for, to mark them in an article's text: never
    the words it excludes, nor a field's name. `as_body` analyses a word as written (of a phrase) as
    the body field does."""
    exact = set(EXACT_FIELDS.values())
    found: set[str] = set()
    for part in wanted(q):
        fieldname = getattr(part, "fieldname", None)
        if isinstance(part, wq.Phrase) and fieldname in exact:
            found.update(term for word in part.words for term in as_body(word))
        elif isinstance(part, wq.Phrase) and fieldname in DEFAULT_FIELDS:
            found.update(part.words)
        elif type(part) is wq.Term and fieldname in exact:
            found.update(as_body(part.text))
        elif type(part) is wq.Term and fieldname in DEFAULT_FIELDS:
            found.add(part.text if isinstance(part.text, str) else part.text.decode("utf-8", "replace"))
    return found
