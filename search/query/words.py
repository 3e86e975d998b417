"""Pure: a text read as words -> the query that ranks articles by them.

Every word of the text counts, as often as the text uses it (BM25's query term frequency,
saturated) and as much as the part it stands in weighs (a link's path less than the text). A short
text needs all of its words, a longer one any of them, ranked by how well it matches them all; a
quotation in it is matched as written, in order, and adds to the score of the articles holding it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from whoosh import query as wq

from .read import ReadText

# Distinct words a text is searched by at most, its most telling (how often it uses each, times how
# rare the word is): a pasted page of ten thousand characters costs a bounded number of lists read.
MAX_TEXT_TERMS = 256

# In a text any of whose words may match, a word that more than this share of the archive's
# documents hold is left out, as Lucene's common-terms query leaves such words to documents that
# match others: its idf is under log 2 (a telling word's is 5 and more), so it barely moves a
# ranking, and its posting list is the longest to read. A text of such words alone keeps them.
COMMONEST = 0.5

# BM25's saturation of a word's count in the query (its k3): a word the text uses twice counts
# 1.33 times, three times 1.5 times. Counted linearly, a text's repeated words drown its others.
QUERY_K3 = 1.0


class WordsQuery(NamedTuple):
    query: wq.Query
    needed: int  # of the query's parts, how many a match needs: all, or one


def words_query(read: ReadText, analyzer, fieldname: str, doc_frequency: Callable[[str], int], doc_count: int,
                all_words_up_to: int, quotation: Callable[[str], wq.Query | None] | None = None) -> WordsQuery:
    """The query of a text read as words, over `fieldname` whose `analyzer` reads it: an Or of its
    words and quotations, of which a document must match `needed`. Each word is a Term that remembers where the text has it (what loosening and completion read). Up to
    `all_words_up_to` words typed, all are needed; a longer text leaves out the words of more than
    COMMONEST of the documents. `quotation` makes a quotation's query, or None."""
    uses: Counter = Counter()
    where: dict[str, tuple[int, int]] = {}
    for token in analyzer(read.text, mode="query", chars=True):
        uses[token.text] += _weight_at(read, token.startchar)
        where.setdefault(token.text, (token.startchar, token.endchar))
    kept = set(_most_telling(uses, doc_frequency, doc_count))
    typed = read.word_count
    if typed > all_words_up_to:
        kept = {term for term in kept if doc_frequency(term) <= COMMONEST * doc_count} or kept
    terms = []
    for term in sorted(kept, key=lambda term: where[term]):
        part = wq.Term(fieldname, term, boost=uses[term] * (QUERY_K3 + 1) / (QUERY_K3 + uses[term]))
        part.startchar, part.endchar = where[term]
        terms.append(part)
    hints = [found for text in read.quotations if quotation and (found := quotation(text)) is not None]
    needed = len(terms) if typed <= all_words_up_to and not hints else 1
    return WordsQuery(wq.Or(terms + hints), needed)


def _weight_at(read: ReadText, at: int) -> float:
    return next((weight for start, end, weight in read.spans if start <= at < end), 1.0)


def _most_telling(uses: Counter, doc_frequency: Callable[[str], int], doc_count: int) -> list[str]:
    if len(uses) <= MAX_TEXT_TERMS:
        return list(uses)
    telling = {term: count * math.log(1 + doc_count / (doc_frequency(term) or doc_count)) for term, count in uses.items()}
    return sorted(telling, key=lambda term: -telling[term])[:MAX_TEXT_TERMS]
