"""The main window: prices on every edit, shows a problem in each place once, greys the last good quote.

Also its tables filled when shown, its first size on any screen, start-up, remembered layout and closing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QWidget
from window_helpers import SMALL_LAPTOP, a_full_quote, guidance, guidance_left, quote_example, settle, text, tick, type_into, w

from cpiquote import formatting, services
from cpiquote.gui.common import accessibility, dialogs
from cpiquote.gui.main_window import DEFAULT_SIZE, MainWindow, first_size
from cpiquote.gui.quote.form import problem_sentence
from cpiquote.pricing import InputError, Quotation
from cpiquote.quote.inputs import request_from_values as build_request

FIELDS = (
    "interactionsInput",
    "yearsInput",
    "discountInput",
    "servicesHoursInput",
    "smsInput",
    "whatsappInput",
    "conversationsInput",
    "multiDayShareInput",
    "extraDaysInput",
    "proactiveInput",
    "replyRateInput",
    "ramp1Input",
    "ramp2Input",
)

TOGGLES = ("genaiCheck", "intentManagerCheck", "performanceOptimizerCheck", "carePackageCheck", "estimateCheck", "rampCheck")

TYPED = st.text(alphabet="0123456789,.-e x%kM", max_size=14)
WHOLE_FIELDS = ("interactionsInput", "smsInput", "whatsappInput", "conversationsInput", "proactiveInput", "ramp1Input", "ramp2Input")

STEPS = st.lists(st.one_of(st.tuples(st.sampled_from(FIELDS), TYPED), st.tuples(st.sampled_from(TOGGLES), st.booleans())), max_size=8)


def apply(window: MainWindow, name: str, value: str | bool) -> None:
    """Type as a person can: through the field's validator (insert), or tick a box."""
    widget = w(window, name)
    if isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QLineEdit) and widget.isEnabled() and not widget.isReadOnly():
        widget.selectAll()
        widget.insert(str(value))


def engine_answer(window: MainWindow) -> tuple[Quotation | None, str]:
    """What the engine makes of the form: a quotation, or the reason it cannot price it."""
    book = window.pricebook
    try:
        return services.price(book, build_request(window.values, book)), ""
    except InputError as error:
        return None, error.reason


def assert_shows_the_engines_figures(window: MainWindow) -> None:
    book = window.pricebook
    expected, reason = engine_answer(window)
    if expected is None:
        assert window.quotation is None
        assert any(reason.lower() in line.lower() for line in window.guidance.texts())
        return
    assert window.quotation == expected
    assert w(window, "annualSubscriptionLabel").text() == formatting.money(expected.first_year.annual_subscription, book.currency)
    assert w(window, "contractValueLabel").text() == formatting.money(expected.total_contract_value, book.currency)
    assert not w(window, "staleBanner").isVisible()


def unshown_window(qtbot: Any, settings_path: Path) -> MainWindow:
    """A main window built but not yet shown: its first paint has not finished building it."""
    window = MainWindow(QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def test_an_empty_form_asks_for_the_interactions_without_a_price(window: MainWindow) -> None:
    assert window.quotation is None
    assert text(window, "annualSubscriptionLabel") == "—"
    assert guidance(window) == ["Enter the interactions per year or the credits ordered per year."]
    assert not w(window, "applyPriceBreakButton").isEnabled()


def test_typing_the_three_year_example_shows_the_engines_figures(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    tick(qtbot, window, "genaiCheck")
    tick(qtbot, window, "intentManagerCheck")
    assert text(window, "creditsPerInteractionLabel") == "1.7"
    assert text(window, "annualCreditsLabel") == "2,040,000"
    assert text(window, "pricePerCreditLabel") == "$0.5060"
    assert text(window, "annualSubscriptionLabel") == "$1,032,240.00"
    assert text(window, "contractValueLabel") == "$3,096,720.00"
    assert text(window, "overagePriceLabel") == "$0.6578"
    assert not w(window, "applyPriceBreakButton").isEnabled()
    assert window.year_table.rowCount() == 3
    assert window.year_table.cell_text(2, 5) == "$1,032,240.00"


def test_all_three_features_on_a_small_volume(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "58000")
    for name in ("genaiCheck", "intentManagerCheck", "performanceOptimizerCheck"):
        tick(qtbot, window, name)
    assert text(window, "creditsPerInteractionLabel") == "1.75"
    assert text(window, "requiredCreditsLabel") == "101,500"
    assert text(window, "annualCreditsLabel") == "102,000"
    assert text(window, "pricePerCreditLabel") == "$0.8500"
    assert text(window, "annualSubscriptionLabel") == "$86,700.00"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_whatever_is_typed_the_window_shows_the_engines_figures_or_says_why_not(window: MainWindow, steps: list[tuple[str, Any]]) -> None:
    for name, value in steps:
        apply(window, name, value)
        assert_shows_the_engines_figures(window)
    for field in FIELDS:  # whole numbers keep what was typed (the grammar says why it is not one); the others refuse
        text = w(window, field).text()
        assert field in WHOLE_FIELDS or ("-" not in text and "e" not in text and "x" not in text), f"{field} accepted {text!r}"
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert window.values["interactions"] == "" and window.quotation is None


def test_a_discount_above_the_maximum_is_refused_beside_the_field_and_in_the_guidance(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1200000")
    type_into(qtbot, window, "discountInput", "35")  # the "3" on the way priced, but it was never a complete input
    reason = "35% is above the maximum discretionary discount of 30%; lower it or ask sales operations"
    assert window.quotation is None
    assert guidance(window) == [f"Discount: {reason}."]
    assert window.inputs.error_text("discount") == reason[0].upper() + reason[1:]
    assert w(window, "discountError").isVisible()
    banner = w(window, "staleBanner")
    assert banner.isVisible() and "Not up to date" in banner.text()
    # greyed: the figures from before the discount was typed, 1,200,000 x $0.5500
    assert text(window, "annualSubscriptionLabel") == "$660,000.00" and not w(window, "annualSubscriptionLabel").isEnabled()
    type_into(qtbot, window, "discountInput", "30")
    assert window.quotation is not None and not banner.isVisible() and not w(window, "discountError").isVisible()


def test_a_screen_reader_hears_the_new_price_once_typing_pauses_and_the_guidance_when_it_changes(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []
    monkeypatch.setattr(accessibility, "announce", lambda _widget, said: heard.append(said))
    type_into(qtbot, window, "interactionsInput", "1,200,000")  # nine keystrokes, each re-pricing
    qtbot.waitUntil(lambda: len(heard) == 1)
    figures = "Contract value $660,000.00, annual subscription $660,000.00."
    assert heard == [f"{figures} Guidance: {' '.join(guidance(window))}"]
    type_into(qtbot, window, "yearsInput", "3")
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert heard[1].startswith("Contract value $1,"), "the guidance unchanged is not said again"
    assert "Guidance" not in heard[1]
    type_into(qtbot, window, "discountInput", "35")
    qtbot.waitUntil(lambda: len(heard) == 3)
    assert heard[2] == f"Not priced. {guidance(window)[0]}"
    qtbot.wait(accessibility.PAUSE_MS + 100)
    assert len(heard) == 3, "each pause is announced once"


def test_charts_and_tables_of_the_last_good_quote_are_faded_while_the_inputs_cannot_be_priced(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "discountInput", "45")  # above the 30% maximum: refused
    assert window.quotation is None and window.results.stale_banner.isVisible()
    assert window.price_chart is not None and not window.price_chart.isEnabled() and not window.year_table.isEnabled()
    type_into(qtbot, window, "discountInput", "5")
    assert window.price_chart.isEnabled() and window.year_table.isEnabled()


def test_table_tabs_show_the_quote_on_show_when_opened(qtbot: Any, window: MainWindow) -> None:
    """Typing does not fill tables nobody sees; opening their tab shows the quote as it is now."""
    quote_example(qtbot, window)
    window.tabs.setCurrentIndex(1)
    table = w(window, "yearTable")
    assert table.rowCount() == 3 and table.item(0, 1).text() == "1,200,000"
    window.tabs.setCurrentIndex(0)
    type_into(qtbot, window, "yearsInput", "1")
    type_into(qtbot, window, "interactionsInput", "900,000")
    assert table.rowCount() == 3  # hidden: not refilled while typing
    window.tabs.setCurrentIndex(1)
    assert table.rowCount() == 1 and table.item(0, 1).text() == "900,000"
    window.tabs.setCurrentIndex(2)
    assert window.quotation is not None and w(window, "invoiceTable").rowCount() == len(window.quotation.invoices) + 1  # and the total
    window.tabs.setCurrentIndex(3)
    assert w(window, "comparisonTable").item(1, 1).text() == w(window, "annualCreditsLabel").text()


def test_the_result_tabs_have_a_name_of_their_own(window: MainWindow) -> None:
    """The results' tab list is announced by the title of whichever tab is selected ("Charts")."""
    assert window.tabs.tabBar().accessibleName() or window.tabs.accessibleName()


def test_the_hidden_parts_are_built_right_after_the_window_first_shows(qtbot: Any, settings_path: Path) -> None:
    window = unshown_window(qtbot, settings_path)
    assert window.findChild(QLineEdit, "conversationsInput") is None
    assert window.findChild(QLineEdit, "ramp1Input") is None
    assert window.findChild(QWidget, "discountError") is None, "message lines are made for their first message"
    window.show()
    qtbot.waitUntil(lambda: window.price_chart is not None)
    assert not w(window, "conversationsInput").isVisible() and not w(window, "ramp1Input").isVisible()


def test_a_hidden_part_needed_before_then_is_built_at_once(qtbot: Any, settings_path: Path) -> None:
    window = unshown_window(qtbot, settings_path)
    w(window, "interactionsInput").setText("800,000")
    w(window, "yearsInput").setText("3")
    w(window, "rampCheck").setChecked(True)
    assert [w(window, f"ramp{year}Input").text() for year in (1, 2, 3)] == ["800,000"] * 3
    window.inputs.show_error("conversations", "enter the conversations per year")
    assert window.inputs.error_text("conversations") == "Enter the conversations per year"
    quotation = window.quotation
    assert quotation is not None and quotation.request.interactions_per_year == (800_000,) * 3


def test_tab_from_the_last_control_goes_back_to_the_top_not_into_a_late_built_field(qtbot: Any, window: MainWindow) -> None:
    tick(qtbot, window, "estimateCheck")
    bar = w(window, "resultTabs").tabBar()
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w(window, "customerInput")


def test_window_size_and_layout_are_remembered(qtbot: Any, make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    window.resize(1180, 700)  # the offscreen screen is 800 pixels wide and high: the height is what fits on it
    window.tabs.setCurrentIndex(2)
    window.close()
    again = make_window()
    assert again.height() == 700
    assert again.tabs.currentIndex() == 2


def test_settings_are_read_with_types_from_an_ini_file(settings_path: Path) -> None:
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue("window/tab", 3)
    settings.sync()
    assert QSettings(str(settings_path), QSettings.Format.IniFormat).value("window/tab", 0, type=int) == 3


def test_closing_a_changed_quote_offers_to_save_it_first(qtbot: Any, window: MainWindow, dialog_log: Any) -> None:
    type_into(qtbot, window, "customerInput", "Contoso")
    type_into(qtbot, window, "interactionsInput", "1000")
    dialog_log.changes_answer = dialogs.CANCEL
    assert not window.close()
    assert window.isVisible() and dialog_log.changes_asked == [("Contoso", "closing")]
    dialog_log.changes_answer = dialogs.DISCARD
    assert window.close()
    assert len(dialog_log.changes_asked) == 2


def test_an_unchanged_quote_closes_without_asking(window: MainWindow, dialog_log: Any) -> None:
    assert window.close()
    assert dialog_log.changes_asked == []


def test_the_window_never_widens_itself_as_a_quote_is_typed(qtbot: Any, window: MainWindow) -> None:
    empty = window.minimumSizeHint().width()
    assert empty <= 1280, "fits the most common small laptop width"
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "discountInput", "25")  # "25% (approval)"
    type_into(qtbot, window, "smsInput", "250,000")  # "$2,386.25 a month"
    tick(qtbot, window, "carePackageCheck")
    guidance_left(window)
    assert window.minimumSizeHint().width() == empty


def test_the_window_fits_a_small_laptop_screen(qtbot: Any, window: MainWindow) -> None:
    window.finish_start()
    settle()
    empty = window.minimumSizeHint()
    assert empty.width() <= SMALL_LAPTOP[0] - 40, "with room to spare for a slightly larger font"
    assert empty.height() <= SMALL_LAPTOP[1]
    a_full_quote(qtbot, window)
    assert window.minimumSizeHint() == empty, "typing a quote never makes the window need more room"


def test_the_first_window_is_the_designed_size_where_the_screen_has_room_and_the_screen_where_not() -> None:
    assert first_size(QSize(1920, 1040)) == DEFAULT_SIZE == QSize(1280, 800)
    assert first_size(QSize(1093, 582)) == QSize(1077, 542)  # less a frame and a title bar


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
window.document.mark_saved()
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


@pytest.mark.parametrize("currency", ["USD", "CHF", "SEK"])
def test_a_first_start_on_a_large_screen_shows_the_guidance_beside_the_figures_in_any_currency(
    tmp_path: Path, sample_pricebook_bytes: bytes, currency: str
) -> None:
    book = tmp_path / "book.toml"  # "CHF 888,888.88" is wider than "$888,888.88"
    book.write_bytes(sample_pricebook_bytes.replace(b'"USD"', f'"{currency}"'.encode()))
    shown, inside, _, _, width, height, below = start_on_screen(tmp_path, 1920, 1040, CPIQUOTE_PRICEBOOK=str(book))
    assert (shown, inside, width, height, below) == (currency, "1", "1280", "800", "0")


@pytest.mark.parametrize(
    ("field", "reason", "missing", "sentence"),
    [
        ("interactions", "enter the interactions per year", True, "Enter the interactions per year."),
        (
            "discount",
            "35% is above the maximum discretionary discount of 30%; lower it or ask sales operations",
            False,
            "Discount: 35% is above the maximum discretionary discount of 30%; lower it or ask sales operations.",
        ),
        (
            "ramp_3",
            "must be a whole number from 0 to 1,000,000,000,000",
            False,
            "Interactions in year 3: must be a whole number from 0 to 1,000,000,000,000.",
        ),
        (
            "interactions",
            "interactions per year must be a whole number of 0 or more",
            False,
            "Interactions per year must be a whole number of 0 or more.",
        ),
        ("years", "must be from 1 to 5 years.", False, "Contract years: must be from 1 to 5 years."),
    ],
    ids=["missing", "named-first", "ramp-year", "names-itself", "one-point"],
)
def test_a_problem_is_one_sentence_that_names_its_field_once(field: str, reason: str, missing: bool, sentence: str) -> None:
    """The guidance line for a problem (no window needed): a missing input asks for it, any other names the field first."""
    assert problem_sentence(field, reason, missing) == sentence


def test_the_title_shows_the_library_number_and_revision_with_the_unsaved_mark(qtbot: Any, window: MainWindow) -> None:
    import datetime as dt

    type_into(qtbot, window, "customerInput", "Contoso")
    type_into(qtbot, window, "interactionsInput", "1000")
    assert window.windowTitle() == "Contoso[*]"
    window.commands["save_quote"].trigger()
    assert window.windowTitle() == f"Q-{dt.date.today().year}-00001 r1 — Contoso[*]" and not window.isWindowModified()
    type_into(qtbot, window, "interactionsInput", "0")
    assert window.isWindowModified()
