"""Pure: near-duplicate sketches, and reposts found among stories however many share a stock phrase."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.index.stories import (SKETCH_SIZE, STORIES_PER_KEY, StoryClusters, parse_sketch, similarity, sketch,
                                  sketch_text)

from .conftest import SAMPLE_CORPUS

DOCK_STRIKE = (SAMPLE_CORPUS / "scrapes" / "dock-strike.txt").read_text(encoding="utf-8-sig")

def test_a_reposted_story_is_nearly_the_same_and_another_story_is_not():
    reposted = DOCK_STRIKE.replace("Monday", "Tuesday").replace("The strike is the first", "It is the first strike")
    other = (SAMPLE_CORPUS / "scrapes" / "bridge-opens.txt").read_text(encoding="utf-8-sig")
    assert similarity(sketch(DOCK_STRIKE), sketch(reposted)) >= 0.7
    assert similarity(sketch(DOCK_STRIKE), sketch(other)) < 0.1
    stories = StoryClusters()
    assert stories.assign("a", sketch(DOCK_STRIKE)) == "a"
    assert stories.assign("b", sketch(other)) == "b"
    assert stories.assign("c", sketch(reposted)) == "a"


def test_short_bodies_are_never_merged():
    stories = StoryClusters()
    assert len(sketch("Brief: council meets today.")) == 0
    assert [stories.assign(name, sketch("Brief: council meets today.")) for name in "xy"] == ["x", "y"]


def test_a_sketch_holds_the_smallest_hashes_of_the_body_in_order():
    body_sketch = sketch(DOCK_STRIKE)
    assert len(body_sketch) == SKETCH_SIZE and list(body_sketch) == sorted(body_sketch)
    assert body_sketch.itemsize == 4


@given(st.lists(st.integers(min_value=0, max_value=2**32 - 1), max_size=SKETCH_SIZE))
def test_a_sketch_reads_back_from_its_text(hashes):
    text = sketch_text(hashes)
    assert len(text) == 8 * len(hashes)
    assert list(parse_sketch(text)) == hashes


def test_a_sketch_text_is_little_endian_hex():
    assert sketch_text([1, 2**32 - 1]) == "01000000ffffffff"


def _stories_sharing(stock: tuple[int, ...], count: int, seed: int) -> list[tuple[int, ...]]:
    """Sketches of `count` unrelated stories whose smallest hashes are all the stock phrases'."""
    rng = random.Random(seed)
    return [tuple(sorted(stock + tuple(rng.sample(range(10**6, 2**32), SKETCH_SIZE - len(stock)))))
            for _ in range(count)]


def _reposted(body_sketch: tuple[int, ...], seed: int) -> tuple[int, ...]:
    """The sketch of nearly the same body: three of its larger hashes changed."""
    rng = random.Random(seed)
    return tuple(sorted(body_sketch[:-3] + tuple(rng.sample(range(10**6, 2**32), 3))))


@pytest.mark.parametrize("stock", [(1,), (1, 2, 3, 4)], ids=["one stock phrase", "four stock phrases"])
def test_reposts_are_found_however_many_stories_share_a_stock_phrase(stock):
    stories = StoryClusters()
    sketches = _stories_sharing(stock, 3 * STORIES_PER_KEY, seed=len(stock))
    assert [stories.assign(f"s{at}", body) for at, body in enumerate(sketches)] == [f"s{at}" for at in range(len(sketches))]
    for at in (0, STORIES_PER_KEY - 1, STORIES_PER_KEY, len(sketches) - 1):
        assert similarity(sketches[at], _reposted(sketches[at], seed=at)) >= 0.7
        assert stories.assign(f"repost of s{at}", _reposted(sketches[at], seed=at)) == f"s{at}"


def test_a_stock_phrase_brings_a_bounded_number_of_stories_to_compare_with():
    compared = []
    for count in (2 * STORIES_PER_KEY, 20 * STORIES_PER_KEY):
        stories = StoryClusters()
        for at, body in enumerate(_stories_sharing((1,), count, seed=count)):
            stories.assign(f"s{at}", body)
        compared.append(len(stories.candidates(_stories_sharing((1,), 1, seed=0)[0])))
    assert compared == [STORIES_PER_KEY, STORIES_PER_KEY]
