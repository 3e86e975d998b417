"""I/O edge: run queries against the current index generation -> SearchPage, ArticleView.

One ArchiveSearcher serves a whole process. Each thread keeps its own Whoosh searcher and reopens it
when a rebuild publishes a new generation, so searches never open the index per request and see a
new index as soon as it is swapped in.
"""

from __future__ import annotations

import html
import itertools
import threading
import time

from whoosh import highlight
from whoosh.collectors import WrappingCollector

from . import store
from .config import Settings
from .errors import ArticleNotFoundError, QuerySyntaxError, QueryTooSlowError
from .models import ArticleView, Hit, SearchOptions, SearchPage
from .query import body_terms, make_parser, options_filter, parse_query, pattern_parts, pattern_text
from .schema import SCORE_IN_SORT_KEY, SORTINGS, from_stored, text_analyzer


class MarkFormatter(highlight.Formatter):
    """Everything escaped; matched words wrapped in <mark>. The only markup a snippet can contain."""

    between = " "

    def _text(self, text: str) -> str:
        return html.escape(text)

    def format_fragment(self, fragment, replace=False):
        """A fragment cut from the middle of the text says so with an ellipsis at the cut."""
        formatted = super().format_fragment(fragment, replace).strip()
        if fragment.startchar > 0:
            formatted = "… " + formatted
        if fragment.endchar < len(fragment.text):
            formatted += " …"
        return formatted

    def format(self, fragments, replace=False):
        # Two cut fragments side by side share one ellipsis.
        return super().format(fragments, replace).replace(" … … ", " … ")

    def format_token(self, text, token, replace=False):
        return "<mark>" + html.escape(highlight.get_text(text, token, replace)) + "</mark>"


def lead_snippet(body: str, max_chars: int) -> str:
    """The opening of the article, cut at a word, escaped: the snippet when no body word matched."""
    lead = body.split("\n\n", 1)[0]
    if len(lead) > max_chars:
        lead = lead[:max_chars].rsplit(" ", 1)[0] + " …"
    return html.escape(lead)


NO_OPTIONS = SearchOptions()


class DeadlineCollector(WrappingCollector):
    """Stops collecting once a deadline passes. Whoosh's TimeLimitCollector starts a timer thread per
    search and can only interrupt between matches in threads anyway; a clock check does the same."""

    CHECK_EVERY = 64

    def __init__(self, child, seconds: float):
        super().__init__(child)
        self.seconds = seconds
        self.deadline = 0.0

    def prepare(self, top_searcher, q, context):
        self.deadline = time.perf_counter() + self.seconds
        super().prepare(top_searcher, q, context)

    def collect_matches(self):
        for count, sub_docnum in enumerate(self.child.matches()):
            if count % self.CHECK_EVERY == 0 and time.perf_counter() > self.deadline:
                raise QueryTooSlowError(f"The search took longer than {self.seconds:g} s and was stopped: "
                                        "make it more specific")
            self.child.collect(sub_docnum)


class ArchiveSearcher:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._local = threading.local()
        self._lock = threading.Lock()
        self._index = None
        self._generation = None
        self._parser = None

    def _current(self):
        """(generation name, Whoosh searcher) for this thread, reopened after a new rebuild is published."""
        generation = store.current_generation(self.settings.index)
        with self._lock:
            if self._generation is None or generation is None or generation.name != self._generation:
                self._index, self._generation = store.open_current(self.settings.index)
                self._parser = make_parser(self._index.schema, self.settings.title_boost)
            index, name, parser = self._index, self._generation, self._parser
        local = self._local
        if getattr(local, "generation", None) != name:
            if getattr(local, "searcher", None) is not None:
                local.searcher.close()
            local.searcher, local.generation = index.searcher(), name
        return local.searcher, parser

    def search(self, text: str, page: int = 1, per_page: int | None = None,
               options: SearchOptions = NO_OPTIONS) -> SearchPage:
        started = time.perf_counter()
        per_page = per_page or self.settings.per_page
        searcher, parser = self._current()
        parsed = parse_query(text, parser, self.settings.max_query_chars, self.settings.max_query_terms)
        self._refuse_huge_expansions(parsed, searcher.reader())
        results = self._run(searcher, parsed, limit=page * per_page, options=options)
        results.fragmenter = highlight.ContextFragmenter(maxchars=self.settings.snippet_chars, surround=60)
        results.formatter = MarkFormatter()
        hits = tuple(self._hit(hit, -hit.score[SCORE_IN_SORT_KEY[options.sort]])
                     for hit in results[(page - 1) * per_page:])
        return SearchPage(query=text, total=len(results), page=page, per_page=per_page,
                          took_ms=round((time.perf_counter() - started) * 1000, 2), hits=hits, options=options)

    def _refuse_huge_expansions(self, parsed, reader) -> None:
        limit = self.settings.max_expansions
        for part in pattern_parts(parsed):
            if sum(1 for _ in itertools.islice(part._btexts(reader), limit + 1)) > limit:
                raise QuerySyntaxError(f"'{pattern_text(part)}' matches more than {limit} different words: "
                                       "type more letters before the *")

    def _run(self, searcher, parsed, limit: int, options: SearchOptions):
        collector = searcher.collector(limit=limit, terms=True, sortedby=SORTINGS[options.sort],
                                       filter=options_filter(options))
        timed = DeadlineCollector(collector, self.settings.query_timeout_s)
        searcher.search_with_collector(parsed, timed)
        return timed.results()

    def _hit(self, hit, score: float) -> Hit:
        article = from_stored(hit.fields())
        snippet = hit.highlights("body", top=self.settings.snippet_fragments) or \
            lead_snippet(article.body, self.settings.snippet_chars)
        return Hit(id=article.id, title=article.title, date=article.date, author=article.author,
                   speakers=article.speakers, score=round(float(score), 4), snippet=snippet,
                   url=article.url)

    def article(self, doc_id: str, text: str = "") -> ArticleView:
        """One article by id, its body escaped, with the words of the query `text` marked."""
        searcher, parser = self._current()
        fields = searcher.document(id=doc_id)
        if fields is None:
            raise ArticleNotFoundError(f"No article with id {doc_id!r}")
        article = from_stored(fields)
        terms = set()
        if text.strip():
            terms = body_terms(parse_query(text, parser, self.settings.max_query_chars,
                                           self.settings.max_query_terms))
        if terms:
            body_html = highlight.highlight(article.body, terms, text_analyzer(), highlight.WholeFragmenter(),
                                            MarkFormatter(), top=1, minscore=0)
        else:
            body_html = ""
        return ArticleView(article=article, body_html=body_html or html.escape(article.body))

    def count(self) -> int:
        searcher, _ = self._current()
        return searcher.doc_count()

