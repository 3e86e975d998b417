"""Snippets cut from stored word offsets: the same marks as analysing the text, whole words, no repeats."""

from __future__ import annotations

import re

import pytest
from whoosh import query as wq

from search.index.schema import text_analyzer
from search.models import paragraph_at
from search.query.snippets import (MarkFormatter, analysed_occurrences, best_passages, marked_tokens, sought_words,
                                   stored_occurrences)

from .conftest import open_articles

TEXT = ("The harbour authority reported a record profit. Critics said the harbour bridge was too costly. "
        "Bridge tolls rose again, and the bridge over the harbour closed for repairs in the spring.")


def occurrences_in(text: str, words: set[bytes]):
    return analysed_occurrences(text_analyzer(), text, words)


def plain(snippet_html: str) -> str:
    return re.sub(r"</?mark>", "", snippet_html).replace("&amp;", "&")


def test_phrase_words_are_marked_only_where_the_whole_phrase_stands():
    phrase = wq.Phrase("body", ["harbour", "bridg"])
    occurrences = occurrences_in(TEXT, {b"harbour", b"bridg"})
    marked = [TEXT[t.startchar:t.endchar] for t in marked_tokens(TEXT, occurrences, set(), [phrase])]
    assert marked == ["harbour", "bridge"]


def test_a_phrase_with_slop_allows_words_between():
    phrase = wq.Phrase("body", ["bridg", "harbour"], slop=3)
    occurrences = occurrences_in(TEXT, {b"harbour", b"bridg"})
    marked = [(TEXT[t.startchar:t.endchar], t.startchar) for t in marked_tokens(TEXT, occurrences, set(), [phrase])]
    assert [word for word, _ in marked] == ["bridge", "harbour"]
    assert marked[0][1] == TEXT.index("bridge over")


def test_words_are_marked_wherever_they_occur_and_offsets_past_the_text_are_left_out():
    occurrences = occurrences_in(TEXT + "\n\nHarbour news", {b"harbour"})
    tokens = marked_tokens(TEXT, occurrences, {b"harbour"}, [])
    assert [TEXT[t.startchar:t.endchar] for t in tokens] == ["harbour"] * 3


def test_passages_start_and_end_at_word_boundaries_and_say_where_they_were_cut():
    long_text = " ".join(f"word{n}" for n in range(200)) + " harbour " + " ".join(f"tail{n}" for n in range(200))
    tokens = marked_tokens(long_text, occurrences_in(long_text, {b"harbour"}), {b"harbour"}, [])
    result = MarkFormatter().format(best_passages(long_text, tokens, top=3, maxchars=120))
    assert result.startswith("… word") and result.endswith(" …")
    inner = plain(result)[2:-2]
    assert inner in long_text and len(inner) <= 120
    assert re.search(rf"(^|\s){re.escape(inner.split()[0])}\s", long_text)
    assert "<mark>harbour</mark>" in result


def test_overlapping_passages_are_joined_not_repeated():
    text = "alpha harbour " + "x" * 30 + " beta harbour gamma " + "y" * 30 + " harbour delta"
    tokens = marked_tokens(text, occurrences_in(text, {b"harbour"}), {b"harbour"}, [])
    result = MarkFormatter().format(best_passages(text, tokens, top=3, maxchars=60, surround=20))
    assert plain(result).count("beta") == 1
    assert result.count("<mark>harbour</mark>") == 3


def test_snippet_text_is_escaped():
    text = "Kessler & Moll <b>fined</b> again"
    tokens = marked_tokens(text, occurrences_in(text, {b"fine"}), {b"fine"}, [])
    assert MarkFormatter().format(best_passages(text, tokens, top=1, maxchars=200)) == \
        "Kessler &amp; Moll &lt;b&gt;<mark>fined</mark>&lt;/b&gt; again"


@pytest.mark.parametrize("text", ["harbour", '"harbour bridge"', "water*", "minister said", "flood OR fire",
                                  '"city council" vote'])
def test_stored_offsets_give_the_snippets_analysis_gives(sample_searcher, text):
    from search.query.parse import make_parser

    searcher = open_articles(sample_searcher.settings).searcher()
    reader = searcher.reader()
    parsed = make_parser(searcher.schema).parse(text)
    hits = searcher.search(parsed, limit=10)
    assert hits, text
    marked_hits = 0
    # Plain words are marked from the body's postings, phrases from those of its words as written.
    for fieldname in ("body", "body_exact"):
        words, phrases = sought_words(parsed, reader, fieldname)
        sought = words | {word.encode() for phrase in phrases for word in phrase.words}
        stored = stored_occurrences(reader, fieldname, sought, [hit.docnum for hit in hits])
        for hit in hits:
            body = hit["body"]
            analysed = analysed_occurrences(searcher.schema[fieldname].analyzer, body, sought)
            from_index = marked_tokens(body, stored[hit.docnum], words, phrases)
            from_text = marked_tokens(body, analysed, words, phrases)
            assert [(t.startchar, t.endchar) for t in from_index] == [(t.startchar, t.endchar) for t in from_text]
            marked_hits += bool(from_index)
    assert marked_hits > 0


def test_a_character_s_paragraph_is_counted_from_1_by_blank_lines():
    text = "First one.\n\nSecond one.\n\nThird one."
    assert [paragraph_at(text, text.index(word)) for word in ("First", "Second", "Third")] == [1, 2, 3]
    assert paragraph_at(text, text.index("\n\nThird")) == 2


def test_of_a_long_text_s_words_the_rarest_are_marked(sample_searcher):
    from search.query.snippets import MAX_MARKED_WORDS

    reader = open_articles(sample_searcher.settings).searcher().reader()
    vocabulary = sorted({text for text in reader.field_terms("body") if text.isalpha()},
                        key=lambda word: (reader.doc_frequency("body", word), word))
    rare, common = vocabulary[:MAX_MARKED_WORDS], vocabulary[-10:]
    words, _ = sought_words(wq.Or([wq.Term("body", word) for word in common + rare]), reader, "body")
    assert reader.doc_frequency("body", rare[-1]) < reader.doc_frequency("body", common[0])
    assert words == {word.encode() for word in rare}
