"""Pure data: the words each language reports speech with, read by reported_speech.py. Reporting
verbs and their compound pasts, the adverbs that may stand inside them, "according to", the
pronouns a speaker is named by again, and the nouns that say what an organisation is."""

from __future__ import annotations

# Reporting verbs, past and present, and the compound pasts of French and Spanish.
# French participles after "a" or "ont": "a déclaré", and, its subject a pronoun, "a-t-il ajouté".
FRENCH_PARTICIPLES = (r"publié\s+un\s+communiqué|diffusé\s+un\s+communiqué|déclaré|dit|affirmé|expliqué|ajouté|souligné|estimé|indiqué|assuré|précisé|annoncé|confié"
                      r"|répondu|lancé|reconnu|insisté|rappelé|martelé|regretté|dénoncé|averti|prévenu|raconté|écrit"
                      r"|confirmé|poursuivi|conclu|jugé|noté|observé|relevé|commenté|admis|avoué|témoigné|détaillé"
                      r"|résumé|tweeté|fait\s+savoir|fait\s+valoir|réagi|argumenté|plaidé")
# Adverbs that may stand between a name or an auxiliary and the verb: "Jean Dupont a également
# déclaré", "Juan Pérez también señaló", "Marco Rossi ha poi spiegato".
ADVERBS = {
    "de": r"auch|noch|gestern|heute|bereits|zudem|außerdem|jedoch",
    "fr": r"aussi|également|ensuite|encore|déjà|notamment|enfin|pourtant|toutefois|cependant|alors|ainsi|hier"
          r"|d['’]ailleurs|aujourd['’]hui",
    "es": r"también|además|luego|después|ya|hoy|ayer|anteriormente|incluso|asimismo|entonces|finalmente",
    "it": r"anche|poi|inoltre|ieri|oggi|già|infine|invece|quindi|pure",
    "pt": r"também|ainda|já|ontem|hoje|depois|inclusive|novamente",
    "nl": r"ook|nog|gisteren|vandaag|eerder|echter",
    "pl": r"także|też|wcześniej|jednak|również|ponadto|wczoraj|dziś|dzisiaj",
}


def adverb(language: str) -> str:
    return rf"(?:(?:{ADVERBS[language]})\s+)?"


# German and Dutch perfects, the participle at the clause's end: "Jan Keller hat am Montag gesagt".
PERFECTS = {
    "de": r"(?:hat|haben)\s+(?:[\w-]+\s+){0,4}?(?:gesagt|erklärt|betont|gemeint|ergänzt|gewarnt|kritisiert|gefordert"
          r"|geschrieben|berichtet|bestätigt|erzählt|eingeräumt|mitgeteilt|geantwortet|erläutert|unterstrichen"
          r"|versichert|bekräftigt|kommentiert)",
    "nl": r"(?:heeft|hebben)\s+(?:[\w-]+\s+){0,4}?(?:gezegd|verklaard|laten\s+weten|gesteld|benadrukt|uitgelegd"
          r"|verteld|geschreven|gereageerd|geantwoord|gewaarschuwd|gemeld|bevestigd|erkend)",
}
VERBS = {
    "de": r"sagte|sagten|sagt|erklärte|erklärt|betonte|betont|meinte|meint|ergänzte|ergänzt|fügte\s+hinzu"
          r"|warnte|warnt|kritisierte|kritisiert|forderte|fordert|schrieb|schreibt|berichtete|bestätigte"
          r"|beurteilt|beurteilte|erzählte|erzählt|räumte\s+ein|teilte\s+mit|antwortete|antwortet|reagierte"
          r"|erläuterte|erläutert|unterstrich|unterstreicht|versicherte|versichert|bekräftigte|bekräftigt"
          r"|kommentierte|kommentiert|mahnte|mahnt|entgegnete|entgegnet|argumentierte|argumentiert|berichtet"
          rf"|bestätigt|stellte\s+klar|gab\s+an|gab\s+zu|kündigte\s+an|kündigt\s+an|{PERFECTS['de']}"
          # a separable verb whole at a subordinate clause's end: "Wie Jan Keller mitteilte, …"
          r"|mitteilte|mitteilten|ankündigte|hinzufügte|einräumte|klarstellte"
          # a statement issued: "veröffentlichte eine Erklärung", "emitió un comunicado", "divulgou uma nota"
          r"|veröffentlichte\s+eine\s+(?:Erklärung|Mitteilung|Pressemitteilung|Stellungnahme)"
          # a view given: "sieht darin eine Chance", "glaubt, dass …", "hält das für falsch"
          r"|sieht\s+(?:darin|das|es|dies)|sah\s+(?:darin|das|es|dies)|glaubt|glaubte|hält\s+(?:das|es|dies)\s+für",
    "fr": rf"(?:a|ont)\s+{adverb('fr')}(?:{FRENCH_PARTICIPLES})"
          r"|dit|déclare|affirme|explique|ajoute|souligne|estime|indique|assure|précise|annonce|confie|répond"
          r"|s['’]est\s+interrogée?|s['’]est\s+félicitée?|poursuit|insiste|rappelle|raconte|écrit|confirme"
          r"|conclut|observe|relève|résume|témoigne|détaille|commente|reconnaît|regrette|dénonce|avertit"
          r"|prévient|martèle|fait\s+savoir|fait\s+valoir|s['’]est\s+dite?s?"
          # a participle before its clause: "Me Salif Béavogui estimant que …"
          r"|(?:estimant|affirmant|expliquant|déclarant|soulignant|indiquant|précisant|ajoutant|assurant|jugeant)\s+qu(?:e|['’])",
    "es": r"dijo|afirmó|explicó|aseguró|señaló|indicó|declaró|manifestó|subrayó|apuntó|advirtió|añadió|agregó"
          r"|comentó|precisó|detalló|informó|destacó|expresó|sostuvo|consideró|recordó|proclamó|aclaró|insistió"
          r"|reconoció|lamentó|denunció|admitió|respondió|reaccionó|escribió|confirmó|anunció|dice|afirma|explica|asegura"
          r"|señala|indica|añade|agrega|sostiene|considera|destaca|expresa"
          r"|(?:emitió|difundió|publicó)\s+un\s+comunicado|concluyó|reiteró|relató|puntualizó|enfatizó|resaltó|remarcó|opinó|valoró|argumentó|mencionó"
          r"|comunicó|planteó|refirió|reveló|alertó|dejó\s+(?:en\s+)?claro|concluye|reitera|relata"
          r"|puntualiza|enfatiza|resalta|remarca|opina|valora|argumenta|recuerda|apunta|advierte|insiste"
          r"|reconoce|comenta|subraya|precisa|detalla|aclara|explicaba|decía|aseguraba"
          r"|(?:afirmando|asegurando|explicando|señalando|indicando|añadiendo|destacando|advirtiendo|subrayando)\s+que"
          rf"|ha\s+{adverb('es')}(?:dicho|declarado|añadido|afirmado|señalado|explicado|asegurado|indicado|manifestado)",
    "it": rf"(?:ha|hanno)\s+{adverb('it')}(?:detto|dichiarato|spiegato|aggiunto|affermato|sottolineato|commentato|precisato"
          r"|ricordato|annunciato|confermato|osservato|scritto|risposto|spiegato|avvertito|ammesso|raccontato)"
          r"|disse|dichiarò|spiegò|aggiunse|affermò|sottolineò|commentò|precisò|ricordò|annunciò|confermò|rispose"
          r"|dice|dichiara|spiega|aggiunge|afferma|sottolinea|commenta|precisa|ricorda|osserva|racconta|avverte"
          rf"|(?:ha|hanno)\s+{adverb('it')}(?:evidenziato|rilevato|ribadito|concluso|assicurato|riferito|fatto\s+sapere"
          r"|denunciato|replicato|chiarito|insistito|reagito)"
          r"|evidenzia|rileva|ribadisce|conclude|assicura|riferisce|sostiene|denuncia"
          r"|(?:affermando|spiegando|sottolineando|aggiungendo|dichiarando|precisando)\s+che"
          r"|replica|chiarisce|insiste|fa\s+sapere|(?:ha|hanno)\s+(?:diffuso|emesso)\s+una\s+nota|si\s+(?:è|sono)\s+dett[oaie]",
    "pt": r"disse|afirmou|declarou|explicou|acrescentou|ressaltou|destacou|comentou|informou|observou|indagou"
          r"|falou|contou|lembrou|reforçou|alertou|garantiu|avaliou|admitiu|negou|confirmou|anunciou|escreveu"
          r"|respondeu|reagiu|criticou|defendeu|diz|afirma|declara|explica|acrescenta|ressalta|destaca|comenta|conta"
          r"|lembra|alerta|garante|avalia|defende|dizia|dizendo|afirmando"
          r"|(?:explicando|ressaltando|destacando|acrescentando|alegando)\s+que"
          r"|(?:divulgou|emitiu|publicou)\s+(?:uma\s+)?nota|enfatizou|pontuou|salientou|frisou|sustentou|argumentou|relatou|concluiu|reiterou|esclareceu"
          r"|apontou|detalhou|revelou|justificou|opinou|ponderou|enfatiza|pontua|salienta|frisa"
          r"|sustenta|relata|conclui|reitera|esclarece|aponta|detalha|revela|opina|pondera",
    "nl": r"zei|zeiden|zegt|zeggen|verklaarde|verklaart|liet\s+weten|laat\s+weten|stelde|stelt|benadrukte|benadrukt"
          r"|legde\s+uit|vertelde|vertelt|schreef|schrijft|reageerde|antwoordde|waarschuwde|voegde\s+toe|meldde"
          r"|bevestigde|erkende|aldus|meent|meende|gaf\s+aan|geeft\s+aan|legt\s+uit|reageert|waarschuwt|erkent"
          r"|(?:bracht|brachten|gaf|gaven)\s+een\s+verklaring\s+uit"
          rf"|bevestigt|concludeerde|concludeert|merkte\s+op|merkt\s+op|benadrukte|vertelt|meldt|{PERFECTS['nl']}",
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
AFTER_QUOTE = {"de": r"so|teilte|teilten|fügte|räumte|kündigte|gab|stellte|findet|fand", "nl": r"aldus"}
# The articles a role opens with: "el ministro", "le ministre", "il ministro", "o ministro", "der Minister".
ROLE_ARTICLES = r"el|la|le|il|lo|o|a|de|der|die|das|het"
# "according to": before the name, or (German "zufolge") after it.
ACCORDING_BEFORE = {"de": r"laut|nach\s+(?:Angaben|Aussage|Auskunft)\s+(?:von|des|der)", "fr": r"selon|d['’]après",
                    # "de acuerdo con lo señalado por": what was said, and by whom.
                    "es": r"(?:según|de\s+acuerdo\s+con)(?:\s+lo\s+[a-zà-ÿ]+[ai]do\s+por)?",
                    "it": r"secondo|stando\s+a|a\s+detta\s+di", "pt": r"segundo|de\s+acordo\s+com|conforme",
                    "nl": r"volgens",
                    # Polish "według" takes the genitive: the name after it is not in its own form.
                    "pl": NOTHING}
ACCORDING_AFTER = {"de": r"zufolge"}
# A view framed by "for" at a sentence's start, the name set off by a comma: "Pour Jean Dupont, le plan
# a échoué", "Para Juan Pérez, …". Not German, whose "Für Jan Keller ist …" sets off no name.
VIEW_FOR = {"fr": r"Pour", "es": r"Para", "it": r"Per", "pt": r"Para", "nl": r"Voor"}
# The word that joins a second verb to its subject's first: "Juan Pérez se mostró satisfecho y afirmó".
AND = {"de": r"und|aber", "fr": r"et|mais", "es": r"y|e|pero", "it": r"e|ed|ma", "pt": r"e|mas", "nl": r"en|maar",
       "pl": r"i|a|ale"}
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
# Nouns for a person's role: after "according to" and such a role, a name set off by commas is the
# role's holder ("de acuerdo con lo señalado por la gestora de este evento, Adela Díaz, …"); after an
# institution ("según la policía de Madrid, Juan Pérez, …") the name opens the main clause.
PERSON_ROLES = (r"portavoz|vocer[oa]|gestor[a]?|responsable|jef[ea]|director[a]?|coordinador[a]?|expert[oa]"
                r"|abogad[oa]|fiscal|juez[a]?|médic[oa]|alcalde(?:sa)?|concejal[a]?|ministr[oa]|president[ea]"
                r"|secretári?[oa]|gerente|delegad[oa]|diputad[oa]|senador[a]?|investigador[a]?|profesor[a]?"
                r"|professor[a]?|doctor[a]?|sindac[oa]|portavoce|porta-voz|prefeit[oa]|diretor[a]?|especialista"
                r"|porte-parole|maire|directeur|directrice|ministre|avocat[e]?|procureur|présidente?|deputad[oa]"
                r"|vereador[a]?|governador[a]?|gobernador[a]?|assessor[a]?|asesor[a]?")
