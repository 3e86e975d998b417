"""Pure: where an article carries a quotation, verbatim or nearly (a few words changed, cut, added
or reordered), and the passage that does, its words marked.

A text carries a quotation nearly when some passage of it, as long as the quotation and a quarter
more (at least three words more), holds NEAR_SHARE of the quotation's words, each counted as often
as the quotation has it, in any order. Words are compared as written (lowercased, accents folded),
never stemmed: "will not be tolerated" is not "won't tolerate".
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# The share of the quotation's words a passage must hold to be reported as carrying it.
NEAR_SHARE = 0.7
# Fewer words than this are a phrase, which a "quoted search" finds, not a quotation to check.
MIN_WORDS = 4
# Characters of the text shown on each side of the passage.
CONTEXT_CHARS = 80

Word = tuple[str, int, int]  # the word as written, its first character and the one after its last


@dataclass(frozen=True)
class Passage:
    """Where a text carries a quotation: its characters, those of the quotation's words in it, the
    share of the quotation's words it holds, and whether it holds them all, in order, unbroken."""

    start: int
    end: int
    marked: tuple[tuple[int, int], ...]
    share: float
    verbatim: bool


def words_of(analyzer, text: str) -> list[Word]:
    """The words of a text as the analyzer of words as written gives them, with their characters."""
    return [(token.text, token.startchar, token.endchar) for token in analyzer(text, chars=True, mode="index")]


def _verbatim_at(quote: Sequence[str], words: list[str]) -> int | None:
    size, sought = len(quote), list(quote)
    for at in range(len(words) - size + 1):
        if words[at] == sought[0] and words[at:at + size] == sought:
            return at
    return None


def best_passage(quote: Sequence[str], text: Sequence[Word], near_share: float = NEAR_SHARE) -> Passage | None:
    """The passage of `text` (its words) that carries the words of `quote` best, or None when none
    holds `near_share` of them: the quotation unbroken when it is there, else, of the windows of
    len(quote) + max(3, len(quote) // 4) words holding the most of its words, the one whose words
    marked lie closest together (the first of those)."""
    size = len(quote)
    if not size or not text:
        return None
    words = [word for word, _, _ in text]
    at = _verbatim_at(quote, words)
    if at is not None:
        found = text[at:at + size]
        return Passage(found[0][1], found[-1][2], tuple((start, end) for _, start, end in found), 1.0, True)
    width = size + max(3, size // 4)
    wanted = Counter(quote)
    window: Counter = Counter()
    held, best, starts = 0, 0, []
    # Past the last word the window runs on, empty, so that the text's last windows are weighed too.
    for end in range(len(words) + width - 1):
        word = words[end] if end < len(words) else None
        if word in wanted:
            window[word] += 1
            held += window[word] <= wanted[word]
        start = end - width + 1
        if start > 0 and (left := words[start - 1]) in wanted:
            held -= window[left] <= wanted[left]
            window[left] -= 1
        if held > best:
            best, starts = held, [max(start, 0)]
        elif held == best and best:
            starts.append(max(start, 0))
    share = best / size
    if share < near_share:
        return None
    # A common word just before the quotation is not to be taken for one inside it.
    marked = min((_marked(text[start:start + width], wanted) for start in starts),
                 key=lambda spans: spans[-1][1] - spans[0][0])
    return Passage(marked[0][0], marked[-1][1], tuple(marked), round(share, 3), False)


def _marked(window: Sequence[Word], wanted: Counter) -> list[tuple[int, int]]:
    """The characters of the window's words the quotation has, each taken as often as it has it."""
    still = Counter(wanted)
    marked = []
    for word, start, end in window:
        if still[word] > 0:
            still[word] -= 1
            marked.append((start, end))
    return marked


def passage_html(text: str, passage: Passage, context: int = CONTEXT_CHARS) -> str:
    """The passage with `context` characters around it (cut at a space), escaped, the quotation's
    words in <mark>."""
    start = max(0, passage.start - context)
    if start and (space := text.find(" ", start, passage.start)) != -1:
        start = space + 1
    end = min(len(text), passage.end + context)
    if end < len(text) and (space := text.rfind(" ", passage.end, end)) != -1:
        end = space
    parts, at = ["…" if start else ""], start
    for word_start, word_end in _joined(text, passage.marked):
        parts += [html.escape(text[at:word_start]), "<mark>", html.escape(text[word_start:word_end]), "</mark>"]
        at = word_end
    parts += [html.escape(text[at:end]), "…" if end < len(text) else ""]
    return "".join(parts)


def _joined(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Marked words with only spaces and punctuation between them, as one marked run."""
    runs: list[tuple[int, int]] = []
    for start, end in spans:
        if runs and not any(char.isalnum() for char in text[runs[-1][1]:start]):
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def speaker_of(text: str, quotes: Sequence[tuple[str, str]], passage: Passage) -> str | None:
    """Who the article says said the passage: the speaker of the first of its attributed quotations
    (speaker, words) found in the text overlapping the passage; None when none does."""
    for speaker, words in quotes:
        found = text.find(words) if words else -1
        if found != -1 and found < passage.end and found + len(words) > passage.start:
            return speaker
    return None
