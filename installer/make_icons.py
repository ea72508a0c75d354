"""Remake the icon's PNG (Linux desktop entry) and ICO (Windows) from ``pos.svg``.

Run ``QT_QPA_PLATFORM=offscreen python installer/make_icons.py``; the outputs are committed, so a
build needs neither Qt's SVG module nor Pillow's ICO writer at build time.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def render(size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(HERE / "pos.svg")).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> None:
    _app = QGuiApplication([])
    png = render(256)
    (HERE / "pos.png").write_bytes(png)
    Image.open(io.BytesIO(png)).save(HERE / "pos.ico", sizes=ICO_SIZES)


if __name__ == "__main__":
    main()
