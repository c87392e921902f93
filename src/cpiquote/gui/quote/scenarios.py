"""Scenarios on screen: each variant's undo history and figures (its inputs are in the quote document), and the tabs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from cpiquote.gui.common.accessibility import NamedTabBar
from cpiquote.gui.common.icons import icon
from cpiquote.quote.document import MAX_SCENARIOS

if TYPE_CHECKING:
    from cpiquote.pricing import Quotation


@dataclass
class Scenario:
    """One variant as the window shows it: its name, its undo history, and its figures (None while it cannot be
    priced, with the reason in `problem`). Its inputs are the quote document's."""

    name: str
    stack: QUndoStack
    quotation: Quotation | None = None
    problem: str = field(default="")


class ScenarioBar(QWidget):
    """Tabs to switch scenarios and buttons to add, duplicate, remove and mark the exported one."""

    add_requested = Signal()
    duplicate_requested = Signal()
    remove_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.tabs = NamedTabBar()  # heard as "Scenarios", not as its current tab
        self.tabs.setObjectName("scenarioTabs")
        self.tabs.setAccessibleName("Scenarios")
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        row.addWidget(self.tabs)
        self.buttons: dict[str, QToolButton] = {}
        for name, tip, signal in (
            ("scenario-add", "New scenario", self.add_requested),
            ("scenario-duplicate", "Duplicate this scenario", self.duplicate_requested),
            ("scenario-remove", "Remove this scenario", self.remove_requested),
            (
                "scenario-export",
                "Mark this scenario as the one Export PDF and Export Excel write (marked with a star)",
                self.export_requested,
            ),
        ):
            button = QToolButton()
            button.setIcon(icon(name))
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setAutoRaise(True)
            button.clicked.connect(signal.emit)
            row.addWidget(button)
            self.buttons[name] = button
        self.buttons["scenario-export"].setObjectName("exportScenarioButton")
        self.buttons["scenario-export"].setCheckable(True)
        row.addStretch(1)

    def show_names(self, names: list[str], current: int, export_index: int) -> None:
        """Show one tab per scenario, the exported one with a star, and enable what is possible."""
        self.tabs.blockSignals(True)
        while self.tabs.count() > len(names):
            self.tabs.removeTab(self.tabs.count() - 1)
        for index, name in enumerate(names):
            if index >= self.tabs.count():
                self.tabs.addTab(name)
            self.tabs.setTabText(index, name)
            exported = index == export_index
            self.tabs.setTabIcon(index, icon("scenario-export") if exported else QIcon())
            self.tabs.setTabToolTip(index, f"{name}: the scenario Export PDF and Export Excel write" if exported else name)
            self.tabs.setAccessibleTabName(index, f"{name}, marked for export" if exported else name)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        self.buttons["scenario-add"].setEnabled(len(names) < MAX_SCENARIOS)
        self.buttons["scenario-duplicate"].setEnabled(len(names) < MAX_SCENARIOS)
        self.buttons["scenario-remove"].setEnabled(len(names) > 1)
        self.buttons["scenario-export"].setChecked(current == export_index)
