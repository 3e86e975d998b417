"""Pure: near-duplicate detection, so that one story reposted by several sites is one hit.

Each body gets a bottom-k sketch: the K smallest hashes of its 4-word shingles. Two sketches estimate
the Jaccard similarity of the bodies' shingle sets (Broder's bottom-k estimator). Candidates are found
through their few smallest hashes, which near-duplicates share with high probability. A sketch is an
array of 32-bit hashes: a rebuild holds one for each article of the archive. A hash that
many stories share is a stock phrase, so a hash lists at most STORIES_PER_KEY stories: assigning a
story then costs about the same for the millionth article as for the first.
"""

from __future__ import annotations

import heapq
import re
import sys
import zlib
from array import array
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


# An array of crc32 values: 4 bytes a hash, where a tuple of ints takes 36.
HASHES = "I"


def sketch(body: str) -> array:
    """The SKETCH_SIZE smallest shingle hashes of a body, ascending; empty when the body is too short to judge."""
    words = re.findall(r"\w+", body.lower())
    shingles = {zlib.crc32(" ".join(words[i: i + SHINGLE_WORDS]).encode("utf-8"))
                for i in range(len(words) - SHINGLE_WORDS + 1)}
    if len(shingles) < MIN_SHINGLES:
        return array(HASHES)
    return array(HASHES, heapq.nsmallest(SKETCH_SIZE, shingles))


def _little_endian(hashes: array) -> array:
    """`hashes` with its bytes in little-endian order, or back from it (an array holds native order)."""
    if sys.byteorder == "big":
        hashes.byteswap()
    return hashes


def sketch_text(body_sketch: Sequence[int]) -> str:
    """A sketch as the manifest keeps it: its hashes as 4 little-endian bytes each, in hex."""
    return _little_endian(array(HASHES, body_sketch)).tobytes().hex()


def parse_sketch(text: str) -> array:
    """The sketch `sketch_text` wrote as `text`."""
    return _little_endian(array(HASHES, bytes.fromhex(text)))


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two sketches."""
    if not a or not b:
        return 0.0
    union_sketch = heapq.nsmallest(SKETCH_SIZE, set(a) | set(b))
    shared = set(a) & set(b)
    return sum(1 for h in union_sketch if h in shared) / len(union_sketch)


class StoryClusters:
    """Assigns each article a story id: the id of the first article seen with nearly the same body.
    Each story's sketch is held once; its hashes' lists name the story."""

    def __init__(self) -> None:
        self._sketches: dict[str, Sequence[int]] = {}
        self._by_key: dict[int, list[str]] = defaultdict(list)

    def assign(self, doc_id: str, body_sketch: Sequence[int]) -> str:
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

    def candidates(self, body_sketch: Sequence[int]) -> dict[str, Sequence[int]]:
        """The stories a sketch is compared with, with their sketches: those of every list its walk reaches."""
        return {story: self._sketches[story] for _, listed, _ in self._walk(body_sketch) for story in listed}

    def add_story(self, doc_id: str, body_sketch: Sequence[int]) -> None:
        """Know `doc_id` as the first article of its story (an earlier rebuild found it so): list it
        in the lists with room that its walk reaches."""
        with_room = [key for key, _, has_room in self._walk(body_sketch) if has_room]
        if with_room:
            self._sketches[doc_id] = body_sketch
        for key in with_room:
            self._by_key[key].append(doc_id)

    def _walk(self, body_sketch: Sequence[int]) -> Iterator[tuple[int, Sequence[str], bool]]:
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
