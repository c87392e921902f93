"""Toolbar and guidance icons: SVG files drawn for the app, so they stay sharp at any screen scale."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from cpiquote.resources import resource_path


@cache
def icon(name: str) -> QIcon:
    """The icon `resources/icons/actions/<name>.svg` (an empty icon if the file is missing)."""
    path = resource_path("icons", "actions", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def app_icon() -> QIcon:
    """The application's own icon, when the installer's artwork is present."""
    path = resource_path("icons", "app", "cpiquote.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
