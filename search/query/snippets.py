"""Snippets: the words a query matched, marked in an article's stored text.

The body field stores where each word starts and ends, so a page's snippets are cut from the
offsets its hits' postings hold; analysing every hit's text again took a third of a search's time.
An index built before the offsets were stored is analysed as before.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from whoosh import highlight
from whoosh import query as wq
from whoosh.analysis import Token
from whoosh.reading import TermNotFound

from ..whoosh_private.postings import unfiltered_postings, values_at
from .parse import wanted
from .posting_arrays import document_frequencies

WHITESPACE = re.compile(r"\s+")

# (position, first character, character after the last) of one occurrence of an indexed word.
Occurrence = tuple[int, int, int]


class MarkFormatter(highlight.Formatter):
    """Everything escaped; matched words wrapped in <mark>. The only markup a snippet can contain."""

    between = " "

    def _text(self, text: str) -> str:
        return html.escape(text)

    def format_fragment(self, fragment, replace=False):
        """A fragment cut from the middle of the text says so with an ellipsis at the cut."""
        formatted = super().format_fragment(fragment, replace).strip()
        if fragment.startchar > 0:
            formatted = "… " + formatted
        if fragment.endchar < len(fragment.text):
            formatted += " …"
        return formatted

    def format(self, fragments, replace=False):
        # Two cut fragments side by side share one ellipsis; marked words side by side (a phrase) share
        # one mark.
        return super().format(fragments, replace).replace(" … … ", " … ").replace("</mark> <mark>", " ")

    def format_token(self, text, token, replace=False):
        return "<mark>" + html.escape(highlight.get_text(text, token, replace)) + "</mark>"


def lead_snippet(body: str, max_chars: int) -> str:
    """The opening of the article, cut at a word, escaped: the snippet when no body word matched."""
    lead = body.split("\n\n", 1)[0]
    if len(lead) > max_chars:
        lead = lead[:max_chars].rsplit(" ", 1)[0] + " …"
    return html.escape(lead)


# Words marked in a snippet at most, the rarest: a pasted paragraph's forty words would cost a
# posting read each per page, and a snippet with every common word marked points at nothing.
MAX_MARKED_WORDS = 16


def sought_words(q: wq.Query, reader, fieldname: str) -> tuple[set[bytes], list[wq.Phrase]]:
    """(words marked wherever they occur, phrases marked only where the whole phrase occurs) of a
    query in one field; prefixes and wildcards stand for the index words they expand to, and of more
    than MAX_MARKED_WORDS words the rarest are marked. What the query excludes is never marked."""
    words, phrases = set(), []
    for leaf in wanted(q):
        if isinstance(leaf, wq.Phrase):
            if leaf.fieldname == fieldname:
                phrases.append(leaf)
        else:
            words.update(text for name, text in leaf.existing_terms(reader, expand=True) if name == fieldname)
    if len(words) > MAX_MARKED_WORDS:
        # The counts matching asked for a moment ago, by the words as text.
        frequency = document_frequencies(reader, fieldname)
        words = set(sorted(words, key=lambda word: (frequency(word.decode("utf-8")), word))[:MAX_MARKED_WORDS])
    return words, phrases


def stored_occurrences(reader, fieldname: str, words: Iterable[bytes],
                       docnums: list[int]) -> dict[int, dict[bytes, list[Occurrence]]]:
    """Each document's occurrences of each word, read from the postings: one pass per word and
    segment over the documents in index order."""
    found: dict[int, dict[bytes, list[Occurrence]]] = {docnum: {} for docnum in docnums}
    ordered = sorted(found)
    for segment, offset in reader.leaf_readers():
        inside = [docnum - offset for docnum in ordered if offset <= docnum < offset + segment.doc_count_all()]
        for word in words if inside else ():
            try:
                postings = unfiltered_postings(segment, fieldname, word)
            except TermNotFound:
                continue
            for docnum, characters in values_at(postings, inside, "characters"):
                found[docnum + offset][word] = characters
    return found


def analysed_occurrences(analyzer, text: str, words: set[bytes]) -> dict[bytes, list[Occurrence]]:
    """The same occurrences found by analysing the text: for an index without stored offsets."""
    found: dict[bytes, list[Occurrence]] = {}
    for token in analyzer(text, positions=True, chars=True, mode="index"):
        word = token.text.encode("utf-8")
        if word in words:
            found.setdefault(word, []).append((token.pos, token.startchar, token.endchar))
    return found


def _phrase_matches(phrase: wq.Phrase,
                    occurrences: dict[bytes, list[Occurrence]]) -> Iterable[tuple[Occurrence, bytes]]:
    """(occurrence, word) of the phrase's words where they stand in order, each within the phrase's slop
    of the one before (next to it when the slop is 1)."""
    words = [word.encode("utf-8") for word in phrase.words]
    at = [{pos: (pos, start, end) for pos, start, end in occurrences.get(word, ())} for word in words]
    if not at or not all(at):
        return
    for first in sorted(at[0]):
        chain, position = [(at[0][first], words[0])], first
        for word, following in zip(words[1:], at[1:]):
            position = next((p for p in range(position + 1, position + phrase.slop + 1) if p in following), None)
            if position is None:
                break
            chain.append((following[position], word))
        else:
            yield from chain


def marked_tokens(text: str, occurrences: dict[bytes, list[Occurrence]], words: set[bytes],
                  phrases: list[wq.Phrase]) -> list[Token]:
    """Tokens to mark, in text order. The indexed text runs past the stored one (the headline is
    indexed after it), so occurrences beyond the stored text are left out."""
    spans = {span: word for word in words for span in occurrences.get(word, ())}
    for phrase in phrases:
        spans.update(_phrase_matches(phrase, occurrences))
    # The word as indexed: the fragment scorer counts different words, not spellings.
    return merged_tokens([Token(text=word.decode("utf-8"), pos=pos, startchar=start, endchar=end, boost=1.0,
                                matched=True)
                          for (pos, start, end), word in spans.items() if end <= len(text)])


def merged_tokens(*marked: list[Token]) -> list[Token]:
    """Tokens, of one field's occurrences or several, in text order, each place marked once (the
    longest of those starting there)."""
    tokens, last_start = [], -1
    for token in sorted((token for group in marked for token in group), key=lambda t: (t.startchar, -t.endchar)):
        if token.startchar != last_start:
            tokens.append(token)
            last_start = token.startchar
    return tokens


def _passage(text: str, matches: list[Token], maxchars: int, surround: int) -> highlight.Fragment:
    """A passage around matches: up to `surround` characters of context either side within
    `maxchars` in all, never starting or ending inside a word."""
    first, last = matches[0].startchar, matches[-1].endchar
    context = min(surround, max(0, maxchars - (last - first)) // 2)
    start, end = max(0, first - context), min(len(text), last + context)
    if start > 0 and not text[start - 1].isspace():
        word_break = WHITESPACE.search(text, start, first)
        start = word_break.end() if word_break else first
    if end < len(text) and not text[end].isspace():
        breaks = [found.start() for found in WHITESPACE.finditer(text, last, end)]
        end = breaks[-1] if breaks else last
    return highlight.Fragment(text, matches, start, end)


def passages(text: str, tokens: list[Token], maxchars: int, surround: int) -> list[highlight.Fragment]:
    """Passages around the tokens (in text order): tokens at most `surround` characters apart share
    one while it fits in `maxchars`."""
    groups: list[list[Token]] = []
    for token in tokens:
        group = groups[-1] if groups else None
        if group and token.startchar - group[-1].endchar <= surround and \
                token.endchar - group[0].startchar <= maxchars:
            group.append(token)
        else:
            groups.append([token])
    return [_passage(text, group, maxchars, surround) for group in groups]


def best_passages(text: str, tokens: list[Token], top: int, maxchars: int,
                  surround: int = 60) -> list[highlight.Fragment]:
    """The best `top` passages around the tokens, in text order, those that overlap joined into one."""
    best = highlight.top_fragments(passages(text, tokens, maxchars, surround), top,
                                   highlight.BasicFragmentScorer(), highlight.FIRST)
    joined: list[highlight.Fragment] = []
    for fragment in best:
        if joined and fragment.startchar <= joined[-1].endchar:
            previous = joined[-1]
            joined[-1] = highlight.Fragment(text, previous.matches + fragment.matches, previous.startchar,
                                            max(previous.endchar, fragment.endchar))
        else:
            joined.append(fragment)
    return joined
