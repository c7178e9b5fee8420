"""Open the music player: the pygame one if a sound output opens, else the
silent one with a calm message for the UI.

pygame, numpy and soundfile are imported here, inside the function, and not
when `kapdesk.audio` is imported: the app's window should appear first.
"""

from __future__ import annotations

from kapdesk.audio.player import EventSink, Player
from kapdesk.audio.silent import NO_OUTPUT_MESSAGE, SilentPlayer
from kapdesk.core.clock import Clock


def open_player(
    clock: Clock,
    on_event: EventSink | None = None,
    *,
    crossfade_s: float = 6.0,
    phase_fade_s: float = 8.0,
) -> tuple[Player, str | None]:
    """(player, None) with sound, or (SilentPlayer, message) without.

    Never raises for a missing device, driver or pygame: the session goes on.
    """
    try:
        from kapdesk.audio.output import OutputUnavailable
        from kapdesk.audio.pygame_output import PygameOutput
        from kapdesk.audio.streaming_player import StreamingPlayer

        output = PygameOutput.open()
    except (ImportError, OutputUnavailable):
        return SilentPlayer(NO_OUTPUT_MESSAGE), NO_OUTPUT_MESSAGE
    player = StreamingPlayer(
        clock, output, on_event, crossfade_s=crossfade_s, phase_fade_s=phase_fade_s
    )
    return player, None
