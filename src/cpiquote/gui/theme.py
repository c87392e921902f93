"""Light and dark palettes that follow the system, and the few styles that make figures stand out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

Role = QPalette.ColorRole

LIGHT = {
    Role.Window: "#f4f6f9",
    Role.WindowText: "#1d2430",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f2f5fa",
    Role.Text: "#1d2430",
    Role.Button: "#eef1f6",
    Role.ButtonText: "#1d2430",
    Role.Highlight: "#2f6fd6",
    Role.HighlightedText: "#ffffff",
    Role.ToolTipBase: "#ffffff",
    Role.ToolTipText: "#1d2430",
    Role.PlaceholderText: "#8a94a6",
    Role.Link: "#2f6fd6",
    Role.Mid: "#d5dbe5",
    Role.Midlight: "#e6eaf1",
    Role.Dark: "#a7b0bf",
}

DARK = {
    Role.Window: "#1e2229",
    Role.WindowText: "#e6e9ef",
    Role.Base: "#262b33",
    Role.AlternateBase: "#2b3139",
    Role.Text: "#e6e9ef",
    Role.Button: "#2d333c",
    Role.ButtonText: "#e6e9ef",
    Role.Highlight: "#4a8cf0",
    Role.HighlightedText: "#ffffff",
    Role.ToolTipBase: "#2d333c",
    Role.ToolTipText: "#e6e9ef",
    Role.PlaceholderText: "#7d8696",
    Role.Link: "#7fb0ff",
    Role.Mid: "#3a414c",
    Role.Midlight: "#343a44",
    Role.Dark: "#14171c",
}


def system_is_dark() -> bool:
    """True when the desktop asks for a dark colour scheme."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette(dark: bool) -> QPalette:
    """The app's palette for a light or dark desktop (disabled text greyed in both)."""
    result = QPalette()
    for role, colour in (DARK if dark else LIGHT).items():
        result.setColor(role, QColor(colour))
    grey = QColor("#6b7382" if dark else "#9aa3b2")
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, grey)
    return result


def apply_system_palette() -> None:
    """Use the palette that matches the desktop's current colour scheme."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        app.setPalette(palette(system_is_dark()))


STYLE_SHEET = """
QFrame[role="card"] { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }
QFrame[role="details"] { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }
QLabel[role="caption"] { color: palette(placeholder-text); font-size: 8pt; font-weight: 600; letter-spacing: 1px; }
QLabel[role="figure"] { font-size: 17pt; font-weight: 600; }
QLabel[role="figure"]:disabled, QLabel[role="value"]:disabled { color: palette(placeholder-text); }
QLabel[role="value"] { font-weight: 600; }
QLabel[role="hint"] { color: palette(placeholder-text); font-size: 8.5pt; }
QLabel[role="hint"][warning="true"] { color: #c07a00; font-weight: 600; }
QLabel[role="fieldError"] { color: #d13b3b; font-size: 8.5pt; }
QLabel[role="staleBanner"] { background: rgba(245, 197, 66, 0.22); border: 1px solid rgba(201, 138, 0, 0.55);
                             border-radius: 6px; padding: 6px 10px; }
QLabel[role="sectionTitle"] { font-weight: 600; font-size: 10pt; }
QGroupBox { font-weight: 600; border: 1px solid palette(mid); border-radius: 8px; margin-top: 12px; padding-top: 6px; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; }
QGroupBox QLabel, QGroupBox QCheckBox, QGroupBox QLineEdit { font-weight: normal; }
QGroupBox QGroupBox { font-weight: normal; }
QListWidget#warningsList { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; padding: 4px; }
QListWidget#warningsList::item { padding: 3px 2px; }
"""
