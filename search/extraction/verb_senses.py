"""Pure: whether an English speech verb, where a sentence has it after a name, reports words: its
other senses ("reported a record profit", "added 20 points", "wrote the programs that …"), a
promise, and the sentence's word order (a participle of its subject, a speaker named after the
verb, a name and its verb after the clause they report)."""

from __future__ import annotations

import re

from .bodies import SPOKESPEOPLE
from .person_names import OWNER_ENDING, as_person
from .sentences import CLOSE_QUOTES, NAME_RUN, OPEN_QUOTES, ending_at

# Verbs that report speech even without quotation marks ("Brenner said leaks were part of the problem").
STRONG_VERBS = {"said", "says", "told", "tells", "added", "adds", "warned", "warns", "explained", "explains",
                "stressed", "insisted", "argued", "admitted", "testified", "predicted", "issued a statement",
                "released a statement", "put out a statement", "issued a press release", "released a press release"}
# "Bloomberg reported WeWork is ...", "Police confirmed the death": what follows is what they said,
# unless the verb takes another sense ("reported to him", "reports of ...", "denied bail", "reported a
# record profit", "announced a new product").
NEWS_VERBS = {"reported", "reports", "confirmed", "confirms", "denied", "denies", "estimated", "estimates",
              "announced", "announces"}
NOT_NEWS = re.compile(r"\s+(?:to|for|by|of|from|at(?!\s+least)|in|back|missing|bail|entry|access|permission|a|an|its|their|"
                      r"record|profits?|losses?|revenues?|earnings|sales|growth|"
                      # "the concept Jeff Bezos announced earlier this year": what was announced came before.
                      r"earlier|last|this|yesterday|today|recently)\b")
# "reported on Sunday that …": what follows the verb is reported speech.
REPORTED_THAT = re.compile(r"(?:\s+[\w.'’-]+){0,5}?\s+that\b")


def reports(text: str, match: re.Match) -> bool:
    """Whether a speech verb (the match's `verb`, ending it) reports words without quotation marks:
    it only can ("said"), words follow as a clause ("confirmed that"), it is news ("reported the
    deal was off") and takes none of its other senses, it promises ("pledged to punish"), or it
    closes an "as" clause before what was said ("As Ann Lee noted, the plan failed")."""
    verb = match["verb"]
    return verb in STRONG_VERBS or bool(REPORTED_THAT.match(text, match.end())) \
        and not (verb not in TELLING and OBJECT_THEN_THAT.match(text, match.end())) \
        or verb in NEWS_VERBS and not NOT_NEWS.match(text, match.end()) \
        or verb in PROMISES and bool(TO_DO.match(text, match.end())) \
        or _clause_follows(text, match.end()) or bool(PRONOUN_CLAUSE.match(text, match.end())) \
        or bool(IN_WORDS.match(text, match.end())) or _closes_as_clause(text, match)


# An "as" that opens a clause: at the sentence's start, after a comma or a dash, or after "but".
AS_BEFORE = re.compile(r"(?:^|[,;(—–]\s*|\b(?:But|And|but|and)\s+)[Aa]s\s+$")


def _closes_as_clause(text: str, match: re.Match) -> bool:
    """"As Ann Lee noted, …", "but, as the committee has pointed out, …": the verb and a comma close
    an "as" clause; the "As" opening a sentence is read into the name's run."""
    named = match.groupdict().get("name") or ""  # not every pattern that reaches here names a group so
    opens = named.startswith("As ") and AS_BEFORE.search(text, 0, match.start() + 3) \
        or AS_BEFORE.search(text, 0, match.start())
    return bool(opens) and text.startswith(",", match.end())


# "Lt. Cernich claimed the city council and the public were turning on police": a clause without
# "that", its finite verb a few words on, before any punctuation; not a relative clause ("praised the
# staff who were working") nor an infinitive ("urged the city to act").
CLAUSE_WORDS = re.compile(r"\s+([^,.;:!?()\"“”]{1,80})")
FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|could|should|can|may|might|must|did|does)\b")
RELATIVE = re.compile(r"\b(?:who|whom|whose|which|where|when|that|to|of|for|if|whether|because)\b")


def _clause_follows(text: str, at: int) -> bool:
    words = CLAUSE_WORDS.match(text, at)
    if not words:
        return False
    span = " ".join(words[1].split()[:8])
    finite = FINITE.search(span)
    return bool(finite) and finite.start() > 0 and not RELATIVE.search(span, 0, finite.start())


# "suggests you ask yourself …", "thinks we should wait": a subject pronoun after the verb opens the
# clause that was said; not an infinitive ("asked you to wait").
PRONOUN_CLAUSE = re.compile(r"\s+(?:I|we|they|she|he|you)\s+(?!to\b)[a-z]")
# "confirmed this in a statement", "denied it to reporters": what a verb does in a statement, an
# interview or to reporters is words, whatever its object.
IN_WORDS = re.compile(r"(?:\s+[\w'’-]+){0,4}?\s+(?:(?:in|via)\s+(?:a|an)\s+(?:[\w-]+\s+)?"
                      r"(?:statement|e-?mail|interview|tweet|post|letter|press\s+release)|to\s+reporters)\b")


# "wrote the specific programs that revealed …": after a verb that takes no listener, a noun and
# "that" open a relative clause, not what was said ("told the court that" does report).
OBJECT_THEN_THAT = re.compile(r"\s+(?:the|a|an|his|her|their|its|this|these|those)\s+(?:[\w-]+\s+){0,2}?that\b")
TELLING = {"told", "tells", "telling", "warned", "warns", "warning", "urged", "urges", "urging", "asked", "asks",
           "cautioned", "cautions", "instructed"}


# "Israel has pledged to punish the Authority": a promise is words.
PROMISES = {"pledged", "pledges", "vowed", "vows"}
TO_DO = re.compile(r"\s+to\s+[a-z]")


# Verbs that are also plural nouns ("Arab states to have signed", "Trump claims of fraud") speak only
# when what follows is what was said.
NOUN_LIKE_VERBS = {"states", "claims", "notes", "posts", "calls", "remarks", "comments", "replies"}
SPEECH_FOLLOWS = re.compile(rf"\s*(?:that\b|[,:{OPEN_QUOTES}]|$)")
# "the Nasdaq added 20.72 points", "Patton added to his collection of titles": a sum, or what is added
# to, after 'added' is no words.
ADDED_SUM = re.compile(r"\s+(?:[\d$€£]|to\b)")


# "Indonesia's confirmed cases", "Biden's stated goal": after an owner's name a participle describes
# the noun after it. Not "McDonald's reported a loss" nor "Macy's confirmed that ...".
DESCRIBES_NOUN = re.compile(r"(?<=ed)\s+(?!(?:that|the|a|an|on|in|to|it|its|their|his|her|this|these|those)\b)[a-z]")


# "… arrested Ann Lee, 32, of Elm St., after a search, said Lt. Matt Harris, a police spokesman.": a
# name after the verb, closing the sentence, is who speaks; the name before is what was said of.
SPEAKER_AFTER_VERB = re.compile(rf"\s+(?P<name>{NAME_RUN})(?:,\s+[^{OPEN_QUOTES}{CLOSE_QUOTES}]*)?\s*[.!?]?\s*")


def _speaker_after_verb(sentence: str, match: re.Match) -> bool:
    """Whether a person named after the verb closes the sentence: not a day ("said Thursday") nor
    a listener ("tells Efe")."""
    after = SPEAKER_AFTER_VERB.fullmatch(sentence, match.end())
    return bool(after) and match["verb"] not in TELLING and bool(as_person(after["name"]))


# "… begins in the tone of J.D. Salinger, describing his upbringing": a participle after a comma
# tells what the sentence's subject does, not the name before the comma.
# Where the name opens the sentence ("Ann Lee, noting the rise, said") or a clause of its own
# stands between ("Ann Lee, the party's leader, condemned the attack, saying"), it is the subject.
PARTICIPLE_AFTER_COMMA = re.compile(r",\s+(?:[a-z]+ly\s+)?[a-z]+ing$")


def _participle_of_subject(sentence: str, match: re.Match) -> bool:
    """Whether the match's verb is a participle right after the name and a comma, the name not
    opening the sentence: it is what the sentence's subject does."""
    return bool(PARTICIPLE_AFTER_COMMA.fullmatch(sentence, match.end("name"), match.end())) \
        and bool(sentence[:match.start("name")].strip(" “\"‘'(—–-"))


# "… ministers Ann Lee and Bo Berg, who fled to the compound, the source, who said he had spoken to
# them, told Reuters": an unnamed speaker set off by commas after the name's relative clause, before
# the verb, is its subject; not an appositive of the name's ("Ann Lee, a senior official, said").
UNNAMED_SUBJECT = re.compile(
    rf",\s+(?:who|which|whose)\b[^,]*,\s+(?:the|a|an|one)\s+(?:[a-z-]+\s+){{0,2}}"
    rf"(?:sources?|{SPOKESPEOPLE}|witness(?:es)?|person|people)\s*,")


def in_another_sense(sentence: str, match: re.Match) -> bool:
    """Whether a name and a speech verb after it (NAME_THEN_VERB's match) report no words: a plural
    noun ("Trump claims of fraud"), a sum added ("added 20 points"), an owner's participle
    ("Indonesia's confirmed cases"), the sentence subject's participle, a speaker named after the
    verb, or an unnamed one between the name and the verb."""
    verb = match["verb"]
    return verb in NOUN_LIKE_VERBS and not SPEECH_FOLLOWS.match(sentence, match.end()) \
        or verb in ("added", "adds") and bool(ADDED_SUM.match(sentence, match.end())) \
        or bool(OWNER_ENDING.search(match["name"])) and bool(DESCRIBES_NOUN.match(sentence, match.end())) \
        or _participle_of_subject(sentence, match) or _speaker_after_verb(sentence, match) \
        or bool(UNNAMED_SUBJECT.search(sentence, match.end("name"), match.start("verb")))


# What may follow the verb of "…, Reuters reported": the sentence's end, after a short phrase of where
# or when ("wrote on Twitter", "said in a statement on Monday"), or a comma where the name and verb
# stand inside the sentence ("The plan, Ann Lee argues, failed").
SENTENCE_CLOSE = re.compile(
    r"(?:\s+(?:on|in|to|at|via|during|after|late|early|this|last)\s+[^,.;:!?“”\"]{1,40}?)?"
    r"(?:\s*[.!?]?[\"”’]?\s*$|\s*,)")


def closes_reported_clause(sentence: str, match: re.Match) -> bool:
    """"…, Reuters reported.": a name and its speech verb after a comma, closing the sentence or set
    off inside it, report the clause before them."""
    close = SENTENCE_CLOSE.match(sentence, match.end())
    return bool(close) and bool(ending_at(AFTER_COMMA, sentence, match.start())) \
        and not (close.group().endswith(",") and OPENING_ADVERBIAL.match(sentence[:match.start()]))


AFTER_COMMA = re.compile(r",\s*(?:the\s+)?$")
# "In June, Ann Lee posted, shared and deleted photos": after a sentence's opening adverbial, a name
# and a verb before a comma are its subject and the first of its verbs.
OPENING_ADVERBIAL = re.compile(
    r"\s*(?:In|On|At|After|Before|During|Since|For|From|Last|This|Yesterday|Today|Earlier|Later|Then|Now)\b[^,]*,\s*$")
