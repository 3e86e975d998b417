"""Whoosh's private parts for analysis: a text's words analysed without a Token per filter, and word
positions packed as arrays instead of pickled."""

from __future__ import annotations

import functools
import itertools
import struct
from collections.abc import Callable, Iterator

import numpy as np
from whoosh import formats
from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.system import _INT_SIZE

# Words an analysis keeps in memory, each as the word its filters make of it, and analyses a
# process keeps (a process that writes many indexes unpickles their analyzers anew).
_NORMALIZED_WORDS, MOST_ANALYSES = 1 << 16, 32


def _word_step(step) -> Callable[[str], str | None] | None:
    """What a filter that changes each word by itself does to a word (None: left out), or None
    for a filter that does more."""
    kind = type(step)
    if kind is LowercaseFilter:
        return str.lower
    if kind is CharsetFilter:
        charmap = step.charmap
        return lambda word: word.translate(charmap)
    if kind is StemFilter:
        stem, ignore = step._stem, step.ignore
        return lambda word: word if word in ignore else stem(word)
    if kind is LanguageMark:
        mark = step.mark
        return lambda word: mark + word
    if kind is CommonWords:
        common = step.common
        return lambda word: word if word in common else None
    if kind is StopFilter:
        stops, shortest, longest = step.stops, step.min, step.max
        return lambda word: (word if shortest <= len(word) and (longest is None or len(word) <= longest)
                             and word not in stops else None)
    return None


def _compose(steps) -> Callable[[str], str | None]:
    def normalized(word: str) -> str | None:
        for step in steps:
            word = step(word)
            if word is None:
                return None
        return word
    return normalized


_analyses: dict[int, tuple] = {}


def word_analysis(analyzer) -> Callable[[str], tuple[list[str], list[int], list[int], list[int]]] | None:
    """The words an analyzer indexes in a text, with each one's position, start and end, as
    Whoosh's token stream gives them, without a Token passed through a generator per filter: a
    regular expression's matches, each turned into its indexed word by one cached function. None
    for an analyzer built of other parts."""
    known = _analyses.get(id(analyzer))
    if known is not None and known[0] is analyzer:
        return known[1]
    analysis = _fused(analyzer)
    if len(_analyses) >= MOST_ANALYSES:
        del _analyses[next(iter(_analyses))]
    _analyses[id(analyzer)] = (analyzer, analysis)
    return analysis


class CommonPairs(Filter):
    """Each pair of neighbouring words of which either is a common one, as one word "a b" at the
    first's position and spanning both (Lucene's CommonGramsFilter, without the single words): a
    phrase with a common word reads the short postings of its pairs instead of every position of
    "the"."""

    def __init__(self, common: frozenset[str]):
        self.common = frozenset(common)

    def __eq__(self, other):
        return type(other) is CommonPairs and other.common == self.common

    def __call__(self, tokens):
        before = None  # (text, position, start) of the word before
        for token in tokens:
            text, place, start = token.text, getattr(token, "pos", None), getattr(token, "startchar", None)
            if before is not None and (before[0] in self.common or text in self.common):
                token.text = f"{before[0]} {text}"
                if place is not None:
                    token.pos = before[1]
                if start is not None:
                    token.startchar = before[2]
                yield token
            before = (text, place, start)


class LanguageMark(Filter):
    """Each word marked with its text's language ("de:gemeind"), so that words of different
    languages stay apart in one field."""

    def __init__(self, language: str):
        self.mark = f"{language}:"

    def __eq__(self, other):
        return type(other) is LanguageMark and other.mark == self.mark

    def __call__(self, tokens):
        for token in tokens:
            token.text = self.mark + token.text
            yield token


class CommonWords(Filter):
    """The common words alone: their counts score a phrase holding them, which reads their pairs'
    positions (CommonPairs) instead of theirs."""

    def __init__(self, common: frozenset[str]):
        self.common = frozenset(common)

    def __eq__(self, other):
        return type(other) is CommonWords and other.common == self.common

    def __call__(self, tokens):
        return (token for token in tokens if token.text in self.common)


def common_pairs(common: frozenset[str], words: list[str], places: list[int], starts: list[int],
                 ends: list[int]) -> tuple[list[str], list[int], list[int], list[int]]:
    """Pure: what CommonPairs makes of analysed words, their positions, starts and ends."""
    kept = [at for at in range(1, len(words)) if words[at - 1] in common or words[at] in common]
    return ([f"{words[at - 1]} {words[at]}" for at in kept], [places[at - 1] for at in kept],
            [starts[at - 1] for at in kept], [ends[at] for at in kept])


def _fused(analyzer):
    parts = analyzer.items if isinstance(analyzer, CompositeAnalyzer) else [analyzer]
    pairs = parts[-1] if len(parts) > 1 and type(parts[-1]) is CommonPairs else None
    if pairs is not None:
        unpaired = _fused(CompositeAnalyzer(*parts[:-1]))
        if unpaired is None:
            return None
        return lambda text: common_pairs(pairs.common, *unpaired(text))
    tokenizer, filters = parts[0], parts[1:]
    if type(tokenizer) is not RegexTokenizer or tokenizer.gaps:
        return None
    steps = [_word_step(step) for step in filters]
    stop_filters = [step for step in filters if type(step) is StopFilter]
    if None in steps or len(stop_filters) > 1:
        return None
    # Whoosh's StopFilter renumbers the words it keeps: the first keeps its place, the rest follow it.
    renumber = bool(stop_filters) and stop_filters[0].renumber
    normalized = functools.lru_cache(maxsize=_NORMALIZED_WORDS)(_compose(steps))
    finditer = tokenizer.expression.finditer

    def analysis(text: str) -> tuple[list[str], list[int], list[int], list[int]]:
        words, places, starts, ends = [], [], [], []
        for place, match in enumerate(finditer(text)):
            word = normalized(match.group())
            if word is not None:
                words.append(word)
                places.append(place)
                starts.append(match.start())
                ends.append(match.end())
        if renumber and places:
            places = list(range(places[0], places[0] + len(places)))
        return words, places, starts, ends
    return analysis


def packed_occurrences(words: list[str], places: list[int], starts: list[int] | None = None,
                       ends: list[int] | None = None) -> Iterator[tuple[str, int, bytes]]:
    """Each distinct word, in the order first seen, with how often it occurs and its occurrences
    as PackedCharacters encodes them (or, without `starts` and `ends`, as PackedPositions does),
    computed for all words at once."""
    if not words:
        return
    ids: dict[str, int] = {}
    word_ids = np.fromiter((ids.setdefault(word, len(ids)) for word in words), np.int64, len(words))
    order = np.argsort(word_ids, kind="stable")
    counts = np.bincount(word_ids)
    firsts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    place = np.asarray(places, np.int64)[order]
    # Each occurrence is measured from the one before it of the same word, the first from 0.
    place_step = np.diff(place, prepend=0)
    place_step[firsts] = place[firsts]
    numbers = [place_step]
    if starts is not None:
        start = np.asarray(starts, np.int64)[order]
        end = np.asarray(ends, np.int64)[order]
        start_step = start - np.concatenate(([0], end[:-1]))
        start_step[firsts] = start[firsts]
        numbers += [start_step, end - start]
    width = len(numbers)
    group = np.repeat(np.arange(len(ids)), counts)
    heads = np.arange(len(ids)) + width * firsts
    packed = np.empty(len(ids) + width * len(words), ">i4")
    packed[heads] = counts
    at = group + 1 + width * np.arange(len(words))
    for offset, values in enumerate(numbers):
        packed[at + offset] = values
    data = packed.tobytes()
    bounds = (heads * _INT_SIZE).tolist() + [len(data)]
    for number, (word, count) in enumerate(zip(ids, counts.tolist())):
        yield word, count, data[bounds[number]:bounds[number + 1]]


class PackedValues:
    """What PackedPositions and PackedCharacters share: a text's postings values made from its words
    analysed at once (word_analysis), each format keeping what `occurrences` picks of them; Whoosh's
    own analysis for an analyzer of other parts."""

    def word_values(self, value, analyzer, **kwargs):
        analysis = word_analysis(analyzer) if isinstance(value, str) and set(kwargs) <= {"mode"} else None
        if analysis is None:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for word, count, packed in packed_occurrences(*self.occurrences(*analysis(value))):
            yield word, count, float(count) * boost, packed


class PackedPositions(PackedValues, formats.Positions):
    """Whoosh's Positions format, a posting's value held as big-endian 32-bit integers (the count,
    then each position's distance from the one before) instead of a pickled list, so that the values
    of many postings are read as one array (`positions_in`): the pairs of common words, which need
    no characters."""

    def occurrences(self, words, places, starts, ends):
        return words, places

    def encode(self, poslist) -> bytes:
        deltas = [later - earlier for earlier, later in zip([0, *poslist[:-1]], poslist)]
        return struct.pack(f"!{len(deltas) + 1}i", len(deltas), *deltas)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return list(itertools.accumulate(struct.unpack_from(f"!{len(valuestring) // _INT_SIZE - 1}i",
                                                            valuestring, _INT_SIZE)))


class PackedCharacters(PackedValues, formats.Characters):
    """Whoosh's Characters format: each occurrence's position and start and end character. A
    posting's value holds the numbers Characters pickles (the count, then for each occurrence its
    position's and start's distance from the occurrence before, and its length) as big-endian 32-bit
    integers, so that the values of many postings are read as one array (`positions_in`) where
    Characters unpickles each: a phrase of common words reads tens of thousands of them."""

    def occurrences(self, words, places, starts, ends):
        return words, places, starts, ends

    def encode(self, poslist) -> bytes:
        numbers = [len(poslist)]
        position = end = 0
        for pos, startchar, endchar in poslist:
            numbers += (pos - position, startchar - end, endchar - startchar)
            position, end = pos, endchar
        return struct.pack(f"!{len(numbers)}i", *numbers)

    def _deltas(self, valuestring: bytes) -> tuple[int, ...]:
        return struct.unpack_from(f"!{len(valuestring) // _INT_SIZE - 1}i", valuestring, _INT_SIZE)

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        found, position, end = [], 0, 0
        deltas = self._deltas(valuestring)
        for at in range(0, len(deltas), 3):
            position += deltas[at]
            start = end + deltas[at + 1]
            end = start + deltas[at + 2]
            found.append((position, start, end))
        return found

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return list(itertools.accumulate(self._deltas(valuestring)[::3]))


