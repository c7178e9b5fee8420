"""The client's current medications on the screening form: rows added and removed by hand.

Each row is a name, a dose, since when and a note, as the client says them
(core/screening `Medication`). A row left wholly empty is not a medication
and is dropped; a row with a dose but no name is refused in words
(`medication_problems`), written under the list.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kapdesk.core.screening import Medication
from kapdesk.ui.clients.course_dialog import problem_label
from kapdesk.ui.common.form_controls import hint_label, line_edit

FIELDS = (("name", "Medication", "name"), ("dose", "Dose", "for example 50 mg daily"),
          ("since", "Since", "for example 2023"), ("note", "Note", ""))


class MedicationRows(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Current medications")
        self.rows: list[dict[str, QLineEdit]] = []
        self.remove_buttons: list[QPushButton] = []
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(2, 1)
        self.grid.setColumnStretch(3, 3)
        self.empty_hint = hint_label("None recorded. Add each medication the client takes now.")
        self.add_button = QPushButton("Add a medication")
        self.add_button.setAccessibleName("Add a medication")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self.problem = problem_label("Medications")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_hint)
        layout.addLayout(self.grid)
        layout.addWidget(self.problem)
        layout.addWidget(self.add_button)

    def add_row(self, medication: Medication | None = None, focus: bool = False) -> None:
        number = len(self.rows) + 1
        row = {key: line_edit(f"Medication {number}: {label.lower()}", hint)
               for key, label, hint in FIELDS}
        remove = QPushButton("Remove")
        remove.setAccessibleName(f"Remove medication {number}")
        remove.setAutoDefault(False)
        remove.clicked.connect(lambda: self.remove_row(self.remove_buttons.index(remove)))
        for column, edit in enumerate(row.values()):
            if medication is not None:
                edit.setText(getattr(medication, FIELDS[column][0]))
            edit.textChanged.connect(lambda _text: self.changed.emit())
        self.rows.append(row)
        self.remove_buttons.append(remove)
        self._place()
        if focus:
            for widget in (*row.values(), remove):
                widget.show()  # a layout shows new widgets later; the cursor goes there now
            row["name"].setFocus()
        self.changed.emit()

    def remove_row(self, index: int) -> None:
        row = self.rows.pop(index)
        button = self.remove_buttons.pop(index)
        for widget in (*row.values(), button):
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self._place()
        self.add_button.setFocus()
        self.changed.emit()

    def _place(self) -> None:
        for number, (row, button) in enumerate(zip(self.rows, self.remove_buttons), 1):
            for column, (key, label, _hint) in enumerate(FIELDS):
                row[key].setAccessibleName(f"Medication {number}: {label.lower()}")
                self.grid.addWidget(row[key], number - 1, column)
            button.setAccessibleName(f"Remove medication {number}")
            self.grid.addWidget(button, number - 1, len(FIELDS))
        self.empty_hint.setVisible(not self.rows)

    def medications(self) -> tuple[Medication, ...]:
        """The rows as medications, wholly empty rows left out."""
        found = []
        for row in self.rows:
            values = {key: edit.text().strip() for key, edit in row.items()}
            if any(values.values()):
                found.append(Medication(**values))
        return tuple(found)
