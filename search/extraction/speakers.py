"""Pure: the people an article quotes or reports, and their quotations."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from ..models import Quote
from .attribution import Attributions, attributions_of
from .bodies import body_in_full, speaking_organisations
from .person_names import as_organisation, fullest_name, given_name_of
from .reported_speech import attributions_in
from .sentences import CLOSE_QUOTES, OPEN_QUOTES
from .set_apart import TURN
from .speech_words import VERBS as SPEECH_VERBS_BY_LANGUAGE

# The languages with attribution rules: English (attribution.py), German, French, Spanish, Italian,
# Portuguese, Dutch and Polish (reported_speech.py, its words in speech_words.py). Read on another
# language, English rules find form labels and credits ("Quelle: dpa", "Bild: shutterstock") where
# people are quoted: an article in another language gets no speakers until its own rules exist.
SPEAKER_LANGUAGES = frozenset({"en", *SPEECH_VERBS_BY_LANGUAGE})


def has_speaker_rules(language: str | None) -> bool:
    """Whether an article in `language` (None: not known) is read for speakers."""
    return language is None or language in SPEAKER_LANGUAGES


def attributions_for(paragraphs: list[str], language: str | None) -> Attributions:
    """The article's attributions by its language's rules; English ones for English or no language."""
    return attributions_in(paragraphs, language) if language in SPEECH_VERBS_BY_LANGUAGE \
        else attributions_of(paragraphs)


# "in Brussels", "across Ukraine", "in Greenbelt, Maryland": where a one-word name stands after these,
# it is a place.
LOCATIVE = r"\b(?:in|across|throughout|near|outside|inside|within)\s+"


def _places(text: str, names: list[str]) -> set[str]:
    """Those of the one-word names the article's text writes as places ("talks in Brussels"); not where
    the word is a possessive ("in Trump's view") or begins a longer name ("stakes in Alibaba Group")."""
    return {name for name in names
            if re.search(rf"{LOCATIVE}(?:[A-Z][\w'’.-]+,\s+)?{re.escape(name)}\b(?!['’]s|\s+[A-Z])", text)}


def _common_words(paragraphs: list[str]) -> set[str]:
    """The words the article writes in lower case: a one-word 'name' among them ("Neuroscience tells
    us") is a common noun that opened a sentence."""
    return {word for paragraph in paragraphs for word in re.findall(r"\b[a-z][a-z'-]+\b", paragraph)}


def _given_name_in_full(name: str, known, common: set[str], text: str) -> str:
    """A first name alone as the full name it begins (given_name_of), where the article wrote that
    full name before the first name alone and never after an article. A person is introduced in full
    ("Samantha Bielefeld … Samantha said"); a company's name alone comes first and its product or
    group after it ("Apple …  Apple Thunderbolt"), and a product takes an article ("the Harbourly
    Lens camera"), a person's name none."""
    full = given_name_of(name, known, common)
    if not full or re.search(rf"\b(?:[Tt]he|an?|An?)\s+{re.escape(full)}\b", text):
        return name
    alone = re.search(rf"\b{re.escape(name)}\b(?!\s+{re.escape(full.split(' ', 1)[1])})", text)
    return full if alone is None or text.find(full) < alone.start() else name


def _joined(paragraphs: list[str]) -> tuple[str, list[int]]:
    """The article's text, and where each paragraph starts in it."""
    starts, at = [], 0
    for paragraph in paragraphs:
        starts.append(at)
        at += len(paragraph) + 1
    return "\n".join(paragraphs), starts


def extract_speakers(paragraphs: Iterable[str], attributions: Attributions | None = None) -> tuple[str, ...]:
    """The people quoted or reported, by the fullest name the article gives, then the organisations
    that speak as such ("the ministry said"). `attributions`: the paragraphs' (attributions_of)."""
    paragraphs = list(paragraphs)
    attributions = attributions or attributions_of(paragraphs)
    known = attributions.known
    speakers: dict[str, None] = {}
    text, starts = _joined(paragraphs)
    for index, at, run in attributions.runs():
        if person := attributions.name_of(run):
            speakers.setdefault(fullest_name(person, known, not attributions.named, text, starts[index] + at), None)
    for organisation in speaking_organisations(paragraphs):
        speakers.setdefault(fullest_name(organisation, known), None)  # "Berg's rep told" -> Ulla Berg
    common = _common_words(paragraphs)
    places = _places(text, [name for name in speakers if " " not in name])
    # A surname listed before its full name was found collapses into it ("Martínez Roque" into
    # Carlos Martínez Roque), not a body into a longer one ("Health Ministry" beside the Palestinian
    # Health Ministry), and so does a family name written first ("Liu" into the speaker "Liu
    # Xiaoming") when no other name of the article begins with it ("Lee" stays beside Lee Jae-myung
    # and Lee Sang-min).
    names = list(dict.fromkeys(body_in_full(attributions.spelled_out.get(name)
                                            or _given_name_in_full(name, known, common, text), attributions.bodies)
                               for name in speakers
                               if " " in name or (name.lower() not in common and name not in places)))

    def family_first(name: str, other: str) -> bool:
        return " " not in name and len(other.split()) == 2 and other.startswith(name + " ") \
            and sum(full.startswith(name + " ") for full in known) == 1

    return tuple(n for n in names if as_organisation(n)
                 or not any(o != n and (o.endswith(" " + n) or family_first(n, o)) for o in names))


# Typographic apostrophes: "O’Brien" on one site and "O'Brien" on another are one person's name.
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})


def one_spelling(speakers: tuple[str, ...], quotes: tuple[Quote, ...]) -> tuple[tuple[str, ...], tuple[Quote, ...]]:
    """Speakers and their quotations' speakers with one apostrophe, as names are searched and listed."""
    return (tuple(dict.fromkeys(name.translate(APOSTROPHES) for name in speakers)),
            tuple(Quote(quote.speaker.translate(APOSTROPHES), quote.text) for quote in quotes))


MIN_QUOTE_WORDS = 4
QUOTATION = re.compile(rf"[{OPEN_QUOTES}](?P<text>[^{OPEN_QUOTES}{CLOSE_QUOTES}]+)[{CLOSE_QUOTES}]")
# German marks: „…“ and »…«, whose closing marks open or close quotations elsewhere.
GERMAN_QUOTATIONS = (re.compile(r"„(?P<text>[^„“”]+)[“”]"), re.compile(r"»(?P<text>[^»«]+)«"))


def quotations_in(paragraph: str) -> list[re.Match]:
    """The paragraph's quotations in order, in any language's marks."""
    german = [span for pattern in GERMAN_QUOTATIONS for span in pattern.finditer(paragraph)]
    if not german:
        return list(QUOTATION.finditer(paragraph))
    return sorted(german, key=lambda span: span.start())


def _distance(at: int, span: re.Match) -> int:
    if span.start() <= at <= span.end():
        return 0
    return min(abs(at - span.start()), abs(at - span.end()))


def _nearest(attributed: list[tuple[int, str]], positions: list[int], span: re.Match) -> str:
    """The speaker of the attribution nearest the quotation (the first of equals), found among the
    attributions around it (`positions`: theirs, in order), not all of a long paragraph's."""
    inside = bisect.bisect_left(positions, span.start())
    after = bisect.bisect_right(positions, span.end())
    first = bisect.bisect_left(positions, positions[inside - 1]) if inside else 0
    return min(attributed[first: after + 1], key=lambda attribution: _distance(attribution[0], span))[1]


def extract_quotes(paragraphs: Iterable[str], speakers: tuple[str, ...],
                   attributions: Attributions | None = None) -> tuple[Quote, ...]:
    """Each quotation of MIN_QUOTE_WORDS words or more, with one of `speakers` as its speaker.

    A quotation goes to the nearest attribution in its paragraph; a paragraph that opens with a
    quotation and names no one continues the last speaker of the paragraph before (news style).
    An interview turn is one quotation of its speaker. Scare quotes and unattributed ones are left out.
    `attributions`: the paragraphs' (attributions_of).
    """
    paragraphs = list(paragraphs)
    attributions = attributions or attributions_of(paragraphs)
    known = attributions.known

    text, starts = _joined(paragraphs)

    def resolve(run: str, index: int, at: int) -> str | None:
        person = attributions.name_of(run)
        if not person:
            return None
        name = body_in_full(attributions.spelled_out.get(person)
                            or fullest_name(person, known, True, text, starts[index] + at), attributions.bodies)
        return next((s for s in speakers if s == name or s.endswith(" " + name)), None) \
            or next((s for s in speakers if " " not in name and s.startswith(name + " ")), None)

    turn_labels = {index: label for index, _, label in attributions.turns}
    quotes: list[Quote] = []
    previous: str | None = None
    for index, paragraph in enumerate(paragraphs):
        if index in turn_labels:
            turn = TURN.match(paragraph)["text"].strip()
            if (speaker := resolve(turn_labels[index], index, 0)) and len(turn.split()) >= MIN_QUOTE_WORDS:
                quotes.append(Quote(speaker, turn))
                previous = speaker
            continue
        attributed = sorted((at, s) for at, run in attributions.paragraphs[index] if (s := resolve(run, index, at)))
        positions = [at for at, _ in attributed]
        said: dict[str, list[str]] = {}
        for span in quotations_in(paragraph):
            if len(span["text"].split()) < MIN_QUOTE_WORDS:
                continue
            if attributed:
                speaker = _nearest(attributed, positions, span)
            elif previous and paragraph.lstrip()[:1] in OPEN_QUOTES + "»":
                speaker = previous
            else:
                continue
            said.setdefault(speaker, []).append(span["text"].strip().rstrip(","))
        quotes.extend(Quote(speaker, " … ".join(parts)) for speaker, parts in said.items())
        if attributed:
            previous = attributed[-1][1]
    return tuple(quotes)


