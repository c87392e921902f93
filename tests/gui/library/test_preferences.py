"""Edit > Preferences: the quote library's database, kept once a connection succeeds, a password asked for when the
server wants one and never written to the settings or shown; $CPIQUOTE_DATABASE_URL still wins."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url
from store_helpers import admin, postgres_url, with_schema

from cpiquote.gui.library import database
from cpiquote.gui.library.preferences import PreferencesDialog
from cpiquote.gui.main_window import MainWindow
from cpiquote.store import open_store, upgrade_database


def preferences(qtbot: Any, window: MainWindow, url: str) -> PreferencesDialog:
    """The dialog with `url` typed and OK pressed."""
    dialog = PreferencesDialog(window, window.settings)
    qtbot.addWidget(dialog)
    dialog.url.setText(url)
    dialog.accept()
    return dialog


def test_a_sqlite_file_chosen_is_kept_and_the_library_is_saved_there(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    chosen = tmp_path / "team" / "quotes.sqlite3"
    dialog = preferences(qtbot, window, f"sqlite:///{chosen}")
    assert dialog.result() == dialog.DialogCode.Accepted and database.preferred_url(window.settings) == f"sqlite:///{chosen}"
    window.document.set_value(0, "interactions", "95,000")
    window.commands["save_quote"].trigger()
    assert dialog_log.errors == []
    with open_store(str(chosen)) as store:
        assert store.count_quotes() == 1


def test_a_database_that_cannot_be_reached_is_not_kept_and_its_password_never_shown(
    qtbot: Any, window: MainWindow, settings_path: Path
) -> None:
    dialog = preferences(qtbot, window, "postgresql://seller:s3cret-word@127.0.0.1:1/quotes")
    message = dialog.status.text()
    assert dialog.result() != dialog.DialogCode.Accepted and message.startswith("Not kept: cannot connect to postgresql://seller:***@")
    assert "s3cret-word" not in message and database.preferred_url(window.settings) == ""
    window.settings.sync()
    assert "s3cret-word" not in settings_path.read_text(encoding="utf-8") if settings_path.exists() else True


def test_the_environment_variable_wins_and_the_dialog_says_so(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CPIQUOTE_DATABASE_URL", str(tmp_path / "from-environment.sqlite3"))
    database.remember_url(window.settings, f"sqlite:///{tmp_path / 'preferred.sqlite3'}")
    assert "CPIQUOTE_DATABASE_URL is set" in PreferencesDialog(window, window.settings).status.text()
    with database.open_library(window, window.settings) as store:
        assert str(store.url.database).endswith("from-environment.sqlite3")


@pytest.fixture
def postgres_library() -> Iterator[str]:
    """A migrated library in a schema of its own on the test server: its URL without the password."""
    server = postgres_url()
    schema = f"cpiquote_prefs_{uuid.uuid4().hex[:8]}"
    admin(server, f"CREATE SCHEMA {schema}")
    try:
        url = with_schema(server, schema)
        upgrade_database(url)
        yield database.without_password(url)[0]
    finally:
        admin(server, f"DROP SCHEMA {schema} CASCADE")


def test_a_server_that_asks_for_a_password_gets_one_that_is_never_written_to_the_settings(
    qtbot: Any, window: MainWindow, dialog_log: Any, settings_path: Path, postgres_library: str
) -> None:
    password = str(make_url(postgres_url()).password)
    dialog_log.password = password
    dialog = preferences(qtbot, window, postgres_library)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.status.text()
    assert len(dialog_log.passwords_asked) == 1 and password not in dialog_log.passwords_asked[0]
    window.document.set_value(0, "interactions", "95,000")
    window.commands["save_quote"].trigger()  # the password typed once serves the session
    assert dialog_log.errors == [] and len(dialog_log.passwords_asked) == 1
    typed_in_url = make_url(postgres_library).set(password=password).render_as_string(hide_password=False)
    assert preferences(qtbot, window, typed_in_url).result() == dialog.DialogCode.Accepted
    window.settings.sync()
    saved = settings_path.read_text(encoding="utf-8")
    assert "database_url" in saved and password not in saved
    assert database.preferred_url(window.settings) == postgres_library
