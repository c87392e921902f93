"""The quote form's panel: fields that refuse what cannot be a figure and say why beside the field.

Also the ramp's years, the estimator, labels and their Alt letters, names for screen readers and the tab order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit
from window_helpers import focus_name, guidance_left, leave, spoken, text, tick, type_into, w

from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote import workflows
from cpiquote.resources import sample_pricebook_path


def tab_order_from(window: MainWindow, name: str, steps: int) -> list[str]:
    """The names of the next `steps` controls that Tab reaches from `name` (visible, taking focus by Tab)."""
    order = []
    widget = w(window, name)
    for _ in range(steps):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget.objectName())
    return order


MNEMONICS = (
    ("C", "customerInput"),
    ("O", "contactInput"),
    ("I", "interactionsInput"),
    ("Y", "yearsInput"),
    ("D", "discountInput"),
    ("U", "servicesHoursInput"),
    ("M", "smsInput"),
    ("W", "whatsappInput"),
)


@pytest.mark.parametrize(
    ("name", "typed", "kept"),
    [
        ("discountInput", "-12.5x", "12.5"),
        ("servicesHoursInput", "4e1", "41"),
    ],
)
def test_decimals_refuse_letters_and_negatives_as_typed(qtbot: Any, window: MainWindow, name: str, typed: str, kept: str) -> None:
    type_into(qtbot, window, name, typed)
    assert text(window, name) == kept


@pytest.mark.parametrize(
    ("typed", "interactions", "left"),
    [("250k", 250_000, "250,000"), ("1.2m", 1_200_000, "1,200,000"), ("1.5K", 1_500, "1,500"), ("2M", 2_000_000, "2,000,000")],
)
def test_thousands_and_millions_are_priced_as_typed_and_grouped_on_leaving(
    qtbot: Any, window: MainWindow, typed: str, interactions: int, left: str
) -> None:
    type_into(qtbot, window, "interactionsInput", typed)
    assert text(window, "interactionsInput") == typed  # every character stays: "1.2m" used to become "12"
    assert window.quotation is not None and window.quotation.years[0].interactions == interactions
    leave(qtbot, window, "interactionsInput")
    assert text(window, "interactionsInput") == left


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("abc12x", "Must be a whole number of 0 or more, such as 120000, 120,000 or 120k"),
        ("12a3", "Must be a whole number of 0 or more"),
        ("-5", "Must be 0 or more: leave out the minus sign"),
        ("1.5", "Must be a whole number of 0 or more"),
        ("1.2345k", "Must be a whole number: 1.2345k is 1,234.5; write 1,234 or 1,235"),
    ],
)
def test_a_figure_that_is_not_a_whole_number_stays_as_typed_and_is_not_priced(
    qtbot: Any, window: MainWindow, typed: str, reason: str
) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    leave(qtbot, window, "interactionsInput")
    type_into(qtbot, window, "interactionsInput", typed)
    leave(qtbot, window, "interactionsInput")
    assert text(window, "interactionsInput") == typed  # never the digits inside it ("abc12x" is not 12)
    assert window.quotation is None
    assert window.inputs.error_text("interactions").startswith(reason)
    banner = window.results.stale_banner
    assert banner.isVisible() and "Not up to date" in banner.text()
    assert not w(window, "annualSubscriptionLabel").isEnabled()  # the 95,000 figures, greyed


def test_grouping_on_leaving_is_part_of_the_typing_it_ends(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    leave(qtbot, window, "interactionsInput")
    type_into(qtbot, window, "interactionsInput", "250k")
    leave(qtbot, window, "interactionsInput")
    assert text(window, "interactionsInput") == "250,000"
    window.commands["undo"].trigger()  # one step: what was typed, grouped
    assert text(window, "interactionsInput") == "95,000"
    window.commands["redo"].trigger()
    assert text(window, "interactionsInput") == "250,000"
    assert window.quotation is not None and window.quotation.years[0].interactions == 250_000
    steps = window.undo_stack.count()
    w(window, "interactionsInput").setFocus()
    leave(qtbot, window, "interactionsInput")  # passing through records nothing
    assert window.undo_stack.count() == steps


@pytest.mark.parametrize(
    ("language", "country", "left"),
    [
        (QLocale.Language.French, QLocale.Country.France, "1\u202f200\u202f000"),  # French groups with narrow no-break spaces
        (QLocale.Language.German, QLocale.Country.Germany, "1,200,000"),  # "." is the decimal point here: commas instead
        (QLocale.Language.English, QLocale.Country.UnitedStates, "1,200,000"),
    ],
)
def test_a_figure_is_grouped_in_the_users_locale_when_the_grammar_reads_its_separator(
    qtbot: Any, window: MainWindow, language: QLocale.Language, country: QLocale.Country, left: str
) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(language, country))
    try:
        type_into(qtbot, window, "interactionsInput", "1.2m")
        leave(qtbot, window, "interactionsInput")
        assert text(window, "interactionsInput") == left
        assert window.quotation is not None and window.quotation.years[0].interactions == 1_200_000
    finally:
        QLocale.setDefault(before)


def test_a_refused_keystroke_is_explained_beside_the_field_until_the_next_edit(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "12")
    type_into(qtbot, window, "yearsInput", "9")
    assert window.inputs.error_text("years") == "The longest contract is 5 years"
    type_into(qtbot, window, "discountInput", "-")
    assert window.inputs.error_text("discount").startswith("A percentage from 0 to 100")
    type_into(qtbot, window, "discountInput", "5")
    assert window.inputs.error_text("discount") == ""
    type_into(qtbot, window, "yearsInput", "1")
    assert window.inputs.error_text("years") == ""
    assert text(window, "annualSubscriptionLabel") == "$45,125.00"  # 12 interactions: the 50,000 minimum at 0.95 less 5%


def test_a_fields_inline_problem_is_read_out_and_tied_to_the_field(qtbot: Any, window: MainWindow) -> None:
    field = w(window, "yearsInput")
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "9")  # refused: the sample price book offers 1 to 5 years
    message = window.inputs.error_text("years")
    assert message.startswith("The longest contract is 5 years")
    label = w(window, "yearsError")
    assert message in spoken(label), f"the message label is read as {spoken(label)!r}"
    assert message in spoken(field), f"the field says nothing about its problem: {spoken(field)!r}"


def test_years_are_limited_to_the_price_book(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "yearsInput", "7")
    assert text(window, "yearsInput") == ""
    type_into(qtbot, window, "yearsInput", "5")
    assert text(window, "yearsInput") == "5"
    type_into(qtbot, window, "yearsInput", "0")
    type_into(qtbot, window, "interactionsInput", "1000")
    assert window.quotation is None
    assert window.inputs.error_text("years") == "Must be a whole number from 1 to 5 (the price book's longest contract)"


def test_a_price_book_offering_twelve_years_allows_twelve(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    text = sample_pricebook_path().read_text().replace("max_years = 5", "max_years = 12")
    text = text.replace("\n5 = ", "\n" + "".join(f"{year} = 12\n" for year in range(6, 13)) + "5 = ")
    book = tmp_path / "twelve.toml"
    book.write_text(text)
    assert workflows.load_pricebook(window, str(book))
    assert w(window, "yearsHintLabel").text() == "1 to 12; longer terms earn a discount"
    type_into(qtbot, window, "interactionsInput", "100000")
    type_into(qtbot, window, "yearsInput", "12")
    assert window.quotation is not None and len(window.quotation.years) == 12
    tick(qtbot, window, "rampCheck")
    assert window.quotation is None
    assert window.inputs.error_text("years").startswith("A different volume each year is offered up to 10 years")


def test_an_estimate_from_conversations_fills_the_interactions_and_is_kept(qtbot: Any, window: MainWindow) -> None:
    tick(qtbot, window, "estimateCheck")
    type_into(qtbot, window, "conversationsInput", "1,000,000")
    type_into(qtbot, window, "multiDayShareInput", "5")
    type_into(qtbot, window, "extraDaysInput", "1.2")
    type_into(qtbot, window, "proactiveInput", "100000")
    type_into(qtbot, window, "replyRateInput", "20")
    # ceil(1,000,000 x (1 + 0.05 x 1.2) + 100,000 x 0.2) = 1,080,000
    assert text(window, "interactionsInput") == "1,080,000"
    assert w(window, "interactionsInput").isReadOnly()
    assert window.quotation is not None and window.quotation.request.estimate is not None
    assert window.quotation.first_year.interactions == 1_080_000
    tick(qtbot, window, "estimateCheck")
    assert window.quotation is not None and window.quotation.request.estimate is None


def test_a_ramp_prices_each_year_on_its_own_volume(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "800000")
    type_into(qtbot, window, "yearsInput", "3")
    tick(qtbot, window, "rampCheck")
    assert [text(window, f"ramp{y}Input") for y in (1, 2, 3)] == ["800,000"] * 3  # grouped when the field was left
    type_into(qtbot, window, "ramp2Input", "1,000,000")
    type_into(qtbot, window, "ramp3Input", "1200000")
    quotation = window.quotation
    assert quotation is not None and quotation.request.interactions_per_year == (800_000, 1_000_000, 1_200_000)
    assert [window.year_table.cell_text(row, 1) for row in range(3)] == ["800,000", "1,000,000", "1,200,000"]
    assert text(window, "annualCreditsLabel") == "800,000"
    window.commands["undo"].trigger()
    window.commands["undo"].trigger()
    window.commands["undo"].trigger()  # the toggle and its pre-filled years were one step
    assert not w(window, "rampCheck").isChecked() and text(window, "ramp1Input") == ""


def test_lengthening_the_contract_with_the_ramp_on_opens_the_new_years_for_typing(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "100000")
    type_into(qtbot, window, "yearsInput", "2")
    tick(qtbot, window, "rampCheck")
    type_into(qtbot, window, "yearsInput", "4")
    assert w(window, "ramp3Input").isEnabled() and w(window, "ramp4Input").isEnabled()
    type_into(qtbot, window, "ramp4Input", "900000")
    assert window.quotation is not None and window.quotation.years[3].interactions == 900_000
    type_into(qtbot, window, "yearsInput", "2")
    assert not w(window, "ramp3Input").isEnabled(), "a year past the contract cannot be typed into"


def test_a_one_year_ramp_prices_the_year_1_field_it_lets_you_type_in(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "yearsInput", "3")
    type_into(qtbot, window, "interactionsInput", "100000")
    tick(qtbot, window, "rampCheck")
    type_into(qtbot, window, "yearsInput", "1")
    type_into(qtbot, window, "ramp1Input", "600000")
    assert not w(window, "interactionsInput").isEnabled() and w(window, "ramp1Input").isEnabled()
    assert w(window, "annualCreditsLabel").text() == "600,000"


def test_ticking_the_ramp_while_estimating_starts_every_year_at_the_estimate(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "yearsInput", "3")
    tick(qtbot, window, "estimateCheck")
    type_into(qtbot, window, "conversationsInput", "300000")
    assert w(window, "interactionsInput").text() == "300,000"
    tick(qtbot, window, "rampCheck")
    assert [w(window, f"ramp{year}Input").text() for year in (1, 2, 3)] == ["300,000"] * 3
    assert window.quotation is not None and window.quotation.request.interactions_per_year == (300_000,) * 3


def test_years_a_price_book_does_not_offer_leave_no_gap_under_the_ramp(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "yearsInput", "3")
    tick(qtbot, window, "rampCheck")
    qtbot.waitUntil(lambda: w(window, "ramp5Input").isVisible())
    ramp = w(window, "rampFields")
    last = w(window, "ramp5Input")
    bottom = last.mapTo(ramp, last.rect().bottomLeft()).y()
    assert ramp.height() - bottom < 12, "nothing but the margin under year 5 (the price book's longest contract)"


def test_the_ramp_is_a_table_whose_two_columns_hold_ten_digit_figures_and_end_with_the_form(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 800)
    type_into(qtbot, window, "yearsInput", "3")
    tick(qtbot, window, "rampCheck")
    QApplication.processEvents()

    def edges(name: str) -> tuple[int, int]:
        field = w(window, name)
        return field.mapTo(window, field.rect().topLeft()).x(), field.mapTo(window, field.rect().topRight()).x()

    ten_digits = w(window, "ramp1Input").fontMetrics().horizontalAdvance("1,000,000,000")
    for year in (1, 2, 3):  # each year's two fields side by side, in the same two columns
        (left, right), (credits_left, credits_right) = edges(f"ramp{year}Input"), edges(f"rampCredits{year}Input")
        assert (left, credits_left) == (edges("ramp1Input")[0], edges("rampCredits1Input")[0])
        assert right - left > ten_digits and credits_right - credits_left > ten_digits, "a figure shows whole"
        assert credits_right == edges("creditsInput")[1], "the table ends where the form's fields end"
    heading = w(window, "rampInteractionsHeading")
    assert heading.text() == "Interactions" and heading.mapTo(window, heading.rect().topLeft()).x() == edges("ramp1Input")[0]
    assert w(window, "rampCreditsHeading").text() == "Credits ordered"


def test_every_figure_in_the_form_ends_at_the_same_edge(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 800)
    tick(qtbot, window, "estimateCheck")
    guidance_left(window)

    def right(name: str) -> int:
        field = w(window, name)
        return field.mapTo(window, field.rect().topRight()).x()

    figures = ["interactionsInput", "yearsInput", "discountInput", "servicesHoursInput", "smsInput", "whatsappInput",
               "conversationsInput", "multiDayShareInput", "extraDaysInput", "proactiveInput", "replyRateInput"]  # fmt: skip
    assert {name: right(name) for name in figures} == dict.fromkeys(figures, right("interactionsInput"))


def test_tab_runs_through_the_estimator_and_the_ramp_in_form_order(qtbot: Any, window: MainWindow) -> None:
    tick(qtbot, window, "estimateCheck")
    assert tab_order_from(window, "estimateCheck", 6) == [
        "conversationsInput",
        "multiDayShareInput",
        "extraDaysInput",
        "proactiveInput",
        "replyRateInput",
        "rampCheck",
    ]
    tick(qtbot, window, "estimateCheck")
    type_into(qtbot, window, "yearsInput", "3")
    tick(qtbot, window, "rampCheck")
    ramp = [name for year in range(1, 6) for name in (f"ramp{year}Input", f"rampCredits{year}Input")]
    assert tab_order_from(window, "rampCheck", 11) == [*ramp, "yearsInput"]


def test_label_mnemonics_reach_their_fields(qtbot: Any, window: MainWindow) -> None:
    w(window, "customerInput").setFocus()
    for letter, name in MNEMONICS:
        qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{letter}"), Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is w(window, name), letter
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: w(window, "genaiCheck").isChecked())


def test_every_control_of_the_form_has_an_accessible_name(window: MainWindow) -> None:
    controls = window.inputs.findChildren(QLineEdit) + window.inputs.findChildren(QCheckBox)
    assert len(controls) > 20
    for control in controls:
        assert control.accessibleName(), control.objectName()


@pytest.mark.parametrize("size", [(1280, 690), (1366, 728)])
def test_a_message_appearing_on_a_laptop_screen_never_squashes_a_field_or_clips_its_hint(
    qtbot: Any, window: MainWindow, size: tuple[int, int]
) -> None:
    # The window at a laptop's size first, then a discount above the maximum: its three-line message used to squash
    # the Contract years field and clip its hint top and bottom, until the window's width changed.
    window.resize(*size)
    guidance_left(window)
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    type_into(qtbot, window, "discountInput", "35")
    tick(qtbot, window, "carePackageCheck")
    guidance_left(window)
    assert window.inputs.error_text("discount"), "the discount's message shows"
    for edit in window.inputs.findChildren(QLineEdit):
        if edit.isVisible():
            assert edit.height() >= edit.sizeHint().height(), f"{edit.objectName()} is squashed"
    for label in window.inputs.findChildren(QLabel):
        if label.isVisible() and label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), f"{label.text()!r} is clipped"
            assert label.parentWidget().rect().contains(label.geometry()), f"{label.text()!r} is cut off by its row"
    form = w(window, "inputScroll")
    assert form.verticalScrollBar().maximum() > 0, "the form scrolls instead"


def described(window: MainWindow, name: str) -> str:
    """What a screen reader gives as a control's description."""
    return str(QAccessible.queryAccessibleInterface(w(window, name)).text(QAccessible.Text.Description))


def test_each_hint_is_its_controls_description_and_a_message_replaces_it_while_shown(qtbot: Any, window: MainWindow) -> None:
    assert described(window, "genaiCheck") == "1.5 credits per interaction instead of 1"
    assert described(window, "intentManagerCheck") == "+0.2 credits per interaction"
    assert described(window, "carePackageCheck").startswith("10% of the subscription a year, at least $")
    assert described(window, "yearsInput") == "1 to 5; longer terms earn a discount"
    assert described(window, "discountInput") not in ("0", ""), "a description, not the value"
    type_into(qtbot, window, "yearsInput", "9")  # refused: longer than the price book's longest contract
    assert described(window, "yearsInput") == "The longest contract is 5 years"
    type_into(qtbot, window, "yearsInput", "2")
    assert described(window, "yearsInput") == "1 to 5; longer terms earn a discount"


def test_account_address_contact_sales_person_notes_and_terms_are_typed_into_the_quote(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    type_into(qtbot, window, "accountInput", "SITE-0042")
    type_into(qtbot, window, "salesPersonInput", "Sam Seller")
    for name, typed in (("billingAddressInput", "1 Harbour Street\nLeeds"), ("notesInput", "Held to 31 Dec.\n\nCall Sam."),
                        ("termsInput", "Net 30.")):  # fmt: skip
        box = w(window, name)
        box.setFocus()
        qtbot.keyClicks(box, typed.replace("\n", "\r"))  # Return starts a new line in a text box
        qtbot.keyClick(box, Qt.Key.Key_Tab)  # Tab leaves it, typing nothing
        assert focus_name() != name
    document = window.document
    assert [document.value(0, key) for key in ("account", "billing_address", "sales_person", "notes", "terms")] == [
        "SITE-0042", "1 Harbour Street\nLeeds", "Sam Seller", "Held to 31 Dec.\n\nCall Sam.", "Net 30."
    ]  # fmt: skip
    assert window.quotation is not None and window.quotation.request.billing_address == "1 Harbour Street\nLeeds"
    assert window.quotation.request.notes == "Held to 31 Dec.\n\nCall Sam."
    window.commands["undo"].trigger()  # the terms' typing, one step
    assert document.value(0, "terms") == "" and w(window, "termsInput").toPlainText() == ""
    window.commands["redo"].trigger()
    assert w(window, "termsInput").toPlainText() == "Net 30."


def test_notes_too_long_are_named_beside_their_box_and_the_quote_is_not_priced(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    w(window, "notesInput").setPlainText("x" * 2001)
    assert window.quotation is None
    assert window.inputs.error_text("notes") == "Is 2,001 characters long; the longest a quote can show is 2,000"
    w(window, "notesInput").setPlainText("x" * 2000)
    assert window.quotation is not None and window.inputs.error_text("notes") == ""


def test_a_new_quote_names_whoever_uses_the_app_as_its_sales_person(make_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPIQUOTE_AUTHOR", "Ann Author")
    window = make_window()
    assert w(window, "salesPersonInput").text() == "Ann Author" and not window.document.is_modified()
