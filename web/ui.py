"""HTML pages: the search page, results and one article; same searcher calls as the JSON API."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from markupsafe import Markup

from search.models import SORT_ORDERS

from .params import search_request

ui = Blueprint("ui", __name__)


def page_numbers(current: int, last: int, width: int = 2) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: the pages to link, None where a gap is shown."""
    shown = sorted({1, last, *range(max(1, current - width), min(last, current + width) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


@ui.get("/")
def home():
    return render_template("search.html", q="", page=None)


@ui.get("/search")
def search():
    settings = current_app.config["SETTINGS"]
    params = search_request(request.args, settings)
    if not params.q:
        return render_template("search.html", q="", page=None)
    page = current_app.config["SEARCHER"].search(params.q, page=params.page, per_page=params.per_page,
                                                 options=params.options)
    # Snippets come from MarkFormatter: escaped text with <mark> only.
    snippets = [Markup(hit.snippet) for hit in page.hits]
    return render_template("search.html", q=params.q, page=page, hits=zip(page.hits, snippets, strict=True),
                           pages=page_numbers(page.page, page.page_count), link_args=params.link_args(),
                           sort=params.options.sort, sort_orders=SORT_ORDERS)


@ui.get("/article/<path:doc_id>")
def article(doc_id: str):
    q = request.args.get("q", "")[: current_app.config["SETTINGS"].max_query_chars]
    view = current_app.config["SEARCHER"].article(doc_id, q)
    paragraphs = [Markup(p) for p in view.body_html.split("\n\n")]
    return render_template("article.html", q=q, article=view.article, paragraphs=paragraphs)
