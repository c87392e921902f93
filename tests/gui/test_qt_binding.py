"""The Qt binding does not leak references to None (PySide6 6.12.0 on Python 3.11 does, and the app dies within minutes)."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QLineEdit

CALLS = 20_000
TOLERANCE = 50  # unrelated objects created or freed meanwhile; the fault drops one reference per call


def test_void_qt_calls_keep_nones_reference_count(qtbot: Any) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    texts = [str(i) for i in range(100)]
    before = sys.getrefcount(None)
    for i in range(CALLS):
        edit.setText(texts[i % 100])
    after = sys.getrefcount(None)
    assert after >= before - TOLERANCE, f"None lost {before - after} references in {CALLS} calls: a faulty PySide6 release"
