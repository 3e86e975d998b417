"""Pure: example searches drawn from what an archive holds, one for each kind of search the box
takes, so that a reader of any archive is shown searches that work on it."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Collection
from dataclasses import dataclass

# A word worth searching: letters only, long enough to say something.
WORD = re.compile(r"[^\W\d_]{4,}")
PREFIX_KEPT = 4


@dataclass(frozen=True)
class ArchiveFacts:
    """What the examples are made of: the newest article's headline, the archive's most quoted person,
    its commonest author and outlet, and its newest date."""

    headline: str = ""
    speaker: str | None = None
    author: str | None = None
    outlet: str | None = None
    newest: dt.date | None = None


def _quoted(value: str) -> str:
    return f'"{value}"' if " " in value else value


def example_searches(facts: ArchiveFacts, common: Collection[str]) -> list[str]:
    """Candidate searches, each of another kind: words, a phrase, OR, NOT, a prefix, a field, a
    month, a person's quotations. Each is to be checked against the archive before it is shown."""
    written = [word.lower() for word in WORD.findall(facts.headline)]
    words = list(dict.fromkeys(word for word in written if word not in common))
    found: list[str] = []
    if len(words) >= 2:
        first, second = words[0], words[1]
        found += [f"{first} {second}", f"{first} OR {second}", f"{first} -{second}"]
    pairs = [f'"{a} {b}"' for a, b in itertools.pairwise(written) if a not in common or b not in common]
    found += pairs[:1]
    if words and len(words[0]) > PREFIX_KEPT + 1:
        found.append(f"{words[0][:PREFIX_KEPT]}*")
    if words:
        found.append(f"title:{words[0]}")
    if facts.speaker:
        surname = facts.speaker.split()[-1]
        found += [f"speaker:{_quoted(surname)}", f"said:{_quoted(surname)}"]
    if facts.author:
        found.append(f"author:{_quoted(facts.author)}")
    if facts.outlet:
        found.append(f"outlet:{_quoted(facts.outlet)}")
    if facts.newest:
        found.append(f"date:{facts.newest.year}-{facts.newest.month:02d}")
    return list(dict.fromkeys(found))


def placeholder(examples: list[str]) -> str | None:
    """The search box's hint: three of the examples that work, of different kinds."""
    chosen = [next((example for example in examples if kind(example)), None)
              for kind in (lambda e: " " in e and ":" not in e and '"' not in e and "OR" not in e and "-" not in e,
                           lambda e: e.startswith('"'), lambda e: e.startswith("speaker:"))]
    shown = [example for example in chosen if example]
    return f"e.g. {', '.join(shown)}" if shown else None
