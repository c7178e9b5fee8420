"""Vital signs: reading what the therapist typed, and judging it against limits.

`parse_vitals` turns form text into a `VitalsReading` or explains, naming
every wrong field (not only the first: "400/20" has two wrong values, and a
therapist fixing one should not then meet the other), what is wrong.
`classify` compares a reading with the practice's `VitalThresholds`. Every threshold is a practice setting with a labelled
default (DOMAIN.md), never a rule baked into code: practices differ and the
therapist decides.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Mapping


class VitalsError(ValueError):
    """Typed vitals that cannot be a real reading.

    `problems` holds (form field, message) for every wrong field, in form
    order; `field` is the first of them (where the cursor goes) and the
    message says all of them.
    """

    def __init__(self, field: str, message: str,
                 more: tuple[tuple[str, str], ...] = ()) -> None:
        self.problems = ((field, message), *more)
        super().__init__("; ".join(text for _, text in self.problems))
        self.field = field

    @property
    def fields(self) -> tuple[str, ...]:
        """Every wrong form field."""
        return tuple(name for name, _ in self.problems)

    @classmethod
    def of(cls, errors: list[VitalsError]) -> VitalsError:
        """One error naming all of `errors` (each may itself name several)."""
        problems = tuple(problem for error in errors for problem in error.problems)
        return cls(*problems[0], more=problems[1:])


@dataclass(frozen=True)
class VitalsReading:
    systolic: int  # mmHg
    diastolic: int  # mmHg
    heart_rate: int  # beats per minute
    spo2: int | None = None  # % oxygen saturation; optional (no oximeter in many offices)

    def to_data(self) -> dict[str, Any]:
        """The keys a `vitals` event stores."""
        return {"systolic": self.systolic, "diastolic": self.diastolic,
                "heart_rate": self.heart_rate, "spo2": self.spo2}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> VitalsReading:
        """Read back a `vitals` event's data."""
        return cls(int(data["systolic"]), int(data["diastolic"]), int(data["heart_rate"]),
                   None if data.get("spo2") is None else int(data["spo2"]))

    @property
    def blood_pressure(self) -> str:
        return f"{self.systolic}/{self.diastolic}"


# field: (label, example, how a value is shown, noun in messages, lowest, highest)
_FIELDS = {
    "systolic": ("Systolic pressure", "120", "{} mmHg", "systolic pressure", 60, 260),
    "diastolic": ("Diastolic pressure", "80", "{} mmHg", "diastolic pressure", 30, 160),
    "heart_rate": ("Heart rate", "72", "{} bpm", "heart rate", 25, 220),
    "spo2": ("Oxygen saturation (SpO2)", "98", "{}%", "oxygen saturation", 50, 100),
}


def parse_vitals(systolic: str, diastolic: str, heart_rate: str, spo2: str = "") -> VitalsReading:
    """A reading from form text, or VitalsError naming every bad field."""
    texts = {"systolic": systolic, "diastolic": diastolic, "heart_rate": heart_rate}
    if spo2.strip():
        texts["spo2"] = spo2
    values: dict[str, int] = {}
    errors: list[VitalsError] = []
    for name, text in texts.items():
        try:
            values[name] = _parse_field(name, text)
        except VitalsError as error:
            errors.append(error)
    if errors:
        raise VitalsError.of(errors)
    reading = VitalsReading(values["systolic"], values["diastolic"], values["heart_rate"],
                            values.get("spo2"))
    _check_order(reading)
    return reading


def check_reading(reading: VitalsReading) -> None:
    """Raise VitalsError if a reading built in code could not be a real one."""
    errors = []
    for name in ("systolic", "diastolic", "heart_rate", "spo2"):
        value = getattr(reading, name)
        if value is not None:
            try:
                _check_range(name, value)
            except VitalsError as error:
                errors.append(error)
    if errors:
        raise VitalsError.of(errors)
    _check_order(reading)


def _parse_field(name: str, text: str) -> int:
    label, example = _FIELDS[name][:2]
    cleaned = text.strip().removesuffix("%").strip() if name == "spo2" else text.strip()
    if not cleaned:
        raise VitalsError(name, f"{label} is missing, e.g. {example}")
    try:
        value = float(cleaned)
    except ValueError:
        raise VitalsError(name, f"{label} must be a number, e.g. {example}") from None
    if not value.is_integer():
        raise VitalsError(name, f"{label} must be a whole number, e.g. {example}")
    _check_range(name, value)
    return int(value)


def _check_range(name: str, value: float) -> None:
    unit, noun, low, high = _FIELDS[name][2:]
    if not low <= value <= high:
        shown = unit.format(int(value)) if abs(value) < 1e6 else "That"
        raise VitalsError(name, f"{shown} is not a possible {noun} (expected {low}–{high})")


def _check_order(reading: VitalsReading) -> None:
    if reading.diastolic >= reading.systolic:
        raise VitalsError("diastolic", (
            f"Diastolic must be lower than systolic ({reading.diastolic} is not below "
            f"{reading.systolic}); were the two swapped?"))


@dataclass(frozen=True)
class VitalThresholds:
    """The practice's limits. Defaults from DOMAIN.md; all adjustable in settings."""

    # Do not dose above this resting BP without a recorded reason (an IV clinic's rule).
    pre_dose_max_systolic: int = 140
    pre_dose_max_diastolic: int = 90
    # Alert during a session at or above this BP, or above this heart rate.
    alert_systolic: int = 180
    alert_diastolic: int = 110
    alert_heart_rate: int = 120
    # Not in DOMAIN.md: below 90% is the common clinical definition of low oxygen
    # saturation; Spravato monitoring asks for pulse oximetry, so we flag it.
    alert_spo2_below: int = 90

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> VitalThresholds:
        """Missing keys take their default; unknown keys are ignored (older/newer settings)."""
        known = {f.name for f in fields(cls)}
        values = {key: int(value) for key, value in data.items() if key in known}
        return cls(**values)


THRESHOLD_LABELS: Mapping[str, str] = {
    "pre_dose_max_systolic": "Highest systolic pressure for dosing without a recorded reason",
    "pre_dose_max_diastolic": "Highest diastolic pressure for dosing without a recorded reason",
    "alert_systolic": "Alert at or above this systolic pressure",
    "alert_diastolic": "Alert at or above this diastolic pressure",
    "alert_heart_rate": "Alert above this heart rate",
    "alert_spo2_below": "Alert below this oxygen saturation (%)",
}


@dataclass(frozen=True)
class Assessment:
    level: str  # "ok" | "caution" | "alert"
    message: str


def classify(reading: VitalsReading, thresholds: VitalThresholds, before_dose: bool) -> Assessment:
    """How a reading compares with the practice's limits, in words for the therapist."""
    alerts = _alert_reasons(reading, thresholds)
    if alerts:
        return Assessment("alert", " ".join(f"{reason}." for reason in alerts))
    t = thresholds
    if before_dose and (reading.systolic > t.pre_dose_max_systolic
                        or reading.diastolic > t.pre_dose_max_diastolic):
        return Assessment("caution", (
            f"Above {t.pre_dose_max_systolic}/{t.pre_dose_max_diastolic}: "
            "record a reason before dosing"))
    return Assessment("ok", f"{reading.blood_pressure}, heart rate {reading.heart_rate}: "
                            "within the practice's limits")


def alert_words(reading: VitalsReading, thresholds: VitalThresholds) -> str:
    """What of a reading is at alert level, short: "BP 185/112", "HR 130, SpO2 86%"; "" if none.

    The words a record keeps of an alert the therapist acknowledged.
    """
    t = thresholds
    parts = []
    if reading.systolic >= t.alert_systolic or reading.diastolic >= t.alert_diastolic:
        parts.append(f"BP {reading.blood_pressure}")
    if reading.heart_rate > t.alert_heart_rate:
        parts.append(f"HR {reading.heart_rate}")
    if reading.spo2 is not None and reading.spo2 < t.alert_spo2_below:
        parts.append(f"SpO2 {reading.spo2}%")
    return ", ".join(parts)


def _alert_reasons(reading: VitalsReading, t: VitalThresholds) -> list[str]:
    """Each limit passed, as a sentence without its full stop: what was measured, never
    what to do (the room's alert says that once, for all of them)."""
    reasons = []
    if reading.systolic >= t.alert_systolic or reading.diastolic >= t.alert_diastolic:
        reasons.append(f"Blood pressure {reading.blood_pressure} is at or above the alert "
                       f"level {t.alert_systolic}/{t.alert_diastolic}")
    if reading.heart_rate > t.alert_heart_rate:
        reasons.append(f"Heart rate {reading.heart_rate} is above {t.alert_heart_rate}")
    if reading.spo2 is not None and reading.spo2 < t.alert_spo2_below:
        reasons.append(f"Oxygen saturation {reading.spo2}% is below {t.alert_spo2_below}%")
    return reasons
