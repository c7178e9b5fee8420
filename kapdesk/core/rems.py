"""The Spravato REMS Patient Monitoring Form's fields, read from a session's log.

The form (DOMAIN.md) asks for: the total time "from 1st device administration
to completion of monitoring"; when the patient would have been ready to leave,
in minutes from the start of administration; blood pressure prior to
administration, about 40 minutes after, and prior to completion; whether
vitals were in an acceptable range before administration and before
completion; and whether sedation, dissociation or respiratory depression were
seen. How each is read here (the report prints the basis next to each answer):

- First spray: the earliest recorded dose's `given_at`. Completion of
  monitoring: the session's end.
- BP prior to administration: the last reading at or before the first spray.
  40 minutes after: the reading after the spray nearest to +40 min, if one
  lies within +20..+60 min. Prior to completion: the last reading after the
  first spray, when it is neither of the others.
- Acceptable range: the practice's thresholds (`vitals.classify`), pre-dose
  limits for the first reading.
- Ready to leave: the time of a tag "ready to leave" if the therapist set one;
  otherwise the moment the last discharge check was ticked with every
  discharge check ticked; otherwise not recorded.
- Sedation / dissociation / respiratory depression "observed": a tag that
  names it (see `OBSERVATION_WORDS`), or a debrief field of that name whose
  value is not a "no"/"none" (such a field is kept as recorded absence, which
  is not the same as nothing recorded). Notes are *not* parsed: "no sedation"
  in a note must not read as sedation. An SpO2 reading below the practice's alert level
  is listed as evidence for respiratory depression. "Not recorded" is never
  printed as "No": the form is the therapist's to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from kapdesk.core import debrief
from kapdesk.core.events import DEPARTURE_ITEM, Event, EventKind
from kapdesk.core.formatting import since_dose
from kapdesk.core.review_model import Reading, reading_of
from kapdesk.core.timeline import SessionState
from kapdesk.core.vitals import VitalsReading, VitalThresholds, classify

FORTY_MIN_S = 40 * 60
FORTY_WINDOW_S = (20 * 60, 60 * 60)
READY_TAG = "ready to leave"
# The words (case-insensitive stems) a tag or debrief field must contain to count.
OBSERVATION_WORDS: Mapping[str, tuple[str, ...]] = {
    "sedation": ("sedat",),
    "dissociation": ("dissociat",),
    "respiratory_depression": ("respiratory depression", "resp depression", "respiratory_depression",
                               "hypoventilat"),
}
NEGATIVE_VALUES = frozenset({"", "no", "none", "nil", "absent", "not observed", "0", "false"})


@dataclass(frozen=True)
class BpAnswer:
    label: str  # "Prior to administration", "40 min post-administration", "Prior to completion"
    reading: Reading | None
    minutes_from_dose: int | None
    acceptable: bool | None  # within the practice's limits; None when no reading


@dataclass(frozen=True)
class Observation:
    label: str
    evidence: tuple[str, ...]  # e.g. 'tag "sedation" at +32 min', "debrief: sedation = mild"
    denied: tuple[str, ...] = ()  # recorded as absent, e.g. "debrief: sedation = none"

    @property
    def observed(self) -> bool:
        return bool(self.evidence)


@dataclass(frozen=True)
class RemsSummary:
    first_spray_at: float | None
    completed_at: float | None
    total_minutes: int | None  # first spray to completion of monitoring
    monitored_two_hours: bool | None
    ready_to_leave_at: float | None
    ready_to_leave_minutes: int | None
    ready_to_leave_basis: str
    blood_pressure: tuple[BpAnswer, BpAnswer, BpAnswer]
    observations: tuple[Observation, Observation, Observation]
    doses_mg: tuple[float, ...]


def rems_summary(state: SessionState, events: Iterable[Event],
                 thresholds: VitalThresholds = VitalThresholds()) -> RemsSummary:
    """The form's fields for a session (see the module docstring for each reading).

    `state` is the replayed session; `events` its log (for the discharge ticks' times).
    """
    spray = min((float(d.data["given_at"]) for d in state.doses), default=None)
    completed = state.ended_at
    total = _minutes(spray, completed)
    ready_at, basis = _ready_to_leave(state, events)
    readings = [reading_of(e) for e in state.vitals]
    return RemsSummary(
        first_spray_at=spray, completed_at=completed, total_minutes=total,
        monitored_two_hours=None if total is None else total >= 120,
        ready_to_leave_at=ready_at, ready_to_leave_minutes=_minutes(spray, ready_at),
        ready_to_leave_basis=basis,
        blood_pressure=_blood_pressure(readings, spray, thresholds),
        observations=_observations(state, thresholds, spray),
        doses_mg=tuple(float(d.data["mg"]) for d in state.doses),
    )


def _minutes(start: float | None, end: float | None) -> int | None:
    if start is None or end is None:
        return None
    return round((end - start) / 60)


def _blood_pressure(readings: list[Reading], spray: float | None,
                    thresholds: VitalThresholds) -> tuple[BpAnswer, BpAnswer, BpAnswer]:
    pre = forty = last = None
    if spray is not None:
        pre = next((r for r in reversed(readings) if r.at <= spray), None)
        after = [r for r in readings if r.at > spray]
        low, high = FORTY_WINDOW_S
        window = [r for r in after if low <= r.at - spray <= high]
        forty = min(window, key=lambda r: abs(r.at - spray - FORTY_MIN_S), default=None)
        last = after[-1] if after and after[-1] is not forty else None
    return (_answer("Prior to administration", pre, spray, thresholds, before_dose=True),
            _answer("40 min post-administration", forty, spray, thresholds),
            _answer("Prior to completion", last, spray, thresholds))


def _answer(label: str, reading: Reading | None, spray: float | None,
            thresholds: VitalThresholds, before_dose: bool = False) -> BpAnswer:
    if reading is None:
        return BpAnswer(label, None, None, None)
    vitals = VitalsReading(reading.systolic, reading.diastolic, reading.heart_rate, reading.spo2)
    level = classify(vitals, thresholds, before_dose=before_dose).level
    return BpAnswer(label, reading, _minutes(spray, reading.at), level == "ok")


def _ready_to_leave(state: SessionState, events: Iterable[Event]) -> tuple[float | None, str]:
    tagged = [e.at for e in state.tags if str(e.data["tag"]).strip().casefold() == READY_TAG]
    if tagged:
        return tagged[0], f'tag "{READY_TAG}"'
    completed = discharge_completed_at(events)
    if completed is not None:
        return completed, "all discharge checks ticked"
    return None, "not recorded"


def _observations(state: SessionState, thresholds: VitalThresholds,
                  spray: float | None) -> tuple[Observation, Observation, Observation]:
    start = spray if spray is not None else (state.started_at or 0.0)
    found: dict[str, list[str]] = {key: [] for key in OBSERVATION_WORDS}
    denied: dict[str, list[str]] = {key: [] for key in OBSERVATION_WORDS}
    for event in state.tags:
        tag = str(event.data["tag"])
        for key in _matching(tag):
            found[key].append(f'tag "{tag}" at {_offset(event.at - start, spray)}')
    fields = (state.debrief or {}).get("fields", {})
    for name, value in fields.items():
        text = str(value).strip()
        for key in _matching(str(name)):
            (denied if text.casefold() in NEGATIVE_VALUES else found)[key].append(
                f"debrief: {debrief.heading(name).lower()} = {text or 'left empty'}")
    for event in state.vitals:
        spo2 = event.data.get("spo2")
        if spo2 is not None and int(spo2) < thresholds.alert_spo2_below:
            found["respiratory_depression"].append(
                f"SpO2 {spo2}% at {_offset(event.at - start, spray)} (below {thresholds.alert_spo2_below}%)")
    labels = {"sedation": "Sedation", "dissociation": "Dissociation",
              "respiratory_depression": "Respiratory depression"}
    return tuple(Observation(labels[key], tuple(found[key]), tuple(denied[key]))  # type: ignore[return-value]
                 for key in OBSERVATION_WORDS)


def _matching(text: str) -> list[str]:
    folded = text.casefold()
    return [key for key, words in OBSERVATION_WORDS.items() if any(w in folded for w in words)]


def _offset(seconds: float, spray: float | None) -> str:
    """"+0:17 after the first spray" (the record's +h:mm), or minutes into the session."""
    if spray is not None:
        return f"{since_dose(seconds)} after the first spray"
    return f"{round(seconds / 60)} min into the session"


def discharge_completed_at(events: Iterable[Event]) -> float | None:
    """When the last discharge check was ticked such that all stood ticked, or None."""
    checks: dict[str, bool] = {}
    completed = None
    for event in sorted(events, key=lambda e: e.seq):
        if event.kind is EventKind.DISCHARGE_CHECKED and event.data["item"] != DEPARTURE_ITEM:
            checks[str(event.data["item"])] = bool(event.data["checked"])
            completed = event.at if checks and all(checks.values()) else None
    return completed
