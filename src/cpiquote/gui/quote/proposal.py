"""File > Export proposal: the person picks two to four scenarios, and they are written as the options of one proposal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths

from cpiquote import formatting, services
from cpiquote.documents.proposal import MAX_OPTIONS, MIN_OPTIONS
from cpiquote.gui.common import dialogs
from cpiquote.gui.quote import workflows
from cpiquote.pricing import InputError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from cpiquote.gui.quote.scenarios import Scenario
    from cpiquote.gui.quote.workflows import Workspace

FILTER = "PDF documents (*.pdf);;Excel workbooks (*.xlsx)"


@dataclass(frozen=True)
class Choice:
    """A scenario as the chooser lists it: its name and figures, or why it cannot be offered."""

    label: str
    problem: str  # "" when it can be offered


def choices(scenarios: Sequence[Scenario]) -> list[Choice]:
    """Each scenario with its term and contract value ("Scenario B: 3 years, $2,277,000.00"), or what stops it."""
    listed = []
    for scenario in scenarios:
        q = scenario.quotation
        if q is None:
            listed.append(Choice(f"{scenario.name}: cannot be priced ({scenario.problem})", scenario.problem or "cannot be priced"))
            continue
        years = f"{q.request.years} year{'s' if q.request.years > 1 else ''}"
        listed.append(Choice(f"{scenario.name}: {years}, {formatting.money(q.total_contract_value, q.pricebook.currency)}", ""))
    return listed


def ask_scenarios(parent: QWidget, listed: Sequence[Choice]) -> list[int]:
    """The scenarios the person ticked to offer, in order ([] when cancelled); OK needs two to four of them."""
    from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle("Export proposal")
    layout = QVBoxLayout(dialog)
    intro = QLabel(f"Offer {MIN_OPTIONS} to {MAX_OPTIONS} scenarios as the options of one proposal, in this order:")
    intro.setWordWrap(True)
    layout.addWidget(intro)
    boxes = []
    for choice in listed:
        box = QCheckBox(choice.label)
        box.setChecked(not choice.problem)
        box.setEnabled(not choice.problem)
        layout.addWidget(box)
        boxes.append(box)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
    layout.addWidget(buttons)

    def allow() -> None:
        ticked = sum(box.isChecked() for box in boxes)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(MIN_OPTIONS <= ticked <= MAX_OPTIONS)

    for box in boxes:
        box.toggled.connect(allow)
    allow()
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    return [i for i, box in enumerate(boxes) if box.isChecked()]


def export_proposal(window: Workspace) -> Path | None:
    """Ask which scenarios to offer and where to write them; write the proposal; errors in a dialog, nothing lost."""
    listed = choices(window.scenarios)
    if sum(not choice.problem for choice in listed) < MIN_OPTIONS:
        dialogs.show_error(
            window.widget,
            "Not enough scenarios for a proposal",
            f"A proposal offers {MIN_OPTIONS} to {MAX_OPTIONS} priced scenarios as its options. "
            "Add one with Scenario > New scenario or Duplicate scenario, and change what the customer should compare.",
            [choice.label for choice in listed if choice.problem],
        )
        return None
    chosen = ask_scenarios(window.widget, listed)
    if not chosen:
        return None
    quotations = [q for q in (window.scenarios[i].quotation for i in chosen) if q is not None]
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = str(window.settings.value(workflows.EXPORT_FOLDER_KEY, "", type=str)) or documents
    suggestion = Path(folder) / workflows.file_name(f"{quotations[0].request.customer} proposal".strip(), ".pdf")
    path_text = dialogs.ask_save_path(window.widget, "Export proposal", str(suggestion), FILTER)
    if not path_text:
        return None
    path = Path(path_text if path_text.lower().endswith((".pdf", ".xlsx")) else path_text + ".pdf")
    try:
        written = services.export_proposal(quotations, path)
    except (services.ExportError, InputError) as error:
        dialogs.show_error(window.widget, "Export failed", f"{error}\n\nNothing was lost: your quote is unchanged.")
        return None
    window.settings.setValue(workflows.EXPORT_FOLDER_KEY, str(written.parent))
    window.statusBar().showMessage(f"Exported the proposal to {written}", 8000)
    return written
