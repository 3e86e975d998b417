"""Plain values passed between the layers; no I/O here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Quote:
    """Words an article puts in a person's mouth."""

    speaker: str
    text: str


PARAGRAPH_BREAK = "\n\n"


def paragraph_at(text: str, at: int) -> int:
    """The number (from 1) of the paragraph of `text` holding character `at`; paragraphs are
    separated by a blank line, as an article's body stores them."""
    return text.count(PARAGRAPH_BREAK, 0, at) + 1


def paragraphs_of(text: str) -> list[str]:
    return text.split(PARAGRAPH_BREAK)


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    body: str
    author: str | None = None
    speakers: tuple[str, ...] = ()
    date: dt.date | None = None
    date_source: str | None = None
    url: str | None = None
    quotes: tuple[Quote, ...] = ()
    # Where it was published: the site's name, else its address's host, else its corpus folder.
    outlet: str | None = None
    # How the text was found: "cleaner" (this service's own), or the extractor that found it where
    # the cleaner found no prose ("trafilatura", "baseline").
    body_source: str = "cleaner"
    # The language it is written in, an ISO 639-1 code (extraction/language.py); None when unknown.
    language: str | None = None


SORT_ORDERS = ("relevance", "newest", "oldest")
DEFAULT_SORT = SORT_ORDERS[0]
# What a search returns: whole articles, or the attributed quotations in them.
KINDS = ("articles", "quotes")
DEFAULT_KIND = KINDS[0]
FACETS = ("speaker", "author", "outlet", "language", "date")


@dataclass(frozen=True)
class SearchOptions:
    """Filters, order and mode applied on top of the query text; None means no filter.

    `story` lists every article of one story instead of collapsing them; `as_you_type` treats the last
    word as unfinished, so that it also matches the words it begins; `spellings` keeps the documents
    with any of these speakers, each as indexed (the names of one person).
    """

    speaker: str | None = None
    author: str | None = None
    outlet: str | None = None
    language: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    story: str | None = None
    sort: str = DEFAULT_SORT
    kind: str = DEFAULT_KIND
    as_you_type: bool = False
    spellings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    date: dt.date | None
    author: str | None
    speakers: tuple[str, ...]
    score: float
    snippet: str
    url: str | None
    story: str = ""
    # Other articles of the same story that matched and were folded into this hit.
    similar: int = 0
    outlet: str | None = None
    # The paragraph (from 1) of the snippet's first marked word; None when the snippet is the article's lead.
    paragraph: int | None = None
    language: str | None = None


@dataclass(frozen=True)
class QuoteHit:
    """An attributed quotation; `snippet` is its text escaped, with the query's words marked."""

    article_id: str
    title: str
    date: dt.date | None
    speaker: str
    snippet: str
    score: float


@dataclass(frozen=True)
class SearchPage:
    query: str
    total: int
    page: int
    per_page: int
    took_ms: float
    hits: tuple[Hit | QuoteHit, ...]
    options: SearchOptions = field(default_factory=SearchOptions)
    # facet name -> ((value, count), ...); speakers and authors by count, dates ("YYYY-MM") in order
    facets: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    # A corrected query that finds more, when this one found few or none.
    suggestion: str | None = None
    # Words of the query found nowhere in the index, searched as the close words that are.
    loosened: tuple[str, ...] = ()
    # When a short query's articles with every word were few and articles with only some of its words
    # follow them: how many have every word. None when every hit matches the query as written.
    with_every_word: int | None = None
    # Results with no publication date, which the dates facet does not count.
    undated: int = 0
    # How the text was read: "query" (with query syntax) or "words"; and what looked like syntax in
    # it and was read as words ("*worldwide*", "VIRAL:").
    read_as: str = "query"
    set_aside: tuple[str, ...] = ()
    # Every document matched: `total` and the reposts of a story folded into its hit (an export's rows).
    matched: int = 0

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class ArchiveSummary:
    """What the archive holds: how many articles, the first and last publication dates, and the
    sources (a corpus's top-level folders) with their articles, most first; and the generation
    serving them: its name, its quotations and stories, its size on disk, when it was built and how
    long that rebuild took (None for a generation built before rebuilds recorded it)."""

    articles: int
    first_date: dt.date | None
    last_date: dt.date | None
    sources: tuple[tuple[str, int], ...]
    generation: str = ""
    quotations: int = 0
    stories: int = 0
    index_bytes: int = 0
    built_at: str | None = None
    rebuild_s: float | None = None
    # Searches of each kind drawn from the archive, each found to find something in it.
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuoteFound:
    """An article that carries a quotation checked: verbatim, or nearly (`share` of its words in
    one passage); `passage` is that passage escaped, the quotation's words marked; `speaker`, who the
    article says said it, when it does."""

    id: str
    title: str
    date: dt.date | None
    author: str | None
    outlet: str | None
    url: str | None
    speaker: str | None
    passage: str
    share: float
    verbatim: bool


@dataclass(frozen=True)
class PersonPage:
    """One person's page: the spellings merged into the name (with the articles that use each), the
    quotations attributed to them newest first (one page of `quotations`, of `total`), and, over the
    articles quoting them, the people quoted beside them, the authors and the outlets, each with its
    articles. All of it within the query's words and dates."""

    name: str
    spellings: tuple[tuple[str, int], ...]
    query: str
    options: SearchOptions
    total: int
    page: int
    per_page: int
    quotations: tuple[QuoteHit, ...]
    articles: int
    quoted_with: tuple[tuple[str, int], ...]
    authors: tuple[tuple[str, int], ...]
    outlets: tuple[tuple[str, int], ...]
    timeline: object  # search.timeline.Timeline of the quotations, beside all quotations

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class ArticleView:
    """One stored article with its body already escaped and the query's terms marked."""

    article: Article
    body_html: str
    related: tuple[Hit, ...] = ()
    # Other articles of the same story (near-duplicates).
    same_story: tuple[Hit, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """A corpus file, or a record inside a container file, that gave no article, and why. `container`:
    the container file's id, for a record."""

    path: str
    reason: str
    container: str | None = None


@dataclass(frozen=True)
class Record:
    """An article inside a container file (a WARC response, a JSON object), with what the container
    says of it besides the page. `payload`: a fetched page's bytes as served, `charset` the one its
    HTTP headers declare; else `html` or `text` as a scraper kept them, with the fields it found.
    `date` is the publication date as written there; `fetched`, when the page was fetched."""

    doc_id: str
    container: str
    payload: bytes = b""
    charset: str | None = None
    html: str | None = None
    text: str | None = None
    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    language: str | None = None
    site_name: str | None = None
    fetched: str | None = None


@dataclass(frozen=True)
class RebuildReport:
    """What a rebuild did. A full rebuild reads every file; an incremental one only the new and changed
    ones (`added`, `changed`), removes the deleted ones and keeps the `unchanged` ones as they were."""

    indexed: int
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)
    elapsed_s: float = 0.0
    index_dir: str = ""
    full: bool = True
    added: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0
    # Nothing was new, changed or deleted: no generation was written, the current one serves on.
    up_to_date: bool = False


@dataclass(frozen=True)
class PageMetadata:
    """What a page says about its article besides the text, each the first value found: the
    headline as a text scrape's first line (`title`), the page's h1, Open Graph, JSON-LD and <title>
    headlines, the site's name, the author from meta, JSON-LD, a byline, a "Reported by" line or an
    author bio, the page's canonical address and its language."""

    title: str | None = None
    h1: str | None = None
    og_title: str | None = None
    jsonld_headline: str | None = None
    html_title: str | None = None
    site_name: str | None = None
    author_meta: str | None = None
    jsonld_author: str | None = None
    byline: str | None = None
    reported_by: str | None = None
    bio_author: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class CleanedPage:
    """An article's text without boilerplate, and what the page says about it.

    `paragraphs` excludes the headline; `date_hints` lists (source, raw text) pairs in the order they
    should be trusted.
    """

    paragraphs: tuple[str, ...]
    metadata: PageMetadata = PageMetadata()
    date_hints: tuple[tuple[str, str], ...] = ()
    body_source: str = "cleaner"
