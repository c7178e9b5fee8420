"""Where the practice lives: Qt's per-user application-data folder, or --data-dir.

Only QtCore is used (no GUI), so the command-line tools find the same folder
as the app without opening a window.
"""

from __future__ import annotations

from pathlib import Path

APP_NAME = "KAPDesk"


def default_data_dir() -> Path:
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName("")
    QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location)


def resolve_data_dir(option: str | None) -> Path:
    return Path(option).expanduser().resolve() if option else default_data_dir()
