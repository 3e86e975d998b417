"""Pseudo-relevance feedback: the best matches' shared words score the matches again, and match nothing new."""

import numpy as np

from search.query import feedback


def test_the_best_matches_are_the_best_scores_ties_in_document_order():
    docs = np.array([3, 5, 8, 9, 12, 20, 21])
    scores = np.array([1.0, 4.0, 2.0, 4.0 + 1e-12, 0.5, 3.0, 2.0])
    assert docs[feedback.best_matches(docs, scores)].tolist() == [5, 9, 20, 8, 21]


def test_feedback_scores_again_and_matches_what_the_words_matched(sample_searcher, monkeypatch):
    text = "dockworkers strike harbour authority talks pay"
    with_feedback = sample_searcher.search(text, per_page=100)
    monkeypatch.setattr(feedback, "FEEDBACK_WORDS", 0)
    without = sample_searcher.search(text, per_page=100)
    assert with_feedback.total == without.total > feedback.FEEDBACK_DOCUMENTS
    assert {hit.id for hit in with_feedback.hits} == {hit.id for hit in without.hits}
    assert [hit.score for hit in with_feedback.hits] != [hit.score for hit in without.hits]


def test_feedback_adds_the_words_the_best_matches_share(sample_searcher):
    from whoosh import query as wq

    from search.models import SearchOptions
    from search.query.matching import run_query
    from search.query.reading import Generations

    with Generations(sample_searcher.settings).reading() as reading:
        run = run_query(reading, "dockworkers strike harbour authority talks pay", SearchOptions(),
                        sample_searcher.settings)
        query = run.plan.query
        best = feedback.best_matches(run.ranking.kept, run.ranking.kept_scores)
        added = feedback.added_words(run.searcher, "body", query, run.ranking.kept[best],
                                     run.ranking.kept_scores[best])
    assert 0 < len(added) <= feedback.FEEDBACK_WORDS
    assert not {word for word, _ in added} & {part.text for part in query.subqueries if isinstance(part, wq.Term)}
    assert added[0][1] == feedback.FEEDBACK_WEIGHT >= max(weight for _, weight in added)
