"""Pure: words a page's layout attributes, where no sentence does: interview turns ("Name: …") and a
quotation set apart with a line after it that credits who spoke."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from .fields import BYLINE_WORD
from .sentences import CLOSE_QUOTES, NAME_RUN, NAME_WORD, OPEN_QUOTES

TURN = re.compile(rf"^(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}):\s+(?P<text>\S.*)$")


# "“…”" and, on the line after it, "Isabel Reinoso, directora del centro": a quotation set apart, its
# speaker named after it with their role, as a caption names who speaks.
# The role holds a word in lower case: "Anna Berger, Leiterin der Schule", not a list of names.
CREDIT_LINE = re.compile(
    rf"^(?P<name>{NAME_RUN}),\s+(?=[^.!?:;]*\b[a-zà-ÿ])[^\W\d_][^.!?:;{OPEN_QUOTES}{CLOSE_QUOTES}]*$")
MAX_CREDIT_WORDS = 12


# An embedded post's signature: "… pic.twitter.com/x — Rep. Ilhan Omar (@Ilhan) November 19, 2019".
POST_SIGNATURE = re.compile(
    r"[—–]\s*(?P<name>[^\s()—–@][^()—–@\n]{1,60}?)\s*\(@\w{1,30}\)\s*"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})")


# "Tim Cook, CEO of Apple, to employees" over "Right now, we must …": a statement in the first person
# under a line that names who made it; not a byline's writer over their own column ("By …").
FIRST_PERSON = re.compile(r"\b(?:we|We|our|Our|us|my|My|me)\b")
# A letter's salutation may stand between the line and the statement: "Team,", "Dear Colleagues,".
SALUTATION = re.compile(r"^(?:(?:Dear|Hi|Hello)\s+[^,:]{1,30}:|(?:\S+\s+){0,3}\S+,)$")


def with_credits(found: list[list[tuple[int, str]]], paragraphs: list[str],
                 name_of: Callable[[str], str | None]) -> tuple[list[tuple[int, str]], ...]:
    """Each paragraph's attributions (position, name), with the author of a post embedded in it
    (its signature), the maker of a statement in the first person under a line that names them, and,
    for a paragraph that is a quotation alone and attributes it to no one, the name that the line
    after it credits (at its end)."""
    found = [list(hits) for hits in found]
    for index, paragraph in enumerate(paragraphs):
        found[index].extend((post.start(), name) for post in POST_SIGNATURE.finditer(paragraph)
                            if (name := name_of(post["name"])))
    for index in range(1, len(paragraphs)):
        above = index - 2 if index > 1 and SALUTATION.match(paragraphs[index - 1].strip()) else index - 1
        heading, statement = paragraphs[above].strip().removesuffix(":"), paragraphs[index]
        if not found[index] and FIRST_PERSON.search(statement) and not BYLINE_WORD.match(heading) \
                and (name := _credited(heading, name_of)):
            found[index].append((0, name))
    for index in range(len(paragraphs) - 1):
        quoted, credit = paragraphs[index].strip(), paragraphs[index + 1].strip()
        alone = quoted[:1] in OPEN_QUOTES + "»" and quoted.rstrip(".,;")[-1:] in CLOSE_QUOTES + "«“"
        if not found[index] and alone and (name := _credited(credit, name_of)):
            found[index].append((len(paragraphs[index]), name))
    return tuple(found)


def _credited(line: str, name_of: Callable[[str], str | None]) -> str | None:
    """The name a short "Name, role" line credits ("Isabel Reinoso, directora del centro"), or None."""
    if len(line.split()) <= MAX_CREDIT_WORDS and (credit := CREDIT_LINE.match(line)):
        return name_of(credit["name"])
    return None


def _not_spoken(text: str) -> bool:
    """Whether a text after a label is no words spoken: values, a third of its words or more numbers
    ("Portion Fix Containers: 1 Green, 1 Red, 1 tsp.", "Price: £40 (€45)"); a name or a list of names,
    every word capitalised ("Producer: Jay Joyce", "Record Label: The Valory Music Co."); or a heading
    or a link's title, three words or more, most of them capitalised, no sentence's end ("Gallery:
    Harbour Works | 14 Photos", "Learn More: Ten Tips for Video")."""
    words = text.split()
    if sum(any(ch.isdigit() for ch in word) for word in words) * 3 >= len(words):
        return True
    lettered = [word for word in words if word[:1].isalpha()]
    capitalised = sum(word[0].isupper() for word in lettered)
    if len(lettered) >= 2 and capitalised == len(lettered) and not re.search(r"[?!\"”]$", text.rstrip()):
        return True
    return len(lettered) >= 3 and capitalised * 3 >= len(lettered) * 2 and not re.search(r"[.!?…\"”]$", text.rstrip())


def interview_turns(paragraphs: list[str]) -> Iterator[tuple[int, int, str]]:
    """'Name: ...' paragraphs of an interview. A label counts when it opens two or more turns (not a
    heading) and fewer than half of its turns are questions (else it is the interviewer)."""
    turns = [(i, m["name"], m["text"]) for i, p in enumerate(paragraphs)
             if (m := TURN.match(p)) and not _not_spoken(m["text"])]
    counts = Counter(label for _, label, _ in turns)
    if len(counts) < 2:  # one label alone is a list's field ("Publishers: …"); an interview has two voices
        return
    questions = Counter(label for _, label, text in turns if text.rstrip().endswith("?"))
    for i, label, _ in turns:
        if counts[label] >= 2 and questions[label] * 2 < counts[label]:
            yield (i, 0, label)
