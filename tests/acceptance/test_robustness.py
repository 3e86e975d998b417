"""Whatever a scrape contains and whatever a user types: skipped with a reason, or a clear 400."""

import codecs
import shutil
import tempfile
from pathlib import Path
import contextlib
import os
import threading
import time

import pytest
from whoosh import query as wq
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from search.errors import QueryRefused, QuerySyntaxError, QueryTooSlowError
from search.query.deadline import call_within
from whoosh.searching import Searcher

from search.query import results
from search.index import store
from search.index.build import rebuild
from search.index.loading import load_article
from search.models import SearchOptions
from search.query.parse import make_parser, parse_query
from search.index.schema import build_schema
from search.searcher import ArchiveSearcher
from search.errors import UnreadableArticle
from search.index.sources import SourceFile
from web import create_app

from ..conftest import NO_SHARED, SAMPLE_CORPUS, SHARED, make_settings, write_article

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
    ("*", "holds no word to search"),
    ("the", "holds only common words, which are not searched on their own"),
    ("of the and", "holds only common words"),
    ("h?rbour", "'h\\?rbour' is too short a start"),
    ("h*", "'h\\*' is too short a start: put at least 2 letters"),
    ("autor:smith", "no field 'autor:'; use title:, speaker:, author:, outlet:, lang:, body:, date:, said:"),
    ("speaker:", "'speaker:' needs a value right after it, as in speaker:Bolton"),
    ("bridge title: ", "'title:' needs a value"),
    ("date:[x TO y]", "Could not read the date '\\[x TO y\\]'"),
    ("date:<x", "Could not read the date '<x'"),
    ("date:[2018-01-01 TO bogus]", "Could not read the date"),
    ("date:soon harbour", "Could not read the date 'soon'"),
    ("(" + " OR ".join(f"word{n}" for n in range(65)) + ")", "too many words"),
    ('"budget council"~99999999', "can be at most 1000 apart"),
    ('said:varga "bridge opened"~5000', "can be at most 1000 apart"),
])
def test_expensive_and_malformed_queries_are_refused(bounded, query, message):
    with pytest.raises(QueryRefused, match=message):
        bounded.search(query)


@pytest.mark.parametrize("query, narrow, hint", [
    ("th*", "harbo*", "type more letters before the \\*"),
    ("body:[a TO zzzzzz]", "body:[harbour TO harbours]", "narrow the range"),
    ("title:[a TO z]", "title:[bridge TO bridges]", "narrow the range"),
    ("speaker:[a TO z]", "speaker:[elena TO erik]", "narrow the range"),
])
def test_patterns_and_ranges_matching_too_many_words_are_refused(sample_settings, query, narrow, hint):
    narrowed = ArchiveSearcher(make_settings(sample_settings.corpus, sample_settings.index, max_expansions=3))
    assert narrowed.search(narrow).total > 0
    with pytest.raises(QueryRefused, match=f"matches more than 3 different words: {hint}"):
        narrowed.search(query)


@pytest.fixture
def hasty(sample_settings, monkeypatch):
    """A searcher whose every call runs out of time: its time limit is a millisecond, and each time a
    call reads the index it is held up for longer than that."""
    searcher = ArchiveSearcher(make_settings(sample_settings.corpus, sample_settings.index, query_timeout_s=1e-3))
    searcher.count()  # the generation opened before any call's time starts
    reader = Searcher.reader

    def slow_reader(self):
        until = time.monotonic() + 0.5
        while time.monotonic() < until:  # pure Python, as Whoosh's matchers are
            pass
        return reader(self)

    monkeypatch.setattr(Searcher, "reader", slow_reader)
    return searcher


@pytest.mark.parametrize("query, options", [
    ("harbour bridge", SearchOptions()),
    ('"harbour bridge"~900', SearchOptions()),
    ("harb*", SearchOptions()),
    ("body:[harbour TO harbours]", SearchOptions()),
    ('said:varga "bridge"', SearchOptions()),
    ("harbo", SearchOptions(as_you_type=True)),
    ("hrbour brdge", SearchOptions()),
    ("bridge", SearchOptions(speaker="Varga", sort="newest")),
    ("why did the dock workers go on strike against the harbour authority plan", SearchOptions()),
])
def test_every_kind_of_search_is_stopped_at_its_deadline(hasty, query, options):
    started = time.monotonic()
    with pytest.raises(QueryTooSlowError, match="took longer than 0.001 s"):
        hasty.search(query, options=options)
    assert time.monotonic() - started < 0.5


def test_article_views_and_completions_are_stopped_at_their_deadline(hasty):
    with pytest.raises(QueryTooSlowError):
        hasty.article("scrapes/bridge-opens.txt", "bridge")
    with pytest.raises(QueryTooSlowError):
        hasty.completions("harb")


def test_a_call_past_its_deadline_gives_its_thread_back_wherever_it_is():
    def spin():
        while True:
            pass

    started = time.monotonic()
    with pytest.raises(QueryTooSlowError):
        call_within(0.2, lambda: QueryTooSlowError("slow"), spin)
    assert time.monotonic() - started < 2
    assert call_within(5, lambda: QueryTooSlowError("slow"), sum, range(10)) == 45


def test_a_call_that_ends_in_time_leaves_nothing_behind():
    answers = [call_within(1e-6, lambda: QueryTooSlowError("slow"), lambda: "done") for _ in range(500)]
    stray = None
    deadline = time.monotonic() + 0.3
    try:
        while time.monotonic() < deadline:  # a stray exception from the calls above would land here
            pass
    except BaseException as landed:  # noqa: BLE001 - what lands is the finding
        stray = landed
    assert stray is None
    assert answers == ["done"] * 500


def test_a_search_past_its_deadline_is_a_400_with_its_code(hasty):
    app = create_app(hasty.settings)
    response = app.test_client().get("/api/search", query_string={"q": "harbour"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "query_too_slow"


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


@pytest.mark.parametrize("text, words", [("title:<", {("body", "titl")}), ("date:>", {("body", "date")})])
def test_input_that_breaks_the_whoosh_parser_falls_back_to_its_words(text, words):
    assert set(parse_query(text, PARSER, max_chars=1000).iter_all_terms()) == words


@pytest.mark.parametrize("text", ["<0", ">"])
def test_a_lone_comparison_is_read_as_nothing_to_match(text):
    parsed = parse_query(text, PARSER, max_chars=1000)
    assert parsed is wq.NullQuery and not list(parsed.iter_all_terms())


BENCHMARK_PAGES = sorted((SHARED / "bench").glob("*/html/*.gz"))


@pytest.mark.slow  # 221 real pages extracted
@pytest.mark.skipif(not (SHARED / "bench").is_dir(), reason=NO_SHARED)
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


def test_a_search_straddling_several_rebuilds_finishes_on_its_generation(tmp_path, small_corpus, monkeypatch):
    settings = make_settings(small_corpus, tmp_path / "index", query_timeout_s=60)
    rebuild(settings)
    first = store.current_generation(settings.index)
    searcher = ArchiveSearcher(settings)
    searcher.count()
    between, go_on = threading.Event(), threading.Event()
    cut = results.best_passages

    def paused_snippet(*args):
        between.set()
        go_on.wait(30)
        return cut(*args)

    # Paused while it cuts the hits' snippets: after the search has read its generation.
    monkeypatch.setattr(results, "best_passages", paused_snippet)
    answers = []
    search = threading.Thread(target=lambda: answers.append(searcher.search("bridge")))
    search.start()
    assert between.wait(30)
    for number in range(3):
        write_article(small_corpus, f"new{number}.txt", f"New bridge {number}\n\nAnother bridge story.\n")
        rebuild(settings, full=True)
        assert first.is_dir()  # held by the search under way
    go_on.set()
    search.join(30)
    assert [page.total for page in answers] == [2]
    monkeypatch.undo()
    assert searcher.search("bridge").total == 5
    rebuild(settings, full=True)
    assert not first.exists()  # no reader holds it any more
