"""Scoring speed: 10,000 filled forms (PHQ-9, GAD-7 and PCL-5 in turn) scored by
kapdesk.core.measures.score, against summing the same 10,000 answer lists with
the built-in sum() in the same run (the floor: what any scoring must at least do).

Issue 12's target: scoring 10,000 forms takes at most 100 ms. Each figure is the
median of --repeats runs, so one busy moment on a shared machine does not decide it.
Prints forms, baseline_sum_ms, scoring_ratio, target_ms and last scoring_10000_ms.
Usage: python bench/measures_scoring.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, emit, median, timed_ms  # noqa: E402

sys.path.insert(0, str(ROOT))
from kapdesk.core.measures import SCALES, MeasureKind, score  # noqa: E402

FORMS = 10_000
TARGET_MS = 100.0


def forms(count: int) -> list[tuple[MeasureKind, list[int]]]:
    """`count` forms with random answers (a fixed seed: every run scores the same forms)."""
    rng = random.Random(12)
    kinds = (MeasureKind.PHQ9, MeasureKind.GAD7, MeasureKind.PCL5)
    made = []
    for index in range(count):
        scale = SCALES[kinds[index % 3]]
        made.append((scale.kind, [rng.randint(0, scale.max_answer)
                                  for _ in range(scale.item_count)]))
    return made



def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    repeats = parser.parse_args().repeats
    filled = forms(FORMS)
    lists = [answers for _, answers in filled]

    def baseline() -> None:
        for answers in lists:
            sum(answers)

    def scoring() -> None:
        for kind, answers in filled:
            score(kind, answers)

    scoring()  # warm up the interpreter's specialised code before timing
    baseline_ms = median([timed_ms(baseline) for _ in range(repeats)])
    scoring_ms = median([timed_ms(scoring) for _ in range(repeats)])
    emit("forms", FORMS, 0)
    emit("baseline_sum_ms", baseline_ms)
    emit("scoring_ratio", scoring_ms / baseline_ms, 1)
    emit("target_ms", TARGET_MS, 0)
    emit("scoring_10000_ms", scoring_ms)


if __name__ == "__main__":
    main()
