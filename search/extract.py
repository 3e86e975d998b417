"""Pure extraction: a cleaned page -> title, publication date, author and the people quoted.

Each extract_x() tries its sources in order of trust and returns None (or nothing) when none gives a
value: a missing field is better than an invented one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

import dateparser
from dateutil import parser as date_parser

from .clean import normalize_space
from .models import Article, CleanedPage, Quote
from .names import readable

TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—»·]|-|::)\s+")
# A site's name is short: "Headline | The Paper", "Coastal Times - Headline".
MAX_SITE_WORDS = 4


# ------------------------------------------------------------------------------------------- title

def strip_site_suffix(title: str, site_name: str | None = None) -> str:
    """'Headline | Site' -> 'Headline', 'Site - Headline' -> 'Headline'; a part is cut only when it is the
    site's name or short enough to be one, and the longer side is kept."""
    separators = list(TITLE_SEPARATOR.finditer(title))
    if not separators:
        return title
    if site_name:
        for separator in separators:
            if normalize_space(title[separator.end():]).lower() == site_name.lower():
                return title[: separator.start()].strip()
            if normalize_space(title[: separator.start()]).lower() == site_name.lower():
                return title[separator.end():].strip()
    last, first = separators[-1], separators[0]
    head, tail = title[: last.start()].strip(), title[last.end():].strip()
    if len(tail.split()) <= MAX_SITE_WORDS and len(head) > len(tail):
        return strip_site_suffix(head, site_name) if len(separators) > 1 else head
    head, tail = title[: first.start()].strip(), title[first.end():].strip()
    if len(head.split()) <= MAX_SITE_WORDS and len(tail) > len(head):
        return tail
    return title


def extract_title(page: CleanedPage) -> str | None:
    """The headline: og:title or JSON-LD's, else the h1, else <title>, without the site's name. The
    page's visible h1 is taken as written wherever the others repeat it."""
    meta = page.metadata
    if meta.title:
        return meta.title
    site, h1 = meta.site_name, meta.h1
    written = [value for value in (meta.og_title, meta.jsonld_headline) if value]
    for value in written:
        if h1 and (value == h1 or strip_site_suffix(value, site) == h1):
            return h1
    if written:
        return strip_site_suffix(written[0], site)
    if h1:
        return h1
    if meta.html_title:
        return strip_site_suffix(meta.html_title, site)
    return None


MAX_LEAD_TITLE_CHARS = 150


def lead_title(paragraphs: tuple[str, ...]) -> str | None:
    """A headline for an article that has none: its first sentence, cut at a word if long."""
    if not paragraphs:
        return None
    first = split_sentences(paragraphs[0])[0]
    if len(first) <= MAX_LEAD_TITLE_CHARS:
        return first
    return first[:MAX_LEAD_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " …"


# -------------------------------------------------------------------------------------------- date

EARLIEST_YEAR, LATEST_YEAR = 1800, 2200
_NO_DEFAULT = dt.datetime(1, 1, 1)
_OTHER_DEFAULT = dt.datetime(1, 2, 2)
FULL_ISO_DATE = re.compile(r"^\d{4}-?\d{2}-?\d{2}(?:$|[T\s])")
URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:/|[-_]|$)")
# "Tirana, Dec. 23, 2018 -", "LONDON, 23 December 2018 —", "March 3, 2021 -": a dateline opens a paragraph
DATELINE = re.compile(
    r"^(?:[A-Z][^\d,:.!?\"“]{1,40},\s+){0,2}(?:\([^)]{1,30}\)\s+)?"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})"
    r"\s*(?:\([^)]{1,30}\)\s*)?[-–—:]"
)


# A written date in the page's own language needs its day, month and year; relative dates
# ("5 hours ago") never qualify, since the text must hold a four-digit year.
WRITTEN_DATE_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}


def parse_date(raw: str, language: str | None = None) -> dt.date | None:
    """A calendar date from ISO or written text; None when the text does not state a full date.

    English and numeric dates are read by dateutil; with the page's `language` (from <html lang>),
    dates written in it ("martes 17 de marzo de 2020") are read by dateparser."""
    raw = raw.strip(" \t/|·-–—")
    if not re.search(r"\d{4}", raw):
        return None
    try:
        try:
            value = date_parser.isoparse(raw)
            if not FULL_ISO_DATE.match(raw):
                return None  # "2019" and "2019-03" are ISO too, but name no day
        except ValueError:
            value = date_parser.parse(raw, default=_NO_DEFAULT, ignoretz=True)
            # A month or day the text leaves out would come from the default: parse against a second
            # default, and a part that changes with it was never written ("March 2019", "2019").
            other = date_parser.parse(raw, default=_OTHER_DEFAULT, ignoretz=True)
            if (value.month, value.day) != (other.month, other.day):
                return None
    except (ValueError, OverflowError):
        value = None
        if language and language != "en":
            try:
                value = dateparser.parse(raw, languages=[language], settings=WRITTEN_DATE_SETTINGS)
            except (ValueError, OverflowError, KeyError):
                value = None
    if value is None:
        return None
    return value.date() if EARLIEST_YEAR <= value.year <= LATEST_YEAR else None


def date_from_url(url: str) -> dt.date | None:
    match = URL_DATE.search(url)
    if not match:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


DATELINE_PARAGRAPHS = 5
MAX_DATE_LINE_CHARS = 40


def date_from_dateline(paragraphs: Iterable[str], language: str | None = None) -> dt.date | None:
    """The date of a dateline ("LONDON, 23 December 2018 —") or of a line that is only a date, among
    the article's first paragraphs."""
    for paragraph in list(paragraphs)[:DATELINE_PARAGRAPHS]:
        if match := DATELINE.match(paragraph):
            return parse_date(match["date"])
        if len(paragraph) <= MAX_DATE_LINE_CHARS and (found := parse_date(paragraph, language)):
            return found
    return None


def extract_date(page: CleanedPage) -> tuple[dt.date, str] | None:
    """(date, source) with source one of 'meta', 'url', 'text': the page's metadata first, then a date
    in its address, then a date the page shows (a date element, a dateline), never one merely
    mentioned in the text."""
    for source, raw in page.date_hints:
        if source == "meta" and (found := parse_date(raw)):
            return found, source
    if page.metadata.url and (found := date_from_url(page.metadata.url)):
        return found, "url"
    for source, raw in page.date_hints:
        if source == "text" and (found := parse_date(raw, page.metadata.language)):
            return found, source
    if found := date_from_dateline(page.paragraphs, page.metadata.language):
        return found, "text"
    return None


# ------------------------------------------------------------------------------------------ author

def clean_author(raw: str) -> str | None:
    name = re.sub(r"^(?:by|reported by|written by)[:\s]+", "", normalize_space(raw), flags=re.IGNORECASE)
    name = name.strip(" .,|")
    return name if 1 < len(name) <= 100 else None


def extract_author(page: CleanedPage) -> str | None:
    meta = page.metadata
    for raw in (meta.author_meta, meta.jsonld_author, meta.byline, meta.reported_by, meta.bio_author):
        if raw and (name := clean_author(raw)):
            return name
    return None


# ---------------------------------------------------------------------------------------- speakers

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
                "stressed", "insisted", "argued", "admitted", "testified", "announced", "predicted"}
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
QUOTE_THEN_VERB = re.compile(
    rf"[{CLOSE_QUOTES}]\s*,?\s*(?:{SPEECH_VERBS})\s+{NATIONALITY}{ROLE_WORDS}(?P<name>{NAME_RUN})")
# "…," said the clinic's manager, Fatima Diallo.
QUOTE_THEN_VERB_ROLE_NAME = re.compile(
    rf"[{CLOSE_QUOTES}]\s*,?\s*(?:{SPEECH_VERBS})\s+(?:the|a|an|his|her|its|their)\s+"
    rf"[^,{OPEN_QUOTES}{CLOSE_QUOTES}]{{1,60}},\s+(?P<name>{NAME_RUN})")
# "Opposition leader Paul Meyer was scathing: “…”"
NAME_THEN_COLON_QUOTE = re.compile(
    rf"(?P<name>{NAME_RUN})\s+(?:was|were|is|are|had\s+been)\s+[^.:{OPEN_QUOTES}{CLOSE_QUOTES}]{{1,40}}:\s*[{OPEN_QUOTES}]")
# Organisations speak as "the agriculture ministry said" or "according to the statistics office".
ORGANISATION_NOUNS = ("ministry|office|authority|operator|watchdog|agency|department|commission|government|police|"
                      "regulator|embassy|committee|council|board|company|military|army|organization|organisation|"
                      "league|union|institute|association|federation|bureau")
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
    rf"(?P<name>{NAME_RUN})(?:(?:,\s+[^,;{OPEN_QUOTES}{CLOSE_QUOTES}]{{2,120}}){{1,4}},|,)?"
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
    rf"(?:^|[{CLOSE_QUOTES}],?\s+|\.\s+)(?:he|she|He|She)\s+(?:{SPEECH_VERBS})\b"
)
ACCORDING_TO = re.compile(
    rf"\b(?i:according)\s+to\s+(?:the\s+)?{ROLE_WORDS}(?P<name>{NAME_RUN})\b(?!\s+(?:{ORGANISATION_NOUNS})\b)")
TURN = re.compile(rf"^(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}):\s+(?P<text>\S.*)$")
SENTENCE_END = re.compile(r"[.!?…][\"”’]?\s+(?=[\"“‘]?[A-Z])")
ABBREVIATION = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Prof|Jr|Sr|Inc|Co|No|vs|Sgt|Adm|Hon|Rev)\.$")

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
    "rabbi", "imam", "and", "political", "scientist",
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
}
MAX_NAME_WORDS = 4


def split_sentences(paragraph: str) -> list[str]:
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(paragraph):
        if ABBREVIATION.search(paragraph[start: match.start() + 1]):
            continue
        sentences.append(paragraph[start: match.end()].strip())
        start = match.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


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
    if key in TITLE_WORDS or key in TITLE_ABBREVIATIONS:
        return True
    return "." in word and len(word) <= 5 and not is_last and not INITIALS.match(word)


def strip_titles(words: list[str]) -> list[str]:
    """['U.S.', 'President', 'Donald', 'Trump'] -> ['Donald', 'Trump']."""
    cut = 0
    for i, word in enumerate(words[:-1]):
        if _is_title(word, is_last=False):
            cut = i + 1
    return words[cut:]


def person_words(run: str) -> list[str]:
    """A run of capitalised words -> the words of the person it names, titles and affiliation removed.

    'Professor Lukas Brenner of Port Halden University' -> Lukas Brenner (the person is before 'of');
    'Secretary of State Mike Pompeo' -> Mike Pompeo (a title before 'of': the person follows its object).
    """
    words = re.sub(r"['’]s$", "", run.strip(" ,;:")).split()
    if words and words[-1].endswith(".") and words[-1].lower().rstrip(".") not in NAME_SUFFIXES:
        words[-1] = words[-1].rstrip(".")
    if "of" in words:
        at = words.index("of")
        before = strip_titles(words[:at])
        # "US Secretary of State Mike Pompeo": a title just before 'of' is the person's, who follows.
        if before and not _is_title(before[-1], False):
            return before
        return strip_titles(words[at + 2:]) if len(words) > at + 2 else []
    return strip_titles(words)


ORGANISATION_NOUN = re.compile(rf"^(?:{ORGANISATION_NOUNS})$", re.IGNORECASE)


def as_organisation(run: str) -> str | None:
    """A run that ends in an organisation's noun names the organisation, whole ("World Health
    Organization", "Indiana State Police"); the noun alone ("the agency") names none."""
    words = re.sub(r"['’]s$", "", run.strip(" ,;:.")).split()
    if words and words[0].lower() == "the":
        words.pop(0)
    named = len(words) >= 2 and (ORGANISATION_NOUN.match(words[-1]) or any(
        ORGANISATION_NOUN.match(word) and following in ("of", "for") for word, following in zip(words, words[1:])))
    return " ".join(words) if named else None


def as_titled_name(run: str) -> str | None:
    """'The Hollywood Reporter', 'The White House': a name of two words or more that takes a capital
    "The" is an outlet's or a body's, whole, even where its words are also roles ("Reporter")."""
    words = run.strip(" ,;:.").split()
    if len(words) < 3 or words[0] != "The" or any(_is_title(w, i == len(words) - 1) and _word_key(w) != "reporter"
                                                   for i, w in enumerate(words[1:], 1)):
        return None
    return " ".join(words[1:])


def as_person(run: str) -> str | None:
    """A captured run of capitalised words -> a speaker's name, or None when it names no one."""
    if organisation := as_organisation(run):
        return organisation
    if outlet := as_titled_name(run):
        return outlet
    words = person_words(run)
    while words and _word_key(words[-1]) in NOT_NAMES:
        words.pop()
    while words and _word_key(words[0]) in NOT_NAMES:  # "Because Dempsey", "The We Company"
        words.pop(0)
    if len(words) > 1 and words[-1].lower().rstrip(".") in NAME_SUFFIXES:
        words[-1] = NAME_SUFFIXES[words[-1].lower().rstrip(".")]
    if not words or len(words) > MAX_NAME_WORDS:
        return None
    if any(_word_key(w) in NOT_NAMES and not INITIALS.match(w) for w in words) \
            or all(_is_title(w, False) for w in words):
        return None
    if not words[0][0].isupper() or (words[-1].endswith(".") and len(words[-1]) <= 3
                                       and words[-1] not in NAME_SUFFIXES.values()):
        return None
    return " ".join(words)


def _has_quote(text: str) -> bool:
    return any(ch in text for ch in OPEN_QUOTES + CLOSE_QUOTES)


# "Rossi asked." after a quotation: a short sentence that only says who spoke
MAX_TAIL_WORDS = 8


def _sentence_attributions(sentence: str, after_quote: bool = False) -> list[tuple[int, str]]:
    """Attributions in one sentence; `after_quote` when a quotation ends just before it
    ("“Where did that come from?” Rossi asked." splits after the question mark)."""
    quoted = after_quote or _has_quote(sentence)
    hits = [(m.start(), m["name"]) for pattern in (QUOTE_THEN_VERB, QUOTE_THEN_VERB_ROLE_NAME, NAME_THEN_COLON_QUOTE)
            for m in pattern.finditer(sentence)]
    for m in _names_then_verbs(sentence):
        reported = m["verb"] in STRONG_VERBS or REPORTED_THAT.match(sentence, m.end()) \
            or _closes_reported_clause(sentence, m) \
            or m["verb"] in NEWS_VERBS and not NOT_NEWS.match(sentence, m.end())
        if quoted or reported:
            hits.append((m.start(), m["name"]))
    hits += [(m.start(), m["name"]) for pattern in (ACCORDING_TO, CLAUSE_THEN_VERB_NAME)
             for m in pattern.finditer(sentence)]
    if m := SUBJECT_THEN_SAID.match(sentence):
        hits.append((0, m["name"]))
    return hits


# "Bloomberg reported WeWork is ...", "Police confirmed the death": what follows is what they said,
# unless the verb takes another sense ("reported to him", "reports of ...", "denied bail", "reported a
# record profit").
NEWS_VERBS = {"reported", "reports", "confirmed", "confirms", "denied", "denies", "estimated", "estimates"}
NOT_NEWS = re.compile(r"\s+(?:to|for|by|of|from|at(?!\s+least)|in|back|missing|bail|entry|access|permission|a|an|its|their|"
                      r"record|profits?|losses?|revenues?|earnings|sales|growth)\b")
# "reported on Sunday that …": what follows the verb is reported speech.
REPORTED_THAT = re.compile(r"(?:\s+[\w.]+){0,3}?\s+that\b")
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
    offset = 0
    for sentence in split_sentences(paragraph):
        start = paragraph.find(sentence, offset)
        offset = start + len(sentence)
        before = paragraph[:start].rstrip()
        after_quote = bool(before) and before[-1] in CLOSE_QUOTES and len(sentence.split()) <= MAX_TAIL_WORDS
        hits.extend((start + at, name) for at, name in _sentence_attributions(sentence, after_quote))
    for match in PRONOUN_SAID.finditer(paragraph):
        earlier = [name for at, name in sorted(hits) if at < match.start()]
        person = earlier[-1] if earlier else _last_person_before(paragraph[: match.start() + 1], known)
        if person:
            hits.append((match.start(), person))
    return hits


def _attributed_runs(paragraphs: list[str], known: Counter) -> Iterator[str]:
    """Captured name runs in the order the article attributes them."""
    found = [(p_index, at, name) for p_index, paragraph in enumerate(paragraphs)
             for at, name in _paragraph_attributions(paragraph, known)]
    found.extend(_interview_turns(paragraphs))
    for _, _, name in sorted(found):
        yield name


def _interview_turns(paragraphs: list[str]) -> Iterator[tuple[int, int, str]]:
    """'Name: ...' paragraphs of an interview. A label counts when it opens two or more turns (not a
    heading) and fewer than half of its turns are questions (else it is the interviewer)."""
    turns = [(i, m["name"], m["text"]) for i, p in enumerate(paragraphs) if (m := TURN.match(p))]
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
    names: Counter = Counter()
    texts = (GLUED_WORDS.sub(r"\1; ", text.replace("[", "").replace("]", "")) for text in texts)
    sentences = (s for text in texts for s in split_sentences(set_off_offices(text)))
    for sentence in sentences:
        for match in re.finditer(NAME_RUN, sentence):
            words = person_words(match.group())
            if 2 <= len(words) <= MAX_NAME_WORDS and not any(_word_key(w) in NOT_NAMES for w in words):
                names[" ".join(words)] += 1
    return names


ACRONYM = re.compile(r"^[A-Z]{2,}\s")


def fullest_name(name: str, known: Counter) -> str:
    """'Lleshaj' -> 'Sandër Lleshaj' when the article gives the full name; else the name unchanged."""
    words = name.split()

    def without_suffix(full: str) -> list[str]:
        parts = full.split()
        return parts[:-1] if len(parts) > 1 and parts[-1] in NAME_SUFFIXES.values() else parts

    # An acronym before a name is an outlet or a body ("VOA Pentagon correspondent"), never a first name.
    longer = [full for full in known
              if without_suffix(full)[-len(words):] == words and len(full.split()) > len(words)
              and not ACRONYM.match(full)]
    if not longer:
        return name
    return max(longer, key=lambda full: (known[full], len(full)))


def _speaking_organisations(paragraphs: list[str]) -> Iterator[str]:
    for paragraph in paragraphs:
        for pattern in (ORGANISATION_SAID, ORGANISATION_ACCORDING_TO):
            for match in pattern.finditer(paragraph):
                organisation = normalize_space(match["org"])
                if len(organisation.split()) > 1:  # "the agency said" names no one
                    yield organisation
        for match in NAMED_ORGANISATION_SAID.finditer(paragraph):
            words = match["org"].split()
            while words and _word_key(words[0]) in NOT_NAMES:  # "The", "On", "Monday"
                words.pop(0)
            if len(words) > 1 and words[0][0].isupper() and not re.fullmatch(DEMONYM, POSSESSIVE.sub("", words[0])):
                yield " ".join(words)
        for match in ORGANISATION_SPOKESPEOPLE.finditer(paragraph):
            named = match["org"] or match["org2"] or match["org3"]
            if re.fullmatch(DEMONYM, named):  # "American officials said": no one in particular
                continue
            if organisation := as_organisation(named) or as_person(named):
                yield organisation


# "in Brussels", "across Ukraine", "in Greenbelt, Maryland": where a one-word name stands after these,
# it is a place.
LOCATIVE = r"\b(?:in|across|throughout|near|outside|inside|within)\s+"


def _places(paragraphs: list[str], names: list[str]) -> set[str]:
    """Those of the one-word names the article writes as places ("talks in Brussels"); not where the
    word is a possessive ("in Trump's view") or begins a longer name ("stakes in Alibaba Group")."""
    text = "\n".join(paragraphs)
    return {name for name in names
            if re.search(rf"{LOCATIVE}(?:[A-Z][\w'’.-]+,\s+)?{re.escape(name)}\b(?!['’]s|\s+[A-Z])", text)}


def _common_words(paragraphs: list[str]) -> set[str]:
    """The words the article writes in lower case: a one-word 'name' among them ("Neuroscience tells
    us") is a common noun that opened a sentence."""
    return {word for paragraph in paragraphs for word in re.findall(r"\b[a-z][a-z'-]+\b", paragraph)}


def extract_speakers(paragraphs: Iterable[str]) -> tuple[str, ...]:
    """The people quoted or reported, by the fullest name the article gives, then the organisations
    that speak as such ("the ministry said")."""
    paragraphs = list(paragraphs)
    known = _known_full_names(paragraphs)
    speakers: dict[str, None] = {}
    for run in _attributed_runs(paragraphs, known):
        if person := as_person(run):
            speakers.setdefault(fullest_name(person, known), None)
    for organisation in _speaking_organisations(paragraphs):
        speakers.setdefault(organisation, None)
    common = _common_words(paragraphs)
    places = _places(paragraphs, [name for name in speakers if " " not in name])
    # A surname listed before its full name was found collapses into it, and so does a family name
    # written first ("Liu" into the speaker "Liu Xiaoming") when no other name of the article begins
    # with it ("Lee" stays beside Lee Jae-myung and Lee Sang-min).
    names = [name for name in speakers if " " in name or (name.lower() not in common and name not in places)]

    def family_first(name: str, other: str) -> bool:
        return " " not in name and len(other.split()) == 2 and other.startswith(name + " ") \
            and sum(full.startswith(name + " ") for full in known) == 1

    return tuple(n for n in names if not any(o != n and (o.endswith(" " + n) or family_first(n, o)) for o in names))


MIN_QUOTE_WORDS = 4
QUOTATION = re.compile(rf"[{OPEN_QUOTES}](?P<text>[^{OPEN_QUOTES}{CLOSE_QUOTES}]+)[{CLOSE_QUOTES}]")


def _distance(at: int, span: re.Match) -> int:
    if span.start() <= at <= span.end():
        return 0
    return min(abs(at - span.start()), abs(at - span.end()))


def extract_quotes(paragraphs: Iterable[str], speakers: tuple[str, ...]) -> tuple[Quote, ...]:
    """Each quotation of MIN_QUOTE_WORDS words or more, with one of `speakers` as its speaker.

    A quotation goes to the nearest attribution in its paragraph; a paragraph that opens with a
    quotation and names no one continues the last speaker of the paragraph before (news style).
    An interview turn is one quotation of its speaker. Scare quotes and unattributed ones are left out.
    """
    paragraphs = list(paragraphs)
    known = _known_full_names(paragraphs)

    def resolve(run: str) -> str | None:
        person = as_person(run)
        if not person:
            return None
        name = fullest_name(person, known)
        return next((s for s in speakers if s == name or s.endswith(" " + name)), None)

    turn_labels = {index: label for index, _, label in _interview_turns(paragraphs)}
    quotes: list[Quote] = []
    previous: str | None = None
    for index, paragraph in enumerate(paragraphs):
        if index in turn_labels:
            text = TURN.match(paragraph)["text"].strip()
            if (speaker := resolve(turn_labels[index])) and len(text.split()) >= MIN_QUOTE_WORDS:
                quotes.append(Quote(speaker, text))
                previous = speaker
            continue
        attributions = sorted((at, s) for at, run in _paragraph_attributions(paragraph, known) if (s := resolve(run)))
        said: dict[str, list[str]] = {}
        for span in QUOTATION.finditer(paragraph):
            if len(span["text"].split()) < MIN_QUOTE_WORDS:
                continue
            if attributions:
                speaker = min(attributions, key=lambda attribution: _distance(attribution[0], span))[1]
            elif previous and paragraph.lstrip()[:1] in OPEN_QUOTES:
                speaker = previous
            else:
                continue
            said.setdefault(speaker, []).append(span["text"].strip().rstrip(","))
        quotes.extend(Quote(speaker, " … ".join(parts)) for speaker, parts in said.items())
        if attributions:
            previous = attributions[-1][1]
    return tuple(quotes)


# ----------------------------------------------------------------------------------------- article

def web_address(raw: str | None) -> str | None:
    """The page's address when it is one a reader can follow (http or https, with a host): never
    javascript:, data: or a relative path, which a link would run or misread."""
    if not raw:
        return None
    try:
        parts = urlsplit(raw.strip())
    except ValueError:
        return None
    return parts.geturl() if parts.scheme.lower() in ("http", "https") and parts.hostname else None


MAX_OUTLET_CHARS = 100


def extract_outlet(page: CleanedPage, url: str | None, doc_id: str) -> str | None:
    """Where the article was published: the site's name from its metadata, else the host of its
    address, else the corpus folder it sits in."""
    if page.metadata.site_name and (name := normalize_space(page.metadata.site_name)[:MAX_OUTLET_CHARS]):
        return name
    if url and (host := urlsplit(url).hostname):
        return host.removeprefix("www.")
    folder = doc_id.split("/", 1)[0] if "/" in doc_id else ""
    return folder or None  # an absolute path (extract of a file named so) has no corpus folder


def extract_article(doc_id: str, page: CleanedPage) -> Article:
    dated = extract_date(page)
    speakers = extract_speakers(page.paragraphs)
    url = web_address(page.metadata.url)
    return Article(
        id=doc_id,
        title=extract_title(page) or lead_title(page.paragraphs) or readable(doc_id),
        body="\n\n".join(page.paragraphs),
        author=extract_author(page),
        speakers=speakers,
        date=dated[0] if dated else None,
        date_source=dated[1] if dated else None,
        url=url,
        outlet=extract_outlet(page, url, doc_id),
        quotes=extract_quotes(page.paragraphs, speakers),
        body_source=page.body_source,
    )
