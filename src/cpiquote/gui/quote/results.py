"""The live results: big year-1 figures on cards, and every other figure of the quote beside them."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from cpiquote import formatting
from cpiquote.gui.common.layout import BesideOrBelow
from cpiquote.gui.common.theme import CaptionedPanel, Panel, set_text_tone, style, style_banner
from cpiquote.pricing import TierMode

if TYPE_CHECKING:
    from cpiquote.pricing import PriceBook, Quotation, YearQuote

DASH = "—"


CAPTION_PROPERTY = "cpiquoteCaption"


def _label(object_name: str, role: str, accessible_name: str, label: QLabel | None = None) -> QLabel:
    label = label if label is not None else QLabel(DASH)
    label.setObjectName(object_name)
    style(label, role)
    label.setProperty(CAPTION_PROPERTY, accessible_name)
    _announce(label, label.text())
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _announce(label: QLabel, text: str) -> None:
    """What a screen reader says for a figure: its caption and the figure ("Annual subscription: $607,200.00").

    A label's accessible name replaces its text, so the name carries both.
    """
    figure = "not priced" if text == DASH else text
    label.setAccessibleName(f"{label.property(CAPTION_PROPERTY)}: {figure}")


SMALLEST_POINTS = 6.0  # type is made smaller to fit down to this size, and no further


def fitting_font(label: QLabel, full: QFont, step: float) -> QFont:
    """`full` when the label's text fits its width, else the largest size, `step` points smaller at a time, that does
    (never below SMALLEST_POINTS)."""
    font, room = QFont(full), label.contentsRect().width() - 2 * label.margin()
    while font.pointSizeF() - step >= SMALLEST_POINTS and QFontMetrics(font).horizontalAdvance(label.text()) > room:
        font.setPointSizeF(font.pointSizeF() - step)
    return font


class FigureLabel(QLabel):
    """A headline figure that makes its type smaller to fit a narrow card, so no digit or cent is ever cut off."""

    def __init__(self) -> None:
        super().__init__(DASH)
        self._full_font: QFont | None = None

    def fit(self) -> None:
        """Use the styled size when the text fits, else the largest smaller size that does."""
        if self._full_font is None:
            self._full_font = QFont(self.font())
            self.setMinimumHeight(super().sizeHint().height())  # in the full font: a smaller figure keeps its card's height
        font = fitting_font(self, self._full_font, 0.5)
        if font != self.font():
            self.setFont(font)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        """Show `text`, sized to fit."""
        super().setText(text)
        self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Fit the figure again to the card's new width."""
        super().resizeEvent(event)
        self.fit()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Narrow enough for the cards to share a small window; the text shrinks instead."""
        return QSize(min(super().minimumSizeHint().width(), 80), super().minimumSizeHint().height())


class DetailValue(QLabel):
    """A detail figure that asks for the width of an everyday figure (`widest`) whatever it shows, so the details keep
    one width while the person types; a cramped window can still shrink it to its text."""

    def __init__(self, widest: str) -> None:
        super().__init__(DASH)
        self._widest = widest

    def set_widest(self, widest: str) -> None:
        """Ask for the width of `widest` from now on (the price book's currency or tier mode changed)."""
        if widest != self._widest:
            self._widest = widest
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """At least as wide as the everyday figure would be in this label: measured as the label measures its own text
        (QFontMetrics.size rounds up where horizontalAdvance does not) plus any margins."""
        hint = super().sizeHint()
        margins = self.contentsMargins()
        widest = self.fontMetrics().size(0, self._widest).width() + margins.left() + margins.right() + 2 * self.margin()
        return QSize(max(hint.width(), widest), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Never narrower than the everyday figure either: the window's smallest width is the same before and after
        the first figure appears, so it never widens itself as the person types."""
        return QSize(self.sizeHint().width(), super().minimumSizeHint().height())


class NoteLabel(QLabel):
    """A card's small print: whole where the card has room; where a small window makes the card narrower than the line,
    set smaller to fit, so its figures stay whole. Only a card too narrow even for the smallest type shortens it
    with "…", whole in its tooltip. So the notes never decide how narrow the cards, and the window, can be.
    """

    MIN_WIDTH = 60

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._full_font: QFont | None = None
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # an empty note keeps its line, so the card keeps its height
        self.setSizePolicy(policy)
        self.setVisible(bool(text))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """A line high even while empty."""
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self.fontMetrics().height()))

    def _fit(self) -> None:
        """The styled size when the line fits, else the largest smaller size that does; the card keeps its height."""
        if self._full_font is None:
            self._full_font = QFont(self.font())
            self.setMinimumHeight(super().sizeHint().height())
        font = fitting_font(self, self._full_font, 0.25)
        if font != self.font():
            self.setFont(font)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Narrower than the line: the line is shortened instead."""
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.MIN_WIDTH), hint.height())

    def shown_text(self) -> str:
        """What the label shows: its text, shortened with "…" if it does not fit."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        """Show `text`, shortened if it does not fit; an empty note is hidden (not read as a blank line)."""
        if text == self.text():  # most keystrokes leave a note as it was
            return
        super().setText(text)
        self.setVisible(bool(text))
        self._explain()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """A new width can shorten the line, or show it whole again."""
        super().resizeEvent(event)
        self._explain()

    def _explain(self) -> None:
        self._fit()
        tip = self.text() if self.shown_text() != self.text() else ""
        if self.toolTip() != tip:
            self.setToolTip(tip)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """The line, shortened where it does not fit."""
        shown = self.shown_text()
        if shown == self.text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment().value), self.palette(), self.isEnabled(), shown,
                                  self.foregroundRole())  # fmt: skip
        painter.end()


class Card(CaptionedPanel):
    """One headline figure: a caption (painted: the figure's accessible name says it), the figure in large type and a
    line saying what it is made of."""

    def __init__(self, caption: str, object_name: str) -> None:
        super().__init__(caption, (14, 10, 14, 10))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.column.setSpacing(2)
        self.value = _label(object_name, "figure", caption, FigureLabel())
        self.note = NoteLabel("")
        style(self.note, "hint")
        for widget in (self.value, self.note):
            self.column.addWidget(widget)


DETAILS = (
    ("creditsPerInteractionLabel", "Credits per interaction"),
    ("requiredCreditsLabel", "Credits required a year"),
    ("bandLabel", "Price band (credits)"),
    ("listPriceLabel", "List price per credit"),
    ("termDiscountLabel", "Term discount"),
    ("discountLabel", "Discretionary discount"),
    ("overagePriceLabel", "Overage price per credit"),
    ("carePackageLabel", "Care Package a year"),
    ("servicesLabel", "Professional services"),
    ("passThroughLabel", "Messaging pass-through"),
)
# Graduated price books price each credit at its own band: the band and list price shown are the top band's, and
# their captions say so (in the caption, not after the figure, so the figures stay as narrow as in volume books).
GRADUATED_CAPTIONS = {"bandLabel": "Top band reached (credits)", "listPriceLabel": "Top band's list price"}


def everyday_widest(pricebook: PriceBook | None = None) -> dict[str, str]:
    """The widest each detail gets in everyday quotes, by label name, in `pricebook`'s currency. Each
    value asks for at least that width, so the details keep one width while the figures change, and the guidance
    beside them stays put.

    Without a price book (the window's first paint, before Babel is loaded) amounts are written the US way.
    """

    def money(amount: Decimal) -> str:
        return formatting.money(amount, pricebook.currency) if pricebook is not None else f"${amount:,}"

    def price(amount: Decimal) -> str:
        return formatting.price(amount, pricebook.currency) if pricebook is not None else f"${amount}"

    return {
        "creditsPerInteractionLabel": "8.88",
        "requiredCreditsLabel": "88,888,888",
        "bandLabel": "from 8,888,888",
        "listPriceLabel": price(Decimal("8.8888")),
        "termDiscountLabel": "88.8%",
        "discountLabel": "88% (approval)",
        "overagePriceLabel": price(Decimal("8.8888")),
        "carePackageLabel": money(Decimal("888888.88")),
        "servicesLabel": money(Decimal("888888.88")),
        "passThroughLabel": f"{money(Decimal('8888.88'))} a month",
    }


class ResultsPanel(QWidget):
    """Year-1 figures of the current quote, formatted exactly as a person reads them."""

    def __init__(self, guidance: QWidget, parent: QWidget | None = None) -> None:
        """`guidance` goes beside the details, or under them in a narrow window."""
        super().__init__(parent)
        self.setObjectName("resultsPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.stale_banner = QLabel()
        self.stale_banner.setObjectName("staleBanner")
        style_banner(self.stale_banner)
        self._banner_warning = True
        self.stale_banner.setWordWrap(True)
        self.stale_banner.setVisible(False)
        layout.addWidget(self.stale_banner)
        self.figures = QWidget()
        figures = QVBoxLayout(self.figures)
        figures.setContentsMargins(0, 0, 0, 0)
        figures.setSpacing(10)
        figures.addLayout(self._cards())
        self.details_frame = self._details()
        self.details_row = BesideOrBelow(self.details_frame, guidance)
        figures.addWidget(self.details_row)
        layout.addWidget(self.figures)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.labels: dict[str, QLabel] = {}
        for card in self.cards:
            self.labels[card.value.objectName()] = card.value
        self.labels.update(self.detail_labels)

    def _cards(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.subscription_card = Card("Annual subscription", "annualSubscriptionLabel")
        self.contract_card = Card("Contract value", "contractValueLabel")
        self.price_card = Card("Price per credit", "pricePerCreditLabel")
        self.credits_card = Card("Credits a year", "annualCreditsLabel")
        self.cards = (self.subscription_card, self.contract_card, self.price_card, self.credits_card)
        for card in self.cards:
            row.addWidget(card)
        self.minimum_note = self.credits_card.note
        self.minimum_note.setObjectName("minimumNoteLabel")
        self._minimum_warned = False
        return row

    def _details(self) -> QWidget:
        box = Panel()
        grid = QGridLayout(box)
        grid.setContentsMargins(14, 8, 14, 8)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.detail_labels: dict[str, QLabel] = {}
        self.detail_captions: dict[str, QLabel] = {}
        half = (len(DETAILS) + 1) // 2
        widest = everyday_widest()
        for index, (name, caption) in enumerate(DETAILS):
            row, column = index % half, (index // half) * 2
            caption_label = QLabel(caption)
            caption_label.setContentsMargins(10 if column else 0, 0, 0, 0)  # a wider gap between the two halves
            grid.addWidget(caption_label, row, column)
            value = _label(name, "value", caption, DetailValue(widest[name]))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(value, row, column + 1)
            self.detail_labels[name] = value
            self.detail_captions[name] = caption_label
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(half, 1)
        return box

    def fit_to(self, pricebook: PriceBook) -> None:
        """Keep room for everyday figures in `pricebook`'s currency, and name the top band's figures in graduated books."""
        widest = everyday_widest(pricebook)
        captions = dict(DETAILS) | (GRADUATED_CAPTIONS if pricebook.tier_mode == TierMode.GRADUATED else {})
        for name, label in self.detail_labels.items():
            if isinstance(label, DetailValue):
                label.set_widest(widest[name])
            if self.detail_captions[name].text() != captions[name]:
                self.detail_captions[name].setText(captions[name])
                label.setProperty(CAPTION_PROPERTY, captions[name])  # what a screen reader says with the figure
                _announce(label, label.text())

    def show_quotation(self, quotation: Quotation) -> None:
        """Show year 1 of `quotation` and the contract totals; clears any stale marking."""
        self._set_stale(None)
        currency = quotation.pricebook.currency
        year = quotation.first_year
        self._set("annualSubscriptionLabel", formatting.money(year.annual_subscription, currency))
        self._set("contractValueLabel", formatting.money(quotation.total_contract_value, currency))
        self._set("pricePerCreditLabel", formatting.price(year.price_per_credit, currency))
        self._set("annualCreditsLabel", formatting.count(year.annual_credits))
        self._show_notes(quotation)
        self._show_details(quotation)

    def _show_notes(self, quotation: Quotation) -> None:
        year = quotation.first_year
        currency = quotation.pricebook.currency
        years = len(quotation.years)
        self.subscription_card.note.setText("year 1" if years == 1 or not quotation.request.is_ramp else "year 1 of a ramp")
        self.contract_card.note.setText(f"{years} year{'s' if years > 1 else ''}, every invoice included")
        if quotation.pricebook.tier_mode == TierMode.GRADUATED:  # the price is an average over the bands the credits reach
            bands = len(year.lines)
            self.price_card.note.setText(f"average over {bands} band{'s' if bands > 1 else ''}")
        else:
            self.price_card.note.setText(f"list {formatting.price(year.list_price_per_credit, currency)}")
        self.minimum_note.setText(credits_note(year))
        warned = year.minimum_applied or year.shortfall_credits > 0
        if self._minimum_warned != warned:
            self._minimum_warned = warned
            set_text_tone(self.minimum_note, "warning" if warned else None)

    def _show_details(self, quotation: Quotation) -> None:
        currency = quotation.pricebook.currency
        year = quotation.first_year
        pass_through = quotation.pass_through
        self._set("creditsPerInteractionLabel", formatting.number(quotation.credits_per_interaction))
        self._set("requiredCreditsLabel", DASH if year.required_credits is None else formatting.count(year.required_credits))
        self._set("bandLabel", f"from {formatting.count(year.band_from)}")  # graduated: the top band reached (its caption says)
        self._set("listPriceLabel", formatting.price(year.list_price_per_credit, currency))
        self._set("termDiscountLabel", formatting.percent(quotation.term_discount_percent))
        self._show_discount(quotation)
        self._set("overagePriceLabel", formatting.price(year.overage_price_per_credit, currency))
        self._set("carePackageLabel", formatting.money(year.care_package, currency) if quotation.request.care_package else "not included")
        self._set("servicesLabel", formatting.money(quotation.services, currency))
        monthly = formatting.money(pass_through.monthly_estimate, currency)
        self._set("passThroughLabel", f"{monthly} a month" if pass_through.monthly_estimate > Decimal(0) else "none")

    def _show_discount(self, quotation: Quotation) -> None:
        """The discount, in amber with "(approval)" when it needs approval (short enough for the default window)."""
        approval = quotation.approval_required
        self._set("discountLabel", formatting.percent(quotation.discount_percent) + (" (approval)" if approval else ""))
        threshold = formatting.percent(quotation.pricebook.discount_approval_above_percent)
        self._mark_approval(f"Needs approval: discounts above {threshold} do" if approval else "")

    def _mark_approval(self, tip: str) -> None:
        """Amber and a tooltip on the discount while it needs approval (`tip`), plain otherwise (empty `tip`)."""
        label, approval = self.labels["discountLabel"], bool(tip)
        if label.toolTip() != tip:
            label.setToolTip(tip)
            label.setAccessibleDescription(tip)
            set_text_tone(label, "warning" if approval else None)

    def _set(self, name: str, text: str) -> None:
        label = self.labels[name]
        if label.text() != text:  # an unchanged label costs nothing: no relayout, no repaint
            label.setText(text)
            _announce(label, text)

    def mark_stale(self, reason: str) -> None:
        """Keep the last good figures but grey them out under a banner saying why they are not current."""
        self._set_stale(reason)

    def clear(self, reason: str) -> None:
        """No figures yet (nothing priced): dashes and the reason."""
        for label in self.labels.values():
            label.setText(DASH)
            _announce(label, DASH)
        for card in self.cards:
            card.note.setText("")
        self._mark_approval("")  # a dash is not a discount needing approval
        self._set_stale(reason, warning=False)
        for widget in (*self.cards, self.details_frame):
            widget.setEnabled(True)

    def _set_stale(self, reason: str | None, warning: bool = True) -> None:
        stale = reason is not None
        if stale and self._banner_warning != warning:
            self._banner_warning = warning
            style_banner(self.stale_banner, warning)
        if self.stale_banner.isVisible() != stale or self.stale_banner.text() != (reason or ""):
            self.stale_banner.setText(reason or "")
            self.stale_banner.setVisible(stale)
        for widget in (*self.cards, self.details_frame):
            widget.setEnabled(not stale)

    def text(self, name: str) -> str:
        """What the label named `name` shows."""
        return self.labels[name].text()


def credits_note(year: YearQuote) -> str:
    """The line under the annual credits: how they follow from the forecast, or how the ordered credits compare with it."""
    required = year.required_credits
    if required is None:
        return "ordered; no forecast given"
    if year.shortfall_credits:
        return f"ordered; {formatting.count(year.shortfall_credits)} short of the forecast"
    if year.ordered_credits is not None:
        return f"ordered ({formatting.count(required)} required)"
    if year.minimum_applied:
        return f"minimum order ({formatting.count(required)} required)"
    return f"{formatting.count(required)} required"
