"""Pure: keyword-in-context lines and their orders."""

import datetime as dt
import re

import pytest

from search.query import views
from search.research.concordance import keyword_spans, lines_of, ordered
from search.errors import QueryRefused

TEXT = ("The ferry council met on Monday.\n\nThe ferry’s new timetable, the council said, starts in May. "
        "Ferry fares rise.")


def _marks(*words):
    marks = []
    for word in words:
        start = 0
        while (at := TEXT.find(word, start)) >= 0:
            marks.append((at, at + len(word)))
            start = at + 1
    return marks


def _lines(*words, around=3):
    return lines_of("a.txt", "Ferries", dt.date(2020, 1, 2), TEXT, _marks(*words), around)


def test_each_occurrence_is_a_line_with_the_words_around_it_and_its_paragraph():
    lines = _lines("ferry", "Ferry")
    assert [(line.before, line.keyword, line.after, line.paragraph) for line in lines] == [
        ("The", "ferry", "council met on", 1),
        ("on Monday. The", "ferry’s", "new timetable, the", 2),
        ("starts in May.", "Ferry", "fares rise.", 2),
    ]
    assert {(line.article_id, line.title, line.date) for line in lines} == {("a.txt", "Ferries", dt.date(2020, 1, 2))}


def test_punctuation_after_a_keyword_goes_after_it():
    line = _lines("Monday")[0]
    assert (line.keyword, line.after) == ("Monday", ". The ferry’s new")


def test_marks_with_only_spaces_between_them_are_one_keyword():
    first = TEXT.index("ferry council")
    spans = keyword_spans(TEXT, _marks("ferry", "council"))
    assert spans[0] == (first, first + len("ferry council")) and len(spans) == 3
    assert [line.keyword for line in _lines("ferry", "council")][:1] == ["ferry council"]


def test_the_lines_sort_by_the_nearest_words_before_or_after_and_keep_their_order_on_ties():
    lines = _lines("ferry", "Ferry", "council")
    # Before: may < the < the monday on < the timetable new; after: fares < met < new < said.
    assert [line.keyword for line in ordered(lines, "before")] == ["Ferry", "ferry council", "ferry’s", "council"]
    assert [line.keyword for line in ordered(lines, "after")] == ["Ferry", "ferry council", "ferry’s", "council"]
    assert [line.keyword for line in ordered(lines[::-1], "after")] == ["Ferry", "ferry council", "ferry’s", "council"]
    before = [line.before for line in ordered(lines, "before")]
    assert before == sorted(before, key=lambda text: [w.strip(".,").lower() for w in text.split()][::-1])
    after = [line.after for line in ordered(lines, "after")]
    assert after == sorted(after, key=lambda text: [w.strip(".,").lower() for w in text.split()])
    assert ordered(lines, "article") == lines
    with pytest.raises(ValueError):
        ordered(lines, "sideways")


def test_the_word_before_and_the_word_after_give_different_orders():
    lines = _lines("timetable", "starts")
    assert [line.keyword for line in ordered(lines, "before")] == ["timetable", "starts"]  # new < said
    assert [line.keyword for line in ordered(lines, "after")] == ["starts", "timetable"]  # in < the


# ------------------------------------------------------------------------------ the searcher

def _occurrences(searcher, pattern, query):
    ids = searcher.ranked_ids(query, 100)
    bodies = [searcher.article(doc_id).article.body for doc_id in ids]
    return sum(len(re.findall(pattern, body, re.IGNORECASE)) for body in bodies), len(ids)


@pytest.mark.parametrize("query, pattern, keyword", [
    ("hosepipe", r"\bhosepipe\b", "hosepipe"),
    ('"harbour bridge"', r"\bharbour bridge\b", "harbour bridge"),
])
def test_every_occurrence_in_the_matching_articles_is_a_line(sample_searcher, query, pattern, keyword):
    found = sample_searcher.concordance(query)
    expected, articles = _occurrences(sample_searcher, pattern, query)
    assert len(found.lines) == expected > 0 and found.articles == found.read == articles and not found.cut
    assert {line.keyword.lower() for line in found.lines} == {keyword}
    for line in found.lines:
        body = sample_searcher.article(line.article_id).article.body.split("\n\n")
        assert keyword in body[line.paragraph - 1].lower()


def test_the_lines_stop_at_the_limit_in_the_search_s_order(sample_searcher, monkeypatch):
    whole = sample_searcher.concordance("bridge")
    monkeypatch.setattr(views, "MAX_CONCORDANCE_LINES", 5)
    monkeypatch.setattr(views, "CONCORDANCE_BATCH", 2)
    cut = sample_searcher.concordance("bridge")
    assert cut.cut and len(cut.lines) == 5 and cut.lines == whole.lines[:5]
    assert cut.read < whole.read == whole.articles


def test_a_concordance_refuses_a_quotation_search_and_an_unknown_order(sample_searcher):
    with pytest.raises(QueryRefused, match="reads articles"):
        sample_searcher.concordance("said:Varga contract")
    with pytest.raises(QueryRefused, match="must be one of article, before, after"):
        sample_searcher.concordance("bridge", order="up")
