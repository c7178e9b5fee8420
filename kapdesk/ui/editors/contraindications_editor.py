"""Settings → Course → the contraindication list: each item's words and kind,
added, removed, reworded and reordered, or the labelled default restored.

The editor only holds a draft; saving it (course_settings.py, through the
documents store) makes the list's next version. An item keeps its stable key
when it is reworded or moved, so screenings already recorded still find their
answer to it; a new item gets a key of its own (core/screening.item_key).
Problems are said beside the item they are about and, all together, by the
dialog; core/screening.list_problems has the last word.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QScrollArea,
                               QVBoxLayout, QWidget)

from kapdesk.core.screening import (DEFAULT_CONTRAINDICATIONS, MAX_ITEM_TEXT, ContraindicationItem,
                                    ContraindicationList, ItemKind, item_key, list_problems)
from kapdesk.ui.common.form_controls import (combo_box, hint_label, line_edit, live_hint,
                                             mark_problem, select_data, set_hint)
from kapdesk.ui.common.widgets import action_button

KINDS = ((ItemKind.EXCLUSION.value, "Exclusion: not eligible"),
         (ItemKind.CLEARANCE.value, "Needs medical clearance"))
KIND_HINT = ("An exclusion answered yes or unknown shows the client as not eligible. "
             "An item needing medical clearance answered yes (or unknown) needs a recorded "
             "clearance: by whom, when, a note.")


def version_words(items: ContraindicationList, made: str | None) -> str:
    """ "Version 3, made 2026-01-01 09:30."; version 1 is always the shipped list
    (stored, unchanged, when a screening first answers it)."""
    if made is None or items.version == DEFAULT_CONTRAINDICATIONS.version:
        return f"Version {items.version}: the list shipped with KAPDesk, not edited yet."
    return f"Version {items.version}, made {made}."


def saving_words(items: ContraindicationList) -> str:
    """What saving does to the screenings already recorded (core/screening.screening_verdict)."""
    return (f"Saving a change makes version {items.version + 1}. Screenings already recorded keep "
            f"version {items.version}'s words. A reworded or moved item keeps its answers; "
            "an item you add was not asked in earlier screenings, so until the client is "
            "screened again it counts as unknown (an exclusion: not eligible; a clearance "
            "item: needs clearance).")


def row_problems(texts: Sequence[str]) -> list[str]:
    """The problem beside each row ("" for none), in the order of `texts`."""
    first: dict[str, int] = {}
    found = []
    for number, text in enumerate(texts, 1):
        words = text.strip()
        if not words:
            found.append("Type the words, or remove this item.")
        elif len(words) > MAX_ITEM_TEXT:
            found.append(f"Longer than {MAX_ITEM_TEXT} characters.")
        elif words.casefold() in first:
            found.append(f"The same words as item {first[words.casefold()]}.")
        else:
            found.append("")
        first.setdefault(words.casefold(), number)
    return found


class ItemRow:
    """One item's widgets: number, words, kind, the buttons, the problem below."""

    def __init__(self, editor: ContraindicationsEditor, item: ContraindicationItem | None,
                 text: str = "", kind: ItemKind = ItemKind.EXCLUSION) -> None:
        self.key = None if item is None else item.key  # None: new, keyed when read
        self.number = QLabel()
        self.text_edit = line_edit("Item words")
        self.text_edit.setText(text if item is None else item.text)
        self.kind_combo = combo_box("Item kind", KINDS)
        select_data(self.kind_combo, (kind if item is None else item.kind).value)
        self.up_button = action_button("↑", None, lambda: editor.move(self, -1))
        self.down_button = action_button("↓", None, lambda: editor.move(self, 1))
        self.remove_button = action_button("Remove", None, lambda: editor.remove(self))
        for button in (self.up_button, self.down_button):
            button.setFixedWidth(44)
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setAutoDefault(False)  # Enter in the words must never press one
        self.problem = live_hint("Problem")
        self.problem.setObjectName("error")
        self.text_edit.textChanged.connect(editor.changed)
        self.kind_combo.currentIndexChanged.connect(editor.changed)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.number, self.text_edit, self.kind_combo, self.up_button, self.down_button,
                self.remove_button, self.problem)

    def name(self, number: int) -> None:
        self.number.setText(f"{number}.")
        self.number.setAccessibleName(f"Item {number}.")
        self.text_edit.setAccessibleName(f"Item {number}: words")
        self.kind_combo.setAccessibleName(f"Item {number}: kind")
        self.up_button.setAccessibleName(f"Move item {number} up")
        self.down_button.setAccessibleName(f"Move item {number} down")
        self.remove_button.setAccessibleName(f"Remove item {number}")

    def kind(self) -> ItemKind:
        return ItemKind(self.kind_combo.currentData())


class ContraindicationsEditor(QWidget):
    """The list's draft, started from the practice's current version."""

    changed = Signal()

    def __init__(self, current: ContraindicationList, made: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Contraindication list")
        self.current = current
        self.rows: list[ItemRow] = []
        self.version_label = hint_label(version_words(current, made))
        self.saving_label = hint_label(saving_words(current))
        self.new_edit = line_edit("New item's words", "Add an item, e.g. Seizure disorder")
        self.new_edit.returnPressed.connect(self.add_typed)
        self.new_kind = combo_box("New item's kind", KINDS)
        self.add_button = action_button("Add item", None, self.add_typed, self)
        self.restore_button = action_button("Restore the default list", None,
                                            self.restore_default, self)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(3)  # a hidden problem line still takes the spacing
        self._grid.setColumnStretch(1, 1)
        self._lay_out()
        self.changed.connect(self._show_row_problems)
        self.set_items(current.items)

    def _lay_out(self) -> None:
        inner = QWidget()
        inner.setAccessibleName("Items")
        column = QVBoxLayout(inner)
        column.addLayout(self._grid)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName("Items of the list")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_edit, 1)
        add_row.addWidget(self.new_kind)
        add_row.addWidget(self.add_button)
        restore_row = QHBoxLayout()
        restore_row.addWidget(hint_label(f"{DEFAULT_CONTRAINDICATIONS.label}."), 1)
        restore_row.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.version_label)
        layout.addWidget(hint_label(KIND_HINT))
        layout.addWidget(scroll, 1)
        layout.addLayout(add_row)
        layout.addLayout(restore_row)
        layout.addWidget(self.saving_label)

    # -- the draft ------------------------------------------------------
    def set_items(self, items: Sequence[ContraindicationItem]) -> None:
        for row in self.rows:
            self._drop(row)
        self.rows = [ItemRow(self, item) for item in items]
        self._place()

    def items(self) -> tuple[ContraindicationItem, ...]:
        """The draft as items; a new row gets a key unlike every other (kept or given)."""
        taken = {row.key for row in self.rows if row.key}
        found = []
        for row in self.rows:
            key = row.key or item_key(row.text_edit.text(), taken)
            taken.add(key)
            found.append(ContraindicationItem(key, row.text_edit.text().strip(), row.kind()))
        return tuple(found)

    def is_changed(self) -> bool:
        return self.items() != self.current.items

    def problems(self) -> list[str]:
        return list_problems(self.items())

    # -- editing --------------------------------------------------------
    def add_typed(self) -> None:
        text = self.new_edit.text().strip()
        if not text:
            self.new_edit.setFocus()
            return
        self.rows.append(ItemRow(self, None, text, ItemKind(self.new_kind.currentData())))
        self.new_edit.clear()
        self._place()

    def remove(self, row: ItemRow) -> None:
        index = self.rows.index(row)
        self.rows.pop(index)
        self._drop(row)
        self._place()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].text_edit.setFocus()

    def move(self, row: ItemRow, step: int) -> None:
        index = self.rows.index(row)
        target = index + step
        if 0 <= target < len(self.rows):
            self.rows[index], self.rows[target] = self.rows[target], row
            self._place()
            (row.up_button if step < 0 else row.down_button).setFocus()

    def restore_default(self) -> None:
        self.set_items(DEFAULT_CONTRAINDICATIONS.items)

    def _drop(self, row: ItemRow) -> None:
        for widget in row.widgets():
            self._grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()

    def _place(self) -> None:
        """Lay the rows out in their order (two grid rows each: the item, its problem)."""
        # Out of the grid first: adding a widget the grid already holds makes Qt warn.
        for row in self.rows:
            for widget in row.widgets():
                self._grid.removeWidget(widget)
        for number, row in enumerate(self.rows, 1):
            row.name(number)
            line = 2 * (number - 1)
            for column, widget in enumerate(row.widgets()[:-1]):
                self._grid.addWidget(widget, line, column)
            self._grid.addWidget(row.problem, line + 1, 1, 1, 5)
            row.up_button.setEnabled(number > 1)
            row.down_button.setEnabled(number < len(self.rows))
        for previous, row in zip(self.rows, self.rows[1:]):
            QWidget.setTabOrder(previous.remove_button, row.text_edit)
        self.changed.emit()

    def _show_row_problems(self) -> None:
        texts = [row.text_edit.text() for row in self.rows]
        for row, problem in zip(self.rows, row_problems(texts)):
            row.problem.setVisible(bool(problem))
            set_hint(row.problem, problem)
            mark_problem(row.text_edit, bool(problem))

    def text_edits(self) -> list[QLineEdit]:
        return [row.text_edit for row in self.rows]
