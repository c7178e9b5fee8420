"""Before the dose: what still stands between the therapist and recording it.

Two rules, both practice safety rather than hard stops: a baseline blood
pressure above the practice's pre-dose limit needs a reason stored with the
reading, and every item of the practice's set-and-setting checklist left
unticked at the dose is named and needs a reason stored with the dose. Pure
functions of the session state and the settings, so they are tested without
widgets; the before-the-dose page only shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kapdesk.core.timeline import SessionState
from kapdesk.core.vitals import VitalsReading, VitalThresholds, classify


def unticked(items: Iterable[str], ticked: Mapping[str, bool]) -> tuple[str, ...]:
    """The checklist items not ticked now, in the checklist's order."""
    return tuple(item for item in items if not ticked.get(item, False))


def unticked_text(items: Iterable[str]) -> str:
    """"Not ticked: Ride home arranged." or "" when everything is ticked."""
    names = list(items)
    return f"Not ticked: {', '.join(names)}." if names else ""


def limit_text(thresholds: VitalThresholds) -> str:
    return f"{thresholds.pre_dose_max_systolic}/{thresholds.pre_dose_max_diastolic}"


def reading_needs_reason(reading: VitalsReading, thresholds: VitalThresholds) -> bool:
    """A reading before the dose that may only be saved with a reason."""
    return classify(reading, thresholds, before_dose=True).level != "ok"


def reading_reason_label(thresholds: VitalThresholds) -> str:
    return f"Reason to go on (required above {limit_text(thresholds)})"


def dose_reason_label(items: Iterable[str]) -> str:
    return f"{unticked_text(items)} Reason to dose anyway (required)"


def high_reading_blocker(state: SessionState, thresholds: VitalThresholds) -> str | None:
    """Why the latest baseline reading stops the dose, or None.

    A high reading is stored only with a reason (the page refuses it
    otherwise), so this speaks only for a log written before that rule.
    """
    if not state.vitals:
        return None
    event = state.vitals[-1]
    reading = VitalsReading.from_data(event.data)
    if not reading_needs_reason(reading, thresholds) or event.data.get("reason"):
        return None
    return (f"The last reading, {reading.blood_pressure}, is above {limit_text(thresholds)} "
            "and has no reason. Take the blood pressure again: a reading within limits, or "
            "one saved with a reason, lets you record the dose.")


def gate_text(state: SessionState, items: Iterable[str], thresholds: VitalThresholds) -> str:
    """The line under the dose form: what is left to do before dosing, in words."""
    if state.doses:
        return "The dose is recorded."
    parts = [high_reading_blocker(state, thresholds) or "",
             "" if state.vitals else "No baseline blood pressure yet.",
             unticked_text(unticked(items, state.checklist))]
    return " ".join(part for part in parts if part)
