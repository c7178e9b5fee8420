"""One measure on the client's page: its figures in words beside its trend chart.

`MeasureCard` shows what course_words.measure_section says of one scale
(headline, baseline / previous / latest, response, remission, question 9)
beside its `TrendChart`, with the two ways a form comes in: typed from paper
(Ctrl+1/2/3) or filled by the client on the laptop (Alt+1/2/3). The page
hands it what each button does. `show_headline` and `button_row` are the
page's own small layout helpers, shared by its other sections.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kapdesk.core.measures import SCALES, MeasureKind
from kapdesk.ui.clients.course_words import Section
from kapdesk.ui.clients.trend_chart import TrendChart
from kapdesk.ui.common.widgets import action_button, label, set_level, show_text

PAPER_KEYS = {MeasureKind.PHQ9: "Ctrl+1", MeasureKind.GAD7: "Ctrl+2", MeasureKind.PCL5: "Ctrl+3"}
HAND_KEYS = {MeasureKind.PHQ9: "Alt+1", MeasureKind.GAD7: "Alt+2", MeasureKind.PCL5: "Alt+3"}
ABOUT = {MeasureKind.PHQ9: "depression", MeasureKind.GAD7: "anxiety",
         MeasureKind.PCL5: "post-traumatic stress"}


class MeasureCard(QFrame):
    """One measure: its figures in words beside its trend chart, and its two ways in."""

    def __init__(self, kind: MeasureKind, on_paper: Callable[[], object],
                 on_hand: Callable[[], object]) -> None:
        super().__init__()
        self.kind = kind
        name = SCALES[kind].name
        self.setObjectName("card")
        self.setAccessibleName(f"{name}, {ABOUT[kind]}")
        self.headline = label("", "courseHeadline", name)
        self.lines = label("", "courseLines", f"{name} figures")
        self.chart = TrendChart()
        self.paper_button = action_button(f"Type a paper {name}", PAPER_KEYS[kind],
                                          on_paper, self)
        self.hand_button = action_button("Hand the laptop to the client", HAND_KEYS[kind],
                                         on_hand, self)
        self.hand_button.setAccessibleName(f"Hand the laptop to the client for the {name}")
        words = QVBoxLayout()
        words.setSpacing(8)
        words.addWidget(label(f"{name} \N{EM DASH} {ABOUT[kind]}", "sectionTitle"))
        words.addWidget(self.headline)
        words.addWidget(self.lines)
        words.addStretch(1)
        words.addLayout(button_row(self.paper_button))
        words.addLayout(button_row(self.hand_button))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(20)
        words_box = QWidget()
        words_box.setObjectName("measureWords")
        words_box.setLayout(words)
        words_box.setMaximumWidth(480)  # the chart takes the rest of the width
        words.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(words_box, 1)
        layout.addWidget(self.chart, 2)

    def show_section(self, section: Section) -> None:
        show_text(self.headline, section.headline, SCALES[self.kind].name)
        show_headline(self.headline, section.level)
        show_text(self.lines, section.text, f"{SCALES[self.kind].name} figures")


def show_headline(headline: QLabel, level: str) -> None:
    """Colour a headline by its level; an alert also stands on a band of its own,
    its words clear of the band's edge (a label's style-sheet padding does not
    follow a change of level, its contents margins do)."""
    set_level(headline, level)
    inset = 12 if level == "alert" else 0
    headline.setContentsMargins(inset, inset // 4, inset, inset // 4)


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(10)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row
