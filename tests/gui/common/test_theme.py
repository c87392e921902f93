"""Light and dark palettes: readable text, hints, error lines, check boxes, field outlines and tab lines on both desktops."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QRegion
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton, QWidget
from window_helpers import contrast, type_into, w

from cpiquote.gui.common import theme
from cpiquote.gui.main_window import MainWindow


def test_dark_and_light_palettes_keep_text_readable() -> None:
    for dark in (False, True):
        palette = theme.palette(dark)
        window, text = palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.WindowText)
        assert (window.lightness() < 80) == dark
        assert abs(window.lightness() - text.lightness()) > 150
        disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        assert disabled != text


def test_hints_captions_and_placeholders_are_readable_small_text_on_both_desktops() -> None:
    for dark in (False, True):
        palette = theme.palette(dark)
        quiet = palette.color(QPalette.ColorRole.PlaceholderText)  # the "hint" and "caption" roles' colour
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
            assert contrast(quiet, palette.color(role)) >= 4.5, f"{'dark' if dark else 'light'} hint text on {role.name}"


def test_dark_desktops_get_visible_check_boxes_and_readable_messages(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(theme, "system_is_dark", lambda: True)
    type_into(qtbot, window, "interactionsInput", "100000")
    type_into(qtbot, window, "discountInput", "31")  # an error line under the discount
    theme.apply_system_palette()
    try:
        box: QCheckBox = w(window, "genaiCheck")
        option = QStyleOptionButton()
        option.initFrom(box)
        rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        image = box.grab().toImage()
        background = QColor(theme.DARK[theme.Role.Window])
        outline = max(contrast(image.pixelColor(x, rect.center().y()), background) for x in range(rect.left(), rect.right() + 1))
        assert outline >= 3.0, f"check box outline {outline:.2f}:1"
        error = w(window, "discountError")
        text = error.palette().color(theme.Role.WindowText)
        assert contrast(text, background) >= 4.5 and contrast(text, QColor(theme.DARK[theme.Role.Base])) >= 4.5
    finally:
        monkeypatch.setattr(theme, "system_is_dark", lambda: False)
        theme.apply_system_palette()
    assert contrast(w(window, "discountError").palette().color(theme.Role.WindowText), QColor(theme.LIGHT[theme.Role.Window])) >= 4.5


@pytest.mark.parametrize("dark", [False, True])
def test_text_field_outlines_and_tab_lines_are_visible_on_both_desktops(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, dark: bool
) -> None:
    monkeypatch.setattr(theme, "system_is_dark", lambda: dark)
    theme.apply_system_palette()
    try:
        scheme = theme.DARK if dark else theme.LIGHT
        field = w(window, "interactionsInput")
        image = field.grab().toImage()
        ratio = image.devicePixelRatio()
        middle = round(field.height() / 2 * ratio)
        base = QColor(scheme[theme.Role.Base])
        outline = max(contrast(image.pixelColor(x, middle), base) for x in range(0, round(3 * ratio)))
        assert outline >= 3.0, f"field outline {outline:.2f}:1 against the field"
        QApplication.processEvents()  # the new palette reaches every widget
        tabs = window.tabs.grab().toImage()
        bar = round(window.tabs.tabBar().height() * ratio)  # the line under the tabs runs along the bar's foot
        rows = range(max(bar - round(3 * ratio), 0), bar + round(3 * ratio))
        whites = sum(tabs.pixelColor(x, y).lightness() > 250 for x in range(tabs.width()) for y in rows)
        assert not dark or whites < tabs.width() / 4, "no white line across the dark tab bar"
    finally:
        monkeypatch.setattr(theme, "system_is_dark", lambda: False)
        theme.apply_system_palette()


THEMES = [(dark, high) for dark in (False, True) for high in (False, True)]


@pytest.mark.parametrize(("dark", "high_contrast"), THEMES)
def test_focus_rings_stand_out_3_to_1_from_both_neighbours_in_every_theme(dark: bool, high_contrast: bool) -> None:
    """WCAG 2.2, 1.4.11 and 2.4.7: the ring against the control's own background and the window behind it."""
    scheme = theme.palette(dark, high_contrast)
    ring = theme.focus_ring_colour(scheme)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        assert contrast(ring, scheme.color(role)) >= 3.0, f"ring {ring.name()} on {role.name}"
    on_selection = theme.focus_ring_colour(scheme, selected=True)  # a table's current cell or a list's current item
    for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.Base):
        assert contrast(on_selection, scheme.color(role)) >= 3.0, f"ring {on_selection.name()} on {role.name}"


def _ring_pixels(widget: Any, path: Any = None) -> int:
    """How many pixels of the focus ring's colour show on `widget`, as seen on its parent."""
    ring = theme.focus_ring_colour(QApplication.palette()).rgb()
    image = widget.parentWidget().grab(widget.geometry().adjusted(-4, -4, 4, 4)).toImage()
    if path is not None:
        image.save(str(path))
    return sum(image.pixelColor(x, y).rgb() == ring for x in range(image.width()) for y in range(image.height()))


@pytest.mark.parametrize(("dark", "high_contrast"), THEMES)
def test_a_check_box_reached_by_its_alt_letter_shows_the_ring(
    qtbot: Any, window: MainWindow, dark: bool, high_contrast: bool, tmp_path: Any
) -> None:
    theme.apply_palette(dark, high_contrast)
    try:
        box: QCheckBox = w(window, "genaiCheck")
        assert _ring_pixels(box) == 0
        QTest.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(box.hasFocus)
        assert _ring_pixels(box, tmp_path / "ring.png") > box.height(), "a ring around the check box and its text"
    finally:
        theme.apply_palette(False, False)


@pytest.mark.parametrize("dark", [False, True])
def test_the_high_contrast_theme_follows_the_desktops_preference_live(monkeypatch: pytest.MonkeyPatch, dark: bool) -> None:
    monkeypatch.setattr(theme, "system_is_dark", lambda: dark)
    theme.apply_system_palette()
    try:
        for high in (True, False):
            monkeypatch.setattr(theme, "system_prefers_high_contrast", lambda high=high: high)
            theme.accessibility_hints().contrastPreferenceChanged.emit(
                Qt.ContrastPreference.HighContrast if high else Qt.ContrastPreference.NoPreference
            )
            window, text = (QApplication.palette().color(role) for role in (QPalette.ColorRole.Window, QPalette.ColorRole.WindowText))
            assert (contrast(window, text) == 21.0) == high, f"{window.name()} / {text.name()}"
            assert (window.lightness() < 80) == dark
    finally:
        monkeypatch.setattr(theme, "system_is_dark", lambda: False)
        theme.apply_system_palette()


@pytest.mark.parametrize("dark", [False, True])
def test_high_contrast_hints_are_readable(dark: bool) -> None:
    scheme = theme.palette(dark, high_contrast=True)
    quiet = scheme.color(QPalette.ColorRole.PlaceholderText)
    assert contrast(quiet, scheme.color(QPalette.ColorRole.Window)) >= 7.0  # WCAG AAA, as high contrast asks
    assert contrast(scheme.color(QPalette.ColorRole.HighlightedText), scheme.color(QPalette.ColorRole.Highlight)) >= 7.0


@pytest.mark.parametrize(("dark", "high_contrast"), THEMES)
def test_tabs_and_tool_buttons_show_the_ring_when_focused(qtbot: Any, window: MainWindow, dark: bool, high_contrast: bool) -> None:
    theme.apply_palette(dark, high_contrast)
    try:
        for control in (window.tabs.tabBar(), window.scenario_bar.buttons["scenario-add"]):
            before = _ring_pixels(control)
            control.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(control.hasFocus)
            assert _ring_pixels(control) > before + control.height(), type(control).__name__
    finally:
        theme.apply_palette(False, False)


def _painted(panel: theme.CaptionedPanel, area: QRect) -> QImage:
    """What painting only `area` of `panel` puts on a magenta sheet (the rest of the sheet shows where it did not paint)."""
    image = QImage(panel.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("magenta"))
    panel.render(image, area.topLeft(), QRegion(area), QWidget.RenderFlag(0))  # no background: the panel's own paint only
    return image


def test_a_captioned_panel_repaints_a_figure_inside_it_with_its_fill_and_keeps_its_caption_and_border(qtbot: Any) -> None:
    """Typing repaints only the figure inside a card: the card fills that area alone; a repaint that reaches the caption
    or the border draws them."""
    panel = theme.CaptionedPanel("Annual subscription", (14, 10, 14, 10))
    qtbot.addWidget(panel)
    panel.resize(260, 90)
    base = QApplication.palette().color(QPalette.ColorRole.Base).rgb()
    figure = QRect(20, 45, 120, 20)  # where the figure sits, under the caption
    inner = _painted(panel, figure)
    assert {inner.pixel(x, y) for x in range(20, 140) for y in range(45, 65)} == {base}
    assert inner.pixel(5, 5) == QColor("magenta").rgb() and inner.pixel(20, 15) == QColor("magenta").rgb()  # left alone
    whole = _painted(panel, panel.rect())
    caption = {whole.pixel(x, y) for x in range(14, 120) for y in range(10, 22)}
    assert len(caption) > 2, "the caption's text is drawn"
    border = QColor(whole.pixel(130, 0))
    assert border.rgb() not in (base, QColor("magenta").rgb()), "the border is drawn"
