"""File > Quote library: every stored quote, found by number or customer, filtered by status and sorted by any column;
a quote is opened in the quote workspace, duplicated, revised, re-priced with the current price book, approved, or
marked sent, accepted or lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from cpiquote import services
from cpiquote.gui.common import dialogs
from cpiquote.gui.common.theme import set_text_tone
from cpiquote.gui.library import saving
from cpiquote.gui.library.database import open_library
from cpiquote.gui.library.model import LibraryModel
from cpiquote.gui.quote import workflows
from cpiquote.pricing import InputError
from cpiquote.store import Status, StoreError

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from cpiquote.store import RevisionRef, Store

ANY_STATUS = "Any status"
WIDEST = ("Q-2026-00000", "", "approval required", "Revision", "$8,888,888,888.00", "2026-12-31", "2026-12-31 23:59", "Author name")
MARKS = (("Mark sent", Status.SENT), ("Mark accepted", Status.ACCEPTED), ("Mark lost", Status.LOST))


class LibraryDialog(QDialog):
    """The quote library of `store`, for the window `window` (where an opened quote goes)."""

    def __init__(self, window: workflows.Workspace, store: Store) -> None:
        super().__init__(window.widget)
        self.setObjectName("libraryDialog")
        self.setWindowTitle("Quote library")
        self.window_, self.store = window, store
        self.model = LibraryModel(store)
        self.model.failed.connect(self.show_problem)
        self.resize(980, 560)
        column = QVBoxLayout(self)
        column.addLayout(self._filters())
        column.addWidget(self._table(), 1)
        column.addLayout(self._buttons())
        self.show_selection()

    def _filters(self) -> QHBoxLayout:
        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search number or customer")
        self.search.setAccessibleName("Search quotes by number or customer")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setObjectName("libraryStatus")
        self.status.setAccessibleName("Status")
        self.status.addItem(ANY_STATUS, None)
        for status in Status:
            self.status.addItem(status.label.capitalize(), status)
        self.count = QLabel()
        self.count.setObjectName("libraryCount")
        self.count.setWordWrap(True)  # a problem reading the library is said here, at any length
        self.search.textChanged.connect(lambda _text: self.select())
        self.status.currentIndexChanged.connect(lambda _index: self.select())
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.status)
        row.addWidget(self.count)
        return row

    def _table(self) -> QTableView:
        self.table = QTableView()
        self.table.setObjectName("libraryTable")
        self.table.setAccessibleName("Quotes")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)  # uniform rows: no row is measured
        header = self.table.horizontalHeader()
        for column, widest in enumerate(WIDEST):  # measured from typical texts: measuring rows would read them all
            if widest:
                header.resizeSection(column, self.fontMetrics().horizontalAdvance(widest) + 24)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)  # as the model starts: no second read
        self.table.setSortingEnabled(True)  # a click on a header sorts in the database (LibraryModel.sort)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        return self.table

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.open_button = QPushButton("&Open")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_selected)
        row.addWidget(self.open_button)
        for text, name, slot in (
            ("D&uplicate", "duplicateButton", self.duplicate_selected),
            ("New re&vision", "newRevisionButton", self.revise_selected),
            ("&Re-price…", "repriceButton", self.reprice_selected),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        self.approve_button = QPushButton("A&pprove")
        self.approve_button.clicked.connect(self.approve_selected)
        row.addWidget(self.approve_button)
        for text, status in MARKS:
            button = QPushButton(text)
            button.setObjectName(f"mark{status.name.capitalize()}Button")
            button.clicked.connect(lambda _checked=False, status=status: self.mark_selected(status))
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        row.addWidget(close)
        return row

    # --- what is shown ----------------------------------------------------------------------

    def select(self) -> None:
        """Show the quotes the search and the status filter select."""
        status = self.status.currentData()
        self.model.select(self.search.text().strip(), status if isinstance(status, Status) else None)
        self.show_selection()

    def show_problem(self, problem: str) -> None:
        """Say, where the count shows, that the library cannot be read now; the quote in the window is unaffected."""
        self.count.setText(f"Not read: {problem}")
        set_text_tone(self.count, "error")

    def show_selection(self) -> None:
        count = self.model.rowCount()
        if self.model.problem:
            self.show_problem(self.model.problem)
            return
        set_text_tone(self.count, None)
        self.count.setText(f"{count:,} quote{'' if count == 1 else 's'}")
        if count:
            self.table.selectRow(0)

    def selected_number(self) -> str | None:
        """The number of the quote selected, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.summary(rows[0].row()).number if rows else None

    # --- commands ---------------------------------------------------------------------------

    def open_selected(self) -> bool:
        """Open the selected quote's latest revision in the quote workspace, priced with the price book it was stored
        with (so it shows exactly the stored figures)."""
        number = self.selected_number()
        if number is None or not workflows.settle_changes(self.window_, "opening another quote"):
            return False
        if not saving.open_stored(self.window_, self.store, number):
            return False
        self.accept()
        return True

    def duplicate_selected(self) -> bool:
        """Store a copy of the selected quote under a new number, and open it."""
        return self._store_and_open(saving.duplicate_stored, "Quote not duplicated", "a copy of {number}")

    def revise_selected(self) -> bool:
        """Store a new draft revision of the selected quote (a copy of its latest), and open it to change it."""
        return self._store_and_open(saving.revise_stored, "Revision not made", "a new revision of {number}")

    def _store_and_open(self, make: Callable[[Store, str], RevisionRef], title: str, what: str) -> bool:
        number = self.selected_number()
        if number is None or not workflows.settle_changes(self.window_, "opening another quote"):
            return False
        ref = saving.attempt(self.window_, title, lambda: make(self.store, number))
        if ref is None or not saving.open_stored(self.window_, self.store, ref.number, ref.revision):
            return False
        self.window_.statusBar().showMessage(f"Opened {ref.number} r{ref.revision}, {what.format(number=number)}.", 8000)
        self.accept()
        return True

    def reprice_selected(self) -> bool:
        """Price the selected quote with the current price book, show every change, and on agreement store and open
        the new revision."""
        number = self.selected_number()
        if number is None or not workflows.settle_changes(self.window_, "opening another quote"):
            return False
        if not workflows.reprice_in_library(self.window_, number):
            self.model.refresh()
            return False
        self.accept()
        return True

    def approve_selected(self) -> bool:
        """Approve the selected quote's discount, as the person using the app (the database may refuse a non-approver)."""
        return self._change(lambda number: self.store.approve(number, services.current_author()), "approved")

    def mark_selected(self, status: Status) -> bool:
        """Mark the selected quote sent, accepted or lost."""
        return self._change(lambda number: self.store.set_status(number, status), f"marked {status.label}")

    def _change(self, change: Callable[[str], object], done: str) -> bool:
        number = self.selected_number()
        if number is None:
            return False
        try:
            change(number)
        except (StoreError, InputError) as error:
            dialogs.show_error(self, "Quote not changed", f"{error}.")
            return False
        self.model.refresh()
        self.show_selection()
        self.window_.statusBar().showMessage(f"{number} {done}.", 8000)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Close the library's connection with the dialog."""
        self.store.close()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        """Close the library's connection when the dialog ends by a button."""
        self.store.close()
        super().done(result)


def show_library(window: workflows.Workspace) -> LibraryDialog | None:
    """File > Quote library: the library of $CPIQUOTE_DATABASE_URL, else of the preferences, else of this computer;
    a library that cannot be opened is explained (the quote on screen is unchanged)."""
    try:
        store = open_library(window.widget, window.settings)
    except StoreError as error:
        dialogs.show_error(window.widget, "Quote library not opened", f"{error}.\n\nThe quote on screen is unchanged.")
        return None
    dialog = LibraryDialog(window, store)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    return dialog
