"""SearchPage, Article and ArchiveSummary as plain JSON-ready dicts: one shape for the API and the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .models import (
    ArchiveSummary,
    Article,
    ArticleView,
    Hit,
    PersonPage,
    QuoteFound,
    QuoteHit,
    SearchPage,
    paragraphs_of,
)
from .research.concordance import Concordance, KwicLine
from .research.export import ExportRow, citation, csv_lines
from .research.timeline import Timeline


def _described(item: Hit | Article) -> dict:
    """The fields a hit and an article share, in the order clients see them."""
    return {
        "id": item.id,
        "title": item.title,
        "date": item.date.isoformat() if item.date else None,
        "author": item.author,
        "speakers": list(item.speakers),
    }


def hit_to_json(hit: Hit | QuoteHit) -> dict:
    if isinstance(hit, QuoteHit):
        return {"speaker": hit.speaker, "quote": hit.snippet, "article_id": hit.article_id, "title": hit.title,
                "date": hit.date.isoformat() if hit.date else None, "score": hit.score}
    return {**_described(hit), "outlet": hit.outlet, "language": hit.language, "score": hit.score, "snippet": hit.snippet, "url": hit.url,
            "story": hit.story, "similar": hit.similar, "paragraph": hit.paragraph}


def _hit_to_json(hit: Hit) -> dict:
    return {"id": hit.id, "title": hit.title, "date": hit.date.isoformat() if hit.date else None}


def page_to_json(page: SearchPage) -> dict:
    return {
        "query": page.query,
        "total": page.total,
        "matched": page.matched,
        "page": page.page,
        "per_page": page.per_page,
        "took_ms": page.took_ms,
        "kind": page.options.kind,
        "results": [hit_to_json(hit) for hit in page.hits],
        "sort": page.options.sort,
        "filters": {
            "speaker": page.options.speaker,
            "author": page.options.author,
            "outlet": page.options.outlet,
            "language": page.options.language,
            "date_from": page.options.date_from.isoformat() if page.options.date_from else None,
            "date_to": page.options.date_to.isoformat() if page.options.date_to else None,
            "story": page.options.story,
        },
        "facets": {name: _pairs(pairs) for name, pairs in page.facets.items()},
        "suggestion": page.suggestion,
        "loosened": list(page.loosened),
        "read_as": page.read_as,
        "set_aside": list(page.set_aside),
        "with_every_word": page.with_every_word,
        "undated": page.undated,
    }


def article_to_json(view: ArticleView, accessed: dt.date, paragraph: int | None = None) -> dict:
    """The article, with a citation of it (of its paragraph `paragraph`, shown with its neighbours,
    when given) read on `accessed`."""
    article = view.article
    paragraphs = paragraphs_of(article.body)
    shown = {}
    if paragraph is not None:
        shown["passage"] = {"paragraph": paragraph, "text": paragraphs[paragraph - 1],
                            "before": paragraphs[paragraph - 2] if paragraph > 1 else None,
                            "after": paragraphs[paragraph] if paragraph < len(paragraphs) else None}
    return {**_described(article), "outlet": article.outlet, "language": article.language,
            "date_source": article.date_source, "url": article.url,
            "body": article.body, "paragraphs": len(paragraphs),
            "quotes": [{"speaker": quote.speaker, "text": quote.text} for quote in article.quotes],
            "same_story": [_hit_to_json(hit) for hit in view.same_story],
            "related": [_hit_to_json(hit) for hit in view.related],
            "citation": citation(ExportRow.of(article, accessed), paragraph), **shown}


def summary_to_json(summary: ArchiveSummary) -> dict:
    return {
        "generation": summary.generation,
        "articles": summary.articles,
        "quotations": summary.quotations,
        "stories": summary.stories,
        "first_date": summary.first_date.isoformat() if summary.first_date else None,
        "last_date": summary.last_date.isoformat() if summary.last_date else None,
        "sources": _pairs(summary.sources),
        "index_bytes": summary.index_bytes,
        "built_at": summary.built_at,
        "rebuild_s": summary.rebuild_s,
    }


def timeline_to_json(timeline: Timeline) -> dict:
    return {
        "interval": timeline.interval,
        "periods": [{"start": start.isoformat(), "end": end.isoformat(), "articles": articles}
                    for start, end, articles in zip(timeline.starts, timeline.ends, timeline.articles)],
        "series": [{"query": series.query, "kind": series.kind, "total": series.total, "undated": series.undated,
                    "counts": list(series.counts), "among": list(series.among), "shares": list(series.shares)}
                   for series in timeline.series],
    }


def quote_found_to_json(found: QuoteFound) -> dict:
    return {"id": found.id, "title": found.title, "date": found.date.isoformat() if found.date else None,
            "author": found.author, "outlet": found.outlet, "url": found.url, "speaker": found.speaker,
            "verbatim": found.verbatim, "share": found.share, "passage": found.passage}


def quote_check_to_json(text: str, found: tuple[QuoteFound, ...]) -> dict:
    return {"quote": text, "total": len(found), "verbatim": sum(hit.verbatim for hit in found),
            "results": [quote_found_to_json(hit) for hit in found]}


def _pairs(pairs: tuple[tuple[str, int], ...]) -> list[list]:
    return [list(pair) for pair in pairs]


def person_to_json(person: PersonPage) -> dict:
    options = person.options
    return {
        "name": person.name,
        "spellings": _pairs(person.spellings),
        "query": person.query,
        "filters": {"date_from": options.date_from.isoformat() if options.date_from else None,
                    "date_to": options.date_to.isoformat() if options.date_to else None,
                    "author": options.author, "outlet": options.outlet},
        "total": person.total,
        "page": person.page,
        "per_page": person.per_page,
        "quotations": [hit_to_json(hit) for hit in person.quotations],
        "articles": person.articles,
        "quoted_with": _pairs(person.quoted_with),
        "authors": _pairs(person.authors),
        "outlets": _pairs(person.outlets),
        "timeline": timeline_to_json(person.timeline),
    }


def kwic_line_to_json(line: KwicLine) -> dict:
    return {"article_id": line.article_id, "title": line.title, "date": line.date.isoformat() if line.date else None,
            "paragraph": line.paragraph, "before": line.before, "keyword": line.keyword, "after": line.after}


KWIC_COLUMNS = ("article_id", "title", "date", "paragraph", "before", "keyword", "after")


def concordance_csv(found: Concordance) -> Iterator[str]:
    return csv_lines(KWIC_COLUMNS, (kwic_line_to_json(line) for line in found.lines))


def concordance_to_json(found: Concordance) -> dict:
    return {"query": found.query, "order": found.order, "articles": found.articles, "read": found.read,
            "cut": found.cut, "lines": [kwic_line_to_json(line) for line in found.lines]}
