"""Pure: where an English sentence attributes words to someone ("…, Rossi said"), and an article's
attributions, paragraph by paragraph, its pronouns given to whom they stand for (referents.py)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .bodies import SPOKESPEOPLE, bodies_in_full
from .person_names import (
    DEMONYM,
    ON_HEADS,
    ORGANISATION_NOUNS,
    TITLE_WORDS,
    acronyms_spelled_out,
    as_organisation,
    as_person,
    full_names,
    fullest_name,
    joined_body,
    owned_name,
)
from .referents import OBJECT_OF_PREPOSITION, last_body_before, last_person_before
from .sentences import CLOSE_QUOTES, NAME_RUN, NAME_WORD, OPEN_QUOTES, ending_at, has_quote, split_sentences
from .set_apart import interview_turns, with_credits
from .verb_senses import closes_reported_clause, in_another_sense, reports

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|stated|states|noted|notes|explained|explains|praised|praises|wrote|"
    "writes|asked|asks|warned|warns|argued|argues|declared|declares|announced|announces|insisted|insists|"
    "claimed|claims|tweeted|commented|replied|replies|urged|urges|stressed|stresses|emphasized|emphasised|"
    "continued|recalled|recalls|acknowledged|admitted|conceded|cautioned|remarked|concluded|predicted|"
    "pointed out|went on|testified|responded|posted|called|instructed|quipped|joked|fumed|shouted|countered|"
    "reiterated|reported|reports|chimed in|described|describes|recounted|lamented|boasted|vowed|vows|"
    "complained|confirmed|denied|observed|suggested|noting|saying|telling|adding|writing|warning|arguing|"
    "insisting|claiming|explaining|stressing|urging|describing|declaring|denies|confirms|estimated|estimates|"
    "predicts|admits|concedes|acknowledges|cautions|tweets|points out|responds|recounts|laments|complains|"
    "pledged|pledges|suggests|made clear|made it clear|issued a statement|released a statement|"
    "put out a statement|issued a press release|released a press release"
)
# Adverbs between a name and its verb: "Ann Lee also said", "has long argued", "later told".
ADVERB = r"(?:(?:also|later|then|still|already|once|since|further|again|long|often|[a-z]+ly)\s+)"
# lower-case words that may stand between the verb and the name: "said shopkeeper Petra Holm"
ROLE_WORD = r"(?:(?!(?:the|a|an|his|her|their|its|our|in|on|at|to|for|with|by|from|during|after|before|that|this|and|but|when|while|as|of)\b)[a-z][\w'’-]*\s+)"
ROLE_WORDS = rf"{ROLE_WORD}{{0,3}}"
# "said Swedish delegate Anna Karlsson": a nationality may lead the role words
NATIONALITY = rf"(?:{DEMONYM}\s+)?"
# "…," said Wales's first minister Mark Drakeford, "…," said the Acme Corp's chief executive Dana
# Whitfield: the owner named before the role is not the speaker.
QUOTE_THEN_VERB = re.compile(
    rf"[{CLOSE_QUOTES}]\s*,?\s*(?:{SPEECH_VERBS})\s+(?:(?:the\s+)?{NAME_RUN}['’]s\s+(?={ROLE_WORD}))?"
    rf"{NATIONALITY}{ROLE_WORDS}(?P<name>{NAME_RUN})")
# "…," said the clinic's manager, Fatima Diallo.
QUOTE_THEN_VERB_ROLE_NAME = re.compile(
    rf"[{CLOSE_QUOTES}]\s*,?\s*(?:{SPEECH_VERBS})\s+(?:the|a|an|his|her|its|their)\s+"
    rf"[^,{OPEN_QUOTES}{CLOSE_QUOTES}]{{1,60}},\s+(?P<name>{NAME_RUN})")
# "“…” — Ann Lee, mayor of Oslo": a quotation signed after a dash; not a title's ("“God’s Country” –
# Blake Shelton"), which ends in no punctuation.
QUOTE_THEN_DASH_NAME = re.compile(
    rf"[.!?,…][{CLOSE_QUOTES}]\s*[—–]\s*(?P<name>{NAME_RUN})\s*(?:,[^{OPEN_QUOTES}{CLOSE_QUOTES}]*)?$")
# "Opposition leader Paul Meyer was scathing: “…”"
NAME_THEN_COLON_QUOTE = re.compile(
    rf"(?P<name>{NAME_RUN})\s+(?:was|were|is|are|had\s+been)\s+[^.:{OPEN_QUOTES}{CLOSE_QUOTES}]{{1,40}}:\s*[{OPEN_QUOTES}]")
# A name whose words "of", "for" or "and" join: "Centers for Disease Control and Prevention".
# "Committee on Intelligence", not "Committee on Monday".
ON_JOINT = "(?:" + "|".join(rf"(?<=\b{head.capitalize()}\s)on" for head in ON_HEADS) \
    + r")(?!\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
JOINED_RUN = rf"{NAME_WORD}(?:\s+(?:(?:of|for|and|&|{ON_JOINT})\s+(?:the\s+)?)?{NAME_WORD}){{0,8}}"
# "Dylan Nelson, a fellow at the institute in Munich, Germany, and co-author of the study, said": an
# appositive may hold commas of its own. "… Kim Yong-hyun, who said he took …": a relative clause's
# subject is the name before it.
NAME_THEN_VERB = re.compile(
    rf"(?P<name>{NAME_RUN})(?:\s+\([^()]{{2,120}}\))?"
    rf"(?:(?:,\s+[^,;{OPEN_QUOTES}{CLOSE_QUOTES}]{{2,120}}){{1,4}},|,\s+who|,)?"
    rf"\s+(?:(?:has|had)\s+)?{ADVERB}?(?P<verb>{SPEECH_VERBS})\b"
)
# "Potholes form when water seeps into cracks, said Joe Carbone, who works ...": reported speech with
# the verb first, after the clause it reports.
# Not "told": the name after it is the listener. "said The We Company's executive chair Marcelo Claure":
# the speaker follows the organisation that employs them.
CLAUSE_THEN_VERB_NAME = re.compile(
    rf",\s+(?:said|says|added|explained|wrote|noted|warned)\s+(?:the\s+)?(?:{NAME_RUN}['’]s\s+)?{NATIONALITY}"
    rf"{ROLE_WORD}{{0,4}}(?P<name>{NAME_RUN})")
# "Reinholt praised the staff but said ...": the sentence's subject speaks in a later clause
# "In Washington, White House press secretary Josh Earnest condemned the attack and said": a place
# and the speaker's role may come first.
SUBJECT_THEN_SAID = re.compile(
    rf"^(?:(?:In|At|From)\s+[A-Z][^,]{{0,40}},\s+)?(?:(?:[A-Z][\w.'’-]*\s+){{1,3}}{ROLE_WORD}{{1,2}}(?={NAME_RUN}))?"
    rf"(?P<name>{NAME_RUN})(?:,\s+[^,]{{2,120}},)?\s+[a-z][^.;{OPEN_QUOTES}{CLOSE_QUOTES}]{{0,120}}?"
    r"\b(?:and|but)\s+(?:also\s+)?(?:said|says|told|added|warned)\b"
)
# "Ann Lee criticised the plan, saying it failed": the subject, its verb right after it.
SUBJECT_THEN_SAYING = re.compile(
    rf"^(?P<name>{NAME_RUN})(?:,\s+[^,]{{2,120}},)?\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\b"
    rf"[^.;{OPEN_QUOTES}{CLOSE_QUOTES}]{{0,120}}?,\s+(?:saying|adding|noting|arguing|warning)\b(?!\s+nothing\b)")
PRONOUN_SAID = re.compile(
    rf"(?:^|(?P<quote>[{CLOSE_QUOTES}]),?\s+|\.\s+)(?P<pronoun>he|she|He|She)\s+(?:(?:has|had)\s+)?(?:(?:always|also|later|"
    rf"repeatedly|often|never)\s+)?(?P<verb>{SPEECH_VERBS})\b"
)
# "…, returned to Harare on Wednesday, his spokesman said": a person's spokesperson or office speaks
# for the person 'his' or 'her' stands for.
THEIR_SPOKESPERSON_SAID = re.compile(
    rf"(?:^|(?P<quote>[{CLOSE_QUOTES}]),?\s+|[.,]\s+)(?P<pronoun>his|her|His|Her)\s+"
    rf"(?:spokes(?:man|woman|person)|office|representatives?|reps?)\s+(?:(?:has|had)\s+)?(?P<verb>{SPEECH_VERBS})\b")
PERSONAL_PRONOUN = {"his": "he", "her": "she"}
# "The Health Ministry has recorded 3,000 cases. It says ...", "..., it added.": 'it' speaks for a body.
IT_SAID = re.compile(rf"(?:^|(?P<quote>[{CLOSE_QUOTES}]),?\s+|\.\s+|,\s+)(?:It|it)\s+(?P<verb>{SPEECH_VERBS})\b")
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
# "according to a new Fast Company report", "according to a new survey from Piper Jaffray": the work's
# author speaks.
WORK = r"(?:report|story|survey|study|poll|analysis|investigation|article|review)"
ACCORDING_TO_WORK = re.compile(
    rf"\b(?i:according)\s+to\s+(?:(?:a|an|the)\s+)?(?:(?:new|recent|latest)\s+)?(?:(?P<name>{OUTLET})\s+{WORK}\b"
    rf"|(?:[\w-]+\s+){{0,2}}?{WORK}\s+(?:by|from)\s+(?:the\s+)?(?P<author>{JOINED_RUN}))")

# Not where a story of theirs is named: ACCORDING_TO_STORY reads that.
ACCORDING_TO = re.compile(
    rf"\b(?i:according)\s+to\s+(?!(?:the\s+)?{OUTLET}{ITS_STORY})"
    rf"(?:the\s+)?{ROLE_WORDS}(?P<name>{NAME_RUN})\b(?!\s+(?:{ORGANISATION_NOUNS})\b)")

# "The death was confirmed by the county's Chief Medical Examiner Dr. Laura Carbone": a passive
# report names who made it after "by"; not a work's author ("written by", "posted by").
SAID_BY = re.compile(
    rf"\b(?:was|were|has\s+been|had\s+been|is|are)\s+(?:confirmed|announced|reported|stated|denied|disclosed"
    rf"|revealed|said)\s+by\s+(?:the\s+)?(?:[a-z]+['’]s\s+)?(?P<name>{NAME_RUN})")

# "the power of Obama’s words: “…”", "Lee's statement read: “…”": a person's words before what was said.
WORDS_OF = re.compile(
    rf"(?P<name>{NAME_RUN})['’]s?\s+(?:own\s+)?(?:words|statement|message|remarks|response|reply|answer|tweet|speech)"
    rf"(?:\s+(?:read|reads|said|says))?\s*[:,]?\s*[{OPEN_QUOTES}]")

# "Makali wrote:" closing a paragraph: the block quotation after it is what was written.
INTRODUCES_BLOCK_QUOTE = re.compile(r"(?:\s+[\w.]+){0,4}?\s*:\s*$")
# "Rossi asked." after a quotation: a short sentence that only says who spoke
MAX_TAIL_WORDS = 8


def _sentence_attributions(sentence: str, after_quote: bool = False) -> list[tuple[int, str]]:
    """Attributions in one sentence; `after_quote` when a quotation ends just before it
    ("“Where did that come from?” Rossi asked." splits after the question mark)."""
    quoted = after_quote or has_quote(sentence)
    hits = [(m.start(), m["name"]) for pattern in (QUOTE_THEN_VERB, QUOTE_THEN_VERB_ROLE_NAME, NAME_THEN_COLON_QUOTE,
                                                   QUOTE_THEN_DASH_NAME)
            for m in pattern.finditer(sentence)]
    for m in _names_then_verbs(sentence):
        if quoted or reports(sentence, m) or closes_reported_clause(sentence, m) \
                or INTRODUCES_BLOCK_QUOTE.match(sentence, m.end()):
            name = _head_person(m["name"]) or m["name"]
            hits.extend((*_joint_speakers(sentence, m.start(), name), (m.start(), name)))
    hits += [(m.start(), m["name"]) for pattern in (ACCORDING_TO_STORY, CLAUSE_THEN_VERB_NAME, OUTLET_STORY, SAID_BY,
                                                    WORDS_OF)
             for m in pattern.finditer(sentence)]
    hits += [(m.start(), _whole_body(sentence, m)) for m in ACCORDING_TO.finditer(sentence)]
    hits += [(m.start(), m["name"] or m["author"]) for m in ACCORDING_TO_WORK.finditer(sentence)]
    for m in AMONG_THOSE.finditer(sentence):
        if reports(sentence, m) and (m["plural"] or not ending_at(AND_BEFORE, sentence, m.start())):
            listed = m["plural"] and ending_at(LISTED_BEFORE, sentence, m.start())
            hits.extend((listed.start() + run.start(), run.group())
                        for run in re.finditer(NAME_RUN, listed.group() if listed else ""))
            hits.append((m.start(), m["name"]))
    if (m := SUBJECT_THEN_SAID.match(sentence) or SUBJECT_THEN_SAYING.match(sentence)) \
            and not OWNER_OF_ROLE.match(sentence, m.start("name")):
        hits.append((0, m["name"]))
    return hits


# "Ann Lee and Bo Berg are among the actors who have said that …": each speaks.
AMONG_THOSE = re.compile(
    rf"(?P<name>{NAME_RUN})\s+(?:is|was|has\s+been|(?P<plural>are|were|have\s+been))\s+among\s+(?:the\s+)?"
    rf"(?:[\w-]+\s+){{0,3}}?(?:who|that)\s+(?:(?:have|has|had)\s+)?(?:also\s+)?(?P<verb>{SPEECH_VERBS})\b")


# "Pepsi, Coca-Cola, Costco and the vehicle-maker Winnebago are among retailers that said": a list
# before "are among" speaks whole; "Smith and Wesson is among" is one name.
LISTED_BEFORE = re.compile(rf"(?:{NAME_RUN},\s+)*{NAME_RUN},?\s+and\s+(?:the\s+(?:[a-z][\w-]*\s+){{0,3}})?$")


# "Norway's ambassador to Sweden accused …": the owner of a role is not who speaks.
OWNER_OF_ROLE = re.compile(rf"{NAME_RUN}['’]s\s+(?:[a-z]+\s+)?(?i:{'|'.join(sorted(TITLE_WORDS))})\b")


JOINED_NAME = re.compile(JOINED_RUN)


def _whole_body(sentence: str, match: re.Match) -> str:
    """The name a match found, or the body's whole name it begins ("according to the Centre for
    Disease Control" found "Centre")."""
    whole = JOINED_NAME.match(sentence, match.start("name"))
    longer = len(whole.group()) > len(match["name"]) and not _head_person(whole.group())
    return whole.group() if longer and as_organisation(whole.group()) else match["name"]


def _head_person(run: str) -> str | None:
    """The person a run names before the body they belong to: "Dr. Joneigh Khaldun of the Michigan
    Department of Health and Human Services" -> "Dr. Joneigh Khaldun"."""
    head = run.split(" of ")[0]
    person = head != run and as_person(head)
    return head if person and len(person.split()) >= 2 and not as_organisation(head) else None


# "Joe Biden and Kamala Harris said": both speak.
AND_BEFORE = re.compile(rf"(?P<name>{NAME_RUN})\s+and\s+$")


def _joint_speakers(sentence: str, at: int, name: str) -> list[tuple[int, str]]:
    """The speaker joined by "and" to the one whose name begins at `at`, before a speech verb, where
    both are named in full: "Emily Seidel and Noah Wall said", not "Smith and Wesson said"."""
    other = ending_at(AND_BEFORE, sentence, at)
    if other and all(len((as_person(run) or "").split()) >= 2 for run in (other["name"], name)):
        return [(other.start(), other["name"])]
    return []


# "a spokesperson for Sen. Kamala Harris said", "analysts at Halvik Securities said": a spokesperson,
# or people in the plural, speak for the name after "for" or "at"; "a professor at Harbour University"
# is one unnamed person, who speaks for no one.
SPEAKING_FOR = re.compile(rf"\b(?:(?i:{SPOKESPEOPLE})\s+(?:for|at)|(?i:[a-z]{{3,}}s)\s+at)\s+(?:the\s+)?$")


# "The Centers for Disease Control and Prevention said": a body's name may join names with "and".
JOINED_THEN_VERB = re.compile(rf"(?P<name>{JOINED_RUN})\s+(?:(?:has|had)\s+)?{ADVERB}?(?P<verb>{SPEECH_VERBS})\b")


# "As Trent Hamm at The Simple Dollar explains", "Anna Berg from Harbour University said": the
# person named before where they work speaks.
PERSON_AT_BODY_THEN_VERB = re.compile(
    rf"(?P<name>{NAME_RUN})\s+(?:at|from|with)\s+(?:the\s+)?{JOINED_RUN}\s+(?:(?:has|had)\s+)?(?P<verb>{SPEECH_VERBS})\b")


# Names joined by "and" or "or" ("A, B and C"): each is what the first is, a preposition's object
# too. A comma alone may set off an apposition ("the leader of Ennahda, Rachid Ghannouchi, said"),
# and a comma before "and" a clause ("on Friday, and Westchester County Executive George Latimer said").
COORDINATED_RUNS = re.compile(
    rf"{NAME_RUN}(?:(?:,\s+{NAME_RUN})+,?\s+(?:and|or|&)\s+{NAME_RUN}|\s+(?:and|or|&)\s+{NAME_RUN})?")


# "The fund is run by Ann Lee, who said …": a preposition's object is the subject of a "who" clause.
WHO = re.compile(rf",\s+who\s+(?:(?:has|had)\s+)?{ADVERB}?(?:{SPEECH_VERBS})\b")


def _names_then_verbs(sentence: str) -> Iterator[re.Match]:
    """NAME_THEN_VERB at each run of capitalised words in turn: a match whose run names no one ("In
    November, Maryam Rajavi, President-elect of ..., said") gives way to the next run."""
    at = 0
    for run in re.finditer(NAME_RUN, sentence):
        if run.start() < at:
            continue
        if ending_at(OBJECT_OF_PREPOSITION, sentence, run.start()) \
                and not ending_at(SPEAKING_FOR, sentence, run.start()) and not WHO.match(sentence, run.end()):
            at = COORDINATED_RUNS.match(sentence, run.start()).end()  # "in San Francisco and Los Angeles"
            continue
        at_body = PERSON_AT_BODY_THEN_VERB.match(sentence, run.start())
        if at_body and (person := as_person(at_body["name"])) and len(person.split()) >= 2 \
                and not as_organisation(at_body["name"]):
            yield at_body
            at = at_body.end()
            continue
        joined = JOINED_THEN_VERB.match(sentence, run.start())
        if joined and (joined_body(joined["name"]) or _head_person(joined["name"])
                       or " on " in joined["name"] and as_organisation(joined["name"]) and reports(sentence, joined)):
            yield joined
            at = joined.end()
            continue
        match = NAME_THEN_VERB.match(sentence, run.start())
        if match and in_another_sense(sentence, match):
            match = None
        if match and as_person(match["name"]):
            yield match
            at = match.end()


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


# How far back a pronoun's person is looked for, where the paragraph has named no speaker before it.
PRONOUN_REACH = 2000


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
        before = paragraph[max(0, start - 20):start].rstrip()
        after_quote = bool(before) and before[-1] in CLOSE_QUOTES and len(sentence.split()) <= MAX_TAIL_WORDS
        hits.extend((start + at, _without_owner(name, known))
                    for at, name in _sentence_attributions(sentence, after_quote))
    starts = [start for start, _ in sentences]
    ordered = sorted(hits)
    for pattern, is_referent, last_named in (
            (PRONOUN_SAID, lambda name: True,
             lambda text, known, match: last_person_before(text, known, match["pronoun"])),
            (THEIR_SPOKESPERSON_SAID, as_person,
             lambda text, known, match: last_person_before(text, known, PERSONAL_PRONOUN[match["pronoun"].lower()])),
            (IT_SAID, as_organisation, lambda text, known, match: last_body_before(text, known))):
        for match in pattern.finditer(paragraph):
            # "He posted an elite grade": the verb in another sense reports nothing.
            at = bisect.bisect_right(starts, match.start("verb")) - 1
            sentence = sentences[at][1] if at >= 0 else ""
            if not (match["quote"] or reports(paragraph, match) or has_quote(sentence)):
                continue
            earlier = bisect.bisect_left(ordered, (match.start(), ""))
            referent = next((ordered[k][1] for k in range(earlier - 1, -1, -1) if is_referent(ordered[k][1])), None) \
                or last_named(paragraph[max(0, match.start() - PRONOUN_REACH): match.start() + 1], known, match)
            if referent:
                hits.append((match.start(), referent))
                bisect.insort(ordered, (match.start(), referent))
    return hits


def _without_owner(run: str, known: Counter) -> str:
    """A name run without the owner before a person named in full there ("NASA's Steve Clarke") or
    elsewhere in the article ("RedMonk's Stephens" -> "Stephens"); any other run unchanged
    ("McDonald's Corp", "South Dakota's Department of Social Services")."""
    owned = owned_name(run)
    if owned == run:
        return run
    person = as_person(owned)
    named_in_full = bool(person) and len(person.split()) >= 2 and not as_organisation(owned)
    return owned if named_in_full or fullest_name(owned, known) != owned else run


@dataclass(frozen=True)
class Attributions:
    """Whom an article attributes words to, read once: the full names it spells out, each paragraph's
    attributions (position, name run), its interview turns (paragraph, 0, label), and the acronyms
    and bodies it spells out (written_in_full). `named`: the runs were read by another language's
    rules, which also name institutions that language writes in lower case ("ministère des Affaires
    étrangères")."""

    known: Counter
    paragraphs: tuple[list[tuple[int, str]], ...]
    turns: tuple[tuple[int, int, str], ...]
    spelled_out: dict[str, str]
    bodies: dict[tuple[str, str | None], str]
    named: bool = False

    def name_of(self, run: str) -> str | None:
        """The person or organisation a run names."""
        return as_person(run) or (run if self.named and run[:1].islower() else None)

    def runs(self) -> Iterator[tuple[int, int, str]]:
        """(paragraph, position, name run) of each attribution, in the order the article makes them."""
        found = [(p_index, at, name) for p_index, hits in enumerate(self.paragraphs) for at, name in hits]
        found.extend(self.turns)
        yield from sorted(found)


def written_in_full(paragraphs: list[str]) -> tuple[dict[str, str], dict[tuple[str, str | None], str]]:
    """The names an article writes short and spells out elsewhere, read once for its speakers and
    quotations: its acronyms (acronyms_spelled_out) and its bodies with their "of" (bodies_in_full)."""
    text = "\n".join(paragraphs)
    return acronyms_spelled_out(text), bodies_in_full(text)


def attributions_of(paragraphs: list[str]) -> Attributions:
    known = _known_full_names(paragraphs)
    found = [_paragraph_attributions(paragraph, known) for paragraph in paragraphs]
    return Attributions(known, with_credits(found, paragraphs, as_person), tuple(interview_turns(paragraphs)),
                        *written_in_full(paragraphs))


# "Gov. Kristi NoemKristi Lynn Noem...": a name card's text run into the name before it. Two short
# capitals ("McDonald", "DeSantis", "LeBron") stay one word.
GLUED_WORDS = re.compile(r"\b([A-Z][a-z]{3,})(?=[A-Z][a-z])")


def _known_full_names(texts: Iterable[str]) -> Counter:
    """Every multi-word name the article spells out, titles removed."""
    texts = (GLUED_WORDS.sub(r"\1; ", text.replace("[", "").replace("]", "")) for text in texts)
    return full_names(run.group() for text in texts for sentence in split_sentences(set_off_offices(text))
                      for run in re.finditer(NAME_RUN, sentence))
