"""Plain-language summaries of a session for the screens: the discharge
summary, a reading in words, and whether the dose may be recorded yet.

Pure functions of a `SessionState` (and the practice's thresholds), so the
rules are tested without widgets.
"""

from __future__ import annotations

from collections import Counter

from kapdesk.core.checkpoints import CheckpointStatus, final_status
from kapdesk.core.events import DEPARTURE_ITEM, Event
from kapdesk.core.formatting import format_minutes, format_time_of_day
from kapdesk.core.script import Script
from kapdesk.core.timeline import SessionState
from kapdesk.core.vitals import VitalsReading, VitalThresholds, classify


def describe_reading(reading: VitalsReading) -> str:
    spo2 = f", SpO2 {reading.spo2}%" if reading.spo2 is not None else ""
    return f"BP {reading.blood_pressure}, HR {reading.heart_rate}{spo2}"


def dose_blocker(state: SessionState, thresholds: VitalThresholds) -> str | None:
    """Why the dose cannot be recorded yet, or None.

    The latest reading before the dose decides: a recheck within limits, or
    the high reading saved with a reason, clears the way.
    """
    if not state.vitals:
        return None
    event = state.vitals[-1]
    reading = VitalsReading.from_data(event.data)
    if classify(reading, thresholds, before_dose=True).level == "ok" or event.data.get("reason"):
        return None
    return (f"The last reading, {reading.blood_pressure}, is above "
            f"{thresholds.pre_dose_max_systolic}/{thresholds.pre_dose_max_diastolic}. "
            "Recheck, or save the reading again with a reason, before dosing.")


def summary_lines(state: SessionState) -> list[str]:
    """The session in a few lines, for the discharge page."""
    lines = [f"Started {format_time_of_day(state.started_at or state.now)} "
             f"({format_minutes(state.session_elapsed_s)} ago); now: {state.phase.name}"]
    for dose in state.doses:
        d = dose.data
        lines.append(f"Dose: {d['drug']} {d['mg']:g} mg {d['route']} at "
                     f"{format_time_of_day(d['given_at'])}")
    lines.extend(_vitals_lines(state))
    lines.append("Checks: " + "; ".join(
        f"{s.checkpoint.label} {checkpoint_words(s, state.ended)}" for s in state.checkpoints)
        if state.checkpoints else "Checks: none in this script")
    tags = Counter(str(t.data["tag"]) for t in state.tags)
    tag_text = ", ".join(f"{tag} ×{n}" for tag, n in tags.most_common()) or "none"
    lines.append(f"Notes: {len(state.notes)}   ·   Tags: {tag_text}")
    lines.extend(_interruptions(state))
    lines.append("Debrief saved" if state.debrief else "Debrief not saved yet")
    return lines


def checkpoint_words(status: CheckpointStatus, ended: bool = False) -> str:
    """"done 14:47", "due 15:20", "missed"...: where a check stands, in words.

    An ended session's checks are final (done, set aside, missed, not reached);
    nothing of a record is "upcoming".
    """
    if status.status == "done" and status.resolved_at is not None:
        return f"done {format_time_of_day(status.resolved_at)}"
    if status.status == "dismissed":
        return f"set aside ({status.reason})" if status.reason else "set aside"
    if ended:
        return final_status(status)
    if status.status == "waiting":
        return "not due yet"
    if status.status == "upcoming" and status.due_at is not None:
        return f"due {format_time_of_day(status.due_at)}"
    return {"due": "due now", "overdue": "overdue"}.get(status.status, status.status)


def baseline(state: SessionState) -> Event | None:
    """The baseline reading: the last one taken before the (first) dose.

    The dose followed that reading, so it is the one later readings are
    compared with; before any dose, the latest reading so far.
    """
    if not state.doses:
        return state.vitals[-1] if state.vitals else None
    dosed = min(float(d.data["given_at"]) for d in state.doses)
    return next((e for e in reversed(state.vitals) if e.at <= dosed), None)


def discharge_vitals_check(script: Script, state: SessionState) -> CheckpointStatus | None:
    """The script's discharge BP: the vitals check that counts from the discharge phase.

    The discharge phase is the phase of kind "discharge" (the last phase for a
    script without kinds). None when the script asks for no such check.
    """
    index = script.phase_index_of_kind("discharge")
    if index is None:
        index = len(script.phases) - 1
    return next((s for s in state.checkpoints if s.checkpoint.kind == "vitals"
                 and s.checkpoint.anchor == "phase" and s.checkpoint.phase_index == index), None)


def open_checks(state: SessionState) -> list[str]:
    """The checks not done (nor set aside) by now: what ending would leave undone."""
    return [s.checkpoint.label for s in state.checkpoints if s.is_open]


def departure(events: tuple[Event, ...] | list[Event]) -> Event | None:
    """The last departure recorded on the discharge page (when, with whom), or None."""
    return next((e for e in reversed(events) if e.data.get("item") == DEPARTURE_ITEM
                 and "left_at" in e.data), None)


def _vitals_lines(state: SessionState) -> list[str]:
    if not state.vitals:
        return ["Vitals: none recorded"]
    first, last = baseline(state), state.vitals[-1]
    lines = ["Baseline: none taken before the dose" if first is None else
             f"Baseline: {describe_reading(VitalsReading.from_data(first.data))} "
             f"({format_time_of_day(first.at)}, before the dose)"]
    if last is not first:
        lines.append(f"Latest: {describe_reading(VitalsReading.from_data(last.data))} "
                     f"({format_time_of_day(last.at)})")
    return lines


def _interruptions(state: SessionState) -> list[str]:
    lines = []
    if state.pauses:
        paused = sum((p.end or state.as_of) - p.start for p in state.pauses)
        lines.append(f"Paused {len(state.pauses)}× ({format_minutes(paused)})")
    for gap in state.gaps:
        lines.append(f"App not running {format_time_of_day(gap.down_since)}–"
                     f"{format_time_of_day(gap.recovered_at)}")
    return lines
