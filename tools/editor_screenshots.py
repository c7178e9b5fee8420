"""Screenshots of the between-session editors, made offscreen.

    .venv/bin/python tools/editor_screenshots.py [--out docs]

Writes script-editor.png (a copy of the sublingual KAP script, journey phase
selected) and settings.png (the defaults). The practice is a throwaway one in
a temporary folder. Music lengths come from a stand-in until the music
library provides `music_minutes_for_slot`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from kapdesk.core.clock import SystemClock  # noqa: E402
from kapdesk.core.practice_settings import PracticeSettings  # noqa: E402
from kapdesk.storage.scripts import ScriptStore  # noqa: E402
from kapdesk.ui.editors.scripts import ScriptLibraryDialog  # noqa: E402
from kapdesk.ui.editors.settings import SettingsDialog  # noqa: E402
from tools.shots import make_pictures, scratch_practice, shoot  # noqa: E402

STAND_IN_MUSIC = {"dissolve": 12.0, "journey": 38.0, "return": 24.0}


def _script_editor(out: Path) -> None:
    with scratch_practice() as practice:
        dialog = ScriptLibraryDialog(ScriptStore(practice, SystemClock()), STAND_IN_MUSIC.get)
        dialog.duplicate()
        dialog.editor.name_edit.deselect()
        dialog.editor.phases.phase_list.setCurrentRow(2)
        dialog.editor.phases.phase_list.setFocus()
        shoot(dialog, out / "script-editor.png")
        dialog.done(0)


def _settings(out: Path) -> None:
    dialog = SettingsDialog(PracticeSettings(therapist_name="Dr. A. Lee, LMFT"))
    shoot(dialog, out / "settings.png")


def main() -> None:
    make_pictures(__doc__.splitlines()[0], _script_editor, _settings)


if __name__ == "__main__":
    main()
