"""The price curve, rendered offscreen: the quote's marks, price breaks, tooltips, labels that never hide the curve.

The curve is priced once per price book, term and discount, however the volume is typed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from chart_helpers import SIZE, centroid, colours_of, dark_palette, hover_tooltip, image_of, make, pixels_like, quote, scale
from PySide6.QtCore import QPointF, QRectF
from pytestqt.qtbot import QtBot
from window_helpers import tick, type_into

from cpiquote.gui.charts import PriceCurveChart
from cpiquote.gui.charts import price_curve as chart_price_curve
from cpiquote.gui.main_window import MainWindow
from cpiquote.pricing import PriceBook, price_curve


def plot_of(chart: PriceCurveChart) -> QRectF:
    geometry = chart.geometry_for_size()
    assert geometry is not None, "a quotation is shown"
    return geometry.plot


def ramp(qtbot: Any, window: MainWindow, *figures: str) -> None:
    type_into(qtbot, window, "yearsInput", str(len(figures)))
    tick(qtbot, window, "rampCheck")
    for year, figure in enumerate(figures, start=1):
        type_into(qtbot, window, f"ramp{year}Input", figure)


def test_price_curve_marks_the_quote_at_its_volume_and_price(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    big = make(qtbot, PriceCurveChart, quote(sample_pricebook, 1_200_000, 3, generative_ai=True, intent_manager=True))
    small = make(
        qtbot, PriceCurveChart, quote(sample_pricebook, 58_000, 1, generative_ai=True, intent_manager=True, performance_optimizer=True)
    )
    big_dot = pixels_like(image_of(big), colours_of(big).quote)
    small_dot = pixels_like(image_of(small), colours_of(small).quote)
    assert len(big_dot) >= 40 and len(small_dot) >= 40, "the quote's marker is drawn"
    expected = big.marker_position()
    assert expected is not None
    assert (centroid(big_dot) - expected * scale(big)).manhattanLength() < 4
    # 2,040,000 credits at $0.5060 sits right of and lower than 102,000 credits at $0.8500
    assert centroid(big_dot).x() > centroid(small_dot).x() + 200
    assert centroid(big_dot).y() > centroid(small_dot).y() + 30


def test_price_curve_is_drawn_as_a_line_over_the_whole_axis(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, 30_000))
    image = image_of(chart)
    line = pixels_like(image, colours_of(chart).series[0], tolerance=30)
    assert len(line) > 600, "the curve is drawn"
    xs = [x for x, _ in line]
    assert max(xs) - min(xs) > image.width() * 0.8, "the curve spans the volume axis"
    assert len({image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}) > 30, "not a blank card"


def test_price_break_is_marked_when_the_quote_has_one(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, 95_000))
    target = chart.price_break_position()
    assert target is not None
    assert len(pixels_like(image_of(chart), colours_of(chart).saving, near=target * scale(chart), radius=8)) >= 30
    assert "order 100,000 credits to save $5,250.00" in chart.accessibleDescription()
    tip = hover_tooltip(qtbot, chart, target)
    assert "100,000 credits" in tip
    assert "$85,000.00" in tip
    assert "You save $5,250.00" in tip


@pytest.mark.parametrize(
    ("interactions", "years", "options"),
    [
        (58_000, 1, {"generative_ai": True, "intent_manager": True, "performance_optimizer": True}),
        (1_200_000, 3, {"generative_ai": True, "intent_manager": True}),
    ],
)
def test_no_price_break_marker_without_a_price_break(
    qtbot: QtBot, sample_pricebook: PriceBook, interactions: int, years: int, options: dict[str, bool]
) -> None:
    quotation = quote(sample_pricebook, interactions, years, **options)
    assert quotation.first_year.price_break is None
    chart = make(qtbot, PriceCurveChart, quotation)
    assert chart.price_break_position() is None
    assert pixels_like(image_of(chart), colours_of(chart).saving) == []
    assert "save" not in chart.accessibleDescription()


def test_tooltip_on_the_quote_and_on_the_curve(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, 1_200_000, 3, generative_ai=True, intent_manager=True))
    marker = chart.marker_position()
    assert marker is not None
    tip = hover_tooltip(qtbot, chart, marker)
    assert "2,040,000 credits" in tip
    assert "$0.5060 per credit" in tip
    assert "$1,032,240.00 a year" in tip
    far_left = QPointF(plot_of(chart).left() + 3, marker.y())
    assert "$0.8740 per credit" in hover_tooltip(qtbot, chart, far_left), "50,000 credits: 0.95 less the 3-year term discount of 8%"


def test_graduated_curve_shows_the_average_price(qtbot: QtBot, graduated_pricebook: PriceBook) -> None:
    quotation = quote(graduated_pricebook, 300_000)
    chart = make(qtbot, PriceCurveChart, quotation)
    marker = chart.marker_position()
    assert marker is not None
    assert len(pixels_like(image_of(chart), colours_of(chart).quote, near=marker * scale(chart), radius=8)) >= 30
    assert f"${quotation.first_year.price_per_credit} per credit" in hover_tooltip(qtbot, chart, marker)
    assert "average" in hover_tooltip(qtbot, chart, marker + QPointF(60, 0))
    assert chart.title() == "Average price per credit by annual credits"


def test_ramp_marks_every_year(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, (60_000, 240_000, 800_000), 3))
    image = image_of(chart)
    dots = pixels_like(image, colours_of(chart).quote)
    assert max(x for x, _ in dots) - min(x for x, _ in dots) > 200, "year 3 is marked far right of year 1"


def test_price_curve_is_priced_once_per_price_book_term_and_discount(
    qtbot: QtBot, sample_pricebook: PriceBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, Decimal]] = []

    def counting(book: PriceBook, years: int, discount: Decimal, volumes: list[int]) -> object:
        calls.append((years, discount))
        return price_curve(book, years, discount, volumes)

    monkeypatch.setattr(chart_price_curve, "price_curve", counting)
    chart = make(qtbot, PriceCurveChart, None)
    for typed in (9, 95, 950, 9_500, 95_000, 96_000, 120_000):  # typing a volume digit by digit
        chart.set_quotation(quote(sample_pricebook, typed))
    assert len(calls) == 1
    chart.set_quotation(quote(sample_pricebook, 95_000, 3))
    chart.set_quotation(quote(sample_pricebook, 95_000, 1))
    assert calls == [(1, Decimal(0)), (3, Decimal(0))], "going back to one year reuses the first curve"
    chart.set_quotation(quote(sample_pricebook, 95_000, 1, discount_percent=Decimal(5)))
    assert calls[-1] == (1, Decimal(5))


def test_price_curve_axis_grows_past_a_very_large_quote(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, 40_000_000))
    marker, plot = chart.marker_position(), plot_of(chart)
    assert marker is not None
    assert plot.left() < marker.x() < plot.right() - 20, "the quote is on the chart, not clamped to its edge"


def test_price_curve_repaints_its_axes_and_curve_when_what_they_show_changes(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    """Typing moves only the marker over a cached picture of the axes and curve; palette, size and curve still follow."""
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, 1_200_000, 3))
    first = image_of(chart)
    chart.set_quotation(quote(sample_pricebook, 300_000, 3))  # same curve, marker elsewhere
    moved = pixels_like(image_of(chart), colours_of(chart).quote)
    expected = chart.marker_position()
    assert expected is not None and moved and (centroid(moved) - expected * scale(chart)).manhattanLength() < 4
    assert not pixels_like(first, colours_of(chart).quote, near=expected * scale(chart), radius=3)
    chart.setPalette(dark_palette())
    assert image_of(chart).pixelColor(3, 3).lightness() < 50, "a new palette repaints the background"
    chart.resize(SIZE[0] + 120, SIZE[1] + 60)
    grown = image_of(chart)
    assert grown.width() > first.width() and grown.pixelColor(grown.width() - 3, grown.height() - 3).lightness() < 50
    for changed in (quote(sample_pricebook, 300_000, 3, discount_percent=Decimal(1)), quote(sample_pricebook, 300_000, 1)):
        chart.set_quotation(changed)  # a new curve (discount, contract length): drawn again, exactly as a fresh chart draws it
        fresh = make(qtbot, PriceCurveChart, changed, dark_palette())
        fresh.resize(chart.size())
        assert image_of(chart) == image_of(fresh)


@pytest.mark.parametrize("interactions", [90_000_000, 4_900_000, 1_200_000, 52_000, 2_600_000])
def test_price_curve_labels_never_hide_a_step_of_the_curve(qtbot: QtBot, sample_pricebook: PriceBook, interactions: int) -> None:
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, interactions, 3))
    chart.grab()  # paints: labels are placed as they are drawn
    assert chart.label_rects, "the quote is labelled"
    for rect in chart.label_rects:
        assert not chart.curve_outline().intersects(rect), f"a label covers the curve at {interactions:,} interactions"


def test_a_ramp_years_price_break_arrow_leaves_that_year_not_year_1(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    quotation = quote(sample_pricebook, (60_000, 460_000), 2)  # year 2 should order 500,000 credits; year 1 has no break
    assert quotation.price_break_year is not None and quotation.price_break_year.year == 2
    chart = make(qtbot, PriceCurveChart, quotation)
    year_1, _year_2 = chart.mark_positions()
    target = chart.price_break_position()
    assert target is not None
    image, ratio = image_of(chart), scale(chart)
    between_year_1_and_break = (year_1 + target) / 2 * ratio
    assert pixels_like(image, colours_of(chart).saving, near=between_year_1_and_break, radius=6) == [], "no arrow from year 1"
    assert len(pixels_like(image, colours_of(chart).saving, near=target * ratio, radius=8)) >= 30, "the break is marked"
    assert "Price break in year 2: order 500,000 credits" in chart.accessibleDescription()
    assert "Year 1: 60,000 credits at $0.9120; Year 2: 460,000 credits" in chart.accessibleDescription()


def test_the_price_curve_marks_a_later_ramp_years_price_break(qtbot: Any, window: MainWindow) -> None:
    ramp(qtbot, window, "300,000", "95,000")
    quotation = window.quotation
    assert quotation is not None and quotation.years[0].price_break is None and quotation.years[1].price_break is not None
    assert window.price_chart is not None and window.price_chart.price_break_position() is not None


def test_ramp_years_ordering_the_same_credits_are_all_named_on_the_curve(qtbot: Any, window: MainWindow) -> None:
    ramp(qtbot, window, "95,000", "400,000", "400,000")
    assert window.price_chart is not None
    position = window.price_chart.mark_positions()[1]
    assert window.price_chart.tooltip_at(position).startswith("Years 2 and 3: ")
