"""The guidance area: every warning of the quote, input problems, and the button that applies a price break."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from cpiquote.gui.common.icons import icon
from cpiquote.gui.common.theme import style

if TYPE_CHECKING:
    from cpiquote.pricing import NoticeKind, Quotation

ALL_CLEAR = "No warnings: this quote can go to the customer as it is."
ILLUSTRATIVE = "Illustrative prices: a sample, not a price list. Open yours with File > Open price book."

Entry = tuple[str, str]  # (icon name, text)


def quotation_entries(quotation: Quotation) -> list[Entry]:
    """One entry per Notice of the quotation, first the illustrative price book's if it is one, or an all-clear line.

    The notices' words (cpiquote.wording, with the quotation's types) load with the first price, not with the window
    (see gui.app).
    """
    from cpiquote.wording import notice_text

    entries = [("notice-warning", ILLUSTRATIVE)] if quotation.pricebook.illustrative else []
    icons = notice_icons()
    entries += [(icons.get(notice.kind, "notice-info"), notice_text(notice, quotation)) for notice in quotation.warnings]
    return entries or [("notice-info", ALL_CLEAR)]


@cache
def notice_icons() -> dict[NoticeKind, str]:
    """The icon of each kind of notice: a saving for a price break, a warning for the others."""
    from cpiquote.pricing import NoticeKind

    return {
        NoticeKind.MINIMUM_APPLIED: "notice-warning",
        NoticeKind.UNDER_ORDERED: "notice-warning",
        NoticeKind.APPROVAL_REQUIRED: "notice-warning",
        NoticeKind.PRICE_BREAK: "notice-saving",
        NoticeKind.SERVICES_ABOVE_SUBSCRIPTION: "notice-warning",
        NoticeKind.PASS_THROUGH_ABOVE_CONTRACT: "notice-warning",
        NoticeKind.RAMP_FALLS_BY_MORE_THAN_HALF: "notice-warning",
    }


class IconBesideFirstLine(QStyledItemDelegate):
    """Entries of several lines keep their icon level with the first line, where the sentence starts."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802 - Qt
        """The default look, with the icon at the top."""
        super().initStyleOption(option, index)
        option.decorationAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class GuidancePanel(QWidget):
    """A list of what the sales person should know, and "Apply price break" when one is advised."""

    HEIGHT_BESIDE = 118  # room for three short notes wrapped in the column beside the figures; more scroll
    HEIGHT_BELOW = 84  # room for three notes of a line each across the width under the figures

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        header = QHBoxLayout()
        title = QLabel("Guidance")
        style(title, "sectionTitle")
        header.addWidget(title)
        header.addSpacing(12)  # the title and the button apart, even in the narrowest column
        header.addStretch(1)
        self.apply_button = QPushButton(icon("apply-price-break"), "Apply price &break")
        self.apply_button.setObjectName("applyPriceBreakButton")
        self.apply_button.setAccessibleName("Apply price break")
        self.apply_button.setToolTip("Order the advised number of credits: it costs less than the current order")
        self.apply_button.setEnabled(False)
        header.addWidget(self.apply_button)
        layout.addLayout(header)
        self.list = QListWidget()
        self.list.setObjectName("warningsList")
        self.list.setAccessibleName("Guidance and warnings")
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap long guidance when the window is resized
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setIconSize(QSize(18, 18))
        self.list.setSpacing(2)  # a little air between entries of several lines
        self.list.setItemDelegate(IconBesideFirstLine(self.list))
        self.list.setMinimumHeight(self.HEIGHT_BESIDE)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)  # as tall as the figures beside it
        layout.addWidget(self.list, 1)
        self._shown: list[Entry] = []

    def place_below(self, below: bool) -> None:
        """Under the figures (a narrow window) the notes are wider and so shorter: the list asks for less height."""
        self.list.setMinimumHeight(self.HEIGHT_BELOW if below else self.HEIGHT_BESIDE)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As narrow as it can be: the figures beside it take what they need first, the guidance the rest."""
        return QSize(self.minimumSizeHint().width(), super().sizeHint().height())

    def show_entries(self, entries: list[Entry], price_break: bool) -> None:
        """Show `entries` (rebuilt only when they differ) and enable the price-break button when one is advised."""
        if entries != self._shown:
            self.list.clear()
            for name, text in entries:
                item = QListWidgetItem(icon(name), text)
                item.setToolTip(text)
                self.list.addItem(item)
            self._shown = list(entries)
        if self.apply_button.isEnabled() != price_break:
            self.apply_button.setEnabled(price_break)

    def texts(self) -> list[str]:
        """What the list says, one line per entry."""
        return [self.list.item(row).text() for row in range(self.list.count())]
