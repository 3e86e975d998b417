"""Story assignment at archive scale: the near-duplicate sketches of a generation's articles assigned
again, in the manifest's order, as a full rebuild assigns them; how many stories each article is
compared with, tenth by tenth of the archive, and how long it takes; then, in a second pass traced
by tracemalloc, the memory a rebuild's coordinator holds for them: every article's sketch (kept for
the manifest) and the stories' lists.

    .venv/bin/python bench/stories.py --index DIR

If the stories compared per article grow from one tenth to the next, assigning stories costs more
for each article the archive adds, and a rebuild's coordinator slows as the archive grows.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from search.index import store
from search.index.stories import StoryClusters, parse_sketch

TENTHS = 10


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="index folder (its CURRENT generation is read)")
    args = parser.parse_args(argv)
    generation = store.current_generation(args.index)
    manifest = store.read_manifest(generation) if generation else None
    if not manifest:
        print(f"no readable generation in {args.index}", file=sys.stderr)
        return 1
    texts = [(doc_id, body_sketch) for doc_id, (_, _, body_sketch) in manifest["articles"].items()]
    sketches = [(doc_id, parse_sketch(text)) for doc_id, text in texts]
    stories, new_stories, compared, took = StoryClusters(), 0, [], 0.0
    for doc_id, body_sketch in sketches:
        compared.append(len(stories.candidates(body_sketch)) if body_sketch else 0)
        started = time.perf_counter()  # only the assignment is timed, not the count above
        new_stories += stories.assign(doc_id, body_sketch) == doc_id
        took += time.perf_counter() - started
    print(f"{len(sketches):,} articles, {new_stories:,} stories, assigned in {took:.1f} s "
          f"({len(sketches) / took:,.0f} articles/s)")
    print("articles                 stories compared: mean    max")
    step = -(-len(compared) // TENTHS)
    for start in range(0, len(compared), step):
        part = compared[start:start + step]
        print(f"{start + 1:>9,} - {start + len(part):>9,}                  {sum(part) / len(part):7.1f} {max(part):6,}")
    del sketches, stories
    tracemalloc.start()
    sketches = [(doc_id, parse_sketch(text)) for doc_id, text in texts]
    stories = StoryClusters()
    for doc_id, body_sketch in sketches:
        stories.assign(doc_id, body_sketch)
    held = tracemalloc.get_traced_memory()[0]
    print(f"held for the sketches and stories: {held / 1e6:,.1f} MB, {held / len(sketches):,.0f} bytes an article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
