"""Pure: the line rules that tell furniture from prose, and plain-text scrapes -> article text."""

import re

import pytest

from search.extraction.lines import (BOILERPLATE_RULES, FOOTER_RULES, clean_text, is_boilerplate_line,
                                     reads_as_prose)


# Lines each row of each boilerplate rule exists for: each row has a line that no other rule
# matches and that its own row does, so that a rule or a language's row dropped fails.
BOILERPLATE_EXAMPLES = {
    "ad slot size": {"any": ["728 x 90", "300x250"]},
    "bloggers like this": {"en": ["%d bloggers like this:"]},
    "ad or comments label": {"en": ["Advertisement", "Sponsored content", "12 Comments"],
                             "de": ["ANZEIGE", "Werbung", "3 Kommentare"], "fr": ["Publicité", "5 commentaires"],
                             "es": ["Publicidad", "Comentarios"],
                             "it": ["PUBBLICITÀ", "12 commenti"],
                             "pt": ["Publicidade", "3 comentários"],
                             "nl": ["Advertentie", "7 reacties"],
                             "pl": ["REKLAMA", "14 komentarzy"]},
    "comment prompt": {"en": ["Leave a Reply", "Join the conversation below"],
                       "de": ["Jetzt kommentieren", "Diskutieren Sie mit!"],
                       "fr": ["Laisser un commentaire", "Réagir à cet article"],
                       "es": ["Deja un comentario", "Escribe tu comentario aquí"],
                       "it": ["Lascia un commento"],
                       "pt": ["Deixe seu comentário"],
                       "nl": ["Plaats een reactie"],
                       "pl": ["Dodaj komentarz"]},
    "follow us": {"en": ["Follow us on Twitter and Facebook"], "de": ["Folge uns auf Instagram!"],
                  "fr": ["Suivez-nous sur Facebook"], "es": ["Síguenos en Twitter y en Facebook"],
                  "it": ["Seguici su Facebook e Instagram"],
                  "pt": ["Siga-nos no Instagram"],
                  "nl": ["Volg ons op Twitter"],
                  "pl": ["Obserwuj nas na Facebooku"]},
    "notifications": {"en": ["Turn on notifications for breaking news"],
                      "de": ["Push-Benachrichtigungen aktivieren und nichts verpassen"],
                      "fr": ["Activez les notifications pour ne rien manquer"],
                      "es": ["Activa las notificaciones de última hora"]},
    "needs javascript": {"en": ["This slideshow requires JavaScript."]},
    "don't miss": {"en": ["Don't miss:"], "de": ["Nicht verpassen:"], "fr": ["À ne pas manquer"],
                   "es": ["No te pierdas:"],
                   "it": ["Da non perdere"],
                   "pt": ["Não perca:"],
                   "nl": ["Mis dit niet"],
                   "pl": ["Nie przegap:"]},
    "updated stamp": {"en": ["Updated: March 3, 2021 at 10:15", "Last modified on 2019-04-02"],
                      "de": ["Aktualisiert am 04.03.2021, 10:15 Uhr", "Stand: 12.05.2020"],
                      "fr": ["Publié le 3 mars 2021 à 10h15", "Mis à jour le 04/03/2021"],
                      "es": ["Actualizado el 3 de marzo de 2021", "Publicado: 03/03/2021 10:15"],
                      "it": ["Pubblicato il 12 marzo 2020 alle 10:31"],
                      "pt": ["Atualizado em 15/04/2020 10h05"],
                      "nl": ["Gepubliceerd op 3 juni 2020 14:02"],
                      "pl": ["Aktualizacja: 12.03.2020 10:31"]},
    "click here": {"en": ["Click here to read the full report"], "de": ["Hier klicken für das Video"],
                   "fr": ["Cliquez ici pour voir la vidéo"], "es": ["Haz clic aquí para ver el vídeo"],
                   "it": ["Clicca qui per il video"],
                   "pt": ["Clique aqui para ver"],
                   "nl": ["Klik hier voor de video"],
                   "pl": ["Kliknij tutaj, aby zobaczyć"]},
    "contributed to this report": {"en": ["Anna Berg contributed to this report."]},
    "share button": {"en": ["Share this article", "WhatsApp", "Pin it"], "de": ["Artikel teilen", "Teilen"],
                     "fr": ["Partager sur Facebook", "Partager"], "es": ["Compartir esta noticia", "Compartir"],
                     "it": ["Condividi su Facebook", "Stampa"],
                     "pt": ["Compartilhar", "Compartilhe no WhatsApp"],
                     "nl": ["Deel dit artikel", "Delen"],
                     "pl": ["Udostępnij", "Drukuj"]},
    "like widget": {"en": ["Like Loading...", "Like this:"], "de": ["Gefällt mir Wird geladen …"],
                    "fr": ["J’aime chargement…"], "es": ["Me gusta Cargando..."]},
    "click to share": {"en": ["Click to share on Twitter (Opens in new window)", "Click to email a link to a friend"],
                       "de": ["Klicken, um auf Twitter zu teilen (Wird in neuem Fenster geöffnet)"],
                       "fr": ["Cliquez pour partager sur Twitter(ouvre dans une nouvelle fenêtre)"],
                       "es": ["Haz clic para compartir en Twitter (Se abre en una ventana nueva)"]},
    "newsletter sign-up": {"en": ["Sign up for our daily newsletter"], "de": ["Jetzt Newsletter abonnieren"],
                           "fr": ["Abonnez-vous à notre newsletter quotidienne"],
                           "es": ["Suscríbete a nuestro boletín diario"],
                           "it": ["Iscriviti alla nostra newsletter"],
                           "pt": ["Inscreva-se na nossa newsletter"],
                           "nl": ["Schrijf je in voor onze nieuwsbrief"],
                           "pl": ["Zapisz się do naszego newslettera"]},
    "cookie notice": {"en": ["We use cookies to improve your experience.", "This website uses cookies for analytics"],
                      "de": ["Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten."],
                      "fr": ["Ce site utilise des cookies pour améliorer votre expérience."],
                      "es": ["Este sitio web utiliza cookies para mejorar su experiencia."],
                      "it": ["Questo sito utilizza cookie tecnici e di profilazione."],
                      "pt": ["Este site usa cookies para melhorar sua experiência."],
                      "nl": ["Deze website gebruikt cookies om je ervaring te verbeteren."],
                      "pl": ["Ta strona używa plików cookies."]},
    "cookie button": {"en": ["Accept all cookies", "Reject"], "de": ["Alle akzeptieren", "Ablehnen"],
                      "fr": ["Tout accepter", "Refuser"], "es": ["Aceptar todas las cookies", "Rechazar"]},
    "read more": {"en": ["Read more: Council approves bus lane", "See also the mayor's reply"],
                  "de": ["Mehr zum Thema", "Lesen Sie auch: Brücke gesperrt"],
                  "fr": ["Lire aussi : le pont fermé", "À lire aussi"],
                  "es": ["Lee también: el puente cerrado", "Te puede interesar"],
                  "it": ["Leggi anche: il ponte chiuso"],
                  "pt": ["Leia também: ponte fechada", "Saiba mais"],
                  "nl": ["Lees ook: brug dicht"],
                  "pl": ["Czytaj też: most zamknięty", "Zobacz także"]},
    "media credit": {"en": ["Photo: Fans on the pitch", "Image credit: Reuters"],
                     "de": ["Foto: dpa", "Bild: shutterstock", "Quelle: Statistisches Bundesamt"],
                     "fr": ["Crédit photo : AFP", "Illustration : Le Monde"],
                     "es": ["Foto: EFE", "Fuente: Ministerio de Sanidad"],
                     "it": ["Fonte: Istat", "Credito: Ansa"],
                     "pt": ["Imagem: Reprodução", "Fonte: IBGE"],
                     "nl": ["Beeld: ANP", "Bron: CBS"],
                     "pl": ["Źródło: GUS", "Fot. PAP/Jan Nowak"]},
    "caption credit": {"en": ["The harbour at dawn (Image: GETTY)"],
                       "de": ["Der Hafen am Morgen (Bild: dpa)", "Die Brücke im Bau (Foto: Archiv)"],
                       "fr": ["Le port à l'aube (Crédit : AFP)"], "es": ["El puerto al amanecer (Foto: EFE)"],
                       "it": ["Il porto all'alba (Foto: Ansa)"],
                       "pt": ["O porto ao amanhecer. — Foto: Arquivo Pessoal", "O porto ao amanhecer (Imagem: Reprodução)"],
                       "nl": ["De haven bij zonsopgang (Beeld: ANP)"],
                       "pl": ["Port o świcie (fot. PAP)"]},
    "gallery counter": {"any": ["1/5", "12 / 24"], "en": ["Photo 1 of 12: the harbour at dawn", "3 of 12"],
                        "de": ["Bild 1 von 12", "4 von 9"], "fr": ["Photo 3 sur 12", "2 sur 8"],
                        "es": ["Foto 2 de 10", "5 de 7"]},
    "gallery control": {"en": ["Caption", "Back to Gallery", "Launch gallery", "12 Photos", "Enlarge this image",
                               "Next slide", "Previous"],
                        "de": ["Bildunterschrift", "Zurück zur Galerie", "14 Bilder", "Nächstes Bild", "Weiter"],
                        "fr": ["Légende", "Retour à la galerie", "8 photos", "Photo suivante", "Précédent"],
                        "es": ["Pie de foto", "Ver galería", "9 fotos", "Imagen siguiente", "Anterior"]},
    "ad break": {"en": ["Story continues below advertisement", "Article continues after this ad"],
                 "de": ["Artikel wird unter der Anzeige fortgesetzt", "Weiter nach der Anzeige"],
                 "fr": ["La suite après cette publicité", "Suite de l'article sous la publicité"],
                 "es": ["La noticia continúa después de la publicidad"]},
    "subscribe call": {"en": ["Subscribe", "Subscribe now!"], "de": ["Jetzt abonnieren"], "fr": ["Abonnez-vous"],
                       "es": ["Suscríbete"]},
    "agency credit": {"any": ["Jane Roe | AP | Getty Images", "REUTERS/Jane Roe", "(Photo by Jane Roe/AFP via Getty Images)",
                              "Getty Images", "dpa", "AP Photo/Jane Roe"]},
    "key points label": {"en": ["Key Points", "Key takeaways:"], "de": ["Das Wichtigste in Kürze"],
                         "fr": ["L’essentiel", "Ce qu'il faut retenir"], "es": ["Claves", "Lo más importante"]},
    "skip link": {"en": ["Skip to main content", "Back to top", "Menu"],
                  "de": ["Zum Inhalt springen", "Nach oben"], "fr": ["Aller au contenu principal", "Retour en haut"],
                  "es": ["Ir al contenido", "Volver arriba"]},
    "tags line": {"en": ["Tags: politics, harbour", "Filed under: Local news"], "de": ["Schlagworte: Hafen, Stadtrat"],
                  "fr": ["Mots-clés : port, conseil municipal"], "es": ["Etiquetas: puerto, ayuntamiento"],
                  "it": ["Argomenti: porto, consiglio comunale"],
                  "pt": ["Assuntos: porto, prefeitura"],
                  "nl": ["Onderwerpen: haven, gemeenteraad"],
                  "pl": ["Tagi: port, rada miasta"]},
    "next or previous": {"en": ["Next article: Strike ends", "Previous post"], "de": ["Nächster Artikel: Streik endet"],
                         "fr": ["Article précédent"], "es": ["Noticia siguiente: Fin de la huelga"],
                         "it": ["Articolo successivo: finisce lo sciopero"],
                         "pt": ["Próxima notícia"],
                         "nl": ["Volgend artikel: staking voorbij"],
                         "pl": ["Poprzedni artykuł"]},
    "copyright": {"any": ["© 2024 Halden Herald Media", "Copyright © Port Times"]},
    "rights reserved": {"en": ["All rights reserved."], "de": ["Alle Rechte vorbehalten."],
                        "fr": ["Tous droits réservés"], "es": ["Todos los derechos reservados."],
                        "it": ["Tutti i diritti riservati."],
                        "pt": ["Todos os direitos reservados."],
                        "nl": ["Alle rechten voorbehouden."],
                        "pl": ["Wszelkie prawa zastrzeżone."]},
}
FOOTER_EXAMPLES = {
    "latest news": {"en": ["Latest News and Articles"], "de": ["Aktuelle Nachrichten"],
                    "fr": ["Dernières actualités"], "es": ["Últimas noticias"],
                    "it": ["Ultime notizie"],
                    "pt": ["Últimas notícias"],
                    "nl": ["Laatste nieuws"],
                    "pl": ["Najnowsze wiadomości"]},
    "related": {"en": ["Related Stories"], "de": ["Ähnliche Artikel"], "fr": ["Sur le même sujet"],
                "es": ["Noticias relacionadas"],
                "it": ["Articoli correlati"],
                "pt": ["Notícias relacionadas"],
                "nl": ["Gerelateerde artikelen"],
                "pl": ["Powiązane artykuły"]},
    "more from": {"en": ["More from Halden Herald", "More stories"], "de": ["Mehr aus Halden"],
                  "fr": ["Plus d'actualités"], "es": ["Más noticias de Halden"]},
    "you may also like": {"en": ["You might also like"], "de": ["Das könnte Sie auch interessieren"],
                          "fr": ["Vous aimerez aussi"], "es": ["También te puede interesar"],
                          "it": ["Ti potrebbe interessare"],
                          "pt": ["Você também pode gostar"],
                          "nl": ["Misschien ook interessant"],
                          "pl": ["Może cię też zainteresować"]},
    "recommended": {"en": ["Recommended for you"], "de": ["Empfohlen für Sie"], "fr": ["Recommandé pour vous"],
                    "es": ["Recomendado para ti"]},
    "trending": {"en": ["Trending now"], "de": ["Im Trend"], "fr": ["Tendances"], "es": ["Tendencias"]},
    "most read": {"en": ["Most popular:"], "de": ["Meistgelesene Artikel"], "fr": ["Les plus lus"],
                  "es": ["Lo más leído"],
                  "it": ["I più letti"],
                  "pt": ["Mais lidas"],
                  "nl": ["Meest gelezen"],
                  "pl": ["Najczęściej czytane"]},
}


def _rules_matching(rules: dict[str, dict[str, str]], line: str, suffix: str = "") -> list[str]:
    return [name for name, rows in rules.items()
            if any(re.fullmatch(f"(?:{row}){suffix}", line, re.IGNORECASE) for row in rows.values())]


@pytest.mark.parametrize("rules, examples, suffix", [
    (BOILERPLATE_RULES, BOILERPLATE_EXAMPLES, ""),
    (FOOTER_RULES, FOOTER_EXAMPLES, r"\s*(?:[:.…]|\.\.\.)?"),
])
def test_every_row_of_every_line_rule_has_lines_only_it_catches(rules, examples, suffix):
    assert sorted(examples) == sorted(rules)
    for name, rows in examples.items():
        assert sorted(rows) == sorted(rules[name]), name
        for language, lines in rows.items():
            row = rules[name][language]
            assert all(re.fullmatch(f"(?:{row}){suffix}", line, re.IGNORECASE) for line in lines), (name, language)
            assert any(_rules_matching(rules, line, suffix) == [name] for line in lines), (name, language)


@pytest.mark.parametrize("line", [line for rows in BOILERPLATE_EXAMPLES.values() for lines in rows.values()
                                  for line in lines])
def test_boilerplate_lines(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [line for rows in FOOTER_EXAMPLES.values() for lines in rows.values()
                                  for line in lines])
def test_footer_lines_end_a_text_scrape(line):
    cleaned = clean_text(f"Headline\n\nThe council met on Tuesday to vote on the bridge.\n\n{line}\n\nAnother story here.\n")
    assert cleaned.paragraphs == ("The council met on Tuesday to vote on the bridge.",)


@pytest.mark.parametrize("line", [
    "The council will hold a public hearing on April 14.",
    "Share prices fell 3 percent after the announcement.",
    "Advertisement revenue at the paper rose for the first time in a decade.",
    "728 people attended the hearing.",
    "9/11 changed everything, he said.",
    "Die Anzeige wurde am Montag erstattet, teilte die Polizei mit.",
    "Stand der Dinge ist 2024 klar.",
    "Teilen will die Stadt die Kosten mit dem Land.",
    "Foto und Video zeigen, wie der Wagen 2019 in den Fluss stürzte.",
    "Publié en 2019, le livre a été un succès.",
    "Partager les coûts avec la région, voilà l'idée du maire.",
    "Publicidad engañosa: la empresa pagó 3 millones de multa.",
    "Compartir gastos con el Estado fue la propuesta del alcalde.",
    "Menü und Getränke kosten 12 Euro pro Person.",
    "Close to 300 people attended, the AP reported.",
    "Reuters reported the deal on Monday, citing two people familiar with it.",
    "The AP/NORC poll found most Americans agree.",
    "AP/NORC poll finds 60% of Americans back the plan.",
    "The pictures reached the newsroom via Reuters.",
    "Highlights of the season included a win over Leeds.",
    "Pubblicità ingannevole: l'azienda ha pagato 3 milioni di multa.",
    "Condividi le spese con la regione, propone il sindaco.",
    "Publicado em 2019, o livro foi um sucesso.",
    "Atualizado em 2020, o plano prevê 3 pontes.",
    "Opublikowano 2019 raport o 3 mostach.",
    "Reklama kosztowała miasto 30 tysięcy złotych.",
    "Delen van de kosten met de provincie is het plan van de burgemeester.",
    "Foto's en video's tonen hoe de auto in 2019 in de rivier viel.",
    "Next year the council will vote again.",
    "3 of 12 councillors voted against the plan.",
    "Weiter geht es am Montag mit der Sitzung des Rates.",
    "Subscribers will pay 3 euros more from May.",
])
def test_article_lines_are_not_boilerplate(line):
    assert not is_boilerplate_line(line)


def test_text_scrape_headline_author_bio_and_footer():
    page = clean_text(
        "728 x 90\n\nHeadline Of The Story\n\nReported by Jane Roe\n\nFirst paragraph of the story.\n\n"
        "Second paragraph.\n\nAbout Jane Roe (12 Articles)\nJane Roe has covered the harbour since 2001.\n"
        "%d bloggers like this:\n\nLatest News and Articles\nAnother headline\n")
    assert page.metadata.title == "Headline Of The Story"
    assert page.metadata.reported_by == "Jane Roe"
    assert page.metadata.bio_author == "Jane Roe"
    assert page.paragraphs == ("First paragraph of the story.", "Second paragraph.")


def test_text_scrape_drops_a_caption_printed_twice_and_joins_wrapped_lines():
    page = clean_text("Title\n\nJane Roe, mayor\nJane Roe, mayor\n\nA paragraph wrapped\nover two lines.\n")
    assert page.paragraphs == ("A paragraph wrapped over two lines.",)


def test_text_scrape_byline_under_the_headline():
    page = clean_text("Title\n\nBy Jane Roe\n\nText.\n")
    assert page.metadata.byline == "Jane Roe"
    assert page.paragraphs == ("Text.",)


def test_a_first_paragraph_opening_with_by_is_text_not_a_byline():
    opening = ("BY THE POLITICAL AND DIPLOMATIC TURMOIL IN SAIGON, THE ALL BUT FORGOTTEN WAR AGAINST THE "
               "VIET CONG CONTINUES ON ITS UGLY, BLOODY AND WEARISOME COURSE .")
    page = clean_text(f"SOUTH VIET NAM\n\n{opening}\n")
    assert page.metadata.byline is None
    assert page.paragraphs == (opening,)


@pytest.mark.parametrize("line, prose", [
    ("Police closed the coast road at Nordvik on Tuesday after a landslide.", True),
    ("Retiring early takes time and incredible discipline. If you plan to retire early you should save", True),
    ("“We will rebuild the road before winter,” the mayor said on Tuesday evening.”", True),
    ("日期:1月21日，凱爾特人在主場以139-107大勝湖人。這是凱爾特人首發控衛肯巴-沃克職業生涯第一次戰勝勒布朗-詹姆斯的球隊。", True),
    ("जिले में 32 क्रय केंद्रों पर गेहूं की खरीद शुरू हो गई है और किसान पहुंच रहे हैं।", True),
    ("Coast Road Closed After Landslide Cuts Off Three Villages", False),
    ("Page not found.", False),
    ("Home News Sport Weather Opinion Culture Travel Podcasts", False),
])
def test_prose_is_told_from_headlines_and_labels(line, prose):
    assert reads_as_prose(line) is prose
