"""The three ways through the contract year as cards: overage, top-up and early renewal, each with its cost this year and
its one-line explanation; the recommended one is highlighted, and said to be so to screen readers."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from cpiquote import formatting
from cpiquote.gui.common.theme import CaptionedPanel, style

if TYPE_CHECKING:
    from cpiquote.pricing.renewal import RenewalAnalysis

KINDS = ("overage", "top_up", "early_renewal")
TITLES = {"overage": "Overage", "top_up": "Top-up", "early_renewal": "Early renewal"}
OBJECT_NAMES = {"overage": "overageCard", "top_up": "topUpCard", "early_renewal": "earlyRenewalCard"}
NOT_NEEDED = "Not needed"
NOT_WORKED_OUT = "—"  # the figures cannot be worked out yet
WITHIN = "The forecast is within the subscription."


class OptionCard(CaptionedPanel):
    """One option: its name, what it costs this year, a sentence on what it is; a highlight when it is recommended.

    The name and "Recommended" are painted: the card's accessible name says both ("Overage, recommended").
    """

    def __init__(self, kind: str) -> None:
        super().__init__(TITLES[kind], (14, 12, 14, 12))
        self.kind = kind
        self.recommended = False
        self.setObjectName(OBJECT_NAMES[kind])
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        column = self.column
        column.setSpacing(4)
        self.cost = QLabel()
        self.cost.setObjectName(f"{self.objectName()}Cost")
        style(self.cost, "figure")
        self.explanation = QLabel()
        self.explanation.setObjectName(f"{self.objectName()}Text")
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        policy = self.explanation.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # hidden while empty, the card keeps its height
        self.explanation.setSizePolicy(policy)
        column.addWidget(self.cost)
        column.addWidget(self.explanation, 1)
        self.show_option(NOT_WORKED_OUT, "", False)

    def show_option(self, cost: str, explanation: str, recommended: bool) -> None:
        """Show the option's cost this year (or NOT_NEEDED, NOT_WORKED_OUT), its explanation and whether it is the one to take."""
        self.recommended = recommended
        self.set_badge("Recommended" if recommended else "")
        self.cost.setText(cost)
        self.explanation.setText(explanation)
        self.explanation.setVisible(bool(explanation))  # no blank line for a screen reader while there is nothing to say
        said = f"{TITLES[self.kind]}, recommended" if recommended else TITLES[self.kind]
        self.setAccessibleName(said)
        self.setAccessibleDescription(f"{cost} this year. {explanation}" if cost not in (NOT_NEEDED, NOT_WORKED_OUT) else explanation)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """The panel; the recommended one in a tint of the highlight colour inside a two-pixel highlight border."""
        if not self.recommended:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        tint = QColor(highlight)
        tint.setAlpha(28)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), self.RADIUS, self.RADIUS)
        painter.setPen(QPen(highlight, 2))
        painter.setBrush(tint)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), self.RADIUS, self.RADIUS)
        painter.end()
        self.paint_caption()


class OptionCards(QWidget):
    """The three cards side by side, filled from an analysis and its words (`wording.renewal_texts`)."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.cards = {kind: OptionCard(kind) for kind in KINDS}
        for card in self.cards.values():
            row.addWidget(card, 1)
        self.top_up_button = QPushButton("Create top-up quote…")
        self.top_up_button.setObjectName("createTopUpButton")
        self.cards["top_up"].layout().addWidget(self.top_up_button)  # type: ignore[union-attr]

    def show_analysis(self, analysis: RenewalAnalysis | None, texts: list[str]) -> None:
        """Fill the cards (None: empty, waiting for the figures); `texts` are renewal_texts(analysis)."""
        if analysis is None:
            for card in self.cards.values():
                card.show_option(NOT_WORKED_OUT, "", False)
            self.top_up_button.setEnabled(False)
            return
        currency = analysis.early_renewal.quotation.pricebook.currency
        costs: dict[str, Decimal | None] = {
            "overage": analysis.overage.cost if analysis.excess_credits > 0 else None,
            "top_up": analysis.top_up.cost if analysis.top_up is not None else None,
            "early_renewal": analysis.early_renewal.cost_this_year,
        }
        for kind, text in zip(KINDS, texts[1:], strict=True):
            cost = costs[kind]
            shown = NOT_NEEDED if cost is None else _cost(cost, currency)
            explanation = _without_name(text) if cost is not None else WITHIN
            self.cards[kind].show_option(shown, explanation, analysis.recommendation.value == kind)
        self.top_up_button.setEnabled(analysis.top_up is not None)


def _cost(amount: Decimal, currency: str) -> str:
    """A cost this year; below zero (an early renewal's credit larger than its charge) a net credit."""
    return f"{formatting.money(-amount, currency)} credit" if amount < 0 else formatting.money(amount, currency)


def _without_name(text: str) -> str:
    """An option's sentence without the "Overage: " its card's title already says, starting with a capital."""
    _name, _colon, rest = text.partition(": ")
    return rest[:1].upper() + rest[1:] if rest else text
