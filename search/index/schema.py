"""The Whoosh schema and its analyzers: the only module that names index fields."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from pathlib import Path

import Stemmer
from whoosh import formats
from whoosh.analysis import STOP_WORDS, CharsetFilter, LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, FieldType, Schema
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

from ..models import Article, Quote
from ..whoosh_private.analysis import CommonPairs, CommonWords, PackedCharacters, PackedPositions, word_analysis
from .languages import InLanguage, analyzer_in

# Searchable by default, the main text field last; field:value reaches the others. The body field
# indexes the headline too, so that one BM25 score weighs headline and text together.
# The text field each kind of search reads: an article's body, a quotation's words.
BODY, QUOTATION_TEXT = "body", "text"
DEFAULT_FIELDS = (BODY,)
QUOTE_FIELDS = (QUOTATION_TEXT,)
SPEAKER_SEPARATOR = ","


STOPWORD_LISTS = ("english", "whoosh", "none")
DEFAULT_STOPWORDS = STOPWORD_LISTS[0]


@functools.cache
def stopwords(name: str) -> frozenset[str]:
    """Whoosh's own short list, a fuller English list (search/data/stopwords-english.txt), or none."""
    if name == "whoosh":
        return STOP_WORDS
    if name == "english":
        lines = (Path(__file__).parent / "data" / "stopwords-english.txt").read_text(encoding="utf-8").splitlines()
        return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return frozenset()


_ENGLISH = Stemmer.Stemmer("english")


def snowball_stem(word: str) -> str:
    """English Snowball (Porter2) stemming by PyStemmer, in C: better stems than Whoosh's own Porter
    ('running' -> 'run', not 'runn') at a twentieth of the cost. A module-level function, because the
    index stores its analyzers pickled."""
    return _ENGLISH.stemWord(word)


def text_analyzer(stoplist: str = DEFAULT_STOPWORDS):
    """Stemmed English with accents folded, so 'Sander' finds 'Sandër' and 'expelled' finds 'expels'."""
    return StemmingAnalyzer(stemfn=snowball_stem, stoplist=stopwords(stoplist)) | CharsetFilter(accent_map)


def written_analyzer():
    """Words as written: lowercased, accents folded, never stemmed, no word left out. People's names,
    and the text that quoted phrases and wildcards match."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def pairs_analyzer(stoplist: str = DEFAULT_STOPWORDS):
    """The pairs of neighbouring words as written of which either is a common one (the stop list's):
    what a quoted phrase holding common words reads instead of their positions."""
    return written_analyzer() | CommonPairs(stopwords(stoplist))


def common_words_analyzer(stoplist: str = DEFAULT_STOPWORDS):
    """The common words (the stop list's) as written, and no other: whose counts score a phrase
    holding them."""
    return written_analyzer() | CommonWords(stopwords(stoplist))


# Per-document columns that facets count: the values exactly as shown, several joined by FACET_JOINER.
FACET_COLUMNS = {"speaker": "speaker_facet", "author": "author_facet", "outlet": "outlet_facet",
                 "language": "language_facet", "date": "month"}
FACET_JOINER = "\x1f"
# The body's words as written, with positions and offsets: what a "quoted phrase", a wild?card and a
# prefix* match, so that a phrase finds that phrase and nothing stemmed or with stopwords dropped;
# and the vocabulary of spelling suggestions, close words and completions.
EXACT_FIELDS = {"body": "body_exact", "text": "text_exact"}
# Fields holding the pairs of words of an exact field of which either is common (pairs_analyzer),
# and the counts of its common words (common_words_analyzer): a phrase holding "the" reads the
# positions of its pairs, and scores "the" by its counts, never reading every position of "the".
PAIR_FIELDS = {"body_exact": "body_pairs"}
COMMON_COUNTS = {"body_exact": "body_common"}


def common_words_of(schema: Schema, fieldname: str) -> frozenset[str]:
    """The common words of a field of PAIR_FIELDS or COMMON_COUNTS: those its analyzer's last filter
    (CommonPairs, CommonWords) was built with, as the index stores it."""
    return schema[fieldname].analyzer.items[-1].common


def _filter_and_sort_fields() -> dict:
    """Fields articles and quotes share: who speaks, when, and the facet columns."""
    return {
        "speaker": KEYWORD(stored=True, commas=True, lowercase=True, scorable=True),
        "speaker_words": TEXT(analyzer=written_analyzer()),
        "date": DATETIME(stored=True, sortable=True),
        "recency": NUMERIC(sortable=True),
        "speaker_facet": COLUMN(),
        "author_facet": COLUMN(),
        "outlet_facet": COLUMN(),
        "language_facet": COLUMN(),
        # The article's language as a two-letter code: what lang:de and the language filter match.
        "lang": KEYWORD(stored=True, lowercase=True),
        "month": ID(sortable=True),
    }


# The last text a CountingText field indexed in this process, its analyzer, and its words' (bytes, count, weight).
_last_indexed: list = [None, None, ()]


class ByLanguage:
    """A text field that analyses an InLanguage value in its language (languages.analyzer_in), and
    any other value, or one in English, in its own analyzer."""

    def __init__(self, *args, drops_stopwords: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.drops_stopwords = drops_stopwords

    def analyzer_for(self, value):
        return self.analyzer_in_language(getattr(value, "language", None))

    def analyzer_in_language(self, language: str | None):
        return analyzer_in(self.analyzer, language, self.drops_stopwords)

    def index_in_language(self, value, **kwargs):
        analyzer = self.analyzer_for(value)
        if analyzer is self.analyzer:
            return list(super().index(value, **kwargs))
        return [(word.encode("utf-8"), freq, weight, packed)
                for word, freq, weight, packed in self.format.word_values(value, analyzer, mode="index")]


class LanguageText(ByLanguage, TEXT):
    """A TEXT field whose words are analysed in their text's language."""

    def index(self, value, **kwargs):
        return self.index_in_language(value, **kwargs)


class OffsetsText(TEXT):
    """A TEXT field whose postings hold each word's positions and character offsets, packed
    (PackedCharacters) for phrases read as arrays."""

    def __init__(self, **options):
        super().__init__(chars=True, **options)
        self.format = PackedCharacters(field_boost=self.format.field_boost)


class PositionsText(TEXT):
    """A TEXT field whose postings hold each word's positions alone, packed (PackedPositions) for
    phrases read as arrays."""

    def __init__(self, **options):
        super().__init__(**options)
        self.format = PackedPositions(field_boost=self.format.field_boost)


class CountingText(ByLanguage, OffsetsText):
    """A TEXT field of words analysed in their text's language that remembers the words of the text
    it indexed last, so that the WordCounts field indexed next from the same text takes them instead
    of analysing it again."""

    def index(self, value, **kwargs):
        items = self.index_in_language(value, **kwargs)
        _last_indexed[:] = [value, self.analyzer_for(value), [(word, freq, weight) for word, freq, weight, _ in items]]
        return items


class WordCounts(FieldType):
    """How often each word occurs in a text, and nothing else: postings without positions or
    offsets, which a query reading a common word's postings whole reads many times faster. The
    writer indexes fields in name order, so a WordCounts field named after its CountingText field
    ('body' then 'body_counts') with the same analyzer reuses that field's analysis."""

    def __init__(self, analyzer):
        super().__init__(formats.Frequency(), analyzer)

    def analyzer_for(self, value):
        return self.analyzer

    def index(self, value, **kwargs):
        text, analyzer, words = _last_indexed
        own = self.analyzer_for(value)
        if text != value or analyzer != own:
            analysis = word_analysis(own) if isinstance(value, str) else None
            if analysis is None:
                words = [(word, freq, weight) for word, freq, weight, _ in super().index(value, **kwargs)]
            else:
                # As Frequency.word_values counts them: in the order first seen, each weighing its count.
                boost = self.format.field_boost
                words = [(word.encode("utf-8"), count, count * 1.0 * boost)
                         for word, count in Counter(analysis(value)[0]).items()]
        return [(word, freq, weight, pack_uint(freq)) for word, freq, weight in words]


class LanguageCounts(ByLanguage, WordCounts):
    """A WordCounts field of words analysed in their text's language."""


# Fields whose words' counts another field holds as well, for queries scored from arrays.
WORD_COUNTS = {"body": "body_counts"}

# Postings per block (Whoosh writes 128) of the fields read whole or nearly: a word's counts, read
# whole by array scoring, and the common pairs, whose positions a phrase reads in every document
# holding its rarest part. The written words stay in Whoosh's blocks: snippets read the offsets of
# "the" in ten documents, a block each.
BLOCK_SIZES = {**dict.fromkeys([*WORD_COUNTS.values(), *COMMON_COUNTS.values()], 4096),
               **dict.fromkeys(PAIR_FIELDS.values(), 1024)}


def build_schema(stoplist: str = DEFAULT_STOPWORDS) -> Schema:
    drops = bool(stopwords(stoplist))
    return Schema(
        id=ID(stored=True, unique=True),
        title=LanguageText(analyzer=text_analyzer(stoplist), stored=True, drops_stopwords=drops),
        # Each word's character offsets are stored, so that snippets need not analyse the text again.
        body=CountingText(analyzer=text_analyzer(stoplist), stored=True, drops_stopwords=drops),
        body_counts=LanguageCounts(text_analyzer(stoplist), drops_stopwords=drops),
        body_exact=OffsetsText(analyzer=written_analyzer()),
        body_pairs=PositionsText(analyzer=pairs_analyzer(stoplist)),
        body_common=WordCounts(common_words_analyzer(stoplist)),
        author=TEXT(analyzer=written_analyzer(), stored=True),
        author_exact=ID,
        outlet=TEXT(analyzer=written_analyzer(), stored=True),
        outlet_exact=ID,
        # The id of the first article of the same story; near-duplicates share it and collapse into one hit.
        story=ID(stored=True, sortable=True),
        date_source=STORED,
        url=STORED,
        quotes=STORED,
        **_filter_and_sort_fields(),
    )


QUOTES_INDEX = "quotes"


def build_quote_schema(stoplist: str = DEFAULT_STOPWORDS) -> Schema:
    """One document per attributed quotation: said:Name finds what a person said."""
    return Schema(
        id=ID(stored=True, unique=True),
        article=ID(stored=True),
        title=STORED,
        text=LanguageText(analyzer=text_analyzer(stoplist), stored=True, spelling=True,
                          drops_stopwords=bool(stopwords(stoplist))),
        # The quotation's words as written: what a quoted phrase in a said: search matches.
        text_exact=OffsetsText(analyzer=written_analyzer()),
        **_filter_and_sort_fields(),
    )


def _shared_values(article: Article, speakers: list[str]) -> dict:
    return {
        "speaker": SPEAKER_SEPARATOR.join(speakers),
        "speaker_words": " ".join(speakers),
        "date": dt.datetime.combine(article.date, dt.time()) if article.date else None,
        "speaker_facet": FACET_JOINER.join(speakers).encode("utf-8"),
        "author_facet": (article.author or "").encode("utf-8"),
        "outlet_facet": (article.outlet or "").encode("utf-8"),
        "language_facet": (article.language or "").encode("utf-8"),
        "lang": article.language,
        "month": article.date.strftime("%Y-%m") if article.date else None,
    }


def _present(document: dict, article: Article) -> dict:
    # Absent values are left out, not indexed as empty; undated articles get recency 0 so that they
    # come last when the newest come first.
    return {key: value for key, value in document.items() if value} | {
        "recency": article.date.toordinal() if article.date else 0}


def _speaker_names(names) -> list[str]:
    return [name.replace(SPEAKER_SEPARATOR, " ") for name in names]


def indexed_body(article: Article, title_weight: int) -> str:
    """The text the body field indexes: the article, then the headline `title_weight` times. The
    article comes first so that its words' stored offsets are those of the stored text."""
    return "\n\n".join([article.body] + [article.title] * title_weight)


def to_document(article: Article, story: str | None = None, title_weight: int = 1) -> dict:
    """An Article as the fields the writer takes. The body field stores the article's text alone."""
    body = indexed_body(article, title_weight)
    in_language = InLanguage(body, article.language)
    document = {
        "id": article.id,
        "title": InLanguage(article.title, article.language),
        "_stored_title": article.title,
        "body": in_language,
        "body_counts": in_language,
        "body_exact": body,
        "body_pairs": body,
        "body_common": body,
        "_stored_body": article.body,
        "author": article.author,
        "author_exact": article.author.lower() if article.author else None,
        "outlet": article.outlet,
        "outlet_exact": article.outlet.lower() if article.outlet else None,
        "story": story or article.id,
        "date_source": article.date_source,
        "url": article.url,
        "quotes": [[quote.speaker, quote.text] for quote in article.quotes],
        **_shared_values(article, _speaker_names(article.speakers)),
    }
    return _present(document, article)


def quote_documents(article: Article) -> list[dict]:
    """The article's quotations as documents of the quotes index."""
    return [_present({
        "id": f"{article.id}#{number}",
        "article": article.id,
        "title": article.title,
        "text": InLanguage(quote.text, article.language),
        "_stored_text": quote.text,
        "text_exact": quote.text,
        **_shared_values(article, _speaker_names([quote.speaker])),
    }, article) for number, quote in enumerate(article.quotes, start=1)]


# Each document's day number (0 when undated), which date orders sort by.
RECENCY_COLUMN = "recency"


def _stored_day(fields: dict) -> dt.date | None:
    stored_date = fields.get("date")
    return stored_date.date() if isinstance(stored_date, dt.datetime) else None


def quote_from_stored(fields: dict) -> tuple[Quote, str, str, dt.date | None]:
    """(quote, article id, article title, date) of a stored quotation."""
    return (Quote(speaker=fields.get("speaker", ""), text=fields.get("text", "")), fields["article"],
            fields.get("title", ""), _stored_day(fields))


def from_stored(fields: dict) -> Article:
    return Article(
        id=fields["id"],
        title=fields.get("title", ""),
        body=fields.get("body", ""),
        author=fields.get("author"),
        speakers=tuple(s for s in fields.get("speaker", "").split(SPEAKER_SEPARATOR) if s),
        date=_stored_day(fields),
        date_source=fields.get("date_source"),
        url=fields.get("url"),
        outlet=fields.get("outlet"),
        quotes=tuple(Quote(speaker, text) for speaker, text in fields.get("quotes", ())),
        language=fields.get("lang"),
    )
