"""Each article's language: detected from its text, stored, shown, filtered on and counted."""

from __future__ import annotations

import pytest

from search.extraction.article import article_from_text
from search.extraction.language import declared_language, detect_language, language_name
from search.index.build import rebuild
from search.index.languages import STEMMED_LANGUAGES, InLanguage, language_analyzer
from search.index.schema import build_schema, text_analyzer
from search.models import SearchOptions
from search.searcher import ArchiveSearcher
from web import create_app

from .conftest import make_settings, write_article

# A paragraph of local news in each language, as a reporter would write it.
NEWS = {
    "de": "Der Gemeinderat hat am Montagabend beschlossen, die Sanierung der Brücke auf das kommende Jahr zu "
          "verschieben. Die Kosten seien in den vergangenen Monaten deutlich gestiegen, hieß es aus dem Rathaus.",
    "fr": "Le conseil municipal a décidé lundi soir de reporter à l'année prochaine la rénovation du pont. Les "
          "coûts ont fortement augmenté ces derniers mois, a-t-on appris auprès de la mairie.",
    "es": "El ayuntamiento decidió el lunes por la noche aplazar al año que viene la reforma del puente. Los costes "
          "han subido mucho en los últimos meses, según fuentes municipales.",
    "it": "Il consiglio comunale ha deciso lunedì sera di rinviare all'anno prossimo il restauro del ponte. I costi "
          "sono aumentati molto negli ultimi mesi, secondo il municipio.",
    "nl": "De gemeenteraad heeft maandagavond besloten de renovatie van de brug uit te stellen tot volgend jaar. De "
          "kosten zijn de afgelopen maanden flink gestegen, zo meldt het stadhuis.",
    "pl": "Rada miejska postanowiła w poniedziałek wieczorem przełożyć remont mostu na przyszły rok. Koszty w "
          "ostatnich miesiącach znacznie wzrosły, poinformował ratusz.",
    "en": "The town council decided on Monday evening to put off the repair of the bridge until next year. Costs "
          "have risen sharply in recent months, the town hall said.",
}


# A second, unrelated article in two of them (the same text twice would be one story).
MORE = {
    "de": "Die Polizei sucht Zeugen eines Unfalls auf der Hauptstraße, bei dem am Samstag zwei Radfahrer verletzt "
          "wurden. Der Fahrer des Lieferwagens war nach dem Zusammenstoß weitergefahren.",
    "fr": "La police recherche des témoins d'un accident survenu samedi sur la route principale, où deux cyclistes "
          "ont été blessés. Le conducteur de la camionnette a pris la fuite après la collision.",
}


@pytest.mark.parametrize("language", sorted(NEWS))
def test_an_article_is_in_the_language_its_text_is_written_in(language):
    assert detect_language("", [NEWS[language]]) == language


@pytest.mark.parametrize("language", sorted(MORE))
def test_another_article_in_that_language_is_in_it_too(language):
    assert detect_language("", [MORE[language]]) == language


@pytest.mark.parametrize("language", sorted(NEWS))
def test_the_text_outweighs_a_declaration_of_another_language(language):
    declared = "en" if language != "en" else "de"
    assert detect_language("", [NEWS[language]], declared) == language


def test_a_text_too_short_to_tell_takes_its_declared_language_or_none():
    assert detect_language("Ja", ["Nein."], "de-AT") == "de"
    assert detect_language("2024", ["12:30 – 14:00"], None) is None


@pytest.mark.parametrize("declared, code", [("de-DE", "de"), ("en_GB", "en"), ("FR", "fr"), (" es ", "es"),
                                            ("", None), (None, None), ("x-klingon", None), ("deu", None)])
def test_a_declaration_is_read_as_its_primary_language(declared, code):
    assert declared_language(declared) == code


def test_a_language_is_named_in_english_and_an_unknown_code_stays_a_code():
    assert (language_name("de"), language_name("es"), language_name("qq")) == ("German", "Spanish", "qq")


def test_an_html_page_that_declares_english_over_german_text_is_german():
    page = ("<html lang='en'><head><title>Brücke</title></head><body><article><h1>Sanierung verschoben</h1>"
            f"<p>{NEWS['de']}</p></article></body></html>")
    assert article_from_text("a.html", "html", page).language == "de"


@pytest.fixture(scope="module")
def multilingual(tmp_path_factory):
    root = tmp_path_factory.mktemp("multilingual")
    for number, texts in enumerate((NEWS, MORE)):
        for language, text in texts.items():
            write_article(root / "corpus", f"{language}-{number}.txt", f"Headline {language} {number}\n\n{text}\n")
    settings = make_settings(root / "corpus", root / "index")
    rebuild(settings)
    return ArchiveSearcher(settings)


def test_lang_in_the_query_and_the_language_filter_keep_one_language(multilingual):
    by_query = multilingual.search("headline lang:de")
    by_filter = multilingual.search("headline", options=SearchOptions(language="DE"))
    assert by_query.total == by_filter.total == 2
    assert {hit.language for hit in by_query.hits} == {hit.language for hit in by_filter.hits} == {"de"}
    assert multilingual.search("headline lang:xx").total == 0


def test_the_language_facet_counts_each_language(multilingual):
    page = multilingual.search("headline")
    assert page.total == len(NEWS) + len(MORE)
    assert dict(page.facets["language"]) == {language: 2 if language in MORE else 1 for language in NEWS}
    assert page.facets["language"][:2] == (("de", 2), ("fr", 2))


def test_the_page_names_each_hit_s_language_and_links_the_facet(multilingual):
    client = create_app(multilingual.settings).test_client()
    page = client.get("/search", query_string={"q": "headline"}).get_data(as_text=True)
    assert '<span class="language" lang="de">German</span>' in page and "<h2>Language</h2>" in page
    assert 'href="/search?q=headline&amp;language=fr">French</a>' in page
    body = client.get("/api/search", query_string={"q": "headline", "language": "fr"}).get_json()
    assert body["total"] == 2 and body["filters"]["language"] == "fr"
    assert {hit["language"] for hit in body["results"]} == {"fr"}
    article = client.get("/api/articles/pl-0.txt").get_json()
    assert article["language"] == "pl"


def test_a_language_s_own_rules_find_its_speakers_and_never_its_form_labels():
    german = ("Bauarbeiten verschoben\n\n"
              f"{NEWS['de']}\n\n"
              "„Wir haben keine andere Wahl“, sagte Bürgermeister Jan Keller am Dienstag.\n\n"
              "Quelle: Stadtverwaltung Halden\n\nBild: Archiv Halden\n\nQuelle: Landesamt für Statistik\n")
    article = article_from_text("de.txt", "text", german)
    assert article.language == "de" and article.speakers == ("Jan Keller",)
    assert [(quote.speaker, quote.text) for quote in article.quotes] == [("Jan Keller", "Wir haben keine andere Wahl")]
    italian = ("Lavori rinviati\n\n"
               f"{NEWS['it']}\n\n"
               "\u201cNon avevamo altra scelta,\u201d ha detto il sindaco Marco Rossi martedì.\n\n"
               "Fonte: Comune di Halden\n\nFoto: Archivio\n\nFonte: ISTAT\n")
    article = article_from_text("it.txt", "text", italian)
    assert article.language == "it" and article.speakers == ("Marco Rossi",)


def test_a_language_without_rules_gets_no_speakers_rather_than_english_rules():
    polish = ("Remont przełożony\n\n"
              f"{NEWS['pl']}\n\n"
              "\u201eNie mieliśmy innego wyboru\u201d, said burmistrz Marek Nowak we wtorek.\n\n"
              "Źródło: Urząd Miasta Halden\n\nFoto: Archiwum\n\nŹródło: GUS\n")
    article = article_from_text("pl.txt", "text", polish)
    assert article.language == "pl" and article.speakers == () and article.quotes == ()
    english = ("Repairs put off\n\n"
               f"{NEWS['en']}\n\n"
               "\u201cWe had no other choice,\u201d said Mayor Jan Keller on Tuesday.\n")
    assert article_from_text("en.txt", "text", english).speakers == ("Jan Keller",)


# For each language, an article holding one form of a word, and the other form searched for: forms
# that its stemmer joins and English analysis keeps apart, the written one analysed otherwise in
# English than in its language (so that the article must be analysed in its own).
FORMS = {
    "de": ("Gemeinden", "Gemeinde", ("Die Gemeinden haben am Montag den Haushalt für das kommende Jahr beschlossen, "
                                    "teilte der Landkreis mit.")),
    "fr": ("nationaux", "national", ("Les budgets nationaux seront présentés mardi par le gouvernement devant les "
                                    "députés de l'Assemblée.")),
    "es": ("municipal", "municipales", ("El pleno municipal aprobó el lunes el presupuesto para el año que viene, "
                                       "informó el ayuntamiento.")),
    "it": ("sindaco", "sindaci", ("Il sindaco ha presentato lunedì il bilancio per il prossimo anno davanti al "
                                 "consiglio comunale.")),
    "nl": ("gemeente", "gemeenten", ("De gemeente heeft maandag de begroting voor het komende jaar goedgekeurd, "
                                    "meldt het stadhuis.")),
    "sv": ("kommunerna", "kommun", ("Alla kommunerna måste nu lämna in sin budget för nästa år, meddelade "
                                   "regeringen på måndagen.")),
}


@pytest.fixture(scope="module")
def inflected(tmp_path_factory):
    root = tmp_path_factory.mktemp("inflected")
    for language, (_, _, text) in FORMS.items():
        write_article(root / "corpus", f"{language}.txt", f"Nachricht {language}\n\n{text}\n")
    write_article(root / "corpus", "en.txt", f"Council news\n\n{NEWS['en']}\n")
    settings = make_settings(root / "corpus", root / "index")
    rebuild(settings)
    return ArchiveSearcher(settings)


@pytest.mark.parametrize("language", sorted(FORMS))
def test_a_word_finds_its_other_forms_in_its_own_language(inflected, language):
    written, searched, text = FORMS[language]
    english, own = text_analyzer(), language_analyzer(language, True)
    assert [t.text for t in english(written)] != [t.text for t in english(searched)]
    assert [t.text for t in english(written)] != [t.text for t in own(written)]
    assert detect_language("", [text]) == language
    page = inflected.search(searched)
    # Found as the same word, not as a typo's close word.
    assert page.loosened == ()
    assert page.total == 1 and page.hits[0].id == f"{language}.txt" and page.hits[0].language == language
    assert "<mark>" in page.hits[0].snippet
    assert inflected.search(f"{searched} lang:{language}").total == 1


def test_a_language_s_stopwords_are_not_searched_in_its_articles(inflected):
    # "und", "het", "il" are stopwords of German, Dutch, Italian: articles in those languages never
    # match them, and no English article holds them.
    assert [inflected.search(word).total for word in ("und", "het", "il")] == [0, 0, 0]
    assert inflected.search("Landkreis").total == 1


def test_english_words_are_analysed_as_in_an_english_archive(inflected):
    page = inflected.search("councils")
    assert [hit.id for hit in page.hits] == ["en.txt"]


@pytest.mark.parametrize("language", sorted(STEMMED_LANGUAGES))
def test_every_stemmed_language_indexes_a_text(language):
    """Each analyzer runs, stop list or none (Whoosh has none for Arabic), and marks its words."""
    words = [word for word, *_ in build_schema()["body"].index(InLanguage("Wahlen élections выборы الانتخابات", language))]
    assert words and all(word.startswith(f"{language}:".encode()) for word in words)


def test_an_arabic_article_is_indexed_and_found(tmp_path):
    write_article(tmp_path / "corpus", "ar.txt", "الانتخابات\n\nأعلنت الحكومة يوم الاثنين أن الانتخابات البرلمانية "
                                                   "ستجرى في موعدها المحدد في الربيع المقبل رغم الأزمة الاقتصادية.\n")
    settings = make_settings(tmp_path / "corpus", tmp_path / "index")
    assert rebuild(settings).indexed == 1
    page = ArchiveSearcher(settings).search("الانتخابات")
    assert page.total == 1 and page.hits[0].language == "ar"
