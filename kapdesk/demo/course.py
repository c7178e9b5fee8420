"""The demo clients' course of care, written through the real stores.

So the demo's client pages show what a real course looks like: A. M. cleared
after a "yes" on a clearance item (her GP's clearance recorded), Jordan K.
and R. T. clear, S. P. re-screened for a new course and not eligible
(glaucoma); each with consent and consent to touch, and PHQ-9 and GAD-7
forms around their dosing sessions falling over the weeks (one typed wrong
and corrected; a PHQ-9 with question 9 at 1 answered by a low-risk
assessment), and the talk sessions around the doses (preparation, check-ins,
an integration session; the latest dose's integration due about now). Dates
are counted back from `now`, like the demo's sessions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kapdesk.core.consent import ClientConsent, ConsentHow, TouchConsent
from kapdesk.core.measure_course import FilledBy
from kapdesk.core.measures import SCALES, MeasureKind, score
from kapdesk.core.screening import (DEFAULT_CONTRAINDICATIONS, Answer, Clearance, ItemAnswer,
                                    Medication, Screening)
from kapdesk.core.suicide_risk import RiskAssessment, RiskLevel
from kapdesk.core.talk_sessions import CheckInHow, TalkKind, TalkSession
from kapdesk.services import Services

DAY = 86_400.0
BY = "Dr. Demo"
# (days before now, PHQ-9 total, GAD-7 total) of each client's forms, oldest first;
# the demo's sessions are 21 and 7 days back (a day earlier per client).
SERIES = {
    "A. M.": ((42, 19, 15), (21.02, 16, 13), (14, 13, 11), (7.02, 11, 9), (2, 8, 7)),
    "Jordan K.": ((36, 15, 17), (22.02, 14, 15), (15, 12, 12), (8.02, 9, 10), (3, 7, 8)),
    "R. T.": ((30, 12, 9), (23.02, 11, 9), (9.02, 9, 7), (4, 6, 6)),
    "S. P.": ((230, 17, 12), (160, 6, 5), (5, 14, 10)),
}


def answers(kind: MeasureKind, total: int, first: int = 0) -> list[int]:
    """A form adding up to `total`, spread evenly over its questions (the first
    `first` set aside for question 9, which is filled last)."""
    scale = SCALES[kind]
    count, top = scale.item_count, scale.max_answer
    values = [0] * count
    left = total - first
    for index in range(count * top):
        if left <= 0:
            break
        slot = index % count
        if kind is MeasureKind.PHQ9 and slot == 8:
            continue
        if values[slot] < top:
            values[slot] += 1
            left -= 1
    if kind is MeasureKind.PHQ9:
        values[8] = first
    return values


def seed_course(services: Services, now: float) -> None:
    today = services.today()
    for client in services.clients.list():
        name = client.display_name
        if name not in SERIES:
            continue
        _screen(services, client.id, name, today)
        _consent(services, client.id, name, today)
        _forms(services, client.id, name, now, today)
        if name != "S. P.":
            _talks(services, client.id, now)


# (days before now, kind) of the talk sessions around the demo's dosing sessions
# (21 and 7 days back): three preparations, a check-in the day after each dose,
# an integration session after the first; the second's is due about now.
TALKS = ((42, TalkKind.PREPARATION), (35, TalkKind.PREPARATION), (28, TalkKind.PREPARATION),
         (20, TalkKind.CHECK_IN), (17, TalkKind.INTEGRATION), (6, TalkKind.CHECK_IN))
TALK_WORDS = {TalkKind.PREPARATION: {"intention": "To meet what comes with curiosity.",
                                     "history": "History, medications and consent reviewed."},
              TalkKind.INTEGRATION: {"stayed_with": "A sense of spaciousness; an image of open water.",
                                     "changes": "Sleeping better; less rumination in the mornings.",
                                     "practices": "Ten minutes of walking meditation daily.",
                                     "plan": "Journal after waking; talk again next week."},
              TalkKind.CHECK_IN: {"how_they_are": "Tired but calm; slept well.",
                                  "after_effects": "A mild headache the evening after, gone by morning."}}


def _talks(services: Services, client_id: int, now: float) -> None:
    for days, kind in TALKS:
        services.talks.add(TalkSession(
            client_id, kind, now - days * DAY, 15 if kind is TalkKind.CHECK_IN else 50,
            TALK_WORDS[kind], how=CheckInHow.PHONE if kind is TalkKind.CHECK_IN else None))


def _screen(services: Services, client_id: int, name: str, today: dt.date) -> None:
    special = {"A. M.": {"hypertension": Answer.YES}, "S. P.": {"glaucoma": Answer.YES}}.get(name, {})
    notes = {"hypertension": "treated since 2022", "glaucoma": "diagnosed in the autumn"}
    items = DEFAULT_CONTRAINDICATIONS.items
    medications: Sequence[Medication] = {
        "A. M.": (Medication("sertraline", "50 mg daily", "2021"),
                  Medication("lisinopril", "10 mg daily", "2022", "for blood pressure")),
        "Jordan K.": (Medication("bupropion", "150 mg each morning", "2023"),),
        "S. P.": (Medication("latanoprost eye drops", "one drop nightly", "October"),),
    }.get(name, ())
    days_back = {"A. M.": 44, "S. P.": 6}.get(name, 38)
    screening = services.screenings.add(Screening(
        client_id, today - dt.timedelta(days=days_back), DEFAULT_CONTRAINDICATIONS.version,
        tuple(ItemAnswer(i.key, special.get(i.key, Answer.NO), notes.get(i.key, "") if i.key in special
                         else "") for i in items),
        tuple(medications), screened_by=BY), today)
    if name == "A. M.":
        services.screenings.add_clearance(screening.id, Clearance(
            "hypertension", "Dr. Okafor (GP)", today - dt.timedelta(days=40),
            "Blood pressure controlled on lisinopril; fine for sublingual ketamine."), today)


def _consent(services: Services, client_id: int, name: str, today: dt.date) -> None:
    touch = {"A. M.": TouchConsent(True, "a hand on the shoulder or forearm only"),
             "Jordan K.": TouchConsent(False),
             "R. T.": TouchConsent(True, "a hand on the shoulder only"),
             "S. P.": TouchConsent(True, "holding a hand when asked")}[name]
    given = today - dt.timedelta(days={"S. P.": 240}.get(name, 35))
    services.consents.add(ClientConsent(client_id, 1, given, ConsentHow.PAPER, touch,
                                        note="Read together and signed in the first meeting."),
                          today)


def _forms(services: Services, client_id: int, name: str, now: float, today: dt.date) -> None:
    for number, (days_back, phq9, gad7) in enumerate(SERIES[name]):
        # Filled at check-in, half an hour before a session (or the form's day).
        taken = now - days_back * DAY - 1800
        item9 = 1 if name == "A. M." and number == 0 else 0
        phq = services.measures.add(client_id, score(MeasureKind.PHQ9,
                                                     answers(MeasureKind.PHQ9, phq9, item9),
                                                     1 if phq9 else None),
                                    taken, FilledBy.CLIENT if number % 2 else FilledBy.PAPER)
        if item9:
            day = dt.datetime.fromtimestamp(taken).date()
            services.risk_assessments.add(RiskAssessment(
                client_id, RiskLevel.LOW, BY, day, "Passive thoughts, no plan or intent; "
                "safety plan reviewed.", measure_id=phq.id), today)
        gad_answers = answers(MeasureKind.GAD7, gad7)
        if name == "Jordan K." and number == 2:
            wrong = services.measures.add(client_id, score(MeasureKind.GAD7,
                                                           answers(MeasureKind.GAD7, gad7 + 3)),
                                          taken + 60, FilledBy.PAPER)
            services.measures.correct(wrong, score(MeasureKind.GAD7, gad_answers),
                                      "typed 3 for 0 on questions 5 to 7")
            continue
        services.measures.add(client_id, score(MeasureKind.GAD7, gad_answers), taken + 60,
                              FilledBy.CLIENT if number % 2 else FilledBy.PAPER)
