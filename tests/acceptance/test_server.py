"""The real service: `python -m web` under waitress, building its index on first start."""

import json
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from ..conftest import REPO, running_server

# Real servers, started as processes.
pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path, small_corpus):
    with running_server(small_corpus, tmp_path / "index") as base:
        yield base, tmp_path / "index"


def test_server_builds_the_missing_index_and_answers(server):
    base, index = server
    assert (index / "CURRENT").is_file()
    with urllib.request.urlopen(base + "/api/search?q=bridge") as response:
        assert response.headers["Server"] == "news-search"
        body = json.load(response)
    assert body["total"] == 2
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(base + "/api/search?q=bridge&per_page=1000")
    assert error.value.code == 400
    assert json.load(error.value)["error"]["code"] == "bad_request"


def test_the_server_says_where_it_serves_once_and_logs_each_request(tmp_path, small_corpus):
    output: list[str] = []
    with running_server(small_corpus, tmp_path / "index", output) as base:
        urllib.request.urlopen(base + "/api/search?q=bridge").read()
    printed = "".join(output)
    assert printed.count("Serving on") == 1
    assert re.search(r"web\.access: GET /api/search\?q=bridge 200 \d+\.\d ms", printed), printed


def run_web(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEWS_SEARCH_")}
    return subprocess.run([sys.executable, "-m", "web", *args], cwd=REPO, env={**clean, **(env or {})},
                          capture_output=True, text=True, timeout=60)


def test_a_port_in_use_is_one_line_not_a_traceback(tmp_path, small_corpus):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_web("--port", str(port), "--index", str(tmp_path / "index"), "--corpus", str(small_corpus))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == f"error: port {port} is in use; try --port {port + 1}"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args, env, message", [
    (("--port", "99999"), None, "Setting 'port' must be between 1 and 65535, got 99999"),
    ((), {"NEWS_SEARCH_PORT": "abc"}, "Setting 'port' needs an integer, got 'abc'"),
])
def test_a_bad_port_is_refused_before_anything_starts(tmp_path, args, env, message):
    result = run_web(*args, "--index", str(tmp_path / "index"), env=env)
    assert result.returncode == 1 and result.stderr.strip() == f"error: {message}"
    assert not (tmp_path / "index").exists()


def test_a_feed_reader_sees_a_new_match_after_a_rebuild(tmp_path, small_corpus):
    import feedparser

    from ..conftest import write_article

    index = tmp_path / "index"
    with running_server(small_corpus, index) as base:
        before = feedparser.parse(urllib.request.urlopen(base + "/feed.atom?q=bridge").read())
        assert not before.bozo and len(before.entries) == 2
        write_article(small_corpus, "scrapes/bridge-repainted.txt",
                      "Bridge Repainted\n\nWorkers finished repainting the harbour bridge on Tuesday, the city said.\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWS_SEARCH_")}
        subprocess.run([sys.executable, "-m", "search", "rebuild", "--corpus", str(small_corpus), "--index", str(index)],
                       cwd=REPO, env=env, check=True, capture_output=True, timeout=120)
        after = feedparser.parse(urllib.request.urlopen(base + "/feed.atom?q=bridge").read())
    assert [entry.title for entry in after.entries if entry.title == "Bridge Repainted"] == ["Bridge Repainted"]
    assert len(after.entries) == 3


def test_a_body_over_the_limit_gets_the_json_error_and_the_security_headers(server):
    base, _ = server
    request = urllib.request.Request(base + "/api/search?q=bridge", data=b"x" * (100 * 1024), method="POST")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request)
    assert error.value.code == 413
    assert error.value.headers["X-Content-Type-Options"] == "nosniff"
    assert json.load(error.value)["error"]["code"] == "request_entity_too_large"
