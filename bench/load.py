"""Load test on loopback: the waitress server under concurrent JSON searches, idle and during a rebuild.

    python bench/load.py [--articles 2000] [--clients 8] [--seconds 30]

Builds an index of the sample corpus plus generated articles, starts `python -m web` on a free
loopback port, and runs two bounded rounds of `--clients` keep-alive clients for `--seconds` each:
once idle, once while `python -m search rebuild --full` runs again and again against the same
index, so that every article is read, cleaned and indexed again while the server answers.
Prints requests/s, latency percentiles and errors for each round, then stops everything it started.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
QUERIES = ["bridge", "harbour council", '"harbour bridge"', "speaker:reinholt", "speaker:okafor hospital",
           "date:2018", "date:[2016-01-01 TO 2019-12-31] bridge", "minister OR mayor", "police NOT bicycle",
           "government report", "people city", "said", "water", "author:okoro", "title:harbour", "harbo*"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited before it answered")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start in time")


def client(port: int, until: float, seed: int, latencies: list, errors: list) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    while time.monotonic() < until:
        path = "/api/search?" + urllib.parse.urlencode({"q": rng.choice(QUERIES), "page": rng.choice((1, 1, 2))})
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            if response.status != 200 or "results" not in json.loads(body):
                errors.append(f"{response.status} {path}")
        except (OSError, http.client.HTTPException, ValueError) as error:
            errors.append(f"{type(error).__name__} {path}")
            connection.close()
            connection = http.client.HTTPConnection(HOST, port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
    connection.close()


def run_round(port: int, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(port, until, n, latencies, errors)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {"requests": len(latencies) + len(errors), "rps": len(latencies) / seconds, "p50": cuts[49] * 1000,
            "p95": cuts[94] * 1000, "p99": cuts[98] * 1000, "errors": len(errors), "first_errors": errors[:5]}


def rebuild_command(corpus: Path, index: Path) -> list[str]:
    return [sys.executable, "-m", "search", "rebuild", "--full", "--corpus", str(corpus), "--index", str(index)]


def rebuild_forever(corpus: Path, index: Path, stop: threading.Event, count: list) -> None:
    while not stop.is_set():
        done = subprocess.run(rebuild_command(corpus, index), cwd=REPO, stdout=subprocess.DEVNULL, check=False)
        count.append(done.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="generated articles added to the sample corpus")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="news-search-load-"))
    server = None
    try:
        corpus, index = work / "corpus", work / "index"
        shutil.copytree(REPO / "corpus", corpus)
        generate(corpus / "generated", args.articles)
        started = time.perf_counter()
        subprocess.run(rebuild_command(corpus, index), cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        build_s = time.perf_counter() - started
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "web", "--port", str(port), "--index", str(index)],
                                  cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(port, server)
        run_round(port, args.clients, 2)  # warm-up: open searchers in every server thread

        idle = run_round(port, args.clients, args.seconds)
        stop, rebuilds = threading.Event(), []
        rebuilder = threading.Thread(target=rebuild_forever, args=(corpus, index, stop, rebuilds))
        rebuilder.start()
        busy = run_round(port, args.clients, args.seconds)
        stop.set()
        rebuilder.join()

        total = 32 + args.articles
        print(f"corpus: {total} articles; one rebuild: {build_s:.1f} s; {args.clients} clients, "
              f"{args.seconds:g} s a round; full rebuilds finished during the second round: {len(rebuilds)} "
              f"(exit statuses {sorted(set(rebuilds))})")
        print(f"{'round':<16}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'errors':>8}")
        for name, result in (("idle", idle), ("during rebuild", busy)):
            print(f"{name:<16}{result['requests']:>9}{result['rps']:>8.1f}{result['p50']:>8.1f}"
                  f"{result['p95']:>8.1f}{result['p99']:>8.1f}{result['errors']:>8}")
            for error in result["first_errors"]:
                print(f"  error: {error}")
        ratio = busy["p95"] / idle["p95"] if idle["p95"] else float("inf")
        print(f"p95 during rebuild / idle: {ratio:.2f}x (target <= 2x); errors: {idle['errors'] + busy['errors']} "
              "(target 0)")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
