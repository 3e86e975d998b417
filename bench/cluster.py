"""A full rebuild on a real Dask cluster (distributed.LocalCluster on this machine), with 1 and with
2 worker processes, beside the same rebuild run locally.

    .venv/bin/python bench/cluster.py [--articles 3000] [--work DIR]

For each: wall time, articles/s, CPU-seconds per 1,000 articles (the coordinator and every worker
process, and the coordinator's share), and the speed-up from 1 to 2 workers. From the workers' CPU
per article and the coordinator's, it prints what 1M and 10M articles would take with more worker
processes (one per core, on machines sharing the corpus and index): the workers' work spreads over
them, the coordinator's does not. On one 2-core machine the coordinator shares the cores with the
workers, so the measured wall times are a floor for a cluster of machines.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from distributed import Client, LocalCluster  # noqa: E402

from generate import ensure_corpus  # noqa: E402
from search.config import load_settings
from search.index.build import rebuild


def _worker_cpu() -> float:
    import psutil

    times = psutil.Process().cpu_times()
    return times.user + times.system


def _own_cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measured(settings, client: Client | None) -> tuple[float, float, float, int]:
    """(wall s, CPU s of the coordinator and its own processes, CPU s of the cluster's workers,
    articles indexed) of a full rebuild."""
    shutil.rmtree(settings.index, ignore_errors=True)
    before_workers = sum(client.run(_worker_cpu).values()) if client else 0.0
    before, started = _own_cpu(), time.perf_counter()
    report = rebuild(settings, full=True)
    wall = time.perf_counter() - started
    workers = sum(client.run(_worker_cpu).values()) - before_workers if client else 0.0
    return wall, _own_cpu() - before, workers, report.indexed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--work", type=Path, help="folder for the corpus and index (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="news-cluster-"))
    corpus, index = work / "corpus", work / "index"
    ensure_corpus(corpus, args.articles)
    print(f"{args.articles} generated articles in {corpus}", flush=True)
    rows = []
    local = load_settings(REPO / "config.toml", env={}, overrides={"corpus": corpus, "index": index,
                                                                  "rebuild_workers": 2})
    rows.append(("local, 2 worker processes", *measured(local, None)))
    walls = {}
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
                Client(cluster) as client:
            settings = load_settings(REPO / "config.toml", env={},
                                     overrides={"corpus": corpus, "index": index, "scheduler": cluster.scheduler_address})
            rows.append((f"Dask LocalCluster, {workers} worker{'s' if workers > 1 else ''}", *measured(settings, client)))
            walls[workers] = rows[-1][1]
        print(f"{rows[-1][0]}: {rows[-1][1]:.1f} s", flush=True)
    print()
    print(f"{'full rebuild':<32} {'wall s':>8} {'articles/s':>10} {'CPU s/1k':>9} {'of it coordinator':>18} "
          f"{'indexed':>8}")
    for name, wall, own, workers, indexed in rows:
        print(f"{name:<32} {wall:>8.1f} {indexed / wall:>10.0f} {(own + workers) * 1000 / indexed:>9.1f} "
              f"{own * 1000 / indexed:>18.1f} {indexed:>8}")
    print(f"Dask, 1 -> 2 workers: {walls[1] / walls[2]:.2f}x faster")
    # What more machines would give: the workers' CPU spreads over them, the coordinator's does not.
    _, own, workers, indexed = rows[-1][1:]
    per_worker = indexed / workers if workers else float("nan")
    ceiling = indexed / own if own else float("inf")
    print(f"per worker process: {per_worker:.0f} articles per CPU-second; the coordinator alone: {ceiling:.0f} "
          f"articles per CPU-second, the most any number of workers can reach")
    for articles in (1_000_000, 10_000_000):
        for count in (8, 32, 128):
            rate = min(count * per_worker, ceiling)
            print(f"  {articles:>10,} articles, {count:>3} worker processes: about {articles / rate / 3600:.1f} h")
    return 0


if __name__ == "__main__":
    sys.exit(main())
