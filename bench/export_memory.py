"""Memory of exports that stream every match, from the real server over HTTP.

    python bench/export_memory.py --articles 100000 [--work DIR]

The generated articles (bench/generate.py) each open with a dateline in one of eight cities, so a
search for the eight cities matches every article and a search for one of them about an eighth.
For each format, the server (python -m web, waitress) streams /api/export of both searches; the
figures are the rows written (checked against the search's total), the bytes, the time, and the
server's resident memory before each export and at its peak during it (its process and children,
sampled every 0.1 s). Streaming holds the memory flat: the export of every article should grow
the server no more than the export of an eighth of them.

The corpus and the index are made in --work when they are missing (a 100,000-article index takes
about 40 minutes on two cores).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from generate import CITIES, ensure_corpus  # noqa: E402
from performance import MemoryWatch, free_port  # noqa: E402
from search.index import store
from search.research.export import FORMATS

EVERY_CITY = " OR ".join(city.split()[-1].lower() for city in CITIES)
ONE_CITY = CITIES[4].split()[-1].lower()
CHUNK = 1 << 16


def rss(pid: int) -> int:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def request(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.request("GET", path)
    return connection.getresponse()


def search_total(port: int, query: str) -> int:
    response = request(port, "/api/search?" + urllib.parse.urlencode({"q": query, "per_page": 1}))
    return json.loads(response.read())["total"]


def is_record(format_name: str, line: bytes) -> bool:
    """Whether a line of an export is one row: every line of CSV (a header first) and JSON Lines, the
    end of a RIS record, the start of a BibTeX entry."""
    return {"ris": line.startswith(b"ER  - "), "bibtex": line.startswith(b"@article{")}.get(format_name, bool(line))


def stream_export(port: int, pid: int, query: str, format_name: str) -> dict:
    """Read an export to its end, a chunk at a time, watching the server's memory meanwhile."""
    before = rss(pid)
    watch = MemoryWatch(pid)
    started = time.perf_counter()
    response = request(port, "/api/export?" + urllib.parse.urlencode({"q": query, "format": format_name}))
    if response.status != 200:
        raise SystemExit(f"/api/export answered {response.status}: {response.read()[:200]!r}")
    size = rows = 0
    pending = b""
    while chunk := response.read(CHUNK):
        size += len(chunk)
        lines = (pending + chunk).split(b"\n")
        pending = lines.pop()
        rows += sum(1 for line in lines if is_record(format_name, line))
    elapsed = time.perf_counter() - started
    # The watch samples every 0.1 s: a shorter export is measured when it ends.
    peak = max(watch.stop(), rss(pid))
    if format_name == "csv":
        rows -= 1  # the header
    return {"rows": rows, "bytes": size, "seconds": elapsed, "before": before, "peak": peak}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--work", type=Path, help="folder for the corpus and the index (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="news-export-"))
    corpus, index = work / "corpus", work / "index"
    ensure_corpus(corpus, args.articles)
    if store.current_generation(index) is None:
        subprocess.run([sys.executable, "-m", "search", "rebuild", "--full", "--corpus", str(corpus),
                        "--index", str(index)], cwd=REPO, check=True)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "web", "--host", "127.0.0.1", "--port", str(port),
                               "--index", str(index), "--corpus", str(corpus)], cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})
    try:
        deadline = time.perf_counter() + 300
        while True:
            try:
                totals = {query: search_total(port, query) for query in (EVERY_CITY, ONE_CITY)}
                break
            except OSError:
                if time.perf_counter() > deadline:
                    raise SystemExit("the server did not answer within 300 s")
                time.sleep(0.2)
        print(f"{args.articles} generated articles; server pid {server.pid}")
        print(f"{'export':<22} {'search total':>12} {'rows':>8} {'MB':>7} {'s':>6} {'rows/s':>7} "
              f"{'RSS before MB':>13} {'peak MB':>8} {'growth MB':>9}")
        for format_name in FORMATS:
            for label, query in (("every article", EVERY_CITY), ("an eighth", ONE_CITY)):
                found = stream_export(port, server.pid, query, format_name)
                if found["rows"] != totals[query]:
                    raise SystemExit(f"{format_name} of {query!r}: {found['rows']} rows, the search has {totals[query]}")
                growth = max(0, found["peak"] - found["before"])
                print(f"{format_name + ', ' + label:<22} {totals[query]:>12} {found['rows']:>8} "
                      f"{found['bytes'] / 1e6:>7.1f} {found['seconds']:>6.1f} {found['rows'] / found['seconds']:>7.0f} "
                      f"{found['before'] / 1e6:>13.0f} {found['peak'] / 1e6:>8.0f} {growth / 1e6:>9.1f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
