"""The Flask app: a search page and a JSON API over search/."""

from __future__ import annotations

import datetime as dt

from flask import Flask, abort, request
from markupsafe import Markup
from werkzeug.routing import PathConverter

from search.config import Settings, load_settings
from search.extraction.language import language_name
from search.names import readable
from search.searcher import ArchiveSearcher

from .api import api
from .errors import register_error_handlers
from .ui import ui

MAX_REQUEST_BYTES = 64 * 1024
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class DocIdConverter(PathConverter):
    """An article id in a URL: a path whose file names may hold any character, a newline too."""

    regex = r"(?s:[^/].*?)"


def moment(stamp: str) -> Markup:
    """An ISO 8601 time as people read it, in UTC ("7 December 2026, 06:18 UTC"), the ISO form kept
    in the markup; text that is no such time, as it is."""
    try:
        when = dt.datetime.fromisoformat(stamp).astimezone(dt.timezone.utc)
    except (TypeError, ValueError):
        return Markup.escape(stamp)
    return Markup('<time datetime="{}">{}</time>').format(stamp, when.strftime("%-d %B %Y, %H:%M UTC"))


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or load_settings()
    app = Flask(__name__)
    app.url_map.converters["doc_id"] = DocIdConverter
    app.config.update(SETTINGS=settings, SEARCHER=ArchiveSearcher(settings), MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
                      JSON_SORT_KEYS=False)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.add_template_filter(readable)
    app.add_template_filter(language_name)
    app.add_template_filter(moment)
    app.register_blueprint(ui)
    app.register_blueprint(api)
    register_error_handlers(app)

    @app.before_request
    def refuse_large_bodies():
        # Checked up front: Werkzeug only enforces the limit when a view reads the body.
        if (request.content_length or 0) > MAX_REQUEST_BYTES:
            abort(413)

    @app.after_request
    def add_security_headers(response):
        response.headers.update(SECURITY_HEADERS)
        return response

    return app
