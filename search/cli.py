"""Command line: `python -m search rebuild|query|…`; a thin layer that turns errors into exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .config import load_settings
from .errors import SearchError
from .indexer import rebuild
from .searcher import ArchiveSearcher
from .serialize import page_to_json

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", help="index folder (default: from config.toml)")
    parser.add_argument("--config", help="config file (default: $NEWS_SEARCH_CONFIG or ./config.toml)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m search", description="News archive search.")
    commands = parser.add_subparsers(dest="command", required=True)
    rebuild_cmd = commands.add_parser(
        "rebuild", help="build the index from the corpus and swap it in",
        description=f"Exit status: {EXIT_OK} all indexed, {EXIT_SKIPPED} indexed but some files skipped, "
                    f"{EXIT_ERROR} failed (the previous index keeps serving).")
    rebuild_cmd.add_argument("--corpus", help="folder of articles (default: from config.toml)")
    _common(rebuild_cmd)
    query_cmd = commands.add_parser("query", help="search the index, as the JSON endpoint does")
    query_cmd.add_argument("text", help='the query, e.g. \'speaker:Bolton "Iran" date:2018\'')
    query_cmd.add_argument("--page", type=int, default=1)
    query_cmd.add_argument("--per-page", type=int, default=None)
    query_cmd.add_argument("--json", action="store_true", help="print the JSON endpoint's response")
    _common(query_cmd)
    return parser


def run_rebuild(args) -> int:
    settings = load_settings(args.config, overrides={"corpus": args.corpus, "index": args.index})
    report = rebuild(settings, show_progress=sys.stderr.isatty())
    print(f"indexed {report.indexed} articles, skipped {len(report.skipped)} in {report.elapsed_s:.1f} s "
          f"-> {report.index_dir}")
    for skipped in report.skipped:
        print(f"  skipped {skipped.path}: {skipped.reason}")
    return EXIT_SKIPPED if report.skipped else EXIT_OK


def run_query(args) -> int:
    settings = load_settings(args.config, overrides={"index": args.index})
    if args.page < 1 or (args.per_page is not None and not 1 <= args.per_page <= settings.max_per_page):
        raise SearchError(f"--page must be >= 1 and --per-page between 1 and {settings.max_per_page}")
    page = ArchiveSearcher(settings).search(args.text, page=args.page, per_page=args.per_page)
    if args.json:
        print(json.dumps(page_to_json(page), ensure_ascii=False, indent=2))
        return EXIT_OK
    noun = "result" if page.total == 1 else "results"
    print(f"{page.total} {noun} for {page.query!r} ({page.took_ms:.0f} ms)")
    for number, hit in enumerate(page.hits, start=(page.page - 1) * page.per_page + 1):
        details = " · ".join(filter(None, [hit.date.isoformat() if hit.date else None, hit.author,
                                           ", ".join(hit.speakers)]))
        print(f"{number:3}. {hit.title}  [{hit.id}]")
        if details:
            print(f"     {details}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = {"rebuild": run_rebuild, "query": run_query}[args.command]
    try:
        return handler(args)
    except SearchError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted; the previous index is unchanged", file=sys.stderr)
        return EXIT_ERROR
