"""Pure: where a sentence attributes words to someone ("…, Rossi said"), and the sentences of a paragraph."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .person_names import ORGANISATION_NOUNS, as_organisation, as_person, full_names, fullest_name, owned_name

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|stated|states|noted|notes|explained|explains|praised|praises|wrote|"
    "writes|asked|asks|warned|warns|argued|argues|declared|declares|announced|announces|insisted|insists|"
    "claimed|claims|tweeted|commented|replied|replies|urged|urges|stressed|stresses|emphasized|emphasised|"
    "continued|recalled|recalls|acknowledged|admitted|conceded|cautioned|remarked|concluded|predicted|"
    "pointed out|went on|testified|responded|posted|called|instructed|quipped|joked|fumed|shouted|countered|"
    "reiterated|reported|reports|chimed in|described|describes|recounted|lamented|boasted|vowed|vows|"
    "complained|confirmed|denied|observed|suggested|noting|saying|telling|adding|writing|warning|arguing|"
    "insisting|claiming|explaining|stressing|urging|describing|declaring|denies|confirms|estimated|estimates|"
    "predicts|admits|concedes|acknowledges|cautions|tweets|points out|responds|recounts|laments|complains"
)
# Verbs that report speech even without quotation marks ("Brenner said leaks were part of the problem").
STRONG_VERBS = {"said", "says", "told", "tells", "added", "adds", "warned", "warns", "explained", "explains",
                "stressed", "insisted", "argued", "admitted", "testified", "predicted"}
OPEN_QUOTES, CLOSE_QUOTES = "\"“«„", "\"”»"
NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.\-]*"
NAME_RUN = rf"{NAME_WORD}(?:\s+(?:(?:de|da|del|der|van|von|al|bin|la|le|dos|du|of|for\s+the)\s+)?{NAME_WORD}){{0,6}}"
# lower-case words that may stand between the verb and the name: "said shopkeeper Petra Holm"
ROLE_WORD = r"(?:(?!(?:the|a|an|his|her|their|its|our|in|on|at|to|for|with|by|from|during|after|before|that|this|and|but|when|while|as|of)\b)[a-z][\w'’-]*\s+)"
ROLE_WORDS = rf"{ROLE_WORD}{{0,3}}"
# "said Swedish delegate Anna Karlsson": a nationality may lead the role words
DEMONYM = r"[A-Z][a-z]+(?:ish|ese|ian|an|i)"
NATIONALITY = rf"(?:{DEMONYM}\s+)?"
# An owner's possessive ending: "Russia's" -> "Russia", where "Swiss" keeps its s.
POSSESSIVE = re.compile(r"[’']s?$")
# "…," said Wales's first minister Mark Drakeford, "…," said the Acme Corp's chief executive Dana
# Whitfield: the owner named before the role is not the speaker.
QUOTE_THEN_VERB = re.compile(
    rf"[{CLOSE_QUOTES}]\s*,?\s*(?:{SPEECH_VERBS})\s+(?:(?:the\s+)?{NAME_RUN}['’]s\s+(?={ROLE_WORD}))?"
    rf"{NATIONALITY}{ROLE_WORDS}(?P<name>{NAME_RUN})")
# "…," said the clinic's manager, Fatima Diallo.
QUOTE_THEN_VERB_ROLE_NAME = re.compile(
    rf"[{CLOSE_QUOTES}]\s*,?\s*(?:{SPEECH_VERBS})\s+(?:the|a|an|his|her|its|their)\s+"
    rf"[^,{OPEN_QUOTES}{CLOSE_QUOTES}]{{1,60}},\s+(?P<name>{NAME_RUN})")
# "Opposition leader Paul Meyer was scathing: “…”"
NAME_THEN_COLON_QUOTE = re.compile(
    rf"(?P<name>{NAME_RUN})\s+(?:was|were|is|are|had\s+been)\s+[^.:{OPEN_QUOTES}{CLOSE_QUOTES}]{{1,40}}:\s*[{OPEN_QUOTES}]")
# Organisations speak as "the agriculture ministry said" or "according to the statistics office".
ORGANISATION = rf"(?:[a-z][\w'-]*\s+){{0,2}}(?:{ORGANISATION_NOUNS})"
# Spokespeople and officials speak for the organisation named with them: "said a WeWork spokesperson",
# "Con Edison officials say", "a spokesperson for the British Foreign Office said".
SPOKESPEOPLE = r"(?:spokes(?:man|woman|person|people)|officials?|representatives?)"
ORGANISATION_SPOKESPEOPLE = re.compile(
    rf"(?:\b(?:said|says|told)\s+(?:a|an|the)\s+(?P<org>{NAME_RUN})\s+{SPOKESPEOPLE}\b"
    rf"|\b(?P<org2>{NAME_RUN})\s+{SPOKESPEOPLE}\s+(?:said|says|say|told)\b"
    rf"|\b{SPOKESPEOPLE}\s+for\s+(?:the\s+)?(?P<org3>{NAME_RUN})\s+(?:said|says|told)\b)")
ORGANISATION_SAID = re.compile(
    rf"\bthe\s+(?P<org>{ORGANISATION})\s+(?:said|says|announced|confirmed|reported|warned|added|stated)\b")
# "West Mercia police said", "Russia's foreign ministry said": the owner's name before the noun
# names the organisation. Not "the Albania government announced": a country's government is left
# out, as the seed labels leave it out.
NAMED_ORGANISATION_SAID = re.compile(
    rf"(?<![\w'’])(?P<org>(?:[A-Z][\w'’.-]*\s+){{0,3}}[A-Z][\w'’.-]*\s+(?:[a-z][\w-]*\s+)?"
    rf"(?!government)(?:{ORGANISATION_NOUNS}))"
    r"\s+(?:said|says|announced|confirmed|reported|warned|added|stated)\b")
ORGANISATION_ACCORDING_TO = re.compile(
    rf"\b(?i:according)\s+to\s+(?:(?:a|an|the)\s+)?(?:[a-z]+\s+){{0,3}}?(?:by\s+)?the\s+(?P<org>{ORGANISATION})\b")
# "Dylan Nelson, a fellow at the institute in Munich, Germany, and co-author of the study, said": an
# appositive may hold commas of its own.
NAME_THEN_VERB = re.compile(
    rf"(?P<name>{NAME_RUN})(?:\s+\([^()]{{2,120}}\))?(?:(?:,\s+[^,;{OPEN_QUOTES}{CLOSE_QUOTES}]{{2,120}}){{1,4}},|,)?"
    rf"\s+(?:(?:has|had)\s+)?(?:[a-z]+ly\s+)?(?P<verb>{SPEECH_VERBS})\b"
)
# "Potholes form when water seeps into cracks, said Joe Carbone, who works ...": reported speech with
# the verb first, after the clause it reports.
# Not "told": the name after it is the listener. "said The We Company's executive chair Marcelo Claure":
# the speaker follows the organisation that employs them.
CLAUSE_THEN_VERB_NAME = re.compile(
    rf",\s+(?:said|says|added|explained|wrote|noted|warned)\s+(?:the\s+)?(?:{NAME_RUN}['’]s\s+)?{NATIONALITY}"
    rf"{ROLE_WORD}{{0,4}}(?P<name>{NAME_RUN})")
# "Reinholt praised the staff but said ...": the sentence's subject speaks in a later clause
SUBJECT_THEN_SAID = re.compile(
    rf"^(?P<name>{NAME_RUN})(?:,\s+[^,]{{2,120}},)?\s+[a-z][^.;{OPEN_QUOTES}{CLOSE_QUOTES}]{{0,120}}?"
    r"\b(?:and|but)\s+(?:also\s+)?(?:said|says|told|added|warned)\b"
)
PRONOUN_SAID = re.compile(
    rf"(?:^|(?P<quote>[{CLOSE_QUOTES}]),?\s+|\.\s+)(?:he|she|He|She)\s+(?P<verb>{SPEECH_VERBS})\b"
)
# "as Hackaday's March story explains", "according to The Verge's review": a story speaks for the
# outlet that ran it.
OUTLET = r"(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*"
# What follows an outlet's name in "Hackaday's March story": its possessive, a word or two, the story.
ITS_STORY = r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:story|report|review|article|analysis|investigation|piece|post|" \
            r"editorial|interview)\b"
OUTLET_STORY = re.compile(
    rf"(?P<name>{OUTLET}){ITS_STORY}\s+(?:explains|explained|says|said|notes|noted|"
    rf"reports|reported|found|finds|states|stated|argues|argued)\b")
ACCORDING_TO_STORY = re.compile(rf"\b(?i:according)\s+to\s+(?:the\s+)?(?P<name>{OUTLET}){ITS_STORY}")

# Not where a story of theirs is named: ACCORDING_TO_STORY reads that.
ACCORDING_TO = re.compile(
    rf"\b(?i:according)\s+to\s+(?!(?:the\s+)?{OUTLET}{ITS_STORY})"
    rf"(?:the\s+)?{ROLE_WORDS}(?P<name>{NAME_RUN})\b(?!\s+(?:{ORGANISATION_NOUNS})\b)")
TURN = re.compile(rf"^(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}):\s+(?P<text>\S.*)$")
SENTENCE_END = re.compile(r"[.!?…][\"”’]?\s+(?=[\"“‘]?[A-Z])")
ABBREVIATION = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Prof|Jr|Sr|Inc|Co|No|vs|Sgt|Adm|Hon|Rev)\.$")

def split_sentences(paragraph: str) -> list[str]:
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(paragraph):
        if ABBREVIATION.search(paragraph[start: match.start() + 1]):
            continue
        sentences.append(paragraph[start: match.end()].strip())
        start = match.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


def has_quote(text: str) -> bool:
    return any(ch in text for ch in OPEN_QUOTES + CLOSE_QUOTES)


# "Makali wrote:" closing a paragraph: the block quotation after it is what was written.
INTRODUCES_BLOCK_QUOTE = re.compile(r"(?:\s+[\w.]+){0,4}?\s*:\s*$")
# "Rossi asked." after a quotation: a short sentence that only says who spoke
MAX_TAIL_WORDS = 8


def _sentence_attributions(sentence: str, after_quote: bool = False) -> list[tuple[int, str]]:
    """Attributions in one sentence; `after_quote` when a quotation ends just before it
    ("“Where did that come from?” Rossi asked." splits after the question mark)."""
    quoted = after_quote or has_quote(sentence)
    hits = [(m.start(), m["name"]) for pattern in (QUOTE_THEN_VERB, QUOTE_THEN_VERB_ROLE_NAME, NAME_THEN_COLON_QUOTE)
            for m in pattern.finditer(sentence)]
    for m in _names_then_verbs(sentence):
        if quoted or _reports(sentence, m) or _closes_reported_clause(sentence, m) \
                or INTRODUCES_BLOCK_QUOTE.match(sentence, m.end()):
            hits.append((m.start(), m["name"]))
    hits += [(m.start(), m["name"])
             for pattern in (ACCORDING_TO_STORY, ACCORDING_TO, CLAUSE_THEN_VERB_NAME, OUTLET_STORY)
             for m in pattern.finditer(sentence)]
    if m := SUBJECT_THEN_SAID.match(sentence):
        hits.append((0, m["name"]))
    return hits


# "Bloomberg reported WeWork is ...", "Police confirmed the death": what follows is what they said,
# unless the verb takes another sense ("reported to him", "reports of ...", "denied bail", "reported a
# record profit", "announced a new product").
NEWS_VERBS = {"reported", "reports", "confirmed", "confirms", "denied", "denies", "estimated", "estimates",
              "announced", "announces"}
NOT_NEWS = re.compile(r"\s+(?:to|for|by|of|from|at(?!\s+least)|in|back|missing|bail|entry|access|permission|a|an|its|their|"
                      r"record|profits?|losses?|revenues?|earnings|sales|growth)\b")
# "reported on Sunday that …": what follows the verb is reported speech.
REPORTED_THAT = re.compile(r"(?:\s+[\w.]+){0,3}?\s+that\b")


def _reports(text: str, match: re.Match) -> bool:
    """Whether a speech verb (the match's `verb`, ending it) reports words without quotation marks:
    it only can ("said"), words follow as a clause ("confirmed that"), or it is news ("reported the
    deal was off") and takes none of its other senses."""
    verb = match["verb"]
    return verb in STRONG_VERBS or bool(REPORTED_THAT.match(text, match.end())) \
        or verb in NEWS_VERBS and not NOT_NEWS.match(text, match.end())
SENTENCE_CLOSE = re.compile(r"\s*[.!?]?[\"”’]?\s*$")


def _closes_reported_clause(sentence: str, match: re.Match) -> bool:
    """"…, Reuters reported.": a name and its speech verb after a comma, ending the sentence,
    report the clause before them."""
    return bool(SENTENCE_CLOSE.fullmatch(sentence, match.end())) and bool(AFTER_COMMA.search(sentence[:match.start()]))


AFTER_COMMA = re.compile(r",\s*(?:the\s+)?$")


# "70 percent of Americans say", "the High Commissioner for Human Rights said": a name right after a
# preposition is its object; the one who speaks is the noun the preposition hangs on.
# "a spokesperson for Sen. Kamala Harris said" is the exception: the spokesperson speaks for the name.
OBJECT_OF_PREPOSITION = re.compile(r"\b(?:of|for|in|from|by|to|on|about|against|over)\s+$")
SPEAKING_FOR = re.compile(rf"\b{SPOKESPEOPLE}\s+for\s+$")


# Verbs that are also plural nouns ("Arab states to have signed", "Trump claims of fraud") speak only
# when what follows is what was said.
NOUN_LIKE_VERBS = {"states", "claims", "notes", "posts", "calls", "remarks", "comments", "replies"}
SPEECH_FOLLOWS = re.compile(rf"\s*(?:that\b|[,:{OPEN_QUOTES}]|$)")
# "the Nasdaq added 20.72 points": a sum after 'added' is a market's move, not words.
ADDED_SUM = re.compile(r"\s+[\d$€£]")


def _names_then_verbs(sentence: str) -> Iterator[re.Match]:
    """NAME_THEN_VERB at each run of capitalised words in turn: a match whose run names no one ("In
    November, Maryam Rajavi, President-elect of ..., said") gives way to the next run."""
    at = 0
    for run in re.finditer(NAME_RUN, sentence):
        if run.start() < at:
            continue
        before = sentence[:run.start()]
        if OBJECT_OF_PREPOSITION.search(before) and not SPEAKING_FOR.search(before):
            continue
        match = NAME_THEN_VERB.match(sentence, run.start())
        if match and (match["verb"] in NOUN_LIKE_VERBS and not SPEECH_FOLLOWS.match(sentence, match.end())
                      or match["verb"] in ("added", "adds") and ADDED_SUM.match(sentence, match.end())):
            match = None
        if match and as_person(match["name"]):
            yield match
            at = match.end()


QUOTED_SPAN = re.compile(rf"[{OPEN_QUOTES}][^{CLOSE_QUOTES}]*[{CLOSE_QUOTES}]?")


# "he" or "she" is never an institution ("an astronomer at Harvard University ... she said").
INSTITUTION = re.compile(r"\b(?:University|College|School|Hospital|Center|Centre|Institute|Foundation|Group|"
                         r"Party|Court|Club|Inc|Corp|Company|Agency|Ministry|Department|Office)\b")


def _last_person_before(text: str, known: Counter) -> str | None:
    """The last person named in `text` outside quotations: whom a following 'she said' refers to. A
    single word counts when the article names someone by it in full ("Stadia" is a product, "Buser"
    is Jack Buser)."""
    for match in reversed(list(re.finditer(NAME_RUN, QUOTED_SPAN.sub(" ", text)))):
        person = as_person(match.group())
        if person and not INSTITUTION.search(person) and not as_organisation(person) \
                and (len(person.split()) >= 2 or fullest_name(person, known) != person):
            return person
    return None


# "China's ambassador to Britain Liu Xiaming said", "special envoy to Ukraine Kurt Volker": the
# office's place (one word) ends before its holder's name, as a comma would say; not where the words
# after it name an organisation ("a spokesperson for the British Foreign Office").
OFFICE_AT_PLACE = re.compile(
    r"\b(?:ambassador|envoy|adviser|advisor|representative|minister|secretary|delegate|consul|correspondent|"
    r"coordinator|commissioner|director|spokes(?:man|woman|person))\s+(?:to|for|in|at)\s+(?:the\s+)?"
    r"[A-Z][\w'’-]+(?=\s+[A-Z][\w'’.-]+\s+[A-Z])"
    rf"(?!(?:\s+[A-Z][\w'’.-]+){{1,4}}\s+(?i:{ORGANISATION_NOUNS})\b)")


def set_off_offices(text: str) -> str:
    return OFFICE_AT_PLACE.sub(lambda office: office.group() + ",", text)


def _paragraph_attributions(paragraph: str, known: Counter) -> list[tuple[int, str]]:
    """(position, name run) for each attribution; 'he said' goes to the paragraph's last speaker so far,
    or else to the last person it names."""
    paragraph = set_off_offices(paragraph)
    hits: list[tuple[int, str]] = []
    sentences: list[tuple[int, str]] = []  # (start, sentence)
    offset = 0
    for sentence in split_sentences(paragraph):
        start = paragraph.find(sentence, offset)
        offset = start + len(sentence)
        sentences.append((start, sentence))
        before = paragraph[:start].rstrip()
        after_quote = bool(before) and before[-1] in CLOSE_QUOTES and len(sentence.split()) <= MAX_TAIL_WORDS
        hits.extend((start + at, _without_owner(name, known))
                    for at, name in _sentence_attributions(sentence, after_quote))
    for match in PRONOUN_SAID.finditer(paragraph):
        # "He posted an elite grade": the verb in another sense reports nothing.
        sentence = next((text for start, text in reversed(sentences) if start <= match.start("verb")), "")
        if not (match["quote"] or _reports(paragraph, match) or has_quote(sentence)):
            continue
        earlier = [name for at, name in sorted(hits) if at < match.start()]
        person = earlier[-1] if earlier else _last_person_before(paragraph[: match.start() + 1], known)
        if person:
            hits.append((match.start(), person))
    return hits


def _without_owner(run: str, known: Counter) -> str:
    """A name run without the owner before a person the article names in full ("RedMonk's Stephens"
    -> "Stephens"); any other run unchanged ("McDonald's Corp")."""
    owned = owned_name(run)
    return owned if owned != run and fullest_name(owned, known) != owned else run


@dataclass(frozen=True)
class Attributions:
    """Whom an article attributes words to, read once: the full names it spells out, each paragraph's
    attributions (position, name run), and its interview turns (paragraph, 0, label). `named`: the
    runs were read by another language's rules, which also name institutions that language writes in
    lower case ("ministère des Affaires étrangères")."""

    known: Counter
    paragraphs: tuple[list[tuple[int, str]], ...]
    turns: tuple[tuple[int, int, str], ...]
    named: bool = False

    def name_of(self, run: str) -> str | None:
        """The person or organisation a run names."""
        return as_person(run) or (run if self.named and run[:1].islower() else None)

    def runs(self) -> Iterator[str]:
        """Captured name runs in the order the article attributes them."""
        found = [(p_index, at, name) for p_index, hits in enumerate(self.paragraphs) for at, name in hits]
        found.extend(self.turns)
        for _, _, name in sorted(found):
            yield name


def attributions_of(paragraphs: list[str]) -> Attributions:
    known = _known_full_names(paragraphs)
    found = [_paragraph_attributions(paragraph, known) for paragraph in paragraphs]
    return Attributions(known, with_credits(found, paragraphs, as_person), tuple(interview_turns(paragraphs)))


# "“…”" and, on the line after it, "Isabel Reinoso, directora del centro": a quotation set apart, its
# speaker named after it with their role, as a caption names who speaks.
# The role holds a word in lower case: "Anna Berger, Leiterin der Schule", not a list of names.
CREDIT_LINE = re.compile(
    rf"^(?P<name>{NAME_RUN}),\s+(?=[^.!?:;]*\b[a-zà-ÿ])[^\W\d_][^.!?:;{OPEN_QUOTES}{CLOSE_QUOTES}]*$")
MAX_CREDIT_WORDS = 12


def with_credits(found: list[list[tuple[int, str]]], paragraphs: list[str],
                 name_of: Callable[[str], str | None]) -> tuple[list[tuple[int, str]], ...]:
    """Each paragraph's attributions (position, name), and, for a paragraph that is a quotation
    alone and attributes it to no one, the name that the line after it credits (at its end)."""
    found = [list(hits) for hits in found]
    for index in range(len(paragraphs) - 1):
        quoted, credit = paragraphs[index].strip(), paragraphs[index + 1].strip()
        alone = quoted[:1] in OPEN_QUOTES + "»" and quoted.rstrip(".,;")[-1:] in CLOSE_QUOTES + "«“"
        if found[index] or not alone:
            continue
        if len(credit.split()) <= MAX_CREDIT_WORDS and (line := CREDIT_LINE.match(credit)) \
                and (name := name_of(line["name"])):
            found[index].append((len(paragraphs[index]), name))
    return tuple(found)


def _not_spoken(text: str) -> bool:
    """Whether a text after a label is no words spoken: values, a third of its words or more numbers
    ("Portion Fix Containers: 1 Green, 1 Red, 1 tsp.", "Price: £40 (€45)"); or a heading or a
    link's title, three words or more, most of them capitalised, no sentence's end ("Gallery: Harbour
    Works | 14 Photos", "Learn More: Ten Tips for Video")."""
    words = text.split()
    if sum(any(ch.isdigit() for ch in word) for word in words) * 3 >= len(words):
        return True
    lettered = [word for word in words if word[:1].isalpha()]
    return len(lettered) >= 3 and sum(word[0].isupper() for word in lettered) * 3 >= len(lettered) * 2 \
        and not re.search(r"[.!?…\"”]$", text.rstrip())


def interview_turns(paragraphs: list[str]) -> Iterator[tuple[int, int, str]]:
    """'Name: ...' paragraphs of an interview. A label counts when it opens two or more turns (not a
    heading) and fewer than half of its turns are questions (else it is the interviewer)."""
    turns = [(i, m["name"], m["text"]) for i, p in enumerate(paragraphs)
             if (m := TURN.match(p)) and not _not_spoken(m["text"])]
    counts = Counter(label for _, label, _ in turns)
    questions = Counter(label for _, label, text in turns if text.rstrip().endswith("?"))
    for i, label, _ in turns:
        if counts[label] >= 2 and questions[label] * 2 < counts[label]:
            yield (i, 0, label)


# "Gov. Kristi NoemKristi Lynn Noem...": a name card's text run into the name before it. Two short
# capitals ("McDonald", "DeSantis", "LeBron") stay one word.
GLUED_WORDS = re.compile(r"\b([A-Z][a-z]{3,})(?=[A-Z][a-z])")


def _known_full_names(texts: Iterable[str]) -> Counter:
    """Every multi-word name the article spells out, titles removed."""
    texts = (GLUED_WORDS.sub(r"\1; ", text.replace("[", "").replace("]", "")) for text in texts)
    return full_names(run.group() for text in texts for sentence in split_sentences(set_off_offices(text))
                      for run in re.finditer(NAME_RUN, sentence))
