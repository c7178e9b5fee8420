"""The licences of what KAPDesk ships, as the About box and the build's file give them."""

from __future__ import annotations

import json
from pathlib import Path

from kapdesk.licences import (ComponentLicence, component_licences, licence_texts, read_licences,
                              shipped_licences, write_licences)


def by_name() -> dict[str, object]:
    return {component.name.lower(): component for component in component_licences()}


def test_every_declared_dependency_is_listed_with_a_licence() -> None:
    components = by_name()
    for name in ("pyside6_essentials", "pygame", "sqlalchemy", "sqlcipher3", "alembic",
                 "soundfile", "numpy", "python"):
        assert name in components, f"{name} missing from {sorted(components)}"
        assert components[name].licence and components[name].licence != "not stated by the package"


def test_qt_and_pygame_are_named_lgpl_with_what_they_carry() -> None:
    components = by_name()
    assert "LGPL" in components["pyside6_essentials"].licence
    assert "LGPL" in components["pygame"].licence
    assert any("Qt" in part for part in components["pyside6_essentials"].inside)
    assert any("SQLCipher" in part for part in components["sqlcipher3"].inside)
    assert any("libsndfile" in part for part in components["soundfile"].inside)


def test_a_package_that_declares_nothing_is_named_by_its_licence_file() -> None:
    # sqlcipher3 states no licence in its metadata; its file is the zlib licence.
    assert by_name()["sqlcipher3"].licence == "zlib"


def test_dependencies_of_dependencies_are_listed_after_the_declared_ones() -> None:
    names = [component.name.lower() for component in component_licences()]
    assert "shiboken6" in names and "mako" in names
    assert names.index("numpy") < names.index("shiboken6")


def test_the_build_file_carries_the_licence_texts_and_reads_back_whole(tmp_path: Path) -> None:
    target = tmp_path / "licences.json"
    write_licences(target)
    assert read_licences(target) == component_licences()
    rows = {row["name"].lower(): row for row in json.loads(target.read_text("utf-8"))}
    assert any("LESSER GENERAL PUBLIC" in text for _name, text in rows["soundfile"]["texts"])
    assert [p.name for p in tmp_path.iterdir()] == ["licences.json"]  # no temporary file left


def test_from_source_the_about_box_reads_the_installed_packages_without_texts() -> None:
    shown = shipped_licences()
    assert [c.summary() for c in shown] == [c.summary() for c in component_licences()]
    assert all(c.texts == () for c in shown)


def test_a_built_app_reads_the_file_written_at_build_time(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import sys

    import kapdesk.licences as licences

    target = tmp_path / "licences.json"
    write_licences(target)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(licences, "licences_file", lambda: target)
    monkeypatch.setattr(licences, "component_licences", lambda: [])  # no metadata in a bundle
    assert [c.name for c in shipped_licences()][:3] == ["Python", "PySide6_Essentials", "pygame"]


def test_licence_texts_come_from_the_list_or_else_from_the_installed_package() -> None:
    carried = ComponentLicence("soundfile", "0", "BSD", texts=(("COPYING", "ours"),))
    assert licence_texts(carried) == (("COPYING", "ours"),)
    read_now = licence_texts(ComponentLicence("soundfile", "0", "BSD"))
    assert any("LESSER GENERAL PUBLIC" in text for _name, text in read_now)
    assert licence_texts(ComponentLicence("Python", "3", "PSF-2.0")) == ()


def test_nothing_inside_is_under_a_licence_that_would_bind_the_app_to_the_gpl() -> None:
    """KAPDesk is proprietary and ships as one built app: every component must be usable
    that way (permissive, LGPL, or offered under such a licence among others)."""
    import re

    def allows_proprietary(expression: str) -> bool:
        return any(not re.search(r"(?<!L)GPL", choice) for choice in expression.split(" OR "))

    bound = {c.name: c.licence for c in component_licences() if not allows_proprietary(c.licence)}
    assert bound == {}


def test_qt_and_sdl_come_with_their_lgpl_texts_though_their_wheels_carry_none() -> None:
    components = {c.name.lower(): c for c in component_licences()}
    qt = " ".join(text for _name, text in components["pyside6_essentials"].texts)
    sdl = " ".join(text for _name, text in components["pygame"].texts)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt and "Version 3, 29 June 2007" in qt
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in sdl and "Version 2.1, February 1999" in sdl
