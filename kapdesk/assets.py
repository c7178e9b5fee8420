"""The one place that knows where `assets/` is.

From a source checkout (or an editable install) it is beside the package; from
an installed wheel it is under `<prefix>/share/kapdesk/assets`.
"""

from __future__ import annotations

import sys
from pathlib import Path

_CANDIDATES = (
    Path(__file__).resolve().parent.parent / "assets",
    Path(sys.prefix) / "share" / "kapdesk" / "assets",
)


def assets_dir() -> Path:
    for candidate in _CANDIDATES:
        if (candidate / "ui").is_dir():
            return candidate
    raise FileNotFoundError("KAPDesk's assets folder is missing; reinstall KAPDesk.")


def asset_path(*parts: str) -> Path:
    return assets_dir().joinpath(*parts)


def music_dir() -> Path:
    return asset_path("music")


def app_icon_path() -> Path:
    """KAPDesk's icon (SVG): the window's, the bundle's and the desktop entry's."""
    return asset_path("ui", "kapdesk.svg")


def licences_file() -> Path:
    """Where a built app keeps the licences of its components (kapdesk/licences.py
    writes it at build time; from source they are read from the installed packages)."""
    return asset_path("licences.json")
