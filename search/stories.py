"""Pure: near-duplicate detection, so that one story reposted by several sites is one hit.

Each body gets a bottom-k sketch: the K smallest hashes of its 4-word shingles. Two sketches estimate
the Jaccard similarity of the bodies' shingle sets (Broder's bottom-k estimator). Candidates are found
through their few smallest hashes, which near-duplicates share with high probability. A hash that
many stories share is a stock phrase, so a hash lists at most STORIES_PER_KEY stories: assigning a
story then costs about the same for the millionth article as for the first.
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections import defaultdict
from collections.abc import Iterator, Sequence

SHINGLE_WORDS = 4
SKETCH_SIZE = 32
# Near-duplicates share most of their smallest hashes; looking up this many finds them.
CANDIDATE_KEYS = 4
SAME_STORY_SIMILARITY = 0.7
MIN_SHINGLES = 20
# A shingle among the smallest hashes of this many different stories is a stock phrase ("said in a
# statement"), not a sign of one story. Unbounded, a stock phrase with a small hash made every
# article compare itself with a fixed share of all the stories before it.
STORIES_PER_KEY = 64


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
        best_story, best_similarity = doc_id, 0.0
        for story, seen in self.candidates(body_sketch).items():
            alike = similarity(body_sketch, seen)
            if alike > best_similarity:
                best_story, best_similarity = story, alike
        if best_similarity >= SAME_STORY_SIMILARITY:
            return best_story
        self.add_story(doc_id, body_sketch)
        return doc_id

    def candidates(self, body_sketch: tuple[int, ...]) -> dict[str, tuple[int, ...]]:
        """The stories a sketch is compared with: those of every list its walk reaches."""
        found: dict[str, tuple[int, ...]] = {}
        for _, listed, _ in self._walk(body_sketch):
            found.update(listed)
        return found

    def add_story(self, doc_id: str, body_sketch: tuple[int, ...]) -> None:
        """Know `doc_id` as the first article of its story (an earlier rebuild found it so): list it
        in the lists with room that its walk reaches."""
        for key, _, has_room in self._walk(body_sketch):
            if has_room:
                self._by_key[key].append((doc_id, body_sketch))

    def _walk(self, body_sketch: tuple[int, ...]) -> Iterator[tuple[int, Sequence, bool]]:
        """(hash, its list, whether the list has room) of a sketch's hashes, smallest first, up to the
        CANDIDATE_KEYS-th list with room. A story is listed in the lists with room of its walk and
        looked up in all the lists of a later one: a list that filled up since still holds it, and
        a near-duplicate's walk reaches the same smallest hashes."""
        with_room = 0
        for key in body_sketch:
            listed = self._by_key.get(key, ())
            has_room = len(listed) < STORIES_PER_KEY
            yield key, listed, has_room
            if has_room:
                with_room += 1
                if with_room == CANDIDATE_KEYS:
                    return
