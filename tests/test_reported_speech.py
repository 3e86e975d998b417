"""Pure: whom German, French, Spanish, Italian, Portuguese and Dutch paragraphs attribute words to, rule by
rule."""

import re

import pytest

from search.extraction.article import article_from_text
from search.extraction.reported_speech import attributions_in
from search.extraction.sentences import NAME_RUN
from search.extraction.speakers import extract_quotes, extract_speakers


def speakers(language: str, *paragraphs: str) -> tuple[str, ...]:
    return extract_speakers(list(paragraphs), attributions_in(list(paragraphs), language))


# Each row: a way a language attributes words, written by rule, and who speaks.
@pytest.mark.parametrize("language, paragraph, expected", [
    # a quotation, the verb, then the role and the name
    ("de", "„Wir haben keine andere Wahl“, sagte Bürgermeister Jan Keller am Dienstag.", ("Jan Keller",)),
    ("de", "»Das ist zu teuer«, erklärte die Ministerin Anna Berger.", ("Anna Berger",)),
    ("fr", "« Nous n'avions pas le choix », a déclaré le maire Jean Dupont.", ("Jean Dupont",)),
    ("es", "«No teníamos otra opción», afirmó la alcaldesa María López.", ("María López",)),
    ("es", "“No teníamos otra opción”, dijo el portavoz policial Oliver Peiler.", ("Oliver Peiler",)),
    # the name, then the verb (and a colon before the quotation)
    ("de", "Jan Keller sagte: „Wir machen weiter.“", ("Jan Keller",)),
    ("fr", "Marie Curie a expliqué que la décision était sage.", ("Marie Curie",)),
    ("es", "Josep Borrell consideró que el diálogo es la única salida.", ("Josep Borrell",)),
    # the apposition holds the name: "the representative for Foreign Policy, Josep Borrell, said"
    ("es", "El alto representante para la Política Exterior, Josep Borrell, consideró que no hay salida.",
     ("Josep Borrell",)),
    # according to
    ("de", "Laut Jan Keller steigen die Kosten.", ("Jan Keller",)),
    ("de", "Jan Keller zufolge steigen die Kosten.", ("Jan Keller",)),
    ("fr", "Selon Marie Curie, la décision est sage.", ("Marie Curie",)),
    ("es", "Según la Comisión Electoral, la participación fue del 60 por ciento.", ("Comisión Electoral",)),
    # an organisation named after what it is, in one word
    ("es", "La caída pone en riesgo las aportaciones, advirtió la calificadora Moody's.", ("Moody's",)),
    ("fr", "Le bilan s'alourdit, selon l'agence Reuters.", ("Reuters",)),
    # a French institution written in lower case, and a name with an elided particle
    ("fr", "Le bilan s'alourdit, selon le ministère des Affaires étrangères.",
     ("ministère des Affaires étrangères",)),
    ("fr", "Le bilan s'alourdit, selon le Quai d'Orsay.", ("Quai d'Orsay",)),
    # none: a role without a name, a noun pair that opens a sentence, a heading in capitals
    ("de", "„Das ist zu teuer“, sagte die Ministerin.", ()),
    ("de", "Sämtliche Daten liegen auf Servern in Heidelberg, so dass die Daten sicher sind.", ()),
    ("es", "“Vamos a seguir”, señaló el ministro.", ()),
    # Italian, Portuguese and Dutch: the quotation, the verb and the name; the name and the verb;
    # "according to"
    ("it", "«Non avevamo scelta», ha detto il sindaco Marco Rossi.", ("Marco Rossi",)),
    ("it", "Giulia Bianchi ha spiegato che i costi sono saliti.", ("Giulia Bianchi",)),
    ("it", "Secondo Giulia Bianchi, i costi sono saliti.", ("Giulia Bianchi",)),
    ("pt", "“Não tínhamos escolha”, disse o prefeito João Silva.", ("João Silva",)),
    ("pt", "Ana Souza afirmou que os custos subiram.", ("Ana Souza",)),
    ("pt", "De acordo com Ana Souza, os custos subiram.", ("Ana Souza",)),
    ("nl", "„We hadden geen keus”, zei burgemeester Jan de Vries.", ("Jan de Vries",)),
    ("nl", "Volgens Pieter Jansen zijn de kosten gestegen.", ("Pieter Jansen",)),
    ("nl", "De kosten zijn gestegen, aldus Pieter Jansen.", ("Pieter Jansen",)),
    ("nl", "Dat heeft volgens fabrikant Honda niets te maken met de motor.", ("Honda",)),
    # a verb set off by dashes inside the quotation, and an office written after the name
    ("it", "«Non si va al lavoro - commenta Walter Bruni Segretario generale - e si mangia troppo».",
     ("Walter Bruni",)),
    ("es", "«No hay salida —dijo Carlos Nino— si nadie cede».", ("Carlos Nino",)),
    # one word after a reporting verb is a name where nouns are written in lower case; not after a
    # preposition ("to the police"), and not in German, which capitalises every noun
    ("pt", "“Em 2012 eu errei”, falou Tite ao programa.", ("Tite",)),
    ("es", "“Uníos a nosotros”, proclamó desde un megáfono a la Policía.", ()),
    ("de", "„Das ist zu teuer“, sagte Bürgermeister.", ()),
    # a role with capitalised words of its own, a comma, then the name; German's separable verbs
    ("es", "«No hay margen», dijo el ministro del Interior, Fernando Grande.", ("Fernando Grande",)),
    ("fr", "« Nous sommes prêts », a déclaré le ministre de l'Intérieur, Paul Morel.", ("Paul Morel",)),
    ("it", "«Siamo pronti», ha detto il ministro dell'Interno, Marco Rossi.", ("Marco Rossi",)),
    ("es", "La ciudad, dijo el alcalde, está lista.", ()),
    ("de", "„Wir sind bereit“, teilte Polizeisprecher Jan Keller mit.", ("Jan Keller",)),
    ("de", "„Das ist reiner Unsinn“, sagte Stadträtin Anna Berger.", ("Anna Berger",)),
    ("de", "„Das ist reiner Unsinn“, sagte Landrat Murat Can Yilmaz.", ("Murat Can Yilmaz",)),
    # Polish: a quotation set off by dashes, the name then the verb, an office at the sentence's
    # start; no name after "według", which takes the genitive ("Jana Kowalskiego")
    ("pl", "- Głupota ludzka przeważyła - skomentował burmistrz Felipe Alessandri.", ("Felipe Alessandri",)),
    ("pl", "„Nie mamy wyboru” – powiedziała minister Anna Nowak.", ("Anna Nowak",)),
    ("pl", "Jan Kowalski powiedział, że koszty wzrosły.", ("Jan Kowalski",)),
    ("pl", "Premier Donald Tusk powiedział, że koszty wzrosły.", ("Donald Tusk",)),
    ("pl", "Według Jana Kowalskiego koszty wzrosły.", ()),
    # each language's other common reporting verbs, past and present; not a verb that only looks
    # like one ("cuenta con", "has" in Spanish; "continua a", "goes on" in Italian)
    ("de", "„Wir sind bereit“, unterstrich die Ministerin Anna Berger.", ("Anna Berger",)),
    ("de", "Jan Keller stellte klar, dass nichts entschieden sei.", ("Jan Keller",)),
    ("fr", "« Rien n'est décidé », a fait savoir le maire Jean Dupont.", ("Jean Dupont",)),
    ("fr", "« Rien n'est décidé », conclut Marie Curie.", ("Marie Curie",)),
    ("fr", "Jean Dupont, juge au tribunal de Grande Instance, a dit que tout allait bien.", ("Jean Dupont",)),
    ("es", "Carlos Alesandri dejó claro que no habrá controles.", ("Carlos Alesandri",)),
    ("es", "«No habrá controles», puntualizó la alcaldesa María López.", ("María López",)),
    ("es", "Carlos Alesandri cuenta con el apoyo de la Comunidad.", ()),
    ("it", "«Non abbiamo scelta», ha ribadito il sindaco Marco Rossi.", ("Marco Rossi",)),
    ("it", "Marco Rossi continua a lavorare in Comune.", ()),
    ("pt", "“Não tínhamos escolha”, frisou o prefeito João Silva.", ("João Silva",)),
    ("pt", "Ana Souza completou 30 anos de carreira.", ()),
    ("nl", "Pieter Jansen merkte op dat de kosten stijgen.", ("Pieter Jansen",)),
    ("pl", "- Nie mamy wyboru - przekonuje minister Anna Nowak.", ("Anna Nowak",)),
    # the name set off by commas after its role, then the verb; a party in brackets after the name
    ("pt", "O embaixador da China em Brasília, Yang Wanming , reagiu dizendo que as afirmações eram infames.",
     ("Yang Wanming",)),
    ("es", "El presidente del club, Juan Pérez, aseguró que no habrá cambios.", ("Juan Pérez",)),
    ("es", "Todo sigue igual en el puerto, Nueva York, dijo el alcalde.", ()),
    ("pt", "O deputado Eduardo Nunes (PSL-SP) disse que a China é um risco.", ("Eduardo Nunes",)),
    # a verb that opens the sentence, after a short adverbial, then its subject; not a conjunction's
    # clause, a preposition's object, nor a noun phrase before the verb that may be its subject
    ("de", "Am Montag sagte Bürgermeister Jan Keller, die Kosten seien zu hoch.", ("Jan Keller",)),
    ("de", "Das erklärte Ministerin Anna Berger am Dienstag.", ("Anna Berger",)),
    ("nl", "Dat zei minister Jan de Vries maandag.", ("Jan de Vries",)),
    ("es", "Así lo afirmó Juan Pérez, presidente del club.", ("Juan Pérez",)),
    ("it", "Lo ha detto il sindaco Marco Rossi.", ("Marco Rossi",)),
    ("pl", "Jak powiedział Jan Kowalski, koszty wzrosły.", ("Jan Kowalski",)),
    ("es", "Juan dijo que Pedro Sánchez ganará.", ()),
    ("es", "Ayer explicó a Juan Pérez que no habría cambios.", ()),
    ("de", "Die Opposition kritisierte Anna Berger scharf.", ()),
    ("it", "Ha detto che Marco Rossi ha torto.", ()),
    # an adverb between the name, or the auxiliary, and the verb; German and Dutch perfects; a
    # German separable verb whole at a clause's end; "according to" in German's other words
    ("fr", "Jean Dupont a également déclaré que la décision était sage.", ("Jean Dupont",)),
    ("es", "Juan Pérez también señaló que la decisión es sabia.", ("Juan Pérez",)),
    ("it", "Marco Rossi ha poi spiegato che i costi sono saliti.", ("Marco Rossi",)),
    ("de", "Jan Keller hat am Montag gesagt, die Kosten seien zu hoch.", ("Jan Keller",)),
    ("de", "Er hat Jan Keller gesagt, dass nichts geschieht.", ()),
    ("nl", "Jan de Vries heeft gezegd dat de kosten stijgen.", ("Jan de Vries",)),
    ("de", "Wie Polizeisprecher Jan Keller mitteilte, wurde niemand verletzt.", ("Jan Keller",)),
    ("de", "Nach Angaben von Jan Keller wurde niemand verletzt.", ("Jan Keller",)),
    ("fr", "Jean Dupont s'est dit très inquiet.", ("Jean Dupont",)),
    # "according to" a person's role, then the name set off by commas; not after an institution,
    # where the name opens the main clause
    ("es", "De acuerdo con lo señalado por la gestora del evento, Ana Ruiz, jefa de carrera, habrá cambios.",
     ("Ana Ruiz",)),
    ("pt", "Segundo o prefeito da cidade, João Silva, as obras começam amanhã.", ("João Silva",)),
    ("fr", "Selon le maire de Lyon, Jean Dupont, la décision est sage.", ("Jean Dupont",)),
    ("es", "Según la policía de Madrid, Juan Pérez, de 45 años, robó el coche.", ()),
    # a statement issued is words
    ("es", "La Comunidad Regional Calamuchita emitió un comunicado en el que aclaró que no hay vínculo.",
     ("Comunidad Regional Calamuchita",)),
    ("fr", "Amnesty International a publié un communiqué dénonçant la décision.", ("Amnesty International",)),
    ("pt", "A Polícia Federal divulgou uma nota sobre o caso.", ("Polícia Federal",)),
    ("de", "Die Deutsche Bahn veröffentlichte eine Erklärung zu dem Unfall.", ("Deutsche Bahn",)),
    ("nl", "De Nederlandse Spoorwegen brachten een verklaring uit.", ("Nederlandse Spoorwegen",)),
    # a view given in German; not the verb's other sense
    ("de", "Kollegin Lisa Wagner sieht darin etwas Allgemeingültiges.", ("Lisa Wagner",)),
    ("de", "Anna Berger glaubt, dass die Kosten steigen.", ("Anna Berger",)),
    ("de", "Anna Berger sieht müde aus.", ()),
    # a participle right after the name, before its clause
    ("fr", "Me Paul Morel estimant que cette vidéo n'était pas fournie, le juge a suspendu l'audience.", ("Paul Morel",)),
    ("es", "Juan Pérez asegurando que no habrá cambios.", ("Juan Pérez",)),
    ("it", "Marco Rossi spiegando che i costi sono saliti.", ("Marco Rossi",)),
    # an office before the name in the language's own words, feminine forms too
    ("nl", "Burgemeester Jan de Vries zegt dat de kosten stijgen.", ("Jan de Vries",)),
    ("es", "Alcaldesa María López afirmó que no habrá cambios.", ("María López",)),
    # a view framed by "for" and a name at a sentence's start; not a time, a place or a thing in one
    # word, nor "for" inside a sentence
    ("fr", "Pour Jean Dupont, le plan a échoué.", ("Jean Dupont",)),
    ("fr", "Pour le maire Jean Dupont, le plan a échoué.", ("Jean Dupont",)),
    ("es", "Para Juan Pérez, el plan fracasó.", ("Juan Pérez",)),
    ("it", "Per il sindaco Marco Rossi, il piano è fallito.", ("Marco Rossi",)),
    ("pt", "Para João Silva, o plano falhou.", ("João Silva",)),
    ("nl", "Voor Jan de Vries, die de wet schreef, is het plan mislukt.", ("Jan de Vries",)),
    ("fr", "Pour Noël, nous partons à Lyon.", ()),
    ("es", "Para 2020, el plan fracasó.", ()),
    ("fr", "Un cadeau pour Jean Dupont, le maire, est arrivé.", ()),
    # a sentence's subject, after its role, speaks in its second clause; a noun phrase or a place
    # before the name is no role of the subject's
    ("es", "Juan Pérez se mostró satisfecho y afirmó que el plan fracasó.", ("Juan Pérez",)),
    ("es", "El ministro Juan Pérez llegó a Madrid y dijo que el plan fracasó.", ("Juan Pérez",)),
    ("de", "Jan Keller kam am Montag nach Berlin und sagte, der Plan sei gescheitert.", ("Jan Keller",)),
    ("fr", "Jean Dupont est arrivé lundi et a déclaré que le plan avait échoué.", ("Jean Dupont",)),
    ("it", "Marco Rossi è arrivato e ha detto che il piano è fallito.", ("Marco Rossi",)),
    ("de", "Die Opposition kritisierte den Plan und forderte Neuwahlen.", ()),
    ("es", "En la reunión de Madrid Juan Pérez habló y dijo que sí.", ()),
    # two particles inside a surname; a German article after a name opens the verb's object; German
    # "so" and a name after a comma close what was said, "so dass" does not
    ("de", "„Das ist zu teuer“, sagte Kommissionschefin Ursula von der Leyen.", ("Ursula von der Leyen",)),
    ("nl", "'Het plan is mislukt', zegt Jan van den Berg.", ("Jan van den Berg",)),
    ("de", "„Das ist zu teuer“, sagte Jan Keller der Deutschen Presse-Agentur.", ("Jan Keller",)),
    ("de", "Das sagte Anna Berger dem Sender.", ("Anna Berger",)),
    ("de", "Der Plan sei gescheitert, so Bürgermeister Jan Keller, der seit 2010 im Amt ist.", ("Jan Keller",)),
    ("de", "Er kam früh, so dass Jan Keller nicht wartete.", ()),
])
def test_each_language_s_attributions(language, paragraph, expected):
    assert speakers(language, paragraph) == expected


def test_a_surname_is_the_full_name_the_article_gave():
    paragraphs = ["Der Bürgermeister von Halden, Jan Keller, eröffnete die Sitzung.",
                  "„Das ist zu teuer“, so Keller."]
    assert speakers("de", *paragraphs) == ("Jan Keller",)


@pytest.mark.parametrize(("language", "paragraphs", "expected"), [
    ("pt", ["A estudante Ana Taborga, de 27 anos, levou o cão para casa.", "Ana explica que o cão vai melhorar."],
     ("Ana Taborga",)),
    ("es", ["La vecina Ana Taborga llevó el perro a casa.", "Ana dijo que el perro mejora."], ("Ana Taborga",)),
    # Two people of that first name: the first name alone is neither.
    ("it", ["Sono qui Anna Rossi e Anna Bianchi.", "Anna spiega che il cane migliora."], ()),
    # German capitalises every noun: one word is a name only as a surname.
    ("de", ["Die Stadt Halden Nord wächst.", "Halden sagte, es gehe voran."], ()),
    # Before anyone has spoken, a pronoun is the person named last before it.
    ("fr", ["Lundi, Jean Dupont est arrivé à Lyon.", "« Le plan a échoué », a-t-il ajouté."], ("Jean Dupont",)),
    ("es", ["El lunes llegó Juan Pérez.", "«El plan fracasó», añadió."], ("Juan Pérez",)),
    ("fr", ["« Le plan a échoué », a-t-il ajouté.", "Lundi, Jean Dupont est arrivé à Lyon."], ()),
    # Words may follow a pronoun named with its verb; a verb glued after "er" is no pronoun's.
    ("fr", ["Lundi, Jean Dupont est arrivé à Lyon.", "« Le plan a échoué », a-t-il ajouté devant la presse."],
     ("Jean Dupont",)),
    ("de", ["Am Montag kam Jan Keller nach Halden.", "„Das ist zu teuer“, sagte er dem Sender."], ("Jan Keller",)),
    ("de", ["Am Montag kam Jan Keller nach Halden.", "Anders als das Modell, erfordert die Akte einen Ausweis."], ()),
])
def test_a_name_alone_or_a_pronoun_is_the_one_person_the_article_named_so(language, paragraphs, expected):
    assert speakers(language, *paragraphs) == expected


def test_a_pronoun_or_a_dropped_subject_is_the_speaker_before():
    fr = ["« Nous n'avions pas le choix », a déclaré le maire Jean Dupont.",
          "« Les coûts ont explosé depuis le printemps », a-t-il ajouté."]
    attributions = attributions_in(fr, "fr")
    quotes = extract_quotes(fr, extract_speakers(fr, attributions), attributions)
    assert [quote.speaker for quote in quotes] == ["Jean Dupont", "Jean Dupont"]
    es = ["“No teníamos otra opción”, afirmó la alcaldesa María López.",
          "“Los costes han subido mucho este año”, señaló."]
    attributions = attributions_in(es, "es")
    assert [quote.speaker for quote in extract_quotes(es, extract_speakers(es, attributions), attributions)] \
        == ["María López", "María López"]


def test_a_pronoun_after_the_verb_or_a_dash_before_it_is_the_speaker_before():
    fr = ["« Nous n'avions pas le choix », a déclaré le maire Jean Dupont.", "« Les coûts ont explosé », dit-il.",
          "« Rien n'est joué », poursuit-il.", "« C'est fini », a-t-elle ajouté.", "« Non », ont-ils répondu."]
    assert [hits for hits in attributions_in(fr, "fr").paragraphs][1:] == [[(24, "Jean Dupont")], [(18, "Jean Dupont")],
                                                                          [(13, "Jean Dupont")], [(6, "Jean Dupont")]]
    es = ["—No teníamos otra opción —afirmó la alcaldesa María López.", "—No hay salida —dijo."]
    assert attributions_in(es, "es").paragraphs[1] == [(14, "María López")]


def test_a_heading_in_capitals_is_no_interviewee():
    paragraphs = ["DE INTERES: Anunció su retiro del béisbol un jugador de los campeones.",
                  "DE INTERES: Otro jugador firmó con un equipo de la liga."]
    assert speakers("es", *paragraphs) == ()


def test_an_organisation_named_after_a_few_words_describing_it_speaks():
    text = ("Todos ellos podrían ser liberados este domingo, de acuerdo con la agencia oficial de noticias rusa "
            "Sputnik, que citó fuentes del Ministerio del Interior.")
    assert "Sputnik" in article_from_text("x.txt", "text", f"Liberados\n\n{text}\n").speakers


@pytest.mark.parametrize("language, paragraphs, expected", [
    ("es", ["La alumna Marta Gil recibió su diploma.", "“Fue un año difícil, pero terminamos todos juntos”.",
            "Rosa Vidal Pons, directora del centro universitario"], "Rosa Vidal Pons"),
    ("de", ["Die Schule feierte am Freitag.", "„Es war ein schweres Jahr für uns alle hier.“",
            "Anna Berger, Leiterin der Schule"], "Anna Berger"),
    ("en", ["The school held its ceremony on Friday.", "“It was a hard year for every one of us.”",
            "Rosa Vidal, head of the college"], "Rosa Vidal"),
])
def test_a_quotation_set_apart_is_of_the_person_the_line_after_it_names(language, paragraphs, expected):
    attributions = attributions_in(paragraphs, language) if language != "en" else None
    found = extract_speakers(paragraphs, attributions)
    quotes = extract_quotes(paragraphs, found, attributions)
    assert found == (expected,) and [quote.speaker for quote in quotes] == [expected]


def test_a_line_with_a_name_is_no_credit_after_a_paragraph_that_is_not_a_quotation():
    paragraphs = ["La escuela celebró la graduación el viernes.",
                  "Rosa Vidal Pons, directora del centro universitario"]
    assert speakers("es", *paragraphs) == ()


@pytest.mark.parametrize("language, paragraph, expected", [
    ("es", 'El jurista Carlos Nino llamó a la Argentina "un país al margen de la ley".', ("Carlos Nino",)),
    ("de", "Der Politiker Jan Keller nannte den Plan „reinen Unsinn“.", ("Jan Keller",)),
    ("fr", "Jean Dupont a qualifié le projet de « pure folie ».", ("Jean Dupont",)),
    # without a quotation the verb names or calls, and reports nothing
    ("es", "Carlos Nino llamó a la policía a las tres.", ()),
    ("de", "Jan Keller nannte seinen Sohn nach dem Großvater.", ()),
])
def test_a_verb_whose_object_is_quoted_reports_only_with_a_quotation(language, paragraph, expected):
    assert speakers(language, paragraph) == expected


def test_a_name_glued_after_an_office_s_genitive_keeps_its_own_words():
    paragraphs = ["- Głupota ludzka przeważyła - skomentował burmistrz Felipe Alessandri.",
                  "Dopiero burmistrz Santiago Felipe Alessandri opanował sytuację.",
                  "- Nikt nie przestrzegał zasad - powiedział dziennikarzom Alessandri."]
    assert speakers("pl", *paragraphs) == ("Felipe Alessandri",)


@pytest.mark.parametrize("language, paragraphs, expected", [
    ("es", ["El intendente de Pilar Federico Achával habló por radio.", "«No hay salida», destacó Achával."],
     ("Federico Achával",)),
    ("it", ["Il sindaco di Roma Virginia Raggi era presente.", "«Non ci arrendiamo», ha detto Raggi."],
     ("Virginia Raggi",)),
    # two words after "of" are a name of their own
    ("es", ["La ciudad de Pilar Achával abrió.", "«No hay salida», destacó Achával."], ("Pilar Achával",)),
])
def test_an_office_s_place_after_of_is_no_part_of_its_holder_s_name(language, paragraphs, expected):
    assert speakers(language, *paragraphs) == expected


def test_what_was_said_by_someone_in_spanish():
    paragraph = ("De acuerdo con lo señalado por la gestora Adela Díaz, el encuentro genera "
                 "oportunidades.")
    assert speakers("es", paragraph) == ("Adela Díaz",)


def test_a_small_letter_of_latin_extended_a_never_opens_a_name():
    assert re.findall(NAME_RUN, "zdjęcia głównego Łukasz Nowak i Żaneta Śliwa") == ["Łukasz Nowak", "Żaneta Śliwa"]
