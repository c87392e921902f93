"""Regenerate the app icon's PNG sizes, .ico and .icns from `resources/icons/app/cpiquote.svg`.

Run `python installer/make_icons.py` after editing the SVG, then commit the files it writes.
Qt's SVG renderer draws each size from the vector (crisper than scaling one bitmap down);
Pillow packs the Windows .ico and the macOS .icns, so neither needs the other system's tools.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

ICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons" / "app"
SVG = ICON_DIR / "cpiquote.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # the freedesktop hicolor sizes the Linux install uses
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # Windows reads up to 256
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # the sizes Pillow's ICNS writer packs (1024 is 512 @2x for Retina)


def png_path(size: int) -> Path:
    """Where the PNG of one size lives: `resources/icons/app/cpiquote-<size>.png`."""
    return ICON_DIR / f"cpiquote-{size}.png"


def render_png(size: int) -> Image.Image:
    """The SVG drawn at `size` x `size` pixels on a transparent background."""
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: Qt cannot read this SVG; fix it and run again")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGBA")


def main() -> int:
    """Write every PNG size, then the .ico and .icns built from them."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = {size: render_png(size) for size in sorted(set(PNG_SIZES) | set(ICNS_SIZES))}
    for size in PNG_SIZES:
        images[size].save(png_path(size), optimize=True)
    images[256].save(ICON_DIR / "cpiquote.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=[images[s] for s in ICO_SIZES])
    images[1024].save(ICON_DIR / "cpiquote.icns", append_images=[images[s] for s in ICNS_SIZES])
    print(f"wrote {len(PNG_SIZES)} PNG sizes, cpiquote.ico and cpiquote.icns in {ICON_DIR}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
