"""Word queries matched, scored and ranked with array operations over whole posting lists.

Whoosh's matchers walk a query's postings one document at a time in Python, which is what a common
word's tens of thousands of matches cost. A query of plain words (all of them, or any of them, each
perhaps loosened into close words) needs no such walk: each word's postings are read a block at a
time into arrays, scored with BM25 in one expression, and summed into a score per document, and
ranking, story collapse and facets are array operations too. A phrase among them is matched by
reading its words' positions only in the documents that have all of them, found from its rarest
word, and compared as arrays. Every other query (patterns, fields, NOT) takes Whoosh's matchers.
Scores are Whoosh's own, computed the same way.
"""

from __future__ import annotations

import functools
import weakref
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh import scoring

from ..index.schema import COMMON_COUNTS, PAIR_FIELDS, common_words_of
from ..whoosh_private.postings import leaf_postings, positions_in, postings_at, unfiltered_postings


@dataclass(frozen=True)
class PhraseWords:
    """A phrase: its words in a field with positions, in order, each at most `slop` positions after
    the one before."""

    fieldname: str
    words: tuple[str, ...]
    slop: int
    boost: float = 1.0


# A query as groups of (word or phrase, boost): a document matches when it has a word or phrase of
# every group, and scores the sum of the boosted scores of those it has. A word is of the field asked for.
WordGroups = tuple[tuple[tuple[str | PhraseWords, float], ...], ...]


def word_groups(q: wq.Query, fieldname: str, needed: int = 1) -> WordGroups | None:
    """The query as word groups, its words of one field, or None when it is anything else. An Or
    of which `needed` > 1 parts are needed needs all of them, as an And does."""

    def words(part: wq.Query, boost: float) -> list[tuple[str | PhraseWords, float]] | None:
        if type(part) is wq.Term and part.fieldname == fieldname and isinstance(part.text, str):
            return [(part.text, boost * part.boost)]
        if type(part) is wq.Phrase and len(part.words) > 1 and all(isinstance(word, str) for word in part.words):
            return [(PhraseWords(part.fieldname, tuple(part.words), part.slop, part.boost), boost)]
        if type(part) is wq.Or and not part.scale and part.minmatch <= 1 and part.subqueries:
            found = [words(child, boost * part.boost) for child in part.subqueries]
            return None if None in found else [word for group in found for word in group]
        return None

    if (type(q) is wq.And or (type(q) is wq.Or and needed > 1)) and q.subqueries:
        groups = [words(child, q.boost) for child in q.subqueries]
    else:
        groups = [words(q, 1.0)]
    return None if None in groups else tuple(tuple(group) for group in groups)


def postings(reader, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, term frequencies) of a word across the reader's segments, deleted
    documents included: the caller masks them."""
    ids, weights = [], []
    for segment, offset in reader.leaf_readers():
        if (fieldname, text) not in segment:
            continue
        leaf_ids, leaf_weights = leaf_postings(unfiltered_postings(segment, fieldname, text))
        ids.append(leaf_ids + offset)
        weights.append(leaf_weights)
    if not ids:
        return np.empty(0, np.int64), np.empty(0)
    return np.concatenate(ids), np.concatenate(weights)


class DocumentLengths:
    """One reader's document lengths in a field, as the index stores them (quantised to a byte),
    each read from disk at most once, for as long as the reader is open: scoring by Whoosh's matchers
    asks for a match's length (Whoosh would read it from the segment's file each time), array scoring
    for all of them. The one cache of field lengths."""

    def __init__(self, reader, fieldname: str):
        self.reader, self.fieldname = reader, fieldname
        self.known = array("l", [-1]) * reader.doc_count_all()

    def __call__(self, docnum: int) -> int:
        known = self.known[docnum]
        if known < 0:
            # None where the document's field holds no indexed word (a quotation of stopwords alone)
            known = self.known[docnum] = self.reader.doc_field_length(docnum, self.fieldname, 0) or 0
        return known

    def all(self) -> np.ndarray:
        return np.fromiter((self(docnum) for docnum in range(len(self.known))), dtype=np.float64,
                           count=len(self.known))


# reader -> field -> its documents' lengths
_LENGTHS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def document_lengths(reader, fieldname: str) -> DocumentLengths:
    by_field = _LENGTHS.setdefault(reader, {})
    if fieldname not in by_field:
        by_field[fieldname] = DocumentLengths(reader, fieldname)
    return by_field[fieldname]


# reader -> field -> word -> how many documents hold it, at most MOST_FREQUENCIES_KNOWN words a field
MOST_FREQUENCIES_KNOWN = 100_000
_FREQUENCIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def document_frequencies(reader, fieldname: str):
    """A function giving how many of the reader's documents hold a word of the field, each asked of
    the reader (a lookup in every segment) at most once while the reader is open."""
    known = _FREQUENCIES.setdefault(reader, {}).setdefault(fieldname, {})

    def frequency(word: str) -> int:
        if word not in known:
            if len(known) >= MOST_FREQUENCIES_KNOWN:
                known.clear()
            known[word] = reader.doc_frequency(fieldname, word)
        return known[word]

    return frequency


def field_lengths(reader, fieldname: str) -> np.ndarray:
    """Every document's length in a field, segment by segment from the lengths scoring reads."""
    lengths = np.zeros(reader.doc_count_all())
    for segment, offset in reader.leaf_readers():
        lengths[offset:offset + segment.doc_count_all()] = document_lengths(segment, fieldname).all()
    return lengths


def scores(searcher, groups: WordGroups, fieldname: str, lengths: Mapping[str, np.ndarray],
           counts_field: str | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """(matched, score): per document, whether it has a word or phrase of every group, and its
    BM25 score; None when the searcher's weighting is not BM25F's, or a phrase's field has no
    positions or no lengths in `lengths` (field -> every document's length). The words' counts are
    read from `counts_field` when given (a field holding the same words without positions)."""
    reader = searcher.reader()
    total = np.zeros(reader.doc_count_all())
    matched = None
    for group in groups:
        in_group = np.zeros(reader.doc_count_all(), dtype=bool)
        for item, boost in group:
            if isinstance(item, PhraseWords):
                found = phrase_scores(searcher, item, lengths)
            else:
                found = word_scores(searcher, fieldname, item, lengths[fieldname], counts_field)
            if found is None:
                return None
            ids, score = found
            total[ids] += score * boost if boost != 1.0 else score
            in_group[ids] = True
        matched = in_group if matched is None else matched & in_group
    return matched, total


NOTHING = (np.empty(0, np.int64), np.empty(0))


@dataclass(frozen=True)
class WordWeight:
    """What BM25 scores a word's counts in a field with: the word's idf, the field's B and average
    length, and K1."""

    idf: float
    B: float
    K1: float
    avgfl: float


def word_weight(searcher, fieldname: str, text: str) -> WordWeight | None:
    """What Whoosh's BM25F scorer of the word would score with, or None where the searcher's
    weighting is not BM25F or the field is not scored. Without the scorer itself: setting one up
    reads the word's term info in every segment, for a bound on its scores that arrays have no
    use for, and that cost a pasted text more than reading its words' postings."""
    weighting = searcher.weighting
    if not isinstance(weighting, scoring.BM25F) or not searcher.schema[fieldname].scorable:
        return None
    parent = searcher.get_parent()
    return WordWeight(idf=weighting.idf(parent, fieldname, text), B=weighting._field_B.get(fieldname, weighting.B),
                      K1=weighting.K1, avgfl=parent.avg_field_length(fieldname) or 1)


def bm25(weight: WordWeight, tf: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """scoring.bm25 over arrays, term by term in the same order, so that scores are Whoosh's to the bit."""
    idf, B, K1, avgfl = weight.idf, weight.B, weight.K1, weight.avgfl
    return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * lengths / avgfl)))


def word_scores(searcher, fieldname: str, text: str, lengths: np.ndarray,
                counts_field: str | None) -> tuple[np.ndarray, np.ndarray] | None:
    """(documents, score) of one word, or None when it cannot be scored from arrays."""
    reader = searcher.reader()
    if not document_frequencies(reader, fieldname)(text):
        return NOTHING
    weight = word_weight(searcher, fieldname, text)
    if weight is None:
        return None
    ids, tf = postings(reader, counts_field or fieldname, text)
    return ids, bm25(weight, tf, lengths[ids])


def phrase_scores(searcher, phrase: PhraseWords,
                  lengths: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray] | None:
    """(documents, score) of a phrase, or None when it cannot be matched from arrays. Whoosh scores a
    phrase as the And of its words: their scores added in a binary tree, then boosted."""
    reader, field = searcher.reader(), phrase.fieldname
    if field not in lengths or not searcher.schema[field].format.supports("positions"):
        return None
    if not all(map(document_frequencies(reader, field), phrase.words)):
        return NOTHING
    weights = [word_weight(searcher, field, word) for word in phrase.words]
    if None in weights:
        return None
    docs, tf = phrase_postings(reader, phrase)
    score = tree_sum([bm25(weight, tf[at], lengths[field][docs]) for at, weight in enumerate(weights)])
    return docs, score * phrase.boost if phrase.boost != 1.0 else score


def tree_sum(parts: list[np.ndarray]) -> np.ndarray:
    """The parts added as whoosh.util.make_binary_tree pairs a query's matchers: (a + (b + c))."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return tree_sum(parts[:half]) + tree_sum(parts[half:])


def phrase_postings(reader, phrase: PhraseWords) -> tuple[np.ndarray, np.ndarray]:
    """(documents, term frequencies: one row per word of the phrase) of the documents where the
    phrase stands, deleted ones included: the caller masks them."""
    docs, weights = [np.empty(0, np.int64)], [np.empty((len(phrase.words), 0))]
    for segment, offset in reader.leaf_readers():
        items = phrase_items(phrase, segment.schema)
        if any(item not in segment for item in items) or any((phrase.fieldname, word) not in segment
                                                             for word in phrase.words):
            continue
        found, found_weights = segment_phrase_postings(segment, phrase, items)
        docs.append(found + offset)
        weights.append(found_weights)
    return np.concatenate(docs), np.concatenate(weights, axis=1)


def phrase_items(phrase: PhraseWords, schema) -> list[tuple[str, str]]:
    """(field, word) standing at the phrase's consecutive positions: its words; or, where the field
    has a field of common pairs (schema.PAIR_FIELDS) and the phrase's words stand next to each
    other, at each position the pair of that word and the next where either is common, else the
    word, and the last word where no pair ends with it: "the city council" is read as "the city",
    "city", "council"; "reported by" as "reported by" alone (Lucene's CommonGramsQueryFilter)."""
    fieldname, words = phrase.fieldname, phrase.words
    pairs_field = PAIR_FIELDS.get(fieldname)
    if phrase.slop != 1 or pairs_field not in schema:
        return [(fieldname, word) for word in words]
    common = common_words_of(schema, pairs_field)
    paired = [words[at] in common or words[at + 1] in common for at in range(len(words) - 1)]
    if not any(paired):
        return [(fieldname, word) for word in words]
    items = [(pairs_field, f"{words[at]} {words[at + 1]}") if paired[at] else (fieldname, words[at])
             for at in range(len(words) - 1)]
    if not paired[-1]:
        items.append((fieldname, words[-1]))
    return items


def counted_at(fieldname: str, word: str, schema) -> tuple[str, str]:
    """(field, word) whose postings hold the counts of a word of a phrase's field: a common word's
    are in the field of common counts (schema.COMMON_COUNTS), where reading them does not read every
    position of "the"."""
    counts_field = COMMON_COUNTS.get(fieldname)
    if counts_field in schema and word in common_words_of(schema, counts_field):
        return counts_field, word
    return fieldname, word


def segment_phrase_postings(segment, phrase: PhraseWords,
                            items: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    """phrase_postings in one segment, the phrase read as `items` (phrase_items). The documents
    with every item come from the rarest item's postings, read once, narrowed by each other item in
    turn (rarest first); positions are decoded only for the documents left. The counts of the
    phrase's words that no item is (common words inside pairs) are read for the documents found
    alone, to score them as Whoosh scores a phrase."""
    by_rarity = sorted(set(items), key=lambda item: segment.doc_frequency(*item))
    read = {by_rarity[0]: postings_at(unfiltered_postings(segment, *by_rarity[0]))}
    candidates = read[by_rarity[0]][0]
    for item in by_rarity[1:]:
        read[item] = postings_at(unfiltered_postings(segment, *item), candidates)
        candidates = read[item][0]
    places = []
    for fieldname, word in items:
        held, _, values = read[fieldname, word]
        kept = np.searchsorted(held, candidates)  # every candidate left is held by every item
        places.append(positions_in(segment.schema[fieldname].format, [values[at] for at in kept.tolist()]))
    found = candidates[in_sequence(places, phrase.slop)]
    weights = []
    for word in phrase.words:
        item = (phrase.fieldname, word)
        if item not in read:
            read[item] = postings_at(unfiltered_postings(segment, *counted_at(phrase.fieldname, word, segment.schema)),
                                     found, values=False)
        held, word_weights, _ = read[item]
        weights.append(word_weights[np.searchsorted(held, found)])
    return found, np.asarray(weights).reshape(len(phrase.words), len(found))


def in_sequence(words: Sequence[tuple[np.ndarray, np.ndarray]], slop: int) -> np.ndarray:
    """Pure: for each document, whether the words stand in order, each 1 to `slop` positions after
    the one before (as Whoosh's SpanNear2 with mindist 1, ordered). Each word is given as (how many
    positions it has in each document, those sorted positions one document after another)."""
    documents = len(words[0][0])

    def keys(counts: np.ndarray, positions: np.ndarray) -> np.ndarray:
        # One sorted key per occurrence: its document above the 32 bits of its position.
        return (np.repeat(np.arange(documents, dtype=np.int64), counts) << 32) | positions

    ends = keys(*words[0])
    for word in words[1:]:
        following = keys(*word)
        # A key from slop to 1 below another stands in the same document, at most slop positions before.
        has_before = (np.searchsorted(ends, following - 1, side="right")
                      > np.searchsorted(ends, following - slop, side="left"))
        ends = following[has_before]
    found = np.zeros(documents, dtype=bool)
    found[ends >> 32] = True
    return found


def matching(reader, q: wq.Query) -> np.ndarray | None:
    """Which documents a query of words, Ands and Ors (in any fields) matches, as a mask; None for
    any other query."""
    if type(q) is wq.Term:
        found = np.zeros(reader.doc_count_all(), dtype=bool)
        if (q.fieldname, q.text) in reader:
            found[postings(reader, q.fieldname, q.text)[0]] = True
        return found
    if type(q) in (wq.And, wq.Or) and q.subqueries and not getattr(q, "minmatch", 0) > 1:
        parts = [matching(reader, child) for child in q.subqueries]
        if any(part is None for part in parts):
            return None
        combine = np.logical_and if type(q) is wq.And else np.logical_or
        return functools.reduce(combine, parts)
    return None


@dataclass(frozen=True)
class FacetValues:
    """One facet's values as arrays: `names[codes[i]]` is a value of document `docs[i]`."""

    names: list[str]
    docs: np.ndarray
    codes: np.ndarray

    @classmethod
    def of(cls, per_document: Sequence[tuple[str, ...]]) -> FacetValues:
        code_of: dict[str, int] = {}
        docs, codes = [], []
        for docnum, values in enumerate(per_document):
            for value in values:
                docs.append(docnum)
                codes.append(code_of.setdefault(value, len(code_of)))
        return cls(list(code_of), np.asarray(docs, dtype=np.int64), np.asarray(codes, dtype=np.int64))

    def counts(self, chosen: np.ndarray, most: int | None = None) -> list[tuple[str, int]]:
        """(value, documents) of the values the `chosen` documents (a mask) have: all of them, or
        those as common as the `most` commonest (more when several tie for the last place)."""
        counts = np.bincount(self.codes[chosen[self.docs]], minlength=len(self.names))
        present = np.flatnonzero(counts)
        if most is not None and len(present) > most:
            least = np.partition(counts[present], len(present) - most)[len(present) - most]
            present = present[counts[present] >= least]
        return [(self.names[code], int(counts[code])) for code in present]
