"""The Renewal workspace in the main window: typing a subscription and its usage, the forecast, the cards, the chart,
switching workspaces and the renewal quote it opens in the quote workspace."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from pdf_helpers import all_text
from PySide6.QtCore import Qt
from window_helpers import settle, spoken, text, type_into, w

from cpiquote import wording
from cpiquote.gui.common import accessibility
from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.renewal.workspace import RenewalWorkspace
from cpiquote.pricing.renewal import analyse, renewal_request, subscription_from_pricebook

SUBSCRIPTION = {"subscriptionCreditsInput": "1,000,000", "contractStartInput": "2026-01-01", "contractYearsInput": "3"}


def renewal(qtbot: Any, window: MainWindow) -> RenewalWorkspace:
    """Switch to the Renewal workspace with Ctrl+2, as a person does."""
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.renewal is not None
    qtbot.waitUntil(lambda: window.workspaces.currentWidget() is window.renewal)
    return window.renewal


def subscription_and_usage(qtbot: Any, window: MainWindow, used: str, as_of: str = "2026-07-31") -> RenewalWorkspace:
    """A million credits a year for three years from 2026-01-01 with Generative AI, and `used` credits by `as_of`."""
    workspace = renewal(qtbot, window)
    for name, figure in {**SUBSCRIPTION, "usedCreditsInput": used, "asOfInput": as_of}.items():
        type_into(qtbot, window, name, figure)
    w(window, "renewalGenerativeAiCheck").click()
    return workspace


def expected(window: MainWindow, used: int, as_of: dt.date = dt.date(2026, 7, 31)) -> Any:
    subscription = subscription_from_pricebook(window.pricebook, dt.date(2026, 1, 1), 3, 1_000_000, generative_ai=True)
    return analyse(window.pricebook, subscription, used, as_of)


def test_the_workspaces_switch_in_the_same_room_and_the_quote_stays(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1200000")
    settle()
    size, smallest, figures = window.size(), window.minimumSizeHint(), window.quotation
    workspace = renewal(qtbot, window)
    settle()
    assert workspace.isVisible() and not w(window, "interactionsInput").isVisible()
    assert window.commands["renewal_workspace"].isChecked() and not window.commands["quote_workspace"].isChecked()
    assert not window.commands["export_pdf"].isEnabled(), "exporting the quote unseen from the Renewal workspace"
    assert (window.size(), window.minimumSizeHint()) == (size, smallest)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert w(window, "interactionsInput").isVisible()
    assert text(window, "interactionsInput") == "1,200,000"
    assert window.quotation == figures and window.commands["export_pdf"].isEnabled()
    window.commands["renewal_workspace"].trigger()
    assert window.workspaces.currentWidget() is workspace, "built once, kept with what was typed"


def test_the_workspace_commands_are_in_the_view_menu_and_at_the_left_of_the_toolbar(window: MainWindow) -> None:
    view = next(action.menu() for action in window.menuBar().actions() if action.text() == "View")
    assert [action.text() for action in view.actions()] == ["&Quote", "&Renewal"]
    toolbar = window.findChild(type(window.addToolBar("probe")), "mainToolBar")
    assert [action.text() for action in toolbar.actions()[:2]] == ["&Quote", "&Renewal"]


def test_typing_a_subscription_and_usage_shows_the_forecast_the_options_and_the_recommendation(qtbot: Any, window: MainWindow) -> None:
    subscription_and_usage(qtbot, window, "700,000")
    analysis = expected(window, 700_000)
    texts = wording.renewal_texts(analysis)
    assert analysis.recommendation.value == "early_renewal"
    assert text(window, "recommendationLabel") == texts[0]
    assert text(window, "forecastLabel") == wording.forecast_text(analysis)
    assert text(window, "overageCardCost") == f"${analysis.overage.cost:,}"
    assert analysis.top_up is not None and text(window, "topUpCardCost") == f"${analysis.top_up.cost:,}"
    assert text(window, "earlyRenewalCardCost") == f"${analysis.early_renewal.cost_this_year:,}"
    assert text(window, "topUpCardText").startswith(f"{analysis.top_up.credits:,} credits at ")
    assert text(window, "usedCreditsInput") == "700,000"
    cards = {name: w(window, name) for name in ("overageCard", "topUpCard", "earlyRenewalCard")}
    assert [name for name, card in cards.items() if card.recommended] == ["earlyRenewalCard"]
    assert cards["earlyRenewalCard"].badge == "Recommended" and not cards["overageCard"].badge
    assert spoken(cards["earlyRenewalCard"]).startswith("Early renewal, recommended | ")
    assert "recommended" not in spoken(cards["topUpCard"])
    assert w(window, "usageChart").model.runout == dt.date(2026, 10, 30)


def test_a_forecast_within_the_subscription_needs_no_action_and_shows_the_unused_credits(qtbot: Any, window: MainWindow) -> None:
    subscription_and_usage(qtbot, window, "300,000")
    analysis = expected(window, 300_000)
    assert analysis.recommendation.value == "none" and analysis.unused_credits > 0
    assert text(window, "recommendationLabel").startswith("No action needed")
    assert f"{analysis.unused_credits:,} credits are forecast to go unused" in text(window, "recommendationLabel")
    assert text(window, "overageCardCost") == text(window, "topUpCardCost") == "Not needed"
    assert not any(w(window, name).recommended for name in ("overageCard", "topUpCard", "earlyRenewalCard"))
    assert not w(window, "createTopUpButton").isEnabled()
    assert w(window, "usageChart").model.runout is None


def test_the_price_fields_show_the_price_books_prices_for_the_subscription(qtbot: Any, window: MainWindow) -> None:
    subscription_and_usage(qtbot, window, "700,000")
    subscription = expected(window, 700_000).subscription
    assert w(window, "pricePerCreditInput").placeholderText() == f"{subscription.price_per_credit} (price book)"
    type_into(qtbot, window, "pricePerCreditInput", "0.4")
    analysis = window.renewal.figures.analysis  # type: ignore[union-attr]
    assert analysis.subscription.price_per_credit == Decimal("0.4")
    assert w(window, "overagePriceInput").placeholderText() == f"{analysis.subscription.overage_price} (price book)"


def test_a_wrong_figure_is_explained_beside_its_field(qtbot: Any, window: MainWindow) -> None:
    subscription_and_usage(qtbot, window, "700,000")
    type_into(qtbot, window, "contractStartInput", "2028-02-30")
    assert w(window, "contractStartError").isVisible()
    assert text(window, "contractStartError") == "2028-02-30 is not a day of the calendar: February 2028 has 29 days"
    assert text(window, "overageCardCost") == "—" and not w(window, "createRenewalButton").isEnabled()
    type_into(qtbot, window, "contractStartInput", "2026-01-01")
    type_into(qtbot, window, "asOfInput", "2029-01-01")
    assert not w(window, "contractStartError").isVisible()
    assert text(window, "asOfError").startswith("2029-01-01 is after the contract ends")


def test_a_missing_figure_is_asked_for_without_an_error(qtbot: Any, window: MainWindow) -> None:
    renewal(qtbot, window)
    assert text(window, "forecastLabel") == "Enter the annual credits subscribed."
    assert not w(window, "subscriptionCreditsError").isVisible()


def test_create_renewal_quote_opens_a_priced_quote_in_the_quote_workspace(qtbot: Any, window: MainWindow, dialog_log: Any) -> None:
    type_into(qtbot, window, "interactionsInput", "5")  # a quote typed and not saved: the person is asked first
    workspace = subscription_and_usage(qtbot, window, "700,000")
    type_into(qtbot, window, "renewalCustomerInput", "Contoso")
    type_into(qtbot, window, "growthInput", "5")
    analysis = expected(window, 700_000)
    request = renewal_request(window.pricebook, analysis.subscription, analysis.forecast.credits, Decimal(5), customer="Contoso")
    qtbot.mouseClick(w(window, "createRenewalButton"), Qt.MouseButton.LeftButton)
    assert dialog_log.changes_asked == [("Untitled quote", "creating a renewal quote")]
    assert window.workspaces.currentIndex() == 0 and window.commands["quote_workspace"].isChecked()
    assert window.document.customer == "Contoso" and window.document.is_modified()
    assert text(window, "creditsInput") == f"{request.ordered_credits_per_year[0]:,}"
    assert window.quotation is not None
    assert window.quotation.first_year.annual_credits == request.ordered_credits_per_year[0]
    assert window.quotation.request.generative_ai and window.quotation.request.years == 3
    assert workspace.renewal is not None and window.quotation.total_contract_value == workspace.renewal.total_contract_value


def test_create_renewal_quote_keeps_the_open_quote_when_the_person_cancels(qtbot: Any, window: MainWindow, dialog_log: Any) -> None:
    type_into(qtbot, window, "interactionsInput", "5")
    subscription_and_usage(qtbot, window, "700,000")
    dialog_log.changes_answer = "cancel"
    qtbot.mouseClick(w(window, "createRenewalButton"), Qt.MouseButton.LeftButton)
    assert window.workspaces.currentWidget() is window.renewal
    assert text(window, "interactionsInput") == "5"


def test_create_top_up_quote_writes_the_analysis_document_with_the_top_up(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Any
) -> None:
    """Through the renewal documents, not a quote of T credits: that would be priced otherwise."""
    workspace = subscription_and_usage(qtbot, window, "700,000")
    dialog_log.save_path = str(tmp_path / "Contoso top-up")
    qtbot.mouseClick(w(window, "createTopUpButton"), Qt.MouseButton.LeftButton)
    written = tmp_path / "Contoso top-up.pdf"
    assert window.statusBar().currentMessage() == f"Wrote {written}"
    analysis = expected(window, 700_000)
    assert analysis.top_up is not None
    words = " ".join(all_text(written.read_bytes()).split())
    assert f"{analysis.top_up.credits:,}" in words and f"${analysis.top_up.cost:,}" in words
    assert window.workspaces.currentWidget() is workspace, "the figures stay in sight"
    dialog_log.save_path = ""
    qtbot.mouseClick(w(window, "createTopUpButton"), Qt.MouseButton.LeftButton)  # cancelled: nothing more written
    assert list(tmp_path.glob("*.pdf")) == [written]


def test_contract_years_beyond_the_price_books_longest_contract_cannot_be_typed(qtbot: Any, window: MainWindow) -> None:
    renewal(qtbot, window)
    longest = window.pricebook.max_years
    type_into(qtbot, window, "contractYearsInput", str(longest + 1))
    assert text(window, "contractYearsInput") == "", "refused as it is typed, like the quote form's years"


def test_the_subscription_comes_from_an_accepted_quote_in_the_library(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    from cpiquote import services
    from cpiquote.pricing import QuoteRequest
    from cpiquote.store import Status, open_store

    monkeypatch.setenv("CPIQUOTE_DATABASE_URL", f"sqlite:///{(tmp_path / 'quotes.sqlite3').as_posix()}")
    signed = services.price(window.pricebook, QuoteRequest((), 3, True, ordered_credits_per_year=(1_000_000,), customer="Contoso"))
    with open_store() as library:
        number = services.save_to_library(library, signed, services.default_pricebook_path()).number
    workspace = renewal(qtbot, window)
    dialog_log.text_answer = number
    w(window, "fromQuoteButton").click()
    [(title, message, _)] = dialog_log.errors  # a draft is not a subscription yet
    assert title == "Subscription not taken from the quote" and f"{number} is draft" in message
    with open_store() as library:
        for status in (Status.SENT, Status.ACCEPTED):
            library.set_status(number, status)
    w(window, "fromQuoteButton").click()
    assert [text(window, name) for name in ("renewalCustomerInput", "subscriptionCreditsInput", "contractYearsInput")] == [
        "Contoso",
        "1,000,000",
        "3",
    ]
    assert w(window, "renewalGenerativeAiCheck").isChecked() and not w(window, "renewalIntentManagerCheck").isChecked()
    type_into(qtbot, window, "contractStartInput", "2026-01-01")  # the quote does not say when the contract began
    type_into(qtbot, window, "usedCreditsInput", "700,000")
    type_into(qtbot, window, "asOfInput", "2026-07-31")
    assert workspace.figures is not None
    assert workspace.figures.analysis == expected(window, 700_000)  # the figures the customer signed: the same subscription


def test_a_screen_reader_hears_the_new_recommendation_once_typing_pauses(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []
    monkeypatch.setattr(accessibility, "announce", lambda _widget, said: heard.append(said))
    subscription_and_usage(qtbot, window, "700,000")
    qtbot.waitUntil(lambda: bool(heard))
    qtbot.wait(accessibility.PAUSE_MS + 100)
    assert heard == [text(window, "recommendationLabel")], "only the recommendation after the last keystroke"
