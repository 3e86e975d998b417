"""Replicas: several `python -m web` processes serving one index folder, switching together to each
generation a rebuild publishes, with zero errors while it is rebuilt under load."""

import concurrent.futures
import contextlib
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from ..conftest import REPO, running_server

# Real servers, started as processes, under load.
pytestmark = pytest.mark.slow


def get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def rebuild_full(corpus, index) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWS_SEARCH_")}
    subprocess.run([sys.executable, "-m", "search", "rebuild", "--full", "--corpus", str(corpus), "--index", str(index)],
                   cwd=REPO, env=env, check=True, capture_output=True, timeout=120)


def test_replicas_started_together_on_no_index_both_serve_the_one_index_built(tmp_path, small_corpus):
    index = tmp_path / "index"
    with contextlib.ExitStack() as stack, concurrent.futures.ThreadPoolExecutor(2) as pool:
        started = [pool.submit(stack.enter_context, running_server(small_corpus, index)) for _ in range(2)]
        bases = [future.result(timeout=120) for future in started]
        answers = [get(base + "/api/health") for base in bases]
    assert [status for status, _ in answers] == [200, 200]
    generations = {body["generation"] for _, body in answers}
    assert generations == {(index / "CURRENT").read_text().strip()}
    assert len(list(index.glob("gen-*"))) == 1  # built once, not once per replica


def test_two_replicas_under_load_during_rebuilds_answer_every_request_and_switch_together(tmp_path, small_corpus):
    index = tmp_path / "index"
    rebuild_full(small_corpus, index)
    with running_server(small_corpus, index) as first, running_server(small_corpus, index) as second:
        failures: list[str] = []
        answered = [0]
        stop = threading.Event()

        def load(base: str) -> None:
            while not stop.is_set():
                for path in ("/api/search?q=bridge", "/api/health", "/search?q=harbour"):
                    try:
                        with urllib.request.urlopen(base + path, timeout=30) as response:
                            response.read()
                            answered[0] += 1
                    except Exception as error:  # every failure counts, whatever its kind
                        failures.append(f"{base}{path}: {error}")

        clients = [threading.Thread(target=load, args=(base,)) for base in (first, second) for _ in range(3)]
        for client in clients:
            client.start()
        try:
            for _ in range(3):
                rebuild_full(small_corpus, index)
                time.sleep(0.5)
        finally:
            stop.set()
            for client in clients:
                client.join(timeout=60)
        assert failures == []
        assert answered[0] > 50
        current = (index / "CURRENT").read_text().strip()
        for base in (first, second):
            status, stats = get(base + "/api/stats")
            assert status == 200 and stats["generation"] == current
            assert stats["articles"] == 3
