"""JSON endpoints: the same searcher calls as the pages, rendered as JSON."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from search.serialize import article_to_json, page_to_json

from .params import BadRequest, search_request

api = Blueprint("api", __name__, url_prefix="/api")


@api.get("/search")
def search():
    params = search_request(request.args, current_app.config["SETTINGS"])
    if not params.q:
        raise BadRequest("Parameter 'q' is required: the words to search for")
    page = current_app.config["SEARCHER"].search(params.q, page=params.page, per_page=params.per_page,
                                                 options=params.options)
    return jsonify(page_to_json(page))


@api.get("/articles/<path:doc_id>")
def article(doc_id: str):
    view = current_app.config["SEARCHER"].article(doc_id)
    return jsonify(article_to_json(view.article))
