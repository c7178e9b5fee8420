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
    from kapdesk.services import Services
    from kapdesk.ui.common.tasks import TaskRunner
    from kapdesk.ui.shell.auto_backups import AutoBackups
    from kapdesk.ui.shell.main_window import MainWindow

# The dialogs are imported when first opened, not here: this module is on the
# start-up path and the editors are not needed to show the client list.
MusicMinutes = Callable[[str], "float | None"]


def connect_library_actions(window: MainWindow, services: Services,
                            music_minutes_for_slot: MusicMinutes | None = None,
                            on_settings_saved: Callable[[PracticeSettings], None] | None = None,
                            tasks: TaskRunner | None = None,
                            automatic: AutoBackups | None = None) -> None:
    """Wire the header's Scripts and Settings requests to their dialogs.

    `on_settings_saved` receives the new `PracticeSettings` so live views can
    pick them up. With `tasks` (the app's runner), Settings has a Backups
    button: the list and "Back up now" run there; `automatic` (the app's
    automatic backups) adds their new rows and their last notes to it.
    """
    def open_scripts() -> None:
        from kapdesk.ui.editors.scripts import open_script_library

        open_script_library(services.scripts, window, music_minutes_for_slot)

    def open_settings() -> None:
        from kapdesk.ui.editors.settings import edit_practice_settings

        def open_backups(parent) -> None:  # noqa: ANN001 - the settings dialog
            from kapdesk.ui.editors.backups import open_backups as show

            if tasks is not None:
                show(services.backups, tasks, parent, automatic)

        saved = edit_practice_settings(services.settings, window,
                                       open_backups=open_backups if tasks is not None else None)
        if saved is not None and on_settings_saved is not None:
            on_settings_saved(saved)

    def open_about() -> None:
        from kapdesk.licences import shipped_licences
        from kapdesk.ui.shell.about import AboutDialog, practice_place

        place = practice_place(services.practice.data_dir, window.demo)
        AboutDialog(place, shipped_licences(), window).exec()

    window.scripts_requested.connect(open_scripts)
    window.settings_requested.connect(open_settings)
    window.about_requested.connect(open_about)
