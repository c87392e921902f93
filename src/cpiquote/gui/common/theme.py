"""Light and dark palettes that follow the system, and the few looks (fonts, colours, panels) that make figures stand out."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QAccessibilityHints, QColor, QFont, QFontMetrics, QGuiApplication, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

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
    Role.PlaceholderText: "#636d7e",  # hints, captions and placeholders: 4.5:1 or more on window, base and buttons
    Role.Link: "#2f6fd6",
    Role.Mid: "#d5dbe5",
    Role.Midlight: "#e6eaf1",
    Role.Dark: "#a7b0bf",
    Role.Light: "#ffffff",
    Role.Shadow: "#5f6878",
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
    Role.PlaceholderText: "#939cab",  # 4.5:1 or more on window, base and buttons
    Role.Link: "#7fb0ff",
    Role.Mid: "#3a414c",
    Role.Midlight: "#343a44",
    Role.Dark: "#14171c",
    Role.Light: "#3a414c",  # left unset, Fusion draws it white: a bright hairline under the result tabs
    Role.Shadow: "#0d0f12",
}

# High contrast (the desktop asks for it): black on white or white on black, with strong outlines and a highlight
# that keeps 4.5:1 or more with its text.
HIGH_CONTRAST_LIGHT = {
    Role.Window: "#ffffff",
    Role.WindowText: "#000000",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#eeeeee",
    Role.Text: "#000000",
    Role.Button: "#ffffff",
    Role.ButtonText: "#000000",
    Role.Highlight: "#0037a6",
    Role.HighlightedText: "#ffffff",
    Role.ToolTipBase: "#ffffff",
    Role.ToolTipText: "#000000",
    Role.PlaceholderText: "#3b3b3b",
    Role.Link: "#0037a6",
    Role.Mid: "#000000",
    Role.Midlight: "#767676",
    Role.Dark: "#000000",
    Role.Light: "#ffffff",
    Role.Shadow: "#000000",
}

HIGH_CONTRAST_DARK = {
    Role.Window: "#000000",
    Role.WindowText: "#ffffff",
    Role.Base: "#000000",
    Role.AlternateBase: "#1a1a1a",
    Role.Text: "#ffffff",
    Role.Button: "#000000",
    Role.ButtonText: "#ffffff",
    Role.Highlight: "#1aebff",
    Role.HighlightedText: "#000000",
    Role.ToolTipBase: "#000000",
    Role.ToolTipText: "#ffffff",
    Role.PlaceholderText: "#d6d6d6",
    Role.Link: "#ffff00",
    Role.Mid: "#ffffff",
    Role.Midlight: "#8a8a8a",
    Role.Dark: "#ffffff",
    Role.Light: "#000000",
    Role.Shadow: "#ffffff",
}


def system_is_dark() -> bool:
    """True when the desktop asks for a dark colour scheme."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def system_prefers_high_contrast() -> bool:
    """True when the desktop asks applications for high contrast (Windows' contrast themes, macOS' Increase contrast,
    GNOME's high contrast)."""
    return accessibility_hints().contrastPreference() == Qt.ContrastPreference.HighContrast


_held: list[QObject] = []


def accessibility_hints() -> QAccessibilityHints:
    """The desktop's accessibility hints (contrast preference).

    Held here with the style hints they come from: PySide 6.11 deletes them when a passing QStyleHints wrapper is
    collected (`styleHints().accessibility()` in one expression fails on its next use).
    """
    if not _held:
        hints = QGuiApplication.styleHints()
        _held[:] = [hints, hints.accessibility()]
    held = _held[1]
    assert isinstance(held, QAccessibilityHints)
    return held


def colours(dark: bool, high_contrast: bool = False) -> dict[QPalette.ColorRole, str]:
    """The colours of the theme for a light or dark desktop, in high contrast or not."""
    if high_contrast:
        return HIGH_CONTRAST_DARK if dark else HIGH_CONTRAST_LIGHT
    return DARK if dark else LIGHT


def palette(dark: bool, high_contrast: bool = False) -> QPalette:
    """The app's palette for a light or dark desktop, in high contrast or not (disabled text greyed in all)."""
    result = QPalette()
    for role, colour in colours(dark, high_contrast).items():
        result.setColor(role, QColor(colour))
    grey = QColor(("#6b7382", "#9aa3b2", "#a0a0a0", "#6e6e6e")[dark + 2 * high_contrast])
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, grey)
    return result


# Fusion outlines a check box in its palette's window colour made darker: invisible on a dark window, faint on a light
# one. Check boxes get a window colour of their own (they never paint it) so that outline reads at 3:1 or more.
CHECK_BOX_WINDOW = ("#b4bcc8", "#a7b0bf")  # light, dark
# The same for text fields, whose outline is their window colour made darker: 3:1 or more against the field and the
# window behind it, where Fusion's own was about 2:1 on light desktops and 1.1:1 on dark ones.
FIELD_WINDOW = ("#b3c1d9", "#96a4bc")  # light, dark

# Text tones for messages, each readable (4.5:1 or more) on its own scheme's window and base colours.
TONES = {"error": ("#c62828", "#ff7b72"), "warning": ("#9a6100", "#e3a33b")}  # light, dark
# In high contrast, outlines as strong as the text: Fusion draws them in these colours made darker.
HIGH_CONTRAST_OUTLINE_WINDOW = ("#8c8c8c", "#ffffff")  # light, dark
_dark = False


def apply_system_palette() -> None:
    """Use the theme that matches the desktop's colour scheme and contrast preference, and follow the preference live
    (the colour scheme's changes are followed by gui.app)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    apply_palette(system_is_dark(), system_prefers_high_contrast())
    hints = accessibility_hints()
    if not hints.property(FOLLOWED_PROPERTY):
        hints.setProperty(FOLLOWED_PROPERTY, True)
        hints.contrastPreferenceChanged.connect(lambda _preference: apply_system_palette())


FOLLOWED_PROPERTY = "cpiquoteFollowed"


def apply_palette(dark: bool, high_contrast: bool = False) -> None:
    """Use the light or dark theme, in high contrast or not (focus rings follow it: see focus_ring); re-tint toned text."""
    global _dark
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    _dark = dark
    scheme = palette(dark, high_contrast)
    app.setPalette(scheme)
    boxes = QPalette(scheme)
    outline = HIGH_CONTRAST_OUTLINE_WINDOW[dark] if high_contrast else ""
    boxes.setColor(Role.Window, QColor(outline or CHECK_BOX_WINDOW[_dark]))
    QApplication.setPalette(boxes, "QCheckBox")  # type: ignore[arg-type]  # the stub says bytes; PySide takes str only
    fields = QPalette(scheme)
    fields.setColor(Role.Window, QColor(outline or FIELD_WINDOW[_dark]))
    QApplication.setPalette(fields, "QLineEdit")  # type: ignore[arg-type]
    for widget in QApplication.allWidgets():
        tone = widget.property(TONE_PROPERTY)
        if tone:
            set_text_colour(widget, TONES[str(tone)][_dark])


TONE_PROPERTY = "cpiquoteTone"
BANNER_COLOUR = QColor(245, 197, 66, 60)

# role -> (size relative to the application font, weight, quiet colour from the palette)
ROLES = {
    "caption": (0.82, QFont.Weight.DemiBold, True),
    "figure": (1.75, QFont.Weight.DemiBold, False),
    "value": (1.0, QFont.Weight.DemiBold, False),
    "hint": (0.9, QFont.Weight.Normal, True),
    "fieldError": (0.9, QFont.Weight.Normal, False),
    "sectionTitle": (1.0, QFont.Weight.DemiBold, False),
}


def role_font(base: QFont, role: str) -> QFont:
    """The font of a role ("caption", "figure", ...) made from `base`."""
    scale, weight, _quiet = ROLES[role]
    font = QFont(base)
    font.setPointSizeF(max(font.pointSizeF(), 1.0) * scale)
    font.setWeight(weight)
    if role == "caption":
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.8)
    return font


def style(widget: QWidget, role: str) -> None:
    """Give a label its look by role (fonts and palette roles, no style sheet: cheap to lay out, follows dark mode)."""
    _scale, _weight, quiet = ROLES[role]
    widget.setFont(role_font(widget.font(), role))
    if quiet:
        widget.setForegroundRole(Role.PlaceholderText)
    if role == "fieldError":
        set_text_tone(widget, "error")


def set_text_tone(widget: QWidget, tone: str | None) -> None:
    """Show a widget's text in a message tone ("error", "warning") of the current scheme, kept on a scheme change;
    None: back to its role's colour."""
    widget.setProperty(TONE_PROPERTY, tone or "")
    set_text_colour(widget, TONES[tone][_dark] if tone else None)


def set_text_colour(widget: QWidget, colour: str | None) -> None:
    """Show a widget's text in `colour` (None: back to its role's colour)."""
    palette = QPalette(widget.palette())
    if colour is None:
        palette = QPalette()
        palette.setResolveMask(0)
    else:
        for role in (Role.WindowText, Role.PlaceholderText):
            palette.setColor(QPalette.ColorGroup.Active, role, QColor(colour))
            palette.setColor(QPalette.ColorGroup.Inactive, role, QColor(colour))
    widget.setPalette(palette)


def style_banner(label: QLabel, warning: bool = True) -> None:
    """A soft amber band for 'these figures are not current', or a quiet blue one for 'nothing to price yet'."""
    label.setAutoFillBackground(True)
    palette = QPalette(label.palette())
    info = QColor(palette.color(Role.Highlight))
    info.setAlpha(40)
    palette.setColor(Role.Window, BANNER_COLOUR if warning else info)
    label.setPalette(palette)
    label.setContentsMargins(10, 6, 10, 6)


def bold_titles(group: QGroupBox) -> None:
    """A group's title in semi-bold while its fields keep the normal weight (their children inherit it from them)."""
    for child in group.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        font = QFont(child.font())
        font.setWeight(font.weight())  # set explicitly, so the title's weight is not inherited
        child.setFont(font)
    title = QFont(group.font())
    title.setWeight(QFont.Weight.DemiBold)
    group.setFont(title)


class Panel(QFrame):
    """A rounded, softly bordered surface for figures (painted, not styled: cheap and palette-aware)."""

    RADIUS = 8.0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Fill with the base colour inside a one-pixel border (only the fill where the area to paint lies within it:
        typing repaints a figure inside the panel, and the rounded border is the dearer part)."""
        painter = QPainter(self)
        inside = self.rect().adjusted(2, 2, -2, -2)
        inside.adjust(0, int(self.RADIUS), 0, -int(self.RADIUS))  # clear of the corners' curves
        if inside.contains(event.rect()):
            painter.fillRect(event.rect(), self.palette().color(Role.Base))
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().color(Role.Mid), 1))
        painter.setBrush(self.palette().color(Role.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), self.RADIUS, self.RADIUS)
        painter.end()


class CaptionedPanel(Panel):
    """A panel headed by a caption in small capitals (and, when set, a badge on the right), painted rather than shown
    by labels: the panel's figure or its own accessible name already says the caption, and a label would be read as
    well ("ANNUAL SUBSCRIPTION", then "Annual subscription: $660,000.00").

    Its widgets go in `column`, under the caption.
    """

    def __init__(self, caption: str, margins: tuple[int, int, int, int]) -> None:
        super().__init__()
        self.caption, self.badge = caption, ""
        self._font = role_font(self.font(), "caption")
        self._margins = margins
        left, top, right, bottom = margins
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(left, top + QFontMetrics(self._font).height() + 2, right, bottom)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Wide enough for the whole caption, as a caption label would ask."""
        hint = super().minimumSizeHint()
        left, _top, right, _bottom = self._margins
        caption = QFontMetrics(self._font).horizontalAdvance(self.caption.upper()) + left + right
        return QSize(max(hint.width(), caption), hint.height())

    def set_badge(self, badge: str) -> None:
        """Show `badge` (a word such as "Recommended") on the caption's right; "" shows none."""
        if badge != self.badge:
            self.badge = badge
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """The panel, then its caption where it is to be painted (a new figure under it leaves it alone)."""
        super().paintEvent(event)
        if event.rect().intersects(self._caption_line()):
            self.paint_caption()

    def _caption_line(self) -> QRect:
        left, top, right, _bottom = self._margins
        return QRect(left, top, self.width() - left - right, QFontMetrics(self._font).height())

    def paint_caption(self) -> None:
        """The caption in the quiet text colour and the badge in the highlight colour, over the panel."""
        painter = QPainter(self)
        painter.setFont(self._font)
        metrics = QFontMetrics(self._font)
        line = self._caption_line()
        if self.badge:
            painter.setPen(self.palette().color(Role.Highlight))
            painter.drawText(line, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), self.badge)
            line.setRight(line.right() - metrics.horizontalAdvance(self.badge.upper()) - 8)
        painter.setPen(self.palette().color(Role.PlaceholderText))
        shown = metrics.elidedText(self.caption, Qt.TextElideMode.ElideRight, line.width())
        painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)
        painter.end()


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


FOCUS_CONTRAST = 3.0  # WCAG 2.2: 1.4.11 non-text contrast, 2.4.7 and 2.4.13 focus visible


def focus_ring_colour(scheme: QPalette, selected: bool = False) -> QColor:
    """The colour of a focus ring drawn with `scheme`: 3:1 or more against the window, base and button colours it sits
    on; on a selected item (`selected`), against the selection's highlight and the base colour around it.

    The highlight colour itself where it is strong enough, else made darker (light themes) or lighter (dark ones)
    step by step; on a selection, the grey that stands out most from both.
    """
    if selected:
        behind = [scheme.color(Role.Highlight), scheme.color(Role.Base)]
        greys = (QColor(level, level, level) for level in range(0, 256, 5))
        return max(greys, key=lambda grey: min(contrast_ratio(grey, b) for b in behind))
    behind = [scheme.color(role) for role in (Role.Window, Role.Base, Role.Button)]
    colour = QColor(scheme.color(Role.Highlight))
    darken = luminance(scheme.color(Role.Window)) > 0.18
    for _step in range(40):
        if min(contrast_ratio(colour, b) for b in behind) >= FOCUS_CONTRAST:
            break
        colour = colour.darker(110) if darken else colour.lighter(110)
    return colour
