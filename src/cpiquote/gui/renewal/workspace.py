"""The Renewal workspace: a running subscription and its usage on the left; the forecast, the chart, the three ways
through the contract year and the renewal quote on the right, worked out again on every edit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from cpiquote import formatting, services, wording
from cpiquote.gui.common import dialogs
from cpiquote.gui.common.accessibility import Announcer
from cpiquote.gui.common.layout import VerticalScroll
from cpiquote.gui.common.theme import style, style_banner
from cpiquote.gui.quote import workflows
from cpiquote.gui.renewal import counting
from cpiquote.gui.renewal.cards import OptionCards
from cpiquote.gui.renewal.chart import UsageChart
from cpiquote.gui.renewal.form import FIELD_NAMES, USAGE_FILES, RenewalForm
from cpiquote.gui.renewal.model import Figures, Value, figures, subscription_from_values, usage_line
from cpiquote.pricing import InputError
from cpiquote.quote.document import QuoteDocument
from cpiquote.quote.inputs import MissingInput
from cpiquote.usage.model import last_day

if TYPE_CHECKING:
    from cpiquote.pricing import Quotation
    from cpiquote.usage import UsageCount

FORM_WIDTH = 360
USAGE_FOLDER_KEY = "usage/folder"
# an error's field as the pricing rules name it -> the form's field that holds it
FIELDS = {"discount_percent": "discount", "credits": "subscription_credits", "usage": "used_credits"}
TOP_UP_FILES = "PDF documents (*.pdf);;Excel workbooks (*.xlsx)"
WAITING = "Enter the subscription and its usage to see the forecast and the ways through the contract year."


class RenewalWorkspace(QWidget):
    """An account manager's workspace beside the quote one: figures from what is typed or counted, quotes from them.

    `window` is the main window, as the quote commands see it (its price book, its quote, its status bar);
    `show_quote` brings the quote workspace forward.
    """

    def __init__(self, window: workflows.Workspace, show_quote: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("renewalWorkspace")
        self.window_ = window
        self._show_quote = show_quote
        self.usage: UsageCount | None = None
        self.usage_name = ""
        self._file_path = ""  # the usage file chosen last, counted or not
        self.figures: Figures | None = None
        self.renewal: Quotation | None = None
        self.counter = counting.UsageCounter(self)
        self.announcer = Announcer(self)  # the new recommendation, for screen readers, once typing pauses
        self._build()
        self._connect()
        self.setAcceptDrops(True)
        self.form.set_max_years(window.pricebook.max_years)
        self.refresh()
        self.announcer.settle()  # the first recommendation is read with the workspace

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.form = RenewalForm()
        form = VerticalScroll(self.form, "renewalFormScroll", least=QSize(FORM_WIDTH, 0))
        results = QScrollArea()  # scrolls sideways too: the window's smallest size stays the quote workspace's
        results.setObjectName("renewalResultsScroll")
        results.setWidget(self._results())
        results.setWidgetResizable(True)
        results.setFrameShape(QScrollArea.Shape.NoFrame)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 6, 4)
        row.setSpacing(12)
        row.addWidget(form)
        row.addWidget(results, 1)

    def _results(self) -> QWidget:
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 4, 0)
        column.setSpacing(10)
        self.recommendation = QLabel()
        self.recommendation.setObjectName("recommendationLabel")
        self.recommendation.setWordWrap(True)
        style(self.recommendation, "value")
        self.summary = QLabel()
        self.summary.setObjectName("forecastLabel")
        self.summary.setWordWrap(True)
        self.chart = UsageChart()
        self.chart.setMinimumHeight(260)
        self.cards = OptionCards()
        for widget in (self.recommendation, self.summary, self.chart, self.cards):
            column.addWidget(widget)
        column.addStretch(1)
        return side

    def _connect(self) -> None:
        self.form.edited.connect(lambda _key, _value: self.refresh())
        self.form.on_file(self.open_usage_file)
        self.form.typed_button.clicked.connect(self.type_usage)
        self.form.cancel_button.clicked.connect(self.counter.cancel)
        self.form.zone_combo.currentTextChanged.connect(lambda _zone: self._recount())
        self.form.skip_invalid.toggled.connect(lambda _on: self._recount())
        self.form.renewal_button.clicked.connect(self.create_renewal_quote)
        self.form.from_quote_button.clicked.connect(lambda: self.fill_from_quote())
        self.cards.top_up_button.clicked.connect(self.create_top_up_quote)
        self.counter.progressed.connect(self.form.progress.setValue)
        self.counter.counted.connect(self._on_counted)
        self.counter.failed.connect(self._on_failed)
        self.counter.stopped.connect(self._on_stopped)

    # --- the subscription from the quote library --------------------------------------------

    def fill_from_quote(self, number: str = "") -> bool:
        """Fill the subscription from an accepted quote in the quote library (its number asked for when not given): the
        figures the customer signed. The contract start stays as typed: the quote does not say when the contract began."""
        number = number or dialogs.ask_text(self, "Subscription from a quote", "Number of the accepted quote, such as Q-2026-00001:")
        if not number:
            return False
        from cpiquote import store

        try:
            with store.open_store() as library:
                quotation = services.accepted_quotation(library, number)
        except (store.StoreError, InputError) as error:
            dialogs.show_error(self, "Subscription not taken from the quote", f"{error}.\n\nThe subscription is unchanged.")
            return False
        self._show_subscription(quotation)
        self.window_.statusBar().showMessage(f"Subscription taken from {number}.", 8000)
        return True

    def _show_subscription(self, quotation: Quotation) -> None:
        year, request = quotation.first_year, quotation.request
        texts = {
            "customer": request.customer,
            "subscription_credits": formatting.count(year.annual_credits),
            "contract_years": str(request.years),
            "discount": formatting.number(request.discount_percent),
            "price_per_credit": str(year.price_per_credit),
            "overage_price": str(year.overage_price_per_credit),
        }
        for key, text in texts.items():
            self.form.set_text(key, text)
        for feature in self.form.flags:
            self.form.flags[feature].setChecked(bool(getattr(request, feature)))
        self.refresh()

    # --- figures --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Work the figures out again when shown: the price book may have changed meanwhile."""
        super().showEvent(event)
        self.refresh()

    def use_pricebook(self) -> None:
        """The window's price book changed: limit the years to it and work the figures out again."""
        self.form.set_max_years(self.window_.pricebook.max_years)
        self.refresh()

    def refresh(self) -> None:
        """Work out the analysis from what is typed and counted, and show it; or say what is missing or wrong."""
        pricebook, values = self.window_.pricebook, self.form.values()
        self._show_default_prices(values)
        try:
            self.figures = figures(pricebook, values, self.usage)
            self.renewal = services.price(pricebook, self.figures.renewal)
        except InputError as error:
            self.figures = self.renewal = None
            self._show_problem(error)
        else:
            self.form.show_error(None)
            self._show_figures(self.figures, self.renewal)
        self.announcer.later(self.recommendation.text())

    def _show_default_prices(self, values: Mapping[str, Value]) -> None:
        """The price book's P and O for the subscription as typed (O: for the P typed, if any), as the price fields'
        placeholders: what an empty field stands for."""
        try:
            subscription = subscription_from_values(self.window_.pricebook, values)
        except InputError:
            for key in ("price_per_credit", "overage_price"):
                self.form.texts[key].setPlaceholderText("from the price book")
            return
        self.form.texts["price_per_credit"].setPlaceholderText(f"{subscription.price_per_credit} (price book)")
        self.form.texts["overage_price"].setPlaceholderText(f"{subscription.overage_price} (price book)")

    def _show_problem(self, error: InputError) -> None:
        """A missing input: what to enter, in the results; a wrong one: the reason beside its field (or in the results)."""
        field = FIELDS.get(error.field, error.field)
        missing = isinstance(error, MissingInput)
        beside = field in self.form.texts and not missing
        self.form.show_error(field if beside else None, error.detail)
        name = FIELD_NAMES.get(field, field.replace("_", " ").capitalize())
        sentence = f"{error.detail[:1].upper()}{error.detail[1:]}." if missing else f"Not worked out: {name}: {error.detail}."
        self.recommendation.setText(WAITING if missing else sentence)
        style_banner(self.recommendation, warning=not missing)
        self.summary.setText(sentence if missing else "")
        self.summary.setVisible(missing)
        self.chart.set_analysis(None)
        self.cards.show_analysis(None, [])
        self.form.renewal_button.setEnabled(False)
        self.form.renewal_hint.setText("Sized from the forecast year plus the growth.")
        if self.usage is not None:
            self.form.set_text("used_credits", "")

    def _show_figures(self, shown: Figures, renewal: Quotation) -> None:
        analysis = shown.analysis
        texts = wording.renewal_texts(analysis)
        self.recommendation.setText(texts[0])
        style_banner(self.recommendation, warning=analysis.recommendation.value != "none")
        self.summary.setText(wording.forecast_text(analysis))
        self.summary.setVisible(True)
        self.chart.set_analysis(analysis, usage_line(shown))
        self.cards.show_analysis(analysis, texts)
        self.form.renewal_button.setEnabled(True)
        self.form.renewal_hint.setText(wording.renewal_quote_text(analysis, renewal))
        if self.usage is not None:
            self.form.set_text("used_credits", formatting.count(analysis.forecast.used_credits))

    # --- usage from a file ----------------------------------------------------------------

    def open_usage_file(self) -> None:
        """Open usage file: choose a conversation log or monthly usage file and count it."""
        settings = self.window_.settings
        folder = str(settings.value(USAGE_FOLDER_KEY, "", type=str))
        path = dialogs.ask_open_path(self, "Open usage file", folder, USAGE_FILES)
        if path:
            settings.setValue(USAGE_FOLDER_KEY, str(Path(path).resolve().parent))
            self.load_usage_file(path)

    def load_usage_file(self, path: str) -> None:
        """Count the usage file at `path` in the background (its progress and Cancel in the usage area)."""
        self.form.show_file_error("")
        self._file_path = path
        self.form.file_label.setText(f"Counting {Path(path).name}…")
        self.form.show_counting(True)
        self.counter.start(path, self.form.zone_combo.currentText(), self.form.skip_invalid.isChecked())

    def _recount(self) -> None:
        """Count the file chosen again: the site's time zone or the rows to skip changed."""
        if self._file_path:
            self.load_usage_file(self._file_path)

    def _on_counted(self, path: str, usage: UsageCount) -> None:
        self.form.show_counting(False)
        self.usage, self.usage_name = usage, Path(path).name
        self.form.texts["used_credits"].setReadOnly(True)
        day = last_day(usage)
        if day is not None:
            self.form.set_text("as_of", day.isoformat())
        self.form.file_label.setText(_usage_sentence(self.usage_name, usage))
        self.refresh()

    def _on_failed(self, path: str, message: str) -> None:
        self.form.show_counting(False)
        kept = f" The usage shown is {self.usage_name}'s." if self.usage_name else ""
        self.form.file_label.setText(f"{Path(path).name} was not counted.{kept}")
        self.form.show_file_error(message)

    def _on_stopped(self, path: str) -> None:
        self.form.show_counting(False)
        kept = f" The usage shown is {self.usage_name}'s." if self.usage_name else ""
        self.form.file_label.setText(f"Counting {Path(path).name} was cancelled.{kept}")

    def type_usage(self) -> None:
        """Leave the file: the credits used are typed again (starting from the file's figure)."""
        self.counter.cancel()
        self.usage, self.usage_name, self._file_path = None, "", ""
        self.form.show_counting(False)
        self.form.texts["used_credits"].setReadOnly(False)
        self.form.show_file_error("")
        self.form.file_label.setText("Or drop a conversation log or monthly usage file here.")
        self.refresh()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        """Take a file dragged over the workspace."""
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        """Count the file dropped on the workspace."""
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.load_usage_file(urls[0].toLocalFile())

    def shutdown(self) -> None:
        """Stop a count before the window closes."""
        self.counter.shutdown()

    # --- quotes ---------------------------------------------------------------------------

    def create_renewal_quote(self) -> None:
        """Open the renewal quote (the next term) in the quote workspace, once the quote open there is settled."""
        if self.figures is None or not workflows.settle_changes(self.window_, "creating a renewal quote"):
            return
        window = self.window_
        info = window.document.pricebook_info
        document = QuoteDocument.of_request(self.figures.renewal, window.pricebook, info.path if info is not None else "")
        window.show_document(document)
        self._show_quote()
        credits = formatting.count(self.figures.renewal.ordered_credits_per_year[0] or 0)
        window.statusBar().showMessage(f"Renewal quote: {credits} credits a year, sized from the forecast year plus growth.", 8000)

    def create_top_up_quote(self) -> Path | None:
        """Write the top-up for the customer: the renewal analysis document (PDF or Excel, chosen in a save dialog), which
        holds the top-up's order when it is the recommended option, then the renewal quote (services.export_renewal).

        Not a quote in the quote workspace: a top-up is priced at the band price of credit S + T, which a quote of T
        credits would not be.
        """
        if self.figures is None or self.renewal is None or self.figures.analysis.top_up is None:
            return None
        folder = str(self.window_.settings.value(workflows.EXPORT_FOLDER_KEY, "", type=str))
        suggestion = Path(folder) / workflows.file_name(self.renewal.request.customer, ".pdf")
        chosen = dialogs.ask_save_path(self, "Save the top-up", str(suggestion), TOP_UP_FILES)
        if not chosen:
            return None
        path = Path(chosen if chosen.lower().endswith((".pdf", ".xlsx")) else chosen + ".pdf")
        try:
            written = services.export_renewal(self.figures.analysis, self.renewal, path)
        except (services.ExportError, InputError) as error:
            dialogs.show_error(self, "Top-up not written", f"{error}\n\nNothing was lost: the figures are unchanged.")
            return None
        self.window_.settings.setValue(workflows.EXPORT_FOLDER_KEY, str(written.parent))
        self.window_.statusBar().showMessage(f"Wrote {written}", 8000)
        return written


def _usage_sentence(name: str, usage: UsageCount) -> str:
    """What was counted from a file, in a line; rows skipped are never left unsaid."""
    if usage.by_day:
        first, last = usage.by_day[0].day, usage.by_day[-1].day
        counted = f"{formatting.count(usage.interactions)} interactions in {formatting.count(usage.conversations)} conversations"
        what = f"{counted}, {first.isoformat()} to {last.isoformat()}"
    elif usage.by_month:
        what = f"{len(usage.by_month)} months, {usage.by_month[0].month} to {usage.by_month[-1].month}"
    else:
        what = "no usage"
    skipped = ""
    if usage.rows_skipped:
        skipped = f" {formatting.count(usage.rows_skipped)} rows skipped; the first: {usage.first_skipped}."
    return f"From {name}: {what}.{skipped}"
