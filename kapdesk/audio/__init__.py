"""Calming music that follows the session's phases; no Qt here.

Public pieces (importing this package loads none of pygame, numpy or soundfile):

* `player`: `Track`, `PlayerState`, `PlayerEvent`, `PlayerEventKind`, `StopReason` and
  the `Player` protocol the UI programs against;
* `factory.open_player(clock, on_event)`: the pygame-backed `StreamingPlayer`,
  or a `SilentPlayer` plus a calm message when there is no sound output;
* `library`: scan a folder of music (in a worker thread) and describe how much
  music a phase has.

Inside: `streaming_player` (what plays when: playlists, handovers, skips, the
silence key, volumes, events), `play_queue` (track order), `rack` (the decks
sounding now), `deck` (one track streaming onto one mixer channel), `decoder`
and `resample` (chunked decode into the mixer's format), `fades` (envelope
maths), `timebase` (time that stops while silenced), `output` and
`pygame_output` (the mixer edge), `silent` (the no-sound stand-in).
"""
