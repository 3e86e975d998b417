"""Pure cleaning of plain-text scrapes, and the line rules that HTML pages (search/extraction/html_pages.py) share.

Nothing here reads files, the clock or the environment. Hint names produced for text scrapes:
`title` (the headline), `byline`, `reported_by`, `bio_author`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..models import CleanedPage, PageMetadata

# Lines that are page furniture wherever they appear, rule by rule and, in each rule, language by
# language (a line is furniture when one row matches it whole). A rule keeps the words each
# language's sites print for the same thing: "Advertisement", "Anzeige", "Publicité", "Publicidad".
BOILERPLATE_RULES = {
    "ad slot size": {"any": r"\d{2,4}\s*[x×]\s*\d{2,4}"},  # "728 x 90"
    "bloggers like this": {"en": r"%d\s+bloggers\s+like\s+this:?"},
    "ad or comments label": {
        "en": r"(?:advertisement|advert|sponsored(?:\s+content)?|ad|comments?|\d+\s+comments?)",
        "de": r"(?:anzeige|werbung|gesponsert|kommentare?|\d+\s+kommentare?)",
        "fr": r"(?:publicité|sponsorisé|commentaires?|\d+\s+commentaires?)",
        "es": r"(?:publicidad|patrocinado|comentarios?|\d+\s+comentarios?)",
        "it": r"(?:pubblicità|sponsorizzato|commenti|\d+\s+commenti?)",
        "pt": r"(?:publicidade|patrocinado|comentários|\d+\s+comentários?)",
        "nl": r"(?:advertentie|gesponsord|reacties|\d+\s+reacties?)",
        "pl": r"(?:reklama|sponsorowane|komentarze|\d+\s+komentarz(?:e|y)?)",
    },
    "comment prompt": {
        "en": r"(?:tell\s+us\s+what\s+you\s+think|leave\s+a\s+(?:comment|reply)"
              r"|join\s+the\s+(?:conversation|discussion))\b.{0,20}",
        "de": r"(?:(?:jetzt\s+)?kommentieren|kommentar\s+(?:schreiben|verfassen)|diskutieren\s+sie\s+mit"
              r"|schreiben\s+sie\s+einen\s+kommentar)\b.{0,20}",
        "fr": r"(?:laisser\s+un\s+commentaire|réagir(?:\s+à\s+cet\s+article)?|donnez\s+votre\s+avis)\b.{0,20}",
        "es": r"(?:deja\s+(?:un|tu)\s+comentario|escribe\s+(?:un|tu)\s+comentario|comenta\s+esta\s+noticia)\b.{0,20}",
        "it": r"(?:lascia\s+un\s+commento|scrivi\s+un\s+commento|commenta\s+la\s+notizia)\b.{0,20}",
        "pt": r"(?:deixe\s+(?:um|seu)\s+comentário|comente\s+esta\s+notícia)\b.{0,20}",
        "nl": r"(?:laat\s+een\s+reactie\s+achter|plaats\s+een\s+reactie|reageer\s+op\s+dit\s+artikel)\b.{0,20}",
        "pl": r"(?:dodaj|napisz)\s+komentarz\b.{0,20}",
    },
    "follow us": {
        "en": r"follow\s+us\s+on\b.{0,80}",
        "de": r"(?:folge|folgen\s+sie)\s+uns\s+(?:auf|bei|im)\b.{0,80}",
        "fr": r"suivez[-\s]nous\s+sur\b.{0,80}",
        "es": r"(?:síguenos|siganos|síganos)\s+en\b.{0,80}",
        "it": r"seguici\s+su\b.{0,80}",
        "pt": r"siga-nos\s+(?:no|na|nas|nos|em)\b.{0,80}",
        "nl": r"volg\s+ons\s+(?:op|via)\b.{0,80}",
        "pl": r"(?:obserwuj|śledź)\s+nas\s+(?:na|w)\b.{0,80}",
    },
    "notifications": {
        "en": r"(?:turn\s+on|enable|get)\s+(?:push\s+)?notifications\b.{0,80}",
        "de": r"(?:(?:push-?)?benachrichtigungen\s+(?:aktivieren|erhalten)|aktivieren\s+sie\s+(?:die\s+)?"
              r"(?:push-?)?benachrichtigungen)\b.{0,80}",
        "fr": r"(?:activez|activer)\s+les\s+notifications\b.{0,80}",
        "es": r"(?:activa|activar)\s+las\s+notificaciones\b.{0,80}",
    },
    "needs javascript": {"en": r"this\s+(?:slideshow|video|content|gallery)\s+requires\s+javascript\.?"},
    "don't miss": {"en": r"(?:don'?t|do\s+not)\s+miss:?", "de": r"nicht\s+verpassen:?",
                   "fr": r"à\s+ne\s+pas\s+manquer:?", "es": r"no\s+te\s+(?:lo\s+)?pierdas:?",
                   "it": r"da\s+non\s+perdere:?",
                   "pt": r"não\s+perca:?",
                   "nl": r"mis\s+dit\s+niet:?",
                   "pl": r"nie\s+przegap:?"},
    "updated stamp": {
        "en": r"(?=.{0,60}$)(?:updated|published|last\s+(?:updated|modified)|posted)(?:\s+(?:on|at))?[:\s]+.{0,30}\d.*",
        # A stamp names its day with "am", "le", "el" or a colon: "Veröffentlicht 2019 als Buch" is prose.
        # Portuguese and Polish say "em"/nothing for a year as for a day: there the day is written out.
        "de": r"(?=.{0,60}$)(?:(?:zuletzt\s+)?aktualisiert|veröffentlicht|stand)(?:\s+am\s|\s*:).{0,30}\d.*",
        "fr": r"(?=.{0,60}$)(?:mis\s+à\s+jour|publié|modifié)(?:\s+le\s|\s*:).{0,30}\d.*",
        "es": r"(?=.{0,60}$)(?:actualizado|publicado|modificado)(?:\s+el\s|\s*:).{0,30}\d.*",
        "it": r"(?=.{0,60}$)(?:aggiornato|pubblicato|ultimo\s+aggiornamento)(?:\s+il\s|\s*:).{0,30}\d.*",
        "pt": r"(?=.{0,60}$)(?:atualizado|publicado)\s*(?:em|:)\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4}.*",
        "nl": r"(?=.{0,60}$)(?:bijgewerkt|gepubliceerd|laatste\s+update)(?:\s+op\s|\s*:).{0,30}\d.*",
        "pl": r"(?=.{0,60}$)(?:aktualizacja|opublikowano|data\s+publikacji)\s*:?\s*"
              r"\d{1,2}(?:[./-]\d{1,2}[./-]\d{2,4}|\s+[a-ząćęłńóśźż]+\s+\d{4}).*",
    },
    "click here": {"en": r"(?=.{0,80}$)click\s+here\b.*", "de": r"(?=.{0,80}$)hier\s+klicken\b.*",
                   "fr": r"(?=.{0,80}$)cliquez\s+ici\b.*", "es": r"(?=.{0,80}$)(?:haz|pulse|pincha)\s+(?:clic|click)\s+aquí\b.*",
                   "it": r"(?=.{0,80}$)clicca\s+qui\b.*",
                   "pt": r"(?=.{0,80}$)clique\s+aqui\b.*",
                   "nl": r"(?=.{0,80}$)klik\s+hier\b.*",
                   "pl": r"(?=.{0,80}$)kliknij\s+(?:tutaj|tu)\b.*"},
    "contributed to this report": {
        "en": r".{0,80}\b(?:contributed\s+to|contributed\s+reporting\s+to)\s+this\s+(?:report|story|article)\.?"},
    "share button": {
        "en": r"(?:share|share\s+this(?:\s+(?:article|story))?|tweet|email|print|pin\s+it|whatsapp|facebook|twitter"
              r"|linkedin|reddit)[:!]?",
        "de": r"(?:teilen|artikel\s+teilen|jetzt\s+teilen|drucken|e-mail)[:!]?",
        "fr": r"(?:partager|partager\s+(?:cet\s+article|sur\s+\w+)|imprimer)[:!]?",
        "es": r"(?:compartir|compartir\s+(?:esta\s+noticia|en\s+\w+)|imprimir)[:!]?",
        "it": r"(?:condividi|condividi\s+(?:questo\s+articolo|su\s+\w+)|stampa)[:!]?",
        "pt": r"(?:compartilhe|compartilhar|partilhar|compartilhe\s+(?:esta\s+notícia|no\s+\w+))[:!]?",
        "nl": r"(?:delen|deel\s+dit\s+artikel|deel\s+via\s+\w+|printen)[:!]?",
        "pl": r"(?:udostępnij|drukuj|podziel\s+się(?:\s+na\s+\w+)?)[:!]?",
    },
    "like widget": {"en": r"(?:like\s+this|like\s+loading\.*|loading\.*)[:!]?",
                    "de": r"(?:gefällt\s+mir(?:\s+wird\s+geladen\W*)?|wird\s+geladen\W*)",
                    "fr": r"(?:j[’']aime(?:\s+chargement\W*)?|chargement\W*)",
                    "es": r"(?:me\s+gusta(?:\s+cargando\W*)?|cargando\W*)"},
    "click to share": {"en": r"click\s+to\s+(?:share|email|print)\b.*",
                       "de": r"klicken,?\s+um\b.{0,60}\b(?:teilen|drucken|senden)\b.*",
                       "fr": r"cliquez\s+pour\s+(?:partager|imprimer|envoyer)\b.*",
                       "es": r"haz\s+clic\s+para\s+(?:compartir|imprimir|enviar)\b.*"},
    "newsletter sign-up": {
        "en": r"(?:sign\s+up|subscribe)\b.{0,80}newsletter.*",
        "de": r"(?:jetzt\s+)?(?:(?:unseren|den)\s+)?newsletter\s+(?:abonnieren|bestellen)\b.*"
              r"|(?:melden\s+sie\s+sich|jetzt\s+anmelden)\b.{0,80}newsletter.*",
        "fr": r"(?:abonnez-vous|inscrivez-vous)\b.{0,80}(?:newsletter|lettre\s+d[’']information).*",
        "es": r"(?:suscríbete|suscríbase|regístrate)\b.{0,80}(?:newsletter|boletín).*",
        "it": r"(?:iscriviti|abbonati)\b.{0,80}newsletter.*",
        "pt": r"(?:assine|inscreva-se|cadastre-se)\b.{0,80}newsletter.*",
        "nl": r"(?:abonneer|schrijf\s+je\s+in|meld\s+je\s+aan)\b.{0,80}nieuwsbrief.*",
        "pl": r"(?:zapisz\s+się|subskrybuj)\b.{0,80}newslett?er.*",
    },
    "cookie notice": {
        "en": r"(?:we|this\s+(?:web)?site)\s+uses?\s+cookies\b.*",
        "de": r"(?:wir\s+(?:verwenden|nutzen)|diese\s+(?:website|webseite|seite)\s+(?:verwendet|nutzt))\s+cookies\b.*",
        "fr": r"(?:nous\s+utilisons|ce\s+site\s+utilise)\s+des\s+cookies\b.*",
        "es": r"(?:utilizamos|usamos|este\s+sitio(?:\s+web)?\s+utiliza)\s+cookies\b.*",
        "it": r"(?:questo\s+sito(?:\s+web)?\s+utilizza|utilizziamo|usiamo)\s+(?:i\s+)?cookie\b.*",
        "pt": r"(?:este\s+site\s+(?:utiliza|usa)|utilizamos|usamos)\s+cookies\b.*",
        "nl": r"(?:deze\s+(?:web)?site\s+gebruikt|wij\s+gebruiken|we\s+gebruiken)\s+cookies\b.*",
        "pl": r"(?:ta\s+strona|ten\s+serwis|serwis)\s+(?:używa|wykorzystuje)\s+(?:plików\s+)?cookies?\b.*|używamy\s+(?:plików\s+)?cookies?\b.*",
    },
    "cookie button": {"en": r"(?:accept|reject)(?:\s+all)?(?:\s+cookies)?",
                      "de": r"(?:alle\s+)?(?:akzeptieren|ablehnen|zustimmen)",
                      "fr": r"(?:tout\s+)?(?:accepter|refuser)(?:\s+tout)?",
                      "es": r"(?:aceptar|rechazar)(?:\s+(?:todo|todas))?(?:\s+las\s+cookies)?"},
    "read more": {
        "en": r"(?:read|see)\s+(?:more|also)\b.{0,120}",
        "de": r"(?:mehr\s+zum\s+thema|lesen\s+sie\s+auch|auch\s+interessant|weiterlesen|mehr\s+dazu)\b.{0,120}",
        "fr": r"(?:à\s+lire\s+aussi|lire\s+aussi|lire\s+la\s+suite|voir\s+aussi|à\s+voir\s+aussi)\b.{0,120}",
        "es": r"(?:leer\s+más|lee\s+también|lea\s+también|ver\s+también|te\s+puede\s+interesar)\b.{0,120}",
        "it": r"(?:leggi\s+anche|leggi\s+tutto)\b.{0,120}",
        "pt": r"(?:leia\s+(?:também|mais)|veja\s+também|saiba\s+mais)\b.{0,120}",
        "nl": r"(?:lees\s+(?:ook|meer|verder))\b.{0,120}",
        "pl": r"(?:czytaj\s+(?:też|także|również|więcej|dalej)|zobacz\s+(?:też|także|również))\b.{0,120}",
    },
    "media credit": {"en": r"(?:photo|image|picture|caption|video)(?:\s+credit)?s?:.*",
                     "de": r"(?:foto|fotos|bild|bilder|grafik|quelle)\s*(?::|©).*",
                     "fr": r"(?:photo|crédits?(?:\s+photo)?|illustration|source)\s*(?::|©).*",
                     "es": r"(?:foto|fotografía|imagen|crédito|fuente)\s*(?::|©).*",
                     "it": r"(?:foto|immagine|fonte|credito|crediti)\s*(?::|©).*",
                     "pt": r"(?:foto|imagem|fonte|crédito)\s*(?::|©).*",
                     "nl": r"(?:foto|beeld|bron|afbeelding)\s*(?::|©).*",
                     "pl": r"(?:fot\.\s*|(?:foto|zdjęcie|źródło|grafika)\s*(?::|©)).*"},
    "caption credit": {  # "The harbour at dawn (Image: GETTY)"
        "en": r".{0,300}\((?:image|photo|picture|pictured|credit|source)s?:[^()]{1,80}\)",
        "de": r".{0,300}\((?:bild|foto|quelle)\s*:[^()]{1,80}\)",
        "fr": r".{0,300}\((?:crédits?|photo)\s*:[^()]{1,80}\)",
        "es": r".{0,300}\((?:foto|imagen|fuente)\s*:[^()]{1,80}\)",
        "it": r".{0,300}\((?:foto|fonte)\s*:[^()]{1,80}\)",
        "pt": r".{0,300}(?:\((?:foto|imagem)\s*:[^()]{1,80}\)|\s[—–]\s*(?:foto|imagem)\s*:[^()]{1,80})",
        "nl": r".{0,300}\((?:foto|beeld)\s*:[^()]{1,80}\)",
        "pl": r".{0,300}\((?:fot\.?|foto|źródło)\s*:?[^()]{1,80}\)",
    },
    "gallery counter": {  # a picture gallery's "1/5" alone, "Bild 1 von 12" alone or before its caption
        "any": r"\d{1,3}\s*/\s*\d{1,3}",  # alone: "9/11 changed everything" is prose
        "en": r"(?:photo|image|picture|slide)\s+\d{1,3}\s+of\s+\d{1,3}\b.{0,300}|\d{1,3}\s+of\s+\d{1,3}",
        "de": r"(?:bild|foto)\s+\d{1,3}\s+von\s+\d{1,3}\b.{0,300}|\d{1,3}\s+von\s+\d{1,3}",
        "fr": r"(?:photo|image)\s+\d{1,3}\s+sur\s+\d{1,3}\b.{0,300}|\d{1,3}\s+sur\s+\d{1,3}",
        "es": r"(?:foto|imagen)\s+\d{1,3}\s+de\s+\d{1,3}\b.{0,300}|\d{1,3}\s+de\s+\d{1,3}",
    },
    "gallery control": {"en": r"(?:caption|hide\s+caption|toggle\s+caption|close|expand|enlarge(?:\s+this\s+image)?"
                                  r"|back\s+to\s+gallery|(?:view|open|launch)\s+(?:the\s+)?(?:gallery|slideshow)"
                                  r"|\d{1,3}\s+(?:photos|images)|(?:next|previous|prev)(?:\s+(?:slide|image|photo|picture))?)",
                            "de": r"(?:bildunterschrift|schließen|vergrößern|zurück\s+zur\s+galerie|galerie\s+öffnen"
                                  r"|\d{1,3}\s+(?:bilder|fotos)|(?:nächstes|vorheriges)\s+bild|weiter|zurück)",
                            "fr": r"(?:légende|fermer|agrandir|retour\s+à\s+la\s+galerie|voir\s+la\s+galerie"
                                  r"|\d{1,3}\s+photos|(?:photo|image)\s+(?:suivante|précédente)|suivant|précédent)",
                            "es": r"(?:pie\s+de\s+foto|cerrar|ampliar|volver\s+a\s+la\s+galería|ver\s+galería"
                                  r"|\d{1,3}\s+fotos|(?:foto|imagen)\s+(?:siguiente|anterior)|siguiente|anterior)"},
    "ad break": {"en": r"(?:story|article)\s+continues\s+(?:below|after)\s+(?:this\s+)?(?:advertisement|ad)",
                 "de": r"(?:der\s+)?artikel\s+(?:wird\s+)?(?:unter|nach)\s+(?:der|dieser)\s+anzeige\s+(?:fortgesetzt|weiter)"
                       r"|weiter\s+nach\s+der\s+anzeige",
                 "fr": r"(?:la\s+)?suite\s+(?:de\s+l['’]article\s+)?(?:après|sous)\s+(?:cette\s+|la\s+)?publicité",
                 "es": r"(?:la\s+noticia|el\s+artículo)\s+(?:continúa|sigue)\s+(?:después|debajo|tras)\s+(?:de\s+)?"
                       r"(?:la|esta)\s+publicidad"},
    "subscribe call": {"en": r"subscribe(?:\s+(?:now|today))?[!.]?", "de": r"(?:jetzt\s+)?abonnieren[!.]?",
                       "fr": r"(?:abonnez-vous|s['’]abonner)[!.]?", "es": r"(?:suscríbete|suscribirse)[!.]?"},
    "agency credit": {  # "Jane Roe | AP | Getty Images", "REUTERS/Jane Roe", "(Photo by Jane Roe/AFP via Getty Images)"
        "any": r"\(?(?:.{0,80}(?:/|\||\bvia\b)\s*)?(?:getty\s+images|afp|ap(?:\s+photo)?|reuters|epa(?:-efe)?|efe"
               r"|ansa|dpa|keystone|imago(?:\s+images)?|picture\s+alliance|shutterstock|istock(?:photo)?|alamy"
               r"|pa\s+(?:images|wire|media)|bloomberg)\)?"  # no full stop: "… came via AP." is prose
               r"|(?:ap|afp|reuters|epa|dpa)(?:\s+photo)?\s*/\s*[^/.;:!?]{1,40}",
    },
    "key points label": {"en": r"(?:key\s+(?:points|takeaways|facts)|highlights|in\s+brief|at\s+a\s+glance)[:.]?",
                         "de": r"(?:das\s+wichtigste(?:\s+in\s+kürze)?|auf\s+einen\s+blick|in\s+kürze)[:.]?",
                         "fr": r"(?:l['’]essentiel|en\s+bref|à\s+retenir|ce\s+qu['’]il\s+faut\s+retenir)[:.]?",
                         "es": r"(?:claves|lo\s+más\s+importante|en\s+breve|de\s+un\s+vistazo)[:.]?"},
    "skip link": {"en": r"(?:skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|toggle\s+navigation|main\s+menu|menu)",
                  "de": r"(?:zum\s+inhalt\s+springen|direkt\s+zum\s+inhalt|nach\s+oben|menü|hauptmenü)",
                  "fr": r"(?:aller\s+au\s+contenu(?:\s+principal)?|retour\s+en\s+haut|menu\s+principal)",
                  "es": r"(?:ir\s+al\s+contenido(?:\s+principal)?|volver\s+arriba|menú(?:\s+principal)?)"},
    "tags line": {"en": r"(?:tags?|filed\s+under|categories|category):.*",
                  "de": r"(?:schlagworte|schlagwörter|themen|kategorien?)\s*:.*",
                  "fr": r"(?:mots[-\s]clés|thèmes|catégories?)\s*:.*",
                  "es": r"(?:etiquetas|temas|categorías?)\s*:.*",
                  "it": r"(?:argomenti|categorie|categoria)\s*:.*",
                  "pt": r"(?:assuntos|temas|categorias?)\s*:.*",
                  "nl": r"(?:onderwerpen|trefwoorden|categorieën|categorie)\s*:.*",
                  "pl": r"(?:tagi|tematy|kategorie|kategoria)\s*:.*"},
    "next or previous": {"en": r"(?:previous|next)\s+(?:article|post|story)\b.*",
                         "de": r"(?:nächster|vorheriger)\s+(?:artikel|beitrag)\b.*",
                         "fr": r"article\s+(?:suivant|précédent)\b.*",
                         "es": r"(?:artículo|noticia|entrada)\s+(?:siguiente|anterior)\b.*",
                         "it": r"articolo\s+(?:successivo|precedente)\b.*",
                         "pt": r"(?:(?:próxima|anterior)\s+(?:notícia|matéria)|(?:notícia|matéria)\s+(?:anterior|seguinte))\b.*",
                         "nl": r"(?:volgend|vorig)\s+artikel\b.*",
                         "pl": r"(?:następny|poprzedni)\s+artykuł\b.*"},
    "copyright": {"any": r"(?:copyright\s+)?©.*"},
    "rights reserved": {"en": r"all\s+rights\s+reserved\.?", "de": r"alle\s+rechte\s+vorbehalten\.?",
                        "fr": r"tous\s+droits\s+réservés\.?", "es": r"todos\s+los\s+derechos\s+reservados\.?",
                        "it": r"tutti\s+i\s+diritti\s+riservati\.?",
                        "pt": r"todos\s+os\s+direitos\s+reservados\.?",
                        "nl": r"alle\s+rechten\s+voorbehouden\.?",
                        "pl": r"wszelkie\s+prawa\s+zastrzeżone\.?"},
}


def _rows(rules: dict[str, dict[str, str]]) -> str:
    return "|".join(f"(?:{row})" for rows in rules.values() for row in rows.values())


BOILERPLATE_LINE = re.compile(f"^(?:{_rows(BOILERPLATE_RULES)})$", re.IGNORECASE)

# Lines that start the footer: everything from one to the end of a text scrape is dropped.
FOOTER_RULES = {
    "latest news": {"en": r"latest\s+news(?:\s+and\s+articles)?", "de": r"(?:neueste|aktuelle)\s+(?:nachrichten|artikel)",
                    "fr": r"dernières\s+(?:actualités|nouvelles|infos)", "es": r"últimas\s+noticias",
                    "it": r"ultime\s+notizie",
                    "pt": r"últimas\s+notícias",
                    "nl": r"laatste\s+nieuws",
                    "pl": r"najnowsze\s+(?:wiadomości|informacje|artykuły)"},
    "related": {"en": r"related\s+(?:articles|posts|stories|news|coverage)",
                "de": r"(?:ähnliche|verwandte|weitere)\s+(?:artikel|beiträge|themen)",
                "fr": r"(?:articles\s+(?:similaires|liés)|sur\s+le\s+même\s+sujet)",
                "es": r"(?:noticias|artículos)\s+relacionad[oa]s",
                "it": r"(?:articoli|notizie)\s+correlat[ie]",
                "pt": r"(?:notícias|matérias)\s+relacionadas",
                "nl": r"gerelateerde\s+(?:artikelen|berichten)",
                "pl": r"(?:powiązane|podobne)\s+artykuły"},
    "more from": {"en": r"more\s+(?:stories|news|from\s+\w[\w\s]{0,40})", "de": r"mehr\s+(?:aus|von)\s+\w[\w\s]{0,40}",
                  "fr": r"plus\s+d[’']actualités(?:\s+\w[\w\s]{0,40})?", "es": r"más\s+noticias(?:\s+\w[\w\s]{0,40})?"},
    "you may also like": {"en": r"you\s+(?:may|might)\s+also\s+like",
                          "de": r"das\s+könnte\s+sie\s+auch\s+interessieren",
                          "fr": r"vous\s+(?:aimerez|pourriez\s+aimer)\s+aussi",
                          "es": r"(?:también\s+te\s+puede\s+interesar|te\s+puede\s+gustar)",
                          "it": r"(?:potrebbe\s+interessarti|ti\s+potrebbe\s+interessare)",
                          "pt": r"você\s+(?:também\s+)?pode\s+gostar",
                          "nl": r"(?:dit\s+vind\s+je\s+misschien\s+ook\s+leuk|misschien\s+ook\s+interessant)",
                          "pl": r"może\s+cię\s+(?:też\s+|także\s+)?zainteresować"},
    "recommended": {"en": r"recommended(?:\s+for\s+you)?", "de": r"empfohlen(?:\s+für\s+sie)?",
                    "fr": r"recommandé(?:\s+pour\s+vous)?", "es": r"recomendado(?:\s+para\s+ti)?"},
    "trending": {"en": r"trending(?:\s+now)?", "de": r"im\s+trend", "fr": r"tendances?", "es": r"tendencias?"},
    "most read": {"en": r"most\s+(?:read|popular)", "de": r"meistgelesen(?:e(?:\s+artikel)?)?",
                  "fr": r"les\s+plus\s+lus", "es": r"lo\s+más\s+leído",
                  "it": r"i\s+più\s+lett[ie]",
                  "pt": r"(?:as\s+)?mais\s+lidas",
                  "nl": r"meest\s+gelezen",
                  "pl": r"najczęściej\s+czytane"},
}
FOOTER_START = re.compile(f"^(?:{_rows(FOOTER_RULES)})" + r"\s*(?:[:.…]|\.\.\.)?$", re.IGNORECASE)

REPORTED_BY = re.compile(r"^(?:reported|written|posted|compiled)\s+by[:\s]+(?P<name>.{2,80}?)\.?$", re.IGNORECASE)
# A byline is a short line: "By THE POLITICAL TURMOIL IN SAIGON, THE WAR ..." opens an article.
BYLINE = re.compile(r"^by[:\s]+(?P<name>[^\d|•,]{2,60}?)(?:\s*[|•,].{0,60})?$", re.IGNORECASE)
BIO_HEADER = re.compile(r"^about\s+(?:the\s+author[:\s]+)?(?P<name>.{2,60}?)\s*(?:\(\d[\d,]*\s+(?:articles?|posts?)\))?$",
                        re.IGNORECASE)
BIO_HEADER_COUNTED = re.compile(r"^about\s+(?P<name>.{2,60}?)\s*\(\d[\d,]*\s+(?:articles?|posts?)\)$", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")
# A line of prose, as opposed to a headline: of some length, with a sentence closed by its punctuation.
# Chinese and Japanese write no spaces between words: there a sentence is counted in characters.
PROSE_MIN_WORDS = 8
PROSE_MIN_UNSPACED_CHARS = 20
# A sentence's end: at the end of the line, or before the next sentence.
# Full stops, question and exclamation marks of the Latin, CJK, Devanagari, Arabic, Armenian and
# Ethiopic scripts.
PROSE_SENTENCE_END = re.compile(r"[.!?。！？।॥؟۔։።][\"'”’)）」』]*(?:\s|$)")
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def normalize_space(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip()


def is_boilerplate_line(line: str) -> bool:
    return bool(BOILERPLATE_LINE.match(line))


def reads_as_prose(line: str) -> bool:
    """Whether a line is a sentence of an article rather than a headline or a label."""
    long_enough = (len(line.split()) >= PROSE_MIN_WORDS
                   or len(UNSPACED_SCRIPT.findall(line)) >= PROSE_MIN_UNSPACED_CHARS)
    return long_enough and bool(PROSE_SENTENCE_END.search(line))


def holds_prose(paragraphs) -> bool:
    """Whether any of the paragraphs is prose: the test of whether a page's text is an article."""
    return any(reads_as_prose(paragraph) for paragraph in paragraphs)


def wraps_on(line: str, following: str | None) -> bool:
    """Whether `following` continues `line` as one hard-wrapped sentence: the line stops mid-sentence
    and the next goes on in lower case."""
    return bool(following) and following[0].islower() and not re.search(r"[.!?:;\"”’]$", line)


def _text_blocks(text: str) -> list[list[str]]:
    """Split a scrape into blocks of consecutive non-blank lines."""
    blocks: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = normalize_space(raw)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _drop_repeated_lines(lines: list[str]) -> list[str]:
    """A line repeated on the next line is a photo caption printed twice: drop every copy."""
    kept = []
    for i, line in enumerate(lines):
        repeated = (i > 0 and lines[i - 1] == line) or (i + 1 < len(lines) and lines[i + 1] == line)
        if not repeated:
            kept.append(line)
    return kept


def clean_text(text: str, headline_first: bool = True) -> CleanedPage:
    """Clean a plain-text scrape: first real line is the headline (unless not `headline_first`: text
    a scraper kept apart from its headline), the rest is the article."""
    hints: dict[str, str] = {}
    lines: list[str | None] = []  # None marks a block boundary
    for block in _text_blocks(text):
        lines.extend(_drop_repeated_lines(block))
        lines.append(None)

    kept: list[str | None] = []
    skip_next_text_line = False
    headline_open = headline_first  # until the first line of text: the headline, or the article's first words
    for at, line in enumerate(lines):
        if line is None:
            kept.append(None)
            continue
        if skip_next_text_line:
            skip_next_text_line = False
            continue
        if FOOTER_START.match(line):
            break
        if is_boilerplate_line(line):
            continue
        if match := REPORTED_BY.match(line):
            hints.setdefault("reported_by", match["name"].strip())
            continue
        if match := BIO_HEADER_COUNTED.match(line):
            hints.setdefault("bio_author", match["name"].strip())
            skip_next_text_line = True  # the bio paragraph itself
            continue
        if not _has_text(kept) and "title" in hints and (match := BYLINE.match(line)):
            hints.setdefault("byline", match["name"].strip())
            continue
        if headline_open:
            headline_open = False
            if len(line) <= 300 and not wraps_on(line, lines[at + 1] if at + 1 < len(lines) else None):
                hints["title"] = line
                continue
        kept.append(line)
    paragraphs = tuple(_join_blocks(kept))
    if not paragraphs and reads_as_prose(hints.get("title", "")):
        # A brief with no headline of its own: its one paragraph is the article.
        paragraphs = (hints.pop("title"),)
    return CleanedPage(paragraphs=paragraphs, metadata=PageMetadata(**hints))


def _has_text(lines: list[str | None]) -> bool:
    return any(line is not None for line in lines)


def _join_blocks(lines: Iterable[str | None]) -> Iterator[str]:
    """Consecutive lines form one paragraph (hard-wrapped text); blank lines separate paragraphs."""
    current: list[str] = []
    for line in lines:
        if line is None:
            if current:
                yield " ".join(current)
            current = []
        else:
            current.append(line)
    if current:
        yield " ".join(current)
