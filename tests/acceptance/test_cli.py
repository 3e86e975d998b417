"""The command line: exit codes, the rebuild summary and query output, as a user sees them.

Commands run in process through search.cli.main, their output captured (as sqlite-utils' CliRunner
does); the entry points themselves, `python -m search` and `news-search`, run as real processes."""

import contextlib
import fcntl
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from unittest import mock

import pytest

from search.cli import main

from ..conftest import REPO, write_article


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(*args, cwd=REPO) -> Ran:
    """`python -m search ARGS` in process, from `cwd`, with no NEWS_SEARCH_ setting in the environment."""
    out, err = io.StringIO(), io.StringIO()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWS_SEARCH_")}
    with mock.patch.dict(os.environ, env, clear=True), contextlib.chdir(cwd), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit:  # argparse's usage errors
            code = exit.code
    return Ran(code, out.getvalue(), err.getvalue())


def run_process(*command, cwd=REPO) -> subprocess.CompletedProcess:
    """A real entry point, as a user runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWS_SEARCH_")}
    return subprocess.run(list(command), cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_the_entry_points_run_the_command_line(tmp_path, small_corpus):
    index = str(tmp_path / "index")
    built = run_process(sys.executable, "-m", "search", "rebuild", "--corpus", str(small_corpus), "--index", index)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("indexed 3 articles, skipped 0 in ")
    script = os.path.join(os.path.dirname(sys.executable), "news-search")
    found = run_process(script, "query", "speaker:dahl", "--index", index)
    assert found.returncode == 0 and found.stdout.startswith("2 results for 'speaker:dahl'")
    usage = run_process(sys.executable, "-m", "search", "query", "bridge", "--page", "0", "--index", index)
    assert usage.returncode == 2 and "usage: python -m search query" in usage.stderr


def test_rebuild_summary_and_success(tmp_path, small_corpus):
    result = run("rebuild", "--corpus", str(small_corpus), "--index", str(tmp_path / "index"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("indexed 3 articles, skipped 0 in ")


def test_rebuild_with_skips_lists_them_and_exits_3(tmp_path, small_corpus):
    write_article(small_corpus, "broken/empty.txt", "")
    result = run("rebuild", "--corpus", str(small_corpus), "--index", str(tmp_path / "index"))
    assert result.returncode == 3
    assert "indexed 3 articles, skipped 1" in result.stdout
    assert "  skipped broken/empty.txt: empty file" in result.stdout


@pytest.mark.parametrize("setup, message", [
    ("missing", "error: Corpus folder not found"),
    ("empty", "error: No articles (.txt, .html, .htm, .warc, .arc, .jsonl, .ndjson, .jl, .json) found"),
    ("unwritable", "error: Cannot write to the index folder"),
])
def test_rebuild_failures_are_one_line_errors(tmp_path, small_corpus, setup, message):
    corpus, index = small_corpus, tmp_path / "index"
    if setup == "missing":
        corpus = tmp_path / "nope"
    elif setup == "empty":
        corpus = tmp_path / "empty"
        corpus.mkdir()
    else:
        index = tmp_path / "a-file"
        index.write_text("not a folder")
    result = run("rebuild", "--corpus", str(corpus), "--index", str(index))
    assert result.returncode == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_query_text_and_json(tmp_path, small_corpus):
    index = str(tmp_path / "index")
    run("rebuild", "--corpus", str(small_corpus), "--index", index)
    text = run("query", "speaker:dahl", "--index", index)
    assert text.returncode == 0
    assert text.stdout.splitlines()[0].startswith("2 results for 'speaker:dahl'")
    assert "Harbour Bridge Opens to Traffic After Six Years  [scrapes/bridge-opens.txt]" in text.stdout
    as_json = json.loads(run("query", "bridge", "--json", "--index", index).stdout)
    assert as_json["total"] == 2 and as_json["results"][0]["id"]


def test_query_errors(tmp_path):
    missing = run("query", "bridge", "--index", str(tmp_path / "none"))
    assert missing.returncode == 1 and missing.stderr.startswith("error: No index in")
    bad = run("query", "date:x", "--index", str(tmp_path / "none"))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr


def test_usage_error_exits_2():
    assert run("frobnicate").returncode == 2


def test_extract_prints_what_the_indexer_keeps(tmp_path):
    page = write_article(tmp_path, "story.html", (
        "<html><head><title>Dock strike ends | Coastal Times</title>"
        '<meta property="article:published_time" content="2024-03-05T08:00:00Z">'
        '<meta name="author" content="Ana Ruiz"></head><body><nav>Home News</nav><article><h1>Dock strike ends</h1>'
        "<p>The strike at the port ended on Tuesday after nine days of talks between the union and owners.</p>"
        "<p>\u201cWe got what we came for,\u201d said Elena Varga, the union's leader, outside the hall.</p>"
        "</article></body></html>"))
    text = run("extract", str(page))
    assert text.returncode == 0, text.stderr
    assert "title:    Dock strike ends\n" in text.stdout
    assert "date:     2024-03-05 (from the meta)\n" in text.stdout
    assert "author:   Ana Ruiz\n" in text.stdout
    assert "speakers: Elena Varga\n" in text.stdout
    assert "text by:  cleaner\n" in text.stdout
    assert "language: en (English)\n" in text.stdout
    assert "Home News" not in text.stdout

    as_json = run("extract", "--json", str(page))
    record = json.loads(as_json.stdout)
    assert record == {
        "path": str(page), "title": "Dock strike ends", "date": "2024-03-05", "date_source": "meta",
        "author": "Ana Ruiz", "outlet": None, "language": "en", "speakers": ["Elena Varga"], "body_source": "cleaner",
        "body": "The strike at the port ended on Tuesday after nine days of talks between the union and owners."
                "\n\n\u201cWe got what we came for,\u201d said Elena Varga, the union's leader, outside the hall.",
    }


def test_extract_takes_an_article_s_id_in_the_corpus():
    """The id the article page shows under "File" names the file in the corpus."""
    printed = run("extract", "scrapes/bridge-opens.txt")
    assert printed.returncode == 0, printed.stderr
    assert "title:    Harbour Bridge Opens to Traffic After Six Years\n" in printed.stdout


def test_extract_reads_gzipped_pages_and_reports_what_it_skips(tmp_path):
    import gzip

    page = tmp_path / "saved.html.gz"
    page.write_bytes(gzip.compress(b"<html><body><article><h1>Gzipped</h1><p>" + b"Words of the article. " * 20
                                   + b"</p></article></body></html>"))
    empty = write_article(tmp_path, "empty.txt", "")
    other = write_article(tmp_path, "notes.md", "# not an article")
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"not gzip at all")
    result = run("extract", "--json", str(page), str(empty), str(other), str(broken))
    assert result.returncode == 3
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["path"], r["title"]) for r in records] == [(str(page), "Gzipped")]
    assert f"skipped {empty}: empty file" in result.stderr
    assert f"skipped {other}: not an article file" in result.stderr
    assert f"skipped {broken}: not a readable gzip file" in result.stderr
    assert "Traceback" not in result.stderr


def test_extract_on_a_folder_reads_its_articles(tmp_path, small_corpus):
    result = run("extract", "--json", str(small_corpus))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3


def test_rebuild_is_incremental_unless_full(tmp_path, small_corpus):
    index = str(tmp_path / "index")
    run("rebuild", "--corpus", str(small_corpus), "--index", index)
    before = sorted(path.name for path in (tmp_path / "index").glob("gen-*"))
    again = run("rebuild", "--corpus", str(small_corpus), "--index", index)
    assert again.returncode == 0, again.stderr
    # Nothing changed: no new generation, the current one serves on.
    assert again.stdout.startswith("index is up to date: 3 articles, nothing new, changed or deleted -> ")
    assert sorted(path.name for path in (tmp_path / "index").glob("gen-*")) == before
    (small_corpus / "extra.txt").write_text("Quay Repairs Agreed\n\nThe harbour board agreed on Tuesday to repair "
                                             "the old quay before the winter storms arrive, its chair said.\n")
    changed = run("rebuild", "--corpus", str(small_corpus), "--index", index)
    assert changed.stdout.startswith("updated: 1 new, 0 changed, 0 deleted, 3 unchanged\nindexed 4 articles, "
                                     "skipped 0")
    (small_corpus / "extra.txt").unlink()
    full = run("rebuild", "--full", "--corpus", str(small_corpus), "--index", index)
    assert full.stdout.startswith("indexed 3 articles, skipped 0 in ")
    one = tmp_path / "one"
    one.mkdir()
    (one / "a.txt").write_bytes((small_corpus / "scrapes" / "bridge-opens.txt").read_bytes())
    assert "indexed 1 article, skipped 0" in run("rebuild", "--corpus", str(one), "--index", str(tmp_path / "i1")).stdout


@pytest.mark.parametrize("args, code, message", [
    (("extract", "/nonexistent"), 3, "skipped /nonexistent: no such file or folder"),
    (("rebuild", "--bogus"), 2, "usage: python -m search rebuild"),
    (("query", "bridge", "--page", "0"), 2, "usage: python -m search query"),
])
def test_cli_mistakes_say_what_is_wrong(args, code, message):
    result = run(*args)
    assert result.returncode == code and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_extract_of_an_empty_folder_says_so(tmp_path):
    result = run("extract", str(tmp_path))
    assert result.returncode == 3 and "no article files (.txt, .html, .htm, .warc" in result.stderr


def test_rebuild_of_one_file_or_of_files_that_all_fail_says_why(tmp_path, small_corpus):
    as_file = run("rebuild", "--corpus", str(small_corpus / "scrapes" / "bridge-opens.txt"), "--index", str(tmp_path / "i"))
    assert as_file.returncode == 0 and "indexed 1 article, skipped 0" in as_file.stdout
    notes = tmp_path / "notes.md"
    notes.write_text("# notes")
    other = run("rebuild", "--corpus", str(notes), "--index", str(tmp_path / "k"))
    assert other.returncode == 1 and "is neither a folder nor an article file" in other.stderr
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    failed = run("rebuild", "--corpus", str(bad), "--index", str(tmp_path / "j"))
    assert failed.returncode == 1
    assert "None of the 2 files" in failed.stderr and "empty.txt: empty file" in failed.stderr
    assert "binary.html: binary file" in failed.stderr


def test_query_prints_snippets_and_its_json_errors_are_json(sample_settings):
    index = str(sample_settings.index)
    text = run("query", "hosepipe", "--index", index)
    assert "*hosepipe*" in text.stdout.lower()
    # The author and the people quoted are told apart.
    lines = run("query", "harbour bridge", "--index", index).stdout.splitlines()
    assert "2016-05-26 · by Clara Weiss · quotes Elena Varga, Tomas Reinholt, Jonas Albrecht" in [l.strip() for l in lines]
    failed = run("query", "--json", "autor:smith", "--index", index)
    assert failed.returncode == 1
    assert json.loads(failed.stdout)["error"] == {"code": "bad_query",
                                                  "message": "The search has no field 'autor:'; use title:, speaker:, "
                                                             "author:, outlet:, lang:, body:, date:, said:"}


def test_export_writes_every_match_to_standard_output_or_a_file(tmp_path, small_corpus):
    index = str(tmp_path / "index")
    assert run("rebuild", "--corpus", str(small_corpus), "--index", index).returncode == 0
    total = json.loads(run("query", "bridge", "--json", "--index", index).stdout)["total"]
    printed = run("export", "bridge", "--format", "jsonl", "--index", index)
    assert printed.returncode == 0, printed.stderr
    rows = [json.loads(line) for line in printed.stdout.splitlines()]
    assert len(rows) == total == 2 and set(rows[0]) == {"id", "title", "author", "outlet", "date", "url", "accessed",
                                                                   "language", "story"}
    written = run("export", "bridge", "--format", "ris", "--output", str(tmp_path / "out.ris"), "--index", index)
    assert written.returncode == 0 and written.stdout == ""
    assert (tmp_path / "out.ris").read_text(encoding="utf-8").count("TY  - NEWS") == 2
    refused = run("export", "bridge", "--output", str(tmp_path / "no" / "such" / "folder.csv"), "--index", index)
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: cannot write ") and "Traceback" not in refused.stderr
    assert run("export", "bridge", "--format", "xml", "--index", index).returncode == 2


def test_timeline_prints_the_endpoint_s_series_and_a_table(sample_settings):
    from web import create_app

    index = str(sample_settings.index)
    printed = run("timeline", "bridge", "said:Okafor", "--interval", "year", "--json", "--index", index)
    assert printed.returncode == 0, printed.stderr
    served = create_app(sample_settings).test_client().get("/api/timeline?q=bridge&q=said:Okafor&interval=year")
    assert json.loads(printed.stdout) == served.get_json()
    table = run("timeline", "bridge", "--interval", "year", "--index", index).stdout.splitlines()
    body = served.get_json()
    assert table[0] == f"'bridge': {body['series'][0]['total']} articles, {body['series'][0]['undated']} undated"
    assert len(table) == 2 + len(body["periods"]) and table[2].startswith(body["periods"][0]["start"][:4] + " ")
    # A said: query's share is of the period's quotations, and says so, beside the count it divides.
    both = run("timeline", "bridge", "said:Okafor", "--interval", "year", "--index", index).stdout.splitlines()
    served_both = json.loads(printed.stdout)
    year = served_both["periods"][-1]
    last = both[-1].split()
    quotes = served_both["series"][1]
    assert last[0] == year["start"][:4] and f"{quotes['counts'][-1]} of {quotes['among'][-1]} quotation" in both[-1]
    refused = run("timeline", "a", "b", "c", "d", "e", "--index", index)
    assert refused.returncode == 1 and refused.stderr == "error: A timeline compares at most 4 queries, got 5\n"
    assert run("timeline", "bridge", "--interval", "decade", "--index", index).returncode == 2


def test_quote_prints_the_articles_carrying_it_and_its_json_is_the_endpoint_s(sample_settings):
    from web import create_app

    index, said = str(sample_settings.index), "I am happy it is finished, but I am not glad about the bill"
    printed = run("quote", said, "--json", "--index", index)
    assert printed.returncode == 0, printed.stderr
    served = create_app(sample_settings).test_client().get("/api/quote", query_string={"text": said})
    assert json.loads(printed.stdout) == served.get_json()
    lines = run("quote", said, "--index", index).stdout.splitlines()
    assert lines[0] == "1 article carries it, 0 word for word"
    assert "said by Tomas Reinholt" in lines[2] and "“*I am glad it is finished" in lines[3]
    refused = run("quote", "two words", "--index", index)
    assert refused.returncode == 1 and "at least 4 words" in refused.stderr
    # quote:"…" asks the query command for the same check, as it asks the search box.
    asked = run("query", f'quote:"{said}"', "--json", "--index", index)
    assert json.loads(asked.stdout) == served.get_json()


def test_person_prints_their_quotations_and_its_json_is_the_endpoint_s(sample_settings):
    from web import create_app

    index = str(sample_settings.index)
    printed = run("person", "Reinholt", "contract", "--json", "--index", index)
    assert printed.returncode == 0, printed.stderr
    served = create_app(sample_settings).test_client().get("/api/people/Reinholt?q=contract")
    assert json.loads(printed.stdout) == served.get_json()
    lines = run("person", "Reinholt", "--index", index).stdout.splitlines()
    body = create_app(sample_settings).test_client().get("/api/people/Reinholt").get_json()
    assert lines[0] == f"Tomas Reinholt: {body['total']} quotations; {body['articles']} articles name them as a speaker"
    assert lines[1] == "  written as Tomas Reinholt (14), Reinholt (1)"
    assert lines[-2].strip() == body["quotations"][-1]["quote"].replace("<mark>", "*").replace("</mark>", "*")
    assert lines[-1] == "  page 1 of 2: --page 2 for the next"
    past = run("person", "Reinholt", "--page", "99", "--index", index)
    assert past.returncode == 1 and past.stdout == "" and past.stderr == "error: page 99 is past the last page (2)\n"
    refused = run("person", "Nobody Atall", "--index", index)
    assert refused.returncode == 1 and refused.stderr == "error: No one named 'Nobody Atall' is quoted in the archive\n"
    assert run("person", "Reinholt", "--page", "0", "--index", index).returncode == 2


def test_kwic_prints_a_line_per_occurrence_and_its_json_and_csv_are_the_endpoint_s(sample_settings):
    from web import create_app

    index = str(sample_settings.index)
    served = create_app(sample_settings).test_client()
    printed = run("kwic", "contract", "--order", "after", "--json", "--index", index)
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout) == served.get("/api/kwic?q=contract&order=after").get_json()
    as_csv = run("kwic", "contract", "--order", "after", "--csv", "--index", index)
    assert as_csv.stdout == served.get("/api/kwic?q=contract&order=after&format=csv").get_data(as_text=True)
    lines = run("kwic", "contract", "--index", index).stdout.splitlines()
    body = served.get("/api/kwic?q=contract").get_json()
    assert lines[0] == f"{len(body['lines'])} lines from {body['read']} of {body['articles']} articles"
    assert [line.split("  [")[-1].rstrip("]") for line in lines[1:]] == [line["article_id"] for line in body["lines"]]
    refused = run("kwic", "said:Varga", "--index", index)
    assert refused.returncode == 1 and "reads articles" in refused.stderr
    assert run("kwic", "contract", "--order", "up", "--index", index).returncode == 2


def test_output_piped_to_a_reader_that_stops_ends_quietly(sample_settings):
    """`python -m search query … | head -1`: the reader closes the pipe after one line, before the
    command has written the rest (a pipe of one page, smaller than its output); the command stops
    without a traceback."""
    command = [sys.executable, "-m", "search", "query", "harbour", "--per-page", "50", "--index",
               str(sample_settings.index)]
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    with subprocess.Popen(command, cwd=REPO, stdout=write_end, stderr=subprocess.PIPE) as process:
        os.close(write_end)
        with os.fdopen(read_end, "rb") as output:
            assert output.readline()
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr


def test_a_rebuild_of_container_files_exits_3_naming_each_bad_record_and_extract_reads_a_record(tmp_path):
    from ..test_archive_rebuilds import PAGES, address, json_line, write_crawl

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_crawl(corpus / "crawl.warc.gz", PAGES[:3])
    (corpus / "items.jsonl").write_text(json_line(1) + "\n{broken\n")
    result = run("rebuild", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert result.returncode == 3
    assert "indexed 4 articles, skipped 1" in result.stdout
    assert "  skipped items.jsonl#2: line 2 is not JSON" in result.stdout
    record = f"crawl.warc.gz#{address(PAGES[1])}"
    extracted = run("extract", "--json", record, "items.jsonl", cwd=corpus)
    lines = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert [line["path"] for line in lines] == [record, "items.jsonl#1"]
    assert extracted.returncode == 3 and "skipped items.jsonl#2: line 2 is not JSON" in extracted.stderr
    missing = run("extract", "crawl.warc.gz#https://nowhere.example/", cwd=corpus)
    assert missing.returncode == 3 and "no such record in the file" in missing.stderr


def test_kwic_refuses_two_output_formats_at_once(sample_settings):
    both = run("kwic", "harbour", "--csv", "--json", "--index", str(sample_settings.index))
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
