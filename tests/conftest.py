from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from whoosh import index as whoosh_index

from search.index import store
from search.config import load_settings
from search.index.build import rebuild
from search.searcher import ArchiveSearcher
from web import create_app

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
# The seeds and the benchmark pages live beside the repository, not in it (CI has them there).
NO_SHARED = f"needs {SHARED} (the seed scrapes and benchmark pages) beside the repository"
DATA = Path(__file__).resolve().parent / "data"


def make_settings(corpus: Path, index: Path, **overrides):
    """Settings for a test: no config file, no environment, just these values."""
    return load_settings(config_path=None, env={}, overrides={"corpus": corpus, "index": index, **overrides})


def open_articles(settings) -> whoosh_index.Index:
    """The Whoosh index of articles that the current generation holds, opened directly."""
    return whoosh_index.open_dir(str(store.current_generation(settings.index)))


def write_article(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory):
    """The bundled sample corpus, indexed once for the whole session (read-only for tests)."""
    index = tmp_path_factory.mktemp("sample-index")
    settings = make_settings(SAMPLE_CORPUS, index)
    rebuild(settings)
    return settings


@pytest.fixture(scope="session")
def sample_searcher(sample_settings):
    return ArchiveSearcher(sample_settings)


@pytest.fixture(scope="session")
def client(sample_settings):
    app = create_app(sample_settings)
    app.testing = True
    return app.test_client()


@pytest.fixture
def small_corpus(tmp_path):
    """A copy of a few sample articles that a test may change."""
    corpus = tmp_path / "corpus"
    for name in ("scrapes/bridge-opens.txt", "scrapes/dock-strike.txt", "halden-herald/council-approves-harbour-bridge.html"):
        target = corpus / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE_CORPUS / name, target)
    return corpus


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_server(corpus: Path, index: Path, output: list[str] | None = None, settings: dict | None = None):
    """The real service, `python -m web` under waitress, on a free loopback port: yields its base URL.
    What it prints is read as it comes (so that its access log never fills the pipe) into `output`.
    `settings`: more settings, by name, given as the environment gives them."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWS_SEARCH_")}
    env["NEWS_SEARCH_CORPUS"] = str(corpus)
    env.update({f"NEWS_SEARCH_{name.upper()}": value for name, value in (settings or {}).items()})
    process = subprocess.Popen(
        [sys.executable, "-m", "web", "--port", str(port), "--index", str(index)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = output if output is not None else []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                if process.poll() is not None:
                    reader.join(timeout=5)
                    pytest.fail("server exited: " + "".join(lines))
                if time.monotonic() > deadline:
                    pytest.fail("server did not start within 60 s")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        reader.join(timeout=5)
