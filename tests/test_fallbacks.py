"""Pure: trafilatura and readability-lxml as the second and third opinions on a page's text."""

from search.extraction.fallbacks import SAME_TEXT, agreement, checked_paragraphs, fallback_paragraphs, shingles
from search.extraction.html_pages import clean_html

PARAGRAPHS = "".join(f"<p>Paragraph {n}: the harbour board met on Tuesday and agreed to repair the old quay "
                     f"before the storms of the winter season arrive.</p>" for n in range(4))


def test_extractors_made_for_the_job_find_prose_or_nothing():
    found = fallback_paragraphs(f"<html><body><table><tr><td>{PARAGRAPHS}</td></tr></table></body></html>")
    assert found is not None and found[1] == "trafilatura"
    assert found[0][0].startswith("Paragraph 0: the harbour board")
    menu = "<html><body><ul>" + "".join(f"<li><a href='/{n}'>Section {n}</a></li>" for n in range(30)) + "</ul></body></html>"
    assert fallback_paragraphs(menu) is None


def test_agreement_is_the_share_of_word_4grams_two_texts_have_in_common():
    article = [f"Sentence {i} of the harbour story, told in plain words." for i in range(30)]
    assert agreement(shingles(article), shingles(article)) == 1.0
    assert agreement(shingles(article), shingles(["Nothing here is shared with it at all, not one run."])) == 0.0
    third = agreement(shingles(article[:10]), shingles(article))
    assert abs(third - SAME_TEXT) < 0.05


SIDEBAR = ["Read next: the city's best bakeries, ranked by readers who queued for them all summer long.",
           "Most read: a guide to the ferry timetable changes, with every route and every new fare listed."]


def test_a_cleaner_text_both_peers_call_another_text_gives_way_to_trafilatura():
    page = f"<html><body><article><h1>Quay repairs agreed</h1>{PARAGRAPHS}</article></body></html>"
    paragraphs, source = checked_paragraphs(page, SIDEBAR, "cleaner")
    assert source == "trafilatura, over the cleaner"
    assert [p[:11] for p in paragraphs] == ["Quay repair"] + ["Paragraph %d" % n for n in range(4)]


def test_a_cleaner_text_the_peers_find_too_is_kept_with_its_finer_cuts():
    page = f"<html><body><article><h1>Quay repairs agreed</h1>{PARAGRAPHS}</article></body></html>"
    mine = clean_html(page).paragraphs[:3]
    assert checked_paragraphs(page, mine, "cleaner") == (tuple(mine), "cleaner")
