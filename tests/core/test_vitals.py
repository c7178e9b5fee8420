"""Vitals: what the therapist types, and how a reading compares with the limits."""

from __future__ import annotations

import pytest

from kapdesk.core.vitals import (
                                 THRESHOLD_LABELS, VitalsError, VitalsReading, VitalThresholds, check_reading, classify,
                                 parse_vitals,
                                 )


def test_a_normal_reading_parses() -> None:
    assert parse_vitals("120", " 80 ", "72", "98") == VitalsReading(120, 80, 72, 98)


@pytest.mark.parametrize("spo2", ["", "   "])
def test_spo2_is_optional(spo2: str) -> None:
    assert parse_vitals("120", "80", "72", spo2).spo2 is None
    assert parse_vitals("120", "80", "72").spo2 is None


def test_spo2_may_carry_a_percent_sign() -> None:
    assert parse_vitals("120", "80", "72", "97 %").spo2 == 97


@pytest.mark.parametrize("args, field, message", [
    (("400", "20", "72"), "systolic",
     "400 mmHg is not a possible systolic pressure (expected 60–260)"),
    (("120", "20", "72"), "diastolic",
     "20 mmHg is not a possible diastolic pressure (expected 30–160)"),
    (("abc", "80", "72"), "systolic", "Systolic pressure must be a number, e.g. 120"),
    (("120", "eighty", "72"), "diastolic", "Diastolic pressure must be a number, e.g. 80"),
    (("120", "80", ""), "heart_rate", "Heart rate is missing, e.g. 72"),
    (("120", "80", "300"), "heart_rate",
     "300 bpm is not a possible heart rate (expected 25–220)"),
    (("120", "80", "72", "120"), "spo2",
     "120% is not a possible oxygen saturation (expected 50–100)"),
    (("120", "80", "72", "ok"), "spo2", "Oxygen saturation (SpO2) must be a number"),
    (("120.5", "80", "72"), "systolic", "Systolic pressure must be a whole number"),
    (("80", "120", "72"), "diastolic", "Diastolic must be lower than systolic"),
    (("120", "120", "72"), "diastolic", "Diastolic must be lower than systolic"),
    (("1e30", "80", "72"), "systolic", "is not a possible systolic pressure"),
    (("nan", "80", "72"), "systolic", "whole number"),
])
def test_bad_input_names_the_field_plainly(args: tuple[str, ...], field: str, message: str) -> None:
    with pytest.raises(VitalsError) as caught:
        parse_vitals(*args)
    assert message in str(caught.value)
    assert caught.value.field == field


@pytest.mark.parametrize("text", ["60", "260"])
def test_range_ends_are_included(text: str) -> None:
    assert parse_vitals(text, "40", "60").systolic == int(text)


def test_check_reading_guards_readings_built_in_code() -> None:
    check_reading(VitalsReading(120, 80, 72, None))
    with pytest.raises(VitalsError, match="systolic"):
        check_reading(VitalsReading(400, 80, 72))
    with pytest.raises(VitalsError, match="lower than systolic"):
        check_reading(VitalsReading(100, 100, 72))


def test_event_data_round_trip() -> None:
    reading = VitalsReading(131, 85, 66, None)
    assert VitalsReading.from_data(reading.to_data()) == reading
    assert reading.blood_pressure == "131/85"


DEFAULTS = VitalThresholds()


def test_threshold_defaults_come_from_domain() -> None:
    assert DEFAULTS.to_dict() == {
        "pre_dose_max_systolic": 140, "pre_dose_max_diastolic": 90, "alert_systolic": 180,
        "alert_diastolic": 110, "alert_heart_rate": 120, "alert_spo2_below": 90}
    assert set(THRESHOLD_LABELS) == set(DEFAULTS.to_dict())


def test_thresholds_round_trip_and_tolerate_old_or_new_settings() -> None:
    custom = VitalThresholds(pre_dose_max_systolic=150)
    assert VitalThresholds.from_dict(custom.to_dict()) == custom
    assert VitalThresholds.from_dict({"alert_heart_rate": 130, "unknown": 1}) == VitalThresholds(
        alert_heart_rate=130)


@pytest.mark.parametrize("reading, before_dose, level", [
    (VitalsReading(120, 80, 72), True, "ok"),
    (VitalsReading(140, 90, 72), True, "ok"),  # at the limit is still fine: "> 140/90"
    (VitalsReading(141, 85, 72), True, "caution"),
    (VitalsReading(130, 91, 72), True, "caution"),
    (VitalsReading(150, 95, 72), False, "ok"),  # the pre-dose rule applies before the dose only
    (VitalsReading(180, 100, 72), False, "alert"),
    (VitalsReading(170, 110, 72), False, "alert"),
    (VitalsReading(179, 109, 120), False, "ok"),
    (VitalsReading(120, 80, 121), False, "alert"),
    (VitalsReading(185, 112, 72), True, "alert"),  # alert outranks caution
    (VitalsReading(120, 80, 72, 89), False, "alert"),
    (VitalsReading(120, 80, 72, 90), False, "ok"),
])
def test_classify(reading: VitalsReading, before_dose: bool, level: str) -> None:
    assert classify(reading, DEFAULTS, before_dose).level == level


def test_classify_messages_are_plain() -> None:
    caution = classify(VitalsReading(150, 95, 72), DEFAULTS, before_dose=True)
    assert caution.message == "Above 140/90: record a reason before dosing"
    alert = classify(VitalsReading(182, 100, 130), DEFAULTS, before_dose=False)
    assert "182/100" in alert.message and "180/110" in alert.message
    assert "Heart rate 130" in alert.message


def test_classify_uses_the_practice_settings() -> None:
    lenient = VitalThresholds(pre_dose_max_systolic=150, pre_dose_max_diastolic=95)
    reading = VitalsReading(145, 92, 72)
    assert classify(reading, lenient, before_dose=True).level == "ok"
    assert classify(reading, lenient, before_dose=True).message.startswith("145/92")
    assert classify(reading, DEFAULTS, before_dose=True).level == "caution"


def test_every_wrong_value_is_named_not_only_the_first() -> None:
    with pytest.raises(VitalsError) as caught:
        parse_vitals("400", "20", "300", "ok")
    message = str(caught.value)
    for part in ("400 mmHg is not a possible systolic pressure (expected 60–260)",
                 "20 mmHg is not a possible diastolic pressure (expected 30–160)",
                 "300 bpm is not a possible heart rate (expected 25–220)",
                 "Oxygen saturation (SpO2) must be a number"):
        assert part in message
    assert caught.value.field == "systolic"
    assert caught.value.fields == ("systolic", "diastolic", "heart_rate", "spo2")


def test_check_reading_names_every_impossible_value() -> None:
    with pytest.raises(VitalsError) as caught:
        check_reading(VitalsReading(400, 20, 72))
    assert "400 mmHg" in str(caught.value) and "20 mmHg" in str(caught.value)
