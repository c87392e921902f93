"""The quote workspace's two charts, drawn with QPainter (QtCharts would add hundreds of MB to the installer).

`PriceCurveChart` shows price per credit across annual volumes with the quote and any price break marked;
`CostByYearChart` shows each contract year's invoice split into subscription, Care Package and services.
Both take `set_quotation(quotation | None)` and repaint only when the quotation changes.
"""

from __future__ import annotations

from cpiquote.gui.charts.base import ChartColours, ChartWidget
from cpiquote.gui.charts.cost_by_year import CostByYearChart
from cpiquote.gui.charts.price_curve import PriceCurveChart

__all__ = ["ChartColours", "ChartWidget", "CostByYearChart", "PriceCurveChart"]
