"""The Whoosh schema and its analyzers: the only module that names index fields."""

from __future__ import annotations

import datetime as dt

from whoosh.analysis import CharsetFilter, RegexTokenizer, LowercaseFilter, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
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
    return {key: value for key, value in document.items() if value}


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
