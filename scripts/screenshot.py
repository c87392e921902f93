"""Regenerate docs/screenshot.png: the main window offscreen with the 1,200,000-interaction, 3-year example filled in.

Run `python scripts/screenshot.py [OUTPUT.png]` from a checkout; it needs no display.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 800)
EXAMPLE = (
    ("customerInput", "Contoso Retail Group"),
    ("accountInput", "SITE-20417"),
    ("contactInput", "Dana Whitfield, Head of Customer Care"),
    ("salesPersonInput", "Sam Seller"),
    ("interactionsInput", "1,200,000"),
    ("yearsInput", "3"),
    ("servicesHoursInput", "40"),
    ("smsInput", "25,000"),
    ("whatsappInput", "8,000"),
)
TICKED = ("genaiCheck", "intentManagerCheck", "carePackageCheck")


def fill(window: object) -> None:
    """Type the worked example into the window's named fields, with a one-year variant as scenario B."""
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QWidget

    def widget(name: str) -> QWidget:
        found = window.findChild(QWidget, name)  # type: ignore[attr-defined]
        if found is None:
            raise SystemExit(f"the window has no widget named {name}")
        return found

    for name, text in EXAMPLE:
        field = widget(name)
        assert isinstance(field, QLineEdit)
        field.setText(text)
        field.setCursorPosition(0)  # show the start of long text, as after leaving the field
    address = widget("billingAddressInput")
    assert isinstance(address, QPlainTextEdit)
    address.setPlainText("Accounts payable\n1 Harbour Street\nLeeds LS1 4AB")
    for name in TICKED:
        box = widget(name)
        assert isinstance(box, QAbstractButton)
        box.setChecked(True)
    window.duplicate_scenario()  # type: ignore[attr-defined]
    field = widget("yearsInput")
    assert isinstance(field, QLineEdit)
    field.setText("1")
    window.switch_scenario(0)  # type: ignore[attr-defined]


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    output = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshot.png"
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from cpiquote.gui.app import create_application
    from cpiquote.gui.main_window import MainWindow

    app = create_application([argv[0]])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))
        window.resize(*SIZE)
        window.show()
        fill(window)
        for _ in range(100):  # the charts are added right after the first paint: wait for the complete window
            QApplication.processEvents()
            if window.price_chart is not None and window.cost_chart is not None:
                break
        for _ in range(3):
            QApplication.processEvents()
        if window.price_chart is None:
            raise SystemExit("the window's charts did not appear")
        output.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(output)):
            raise SystemExit(f"could not write {output}")
        window.document.mark_saved()
        window.close()
    del app
    print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
