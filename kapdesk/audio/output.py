"""The edge between the player and a mixer: what the streaming player needs from
a sound output, as protocols.

`pygame_output.PygameOutput` is the real one (pygame.mixer channels). Tests use
a fake that "plays" against a FakeClock and records what would have been heard,
so the player's logic is checked without a sound card and without waiting.
The method names are pygame's own, so a `pygame.mixer.Channel` is an
`OutputChannel` as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np


class OutputUnavailable(Exception):
    """No sound output could be opened (no device, no driver, no pygame)."""


@dataclass(frozen=True)
class OutputFormat:
    """Samples the output takes: 16-bit signed integers at `rate`, interleaved
    over `channels`."""

    rate: int
    channels: int

    @property
    def bytes_per_frame(self) -> int:
        return 2 * self.channels


class OutputChannel(Protocol):
    """One mixer channel: plays a sound and holds one more queued behind it."""

    def play(self, sound: Any) -> None: ...
    def queue(self, sound: Any) -> None: ...
    def get_queue(self) -> Any | None: ...
    def get_busy(self) -> bool: ...
    def set_volume(self, value: float) -> None: ...
    def pause(self) -> None: ...
    def unpause(self) -> None: ...
    def stop(self) -> None: ...


class MixerOutput(Protocol):
    """A set of channels mixed to one device."""

    #: Exceptions that mean "the output is gone"; the player catches these.
    errors: tuple[type[BaseException], ...]

    @property
    def format(self) -> OutputFormat: ...

    @property
    def channel_count(self) -> int: ...

    def channel(self, index: int) -> OutputChannel: ...

    def cue_channel(self) -> OutputChannel | None:
        """A free channel outside the player's own, for a short cue over the
        music (the checkpoint chime); None when every one is busy."""

    def make_sound(self, samples: np.ndarray) -> Any:
        """A playable sound from int16 samples shaped (frames, channels)."""

    def check(self) -> None:
        """Raise one of `errors` if the output is no longer usable."""

    def close(self) -> None: ...
