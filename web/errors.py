"""The one mapping from exceptions to responses: JSON under /api/, an HTML page elsewhere.

Clients see a code and a message, never a traceback or a file path.
"""

from __future__ import annotations

import logging

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from search.errors import IndexBusyError, IndexMissingError, NotFoundError, QueryRefused, SearchError

from .params import BadRequest

log = logging.getLogger(__name__)

# By class: an error takes the status of the nearest class it is, or inherits from, listed here.
STATUS = {
    BadRequest: 400,
    QueryRefused: 400,
    NotFoundError: 404,
    IndexMissingError: 503,
    IndexBusyError: 503,
    SearchError: 500,
}
PUBLIC_MESSAGE = {
    IndexMissingError: "The search index is not available yet; try again shortly.",
    IndexBusyError: "The search index is being rebuilt; try again shortly.",
}


def _nearest(table: dict, error: BaseException, default=None):
    return next((table[kind] for kind in type(error).__mro__ if kind in table), default)


def status_of(error: BaseException) -> int:
    return _nearest(STATUS, error, 500)


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def render_error(status: int, code: str, message: str):
    if request.path.startswith("/api/"):
        return jsonify(error_body(code, message)), status
    # The query stays in the box, so that it can be corrected where it was typed.
    q = request.args.get("q", "")[: current_app.config["SETTINGS"].max_pasted_chars]
    return render_template("error.html", status=status, message=message, q=q), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(BadRequest)
    @app.errorhandler(SearchError)
    def known_error(error):
        status = status_of(error)
        message = _nearest(PUBLIC_MESSAGE, error, str(error))
        if status >= 500:
            log.error("search failed: %s", error)
        return render_error(status, getattr(error, "code", "error"), message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = (error.name or "error").lower().replace(" ", "_")
        return render_error(error.code or 500, code, error.description or error.name)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("unhandled error on %s", request.path)
        return render_error(500, "internal_error", "Something went wrong on our side; the error was logged.")
