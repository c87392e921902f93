"""The cost-by-year chart, rendered offscreen: bars split by what is invoiced, heights that follow the invoices.

Also a small year still drawn beside a huge one, tooltips, and a description for screen readers.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from chart_helpers import colours_of, hover_tooltip, image_of, make, pixels_like, quote, scale
from PySide6.QtCore import QPointF, QRectF
from pytestqt.qtbot import QtBot

from cpiquote.gui.charts import CostByYearChart
from cpiquote.pricing import PriceBook


def bar_of(chart: CostByYearChart, year: int) -> QRectF:
    rect = chart.bar_rect(year)
    assert rect is not None, f"year {year} has a bar"
    return rect


def test_cost_bars_are_split_into_subscription_care_package_and_services(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    quotation = quote(
        sample_pricebook, 1_200_000, 3, generative_ai=True, intent_manager=True, care_package=True, services_hours=Decimal(40)
    )
    chart = make(qtbot, CostByYearChart, quotation)
    image, colours, ratio = image_of(chart), colours_of(chart), scale(chart)
    for year in (1, 2, 3):
        bar = bar_of(chart, year)
        bottom = QPointF(bar.center().x(), bar.bottom() - 10) * ratio
        top = QPointF(bar.center().x(), bar.top() + 4 + (3 if year == 1 else 0)) * ratio
        assert pixels_like(image, colours.series[0], near=bottom, radius=3), f"year {year} subscription"
        assert pixels_like(image, colours.series[1], near=top, radius=3), f"year {year} Care Package"

    def services_on_top(year: int) -> bool:
        top = QPointF(bar_of(chart, year).center().x(), bar_of(chart, year).top() + 1) * ratio
        return bool(pixels_like(image, colours.series[2], near=top, radius=2))

    assert services_on_top(1), "services are on the first invoice, visible however small"
    assert not services_on_top(2)


def test_cost_bar_heights_follow_the_invoices(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    quotation = quote(sample_pricebook, (60_000, 240_000, 800_000), 3)
    chart = make(qtbot, CostByYearChart, quotation)
    heights = [bar_of(chart, y).height() for y in (1, 2, 3)]
    totals = [float(invoice.amount) for invoice in quotation.invoices]
    assert heights[2] / heights[0] == pytest.approx(totals[2] / totals[0], rel=0.02)


def test_cost_tooltip_shows_the_hovered_year(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    quotation = quote(
        sample_pricebook, 1_200_000, 3, generative_ai=True, intent_manager=True, care_package=True, services_hours=Decimal(40)
    )
    chart = make(qtbot, CostByYearChart, quotation)
    first = hover_tooltip(qtbot, chart, bar_of(chart, 1).center())
    assert "Year 1" in first
    assert "Subscription: $1,032,240.00" in first
    assert "Care Package: $103,224.00" in first
    assert "Professional services: $8,000.00" in first
    assert "Total: $1,143,464.00" in first
    second = hover_tooltip(qtbot, chart, bar_of(chart, 2).center())
    assert "Total: $1,135,464.00" in second
    assert "services" not in second
    assert hover_tooltip(qtbot, chart, QPointF(2, 2)) == "", "no tooltip over the title"


def test_cost_chart_describes_itself_for_screen_readers(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, CostByYearChart, quote(sample_pricebook, 30_000))
    assert chart.accessibleName() == "Cost by contract year"
    assert "year 1: $47,500.00" in chart.accessibleDescription()


def test_a_small_year_beside_a_huge_one_still_gets_a_bar(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, CostByYearChart, quote(sample_pricebook, (60_000, 90_000_000), 2))
    small, huge = bar_of(chart, 1), bar_of(chart, 2)
    assert huge.height() > 100 * small.height() / 3 and small.height() >= 2
    image = image_of(chart)
    assert pixels_like(image, colours_of(chart).series[0], near=small.center() * scale(chart), radius=2), "the small bar is drawn"


def test_a_tiny_bar_shows_its_main_part_not_only_its_smallest() -> None:
    from cpiquote.gui.charts.cost_by_year import MIN_PART_HEIGHT, part_heights

    subscription, care = Decimal("148000"), Decimal("14800")
    tiny = dict(part_heights((subscription, care, Decimal(0)), 2.0))
    assert tiny[0] > tiny[1] and sum(tiny.values()) == pytest.approx(2.0), "a 2 px bar is mostly subscription"
    tall = dict(part_heights((subscription, Decimal("100"), Decimal(0)), 200.0))
    assert tall[1] == MIN_PART_HEIGHT and sum(tall.values()) == pytest.approx(200.0), "a sliver still shows on a tall bar"
