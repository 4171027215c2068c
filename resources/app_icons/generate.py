"""Draw the app's icon for every platform from one image, ``resources/icons/app.svg``.

    uv run python resources/app_icons/generate.py

writes, beside this script:

- ``png/exporter-desk-N.png`` for N in PNG_SIZES: Linux (hicolor theme, the .desktop file) and
  anything else that wants a bitmap;
- ``exporter-desk.ico``: Windows (the executables, the installer, the Start menu), ICO_SIZES;
- ``exporter-desk.icns``: macOS (the .app and the .dmg), ICNS_SIZES.

Each size is rendered from the SVG by Qt (QSvgRenderer, offscreen), not scaled down from a big
bitmap, so that small sizes stay sharp; Pillow writes the ICO and ICNS containers (no macOS
tools needed). Run it again after changing app.svg and commit the results;
tests/installers/test_icons.py fails while they are stale.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "icons" / "app.svg"
NAME = "exporter-desk"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render_png(size: int, source: Path = SOURCE) -> bytes:
    """The SVG drawn on a transparent ``size`` x ``size`` square, as PNG bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        _keep.append(QGuiApplication(sys.argv[:1]))
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"not a usable SVG: {source}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes; PySide6 wants str
    buffer.close()
    return bytes(data.data())


_keep: list[object] = []


def generate(out: Path = HERE, source: Path = SOURCE) -> list[Path]:
    """Write every icon file into ``out``; return their paths."""
    from PIL import Image

    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    images = {
        size: Image.open(io.BytesIO(render_png(size, source))).convert("RGBA") for size in sizes
    }
    written: list[Path] = []
    (out / "png").mkdir(parents=True, exist_ok=True)
    for size in PNG_SIZES:
        path = out / "png" / f"{NAME}-{size}.png"
        images[size].save(path, format="PNG", optimize=True)
        written.append(path)
    ico = out / f"{NAME}.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    written.append(ico)
    icns = out / f"{NAME}.icns"
    images[max(ICNS_SIZES)].save(
        icns,
        format="ICNS",
        append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)],
    )
    written.append(icns)
    return written


if __name__ == "__main__":
    for written_path in generate():
        print(written_path.relative_to(HERE.parent.parent))
