"""Pure: whom a German, French, Spanish, Italian, Portuguese, Dutch or Polish paragraph attributes words to.

Each language's reporting verbs ("sagte", "a déclaré", "afirmó"), its "according to" ("laut", "…
zufolge", "selon", "según"), and its quotation marks („…“, »…«, «…») find the name runs that
attribution.py's Attributions hold, as its English rules do for English. A run is a person or an
organisation only where it reads as one in that language: its articles and determiners ("die", "le",
"el") and leading role nouns ("Bürgermeister", "Polizeisprecher") removed, two capitalised words
or more left, none of them a word the language writes in lower case; a single word where the
article gives it in full elsewhere ("Borrell" -> Josep Borrell), or right after a reporting verb
("falou Tite"). German writes every noun with a capital, so there a lone capitalised word is never
a name by itself.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from whoosh.lang import NoStopWords, stopwords_for_language

from .attribution import Attributions, written_in_full
from .sentences import CLOSE_QUOTES, NAME_RUN, NAME_WORD, OPEN_QUOTES, ending_at, has_quote, split_sentences
from .set_apart import interview_turns, with_credits
from .speech_words import (
    ACCORDING_AFTER,
    ACCORDING_BEFORE,
    ACCORDING_WORDS,
    ADJECTIVE,
    AFTER_QUOTE,
    AND,
    INSTITUTIONS,
    INVERTED_COMPOUND,
    LOWER_WORDS,
    NOTHING,
    ORGANISATION_NOUNS,
    PERSON_ROLES,
    PRONOUNS,
    QUOTING_VERBS,
    ROLE_ARTICLES,
    VERBS,
    VIEW_FOR,
    adverb,
)

# German roles are capitalised nouns: the run's leading words ending so are roles, not names.
GERMAN_ROLE = re.compile(
    r"(?:meister|sprecher|präsident|minister|kanzler|leiter|chef|direktor|trainer|kollege|kollegin|vorsitzende|experte|"
    r"professor|anwalt|richter|sprecherin|kommissar|altmeister|regisseur|autor|schauspieler|gründer|sekretär|"
    r"iker|ist|loge|(?:stadt|gemeinde|land|kreis|bezirks|bundes|staats)r(?:at|ätin))"
    r"(?:in|r|n)?$")
MIN_NAME_WORDS = 2
# An article and a noun after a verb: its subject ("dijo el alcalde", "sagte der Minister").
SUBJECT_AFTER = r"(?:el|la|los|las|le|les|il|lo|gli|o|os|der|die|das|het|de)\s+[a-zà-ÿ]"
BRACKETS = r"(?:\s*\([^()]{1,40}\))?"
# A full stop that ends the sentence after a name ("so Keller."), not an initial's ("Marsha P.").
SENTENCE_STOP = re.compile(r"(?<=\w{3})\.$")
# A name run, and the French elided particle inside a name: "Quai d'Orsay", "Giscard d'Estaing".
RUN = rf"{NAME_RUN}(?:\s+[dl]['’]{NAME_WORD})?"
NAME_RUN_RE = re.compile(RUN)


# The words a verb that opens a sentence may have between it and its subject: articles and roles,
# not a clause's conjunction ("dijo que el ministro …") nor a preposition, whose object is no subject
# ("explicó a Juan Pérez", "sagte dem Minister").
NOT_SUBJECT_WORDS = (r"que|dass|daß|ob|wie|che|dat|of|że|si|se|a|al|ao|aos|à|de|di|da|do|del|della|van|von|voor|aan"
                     r"|met|bij|con|com|per|por|para|zu|zur|zum|dem|den|in|im|em|en|na|no|w|z|od|dla|o")
SUBJECT_WORDS = rf"(?:(?!(?:{NOT_SUBJECT_WORDS})\b)[a-zà-ÿ][\w'’-]*\s+){{0,4}}"
# Languages whose subject follows a verb that opens the sentence, after at most a short adverbial:
# "Am Montag sagte Jan Keller", "Dat zei minister Jan de Vries", "Así lo afirmó Juan Pérez".
VERB_FIRST = frozenset({"de", "nl", "es", "it", "pt", "pl"})
# That adverbial: a word and words in lower case ("Dazu", "Así lo", "Lo ha"), or a German preposition
# and its noun ("Am Montag"); not a noun phrase that may be the subject ("Die Opposition
# kritisierte Anna Berger").
LEAD_IN = (r"(?:(?:[A-ZÀ-Ý][\w'’-]*\s+)?(?:[a-zà-ÿ][\w'’-]*\s+){0,2}"
           r"|(?:Am|Im|Beim|Auf|In|Nach|Bei|Zum|Zur|Vor|Mit|Seit|Gegenüber)\s+[A-ZÄÖÜ][\wäöüß-]*\s+)")


def _verb_patterns(language: str) -> tuple[tuple[re.Pattern, bool], ...]:
    """Each pattern that names a speaker by a reporting verb, and whether one word right after the
    verb may be a name by itself (name_in's `alone`: "falou Tite", "Dat zei Jansen")."""
    verbs = VERBS[language]
    not_pronoun = rf"(?!{PRONOUNS[language]}\b)" if PRONOUNS[language] else ""
    verb_first = ((re.compile(rf"^{LEAD_IN}(?:{verbs})\s+{not_pronoun}{SUBJECT_WORDS}(?P<name>{RUN})"), True),) \
        if language in VERB_FIRST else ()
    view_for = ((re.compile(rf"^(?:{VIEW_FOR[language]})\s+{LOWER_WORDS}(?P<name>{RUN})\s*,"), False),) \
        if language in VIEW_FOR else ()
    # "Juan Pérez se mostró satisfecho y afirmó que …": the sentence's subject, after its role ("El
    # ministro"), speaks in its second clause.
    subject_then_and = re.compile(
        rf"^(?:[A-ZÀ-Ý][a-zà-ÿ]*\s+(?:[a-zà-ÿ][\w'’-]*\s+){{1,2}})?(?P<name>{RUN})"
        rf"(?:,[^,{OPEN_QUOTES}{CLOSE_QUOTES}]{{2,120}},)?\s+[a-zà-ÿ][^.;:{OPEN_QUOTES}{CLOSE_QUOTES}]{{0,120}}?"
        rf"\s(?:{AND[language]})\s+{adverb(language)}(?:{verbs})\b")
    return (
        # „…“, sagte Bürgermeister Jan Keller. / «…», a déclaré le maire Jean Dupont. / «…», dijo Pérez.
        (re.compile(rf"[{CLOSE_QUOTES}“]\s*,?\s*(?:{verbs}|{AFTER_QUOTE.get(language, NOTHING)})\s+{not_pronoun}"
                    rf"{LOWER_WORDS}(?P<name>{RUN})"), True),
        # …, erklärte Keller. / …, afirmó la procuradora Silvana Carrión. / «… - commenta Walter Artibani - …»
        (re.compile(rf"(?:,|\s[-–—]|—)\s*(?:{verbs})\s+{not_pronoun}{LOWER_WORDS}(?P<name>{RUN})"), True),
        # Keller sagte: „…“ / Josep Borrell consideró que … / Luis Torres, presidente del Consejo, señaló;
        # "el representante para la Política Exterior, Josep Borrell, consideró": the apposition speaks.
        # "Eduardo Bolsonaro (PSL-SP) disse": a party or a place in brackets after the name.
        (re.compile(rf"(?P<name>{RUN}){BRACKETS}(?:,\s+(?P<apposition>[^,{OPEN_QUOTES}{CLOSE_QUOTES}]{{2,120}}),)?"
                    rf"\s+{adverb(language)}(?:{verbs})\b"), False),
        (re.compile(rf"\b(?i:{ACCORDING_BEFORE[language]})\s+{ACCORDING_WORDS}(?P<name>{RUN})"), False),
        (re.compile(rf"(?P<name>{RUN})\s+(?:{ACCORDING_AFTER.get(language, NOTHING)})\b"), False),
        # «…», dijo el ministro del Interior, Fernando Grande-Marlaska. / …, a déclaré le ministre de
        # l'Intérieur, Gérald Darmanin: a role with capitalised words of its own, then the name.
        (re.compile(rf"(?:[{CLOSE_QUOTES}“]\s*,?\s*|,\s+|\s[-–—]\s*)(?:{verbs})\s+(?:{ROLE_ARTICLES})\s+[a-zà-ÿ]"
                    rf"[^,.;:{OPEN_QUOTES}{CLOSE_QUOTES}]{{1,80}},\s+(?P<name>{RUN})"), False),
        # "O embaixador da China, Yang Wanming, reagiu": the name set off by commas after its role;
        # not where the verb's subject follows it ("…, Nueva York, dijo el alcalde").
        (re.compile(rf"(?<=,\s)(?P<name>{RUN}){BRACKETS}\s*,\s+(?:{verbs})\b(?!\s+{SUBJECT_AFTER})"), False),
        # "De acuerdo con lo señalado por la gestora de este evento, Adela Díaz, …"
        (re.compile(rf"\b(?i:{ACCORDING_BEFORE[language]})\s+(?:{ROLE_ARTICLES})\s+(?:{PERSON_ROLES})\b"
                    rf"[^,.;:{OPEN_QUOTES}{CLOSE_QUOTES}]{{0,60}},\s+(?P<name>{RUN})\s*(?:,|$)"), False),
        *verb_first,
        *view_for,
        # "Der Plan sei gescheitert, so Jan Keller.": "so" and the name close the sentence.
        *(((re.compile(rf",\s*so\s+{LOWER_WORDS}(?P<name>{RUN})\s*(?:[.;,]|$)"), False),)
          if language == "de" else ()),
        (subject_then_and, False),
    )


def _organisation_pattern(language: str) -> re.Pattern:
    said_by = rf"(?:\b(?i:{ACCORDING_BEFORE[language]})|\b(?:{VERBS[language]}))\s+"
    return re.compile(
        rf"{said_by}(?:[a-zà-ÿ][\w'’-]*\s+){{0,3}}?(?:[ld]['’])?(?:{ORGANISATION_NOUNS.get(language, NOTHING)})\b"
        rf"(?:\s+[a-zà-ÿ][\w'’-]*){{0,5}}\s+(?P<name>{RUN})"
        rf"|{said_by}(?:les?\s+|la\s+|l['’])(?P<institution>(?:{INSTITUTIONS.get(language, NOTHING)})\s+"
        rf"(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|de\s+|d['’]){RUN}(?:\s+{ADJECTIVE})?)")


@functools.cache
def _quoting_pattern(language: str) -> re.Pattern:
    return re.compile(rf"(?P<name>{RUN})(?:,\s+(?P<apposition>[^,{OPEN_QUOTES}{CLOSE_QUOTES}]{{2,120}}),)?"
                      rf"\s+(?:{QUOTING_VERBS[language]})\b")


@functools.cache
def _patterns(language: str) -> tuple[tuple[tuple[re.Pattern, bool], ...], re.Pattern, re.Pattern]:
    verbs, pronoun = VERBS[language], PRONOUNS[language]
    # The speaker named before: "…«, sagte er.", "…», a-t-il dit.", "…», señaló."
    inverted = INVERTED_COMPOUND.get(language, NOTHING)
    # A pronoun named with the verb may have words after them ("a-t-il ajouté devant la presse", "sagte
    # er dem Sender"); a dropped subject ends its clause, lest a name follow ("señaló el ministro").
    unnamed = re.compile(rf"(?:[{CLOSE_QUOTES}“]\s*,?\s*|,\s+)(?:(?:{verbs})\s*{pronoun}|{pronoun}\s+(?:{verbs})"
                         rf"|{inverted})\b") if pronoun else \
        re.compile(rf"(?:[{CLOSE_QUOTES}“]\s*,?\s*|\s[-–—]\s*|—)(?:{verbs})\s*[.!?,;]")  # "…», señaló." "—No —dijo."
    return _verb_patterns(language), unnamed, _organisation_pattern(language)


def attributions_in(paragraphs: list[str], language: str) -> Attributions:
    """The Attributions of an article in one of the languages of VERBS."""
    known = known_names(paragraphs, language)
    found, last, named_before = [], None, None
    for paragraph in paragraphs:
        hits = paragraph_attributions(paragraph, language, known, last, named_before)
        last = hits[-1][1] if hits else last
        named_before = _named_last(paragraph, len(paragraph), known) or named_before
        found.append(hits)
    # An interview's turns by a name, not by a heading in capitals ("DE INTERES: …").
    turns = tuple(turn for turn in interview_turns(paragraphs) if name_in(turn[2], language, known))
    return Attributions(known, with_credits(found, paragraphs, lambda run: name_in(run, language, known)), turns,
                        *written_in_full(paragraphs), named=True)


@functools.cache
def _lower_words(language: str) -> frozenset[str]:
    try:
        return frozenset(stopwords_for_language(language))
    except NoStopWords:  # no list for the language (Polish): its words are told by case alone
        return frozenset()


def _without_leading(words: list[str], language: str, keep: int) -> list[str]:
    """A run's words without the leading ones that are no name: the language's lower-case words
    ("die", "le", "el"), and German role nouns while more than `keep` words are left."""
    lower = _lower_words(language)
    while words and (words[0].lower() in lower or language == "de" and len(words) > keep
                     and GERMAN_ROLE.search(words[0].lower())):
        words = words[1:]
    return words


# An office capitalised as a title, after the name ("Walter Artibani Segretario generale") or before
# it at a sentence's start ("Premier Donald Tusk powiedział").
OFFICE = re.compile(
    r"presidente?|président|prezydent|premier|segretario|secretario|secretário|ministr[oae]?|sindaco|alcalde"
    r"|prefeito|maire|burmistrz|direttore|director|diretor|directeur|dyrektor|portavoce|portavoz|porta-voz"
    r"|rzecznik|governatore|gobernador|governador|prezes|szef|presidenta|présidente|minister|sindaca|alcaldesa"
    r"|prefeita|mairesse|direttrice|directora|diretora|directrice|secretaria|secretária|segretaria|gobernadora"
    r"|governadora|burgemeester|wethouder|staatssecretaris|woordvoerder|woordvoerster|voorzitter|dyrektorka"
    r"|rzeczniczka|prezeska")


# A name after these is what a verb's object belongs to or whom it is said to: "le ministre des
# Affaires étrangères", "proclamó desde un megáfono a la Policía".
OBJECT_BEFORE = re.compile(
    r"\b(?:a|à|al|ao|aos|au|aux|de|des|del|della|delle|dei|degli|di|do|da|dos|das|du|en|em|in|no|na|nos|nas"
    r"|con|com|met|par|por|pour|para|per|aan|van|voor|bij)\s+(?:(?:la|las|le|les|el|los|lo|il|gli|o|os|as|l['’]|de|het)\s*)?$")


def name_in(run: str, language: str, known: Counter, alone: bool = False) -> str | None:
    """A name run as the person or organisation it names in `language`, or None. Its leading
    articles and roles and a trailing office are left out; a capitalised word after its first is
    part of it, whatever it means in lower case ("Amilkar Odelín Ante"). A run of capitals alone is
    a heading. One word is a name where the article gives it in full elsewhere (a surname, or a
    first name of one person outside German), or, `alone`, where it follows a reporting verb or
    "according to" in a language that writes its nouns in lower case ("falou Tite", "según Reuters")."""
    words = _object_cut(_without_leading(SENTENCE_STOP.sub("", run).split(), language, keep=MIN_NAME_WORDS))
    while len(words) > 1 and OFFICE.fullmatch(words[-1].lower()):
        words = words[:-1]
    while len(words) > MIN_NAME_WORDS and language != "de" and OFFICE.fullmatch(words[0].lower()):
        words = words[1:]
    if not words or all(word.isupper() for word in words) and max(map(len, words)) > 4:
        return None
    if len(words) >= MIN_NAME_WORDS:
        return " ".join(words)
    full = next((full for full, _ in known.most_common() if full.split()[-1] == words[0]), None)
    if full:
        return full
    # "Michele explica que …" after "Michele Taborga": a first name alone is a name, which the
    # article's speakers give in full (speakers.py); not in German, which capitalises every noun.
    begun = [full for full in known if full.split()[0] == words[0] and len(full.split()) <= 3]
    return words[0] if language != "de" and len(words[0]) > 2 and (alone or len(begun) == 1) else None


# How far before a pronoun the person it stands for may be named.
NAMED_REACH = 600


def _named_last(text: str, end: int, known: Counter) -> str | None:
    """The known name of two words or more that `text` writes last before `end`, within NAMED_REACH
    characters: read by the runs of capitals there, so that time grows with the reach alone."""
    for run in reversed(NAME_RUN_RE.findall(text, max(0, end - NAMED_REACH), end)):
        words = run.rstrip(".").split()
        for size in range(len(words), 1, -1):
            for start in range(len(words) - size, -1, -1):
                if (name := " ".join(words[start:start + size])) in known:
                    return name
    return None


# "el intendente de Pilar Federico Achával", "il sindaco di Roma Virginia Raggi": an office in lower
# case, "of", then a one-word place glued to the holder's name.
OFFICE_OF_PLACE = re.compile(r"\b[a-zà-ÿ]{4,}\s+(?:de|del|di|da|do|du|des|van|von)\s+$")


def _object_cut(words: list[str]) -> list[str]:
    """A name's words before a German article that opens the verb's object ("sagte Jan Keller der
    Zeitung"); an article after "von" or "van" is the name's own ("von der Leyen", "van den Berg")."""
    for at, word in enumerate(words[1:], 1):
        if word in ("der", "den", "dem", "des") and words[at - 1].lower() not in ("von", "van", "vom", "zu", "de"):
            return words[:at]
    return words


def known_names(paragraphs: list[str], language: str) -> Counter:
    """The names of two words or more the article writes inside a sentence, its language's lower-case
    words left out: at a sentence's start, German capitalises any two words ("Sämtliche Daten")."""
    names: Counter = Counter()
    lower = _lower_words(language)
    for sentence in (sentence for paragraph in paragraphs for sentence in split_sentences(paragraph)):
        for run in NAME_RUN_RE.finditer(sentence):
            if run.start() == 0 or sentence[:run.start()].rstrip()[-1:] in OPEN_QUOTES + "„»":
                continue
            words = _without_leading(SENTENCE_STOP.sub("", run.group()).split(), language, keep=0)
            if len(words) > MIN_NAME_WORDS and ending_at(OFFICE_OF_PLACE, sentence, run.start()):
                words = words[1:]
            if len(words) >= MIN_NAME_WORDS and not any(word.lower() in lower for word in words):
                names[" ".join(words)] += 1
    return names


def paragraph_attributions(paragraph: str, language: str, known: Counter,
                           last: str | None, named_before: str | None = None) -> list[tuple[int, str]]:
    """(position, name) of each attribution in a paragraph; a pronoun or a dropped subject ("…»,
    señaló.") goes to the paragraph's last speaker so far, else `last` (the article's), else, before
    anyone has spoken, the person the paragraph named last before it, else `named_before` (the one
    the article's paragraphs before named last): "Jean Dupont est arrivé lundi. « … », a-t-il ajouté"."""
    named, unnamed, organisations = _patterns(language)
    hits: list[tuple[int, str]] = []
    offset = 0
    for sentence in split_sentences(paragraph):
        start = paragraph.find(sentence, offset)
        offset = start + len(sentence)
        quoting = ((_quoting_pattern(language), False),) if has_quote(sentence) else ()
        for pattern, alone in named + quoting:
            for match in pattern.finditer(sentence):
                apposition = match.groupdict().get("apposition")
                if apposition and NAME_RUN_RE.fullmatch(apposition) \
                        and (name := name_in(apposition, language, known)):
                    hits.append((start + match.start("apposition"), name))
                elif name := name_in(match["name"], language, known,
                                     alone=alone and not ending_at(OBJECT_BEFORE, sentence, match.start("name"))):
                    hits.append((start + match.start(), name))
        for match in organisations.finditer(sentence):
            if match["institution"]:
                hits.append((start + match.start("institution"), match["institution"]))
            # An organisation named after what it is may be one word: it is named so here.
            elif not all(word.lower() in _lower_words(language) for word in match["name"].split()):
                hits.append((start + match.start("name"), match["name"]))
    # Each pronoun's speaker is the latest of the names before it and of the pronouns' before it, read
    # in one pass: a long paragraph's hits are not sorted again at every pronoun.
    named_hits, read, latest = sorted(hits), 0, None
    for match in unnamed.finditer(paragraph):
        while read < len(named_hits) and named_hits[read][0] < match.start():
            latest = max(latest, named_hits[read]) if latest else named_hits[read]
            read += 1
        speaker = latest[1] if latest else last or _named_last(paragraph, match.start(), known) or named_before
        if speaker:
            latest = (match.start(), speaker)
            hits.append(latest)
    return sorted(set(hits))
