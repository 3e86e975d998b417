"""What the user typed -> one QueryPlan per request, read on a generation of the sample corpus."""

import pytest
from whoosh import query as wq

from search.models import SearchOptions
from search.query.plan import plan_query
from search.query.reading import Generations
from search.query.words import COMMONEST

from .conftest import SAMPLE_CORPUS


@pytest.fixture(scope="module")
def reading(sample_settings):
    with Generations(sample_settings).reading() as held:
        yield held


def test_said_plans_a_search_of_the_quotations(reading, sample_settings):
    plan = plan_query(reading, "said:varga contract", SearchOptions(), sample_settings)
    assert plan.kind == "quotes" and plan.text_field == "text"
    assert plan_query(reading, "contract", SearchOptions(kind="quotes"), sample_settings).kind == "quotes"
    assert plan_query(reading, "contract", SearchOptions(), sample_settings).kind == "articles"


def test_a_pasted_paragraph_is_searched_by_all_of_its_words_any_of_them_matching(reading, sample_settings):
    pasted = (SAMPLE_CORPUS / "scrapes" / "dock-strike.txt").read_text(encoding="utf-8-sig")[:1500]
    plan = plan_query(reading, pasted, SearchOptions(), sample_settings)
    assert plan.pasted and plan.any_word and plan.read_as == "words" and plan.needed == 1
    analysed = {token.text for token in reading.articles.schema["body"].analyzer(pasted, mode="query")}
    reader = reading.articles.reader()
    # Its words, but those more than half the articles hold (COMMONEST).
    telling = {word for word in analysed if reader.doc_frequency("body", word) <= COMMONEST * reader.doc_count()}
    assert {part.text for part in plan.query.subqueries if isinstance(part, wq.Term)} == telling < analysed
    # Its quotations are matched as written, in order, beside its words.
    phrases = [part.words for part in plan.query.subqueries if isinstance(part, wq.Phrase)]
    assert phrases and all(words[:2] in (["they", "say"], ["if", "we"]) for words in phrases)


def test_a_word_the_index_lacks_is_loosened_unless_asked_not_to(reading, sample_settings):
    plan = plan_query(reading, "harbur bridge", SearchOptions(), sample_settings)
    assert plan.loosened == ("harbur",) and not plan.pasted and plan.needed == 2
    kept = plan_query(reading, "harbur bridge", SearchOptions(), sample_settings, loosen=False)
    assert kept.loosened == () and ("body", "harbur") in set(kept.query.iter_all_terms())


def test_a_pasted_text_is_neither_completed_nor_loosened_while_typed_text_is(reading, sample_settings):
    typing = SearchOptions(as_you_type=True)
    typed = plan_query(reading, "harbur bridge harbo", typing, sample_settings)
    assert typed.loosened == ("harbur",) and any(isinstance(part, wq.Prefix) for part in typed.query.leaves())
    pasted = "harbur " + " ".join(["bridge"] * sample_settings.syntax_up_to_words) + " harbo"
    plan = plan_query(reading, pasted, typing, sample_settings)
    assert plan.pasted and plan.loosened == () and not any(isinstance(part, wq.Prefix) for part in plan.query.leaves())
