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

from .attribution import Attributions
from .person_names import acronyms_spelled_out
from .sentences import CLOSE_QUOTES, NAME_RUN, NAME_WORD, OPEN_QUOTES, ending_at, has_quote, split_sentences
from .set_apart import interview_turns, with_credits

# Reporting verbs, past and present, and the compound pasts of French and Spanish.
# French participles after "a" or "ont": "a déclaré", and, its subject a pronoun, "a-t-il ajouté".
FRENCH_PARTICIPLES = (r"déclaré|dit|affirmé|expliqué|ajouté|souligné|estimé|indiqué|assuré|précisé|annoncé|confié"
                      r"|répondu|lancé|reconnu|insisté|rappelé|martelé|regretté|dénoncé|averti|prévenu|raconté|écrit"
                      r"|confirmé|poursuivi|conclu|jugé|noté|observé|relevé|commenté|admis|avoué|témoigné|détaillé"
                      r"|résumé|tweeté|fait\s+savoir|fait\s+valoir|réagi|argumenté|plaidé")
VERBS = {
    "de": r"sagte|sagten|sagt|erklärte|erklärt|betonte|betont|meinte|meint|ergänzte|ergänzt|fügte\s+hinzu"
          r"|warnte|warnt|kritisierte|kritisiert|forderte|fordert|schrieb|schreibt|berichtete|bestätigte"
          r"|beurteilt|beurteilte|erzählte|erzählt|räumte\s+ein|teilte\s+mit|antwortete|antwortet|reagierte"
          r"|erläuterte|erläutert|unterstrich|unterstreicht|versicherte|versichert|bekräftigte|bekräftigt"
          r"|kommentierte|kommentiert|mahnte|mahnt|entgegnete|entgegnet|argumentierte|argumentiert|berichtet"
          r"|bestätigt|stellte\s+klar|gab\s+an|gab\s+zu",
    "fr": rf"(?:a|ont)\s+(?:{FRENCH_PARTICIPLES})"
          r"|dit|déclare|affirme|explique|ajoute|souligne|estime|indique|assure|précise|annonce|confie|répond"
          r"|s['’]est\s+interrogée?|s['’]est\s+félicitée?|poursuit|insiste|rappelle|raconte|écrit|confirme"
          r"|conclut|observe|relève|résume|témoigne|détaille|commente|reconnaît|regrette|dénonce|avertit"
          r"|prévient|martèle|fait\s+savoir|fait\s+valoir",
    "es": r"dijo|afirmó|explicó|aseguró|señaló|indicó|declaró|manifestó|subrayó|apuntó|advirtió|añadió|agregó"
          r"|comentó|precisó|detalló|informó|destacó|expresó|sostuvo|consideró|recordó|proclamó|aclaró|insistió"
          r"|reconoció|lamentó|denunció|admitió|respondió|reaccionó|escribió|confirmó|anunció|dice|afirma|explica|asegura"
          r"|señala|indica|añade|agrega|sostiene|considera|destaca|expresa"
          r"|concluyó|reiteró|relató|puntualizó|enfatizó|resaltó|remarcó|opinó|valoró|argumentó|mencionó"
          r"|comunicó|planteó|refirió|reveló|alertó|dejó\s+(?:en\s+)?claro|concluye|reitera|relata"
          r"|puntualiza|enfatiza|resalta|remarca|opina|valora|argumenta|recuerda|apunta|advierte|insiste"
          r"|reconoce|comenta|subraya|precisa|detalla|aclara|explicaba|decía|aseguraba"
          r"|ha\s+(?:dicho|declarado|añadido|afirmado|señalado|explicado|asegurado|indicado|manifestado)",
    "it": r"(?:ha|hanno)\s+(?:detto|dichiarato|spiegato|aggiunto|affermato|sottolineato|commentato|precisato"
          r"|ricordato|annunciato|confermato|osservato|scritto|risposto|spiegato|avvertito|ammesso|raccontato)"
          r"|disse|dichiarò|spiegò|aggiunse|affermò|sottolineò|commentò|precisò|ricordò|annunciò|confermò|rispose"
          r"|dice|dichiara|spiega|aggiunge|afferma|sottolinea|commenta|precisa|ricorda|osserva|racconta|avverte"
          r"|(?:ha|hanno)\s+(?:evidenziato|rilevato|ribadito|concluso|assicurato|riferito|fatto\s+sapere"
          r"|denunciato|replicato|chiarito|insistito|reagito)"
          r"|evidenzia|rileva|ribadisce|conclude|assicura|riferisce|sostiene|denuncia"
          r"|replica|chiarisce|insiste|fa\s+sapere",
    "pt": r"disse|afirmou|declarou|explicou|acrescentou|ressaltou|destacou|comentou|informou|observou|indagou"
          r"|falou|contou|lembrou|reforçou|alertou|garantiu|avaliou|admitiu|negou|confirmou|anunciou|escreveu"
          r"|respondeu|reagiu|criticou|defendeu|diz|afirma|declara|explica|acrescenta|ressalta|destaca|comenta|conta"
          r"|lembra|alerta|garante|avalia|defende|dizia|dizendo|afirmando"
          r"|enfatizou|pontuou|salientou|frisou|sustentou|argumentou|relatou|concluiu|reiterou|esclareceu"
          r"|apontou|detalhou|revelou|justificou|opinou|ponderou|enfatiza|pontua|salienta|frisa"
          r"|sustenta|relata|conclui|reitera|esclarece|aponta|detalha|revela|opina|pondera",
    "nl": r"zei|zeiden|zegt|zeggen|verklaarde|verklaart|liet\s+weten|laat\s+weten|stelde|stelt|benadrukte|benadrukt"
          r"|legde\s+uit|vertelde|vertelt|schreef|schrijft|reageerde|antwoordde|waarschuwde|voegde\s+toe|meldde"
          r"|bevestigde|erkende|aldus|meent|meende|gaf\s+aan|geeft\s+aan|legt\s+uit|reageert|waarschuwt|erkent"
          r"|bevestigt|concludeerde|concludeert|merkte\s+op|merkt\s+op|benadrukte|vertelt",
    # Polish: the verb's masculine and feminine past, and the present.
    "pl": r"powiedział[a]?|powiedzieli|mówi|mówił[a]?|stwierdził[a]?|dodał[a]?|podkreślił[a]?|zaznaczył[a]?"
          r"|ocenił[a]?|przekazał[a]?|poinformował[a]?|oświadczył[a]?|wyjaśnił[a]?|skomentował[a]?|przyznał[a]?"
          r"|napisał[a]?|ostrzegł[a]?|zauważył[a]?|uważał[a]?|uważa|twierdzi|twierdził[a]?|odpowiedział[a]?"
          r"|przekonuje|przekonywał[a]?|tłumaczy|tłumaczył[a]?|wyjaśnia|podkreśla|zaznacza|dodaje|ocenia"
          r"|komentuje|zapewnia|zapewnił[a]?|przypomina|przypomniał[a]?|zapowiedział[a]?|wskazuje|wskazał[a]?"
          r"|relacjonował[a]?|pisze|mówiła|zareagował[a]?",
}
# Verbs whose object is what is quoted ("llamó a la Argentina «un país al margen de la ley»", "nannte
# den Plan „Unsinn“"): they report words only in a sentence that quotes some ("llamó a la policía"
# reports none).
QUOTING_VERBS = {
    "de": r"nannte|nennt|bezeichnete|bezeichnet",
    "fr": r"(?:a|ont)\s+(?:qualifié|décrit|traité)|qualifie|décrit",
    "es": r"llamó|llama|calificó|califica|definió|definía|define|describió|describe|tildó|tilda",
    "it": r"(?:ha|hanno)\s+(?:definito|chiamato)|definì|definisce|chiamò",
    "pt": r"chamou|classificou|definiu|qualificou|chama|classifica|define",
    "nl": r"noemde|noemt",
    "pl": r"nazwał[a]?|nazywa",
}
NOTHING = r"$^"
# Words that report speech right after a quotation alone: "…«, so Keller."
# German's separable verbs open the same way: "„…“, teilte Polizeisprecher Jan Keller mit".
AFTER_QUOTE = {"de": r"so|teilte|teilten|fügte|räumte|kündigte|gab|stellte", "nl": r"aldus"}
# The articles a role opens with: "el ministro", "le ministre", "il ministro", "o ministro", "der Minister".
ROLE_ARTICLES = r"el|la|le|il|lo|o|a|de|der|die|das|het"
# "according to": before the name, or (German "zufolge") after it.
ACCORDING_BEFORE = {"de": r"laut", "fr": r"selon|d['’]après",
                    # "de acuerdo con lo señalado por": what was said, and by whom.
                    "es": r"(?:según|de\s+acuerdo\s+con)(?:\s+lo\s+[a-zà-ÿ]+[ai]do\s+por)?",
                    "it": r"secondo|stando\s+a|a\s+detta\s+di", "pt": r"segundo|de\s+acordo\s+com|conforme",
                    "nl": r"volgens",
                    # Polish "według" takes the genitive: the name after it is not in its own form.
                    "pl": NOTHING}
ACCORDING_AFTER = {"de": r"zufolge"}
# What a pronoun or a dropped subject says: "a-t-il dit", "sagte er", "…», señaló.", "…", zei hij.
# "a-t-il ajouté": a compound past whose subject is a pronoun set between its two words.
INVERTED_COMPOUND = {"fr": rf"(?:a-t|ont)-(?:il|elle)s?\s+(?:{FRENCH_PARTICIPLES})"}
# French inverts its pronoun with a hyphen, and a "-t-" after a vowel: "dit-il", "ajoute-t-elle".
PRONOUNS = {"de": r"(?:er|sie)", "fr": r"(?:-t)?-(?:il|elle)s?", "es": r"", "it": r"", "pt": r"", "nl": r"(?:hij|zij|ze)",
            "pl": r""}
# Lower-case words between the verb and the name: articles, roles ("le ministre", "el portavoz
# policial", "la procuradora ad hoc").
LOWER_WORDS = r"(?:[a-zà-ÿ][\w'’-]*\s+){0,5}"
# Nouns that name what an organisation is: the capitalised words after one name it, one word or
# more, after a few words describing it ("según la agencia de noticias BelTA", "advirtió la
# calificadora Moody's", "de acuerdo con la agencia oficial de noticias rusa Sputnik").
ORGANISATION_NOUNS = {
    "es": r"agencia|calificadora|empresa|compañía|firma|diario|periódico|cadena|banco|consultora|aerolínea"
          r"|cooperativa|fundación|organización|operadora|aseguradora",
    "fr": r"agence|société|entreprise|journal|quotidien|groupe|banque|chaîne|fondation|organisation|compagnie",
    "it": r"agenzia|società|azienda|gruppo|banca|giornale|quotidiano|fondazione|organizzazione|compagnia",
    "pt": r"agência|empresa|companhia|banco|jornal|fundação|organização|consultoria|montadora|fabricante",
    "nl": r"bedrijf|fabrikant|bank|krant|organisatie|stichting|persbureau|fabriek",
}
# French institutions written in lower case, named by what follows: "selon le ministère des
# Affaires étrangères", "a indiqué la préfecture de Police".
INSTITUTIONS = {"fr": r"ministère|préfecture|parquet|mairie|gouvernement|tribunal|conseil|commission|direction"}
ADJECTIVE = r"[a-zà-ÿ]+(?:ères?|aux|ales?|iques?|aises?|iennes?|iens?|aines?|ains?)"
# Between "according to" and the name, fewer: "según la Comisión", not "según explicó en un comunicado".
ACCORDING_WORDS = r"(?:[a-zà-ÿ][\w'’-]*\s+){0,3}"
# German roles are capitalised nouns: the run's leading words ending so are roles, not names.
GERMAN_ROLE = re.compile(
    r"(?:meister|sprecher|präsident|minister|kanzler|leiter|chef|direktor|trainer|kollege|vorsitzende|experte|"
    r"professor|anwalt|richter|sprecherin|kommissar|altmeister|regisseur|autor|schauspieler|gründer|sekretär|"
    r"iker|ist|loge|(?:stadt|gemeinde|land|kreis|bezirks|bundes|staats)r(?:at|ätin))"
    r"(?:in|r|n)?$")
MIN_NAME_WORDS = 2
BRACKETS = r"(?:\s*\([^()]{1,40}\))?"
# A full stop that ends the sentence after a name ("so Keller."), not an initial's ("Marsha P.").
SENTENCE_STOP = re.compile(r"(?<=\w{3})\.$")
# A name run, and the French elided particle inside a name: "Quai d'Orsay", "Giscard d'Estaing".
RUN = rf"{NAME_RUN}(?:\s+[dl]['’]{NAME_WORD})?"
NAME_RUN_RE = re.compile(RUN)


def _verb_patterns(language: str) -> tuple[re.Pattern, ...]:
    verbs = VERBS[language]
    not_pronoun = rf"(?!{PRONOUNS[language]}\b)" if PRONOUNS[language] else ""
    return (
        # „…“, sagte Bürgermeister Jan Keller. / «…», a déclaré le maire Jean Dupont. / «…», dijo Pérez.
        re.compile(rf"[{CLOSE_QUOTES}“]\s*,?\s*(?:{verbs}|{AFTER_QUOTE.get(language, NOTHING)})\s+{not_pronoun}{LOWER_WORDS}"
                   rf"(?P<name>{RUN})"),
        # …, erklärte Keller. / …, afirmó la procuradora Silvana Carrión. / «… - commenta Walter Artibani - …»
        re.compile(rf"(?:,|\s[-–—]|—)\s*(?:{verbs})\s+{not_pronoun}{LOWER_WORDS}(?P<name>{RUN})"),
        # Keller sagte: „…“ / Josep Borrell consideró que … / Luis Torres, presidente del Consejo, señaló;
        # "el representante para la Política Exterior, Josep Borrell, consideró": the apposition speaks.
        # "Eduardo Bolsonaro (PSL-SP) disse": a party or a place in brackets after the name.
        re.compile(rf"(?P<name>{RUN}){BRACKETS}(?:,\s+(?P<apposition>[^,{OPEN_QUOTES}{CLOSE_QUOTES}]{{2,120}}),)?"
                   rf"\s+(?:{verbs})\b"),
        re.compile(rf"\b(?i:{ACCORDING_BEFORE[language]})\s+{ACCORDING_WORDS}(?P<name>{RUN})"),
        re.compile(rf"(?P<name>{RUN})\s+(?:{ACCORDING_AFTER.get(language, NOTHING)})\b"),
        # «…», dijo el ministro del Interior, Fernando Grande-Marlaska. / …, a déclaré le ministre de
        # l'Intérieur, Gérald Darmanin: a role with capitalised words of its own, then the name.
        re.compile(rf"(?:[{CLOSE_QUOTES}“]\s*,?\s*|,\s+|\s[-–—]\s*)(?:{verbs})\s+(?:{ROLE_ARTICLES})\s+[a-zà-ÿ]"
                   rf"[^,.;:{OPEN_QUOTES}{CLOSE_QUOTES}]{{1,80}},\s+(?P<name>{RUN})"),
        # "O embaixador da China, Yang Wanming, reagiu": the name set off by commas after its role.
        re.compile(rf"(?<=,\s)(?P<name>{RUN}){BRACKETS}\s*,\s+(?:{verbs})\b"),
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
def _patterns(language: str) -> tuple[tuple[re.Pattern, ...], re.Pattern, re.Pattern]:
    verbs, pronoun = VERBS[language], PRONOUNS[language]
    # The speaker named before: "…«, sagte er.", "…», a-t-il dit.", "…», señaló."
    inverted = INVERTED_COMPOUND.get(language, NOTHING)
    unnamed = re.compile(rf"(?:[{CLOSE_QUOTES}“]\s*,?\s*|,\s+)(?:(?:{verbs})\s*{pronoun}|{pronoun}\s*(?:{verbs})"
                         rf"|{inverted})\s*[.!?,;]") if pronoun else \
        re.compile(rf"(?:[{CLOSE_QUOTES}“]\s*,?\s*|\s[-–—]\s*|—)(?:{verbs})\s*[.!?,;]")  # "…», señaló." "—No —dijo."
    return _verb_patterns(language), unnamed, _organisation_pattern(language)


def attributions_in(paragraphs: list[str], language: str) -> Attributions:
    """The Attributions of an article in one of the languages of VERBS."""
    known = known_names(paragraphs, language)
    found, last = [], None
    for paragraph in paragraphs:
        hits = paragraph_attributions(paragraph, language, known, last)
        last = hits[-1][1] if hits else last
        found.append(hits)
    # An interview's turns by a name, not by a heading in capitals ("DE INTERES: …").
    turns = tuple(turn for turn in interview_turns(paragraphs) if name_in(turn[2], language, known))
    return Attributions(known, with_credits(found, paragraphs, lambda run: name_in(run, language, known)), turns,
                        acronyms_spelled_out("\n".join(paragraphs)), named=True)


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
    r"|rzecznik|governatore|gobernador|governador|prezes|szef")


# A name after these is what a verb's object belongs to or whom it is said to: "le ministre des
# Affaires étrangères", "proclamó desde un megáfono a la Policía".
OBJECT_BEFORE = re.compile(
    r"\b(?:a|à|al|ao|aos|au|aux|de|des|del|della|delle|dei|degli|di|do|da|dos|das|du|en|em|in|no|na|nos|nas"
    r"|con|com|met|par|por|pour|para|per|aan|van|voor|bij)\s+(?:(?:la|las|le|les|el|los|lo|il|gli|o|os|as|l['’]|de|het)\s*)?$")


def name_in(run: str, language: str, known: Counter, alone: bool = False) -> str | None:
    """A name run as the person or organisation it names in `language`, or None. Its leading
    articles and roles and a trailing office are left out; a capitalised word after its first is
    part of it, whatever it means in lower case ("Amilkar Odelín Ante"). A run of capitals alone is
    a heading. One word is a name where the article gives it in full elsewhere, or, `alone`, where
    it follows a reporting verb or "according to" in a language that writes its nouns in lower case
    ("falou Tite", "según Reuters")."""
    words = _without_leading(SENTENCE_STOP.sub("", run).split(), language, keep=MIN_NAME_WORDS)
    while len(words) > 1 and OFFICE.fullmatch(words[-1].lower()):
        words = words[:-1]
    while len(words) > MIN_NAME_WORDS and language != "de" and OFFICE.fullmatch(words[0].lower()):
        words = words[1:]
    if not words or all(word.isupper() for word in words) and max(map(len, words)) > 4:
        return None
    if len(words) >= MIN_NAME_WORDS:
        return " ".join(words)
    full = next((full for full, _ in known.most_common() if full.split()[-1] == words[0]), None)
    return full or (words[0] if alone and language != "de" and len(words[0]) > 2 else None)


# "el intendente de Pilar Federico Achával", "il sindaco di Roma Virginia Raggi": an office in lower
# case, "of", then a one-word place glued to the holder's name.
OFFICE_OF_PLACE = re.compile(r"\b[a-zà-ÿ]{4,}\s+(?:de|del|di|da|do|du|des|van|von)\s+$")


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
                           last: str | None) -> list[tuple[int, str]]:
    """(position, name) of each attribution in a paragraph; a pronoun or a dropped subject ("…»,
    señaló.") goes to the paragraph's last speaker so far, else `last` (the article's)."""
    named, unnamed, organisations = _patterns(language)
    hits: list[tuple[int, str]] = []
    offset = 0
    for sentence in split_sentences(paragraph):
        start = paragraph.find(sentence, offset)
        offset = start + len(sentence)
        quoting = (_quoting_pattern(language),) if has_quote(sentence) else ()
        for pattern in named + quoting:
            for match in pattern.finditer(sentence):
                apposition = match.groupdict().get("apposition")
                if apposition and NAME_RUN_RE.fullmatch(apposition) \
                        and (name := name_in(apposition, language, known)):
                    hits.append((start + match.start("apposition"), name))
                elif name := name_in(match["name"], language, known,
                                     alone=pattern in named[:2]
                                     and not ending_at(OBJECT_BEFORE, sentence, match.start("name"))):
                    hits.append((start + match.start(), name))
        for match in organisations.finditer(sentence):
            if match["institution"]:
                hits.append((start + match.start("institution"), match["institution"]))
            # An organisation named after what it is may be one word: it is named so here.
            elif not all(word.lower() in _lower_words(language) for word in match["name"].split()):
                hits.append((start + match.start("name"), match["name"]))
    for match in unnamed.finditer(paragraph):
        earlier = [name for at, name in sorted(hits) if at < match.start()]
        if speaker := earlier[-1] if earlier else last:
            hits.append((match.start(), speaker))
    return sorted(set(hits))
