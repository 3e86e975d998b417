"""The Whoosh schema and its analyzers: the only module that names index fields."""

from __future__ import annotations

import datetime as dt

from whoosh.analysis import CharsetFilter, RegexTokenizer, LowercaseFilter, StemmingAnalyzer
from whoosh import sorting
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from .models import Article

# Searchable by default; field:value reaches the others.
DEFAULT_FIELDS = ("title", "body")
SPEAKER_SEPARATOR = ","


def text_analyzer():
    """Stemmed English with accents folded, so 'Sander' finds 'Sandër' and 'expelled' finds 'expels'."""
    return StemmingAnalyzer() | CharsetFilter(accent_map)


def name_analyzer():
    """People's names: words, lowercased, accents folded, never stemmed."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=text_analyzer(), stored=True),
        body=TEXT(analyzer=text_analyzer(), stored=True),
        speaker=KEYWORD(stored=True, commas=True, lowercase=True, scorable=True),
        speaker_words=TEXT(analyzer=name_analyzer()),
        author=TEXT(analyzer=name_analyzer(), stored=True),
        date=DATETIME(stored=True, sortable=True),
        recency=NUMERIC(sortable=True),
        date_source=STORED,
        url=STORED,
    )


def to_document(article: Article) -> dict:
    """An Article as the fields the writer takes; absent values are left out, not indexed as empty."""
    speakers = [s.replace(SPEAKER_SEPARATOR, " ") for s in article.speakers]
    document = {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "speaker": SPEAKER_SEPARATOR.join(speakers),
        "speaker_words": " ".join(speakers),
        "author": article.author,
        "date": dt.datetime.combine(article.date, dt.time()) if article.date else None,
        "date_source": article.date_source,
        "url": article.url,
    }
    # Undated articles get recency 0 so that they come last when the newest come first.
    return {key: value for key, value in document.items() if value} | {
        "recency": article.date.toordinal() if article.date else 0}


# Relevance breaks ties by recency; the date orders break theirs by relevance; undated articles come
# last in every order. A sorted search reports each hit's sort key in place of its score: the score is
# the ScoreFacet part of the key, negated.
SORTINGS = {
    "relevance": sorting.MultiFacet([sorting.ScoreFacet(), sorting.FieldFacet("recency", reverse=True)]),
    "newest": sorting.MultiFacet([sorting.FieldFacet("recency", reverse=True), sorting.ScoreFacet()]),
    "oldest": sorting.MultiFacet([sorting.FieldFacet("date"), sorting.ScoreFacet()]),
}
SCORE_IN_SORT_KEY = {"relevance": 0, "newest": 1, "oldest": 1}


def from_stored(fields: dict) -> Article:
    stored_date = fields.get("date")
    return Article(
        id=fields["id"],
        title=fields.get("title", ""),
        body=fields.get("body", ""),
        author=fields.get("author"),
        speakers=tuple(s for s in fields.get("speaker", "").split(SPEAKER_SEPARATOR) if s),
        date=stored_date.date() if isinstance(stored_date, dt.datetime) else None,
        date_source=fields.get("date_source"),
        url=fields.get("url"),
    )
