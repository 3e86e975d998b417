"""Any name the file system allows is indexed, reachable by its id, and shown readably."""

import json
import os
import re
import subprocess
import sys
import unicodedata
from urllib.parse import quote

import pytest

from search.index.build import rebuild
from search.names import id_of_name, name_of_id, one_line, readable
from web import create_app

from .conftest import REPO, make_settings

CAFE = "caf\u00e9"
NAMES = {
    b"caf\xe9 latin-1.txt": "caf%E9 latin-1.txt",
    b"new\nline.txt": "new\nline.txt",
    b"-leading-dash.txt": "-leading-dash.txt",
    b"with  spaces .txt": "with  spaces .txt",
    ("long-" + "x" * 240 + ".txt").encode(): "long-" + "x" * 240 + ".txt",
    unicodedata.normalize("NFC", CAFE).encode() + b".txt": unicodedata.normalize("NFC", CAFE) + ".txt",
    unicodedata.normalize("NFD", CAFE).encode() + b".txt": unicodedata.normalize("NFD", CAFE) + ".txt",
    b"50%E9 literal.txt": "50%25E9 literal.txt",
    b"100% sure.txt": "100% sure.txt",
}


@pytest.mark.parametrize("raw, expected", NAMES.items())
def test_every_name_has_an_id_of_text_that_leads_back_to_it(raw, expected):
    name = os.fsdecode(raw)
    assert id_of_name(name) == expected
    assert name_of_id(expected) == name
    expected.encode("utf-8")  # valid text: no lone surrogates


def test_ids_are_read_with_replacement_characters_and_one_line_each():
    assert readable("caf%E9 latin-1.txt") == "caf\ufffd latin-1.txt"
    assert readable("50%25E9 literal.txt") == "50%E9 literal.txt"
    assert one_line("new\nline.txt") == "new\\nline.txt"


@pytest.fixture(scope="module")
def odd_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("odd")
    corpus = root / "corpus"
    corpus.mkdir()
    for number, raw in enumerate(NAMES):
        with open(os.path.join(os.fsencode(corpus), raw), "w", encoding="utf-8") as handle:
            handle.write(f"Odd name number {number}\n\nThe lighthouse keeper spoke of odd names, case {number}.\n")
    settings = make_settings(corpus, root / "index")
    report = rebuild(settings)
    return settings, report


def test_every_file_is_indexed(odd_corpus):
    settings, report = odd_corpus
    assert report.skipped == () and report.indexed == len(NAMES)


@pytest.fixture(scope="module")
def client(odd_corpus):
    app = create_app(odd_corpus[0])
    app.testing = True
    return app.test_client()


def test_ids_round_trip_through_the_json_api(client):
    response = client.get("/api/search", query_string={"q": "lighthouse", "per_page": 50})
    found = {hit["id"] for hit in json.loads(response.get_data(as_text=True))["results"]}
    assert found == set(NAMES.values())
    for doc_id in found:
        article = client.get("/api/articles/" + quote(doc_id))
        assert article.status_code == 200 and article.get_json()["id"] == doc_id


def test_links_on_the_results_page_open_each_article_shown_readably(client):
    page = client.get("/search", query_string={"q": "lighthouse", "per_page": 50}).get_data(as_text=True)
    links = re.findall(r'<a class="hit-link" href="([^"]+)"', page)
    assert len(links) == len(NAMES)
    shown = set()
    for link in links:
        article = client.get(link.replace("&amp;", "&"))
        assert article.status_code == 200
        shown.add(re.search(r"<dt>File</dt><dd><code>(.*?)</code>", article.get_data(as_text=True), re.S)[1])
    assert "caf\ufffd latin-1.txt" in shown and "new\nline.txt" in shown
    assert not any(re.search("[\udc80-\udcff]", name) for name in shown)


def test_the_extract_command_names_each_file_by_its_id_and_takes_it_back(odd_corpus):
    corpus = odd_corpus[0].corpus
    command = [sys.executable, "-m", "search", "extract", "--json"]
    listed = subprocess.run([*command, str(corpus)], cwd=REPO, capture_output=True, text=True, check=True)
    paths = [json.loads(line)["path"] for line in listed.stdout.splitlines()]
    assert sorted(paths) == sorted(f"{id_of_name(os.fsdecode(os.fsencode(corpus)))}/{doc_id}" for doc_id in NAMES.values())
    latin = next(path for path in paths if "%E9 latin-1" in path)
    again = subprocess.run([*command, latin], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(again.stdout)["path"] == latin
