"""Pure: near-duplicate detection, so that one story reposted by several sites is one hit.

Each body gets a bottom-k sketch: the K smallest hashes of its 4-word shingles. Two sketches estimate
the Jaccard similarity of the bodies' shingle sets (Broder's bottom-k estimator). Candidates are found
through their few smallest hashes, which near-duplicates share with high probability, so assigning a
story costs about the same for the millionth article as for the first.
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections import defaultdict

SHINGLE_WORDS = 4
SKETCH_SIZE = 32
# Near-duplicates share most of their smallest hashes; looking up this many finds them.
CANDIDATE_KEYS = 4
SAME_STORY_SIMILARITY = 0.7
MIN_SHINGLES = 20


def sketch(body: str) -> tuple[int, ...]:
    """The SKETCH_SIZE smallest shingle hashes of a body, ascending; () when the body is too short to judge."""
    words = re.findall(r"\w+", body.lower())
    shingles = {zlib.crc32(" ".join(words[i: i + SHINGLE_WORDS]).encode("utf-8"))
                for i in range(len(words) - SHINGLE_WORDS + 1)}
    if len(shingles) < MIN_SHINGLES:
        return ()
    return tuple(heapq.nsmallest(SKETCH_SIZE, shingles))


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two sketches."""
    if not a or not b:
        return 0.0
    union_sketch = heapq.nsmallest(SKETCH_SIZE, set(a) | set(b))
    shared = set(a) & set(b)
    return sum(1 for h in union_sketch if h in shared) / len(union_sketch)


class StoryClusters:
    """Assigns each article a story id: the id of the first article seen with nearly the same body."""

    def __init__(self) -> None:
        self._by_key: dict[int, list[tuple[str, tuple[int, ...]]]] = defaultdict(list)

    def assign(self, doc_id: str, body_sketch: tuple[int, ...]) -> str:
        if not body_sketch:
            return doc_id
        candidates = {story: seen for key in body_sketch[:CANDIDATE_KEYS] for story, seen in self._by_key[key]}
        best = max(candidates.items(), key=lambda item: similarity(body_sketch, item[1]), default=None)
        if best and similarity(body_sketch, best[1]) >= SAME_STORY_SIMILARITY:
            return best[0]
        self.add_story(doc_id, body_sketch)
        return doc_id

    def add_story(self, doc_id: str, body_sketch: tuple[int, ...]) -> None:
        """Know `doc_id` as the first article of its story (an earlier rebuild found it so)."""
        for key in body_sketch[:CANDIDATE_KEYS]:
            self._by_key[key].append((doc_id, body_sketch))
