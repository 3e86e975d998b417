"""Command line: `python -m search rebuild|query|…`; a thin layer that turns errors into exit codes."""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from .config import load_settings
from .errors import PageOutOfRange, SearchError
from .extraction.language import language_name
from .index.build import rebuild
from .index.named_files import named_articles
from .index.sources import FILE_TYPES
from .models import Article, Skipped
from .names import article_count, counted, one_line
from .query.parse import quote_to_check
from .research.concordance import ORDERS
from .research.export import FORMATS, WRITERS
from .research.timeline import INTERVALS, MAX_QUERIES, NOUNS, period_label
from .searcher import ArchiveSearcher
from .serialize import (
    concordance_csv,
    concordance_to_json,
    page_to_json,
    person_to_json,
    quote_check_to_json,
    timeline_to_json,
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3
MARK = re.compile(r"<mark>(.*?)</mark>")


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
    rebuild_cmd.set_defaults(usage=rebuild_cmd)
    rebuild_cmd.add_argument("--corpus", help="folder of articles (default: from config.toml)")
    rebuild_cmd.add_argument("--full", action="store_true",
                             help="read every file again, instead of only the new, changed and deleted ones")
    rebuild_cmd.add_argument("--scheduler", metavar="ADDRESS",
                             help="a Dask scheduler (tcp://HOST:8786) whose workers read, extract and write the "
                                  "articles (default: from config.toml; none: this machine's processes)")
    _common(rebuild_cmd)
    query_cmd = commands.add_parser("query", help="search the index, as the JSON endpoint does")
    query_cmd.set_defaults(usage=query_cmd)
    query_cmd.add_argument("text", help='the query, e.g. \'speaker:Bolton "Iran" date:2018\'')
    query_cmd.add_argument("--page", type=int, default=1)
    query_cmd.add_argument("--per-page", type=int, default=None)
    query_cmd.add_argument("--json", action="store_true", help="print the JSON endpoint's response")
    _common(query_cmd)
    export_cmd = commands.add_parser("export", help="every article a search matches, as CSV, JSON Lines, RIS or BibTeX")
    export_cmd.set_defaults(usage=export_cmd)
    export_cmd.add_argument("text", help="the query, as for `query`")
    export_cmd.add_argument("--format", choices=FORMATS, default=FORMATS[0])
    export_cmd.add_argument("--output", metavar="FILE", help="write to FILE (default: standard output)")
    _common(export_cmd)
    timeline_cmd = commands.add_parser(
        "timeline", help=f"matching articles per day, week, month or year, for up to {MAX_QUERIES} queries")
    timeline_cmd.set_defaults(usage=timeline_cmd)
    timeline_cmd.add_argument("texts", nargs="+", metavar="TEXT", help="a query, as for `query`; one line each")
    timeline_cmd.add_argument("--interval", choices=INTERVALS, help="the periods (default: by the span of the matches)")
    timeline_cmd.add_argument("--json", action="store_true", help="print the JSON endpoint's response")
    _common(timeline_cmd)
    quote_cmd = commands.add_parser("quote", help="the articles that carry a quotation verbatim or nearly, earliest first")
    quote_cmd.set_defaults(usage=quote_cmd)
    quote_cmd.add_argument("text", help="the quotation, as you have it")
    quote_cmd.add_argument("--json", action="store_true", help="print the JSON endpoint's response")
    _common(quote_cmd)
    kwic_cmd = commands.add_parser("kwic", help="keyword in context: each occurrence of a query's words, one line each")
    kwic_cmd.set_defaults(usage=kwic_cmd)
    kwic_cmd.add_argument("text", help="the query, as for `query`")
    kwic_cmd.add_argument("--order", choices=ORDERS, default=ORDERS[0],
                          help="the search's order (default), or by the word before or after the keyword")
    kwic_output = kwic_cmd.add_mutually_exclusive_group()
    kwic_output.add_argument("--csv", action="store_true", help="print the lines as the endpoint's CSV")
    kwic_output.add_argument("--json", action="store_true", help="print the JSON endpoint's response")
    _common(kwic_cmd)
    person_cmd = commands.add_parser(
        "person", help="a person's quotations, newest first, and who is quoted beside them, who writes and where")
    person_cmd.set_defaults(usage=person_cmd)
    person_cmd.add_argument("name", help="any spelling of the name, e.g. 'Bolton' or 'John Bolton'")
    person_cmd.add_argument("words", nargs="?", default="", help="only the quotations with these words, as for `query`")
    person_cmd.add_argument("--page", type=int, default=1)
    person_cmd.add_argument("--json", action="store_true", help="print the JSON endpoint's response")
    _common(person_cmd)
    extract_cmd = commands.add_parser(
        "extract", help="show what the indexer keeps of article files: title, date, author, speakers, text",
        description=f"Files may be {FILE_TYPES}, gzipped or not; a folder stands for the articles in it, a "
                    f"WARC or JSON file for every article in it, and a record's id (FILE#ADDRESS, FILE#LINE) "
                    f"for that one. "
                    f"Exit status: {EXIT_OK} all read, {EXIT_SKIPPED} some skipped (the reasons go to stderr).")
    extract_cmd.set_defaults(usage=extract_cmd)
    extract_cmd.add_argument("files", nargs="+", metavar="FILE")
    extract_cmd.add_argument("--json", action="store_true",
                             help="one JSON object per line: path, title, date, date_source, author, outlet, speakers, "
                                  "body_source, body")
    extract_cmd.add_argument("--config", help="config file (default: $NEWS_SEARCH_CONFIG or ./config.toml)")
    return parser


def run_rebuild(args) -> int:
    settings = load_settings(args.config, overrides={"corpus": args.corpus, "index": args.index,
                                                     "scheduler": args.scheduler})
    report = rebuild(settings, show_progress=sys.stderr.isatty(), full=args.full)
    if report.up_to_date:
        print(f"index is up to date: {article_count(report.indexed)}, nothing new, changed or deleted -> "
              f"{report.index_dir}")
        return EXIT_SKIPPED if report.skipped else EXIT_OK
    if not report.full:
        print(f"updated: {report.added} new, {report.changed} changed, {report.deleted} deleted, "
              f"{report.unchanged} unchanged")
    print(f"indexed {article_count(report.indexed)}, skipped {len(report.skipped)} in {report.elapsed_s:.1f} s "
          f"-> {report.index_dir}")
    for skipped in report.skipped:
        print(f"  skipped {one_line(skipped.path)}: {skipped.reason}")
    return EXIT_SKIPPED if report.skipped else EXIT_OK


def run_query(args) -> int:
    settings = load_settings(args.config, overrides={"index": args.index})
    try:
        settings.check_page(args.page, args.per_page or settings.per_page)
    except PageOutOfRange as error:
        args.usage.error(str(error).replace("'page'", "--page").replace("'per_page'", "--per-page"))
    if (quotation := quote_to_check(args.text)) is not None:
        args.text = quotation
        return _print_quote_check(args, ArchiveSearcher(settings).check_quote(quotation))
    page = ArchiveSearcher(settings).search(args.text, page=args.page, per_page=args.per_page)
    if args.json:
        print_json(page_to_json(page))
        return EXIT_OK
    noun = "result" if page.total == 1 else "results"
    print(f"{page.total} {noun} for {page.query!r} ({page.took_ms:.0f} ms)")
    for number, hit in enumerate(page.hits, start=(page.page - 1) * page.per_page + 1):
        details = " · ".join(filter(None, [hit.date.isoformat() if hit.date else None,
                                           f"by {hit.author}" if hit.author else None,
                                           f"quotes {', '.join(hit.speakers)}" if hit.speakers else None]))
        print(f"{number:3}. {hit.title}  [{one_line(hit.id)}]")
        if details:
            print(f"     {details}")
        if hit.snippet:
            print(f"     {plain_snippet(hit.snippet)}")
    return EXIT_OK


def run_export(args) -> int:
    settings = load_settings(args.config, overrides={"index": args.index})
    chunks = WRITERS[args.format](ArchiveSearcher(settings).export(args.text))
    if not args.output:
        sys.stdout.writelines(chunks)
        return EXIT_OK
    try:
        write_whole(Path(args.output), chunks)
    except OSError as error:
        print(f"error: cannot write {one_line(args.output)}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def write_whole(path: Path, chunks: Iterable[str]) -> None:
    """Write the text to `path` whole or not at all: into a file beside it, renamed over it once
    complete, so that a full disk or a size limit leaves no partial file under the name."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as handle:
            handle.writelines(chunks)
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


def run_timeline(args) -> int:
    settings = load_settings(args.config, overrides={"index": args.index})
    found = ArchiveSearcher(settings).timeline(args.texts, interval=args.interval)
    if args.json:
        print_json(timeline_to_json(found))
        return EXIT_OK
    for series in found.series:
        print(f"{series.query!r}: {counted(series.total, NOUNS[series.kind])}, {series.undated} undated")
    if not found.starts:
        print("no dated match")
        return EXIT_OK
    # Each cell is a query's matches of the period's articles, or of its quotations for a said: query:
    # the share is of that count, shown beside it.
    print(f"{found.interval:<18} {'articles':>9}" + "".join(f"  {series.query[:28]:>28}" for series in found.series))
    for at, start in enumerate(found.starts):
        cells = "".join(f"  {cell:>28}" for cell in (
            f"{series.counts[at]} of {counted(series.among[at], NOUNS[series.kind])} ({series.shares[at]:.1%})"
            for series in found.series))
        print(f"{period_label(start, found.interval):<18} {found.articles[at]:>9}{cells}")
    return EXIT_OK


def run_quote(args) -> int:
    settings = load_settings(args.config, overrides={"index": args.index})
    return _print_quote_check(args, ArchiveSearcher(settings).check_quote(args.text))


def _print_quote_check(args, found) -> int:
    if args.json:
        print_json(quote_check_to_json(args.text, found))
        return EXIT_OK
    print(f"{article_count(len(found))} {'carries' if len(found) == 1 else 'carry'} it, "
          f"{sum(hit.verbatim for hit in found)} word for word")
    for number, hit in enumerate(found, start=1):
        match = "word for word" if hit.verbatim else f"nearly ({hit.share:.0%} of the words)"
        print(f"{number:3}. {hit.date.isoformat() if hit.date else 'undated'}  {hit.title}  [{one_line(hit.id)}]")
        print(f"     {match}; {f'said by {hit.speaker}' if hit.speaker else 'the article does not say who said it'}")
        print(f"     {plain_snippet(hit.passage)}")
    return EXIT_OK


def run_kwic(args) -> int:
    settings = load_settings(args.config, overrides={"index": args.index})
    found = ArchiveSearcher(settings).concordance(args.text, order=args.order)
    if args.json:
        print_json(concordance_to_json(found))
    elif args.csv:
        sys.stdout.writelines(concordance_csv(found))
    else:
        print(f"{len(found.lines)} lines from {found.read} of {article_count(found.articles)}"
              + (" (the first ones in the search's order)" if found.cut else ""))
        for line in found.lines:
            print(one_line(f"{line.before[-50:]:>50}  {line.keyword}  {line.after[:50]:<50}  [{line.article_id}]"))
    return EXIT_OK


def run_person(args) -> int:
    settings = load_settings(args.config, overrides={"index": args.index})
    try:
        settings.check_page(args.page, settings.per_page)
    except PageOutOfRange as error:
        args.usage.error(str(error).replace("'page'", "--page"))
    found = ArchiveSearcher(settings).person(args.name, args.words, page=args.page)
    if found.total and not found.quotations:
        print(f"error: page {found.page} is past the last page ({found.page_count})", file=sys.stderr)
        return EXIT_ERROR
    if args.json:
        print_json(person_to_json(found))
        return EXIT_OK
    print(f"{found.name}: {counted(found.total, 'quotations')}; {article_count(found.articles)} "
          f"{'names' if found.articles == 1 else 'name'} them as a speaker")
    if len(found.spellings) > 1:
        print("  written as " + ", ".join(f"{spelling} ({count})" for spelling, count in found.spellings))
    for heading, pairs in (("quoted beside them", found.quoted_with), ("written by", found.authors),
                           ("published in", found.outlets)):
        if pairs:
            print(f"  {heading}: " + ", ".join(f"{name} ({count})" for name, count in pairs))
    for number, hit in enumerate(found.quotations, start=(found.page - 1) * found.per_page + 1):
        print(f"{number:3}. {hit.date.isoformat() if hit.date else 'undated'}  {hit.title}  [{one_line(hit.article_id)}]")
        print(f"     {plain_snippet(hit.snippet)}")
    if found.page < found.page_count:
        print(f"  page {found.page} of {found.page_count}: --page {found.page + 1} for the next")
    return EXIT_OK


def print_json(body: dict) -> None:
    """A response as its JSON endpoint gives it, indented for reading."""
    print(json.dumps(body, ensure_ascii=False, indent=2))


def plain_snippet(snippet: str) -> str:
    """A snippet for a terminal: its marked words between asterisks, the rest as text, on one line."""
    return one_line(html.unescape(MARK.sub(lambda found: f"*{found[1]}*", snippet)).replace("\n", " "))


def extraction_to_json(path: str, article: Article) -> dict:
    return {"path": path, "title": article.title, "date": article.date.isoformat() if article.date else None,
            "date_source": article.date_source, "author": article.author, "outlet": article.outlet,
            "language": article.language, "speakers": list(article.speakers),
            "body_source": article.body_source, "body": article.body}


def _extraction_text(path: str, article: Article) -> str:
    dated = f"{article.date.isoformat()} (from the {article.date_source})" if article.date else "none found"
    return "\n".join([
        f"== {one_line(path)}",
        f"title:    {article.title}",
        f"date:     {dated}",
        f"author:   {article.author or 'none found'}",
        f"speakers: {'; '.join(article.speakers) or 'none found'}",
        f"text by:  {article.body_source}",
        f"language: {f'{article.language} ({language_name(article.language)})' if article.language else 'none found'}",
        "",
        article.body,
        "",
    ])


def run_extract(args) -> int:
    settings = load_settings(args.config)
    skipped = 0
    for found in named_articles(args.files, settings.corpus, settings.max_file_bytes):
        if isinstance(found, Skipped):
            skipped += 1
            print(f"skipped {one_line(found.path)}: {found.reason}", file=sys.stderr)
        elif args.json:
            print(json.dumps(extraction_to_json(found.id, found), ensure_ascii=False), flush=True)
        else:
            print(_extraction_text(found.id, found), flush=True)
    return EXIT_SKIPPED if skipped else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args, unknown = build_parser().parse_known_args(argv)
    if unknown:
        args.usage.error(f"unrecognized arguments: {' '.join(unknown)}")
    handler = {"rebuild": run_rebuild, "query": run_query, "export": run_export, "timeline": run_timeline,
               "quote": run_quote, "kwic": run_kwic, "person": run_person, "extract": run_extract}[args.command]
    try:
        status = handler(args)
        sys.stdout.flush()  # here, where a full disk or a closed pipe is reported, not at exit
        return status
    except SearchError as error:
        if getattr(args, "json", False):
            print(json.dumps({"error": {"code": error.code, "message": str(error)}}, ensure_ascii=False))
        else:
            print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted; the previous index is unchanged", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader (`| head`) has all it wanted: stop quietly, as Unix tools do.
        _drop_standard_output()
        return 0
    except OSError as error:
        # Standard output on a full disk or past a size limit (`> file`), the one write that names
        # no file: one line, as for a file.
        _drop_standard_output()
        where = one_line(str(error.filename)) if error.filename else "the output"
        print(f"error: cannot write {where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR


def _drop_standard_output() -> None:
    """What is left in standard output's buffer goes nowhere: Python would try it again on the way
    out and report the failure a second time."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
