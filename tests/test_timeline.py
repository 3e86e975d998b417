"""Matches per period, pure: the periods, the interval a span gets, counts and shares."""

import datetime as dt

import numpy as np
import pytest

from search.research.timeline import MAX_PERIODS, interval_for, next_start, period_start, period_starts, timeline

D = dt.date


def days(*dates) -> np.ndarray:
    return np.array([day.toordinal() if day else 0 for day in dates], dtype=np.int64)


@pytest.mark.parametrize("day, interval, start", [
    (D(2021, 6, 30), "day", D(2021, 6, 30)),
    (D(2021, 6, 30), "week", D(2021, 6, 28)),  # a Wednesday; weeks begin on Monday
    (D(2021, 6, 28), "week", D(2021, 6, 28)),
    (D(2021, 6, 30), "month", D(2021, 6, 1)),
    (D(2021, 6, 30), "year", D(2021, 1, 1)),
])
def test_period_start(day, interval, start):
    assert period_start(day, interval) == start


@pytest.mark.parametrize("start, interval, after", [
    (D(2021, 12, 1), "month", D(2022, 1, 1)),
    (D(2021, 1, 1), "month", D(2021, 2, 1)),
    (D(2021, 12, 27), "week", D(2022, 1, 3)),
    (D(2020, 2, 29), "day", D(2020, 3, 1)),
    (D(2020, 1, 1), "year", D(2021, 1, 1)),
])
def test_next_start(start, interval, after):
    assert next_start(start, interval) == after


def test_the_interval_is_the_finest_that_keeps_the_periods_few():
    first = D(2020, 1, 1)
    assert interval_for(first, first + dt.timedelta(days=MAX_PERIODS - 1)) == "day"
    assert interval_for(first, first + dt.timedelta(days=MAX_PERIODS)) == "week"
    assert interval_for(first, D(2020, 9, 1)) == "week"
    assert interval_for(first, D(2021, 12, 31)) == "month"
    # A decade is told in years.
    assert interval_for(first, D(2029, 12, 31)) == "year"
    assert len(period_starts(first, D(2021, 12, 31), "month")) == 24


def test_counts_and_shares_per_month_with_quiet_months_and_undated_matches():
    archive = days(D(2020, 1, 5), D(2020, 1, 20), D(2020, 1, 31), D(2020, 2, 10), D(2020, 3, 1), D(2020, 3, 2),
                   D(2020, 4, 9), None)
    found = timeline(["ferry", "bridge"], ["articles", "articles"],
                     [days(D(2020, 1, 5), D(2020, 1, 31), D(2020, 3, 2), None), days(D(2020, 4, 9))],
                     [archive, archive], archive, interval="month")
    assert found.interval == "month"
    assert found.starts == (D(2020, 1, 1), D(2020, 2, 1), D(2020, 3, 1), D(2020, 4, 1))
    assert found.ends == (D(2020, 1, 31), D(2020, 2, 29), D(2020, 3, 31), D(2020, 4, 30))
    assert found.articles == (3, 1, 2, 1)
    ferry, bridge = found.series
    assert ferry.counts == (2, 0, 1, 0) and ferry.among == (3, 1, 2, 1)
    assert ferry.shares == (round(2 / 3, 6), 0.0, 0.5, 0.0)
    assert (ferry.total, ferry.undated) == (4, 1)
    assert bridge.counts == (0, 0, 0, 1) and bridge.shares == (0.0, 0.0, 0.0, 1.0)


def test_a_period_without_articles_has_a_share_of_zero_not_a_division_error():
    matched = days(D(2020, 1, 1), D(2020, 1, 10))
    found = timeline(["a"], ["articles"], [matched], [matched], matched, interval="week")
    assert found.series[0].counts == (1, 1) and found.series[0].shares == (1.0, 1.0)
    found = timeline(["a"], ["articles"], [days(D(2020, 1, 1), D(2020, 1, 20))],
                     [days(D(2020, 1, 1), D(2020, 1, 20))], days(D(2020, 1, 1)), interval="week")
    assert found.series[0].counts == (1, 0, 0, 1) and found.series[0].among == (1, 0, 0, 1)
    assert found.series[0].shares == (1.0, 0.0, 0.0, 1.0)


def test_no_dated_match_gives_no_periods_and_says_what_was_matched():
    found = timeline(["a", "b"], ["articles", "quotes"], [days(None, None), days()], [days(D(2020, 1, 1))] * 2,
                     days(D(2020, 1, 1)))
    assert found.starts == () and found.articles == ()
    assert [(s.kind, s.total, s.undated, s.counts) for s in found.series] == [("articles", 2, 2, ()),
                                                                               ("quotes", 0, 0, ())]


def test_the_span_is_that_of_every_query_together():
    archive = days(D(2020, 1, 1), D(2020, 6, 1))
    found = timeline(["a", "b"], ["articles"] * 2, [days(D(2020, 1, 1)), days(D(2020, 6, 1))], [archive] * 2,
                     archive)
    assert found.interval == "week" and found.starts[0] == D(2019, 12, 30) and found.ends[-1] >= D(2020, 6, 1)
    assert sum(found.series[0].counts) == sum(found.series[1].counts) == 1
