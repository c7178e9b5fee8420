"""The health check behind `python -m kapdesk check`."""

from __future__ import annotations

from kapdesk.core.clients import ClientDraft
from kapdesk.storage.check import CheckReport, check_practice
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.settings import SettingsStore


def test_a_sound_practice_reports_sound_with_counts(practice, clock) -> None:
    ClientStore(practice, clock).add(ClientDraft("A. M."))
    report = check_practice(practice)
    assert report.sound
    assert report.clients == 1 and report.sessions == 0 and report.events == 0
    assert report.lines()[0] == "Practice: sound"


def test_a_report_with_problems_says_so_and_lists_them() -> None:
    report = CheckReport(integrity=["row 3 missing from index"], cipher=["HMAC invalid for page 7"],
                         clients=1, sessions=0, events=0)
    assert not report.sound
    text = "\n".join(report.lines())
    assert "PROBLEMS FOUND" in text
    assert "row 3 missing from index" in text and "HMAC invalid for page 7" in text


def test_settings_remember_values_and_fall_back_to_defaults(practice) -> None:
    settings = SettingsStore(practice)
    assert settings.get("therapist_name", "—") == "—"
    settings.set("therapist_name", "Dr. Lee")
    settings.set("thresholds", {"systolic_high": 160})
    settings.set("therapist_name", "Dr. A. Lee")
    assert settings.get("therapist_name") == "Dr. A. Lee"
    assert settings.get("thresholds") == {"systolic_high": 160}
