"""Rating scales: the PHQ-9, GAD-7 and PCL-5 forms, and scoring a filled form.

Each `Scale` holds the questionnaire as the client reads it (the stem, every
item's exact wording, the answer labels) and its published scoring: totals,
severity bands, PHQ-9's unscored difficulty question (asked when the total is
above 0), item 9 (thoughts of death or self-harm) calling for a suicide-risk
assessment, and the PCL-5's symptom count (an item at 2 or more) with its
provisional-PTSD rule (DOMAIN.md "Rating scales"). The PHQ-9 and GAD-7 are free
to use and reproduce, the PCL-5 is a US government work in the public domain;
this is our own code written from the published rules.

`score` turns the answers into a `MeasureResult` that keeps every item's
answer. A missing or impossible answer is refused with `MeasureAnswerError`,
whose words name every wrong question, and is never scored: a total made of
guesses would be read as a real score. The cut-offs DOMAIN.md calls settings
are in `MeasureSettings` with labelled defaults; the severity bands are the
published instruments' own and are not settings.

Scoring must be cheap (issue 12: 10,000 forms within 100 ms; see
bench/measures_scoring.py), so the valid path does set and tuple work only and
the careful per-question explanation runs only for a form that is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from enum import Enum
from typing import Any


class MeasureKind(str, Enum):
    PHQ9 = "phq9"
    GAD7 = "gad7"
    PCL5 = "pcl5"


@dataclass(frozen=True, slots=True)
class AnswerOption:
    value: int
    label: str


@dataclass(frozen=True, slots=True)
class Band:
    """A severity band: totals from `low` to `high`, both included."""

    low: int
    high: int
    label: str


@dataclass(frozen=True, slots=True)
class Cluster:
    """A PCL-5 symptom cluster: items `first`..`last` (1-based, both included)
    and how many of them must count as symptoms."""

    letter: str
    name: str
    first: int
    last: int
    needed: int


@dataclass(frozen=True)
class Scale:
    """One questionnaire as the client reads it, and what scoring needs of it."""

    kind: MeasureKind
    name: str  # short name on charts and lists: "PHQ-9"
    title: str  # full name on the form
    stem: str  # the question every item answers
    items: tuple[str, ...]  # exact wording, item 1 first
    options: tuple[AnswerOption, ...]  # the answers, lowest value first
    bands: tuple[Band, ...]  # severity bands, lowest first; empty for the PCL-5
    source: str  # who made it and why we may ship it
    extra_question: str = ""  # PHQ-9's unscored 10th item
    extra_options: tuple[AnswerOption, ...] = ()

    @property
    def item_count(self) -> int:
        return len(self.items)

    @property
    def max_answer(self) -> int:
        return self.options[-1].value

    @property
    def max_total(self) -> int:
        return self.item_count * self.max_answer

    def answer_label(self, value: int) -> str:
        return self.options[value].label


FREQUENCY = (
    AnswerOption(0, "Not at all"),
    AnswerOption(1, "Several days"),
    AnswerOption(2, "More than half the days"),
    AnswerOption(3, "Nearly every day"),
)

#: The PHQ-9's and GAD-7's own statement of where they come from and that they are free.
PHQ_AND_GAD_SOURCE = ("Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and "
                      "colleagues, with an educational grant from Pfizer Inc. No permission required "
                      "to reproduce, translate, display or distribute.")

PHQ9 = Scale(
    kind=MeasureKind.PHQ9,
    name="PHQ-9",
    title="Patient Health Questionnaire (PHQ-9)",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself \N{EM DASH} or that you are a failure or have let "
        "yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite "
        "\N{EM DASH} being so fidgety or restless that you have been moving around a lot more "
        "than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    options=FREQUENCY,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 19, "moderately severe"),
        Band(20, 27, "severe"),
    ),
    source=PHQ_AND_GAD_SOURCE,
    extra_question="If you checked off any problems, how difficult have these problems made it "
                   "for you to do your work, take care of things at home, or get along with "
                   "other people?",
    extra_options=(
        AnswerOption(0, "Not difficult at all"),
        AnswerOption(1, "Somewhat difficult"),
        AnswerOption(2, "Very difficult"),
        AnswerOption(3, "Extremely difficult"),
    ),
)

GAD7 = Scale(
    kind=MeasureKind.GAD7,
    name="GAD-7",
    title="Generalized Anxiety Disorder scale (GAD-7)",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ),
    options=FREQUENCY,
    # Cut-offs 5 / 10 / 15 (DOMAIN.md).
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 21, "severe"),
    ),
    source=PHQ_AND_GAD_SOURCE,
)

PCL5 = Scale(
    kind=MeasureKind.PCL5,
    name="PCL-5",
    title="PTSD Checklist for DSM-5 (PCL-5)",
    # The paper form says "circle one of the numbers to the right"; on screen the
    # client chooses an answer, so only that phrase differs.
    stem="Below is a list of problems that people sometimes have in response to a very "
         "stressful experience. Please read each problem carefully and then choose one answer "
         "to indicate how much you have been bothered by that problem in the past month. "
         "In the past month, how much were you bothered by:",
    items=(
        "Repeated, disturbing, and unwanted memories of the stressful experience?",
        "Repeated, disturbing dreams of the stressful experience?",
        "Suddenly feeling or acting as if the stressful experience were actually happening "
        "again (as if you were actually back there reliving it)?",
        "Feeling very upset when something reminded you of the stressful experience?",
        "Having strong physical reactions when something reminded you of the stressful "
        "experience (for example, heart pounding, trouble breathing, sweating)?",
        "Avoiding memories, thoughts, or feelings related to the stressful experience?",
        "Avoiding external reminders of the stressful experience (for example, people, places, "
        "conversations, activities, objects, or situations)?",
        "Trouble remembering important parts of the stressful experience?",
        "Having strong negative beliefs about yourself, other people, or the world (for "
        "example, having thoughts such as: I am bad, there is something seriously wrong with "
        "me, no one can be trusted, the world is completely dangerous)?",
        "Blaming yourself or someone else for the stressful experience or what happened "
        "after it?",
        "Having strong negative feelings such as fear, horror, anger, guilt, or shame?",
        "Loss of interest in activities that you used to enjoy?",
        "Feeling distant or cut off from other people?",
        "Trouble experiencing positive feelings (for example, being unable to feel happiness "
        "or have loving feelings for people close to you)?",
        "Irritable behavior, angry outbursts, or acting aggressively?",
        "Taking too many risks or doing things that could cause you harm?",
        "Being \u201csuperalert\u201d or watchful or on guard?",
        "Feeling jumpy or easily startled?",
        "Having difficulty concentrating?",
        "Trouble falling or staying asleep?",
    ),
    options=(
        AnswerOption(0, "Not at all"),
        AnswerOption(1, "A little bit"),
        AnswerOption(2, "Moderately"),
        AnswerOption(3, "Quite a bit"),
        AnswerOption(4, "Extremely"),
    ),
    bands=(),  # read against the cut-off (a setting) instead
    source="PCL-5 (Weathers, Litz, Keane, Palmieri, Marx & Schnurr, 2013), National Center "
           "for PTSD; a US government work in the public domain.",
)

SCALES: Mapping[MeasureKind, Scale] = {PHQ9.kind: PHQ9, GAD7.kind: GAD7, PCL5.kind: PCL5}

# PCL-5: an item counts as a symptom at this answer or above (DOMAIN.md).
PCL5_SYMPTOM_AT = 2
# The DSM-5 clusters and how many symptoms each needs for provisional PTSD.
PCL5_CLUSTERS = (
    Cluster("B", "intrusion", 1, 5, 1),
    Cluster("C", "avoidance", 6, 7, 1),
    Cluster("D", "negative changes in thinking and mood", 8, 14, 2),
    Cluster("E", "arousal and reactivity", 15, 20, 2),
)
PHQ9_RISK_ITEM = 9  # thoughts of death or self-harm

DEFAULT_SAFETY_TEXT = (
    "The client answered above 0 on question 9 of the PHQ-9 (thoughts that they would be "
    "better off dead or of hurting themselves). Talk with the client now, before they leave "
    "and before any dose: do a suicide-risk assessment (for example the C-SSRS, on paper) "
    "and record its result here: the risk level, who did it, when, and a note. If the risk "
    "is high, follow the practice's safety plan and do not leave the client alone."
)


@dataclass(frozen=True)
class MeasureSettings:
    """The practice's cut-offs for reading scores (DOMAIN.md: settings, with defaults)."""

    # 31-33 is the usual range; 33 is the National Center for PTSD's first
    # proposed cut-off and the top of the range, so a total flagged here is
    # flagged by every cut-off in the range (fewer false positives from a screen).
    pcl5_cutoff: int = 33
    response_fall_percent: int = 50  # a fall of this much from the course's baseline
    phq9_remission_below: int = 5
    gad7_remission_below: int = 5
    item9_safety_text: str = DEFAULT_SAFETY_TEXT

    def remission_below(self, kind: MeasureKind) -> int | None:
        """The remission cut-off for `kind`, or None: the PCL-5 has none in DOMAIN.md."""
        return {MeasureKind.PHQ9: self.phq9_remission_below,
                MeasureKind.GAD7: self.gad7_remission_below}.get(kind)

    def to_data(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in fields(self)}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> MeasureSettings:
        """Forgiving on purpose (like the practice settings): a missing or
        impossible value falls back to its default rather than stopping scoring."""
        values: dict[str, Any] = {}
        for name, (low, high) in SETTING_RANGES.items():
            value = data.get(name)
            if type(value) is int and low <= value <= high:
                values[name] = value
        text = data.get("item9_safety_text")
        if isinstance(text, str) and text.strip():
            values["item9_safety_text"] = text
        return cls(**values)


SETTING_LABELS: Mapping[str, str] = {
    "pcl5_cutoff": "PCL-5 total at or above which PTSD is probable (usual 31\u201333; default 33)",
    "response_fall_percent": "Response: fall from the course's baseline, in % (default 50)",
    "phq9_remission_below": "PHQ-9 remission: a total below (default 5)",
    "gad7_remission_below": "GAD-7 remission: a total below (default 5)",
    "item9_safety_text": "What the therapist reads when PHQ-9 question 9 is above 0",
}
SETTING_RANGES: Mapping[str, tuple[int, int]] = {
    "pcl5_cutoff": (1, 80),
    "response_fall_percent": (1, 100),
    "phq9_remission_below": (1, 27),
    "gad7_remission_below": (1, 21),
}


def settings_problems(settings: MeasureSettings) -> list[str]:
    """What is wrong with a draft of the measure settings, in words."""
    problems = []
    for name, (low, high) in SETTING_RANGES.items():
        value = getattr(settings, name)
        if type(value) is not int or not low <= value <= high:
            problems.append(f"{SETTING_LABELS[name]}: {value!r} is not a whole number "
                            f"from {low} to {high}.")
    if not settings.item9_safety_text.strip():
        problems.append("The text for PHQ-9 question 9 is empty; write what the therapist "
                        "should do.")
    return problems


DEFAULT_SETTINGS = MeasureSettings()


class MeasureAnswerError(ValueError):
    """A form that cannot be scored, with words naming every wrong question.

    `problems` holds (question number or None for the whole form, words), in
    question order; the message joins them.
    """

    def __init__(self, problems: Sequence[tuple[int | None, str]]) -> None:
        self.problems = tuple(problems)
        super().__init__(" ".join(text for _, text in self.problems))

    @property
    def questions(self) -> tuple[int, ...]:
        """The numbers of the wrong questions (where the form goes back to)."""
        return tuple(number for number, _ in self.problems if number is not None)


@dataclass(frozen=True, slots=True)
class MeasureResult:
    """A scored form. `answers` keeps every item's answer, item 1 first."""

    kind: MeasureKind
    answers: tuple[int, ...]
    total: int
    severity: str  # the band's label, or the PCL-5's reading against its cut-off
    difficulty: int | None = None  # PHQ-9's unscored 10th item, when answered
    symptom_count: int | None = None  # PCL-5 only
    provisional_ptsd: bool | None = None  # PCL-5 only: the cluster rule
    cutoff: int | None = None  # PCL-5 only: the cut-off the severity was read against

    @property
    def scale(self) -> Scale:
        return SCALES[self.kind]

    @property
    def item9(self) -> int | None:
        """PHQ-9 question 9 (thoughts of death or self-harm); None for other scales."""
        return self.answers[PHQ9_RISK_ITEM - 1] if self.kind is MeasureKind.PHQ9 else None

    @property
    def needs_risk_assessment(self) -> bool:
        """PHQ-9 question 9 above 0: a suicide-risk assessment is due (DOMAIN.md)."""
        return self.kind is MeasureKind.PHQ9 and self.answers[PHQ9_RISK_ITEM - 1] > 0

    @property
    def at_or_above_cutoff(self) -> bool | None:
        return None if self.cutoff is None else self.total >= self.cutoff

    @property
    def difficulty_label(self) -> str:
        if self.difficulty is None:
            return ""
        return self.scale.extra_options[self.difficulty].label

    def answer_labels(self) -> tuple[str, ...]:
        """Each answer in the form's words, item 1 first (the review page, the record)."""
        options = self.scale.options
        return tuple(options[value].label for value in self.answers)

    def clusters(self) -> tuple[tuple[Cluster, int, bool], ...]:
        """PCL-5: (cluster, symptoms in it, whether it has enough), B to E."""
        if self.kind is not MeasureKind.PCL5:
            return ()
        return tuple((cluster, count, count >= cluster.needed)
                     for cluster, count in zip(PCL5_CLUSTERS, _cluster_counts(self.answers)))

    @property
    def words(self) -> str:
        """One line for the client page: "PHQ-9 12, moderate"."""
        text = f"{self.scale.name} {self.total}, {self.severity}"
        if self.kind is MeasureKind.PCL5:
            rule = "met" if self.provisional_ptsd else "not met"
            text += f"; {self.symptom_count} symptoms, provisional PTSD rule {rule}"
        return text

    @property
    def item9_words(self) -> str:
        """PHQ-9 question 9 in words, "" for other scales."""
        if self.kind is not MeasureKind.PHQ9:
            return ""
        value = self.answers[PHQ9_RISK_ITEM - 1]
        return f"Question 9 (thoughts of death or self-harm): {value}, {FREQUENCY[value].label.lower()}"

    def to_data(self) -> dict[str, Any]:
        """What a store keeps: the answers (the record); the figures follow from them."""
        return {"kind": self.kind.value, "answers": list(self.answers),
                "difficulty": self.difficulty}


def _cluster_counts(answers: tuple[int, ...]) -> tuple[int, int, int, int]:
    symptom = PCL5_SYMPTOM_AT
    return (sum(1 for a in answers[0:5] if a >= symptom),
            sum(1 for a in answers[5:7] if a >= symptom),
            sum(1 for a in answers[7:14] if a >= symptom),
            sum(1 for a in answers[14:20] if a >= symptom))


def _severity_by_total(scale: Scale) -> tuple[str, ...]:
    return tuple(next(band.label for band in scale.bands if band.low <= total <= band.high)
                 for total in range(scale.max_total + 1))


_SEVERITY = {PHQ9.kind: _severity_by_total(PHQ9), GAD7.kind: _severity_by_total(GAD7)}
_ALLOWED = {kind: frozenset(range(scale.max_answer + 1)) for kind, scale in SCALES.items()}
_INT_ONLY = {int}


def severity_of(kind: MeasureKind, total: int, settings: MeasureSettings = DEFAULT_SETTINGS) -> str:
    """The severity words for a total (the chart's bands, the client page)."""
    if kind is MeasureKind.PCL5:
        return _pcl5_severity(total, settings.pcl5_cutoff)
    return _SEVERITY[kind][total]


def _pcl5_severity(total: int, cutoff: int) -> str:
    if total >= cutoff:
        return f"at or above the cut-off of {cutoff}: probable PTSD"
    return f"below the cut-off of {cutoff}"


def difficulty_is_asked(kind: MeasureKind, answers: Sequence[int | None]) -> bool:
    """Whether the form asks PHQ-9's 10th question now: when any answer so far is above 0."""
    return kind is MeasureKind.PHQ9 and any(answer for answer in answers)


def score(kind: MeasureKind, answers: Sequence[int | None], difficulty: int | None = None,
          settings: MeasureSettings = DEFAULT_SETTINGS) -> MeasureResult:
    """Score a filled form, or raise MeasureAnswerError naming every wrong question.

    `answers` holds one value per item, item 1 first; None is an unanswered
    item. `difficulty` is PHQ-9's 10th question: asked only when the total is
    above 0 and never scored, so it may be left unanswered; an answer given is
    kept (a paper form may carry one even at 0).
    """
    kind = MeasureKind(kind)
    values = tuple(answers)
    scale = SCALES[kind]
    # The fast path: every answer a whole number within the scale.
    if (len(values) != len(scale.items) or set(map(type, values)) != _INT_ONLY
            or not _ALLOWED[kind].issuperset(values)):
        raise MeasureAnswerError(_answer_problems(scale, values))
    total = sum(values)
    if kind is MeasureKind.PHQ9:
        if difficulty is not None and (type(difficulty) is not int or not 0 <= difficulty <= 3):
            raise MeasureAnswerError([(10, f"PHQ-9 question 10: {difficulty!r} is not one of "
                                           "its answers (0\u20133); leave it empty if it was "
                                           "not answered.")])
        return MeasureResult(kind, values, total, _SEVERITY[kind][total], difficulty)
    if difficulty is not None:
        raise MeasureAnswerError([(None, f"The {scale.name} has no question "
                                         f"{len(scale.items) + 1}.")])
    if kind is MeasureKind.GAD7:
        return MeasureResult(kind, values, total, _SEVERITY[kind][total])
    counts = _cluster_counts(values)
    provisional = (counts[0] >= 1 and counts[1] >= 1 and counts[2] >= 2 and counts[3] >= 2)
    cutoff = settings.pcl5_cutoff
    return MeasureResult(kind, values, total, _pcl5_severity(total, cutoff), None,
                         sum(counts), provisional, cutoff)


def _answer_problems(scale: Scale, values: tuple[Any, ...]) -> list[tuple[int | None, str]]:
    """Every reason the form cannot be scored, question by question, in words."""
    name, top = scale.name, scale.max_answer
    problems: list[tuple[int | None, str]] = []
    if len(values) > scale.item_count:
        problems.append((None, f"The {name} has {scale.item_count} questions; this form "
                               f"has {len(values)} answers."))
    for number in range(1, scale.item_count + 1):
        value = values[number - 1] if number <= len(values) else None
        if value is None:
            problems.append((number, f"{name} question {number} is not answered."))
        elif type(value) is not int or not 0 <= value <= top:
            problems.append((number, f"{name} question {number}: {value!r} is not one of its "
                                     f"answers (0\u2013{top})."))
    return problems


def result_from_data(data: Mapping[str, Any],
                     settings: MeasureSettings = DEFAULT_SETTINGS) -> MeasureResult:
    """A stored form scored again (the answers are the record; scoring is exact)."""
    return score(MeasureKind(data["kind"]), list(data["answers"]), data.get("difficulty"),
                 settings)
