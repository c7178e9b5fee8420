"""`kapdesk sound`: a few seconds of the bundled music, to check the speakers before a client comes.

It plays the first bundled track through the same player as a session (fading
in, then out), so what it proves is what a session will do: the sound output
opens, the bundled music is there and decodes, and something is heard. Exit 0
when the music played to the end of its few seconds, 1 when there is no sound
output or the track could not be played (said in words).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

SECONDS = 5.0
FADE_S = 1.0
TICK_S = 0.1  # the player wants a tick every 100-250 ms


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Play a few seconds of KAPDesk's own music, fading in and out, to check "
                          "that the speakers work. Exit 0 when it played, 1 otherwise.")
    parser.add_argument("--seconds", type=float, default=SECONDS,
                        help=f"how long to play (default {SECONDS:g})")


def run(args: argparse.Namespace) -> int:
    from kapdesk.assets import music_dir
    from kapdesk.audio.factory import open_player
    from kapdesk.audio.player import PlayerEventKind, PlayerState, Track
    from kapdesk.core.clock import SystemClock

    seconds = max(2 * FADE_S, args.seconds)
    first = json.loads((music_dir() / "catalog.json").read_text(encoding="utf-8"))[0]
    track = Track.from_path(music_dir() / first["file"], first["title"])
    clock = SystemClock()
    events = []
    player, problem = open_player(clock, events.append, phase_fade_s=FADE_S)
    if problem is not None:  # the session's own sentence speaks of a session; this is a check
        print("kapdesk: no sound output could be opened. Check that a sound device is connected "
              "and that no other program holds it, then try again.", file=sys.stderr)
        return 1
    try:
        print(f"Playing “{first['title']}” for {seconds:g} seconds…", flush=True)
        player.play_playlist([track], volume=1.0, fade_in_s=FADE_S, when_done="stop")
        started = clock.monotonic()
        _tick_until(player, clock, started + seconds - FADE_S)
        player.fade_out(FADE_S)
        _tick_until(player, clock, started + seconds + FADE_S,
                    done=lambda: player.state is PlayerState.STOPPED)
    finally:
        player.close()
    failed = [e for e in events if e.kind in (PlayerEventKind.TRACK_FAILED, PlayerEventKind.OUTPUT_LOST)]
    if failed:
        print(f"kapdesk: the music could not be played: {failed[0].data.get('message', '')}",
              file=sys.stderr)
        return 1
    print("Done. If you heard nothing, check the volume and the output chosen in the system's "
          "sound settings.")
    return 0


def _tick_until(player, clock, deadline: float, done=lambda: False) -> None:  # noqa: ANN001
    while clock.monotonic() < deadline and not done():
        time.sleep(TICK_S)  # a command-line tool with no event loop: real time is the point here
        player.tick()
