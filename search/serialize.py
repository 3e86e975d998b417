"""SearchPage and Article as plain JSON-ready dicts: one shape for the API and the CLI."""

from __future__ import annotations

from .models import Article, Hit, SearchPage


def _described(item: Hit | Article) -> dict:
    """The fields a hit and an article share, in the order clients see them."""
    return {
        "id": item.id,
        "title": item.title,
        "date": item.date.isoformat() if item.date else None,
        "author": item.author,
        "speakers": list(item.speakers),
    }


def hit_to_json(hit: Hit) -> dict:
    return {**_described(hit), "score": hit.score, "snippet": hit.snippet, "url": hit.url}


def page_to_json(page: SearchPage) -> dict:
    return {
        "query": page.query,
        "total": page.total,
        "page": page.page,
        "per_page": page.per_page,
        "took_ms": page.took_ms,
        "results": [hit_to_json(hit) for hit in page.hits],
        "sort": page.options.sort,
        "filters": {
            "speaker": page.options.speaker,
            "date_from": page.options.date_from.isoformat() if page.options.date_from else None,
            "date_to": page.options.date_to.isoformat() if page.options.date_to else None,
        },
    }


def article_to_json(article: Article) -> dict:
    return {**_described(article), "date_source": article.date_source, "url": article.url, "body": article.body}
