"""Edit > Preferences: which database holds the quote library (this computer's SQLite file, or a team's PostgreSQL
server), checked by connecting before it is kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget

from cpiquote.gui.common.theme import set_text_tone
from cpiquote.gui.library import database
from cpiquote.store import ENVIRONMENT_VARIABLE, StoreError, default_database_path
from cpiquote.store.location import masked_text

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

EXAMPLE = "postgresql://user@host/dbname"


class PreferencesDialog(QDialog):
    """The quote library's database URL: empty for the default SQLite file; kept only once a connection succeeds."""

    def __init__(self, parent: QWidget, settings: QSettings) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self.settings = settings
        column = QVBoxLayout(self)
        column.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # tall enough for the wrapped lines
        form = QFormLayout()
        self.url = QLineEdit(database.preferred_url(settings))
        self.url.setObjectName("databaseUrlInput")
        self.url.setPlaceholderText(f"sqlite:///{default_database_path()}")
        self.url.setAccessibleName("Quote library database")
        self.url.setClearButtonEnabled(True)
        self.url.setMinimumWidth(self.fontMetrics().horizontalAdvance("m" * 44))  # a PostgreSQL URL in view whole
        form.addRow("Quote library &database:", self.url)
        column.addLayout(form)
        hint = QLabel(
            f"Empty: this computer's own file (shown greyed). A team's PostgreSQL server: {EXAMPLE}. "
            "A password is asked for when the server wants one and is never stored."
        )
        hint.setWordWrap(True)
        column.addWidget(hint)
        self.status = QLabel(self._overridden())
        self.status.setObjectName("preferencesStatus")
        self.status.setWordWrap(True)
        column.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def _overridden(self) -> str:
        chosen = database.environment_url()
        if not chosen:
            return ""
        return f"{ENVIRONMENT_VARIABLE} is set ({masked_text(chosen)}): it is used instead of this setting until it is unset."

    def accept(self) -> None:
        """Keep the URL once a connection to it succeeds; otherwise say why here, and stay open."""
        url = self.url.text().strip()
        try:
            database.open_library(self, self.settings, url).close()
        except StoreError as error:
            self.status.setText(f"Not kept: {error}.")
            set_text_tone(self.status, "error")
            self.adjustSize()
            return
        database.remember_url(self.settings, url)
        super().accept()


def show_preferences(parent: QWidget, settings: QSettings) -> PreferencesDialog:
    """Open Edit > Preferences over `parent`."""
    dialog = PreferencesDialog(parent, settings)
    dialog.open()
    return dialog
