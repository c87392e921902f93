"""The form's fields: pastes without their blanks, contract years in digits a person means, the undo shortcut.

The undo shortcut in a field undoes the quote, not just the field's text.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from window_helpers import leave, paste_into, type_into, w

from cpiquote.gui.common.fields import DECIMAL_PATTERN, refusal, trim_paste
from cpiquote.gui.main_window import MainWindow


def test_a_figure_pasted_from_a_spreadsheet_cell_or_an_email_arrives_in_the_field(qtbot: Any, window: MainWindow) -> None:
    field = w(window, "interactionsInput")
    for pasted in ("250,000\r\n", " 250,000", "\t250000\t"):
        field.clear()
        field.setFocus()
        QGuiApplication.clipboard().setText(pasted)
        field.paste()
        assert field.text() in ("250,000", "250000"), f"pasting {pasted!r} gave {field.text()!r}"
        assert window.quotation is not None and window.quotation.years[0].interactions == 250_000
        assert window.inputs.error_text("interactions") == ""


def test_contract_years_takes_a_pasted_spreadsheet_cell_like_every_other_field(qtbot: Any, window: MainWindow) -> None:
    assert paste_into(qtbot, window, "yearsInput", "3\n") == "3"
    assert paste_into(qtbot, window, "yearsInput", " 2") == "2"


def test_a_superscript_digit_in_contract_years_is_refused_not_fatal(qtbot: Any, window: MainWindow) -> None:
    years = w(window, "yearsInput")
    for typed in ("\u00b2", "\uff13", "\u0663"):  # ², full-width 3, Arabic-Indic 3: str.isdigit() says yes to all
        years.selectAll()
        years.insert(typed)
        assert years.text() == "1"
    assert window.inputs.error_text("years") == "The longest contract is 5 years"


def test_the_undo_shortcut_in_a_field_undoes_the_quote_not_just_the_field(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    leave(qtbot, window, "interactionsInput")
    w(window, "genaiCheck").click()
    field = w(window, "discountInput")
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not w(window, "genaiCheck").isChecked()
    assert window.commands["undo"].text() == "&Undo change to interactions per year"


@pytest.mark.parametrize(
    ("pasted", "cursor", "kept"),
    [("250,000\r\n", 9, ("250,000", 7)), (" 250,000", 8, ("250,000", 7)), ("\t250000\t", 8, ("250000", 6)), ("1 200 ", 6, ("1 200 ", 6))],
)
def test_a_paste_loses_the_blanks_a_spreadsheet_or_an_email_brings_along(pasted: str, cursor: int, kept: tuple[str, int]) -> None:
    """Without a window: the text a field receives, and the cursor in it; trailing spaces stay (a separator being typed)."""
    assert trim_paste(pasted, cursor) == kept


def test_a_refused_keystroke_is_explained_for_the_kind_of_field() -> None:
    assert refusal(DECIMAL_PATTERN) == "a number of 0 or more with up to two decimals, such as 12.5"
    assert refusal(None) == "numbers only"
