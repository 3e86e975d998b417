"""What the user typed -> one QueryPlan per request, read on a generation of the sample corpus."""

import pytest

from search.models import SearchOptions
from search.query.plan import plan_query
from search.query.reading import Generations

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


def test_a_pasted_paragraph_is_searched_by_its_most_informative_words(reading, sample_settings):
    pasted = (SAMPLE_CORPUS / "scrapes" / "dock-strike.txt").read_text(encoding="utf-8-sig")[:1500]
    plan = plan_query(reading, pasted, SearchOptions(), sample_settings)
    assert plan.pasted and plan.matching.any_word
    assert 0 < len(list(plan.query.iter_all_terms())) <= sample_settings.max_query_terms


def test_a_word_the_index_lacks_is_loosened_unless_asked_not_to(reading, sample_settings):
    plan = plan_query(reading, "harbur bridge", SearchOptions(), sample_settings)
    assert plan.loosened == ("harbur",) and not plan.pasted
    kept = plan_query(reading, "harbur bridge", SearchOptions(), sample_settings, loosen=False)
    assert kept.loosened == () and ("body", "harbur") in set(kept.query.iter_all_terms())
