"""Which quote library the app opens, and the password a PostgreSQL server asks for.

The database URL comes from $CPIQUOTE_DATABASE_URL when set (it wins, as on the command line), else from the
preferences (QSettings), else the SQLite file in the user data folder. A password is asked for when the server wants
one and kept in this process's memory only: never in the settings, a log or a message.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from cpiquote.gui.common import dialogs
from cpiquote.store import ENVIRONMENT_VARIABLE, Store, StoreError, open_store
from cpiquote.store.location import masked_text

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QWidget

URL_KEY = "library/database_url"
PASSWORD_WANTED = ("no password supplied", "password authentication failed")  # what psycopg says when one is needed
_passwords: dict[str, str] = {}  # masked URL -> password typed this session


def environment_url() -> str:
    """The database $CPIQUOTE_DATABASE_URL names ("" when unset): it wins over the preferences."""
    return os.environ.get(ENVIRONMENT_VARIABLE, "").strip()


def preferred_url(settings: QSettings) -> str:
    """The database URL chosen in the preferences ("" for the default SQLite file)."""
    return str(settings.value(URL_KEY, "", type=str)).strip()


def without_password(url: str) -> tuple[str, str]:
    """`url` without its password, and the password ("" when none): what may be kept, and what may not."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url, ""
    if not parsed.password:
        return url, ""
    # URL.set(password=None) keeps the password ("None: unchanged"): a named tuple's _replace drops it
    return parsed._replace(password=None).render_as_string(hide_password=False), str(parsed.password)


def remember_url(settings: QSettings, url: str) -> None:
    """Keep `url` as the preferred database, its password (if typed in it) in memory only."""
    kept, password = without_password(url.strip())
    if password:
        _passwords[masked_text(kept)] = password
    settings.setValue(URL_KEY, kept)
    settings.sync()


def open_library(parent: QWidget, settings: QSettings, url: str | None = None) -> Store:
    """The quote library chosen (or at `url`), asking for the server's password when it wants one; raises StoreError."""
    chosen = url if url is not None else environment_url() or preferred_url(settings)
    kept, typed = without_password(chosen)
    if typed:
        _passwords[masked_text(kept)] = typed
    while True:
        try:
            return open_store(_with_password(kept) or None)
        except StoreError as error:
            if not (kept.startswith("postgres") and any(text in str(error) for text in PASSWORD_WANTED)):
                raise
            password = dialogs.ask_password(parent, masked_text(kept))
            if not password:
                raise
            _passwords[masked_text(kept)] = password


def _with_password(url: str) -> str:
    """`url` with the password typed for it this session, if any."""
    password = _passwords.get(masked_text(url))
    if not url or not password:
        return url
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def forget_passwords() -> None:
    """Forget every password typed this session (tests; a person who changes the database)."""
    _passwords.clear()
