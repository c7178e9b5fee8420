"""The two read-only scripts every practice starts with (see DOMAIN.md).

Lengths and checkpoints follow the typical sublingual KAP session and the
Spravato (esketamine) monitoring rules. Practices adapt them by duplicating
them (`Script.duplicate`); the ids here are stable because stored sessions
and settings refer to them.
"""

from __future__ import annotations

from kapdesk.core.script import Checkpoint, Phase, Script

KAP_SUBLINGUAL_ID = "builtin-kap-sublingual"
ESKETAMINE_ID = "builtin-esketamine"

MINUTE = 60

KAP_SUBLINGUAL = Script(
    id=KAP_SUBLINGUAL_ID,
    name="KAP — sublingual lozenge",
    builtin=True,
    phases=(
        Phase("Check-in", 10 * MINUTE, kind="check-in", music_slot=None, guidance=(
            "Welcome them and settle in. Take baseline vitals, reread the intention "
            "together, and make sure the room, eye mask and blanket are ready.")),
        Phase("Dose & dissolve", 10 * MINUTE, kind="dose", music_slot="dissolve", guidance=(
            "The lozenge rests under the tongue until it dissolves; then swallow or spit. "
            "Invite them to lie down and put the eye mask on when ready.")),
        Phase("Lying-down journey", 60 * MINUTE, kind="journey", music_slot="journey", guidance=(
            "Onset often comes at 15–20 minutes, the peak around 40. Stay present and "
            "quiet; a hand or a word only if asked. Note what you observe.")),
        Phase("Debrief", 30 * MINUTE, kind="debrief", music_slot="return", guidance=(
            "Let them return at their own pace. Mask off when they wish; listen, "
            "then talk through what came up.")),
        Phase("Discharge", 5 * MINUTE, kind="discharge", music_slot=None, guidance=(
            "Vitals near baseline, alert and oriented, a ride home arranged: "
            "no driving until tomorrow, after sleep.")),
    ),
    checkpoints=(
        # The whole check-in is the window for baseline vitals, hence the longer grace.
        Checkpoint("baseline-bp", "Baseline BP", "vitals", "session", 0, grace_s=10 * MINUTE),
        # About 40 minutes after the dose is the usual blood-pressure peak.
        Checkpoint("bp-40", "40-minute BP", "vitals", "dose", 40 * MINUTE),
        Checkpoint("discharge-bp", "Discharge BP", "vitals", "phase", 0, phase_index=4),
    ),
)

ESKETAMINE = Script(
    id=ESKETAMINE_ID,
    name="Esketamine (Spravato) monitoring",
    builtin=True,
    phases=(
        Phase("Check-in & pre-dose", 15 * MINUTE, kind="check-in", music_slot=None, guidance=(
            "Check in and take the pre-dose blood pressure. Settle them comfortably, "
            "pulse oximeter on, before the first spray.")),
        Phase("Dose (nasal spray)", 10 * MINUTE, kind="dose", music_slot="dissolve", guidance=(
            "One device every five minutes as prescribed; head tilted back, then rest. "
            "Record the time of the first spray as the dose time.")),
        Phase("Observation — sedation peak", 60 * MINUTE, kind="observation",
              music_slot="journey", guidance=(
                  "Sedation often starts by 15 minutes and peaks at 30–45; dissociation peaks "
                  "near 40. Watch breathing and the oximeter; stay close and calm.")),
        Phase("Observation — settling", 60 * MINUTE, kind="observation",
              music_slot="return", guidance=(
                  "Effects usually ease by 1–1.5 hours. Keep observing until vitals are "
                  "stable; at least two hours from the first spray in all.")),
        Phase("Discharge", 10 * MINUTE, kind="discharge", music_slot=None, guidance=(
            "Blood pressure stable, alert and oriented, a ride home arranged: no driving "
            "until tomorrow, after sleep. Note when they would have been ready to leave.")),
    ),
    checkpoints=(
        Checkpoint("bp-pre-dose", "Pre-dose BP", "vitals", "session", 0, grace_s=15 * MINUTE),
        Checkpoint("pulse-ox", "Pulse oximeter on", "check", "phase", 0, phase_index=1),
        Checkpoint("sedation-15", "15-minute sedation check", "check", "dose", 15 * MINUTE),
        Checkpoint("bp-40", "40-minute BP", "vitals", "dose", 40 * MINUTE),
        Checkpoint("sedation-45", "45-minute sedation check", "check", "dose", 45 * MINUTE),
        Checkpoint("sedation-90", "90-minute sedation check", "check", "dose", 90 * MINUTE),
        # The label requires at least two hours of observation after the dose.
        Checkpoint("two-hours", "Two hours since dose", "check", "dose", 120 * MINUTE),
        Checkpoint("bp-discharge", "Pre-discharge BP", "vitals", "phase", 0, phase_index=4),
    ),
)

BUILTIN_SCRIPTS: tuple[Script, ...] = (KAP_SUBLINGUAL, ESKETAMINE)


def builtin_script(script_id: str) -> Script | None:
    """The built-in script with this id, or None."""
    return next((s for s in BUILTIN_SCRIPTS if s.id == script_id), None)
