"""Where a text carries a quotation, pure: verbatim, nearly, or not at all."""

import pytest

from search.research.quotecheck import NEAR_SHARE, best_passage, passage_html, speaker_of, words_of
from search.index.schema import written_analyzer

TEXT = ("The minister spoke at length. “Their support for terrorism will not be tolerated by this government,” "
        "she said on Friday, before the talks in Geneva resumed.")
QUOTE = "their support for terrorism will not be tolerated"


def words(text):
    return [word for word, _, _ in words_of(written_analyzer(), text)]


def passage(quote, text=TEXT):
    return best_passage(words(quote), words_of(written_analyzer(), text))


def test_a_quotation_carried_word_for_word_is_verbatim_and_its_words_are_marked():
    found = passage(QUOTE)
    assert found.verbatim and found.share == 1.0
    assert TEXT[found.start:found.end] == "Their support for terrorism will not be tolerated"
    assert passage_html(TEXT, found).count("<mark>") == 1
    assert "<mark>Their support for terrorism will not be tolerated</mark> by this" in passage_html(TEXT, found)


@pytest.mark.parametrize("quote, verbatim, share", [
    ("their support for terror will not be tolerated", False, 0.875),          # a word changed
    ("their support for terrorism will not be tolerated any longer", False, 0.8),  # words the text lacks
    ("support for terrorism will not be tolerated at all", False, 0.889),      # a word cut, others added
    ("terrorism their support for will not be tolerated", False, 1.0),         # reordered
    ("Their SUPPORT for terrorísm will not be tolerated", True, 1.0),          # case and accents are no change
])
def test_a_quotation_carried_nearly_is_found_and_only_an_unchanged_one_is_verbatim(quote, verbatim, share):
    found = passage(quote)
    assert found is not None and NEAR_SHARE <= found.share
    assert (found.verbatim, found.share) == (verbatim, share)
    assert "support" in TEXT[found.start:found.end]


def test_words_too_far_apart_or_too_few_are_not_carrying_it():
    assert passage("their support for peace will never be forgotten") is None
    scattered = "Their plan had support. " + "Nothing else happened here at all. " * 5 + "For terrorism, they said."
    assert passage("their support for terrorism will not be tolerated", scattered) is None


def test_the_passage_is_escaped_and_cut_at_spaces():
    text = "<b>Lead</b> " + "word " * 40 + "they will not be tolerated at all & more " + "tail " * 40
    found = best_passage(words("they will not be tolerated"), words_of(written_analyzer(), text))
    shown = passage_html(text, found, context=30)
    assert shown.startswith("…word") and shown.endswith("…") and "&amp; more" in shown
    assert "<b>" not in shown


def test_the_speaker_is_the_one_of_the_attributed_quotation_overlapping_the_passage():
    found = passage(QUOTE)
    quotes = [("Someone Else", "The minister spoke at length."),
              ("Ana Duarte", "Their support for terrorism will not be tolerated by this government,")]
    assert speaker_of(TEXT, quotes, found) == "Ana Duarte"
    assert speaker_of(TEXT, quotes[:1], found) is None
    assert speaker_of(TEXT, [], found) is None


def test_a_common_word_before_the_quotation_is_not_marked_as_one_of_its_words():
    text = "They paid for the bridge. “I am glad it is finished. I am not glad about the bill,” he said."
    found = passage("I am happy it is finished, but I am not glad about the bill", text)
    assert not found.verbatim and text[found.start:found.end].startswith("I am glad")
    assert passage_html(text, found).startswith("They paid for the bridge. “<mark>I am glad")
