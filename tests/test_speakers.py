"""Pure: an article's quotations, each given to the speaker its attribution names."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.extraction.speakers import _distance, _nearest, extract_quotes, extract_speakers
from search.models import Quote

@pytest.mark.parametrize("paragraphs, speakers, expected", [
    (['“We will not sign a blank cheque,” said Mayor Elena Varga.'], ("Elena Varga",),
     [Quote("Elena Varga", "We will not sign a blank cheque")]),
    (['Elena Varga said: "The contract is clear and it binds us all."'], ("Elena Varga",),
     [Quote("Elena Varga", "The contract is clear and it binds us all.")]),
    # A paragraph that is all quotation continues the speaker before it.
    (['“The bridge is late,” Varga said.', '“And it is over budget by a third.”'], ("Elena Varga",),
     [Quote("Elena Varga", "The bridge is late"), Quote("Elena Varga", "And it is over budget by a third.")]),
    # Two speakers in one paragraph: each quotation goes to the nearest attribution.
    (['“Ships go to Rotterdam if we stand still,” Albrecht said, but Duarte said: “Show us the jobs in writing.”'],
     ("Jonas Albrecht", "Ines Duarte"),
     [Quote("Jonas Albrecht", "Ships go to Rotterdam if we stand still"),
      Quote("Ines Duarte", "Show us the jobs in writing.")]),
    # Scare quotes and quotations nobody is said to have said are not quotes.
    (['The so-called “green” budget passed.', '“Nobody knows who wrote this sentence here.”'], (), []),
])
def test_quotations_are_attributed(paragraphs, speakers, expected):
    assert list(extract_quotes(paragraphs, speakers)) == expected


@given(st.lists(st.integers(0, 60), min_size=1, max_size=12), st.integers(0, 60), st.integers(0, 20))
def test_the_nearest_attribution_is_found_among_those_around_the_quotation(positions, start, length):
    """What _nearest finds around the quotation is what a reading of every attribution finds: the
    nearest, the first of equals."""
    attributed = sorted((at, f"speaker {n}") for n, at in enumerate(positions))
    span = re.compile(r"q+").search("-" * start + "q" * (length + 1))
    everyone = min(attributed, key=lambda attribution: _distance(attribution[0], span))[1]
    assert _nearest(attributed, [at for at, _ in attributed], span) == everyone


def test_interview_turns_are_quotations_of_the_interviewee():
    paragraphs = ["Herald: How was the season for the club?", "Moreno: We finished ninth with the second-smallest budget.",
                  "Herald: And next year, what happens?", "Moreno: We will fight for Europe with the same players."]
    assert [q.speaker for q in extract_quotes(paragraphs, ("Rafael Moreno",))] == ["Rafael Moreno"] * 2


def test_an_article_s_attributions_are_read_once_for_its_speakers_and_quotations(monkeypatch):
    from search.extraction import attribution
    from search.extraction.article import article_from_text

    read = []
    real = attribution._paragraph_attributions
    monkeypatch.setattr(attribution, "_paragraph_attributions",
                        lambda paragraph, known: read.append(paragraph) or real(paragraph, known))
    page = ("Budget vote\n\n“We will not sign a blank cheque,” said Mayor Elena Varga.\n\n"
            "“The bridge is late and over budget by a third,” Varga said.\n")
    article = article_from_text("a.txt", "text", page)
    assert article.speakers == ("Elena Varga",) and len(article.quotes) == 2
    assert len(read) == len(set(read)) == len(article.body.split("\n\n"))


@pytest.mark.parametrize("paragraphs, expected", [
    # A body's name may join names with "and" after its "of" or "for"; two bodies stay two.
    (["The Centers for Harbour Safety and Prevention said the risk was low."],
     ["Centers for Harbour Safety and Prevention"]),
    (["The Nordland Department of Fisheries and Coastal Affairs said it would review the quota."],
     ["Nordland Department of Fisheries and Coastal Affairs"]),
    (["The Nordic Council and European Union said the move was illegal."], ["Nordic Council", "European Union"]),
    # An office's "of" is no body's: its holder speaks.
    (["Secretary of State Ilse Brandt said no."], ["Ilse Brandt"]),
    # One word before "of" is no one's name: "Bank of Nordvik" is a bank.
    (["Bank of Nordvik said profits rose."], ["Bank of Nordvik"]),
    (["Professor Lukas Brenner of Port Halden University said the data was clear."], ["Lukas Brenner"]),
    # An article before a body's name is not part of it.
    (["A Harbour Department spokesperson said, “We will not comment.”"], ["Harbour Department"]),
    # 'She' refers to the subject, not to the place named after "in".
    (["Carla Hefting, who organised a rally last week in Nordvik City, cited the wind. “We have wind,” she said."],
     ["Carla Hefting"]),
    # After an owner's name a participle describes a noun: "Norway's confirmed cases" says nothing.
    (["OSLO — Norway's confirmed coronavirus cases have passed ten thousand."], []),
    (["Nordcom's reported losses grew, and Nordcom confirmed that the plant would close."], ["Nordcom"]),
    # 'It' speaks for the body named before it, never for a person or a report.
    (["The Coastal Health Ministry has recorded 300 new cases. It says at least 14 people have died."],
     ["Coastal Health Ministry"]),
    (["The report was published on Monday. It said the economy would shrink."], []),
    (["Anna Berg spoke to the council. It said the plan was fine."], []),
    # Two people named in full and joined by "and" both speak.
    (["Ivo Lunde and Petra Holm said the ferry would run again."], ["Ivo Lunde", "Petra Holm"]),
    # What is added to is no words; a place after "in the" does not speak.
    (["Harbour Academy junior Ben Patton added to his collection of state titles."], []),
    (["Dr. Ivo Lunde of the Aberdeen Infirmary in the UK told the story of a patient."], []),
    # A person of a body whose name joins names with "and"; an office of two words before its holder.
    (["Dr. Petra Holm of the Nordland Department of Health and Human Services says the risk continues."],
     ["Petra Holm"]),
    (["Deputy Director of Public Prosecution Eva-Lena Berg said: “The evidence has weakened.”"], ["Eva-Lena Berg"]),
    (["According to Anna Berg of Harbour Institute, the plan failed."], ["Anna Berg"]),
    # An owner before a person named in full there, and a role word before a name, are not the name.
    (["“We will fly in 2024,” Nordspace's Ulla Berg said in the statement."], ["Ulla Berg"]),
    (["Nordspace Administrator Ivo Lunde said in a statement: “We are ready.”"], ["Ivo Lunde"]),
    (["Developer Nordsoft called the game “a flagship title.”"], ["Nordsoft"]),
    # What was announced came before the verb: no words.
    (["The lander is based on a concept that its founder Ivo Lunde announced earlier this year."], []),
    # 'He has always denied', 'she has also said'.
    (["Lunde was accused of fraud. He has always denied the charges, saying the money was his."], []),
    (["Ivo Lunde was accused of fraud. He has always denied the charges, saying the money was his."],
     ["Ivo Lunde"]),
    (["Nordnet pledged to take “decisive corrective action” against such accounts."], ["Nordnet"]),
    # A company described in lower case is any company; a person's rep speaks for them.
    (["“We have no further comment,” the production company said."], []),
    (["Berg's rep told Harbour Radio that the tour would go on.", "Ulla Berg will sing in May."], ["Ulla Berg"]),
    # The author of a report, a survey or a story speaks; a body's whole name after "according to".
    (["Lunde can still name directors, according to a new Harbour Ledger report."], ["Harbour Ledger"]),
    (["That's according to a new survey from Nordic Polling Group."], ["Nordic Polling Group"]),
    (["According to the Centre for Coastal Safety (CCS), the beach is safe."], ["Centre for Coastal Safety"]),
    # A promise is words; a place and a role may open the sentence whose subject speaks later.
    (["Nordland, which collects the tolls, has pledged to punish the ferry company."], ["Nordland"]),
    (["In Halden, Harbour Office press secretary Ivo Lunde condemned the attack and said the port would stay open."],
     ["Ivo Lunde"]),
    (["Norway’s ambassador to Sweden accused the council and warned that the talks would fail."], []),
    # Two bodies, one name inside the other's, stay two; a person's surname joins the full name.
    (["The Health Ministry said 40 cases were new.", "The Coastal Health Ministry said 12 people had died."],
     ["Health Ministry", "Coastal Health Ministry"]),
    (["“It is late,” said Carlos Martínez Roque.", "“We wait,” Martínez Roque said."], ["Carlos Martínez Roque"]),
    # An embedded post's signature names its author, titles left out; a dash and a handle elsewhere
    # are no signature, nor is a name in lower case.
    (["The vote was close.", "We voted. pic.twitter.com/abc — Rep. Ilse Brandt (@IlseBrandt) November 19, 2019"],
     ["Ilse Brandt"]),
    (["What a night at the harbour! — Harbour FC (@HarbourFC) 20 November 2019"], ["Harbour FC"]),
    (["Prices — for now — are stable (@home) in May."], []),
    (["nice one — elmo666 (@elmo666) May 3, 2021"], []),
    # A short first name is the formal one the article gives with the same surname.
    (["Joshua Apte, an engineer, studied the air.", "It is bad. — Josh Apte (@joshapte) November 1, 2019"],
     ["Joshua Apte"]),
    # A first name alone is the full name the article gave before it, a person's name of two or
    # three words; a company's name alone is not its product's or its group's.
    (["Marta Kovalenko runs the bakery.", "“We bake at four,” Marta said."], ["Marta Kovalenko"]),
    (["“We bake at four,” Marta said.", "The baker, Marta Kovalenko, opened in May."], ["Marta"]),
    (["Harbourly said sales fell.", "Its Harbourly Lens camera sold well."], ["Harbourly"]),
    (["The ferry firm Nordline Group runs the route.", "Nordline said fares would rise.",
      "The group expects a loss."], ["Nordline"]),
    (["Ilse Brandt and Ilse Morten spoke.", "“No,” Ilse said."], ["Ilse"]),
    # A surname typed with two letters swapped is the person the article names in full; a short one
    # or one that swaps into no name stays as written.
    (["Among them is Dylan Tinsdale, an engineer.", "“We wait,” Tinsdale said.", "Tinsdlae said the walk was hard."],
     ["Dylan Tinsdale"]),
    (["Among them is Mark Bergen, an engineer.", "Brenge said the walk was hard."], ["Brenge"]),
    (["Among them is Ann Lee, an engineer.", "Ele said the walk was hard."], ["Ele"]),
    # Spokespeople and officials speak for the body named with them, whole with its "of", before or
    # after the verb; not for an office, nor for a person's office ("Ohio's governor").
    (["Tips help, Crime Stoppers of Lakeland officials said in a statement."], ["Crime Stoppers of Lakeland"]),
    (["It was over, said a Friends of the Dunes spokeswoman."], ["Friends of the Dunes"]),
    (["It was over, said a spokesman for Harbour Edison."], ["Harbour Edison"]),
    (["It was over, according to a senior official for the Department of the Harbour."],
     ["Department of the Harbour"]),
    (["It was over, said a spokesman for Lakeland's governor."], []),
    (["It was over, a Secretary of State spokesman said."], []),
    # A body named short is the body the article writes in full with its "of"; a place alone is not
    # a body of that place.
    (["Workers at the Department of Coastal Protection were busy.",
      "Coastal Protection officials said the pipes broke.",
      "Some hold up, according to Coastal Protection Department officials."], ["Department of Coastal Protection"]),
    (["The Harbour Department said it would appeal.", "A Department of Harbour lawyer came."],
     ["Department of Harbour"]),
    (["Lakeland said it would appeal.", "A University of Lakeland lawyer came."], ["Lakeland"]),
    # A subject pronoun after the verb opens what was said; an infinitive does not. What a verb does
    # in a statement or to reporters is words, whatever its object.
    (["If tech is your weakness, Ann Lee at Lean Living suggests you ask yourself what it solves."], ["Ann Lee"]),
    (["The study suggests you should sleep more."], []),
    (["Ann Lee asked you to wait.", "Ann Lee noticed you were late."], []),
    (["Harbourly confirmed this in a statement."], ["Harbourly"]),
    (["Ann Lee denied it to reporters."], ["Ann Lee"]),
    (["Ann Lee wrote it down in a notebook."], []),
    # A name before ", who" and a speech verb speaks, a preposition's object too; not a name before
    # "who" without a comma, which a description ends ("an Oklahoma Republican who warned").
    (["He accepted the resignation of his defense minister Lee Dong-hwan, who said he took responsibility."],
     ["Lee Dong-hwan"]),
    (["The fund is run by Ann Lee, who said in a statement that it would close."], ["Ann Lee"]),
    (["Senator Ann Lee, an Oklahoma Republican who warned of the deficit in the past, played it down."], []),
    # An unnamed speaker after a name's relative clause is the verb's subject; an appositive is the name's.
    ([("The figures are ministers Ann Lee and Bo Berg, who fled to the compound after the coup, the source, "
       "who said he had spoken to people inside, told Reuters.")], []),
    (["Ann Lee, a senior official, said it was fine."], ["Ann Lee"]),
    # People among those who said something said it; a list before "are among" speaks whole, a name
    # joined by "and" before "is among" is one name.
    (["Ann Lee and Bo Berg are among the actors who have said that they won’t work with him again."],
     ["Ann Lee", "Bo Berg"]),
    (["Pepsi, Harbourly, Costco and the vehicle-maker Nordline are among retailers that said prices rose."],
     ["Pepsi", "Harbourly", "Costco", "Nordline"]),
    (["Smith and Wesson is among the companies that said prices rose."], []),
    (["Ann Lee was among the lawmakers who voted against it."], []),
    # An adverb may stand between a name and its verb.
    (["Ann Lee also said that the plan failed.", "Bo Berg has long argued that it would."], ["Ann Lee", "Bo Berg"]),
    (["The Harbour Institute has also warned that the plan failed."], ["Harbour Institute"]),
    # A name and its verb closing an "as" clause report what follows; not a clause of another kind.
    (["As Ann Lee noted, the plan failed.", "But, as Harbourly has pointed out, it would cost more."],
     ["Ann Lee", "Harbourly"]),
    (["As Ann Lee walked in, the plan failed.", "He was as Bo Berg described, a tall man."], []),
    # A committee's or an institute's name may go on with "on"; a day after it is no part of it.
    (["The National Institute on Sleep has also estimated that 9,000 people slept badly."],
     ["National Institute on Sleep"]),
    (["The Committee on Monday said the plan failed."], []),
    (["“We won,” Ann Lee tweeted soon after the Select Committee on Harbours concluded its hearings."], ["Ann Lee"]),
    # A name and its verb after a comma report the clause before them, at the sentence's end after a
    # phrase of where or when, or set off inside it; not a sentence's subject after its opening adverbial.
    (["The plan failed, Ann Lee wrote on Twitter.", "The fee, Bo Berg argues, is too high."], ["Ann Lee", "Bo Berg"]),
    (["In June, Ann Lee posted, shared and deleted photos."], []),
    # A person who made something clear speaks, and a person's office speaks for them; a statement
    # cited with "according to" is a document's words, no speaker's.
    (["These acts, according to a statement from the Harbour Ministry, threatened the port."], []),
    (["Ann Lee made clear that the plan failed."], ["Ann Lee"]),
    (["Sen. Ann Lee’s office said the plan failed."], ["Ann Lee"]),
    # A sentence's subject speaks in a participle's clause after its verb; not where it says nothing,
    # nor where the run opening the sentence is no subject ("The Russian space agency").
    (["Ann Lee criticised the plan, saying it failed.", "Bo Berg, the mayor, praised it, arguing it worked."],
     ["Ann Lee", "Bo Berg"]),
    (["Ann Lee walked home, saying nothing.",
      "The Nordic space agency would not describe the fault, saying its experts were looking into it."], []),
    # What was written in an op-ed or a blog post that … is words.
    (["Ann Lee wrote in an op-ed that the plan failed."], ["Ann Lee"]),
    # A quotation signed after a dash is the signer's; a title's is not.
    (["“The plan failed.” — Ann Lee, mayor of Harbour City"], ["Ann Lee"]),
    (["“Harbour Country” – Bo Berg", "“Low Tide” – Ann Lee"], []),
    # A person's spokesperson or office, named by "his" or "her", speaks for the person it stands for;
    # a body's spokesperson named by its noun alone names no one.
    (["Opposition leader Ann Lee, who has been abroad, returned to Harbour City on Wednesday, her spokesman said."],
     ["Ann Lee"]),
    (["Teachers didn't see Bo Berg at the Statehouse. His office said he was travelling to a conference."],
     ["Bo Berg"]),
    (["The company's spokesman said the talks went well."], []),
    # A person "of the" body they belong to speaks.
    (["Ann Lee of the Institute on Ageing said the plan failed.", "Bo Berg of the Harbour Institute said it would."],
     ["Ann Lee", "Bo Berg"]),
    # A person's administration or campaign speaks as a body, through its officials too.
    (["Lakeland administration officials said they were not notified."], ["Lakeland administration"]),
    (["The Berg campaign said it was not notified."], ["Berg campaign"]),
    # A company's product, named with an article, is not the company's full name.
    (["Harbour Cloud launches tomorrow.", "Prior to launch Harbour promised 4K.",
      "Harbour confirmed this in a statement.", "The Harbour Cloud Edition ships today."], ["Harbour"]),
    # An acronym the article spells out in brackets is the name it stands for.
    (["The Coastal Rescue League (CRL) runs the boats.", "CRL said the season was calm."],
     ["Coastal Rescue League"]),
    (["Anna P. Lindqvist (APL) left the board.", "APL said she had no regrets."], ["Anna P. Lindqvist"]),
    (["The XYZ said nothing new."], ["XYZ"]),
    # A surname's particle is written with a capital where it opens a sentence.
    (["Pieter van Aalst leads the survey.", "Van Aalst says the dunes move."], ["Pieter van Aalst"]),
    (["Daan Van Der Berg leads the survey.", "“It moves,” Van Der Berg said."], ["Daan Van Der Berg"]),
    # Of two people who share a surname, the surname alone is the one named last before it.
    (["Ilse Vik chairs the club, which Ilse Vik founded.", "Her son Arne Vik coaches the team.",
      "“We train daily,” Vik said."], ["Arne Vik"]),
    # however often the particle opens a sentence, the surname alone is the full name's tail
    (["Pieter van Aalst leads the survey.", "Van Aalst says the dunes move.", "Van Aalst says they grow.",
      "“It moves,” van Aalst writes."], ["Pieter van Aalst"]),
    # A title word before a suffix alone is the surname, and a suffix alone is no one.
    (["“It is time,” said Ellis King III on Monday."], ["Ellis King III"]),
    # Two titles joined by a hyphen are an office, no part of the name.
    (["Nordic Council Secretary-General Ilse Brandt said the vote was close."], ["Ilse Brandt"]),
    # A sentence's opening preposition is no part of a name: the name after it is no subject for
    # "she" to stand for. The people left unnamed are no one.
    (["Ilse Brandt met Anna Berg on Monday. To Brandt’s delight, Berg would sign the deal. “It works,” she said."],
     ["Anna Berg"]),
    (["Others said it was a mistake."], []),
    # A sentence whose subject is the same pronoun is about the same person: the names in it are
    # others. A sentence whose subject is another pronoun names whom "she" stands for.
    (["Lukas Brenner wrote the memoir. He was with Anna Berg for a decade. “We were happy,” he writes."],
     ["Lukas Brenner"]),
    (["He met Anna Berg on Monday. “It works,” she said."], ["Anna Berg"]),
    # After a verb that takes no listener, a noun and "that" open a relative clause; "told the court
    # that" and a longer adverbial before "that" report words.
    (["Ellen Berg wrote the programs that revealed the pattern."], []),
    (["Ellen Berg wrote in a blog post that the pattern was real."], ["Ellen Berg"]),
    (["Ellen Berg told the court that she was innocent."], ["Ellen Berg"]),
    # A clause without "that" after the verb reports words, its finite verb a few words on; not a
    # relative clause. Names joined to a preposition's object by "and" are objects too.
    (["Lt. Dana Ruiz claimed the council and the public were turning on police."], ["Dana Ruiz"]),
    (["Ann Lee praised the staff who were working late."], []),
    (["Prosecutors in Port Halden and New Harbour said Nordline had lied to its customers."], []),
    (["Ferries stopped on Friday, and Harbour Mayor Ilse Brandt said in a post that she would do the same."],
     ["Ilse Brandt"]),
    # A statement issued is words.
    (["Harbour Rail released a statement saying the line would reopen."], ["Harbour Rail"]),
    (["Ann Lee issued a statement on Monday."], ["Ann Lee"]),
    # A person's words, statement or message before a quotation are theirs; without one, nothing.
    (["Former president Ann Lee spoke last.", "Nothing matched the power of Lee’s words: “This is your world to shape.”"],
     ["Ann Lee"]),
    (["Ann Lee’s speech was long and dull."], []),
    # A passive report names who made it after "by"; a work's author is no speaker.
    (["The death was confirmed by the county's Chief Medical Examiner Dr. Ann Lee on Saturday."], ["Ann Lee"]),
    (["The book was written by Ann Lee in 2010."], []),
    # A person named after the verb, closing the sentence, speaks; the person named before is what
    # was said of. Not a day after the verb, nor a listener.
    (["Officers arrested Ann Lee, 32, of 11 Elm St., after finding drugs, said Lt. Matt Harris, a spokesman."],
     ["Matt Harris"]),
    (["The alliance holds, spokesperson Ann Lee said Thursday."], ["Ann Lee"]),
    (["“We feel supported,” bus driver Ann Lee tells Efe."], ["Ann Lee"]),
    # A person named before where they work speaks; one unnamed person at a body speaks for no one,
    # people in the plural there speak for it.
    (["As Lukas Brenner at The Harbour Ledger explains, the cost is high."], ["Lukas Brenner"]),
    (["Anna Berg from Harbour University said the cost is high."], ["Anna Berg"]),
    (["A professor at Harbour University said the cost is high."], []),
    (["Analysts at Halvik Securities said the results beat expectations."], ["Halvik Securities"]),
    # Labels before a name or a list of names are fields of a list, not an interview's turns.
    (["Producer: Ilse Brandt", "Label: Harbour Records Co.", "Producers: Anna Berg, Lukas Brenner",
      "Label: Nordline Music"], []),
    # A statement in the first person under a line that names who made it is theirs; not a byline's
    # writer's column, nor a paragraph in the third person under a caption.
    (["Ilse Brandt, chief executive of Harbour Bank, to staff", "We will stand together and do more."],
     ["Ilse Brandt"]),
    (["By Ilse Brandt, staff writer", "My garden grew well this year."], []),
    (["Ilse Brandt, chief executive of Harbour Bank", "The bank's profit rose by a tenth."], []),
    # A letter's salutation may stand between the line and the statement; the line may end in a colon.
    (["Ilse Brandt, chief executive of Harbour Bank to staff via Harbour News", "Dear Colleagues,",
      "Right now, we must stand together."], ["Ilse Brandt"]),
    (["Ilse Brandt, chief executive of Harbour Bank to staff:", "We will stand together and do more."],
     ["Ilse Brandt"]),
    (["Ilse Brandt, chief executive of Harbour Bank", "Opening hours:", "Our doors open at nine."], []),
    # One label alone, however often, is a list's field: an interview has two voices.
    (["“Harbour Lights” – Anna Berg", "Publishers: Harbour Songs (BMI), administered by Nordline Music.",
      "“Low Tide” – Lukas Brenner", "Publishers: Tidewater Tunes (ASCAP), a division of Nordline Music."], []),
    # An occupation written before a name as a title is no part of it, nor is a sentence's opening
    # imperative; a body's name that opens with such a word keeps it ("Major League").
    (["Vendor Lukas Brenner said the garden sold the house.", "Agent Ilse Brandt from Brandt Homes showed it.",
      "“It was a hit,” Ms Brandt said."], ["Lukas Brenner", "Ilse Brandt"]),
    (["Enter Anna P. Lindqvist, a collector of cards.", "“It is rare,” Lindqvist said."], ["Anna P. Lindqvist"]),
    (["Trooper Dana Ruiz said the road was closed."], ["Dana Ruiz"]),
    (["Major League Harbourball said the season would start late."], ["Major League Harbourball"]),
    # A participle after a name and a comma tells what the sentence's subject does; where the name
    # opens the sentence, or a clause of its own follows it, the name is that subject.
    (["“Harbour Days” opens in the tone of such heroes as Ilse Brandt and Lukas Brenner, describing a childhood."],
     []),
    (["Ilse Brandt, noting the rise, said the plan would hold."], ["Ilse Brandt"]),
    (["The leader of the party, Ilse Brandt, condemned the attack, saying in a statement that it would not stand."],
     ["Ilse Brandt"]),
])
def test_speakers_of_bodies_pronouns_pairs_offices_owners_reports_posts_and_short_names(paragraphs, expected):
    assert list(extract_speakers(paragraphs)) == expected


def test_a_shared_surname_s_quotation_goes_to_the_person_named_last_before_it():
    paragraphs = ["Ilse Vik chairs the club, which Ilse Vik founded.", "Her son Arne Vik coaches the team.",
                  "“We train daily and hard,” Vik said."]
    assert extract_quotes(paragraphs, extract_speakers(paragraphs)) == (Quote("Arne Vik", "We train daily and hard"),)
