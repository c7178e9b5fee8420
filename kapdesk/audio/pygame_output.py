"""pygame.mixer as the player's sound output.

This is the only module that imports pygame, and only `factory.open_player`
imports it, when the player is first opened: pygame's import costs start-up
time and the app must start (silently) without it.

We use plain mixer channels, never `pygame.mixer.music`: music has a single
stream, so it cannot crossfade. Each deck of the player streams its own decoded
chunks onto its own reserved channel instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pygame

from kapdesk.audio.output import OutputFormat, OutputUnavailable

#: 16-bit stereo at CD rate is what every device takes; SDL converts if the
#: hardware wants something else (allowedchanges=0), so the decoder always
#: knows the format it must produce.
RATE = 44100
CHANNELS = 2
#: Frames per SDL mixing buffer: ~46 ms. Latency does not matter for music,
#: but a larger buffer survives a busy GUI thread without crackling.
BUFFER_FRAMES = 2048
#: Channels reserved for the player: two for a crossfade, two more so a phase
#: change or a skip during a crossfade need not cut anything off.
PLAYER_CHANNELS = 4


class PygameOutput:
    """The real mixer. Open with `PygameOutput.open()`."""

    errors: tuple[type[BaseException], ...] = (pygame.error,)

    def __init__(self, fmt: OutputFormat, channel_count: int) -> None:
        self._format = fmt
        self._channels = [pygame.mixer.Channel(i) for i in range(channel_count)]

    @classmethod
    def open(cls, channel_count: int = PLAYER_CHANNELS) -> PygameOutput:
        """Initialise pygame.mixer; raises OutputUnavailable when there is no
        device (pygame.error) or its format is not one we can feed."""
        try:
            pygame.mixer.init(
                frequency=RATE, size=-16, channels=CHANNELS, buffer=BUFFER_FRAMES, allowedchanges=0
            )
            rate, size, channels = pygame.mixer.get_init()
            if size != -16:
                pygame.mixer.quit()
                raise OutputUnavailable(f"unexpected mixer sample size {size}")
            # Reserved channels are never taken by Sound.play() elsewhere.
            pygame.mixer.set_num_channels(max(8, channel_count))
            pygame.mixer.set_reserved(channel_count)
            return cls(OutputFormat(rate, channels), channel_count)
        except pygame.error as exc:
            raise OutputUnavailable(str(exc)) from exc

    @property
    def format(self) -> OutputFormat:
        return self._format

    @property
    def channel_count(self) -> int:
        return len(self._channels)

    def channel(self, index: int) -> Any:
        return self._channels[index]

    def cue_channel(self) -> Any | None:
        # Not pygame.mixer.find_channel(): it also returns the reserved
        # channels, and a cue there would be cut off by the player's next deck.
        for index in range(len(self._channels), pygame.mixer.get_num_channels()):
            channel = pygame.mixer.Channel(index)
            if not channel.get_busy():
                return channel
        return None

    def make_sound(self, samples: np.ndarray) -> Any:
        # Sound(buffer=...) copies the bytes, so `samples` may be freed after.
        return pygame.mixer.Sound(buffer=np.ascontiguousarray(samples, dtype=np.int16))

    def check(self) -> None:
        # Channel.play/queue/get_queue do not check that the mixer is still
        # open and would crash the process if it were not, so look first.
        if pygame.mixer.get_init() is None:
            raise pygame.error("the sound output was closed")

    def close(self) -> None:
        if pygame.mixer.get_init() is not None:
            pygame.mixer.quit()
