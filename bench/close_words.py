"""Searches of words an archive lacks, which loosening and spelling suggestions answer from the
index's close words: their median and p95 time in process.

    .venv/bin/python bench/close_words.py --index DIR [--searches 60]

The words are made-up English-looking ones (deterministic), so that none is in the archive and each
makes the service look for close words in the whole vocabulary of its first letter.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from search.config import load_settings
from search.searcher import ArchiveSearcher

LETTERS = "abcdefghiklmnoprstuvw"


def made_up_words(count: int) -> list[str]:
    rng = random.Random(5)
    return ["".join(rng.choice(LETTERS) for _ in range(rng.randrange(5, 10))) for _ in range(count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--searches", type=int, default=60)
    args = parser.parse_args(argv)
    settings = load_settings(REPO / "config.toml", env={}, overrides={"index": args.index})
    searcher = ArchiveSearcher(settings)
    searcher.search("warm up")
    words = made_up_words(args.searches)
    times, found = [], 0
    for word in words:
        started = time.perf_counter()
        found += searcher.search(word).total > 0
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(f"{len(words)} searches of made-up words on {searcher.count():,} articles: median {statistics.median(times):.1f} ms, "
          f"p95 {times[int(0.95 * len(times)) - 1]:.1f} ms; {found} found something through a close word")
    return 0


if __name__ == "__main__":
    sys.exit(main())
