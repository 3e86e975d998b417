"""Serve the app with waitress: `python -m web [--host H] [--port P] [--index DIR] [--config FILE]`.

The index is built from the configured corpus first when there is none yet, or it is of an older format.
"""

from __future__ import annotations

import argparse
import errno
import logging
import sys
import time
from collections.abc import Sequence

import waitress

from search.config import load_settings
from search.errors import IndexBusyError, SearchError
from search.index import store
from search.index.build import rebuild
from search.index.plan import is_current
from search.names import article_count

from . import MAX_REQUEST_BYTES, create_app

# Bodies waitress reads before the app sees them: a few times the app's limit, never more.
WAITRESS_BODY_BYTES = 4 * MAX_REQUEST_BYTES

access_log = logging.getLogger("web.access")


class AccessLog:
    """WSGI middleware: one line per request, "GET /search?q=… 200 12.3 ms", logged when it ends."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        started, status = time.perf_counter(), []

        def recording_start(code, headers, exc_info=None):
            status.append(code.split(" ", 1)[0])
            return start_response(code, headers, exc_info)

        try:
            return self.app(environ, recording_start)
        finally:
            query = environ.get("QUERY_STRING")
            access_log.info("%s %s%s %s %.1f ms", environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"),
                            f"?{query}" if query else "", status[0] if status else "-",
                            (time.perf_counter() - started) * 1000)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m web", description="Serve the news archive search.")
    parser.add_argument("--host", help="address to listen on (default: from config.toml)")
    parser.add_argument("--port", type=int, help="port to listen on (default: from config.toml)")
    parser.add_argument("--index", help="index folder (default: from config.toml)")
    parser.add_argument("--corpus", help="corpus to index when there is no index yet")
    parser.add_argument("--config", help="config file (default: $NEWS_SEARCH_CONFIG or ./config.toml)")
    return parser


def _ensure_index(settings) -> None:
    """Build the index when there is none of the current format. A replica that finds another process
    building it waits for that rebuild and serves what it made."""
    while not is_current(settings):
        state = "An index of an older format" if store.has_index(settings.index) else "No index"
        print(f"{state} in {settings.index}: building it from {settings.corpus} …", file=sys.stderr)
        try:
            report = rebuild(settings, show_progress=sys.stderr.isatty())
        except IndexBusyError:
            print(f"Another process is building the index in {settings.index}; waiting for it …", file=sys.stderr)
            store.wait_for_rebuild(settings.index)
            continue
        print(f"indexed {article_count(report.indexed)}, skipped {len(report.skipped)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings(args.config, overrides={"host": args.host, "port": args.port,
                                                         "index": args.index, "corpus": args.corpus})
        _ensure_index(settings)
    except SearchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    app = create_app(settings)
    if settings.access_log:
        app.wsgi_app = AccessLog(app.wsgi_app)
    try:
        # Waitress refuses, in plain text, only what is far past the app's own limit: a body over
        # MAX_REQUEST_BYTES reaches the app, which answers it with its JSON error and headers.
        server = waitress.create_server(app, host=settings.host, port=settings.port, threads=settings.threads,
                                        ident="news-search", max_request_body_size=WAITRESS_BODY_BYTES,
                                        max_request_header_size=64 * 1024)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            print(f"error: port {settings.port} is in use; try --port {settings.port % 65535 + 1}", file=sys.stderr)
        else:
            print(f"error: cannot listen on {settings.host}:{settings.port}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"Serving on http://{settings.host}:{settings.port}/", file=sys.stderr)
    server.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
