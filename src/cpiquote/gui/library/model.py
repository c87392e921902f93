"""The library's table model: it holds the count and a cache of the rows it has shown, never the whole library.

Rows are fetched a page at a time when the view first asks for one (as Anki's browser does), so opening a library of
100,000 quotes reads one page, and a filter reads one count and one page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from cpiquote import formatting
from cpiquote.store.errors import StoreError

if TYPE_CHECKING:
    from cpiquote.store import QuoteSummary, Status, Store

PAGE = 200  # rows fetched at a time
COLUMNS = ("Number", "Customer", "Status", "Revision", "Contract value", "Valid until", "Last change", "Author")
# the store's sort key of each column (store.quotes.SORT_KEYS), in COLUMNS' order
SORT_KEYS = ("number", "customer", "status", "revision", "contract_value", "valid_until", "updated_at", "author")
LAST_CHANGE = 6  # the column sorted by at first: the last changed first
FIGURES = frozenset({3, 4})  # right-aligned, as figures are
Index = QModelIndex | QPersistentModelIndex


def cell_text(summary: QuoteSummary, column: int) -> str:
    """What column `column` shows of a quote."""
    texts = (
        summary.number,
        summary.customer or "(no customer)",
        summary.status.label,
        str(summary.revision),
        formatting.money(summary.total_contract_value, summary.currency),
        summary.valid_until.isoformat(),
        f"{summary.updated_at:%Y-%m-%d %H:%M}",
        summary.author,
    )
    return texts[column]


class LibraryModel(QAbstractTableModel):
    """The quotes a search and a status filter select, the last changed first or sorted by any column (in the database,
    so that a page is still all that is read)."""

    failed = Signal(str)  # the library could not be read (the server went away...): why, for the person

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.search = ""
        self.status: Status | None = None
        self.sort_column, self.sort_order = LAST_CHANGE, Qt.SortOrder.DescendingOrder
        self.problem = ""  # why the library could not be read, once it could not ("" while it reads)
        self._count = self._counted(None, "")
        self._rows: dict[int, QuoteSummary] = {}

    def select(self, search: str, status: Status | None) -> None:
        """Show the quotes whose number or customer contains `search`, in `status` (None: any)."""
        self.beginResetModel()
        self.search, self.status = search, status
        self._count = self._counted(status, search)
        self._rows.clear()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by column `column` (a click on its header): the rows are read again, a page at a time, in that order."""
        if not 0 <= column < len(COLUMNS):
            return
        self.beginResetModel()  # every row may now hold another quote: a reset, not a move of rows known
        self.sort_column, self.sort_order = column, order
        self._rows.clear()
        self.endResetModel()

    def _counted(self, status: Status | None, search: str) -> int:
        """How many quotes are selected; 0, and `problem` said, when the library cannot be read."""
        try:
            count = self.store.count_quotes(status=status, search=search)
        except StoreError as error:
            self._fail(error)
            return 0
        self.problem = ""
        return count

    def _fail(self, error: StoreError) -> None:
        if not self.problem:  # said once, not for every cell the view asks for
            self.problem = str(error)
            self.failed.emit(self.problem)

    def refresh(self) -> None:
        """Read the library again (a quote was changed, here or by someone else)."""
        self.select(self.search, self.status)

    def summary(self, row: int) -> QuoteSummary:
        """The quote on row `row`, fetched with its page when not cached yet."""
        if row not in self._rows:
            first = row - row % PAGE
            page = self.store.list_quotes(
                status=self.status,
                search=self.search,
                limit=PAGE,
                offset=first,
                sort=SORT_KEYS[self.sort_column],
                descending=self.sort_order == Qt.SortOrder.DescendingOrder,
            )
            self._rows.update(enumerate(page, start=first))
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and default
        """Quotes selected (none under a valid parent: the model is a flat table)."""
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and default
        """The columns of COLUMNS."""
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """A cell's text, and figures aligned right."""
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            try:
                return cell_text(self.summary(index.row()), index.column())
            except StoreError as error:
                self._fail(error)
                return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in FIGURES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        """The column names."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None
