"""The main window: the live quote workspace where a sales person types and sees the price at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMainWindow, QSplitter, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from cpiquote import formatting, services
from cpiquote.gui.common import dialogs
from cpiquote.gui.common.accessibility import Announcer, NamedTabBar
from cpiquote.gui.common.icons import app_icon
from cpiquote.gui.common.layout import VerticalScroll
from cpiquote.gui.quote import menus, workflows
from cpiquote.gui.quote.form import field_name, locate, problem_sentence
from cpiquote.gui.quote.guidance import GuidancePanel, quotation_entries
from cpiquote.gui.quote.inputs import InputPanel
from cpiquote.gui.quote.results import ResultsPanel
from cpiquote.gui.quote.scenarios import Scenario, ScenarioBar
from cpiquote.gui.quote.undo import EditCommand, Setter, before
from cpiquote.pricing import InputError
from cpiquote.pricing.limits import MAX_RAMP_YEARS
from cpiquote.quote.document import MAX_SCENARIOS, SCENARIO_KEYS, Change, ChangeKind, QuoteDocument
from cpiquote.quote.inputs import MissingInput, Value, default_values, estimate_from_values, request_from_values

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from cpiquote.gui.charts import CostByYearChart, PriceCurveChart
    from cpiquote.gui.common.tables import FigureTable
    from cpiquote.gui.library.dialog import LibraryDialog
    from cpiquote.gui.library.saving import LibraryLink
    from cpiquote.gui.quote.comparison import ComparisonTable
    from cpiquote.gui.quote.recovery import Autosave
    from cpiquote.gui.quote.result_tables import ResultTables
    from cpiquote.gui.renewal.workspace import RenewalWorkspace
    from cpiquote.pricing import InteractionEstimate, PriceBook, Quotation


DEFAULT_SIZE = QSize(1280, 800)  # the window's size on a first start, where the screen has room
FRAME = QSize(16, 40)  # room left for the window's frame and title bar, which its own size does not include


def first_size(available: QSize) -> QSize:
    """The window's size on its first start: DEFAULT_SIZE, or as much of the screen's `available` area (the screen less
    its task bar) as there is, less the frame. Qt then raises it to the window's smallest size where the screen is
    smaller still (under 1,054 px wide at the usual font size)."""
    return DEFAULT_SIZE.boundedTo(available - FRAME)


FORM_MIN_WIDTH = 370  # the estimator's fields keep room for ten-digit figures; the window fits a 1,366 x 768 laptop at 125%
RESULTS_MIN_HEIGHT = 300  # a shorter screen scrolls the results, but the headline figures always show
MAX_STEPS_BACK = 20  # how far back in a scenario's undo history the greyed figures are looked for


class MainWindow(QMainWindow):
    """The quote workspace: the form on the left, figures, guidance and charts on the right, re-priced on every edit.

    The quote itself is a QuoteDocument (`document`): the window shows it, turns a person's edits into undo steps that
    change it, and redraws when it says it changed. Each scenario's undo history and figures are the window's.
    """

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.document = services.new_quote()
        book, path, self._pricebook_problems = workflows.initial_pricebook(self.settings)
        self.document.use_pricebook(book, path)
        self.document.mark_saved()  # a new quote has nothing to lose until something is typed
        self._unsubscribe = self.document.subscribe(self._on_document_changed)
        self.undo_group = QUndoGroup(self)
        self.scenarios: list[Scenario] = []
        self.current_index = 0
        self._typing_session = 0
        self._recording = False  # an edit is being recorded: it re-prices once, when its undo step is on the stack
        self.price_chart: PriceCurveChart | None = None
        self.cost_chart: CostByYearChart | None = None
        self.renewal: RenewalWorkspace | None = None  # built when first shown
        self.library: LibraryDialog | None = None  # File > Quote library, once opened
        self.library_link: LibraryLink | None = None  # the stored revision the quote was opened from or saved as
        self.autosave: Autosave | None = None  # the recovery file, from the first paint on
        self.announcer = Announcer(self)  # the new figures, for screen readers, once typing pauses
        self._build()
        self.commands = menus.install(self, self.undo_group, self._command_slots())
        for name in ("undo", "redo"):  # connected after the group's own undo and redo, so called after them
            self.commands[name].triggered.connect(self._history_moved)
        self.inputs.set_limits(self.pricebook)
        self._connect()
        self._show_scenarios(0)
        workflows.show_pricebook(self)
        self._restore_layout()

    @property
    def pricebook(self) -> PriceBook:
        """The price book the open quote is priced with."""
        book = self.document.pricebook
        assert book is not None  # the window gives every document it shows a price book
        return book

    def event(self, event: QEvent) -> bool:
        """After the first paint, finish building the window."""
        if event.type() == QEvent.Type.Paint and self.price_chart is None:
            QTimer.singleShot(0, self.finish_start)
        return super().event(event)

    def finish_start(self) -> None:
        """Add what the first paint can do without: the focus rings' style, the charts, the form's hidden parts (the
        estimator's fields, the ramp's years) and the price book's hints (they load Babel's locale data).

        Runs once, right after the window's first paint (or when first needed), so the window appears sooner.
        """
        if self.price_chart is not None:
            return
        from cpiquote.gui.charts import CostByYearChart, PriceCurveChart  # after the first paint: see gui.app
        from cpiquote.gui.common.focus_ring import show_focus_rings

        show_focus_rings()
        self.price_chart = PriceCurveChart()
        self.cost_chart = CostByYearChart()
        self._chart_row.addWidget(self.price_chart, 3)
        self._chart_row.addWidget(self.cost_chart, 2)
        self.inputs.finish_building()
        self.show_pricebook_hints()
        self.reprice()
        self.announcer.settle()  # the opening figures are read with the window
        if self._pricebook_problems:
            problems, self._pricebook_problems = self._pricebook_problems, []
            workflows.explain_dropped_pricebook(self, problems)
        self._start_autosave()

    def _start_autosave(self) -> None:
        """Autosave the quote from now on, first offering what a window that crashed left unsaved."""
        from cpiquote.gui.quote import recovery  # after the first paint, with the library it reads

        self.autosave = recovery.Autosave(lambda: (self.document, self.library_link), self)
        recovery.offer_leftovers(self, self.autosave)

    def show_pricebook_hints(self) -> None:
        """What the form and figures say of the active price book: the features' rates, the Care Package's terms,
        the longest contract, and room for its everyday figures."""
        self.inputs.set_pricebook(self.pricebook)
        self.results.fit_to(self.pricebook)
        if self.renewal is not None:
            self.renewal.use_pricebook()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.inputs = InputPanel(lambda key: self.document.value(self.current_index, key))
        form = VerticalScroll(self.inputs, "inputScroll", least=QSize(FORM_MIN_WIDTH, 0))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(form)
        results = VerticalScroll(self._right_side(), "resultsScroll", least=QSize(0, RESULTS_MIN_HEIGHT))
        self.results.details_row.scroll_with(results)
        self.splitter.addWidget(results)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 900])  # at 1,280 px, room beside the figures for the guidance in any currency
        central = QWidget()  # the margins go on a frame around the splitter: a splitter leaves its own out of its minimum size
        frame = QVBoxLayout(central)
        frame.setContentsMargins(10, 8, 6, 4)  # and 4 on the right inside the results column: clear of its scroll bar
        frame.addWidget(self.splitter)
        self.workspaces = QStackedWidget()  # the quote workspace, and the renewal one once shown
        self.workspaces.setObjectName("workspaces")
        self.workspaces.addWidget(central)
        self.setCentralWidget(self.workspaces)
        self.pricebook_label = QLabel()
        self.pricebook_label.setObjectName("pricebookStatusLabel")
        self.statusBar().addPermanentWidget(self.pricebook_label)

    def _right_side(self) -> QWidget:
        self.scenario_bar = ScenarioBar()
        self.guidance = GuidancePanel()
        self.results = ResultsPanel(self.guidance)
        self.results.details_row.rearranged.connect(self.guidance.place_below)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(8, 0, 4, 0)
        column.setSpacing(8)
        column.addWidget(self.scenario_bar)
        column.addWidget(self.results)
        column.addWidget(self._tabs(), 1)
        return side

    def _tabs(self) -> QTabWidget:
        charts = QWidget()
        self._chart_row = QHBoxLayout(charts)
        self._chart_row.setContentsMargins(0, 6, 0, 0)
        self._table_pages = (QWidget(), QWidget(), QWidget())  # filled by ResultTables when first shown
        self._tables: ResultTables | None = None
        self._tables_stale = self._comparison_stale = True
        self._table_quotation: Quotation | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("resultTabs")
        self.tabs.setTabBar(NamedTabBar())  # heard as "Result pages", not as its current tab
        self.tabs.setAccessibleName("Results")
        self.tabs.tabBar().setAccessibleName("Result pages")
        self.tabs.setDocumentMode(True)
        # Alt+letters of the form, menus and guidance are all different; tabs are reached with Tab and the arrow keys
        titles = ("Cha&rts", "Year by year", "Invoices", "Compare scenarios")
        self._pages = (charts, *self._table_pages)
        for widget, title in zip(self._pages, titles, strict=True):
            self.tabs.addTab(widget, title)
        self.tabs.currentChanged.connect(lambda _index: self._refresh_tables())
        self.tabs.currentChanged.connect(self._height_from_page)
        self.tabs.currentChanged.connect(lambda _index: self._focus_off_pages())
        self._height_from_page(0)
        return self.tabs

    def _focus_off_pages(self) -> None:
        """Focus left on a page container (Alt+R from inside a table: Qt focuses the new page itself) goes to the tabs."""
        if QApplication.focusWidget() in self._pages:
            self.tabs.tabBar().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _height_from_page(self, index: int) -> None:
        """Only the page on show sets how tall the result pages must be: the invoices, shown whole, scroll the column
        on their own page only, not under the charts."""
        for page, widget in enumerate(self._pages):
            policy = widget.sizePolicy()
            policy.setVerticalPolicy(policy.Policy.Preferred if page == index else policy.Policy.Ignored)
            widget.setSizePolicy(policy)

    def _result_tables(self) -> ResultTables:
        """The table pages, built on first need."""
        if self._tables is None:
            from cpiquote.gui.quote.result_tables import ResultTables  # when first shown: see gui.app

            self._tables = ResultTables(*self._table_pages)
        return self._tables

    def _refresh_tables(self, everything: bool = False) -> ResultTables | None:
        """Bring the tables on show (or `everything`) up to date with the quote; typing does not fill hidden tables."""
        index = self.tabs.currentIndex()
        if self._tables_stale and (everything or index in (1, 2)):
            self._tables_stale = False
            self._result_tables().show_quotation(self._table_quotation)
        if self._comparison_stale and (everything or index == 3):
            self._comparison_stale = False
            self._result_tables().show_scenarios(self.scenarios, self.export_index)
        return self._tables

    @property
    def year_table(self) -> FigureTable:
        """The "Year by year" table, up to date."""
        return self._up_to_date_tables().year_table

    @property
    def invoice_table(self) -> FigureTable:
        """The invoice schedule table, up to date."""
        return self._up_to_date_tables().invoice_table

    @property
    def pass_through_table(self) -> FigureTable:
        """The pass-through estimate table, up to date."""
        return self._up_to_date_tables().pass_through_table

    @property
    def comparison(self) -> ComparisonTable:
        """The scenarios side by side, up to date."""
        return self._up_to_date_tables().comparison

    def _up_to_date_tables(self) -> ResultTables:
        self._refresh_tables(everything=True)
        return self._result_tables()

    def _command_slots(self) -> dict[str, Callable[[], object]]:
        """What each menu and toolbar command does."""
        return {
            "new_quote": lambda: workflows.new_quote(self),
            "open_quote": lambda: workflows.open_quote(self),
            "save_quote": lambda: workflows.save_quote(self),
            "save_quote_as": lambda: workflows.save_quote_as(self),
            "new_revision": lambda: workflows.new_revision(self),
            "duplicate_quote": lambda: workflows.duplicate_quote(self),
            "reprice_quote": lambda: workflows.reprice_quote(self),
            "preferences": self.show_preferences,
            "quote_library": self.show_library,
            "open_pricebook": lambda: workflows.open_pricebook(self),
            "export_pdf": lambda: workflows.export(self, ".pdf"),
            "export_xlsx": lambda: workflows.export(self, ".xlsx"),
            "export_proposal": self.export_proposal,
            "quit": self.close,
            "new_scenario": self.add_scenario,
            "duplicate_scenario": self.duplicate_scenario,
            "remove_scenario": self.remove_scenario,
            "export_scenario": self.mark_exported,
            "next_scenario": lambda: self.switch_scenario((self.current_index + 1) % len(self.scenarios)),
            "previous_scenario": lambda: self.switch_scenario((self.current_index - 1) % len(self.scenarios)),
            "about": lambda: workflows.show_about(self),
            "quote_workspace": lambda: self.show_workspace(renewal=False),
            "renewal_workspace": lambda: self.show_workspace(renewal=True),
        }

    def export_proposal(self) -> None:
        """File > Export proposal (its module, and the documents it writes, load when first used)."""
        from cpiquote.gui.quote import proposal

        proposal.export_proposal(self)

    def show_library(self) -> None:
        """File > Quote library (its module, and the database library, load when first opened: see gui.app)."""
        from cpiquote.gui.library.dialog import show_library

        self.library = show_library(self)

    def show_preferences(self) -> None:
        """Edit > Preferences: the quote library's database."""
        from cpiquote.gui.library.preferences import show_preferences

        show_preferences(self, self.settings)

    def show_workspace(self, renewal: bool) -> None:
        """Show the quote workspace or the renewal one (built the first time), in the same room: the window keeps its size."""
        if renewal and self.renewal is None:
            from cpiquote.gui.renewal.workspace import RenewalWorkspace  # when first shown: see gui.app

            self.renewal = RenewalWorkspace(self, lambda: self.show_workspace(renewal=False))
            self.workspaces.addWidget(self.renewal)
        self.workspaces.setCurrentIndex(1 if renewal else 0)
        menus.show_workspace(self.commands, renewal)

    def _connect(self) -> None:
        self.inputs.edited.connect(self._on_edited)
        self.inputs.field_finished.connect(self._end_typing)
        self.guidance.apply_button.clicked.connect(self.apply_price_break)
        self.scenario_bar.tabs.currentChanged.connect(self.switch_scenario)
        self.scenario_bar.add_requested.connect(self.add_scenario)
        self.scenario_bar.duplicate_requested.connect(self.duplicate_scenario)
        self.scenario_bar.remove_requested.connect(self.remove_scenario)
        self.scenario_bar.export_requested.connect(self.mark_exported)

    # --- the document ---------------------------------------------------------------------

    @property
    def widget(self) -> QMainWindow:
        """The window, as the parent of the dialogs its commands open."""
        return self

    def show_document(self, document: QuoteDocument, link: LibraryLink | None = None) -> None:
        """Show another quote (a new one, one opened from a file, or the stored revision `link`): its scenarios, each
        with a fresh undo history."""
        pricebook_changed = document.pricebook is not self.document.pricebook
        self._unsubscribe()
        self.document, self.library_link = document, link
        self._unsubscribe = document.subscribe(self._on_document_changed)
        if pricebook_changed:
            self.show_pricebook_hints()
            workflows.show_pricebook(self)
        self._show_scenarios(0)

    def _on_document_changed(self, change: Change) -> None:
        """Show what changed in the quote: an input of the scenario on show, the price book, what is saved."""
        if change.kind is ChangeKind.VALUE and change.key is not None:
            if change.scenario in (None, self.current_index):
                self.inputs.show_value(change.key, self.document.value(self.current_index, change.key))
                if not self._recording:  # an undo or redo: re-price now
                    self.reprice()
        elif change.kind is ChangeKind.PRICEBOOK:
            self.show_pricebook_hints()
            workflows.show_pricebook(self)
            self._reprice_all()
        self._update_modified()
        self._update_title()
        if self.autosave is not None:
            self.autosave.changed()

    def _setter(self, scenario: Scenario) -> Setter:
        """How an undo step of `scenario` sets one of its inputs, wherever the scenario stands in the list by then."""

        def set_value(key: str, value: Value) -> None:
            index = next(i for i, each in enumerate(self.scenarios) if each is scenario)
            self.document.set_value(index, key, value)

        return set_value

    # --- the quote on show ----------------------------------------------------------------

    @property
    def quotation(self) -> Quotation | None:
        """The priced quote of the scenario being edited; None while its inputs cannot be priced."""
        return self.current.quotation

    @property
    def current(self) -> Scenario:
        """The scenario the form shows."""
        return self.scenarios[self.current_index]

    @property
    def values(self) -> dict[str, Value]:
        """The inputs of the scenario on show, as typed (the quote document's)."""
        return self.document.values(self.current_index)

    @property
    def undo_stack(self) -> QUndoStack:
        """The undo history of the scenario being edited."""
        return self.current.stack

    def reprice(self) -> None:
        """Price the scenario on show and show it (called on every edit)."""
        scenario, values = self.current, self.values
        try:
            self._show_estimate(values)
            quotation = services.price(self.pricebook, request_from_values(values, self.pricebook))
        except InputError as error:
            self._show_problem(scenario, values, error)
        else:
            self._show_quotation(scenario, quotation)
        self._comparison_stale = True
        self._refresh_tables()
        self._update_modified()
        self._update_title()

    def _reprice_all(self) -> None:
        """Price every scenario again (the price book changed): those not on show from the document, quietly."""
        for index, scenario in enumerate(self.scenarios):
            if index != self.current_index:
                try:
                    request = request_from_values(self.document.values(index), self.pricebook)
                    scenario.quotation, scenario.problem = services.price(self.pricebook, request), ""
                except InputError as error:
                    scenario.quotation, scenario.problem = None, error.reason
        self.reprice()

    def _update_title(self) -> None:
        """The file's name (or the customer's, before it is saved) and the modified mark; the platform adds the app's
        name after it where that is the custom (Windows, Linux: "Contoso.cpiquote — CPI Quote"), from the application's
        display name."""
        path, link = self.document.path, self.library_link
        name = path.name if path is not None else self.document.customer.strip() or "Untitled quote"
        if link is not None:  # "Q-2026-00043 r2 — Contoso"
            name = f"{link.title} — {self.document.customer.strip() or 'no customer'}"
        title = f"{name}[*]"
        if self.windowTitle() != title:
            self.setWindowTitle(title)
            self.setWindowFilePath(str(path) if path is not None else "")

    def _show_estimate(self, values: dict[str, Value]) -> None:
        try:
            estimate = estimate_from_values(values)
        except InputError:
            estimate = None
        self.inputs.show_estimate(estimate.interactions if estimate is not None else None)

    def _show_quotation(self, scenario: Scenario, quotation: Quotation) -> None:
        scenario.quotation = quotation
        scenario.problem = ""
        self.inputs.show_error(None)
        self.results.show_quotation(quotation)
        self.guidance.show_entries(quotation_entries(quotation), any(y.price_break for y in quotation.years))
        self._show_tables(quotation)
        currency = quotation.pricebook.currency
        value = formatting.money(quotation.total_contract_value, currency)
        subscription = formatting.money(quotation.first_year.annual_subscription, currency)
        self.announcer.later(f"Contract value {value}, annual subscription {subscription}.", " ".join(self.guidance.texts()))

    def _show_tables(self, quotation: Quotation | None, current: bool = True) -> None:
        """Charts and tables of `quotation`; not `current`: the last good quote, faded like the figures above them."""
        if self.price_chart is not None and self.cost_chart is not None:
            self.price_chart.set_quotation(quotation)
            self.cost_chart.set_quotation(quotation)
            self.price_chart.setEnabled(current)
            self.cost_chart.setEnabled(current)
        for page in self._table_pages[:2]:  # year by year and invoices (the comparison says "not priced" itself)
            page.setEnabled(current)
        self._table_quotation, self._tables_stale = quotation, True

    def _show_problem(self, scenario: Scenario, values: dict[str, Value], error: InputError) -> None:
        """Say what is wrong beside the field and in the guidance; keep the last figures, marked as not current."""
        missing = isinstance(error, MissingInput)
        field, reason = locate(error, values)
        scenario.quotation, scenario.problem = None, reason
        message = problem_sentence(field, reason, missing)
        self.inputs.show_error(None if missing else field, reason)
        self.guidance.show_entries([("notice-info" if missing else "notice-error", message)], False)
        self.announcer.later(message if missing else f"Not priced. {message}", message)
        last_good = None if missing else self._before_the_problem(scenario, values)  # nothing to price yet: no old figures
        if last_good is None:
            self.results.clear(f"{message[:-1]} to see the price." if missing else f"Not priced. {message}")
            self._show_tables(None)
            return
        self.results.show_quotation(last_good)
        self._show_tables(last_good, current=False)
        # one short line: the reason is beside the field and in the guidance already
        self.results.mark_stale(f"Not up to date until {field_name(field)} is fixed: the greyed figures are for the last complete input.")

    def _history_moved(self) -> None:
        """Undo and redo re-price from inside the step, before the history's position moves on. The greyed figures of
        a quote that cannot be priced come from that history, so they are found again once it has moved."""
        if self.current.quotation is None:
            self.reprice()

    def _before_the_problem(self, scenario: Scenario, values: dict[str, Value]) -> Quotation | None:
        """The figures shown greyed while the form cannot be priced: those of the latest step in its undo history that
        priced, before the steps that broke it. Found from the history alone, so undo then redo shows the same figures,
        and a keystroke on the way (the "3" of "34") is never taken for a complete input."""
        state, stack = dict(values), scenario.stack
        for index in range(stack.index() - 1, max(stack.index() - 1 - MAX_STEPS_BACK, -1), -1):
            state.update(before(stack.command(index)))
            try:
                return services.price(self.pricebook, request_from_values(state, self.pricebook))
            except InputError:
                continue
        return None

    # --- editing and undo -----------------------------------------------------------------

    def _on_edited(self, key: str, new: Value) -> None:
        """Record a person's edit as an undo step that changes the document, then re-price once."""
        old = self.document.value(self.current_index, key)
        if old == new:
            return
        self._recording = True
        try:
            self._record(key, old, new)
        finally:
            self._recording = False
        self.reprice()

    def _record(self, key: str, old: Value, new: Value) -> None:
        stack, setter = self.undo_stack, self._setter(self.current)
        follow_ups = {("ramp", True): self._prefill_ramp, ("estimate", False): self._keep_estimate}
        follow_up = follow_ups.get((key, new)) if isinstance(new, bool) else None
        if follow_up is None:
            top = stack.command(stack.index() - 1) if stack.index() == stack.count() else None
            if isinstance(top, EditCommand) and top.continues(key, self._typing_session):
                top.absorb(new, stack)  # the next keystroke of the same typing: no new command
            else:
                stack.push(EditCommand(setter, key, old, new, self._typing_session))
            return
        command = EditCommand(setter, key, old, new, -1)
        stack.beginMacro(command.text())
        estimate = self._estimate_before_edit()
        stack.push(command)
        follow_up(estimate)
        stack.endMacro()

    def _estimate_before_edit(self) -> InteractionEstimate | None:
        """The estimate the quote held before the edit being recorded (the document is not changed yet)."""
        try:
            return estimate_from_values(self.values)
        except InputError:
            return None

    def _push(self, key: str, value: Value) -> None:
        """One more change inside the undo step being recorded."""
        old = self.document.value(self.current_index, key)
        self.undo_stack.push(EditCommand(self._setter(self.current), key, old, value, -1))

    def _keep_estimate(self, estimate: InteractionEstimate | None) -> None:
        """Turning the estimator off keeps its result as the interactions figure, to adjust from there."""
        if estimate is not None:
            self._push("interactions", formatting.count(estimate.interactions))

    def _prefill_ramp(self, estimate: InteractionEstimate | None) -> None:
        """Start each empty year of a new ramp at the interactions figure that was on screen (the estimate's, if any), and
        at the credits ordered, if any."""
        values = self.values
        figures = {
            "ramp_": formatting.count(estimate.interactions) if estimate is not None else str(values["interactions"]),
            "ramp_credits_": str(values["credits"]),
        }
        for prefix, figure in figures.items():
            for year in range(1, MAX_RAMP_YEARS + 1):
                key = f"{prefix}{year}"
                if figure and not values[key]:
                    self._push(key, figure)

    def _end_typing(self, _key: str) -> None:
        """Leaving a field ends its typing session: the next edit there is a new undo step."""
        self._typing_session += 1

    def set_field(self, key: str, value: Value, text: str) -> None:
        """Change one input as a single undo step named `text` (used by actions such as applying a price break)."""
        self._typing_session += 1
        self._recording = True
        try:
            self.undo_stack.beginMacro(text)
            self._push(key, value)
            self.undo_stack.endMacro()
        finally:
            self._recording = False
        self._typing_session += 1
        self.reprice()

    def apply_price_break(self) -> None:
        """Order the advised credits for the year it is advised for (one undo step); the forecast stays as it is."""
        change = workflows.price_break_change(self.quotation, bool(self.values["ramp"]))
        if change is not None:
            key, text = change
            self.set_field(key, text, "Apply price break")

    # --- scenarios ------------------------------------------------------------------------

    def _show_scenarios(self, index: int) -> None:
        """One scenario on screen for each of the document's, each with an empty undo history; show scenario `index`."""
        for old in self.scenarios:
            self.undo_group.removeStack(old.stack)
            old.stack.deleteLater()
        self.scenarios = [self._new_scenario(name) for name in self.document.scenario_names]
        self.current_index = -1
        self.switch_scenario(index)

    def _new_scenario(self, name: str) -> Scenario:
        stack = QUndoStack(self)
        self.undo_group.addStack(stack)
        return Scenario(name, stack)

    def _append_scenario(self, index: int) -> None:
        self.scenarios.append(self._new_scenario(self.document.scenario_names[index]))
        self.switch_scenario(index)

    def switch_scenario(self, index: int) -> None:
        """Show scenario `index` in the form: its inputs, figures and undo history."""
        if not 0 <= index < len(self.scenarios) or index == self.current_index:
            self.scenario_bar.show_names([s.name for s in self.scenarios], self.current_index, self.export_index)
            return
        self.current_index = index
        self._typing_session += 1
        self.undo_group.setActiveStack(self.current.stack)
        self.scenario_bar.show_names([s.name for s in self.scenarios], index, self.export_index)
        self.inputs.show_all()
        self.reprice()

    def add_scenario(self) -> None:
        """A new, empty scenario for the same customer."""
        if len(self.scenarios) < MAX_SCENARIOS:
            self._append_scenario(self.document.add_scenario())

    def duplicate_scenario(self) -> None:
        """A copy of the scenario on show, to vary one thing and compare."""
        if len(self.scenarios) < MAX_SCENARIOS:
            self._append_scenario(self.document.duplicate_scenario(self.current_index))

    def remove_scenario(self) -> None:
        """Remove the scenario on show (the last one stays), after asking when it holds a quote: it cannot be undone."""
        if len(self.scenarios) <= 1:
            return
        index, values, empty = self.current_index, self.values, default_values()
        if any(values[key] != empty[key] for key in SCENARIO_KEYS) and not dialogs.ask_remove_scenario(self, self.current.name):
            return
        self.document.remove_scenario(index)
        removed = self.scenarios.pop(index)
        self.undo_group.removeStack(removed.stack)
        removed.stack.deleteLater()
        self.current_index = -1
        self.switch_scenario(min(index, len(self.scenarios) - 1))

    def mark_exported(self) -> None:
        """Make the scenario on show the one that Export writes."""
        self.document.set_exported(self.current_index)
        self.scenario_bar.show_names([s.name for s in self.scenarios], self.current_index, self.export_index)
        self._comparison_stale = True
        self._refresh_tables()

    @property
    def export_index(self) -> int:
        """The index of the scenario that Export writes."""
        return self.document.exported

    @property
    def exported(self) -> Scenario:
        """The scenario that Export writes."""
        return self.scenarios[self.export_index]

    # --- window life ----------------------------------------------------------------------

    def is_modified(self) -> bool:
        """True when the quote has changes that are not saved (closing would lose them)."""
        return self.document.is_modified()

    def _update_modified(self) -> None:
        modified = self.is_modified()
        if self.isWindowModified() != modified:
            self.setWindowModified(modified)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Offer to save a changed quote first (or stay open); remember the window's size and layout. The recovery file
        is written first (a crash while the question is asked loses nothing) and removed once the window closes."""
        if self.autosave is not None:
            self.autosave.write()
        if not workflows.settle_changes(self, "closing"):
            event.ignore()
            return
        if self.autosave is not None:
            self.autosave.remove()
        self._unsubscribe()
        if self.renewal is not None:
            self.renewal.shutdown()
        self._save_layout()
        event.accept()

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        self.settings.sync()

    def _first_geometry(self) -> None:
        """The first start's size, fitted to a small screen and centred on it, so all of the window is in view wherever
        the screen is larger than the window's smallest size."""
        screen = self.screen()
        if screen is None:
            self.resize(DEFAULT_SIZE)
            return
        area = screen.availableGeometry()
        size = first_size(area.size())
        self.resize(size)
        if size != DEFAULT_SIZE:
            self.move(area.x() + max(0, (area.width() - size.width() - FRAME.width()) // 2), area.y())

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry)):
            self._first_geometry()  # nothing saved, or Qt refused it (saved on a screen of quite another size)
        for key, restore in (("window/state", self.restoreState), ("window/splitter", self.splitter.restoreState)):
            value = self.settings.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                restore(value)
        self.tabs.setCurrentIndex(int(self.settings.value("window/tab", 0, type=int)))  # type: ignore[call-overload]
