"""Undo steps for the quote form: one field's old and new value, with typing in a field coalesced."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from cpiquote.gui.form import TEXT_KEYS, FormValue
from cpiquote.gui.inputs import InputPanel

LABELS = {
    "interactions": "interactions per year",
    "years": "contract years",
    "conversations": "conversations per year",
    "proactive": "proactive messages per year",
    "genai": "Generative AI",
    "intent_manager": "Intent Manager",
    "performance_optimizer": "Performance Optimizer",
    "care_package": "Care Package",
    "estimate": "estimate from conversations",
    "ramp": "different volume each year",
    "services_hours": "services hours",
    "sms_per_month": "SMS per month",
    "whatsapp_mtm_per_month": "WhatsApp MTMs per month",
    "multi_day_share": "share past midnight",
    "extra_days": "extra days",
    "reply_rate": "reply rate",
}


def describe(key: str, new: FormValue) -> str:
    """The undo menu's text for a change: "Undo Edit interactions per year", "Undo Turn on Care Package"."""
    ramp_year = key.removeprefix("ramp_")
    label = LABELS.get(key) or (f"interactions in year {ramp_year}" if ramp_year.isdigit() else key.replace("_", " "))
    if isinstance(new, bool):
        return f"Turn {'on' if new else 'off'} {label}"
    return f"Edit {label}"


class EditCommand(QUndoCommand):
    """Set one form field. Consecutive edits of the same text field in one typing session merge."""

    def __init__(self, panel: InputPanel, key: str, old: FormValue, new: FormValue, session: int) -> None:
        super().__init__(describe(key, new))
        self.panel = panel
        self.key = key
        self.old = old
        self.new = new
        self.session = session

    def id(self) -> int:
        """Text fields merge (one id per field); toggles never do."""
        return TEXT_KEYS.index(self.key) + 1 if self.key in TEXT_KEYS else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        """Absorb the next keystroke in the same field and session; becomes obsolete if back where it began."""
        if not isinstance(other, EditCommand) or other.key != self.key or other.session != self.session:
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        """Show the new value (nothing happens when the form already shows it: the person just typed it)."""
        self.panel.set_value(self.key, self.new)

    def undo(self) -> None:
        """Show the old value."""
        self.panel.set_value(self.key, self.old)
