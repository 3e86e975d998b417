"""JSON endpoints: the same searcher calls as the pages, rendered as JSON."""

from __future__ import annotations

import datetime as dt
import json
import logging

from flask import Blueprint, current_app, jsonify, request

from search.models import paragraphs_of
from search.query.parse import quote_to_check
from search.research.concordance import ORDERS
from search.research.export import FORMATS, MEDIA_TYPES, SUFFIXES, WRITERS
from search.serialize import (
    article_to_json,
    concordance_csv,
    concordance_to_json,
    page_to_json,
    person_to_json,
    quote_check_to_json,
    summary_to_json,
    timeline_to_json,
)

from .errors import error_body
from .params import BadRequest, choice, paragraph, person_request, quoted, search_options, searched, timeline_request

log = logging.getLogger(__name__)

api = Blueprint("api", __name__, url_prefix="/api")


@api.get("/search")
def search():
    params = searched(request.args, current_app.config["SETTINGS"])
    searcher = current_app.config["SEARCHER"]
    if (quotation := quote_to_check(params.q)) is not None:
        return jsonify(quote_check_to_json(quotation, searcher.check_quote(quotation, options=params.options)))
    page = searcher.search(params.q, page=params.page, per_page=params.per_page, options=params.options)
    return jsonify(page_to_json(page))


@api.get("/articles/<doc_id:doc_id>")
def article(doc_id: str):
    view = current_app.config["SEARCHER"].article(doc_id)
    asked = paragraph(request.args, len(paragraphs_of(view.article.body)))
    return jsonify(article_to_json(view, dt.date.today(), asked))


@api.get("/suggest")
def suggest():
    """Completions of what has been typed, in the OpenSearch suggestions format: [query, [completion, ...]]."""
    q = request.args.get("q", "")
    completions = current_app.config["SEARCHER"].completions(q) if q.strip() else []
    return current_app.response_class(json.dumps([q, completions], ensure_ascii=False),
                                      mimetype="application/x-suggestions+json")


@api.get("/health")
def health():
    """200 while the index is open and answering, 503 otherwise: for a load balancer."""
    try:
        generation, articles = current_app.config["SEARCHER"].serving()
    except Exception as error:  # whatever keeps it from answering, this replica is not to be sent queries
        log.warning("health check failed: %s", error)
        return jsonify(error_body("unavailable", "The index is not answering; try another replica.")), 503
    return jsonify({"status": "ok", "generation": generation, "articles": articles})


@api.get("/stats")
def stats():
    return jsonify(summary_to_json(current_app.config["SEARCHER"].summary()))


@api.get("/export")
def export():
    """Every article a search matches, streamed as CSV, JSON Lines, RIS or BibTeX."""
    params = searched(request.args, current_app.config["SETTINGS"])
    format_name = request.args.get("format") or FORMATS[0]
    if format_name not in FORMATS:
        raise BadRequest(f"'format' must be one of {', '.join(FORMATS)}, got {format_name[:40]!r}")
    rows = current_app.config["SEARCHER"].export(params.q, options=params.options)
    response = current_app.response_class(WRITERS[format_name](rows), mimetype=MEDIA_TYPES[format_name])
    response.headers["Content-Disposition"] = f'attachment; filename="news-archive-export.{SUFFIXES[format_name]}"'
    return response


@api.get("/timeline")
def timeline():
    """Matching articles per period for up to four queries, as counts and shares of all articles."""
    params = timeline_request(request.args, current_app.config["SETTINGS"])
    found = current_app.config["SEARCHER"].timeline(params.queries, options=params.options, interval=params.interval)
    return jsonify(timeline_to_json(found))


@api.get("/quote")
def quote():
    """The articles that carry a quotation verbatim or nearly, earliest first, with who they say said it."""
    text = quoted(request.args)
    found = current_app.config["SEARCHER"].check_quote(text, options=search_options(request.args))
    return jsonify(quote_check_to_json(text, found))


@api.get("/people/<path:name>")
def person(name: str):
    """One person's quotations newest first, their timeline, and who is quoted beside them."""
    params = person_request(name, request.args, current_app.config["SETTINGS"])
    found = current_app.config["SEARCHER"].person(params.name, params.q, options=params.options, page=params.page,
                                                  per_page=params.per_page)
    return jsonify(person_to_json(found))


KWIC_FORMATS = ("json", "csv")


@api.get("/kwic")
def kwic():
    """Keyword in context: each occurrence of the query's words in the matching articles, one line each."""
    params = searched(request.args, current_app.config["SETTINGS"])
    order, format_name = choice(request.args, "order", ORDERS), choice(request.args, "format", KWIC_FORMATS)
    found = current_app.config["SEARCHER"].concordance(params.q, options=params.options, order=order)
    if format_name == "json":
        return jsonify(concordance_to_json(found))
    response = current_app.response_class(concordance_csv(found), mimetype=MEDIA_TYPES["csv"])
    response.headers["Content-Disposition"] = 'attachment; filename="news-archive-kwic.csv"'
    return response
