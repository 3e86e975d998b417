"""Exports: every match of a search as CSV, JSON Lines, RIS and BibTeX, read back as written."""

import csv
import datetime as dt
import io
import json
import re

import pytest

from search.errors import QueryRefused
from search.research.export import ExportRow, as_bibtex, as_csv, as_jsonl, as_ris
from search.models import SearchOptions

ACCESSED = dt.date(2026, 12, 2)
ROWS = [
    ExportRow(id="a/one.html", title='Harbour "deal", signed\nat last', author="Hana Sato", outlet="coastal-times",
              date=dt.date(2023, 3, 29), url="https://example.org/one", accessed=ACCESSED, language="en"),
    ExportRow(id="b/two.txt", title="50% {off} & more_#", author=None, outlet=None, date=None, url=None,
              accessed=ACCESSED),
]


def test_csv_reads_back_as_written():
    rows = list(csv.DictReader(io.StringIO("".join(as_csv(ROWS)), newline="")))
    assert rows[0] == {"id": "a/one.html", "title": 'Harbour "deal", signed\nat last', "author": "Hana Sato",
                       "outlet": "coastal-times", "date": "2023-03-29", "url": "https://example.org/one",
                       "accessed": "2026-12-02", "language": "en", "story": ""}
    assert rows[1]["author"] == "" and rows[1]["date"] == "" and rows[1]["language"] == ""


def test_json_lines_read_back_as_written():
    lines = "".join(as_jsonl(ROWS)).splitlines()
    assert [json.loads(line) for line in lines] == [row.as_dict() for row in ROWS]


def test_ris_records_hold_a_tag_a_line():
    records = "".join(as_ris(ROWS)).split("ER  - ")
    first = dict(line.split("  - ", 1) for line in records[0].strip().splitlines())
    assert first == {"TY": "NEWS", "TI": 'Harbour "deal", signed at last', "AU": "Hana Sato", "T2": "coastal-times",
                     "PY": "2023", "DA": "2023/03/29", "UR": "https://example.org/one", "LA": "en", "Y2": "2026/12/02",
                     "ID": "a/one.html"}
    second = dict(line.split("  - ", 1) for line in records[1].strip().splitlines())
    assert set(second) == {"TY", "TI", "Y2", "ID"}


def test_bibtex_entries_escape_what_bibtex_reads_as_markup():
    text = "".join(as_bibtex(ROWS))
    keys = re.findall(r"^@article\{(\w+),$", text, re.MULTILINE)
    assert keys == ["sato2023n1", "anonndn2"]
    assert r"title = {50\% \{off\} \& more\_\#}," in text
    assert "author" not in text.split("@article{anonndn2")[1]
    assert "urldate = {2026-12-02}" in text


def test_an_export_is_every_match_of_the_search_in_its_order(sample_searcher):
    options = SearchOptions(sort="newest")
    page = sample_searcher.search("harbour", per_page=100, options=options)
    rows = list(sample_searcher.export("harbour", options, accessed=ACCESSED))
    # Each hit, then the reposts of its story that the page folds into it, each row naming its story.
    assert len(rows) == page.total + sum(hit.similar for hit in page.hits) > page.total > 10
    stories = {hit.story for hit in page.hits}
    firsts = [row for at, row in enumerate(rows) if at == 0 or row.story != rows[at - 1].story]
    assert [row.id for row in firsts] == [hit.id for hit in page.hits]
    assert {row.story for row in rows} == stories
    assert [len([row for row in rows if row.story == hit.story]) for hit in page.hits] == [
        1 + hit.similar for hit in page.hits]
    assert {row.accessed for row in rows} == {ACCESSED}


def test_an_export_of_quotations_is_refused_and_one_left_unread_can_be_closed(sample_searcher):
    with pytest.raises(QueryRefused, match="An export lists articles"):
        sample_searcher.export("said:okafor")
    rows = sample_searcher.export("harbour")
    rows.close()
    assert sample_searcher.search("harbour").total > 0
