"""The window's menus, toolbar and shortcuts (standard key sequences, so every platform feels at home)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QToolBar, QToolButton

from cpiquote.gui.common.icons import icon
from cpiquote.gui.quote import workflows

if TYPE_CHECKING:
    from cpiquote.gui.main_window import MainWindow

Key = QKeySequence.StandardKey


def _action(window: MainWindow, text: str, slot: Callable[[], object], shortcut: Key | str | None = None, icon_name: str = "") -> QAction:
    action = QAction(icon(icon_name) if icon_name else QIcon(), text, window)
    if isinstance(shortcut, Key):
        action.setShortcuts(shortcut)
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    tip = action.text().replace("&", "").rstrip(".…")
    sequence = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText).replace("Backtab", "Tab")  # Qt's name for it
    action.setToolTip(f"{tip} ({sequence})" if sequence else tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _actions(window: MainWindow) -> dict[str, QAction]:
    actions = {
        "open_pricebook": _action(window, "&Open price book…", lambda: workflows.open_pricebook(window), Key.Open, "open-pricebook"),
        "export_pdf": _action(window, "Export &PDF…", lambda: workflows.export(window, ".pdf"), Key.Save, "export-pdf"),
        "export_xlsx": _action(window, "Export &Excel…", lambda: workflows.export(window, ".xlsx"), Key.SaveAs, "export-excel"),
        "quit": _action(window, "&Quit", window.close, Key.Quit),
        "new_scenario": _action(window, "&New scenario", window.add_scenario, Key.AddTab, "scenario-add"),
        "duplicate_scenario": _action(window, "&Duplicate scenario", window.duplicate_scenario, "Ctrl+D", "scenario-duplicate"),
        "remove_scenario": _action(window, "&Remove scenario", window.remove_scenario, Key.Close, "scenario-remove"),
        "export_scenario": _action(window, "&Mark for export", window.mark_exported, "Ctrl+E", "scenario-export"),
        "next_scenario": _action(window, "Ne&xt scenario", lambda: _step(window, 1), Key.NextChild),
        "previous_scenario": _action(window, "Pre&vious scenario", lambda: _step(window, -1), Key.PreviousChild),
        "about": _action(window, "&About CPI Quote", lambda: workflows.show_about(window), Key.HelpContents, "about"),
    }
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    actions["about"].setMenuRole(QAction.MenuRole.AboutRole)
    actions["undo"] = window.undo_group.createUndoAction(window, "&Undo")
    actions["undo"].setShortcuts(Key.Undo)
    actions["undo"].setIcon(icon("undo"))
    actions["redo"] = window.undo_group.createRedoAction(window, "&Redo")
    actions["redo"].setShortcuts(Key.Redo)
    actions["redo"].setIcon(icon("redo"))
    return actions


def _step(window: MainWindow, delta: int) -> None:
    window.switch_scenario((window.current_index + delta) % len(window.scenarios))


def _menus(window: MainWindow, actions: dict[str, QAction]) -> None:
    layout = {
        "&File": ("open_pricebook", None, "export_pdf", "export_xlsx", None, "quit"),
        "&Edit": ("undo", "redo"),
        "&Scenario": (
            "new_scenario",
            "duplicate_scenario",
            "remove_scenario",
            None,
            "export_scenario",
            None,
            "next_scenario",
            "previous_scenario",
        ),
        "&Help": ("about",),
    }
    for title, names in layout.items():
        menu = window.menuBar().addMenu(title)
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(actions[name])


def _toolbar(window: MainWindow, actions: dict[str, QAction]) -> None:
    toolbar = QToolBar("Main toolbar")
    toolbar.setObjectName("mainToolBar")
    toolbar.setIconSize(QSize(20, 20))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setMovable(False)
    for name in ("open_pricebook", None, "export_pdf", "export_xlsx", None, "undo", "redo", None, "new_scenario", "duplicate_scenario"):
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[name])
    for name in ("undo", "redo"):  # their text names the step ("Undo Edit discount"): icon only, so the toolbar never jumps
        button = toolbar.widgetForAction(actions[name])
        if isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)


def install(window: MainWindow) -> dict[str, QAction]:
    """Create the window's actions, put them in the menus and the toolbar, and return them by name."""
    actions = _actions(window)
    _menus(window, actions)
    _toolbar(window, actions)
    return actions
