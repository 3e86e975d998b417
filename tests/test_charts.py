"""Pure: chart geometry for the pages: date bars, timeline lines and the page numbers to link."""

import datetime as dt

from search.research.timeline import Series, Timeline
from search.research.timeline import period_label
from web.charts import TIMELINE_HEIGHT, TIMELINE_WIDTH, date_bars, page_numbers, timeline_lines


def test_date_chart_shows_quiet_months_as_gaps_and_long_spans_by_year():
    bars = date_bars((("2018-11", 2), ("2019-01", 1)))
    assert [(bar.label, bar.count) for bar in bars] == [("2018-11", 2), ("2018-12", 0), ("2019-01", 1)]
    assert (bars[0].date_from, bars[0].date_to, bars[2].date_to) == ("2018-11-01", "2018-11-30", "2019-01-31")
    assert bars[0].height == 64 and bars[1].height == 0 and bars[2].height == 32
    by_year = date_bars((("2016-03", 1), ("2019-02", 4), ("2019-12", 1)))
    assert [(bar.label, bar.count, bar.date_from, bar.date_to) for bar in by_year] == [
        ("2016", 1, "2016-01-01", "2016-12-31"), ("2017", 0, "2017-01-01", "2017-12-31"),
        ("2018", 0, "2018-01-01", "2018-12-31"), ("2019", 5, "2019-01-01", "2019-12-31")]
    assert date_bars(()) == []


def test_page_numbers_keep_the_first_the_last_and_those_around_the_current_with_gaps():
    assert page_numbers(6, 20) == [1, None, 4, 5, 6, 7, 8, None, 20]
    assert page_numbers(1, 3) == [1, 2, 3]
    assert page_numbers(1, 1) == [1]


def test_timeline_lines_spread_the_periods_and_put_the_tallest_value_at_the_top():
    starts = (dt.date(2020, 1, 1), dt.date(2021, 1, 1), dt.date(2022, 1, 1))
    ends = (dt.date(2020, 12, 31), dt.date(2021, 12, 31), dt.date(2022, 12, 31))
    found = Timeline(interval="year", starts=starts, ends=ends, articles=(10, 10, 10), series=(
        Series("bridge", "articles", (1, 4, 0), (10, 10, 10), (0.1, 0.4, 0.0), 6, 1),
        Series("said:varga", "quotes", (2, 2, 2), (8, 8, 8), (0.25, 0.25, 0.25), 6, 0)))
    lines, top = timeline_lines(found, "count", lambda query, start, end: f"{query}@{start.year}")
    assert top == 4
    bridge = lines[0]
    assert [(point.x, point.y) for point in bridge.points] == [(0, TIMELINE_HEIGHT * 0.75), (TIMELINE_WIDTH / 2, 0),
                                                               (TIMELINE_WIDTH, TIMELINE_HEIGHT)]
    assert bridge.points[1].href == "bridge@2021" and bridge.undated == 1
    assert bridge.points[1].label == "bridge, 2021: 4 of 10 articles (40.0%)"
    assert lines[1].noun == "quotations" and bridge.polyline == "0.0,180.0 360.0,0.0 720.0,240.0"
    shares, top_share = timeline_lines(found, "share", lambda *period: "")
    assert top_share == 0.4 and shares[1].points[0].y == TIMELINE_HEIGHT * (1 - 0.25 / 0.4)
    assert period_label(dt.date(2021, 3, 1), "month") == "2021-03"


def test_a_timeline_s_axes_name_a_few_periods_and_round_values():
    from web.charts import chart_axes

    years = [str(year) for year in range(2010, 2026)]
    axes = chart_axes(years, 0.37, "share")
    assert [tick.label for tick in axes.time] == ["2010", "2012", "2014", "2016", "2018", "2020", "2022", "2024"]
    assert axes.time[0].at == 0 and axes.time[-1].at < TIMELINE_WIDTH
    assert [tick.label for tick in axes.value] == ["0%", "10%", "20%", "30%"]
    assert axes.value[0].at == TIMELINE_HEIGHT and all(0 <= tick.at <= TIMELINE_HEIGHT for tick in axes.value)
    counts = chart_axes(["week of 2021-03-01", "week of 2021-03-08"], 3, "count")
    assert [tick.label for tick in counts.time] == ["2021-03-01", "2021-03-08"]
    assert [tick.label for tick in counts.value] == ["0", "1", "2", "3"]
    assert [tick.label for tick in chart_axes(["2016"], 1, "count").value] == ["0", "1"]


def test_the_date_histogram_names_its_first_middle_and_last_bars_and_its_tallest_count():
    from web.charts import bar_axes

    bars = date_bars((("2016-01", 2), ("2016-03", 5), ("2016-05", 1)))
    axes = bar_axes(bars)
    assert [tick.label for tick in axes.time] == ["2016-01", "2016-03", "2016-05"]
    assert axes.time[0].at == 0 and axes.time[-1].at == round(bars[-1].x + bars[-1].width, 2)
    assert [tick.label for tick in axes.value] == ["0", "5"]
    assert bar_axes([]).time == () and [tick.label for tick in bar_axes(bars[:1]).time] == ["2016-01"]
