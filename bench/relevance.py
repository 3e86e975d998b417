"""Ranking quality on public test collections with human judgements, side by side with two peers.

For each collection in ../shared/bench/relevance/ the service builds its index through its own rebuild
path (from the collection's corpus/ folder, or from docs.jsonl written out as .txt articles where there
is none) and answers every query as typed through the same query path as the JSON endpoint. SQLite
FTS5 (porter tokenizer, bm25()) and bm25s (PyStemmer, English stopwords) answer the same queries over
the same documents. Prints nDCG@10, MAP, P@10 and Recall@100 (trec_eval's definitions) per system.

    .venv/bin/pip install -U pip && .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/relevance.py [--collections time cranfield npl] [--check-metrics] [--set KEY=VALUE]

--check-metrics recomputes the service's figures with ir-measures (trec_eval underneath) and stops on
any difference.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sqlite3
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from search.config import load_settings
from search.errors import QueryRefused
from search.index.build import rebuild
from search.searcher import ArchiveSearcher

COLLECTIONS = REPO.parent / "shared" / "bench" / "relevance"
DEPTH = 1000
METRICS = ("nDCG@10", "MAP", "MAP@5", "P@10", "R@100")
# Collections whose queries are split in two by a rule on their ids (see `half_of`): ranking changes
# are tried on the "tuning" half, and the other half is reported as held out.
SPLIT_COLLECTIONS = ("claims",)


# ------------------------------------------------------------------------------------- data

def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            query_id, doc_id, gain = line.split("\t")
            qrels[query_id][doc_id] = int(gain)
    return qrels


def corpus_folder(collection: Path, docs: list[dict], scratch: Path) -> Path:
    """The collection's corpus/ of .txt articles, or one written from docs.jsonl in the same form."""
    if (collection / "corpus").is_dir():
        return collection / "corpus"
    folder = scratch / "corpus"
    folder.mkdir()
    for doc in docs:
        # A .txt article opens with its title line; abstracts without one are titled by their number.
        title = doc["title"].strip() or f"Abstract {doc['id']}"
        (folder / f"{doc['id']}.txt").write_text(f"{title}\n\n{doc['text']}\n", encoding="utf-8")
    return folder


# ---------------------------------------------------------------------------------- metrics

def evaluate(run: dict[str, list[str]], qrels: dict[str, dict[str, int]]) -> dict[str, float]:
    """Mean nDCG@10 (graded gains, log2 discount), MAP@1000, P@10 and Recall@100 over judged queries.

    Like trec_eval, nDCG uses the gain as given (not 2^gain - 1) and the ideal ranking of all judged
    relevant documents; a query without results scores 0."""
    totals = dict.fromkeys(METRICS, 0.0)
    judged = [query_id for query_id, gains in qrels.items() if any(g > 0 for g in gains.values())]
    for query_id in judged:
        gains = qrels[query_id]
        ranking = run.get(query_id, [])[:DEPTH]
        relevant = {doc for doc, gain in gains.items() if gain > 0}
        dcg = sum(gains.get(doc, 0) / math.log2(rank + 2) for rank, doc in enumerate(ranking[:10]) if gains.get(doc, 0) > 0)
        ideal = sorted((g for g in gains.values() if g > 0), reverse=True)[:10]
        idcg = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(ideal))
        found, precision_sum, top5_sum = 0, 0.0, 0.0
        for rank, doc in enumerate(ranking, start=1):
            if doc in relevant:
                found += 1
                precision_sum += found / rank
                if rank <= 5:
                    top5_sum += found / rank
        totals["nDCG@10"] += dcg / idcg if idcg else 0.0
        totals["MAP"] += precision_sum / len(relevant)
        # MAP@5, as CheckThat! and trec_eval score it: the precisions at the relevant documents in
        # the top 5, over all relevant documents.
        totals["MAP@5"] += top5_sum / len(relevant)
        totals["P@10"] += sum(1 for doc in ranking[:10] if doc in relevant) / 10
        totals["R@100"] += sum(1 for doc in ranking[:100] if doc in relevant) / len(relevant)
    return {name: total / len(judged) for name, total in totals.items()}


def half_of(query_id: str) -> str:
    """Pure: the half a query falls in, by a hash of its id that no query's text can sway."""
    return "tuning" if zlib.crc32(query_id.encode("utf-8")) % 2 == 0 else "held out"


def check_with_ir_measures(run: dict[str, list[str]], qrels: dict[str, dict[str, int]], ours: dict[str, float]) -> None:
    import ir_measures
    from ir_measures import AP, P, R, nDCG

    judged = {q: g for q, g in qrels.items() if any(v > 0 for v in g.values())}
    scored = {q: {doc: float(DEPTH - rank) for rank, doc in enumerate(ranking[:DEPTH])} for q, ranking in run.items()}
    # trec_eval averages over the queries of the run; a judged query without results counts as 0.
    for q in judged:
        scored.setdefault(q, {"-no-result-": 0.0})
    theirs = ir_measures.calc_aggregate([nDCG @ 10, AP @ DEPTH, AP @ 5, P @ 10, R @ 100], judged, scored)
    named = {"nDCG@10": theirs[nDCG @ 10], "MAP": theirs[AP @ DEPTH], "MAP@5": theirs[AP @ 5], "P@10": theirs[P @ 10], "R@100": theirs[R @ 100]}
    for name in METRICS:
        if abs(named[name] - ours[name]) > 1e-6:
            raise SystemExit(f"metric check failed: {name} ours {ours[name]:.6f} ir-measures {named[name]:.6f}")
    print("  metric check: nDCG@10, MAP, MAP@5, P@10 and R@100 agree with ir-measures (trec_eval) to 1e-6")


# ---------------------------------------------------------------------------------- systems

def run_service(corpus: Path, queries: list[dict], scratch: Path,
                overrides: dict[str, str]) -> tuple[dict[str, list[str]], float, float, list[str]]:
    """(run, seconds to build the index, milliseconds a query, the ids of queries refused)."""
    settings = load_settings(REPO / "config.toml", env={},
                             overrides={**overrides, "corpus": corpus, "index": scratch / "index"})
    started = time.perf_counter()
    rebuild(settings)
    built = time.perf_counter() - started
    searcher = ArchiveSearcher(settings)
    run: dict[str, list[str]] = {}
    refused: list[str] = []
    started = time.perf_counter()
    for query in queries:
        try:
            ids = searcher.ranked_ids(query["text"], DEPTH)
        except QueryRefused:
            ids = []
            refused.append(query["id"])
        run[query["id"]] = [Path(doc_id).stem for doc_id in ids]
    return run, built, (time.perf_counter() - started) * 1000 / len(queries), refused


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def run_fts5(docs: list[dict], queries: list[dict]) -> dict[str, list[str]]:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='porter')")
    db.executemany("INSERT INTO docs VALUES (?, ?, ?)", [(d["id"], d["title"], d["text"]) for d in docs])
    run = {}
    for query in queries:
        terms = " OR ".join(f'"{word}"' for word in dict.fromkeys(words(query["text"])))
        rows = db.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (terms, DEPTH)) \
            if terms else []
        run[query["id"]] = [row[0] for row in rows]
    return run


def run_bm25s(docs: list[dict], queries: list[dict]) -> dict[str, list[str]]:
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize([f"{d['title']} {d['text']}" for d in docs], stopwords="en", stemmer=stemmer,
                                   show_progress=False), show_progress=False)
    run = {}
    for query in queries:
        tokens = bm25s.tokenize([query["text"]], stopwords="en", stemmer=stemmer, show_progress=False)
        if not tokens.ids[0]:
            run[query["id"]] = []
            continue
        results, scores = retriever.retrieve(tokens, k=min(DEPTH, len(docs)), show_progress=False)
        run[query["id"]] = [docs[i]["id"] for i, score in zip(results[0], scores[0]) if score > 0]
    return run


# -------------------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--collections", nargs="+", default=["time", "cranfield", "npl", "claims"])
    parser.add_argument("--check-metrics", action="store_true", help="check the metric code against ir-measures")
    parser.add_argument("--no-peers", action="store_true", help="measure the service only")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a setting of config.toml (e.g. --set bm25_b=0.5), to try a ranking change")
    args = parser.parse_args(argv)
    overrides = dict(item.split("=", 1) for item in args.set)

    table: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    for name in args.collections:
        collection = COLLECTIONS / name
        docs, queries = read_jsonl(collection / "docs.jsonl"), read_jsonl(collection / "queries.jsonl")
        qrels = read_qrels(collection / "qrels.tsv")
        with tempfile.TemporaryDirectory() as scratch_dir:
            scratch = Path(scratch_dir)
            run, built, per_query, refused = run_service(corpus_folder(collection, docs, scratch), queries, scratch,
                                                         overrides)
        unanswered = sum(1 for query in queries if not run[query["id"]])
        print(f"{name}: {len(docs)} docs, {len(queries)} queries; service index built in {built:.1f} s, "
              f"{per_query:.1f} ms a query (top {DEPTH}); {len(refused)} refused, {unanswered} without a hit"
              + (f": {', '.join(refused[:10])}" if refused else ""), flush=True)
        runs = {"service": run}
        if args.check_metrics:
            check_with_ir_measures(run, qrels, evaluate(run, qrels))
        if not args.no_peers:
            runs["SQLite FTS5"] = run_fts5(docs, queries)
            runs["bm25s"] = run_bm25s(docs, queries)
        for part, part_qrels in parts_of(name, qrels):
            for system, system_run in runs.items():
                table[part][system] = evaluate(system_run, part_qrels)

    systems = list(next(iter(table.values())))
    print()
    print(f"{'collection':<20} {'system':<12} " + " ".join(f"{m:>8}" for m in METRICS))
    for name, by_system in table.items():
        for system, scores in by_system.items():
            print(f"{name:<20} {system:<12} " + " ".join(f"{scores[m]:>8.3f}" for m in METRICS))
    if len(systems) > 1:
        print()
        for name, by_system in table.items():
            metric = "MAP@5" if name.split()[0] in SPLIT_COLLECTIONS else "nDCG@10"
            peer = max(scores[metric] for system, scores in by_system.items() if system != "service")
            print(f"{name}: {metric} service - best peer {by_system['service'][metric] - peer:+.3f}")
    return 0


def parts_of(name: str, qrels: dict[str, dict[str, int]]):
    """(label, judgements) of a collection as a whole and, where its queries are split, of each half."""
    yield name, qrels
    if name in SPLIT_COLLECTIONS:
        for half in ("tuning", "held out"):
            yield f"{name} ({half})", {query: gains for query, gains in qrels.items() if half_of(query) == half}


if __name__ == "__main__":
    sys.exit(main())
