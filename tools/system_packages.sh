#!/usr/bin/env bash
# Install, by name, the system packages KAPDesk needs on Linux.
#
#   tools/system_packages.sh          what the app needs to show its window
#                                     (Qt's xcb platform libraries, fonts, EGL/GL)
#   tools/system_packages.sh --test   also what the real-display tests need:
#                                     Xvfb, openbox, xdotool, ImageMagick, xprop,
#                                     D-Bus and the AT-SPI accessibility bus with
#                                     the system python's pyatspi, 7z, and what
#                                     the build needs (tests/packaging builds
#                                     the app)
#   tools/system_packages.sh --build  what building the app needs (binutils:
#                                     PyInstaller reads libraries with objdump,
#                                     tools/build_app.py strips debug sections)
#
# Debian/Ubuntu (apt-get) and Fedora (dnf); sudo is used when not root.
# Where Ubuntu 24.04 renamed a library (the "t64" names), the name this
# machine's package lists know is chosen.
set -euo pipefail

with_tests=0
with_build=0
for arg in "$@"; do
    case "$arg" in
        --test) with_tests=1; with_build=1 ;;
        --build) with_build=1 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "system_packages.sh: unknown option $arg (use --test, --build or nothing)" >&2; exit 64 ;;
    esac
done

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi

# The libraries Qt's xcb plugin needs come from the one table the app itself
# checks at start (kapdesk/desktop_libraries.py), so the two cannot drift;
# a font comes on top.
here="$(cd "$(dirname "$0")/.." && pwd)"
table() { (cd "$here" && python3 -m kapdesk.desktop_libraries "$1"); }
read -ra apt_libraries <<< "$(table debian)"
read -ra dnf_libraries <<< "$(table fedora)"
apt_app=(fonts-dejavu-core)
# Ubuntu 24.04 renamed some libraries with a "t64" ending: take it where apt knows it.
for name in "${apt_libraries[@]}"; do apt_app+=("${name}t64|${name}"); done
# 7z opens the password-protected zips the exports write, as a recipient would.
apt_test=(
    xvfb xdotool openbox imagemagick x11-utils dbus dbus-x11 at-spi2-core
    python3-pyatspi gir1.2-atspi-2.0 util-linux p7zip-full
)
apt_build=(binutils)
dnf_app=("${dnf_libraries[@]}" dejavu-sans-fonts)
dnf_test=(
    xorg-x11-server-Xvfb xdotool openbox ImageMagick xprop dbus-daemon dbus-x11 at-spi2-core
    python3-pyatspi util-linux p7zip p7zip-plugins
)
dnf_build=(binutils)

# "a|b": the first name apt knows on this machine.
apt_pick() {
    local choice
    IFS='|' read -ra choices <<< "$1"
    for choice in "${choices[@]}"; do
        if apt-cache show "$choice" >/dev/null 2>&1; then echo "$choice"; return; fi
    done
    echo "${choices[-1]}"
}

if command -v apt-get >/dev/null 2>&1; then
    wanted=("${apt_app[@]}")
    [ "$with_tests" -eq 1 ] && wanted+=("${apt_test[@]}")
    [ "$with_build" -eq 1 ] && wanted+=("${apt_build[@]}")
    "${sudo[@]}" apt-get update -q
    names=()
    for entry in "${wanted[@]}"; do names+=("$(apt_pick "$entry")"); done
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${names[@]}"
elif command -v dnf >/dev/null 2>&1; then
    wanted=("${dnf_app[@]}")
    [ "$with_tests" -eq 1 ] && wanted+=("${dnf_test[@]}")
    [ "$with_build" -eq 1 ] && wanted+=("${dnf_build[@]}")
    "${sudo[@]}" dnf install -y "${wanted[@]}"
else
    echo "system_packages.sh: neither apt-get nor dnf found; install Qt's xcb libraries" \
         "(libxcb-icccm4, libxcb-keysyms1, libxcb-cursor0, libxkbcommon-x11-0 ...) by hand" >&2
    exit 69
fi
