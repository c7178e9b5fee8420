"""The app's icon in every format a platform asks for, made from one SVG at build time.

`python tools/app_icons.py ICON.svg OUT_DIR` writes into OUT_DIR:
- kapdesk-<N>.png for N in SIZES (Linux: the desktop entry's icon themes),
- kapdesk.ico (Windows: the executable's icon; PNG-compressed entries, 16-256 px),
- kapdesk.icns (macOS: the bundle's icon; PNG entries, 16-1024 px).

The SVG is drawn with Qt's own renderer (QtSvg, part of PySide6-Essentials), so
no image library is added to the build. Both containers are written here: each
is a short header and a table of PNG images, which every Windows since Vista
and every macOS since 10.7 reads.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# The ICNS type of a PNG of each pixel size (the 1x types; a 2x type reuses the
# image of twice the size: ic11 is 16@2x = 32 px, and so on).
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512),
)


def render_pngs(svg: Path, sizes: tuple[int, ...] = SIZES) -> dict[int, bytes]:
    """The SVG drawn square at each size, as PNG bytes, on a transparent ground."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"app_icons: {svg} is not an SVG that Qt can draw")
    pngs = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        pngs[size] = bytes(data)
    return pngs


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding each PNG (ICONDIR, then one ICONDIRENTRY per image, then the images)."""
    sizes = [size for size in ICO_SIZES if size in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        png = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns', the total length, then (type, length, PNG) for each entry."""
    body = b""
    for kind, size in ICNS_TYPES:
        if size in pngs:
            body += kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_icons(svg: Path, out_dir: Path) -> dict[str, Path]:
    """Every format into `out_dir`; returns {"png": <256 px>, "ico": ..., "icns": ..., "svg": ...}."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pngs = render_pngs(svg)
    for size, png in pngs.items():
        (out_dir / f"kapdesk-{size}.png").write_bytes(png)
    (out_dir / "kapdesk.ico").write_bytes(ico_bytes(pngs))
    (out_dir / "kapdesk.icns").write_bytes(icns_bytes(pngs))
    (out_dir / "kapdesk.svg").write_bytes(svg.read_bytes())
    return {"png": out_dir / "kapdesk-256.png", "ico": out_dir / "kapdesk.ico",
            "icns": out_dir / "kapdesk.icns", "svg": out_dir / "kapdesk.svg"}


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python tools/app_icons.py ICON.svg OUT_DIR")
    for kind, path in write_icons(Path(sys.argv[1]), Path(sys.argv[2])).items():
        print(f"{kind}={path}")
