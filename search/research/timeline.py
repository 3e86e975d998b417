"""Pure: matching documents per day, week, month or year, as counts and as shares of all documents
of each period, so that a busy month does not read as a rise of one topic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import QueryRefused

INTERVALS = ("day", "week", "month", "year")
# The finest interval whose periods over a span stay few enough to read as a line.
MAX_PERIODS = 40
# The most periods an interval asked for may give: five years of days. Dates are whatever pages
# say, so an archive's span is no bound on the work a request can ask for.
MAX_ASKED_PERIODS = 1830
MAX_QUERIES = 4


@dataclass(frozen=True)
class Series:
    """One query's line: matches per period, the documents it could have matched in each period
    (articles, or quotations for a search of quotations: `kind`), the matches' share of them (0
    where a period has none), every match, and the matches without a date (in no period)."""

    query: str
    kind: str
    counts: tuple[int, ...]
    among: tuple[int, ...]
    shares: tuple[float, ...]
    total: int
    undated: int


@dataclass(frozen=True)
class Timeline:
    """Periods (first and last day of each) from the first dated match to the last, with the
    archive's articles of each period and one series per query."""

    interval: str
    starts: tuple[dt.date, ...]
    ends: tuple[dt.date, ...]
    articles: tuple[int, ...]
    series: tuple[Series, ...]


# What a series counts, by its kind, as people read it.
NOUNS = {"articles": "articles", "quotes": "quotations"}


def period_label(start: dt.date, interval: str) -> str:
    """A period as people name it: "2021", "2021-03", "week of 2021-03-01", "2021-03-04"."""
    return {"day": start.isoformat(), "week": f"week of {start.isoformat()}", "month": start.strftime("%Y-%m"),
            "year": str(start.year)}[interval]


def period_start(day: dt.date, interval: str) -> dt.date:
    if interval == "day":
        return day
    if interval == "week":
        return day - dt.timedelta(days=day.weekday())  # weeks begin on Monday (ISO 8601)
    if interval == "month":
        return day.replace(day=1)
    if interval == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"no interval {interval!r}")


def next_start(start: dt.date, interval: str) -> dt.date:
    """The first day of the period after the one beginning on `start`."""
    if interval == "day":
        return start + dt.timedelta(days=1)
    if interval == "week":
        return start + dt.timedelta(days=7)
    if interval == "month":
        return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    return start.replace(year=start.year + 1)


def period_starts(first: dt.date, last: dt.date, interval: str) -> list[dt.date]:
    """The first day of every period from the one holding `first` to the one holding `last`."""
    starts, start = [], period_start(first, interval)
    while start <= last:
        starts.append(start)
        start = next_start(start, interval)
    return starts


def interval_for(first: dt.date, last: dt.date) -> str:
    """The finest interval that splits first..last into at most MAX_PERIODS periods."""
    for interval in INTERVALS[:-1]:
        if period_count(first, last, interval) <= MAX_PERIODS:
            return interval
    return INTERVALS[-1]


def period_count(first: dt.date, last: dt.date, interval: str) -> int:
    """How many periods of `interval` first..last spans, counted without listing them."""
    if interval == "year":
        return last.year - first.year + 1
    if interval == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    step = 7 if interval == "week" else 1
    return (period_start(last, interval) - period_start(first, interval)).days // step + 1


def _check_periods(first: dt.date, last: dt.date, interval: str) -> None:
    """QueryRefused when `interval` splits first..last into more than MAX_ASKED_PERIODS periods,
    naming the finest interval that does not."""
    count = period_count(first, last, interval)
    if count <= MAX_ASKED_PERIODS:
        return
    fits = next((other for other in INTERVALS if period_count(first, last, other) <= MAX_ASKED_PERIODS), "year")
    raise QueryRefused(f"interval={interval} splits the matches' dates ({first.isoformat()} to {last.isoformat()}) "
                       f"into {count:,} periods, more than {MAX_ASKED_PERIODS:,}; use interval={fits}, or narrow "
                       "the dates with date:[FROM TO]")


def _per_period(days: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """How many of `days` (day numbers; 0 for undated, in no period) fall in each period, the
    periods given by their first days' numbers and the day after the last."""
    dated = days[(days >= bounds[0]) & (days < bounds[-1])]
    return np.bincount(np.searchsorted(bounds, dated, side="right") - 1, minlength=len(bounds) - 1)


def timeline(queries: Sequence[str], kinds: Sequence[str], matched_days: Sequence[np.ndarray],
             all_days: Sequence[np.ndarray], article_days: np.ndarray, interval: str | None = None) -> Timeline:
    """Each query's matches per period. `kinds[i]`: what query i matched, "articles" or "quotes";
    `matched_days[i]`: the day numbers (0 when undated) of the documents it matched; `all_days[i]`:
    those of every document of its kind, whose counts per period its shares divide by;
    `article_days`: those of the archive's articles. The periods run from the first
    dated match of any query to the last, in `interval`, or in the one interval_for chooses."""
    dated = [days[days > 0] for days in matched_days]
    found = [days for days in dated if days.size]
    if not found:
        return Timeline(interval or INTERVALS[-1], (), (), (), tuple(
            Series(query, kind, (), (), (), int(days.size), int(days.size))
            for query, kind, days in zip(queries, kinds, matched_days)))
    first = dt.date.fromordinal(int(min(days.min() for days in found)))
    last = dt.date.fromordinal(int(max(days.max() for days in found)))
    if interval is not None:
        _check_periods(first, last, interval)
    interval = interval or interval_for(first, last)
    starts = period_starts(first, last, interval)
    ends = [next_start(start, interval) - dt.timedelta(days=1) for start in starts]
    bounds = np.array([start.toordinal() for start in starts] + [ends[-1].toordinal() + 1], dtype=np.int64)
    series = []
    for query, kind, days, every in zip(queries, kinds, matched_days, all_days):
        counts, among = _per_period(days, bounds), _per_period(every, bounds)
        shares = np.divide(counts, among, out=np.zeros(len(counts)), where=among > 0)
        series.append(Series(query, kind, tuple(counts.tolist()), tuple(among.tolist()),
                             tuple(round(share, 6) for share in shares.tolist()),
                             total=int(days.size), undated=int((days == 0).sum())))
    articles = _per_period(article_days, bounds)
    return Timeline(interval, tuple(starts), tuple(ends), tuple(articles.tolist()), tuple(series))
