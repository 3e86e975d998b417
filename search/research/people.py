"""Pure: the speakers of many articles as people, each name's spellings unified.

Within an article, a speaker already goes by the fullest name the article gives ("Mr. Bolton" after
"John Bolton" is John Bolton). Across articles the same person is written in other ways: with or
without accents, a middle initial or a title, or by the surname alone in an article that never
gives the full name. The policy, applied to the archive's speakers as a whole:

- Spellings with the same words, compared lowercased, accents folded, punctuation, titles before the
  name and suffixes after it dropped, are one person ("Sandër Lekaj", "Sander Lekaj", "Dr. Sander Lekaj").
- A name of two words is the person of the one longer name with its first and last words ("John
  Bolton" is John R. Bolton); two longer names ("George W. Bush", "George H. W. Bush") are never one
  person, and a two-word name between two of them stays a person of its own.
- A one-word name is the person of the longer names that end with it when they are all one person
  ("Bolton" is John Bolton); when they are not ("John Bolton", "Michael Bolton"), when a longer name
  begins with it (a first name: "Taylor" beside "Martin Taylor" and "Taylor Swift"), or when there
  are none, it stays a person of its own.

A person is known by the spelling written most often among its names of two words or more (its
one-word spelling when it has no other).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

# Words before a name that say what a person is, not who: dropped when names are compared.
TITLES = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother
president vice pres sen senator rep representative gov governor mayor judge justice
gen general col colonel maj major capt captain lt lieutenant sgt sergeant adm admiral cmdr
minister secretary chancellor ambassador prince princess king queen pope rabbi imam sheikh
""".split())
SUFFIXES = frozenset("jr sr ii iii iv phd md esq".split())
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _folded(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).lower()


def name_words(name: str) -> tuple[str, ...]:
    """A name's words as compared: folded, without the titles before it or suffixes after it
    ("Dr. John R. Bolton Jr." -> john, r, bolton)."""
    words = [word.replace("’", "'") for word in WORD.findall(_folded(name))]
    while len(words) > 1 and words[0] in TITLES:
        words.pop(0)
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    return tuple(words)


@dataclass(frozen=True)
class Person:
    """One person: the name shown, and every spelling merged into it with its count, commonest first."""

    name: str
    spellings: tuple[tuple[str, int], ...]

    @property
    def count(self) -> int:
        return sum(count for _, count in self.spellings)


def unify(counts: Mapping[str, int]) -> dict[str, Person]:
    """Each spelling's person, from how often each spelling is quoted across the archive."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for spelling in counts:
        if words := name_words(spelling):
            groups.setdefault(words, []).append(spelling)
    joined = {key: key for key in groups}

    def person_of(key: tuple[str, ...]) -> tuple[str, ...]:
        while joined[key] != key:
            key = joined[key]
        return key

    # Longer names by their first and last words, and every name of two words or more by its last.
    by_ends: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    by_last: dict[str, list[tuple[str, ...]]] = {}
    first_words = set()
    for key in groups:
        if len(key) > 2:
            by_ends.setdefault((key[0], key[-1]), []).append(key)
        if len(key) > 1:
            by_last.setdefault(key[-1], []).append(key)
            first_words.add(key[0])
    for key in groups:
        if len(key) == 2 and len(extended := by_ends.get(key, [])) == 1:
            joined[key] = extended[0]
    for key in groups:
        if len(key) == 1 and key[0] not in first_words \
                and len(extended := {person_of(other) for other in by_last.get(key[0], [])}) == 1:
            joined[key] = extended.pop()

    merged: dict[tuple[str, ...], list[str]] = {}
    for key, spellings in groups.items():
        merged.setdefault(person_of(key), []).extend(spellings)
    people: dict[str, Person] = {}
    for spellings in merged.values():
        ranked = sorted(spellings, key=lambda s: (-counts[s], -len(s), s))
        shown = next((s for s in ranked if len(name_words(s)) > 1), ranked[0])
        person = Person(shown, tuple((s, counts[s]) for s in ranked))
        people.update((spelling, person) for spelling in spellings)
    return people


@dataclass(frozen=True)
class Directory:
    """The archive's people: each spelling's person, and each person by the words of their
    spellings, for names as users type them."""

    people: Mapping[str, Person]
    by_words: Mapping[tuple[str, ...], Person]

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> Directory:
        people = unify(counts)
        # Spellings with the same words are one person, so the words lead to one person.
        return cls(people, {name_words(spelling): person for spelling, person in people.items()})

    def find(self, name: str) -> Person | None:
        """The person a name given by a user stands for: the person of that spelling, else of a
        spelling with the same words ("john bolton", "Dr. John Bolton")."""
        return self.people.get(name) or self.by_words.get(name_words(name))
