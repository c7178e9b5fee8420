"""Writing the client's take-home sheet at discharge, and opening it to print.

The sheet (core/take_home.py) is read from the session as it stands, the
practice's after-care words and course windows, and the music library's
artists; it is written as a one-page PDF (export/take_home_pdf.py) into the
practice's "Take-home sheets" folder, named after the day and the client's
first name, a new name each time so an earlier sheet is never overwritten.
Opening it hands the file to the system's PDF viewer, where it is printed:
KAPDesk never talks to a printer or the network itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from kapdesk.core.take_home import first_name, take_home_sheet
from kapdesk.core.timeline import SessionState
from kapdesk.export.take_home_pdf import write_take_home
from kapdesk.storage.practice_settings_store import load_course_windows, load_take_home

if TYPE_CHECKING:
    from kapdesk.services import Services

FOLDER = "Take-home sheets"


def open_with_system(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class TakeHomeSheets:
    def __init__(self, services: Services, client_name: str,
                 open_file: Callable[[Path], bool] = open_with_system) -> None:
        self._services = services
        self._client_name = client_name
        self.open_file = open_file
        self.folder = services.practice.data_dir / FOLDER
        self.last: Path | None = None

    def write(self, state: SessionState) -> Path:
        """Write the sheet for the session as it stands; returns where (OSError if it could not)."""
        services = self._services
        artists = {str(track.path): track.artist for track in services.music.tracks() if track.artist}
        sheet = take_home_sheet(state, self._client_name, artists,
                                load_take_home(services.settings),
                                load_course_windows(services.settings), now=services.clock.now())
        self.folder.mkdir(parents=True, exist_ok=True)
        day = dt.datetime.fromtimestamp(services.clock.now()).strftime("%Y-%m-%d")
        stem = f"{day} {first_name(self._client_name) or 'client'} - after your session"
        target = self.folder / f"{stem}.pdf"
        number = 2
        while target.exists():
            target = self.folder / f"{stem} ({number}).pdf"
            number += 1
        self.last = write_take_home(sheet, target)
        return self.last

    def open_last(self) -> bool:
        return self.last is not None and self.open_file(self.last)
