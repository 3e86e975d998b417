"""SearchPage and ArticleView as plain JSON-ready dicts: one shape for the API and the CLI."""

from __future__ import annotations

from .models import Article, Hit, SearchPage


def hit_to_json(hit: Hit) -> dict:
    return {
        "id": hit.id,
        "title": hit.title,
        "date": hit.date.isoformat() if hit.date else None,
        "author": hit.author,
        "speakers": list(hit.speakers),
        "score": hit.score,
        "snippet": hit.snippet,
        "url": hit.url,
    }


def page_to_json(page: SearchPage) -> dict:
    return {
        "query": page.query,
        "total": page.total,
        "page": page.page,
        "per_page": page.per_page,
        "took_ms": page.took_ms,
        "results": [hit_to_json(hit) for hit in page.hits],
    }


def article_to_json(article: Article) -> dict:
    return {
        "id": article.id,
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "date_source": article.date_source,
        "author": article.author,
        "speakers": list(article.speakers),
        "url": article.url,
        "body": article.body,
    }
