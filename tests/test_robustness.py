"""Whatever a scrape contains and whatever a user types: skipped with a reason, or a clear 400."""

import codecs
import shutil
import tempfile
from pathlib import Path
import contextlib
import os
import threading

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from search.errors import QuerySyntaxError, QueryTooSlowError
from search.indexer import load_article, rebuild
from search.query import make_parser, parse_query
from search.schema import build_schema
from search.searcher import ArchiveSearcher
from search.sources import SourceFile, UnreadableArticle
from web import create_app

from .conftest import REPO, SAMPLE_CORPUS, make_settings, write_article

VALID = "Title line\n\nThe harbour story has words in it.\n"


def test_hostile_corpus_is_indexed_around_its_bad_files(tmp_path):
    corpus = tmp_path / "corpus"
    write_article(corpus, "good.txt", VALID)
    write_article(corpus, "latin1.txt", "Caf\xe9 story\n\nThe caf\xe9 by the harbour.\n".encode("latin-1"))
    write_article(corpus, "utf16.txt", codecs.BOM_UTF16_LE + VALID.encode("utf-16-le"))
    write_article(corpus, "deep.html", "<html><body>" + "<div>" * 20000 + "<p>Deep harbour text.</p></body></html>")
    write_article(corpus, "broken.html", "<html><body><p>Unclosed <b>harbour <i>tags <table><tr><td>cell</p></div>")
    write_article(corpus, "empty.txt", "")
    write_article(corpus, "binary.html", bytes(range(256)) * 4)
    write_article(corpus, "huge.txt", b"harbour " * (51 * 1024 * 1024 // 8))
    os.symlink(corpus, corpus / "loop")
    os.symlink(corpus / "gone.txt", corpus / "dangling.txt")
    os.mkfifo(corpus / "pipe.txt")
    report = rebuild(make_settings(corpus, tmp_path / "index"))
    reasons = {skipped.path: skipped.reason for skipped in report.skipped}
    assert report.indexed == 5
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.html"].startswith("binary file")
    assert reasons["huge.txt"].startswith("file too large (53.5 MB")
    assert reasons["dangling.txt"].startswith("cannot read: No such file")
    assert reasons["pipe.txt"] == "not a regular file"
    assert set(reasons) == {"empty.txt", "binary.html", "huge.txt", "dangling.txt", "pipe.txt"}
    assert ArchiveSearcher(make_settings(corpus, tmp_path / "index")).search("harbour").total == 5


def test_unreadable_file_is_skipped_with_its_reason(tmp_path):
    rebuild(make_settings(SAMPLE_CORPUS, tmp_path / "warm-up"))  # import every module this needs first
    shared = Path(tempfile.mkdtemp())  # a folder an ordinary user can reach, unlike pytest's
    try:
        shared.chmod(0o777)
        corpus = shared / "corpus"
        write_article(corpus, "good.txt", VALID)
        write_article(corpus, "secret.txt", VALID).chmod(0)
        corpus.chmod(0o777)
        settings = make_settings(corpus, shared / "index")
        with unprivileged():
            report = rebuild(settings)
        assert report.indexed == 1
        assert [(s.path, s.reason) for s in report.skipped] == [("secret.txt", "cannot read: Permission denied")]
    finally:
        shutil.rmtree(shared)


@contextlib.contextmanager
def unprivileged():
    """Root may read anything: act as an ordinary user for the block when the tests run as root."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


@pytest.fixture(scope="module")
def bounded(sample_settings):
    return ArchiveSearcher(sample_settings)


@pytest.mark.parametrize("query, message", [
    ("*", "matches everything"),
    ("*ing", "starts with a wildcard"),
    ("h?rbour OR ?arb*", "starts with a wildcard"),
    ("h*", "starts with a wildcard"),
    (" ".join(f"word{n}" for n in range(65)), "too many words"),
])
def test_expensive_queries_are_refused(bounded, query, message):
    with pytest.raises(QuerySyntaxError, match=message):
        bounded.search(query)


def test_huge_prefix_expansion_is_refused(sample_settings):
    narrow = ArchiveSearcher(make_settings(sample_settings.corpus, sample_settings.index, max_expansions=3))
    assert narrow.search("harbo*").total > 0
    with pytest.raises(QuerySyntaxError, match="'th\\*' matches more than 3 different words"):
        narrow.search("th*")


def test_slow_search_is_stopped(sample_settings):
    """Queries walked by Whoosh's matchers (here a prefix) run within a deadline; queries of plain
    words are scored in bulk, whose cost the index's size bounds."""
    hasty = ArchiveSearcher(make_settings(sample_settings.corpus, sample_settings.index, query_timeout_s=1e-9))
    with pytest.raises(QueryTooSlowError, match="took longer than"):
        hasty.search("port*")


def test_searches_keep_succeeding_during_rebuilds(tmp_path, small_corpus):
    settings = make_settings(small_corpus, tmp_path / "index")
    rebuild(settings)
    searcher = ArchiveSearcher(settings)
    errors, totals, stop = [], [], threading.Event()

    def hammer():
        while not stop.is_set():
            try:
                totals.append(searcher.search("bridge").total)
            except Exception as error:  # every failure is collected and reported below
                errors.append(error)

    threads = [threading.Thread(target=hammer) for _ in range(3)]
    for thread in threads:
        thread.start()
    for number in range(3):
        write_article(small_corpus, f"new{number}.txt", f"New bridge {number}\n\nAnother bridge story.\n")
        rebuild(settings)
    stop.set()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(totals) > 10 and set(totals) <= {2, 3, 4, 5}
    assert searcher.search("bridge").total == 5


PARSER = make_parser(build_schema())
HOSTILE_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(['"', "(", ")", "[", "]", "{", "}", ":", "*", "?", "~", "^", "\\", "/", "-", "+",
                              "AND", "OR", "NOT", "TO", "date:", "speaker:", "title:", "author:", "body:",
                              "2018", "2018-12", "[2018 TO", "<script>", "' OR 1=1", "\x00", "é", " "]),
             max_size=30).map("".join),
)


@given(HOSTILE_TEXT)
@hypothesis_settings(max_examples=400, deadline=None)
def test_parser_raises_only_query_syntax_errors(text):
    try:
        parse_query(text, PARSER, max_chars=1000)
    except QuerySyntaxError as error:
        assert str(error)


@given(text=HOSTILE_TEXT, page=st.one_of(st.none(), st.text(max_size=6), st.integers(-5, 2000).map(str)))
@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_json_endpoint_never_fails_with_a_5xx(client, text, page):
    args = {"q": text} | ({"page": page} if page is not None else {})
    response = client.get("/api/search", query_string=args)
    assert response.status_code in (200, 400), response.get_data(as_text=True)
    body = response.get_json()
    if response.status_code == 400:
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
        assert body["error"]["message"] and "Traceback" not in body["error"]["message"]
    else:
        assert isinstance(body["total"], int)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_oversized_request_body_is_refused(client, method):
    response = client.open("/api/search?q=x", method=method, data=b"x" * (1024 * 1024))
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "request_entity_too_large"


@pytest.mark.parametrize("path", ["/static/../config.toml", "/static/%2e%2e/config.toml",
                                  "/static/..%2fconfig.toml", "/article/%2e%2e/%2e%2e/etc/passwd"])
def test_no_file_is_served_by_a_path_from_the_request(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"[paths]" not in response.data and b"root:" not in response.data


def test_app_factory_does_not_need_an_index(tmp_path):
    assert create_app(make_settings(tmp_path, tmp_path / "index")).test_client().get("/").status_code == 200


@pytest.mark.parametrize("text", ["<0", ">", "title:<", "date:>"])
def test_input_that_breaks_the_whoosh_parser_falls_back_to_its_words(text):
    try:
        parsed = parse_query(text, PARSER, max_chars=1000)
    except QuerySyntaxError as error:
        assert "Could not read" in str(error)
    else:
        assert parsed is not None


BENCHMARK_PAGES = sorted((REPO.parent / "shared" / "bench").glob("*/html/*.gz"))


def test_every_benchmark_page_goes_through_or_is_skipped_with_a_reason():
    """221 real pages from 180 sites, in many languages and encodings, gzipped as saved."""
    assert len(BENCHMARK_PAGES) >= 200
    skipped = []
    for path in BENCHMARK_PAGES:
        try:
            article = load_article(SourceFile(path, path.name, "html"), max_bytes=20_000_000)
        except UnreadableArticle as reason:
            skipped.append(str(reason))
            continue
        assert article.title and article.body
    assert set(skipped) <= {"no article text left after removing boilerplate"}
    assert len(skipped) < len(BENCHMARK_PAGES) // 10
