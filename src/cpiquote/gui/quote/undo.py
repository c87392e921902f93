"""Undo steps for the quote: one input's old and new value, set on the quote document, with typing coalesced."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from cpiquote.quote import inputs
from cpiquote.quote.inputs import Value

Setter = Callable[[str, Value], object]  # sets one input of the scenario the step belongs to


def describe(key: str, new: Value) -> str:
    """The undo menu's text for a change: "Undo change to interactions per year", "Undo Care Package on"."""
    return inputs.undo_text(key, new)


def before(command: QUndoCommand) -> dict[str, Value]:
    """The inputs a step (an edit, or a macro of edits) changed, with the values they had before it."""
    if isinstance(command, EditCommand):
        return {command.key: command.old}
    values: dict[str, Value] = {}
    for index in reversed(range(command.childCount())):  # the first child's old value is the one before the macro
        values.update(before(command.child(index)))
    return values


class EditCommand(QUndoCommand):
    """Set one input of a scenario. The keystrokes of one typing session in a text field are one step (see `absorb`).

    `setter` changes the quote document; the window sees the change from the document and shows it.
    """

    def __init__(self, setter: Setter, key: str, old: Value, new: Value, session: int) -> None:
        super().__init__(describe(key, new))
        self.setter = setter
        self.key = key
        self.old = old
        self.new = new
        self.session = session

    def continues(self, key: str, session: int) -> bool:
        """True when an edit of `key` in typing session `session` is the next keystroke of this step."""
        return self.key == key and not isinstance(self.new, bool) and self.session == session and session >= 0

    def absorb(self, new: Value, stack: QUndoStack) -> None:
        """Take the next keystroke into this step (the top of `stack`); typed back to where it began, the step goes.

        The step is updated in place rather than merged with a new command per keystroke: PySide keeps the Python
        side of every command pushed, so one per keystroke would grow memory for as long as the app runs.
        """
        self.new = new
        self.setter(self.key, new)
        if self.new == self.old:
            self.setObsolete(True)
            stack.undo()  # sets the old value, which the document already holds, and drops the obsolete step

    def redo(self) -> None:
        """Set the new value (nothing changes when the document holds it already)."""
        self.setter(self.key, self.new)

    def undo(self) -> None:
        """Set the old value back."""
        self.setter(self.key, self.old)
