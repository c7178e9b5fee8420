"""What the build puts in the folder and the Linux archive, and what it leaves out."""

from __future__ import annotations

import configparser
import subprocess
import tarfile

import pytest

from kapdesk import __version__
from kapdesk.storage.schema import KNOWN_REVISIONS
from tests.helpers.built_app import REPO, build_tool, tool_module

pytestmark = pytest.mark.slow

SIZE_LIMIT_BYTES = 250_000_000  # the 250 MB, unpacked


def test_the_folder_carries_music_styles_and_migrations(built_app) -> None:  # noqa: ANN001
    inside = built_app.folder / "_internal"
    for track in (REPO / "assets" / "music").iterdir():
        assert (inside / "assets" / "music" / track.name).read_bytes() == track.read_bytes()
    for style in (REPO / "assets" / "ui").iterdir():
        assert (inside / "assets" / "ui" / style.name).is_file(), style.name
    versions = inside / "kapdesk" / "storage" / "migrations" / "versions"
    assert (inside / "kapdesk" / "storage" / "migrations" / "env.py").is_file()
    assert sorted(p.name[:4] for p in versions.glob("0*.py")) == list(KNOWN_REVISIONS)


def test_the_folder_holds_no_test_tools_or_debug_information(built_app) -> None:  # noqa: ANN001
    inside = built_app.folder / "_internal"
    names = {p.name for p in inside.iterdir()}
    assert not names & {"pytest", "_pytest", "hypothesis", "PyInstaller", "tests", "pypdfium2",
                        "cryptography"}
    assert not list(inside.rglob("__pycache__"))
    assert not list((inside / "PySide6" / "Qt").glob("translations"))
    assert tool_module("elf_debug").files_with_debug_info(inside) == []


def test_of_pycryptodome_only_the_aes_parts_a_protected_export_loads_are_inside(built_app) -> None:  # noqa: ANN001
    crypto = built_app.folder / "_internal" / "Crypto"
    compiled = sorted(p.name.split(".", 1)[0] for p in crypto.rglob("*.so"))
    assert compiled == ["_ARC4", "_cpuid_c", "_raw_aes", "_raw_aesni", "_raw_cbc", "_raw_ctr",
                        "_raw_ecb"]


def test_the_folder_is_at_most_250_mb(built_app) -> None:  # noqa: ANN001
    size = sum(p.stat().st_size for p in built_app.folder.rglob("*") if p.is_file() and not p.is_symlink())
    assert size <= SIZE_LIMIT_BYTES, f"{size / 1e6:.0f} MB"
    assert built_app.info["size_mb"] == round(size / 1e6) or abs(built_app.info["size_mb"] - size / 1e6) < 1


def test_the_archive_holds_the_folder_desktop_entry_icon_and_note(built_app) -> None:  # noqa: ANN001
    assert built_app.archive.name == f"KAPDesk-{__version__}-linux-x86_64.tar.gz"
    with tarfile.open(built_app.archive) as tar:
        members = {m.name: m for m in tar.getmembers()}
        entry = tar.extractfile("KAPDesk/kapdesk.desktop").read().decode()
        note = tar.extractfile("KAPDesk/INSTALL").read().decode()
        svg = tar.extractfile("KAPDesk/kapdesk.svg").read()
    assert members["KAPDesk/kapdesk"].mode & 0o111 and members["KAPDesk/install-desktop-entry"].mode & 0o111
    assert "KAPDesk/_internal/assets/music/01-first-light.ogg" in members
    assert members["KAPDesk/kapdesk.png"].size > 0 and svg.lstrip().startswith((b"<svg", b"<?xml"))
    assert all(m.uid == 0 and m.gid == 0 for m in members.values())
    # Every file of the folder is in the archive, and nothing else.
    on_disk = {f"KAPDesk/{p.relative_to(built_app.folder)}" for p in built_app.folder.rglob("*")}
    assert set(members) - {"KAPDesk"} == on_disk
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read_string(entry)
    fields = desktop["Desktop Entry"]
    assert (fields["Type"], fields["Name"], fields["Icon"]) == ("Application", "KAPDesk", "kapdesk")
    assert fields["Exec"] == "/opt/KAPDesk/kapdesk" and fields["Terminal"] == "false"
    assert f"KAPDesk {__version__}" in note and f"KAPDesk-{__version__}-linux-x86_64.tar.gz" in note
    assert "{" not in note  # every placeholder filled in


def test_the_archive_is_the_same_bytes_when_packed_again(built_app, tmp_path) -> None:  # noqa: ANN001
    again = tmp_path / built_app.archive.name
    tool = build_tool()
    tool.make_archive(built_app.folder, again, built_app.info["source_date_epoch"])
    assert again.read_bytes() == built_app.archive.read_bytes()


def test_the_desktop_entry_script_points_the_menu_at_this_folder(built_app, tmp_path) -> None:  # noqa: ANN001
    data = tmp_path / "share"
    result = subprocess.run([str(built_app.folder / "install-desktop-entry")], capture_output=True,
                            text=True, env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(data),
                                            "PATH": "/usr/bin:/bin"}, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    entry = (data / "applications" / "kapdesk.desktop").read_text()
    assert f'Exec="{built_app.folder / "kapdesk"}"' in entry
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "kapdesk.svg").is_file()
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "kapdesk.png").is_file()
    assert list((data / "applications").iterdir()) == [data / "applications" / "kapdesk.desktop"]


def test_the_metadata_of_the_components_inside_comes_along(built_app) -> None:  # noqa: ANN001
    # What the About box lists (their names, versions and licences) can be read from the built app too.
    inside = built_app.folder / "_internal"
    found = {p.name.split("-")[0].lower() for p in inside.glob("*.dist-info") if (p / "METADATA").is_file()}
    assert {"pyside6_essentials", "shiboken6", "pygame", "sqlcipher3", "sqlalchemy", "alembic",
            "soundfile", "numpy"} <= found


def test_the_about_box_list_was_written_at_build_time_with_the_lgpl_texts(built_app) -> None:  # noqa: ANN001
    """The built app's About box reads the list the build wrote from the installed
    packages; Qt's and SDL's LGPL travel with it, though their wheels carry no text."""
    from kapdesk.licences import read_licences

    listed = {c.name.lower(): c for c in read_licences(built_app.folder / "_internal" / "assets" / "licences.json")}
    assert {"pyside6_essentials", "pygame", "sqlcipher3", "numpy"} <= set(listed)
    texts = {name: " ".join(text for _file, text in c.texts) for name, c in listed.items()}
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in texts["pyside6_essentials"]
    assert "Version 3" in texts["pyside6_essentials"] and "Version 2.1" in texts["pygame"]
    assert not any("mutagen" in name for name in listed)
