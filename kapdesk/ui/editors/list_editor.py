"""A small editor for a list of short texts (checklist items, quick tags).

Type into the field and press Enter (or "Add"); double-click or F2 renames an
item in place; the buttons remove and reorder. Order matters: the session
screen shows the items, and numbers the quick tags 1-9, in this order.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kapdesk.ui.common.form_controls import line_edit
from kapdesk.ui.common.widgets import action_button

_EDITABLE = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable)


class TextListEditor(QWidget):
    changed = Signal()

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        """`name` is the accessible name of the list ("Quick tags"); controls derive theirs."""
        super().__init__(parent)
        self.setAccessibleName(name)
        self.list = QListWidget()
        self.list.setAccessibleName(name)
        self.list.setMinimumHeight(110)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.new_edit = line_edit(f"New item for {name.lower()}", placeholder)
        self.new_edit.returnPressed.connect(self.add_typed)
        self.add_button = action_button("Add", None, self.add_typed, self)
        self.add_button.setAccessibleName(f"Add to {name.lower()}")
        self.remove_button = action_button("Remove", None, self.remove_current, self)
        self.remove_button.setAccessibleName(f"Remove from {name.lower()}")
        self.up_button = action_button("↑", None, lambda: self.move_current(-1), self)
        self.up_button.setAccessibleName(f"Move up in {name.lower()}")
        self.up_button.setToolTip("Move up")
        self.down_button = action_button("↓", None, lambda: self.move_current(1), self)
        self.down_button.setAccessibleName(f"Move down in {name.lower()}")
        self.down_button.setToolTip("Move down")
        self._lay_out()
        self._update_buttons()

    def _lay_out(self) -> None:
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_edit, 1)
        add_row.addWidget(self.add_button)
        side = QVBoxLayout()
        for button in (self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 1)
        layout.addLayout(add_row)

    def items(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def set_items(self, items: Iterable[str]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for text in items:
            self._append(text)
        self.list.blockSignals(False)
        self.list.setCurrentRow(0 if self.list.count() else -1)
        self._update_buttons()
        self.changed.emit()

    def _append(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(_EDITABLE)
        self.list.addItem(item)

    def add_typed(self) -> None:
        text = self.new_edit.text().strip()
        if not text:
            return
        self._append(text)
        self.new_edit.clear()
        self.list.setCurrentRow(self.list.count() - 1)
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self._update_buttons()
        self.changed.emit()

    def move_current(self, delta: int) -> None:
        row = self.list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.list.count():
            return
        self.list.blockSignals(True)
        self.list.insertItem(target, self.list.takeItem(row))
        self.list.blockSignals(False)
        self.list.setCurrentRow(target)
        self.changed.emit()

    def _update_buttons(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
