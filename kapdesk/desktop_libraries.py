"""The system libraries Qt needs to open a window on X11, and their packages.

Qt's xcb platform plugin (the one used on a Linux desktop with X11) needs
several small system libraries that a fresh Debian or Ubuntu does not always
have. Without them Qt aborts with a message that names the wrong library.
Before the QApplication exists, `missing_packages` loads each library with
ctypes and, for any that will not load, the app names the packages to install
(Debian/Ubuntu and Fedora names) and exits 1.

`LIBRARIES` is the one table of library -> (Debian/Ubuntu package, Fedora
package); the README quotes it. It lists what `ldd` shows the xcb plugin and
Qt's GUI libraries need beyond the C runtime.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Callable, Mapping

# library file: (Debian / Ubuntu package, Fedora package)
LIBRARIES: dict[str, tuple[str, str]] = {
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
}

_MISSING_FILE = re.compile(r"([\w.+-]+\.so[\w.]*): cannot open shared object file")


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Qt will open its windows through X11 (xcb): Linux, a DISPLAY, and no other platform asked for."""
    if not platform.startswith("linux") or not environ.get("DISPLAY"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "")
    if asked:
        return asked.split(";")[0].split(":")[0] == "xcb"
    # Unset: on a Wayland desktop Qt uses Wayland, not X11.
    return not (environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland")


def _load(name: str) -> str | None:
    """None if the library loads; else the file the loader could not find."""
    try:
        ctypes.CDLL(name)
    except OSError as error:
        found = _MISSING_FILE.search(str(error))
        return found.group(1) if found else name
    return None


def missing_libraries(load: Callable[[str], str | None] = _load) -> list[str]:
    """The library files that would stop Qt's xcb plugin from loading, in table order."""
    missing: list[str] = []
    for name in LIBRARIES:
        lacking = load(name)
        if lacking is not None and lacking not in missing:
            missing.append(lacking)
    return missing


def install_advice(missing: list[str]) -> str:
    """The message: what is missing and the packages to install, for Debian/Ubuntu and Fedora."""
    debian = _unique(LIBRARIES.get(name, (name, name))[0] for name in missing)
    fedora = _unique(LIBRARIES.get(name, (name, name))[1] for name in missing)
    return (
        "KAPDesk cannot open its window: some system libraries that Qt needs for the X11 "
        f"desktop are not installed ({', '.join(missing)}).\n"
        "Install them, then start KAPDesk again:\n"
        f"  Debian / Ubuntu:  sudo apt install {' '.join(debian)}\n"
        f"  Fedora:           sudo dnf install {' '.join(fedora)}"
    )


def _unique(names) -> list[str]:  # noqa: ANN001 - any iterable of str
    return list(dict.fromkeys(names))


def check_desktop_libraries(environ: Mapping[str, str] = os.environ,
                            load: Callable[[str], str | None] = _load) -> str | None:
    """The advice to print if Qt's X11 plugin could not load, else None (also when X11 is not used)."""
    if not uses_xcb(environ):
        return None
    missing = missing_libraries(load)
    return install_advice(missing) if missing else None


def packages(system: str) -> list[str]:
    """Every package of the table for "debian" or "fedora", each once (tools/system_packages.sh)."""
    column = {"debian": 0, "fedora": 1}[system]
    return _unique(pair[column] for pair in LIBRARIES.values())


if __name__ == "__main__":  # python3 -m kapdesk.desktop_libraries debian|fedora
    print(" ".join(packages(sys.argv[1] if len(sys.argv) > 1 else "debian")))
