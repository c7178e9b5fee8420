"""Opening the between-session editors from the main window's header.

`connect_library_actions` is the one call the composition root makes: the
window's `scripts_requested` opens the script library, `settings_requested`
the practice settings. Both are modal dialogs, which is fine between sessions
and never happens in the session room (its header, with the buttons, is hidden).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# The dialogs are imported when first opened, not here: this module is on the
# start-up path and the editors are not needed to show the client list.
MusicMinutes = Callable[[str], "float | None"]


def connect_library_actions(window: Any, services: Any,
                            music_minutes_for_slot: MusicMinutes | None = None,
                            on_settings_saved: Callable[[Any], None] | None = None) -> None:
    """Wire the header's Scripts and Settings requests to their dialogs.

    `services` needs `practice`, `clock` and `settings`; `on_settings_saved`
    receives the new `PracticeSettings` so live views can pick them up.
    """
    def open_scripts() -> None:
        from kapdesk.storage.scripts import ScriptStore
        from kapdesk.ui.editors.scripts import open_script_library

        # Prefer the shared store when the services carry one.
        store = getattr(services, "scripts", None) or ScriptStore(services.practice, services.clock)
        open_script_library(store, window, music_minutes_for_slot)

    def open_settings() -> None:
        from kapdesk.ui.editors.settings import edit_practice_settings

        saved = edit_practice_settings(services.settings, window)
        if saved is not None and on_settings_saved is not None:
            on_settings_saved(saved)

    window.scripts_requested.connect(open_scripts)
    window.settings_requested.connect(open_settings)
