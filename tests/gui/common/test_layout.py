"""The window's columns on any screen: the guidance beside or under the figures, chosen by width alone.

Every size settles; columns scroll up and down (never sideways) to what takes focus; a larger font gets room.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from window_helpers import SMALL_LAPTOP, a_full_quote, guidance_left, settle, tick, top_left, type_into, w

from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote import workflows


def test_a_narrow_window_puts_the_guidance_under_the_figures_and_a_wide_one_beside_them(qtbot: Any, window: MainWindow) -> None:
    a_full_quote(qtbot, window)
    details, guidance = window.results.details_frame, window.guidance
    window.resize(*SMALL_LAPTOP)
    settle()
    assert top_left(window, guidance).y() >= top_left(window, details).y() + details.height()
    assert top_left(window, guidance).x() == top_left(window, details).x()
    assert guidance.width() == details.width(), "under the figures, the guidance spans the same width"
    window.resize(1280, 800)
    settle()
    assert top_left(window, guidance).y() == top_left(window, details).y()
    assert top_left(window, guidance).x() > top_left(window, details).x() + details.width()


def test_crossing_the_width_where_the_guidance_moves_settles_at_every_width(qtbot: Any, window: MainWindow) -> None:
    # The arrangement follows the width only; where the column's scroll bar comes and goes (a short window), taking its
    # room could otherwise flip the arrangement back and forth.
    window.finish_start()
    a_full_quote(qtbot, window)
    row = window.results.details_row
    column_bar = w(window, "resultsScroll").verticalScrollBar().sizeHint().width()  # the room the row keeps for it
    for height in (560, 800):
        for width in range(1008, 1320, 3):
            window.resize(width, height)
            settle()
            below = row.below
            settle()
            assert row.below == below, f"the arrangement kept changing at {width} x {height}"
            assert below or row.width() >= row.room_beside(), "side by side only with room for both"
            assert not below or row.width() < row.room_beside() + column_bar, "under the figures only without room"


def test_a_price_book_with_wider_figures_moves_the_guidance_under_them_at_the_same_width(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, sample_pricebook_bytes: bytes
) -> None:
    row = window.results.details_row
    window.resize(1280, 800)
    settle()
    room = row.room_beside()
    for width in range(1280, window.minimumSizeHint().width() - 1, -1):  # the narrowest window with the guidance beside
        window.resize(width, 800)
        settle()
        if row.below:
            break
    assert row.below
    window.resize(window.width() + 1, 800)
    settle()
    assert not row.below
    (tmp_path / "francs.toml").write_bytes(sample_pricebook_bytes.replace(b'"USD"', b'"CHF"'))
    dialog_log.open_path = str(tmp_path / "francs.toml")
    workflows.open_pricebook(window)
    settle()
    assert window.pricebook.currency == "CHF"
    assert row.room_beside() > room, "francs take more room than dollars"
    assert row.below


def test_one_window_size_has_one_arrangement_however_the_window_got_there(qtbot: Any, window: MainWindow) -> None:
    # Near the width where the guidance moves, a short window's scroll bar takes the room that decides it: coming from a
    # taller window (no scroll bar) and from a narrower one (guidance below, scrolling) must end the same.
    window.finish_start()
    a_full_quote(qtbot, window)
    row, column = window.results.details_row, w(window, "resultsScroll")
    window.resize(1280, 800)
    settle()
    threshold = window.width() - (row.width() - row.room_beside())  # the window width where the row just has room
    for width in range(threshold - 4, threshold + 20, 2):
        for height in (560, 620, 660):
            ends = []
            for start in ((width, 1000), (width - 60, height)):
                window.resize(*start)
                settle()
                window.resize(width, height)
                settle()
                ends.append((row.below, column.verticalScrollBar().isVisible()))
            assert ends[0] == ends[1], f"{width} x {height}: from a taller window {ends[0]}, from a narrower one {ends[1]}"


def test_growing_the_window_a_pixel_at_a_time_settles_at_every_height(qtbot: Any, window: MainWindow) -> None:
    # A layout that fed back on itself (a scroll bar's room changing the form's height) recursed until the app crashed
    # at some heights: go through the band where the form's scroll bar comes and goes, from a height where it shows.
    window.resize(1280, 600)
    guidance_left(window)
    for height in range(700, 800):
        window.resize(1280, height)
        guidance_left(window)
    assert window.height() == 799


def test_a_short_window_scrolls_the_results_and_tab_brings_what_takes_focus_into_view(qtbot: Any, window: MainWindow) -> None:
    window.finish_start()
    a_full_quote(qtbot, window)
    window.resize(SMALL_LAPTOP[0], window.minimumSizeHint().height())
    settle()
    column = w(window, "resultsScroll")
    bar = column.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0, "what does not fit scrolls"
    assert column.horizontalScrollBar().maximum() == 0, "never sideways"
    assert bar.value() == 0
    cards = window.results.cards
    assert all(column.viewport().rect().contains(card.mapTo(column.viewport(), card.rect().bottomRight())) for card in cards)
    list_ = w(window, "warningsList")
    list_.setFocus()
    qtbot.keyClick(list_, Qt.Key.Key_Tab)  # on to the result pages' tabs, below the fold
    settle()
    tab_bar = window.tabs.tabBar()
    assert tab_bar.hasFocus()
    assert bar.value() > 0
    assert column.viewport().rect().contains(tab_bar.mapTo(column.viewport(), tab_bar.rect().bottomLeft()))


def test_tabbing_down_a_short_window_scrolls_the_form_to_the_field(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 480)
    w(window, "customerInput").setFocus()
    field = w(window, "whatsappInput")
    for _ in range(30):
        if QApplication.focusWidget() is field:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field
    viewport = w(window, "inputScroll").viewport()
    top_left = field.mapTo(viewport, field.rect().topLeft())
    assert top_left.y() >= 0 and top_left.y() + field.height() <= viewport.height()


def test_a_larger_font_widens_the_form_instead_of_cutting_it_off(qtbot: Any, make_window: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    larger = QFont(font)
    larger.setPointSizeF(font.pointSizeF() * 4 / 3)  # 9 pt to 12 pt, as a desktop's larger text setting does
    try:
        app.setFont(larger)
        window = make_window()  # started with the larger font, as the app is
        tick(qtbot, window, "rampCheck")
        type_into(qtbot, window, "ramp1Input", "1234567890123456789")  # an error line as wide as the form allows
        for _ in range(2):
            window.resize(window.minimumSizeHint())
            settle()
        form, results = w(window, "inputScroll"), w(window, "resultsScroll")
        assert form.horizontalScrollBar().maximum() == 0, "part of the form is out of reach"
        assert window.inputs.width() <= form.viewport().width()
        assert results.horizontalScrollBar().maximum() == 0, "the wider form squeezed the results"
        assert results.width() >= results.minimumSizeHint().width()
    finally:
        app.setFont(font)
        settle()


def test_the_invoices_shown_whole_scroll_the_column_on_their_own_page_only(qtbot: Any, window: MainWindow) -> None:
    # Five invoices and a pass-through estimate, whole, are taller than a laptop's result pages: the column scrolls to
    # them, and stops scrolling when the charts are back.
    window.resize(1280, 690)
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "5")
    type_into(qtbot, window, "smsInput", "25,000")
    settle()
    bar = w(window, "resultsScroll").verticalScrollBar()
    charts_scroll = bar.maximum()
    window.tabs.setCurrentIndex(2)
    settle()
    assert bar.maximum() > charts_scroll, "the column scrolls to the invoices' total"
    window.tabs.setCurrentIndex(0)
    settle()
    assert bar.maximum() == charts_scroll
