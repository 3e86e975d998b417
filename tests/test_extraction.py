"""Extraction tables: title, date, author and speakers from cleaned pages."""

import datetime as dt

import pytest

from search.extraction.fields import (MAX_LEAD_TITLE_CHARS, clean_author, date_from_url, extract_date, extract_title, lead_title,
                                      parse_date, strip_site_suffix, web_address)
from search.extraction.person_names import as_person
from search.extraction.article import extract_article
from search.extraction.speakers import extract_speakers
from search.extraction.article import article_from_text
from search.models import CleanedPage, PageMetadata
from search.errors import UnreadableArticle


@pytest.mark.parametrize("raw, site, expected", [
    ("Storm floods harbour | Coastal Times", None, "Storm floods harbour"),
    ("Coastal Times - Storm floods harbour front overnight", None, "Storm floods harbour front overnight"),
    ("Northern Wire :: Sea wall funded", None, "Sea wall funded"),
    ("Council votes - and it is close | Herald", "Herald", "Council votes - and it is close"),
    ("A headline with no suffix", None, "A headline with no suffix"),
    # A colon belongs to the headline, and a part too long to be a site's name is never cut.
    ("Julian Assange: Sweden drops rape investigation", None, "Julian Assange: Sweden drops rape investigation"),
    ("Plague: third case in China as panic begins – doctors fear it could spread", None,
     "Plague: third case in China as panic begins – doctors fear it could spread"),
    ("Storm floods harbour - live updates | Coastal Times", "Coastal Times", "Storm floods harbour - live updates"),
])
def test_strip_site_suffix(raw, site, expected):
    assert strip_site_suffix(raw, site) == expected


def test_the_visible_headline_is_kept_whole_where_og_title_repeats_it():
    metadata = PageMetadata(og_title="Take C.A.R.E. - comwrap at DMEXCO 2018", h1="Take C.A.R.E. - comwrap at DMEXCO 2018")
    assert extract_title(CleanedPage((), metadata)) == "Take C.A.R.E. - comwrap at DMEXCO 2018"


@pytest.mark.parametrize("metadata, expected", [
    (PageMetadata(og_title="car-seat-test-autumn-2018", h1="Car seats tested: three fail", html_title="x | Site"),
     "Car seats tested: three fail"),
    (PageMetadata(og_title="Halden Herald", site_name="Halden Herald", html_title="Bridge opens at last | Halden Herald"),
     "Bridge opens at last"),
    (PageMetadata(og_title="Sánchez califica al ministro de", site_name="El Diario",
                  html_title="Sánchez califica al ministro de Justicia de «irresponsable» | El Diario"),
     "Sánchez califica al ministro de Justicia de «irresponsable»"),
    (PageMetadata(og_title="Storm closes port …", h1="Storm closes port for a week"), "Storm closes port for a week"),
    # A headline that merely begins like the page's h1 is its own.
    (PageMetadata(og_title="Storm closes port", h1="Storm closes port for a week"), "Storm closes port"),
])
def test_a_slug_a_site_name_or_a_headline_cut_short_gives_way(metadata, expected):
    assert extract_title(CleanedPage((), metadata)) == expected


def test_title_prefers_og_title_then_h1_then_title_tag():
    assert extract_title(CleanedPage((), PageMetadata(og_title="OG", h1="H1", html_title="T | S"))) == "OG"
    assert extract_title(CleanedPage((), PageMetadata(h1="H1", html_title="T | S"))) == "H1"
    assert extract_title(CleanedPage((), PageMetadata(html_title="Title here | Site"))) == "Title here"
    assert extract_title(CleanedPage((), PageMetadata())) is None


@pytest.mark.parametrize("raw, expected", [
    ("2018-12-23T10:00:00-05:00", dt.date(2018, 12, 23)),
    ("2018-12-23", dt.date(2018, 12, 23)),
    ("Dec. 23, 2018", dt.date(2018, 12, 23)),
    ("23 December 2018", dt.date(2018, 12, 23)),
    ("December 14", None),  # no year: never invent one
    ("March 2019", None),  # no day: never invent one
    ("2019", None),
    ("2019-03", None),
    ("20190304", dt.date(2019, 3, 4)),
    ("not a date 2018", None),
    ("", None),
])
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw, language, expected", [
    ("/ martes 17 de marzo de 2020", "es", dt.date(2020, 3, 17)),
    ("9 oktober 2020 11:12", "nl", dt.date(2020, 10, 9)),
    ("Acum 5 ore", "ro", None),  # "5 hours ago": relative dates never qualify
    ("martes 17 de marzo de 2020", None, None),  # without the page's language only English is read
])
def test_dates_written_in_the_pages_language(raw, language, expected):
    assert parse_date(raw, language) == expected


def test_a_date_the_page_shows_comes_after_metadata_and_url():
    shown = CleanedPage(("Text.",), PageMetadata(url="https://x.example/news/story"), (("text", "March 11, 2020"),))
    assert extract_date(shown) == (dt.date(2020, 3, 11), "text")
    with_meta = CleanedPage(("Text.",), PageMetadata(), (("text", "March 11, 2020"), ("meta", "2020-03-10T22:00:00Z")))
    assert extract_date(with_meta) == (dt.date(2020, 3, 10), "meta")


def test_a_line_that_is_only_a_date_opens_the_article():
    page = CleanedPage(("Protesters gathered in Paris. (Image: Reuters)", "January 18, 2020", "PARIS - Text."))
    assert extract_date(page) == (dt.date(2020, 1, 18), "text")


@pytest.mark.parametrize("paragraph, expected", [
    ("Albania, Dec. 23, 2018 - In an interview", dt.date(2018, 12, 23)),
    ("PORT HALDEN, April 2, 2019 (Northern Wire) — The government", dt.date(2019, 4, 2)),
    ("LONDON, 23 December 2018 — Prices rose", dt.date(2018, 12, 23)),
    ("The letter, dated December 14, 2018, said", None),
    ("On March 3, 2016 - a Thursday - the council met", None),
])
def test_dateline(paragraph, expected):
    found = extract_date(CleanedPage((paragraph,)))
    assert (found[0] if found else None) == expected
    if found:
        assert found[1] == "text"


def test_date_sources_in_order_of_trust():
    page = CleanedPage(("PORT HALDEN, April 2, 2019 - Text",), PageMetadata(url="https://x.example/2020/05/06/story"),
                       (("meta", "garbage"), ("meta", "2021-07-08T00:00:00Z")))
    assert extract_date(page) == (dt.date(2021, 7, 8), "meta")
    assert extract_date(CleanedPage(page.paragraphs, page.metadata)) == (dt.date(2020, 5, 6), "url")
    assert date_from_url("https://x.example/2020/13/45/story") is None


@pytest.mark.parametrize("raw, expected", [
    ("By Jane Roe", "Jane Roe"), ("Reported by: Hana Sato", "Hana Sato"),
    ("Von Anna Berger Mo, 4. März 2019", "Anna Berger"), ("AP Updated: March 3, 2021", "AP"),
    ("Por Juan Pérez | 3 de marzo de 2020", "Juan Pérez"), ("Par Jean Dupont, publié le 3 mars", "Jean Dupont"),
    ("Door Jan de Vries", "Jan de Vries"), ("Di Mario Rossi", "Mario Rossi"), ("Di Maio", "Di Maio"),
    ("Av Anna Berg", "Anna Berg"), ("John Smith March 3, 2021", "John Smith"), ("Mia Dahl, 14:32", "Mia Dahl"),
    ("Text: Maria Muster", "Maria Muster"), ("12. Mai 2020", None), ("By …", None), ("Veröffentlicht am 3.4.2020", None),
    ("Фото: Наталия Губернаторова", None), ("Photo: Jane Roe", None), ("Foto: dpa", None),
    # A name that is a month or a weekday stays whole where no date follows it.
    ("Bruno Mars", "Bruno Mars"), ("Victoria Mayo", "Victoria Mayo"),
    # A place or a section after a separator, a role in lower case after a comma, a second credit,
    # network links and a role after the name are no part of it; a list of names stays a list.
    ("Por Ana Ruiz | Sevilla", "Ana Ruiz"), ("Par Paul Morel, envoyé spécial à Lyon", "Paul Morel"),
    ("Text: Anna Berger; Fotos: Jan Keller", "Anna Berger"), ("Anna Berger (Text) und Jan Keller (Fotos)", "Anna Berger"),
    ("Anna Berger Twitter E-Mail", "Anna Berger"), ("Analysis by Dana Ruiz, Harbour Times Editor-at-large", "Dana Ruiz"),
    ("Lukas Brenner Harbour Times business reporter", "Lukas Brenner"), ("Ilse van Aalst Coastal Staff Writer", "Ilse van Aalst"),
    ("Anna Berger, Jan Keller", "Anna Berger, Jan Keller"), ("Online News Editor", "Online News Editor"),
    # A section, a link's label or a web address names no author.
    ("Opinion", None), ("Home » News", None), ("About the author", None), ("https://www.example.com/author/anna", None),
])
def test_an_author_is_the_name_a_byline_gives_without_its_word_date_or_stamp(raw, expected):
    assert clean_author(raw) == expected


@pytest.mark.parametrize("meta", ["1970-01-01T00:00:00Z", "1969-12-31T23:00:00-01:00", "1900-01-01", "1899-12-30",
                                  "1601-01-01T00:00:00", "1988-05-04T10:00:00Z", "2031-01-01T00:00:00Z"])
def test_an_impossible_date_in_metadata_gives_way_to_the_next_source(meta):
    """A CMS's sentinel, a date before the web and a date after the page was read are no dates: the
    address's date, then the dateline, is taken instead, and its source said."""
    latest = dt.date(2024, 6, 1)
    page = CleanedPage(("PORT HALDEN, April 2, 2019 - Text",), PageMetadata(url="https://x.example/2020/05/06/story"),
                       (("meta", meta),))
    assert extract_date(page, latest) == (dt.date(2020, 5, 6), "url")
    no_address = CleanedPage(page.paragraphs, PageMetadata(), page.date_hints)
    assert extract_date(no_address, latest) == (dt.date(2019, 4, 2), "text")
    assert extract_date(CleanedPage(("Text.",), PageMetadata(), page.date_hints), latest) is None


def test_an_old_dateline_in_the_article_s_own_text_stays():
    page = CleanedPage(("NEW YORK, November 22, 1963 - The president was shot in Dallas.",),
                       PageMetadata(url="https://archive.example/1963/11/22/dallas"))
    assert extract_date(page, dt.date(2024, 6, 1)) == (dt.date(1963, 11, 22), "text")
    page = CleanedPage(("Text.",), PageMetadata(), (("meta", "2024-06-02T09:00:00Z"),))
    assert extract_date(page, dt.date(2024, 6, 2)) == (dt.date(2024, 6, 2), "meta")


@pytest.mark.parametrize("paragraphs, expected", [
    (["“We will not sign a blank cheque,” said Mayor Elena Varga."], ["Elena Varga"]),
    (["“It is done,” Varga said. Mayor Elena Varga left."], ["Elena Varga"]),
    (["Jonas Albrecht said: “Ships will come.”"], ["Jonas Albrecht"]),
    (["Henrik Dahl, the transport minister, told reporters the bridge was safe."], ["Henrik Dahl"]),
    (["Costs will rise, according to Jonas Albrecht."], ["Jonas Albrecht"]),
    (["“We reported it,” said shopkeeper Petra Holm."], ["Petra Holm"]),
    (["“This is serious,” said the French ministers in a joint statement."], []),
    (["Professor Lukas Brenner of Port Halden University said leaks were to blame."], ["Lukas Brenner"]),
    (["Secretary of State Mike Pompeo said the talks were over."], ["Mike Pompeo"]),
    (["Mayor Elena Varga defended the plan. She said: “It works.”"], ["Elena Varga"]),
    (["Tomas Reinholt praised the staff but said waiting times were long."], ["Tomas Reinholt"]),
    (["The statement was released on Monday."], []),
    # A sentence's opening adverb and a describing word are not part of the name after them; a
    # country speaking as one and a name ending in s keep their s.
    (["Afterwards Ann Smith said the roads were clear."], ["Ann Smith"]),
    (["Ohio-based Acme Corp said prices would rise."], ["Acme Corp"]),
    (["Wales said it would follow the English rules."], ["Wales"]),
    (["Host: Welcome.", "Moreno: Thank you.", "Host: Is the stadium dead?", "Moreno: No."], ["Moreno"]),
    (["Update: the road is open."], []),
    (["“Where did that come from?” Rossi asked. Coach Marco Rossi left."], ["Marco Rossi"]),
    (["“Light was everything,” said the gallery's director, Anders Holm."], ["Anders Holm"]),
    (["“We came close,” said Swedish delegate Anna Karlsson."], ["Anna Karlsson"]),
    (["Opposition leader Paul Meyer was scathing: “This budget punishes the poor.”"], ["Paul Meyer"]),
    # Organisations speak too, as themselves.
    (["All birds will be culled, the agriculture ministry said."], ["agriculture ministry"]),
    (["Unemployment fell, according to figures published by the statistics office."], ["statistics office"]),
    (["The ministry building was repainted."], []),
    # The author of a book praised in scare quotes is not a speaker.
    (["A book promising “miracle results” has been criticised. The book, by chef Rick Moran, claims a lot."],
     []),
    # Real news attributes in ways of its own.
    (["Coach R.J. Lindberg said the squad was ready."], ["R.J. Lindberg"]),
    (["Karen B. Ostrow, the union's lawyer, told the court her client was innocent."], ["Karen B. Ostrow"]),
    (["Former Mayor Paul Aldana Jr. said the vote was rushed. “It was,” Aldana said."], ["Paul Aldana Jr."]),
    (["“The data are clear,” Mia Koenig, a fellow at the institute in Bonn, Germany, and co-author of the "
      "study, said in a statement."], ["Mia Koenig"]),
    (["In March, Ravi Menon, head of the Coastal Trust, said the dunes were failing."], ["Ravi Menon"]),
    (["Floods cut the rail line twice, said Tova Lind, who runs the station."], ["Tova Lind"]),
    (["The harbour will close, said the port's new chief engineer Alma Roos."], ["Alma Roos"]),
    (["According to Reuters, the talks failed."], ["Reuters"]),
    (["Sales doubled, according to market research firm Quantra Labs."], ["Quantra Labs"]),
    (["The Daily Ledger reported on Sunday that the mill would close."], ["Daily Ledger"]),
    (["Analyst Jin-Woo Park has previously predicted that prices would fall."], ["Jin-Woo Park"]),
    (["“We are cooperating,” said a Nordwind spokesperson."], ["Nordwind"]),
    (["Harbour Gas officials said the leak was fixed."], ["Harbour Gas"]),
    (["American officials said the sanctions would end."], []),
    (["The plague is rare, says the World Health Organization."], ["World Health Organization"]),
    (["The Lakeside County Police said two men were arrested."], ["Lakeside County Police"]),
    (["The man pleaded guilty, the U.S. Attorney’s Office for the Eastern District of Ohio announced."],
     ["U.S. Attorney’s Office for the Eastern District of Ohio"]),
    (["Because Lindqvist said no, the plan stalled."], ["Lindqvist"]),
    # A capitalised common noun that opens a sentence is nobody.
    (["Neuroscience tells us that the mind works unseen. Advances in neuroscience are fast."], []),
    # Whoever is told something is the listener, not the speaker.
    (["The dunes are moving, Olsen told Harbour Radio."], ["Olsen"]),
    # A title just before 'of' is the person's, who follows the office.
    (["The move was announced by US Secretary of State Mira Dahl.", "Dahl said the law was clear."], ["Mira Dahl"]),
    # The place of an office ends before its holder's name.
    (["Norway's ambassador to Chile Ola Brekke has said the deal stands."], ["Ola Brekke"]),
    (["The former envoy to Peru Tove Lind testified.", "“It was wrong,” Lind said."], ["Tove Lind"]),
    # A one-word "speaker" the article writes as a place is the place.
    (["Talks in Brussels ended. Brussels said the offer stood."], []),
    (["Talks in Lindqvist's office ended. Lindqvist said the offer stood."], ["Lindqvist"]),
    (["Shares in Nordwind Energy rose. Nordwind said the offer stood."], ["Nordwind"]),
    # A name and its speech verb closing a sentence after a comma report the clause before them.
    (["The deal is likely to close at 176 dollars a share, the Harbour Ledger reported."], ["Harbour Ledger"]),
    (["Ships queued at the quay, and Olsen watched."], []),
    # Speech verbs beyond said and told.
    (["The vote came in what host Mira Dahl described as “the closest night of the season.”"], ["Mira Dahl"]),
    (["Lind chimed in, noting that the offer was “a lovely gesture.”"], ["Lind"]),
    (["Two states objected, with Foreign Minister Tove Lind warning of “grave consequences”."], ["Tove Lind"]),
    (["Nordwind denies that anything was agreed."], ["Nordwind"]),
    # What follows a news verb is what was said, unless the verb takes another sense.
    (["The Harbour Ledger reported the mill would close."], ["Harbour Ledger"]),
    (["Coast Radio reports the ferry was late."], ["Coast Radio"]),
    (["Lakeside Police reported at least 300 people marched."], ["Lakeside Police"]),
    (["Nordbank reported a record quarterly profit. “We grew,” said Ulla Berg."], ["Ulla Berg"]),
    (["Olsen reported to Lind in March. “It was hard,” said Ulla Berg."], ["Ulla Berg"]),
    # A name right after a preposition is its object, not the one who speaks...
    (["Most of Lindarians say that the tax is unfair."], []),
    (["The High Commissioner for Coastal Rights said the plan was “unlawful”."], []),
    (["A source close to Dahl said the talks had ended."], []),
    # ... except for a spokesperson for someone, and 'with X warning'.
    (["A spokesperson for Sen. Mira Dahl, D-Norland, said the office was ready."], ["Mira Dahl"]),
    # An appositive may hold four commas of its own.
    (["“It is there,” Ivo Lunde, a scientist at the Polar Center in Tromsø, Norway, and Nord University "
      "in Bodø, Norland, said in a statement."], ["Ivo Lunde"]),
    (["The team at the Polar Center in Tromsø, Norland, has confirmed traces of ice."], []),
    # Verbs that are also plural nouns speak only when what follows is what was said.
    (["Coastal states to have signed the pact, with Minister Ivo Lunde warning of “costs”, said little."],
     ["Ivo Lunde"]),
    (["Lunde states that the pact is void."], ["Lunde"]),
    # A sum after "added" is a market's move.
    (["The Nordic Composite .NRDC added 20.72 points. “Calm,” said trader Ulla Berg."], ["Ulla Berg"]),
    # "he said" is a person the article names in full, never a product or an institution.
    (["Jack Buser runs the studio, which hopes to bolster Stadion in the early going. “This is the jump,” "
      "he says."], ["Jack Buser"]),
    (["“Few do,” said Alva Lund, an astronomer at Nordhavn University.",
      "Many leave for Nordhavn University jobs. “It pays,” she said."], ["Alva Lund"]),
    # An office's place ends before its holder's name, not inside an organisation's name.
    (["A spokesperson for the Norlandic Foreign Office reiterated that the pact is “void”."],
     ["Norlandic Foreign Office"]),
    # Outlets and bodies that take a capital "The" are named whole.
    (["The roles were recast, according to The Harbour Reporter."], ["Harbour Reporter"]),
    # An owner's name before an organisation's noun names the organisation.
    (["West Norland police said the tablets were toxic."], ["West Norland police"]),
    (["Norland's foreign ministry said it viewed the move as “a mistake”."], ["Norland's foreign ministry"]),
    # Only a possessive ending is taken off the owner: a place ending in "s" is no nationality.
    (["The quay was closed until the morning, Havris police said."], ["Havris police"]),
    (["Norlandi police said the quay was closed."], []),
    (["On Wednesday, the Norland government announced that it had expelled two diplomats."], []),
    # A family name written first collapses into the full name, when no other name begins with it.
    (["Norland's ambassador to Chile Liu Xiaoming has said the deal stands.", "Liu said it was final."],
     ["Liu Xiaoming"]),
    # A name card run into the name before it still gives the full name.
    (["Gov. Kristi NoemKristi Lynn NoemSouth Dakota governor MORE (R) is defending the ad.",
      "“We're on it,” Noem tweeted."], ["Kristi Lynn Noem"]),
    (["Lunde said the pact was void. VOA Lunde correspondent Ivo Dahl asked him."], ["Lunde"]),
    # A pronoun's verb in another sense reports nothing; with a quotation, or a clause, it does.
    (["It was a big night for Ivo Lunde at the stadium. " "He posted a season-best 31 points and 12 rebounds."],
     []),
    (["It was a big night for Ivo Lunde at the stadium. " "He called the win “the best of my life”."],
     ["Ivo Lunde"]),
    (["It was a big night for Ivo Lunde at the stadium. " "He posted on social media that the team deserved it."],
     ["Ivo Lunde"]),
    # An announcement of a thing is no words; of what will happen, it is.
    (["Nordcom, a maker of hospital pagers, announced a new alarm system with Medtek."], []),
    (["Nordcom announced the plant would close in May."], ["Nordcom"]),
    # A word shortened with an apostrophe is no name.
    (["We’re told that the harbour will close.", "Don’t say it was not announced."], []),
    # A parenthesis between the name and the verb; a role of the web before the name.
    (["Commenter Ivo Lunde (who wrote the Harbour Ledger story) noted that the fork was new."], ["Ivo Lunde"]),
    # A paragraph ending "X wrote:" introduces the block quotation after it.
    (["Lunde wrote:", "Whenever a mill thinks it can skip the audit, the audit comes anyway."], ["Lunde"]),
    (["Lunde wrote a long post about the mill."], []),
    # A story speaks for the outlet that ran it.
    (["As Harbour Ledger’s March story explains, the boards are uncertified."], ["Harbour Ledger"]),
    (["According to Coast Radio’s review, the ferry runs late."], ["Coast Radio"]),
    # An owner's name before someone the article names in full is not part of the name.
    (["Ulla Berg, an analyst at Nordfirm, shared her view.", "According to Nordfirm’s Berg, “costs will rise.”"],
     ["Ulla Berg"]),
])
def test_speakers(paragraphs, expected):
    assert list(extract_speakers(paragraphs)) == expected


def test_speaker_names_are_normalised_to_the_fullest_form():
    paragraphs = ["Interior Minister Sandër Lleshaj spoke on television.",
                  "“Albania is secure,” said Lleshaj during the interview."]
    assert extract_speakers(paragraphs) == ("Sandër Lleshaj",)


def test_interviewer_turns_are_not_speakers():
    paragraphs = ["Reporter: Is it true?", "Lleshaj: Yes.", "Reporter: Why?", "Lleshaj: Security."]
    assert extract_speakers(paragraphs) == ("Lleshaj",)


def test_labels_before_headings_are_no_interview():
    paragraphs = ["Gallery: Harbour Works in Winter | 14 Photos", "The harbour reopened on Monday.",
                  "Gallery: New Ferry Terminal Pictures | 9 Photos", "Learn More: Ten Tips for Harbour Visits",
                  "Learn More: Seven Ways to Use the Ferry"]
    assert extract_speakers(paragraphs) == ()


def test_labels_before_values_are_no_interview():
    paragraphs = ["Breakfast: oats with berries and a spoon of honey.", "Measuring cups: 1 Green, 2 Red, 1 tsp.",
                  "Dinner: grilled fish with rice.", "Measuring cups: 2 Green, 1 Yellow, 1 Blue, 2 tsp.",
                  "Price: £40 (€45), 180 pages.", "Price: £12 for the 2019 edition."]
    assert extract_speakers(paragraphs) == ()


@pytest.mark.parametrize("run, expected", [
    ("U.S. President Donald Trump", "Donald Trump"),
    ("Columbian Senator Ingrid Betancourt", "Ingrid Betancourt"),
    ("Dr. Amina Okafor", "Amina Okafor"),
    ("Reporter", None),
    ("E", None),
    ("The", None),
    ("President", None),
])
def test_as_person(run, expected):
    assert as_person(run) == expected


BRIEF = ("Police closed the coast road at Nordvik on Tuesday after a landslide. Engineers will check the cliff "
         "before it opens again.")


@pytest.mark.parametrize("name, kind, text", [
    ("brief.txt", "text", BRIEF + "\n"),
    ("wrapped.txt", "text", BRIEF.replace(" after a landslide.", "\nafter a landslide.").replace(" will", "\nwill")),
    ("brief.html", "html", f"<html><body><nav><a href='/'>Home</a></nav><p>{BRIEF}</p><footer>© Post</footer></body></html>"),
    ("lone-h1.html", "html", f"<html><body><h1>{BRIEF}</h1></body></html>"),
])
def test_a_one_paragraph_article_is_indexed_headed_by_its_first_sentence(name, kind, text):
    article = article_from_text(name, kind, text)
    assert article.body == BRIEF
    assert article.title in {"Police closed the coast road at Nordvik on Tuesday after a landslide.", BRIEF}


@pytest.mark.parametrize("name, kind, text", [
    ("headline.txt", "text", "Coast Road Closed After Landslide\n"),
    ("error.html", "html", "<html><head><title>Page not found</title></head><body><h1>Page not found</h1>"
                           "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"),
])
def test_a_page_with_a_headline_and_no_text_still_has_no_article(name, kind, text):
    with pytest.raises(UnreadableArticle, match="no article text"):
        article_from_text(name, kind, text)


def test_a_long_first_sentence_is_cut_at_a_word_for_the_headline():
    long = "The " + "very " * 60 + "long sentence ends here."
    title = lead_title((long,))
    assert title.endswith(" …") and len(title) <= MAX_LEAD_TITLE_CHARS + 2 and long.startswith(title[:-2])


@pytest.mark.parametrize("raw, stored", [
    ("https://news.example.org/2019/03/story", "https://news.example.org/2019/03/story"),
    ("HTTP://news.example.org/a", "http://news.example.org/a"),
    ("javascript:alert(1)", None),
    (" JavaScript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("/2019/03/story", None),
    ("//news.example.org/a", None),
    ("http://[::1", None),
    ("https://", None),
])
def test_only_web_addresses_are_kept_as_an_articles_url(raw, stored):
    assert web_address(raw) == stored


def test_a_page_claiming_a_script_address_is_stored_without_one():
    page = '<html><head><link rel="canonical" href="javascript:alert(1)"></head><body><p>' + BRIEF + "</p></body></html>"
    assert article_from_text("x.html", "html", page).url is None


@pytest.mark.parametrize("site_name, url, doc_id, outlet", [
    ("  The Halden   Herald ", "https://www.haldenherald.example/a", "halden/a.html", "The Halden Herald"),
    (None, "https://www.haldenherald.example/a", "halden/a.html", "haldenherald.example"),
    (None, None, "halden/a.html", "halden"),
    (None, None, "a.html", None),
])
def test_the_outlet_is_the_sites_name_else_its_host_else_its_folder(site_name, url, doc_id, outlet):
    page = CleanedPage(("Text.",), PageMetadata(site_name=site_name, url=url))
    assert extract_article(doc_id, page).outlet == outlet


@pytest.mark.parametrize("said, speaker", [
    ("said Wales's first minister Mark Drakeford", "Mark Drakeford"),
    ("said Russia’s ambassador Andrei Kelin", "Andrei Kelin"),
    ("said the Acme Corp's chief executive Dana Whitfield", "Dana Whitfield"),
])
def test_the_owner_named_before_a_speaker_s_role_is_not_the_speaker(said, speaker):
    text = f"Talks\n\nThe talks ended late on Monday after a long day.\n\n“The deal is done,” {said}.\n"
    article = article_from_text("talks.txt", "text", text)
    assert article.speakers == (speaker,) and article.quotes[0].speaker == speaker


def test_a_name_written_with_a_typographic_apostrophe_is_one_spelling_with_the_plain_one():
    text = ("Harbour\n\nThe harbour reopened on Monday after the storm.\n\n"
            "“We are back in business at last,” said Sean O’Brien.\n")
    article = article_from_text("harbour.txt", "text", text)
    assert article.speakers == ("Sean O'Brien",) and article.quotes[0].speaker == "Sean O'Brien"
