"""Word queries matched, scored and ranked with array operations over whole posting lists.

Whoosh's matchers walk a query's postings one document at a time in Python, which is what a common
word's tens of thousands of matches cost. A query of plain words (all of them, or any of them, each
perhaps loosened into close words) needs no such walk: each word's postings are read a block at a
time into arrays, scored with BM25 in one expression, and summed into a score per document, and
ranking, story collapse and facets are array operations too. Every other query (phrases, patterns,
fields, NOT) takes Whoosh's matchers. Scores are Whoosh's own, computed the same way.
"""

from __future__ import annotations

import functools
import weakref
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh import scoring

from .whoosh_adapter import leaf_postings

# A query as groups of (word, boost): a document matches when it has a word of every group, and
# scores the sum of the boosted scores of the words it has.
WordGroups = tuple[tuple[tuple[str, float], ...], ...]


def word_groups(q: wq.Query, fieldname: str) -> WordGroups | None:
    """The query as word groups of one field, or None when it is anything else."""

    def words(part: wq.Query, boost: float) -> list[tuple[str, float]] | None:
        if type(part) is wq.Term and part.fieldname == fieldname and isinstance(part.text, str):
            return [(part.text, boost * part.boost)]
        if type(part) is wq.Or and not part.scale and part.minmatch <= 1 and part.subqueries:
            found = [words(child, boost * part.boost) for child in part.subqueries]
            return None if None in found else [word for group in found for word in group]
        return None

    if type(q) is wq.And and q.subqueries:
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
        leaf_ids, leaf_weights = leaf_postings(segment.postings(fieldname, text))
        ids.append(leaf_ids + offset)
        weights.append(leaf_weights)
    if not ids:
        return np.empty(0, np.int64), np.empty(0)
    return np.concatenate(ids), np.concatenate(weights)


class DocumentLengths:
    """One reader's document lengths in a field, as the index stores them (quantised to a byte),
    each read from disk at most once, for as long as the reader is open: scoring by Whoosh's matchers
    asks for a match's length (Whoosh would read it from the segment's file each time), bulk scoring
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


def field_lengths(reader, fieldname: str) -> np.ndarray:
    """Every document's length in a field, segment by segment from the lengths scoring reads."""
    lengths = np.zeros(reader.doc_count_all())
    for segment, offset in reader.leaf_readers():
        lengths[offset:offset + segment.doc_count_all()] = document_lengths(segment, fieldname).all()
    return lengths


def scores(searcher, groups: WordGroups, fieldname: str, lengths: np.ndarray,
           counts_field: str | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """(matched, score): per document, whether it has a word of every group of the field, and its
    BM25 score; None when the searcher's weighting is not BM25F's. The words' counts are read from
    `counts_field` when given (a field holding the same words without positions)."""
    reader = searcher.reader()
    total = np.zeros(reader.doc_count_all())
    matched = None
    for group in groups:
        in_group = np.zeros(reader.doc_count_all(), dtype=bool)
        for text, boost in group:
            if (fieldname, text) not in reader:
                continue
            scorer = searcher.weighting.scorer(searcher, fieldname, text)
            if not isinstance(scorer, scoring.BM25FScorer):
                return None
            ids, tf = postings(reader, counts_field or fieldname, text)
            idf, B, K1, avgfl = scorer.idf, scorer.B, scorer.K1, scorer.avgfl
            # scoring.bm25, term by term in the same order, so that scores are Whoosh's to the bit.
            score = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * lengths[ids] / avgfl)))
            total[ids] += score * boost if boost != 1.0 else score
            in_group[ids] = True
        matched = in_group if matched is None else matched & in_group
    return matched, total


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
