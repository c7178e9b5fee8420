"""One clamp for every music volume: the store's, the player's and the phase music's."""

from __future__ import annotations

import pytest

from kapdesk.core.volume import clamp_volume


@pytest.mark.parametrize("given, kept", [
    (0.4, 0.4), (0, 0.0), (1, 1.0), (1.5, 1.0), (-0.2, 0.0), (True, 1.0),
])
def test_a_volume_is_a_fraction_of_full_scale(given: float, kept: float) -> None:
    assert clamp_volume(given) == kept and isinstance(clamp_volume(given), float)
