"""The main window: the live quote workspace where a sales person types and sees the price at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from cpiquote import formatting
from cpiquote.gui.common import dialogs
from cpiquote.gui.common.icons import app_icon
from cpiquote.gui.common.layout import VerticalScroll
from cpiquote.gui.quote import menus, workflows
from cpiquote.gui.quote.form import (
    MAX_RAMP_YEARS,
    FormState,
    FormValue,
    MissingInput,
    build_request,
    default_state,
    estimate_from,
    field_name,
    locate,
)
from cpiquote.gui.quote.guidance import GuidancePanel, quotation_entries
from cpiquote.gui.quote.inputs import InputPanel
from cpiquote.gui.quote.results import ResultsPanel
from cpiquote.gui.quote.scenarios import MAX_SCENARIOS, Scenario, ScenarioBar, next_name
from cpiquote.gui.quote.undo import EditCommand, before
from cpiquote.pricing import InputError

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from cpiquote.gui.charts import CostByYearChart, PriceCurveChart
    from cpiquote.gui.common.tables import FigureTable
    from cpiquote.gui.quote.comparison import ComparisonTable
    from cpiquote.gui.quote.result_tables import ResultTables
    from cpiquote.pricing import InteractionEstimate, Quotation


DEFAULT_SIZE = QSize(1280, 800)  # the window's size on a first start, where the screen has room
FRAME = QSize(16, 40)  # room left for the window's frame and title bar, which its own size does not include


def first_size(available: QSize) -> QSize:
    """The window's size on its first start: DEFAULT_SIZE, or as much of the screen's `available` area (the screen less
    its task bar) as there is, less the frame. Qt then raises it to the window's smallest size where the screen is
    smaller still (under 1,054 px wide at the usual font size)."""
    return DEFAULT_SIZE.boundedTo(available - FRAME)


def problem_sentence(field: str, reason: str, missing: bool) -> str:
    """The guidance line for a problem, as a sentence: "Enter the contract years.", "Discount: 35% is above ...".

    A reason that already names its field ("interactions per year must be ...") is not prefixed with the name again.
    """
    sentence = reason[:1].upper() + reason[1:]
    if not missing and not reason.lower().startswith(field_name(field).lower()):
        sentence = f"{field_name(field)}: {reason}"
    return sentence if sentence.endswith(".") else sentence + "."


FORM_MIN_WIDTH = 370  # the estimator's fields keep room for ten-digit figures; the window fits a 1,366 x 768 laptop at 125%
RESULTS_MIN_HEIGHT = 300  # a shorter screen scrolls the results, but the headline figures always show
CARRIED_KEYS = ("customer", "contact")  # a new scenario starts with these of the scenario on show
MAX_STEPS_BACK = 20  # how far back in a scenario's undo history the greyed figures are looked for


class MainWindow(QMainWindow):
    """The quote workspace: the form on the left, figures, guidance and charts on the right, re-priced on every edit."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.setObjectName("mainWindow")
        self.setWindowTitle("CPI Quote[*]")
        self.setWindowIcon(app_icon())
        self.pricebook, self._pricebook_problems = workflows.initial_pricebook(self)
        self.undo_group = QUndoGroup(self)
        self.scenarios: list[Scenario] = []
        self.current_index = 0
        self.export_index = 0
        self._typing_session = 0
        self.price_chart: PriceCurveChart | None = None
        self.cost_chart: CostByYearChart | None = None
        self._build()
        self.commands = menus.install(self)
        for name in ("undo", "redo"):  # connected after the group's own undo and redo, so called after them
            self.commands[name].triggered.connect(self._history_moved)
        self.inputs.set_limits(self.pricebook)
        self._connect()
        self._append_scenario(default_state(), default_state())
        workflows.show_pricebook(self)
        self._restore_layout()

    def event(self, event: QEvent) -> bool:
        """After the first paint, finish building the window."""
        if event.type() == QEvent.Type.Paint and self.price_chart is None:
            QTimer.singleShot(0, self.finish_start)
        return super().event(event)

    def finish_start(self) -> None:
        """Add what the first paint can do without: the charts, the form's hidden parts (the estimator's fields, the
        ramp's years) and the price book's hints (they load Babel's locale data).

        Runs once, right after the window's first paint (or when first needed), so the window appears sooner.
        """
        if self.price_chart is not None:
            return
        from cpiquote.gui.charts import CostByYearChart, PriceCurveChart  # imported here for start-up time

        self.price_chart = PriceCurveChart()
        self.cost_chart = CostByYearChart()
        self._chart_row.addWidget(self.price_chart, 3)
        self._chart_row.addWidget(self.cost_chart, 2)
        self.inputs.finish_building()
        self.show_pricebook_hints()
        self.reprice()
        if self._pricebook_problems:
            problems, self._pricebook_problems = self._pricebook_problems, []
            workflows.explain_dropped_pricebook(self, problems)

    def show_pricebook_hints(self) -> None:
        """What the form and figures say of the active price book: the features' rates, the Care Package's terms,
        the longest contract, and room for its everyday figures."""
        self.inputs.set_pricebook(self.pricebook)
        self.results.fit_to(self.pricebook)

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.inputs = InputPanel()
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
        self.setCentralWidget(central)
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
        self.tabs.setAccessibleName("Results")
        self.tabs.tabBar().setAccessibleName("Result pages")
        self.tabs.setDocumentMode(True)
        # Alt+letters of the form, menus and guidance are all different; tabs are reached with Tab and the arrow keys
        titles = ("Cha&rts", "Year by year", "Invoices", "Compare scenarios")
        for widget, title in zip((charts, *self._table_pages), titles, strict=True):
            self.tabs.addTab(widget, title)
        self.tabs.currentChanged.connect(lambda _index: self._refresh_tables())
        return self.tabs

    def _result_tables(self) -> ResultTables:
        """The table pages, built on first need."""
        if self._tables is None:
            from cpiquote.gui.quote.result_tables import ResultTables  # imported here for start-up time

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

    def _connect(self) -> None:
        self.inputs.edited.connect(self._on_edited)
        self.inputs.changed.connect(self.reprice)
        self.inputs.field_finished.connect(self._end_typing)
        self.guidance.apply_button.clicked.connect(self.apply_price_break)
        self.scenario_bar.tabs.currentChanged.connect(self.switch_scenario)
        self.scenario_bar.add_requested.connect(self.add_scenario)
        self.scenario_bar.duplicate_requested.connect(self.duplicate_scenario)
        self.scenario_bar.remove_requested.connect(self.remove_scenario)
        self.scenario_bar.export_requested.connect(self.mark_exported)

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
    def undo_stack(self) -> QUndoStack:
        """The undo history of the scenario being edited."""
        return self.current.stack

    def reprice(self) -> None:
        """Price what the form holds and show it (called on every edit)."""
        scenario = self.current
        scenario.state = self.inputs.state()
        try:
            self._show_estimate(scenario.state)
            quotation = workflows.price(self.pricebook, build_request(scenario.state, self.pricebook))
        except InputError as error:
            self._show_problem(scenario, error)
        else:
            self._show_quotation(scenario, quotation)
        self._comparison_stale = True
        self._refresh_tables()
        self._update_modified()
        self._update_title(str(scenario.state["customer"]).strip())

    def _update_title(self, customer: str) -> None:
        title = f"{customer} – CPI Quote[*]" if customer else "CPI Quote[*]"
        if self.windowTitle() != title:
            self.setWindowTitle(title)

    def _show_estimate(self, state: FormState) -> None:
        try:
            estimate = estimate_from(state)
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

    def _show_problem(self, scenario: Scenario, error: InputError) -> None:
        """Say what is wrong beside the field and in the guidance; keep the last figures, marked as not current."""
        missing = isinstance(error, MissingInput)
        field, reason = locate(error, scenario.state)
        scenario.quotation, scenario.problem = None, reason
        message = problem_sentence(field, reason, missing)
        self.inputs.show_error(None if missing else field, reason)
        self.guidance.show_entries([("notice-info" if missing else "notice-error", message)], False)
        last_good = None if missing else self._before_the_problem(scenario)  # nothing to price yet: no old figures
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

    def _before_the_problem(self, scenario: Scenario) -> Quotation | None:
        """The figures shown greyed while the form cannot be priced: those of the latest step in its undo history that
        priced, before the steps that broke it. Found from the history alone, so undo then redo shows the same figures,
        and a keystroke on the way (the "3" of "34") is never taken for a complete input."""
        state, stack = dict(scenario.state), scenario.stack
        for index in range(stack.index() - 1, max(stack.index() - 1 - MAX_STEPS_BACK, -1), -1):
            state.update(before(stack.command(index)))
            try:
                return workflows.price(self.pricebook, build_request(state, self.pricebook))
            except InputError:
                continue
        return None

    # --- editing and undo -----------------------------------------------------------------

    def _on_edited(self, key: str, old: FormValue, new: FormValue) -> None:
        """Record a person's edit as an undo step (the form already shows it)."""
        stack = self.undo_stack
        follow_ups = {("ramp", True): self._prefill_ramp, ("estimate", False): self._keep_estimate}
        follow_up = follow_ups.get((key, new)) if isinstance(new, bool) else None
        if follow_up is None:
            top = stack.command(stack.index() - 1) if stack.index() == stack.count() else None
            if isinstance(top, EditCommand) and top.continues(key, self._typing_session):
                top.absorb(new, stack)  # the next keystroke of the same typing: no new command
            else:
                stack.push(EditCommand(self.inputs, key, old, new, self._typing_session))
            return
        command = EditCommand(self.inputs, key, old, new, -1)
        stack.beginMacro(command.text())
        estimate = self._estimate_before_edit()
        stack.push(command)
        follow_up(estimate)
        stack.endMacro()

    def _estimate_before_edit(self) -> InteractionEstimate | None:
        """The estimate the form held before the edit being recorded (the scenario's state is not updated yet)."""
        try:
            return estimate_from(self.current.state)
        except InputError:
            return None

    def _keep_estimate(self, estimate: InteractionEstimate | None) -> None:
        """Turning the estimator off keeps its result as the interactions figure, to adjust from there."""
        if estimate is not None:
            figure = formatting.count(estimate.interactions)
            self.undo_stack.push(EditCommand(self.inputs, "interactions", self.inputs.state()["interactions"], figure, -1))

    def _prefill_ramp(self, estimate: InteractionEstimate | None) -> None:
        """Start each empty year of a new ramp at the interactions figure that was on screen (the estimate's, if any), and
        at the credits ordered, if any."""
        state = self.inputs.state()
        figures = {
            "ramp_": formatting.count(estimate.interactions) if estimate is not None else str(state["interactions"]),
            "ramp_credits_": str(state["credits"]),
        }
        for prefix, figure in figures.items():
            for year in range(1, MAX_RAMP_YEARS + 1):
                key = f"{prefix}{year}"
                if figure and not state[key]:
                    self.undo_stack.push(EditCommand(self.inputs, key, "", figure, -1))

    def _end_typing(self, _key: str) -> None:
        """Leaving a field ends its typing session: the next edit there is a new undo step."""
        self._typing_session += 1

    def set_field(self, key: str, value: str | bool, text: str) -> None:
        """Change one field as a single undo step named `text` (used by actions such as applying a price break)."""
        self._typing_session += 1
        self.undo_stack.beginMacro(text)
        self.undo_stack.push(EditCommand(self.inputs, key, self.inputs.state()[key], value, -1))
        self.undo_stack.endMacro()
        self._typing_session += 1

    def apply_price_break(self) -> None:
        """Order the advised credits for the year it is advised for (one undo step); the forecast stays as it is."""
        change = workflows.price_break_change(self.quotation, bool(self.current.state["ramp"]))
        if change is not None:
            key, text = change
            self.set_field(key, text, "Apply price break")

    # --- scenarios ------------------------------------------------------------------------

    def _append_scenario(self, state: FormState, saved: FormState) -> None:
        stack = QUndoStack(self)
        self.undo_group.addStack(stack)
        self.scenarios.append(Scenario(next_name(self.scenarios), state, stack, saved))
        self.switch_scenario(len(self.scenarios) - 1)

    def switch_scenario(self, index: int, keep_form: bool = True) -> None:
        """Show scenario `index` in the form (its inputs, figures and undo history); `keep_form` stores the form first."""
        if not 0 <= index < len(self.scenarios):
            return
        if keep_form and self.current_index < len(self.scenarios):
            self.current.state = self.inputs.state()
        self.current_index = index
        self._typing_session += 1
        self.undo_group.setActiveStack(self.current.stack)
        self.scenario_bar.show_names([s.name for s in self.scenarios], index, self.export_index)
        self.inputs.set_state(self.current.state)
        self.reprice()

    def add_scenario(self) -> None:
        """A new, empty scenario for the same customer."""
        if len(self.scenarios) < MAX_SCENARIOS:
            state = default_state()
            state.update({key: self.inputs.state()[key] for key in CARRIED_KEYS})
            self._append_scenario(state, dict(state))  # nothing typed in it yet: nothing to lose

    def duplicate_scenario(self) -> None:
        """A copy of the scenario on show, to vary one thing and compare."""
        if len(self.scenarios) < MAX_SCENARIOS:
            self._append_scenario(self.inputs.state(), dict(self.current.saved))  # exported if its original is

    def remove_scenario(self) -> None:
        """Remove the scenario on show (the last one stays), after asking when it holds a quote: it cannot be undone."""
        if len(self.scenarios) <= 1:
            return
        index = self.current_index
        state, empty = self.inputs.state(), default_state()
        if any(state[key] != empty[key] for key in state if key not in CARRIED_KEYS) and not dialogs.ask_remove_scenario(
            self, self.current.name
        ):
            return
        removed = self.scenarios.pop(index)
        self.undo_group.removeStack(removed.stack)
        removed.stack.deleteLater()
        if self.export_index == index:
            self.export_index = 0
        elif self.export_index > index:
            self.export_index -= 1
        self.switch_scenario(min(index, len(self.scenarios) - 1), keep_form=False)

    def mark_exported(self) -> None:
        """Make the scenario on show the one that Export writes."""
        self.export_index = self.current_index
        self.scenario_bar.show_names([s.name for s in self.scenarios], self.current_index, self.export_index)
        self._comparison_stale = True
        self._refresh_tables()

    @property
    def exported(self) -> Scenario:
        """The scenario that Export writes."""
        return self.scenarios[self.export_index]

    # --- window life ----------------------------------------------------------------------

    def is_modified(self) -> bool:
        """True when a scenario holds inputs that are in no exported file (closing would lose them)."""
        return any(s.state != s.saved for s in self.scenarios)

    def mark_saved(self) -> None:
        """The scenario marked for export was written to a file: closing no longer loses it (the others may still differ)."""
        self.exported.saved = dict(self.exported.state)
        self._update_modified()

    def _update_modified(self) -> None:
        modified = self.is_modified()
        if self.isWindowModified() != modified:
            self.setWindowModified(modified)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Ask before discarding a changed quote; remember the window's size and layout."""
        if self.is_modified() and not dialogs.ask_discard_changes(self):
            event.ignore()
            return
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
