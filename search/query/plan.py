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
from ..errors import QueryRefused
from ..models import SearchOptions
from .parse import Matching, asks_for_quotes, informative_words, is_pasted, matching_policy, parse_query
from .reading import TEXT_FIELDS, Reading
from .rewrites import complete_last_word, loosen_unknown_words, refuse_huge_expansions


@dataclass(frozen=True)
class QueryPlan:
    text: str  # as typed
    kind: str  # "articles" or "quotes"
    matching: Matching
    pasted: bool  # longer than a query is typed
    parser: object
    query: wq.Query
    loosened: tuple[str, ...]  # the words the index lacks, loosened into close ones

    @property
    def text_field(self) -> str:
        """The field its plain words search."""
        return TEXT_FIELDS[self.kind]


def plan_query(reading: Reading, text: str, options: SearchOptions, settings: Settings,
               loosen: bool = True) -> QueryPlan:
    """The plan of `text` on `reading`'s generation. Raises QueryRefused for a text it cannot
    search. Without `loosen`, words the index lacks are kept as typed."""
    kind = "quotes" if options.kind == "quotes" or asks_for_quotes(text) else "articles"
    matching = matching_policy(text, settings.all_words_up_to)
    pasted = is_pasted(text, settings.max_query_chars, settings.max_query_terms)
    generation = reading.generation
    parser = generation.quote_parser if kind == "quotes" else \
        generation.any_word_parser if matching.any_word else generation.parser
    searcher = reading.searcher(kind)
    searched = _text_to_parse(searcher, TEXT_FIELDS[kind], matching, text, pasted, settings)
    query, loosened = bounded_query(searched, parser, searcher.reader(), options, settings, loosen)
    return QueryPlan(text, kind, matching, pasted, parser, query, loosened)


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


def _text_to_parse(searcher, text_field: str, matching: Matching, text: str, pasted: bool, settings: Settings) -> str:
    """What a query is parsed as: the text as matched, or a pasted plain text's most informative
    words (at most max_query_terms)."""
    if not (matching.plain and pasted):
        return matching.text
    if len(text) > settings.max_pasted_chars:
        raise QueryRefused(f"The text is too long to search ({len(text)} characters; the limit is "
                               f"{settings.max_pasted_chars})")
    reader = searcher.reader()
    return informative_words(matching.text, searcher.schema[text_field].analyzer,
                             lambda term: reader.doc_frequency(text_field, term), reader.doc_count(),
                             settings.max_query_terms, settings.max_query_chars)


def bounded_query(text: str, parser, reader, options: SearchOptions, settings: Settings,
                  loosen: bool = True) -> tuple[wq.Query, tuple[str, ...]]:
    """(query, words loosened) for a text: bounded, its last word completed while typing, and
    words the index lacks loosened."""
    parsed = parse_query(text, parser, settings.max_query_chars, settings.max_query_terms)
    refuse_huge_expansions(parsed, reader, settings.max_expansions)
    if options.as_you_type:
        parsed = complete_last_word(parsed, text, reader, settings.max_expansions)
    if not loosen:
        return parsed, ()
    return loosen_unknown_words(parsed, text, reader, unfinished_last_word=options.as_you_type)
