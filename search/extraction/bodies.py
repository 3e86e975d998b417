"""Pure: where an organisation speaks as one: "the agriculture ministry said", "a WeWork spokesperson
said", "West Mercia police said", "according to the statistics office"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .lines import normalize_space
from .person_names import (
    BODY_HEAD,
    DEMONYM,
    DESCRIBING_WORD,
    NOT_NAMES,
    ORGANISATION_NOUNS,
    POSSESSIVE,
    _is_title,
    _word_key,
    as_organisation,
    as_person,
)
from .sentences import NAME_RUN, split_sentences

# Organisations speak as "the agriculture ministry said" or "according to the statistics office".
# Not "the production company said": a company described in lower case is any company.
ORGANISATION = rf"(?:[a-z][\w'-]*\s+){{0,2}}(?!company\b)(?:{ORGANISATION_NOUNS})"
# Spokespeople and officials speak for the organisation named with them: "said a WeWork spokesperson",
# "Con Edison officials say", "a spokesperson for the British Foreign Office said", "said a spokesman
# for Con Edison".
SPOKESPEOPLE = r"(?:spokes(?:man|woman|person|people)|officials?|representatives?|reps?)"
# "Friends of the Earth"; "Biden administration", "Trump campaign": a person's administration or campaign.
PERSONS_BODY = r"(?:administration|campaign)"
BODY_RUN = rf"{NAME_RUN}(?:\s+of\s+the\s+{NAME_RUN}|\s+{PERSONS_BODY})?"
ORGANISATION_SPOKESPEOPLE = re.compile(
    rf"(?:\b(?:said|says|told)\s+(?:a|an|the)\s+(?P<org>{BODY_RUN})\s+{SPOKESPEOPLE}\b"
    rf"|\b(?P<org2>{BODY_RUN})\s+{SPOKESPEOPLE}\s+(?:said|says|say|told)\b"
    rf"|\b{SPOKESPEOPLE}\s+for\s+(?:the\s+)?(?P<org3>{BODY_RUN})\s+(?:said|says|told)\b"
    rf"|\b(?:said|says|according\s+to)\s+(?:a|an|the)\s+(?:[a-z]+\s+)?{SPOKESPEOPLE}\s+for\s+(?:the\s+)?"
    rf"(?P<org4>{BODY_RUN})(?![\w'’-])(?<!['’]s))")
ORGANISATION_SAID = re.compile(
    rf"\bthe\s+(?P<org>{ORGANISATION})\s+(?:said|says|announced|confirmed|reported|warned|added|stated)\b")
# "West Mercia police said", "Russia's foreign ministry said": the owner's name before the noun
# names the organisation. Not "the Albania government announced": a country's government is left
# out, as the seed labels leave it out.
NAMED_ORGANISATION_SAID = re.compile(
    rf"(?<![\w'’])(?P<org>(?:[A-Z][\w'’.-]*\s+){{0,3}}[A-Z][\w'’.-]*\s+(?:[a-z][\w-]*\s+)?"
    rf"(?!government)(?:{ORGANISATION_NOUNS}|{PERSONS_BODY}))"
    r"\s+(?:said|says|announced|confirmed|reported|warned|added|stated)\b")
ORGANISATION_ACCORDING_TO = re.compile(
    rf"\b(?i:according)\s+to\s+(?:(?:a|an|the)\s+)?(?:[a-z]+\s+){{0,3}}?(?:by\s+)?the\s+(?P<org>{ORGANISATION})\b")


def speaking_organisations(paragraphs: list[str]) -> Iterator[str]:
    """The organisations that speak as one in an article's paragraphs."""
    for paragraph in paragraphs:
        for pattern in (ORGANISATION_SAID, ORGANISATION_ACCORDING_TO):
            for match in pattern.finditer(paragraph):
                organisation = normalize_space(match["org"])
                if len(organisation.split()) > 1:  # "the agency said" names no one
                    yield organisation
        # A body's name never runs over a sentence's end ("… at the Statehouse. His office said").
        for match in (match for sentence in split_sentences(paragraph)
                      for match in NAMED_ORGANISATION_SAID.finditer(sentence)):
            words = match["org"].split()
            while words and (_word_key(words[0]) in NOT_NAMES or DESCRIBING_WORD.search(words[0])):
                words.pop(0)  # "The", "On", "Monday", "Ohio-based"
            if len(words) > 1 and words[0][0].isupper() and not re.fullmatch(DEMONYM, POSSESSIVE.sub("", words[0])):
                yield _office_holder(" ".join(words)) or " ".join(words)
        for match in ORGANISATION_SPOKESPEOPLE.finditer(paragraph):
            named = match["org"] or match["org2"] or match["org3"] or match["org4"]
            if re.fullmatch(DEMONYM, named):  # "American officials said": no one in particular
                continue
            if organisation := as_organisation(named) or _persons_body(named) or _body_of_place(named) \
                    or as_person(named):
                yield organisation


def _office_holder(run: str) -> str | None:
    """"Ann Lee's office said": a person's office speaks for the person, as their spokesperson does;
    not a body's ("the Mayor's Office", "South Dakota's Department of Social Services")."""
    owned = re.fullmatch(rf"(?P<owner>{NAME_RUN})['’]s\s+office", run)
    person = owned and as_person(owned["owner"])
    return person if person and len(person.split()) >= 2 and not as_organisation(owned["owner"]) else None


def _persons_body(run: str) -> str | None:
    """"Biden administration": a name and its administration or campaign name that body whole."""
    return run if re.fullmatch(rf"{NAME_RUN}\s+{PERSONS_BODY}", run) else None


def _body_of_place(run: str) -> str | None:
    """Officials and spokespeople speak for a body, so a run before them with "of" in it names the
    body whole ("Crime Stoppers of Michigan officials said"), where elsewhere two names before "of"
    are a person of a body; not an office ("Secretary of State")."""
    words = run.split()
    if "of" not in words[1:-1]:
        return None
    head = words[: words.index("of")]
    return None if any(_is_title(word, False) for word in head) else " ".join(words)


# "Department of Environmental Protection": a body's head, "of", and what it is of.
BODY_OF = re.compile(rf"\b(?P<head>[A-Z][a-z]+)\s+of\s+(?:the\s+)?(?P<core>{NAME_RUN})")


def bodies_in_full(text: str) -> dict[tuple[str, str | None], str]:
    """The bodies `text` names in full with their "of", by what they are of, with and without their
    head: ("Environmental Protection", None) and ("Environmental Protection", "department") ->
    "Department of Environmental Protection". Read once an article, for body_in_full."""
    found: dict[tuple[str, str | None], str] = {}
    for match in BODY_OF.finditer(text):
        if not BODY_HEAD.match(match["head"]):
            continue
        core = match["core"].split(" of ")[0]  # "Ministry of Health of Gaza": of Health
        full = match.group()[: match.start("core") - match.start() + len(core)]
        for head in (None, match["head"].lower()):
            found.setdefault((core, head), full)
    return found


def body_in_full(name: str, bodies: dict[tuple[str, str | None], str]) -> str:
    """A body's name as the article writes it in full with its "of" (`bodies`: bodies_in_full):
    "Environmental Protection" and "Environmental Protection Department" -> "Department of
    Environmental Protection". A name of one word takes it only with its head ("Justice
    Department"), not alone ("Michigan" is no University of Michigan)."""
    words = name.split()
    head = words[-1] if len(words) > 1 and BODY_HEAD.match(words[-1]) else None
    core = words[:-1] if head else words
    if len(core) < (1 if head else 2):
        return name
    return bodies.get((" ".join(core), head.lower() if head else None), name)
