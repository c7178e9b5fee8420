"""Build KAPDesk as an app: `python tools/build_app.py` (after `pip install -e '.[build]'`).

Runs PyInstaller on tools/kapdesk.spec (one folder, no UPX) into dist/KAPDesk,
writes BUILD-INFO.json into that folder (version, commit and a fingerprint of
every file the build reads, so a build can be recognised and reused), and on
Linux adds the desktop entry, the icon and the INSTALL note to the folder and
packs it as dist/KAPDesk-<version>-linux-x86_64.tar.gz.

The archive is the same bytes for the same folder: entries sorted, owned by
root, dated at the last commit that changed what the build reads
(SOURCE_DATE_EPOCH when set), gzip without a timestamp. PyInstaller runs with
a fixed hash seed for the same reason; two builds of the same sources, made
in different folders, have given the same bytes in every file but
BUILD-INFO.json's commit.

Options: --dist DIR and --work DIR (default dist/ and build/pyinstaller/),
--no-archive.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "tools" / "kapdesk.spec"
LINUX_FILES = REPO / "tools" / "linux"
APP_NAME = "KAPDesk"
INFO_NAME = "BUILD-INFO.json"
# Everything the build reads from the tree: a change to any of them is a new build.
INPUTS = ("kapdesk", "assets", "tools/kapdesk.spec", "tools/build_app.py", "tools/app_icons.py",
          "tools/elf_debug.py", "tools/linux", "pyproject.toml")


def version() -> str:
    text = (REPO / "kapdesk" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def input_files() -> list[Path]:
    files = []
    for name in INPUTS:
        path = REPO / name
        found = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        files += [p for p in found if "__pycache__" not in p.parts and p.suffix != ".pyc"]
    return files


def source_fingerprint() -> str:
    """SHA-256 over the names and bytes of every input, Python's version and those of
    the packages the build puts in (or builds with): a new wheel is a new build too."""
    digest = hashlib.sha256()
    for path in input_files():
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(f"{sys.version}|{_pyinstaller_version()}|{installed_versions()}".encode())
    return digest.hexdigest()


def installed_versions() -> str:
    from importlib import metadata

    names = ("PySide6-Essentials", "shiboken6", "pygame", "sqlcipher3", "SQLAlchemy", "alembic",
             "soundfile", "numpy", "pyinstaller-hooks-contrib")
    found = []
    for name in names:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    return ",".join(found)


def _pyinstaller_version() -> str:
    try:
        import PyInstaller
    except ImportError:
        return "none"
    return PyInstaller.__version__


def git_commit() -> str | None:
    result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        return None  # not a git checkout (an unpacked source archive): the fingerprint still holds
    return result.stdout.strip()


def source_date_epoch() -> int:
    """The archive's one date: SOURCE_DATE_EPOCH, else that of the last commit that changed
    what the build reads (a commit to the README alone changes nothing), else 2026-01-01."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    result = subprocess.run(["git", "log", "-1", "--format=%ct", "--", *INPUTS], cwd=REPO,
                            capture_output=True, text=True, check=False)
    return int(result.stdout.strip()) if result.stdout.strip().isdigit() else 1767225600


def run_pyinstaller(dist: Path, work: Path) -> Path:
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    subprocess.run(command, cwd=REPO, env=env, check=True)
    return dist / APP_NAME


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def add_linux_files(app: Path, icons: Path, size_mb: int) -> None:
    """The desktop entry, its script, the icon (SVG and 256 px PNG) and INSTALL, beside the binary."""
    shutil.copy2(LINUX_FILES / "kapdesk.desktop", app / "kapdesk.desktop")
    shutil.copy2(LINUX_FILES / "install-desktop-entry", app / "install-desktop-entry")
    (app / "install-desktop-entry").chmod(0o755)
    shutil.copy2(icons / "kapdesk.svg", app / "kapdesk.svg")
    shutil.copy2(icons / "kapdesk-256.png", app / "kapdesk.png")
    note = (LINUX_FILES / "INSTALL").read_text(encoding="utf-8")
    (app / "INSTALL").write_text(note.replace("{version}", version()).replace("{size_mb}", str(size_mb)),
                                 encoding="utf-8")


def make_archive(app: Path, archive: Path, epoch: int) -> None:
    """A .tar.gz of `app` under its own name, the same bytes for the same files."""
    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mtime = epoch
        if info.isdir() or info.mode & 0o111:
            info.mode = 0o755
        else:
            info.mode = 0o644
        return info

    partial = archive.with_name(archive.name + ".partial")
    # Level 1: most of the folder (libraries, Ogg music) hardly shrinks further; level 6 makes it
    # 6% smaller (118 against 126 MB) and takes four times as long (15 s against 4), in every CI run.
    with open(partial, "wb") as out, \
            gzip.GzipFile(filename="", fileobj=out, mode="wb", compresslevel=1, mtime=0) as packed, \
            tarfile.open(fileobj=packed, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in [app, *sorted(app.rglob("*"))]:
            tar.add(path, arcname=str(Path(app.name) / path.relative_to(app)), recursive=False,
                    filter=normalise)
    partial.replace(archive)


def build(dist: Path, work: Path, archive: bool) -> Path:
    fingerprint = source_fingerprint()
    app = run_pyinstaller(dist, work)
    size_mb = round(folder_size(app) / 1e6)
    epoch = source_date_epoch()
    info = {"version": version(), "commit": git_commit(), "source_fingerprint": fingerprint,
            "source_date_epoch": epoch,
            "pyinstaller": _pyinstaller_version(), "python": platform.python_version(),
            "platform": sys.platform, "size_mb": size_mb, "packages": installed_versions()}
    if sys.platform.startswith("linux"):
        add_linux_files(app, work / "kapdesk" / "icons", size_mb)
    (app / INFO_NAME).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(f"app={app}")
    print(f"size_mb={size_mb}")
    if archive and sys.platform.startswith("linux"):
        machine = platform.machine().lower()
        target = dist / f"{APP_NAME}-{version()}-linux-{machine}.tar.gz"
        make_archive(app, target, epoch)
        print(f"archive={target}")
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/build_app.py", description=__doc__.split("\n")[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="where the app folder goes")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "pyinstaller",
                        help="PyInstaller's working folder")
    parser.add_argument("--no-archive", action="store_true", help="the folder only, no .tar.gz")
    args = parser.parse_args(argv)
    if _pyinstaller_version() == "none":
        print("build_app: PyInstaller is not installed; install the build tools first:\n"
              "  .venv/bin/pip install -e '.[build]'", file=sys.stderr)
        return 1
    build(args.dist.resolve(), args.work.resolve(), archive=not args.no_archive)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
