"""HTML pages: the search page, results and one article; same searcher calls as the JSON API."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for
from markupsafe import Markup

from search.errors import SearchError
from search.models import KINDS, SORT_ORDERS, SearchOptions, paragraphs_of
from search.query.examples import placeholder
from search.query.parse import quote_to_check
from search.research.concordance import ORDERS
from search.research.export import ExportRow, citation, printable
from search.research.timeline import INTERVALS, MAX_QUERIES, period_label

from .charts import (
    CHART_HEIGHT,
    CHART_WIDTH,
    MEASURES,
    TIMELINE_HEIGHT,
    TIMELINE_WIDTH,
    bar_axes,
    chart_axes,
    date_bars,
    page_numbers,
    shown_value,
    timeline_lines,
)
from .params import (
    PersonRequest,
    SearchRequest,
    choice,
    paragraph,
    person_request,
    quoted,
    search_options,
    search_request,
    searched,
    timeline_request,
)

ui = Blueprint("ui", __name__)

FILTER_LABELS = {"speaker": "quoting", "author": "by", "outlet": "in", "language": "language", "date_from": "from", "date_to": "until",
                 "story": "one story:"}
DATE_FILTERS = ("date_from", "date_to")


def filter_chips(link_args: dict[str, str]) -> list[tuple[str, str, str]]:
    """(label, value, link without this filter) for each active filter; a date range, as a bar of
    the chart picks it, is one chip."""
    def without(*names: str) -> str:
        return url_for("ui.search", **{k: v for k, v in link_args.items() if k not in names})

    chips = []
    for name, label in FILTER_LABELS.items():
        if name not in link_args:
            continue
        if name in DATE_FILTERS and all(date in link_args for date in DATE_FILTERS):
            if name == "date_from":
                chips.append(("dated", f"{link_args['date_from']} – {link_args['date_to']}", without(*DATE_FILTERS)))
            continue
        chips.append((label, link_args[name], without(name)))
    return chips


# What an article page's link back to its results keeps of the search that led to it.
BACK_ARGS = ("q", "kind", "sort", "speaker", "author", "outlet", "language", "date_from", "date_to", "story", "page", "per_page")


# What the search box hints at when the archive cannot be asked for its own examples.
GENERIC_HINT = 'e.g. two words, "a phrase", speaker:Surname'


def _summary():
    """The archive's summary, asked once per request (the home page and the search box's hint both
    read it)."""
    if "summary" not in g:
        try:
            g.summary = current_app.config["SEARCHER"].summary()
        except SearchError:
            g.summary = None  # no index yet, or one being replaced: the pages still explain the search
    return g.summary


@ui.app_context_processor
def search_box_hint() -> dict:
    """The search box's hint on every page: searches that work on this archive."""
    summary = _summary()
    return {"box_hint": (placeholder(list(summary.examples)) if summary else None) or GENERIC_HINT}


def _home():
    summary = _summary()
    return render_template("search.html", q="", page=None, summary=summary,
                           examples=summary.examples if summary else ())


@ui.get("/")
def home():
    return _home()


@ui.get("/search")
def search():
    settings = current_app.config["SETTINGS"]
    params = search_request(request.args, settings)
    if not params.q:
        return _home()
    if (quotation := quote_to_check(params.q)) is not None:
        return redirect(url_for("ui.quote", text=quotation))
    if choice(request.args, "view", VIEWS) == "kwic":
        return _concordance(params)
    page = current_app.config["SEARCHER"].search(params.q, page=params.page, per_page=params.per_page,
                                                 options=params.options)
    # Snippets come from MarkFormatter: escaped text with <mark> only.
    snippets = [Markup(hit.snippet) for hit in page.hits]
    link_args = params.link_args()
    bars = date_bars(page.facets.get("date", ()))
    return render_template("search.html", q=params.q, page=page, hits=zip(page.hits, snippets, strict=True),
                           pages=page_numbers(page.page, page.page_count), link_args=link_args,
                           sort=params.options.sort, sort_orders=SORT_ORDERS, kinds=KINDS,
                           chips=filter_chips(link_args), bars=bars, bar_ticks=bar_axes(bars),
                           undated=page.undated,
                           chart=(CHART_WIDTH, CHART_HEIGHT))


# How a search's results are shown: a list of articles, or a concordance of its words (keyword in context).
VIEWS = ("list", "kwic")
ORDER_LABELS = dict(zip(ORDERS, ("the search's order", "the word before", "the word after"), strict=True))


def _concordance(params: SearchRequest):
    order = choice(request.args, "order", ORDERS)
    found = current_app.config["SEARCHER"].concordance(params.q, options=params.options, order=order)
    link_args = params.link_args()
    return render_template("concordance.html", q=params.q, found=found, link_args=link_args, orders=ORDER_LABELS)


@ui.get("/article/<doc_id:doc_id>")
def article(doc_id: str):
    q = request.args.get("q", "")
    view = current_app.config["SEARCHER"].article(doc_id, q)
    # The body comes from MarkFormatter: escaped text with <mark> only.
    paragraphs = [Markup(p) for p in paragraphs_of(view.body_html)]
    asked = paragraph(request.args, len(paragraphs))
    back_args = {name: value for name, value in request.args.items() if name in BACK_ARGS and value}
    cited = citation(ExportRow.of(view.article, dt.date.today()), asked)
    return render_template("article.html", q=q, article=view.article, paragraphs=paragraphs, view=view,
                           back_args=back_args, asked=asked, citation=cited)


def _in_period(options: SearchOptions, start: dt.date, end: dt.date) -> SearchOptions:
    """The options narrowed to one period, within the dates already filtered on."""
    return replace(options, date_from=max(start, options.date_from) if options.date_from else start,
                   date_to=min(end, options.date_to) if options.date_to else end)


def _period_search(query: str, start: dt.date, end: dt.date, options: SearchOptions) -> str:
    """The search page of one query's articles in one period."""
    return url_for("ui.search", **SearchRequest(query, 1, 1, _in_period(options, start, end)).link_args())


@ui.get("/timeline")
def timeline():
    """How often up to four searches match, period by period, drawn as lines; each point opens its articles."""
    settings = current_app.config["SETTINGS"]
    measure = choice(request.args, "measure", MEASURES)
    if not any(q.strip() for q in request.args.getlist("q")):
        return render_template("timeline.html", q="", queries=[], found=None, max_queries=MAX_QUERIES,
                               intervals=INTERVALS, measures=MEASURES, measure=measure, interval=None)
    params = timeline_request(request.args, settings)
    found = current_app.config["SEARCHER"].timeline(params.queries, options=params.options, interval=params.interval)
    lines, top = timeline_lines(found, measure,
                                lambda query, start, end: _period_search(query, start, end, params.options))
    labels = [period_label(start, found.interval) for start in found.starts]
    return render_template("timeline.html", q="", queries=params.queries, found=found, lines=lines,
                           top=shown_value(top, measure), labels=labels, measure=measure, measures=MEASURES,
                           axes=chart_axes(labels, top, measure),
                           interval=params.interval, intervals=INTERVALS, max_queries=MAX_QUERIES,
                           timeline_args=params.link_args(), chart=(TIMELINE_WIDTH, TIMELINE_HEIGHT),
                           shown=shown_value)


@ui.get("/quote")
def quote():
    """Check a quote: the articles that carry it verbatim or nearly, earliest first."""
    if not (request.args.get("text") or "").strip():
        return render_template("quote.html", q="", text="", found=None)
    text = quoted(request.args)
    found = current_app.config["SEARCHER"].check_quote(text, options=search_options(request.args))
    # Passages come from quotecheck.passage_html: escaped text with <mark> only.
    return render_template("quote.html", q="", text=text, found=found,
                           passages=[Markup(hit.passage) for hit in found])


@ui.get("/people/<path:name>")
def person(name: str):
    """One person's quotations, newest first, how often they are quoted over time, and who else is quoted."""
    params = person_request(name, request.args, current_app.config["SETTINGS"])
    found = current_app.config["SEARCHER"].person(params.name, params.q, options=params.options, page=params.page,
                                                  per_page=params.per_page)
    link_args = params.link_args()

    def period(_query: str, start: dt.date, end: dt.date) -> str:
        return url_for("ui.person", name=found.name, **PersonRequest(
            found.name, params.q, 1, params.per_page, _in_period(params.options, start, end)).link_args())

    lines, top = timeline_lines(found.timeline, "count", period) if found.timeline.starts else ([], 0)
    labels = [period_label(start, found.timeline.interval) for start in found.timeline.starts]
    return render_template(
        "person.html", q="", person=found, link_args=link_args,
        quotations=zip(found.quotations, [Markup(hit.snippet) for hit in found.quotations], strict=True),
        pages=page_numbers(found.page, found.page_count), lines=lines, top=shown_value(top, "count"),
        labels=labels, axes=chart_axes(labels, top, "count"), chart=(TIMELINE_WIDTH, TIMELINE_HEIGHT))


# The newest matching articles a feed lists: what a reader checking after each rebuild needs.
FEED_ENTRIES = 20


@ui.app_template_global()
def absolute_url(endpoint: str, **values) -> str:
    """An address to take away (a feed's links, a search engine's template): on the configured
    `public_url`, else on the host the request named."""
    base = current_app.config["SETTINGS"].public_url
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def _xml_response(body: str, mimetype: str):
    """XML a reader subscribes to or installs: without the characters XML 1.0 forbids, which a title
    scraped from anywhere or a query may hold, and which would make the whole document unreadable."""
    return current_app.response_class(printable(body), mimetype=mimetype)


def _stamp(day) -> str:
    return f"{day.isoformat()}T00:00:00Z"


@ui.get("/feed.atom")
def feed():
    """A search as an Atom 1.0 feed of its newest matching articles, for a feed reader to follow."""
    params = searched(request.args, current_app.config["SETTINGS"])
    searcher = current_app.config["SEARCHER"]
    page = searcher.search(params.q, per_page=FEED_ENTRIES, options=replace(params.options, sort="newest"))
    # An undated article is as new as the index that holds it.
    built = searcher.summary().built_at or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    built = built.replace("+00:00", "Z")
    entries = [(hit, _stamp(hit.date) if hit.date else built) for hit in page.hits]
    link_args = params.link_args()
    body = render_template("feed.xml", q=params.q, page=page, entries=entries,
                           updated=max([stamp for _, stamp in entries] + [built]),
                           self_url=absolute_url("ui.feed", **link_args),
                           results_url=absolute_url("ui.search", **link_args))
    return _xml_response(body, "application/atom+xml")


@ui.get("/opensearch.xml")
def opensearch():
    """Lets a browser add the archive as a search engine, with suggestions as the user types."""
    return _xml_response(render_template("opensearch.xml"), "application/opensearchdescription+xml")
