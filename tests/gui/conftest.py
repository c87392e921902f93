"""Fixtures for the desktop tests: a real main window with settings in a temporary INI file and dialogs replaced."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from cpiquote.gui.common import dialogs
from cpiquote.gui.main_window import MainWindow


@dataclass
class DialogLog:
    """What the window asked or told the person, and the answers the test gives."""

    errors: list[tuple[str, str, list[str]]] = field(default_factory=list)
    opened_urls: list[str] = field(default_factory=list)
    changes_asked: list[tuple[str, str]] = field(default_factory=list)  # (quote's name, what would drop it)
    changes_answer: str = dialogs.DISCARD  # the answer to "Save changes?"
    about: list[str] = field(default_factory=list)
    save_path: str = ""
    open_path: str = ""
    open_exported: bool = True
    remove_asked: list[str] = field(default_factory=list)
    remove: bool = True
    text_answer: str = ""  # what the person types when a line of text is asked for ("" cancels)
    passwords_asked: list[str] = field(default_factory=list)  # the databases (URLs without a password) that asked
    password: str = ""  # the password typed ("" cancels)
    restore_asked: list[list[str]] = field(default_factory=list)  # the unsaved quotes offered after a crash
    restore: bool | None = True  # restore them (None: nobody could answer)
    changes_shown: list[tuple[str, list[tuple[str, str, str, str]]]] = field(default_factory=list)  # (text, rows)
    confirm_changes: bool = True  # go on after seeing the figures before and after


@pytest.fixture
def dialog_log(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    """Every dialog helper answers from the log instead of waiting for a person."""
    log = DialogLog()

    def save_changes(_parent: Any, name: str, action: str) -> str:
        log.changes_asked.append((name, action))
        return log.changes_answer

    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _c, _path, _f: log.save_path)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda _p, _c, _folder, _f: log.open_path)
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, text, problems=(): log.errors.append((title, text, list(problems))))
    monkeypatch.setattr(dialogs, "ask_open_file", lambda _p, _path: log.open_exported)
    monkeypatch.setattr(dialogs, "open_url", lambda url: log.opened_urls.append(url.toLocalFile()) or True)
    monkeypatch.setattr(dialogs, "ask_save_changes", save_changes)
    monkeypatch.setattr(dialogs, "ask_remove_scenario", lambda _p, name: log.remove_asked.append(name) or log.remove)
    monkeypatch.setattr(dialogs, "ask_text", lambda _p, _title, _label: log.text_answer)
    monkeypatch.setattr(dialogs, "show_about", lambda _p, _title, text: log.about.append(text))
    monkeypatch.setattr(dialogs, "ask_password", lambda _p, where: log.passwords_asked.append(where) or log.password)
    monkeypatch.setattr(dialogs, "ask_restore_unsaved", lambda _p, names: log.restore_asked.append(list(names)) or log.restore)

    def confirm(_parent: Any, _title: str, text: str, rows: Any, _action: str) -> bool:
        log.changes_shown.append((text, list(rows)))
        return log.confirm_changes

    monkeypatch.setattr(dialogs, "ask_confirm_changes", confirm)
    return log


@pytest.fixture(autouse=True)
def user_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user data folder (the default quote library, the recovery files) in the test's own folder, and no database
    or password chosen from outside: a test never touches the person's own quotes."""
    from cpiquote.gui.library import database

    folder = tmp_path / "user-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.delenv("CPIQUOTE_DATABASE_URL", raising=False)
    database.forget_passwords()
    yield folder
    database.forget_passwords()


@pytest.fixture
def settings_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CPIQUOTE_PRICEBOOK", raising=False)
    return tmp_path / "settings.ini"


@pytest.fixture
def make_window(qtbot: Any, settings_path: Path, dialog_log: DialogLog) -> Callable[[], MainWindow]:
    """Build a shown main window with the test's INI settings (call again for a 'next start')."""

    def make() -> MainWindow:
        window = MainWindow(QSettings(str(settings_path), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.price_chart is not None)  # complete: what follows the first paint has run
        return window

    return make


@pytest.fixture
def window(make_window: Callable[[], MainWindow]) -> MainWindow:
    return make_window()
