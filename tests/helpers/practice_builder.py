"""Synthetic practices for review tests and the review benchmark, built fast.

`build_practice(engine, spec)` writes clients, sessions and their event logs
straight into the tables with Core `executemany`, in one transaction: no
runner, no per-event commit. The logs are what the runner would have written
for the built-in scripts (session_started with the script snapshot, vitals at
the checkpoints, the dose, music, tags, a debrief, discharge checks, the
end), with notes of realistic length and clinical vocabulary, and a few
sessions with something to flag: a BP alert, a late 40-minute BP, a skipped
phase, a crash gap. Older sessions are signed, some have addenda. The FTS
trigger fills the search index as the rows go in. Everything is seeded.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from kapdesk.core.builtin_scripts import ESKETAMINE, KAP_SUBLINGUAL
from kapdesk.core.script import Script
from kapdesk.storage.tables import clients, session_events, sessions

T0 = 1_767_225_600.0  # 2026-01-01T00:00Z, FakeClock's default
MIN = 60.0
DAY = 86_400.0
SIGNER = "Dr. Ana Rivera"

FIRST_NAMES = ("Maya", "Jonah", "Priya", "Lucas", "Amara", "Theo", "Sofia", "Daniel", "Hana",
               "Owen", "Leila", "Mateo", "Grace", "Ravi", "Elena", "Samir", "Nora", "Isaac",
               "Chloé", "Tomás", "Aisha", "Felix", "Ingrid", "Kofi", "Mei")
LAST_INITIALS = "ABCDEFGHJKLMNPRSTVW"

TAGS = ("tingling", "nausea", "dissociation", "sedation", "tearful", "laughing", "calm",
        "restless", "insight", "grief", "floating", "body memory", "music helped", "cold",
        "fear", "gratitude", "headache", "visuals")

_OPENINGS = (
    "Client reports", "Client describes", "Says", "Notes", "Reports", "Describes",
    "Quietly mentions", "Client shares", "States", "Whispers about",
)
_EXPERIENCES = (
    "tingling in the hands and feet", "a sense of floating above the couch",
    "waves of warmth moving through the chest", "heaviness in the legs",
    "colours shifting behind the eye mask", "a feeling of dissolving into the music",
    "distance from their body", "a memory of their grandmother's kitchen",
    "being back at the lake house as a child", "an image of a long corridor with doors",
    "grief about the divorce coming up strongly", "fear of losing control, then softening",
    "a sense of vast space and quiet", "the ocean, slow and rhythmic",
    "their father's voice from years ago", "tightness in the throat", "mild nausea",
    "a loosening around the old shame", "gratitude for their sister",
    "anger at the accident, then sadness", "the music feeling like a hand on the shoulder",
    "time stretching out", "being held by something larger", "a bright light at the edges",
    "their younger self sitting alone on the stairs", "forgiveness toward themself",
)
_OBSERVATIONS = (
    "Breathing slow and even.", "Breathing deepened, shoulders dropped.",
    "Eyes closed under the mask, jaw relaxed.", "Tearful, quiet crying for a few minutes.",
    "Smiling, laughing softly.", "Restless, shifting position on the couch.",
    "Hands resting on the belly, very still.", "Brief grimace, then settles.",
    "Speech slow and a little slurred.", "Turned onto the left side.",
    "Pulled the blanket up, feels cold.", "Sighs deeply several times.",
    "No speech for a while; appears calm.", "Moving fingers in time with the music.",
    "Skin colour good, no distress.", "Asked for water; sipped and lay back down.",
    "Removed the eye mask briefly, then put it back on.", "Humming along quietly.",
)
_ACTIONS = (
    "Offered reassurance; they nodded.", "Lowered the music volume a little.",
    "Adjusted the blanket.", "Reminded them of their intention.",
    "Sat quietly nearby.", "Offered a hand; accepted briefly.",
    "Checked in verbally; answered clearly.", "Grounding: named three sounds in the room.",
    "Suggested breathing into the belly.", "Gave a tissue.",
)
_QUOTES = (
    "\"It's like the walls are breathing.\"", "\"I don't have to carry this all the time.\"",
    "\"I can see it from the outside now.\"", "\"Everything is so far away.\"",
    "\"I'm okay. I'm really okay.\"", "\"Why did I wait so long?\"",
    "\"It feels like coming home.\"", "\"I'm scared but I want to stay with it.\"",
)


_PEOPLE = ("mother", "father", "brother", "sister", "partner", "ex-husband", "ex-wife",
           "daughter", "son", "best friend", "grandfather", "old teacher", "boss", "stepfather")
_FEELINGS = ("sadness", "relief", "anger", "tenderness", "guilt", "longing", "pride",
             "confusion", "peace", "resentment", "compassion", "loneliness", "hope")
_TOPICS = ("the move to the city", "the miscarriage", "the years of drinking", "military service",
           "the hospital stay", "their first job", "the house fire", "leaving the church",
           "the diagnosis", "the new baby", "retirement", "the breakup", "the funeral",
           "school in Lisbon", "the custody hearing", "the car accident", "burnout at work")


def _reflection(rng: random.Random) -> str:
    return (f"Talks about their {rng.choice(_PEOPLE)}: {rng.choice(_FEELINGS)} about "
            f"{rng.choice(_TOPICS)}.")


def note_text(rng: random.Random) -> str:
    """One observation note, 3 to ~80 words (median ~14): what a therapist types in the room."""
    parts = []
    shape = rng.random()
    if shape < 0.25:
        parts.append(rng.choice(_OBSERVATIONS))
    elif shape < 0.45:
        parts.append(_reflection(rng))
    else:
        parts.append(f"{rng.choice(_OPENINGS)} {rng.choice(_EXPERIENCES)}.")
    extra = rng.choice((0, 0, 1, 1, 2, 3)) if rng.random() > 0.15 else rng.randrange(4, 7)
    for _ in range(extra):
        pick = rng.random()
        parts.append(_reflection(rng) if pick < 0.2 else
                     rng.choice(rng.choice((_OBSERVATIONS, _ACTIONS, _QUOTES))))
    if rng.random() < 0.3:
        parts.append(rng.choice(_ACTIONS))
    return " ".join(parts)


@dataclass(frozen=True)
class BuildSpec:
    clients: int = 3
    sessions_per_client: int = 4
    notes_per_session: int = 10
    seed: int = 7
    last_session_before: float = T0  # the newest session starts the week before this
    signed_older_than_days: float = 14.0  # sessions ended before that are signed
    esketamine_every: int = 4  # every n-th session of a client runs the esketamine script
    music: bool = True


@dataclass
class BuiltPractice:
    client_ids: list[int] = field(default_factory=list)
    session_ids: list[int] = field(default_factory=list)
    sessions_by_client: dict[int, list[int]] = field(default_factory=dict)  # oldest first
    notes: int = 0
    events: int = 0


def build_practice(engine: sa.Engine, spec: BuildSpec = BuildSpec(),
                   progress: Callable[[int, int], None] | None = None) -> BuiltPractice:
    """Write a synthetic practice into an empty, migrated database (one transaction)."""
    rng = random.Random(spec.seed)
    built = BuiltPractice()
    with engine.begin() as connection:
        first_client = (connection.execute(sa.select(sa.func.max(clients.c.id))).scalar() or 0) + 1
        first_session = (connection.execute(sa.select(sa.func.max(sessions.c.id))).scalar() or 0) + 1
        client_rows = [_client_row(first_client + i, i, rng) for i in range(spec.clients)]
        connection.execute(clients.insert(), client_rows)
        session_id = first_session
        total = spec.clients * spec.sessions_per_client
        pending_sessions: list[dict[str, Any]] = []
        pending_events: list[dict[str, Any]] = []
        signatures: list[dict[str, Any]] = []
        addenda: list[dict[str, Any]] = []
        for row in client_rows:
            client_id = row["id"]
            built.client_ids.append(client_id)
            built.sessions_by_client[client_id] = []
            for number in range(spec.sessions_per_client):
                weeks_back = spec.sessions_per_client - number
                start = (spec.last_session_before - weeks_back * 7 * DAY + 9 * 3600
                         + (client_id % 5) * 1.5 * 3600 + rng.randrange(0, 20) * MIN)
                script = (ESKETAMINE if spec.esketamine_every and number % spec.esketamine_every
                          == spec.esketamine_every - 1 else KAP_SUBLINGUAL)
                events = session_log(script, client_id, start, spec.notes_per_session, rng, spec.music)
                end = events[-1][0]
                pending_sessions.append({
                    "id": session_id, "client_id": client_id, "script_id": script.id,
                    "script_name": script.name, "started_at": start, "ended_at": end,
                    "last_alive_at": end})
                pending_events.extend(
                    {"session_id": session_id, "seq": seq, "kind": kind, "at": at, "data": data}
                    for seq, (at, kind, data) in enumerate(events, start=1))
                built.notes += sum(1 for _at, kind, _d in events if kind == "note")
                if end < spec.last_session_before - spec.signed_older_than_days * DAY:
                    signed_at = end + DAY
                    signatures.append({"session_id": session_id, "seq": len(events) + 1,
                                       "kind": "signed", "at": signed_at, "data": {"by": SIGNER}})
                    if rng.random() < 0.05:
                        addenda.append({"session_id": session_id, "seq": len(events) + 2,
                                        "kind": "addendum", "at": signed_at + 2 * DAY,
                                        "data": {"text": "Client called: slept well, "
                                                 "mild headache the next morning, resolved.",
                                                 "author": SIGNER}})
                built.session_ids.append(session_id)
                built.sessions_by_client[client_id].append(session_id)
                session_id += 1
                if len(pending_events) >= 20_000:
                    _flush(connection, pending_sessions, pending_events)
                    if progress:
                        progress(len(built.session_ids), total)
        _flush(connection, pending_sessions, pending_events)
        # Signed last: a signed session's log takes nothing but addenda.
        if signatures:
            connection.execute(session_events.insert(), signatures)
            connection.execute(
                sessions.update().where(sessions.c.id == sa.bindparam("sid"))
                .values(signed_at=sa.bindparam("when"), signed_by=sa.bindparam("who")),
                [{"sid": s["session_id"], "when": s["at"], "who": SIGNER} for s in signatures])
            _seal(connection, engine, signatures)
        if addenda:
            connection.execute(session_events.insert(), addenda)
        built.events = connection.execute(sa.select(sa.func.count()).select_from(session_events)).scalar()
    if progress:
        progress(total, total)
    return built


def _seal(connection: sa.Connection, engine: sa.Engine, signatures: list[dict[str, Any]]) -> None:
    """Each signed session sealed as signing in the app seals it (record_seals.py)."""
    from kapdesk.core.audit import derive_key
    from kapdesk.core.record_seal import SEAL_KEY_LABEL
    from kapdesk.storage.record_seals import seal_session

    key = derive_key(engine.url.password or "", SEAL_KEY_LABEL)
    for signature in signatures:
        seal_session(connection, key, signature["session_id"], signature["at"])


def _flush(connection: sa.Connection, pending_sessions: list, pending_events: list) -> None:
    if pending_sessions:
        connection.execute(sessions.insert(), pending_sessions)
    if pending_events:
        connection.execute(session_events.insert(), pending_events)
    pending_sessions.clear()
    pending_events.clear()


def _client_row(client_id: int, index: int, rng: random.Random) -> dict[str, Any]:
    name = f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_INITIALS[index % len(LAST_INITIALS)]}."
    if index >= len(FIRST_NAMES):
        name = f"{name[:-1]}{index // len(FIRST_NAMES)}."
    return {"id": client_id, "display_name": name,
            "date_of_birth": f"19{rng.randrange(55, 99)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}",
            "pronouns": rng.choice(("she/her", "he/him", "they/them")),
            "notes": "Treatment-resistant depression; PHQ-9 at intake 19.",
            "intention": "To meet what comes with curiosity.", "music_likes": "", "music_dislikes": "",
            "archived": False, "created_at": T0 - 400 * DAY, "updated_at": T0 - 400 * DAY}


Entry = tuple[float, str, dict[str, Any]]  # (at, kind, data)


def session_log(script: Script, client_id: int, start: float, notes: int,
                rng: random.Random, music: bool = True) -> list[Entry]:
    """A whole session's events, in time order, as the runner would have stored them."""
    esketamine = script.id == ESKETAMINE.id
    bounds = [0.0]
    for phase in script.phases:
        bounds.append(bounds[-1] + phase.planned_s / MIN)
    dose_at = bounds[1] + 1
    end = bounds[-1] + rng.choice((0, 0, 1, 2, 4))
    entries: list[tuple[float, int, str, dict[str, Any]]] = []

    def add(minute: float, kind: str, data: dict[str, Any]) -> None:
        entries.append((minute, len(entries), kind, data))

    add(0, "session_started", {"script": script.to_dict(), "client_id": client_id})
    add(1, "intention_updated", {"text": "To meet what comes with curiosity."})
    add(2, "checklist_ticked", {"item": "Eye mask and blanket ready", "checked": True})
    add(4, "vitals", _reading(rng, high=False))
    if esketamine:
        add(bounds[1], "checkpoint_done", {"checkpoint_id": "pulse-ox"})
        add(dose_at, "dose_given", {"drug": "esketamine", "mg": rng.choice((56, 84)),
                                    "route": "intranasal", "given_at": start + dose_at * MIN})
        for offset, checkpoint in ((15, "sedation-15"), (45, "sedation-45"), (90, "sedation-90"),
                                   (120, "two-hours")):
            add(dose_at + offset + 1, "checkpoint_done", {"checkpoint_id": checkpoint})
    else:
        add(dose_at, "dose_given", {"drug": "ketamine", "mg": rng.choice((100, 125, 150, 200)),
                                    "route": "sublingual", "given_at": start + dose_at * MIN})
    late = rng.random() < 0.05
    add(dose_at + (48 if late else 40), "vitals", _reading(rng, high=rng.random() < 0.03, peak=True))
    gap = rng.random() < 0.01
    if gap:
        add(dose_at + 30, "app_recovered", {"down_since": start + (dose_at + 22) * MIN})
    skip = rng.random() < 0.04
    discharge_start = bounds[-2]
    if skip:
        discharge_start = bounds[-3] + 20
        add(discharge_start, "phase_skipped", {"phase_index": len(script.phases) - 2})
        end = discharge_start + script.phases[-1].planned_s / MIN + 1
    if music:
        _music(add, bounds[1], end - 2, rng)
    for minute in sorted(rng.uniform(3, end - 1) for _ in range(notes)):
        add(minute, "note", {"text": note_text(rng)})
    for tag in rng.sample(TAGS, rng.randrange(2, 7)):
        add(rng.uniform(dose_at + 5, discharge_start), "tag", {"tag": tag})
    add(discharge_start - 3, "debrief_saved", {
        "fields": {"sedation": rng.choice(("none", "mild", "moderate")),
                   "dissociation": rng.choice(("none", "mild", "marked")),
                   "themes": rng.choice(("grief and the father", "self-compassion", "the accident",
                                         "work and worth", "the body as safe"))},
        "free_text": note_text(rng)})
    add(discharge_start + 0.5, "vitals", _reading(rng, high=False))
    if esketamine:
        add(discharge_start + 1, "tag", {"tag": "ready to leave"})
    add(discharge_start + 2, "discharge_checked", {"item": "Alert and oriented", "checked": True})
    add(discharge_start + 2.5, "discharge_checked", {"item": "Ride home arranged", "checked": True})
    add(end, "session_ended", {})
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    return [(start + minute * MIN, kind, data) for minute, _order, kind, data in entries]


def _reading(rng: random.Random, high: bool, peak: bool = False) -> dict[str, Any]:
    rise = rng.randrange(8, 22) if peak else 0
    systolic = rng.randrange(182, 196) if high else rng.randrange(112, 134) + rise
    diastolic = rng.randrange(98, 114) if high else rng.randrange(70, 84) + rise // 2
    return {"systolic": systolic, "diastolic": diastolic, "heart_rate": rng.randrange(58, 96),
            "spo2": rng.randrange(95, 100), "reason": None}


def _music(add: Callable[[float, str, dict[str, Any]], None], first: float, last: float,
           rng: random.Random) -> None:
    minute, number = first, 1
    while minute < last:
        path = f"/music/arc/track-{number:02d}.ogg"
        add(minute, "track_started", {"path": path, "title": f"Arc {number}",
                                      "playlist": "Journey arc"})
        minute += rng.uniform(7, 12)
        add(min(minute, last), "track_stopped", {"path": path, "reason": "ended"})
        number += 1


# --- one session through the real runner and store, for precise tests ----------

def add_client(engine: sa.Engine, name: str = "Maya A.") -> int:
    with engine.begin() as connection:
        return connection.execute(clients.insert().values(
            display_name=name, pronouns="she/her", notes="", intention="", music_likes="",
            music_dislikes="", archived=False, created_at=T0, updated_at=T0)).inserted_primary_key[0]


def live_session(practice, clock, client_id: int, script: Script = KAP_SUBLINGUAL):  # noqa: ANN001, ANN201
    """A started session recorded through SessionStore: (session_id, runner)."""
    from kapdesk.core.runner import SessionRunner
    from kapdesk.storage.sessions import SessionStore

    store = SessionStore(practice, clock)
    session_id = store.create(client_id, script)
    runner = SessionRunner(script, clock, store.sink(session_id))
    runner.start(client_id)
    return session_id, runner
