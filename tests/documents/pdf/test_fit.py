"""Column widths that make room for large figures: the designed widths when they fit, room moved, then a smaller font."""

from __future__ import annotations

import pytest

from cpiquote.documents.pdf.fit import ColumnNeed, fit_columns, text_width
from cpiquote.documents.pdf.text import FONT_BOLD, register_fonts


def test_the_designed_widths_stay_when_every_column_fits() -> None:
    fit = fit_columns([100, 50, 50], [ColumnNeed(40, 8), ColumnNeed(30, 8), ColumnNeed(20, 8)])
    assert fit.widths == [100, 50, 50] and fit.scale == 1


def test_a_column_that_needs_more_takes_it_from_those_with_room_to_spare() -> None:
    fit = fit_columns([100, 50, 50], [ColumnNeed(0, 0, 40), ColumnNeed(72, 8), ColumnNeed(20, 8)])
    assert fit.scale == 1
    assert fit.widths[1] == pytest.approx(80)
    assert sum(fit.widths) == pytest.approx(200)
    assert fit.widths[0] >= 40 and fit.widths[2] >= 28


def test_the_font_shrinks_when_no_column_has_room_to_spare() -> None:
    fit = fit_columns([50, 50], [ColumnNeed(84, 8, 30), ColumnNeed(84, 8)])
    assert fit.scale == pytest.approx(0.5, abs=1e-6)
    assert fit.widths == pytest.approx([50, 50])


def test_a_column_never_gets_less_than_its_least() -> None:
    fit = fit_columns([60, 40], [ColumnNeed(10, 0, 60), ColumnNeed(100, 0)])
    assert fit.widths[0] == pytest.approx(60)
    assert fit.scale == pytest.approx(0.4, abs=1e-6)


def test_text_width_measures_the_longest_line() -> None:
    register_fonts()
    assert text_width("Net price\nper credit", FONT_BOLD, 10) == text_width("per credit", FONT_BOLD, 10)
