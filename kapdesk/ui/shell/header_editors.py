"""Opening the between-session editors from the main window's header.

`connect_library_actions` is the one call the composition root makes: the
window's `scripts_requested` opens the script library, `settings_requested`
the practice settings, `about_requested` the About box. All three are modal
dialogs, which is fine between sessions and never happens in the session room
(its header, with the buttons, is hidden).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kapdesk.core.practice_settings import PracticeSettings
    from kapdesk.licences import ComponentLicence
    from kapdesk.services import Services
    from kapdesk.ui.common.tasks import TaskRunner
    from kapdesk.ui.editors.backups import Restorer
    from kapdesk.ui.shell.auto_backups import AutoBackups
    from kapdesk.ui.shell.main_window import MainWindow

# The dialogs are imported when first opened, not here: this module is on the
# start-up path and the editors are not needed to show the client list.
MusicMinutes = Callable[[str], "float | None"]
#: When the About box's component list is read in the background: after
#: start-up has settled (reading the packages' metadata takes ~140 ms the
#: first time, too long for a click to wait on the GUI thread).
LICENCES_PREREAD_MS = 4000


def connect_library_actions(window: MainWindow, services: Services,
                            music_minutes_for_slot: MusicMinutes | None = None,
                            on_settings_saved: Callable[[PracticeSettings], None] | None = None,
                            tasks: TaskRunner | None = None,
                            automatic: AutoBackups | None = None,
                            session_running: Callable[[], bool] = lambda: False,
                            restore: Restorer | None = None) -> None:
    """Wire the header's Scripts and Settings requests to their dialogs.

    `on_settings_saved` receives the new `PracticeSettings` so live views can
    pick them up. With `tasks` (the app's runner), Settings has a Backups
    button: the list and "Back up now" run there; `automatic` (the app's
    automatic backups) adds their new rows and their last notes to it;
    `restore` (the app's, not the demo's) offers "Restore this backup". The
    About box's component list is read there too, after start-up, so the box
    opens at once; and Settings has Change passphrase (refused while
    `session_running()`).
    """
    licences: list[list[ComponentLicence]] = []  # the list, once read

    def open_scripts() -> None:
        from kapdesk.ui.editors.scripts import open_script_library

        open_script_library(services.scripts, window, music_minutes_for_slot)

    def open_settings() -> None:
        from kapdesk.ui.editors.settings import edit_practice_settings

        def open_backups(parent) -> None:  # noqa: ANN001 - the settings dialog
            from kapdesk.ui.editors.backups import open_backups as show

            if tasks is not None:
                show(services.backups, tasks, parent, automatic, restore)

        def open_course(parent) -> None:  # noqa: ANN001 - the settings dialog
            from kapdesk.ui.editors.course_settings import edit_course_settings

            edit_course_settings(services, parent)

        def open_audit(parent) -> None:  # noqa: ANN001 - the settings dialog
            from kapdesk.ui.editors.audit_view import open_audit_view

            clients = [(c.id, c.display_name) for c in services.clients.list(include_archived=True)]
            open_audit_view(services.audit, clients, tasks, parent)

        def change_passphrase(parent) -> None:  # noqa: ANN001 - the settings dialog
            from kapdesk.ui.shell.change_passphrase import open_change_passphrase

            if tasks is not None:
                open_change_passphrase(services, tasks, session_running, parent)

        saved = edit_practice_settings(services.settings, window,
                                       open_backups=open_backups if tasks is not None else None,
                                       open_course=open_course,
                                       open_audit=open_audit if tasks is not None else None,
                                       change_passphrase=change_passphrase if tasks is not None else None)
        if saved is not None and on_settings_saved is not None:
            on_settings_saved(saved)

    def open_about() -> None:
        from kapdesk.licences import shipped_licences
        from kapdesk.ui.shell.about import AboutDialog, practice_place

        place = practice_place(services.practice.data_dir, window.demo)
        components = licences[0] if licences else shipped_licences()
        AboutDialog(place, components, window).exec()

    def read_licences_ahead() -> None:
        from kapdesk.licences import shipped_licences

        tasks.run(lambda _progress: shipped_licences(), on_done=licences.append,
                  owner=window, name="licence list")

    window.scripts_requested.connect(open_scripts)
    window.settings_requested.connect(open_settings)
    window.about_requested.connect(open_about)
    if tasks is not None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(LICENCES_PREREAD_MS, window, read_licences_ahead)
