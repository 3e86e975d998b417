"""How Whoosh's matchers score: BM25 with the probabilistic idf, and every match collected for ranking."""

from __future__ import annotations

import math

import numpy as np
from whoosh import collectors, scoring

from ..whoosh_private.postings import read_lengths_from
from . import posting_arrays
from .ranking import Matches


class BM25(scoring.BM25F):
    """BM25 with its own inverse document frequency, log(1 + (N - n + 0.5) / (n + 0.5)).

    Whoosh's BM25F takes the idf of tf-idf, log(N / (n + 1)) + 1, whose constant 1 gives every
    matched word a floor and so undervalues rare words; measured on the relevance collections
    (docs/ranking.md), the probabilistic idf ranks better."""

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        matching = posting_arrays.document_frequencies(parent.reader(), fieldname)(text)
        return math.log(1 + (parent.doc_count_all() - matching + 0.5) / (matching + 0.5))

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf)
        if isinstance(scorer, scoring.BM25FScorer):
            read_lengths_from(scorer, posting_arrays.document_lengths(searcher.reader(), fieldname))
        return scorer


class MatchCollector(collectors.Collector):
    """Every match's document number and score, in document order: for the queries only Whoosh's
    matchers can run, what posting_arrays.scores gives from arrays. Ranking is ranking.rank's, for both."""

    def __init__(self):
        super().__init__()
        self.docs: list[int] = []
        self.scores: list[float] = []

    def prepare(self, top_searcher, q, context):
        # The score of a match is read from the matcher standing on it.
        super().prepare(top_searcher, q, context.set(needs_current=True))

    def collect(self, sub_docnum: int) -> float:
        score = self.matcher.score()
        self.docs.append(self.offset + sub_docnum)
        self.scores.append(score)
        return score

    def found(self) -> Matches:
        """What was matched (Collector.matches is Whoosh's: the current segment's matches)."""
        return Matches(np.asarray(self.docs, dtype=np.int64), np.asarray(self.scores, dtype=np.float64))
