"""The window's menus, toolbar and shortcuts (standard key sequences, so every platform feels at home)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QToolBar, QToolButton

from cpiquote.gui.common.icons import icon

Key = QKeySequence.StandardKey


def _action(parent: QObject, text: str, slot: Callable[[], object], shortcut: Key | str | None = None, icon_name: str = "") -> QAction:
    action = QAction(icon(icon_name) if icon_name else QIcon(), text, parent)
    if isinstance(shortcut, Key):
        action.setShortcuts(_as_people_write_them(QKeySequence.keyBindings(shortcut)))
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    tip = action.text().replace("&", "").rstrip(".…")
    sequence = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({sequence})" if sequence else tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _as_people_write_them(bindings: list[QKeySequence]) -> list[QKeySequence]:
    """A standard key's bindings with the one the menu shows spelled as on the keyboard: Ctrl+Shift+Tab.

    Qt names Shift+Tab "Backtab" (the key event it delivers), so the menu would show "Ctrl+Shift+Backtab". The Tab
    spelling goes first, for the menu and the tooltip; the Backtab binding stays after it, so the key press matches.
    """
    shown = [QKeySequence(binding.toString().replace("Backtab", "Tab")) for binding in bindings if "Backtab" in binding.toString()]
    return shown[:1] + bindings


# name: (text, shortcut, icon); the slots come from the window
COMMANDS: dict[str, tuple[str, Key | str | None, str]] = {
    "new_quote": ("&New quote", Key.New, "new-quote"),
    "open_quote": ("&Open quote…", Key.Open, "open-quote"),
    "save_quote": ("&Save", Key.Save, "save-quote"),  # in the quote library, as a draft
    "save_quote_as": ("Save to &file…", Key.SaveAs, ""),  # a .cpiquote file
    "new_revision": ("New re&vision", None, ""),
    "duplicate_quote": ("D&uplicate as new quote", None, ""),
    "reprice_quote": ("&Re-price with the current price book…", None, ""),
    "preferences": ("Pre&ferences…", Key.Preferences, ""),
    "quote_library": ("Quote &library…", "Ctrl+L", ""),
    "open_pricebook": ("Open &price book…", "Ctrl+Shift+B", "open-pricebook"),
    "export_pdf": ("Export P&DF…", "Ctrl+Shift+P", "export-pdf"),
    "export_xlsx": ("Export &Excel…", "Ctrl+Shift+X", "export-excel"),
    "export_proposal": ("Export propos&al…", None, ""),
    "quit": ("&Quit", Key.Quit, ""),
    "new_scenario": ("&New scenario", Key.AddTab, "scenario-add"),
    "duplicate_scenario": ("&Duplicate scenario", "Ctrl+D", "scenario-duplicate"),
    "remove_scenario": ("&Remove scenario", Key.Close, "scenario-remove"),
    "export_scenario": ("&Mark for export", "Ctrl+E", "scenario-export"),
    "next_scenario": ("Ne&xt scenario", Key.NextChild, ""),
    "previous_scenario": ("Pre&vious scenario", Key.PreviousChild, ""),
    "about": ("&About CPI Quote", Key.HelpContents, "about"),
    "quote_workspace": ("&Quote", "Ctrl+1", ""),
    "renewal_workspace": ("&Renewal", "Ctrl+2", ""),
}
WORKSPACES = ("quote_workspace", "renewal_workspace")  # one checked: the workspace on show
# Commands on the open quote's scenarios and figures: off while the Renewal workspace is on show, where they would act unseen
QUOTE_ONLY = (
    *("new_revision", "duplicate_quote", "reprice_quote"),
    *("export_pdf", "export_xlsx", "export_proposal", "new_scenario", "duplicate_scenario"),
    *("remove_scenario", "export_scenario", "next_scenario", "previous_scenario"),
)


def _actions(window: QObject, undo_group: QUndoGroup, slots: Mapping[str, Callable[[], object]]) -> dict[str, QAction]:
    actions = {name: _action(window, text, slots[name], shortcut, icon_name) for name, (text, shortcut, icon_name) in COMMANDS.items()}
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    actions["about"].setMenuRole(QAction.MenuRole.AboutRole)
    actions["preferences"].setMenuRole(QAction.MenuRole.PreferencesRole)
    actions["undo"] = undo_group.createUndoAction(window, "&Undo")
    actions["undo"].setShortcuts(Key.Undo)
    actions["undo"].setIcon(icon("undo"))
    actions["redo"] = undo_group.createRedoAction(window, "&Redo")
    actions["redo"].setShortcuts(Key.Redo)
    actions["redo"].setIcon(icon("redo"))
    workspaces = QActionGroup(window)
    for name in WORKSPACES:
        actions[name].setCheckable(True)
        workspaces.addAction(actions[name])
    actions["quote_workspace"].setChecked(True)
    return actions


def show_workspace(actions: Mapping[str, QAction], renewal: bool) -> None:
    """Check the workspace on show and enable the commands that act on what it shows."""
    actions["renewal_workspace" if renewal else "quote_workspace"].setChecked(True)
    for name in QUOTE_ONLY:
        actions[name].setEnabled(not renewal)


def _menus(window: QMainWindow, actions: dict[str, QAction]) -> None:
    layout = {
        "&File": (
            "new_quote",
            "open_quote",
            "quote_library",
            None,
            "save_quote",
            "save_quote_as",
            None,
            "new_revision",
            "duplicate_quote",
            "reprice_quote",
            None,
            "export_pdf",
            "export_xlsx",
            "export_proposal",
            None,
            "open_pricebook",
            None,
            "quit",
        ),
        "&Edit": ("undo", "redo", None, "preferences"),
        "View": WORKSPACES,  # no Alt letter: V, I, E and W are the form's and menus' (Ctrl+1 and Ctrl+2 switch)
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


def _toolbar(window: QMainWindow, actions: dict[str, QAction]) -> None:
    toolbar = QToolBar("Main toolbar")
    toolbar.setObjectName("mainToolBar")
    toolbar.setIconSize(QSize(20, 20))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setMovable(False)
    shown = (
        *WORKSPACES,
        None,
        "open_quote",
        "save_quote",
        None,
        "export_pdf",
        "export_xlsx",
        None,
        "undo",
        "redo",
        None,
        "new_scenario",
        "duplicate_scenario",
    )
    for name in shown:
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[name])
    for name in ("undo", "redo"):  # their text names the step ("Undo Edit discount"): icon only, so the toolbar never jumps
        button = toolbar.widgetForAction(actions[name])
        if isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)


def install(window: QMainWindow, undo_group: QUndoGroup, slots: Mapping[str, Callable[[], object]]) -> dict[str, QAction]:
    """Create the window's actions (each calling its slot in `slots`, undo and redo those of `undo_group`), put them in
    the menus and the toolbar, and return them by name."""
    actions = _actions(window, undo_group, slots)
    _menus(window, actions)
    _toolbar(window, actions)
    return actions
