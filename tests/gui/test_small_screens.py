"""The window on small screens: a 1,366 x 768 laptop at 125% scaling shows all of it, scrolling what is below the fold."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from window_helpers import settle, tick, type_into, w

from cpiquote.gui.main_window import DEFAULT_SIZE, MainWindow, first_size
from cpiquote.gui.quote import workflows

# A 1,366 x 768 screen at 125% is 1,093 x 614 logical pixels; less a task bar and a title bar, about 1,093 x 550.
SMALL_LAPTOP = (1093, 550)


def top_left(window: MainWindow, widget: QWidget) -> QPoint:
    return widget.mapTo(window, QPoint(0, 0))


def a_full_quote(qtbot: Any, window: MainWindow) -> None:
    """Every figure and note filled in, the long ones included (approval, minimum order, pass-through)."""
    type_into(qtbot, window, "interactionsInput", "20")  # below the minimum order: the longest credits note
    type_into(qtbot, window, "yearsInput", "3")
    type_into(qtbot, window, "discountInput", "25")  # "25% (approval)"
    type_into(qtbot, window, "smsInput", "25,000")
    tick(qtbot, window, "carePackageCheck")
    settle()


def test_the_window_fits_a_small_laptop_screen(qtbot: Any, window: MainWindow) -> None:
    window.finish_start()
    settle()
    empty = window.minimumSizeHint()
    assert empty.width() <= SMALL_LAPTOP[0] - 40, "with room to spare for a slightly larger font"
    assert empty.height() <= SMALL_LAPTOP[1]
    a_full_quote(qtbot, window)
    assert window.minimumSizeHint() == empty, "typing a quote never makes the window need more room"


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


def test_at_its_smallest_the_window_shows_every_figure_and_caption_whole(qtbot: Any, window: MainWindow) -> None:
    window.finish_start()
    a_full_quote(qtbot, window)
    for _ in range(2):
        window.resize(window.minimumSizeHint())
        settle()
    assert window.size() == window.minimumSizeHint()
    results = window.results
    for label in results.findChildren(QLabel):
        if label.isVisible() and label.text().strip() and label not in [card.note for card in results.cards]:
            room = label.contentsRect().width() - 2 * label.margin()
            assert room >= label.fontMetrics().horizontalAdvance(label.text()), f"{label.text()!r} is cut off"


def test_a_card_note_too_long_for_a_narrow_card_is_shortened_and_whole_in_its_tooltip(qtbot: Any, window: MainWindow) -> None:
    a_full_quote(qtbot, window)
    note = window.results.minimum_note
    assert note.text() == "minimum order (20 required)"
    window.resize(1280, 800)
    settle()
    assert note.shown_text() == note.text() and note.toolTip() == "", "the default window shows every note whole"
    window.resize(window.minimumSizeHint())
    settle()
    assert note.shown_text().endswith("…") and note.shown_text() != note.text()
    assert note.toolTip() == "minimum order (20 required)"
    assert note.fontMetrics().horizontalAdvance(note.shown_text()) <= note.contentsRect().width()


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


START = """
import sys
from PySide6.QtCore import QSettings
from cpiquote.gui.app import create_application
from cpiquote.gui.main_window import MainWindow
app = create_application(sys.argv[:1])
window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
if len(sys.argv) > 2:  # a person moved the window there
    window.move(int(sys.argv[2]), int(sys.argv[3]))
window.show()
window.finish_start()
for _ in range(6):
    app.processEvents()
area, frame = window.screen().availableGeometry(), window.frameGeometry()
print(window.pricebook.currency, int(area.contains(frame)), frame.width(), frame.height(), window.width(), window.height(),
      int(window.results.details_row.below))
window.mark_saved()
window.close()  # saves the window's size, as a person closing the app does
"""


def start_on_screen(folder: Path, width: int, height: int, *moved_to: int, second: bool = False, **environment: str) -> list[str]:
    """Start the app in a new process on an offscreen screen `width` x `height` (its area less the task bar), and a
    `second` like it to its right, with its settings in `folder`, the window `moved_to` (x, y) if given; what it prints:
    currency, whether the whole frame is on its screen (1 or 0), the frame's width and height, the window's, and whether
    the guidance is under the figures (1 or 0)."""
    screens = [{"name": "first", "width": width, "height": height}]
    if second:
        screens.append({"name": "second", "x": width, "y": 0, "width": width, "height": height})
    (folder / "screen.json").write_text(json.dumps({"screens": screens}))
    environment = {**os.environ, **environment, "QT_LOGGING_RULES": "*.warning=false",
                   "QT_QPA_PLATFORM": "offscreen:configfile=screen.json"}  # fmt: skip  # relative: Qt splits the option on ":"
    result = subprocess.run([sys.executable, "-c", START, str(folder / "settings.ini"), *map(str, moved_to)], capture_output=True,
                            text=True, env=environment, cwd=folder, timeout=60, check=True)  # fmt: skip
    return result.stdout.split()


def test_a_first_start_on_a_small_laptop_opens_a_window_that_fits_its_screen(tmp_path: Path) -> None:
    _, inside, frame_width, frame_height, *_ = start_on_screen(tmp_path, SMALL_LAPTOP[0], 582)
    assert inside == "1", "the whole window, frame and title bar included, is on the screen"
    assert int(frame_width) > 1060 and int(frame_height) > 530, "and it uses the room there is"


@pytest.mark.parametrize("where", ["the laptop's screen", "a second monitor"])
def test_a_window_saved_on_a_large_desk_opens_whole_on_a_small_laptop(tmp_path: Path, where: str) -> None:
    moved_to = (2100, 100) if where == "a second monitor" else (100, 100)
    assert start_on_screen(tmp_path, 1920, 1040, *moved_to, second=True)[4:6] == ["1280", "800"]  # saved on closing
    _, inside, frame_width, frame_height, *_ = start_on_screen(tmp_path, SMALL_LAPTOP[0], 582)  # Qt refuses what it saved
    assert inside == "1", "the whole window, frame and title bar included, is on the screen"
    assert int(frame_width) > 1060 and int(frame_height) > 530, "and it uses the room there is, not the smallest size"


def test_the_first_window_is_the_designed_size_where_the_screen_has_room_and_the_screen_where_not() -> None:
    assert first_size(QSize(1920, 1040)) == DEFAULT_SIZE == QSize(1280, 800)
    assert first_size(QSize(1093, 582)) == QSize(1077, 542)  # less a frame and a title bar


@pytest.mark.parametrize("currency", ["USD", "CHF", "SEK"])
def test_a_first_start_on_a_large_screen_shows_the_guidance_beside_the_figures_in_any_currency(
    tmp_path: Path, sample_pricebook_bytes: bytes, currency: str
) -> None:
    book = tmp_path / "book.toml"  # "CHF 888,888.88" is wider than "$888,888.88"
    book.write_bytes(sample_pricebook_bytes.replace(b'"USD"', f'"{currency}"'.encode()))
    shown, inside, _, _, width, height, below = start_on_screen(tmp_path, 1920, 1040, CPIQUOTE_PRICEBOOK=str(book))
    assert (shown, inside, width, height, below) == (currency, "1", "1280", "800", "0")
