"""Pseudo-relevance feedback for a text read as words: the words that the best matches share, and
the text lacks, are added with a smaller weight, and the matches are scored again (a relevance
model, as RM3 builds one from the first results). A long request names its subject in its own
words; the articles about it name it in theirs as well.

Feedback only scores again: what matches is what the text's own words matched, and the words added
are scored once, over arrays, their scores added to those the text's words gave.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from whoosh import query as wq

from ..index.schema import ByLanguage
from ..whoosh_private.analysis import word_analysis
from . import posting_arrays

# The best matches read, the words added, and the weight of the best word added beside a word of the text.
FEEDBACK_DOCUMENTS = 5
FEEDBACK_WORDS = 10
FEEDBACK_WEIGHT = 0.5
# The words most shared, by share alone, among which the telling ones are picked: an idf costs a
# lookup in every segment, and the documents' thousand other words would cost more than the search.
FEEDBACK_CANDIDATES = 50


def best_matches(docs: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """The indices of the FEEDBACK_DOCUMENTS best scores, whatever order the results are shown in,
    ties in document order. Scores are compared to nine places, so that two ways of adding the same
    scores pick the same documents."""
    return np.lexsort((docs, -np.round(scores, 9)))[:FEEDBACK_DOCUMENTS]


def added_words(searcher, fieldname: str, query: wq.Or, best: np.ndarray,
                scores: np.ndarray) -> tuple[tuple[str, float], ...]:
    """(word, weight) of the words of the `best` documents' text (the FEEDBACK_DOCUMENTS first,
    with their `scores`) that say most about them and `query` (an Or of the text's words) lacks:
    each word's share of a document's words, summed over the documents weighted by how well each
    matched (a softmax of their scores), times its idf; the best weighs FEEDBACK_WEIGHT."""
    reader = searcher.reader()
    field = searcher.schema[fieldname]
    weights = np.exp(scores[:FEEDBACK_DOCUMENTS] - scores[:FEEDBACK_DOCUMENTS].max()) if len(scores) else scores
    model: Counter = Counter()
    for docnum, weight in zip(best[:FEEDBACK_DOCUMENTS].tolist(), weights.tolist()):
        stored = searcher.stored_fields(docnum)
        text = stored.get(fieldname, "")
        # A document's words as the index holds them: analysed in its language.
        analyzer = field.analyzer_in_language(stored.get("lang")) if isinstance(field, ByLanguage) else field.analyzer
        analysis = word_analysis(analyzer)
        words = analysis(text)[0] if analysis else [token.text for token in analyzer(text)]
        for word, count in Counter(words).items():
            model[word] += weight * count / len(words)
    has = {part.text for part in query.subqueries if isinstance(part, wq.Term)}
    documents = reader.doc_count()
    telling = {}
    frequencies = posting_arrays.document_frequencies(reader, fieldname)
    for word, share in model.most_common(FEEDBACK_CANDIDATES):
        frequency = frequencies(word)
        # A word of one document alone says nothing of what the others share.
        if word not in has and frequency > 1:
            telling[word] = share * math.log(1 + documents / frequency)
    added = sorted(telling, key=lambda word: (-telling[word], word))[:FEEDBACK_WORDS]
    return tuple((word, FEEDBACK_WEIGHT * telling[word] / telling[added[0]]) for word in added)
