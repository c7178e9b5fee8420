"""The licences of what KAPDesk is made of, read from the installed packages.

KAPDesk ships other people's work (Qt through PySide6, pygame and SDL,
SQLCipher, SQLAlchemy, ...) and the About box must say under which licences,
truthfully and without a list typed by hand that goes stale. So the list is
generated from package metadata: the packages are KAPDesk's own dependencies,
followed through theirs; each one's licence is what it declares
(License-Expression, License, or its classifiers), or else what its licence
file says in its first lines.

From a source checkout the About box reads the metadata at once
(`shipped_licences`). A built app may not carry the metadata, so the build
calls `write_licences(kapdesk.assets.licences_file())` and the app reads that
file when frozen. The file carries the licence texts too: an LGPL component
must be shipped with its licence.

No Qt here: this module is tested without a window.
"""

from __future__ import annotations

import importlib.metadata as metadata
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from kapdesk.assets import asset_path, licences_file
from kapdesk.atomic_file import write_atomic

APP_DISTRIBUTION = "kapdesk"
# KAPDesk's dependencies as pyproject.toml declares them: what a bare checkout
# lists, and what an installed KAPDesk whose metadata predates one of them
# (an editable install made before the dependency was added) still lists.
DECLARED = ("PySide6-Essentials", "pygame", "SQLAlchemy", "sqlcipher3", "alembic",
            "soundfile", "numpy", "pypdf", "pycryptodome")
# Libraries inside a wheel that its metadata does not name; stated here, by us.
INSIDE = {
    "pyside6-essentials": ("Qt 6 (LGPL-3.0-only)",),
    "shiboken6": (),
    "pygame": ("SDL 2 and SDL_mixer (zlib), with their codecs",),
    "sqlcipher3": ("SQLCipher (BSD-3-Clause) and SQLite (public domain)",),
    "soundfile": ("libsndfile (LGPL-2.1-or-later), with its codecs",),
}
# The licence texts of components whose packages carry none (the PySide6 and
# pygame wheels ship no licence file): the FSF's texts, in assets/licences/.
STANDARD_TEXTS = {
    "pyside6-essentials": ("LGPL-3.0.txt", "GPL-3.0.txt"),
    "shiboken6": ("LGPL-3.0.txt", "GPL-3.0.txt"),
    "pygame": ("LGPL-2.1.txt",),
}
_TEXT_NAMES = re.compile(r"(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)
# A licence file's opening words, for a package that declares nothing else.
_TEXT_TITLES = (
    (r"GNU LESSER GENERAL PUBLIC LICENSE\s+Version 2\.1", "LGPL-2.1"),
    (r"GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3", "LGPL-3.0"),
    (r"GNU GENERAL PUBLIC LICENSE\s+Version 2", "GPL-2.0"),
    (r"GNU GENERAL PUBLIC LICENSE\s+Version 3", "GPL-3.0"),
    (r"Permission is hereby granted, free of charge", "MIT"),
    (r"provided 'as-is', without any express or implied", "zlib"),
    (r"Redistribution and use in source and binary forms", "BSD"),
)


@dataclass(frozen=True)
class ComponentLicence:
    """One component shipped with KAPDesk: what it is, its licence, what it carries."""

    name: str
    version: str
    licence: str
    inside: tuple[str, ...] = ()
    home: str = ""
    texts: tuple[tuple[str, str], ...] = ()  # (file name, licence text)

    def summary(self) -> str:
        """One line for the About box: "pygame 2.6.1 — LGPL (inside: SDL 2 ...)"."""
        inside = f" (inside: {'; '.join(self.inside)})" if self.inside else ""
        return f"{self.name} {self.version} — {self.licence}{inside}"


def component_licences(with_texts: bool = True) -> list[ComponentLicence]:
    """Python itself, then every package KAPDesk depends on, from the installed metadata.

    Without texts it is quick enough for the GUI thread (about 15 ms here): a
    package's file list is read only when its metadata names no licence.
    """
    python = ComponentLicence("Python", sys.version.split()[0], "PSF-2.0", home="https://www.python.org")
    return [python, *(_component(dist, with_texts) for dist in _shipped_distributions())]


def write_licences(path: Path) -> None:
    """Write `component_licences()` as JSON to `path`, whole or not at all (for the build)."""
    data = [asdict(component) for component in component_licences()]
    write_atomic(Path(path), json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"))


def read_licences(path: Path) -> list[ComponentLicence]:
    """The list `write_licences` wrote."""
    rows = json.loads(Path(path).read_text("utf-8"))
    return [ComponentLicence(**{**row, "inside": tuple(row["inside"]),
                                "texts": tuple(tuple(pair) for pair in row["texts"])}) for row in rows]


def shipped_licences() -> list[ComponentLicence]:
    """What the About box shows: the build's file in a built app, else the metadata
    (without the texts, which the list does not show)."""
    if getattr(sys, "frozen", False) and licences_file().is_file():
        return read_licences(licences_file())
    return component_licences(with_texts=False)


def licence_texts(component: ComponentLicence) -> tuple[tuple[str, str], ...]:
    """The component's licence files: those it carries (a built app's list), else
    read now from its installed package; () when it ships none."""
    if component.texts:
        return component.texts
    try:
        return _licence_texts(metadata.distribution(component.name))
    except metadata.PackageNotFoundError:  # Python itself, or a bundle without metadata
        return ()


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_names(requirements: list[str] | None) -> list[str]:
    """Distribution names of the requirements that are not extras."""
    names = []
    for requirement in requirements or ():
        if "extra ==" in requirement.replace('"', "").replace("'", ""):
            continue
        names.append(re.match(r"[A-Za-z0-9._-]+", requirement.strip()).group(0))
    return names


def _shipped_distributions() -> list[metadata.Distribution]:
    """KAPDesk's dependencies in their declared order, then theirs, each once.

    A requirement under a platform marker counts only if it is installed.
    """
    try:
        first = _requirement_names(metadata.requires(APP_DISTRIBUTION))
    except metadata.PackageNotFoundError:
        first = []
    first += [name for name in DECLARED if _key(name) not in {_key(n) for n in first}]
    found: dict[str, metadata.Distribution] = {}
    queue = list(first)
    while queue:
        name = queue.pop(0)
        if _key(name) in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[_key(name)] = dist
        queue += _requirement_names(dist.requires)
    direct = [found[_key(name)] for name in first if _key(name) in found]
    rest = sorted((d for d in found.values() if d not in direct), key=lambda d: _key(d.metadata["Name"]))
    return direct + rest


def _component(dist: metadata.Distribution, with_texts: bool) -> ComponentLicence:
    meta = dist.metadata
    declared = _declared_licence(meta)
    texts = _licence_texts(dist) if with_texts or not declared else ()
    return ComponentLicence(
        name=meta["Name"], version=dist.version,
        licence=declared or _licence_from_texts(texts) or "not stated by the package",
        inside=INSIDE.get(_key(meta["Name"]), ()), home=_home(meta),
        texts=texts if with_texts else ())


def _declared_licence(meta) -> str:  # noqa: ANN001 - an email.message.Message
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 80:
        return field
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or ()
                   if c.startswith("License ::")]
    return " / ".join(classifiers)


def _licence_texts(dist: metadata.Distribution) -> tuple[tuple[str, str], ...]:
    texts = _package_texts(dist)
    if texts:
        return texts
    return tuple((name, asset_path("licences", name).read_text(encoding="utf-8"))
                 for name in STANDARD_TEXTS.get(_key(dist.metadata["Name"]), ()))


def _package_texts(dist: metadata.Distribution) -> tuple[tuple[str, str], ...]:
    """The licence files a package carries, as (file name, text)."""
    texts = []
    for file in dist.files or ():
        if _TEXT_NAMES.search(file.name) and file.suffix not in (".py", ".pyc", ".pyi"):
            try:
                texts.append((str(file), Path(file.locate()).read_text(encoding="utf-8", errors="replace")))
            except OSError:  # listed in RECORD but not on disk
                continue
    return tuple(texts)


def _licence_from_texts(texts: tuple[tuple[str, str], ...]) -> str:
    for _name, text in texts:
        for pattern, licence in _TEXT_TITLES:
            if re.search(pattern, text[:2000]):
                return licence
    return ""


def _home(meta) -> str:  # noqa: ANN001 - an email.message.Message
    """The package's home page: Home-page, else its Homepage / Source / Repository link."""
    if meta.get("Home-page"):
        return meta["Home-page"]
    urls = dict(entry.split(",", 1) for entry in meta.get_all("Project-URL") or () if "," in entry)
    urls = {label.strip().lower(): url.strip() for label, url in urls.items()}
    return next((urls[label] for label in ("homepage", "source", "repository") if label in urls), "")
