"""The real service: `python -m web` under waitress, building its index on first start."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from .conftest import REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path, small_corpus):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWS_SEARCH_")}
    env["NEWS_SEARCH_CORPUS"] = str(small_corpus)
    process = subprocess.Popen(
        [sys.executable, "-m", "web", "--port", str(port), "--index", str(tmp_path / "index")],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail("server exited: " + process.stdout.read())
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("server did not start within 60 s")
    yield base, tmp_path / "index"
    process.terminate()
    process.wait(timeout=10)


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
