"""Settings → Course → the consent document: its title and template text, the
placeholders it may use, and a preview filled in for a sample client.

Only a draft lives here; saving (course_settings.py, through the documents
store) makes the document's next version. What that means for the clients
who consented to an earlier version is said in core's own words
(core/consent.consent_verdict), so the editor and the client's page agree.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from kapdesk.core.consent import (DEFAULT_DOCUMENT, NO_TOUCH, PLACEHOLDERS, ClientConsent,
                                  ConsentDocument, ConsentHow, consent_verdict, render,
                                  template_problems)
from kapdesk.ui.common.form_controls import (hint_label, line_edit, live_hint, section_heading,
                                             set_hint, text_area)
from kapdesk.ui.common.widgets import action_button

SAMPLE_CLIENT = "Sam Sample"  # the preview's client: plainly nobody real
PLACEHOLDER_HINT = ("The text may use " + ", ".join("{" + name + "}" for name in PLACEHOLDERS)
                    + ": each is filled in for the client. Write {{ or }} for a brace itself.")


def version_words(document: ConsentDocument, made: str | None) -> str:
    # Version 1 is always the shipped template (stored unchanged when first consented to).
    if made is None or document.version == DEFAULT_DOCUMENT.version:
        return f"Version {document.version}: the template shipped with KAPDesk (no legal text)."
    return f"Version {document.version}, made {made}."


def saving_words(document: ConsentDocument, today: dt.date) -> str:
    """What a new version does to clients who consented to this one, quoting what
    their page and the before-the-dose check will then say."""
    following = ConsentDocument(document.version + 1, document.template, document.title)
    consented = ClientConsent(0, document.version, today, ConsentHow.PAPER, NO_TOUCH)
    said = [s for s in re.split(r"(?<=\.) ", consent_verdict(consented, following).words)
            if "again" in s]
    return (f"Saving a change makes version {following.version}, even for a change of one word or of "
            f"the title. A consent already recorded keeps the version the client was given; "
            f"but every client whose consent is to version {document.version} or earlier is "
            f"then shown, on their page and before the dose, as not current: "
            f"\u201c{' '.join(said)}\u201d Their consent is current again once they "
            f"consent to the new version.")


class ConsentDocumentEditor(QWidget):
    """The consent document's draft, started from the practice's current version."""

    changed = Signal()

    def __init__(self, current: ConsentDocument, made: str | None, therapist_name: str,
                 today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Consent document")
        self.current = current
        self._therapist = therapist_name
        self._today = today
        self.title_edit = line_edit("Consent document title", "e.g. Informed consent")
        self.template_edit = text_area("Consent text", 250)
        self.template_edit.setMinimumHeight(200)
        self.template_edit.setMaximumHeight(16_777_215)
        self.problem_label = live_hint("Problem with the consent text")
        self.problem_label.setObjectName("error")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(f"Preview for a sample client, {SAMPLE_CLIENT}")
        self.template_button = action_button("Start from the shipped template", None,
                                             self.use_template, self)
        self._lay_out(made)
        self.title_edit.setText(current.title)
        self.template_edit.setPlainText(current.template)
        for signal in (self.title_edit.textChanged, self.template_edit.textChanged):
            signal.connect(self._refresh)
        self._refresh()

    def _lay_out(self, made: str | None) -> None:
        left = QVBoxLayout()
        left.addWidget(hint_label(version_words(self.current, made)))
        left.addWidget(section_heading("Title"))
        left.addWidget(self.title_edit)
        left.addWidget(section_heading("Text"))
        left.addWidget(hint_label(PLACEHOLDER_HINT))
        left.addWidget(self.template_edit, 1)
        left.addWidget(self.problem_label)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_button)
        template_row.addStretch(1)
        left.addLayout(template_row)
        right = QVBoxLayout()
        right.addWidget(section_heading(f"Preview, for a sample client ({SAMPLE_CLIENT})"))
        right.addWidget(self.preview, 1)
        right.addWidget(hint_label(saving_words(self.current, self._today)))
        layout = QHBoxLayout(self)
        layout.setSpacing(20)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

    # -- the draft ------------------------------------------------------
    def title(self) -> str:
        return self.title_edit.text().strip()

    def template(self) -> str:
        return self.template_edit.toPlainText()

    def is_changed(self) -> bool:
        return self.template() != self.current.template or self.title() != self.current.title

    def problems(self) -> list[str]:
        return template_problems(self.template())

    def use_template(self) -> None:
        self.title_edit.setText(self.current.title if self.current.version > 1
                                else DEFAULT_DOCUMENT.title)
        self.template_edit.setPlainText(DEFAULT_DOCUMENT.template)

    def _refresh(self) -> None:
        problems = self.problems()
        set_hint(self.problem_label, " ".join(problems))
        self.problem_label.setVisible(bool(problems))
        if problems:
            self.preview.setPlainText("The preview appears once the text has no problems.")
        else:
            draft = ConsentDocument(self.current.version + 1, self.template(), self.title())
            text = render(draft, SAMPLE_CLIENT, self._therapist, self._today)
            self.preview.setPlainText(f"{draft.title}\n\n{text}")
        self.changed.emit()
