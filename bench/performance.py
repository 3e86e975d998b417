"""Rebuild and query speed at archive scale, side by side with SQLite FTS5 and a naive Whoosh app.

    .venv/bin/python bench/performance.py [--articles 10000] [--queries 200] [--work DIR]
                                          [--workers 1 2] [--queries-only [--reuse-peers]]

On N generated articles (bench/generate.py: .txt and .html, boilerplate, datelines, quotes,
300-1,500 words, Zipf vocabulary) it measures:
- the service's full rebuild (`python -m search rebuild --full`) with 1 and with 2 workers (or
  the counts --workers names), each from an empty index folder: wall time, articles/s, CPU-seconds per 1,000 articles (every process),
  peak memory (all its processes together), index size, and the speed-up from 1 to 2 workers; a
  full rebuild of the unchanged files (with the last of those worker counts), which takes their articles as extracted before; then an
  incremental rebuild after 1% of the files changed (with --queries-only, none of these: the
  index already in --work is queried, e.g. one a long rebuild made);
- the same articles' text (as the service extracted it) indexed by SQLite FTS5 (porter, in one
  transaction) and by Whoosh as a naive app would (StandardAnalyzer, default writer, one process)
  (with --reuse-peers, those already in --work are queried instead, if they hold as many articles
  as the index);
- ~200 mixed queries (rare word, common word, two words, phrase, phrase with a common word, a
  pasted claim of 20-60 words, speaker filter, date range), first
  10 hits with highlighted snippets: the service in process (facets on) and through its JSON
  endpoint on the real server, FTS5 (bm25() + snippet()), and the naive app (one searcher reused,
  the same speaker and date filters); p50 and p95, and by kind. The comparison is kept fair: query
  words outside quotes are never stopwords (which the service leaves out and FTS5 would match);
  inside quotes every word counts for both; a pasted claim is its words OR'ed for FTS5, without the
  common words the service leaves out too; each system's hit counts are printed, and a query that
  the service or FTS5 answers with no hit is left out of every system's figures. Cold start: from
  launching the server to its first answer. The server's peak memory after the queries.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from generate import FIRST, LAST, ensure_corpus  # noqa: E402
from search.config import load_settings
from search.models import SearchOptions
from search.index.schema import DEFAULT_STOPWORDS, stopwords
from search.searcher import ArchiveSearcher
from search.index import store

CHANGED_SHARE = 0.01


# ----------------------------------------------------------------------------------- measuring

class MemoryWatch:
    """Samples the summed resident memory of a process and all its descendants."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        pids, queue = [], [self.pid]
        while queue:
            pid = queue.pop()
            pids.append(pid)
            try:
                for task in os.listdir(f"/proc/{pid}/task"):
                    queue += [int(c) for c in open(f"/proc/{pid}/task/{task}/children").read().split()]
            except OSError:
                pass
        return pids

    def _rss(self, pid: int) -> int:
        try:
            for line in open(f"/proc/{pid}/status"):
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, sum(self._rss(pid) for pid in self._tree()))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_measured(command: list[str], env: dict | None = None) -> tuple[float, float, int, str]:
    """(wall s, CPU s of the command and its descendants, peak memory bytes, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, **(env or {})})
    watch = MemoryWatch(process.pid)
    out, _ = process.communicate()
    wall = time.perf_counter() - started
    peak = watch.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed with {process.returncode}: {out}")
    return wall, cpu, peak, out


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ------------------------------------------------------------------------------------- queries

COMMON_WORDS = stopwords(DEFAULT_STOPWORDS)


def make_queries(texts: list[dict], count: int, rng: random.Random) -> list[dict]:
    """Mixed queries drawn from the indexed articles' own words, so that each finds something."""
    vocabulary: dict[str, int] = {}
    for text in texts[:2000]:
        for word in text["body"].lower().split():
            word = word.strip(".,“”\"'")
            if word.isalpha() and len(word) > 3 and word not in COMMON_WORDS:
                vocabulary[word] = vocabulary.get(word, 0) + 1
    ranked = sorted(vocabulary, key=vocabulary.get, reverse=True)
    common, rare = ranked[:200], ranked[len(ranked) // 2:]
    people = [f"{first} {last}" for first in FIRST for last in LAST]
    kinds = ["rare", "common", "two words", "phrase", "common phrase", "pasted", "speaker", "date range"]
    queries = []
    for number in range(count):
        kind = kinds[number % len(kinds)]
        if kind == "rare":
            queries.append({"kind": kind, "text": rng.choice(rare)})
        elif kind == "common":
            queries.append({"kind": kind, "text": rng.choice(common)})
        elif kind == "two words":
            queries.append({"kind": kind, "text": f"{rng.choice(common)} {rng.choice(common[:50])}"})
        elif kind == "phrase":
            # Two neighbouring words of an article, neither a stopword: the service matches a phrase by
            # its words that are not, FTS5 by all of them, so a stopword would make them do other work.
            while True:
                words = rng.choice(texts)["body"].split()
                start = rng.randrange(max(1, len(words) - 2))
                pair = [w.strip(".,“”\"'").lower() for w in words[start:start + 2]]
                if len(pair) == 2 and all(word.isalpha() and word not in COMMON_WORDS for word in pair):
                    break
            queries.append({"kind": kind, "text": f'"{pair[0]} {pair[-1]}"'})
        elif kind == "common phrase":
            # Two or three neighbouring words, one of them common and one not ("reported by", "of the
            # harbour"): every word counts inside quotes, for the service as for FTS5.
            while True:
                words = rng.choice(texts)["body"].split()
                start = rng.randrange(max(1, len(words) - 3))
                run = [w.strip(".,“”\"'").lower() for w in words[start:start + 2 + number % 2]]
                if len(run) >= 2 and all(word.isalpha() for word in run) \
                        and any(word in COMMON_WORDS for word in run) and not all(word in COMMON_WORDS for word in run):
                    break
            queries.append({"kind": kind, "text": f'"{" ".join(run)}"'})
        elif kind == "pasted":
            # A claim pasted in: 20 to 60 words of an article, punctuation and all.
            words = rng.choice(texts)["body"].split()
            size = rng.randrange(20, 61)
            start = rng.randrange(max(1, len(words) - size))
            queries.append({"kind": kind, "text": " ".join(words[start:start + size])})
        elif kind == "speaker":
            queries.append({"kind": kind, "text": rng.choice(common), "speaker": rng.choice(people[:60])})
        else:
            year = rng.randrange(2010, 2024)
            queries.append({"kind": kind, "text": rng.choice(common), "date_from": f"{year}-01-01",
                            "date_to": f"{year}-06-30"})
    return queries


def options_of(query: dict) -> SearchOptions:
    import datetime as dt

    return SearchOptions(speaker=query.get("speaker"),
                         date_from=dt.date.fromisoformat(query["date_from"]) if "date_from" in query else None,
                         date_to=dt.date.fromisoformat(query["date_to"]) if "date_to" in query else None)


# ------------------------------------------------------------------------------------- the peers

def fts5_build(texts: list[dict], path: Path) -> tuple[float, sqlite3.Connection]:
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, speakers, date UNINDEXED, "
               "tokenize='porter')")
    with db:
        db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)",
                       [(t["id"], t["title"], t["body"], " ".join(t["speakers"]), t["date"]) for t in texts])
    return time.perf_counter() - started, db


def _fts5_match(query: dict) -> tuple[str, list]:
    if query["kind"] == "pasted":
        # Its words OR'ed, as the claims collection's FTS5 baseline reads a tweet; without the common
        # words, which the service leaves out as well, so that both do the same work.
        words = [word for word in dict.fromkeys(re.findall(r"\w+", query["text"].lower()))
                 if word not in COMMON_WORDS]
        return "docs MATCH ?", [" OR ".join(f'"{word}"' for word in words)]
    words = query["text"].replace('"', "").split()
    match = f'"{" ".join(words)}"' if "phrase" in query["kind"] else " AND ".join(f'"{w}"' for w in words)
    if "speaker" in query:
        match = f'speakers : "{query["speaker"]}" AND {match}'
    where, args = "docs MATCH ?", [match]
    if "date_from" in query:
        where += " AND date BETWEEN ? AND ?"
        args += [query["date_from"], query["date_to"]]
    return where, args


def fts5_query(db: sqlite3.Connection, query: dict) -> list:
    where, args = _fts5_match(query)
    return db.execute("SELECT id, title, snippet(docs, 2, '<mark>', '</mark>', '…', 24) FROM docs WHERE "
                      f"{where} ORDER BY bm25(docs) LIMIT 10", args).fetchall()


def fts5_total(db: sqlite3.Connection, query: dict) -> int:
    where, args = _fts5_match(query)
    return db.execute(f"SELECT count(*) FROM docs WHERE {where}", args).fetchone()[0]


def naive_whoosh_build(texts: list[dict], folder: Path) -> tuple[float, float]:
    """The articles indexed as a naive app would: Whoosh's defaults, one writer, one process; the
    speakers and the date as fields, so that it filters as the service does."""
    import datetime as dt

    from whoosh import index
    from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema

    folder.mkdir()
    started, cpu = time.perf_counter(), time.process_time()
    schema = Schema(id=ID(stored=True), title=TEXT(stored=True), body=TEXT(stored=True),
                    speaker=KEYWORD(commas=True, lowercase=True), date=DATETIME)
    ix = index.create_in(str(folder), schema)
    writer = ix.writer()
    for text in texts:
        date = dt.datetime.fromisoformat(text["date"]) if text["date"] else None
        writer.add_document(id=text["id"], title=text["title"], body=text["body"],
                            speaker=",".join(text["speakers"]), **({"date": date} if date else {}))
    writer.commit()
    return time.perf_counter() - started, time.process_time() - cpu


class NaiveWhoosh:
    """The naive app answering: one searcher, reused; the query parsed by Whoosh's QueryParser, the
    speaker and date range as a filter."""

    def __init__(self, folder: Path):
        from whoosh import index
        from whoosh.qparser import QueryParser

        self.ix = index.open_dir(str(folder))
        self.searcher = self.ix.searcher()
        self.parser = QueryParser("body", self.ix.schema)

    def _filter(self, query: dict):
        import datetime as dt

        from whoosh import query as wq

        parts = []
        if "speaker" in query:
            parts.append(wq.Term("speaker", query["speaker"].lower()))
        if "date_from" in query:
            parts.append(wq.DateRange("date", dt.datetime.fromisoformat(query["date_from"]),
                                      dt.datetime.fromisoformat(query["date_to"]) + dt.timedelta(days=1)))
        return wq.And(parts) if parts else None

    def search(self, query: dict):
        return self.searcher.search(self.parser.parse(query["text"]), limit=10, filter=self._filter(query))

    def query(self, query: dict) -> list:
        return [(hit["id"], hit.highlights("body")) for hit in self.search(query)]

    def total(self, query: dict) -> int:
        return len(self.search(query))


def reused_peers(work: Path, articles: int) -> tuple[sqlite3.Connection, NaiveWhoosh]:
    """The FTS5 and naive Whoosh indexes a run before built in `work`, each checked to hold
    `articles` documents."""
    if not (work / "fts5.db").is_file() or not (work / "naive").is_dir():
        raise SystemExit(f"--reuse-peers: no fts5.db and naive/ in {work}")
    db = sqlite3.connect(work / "fts5.db")
    naive = NaiveWhoosh(work / "naive")
    held = {"SQLite FTS5": db.execute("SELECT count(*) FROM docs").fetchone()[0],
            "Whoosh naive": naive.ix.doc_count()}
    if set(held.values()) != {articles}:
        raise SystemExit(f"--reuse-peers: the index holds {articles} articles, the peers {held}")
    return db, naive


# ---------------------------------------------------------------------------------------- server

def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def query_string(query: dict) -> str:
    return urllib.parse.urlencode({"q": query["text"], **{k: query[k] for k in ("speaker", "date_from", "date_to")
                                                          if k in query}})


def server_round(corpus: Path, index: Path, queries: list[dict]) -> tuple[float, list[float], int]:
    """(cold start s, JSON endpoint latencies, server's peak memory bytes)."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "web", "--host", "127.0.0.1", "--port", str(port),
                               "--index", str(index), "--corpus", str(corpus)], cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        cold = None
        while cold is None:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", "/api/search?" + query_string(queries[0]))
                connection.getresponse().read()
                cold = time.perf_counter() - started
            except OSError:
                time.sleep(0.05)
                if time.perf_counter() - started > 120:
                    raise SystemExit("the server did not answer within 120 s")
        latencies = []
        for query in queries:
            began = time.perf_counter()
            connection.request("GET", "/api/search?" + query_string(query))
            response = connection.getresponse()
            body = response.read()
            latencies.append((time.perf_counter() - began) * 1000)
            if response.status != 200:
                raise SystemExit(f"/api/search answered {response.status}: {body[:200]!r}")
        peak = 0
        for line in open(f"/proc/{server.pid}/status"):
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) * 1024
        return cold, latencies, peak
    finally:
        server.terminate()
        server.wait(timeout=30)


# ------------------------------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--work", type=Path, help="folder for the corpus and indexes (default: a temporary one)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="worker counts of the timed full rebuilds, in order (default: 1 2)")
    parser.add_argument("--queries-only", action="store_true",
                        help="time the queries on the corpus and index already in --work, without the rebuilds")
    parser.add_argument("--reuse-peers", action="store_true",
                        help="with --queries-only: query the FTS5 and naive Whoosh indexes already in --work, "
                             "built from the same articles, instead of building them again")
    args = parser.parse_args(argv)
    if args.reuse_peers and not args.queries_only:
        parser.error("--reuse-peers goes with --queries-only (a rebuild changes the articles)")
    if min(args.workers) < 1:
        parser.error("--workers counts must be at least 1")
    if args.queries_only and not (args.work and store.current_generation(args.work / "index")):
        parser.error("--queries-only needs --work holding an index of the corpus")
    work = args.work or Path(tempfile.mkdtemp(prefix="news-perf-"))
    corpus, index = work / "corpus", work / "index"
    rng = random.Random(11)
    ensure_corpus(corpus, args.articles)
    print(f"{args.articles} generated articles ({folder_size(corpus) / 1e6:.0f} MB) in {corpus}; "
          f"{os.cpu_count()} CPU cores", flush=True)

    rows = []
    rebuild = [sys.executable, "-m", "search", "rebuild", "--corpus", str(corpus), "--index", str(index)]
    full_walls: dict[int, float] = {}
    changed: list[Path] = []
    for workers in () if args.queries_only else args.workers:
        # From an empty index folder each time: nothing extracted before is there to be reused.
        shutil.rmtree(index, ignore_errors=True)
        wall, cpu, peak, _ = run_measured(rebuild + ["--full"], env={"NEWS_SEARCH_REBUILD_WORKERS": str(workers)})
        size = folder_size(store.current_generation(index))
        rows.append((f"service: full rebuild, {workers} worker{'s' if workers > 1 else ''}", wall, cpu, peak, size))
        full_walls[workers] = wall
        print(f"service full rebuild, {workers} worker(s): {wall:.1f} s", flush=True)
    if not args.queries_only:
        workers = args.workers[-1]
        wall, cpu, peak, _ = run_measured(rebuild + ["--full"], env={"NEWS_SEARCH_REBUILD_WORKERS": str(workers)})
        rows.append((f"service: full again, {workers} worker{'s' if workers > 1 else ''}", wall, cpu, peak,
                     folder_size(store.current_generation(index))))
        print(f"service full rebuild of unchanged files (extraction kept), {workers} worker(s): {wall:.1f} s",
              flush=True)

    # Drawn in either mode, so that the queries drawn next are the same ones.
    sample = rng.sample(sorted(corpus.rglob("article-*")), max(1, int(args.articles * CHANGED_SHARE)))
    if not args.queries_only:
        changed = sample
        for path in changed:
            path.write_text(path.read_text(encoding="utf-8").replace("</p>", " Updated.</p>", 1)
                            .replace("\n\n", "\n\nUpdated.\n\n", 1), encoding="utf-8")
        inc_wall, inc_cpu, inc_peak, out = run_measured(rebuild)
        rows.append((f"service: incremental, {len(changed)} changed", inc_wall, inc_cpu, inc_peak,
                     folder_size(store.current_generation(index))))
        print(out.strip(), flush=True)

    settings = load_settings(REPO / "config.toml", env={}, overrides={"corpus": corpus, "index": index})
    searcher = ArchiveSearcher(settings)
    generation = store.current_generation(index)
    from whoosh import index as whoosh_index

    reader = whoosh_index.open_dir(str(generation)).searcher()
    texts = [{"id": f["id"], "title": f.get("title", ""), "body": f.get("body", ""),
              "speakers": [s for s in f.get("speaker", "").split(",") if s],
              "date": f["date"].date().isoformat() if f.get("date") else ""} for f in reader.all_stored_fields()]
    reader.close()
    queries = make_queries(texts, args.queries, rng)

    if args.reuse_peers:
        db, naive = reused_peers(work, len(texts))
        print(f"peers reused from {work}", flush=True)
    else:
        fts_wall, db = fts5_build(texts, work / "fts5.db")
        rows.append(("SQLite FTS5 (text only)", fts_wall, fts_wall, 0, (work / "fts5.db").stat().st_size))
        shutil.rmtree(work / "naive", ignore_errors=True)
        naive_wall, naive_cpu = naive_whoosh_build(texts, work / "naive")
        rows.append(("Whoosh naive (text only)", naive_wall, naive_cpu, 0, folder_size(work / "naive")))
        print("peers built", flush=True)
        naive = NaiveWhoosh(work / "naive")
    searcher.search("warm up")
    # Hit counts first, untimed: a query that the service or FTS5 answers with nothing measures no work.
    hits = {"service": [searcher.search(q["text"], options=options_of(q)).total for q in queries],
            "SQLite FTS5": [fts5_total(db, q) for q in queries],
            "Whoosh naive": [naive.total(q) for q in queries]}
    asked = len(queries)
    kept = [i for i in range(asked) if hits["service"][i] and hits["SQLite FTS5"][i]]
    queries = [queries[i] for i in kept]

    latency: dict[str, list[float]] = {"service, in process": [], "SQLite FTS5": [], "Whoosh naive": []}
    for query in queries:
        began = time.perf_counter()
        searcher.search(query["text"], options=options_of(query))
        latency["service, in process"].append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        fts5_query(db, query)
        latency["SQLite FTS5"].append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        naive.query(query)
        latency["Whoosh naive"].append((time.perf_counter() - began) * 1000)
    cold, latency["service, JSON endpoint"], server_peak = server_round(corpus, index, queries)

    if rows:
        print()
        print(f"{'build':<34} {'wall s':>8} {'articles/s':>10} {'CPU s/1k':>9} {'peak MB':>8} {'index MB':>9}")
    for name, wall, cpu, peak, size in rows:
        # An incremental rebuild's rate is that of the files it read; its CPU is still per 1,000 in the corpus.
        rate = (len(changed) if "incremental" in name else args.articles) / wall
        print(f"{name:<34} {wall:>8.1f} {rate:>10.0f} {cpu * 1000 / args.articles:>9.1f} "
              f"{peak / 1e6 if peak else float('nan'):>8.0f} {size / 1e6:>9.0f}")
    if full_walls:
        full_wall = full_walls[args.workers[-1]]
        if 1 in full_walls and 2 in full_walls:
            print(f"full rebuild, 1 -> 2 workers: {full_walls[1] / full_walls[2]:.2f}x faster")
        print(f"incremental / full: {inc_wall / full_wall:.1%} of the full rebuild's time")
        print(f"service full rebuild / naive Whoosh: {naive_wall / full_wall:.1f}x the articles/s")
    print()
    print(f"hits of the {asked} queries (all of them; no query word is a stopword outside quotes)")
    for name, counts in hits.items():
        print(f"  {name:<14} answered {sum(1 for c in counts if c):>4}, no hit {sum(1 for c in counts if not c):>4}, "
              f"median {statistics.median(counts):>7.0f} hits")
    print(f"timed below: the {len(queries)} queries that both the service and FTS5 answer with hits")
    print()
    print(f"{'queries (' + str(len(queries)) + ', top 10 with snippets)':<34} {'p50 ms':>8} {'p95 ms':>8}")
    for name, samples in latency.items():
        p50, p95 = percentiles(samples)
        print(f"{name:<34} {p50:>8.1f} {p95:>8.1f}")
    service, fts = percentiles(latency["service, in process"]), percentiles(latency["SQLite FTS5"])
    print(f"service in process / FTS5: p50 {service[0] / fts[0]:.1f}x, p95 {service[1] / fts[1]:.1f}x")
    print(f"cold start (server launch to first answer): {cold:.2f} s; server peak memory {server_peak / 1e6:.0f} MB")
    for name in ("service, in process", "SQLite FTS5", "service, JSON endpoint"):
        by_kind: dict[str, list[float]] = {}
        for query, ms in zip(queries, latency[name]):
            by_kind.setdefault(query["kind"], []).append(ms)
        print(f"{name} by kind, p50/p95 ms: " + ", ".join(
            f"{kind} {percentiles(v)[0]:.1f}/{percentiles(v)[1]:.1f}" for kind, v in by_kind.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
