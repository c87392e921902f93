"""The usage chart: its model worked out without a window, and what the drawn chart says."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cpiquote.gui.renewal.chart import UsageChart, month_starts, reaching, runout_day, usage_chart_model
from cpiquote.pricing import load_pricebook
from cpiquote.pricing.renewal import analyse, subscription_from_pricebook
from cpiquote.resources import sample_pricebook_path

BOOK = load_pricebook(sample_pricebook_path())
START = dt.date(2026, 1, 1)
SUBSCRIPTION = subscription_from_pricebook(BOOK, START, 3, 1_000_000)


def test_the_day_a_line_reaches_a_level_is_the_first_whole_day_at_or_above_it() -> None:
    assert reaching(((0, 0), (10, 100)), 50) == 5  # day 5 ends exactly on it: used up that day
    assert reaching(((0, 0), (10, 100)), 51) == 6
    assert reaching(((0, 0), (1, 10), (2, 10), (3, 30)), 11) == 3  # a day of no use does not reach it
    assert reaching(((0, 0), (10, 100)), 100) == 10
    assert reaching(((0, 0), (10, 100)), 101) is None


def test_the_credits_run_out_at_the_rate_so_far_when_the_forecast_goes_past_them() -> None:
    analysis = analyse(BOOK, SUBSCRIPTION, 700_000, dt.date(2026, 7, 31))  # 212 days
    # the millionth credit is used on day ceil(1,000,000 x 212 / 700,000) = 303: 30 October
    assert runout_day(analysis, ((0, 0), (212, 700_000))) == dt.date(2026, 10, 30)
    within = analyse(BOOK, SUBSCRIPTION, 300_000, dt.date(2026, 7, 31))
    assert runout_day(within, ((0, 0), (212, 300_000))) is None


def test_credits_already_used_up_are_marked_on_the_day_the_usage_reached_them() -> None:
    analysis = analyse(BOOK, SUBSCRIPTION, 1_100_000, dt.date(2026, 7, 31))
    line = ((0, 0), (100, 400_000), (150, 1_000_000), (212, 1_100_000))
    assert runout_day(analysis, line) == START + dt.timedelta(days=149)


def test_the_model_holds_the_lines_the_level_and_the_months() -> None:
    analysis = analyse(BOOK, SUBSCRIPTION, 700_000, dt.date(2026, 7, 31))
    chart = usage_chart_model(analysis, ((dt.date(2025, 12, 31), 0), (dt.date(2026, 7, 31), 700_000)))
    assert chart.used == ((0, 0), (212, 700_000))
    assert chart.forecast == ((212, 700_000), (365, analysis.forecast.credits))
    assert chart.recent == ()
    assert chart.subscription == 1_000_000
    assert chart.runout == dt.date(2026, 10, 30)
    assert chart.ticks[0] == 0 and chart.ticks[-1] >= analysis.forecast.credits
    assert [name for _, name in chart.months] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def test_a_year_starting_mid_month_labels_the_months_that_start_inside_it() -> None:
    assert month_starts(dt.date(2027, 3, 15), 365)[:2] == ((17, "Apr"), (47, "May"))
    assert month_starts(dt.date(2027, 3, 15), 365)[-1] == (352, "Mar")


def test_the_chart_tells_a_screen_reader_what_it_shows(qtbot: Any) -> None:
    chart = UsageChart()
    qtbot.addWidget(chart)
    assert chart.accessibleDescription() == UsageChart.EMPTY_MESSAGE
    analysis = analyse(BOOK, SUBSCRIPTION, 700_000, dt.date(2026, 7, 31))
    chart.set_analysis(analysis, ((dt.date(2025, 12, 31), 0), (dt.date(2026, 7, 31), 700_000)))
    chart.resize(600, 300)
    assert not chart.grab().isNull()
    assert chart.accessibleDescription() == (
        f"Credits this contract year: 700,000 used, {analysis.forecast.credits:,} forecast against 1,000,000 subscribed; "
        "the credits run out on Oct 30, 2026."
    )
