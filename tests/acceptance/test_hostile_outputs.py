"""What people take away (feeds, spreadsheets, citations, search-engine descriptions, timelines,
exported files) built from a hostile corpus made by rule: every title, author, folder name and
quotation carries control characters, formula prefixes, record breakers or markup, and dates run
from 1850 to 2200. Checked through the real server and the command line: the output stays valid
and inert."""

import csv
import html
import io
import json
import os
import re
import resource
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from xml.etree import ElementTree

import pytest

from search.index.build import rebuild
from search.research.export import CONTROL_CHARACTERS, FORMULA_START
from web import create_app

from ..conftest import REPO, make_settings, running_server, write_article
from .test_cli import run

# Each kind of hostile text, as scraped pages carry it.
CONTROLS = "\x01\x1b[31m\x07\x0b\x0c\x7f\x85\ufffe\uffff"
FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+9)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]
BREAKERS = ["\r\nER  - \r\nTY  - JOUR\r\nTI  - injected", "}\n@misc{injected,\n  title = {x}", '"\r\n=1+1,"']
MARKUP = ["<script>alert(1)</script>", "]]><x>", "&amp;&#0;&#xFFFE;"]
HOSTILE = [CONTROLS, *FORMULAS, *BREAKERS, *MARKUP]
TOPIC = "quay"


def hostile_corpus(folder):
    """An article for each hostile text: as its headline's start, its author (a page's meta tag),
    its quotation's speaker-free words, and, for the formulas, as the folder (the outlet of a text
    scrape) it sits in. One dated 1850 and one 2200, by the dates their pages show."""
    for number, text in enumerate(HOSTILE):
        title = html.escape(f"{text} {TOPIC} report {number}")  # the page's text is the hostile text
        body = html.escape(f"The {TOPIC} was inspected on Monday, the harbour office said of report {number}. "
                           f"“{text} is what the sign said,” an inspector told reporters.")
        write_article(folder, f"pages/hostile-{number}.html", (
            f"<html><head><title>{title}</title><meta name='author' content='{html.escape(text)} Smith'>"
            f"</head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>").encode("utf-8", "replace"))
    for number, text in enumerate(FORMULAS):
        write_article(folder, f"{text.strip()}/scrape-{number}.txt",
                      f"{text} {TOPIC} scrape {number}\n\nThe {TOPIC} scrape {number} was filed by a reader.\n")
    write_article(folder, "dates/old.txt", f"Old {TOPIC}\n\nLONDON, March 4, 1850 — The {TOPIC} opened to ships.\n")
    write_article(folder, "dates/future.txt",
                  f"Future {TOPIC}\n\nLONDON, March 4, 2200 — The {TOPIC} closed to ships.\n")
    write_article(folder, "dates/recent.txt",
                  f"Recent {TOPIC}\n\nLONDON, March 4, 2021 — The {TOPIC} was repaired.\n")
    return folder


@pytest.fixture(scope="module")
def hostile_settings(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    settings = make_settings(hostile_corpus(folder / "corpus"), folder / "index")
    rebuild(settings)
    return settings


@pytest.fixture(scope="module")
def server(hostile_settings):
    with running_server(hostile_settings.corpus, hostile_settings.index,
                        settings={"public_url": "https://news.example.org"}) as base:
        yield base


def get(base: str, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_corpus_is_hostile_where_it_matters(hostile_settings):
    """The index holds the hostile text: what follows would prove nothing otherwise."""
    client = create_app(hostile_settings).test_client()
    hits = client.get(f"/api/search?q={TOPIC}&per_page=100").get_json()["results"]
    titles = " ".join(hit["title"] for hit in hits)
    assert "=cmd|' /C calc'!A0" in titles and "<script>" in titles and "@misc{injected" in titles
    assert any(hit["title"].startswith(("=", "+", "-", "@")) for hit in hits)
    assert any(CONTROL_CHARACTERS.search(hit["title"]) for hit in hits)
    assert any((hit["outlet"] or "").startswith("@SUM") for hit in hits)


@pytest.mark.parametrize("query", [TOPIC, f"{TOPIC}%00", f"{TOPIC}%0B%1B", f"{TOPIC}%EF%BF%BE", "%3C%2Fsubtitle%3E"])
def test_feeds_are_well_formed_xml_whatever_the_titles_and_the_query_hold(server, query):
    status, body = get(server, f"/feed.atom?q={query}")
    assert status in (200, 400)
    if status == 200:
        feed = ElementTree.fromstring(body)  # raises on XML that is not well-formed
        titles = [entry.findtext("{http://www.w3.org/2005/Atom}title") for entry in
                  feed.iter("{http://www.w3.org/2005/Atom}entry")]
        assert query != TOPIC or any("<script>" in title for title in titles)


def test_absolute_links_come_from_the_public_address_not_the_host_header(server):
    for path in ("/opensearch.xml", f"/feed.atom?q={TOPIC}"):
        status, body = get(server, path, headers={"Host": "attacker.invalid"})
        assert status == 200 and b"attacker.invalid" not in body
        assert b"https://news.example.org/" in body
        ElementTree.fromstring(body)


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_inert(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell
            assert not CONTROL_CHARACTERS.search(cell), cell


def test_every_csv_the_product_writes_is_inert_in_a_spreadsheet(server, hostile_settings):
    status, body = get(server, f"/api/export?q={TOPIC}&format=csv")
    exported = cells(body.decode("utf-8"))
    assert status == 200 and len(exported) > len(HOSTILE)
    assert_inert(exported)
    # The text is kept, behind the apostrophe that makes it text.
    assert any(cell == f"'=cmd|' /C calc'!A0 {TOPIC} report 1" for row in exported for cell in row)
    assert any(cell.startswith("'@SUM(1+9)") for row in exported for cell in row)
    status, body = get(server, f"/api/kwic?q={TOPIC}&format=csv")
    assert status == 200
    assert_inert(cells(body.decode("utf-8")))
    printed = run("export", TOPIC, "--format", "csv", "--index", str(hostile_settings.index))
    assert printed.returncode == 0
    assert_inert(cells(printed.stdout))
    kwic = run("kwic", TOPIC, "--csv", "--index", str(hostile_settings.index))
    assert_inert(cells(kwic.stdout))


def test_json_lines_keep_the_exact_text_and_ris_and_bibtex_one_record_an_article(server):
    status, body = get(server, f"/api/export?q={TOPIC}&format=jsonl")
    rows = [json.loads(line) for line in body.decode("utf-8").splitlines()]
    assert status == 200 and any(row["title"] == f"=cmd|' /C calc'!A0 {TOPIC} report 1" for row in rows)
    status, ris = get(server, f"/api/export?q={TOPIC}&format=ris")
    text = ris.decode("utf-8")
    assert text.count("\r\nER  - ") == len(rows) and text.count("TY  - ") == len(rows)
    assert not CONTROL_CHARACTERS.search(text)
    for line in text.splitlines():
        assert not line or re.match(r"^[A-Z][A-Z0-9]  - ", line), line
    status, bibtex = get(server, f"/api/export?q={TOPIC}&format=bibtex")
    entries = bibtex.decode("utf-8")
    assert re.findall(r"^@(\w+)\{", entries, re.MULTILINE) == ["article"] * len(rows)
    assert not CONTROL_CHARACTERS.search(entries)


def test_article_pages_and_citations_are_inert(server, hostile_settings):
    client = create_app(hostile_settings).test_client()
    for hit in client.get(f"/api/search?q={TOPIC}&per_page=100").get_json()["results"]:
        status, page = get(server, f"/article/{urllib.parse.quote(hit['id'])}?q={TOPIC}")
        assert status == 200 and b"<script>alert" not in page and b"<x>" not in page
        citation = client.get(f"/api/articles/{urllib.parse.quote(hit['id'])}").get_json()["citation"]
        assert not CONTROL_CHARACTERS.search(citation) and "\n" not in citation and "\r" not in citation


def test_a_timeline_too_fine_for_its_span_is_refused_naming_one_that_fits(server):
    status, body = get(server, f"/api/timeline?q={TOPIC}&interval=day")
    error = json.loads(body)["error"]
    assert status == 400 and error["code"] == "bad_query" and "interval=year" in error["message"]
    status, page = get(server, f"/timeline?q={TOPIC}&interval=day")
    assert status == 400 and b"interval=year" in page and len(page) < 100_000
    status, body = get(server, f"/api/timeline?q={TOPIC}&interval=year")
    periods = json.loads(body)["periods"]
    # 2200 is no publication date: the span ends in the present.
    assert status == 200 and periods[0]["start"] == "1850-01-01" and periods[-1]["start"] <= "2027-01-01"


def test_an_export_past_a_size_limit_is_one_line_and_leaves_no_file(hostile_settings, tmp_path):
    output = tmp_path / "export.csv"
    output.write_text("an earlier export\n")

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (2_000, 2_000))

    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWS_SEARCH_")}
    result = subprocess.run([sys.executable, "-m", "search", "export", TOPIC, "--format", "jsonl", "--output",
                             str(output), "--index", str(hostile_settings.index)], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60, preexec_fn=small_files, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [f"error: cannot write {output}: File too large"]
    assert output.read_text() == "an earlier export\n" and sorted(tmp_path.iterdir()) == [output]
    # Standard output sent to a file (`> export.jsonl`) past the same limit.
    with open(tmp_path / "redirected.jsonl", "w") as redirected:
        streamed = subprocess.run([sys.executable, "-m", "search", "export", TOPIC, "--format", "jsonl", "--index",
                                   str(hostile_settings.index)], cwd=REPO, env=env, stdout=redirected,
                                  stderr=subprocess.PIPE, text=True, timeout=60, preexec_fn=small_files, check=False)
    assert streamed.returncode == 1
    assert streamed.stderr.strip().splitlines() == ["error: cannot write the output: File too large"]


# Where the limit stops the rebuild: writing the index here, or in a process it started.
@pytest.mark.parametrize("limit", [4_000, 150_000])
def test_a_rebuild_that_runs_out_of_room_is_one_line_and_the_previous_index_serves(tmp_path, small_corpus, limit):
    index = tmp_path / "index"
    assert run("rebuild", "--corpus", str(small_corpus), "--index", str(index)).returncode == 0
    write_article(small_corpus, "scrapes/new.txt", "New quay\n\nA new quay was opened on Friday by the port.\n")

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWS_SEARCH_")}
    result = subprocess.run([sys.executable, "-m", "search", "rebuild", "--full", "--corpus", str(small_corpus),
                             "--index", str(index)], cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
                            preexec_fn=small_files, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("error: ")
    searched = run("query", "bridge", "--index", str(index))
    assert searched.returncode == 0 and "2 results" in searched.stdout


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", "=cmd|' /C calc'!A0", "%01%1B"])
def test_a_hostile_name_asked_of_the_people_pages_is_not_found_and_not_run(server, name):
    status, page = get(server, f"/people/{urllib.parse.quote(name)}")
    assert status == 404 and b"<script>alert" not in page
    # The JSON error says the name back as data, which no browser runs (application/json, nosniff).
    status, body = get(server, f"/api/people/{urllib.parse.quote(name)}")
    assert status == 404 and json.loads(body)["error"]["code"] == "not_found"
