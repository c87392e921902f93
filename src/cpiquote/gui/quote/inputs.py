"""The left-hand quote form: everything a sales person types, grouped the way a customer talks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QFrame, QGridLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from cpiquote import formatting
from cpiquote.gui.common.fields import (
    DAYS_PATTERN,
    DECIMAL_PATTERN,
    PERCENT_PATTERN,
    AsTypedValidator,
    TextBox,
    UndoShortcutRouter,
    YearsValidator,
    check_box,
    error_label,
    group_separator,
    hint_label,
    line_edit,
    refusal,
    stacked,
    with_unit,
)
from cpiquote.gui.common.theme import bold_titles
from cpiquote.pricing import InputError, PriceBook
from cpiquote.pricing.limits import MAX_RAMP_YEARS
from cpiquote.quote import inputs
from cpiquote.quote.inputs import FLAG_KEYS, Kind, Value, default_values
from cpiquote.quote.numbers import parse_whole, whole_text

# Each field's label, unit, help and grammar are the table's (cpiquote.quote.inputs); the form adds where it goes,
# the letter that Alt reaches it with, and what its empty field suggests.
MNEMONICS = {
    "customer": "C",
    "contact": "o",
    "sales_person": "l",
    "interactions": "I",
    "estimate": "t",
    "ramp": "v",
    "years": "y",
    "discount": "D",
    "genai": "G",
    "intent_manager": "n",
    "performance_optimizer": "P",
    "care_package": "a",
    "services_hours": "u",
    "sms_per_month": "M",
    "whatsapp_mtm_per_month": "W",
}  # "Credits ordered per year", the account, billing address, notes and terms have none: each of their letters is taken
OBJECT_NAMES = {"sms_per_month": "smsInput", "whatsapp_mtm_per_month": "whatsappInput"}  # shorter than from the key
PATTERNS = {Kind.DECIMAL: DECIMAL_PATTERN, Kind.PERCENT: PERCENT_PATTERN}  # whole numbers: any text, read as a whole
ESTIMATOR_KEYS = frozenset(entry.key for entry in inputs.ESTIMATOR)
RAMP_KEYS = frozenset(f"ramp_{kind}{year}" for kind in ("", "credits_") for year in range(1, MAX_RAMP_YEARS + 1))
SHAPING_KEYS = frozenset(("years", "ramp", "estimate"))  # inputs that show, hide or enable other fields
AS_REQUIRED = "as required"  # what an empty credits field means: the forecast decides
INDENT = 18  # the estimator's and the ramp's rows sit this far in, under their check box
FORM_SPACING = 12  # between a label and its field


class InputPanel(QWidget):
    """The quote form. It shows the inputs that `values` gives (the quote document's, of the scenario on show) and
    reports a person's change with `edited` (key, new value) without keeping it: the window records the change in the
    document, which tells the form to show it (`show_value`).

    What starts hidden is built after the window first shows (`finish_building`) or when first needed, whichever
    comes first, so the window opens sooner: the estimator's fields, the ramp's years and each field's message line.
    """

    edited = Signal(str, object)
    field_finished = Signal(str)

    def __init__(self, values: Callable[[str], Value] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inputPanel")
        self._value = values if values is not None else default_values().__getitem__
        self._applying = False
        self._texts: dict[str, QLineEdit] = {}
        self._flags: dict[str, QCheckBox] = {}
        self._boxes: dict[str, TextBox] = {}  # the inputs of several lines
        self._errors: dict[str, QLabel] = {}  # a field's message line, made for its first message
        self._error_slots: dict[str, QWidget] = {}  # where each field's message line goes
        self._shown_errors: set[str] = set()
        self._hints: dict[str, str] = {"discount": ""}  # each control's description when no message is shown
        self._estimate_label: QLabel | None = None
        self._estimate_text = ""
        self._ramp_labels: list[QLabel] = []
        self._max_years = 5
        self._label_width = 0  # the form's label column, which the late-built rows line up with
        self._undo_router = UndoShortcutRouter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        groups = (self._customer_group(), self._volume_group(), self._contract_group(), self._features_group(), self._extras_group())
        for group in (*groups, self._notes_group()):
            layout.addWidget(group)
        layout.addStretch(1)
        self._align_labels()
        for group in self.findChildren(QGroupBox):
            bold_titles(group)
        self._sync_enabled()

    def _align_labels(self) -> None:
        """One label column across every group, so the fields line up down the whole form.

        The ramp's years, built later, line up with it too; the estimator's longer labels push its fields a little
        further in, rather than narrowing every field of the form.
        """
        labels = [
            label
            for group in self.findChildren(QGroupBox)
            if isinstance(form := group.layout(), QFormLayout)
            for row in range(form.rowCount())
            if isinstance(item := form.itemAt(row, QFormLayout.ItemRole.LabelRole), object)
            and item is not None
            and isinstance(label := item.widget(), QLabel)
        ]
        self._label_width = max((label.sizeHint().width() for label in labels), default=INDENT)
        for label in labels:
            label.setMinimumWidth(self._label_width)
        for label in self.findChildren(QLabel):
            _point_buddy_at_field(label)

    # --- building -------------------------------------------------------------------------

    def _text(self, key: str, placeholder: str = "0") -> QLineEdit:
        """The field of text input `key`, named, described and limited to what its kind of input can hold."""
        entry = inputs.BY_KEY[key]
        pattern = DAYS_PATTERN if key == "extra_days" else PATTERNS.get(entry.kind)
        object_name = OBJECT_NAMES.get(key, f"{_camel(key)}Input")
        edit = line_edit(object_name, entry.label, placeholder, pattern)
        if entry.of is None and not entry.per_year:  # per-year help is the command line's (lists of figures)
            edit.setToolTip(_sentence(entry.help))
        if entry.kind is Kind.WHOLE:
            edit.setValidator(AsTypedValidator(edit))
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.setText(str(self._value(key)))
        edit.installEventFilter(self._undo_router)
        edit.textChanged.connect(lambda text, k=key: self._on_text(k, text))
        edit.editingFinished.connect(lambda k=key: self._finish(k))
        if entry.kind is Kind.TEXT:  # a long name shows its beginning, not its end, once typed
            edit.editingFinished.connect(lambda e=edit: e.setCursorPosition(0))
        if pattern is not None or key == "years":
            edit.inputRejected.connect(lambda k=key, p=pattern: self._explain_refusal(k, p))
        self._texts[key] = edit
        return edit

    def _finish(self, key: str) -> None:
        """Leaving a field ends its typing; a whole number typed there ("250k", "250000") shows grouped ("250,000").

        The grouped text is one more keystroke of the typing just ended, so one Undo takes back both. A text that is
        not a figure stays as typed, its reason beside it; a field only passed through is left as it was.
        """
        edit = self._texts[key]
        if inputs.BY_KEY[key].kind is Kind.WHOLE and edit.isModified() and not edit.isReadOnly():
            grouped = _grouped(edit.text())
            if grouped is not None and grouped != edit.text():
                edit.setText(grouped)
        edit.setModified(False)
        self.field_finished.emit(key)

    def _flag(self, key: str) -> QCheckBox:
        """The check box of on/off input `key`."""
        box = check_box(f"{_camel(key)}Check", caption(key))
        box.setToolTip(_sentence(inputs.BY_KEY[key].help))
        box.toggled.connect(lambda on, k=key: self._on_flag(k, on))
        self._flags[key] = box
        return box

    def _field(self, key: str, widget: QWidget) -> QWidget:
        self._error_slots[key] = box = stacked(widget)
        return box

    def _error_label(self, key: str) -> QLabel:
        """The message line under `key`'s field, made the first time it has something to say."""
        label = self._errors.get(key)
        if label is None:
            label = self._errors[key] = error_label(f"{_camel(key)}Error")
            layout = self._error_slots[key].layout()
            assert layout is not None  # every slot is a stacked() box
            layout.addWidget(label)
        return label

    def _group(self, title: str, object_name: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title)
        group.setObjectName(object_name)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(FORM_SPACING)
        form.setVerticalSpacing(6)
        return group, form

    def _row(self, form: QFormLayout, key: str, placeholder: str = "0") -> QLineEdit:
        """Add text input `key` to `form`: its label, its field with its unit, and room for a message under it."""
        edit = self._text(key, placeholder)
        form.addRow(f"{caption(key)}:", self._field(key, with_unit(edit, inputs.BY_KEY[key].unit)))
        return edit

    def _box_row(self, form: QFormLayout, key: str, placeholder: str, lines: int, wide: bool = False) -> TextBox:
        """Add text input `key` of several lines to `form`, as tall as `lines`, with room for a message under it; `wide`:
        under its label, across the whole form (notes and terms are paragraphs, not a field's worth)."""
        entry = inputs.BY_KEY[key]
        box = TextBox(f"{_camel(key)}Input", entry.label, placeholder, lines)
        box.setToolTip(_sentence(entry.help))
        box.setPlainText(str(self._value(key)))
        box.installEventFilter(self._undo_router)
        box.textChanged.connect(lambda k=key, b=box: self._on_text(k, b.toPlainText()))
        box.finished.connect(lambda k=key: self.field_finished.emit(k))
        self._boxes[key] = box
        if not wide:
            form.addRow(f"{caption(key)}:", self._field(key, with_unit(box)))
            return box
        label = QLabel(f"{caption(key)}:")
        label.setBuddy(box)
        form.addRow(label)
        form.addRow(self._field(key, box))
        return box

    def _customer_group(self) -> QGroupBox:
        group, form = self._group("Customer", "customerGroup")
        self._row(form, "customer", "Company name")
        self._row(form, "account", "Account number or Site ID")
        self._box_row(form, "billing_address", "Street, town, postcode, country", 3)
        self._row(form, "contact", "Name, e-mail or phone")
        self._row(form, "sales_person", "Who the customer deals with")
        return group

    def _notes_group(self) -> QGroupBox:
        group, form = self._group("Notes and terms", "notesGroup")
        self._box_row(form, "notes", "Printed on the quote", 5, wide=True)
        self._box_row(form, "terms", "Terms of this quote, printed above the signatures", 4, wide=True)
        return group

    def _volume_group(self) -> QGroupBox:
        group, form = self._group("Volume", "volumeGroup")
        self._row(form, "interactions", "e.g. 1,200,000")
        credits = self._row(form, "credits", AS_REQUIRED)
        credits.setToolTip(
            "Credits the customer buys a year, in whole blocks of the price book's increment. "
            "Empty: as many as the interactions require (at least the minimum order)."
        )
        self._estimate_fields = QFrame()
        self._estimate_fields.setObjectName("estimateFields")
        form.addRow(stacked(self._flag("estimate"), self._estimate_fields))
        self._ramp_box = QWidget()
        self._ramp_box.setObjectName("rampFields")
        form.addRow(stacked(self._flag("ramp"), self._ramp_box))
        return group

    # --- built after the first paint, or when first needed --------------------------------

    def finish_building(self) -> None:
        """Build what the form starts without: the estimator's fields and the ramp's years (hidden until ticked)."""
        self._build_estimator()
        self._build_ramp()
        self._sync_enabled()

    def _build_for(self, key: str) -> None:
        """Build the part of the form that holds `key`'s field, if it is not there yet."""
        if key in ESTIMATOR_KEYS:
            self._build_estimator()
        elif key in RAMP_KEYS:
            self._build_ramp()

    def _build_estimator(self) -> None:
        if self._estimate_label is not None:
            return
        form = QFormLayout(self._estimate_fields)
        form.setContentsMargins(INDENT, 2, 0, 4)
        form.setHorizontalSpacing(FORM_SPACING)
        for entry in inputs.ESTIMATOR:
            edit = self._text(entry.key)
            label = QLabel(f"{entry.label}:")
            label.setMinimumWidth(self._label_width - INDENT)
            label.setBuddy(edit)
            form.addRow(label, self._field(entry.key, with_unit(edit, entry.unit)))
        self._estimate_label = hint_label(self._estimate_text)
        self._estimate_label.setObjectName("estimateResultLabel")
        form.addRow(self._estimate_label)
        self._fit_in(self._estimate_fields, self._flags["estimate"])

    def _build_ramp(self) -> None:
        """The ramp: a small table under its check box, a row per year and a column each for the interactions and the
        credits ordered. Its "Year N:" labels keep their own width, so the two columns share all the room there is."""
        if self._ramp_labels:
            return
        grid = QGridLayout(self._ramp_box)
        grid.setContentsMargins(INDENT, 0, 0, 0)
        grid.setHorizontalSpacing(FORM_SPACING // 2)
        for column, title in ((1, "Interactions"), (2, "Credits ordered")):
            heading = hint_label(title)
            heading.setObjectName(f"ramp{title.split()[0]}Heading")
            grid.addWidget(heading, 0, column)
            grid.setColumnStretch(column, 1)
        for year in range(1, MAX_RAMP_YEARS + 1):
            key = f"ramp_{year}"
            edit = self._text(key, "interactions")
            credits = self._text(f"ramp_credits_{year}", AS_REQUIRED)
            label = QLabel(f"Year {year}:")
            label.setBuddy(edit)
            self._ramp_labels.append(label)
            grid.addWidget(label, year, 0)
            grid.addWidget(self._field(key, with_unit(edit)), year, 1)
            grid.addWidget(self._field(f"ramp_credits_{year}", with_unit(credits)), year, 2)
        self._fit_in(self._ramp_box, self._flags["ramp"])

    def _fit_in(self, part: QWidget, toggle: QWidget) -> None:
        """Give a part built late the tab order it would have had (its fields right after its toggle) and working labels.

        New widgets join the end of the window's focus chain. The fields move behind the toggle, in form order; the
        rows holding them cannot move (Qt moves only widgets that take focus) and would pass Tab on to their field
        after the window's last control, so they stop passing focus on: each label points at its field instead.
        """
        for label in part.findChildren(QLabel):
            _point_buddy_at_field(label)
        previous = toggle
        for widget in part.findChildren(QWidget):  # depth first, in the order they were made: the order of the form
            if widget.focusProxy() is not None:
                widget.setFocusProxy(None)  # type: ignore[arg-type]  # the stub forgets that None clears it
            elif widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                QWidget.setTabOrder(previous, widget)
                previous = widget

    def _contract_group(self) -> QGroupBox:
        group, form = self._group("Contract", "contractGroup")
        years = self._text("years", "1")
        years.setValidator(YearsValidator(self._max_years, years))
        years.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # a figure, like the others
        self._years_hint = hint_label()
        self._years_hint.setObjectName("yearsHintLabel")
        form.addRow(f"{caption('years')}:", self._field("years", stacked(with_unit(years), self._years_hint)))
        self._row(form, "discount")
        return group

    def _features_group(self) -> QGroupBox:
        group, form = self._group("Features", "featuresGroup")
        self._feature_hints: dict[str, QLabel] = {}
        for key in ("genai", "intent_manager", "performance_optimizer"):
            self._feature_hints[key] = hint_label()
            form.addRow(stacked(self._flag(key), self._feature_hints[key]))
        return group

    def _extras_group(self) -> QGroupBox:
        group, form = self._group("Support, services and messaging", "extrasGroup")
        self._care_hint = hint_label()
        form.addRow(stacked(self._flag("care_package"), self._care_hint))
        for key in ("services_hours", "sms_per_month", "whatsapp_mtm_per_month"):
            self._row(form, key)
        return group

    # --- price book -----------------------------------------------------------------------

    def set_limits(self, pricebook: PriceBook) -> None:
        """Limit the contract years (and the ramp's fields) to the price book."""
        self._max_years = pricebook.max_years
        validator = self._texts["years"].validator()
        if isinstance(validator, YearsValidator):
            validator.max_years = self._max_years
        self._hint("years", self._years_hint, f"1 to {self._max_years}; longer terms earn a discount")
        self._sync_enabled()

    def set_pricebook(self, pricebook: PriceBook) -> None:
        """Limit years to the price book and show what each feature and the Care Package add."""
        self.set_limits(pricebook)
        rates = pricebook.credits
        genai, base = formatting.number(rates.generative_ai), formatting.number(rates.base)
        self._hint("genai", self._feature_hints["genai"], f"{genai} credits per interaction instead of {base}")
        for key in ("intent_manager", "performance_optimizer"):
            self._hint(key, self._feature_hints[key], f"+{formatting.number(getattr(rates, key))} credits per interaction")
        fee = formatting.money(pricebook.care_minimum_annual_fee, pricebook.currency)
        care = f"{formatting.percent(pricebook.care_percent_of_subscription)} of the subscription a year, at least {fee}"
        self._hint("care_package", self._care_hint, care)
        self._sync_enabled()

    def _hint(self, key: str, label: QLabel, text: str) -> None:
        """Show `text` under `key`'s control and make it the control's description (while no message replaces it)."""
        label.setText(text)
        self._hints[key] = text
        if key not in self._shown_errors:
            self._describe_problem(key, "")

    # --- values ---------------------------------------------------------------------------

    def show_value(self, key: str, value: Value) -> None:
        """Show `value` for `key` (the document changed), without reporting it as an edit."""
        self._put(key, value)
        if key in SHAPING_KEYS:
            self._sync_enabled()

    def show_all(self) -> None:
        """Show every input anew (another scenario, or another quote)."""
        for key in (*self._flags, *self._texts, *self._boxes):
            self._put(key, self._value(key))
        self._sync_enabled()

    def _put(self, key: str, value: Value) -> None:
        self._applying = True
        try:
            if key in FLAG_KEYS:
                self._flags[key].setChecked(bool(value))  # (no signal when it already shows it)
            elif key in self._boxes:
                if self._boxes[key].toPlainText() != value:
                    self._boxes[key].setPlainText(str(value))
            elif key in self._texts and not (key == "interactions" and self._estimating()) and self._texts[key].text() != value:
                self._texts[key].setText(str(value))  # a field not built yet shows the value when it is
        finally:
            self._applying = False

    def _on_text(self, key: str, text: str) -> None:
        if not self._applying and not (key == "interactions" and self._estimating()):
            self.edited.emit(key, text)

    def _on_flag(self, key: str, on: bool) -> None:
        if not self._applying:
            self.edited.emit(key, on)

    def _estimating(self) -> bool:
        return bool(self._value("estimate")) and not self._value("ramp")

    def _sync_enabled(self) -> None:
        """Enable what applies: the ramp's fields up to the contract length, the estimator without a ramp."""
        ramp = bool(self._value("ramp"))
        estimator = bool(self._value("estimate")) and not ramp
        years_text = str(self._value("years"))
        years = int(years_text) if years_text.isascii() and years_text.isdigit() else 1
        if ramp:
            self._build_ramp()
        if estimator:
            self._build_estimator()
        self._ramp_box.setVisible(ramp)
        self._estimate_fields.setVisible(estimator)
        for year, label in enumerate(self._ramp_labels, start=1):
            visible = year <= self._max_years  # years the price book does not offer take no room at all
            label.setVisible(visible)
            for key in (f"ramp_{year}", f"ramp_credits_{year}"):
                self._error_slots[key].setVisible(visible)
                self._texts[key].setEnabled(year <= years)
        self._flags["estimate"].setEnabled(not ramp)
        self._texts["credits"].setEnabled(not ramp)
        interactions = self._texts["interactions"]
        interactions.setEnabled(not ramp)
        interactions.setReadOnly(self._estimating())
        if not self._estimating():
            self._put("interactions", self._value("interactions"))

    # --- feedback -------------------------------------------------------------------------

    def show_estimate(self, interactions: int | None) -> None:
        """Show the estimator's result, and put it in the interactions field while estimating."""
        text = formatting.count(interactions) if interactions is not None else ""
        self._estimate_text = f"= {text} interactions per year" if text else "Enter the conversations per year"
        if self._estimate_label is not None:
            self._estimate_label.setText(self._estimate_text)
        if self._estimating() and self._texts["interactions"].text() != text:
            self._applying = True
            self._texts["interactions"].setText(text)
            self._applying = False

    def show_error(self, field: str | None, reason: str = "") -> None:
        """Show `reason` beside the field named `field` (and clear every other message); None clears all."""
        if field is not None:
            self._build_for(field)
        wanted = {field} if field in self._error_slots else set()
        for stale in self._shown_errors - wanted:
            self._errors[stale].setVisible(False)
            self._describe_problem(stale, "")
        if field in wanted:
            self._say(field, reason)
        self._shown_errors = wanted

    def _explain_refusal(self, key: str, pattern: str | None) -> None:
        """Say beside the field why a keystroke did not appear (it stays until the next edit)."""
        if key == "years":
            reason = f"The longest contract is {self._max_years} years"
        elif key == "extra_days":
            reason = "Extra days: a number of days from 0 to 366, such as 1.5"
        else:
            reason = refusal(pattern)
        if key not in self._error_slots:
            return
        self._say(key, reason)
        self._shown_errors.add(key)

    def _say(self, key: str, reason: str) -> None:
        """Show `reason` under `key`'s field, and make it the field's description for screen readers."""
        text = reason[:1].upper() + reason[1:]
        label = self._error_label(key)
        label.setText(text)
        label.setVisible(True)
        self._describe_problem(key, text)

    def _describe_problem(self, key: str, text: str) -> None:
        """A message as the field's description while shown; its hint (or nothing, never its value) otherwise."""
        text = text or self._hints.get(key, "")
        field = self.widget(key)
        if field.accessibleDescription() != text:
            field.setAccessibleDescription(text)

    def error_text(self, field: str) -> str:
        """The inline message shown beside `field` ("" when none)."""
        label = self._errors.get(field)
        return label.text() if label is not None and field in self._shown_errors else ""

    def widget(self, key: str) -> QWidget:
        """The control that edits `key`."""
        self._build_for(key)
        if key in self._boxes:
            return self._boxes[key]
        return self._flags[key] if key in FLAG_KEYS else self._texts[key]


def _grouped(text: str) -> str | None:
    """A whole number's text with its digits grouped in the user's locale (its separator when the grammar reads it, else
    ","); None when the text is not a whole number."""
    try:
        value = parse_whole("", text)
    except InputError:
        return None
    return None if value is None else whole_text(value, group_separator(QLocale()))


def _point_buddy_at_field(label: QLabel) -> None:
    """A label's Alt+letter focuses the field itself: a container row (field and message) cannot take focus."""
    target: QWidget | None = label.buddy()
    while target is not None and target.focusProxy() is not None:
        target = target.focusProxy()
    if target is not None and target is not label.buddy():
        label.setBuddy(target)


def caption(key: str) -> str:
    """Input `key`'s label as the form shows it, with the letter that Alt reaches it with: "&Interactions per year"."""
    label, letter = inputs.label(key), MNEMONICS.get(key)
    at = label.find(letter) if letter else -1
    return label if at < 0 else f"{label[:at]}&{label[at:]}"


def _sentence(text: str) -> str:
    """A help text as a tooltip: a capital first letter and a full stop."""
    return f"{text[:1].upper()}{text[1:]}{'' if text.endswith('.') else '.'}"


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(part.title() for part in rest)
