"""Chart geometry for the pages, in SVG user units: the results' date bars, the timeline's lines, and
the page numbers to link. Pure: values in, shapes out; the templates draw them."""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass

from search.research.timeline import NOUNS, Timeline, period_label

# The date histogram: months while they fit, years beyond.
MAX_MONTH_BARS = 36
CHART_WIDTH, CHART_HEIGHT = 300, 64


def page_numbers(current: int, last: int, width: int = 2) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: the pages to link, None where a gap is shown."""
    shown = sorted({1, last, *range(max(1, current - width), min(last, current + width) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


@dataclass(frozen=True)
class Bar:
    """One bar of the date histogram: a month ('2018-12') or a year ('2018'), as SVG geometry."""

    label: str
    count: int
    date_from: str
    date_to: str
    x: float
    y: float
    width: float
    height: float


def _month_range(first: str, last: str) -> list[str]:
    """Every month from first to last, 'YYYY-MM', so that the chart shows quiet months as gaps."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def date_bars(months: tuple[tuple[str, int], ...]) -> list[Bar]:
    """The date facet as a timeline of bars, one per month, or one per year when the months are too many."""
    if not months:
        return []
    counts = dict(months)
    timeline = _month_range(months[0][0], months[-1][0])
    if len(timeline) > MAX_MONTH_BARS:
        years = range(int(timeline[0][:4]), int(timeline[-1][:4]) + 1)
        spans = [(str(year), sum(n for month, n in months if month.startswith(f"{year}-")), f"{year}-01-01",
                  f"{year}-12-31") for year in years]
    else:
        spans = []
        for month in timeline:
            last_day = calendar.monthrange(int(month[:4]), int(month[5:7]))[1]
            spans.append((month, counts.get(month, 0), f"{month}-01", f"{month}-{last_day:02d}"))
    step = CHART_WIDTH / len(spans)
    tallest = max(count for _, count, _, _ in spans)
    bars = []
    for index, (label, count, start, end) in enumerate(spans):
        height = CHART_HEIGHT * count / tallest if count else 0.0
        bars.append(Bar(label, count, start, end, x=round(index * step, 2), y=round(CHART_HEIGHT - height, 2),
                        width=round(max(step - 1, 1), 2), height=round(height, 2)))
    return bars


# The timeline page's chart, in SVG user units, and what its lines show.
TIMELINE_WIDTH, TIMELINE_HEIGHT = 720, 240
MEASURES = ("share", "count")


@dataclass(frozen=True)
class Point:
    """One period of one query's line: where it is drawn, what it says, and the search it opens."""

    x: float
    y: float
    label: str
    href: str


@dataclass(frozen=True)
class Line:
    query: str
    noun: str
    points: tuple[Point, ...]
    total: int
    undated: int

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)


def shown_value(value: float, measure: str) -> str:
    return f"{value:.1%}" if measure == "share" else f"{value:,.0f}"


def timeline_lines(found: Timeline, measure: str, opened) -> tuple[list[Line], float]:
    """Each query's line over the chart (its periods spread evenly from left to right, the tallest
    value at the top), and that tallest value. `opened(query, start, end)`: the page a point opens."""
    values = [series.shares if measure == "share" else series.counts for series in found.series]
    top = max((value for line in values for value in line), default=0) or 1
    step = TIMELINE_WIDTH / (len(found.starts) - 1) if len(found.starts) > 1 else 0
    lines = []
    for series, line in zip(found.series, values):
        points = []
        for at, (value, start, end) in enumerate(zip(line, found.starts, found.ends)):
            x = round(at * step if step else TIMELINE_WIDTH / 2, 2)
            label = (f"{series.query}, {period_label(start, found.interval)}: {series.counts[at]:,} of "
                     f"{series.among[at]:,} {NOUNS[series.kind]} ({series.shares[at]:.1%})")
            points.append(Point(x, round(TIMELINE_HEIGHT * (1 - value / top), 2), label,
                                opened(series.query, start, end)))
        lines.append(Line(series.query, NOUNS[series.kind], tuple(points), series.total, series.undated))
    return lines, top


@dataclass(frozen=True)
class Tick:
    """A mark on an axis: where it is (x or y, in user units) and what it says."""

    at: float
    label: str


@dataclass(frozen=True)
class Axes:
    """The ticks of a timeline: periods along the bottom, values up the side."""

    time: tuple[Tick, ...]
    value: tuple[Tick, ...]


MOST_TIME_TICKS = 8
MOST_VALUE_TICKS = 4


def _nice_step(top: float, most: int) -> float:
    """The smallest of 1, 2 and 5 times a power of ten that cuts 0..top into at most `most` steps."""
    power = 10 ** math.floor(math.log10(top / most)) if top > 0 else 1
    return next(step for step in (power, 2 * power, 5 * power, 10 * power) if top / step <= most)


def chart_axes(labels: list[str], top: float, measure: str, width: float = TIMELINE_WIDTH,
               height: float = TIMELINE_HEIGHT) -> Axes:
    """Ticks for a timeline of periods named `labels`, whose tallest value `top` is at the top: at
    most MOST_TIME_TICKS periods named along the bottom (evenly spaced, the first always), and
    round values up the side from 0 (whole counts; shares as percentages)."""
    count = len(labels)
    every = max(1, math.ceil(count / MOST_TIME_TICKS))
    spacing = width / (count - 1) if count > 1 else 0
    time = tuple(Tick(round(at * spacing if spacing else width / 2, 2), labels[at].removeprefix("week of "))
                 for at in range(0, count, every))
    step = _nice_step(top, MOST_VALUE_TICKS)
    if measure == "count":
        step = max(1.0, round(step))
    values, value = [], 0.0
    while value <= top * (1 + 1e-9):
        label = f"{value:,.0f}" if measure == "count" else f"{value:.0%}" if step >= 0.01 else f"{value:.1%}"
        values.append(Tick(round(height * (1 - value / top), 2) if top else height, label))
        value = round(value + step, 12)
    return Axes(time, tuple(values))


def bar_axes(bars: list[Bar], height: float = CHART_HEIGHT) -> Axes:
    """Ticks for the small date histogram: its first bar named from its left edge, its last up to its
    right edge and a middle one under its middle (the template anchors them so), 0 and the tallest
    bar's count up the side."""
    if not bars:
        return Axes((), ())
    first, last = bars[0], bars[-1]
    time = (Tick(first.x, first.label),)
    if len(bars) > 2:
        middle = bars[len(bars) // 2]
        time += (Tick(round(middle.x + middle.width / 2, 2), middle.label),)
    if len(bars) > 1:
        time += (Tick(round(last.x + last.width, 2), last.label),)
    tallest = max(bar.count for bar in bars)
    return Axes(time, (Tick(height, "0"), Tick(0.0, f"{tallest:,}")))
