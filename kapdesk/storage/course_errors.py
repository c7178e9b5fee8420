"""The one error the course-of-care stores raise for a record they refuse.

Its message is the core's words (what is missing or wrong, and what to do),
fit to show the therapist as it is.
"""

from __future__ import annotations

from collections.abc import Sequence


class CourseRecordRefused(ValueError):
    """A screening, consent, measure, assessment or version that cannot be stored."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(" ".join(self.problems))


def refuse_if(problems: Sequence[str]) -> None:
    if problems:
        raise CourseRecordRefused(problems)
