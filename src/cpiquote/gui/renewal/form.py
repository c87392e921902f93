"""The Renewal workspace's form: the running subscription, its usage (typed, or counted from a file) and the renewal
quote's growth, each field with room for its message under it."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cpiquote.gui.common.fields import (
    PERCENT_PATTERN,
    AsTypedValidator,
    YearsValidator,
    check_box,
    error_label,
    hint_label,
    line_edit,
    stacked,
    with_unit,
)
from cpiquote.gui.common.theme import bold_titles
from cpiquote.gui.renewal.model import FEATURES, Value, empty_values

WHOLE = "whole"  # a whole number: kept as typed ("250k" too), read by the quote's grammar (AsTypedValidator)
PRICE_PATTERN = r"[0-9]{1,5}(\.[0-9]{0,4})?|\.[0-9]{0,4}"  # a price per credit: up to four decimals, as the engine rounds
DATE_PATTERN = r"[0-9]{0,4}(-[0-9]{0,2}(-[0-9]{0,2})?)?"
FEATURE_TEXTS = {"generative_ai": "Generative AI", "intent_manager": "Intent Manager", "performance_optimizer": "Performance Optimizer"}
# key: (label, object name, placeholder, pattern, unit)
TEXTS: dict[str, tuple[str, str, str, str | None, str]] = {
    "customer": ("Customer", "renewalCustomerInput", "Company name, for the renewal quote", None, ""),
    "subscription_credits": ("Annual credits", "subscriptionCreditsInput", "e.g. 1,000,000", WHOLE, ""),
    "contract_start": ("Contract start", "contractStartInput", "YYYY-MM-DD", DATE_PATTERN, ""),
    "contract_years": ("Contract years", "contractYearsInput", "e.g. 3", None, ""),
    "discount": ("Discount", "renewalDiscountInput", "0", PERCENT_PATTERN, "%"),
    "price_per_credit": ("Price per credit", "pricePerCreditInput", "", PRICE_PATTERN, ""),
    "overage_price": ("Overage price", "overagePriceInput", "", PRICE_PATTERN, ""),
    "used_credits": ("Credits used", "usedCreditsInput", "this contract year", WHOLE, ""),
    "as_of": ("As of", "asOfInput", "YYYY-MM-DD", DATE_PATTERN, ""),
    "growth": ("Expected growth", "growthInput", "0", PERCENT_PATTERN, "%"),
}
FIELD_NAMES = {key: label for key, (label, *_rest) in TEXTS.items()}
USAGE_FILES = "Usage files (*.csv *.parquet);;All files (*)"


def time_zones() -> list[str]:
    """The IANA time zones this computer knows, sorted (UTC alone when it knows none)."""
    return sorted(zoneinfo.available_timezones()) or ["UTC"]


def system_zone(zones: list[str]) -> str:
    """The computer's own IANA zone when it is one of `zones`, else UTC."""
    zone = bytes(QTimeZone.systemTimeZoneId().data()).decode(errors="replace")
    return zone if zone in zones else "UTC"


class RenewalForm(QWidget):
    """The inputs: `edited(key, value)` on every change a person makes; messages beside the fields."""

    edited = Signal(str, object)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("renewalForm")
        self.texts: dict[str, QLineEdit] = {}
        self.flags: dict[str, QCheckBox] = {}
        self._errors: dict[str, QLabel] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(10)
        column.addWidget(self._subscription_group())
        column.addWidget(self._usage_group())
        column.addWidget(self._renewal_group())
        column.addStretch(1)

    # --- building -------------------------------------------------------------------------

    def _group(self, title: str, object_name: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title)
        group.setObjectName(object_name)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(6)
        return group, form

    def _row(self, form: QFormLayout, key: str, *below: QWidget) -> QLineEdit:
        """A text field `key` in `form`: its label, the field with its unit, what goes `below` it, then its message."""
        label, name, placeholder, pattern, unit = TEXTS[key]
        edit = line_edit(name, label, placeholder, None if pattern == WHOLE else pattern)
        if pattern == WHOLE:
            edit.setValidator(AsTypedValidator(edit))
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.textEdited.connect(lambda text, key=key: self.edited.emit(key, text))
        self.texts[key] = edit
        self._errors[key] = error_label(f"{name[: -len('Input')]}Error")
        form.addRow(f"{label}:", stacked(with_unit(edit, unit), *below, self._errors[key]))
        return edit

    def _subscription_group(self) -> QGroupBox:
        group, form = self._group("Subscription", "subscriptionGroup")
        for key in ("customer", "subscription_credits", "contract_start", "contract_years"):
            self._row(form, key)
        self.texts["contract_years"].setValidator(YearsValidator(10, self.texts["contract_years"]))
        self.texts["contract_years"].setAlignment(self.texts["subscription_credits"].alignment())
        for feature in FEATURES:
            self.flags[feature] = box = check_box(f"renewal{_camel(feature)}Check", FEATURE_TEXTS[feature])
            box.toggled.connect(lambda on, key=feature: self.edited.emit(key, on))
            form.addRow(box)
        for key in ("discount", "price_per_credit", "overage_price"):
            self._row(form, key)
        self.from_quote_button = QPushButton("From an accepted quote…")
        self.from_quote_button.setObjectName("fromQuoteButton")
        self.from_quote_button.setToolTip(
            "Take the credits, prices, length, features and discount of an accepted quote in the quote library"
        )
        form.addRow(self.from_quote_button)
        bold_titles(group)
        return group

    def _usage_group(self) -> QGroupBox:
        group, form = self._group("Usage this contract year", "usageGroup")
        self._row(form, "used_credits")
        self._row(form, "as_of")
        self.open_button = QPushButton("Open usage file…")
        self.open_button.setObjectName("openUsageButton")
        self.open_button.setToolTip(
            "A conversation log (CSV or Parquet) or a monthly usage file (month,interactions or month,credits); or drop one here"
        )
        self.typed_button = QPushButton("Type usage instead")
        self.typed_button.setObjectName("typeUsageButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.typed_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.zones = time_zones()
        self.zone_combo = QComboBox()
        self.zone_combo.setObjectName("timezoneCombo")
        self.zone_combo.setAccessibleName("Site time zone")
        self.zone_combo.addItems(self.zones)
        self.zone_combo.setCurrentText(system_zone(self.zones))
        self.zone_combo.setToolTip("A conversation log's messages are counted on the calendar days of this zone")
        form.addRow("Site time zone:", self.zone_combo)
        self.skip_invalid = check_box("skipInvalidCheck", "Skip rows that cannot be read (and say how many)")
        form.addRow(self.skip_invalid)
        form.addRow(self._file_area())
        bold_titles(group)
        return group

    def _file_area(self) -> QWidget:
        """Which file the usage comes from, the count's progress and Cancel, and the file's message when it has one."""
        self.file_label = hint_label("Or drop a conversation log or monthly usage file here.")
        self.file_label.setObjectName("usageFileLabel")
        self.progress = QProgressBar()
        self.progress.setObjectName("usageProgress")
        self.progress.setAccessibleName("Counting progress")
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelCountButton")
        self.cancel_button.setAccessibleName("Cancel counting")
        counting = QWidget()
        row = QHBoxLayout(counting)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.counting_row = counting
        counting.setVisible(False)
        self.file_error = error_label("usageFileError")
        return stacked(self.file_label, counting, self.file_error)

    def _renewal_group(self) -> QGroupBox:
        group, form = self._group("Renewal quote", "renewalQuoteGroup")
        self.renewal_hint = hint_label("Sized from the forecast year plus the growth.")
        self.renewal_hint.setObjectName("renewalQuoteText")
        self._row(form, "growth", self.renewal_hint)
        self.renewal_button = QPushButton("Create renewal quote")
        self.renewal_button.setObjectName("createRenewalButton")
        form.addRow(self.renewal_button)
        bold_titles(group)
        return group

    # --- values and messages --------------------------------------------------------------

    def values(self) -> dict[str, Value]:
        """What is typed and ticked, by key."""
        values = empty_values()
        values.update({key: edit.text() for key, edit in self.texts.items()})
        values.update({key: box.isChecked() for key, box in self.flags.items()})
        return values

    def set_text(self, key: str, text: str) -> None:
        """Show `text` in `key`'s field (a figure worked out, not typed: no edit is reported)."""
        if self.texts[key].text() != text:
            self.texts[key].setText(text)

    def set_max_years(self, max_years: int) -> None:
        """Limit the contract years to the price book's longest contract."""
        validator = self.texts["contract_years"].validator()
        if isinstance(validator, YearsValidator):
            validator.max_years = max_years

    def show_error(self, field: str | None, reason: str = "") -> None:
        """`reason` under `field`'s field (and no other message); None clears them all."""
        for key, label in self._errors.items():
            shown = key == field
            label.setText(reason[:1].upper() + reason[1:] if shown else "")
            label.setVisible(shown)
            self.texts[key].setAccessibleDescription(label.text())

    def show_file_error(self, message: str) -> None:
        """A usage file's message ("" clears it), in the usage area where the file was dropped or chosen."""
        self.file_error.setText(message)
        self.file_error.setVisible(bool(message))

    def show_counting(self, counting: bool) -> None:
        """Show the progress bar and Cancel while a file is counted."""
        self.counting_row.setVisible(counting)
        self.progress.setValue(0)
        self.open_button.setEnabled(not counting)

    def on_file(self, chosen: Callable[[], None]) -> None:
        """Call `chosen` when Open usage file is pressed."""
        self.open_button.clicked.connect(lambda _checked=False: chosen())


def _camel(key: str) -> str:
    return "".join(part.capitalize() for part in key.split("_"))
