"""The 5-4-3-2-1 grounding exercise, step by step (DOMAIN.md "Grounding").

When a client needs bringing back to the room, the therapist opens a calm,
very large screen that walks through the senses: five things you see, four
you hear, three you feel, two you smell, one you taste. Space steps on; the
same key that opened it closes it. The words are spoken to the client, so
they are short and plain. `steps_seen` is what the log keeps.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GroundingStep:
    count: int
    sense: str
    prompt: str


STEPS = (
    GroundingStep(5, "see", "Notice five things you can see."),
    GroundingStep(4, "hear", "Notice four things you can hear."),
    GroundingStep(3, "feel", "Notice three things you can feel in your body."),
    GroundingStep(2, "smell", "Notice two things you can smell."),
    GroundingStep(1, "taste", "Notice one thing you can taste."),
)
CLOSING = "You are here, in this room. Take a slow breath."


@dataclass(frozen=True)
class Grounding:
    """Where the exercise stands: `index` 0..4 a step, 5 the closing words."""

    index: int = 0

    @property
    def done(self) -> bool:
        return self.index >= len(STEPS)

    @property
    def step(self) -> GroundingStep | None:
        return None if self.done else STEPS[self.index]

    @property
    def steps_seen(self) -> int:
        return min(self.index + 1, len(STEPS))

    def next(self) -> Grounding:
        return Grounding(min(self.index + 1, len(STEPS)))

    def back(self) -> Grounding:
        return Grounding(max(self.index - 1, 0))

    def big_text(self) -> str:
        """The number (or nothing once done), read from across the room."""
        return "" if self.step is None else str(self.step.count)

    def words(self) -> str:
        return CLOSING if self.step is None else self.step.prompt
