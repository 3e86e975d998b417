"""One article by id: its body with a query's words marked, its story's other versions and the articles like it."""

from __future__ import annotations

import html

from whoosh import highlight
from whoosh import query as wq

from ..config import Settings
from ..errors import ArticleNotFoundError
from ..index.schema import from_stored
from ..models import ArticleView
from .parse import body_terms, words_to_mark
from .plan import articles_plan_or_none
from .reading import Reading
from .results import listed_hit
from .snippets import MarkFormatter

def article_view(reading: Reading, doc_id: str, text: str, settings: Settings) -> ArticleView:
    """Raises ArticleNotFoundError for an id the generation does not hold."""
    searcher = reading.articles
    docnum = searcher.document_number(id=doc_id)
    if docnum is None:
        raise ArticleNotFoundError(f"No article with id {doc_id!r}")
    fields = searcher.stored_fields(docnum)
    article = from_stored(fields)
    terms = _marked_terms(reading, words_to_mark(text), settings)
    body_html = ""
    if terms:
        body_html = highlight.highlight(article.body, terms, searcher.schema["body"].analyzer,
                                        highlight.WholeFragmenter(), MarkFormatter(), top=1, minscore=0)
    story = fields.get("story", doc_id)
    same_story = searcher.search(wq.Term("story", story), limit=None)
    same = tuple(listed_hit(hit, hit.score, settings) for hit in same_story if hit["id"] != doc_id)
    like = searcher.more_like(docnum, "body", top=settings.related_articles + len(same) + 1, numterms=12)
    related = tuple(listed_hit(hit, hit.score, settings) for hit in like if hit.get("story", hit["id"]) != story)
    return ArticleView(article=article, body_html=body_html or html.escape(article.body),
                       related=related[: settings.related_articles], same_story=same)


def _marked_terms(reading: Reading, marked: str, settings: Settings) -> set[str]:
    """The body's indexed words that the query's words are: none for a query it cannot read, which
    is shown without marks."""
    plan = articles_plan_or_none(reading, marked, settings)
    if plan is None:
        return set()
    body = reading.articles.schema["body"]
    return body_terms(plan.query, lambda word: body.process_text(word, mode="query"))
