"""Pure: an article's quotations, each given to the speaker its attribution names."""

import pytest

from search.extraction.speakers import extract_quotes
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
