"""Which quote library the app opens: a password typed in a URL is kept in memory only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cpiquote.gui.library import database
from cpiquote.gui.main_window import MainWindow


def test_a_password_typed_in_the_url_is_kept_in_memory_only(window: MainWindow, settings_path: Path) -> None:
    database.remember_url(window.settings, "postgresql://seller:Pa55-word@db.example.com/quotes")
    assert database.preferred_url(window.settings) == "postgresql://seller@db.example.com/quotes"
    assert "Pa55-word" not in settings_path.read_text(encoding="utf-8")


def test_a_password_is_asked_for_only_by_a_server_that_wants_one(window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    with database.open_library(window, window.settings, str(tmp_path / "quotes.sqlite3")):
        pass
    assert dialog_log.passwords_asked == []
