"""Pure: whom "he", "she" and "it" stand for: the person, or the body, a paragraph named before them."""

from __future__ import annotations

import re
from collections import Counter

from .person_names import as_organisation, as_person, fullest_name
from .sentences import CLOSE_QUOTES, NAME_RUN, OPEN_QUOTES, ending_at, split_sentences

# "70 percent of Americans say", "a professor at Harbour University said": a name right after a
# preposition is its object; the one who speaks is the noun the preposition hangs on.
OBJECT_OF_PREPOSITION = re.compile(r"\b(?:of|for|in|at|from|by|to|on|about|against|over)\s+(?:the\s+)?$")


QUOTED_SPAN = re.compile(rf"[{OPEN_QUOTES}][^{CLOSE_QUOTES}]*[{CLOSE_QUOTES}]?")


# "he" or "she" is never an institution ("an astronomer at Harvard University ... she said").
INSTITUTION = re.compile(r"\b(?:University|College|School|Hospital|Center|Centre|Institute|Foundation|Group|"
                         r"Party|Court|Club|Inc|Corp|Company|Agency|Ministry|Department|Office)\b")


# A name after these is where something happened or whom it went to, not who speaks next ("returned to
# Harbour City"; "a big night for Ivo Lunde" is).
AT_PLACE = re.compile(r"\b(?:in|at|near|across|throughout|outside|inside|within|from|to)\s+(?:the\s+)?$")


# "To Lorenz’s delight, Hamilton …": a sentence's opening preposition makes the name after it its
# object, not the sentence's subject.
OPENING_PREPOSITION = re.compile(r"(?:To|From|For|By|With|Of|On|About|Against|Unlike|Like|Despite)\s")


def last_person_before(text: str, known: Counter, pronoun: str = "") -> str | None:
    """Whom a following 'she said' refers to: the subject of the last sentence that names someone
    outside quotations ("Carol Hefner, a co-chair of Trump's campaign, cited …"), else the last person
    it names. A single word counts when the article names someone by it in full ("Stadia" is a
    product, "Buser" is Jack Buser). A sentence whose subject is the same pronoun ("He was with Mia
    Farrow for a decade. “…,” he writes") is about the same person: the names in it are others."""
    for sentence in reversed(split_sentences(QUOTED_SPAN.sub(" ", text))):
        if pronoun and re.match(rf"[\s{OPEN_QUOTES}(]*{pronoun}\b", sentence, re.IGNORECASE):
            continue
        people = [(match.start(), person) for match in re.finditer(NAME_RUN, sentence)
                  if not ending_at(AT_PLACE, sentence, match.start()) and not OPENING_PREPOSITION.match(match.group())
                  and (person := person_named(match.group(), known))]
        if people:
            return people[0][1] if people[0][0] == 0 else people[-1][1]
    return None


def person_named(run: str, known: Counter) -> str | None:
    person = as_person(run)
    if person and not INSTITUTION.search(person) and not as_organisation(person) \
            and (len(person.split()) >= 2 or fullest_name(person, known) != person):
        return person
    return None


def last_body_before(text: str, known: Counter) -> str | None:
    """The last organisation named in `text` as the subject of its clause, outside quotations."""
    text = QUOTED_SPAN.sub(" ", text)
    for match in reversed(list(re.finditer(NAME_RUN, text))):
        if not ending_at(OBJECT_OF_PREPOSITION, text, match.start()) and (body := as_organisation(match.group())):
            return body
    return None
