"""The one place that knows where `assets/` is.

From a source checkout (or an editable install) it is beside the package; from
an installed wheel it is under `<prefix>/share/kapdesk/assets`; in the built
app (PyInstaller, `sys.frozen`) it is in the bundle's own folder,
`sys._MEIPASS/assets` (the `_internal` folder beside the executable, or
`Contents/Frameworks` of the macOS bundle), and nowhere else: a built app must
never pick up the music or styles of a checkout that happens to lie near it.
"""

from __future__ import annotations

import sys
from pathlib import Path

_SOURCE = Path(__file__).resolve().parent.parent / "assets"


def candidates() -> tuple[Path, ...]:
    """Where assets/ may be, in the order they are tried, for this process."""
    if getattr(sys, "frozen", False):
        bundle = getattr(sys, "_MEIPASS", None)
        return (Path(bundle) if bundle else Path(sys.executable).resolve().parent) / "assets",
    return _SOURCE, Path(sys.prefix) / "share" / "kapdesk" / "assets"


def assets_dir() -> Path:
    for candidate in candidates():
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
