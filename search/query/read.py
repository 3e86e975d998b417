"""Pure: how a typed or pasted text is read, as a query with syntax or as words.

Syntax is syntax only where it is unambiguous: a known field name with its value, balanced quotes and
brackets, AND, OR and NOT in capitals, a minus at a word's start, a wildcard inside or at the end of a
word. Everything else is punctuation and read as words: *emphasis*, a `Word:` that names no field, an
unpaired quote or bracket, web addresses, @handles, #hashtags (CamelCase split into its words),
emoji, and the "— Name (@handle) May 3, 2021" signature a post ends with. A text longer than a query
is typed is a passage (a post, a paragraph): all of it is read as words, and its quotations are hints
that rank the articles holding them first, not filters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh.support.levenshtein import levenshtein

from .parse import FIELD_EXAMPLES, MINUS, OPERATOR

# The weight of the words of a link's path (a story's slug) beside those of the text: they may name
# what it is about, or only where it was posted. A @handle in the text names whom it is about, and
# counts as its words (@JoeBiden: Joe Biden); so does the name in a post's signature, which says who
# posted it, often the very person a fact-check is about. The signature's handle and date are left out.
LINK_WEIGHT = 0.5

QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "＂": '"'})
# "— Center for Bio Div (@CenterForBioDiv) January 14, 2020" at the end of a pasted post.
SIGNATURE = re.compile(r"\s[—–―-]{1,2}\s*(?P<name>[^—–―\n()]{0,80}?)\s*\(@\w{1,30}\)"
                       r"(?:\s*[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})?\s*$")
# A link a post carries: a scheme or www, a picture link glued to the text before it, or a host under
# a common top-level domain. Its path may name the story; its host never does.
URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)(?P<host>[^\s/]*)(?P<path>/\S*)?"
                 r"|(?<![\w@.-])(?:[a-z0-9-]{1,63}\.)+(?:com|org|net|gov|edu|info|news|ly|co|io|me|be|gl|uk|de|fr|es|it)"
                 r"\b(?P<bare_path>/\S*)?", re.IGNORECASE)
# A picture link glued to the word before it ("camera.#IranUsapic.twitter.com/…").
GLUED_LINK = re.compile(r"(?<=\S)(?=pic\.twitter\.com/)")
HANDLE = re.compile(r"(?<![\w@])@(?P<name>\w{1,30})")
HASHTAG = re.compile(r"(?<![\w#&])#(?P<tag>\w+)")
LETTERS_OR_DIGITS = re.compile(r"[^\W\d_]+|\d+")
EMPHASIS = re.compile(r"(?<![\w*])\*+(?=\w)(?P<inner>[^*\n]*?\w)\*+(?!\w)")
# A star or question mark that starts a word, stands alone or ends a sentence: punctuation, not a wildcard.
STRAY_WILDCARD = re.compile(r"(?<!\w)[*?]+|\?+(?!\w)")
# name:value where the value follows the colon at once: a field, if the name is one.
FIELD_LIKE = re.compile(r"(?<![\w:/.])(?P<name>[^\W\d_]\w*):(?=[^\s:/])")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ReadText:
    """A text as read: with syntax, `text` is the query to parse (read_as "query"); as words
    (read_as "words"), `text` is its words and `spans` the (start, end, weight) of its parts, with
    the quotations that hint at what it is after. `set_aside`: what looked like syntax and was read
    as words."""

    read_as: str
    text: str
    spans: tuple[tuple[int, int, float], ...] = ()
    quotations: tuple[str, ...] = ()
    set_aside: tuple[str, ...] = ()

    @property
    def word_count(self) -> int:
        return len(WORD.findall(self.text))


def read_text(text: str, syntax_up_to_words: int) -> ReadText:
    """How `text` is searched. A text of more than `syntax_up_to_words` words is a passage, read as
    words; a shorter one keeps the syntax that is unambiguous, and is read as words when none is left."""
    text = GLUED_LINK.sub(" ", text.translate(QUOTE_MARKS))
    words = len(WORD.findall(text))
    if not any(ch.islower() for ch in text) and words > 1:
        # A text in capitals is shouted or a title: its AND, OR and NOT are words, not operators.
        text = text.lower()
    if words > syntax_up_to_words and not _deliberate(text):
        return _as_words(text, ())
    set_aside: list[str] = []
    query = _without_ambiguous_syntax(text, set_aside)
    if _has_syntax(query):
        return ReadText("query", query, set_aside=tuple(set_aside))
    return _as_words(query, tuple(set_aside))


KNOWN_FIELD = re.compile(rf"(?<![\w:/.])(?:{'|'.join(FIELD_EXAMPLES)}):", re.IGNORECASE)
GROUP_WITH_OPERATOR = re.compile(r"\([^()]*\b(?:AND|OR|NOT)\b[^()]*\)")


def _deliberate(text: str) -> bool:
    """Whether a long text is a query built with care, not a passage: one quotation, a known field
    with its value, or a bracketed group with an operator."""
    return bool(re.fullmatch(r'\s*"[^"]+"\s*', text) or KNOWN_FIELD.search(text) and FIELD_LIKE.search(text)
                or GROUP_WITH_OPERATOR.search(text))


def _has_syntax(text: str) -> bool:
    # Brackets group only beside an operator: "the effect of heat (in time)" is words. A known field
    # without a value is a field meant (speaker:), which the parser refuses with what would work.
    return bool(OPERATOR.search(text) or '"' in text or FIELD_LIKE.search(text) or KNOWN_FIELD.search(text)
                or re.search(r"\w[*?]", text)
                or MINUS.search(text) or re.search(r"\w[~^]\d*(?!\w)", text))


def _without_ambiguous_syntax(text: str, set_aside: list[str]) -> str:
    """The text with what only looks like syntax turned into spaces or words, each kind noted."""

    def aside(found: str, replacement: str) -> str:
        if found not in set_aside:
            set_aside.append(found)
        return replacement

    text = SIGNATURE.sub(lambda m: aside(m.group().strip(), f" {m['name']} "), text)
    text = URL.sub(lambda m: aside(m.group(), " " + _path_words(m) + " "), text)
    text = HANDLE.sub(lambda m: aside(m.group(), " " + " ".join(_camel_words(m["name"])) + " "), text)
    text = HASHTAG.sub(lambda m: aside(m.group(), " " + " ".join(_camel_words(m["tag"])) + " "), text)
    text = EMPHASIS.sub(lambda m: aside(m.group(), m["inner"]), text)
    text = STRAY_WILDCARD.sub(lambda m: aside(m.group(), " "), text)
    text = FIELD_LIKE.sub(lambda m: m.group() if _near_field(m["name"]) else aside(m.group(), f"{m['name']} "), text)
    if text.count('"') % 2:
        aside('"', "")
        last = text.rindex('"')
        text = text[:last] + " " + text[last + 1:]
    if text.count("(") != text.count(")") or re.search(r"\(\s*\)", text):
        aside("(", "")
        text = re.sub(r"[()]", " ", text)
    return text


def _near_field(name: str) -> bool:
    """Whether a name is a field's or within an edit or two of one (autor:, speeker:): a field meant,
    which the parser names or refuses with what would work."""
    name = name.lower()
    return any(levenshtein(name, field) <= (1 if len(field) <= 5 else 2) for field in FIELD_EXAMPLES)


def _camel_words(tag: str) -> list[str]:
    """#AustralianFires -> Australian Fires; #covid19 -> covid 19; #NHSWorkers -> NHS Workers;
    #GrüneJugend -> Grüne Jugend: a new word where a capital follows a small letter, or starts a
    word after capitals, in any script that has both."""
    words = []
    for run in LETTERS_OR_DIGITS.findall(tag):
        start = 0
        for at in range(1, len(run)):
            before, here, after = run[at - 1], run[at], run[at + 1:at + 2]
            if here.isupper() and (before.islower() or before.isupper() and after.islower()):
                words.append(run[start:at])
                start = at
        words.append(run[start:])
    return words or [tag]


def _path_words(match: re.Match) -> str:
    """The words of a link's path that read as words (a story's slug), not as an id (TvRkHvlgby)."""
    path = match["path"] or match["bare_path"] or ""
    return " ".join(word for word in re.split(r"[\W_]+", path)
                    if word.isalpha() and len(word) > 2 and (word.islower() or word.istitle() or word.isupper()))


def _as_words(text: str, set_aside: tuple[str, ...]) -> ReadText:
    """A text read as words: every word counts, the words of a link's path LINK_WEIGHT as much, a
    signature as its name, hashtags and handles split, and its quotations of two words or more are
    hints."""
    text = SIGNATURE.sub(lambda m: f" {m['name']}", text)
    parts, at = [], 0
    for link in URL.finditer(text):
        parts += [(text[at:link.start()], 1.0), (_path_words(link), LINK_WEIGHT)]
        at = link.end()
    parts.append((text[at:], 1.0))
    words, spans = "", []
    for part, weight in parts:
        part = HASHTAG.sub(lambda m: " " + " ".join(_camel_words(m["tag"])) + " ", part)
        part = HANDLE.sub(lambda m: " " + " ".join(_camel_words(m["name"])) + " ", part).strip()
        if WORD.search(part):
            spans.append((len(words), len(words) + len(part), weight))
            words += part + " "
    quotations = tuple(quoted for quoted in re.findall(r'"([^"]+)"', text) if len(WORD.findall(quoted)) >= 2)
    return ReadText("words", words.rstrip(), tuple(spans), quotations, set_aside)
