"""Undo steps for the quote form: one field's old and new value, with typing in a field coalesced."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from cpiquote.gui.quote.form import TEXT_KEYS, FormValue
from cpiquote.gui.quote.inputs import InputPanel

LABELS = {
    "interactions": "interactions per year",
    "credits": "credits ordered",
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
    """The undo menu's text for a change: "Undo change to interactions per year", "Undo Care Package on"."""
    ramp_year = key.removeprefix("ramp_").removeprefix("credits_")
    ramp_label = "credits ordered" if key.startswith("ramp_credits_") else "interactions"
    label = LABELS.get(key) or (f"{ramp_label} in year {ramp_year}" if ramp_year.isdigit() else key.replace("_", " "))
    if isinstance(new, bool):
        return f"{label[:1].upper()}{label[1:]} {'on' if new else 'off'}"
    return f"change to {label}"


def before(command: QUndoCommand) -> dict[str, FormValue]:
    """The fields a step (an edit, or a macro of edits) changed, with the values they had before it."""
    if isinstance(command, EditCommand):
        return {command.key: command.old}
    values: dict[str, FormValue] = {}
    for index in reversed(range(command.childCount())):  # the first child's old value is the one before the macro
        values.update(before(command.child(index)))
    return values


class EditCommand(QUndoCommand):
    """Set one form field. The keystrokes of one typing session in a text field are one step (see `absorb`)."""

    def __init__(self, panel: InputPanel, key: str, old: FormValue, new: FormValue, session: int) -> None:
        super().__init__(describe(key, new))
        self.panel = panel
        self.key = key
        self.old = old
        self.new = new
        self.session = session

    def continues(self, key: str, session: int) -> bool:
        """True when an edit of `key` in typing session `session` is the next keystroke of this step."""
        return self.key == key and self.key in TEXT_KEYS and self.session == session and session >= 0

    def absorb(self, new: FormValue, stack: QUndoStack) -> None:
        """Take the next keystroke into this step (the top of `stack`); typed back to where it began, the step goes.

        The step is updated in place rather than merged with a new command per keystroke: PySide keeps the Python
        side of every command pushed, so one per keystroke would grow memory for as long as the app runs.
        """
        self.new = new
        if self.new == self.old:
            self.setObsolete(True)
            stack.undo()  # shows the old value, which the form already shows, and drops the obsolete step

    def redo(self) -> None:
        """Show the new value (nothing happens when the form already shows it: the person just typed it)."""
        self.panel.set_value(self.key, self.new)

    def undo(self) -> None:
        """Show the old value."""
        self.panel.set_value(self.key, self.old)
