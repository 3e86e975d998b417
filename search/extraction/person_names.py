"""Pure: whether a run of capitalised words is a person's name, stripped of titles and offices; and the
fullest form of a name that an article spells out."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable

from .sentences import SURNAME_PARTICLES

TITLE_WORDS = {
    "president", "vice", "prime", "minister", "secretary", "senator", "sen", "representative", "rep",
    "congressman", "congresswoman", "governor", "gov", "mayor", "deputy", "chancellor", "ambassador",
    "advisor", "adviser", "chairman", "chairwoman", "chair", "chief", "director", "spokesman",
    "spokeswoman", "spokesperson", "commissioner", "general", "gen", "colonel", "col", "captain", "capt",
    "lieutenant", "lt", "sergeant", "sgt", "admiral", "judge", "justice", "king", "queen", "prince",
    "princess", "pope", "sheikh", "ayatollah", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir",
    "dame", "lord", "lady", "rev", "reverend", "father", "bishop", "cardinal", "ceo", "cfo",
    "leader", "head", "officer", "inspector", "detective", "councillor", "councilor", "councilman",
    "councilwoman", "alderman", "pm", "mp", "mep", "foreign", "interior", "defense", "defence", "finance",
    "transport", "energy", "health", "education", "national", "security", "state", "former",
    "acting", "interim", "senior", "coach", "manager", "striker", "midfielder", "goalkeeper", "dean",
    "rector", "superintendent", "sheriff", "attorney", "counsel", "economist", "analyst", "founder",
    "elect", "emeritus", "executive", "editor", "reporter", "correspondent", "host", "anchor", "speaker",
    "rabbi", "imam", "and", "political", "scientist", "commenter", "blogger", "columnist", "critic", "writer",
    "historian", "author", "administrator", "developer",
    # Occupations and roles news writes before a name as a title ("Agent Scott Rance", "Trooper Ann
    # Lee"); none of them a given name, nor the first word of a body's name ("Major League", "Student
    # Union", "Pilot Flying J"), which a title before the last word would cut.
    "agent", "vendor", "trooper", "corporal", "cpl", "pvt", "specialist", "patrolman", "constable", "marshal",
    "ranger", "pastor", "priest", "chaplain", "principal", "teacher", "nurse", "doctor", "lawyer",
    "homeowner", "chef", "designer", "architect", "engineer", "photographer", "producer", "actor",
    "actress", "singer", "rapper", "musician", "comedian", "filmmaker", "novelist", "poet", "playwright",
    "pitcher", "quarterback", "linebacker", "receiver", "defender", "rookie", "skipper", "trainer",
    "jockey", "lawmaker", "legislator", "assemblyman", "assemblywoman", "assemblymember", "delegate",
    "councilmember", "selectman", "trustee", "supervisor", "treasurer", "comptroller", "auditor", "coroner",
    "prosecutor", "solicitor", "magistrate", "provost", "lecturer", "researcher", "realtor", "broker",
    "landlord", "entrepreneur", "investor", "activist", "organizer", "organiser", "volunteer", "publicist",
    "lobbyist", "strategist", "consultant", "pollster", "candidate", "nominee", "challenger", "incumbent",
    "commander", "cmdr", "firefighter", "paramedic", "chairperson", "vp", "coo", "cto", "farmer",
    "forecaster", "meteorologist", "fisherman", "shopkeeper", "owner",
}
# Labels and words that are never a person's name.
NOT_NAMES = {
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "you", "his",
    "her", "their", "our", "its", "but", "and", "or", "so", "yet", "if", "when", "while", "as", "in", "on",
    "at", "for", "with", "after", "before", "then", "there", "here", "what", "who", "why", "how", "one",
    "reporter", "interviewer", "host", "anchor", "moderator", "question", "answer", "q", "journalist",
    "correspondent", "editor", "note", "update", "photo", "source", "related", "read", "also", "caption",
    "credit", "watch", "listen", "advertisement", "translation", "transcript", "audience", "crowd", "voice",
    "narrator", "announcer", "interpreter", "officials", "police", "witnesses", "critics", "experts",
    "residents", "sources", "analysts", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "today", "yesterday", "tomorrow", "everyone", "nobody", "somebody",
    "asked", "meanwhile", "however", "still", "later", "earlier", "because", "although", "though", "since",
    "unless", "until", "whatever", "whether", "whenever", "wherever", "once", "now", "instead", "despite",
    "thankfully", "sadly", "indeed", "yes", "no", "even", "only", "just", "like", "unlike", "both", "each",
    "every", "some", "many", "most", "all", "other", "another", "such", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "several", "few", "dozens", "hundreds", "thousands",
    # A sentence's opening adverb glued to the name after it ("Afterwards Ann"), and a dateline's word.
    "afterwards", "afterward", "separately", "elsewhere", "overall", "finally", "additionally", "moreover",
    "furthermore", "nevertheless", "nonetheless", "similarly", "likewise", "subsequently", "previously",
    "initially", "eventually", "ultimately", "recently", "currently", "notably", "importantly", "anyway",
    "besides", "otherwise", "thus", "hence", "therefore", "accordingly", "consequently", "published",
    "updated", "posted", "following", "including", "regarding", "concerning", "considering", "excluding",
    # A sentence's opening preposition ("To Lorenz’s delight", "From Google’s view") and the pronouns
    # that stand for people unnamed ("Others called it").
    "to", "from", "by", "into", "onto", "about", "against", "among", "amid", "between", "through", "during",
    "without", "upon", "toward", "towards", "via", "others", "someone", "anyone", "everybody", "anybody",
    # A sentence's opening imperative or greeting ("Enter Stuart R. Kaplan", "Meet Ann Lee", "Thanks
    # Ann"), none of them a given name.
    "enter", "meet", "ask", "consider", "remember", "thank", "thanks", "welcome", "introducing", "dear",
    "hey", "hi", "hello", "please", "let", "join", "visit", "contact", "email", "tell",
}
# A nationality's adjective: "Swedish", "Chinese", "Australian".
DEMONYM = r"[A-Z][a-z]+(?:ish|ese|ian|an|i)"
# An owner's possessive ending: "Russia's" -> "Russia", where "Swiss" keeps its s.
POSSESSIVE = re.compile(r"[’']s?$")
# The same with its s: "Indonesia's", "RedMonk's".
OWNER_ENDING = re.compile(r"['’]s$")
# "Ohio-based Acme Corp": a hyphenated word before a name says where it is or who runs it.
DESCRIBING_WORD = re.compile(r"-(?:based|born|headquartered|owned|run|led|backed|funded|area)$", re.IGNORECASE)
MAX_NAME_WORDS = 4


def _word_key(word: str) -> str:
    return word.lower().strip(".,’'").removesuffix("-elect")


# Dotted abbreviations that stand before a name as part of a title ("U.S. Attorney"); other dotted
# words are initials, and so part of the name ("P.J. Fleck", "Sonya A. Zoghlin").
TITLE_ABBREVIATIONS = {"u.s", "u.k", "u.n", "e.u", "n.y", "d.c"}
INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
# What follows a surname and belongs to it.
NAME_SUFFIXES = {"jr": "Jr.", "sr": "Sr.", "ii": "II", "iii": "III", "iv": "IV"}


def _is_title(word: str, is_last: bool) -> bool:
    key = _word_key(word)
    if key in TITLE_WORDS or key in TITLE_ABBREVIATIONS or "-" in key and all(
            part in TITLE_WORDS for part in key.split("-")):  # "Secretary-General", "Attorney-General"
        return True
    return "." in word and len(word) <= 5 and not is_last and not INITIALS.match(word)


def strip_titles(words: list[str]) -> list[str]:
    """['U.S.', 'President', 'Donald', 'Trump'] -> ['Donald', 'Trump']."""
    cut = 0
    for i, word in enumerate(words[:-1]):
        # "Martin Luther King III": a title word before a suffix alone is the surname.
        if _is_title(word, is_last=False) and not all(_word_key(w) in NAME_SUFFIXES for w in words[i + 1:]):
            cut = i + 1
    return words[cut:]


def person_words(run: str) -> list[str]:
    """A run of capitalised words -> the words of the person it names, titles and affiliation removed.

    'Professor Lukas Brenner of Port Halden University' -> Lukas Brenner (the person is before 'of');
    'Secretary of State Mike Pompeo' -> Mike Pompeo (a title before 'of': the person follows its object).
    """
    words = OWNER_ENDING.sub("", run.strip(" ,;:")).split()
    if words and words[-1].endswith(".") and words[-1].lower().rstrip(".") not in NAME_SUFFIXES:
        words[-1] = words[-1].rstrip(".")
    if "of" in words:
        at = words.index("of")
        before = strip_titles(words[:at])
        # "US Secretary of State Mike Pompeo": a title just before 'of' is the person's, who follows.
        if before and not _is_title(before[-1], False):
            return before
        return _office_holder(words[at + 1:])
    return strip_titles(words)


def _office_holder(words: list[str]) -> list[str]:
    """The person after an office's "of" and what it is of: "State Mike Pompeo" -> Mike Pompeo,
    "Public Prosecution Eva-Marie Persson" -> Eva-Marie Persson; a middle initial stays ("Mike R.
    Pompeo")."""
    if len(words) < 3:
        return strip_titles(words[1:])
    size = 3 if len(words) > 3 and INITIALS.match(words[-2]) else 2
    return words[-size:]


ORGANISATION_NOUNS = ("ministry|office|authority|operator|watchdog|agency|department|commission|government|police|"
                      "regulator|embassy|committee|council|board|company|military|army|organization|organisation|"
                      "league|union|institute|association|federation|bureau|foundation")
ORGANISATION_NOUN = re.compile(rf"^(?:{ORGANISATION_NOUNS})$", re.IGNORECASE)


def as_organisation(run: str) -> str | None:
    """A run that ends in an organisation's noun names the organisation, whole ("World Health
    Organization", "Indiana State Police"); the noun alone ("the agency") names none."""
    words = _without_determiner(run)
    if _person_of_body(words):
        return None
    named = len(words) >= 2 and (ORGANISATION_NOUN.match(words[-1]) or any(
        ORGANISATION_NOUN.match(word) and following in ("of", "for") or following == "on" and word.lower() in ON_HEADS
        for word, following in zip(words, words[1:]))
        or _body_of(words)) or bool(joined_body(run))
    return " ".join(words) if named else None


def _person_of_body(words: list[str]) -> bool:
    """"Anna Berg of Harbour Institute": two names or more before "of", none a body's noun, name a
    person."""
    head = words[: words.index("of")] if "of" in words else []
    return len(head) >= 2 and not any(BODY_HEAD.match(word) or _is_title(word, False) for word in head)


def _without_determiner(run: str) -> list[str]:
    words = OWNER_ENDING.sub("", run.strip(" ,;:.")).split()
    return words[1:] if words and words[0].lower() in ("the", "a", "an") else words  # "A State Department"


# The nouns a body's name is built on before its "of" or "for": "Department of …", "Centers for …".
BODY_HEAD = re.compile(rf"^(?:{ORGANISATION_NOUNS}|cent(?:er|re)|university|college|school|bank|museum|society|"
                       r"academy|administration|service|court|church|hospital|library|fund)s?$", re.IGNORECASE)


# The bodies whose name may go on with "on": "National Institute on Drug Abuse", "Joint Committee on
# Intelligence and Security", "Council on Foreign Relations".
ON_HEADS = ("committee", "subcommittee", "council", "institute", "commission", "center", "centre", "conference",
            "panel")


def _joint(word: str, joint: str) -> bool:
    """Whether "of" or "for" after a word joins a body's name, not an office's ("Secretary of") nor a
    person's ("Joneigh Khaldun of the …"); or "on" after a committee's or an institute's."""
    return joint in ("of", "for") and bool(BODY_HEAD.match(word)) or joint == "on" and word.lower() in ON_HEADS


def _body_of(words: list[str]) -> bool:
    """"Bank of America", "University of Michigan": one word before "of" is no one's name."""
    return 3 <= len(words) <= 4 and _joint(words[0], words[1])


def joined_body(run: str) -> str | None:
    """One body's name that joins names with "and": "Centers for Disease Control and Prevention",
    "Department of Health and Human Services" (a body's "of" or "for" before the "and"), "Bill and
    Melinda Gates Foundation" (one word before it). Not two bodies ("United Nations and European
    Union") nor an office's holder ("Secretary of Health and Human Services Xavier Becerra")."""
    words = _without_determiner(run)
    if "and" not in words[1:-1]:
        return None
    head = words[: words.index("and")]
    joined = any(_joint(word, joint) for word, joint in itertools.pairwise(head)) \
        or len(head) == 1 and bool(ORGANISATION_NOUN.match(words[-1]))
    return " ".join(words) if joined else None


def as_titled_name(run: str) -> str | None:
    """'The Hollywood Reporter', 'The White House': a name of two words or more that takes a capital
    "The" is an outlet's or a body's, whole, even where its words are also roles ("Reporter")."""
    words = run.strip(" ,;:.").split()
    if len(words) < 3 or words[0] != "The" or any(_is_title(w, i == len(words) - 1) and _word_key(w) != "reporter"
                                                   for i, w in enumerate(words[1:], 1)):
        return None
    return " ".join(words[1:])


# "We’re told", "Don’t say": a word shortened with an apostrophe is no one's name.
CONTRACTION = re.compile(r"\w(?:['’](?:re|ve|ll|m|d)|n['’]t)$", re.IGNORECASE)


def _without_opening_words(words: list[str]) -> list[str]:
    """A name's words without the sentence's words glued before it: "Because Dempsey", "Enter Ann
    Lee", "Ohio-based Acme Corp"."""
    while words and (_word_key(words[0]) in NOT_NAMES or DESCRIBING_WORD.search(words[0])):
        words = words[1:]
    return words


def as_person(run: str) -> str | None:
    """A captured run of capitalised words -> a speaker's name, or None when it names no one."""
    if any(CONTRACTION.search(word) for word in run.split()):
        return None
    if organisation := as_organisation(run):
        return organisation
    if outlet := as_titled_name(run):
        return outlet
    words = person_words(run)
    while words and _word_key(words[-1]) in NOT_NAMES:
        words.pop()
    words = _without_opening_words(words)
    if len(words) > 1 and words[-1].lower().rstrip(".") in NAME_SUFFIXES:
        words[-1] = NAME_SUFFIXES[words[-1].lower().rstrip(".")]
    if not words or len(words) > MAX_NAME_WORDS or len(words) == 1 and len(words[0].strip(".")) < 2:
        return None  # "E" of "E! News" is no one's name
    if any(_word_key(w) in NOT_NAMES and not INITIALS.match(w) for w in words) \
            or all(_is_title(w, False) for w in words):
        return None
    if not words[0][0].isupper() or (words[-1].endswith(".") and len(words[-1]) <= 3
                                       and words[-1] not in NAME_SUFFIXES.values()):
        return None
    return " ".join(words)


# "RedMonk's Stephens": an owner's name before the name of someone the article names in full.
OWNED_NAME = re.compile(r"^[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}['’]s\s+(?P<name>[A-Z].*)$")


def owned_name(run: str) -> str:
    """The name after an owner's ("RedMonk's Stephens" -> "Stephens"), or the run."""
    owned = OWNED_NAME.match(run)
    return owned["name"] if owned else run


def full_names(runs: Iterable[str]) -> Counter:
    """How often each name of two words or more stands among runs of capitalised words, titles and
    owners removed: the names an article spells out in full."""
    names: Counter = Counter()
    for run in runs:
        words = _without_opening_words(person_words(owned_name(run)))
        if 2 <= len(words) <= MAX_NAME_WORDS and not any(_word_key(w) in NOT_NAMES or CONTRACTION.search(w)
                                                         for w in words):
            names[" ".join(words)] += 1
    return names


ACRONYM = re.compile(r"^[A-Z]{2,}\s")


def _particles_small(words: list[str]) -> list[str]:
    """Words to compare, a surname's particles in lower case, as they are capitalised where the
    surname opens a sentence ("De Miranda says" of Luis de Miranda): "Van Der Beek" -> "van der Beek"."""
    return [word.lower() if word.lower() in SURNAME_PARTICLES and i < len(words) - 1 else word
            for i, word in enumerate(words)]


def fullest_name(name: str, known: Counter, lengthen: bool = True, text: str = "", end: int = 0) -> str:
    """'Lleshaj' -> 'Sandër Lleshaj' when the article gives the full name; else the name unchanged.
    `lengthen`: a name of two words or more may take a longer one too; not in a language that glues
    a genitive before a name ("burmistrz Santiago Felipe Alessandri", the mayor of Santiago).
    `text` and `end`: the article and where the name stands in it; of two people who share a surname
    ("Mia Farrow", "Ronan Farrow"), "Farrow" is the one named last before it."""
    words = _particles_small(name.split())

    def without_suffix(full: str) -> list[str]:
        parts = _particles_small(full.split())
        return parts[:-1] if len(parts) > 1 and parts[-1] in NAME_SUFFIXES.values() else parts

    # An acronym before a name is an outlet or a body ("VOA Pentagon correspondent"), never a first name.
    longer = [full for full in known
              if without_suffix(full)[-len(words):] == words and len(full.split()) > len(words)
              and not ACRONYM.match(full) and (lengthen or len(words) == 1)]
    if not longer:
        return _formal_name(words, known) or _misspelt_surname(words, known) or name
    # "De Miranda" at a sentence's start is the tail of "Luis de Miranda": the fullest form wins
    # however often the shorter one stands.
    fullest = [full for full in longer if not any(
        other != full and without_suffix(other)[-len(full.split()):] == without_suffix(full)
        and len(other.split()) > len(full.split()) for other in longer)]
    people = [full for full in fullest if not any(  # "Josh Apte" and "Joshua Apte" are one person
        other != full and other.split()[0].startswith(full.split()[0]) for other in fullest)]
    if text and len(people) > 1:
        latest = max(people, key=lambda full: text.rfind(full, 0, end))
        if text.rfind(latest, 0, end) >= 0:
            return latest
    return max(fullest, key=lambda full: (known[full], len(full)))


def given_name_of(name: str, known: Iterable[str], common: set[str]) -> str | None:
    """"Samantha" -> "Samantha Bielefeld" where the article names one person so: a first name alone
    stands for the full name it begins. Only a person's name of two or three words, none of them a
    word the article writes in lower case (`common`: "Alibaba Group", "Arcade Publishing"), an
    acronym ("Apple TV") or a body's noun, is such a name."""
    if " " in name or name.isupper():
        return None

    def personal(full: str) -> bool:
        rest = full.split()[1:]
        return 1 <= len(rest) <= 2 and all(
            word[:1].isupper() and not word.isupper() and word.lower() not in common
            and not BODY_HEAD.match(word) and not _is_title(word, True) for word in rest)

    longer = {full for full in known if full.split()[0] == name and personal(full)}
    return longer.pop() if len(longer) == 1 else None


def _misspelt_surname(words: list[str], known: Counter) -> str | None:
    """"Tinsely" -> "Dylan Tinsley" where the article names one person so: a surname typed with two
    letters swapped, which no name of the article spells so. Short names are left alone: swapped
    letters there make other names."""
    if len(words) != 1 or len(words[0]) < 6:
        return None
    typed = words[0]
    swaps = {typed[:i] + typed[i + 1] + typed[i] + typed[i + 2:] for i in range(1, len(typed) - 1)} - {typed}
    fuller = {full for full in known if full.split()[-1] in swaps}
    return fuller.pop() if len(fuller) == 1 else None


def _formal_name(words: list[str], known: Counter) -> str | None:
    """"Josh Apte" -> "Joshua Apte" where the article names no one else so: the same surname, and a
    first name the known one begins with."""
    if len(words) != 2 or len(words[0]) < 3:
        return None
    formal = [full for full in known if len(full.split()) == 2 and full.split()[1] == words[1]
              and full.split()[0].startswith(words[0]) and full.split()[0] != words[0]]
    return formal[0] if len(formal) == 1 else None


# "the Free Software Foundation (FSF)", "Richard M. Stallman (RMS)": a name, then the letters that
# stand for it.
SPELLED_OUT = re.compile(r"(?P<name>(?:[A-Z][\w'’.-]*\s+(?:(?:of|and|for|the|de)\s+)*){1,7})\((?P<letters>[A-Z]{2,7})\)")


def acronyms_spelled_out(text: str) -> dict[str, str]:
    """The acronyms a text defines, each with the name it stands for: the last words of the name
    before the brackets whose initials are the acronym's letters, small joining words aside."""
    defined: dict[str, str] = {}
    for match in SPELLED_OUT.finditer(text):
        words, letters = match["name"].split(), match["letters"]
        capitalised = [i for i, word in enumerate(words) if word[:1].isupper()]
        if len(capitalised) >= len(letters):
            start = capitalised[-len(letters)]
            if "".join(words[i][0] for i in capitalised[-len(letters):]) == letters:
                defined.setdefault(letters, " ".join(words[start:]).rstrip(".,"))
    return defined
