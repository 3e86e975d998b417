"""What the user typed -> one QueryPlan: read once per request, by every call that searches.

The plan says which index a text searches (articles, or quotations for said:), how its words are
matched (all, any, or as written with query syntax), whether it is longer than a query is typed (a
pasted paragraph, searched by its most informative words), and the query itself: bounded, its last
word completed while typing, and words the index lacks loosened.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import query as wq

from ..config import Settings
from ..errors import QueryRefused, QuerySyntaxError
from ..index.schema import EXACT_FIELDS, written_analyzer
from ..models import SearchOptions
from . import posting_arrays
from .parse import asks_for_quotes, parse_query, syntax_to_parse
from .read import ReadText, read_text
from .reading import TEXT_FIELDS, Reading
from .rewrites import complete_last_word, in_archive_languages, loosen_unknown_words, refuse_huge_expansions
from .words import words_query


@dataclass(frozen=True)
class QueryPlan:
    text: str  # as typed
    kind: str  # "articles" or "quotes"
    read: ReadText  # as query syntax, or as words
    parser: object  # what parses the text's syntax (and its corrections)
    query: wq.Query
    needed: int  # of the query's top-level parts, how many a match needs (words), or 1
    pasted: bool  # longer than a query is typed: a post, a claim, a paragraph pasted in
    loosened: tuple[str, ...]  # the words the index lacks, loosened into close ones

    @property
    def text_field(self) -> str:
        """The field its plain words search."""
        return TEXT_FIELDS[self.kind]

    @property
    def read_as(self) -> str:
        return self.read.read_as

    @property
    def any_word(self) -> bool:
        """Read as words, any of which may match: longer than a keyword query (a question, a
        description, a text pasted in)."""
        return self.read.read_as == "words" and self.needed == 1 and len(self.query.subqueries) > 1


def plan_query(reading: Reading, text: str, options: SearchOptions, settings: Settings,
               loosen: bool = True) -> QueryPlan:
    """The plan of `text` on `reading`'s generation. Raises QueryRefused for a text it cannot
    search. Without `loosen`, words the index lacks are kept as typed."""
    if len(text) > settings.max_pasted_chars:
        raise QueryRefused(f"The text is too long to search ({len(text)} characters; the limit is "
                           f"{settings.max_pasted_chars})")
    kind = "quotes" if options.kind == "quotes" or asks_for_quotes(text) else "articles"
    read = read_text(text, settings.syntax_up_to_words)
    generation = reading.generation
    parser = generation.quote_parser if kind == "quotes" else generation.parser
    searcher = reading.searcher(kind)
    reader = searcher.reader()
    if read.read_as == "query":
        query, loosened = bounded_query(syntax_to_parse(read.text), parser, reader, options, settings, loosen)
        return QueryPlan(text, kind, read, parser, query, 1, False, loosened)
    field = TEXT_FIELDS[kind]
    query, needed = words_query(read, searcher.schema[field].analyzer, field,
                                posting_arrays.document_frequencies(reader, field), reader.doc_count(),
                                settings.all_words_up_to, _quotation_query(EXACT_FIELDS.get(field)))
    if not query.subqueries:
        if any(True for _ in written_analyzer()(read.text)):
            raise QuerySyntaxError(f"'{text.strip()[:40]}' holds only common words, which are not searched on "
                                   'their own: add a word, or put the words in quotes ("of the") for that phrase')
        raise QuerySyntaxError(f"'{text.strip()[:40]}' holds no word to search: type one or more words")
    pasted = read.word_count > settings.syntax_up_to_words
    # A pasted text's last word is not being typed, and its words the index lacks simply match
    # nothing: its other words find what it is about. Typos and completions are for typed text.
    if options.as_you_type and not pasted:
        query = complete_last_word(query, read.text, reader, settings.max_expansions)
    loosened: tuple[str, ...] = ()
    if loosen and not pasted:
        query, loosened = loosen_unknown_words(query, read.text, reader, unfinished_last_word=options.as_you_type)
    return QueryPlan(text, kind, read, parser, in_archive_languages(query, read.text, reader), needed, pasted,
                     loosened)


def _quotation_query(exact_field: str | None):
    """A quotation's words as written, in order, in `exact_field`; None without one."""
    if exact_field is None:
        return None
    analyzer = written_analyzer()

    def quotation(text: str) -> wq.Query | None:
        words = [token.text for token in analyzer(text)]
        return wq.Phrase(exact_field, words) if len(words) > 1 else None

    return quotation


ARTICLES = SearchOptions(kind="articles")


def articles_plan_or_none(reading: Reading, text: str, settings: Settings) -> QueryPlan | None:
    """The plan of `text` as a search of articles, its words as typed (not loosened); None when it
    is blank or cannot be searched: what marks an article's words and narrows completions, which
    then do without."""
    if not text.strip():
        return None
    try:
        return plan_query(reading, text, ARTICLES, settings, loosen=False)
    except QueryRefused:
        return None


def bounded_query(text: str, parser, reader, options: SearchOptions, settings: Settings,
                  loosen: bool = True) -> tuple[wq.Query, tuple[str, ...]]:
    """(query, words loosened) for a text with query syntax: bounded, its last word completed while
    typing, and words the index lacks loosened."""
    parsed = parse_query(text, parser, settings.max_query_chars, settings.max_query_terms)
    refuse_huge_expansions(parsed, reader, settings.max_expansions)
    if options.as_you_type:
        parsed = complete_last_word(parsed, text, reader, settings.max_expansions)
    loosened: tuple[str, ...] = ()
    if loosen:
        parsed, loosened = loosen_unknown_words(parsed, text, reader, unfinished_last_word=options.as_you_type)
    return in_archive_languages(parsed, text, reader), loosened
