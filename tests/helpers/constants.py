"""Values the tests share: the test practice's passphrase.

Kept here, not in a conftest, so that test modules and helpers import them
from one plain module (a conftest is pytest's to load, not a library).
"""

from __future__ import annotations

#: The passphrase of every practice the tests create.
PASSPHRASE = "calm-harbour-42"
