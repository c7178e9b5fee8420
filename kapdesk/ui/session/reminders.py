"""Checkpoint reminders: calm cards that stay until the check is dealt with.

A card appears when a checkpoint falls due and stays, marked overdue after
its grace period, until it is done or set aside with a reason. Nothing here
takes focus or blocks: the therapist looks when they can. A vitals checkpoint
is answered by recording vitals (the timeline files the reading), so its card
offers "Take vitals"; a general check offers "Done". The first card's actions
have keys, F4 and Shift+F4, set as those buttons' own shortcuts (so a screen
reader announces them); they move to the next card when the first goes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kapdesk.core.checkpoints import CheckpointStatus
from kapdesk.core.formatting import format_due
from kapdesk.core.timeline import SessionState
from kapdesk.ui.common.widgets import key_button, key_hint, label, on_escape, set_level, show_text

SHOWN_STATUSES = ("due", "overdue")
ACT_KEY, SET_ASIDE_KEY = "F4", "Shift+F4"


class ReminderCard(QFrame):
    act = Signal(str)  # checkpoint id: done (check) or take vitals (vitals)
    set_aside = Signal(str, str)  # checkpoint id, reason

    def __init__(self, status: CheckpointStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderCard")
        self.checkpoint_id = status.checkpoint.id
        self._action = "Take vitals" if status.checkpoint.kind == "vitals" else "Done"
        self.setAccessibleName(f"Reminder: {status.checkpoint.label}")
        self.title = label(status.checkpoint.label, "reminderTitle", wrap=False)
        # One line each, title over when: "due now" never breaks in two.
        self.when = label("", "reminderWhen", "When it is due", wrap=False)
        self.act_button = self._button(self._action, lambda: self.act.emit(self.checkpoint_id))
        self.aside_button = self._button("Set aside…", self._ask_reason)
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName(f"Why set aside {status.checkpoint.label}")
        self.reason_edit.setPlaceholderText("Why? e.g. client asleep, will check at discharge")
        self.reason_edit.returnPressed.connect(self._confirm)
        on_escape(self.reason_edit, self._cancel)
        self.confirm_button = self._button("Set aside", self._confirm)
        self.reason_edit.textChanged.connect(
            lambda text: self.confirm_button.setEnabled(bool(text.strip())))
        self._shown: tuple[str, str] | None = None  # (when text, level) on screen
        self._lay_out()
        self._cancel()

    def _button(self, text: str, slot: object) -> QPushButton:
        return key_button(text, None, slot, self)  # its key, if first, is set by show_keys

    def _lay_out(self) -> None:
        what = QVBoxLayout()
        what.setSpacing(0)
        what.addWidget(self.title)
        what.addWidget(self.when)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addLayout(what, 1)
        top.addWidget(self.act_button)
        top.addWidget(self.aside_button)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_edit, 1)
        reason_row.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.addLayout(top)
        layout.addLayout(reason_row)

    def update_status(self, status: CheckpointStatus, now: float) -> None:
        text = format_due(status, now).removeprefix(status.checkpoint.label).strip()
        shown = (text, "alert" if status.status == "overdue" else "caution")
        if shown != self._shown:  # remembered here: a card is not asked each second
            self._shown = shown
            show_text(self.when, text, "Due")
            set_level(self, shown[1])

    def show_keys(self, first: bool) -> None:
        """Only the first card's buttons carry the F4 keys; say so on them."""
        for button, text, key in ((self.act_button, self._action, ACT_KEY),
                                  (self.aside_button, "Set aside…", SET_ASIDE_KEY)):
            button.setShortcut(QKeySequence(key) if first else QKeySequence())
            button.setText(f"{text}   {key_hint(key)}" if first else text)
            button.setToolTip(f"{text} ({key_hint(key)})" if first else text)

    def _ask_reason(self) -> None:
        self.reason_edit.show()
        self.confirm_button.show()
        self.reason_edit.setFocus()  # the therapist asked for it: this is not stealing focus

    def _confirm(self) -> None:
        if self.reason_edit.text().strip():
            self.set_aside.emit(self.checkpoint_id, self.reason_edit.text().strip())

    def _cancel(self) -> None:
        self.reason_edit.clear()
        self.reason_edit.hide()
        self.confirm_button.hide()
        self.confirm_button.setEnabled(False)


class ReminderPanel(QWidget):
    done_requested = Signal(str)
    vitals_requested = Signal(str)
    dismiss_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkpointPanel")
        self.setAccessibleName("Checkpoint reminders")
        self.cards: dict[str, ReminderCard] = {}
        self._order: list[str] = []
        self._statuses: tuple[CheckpointStatus, ...] | None = None  # as last laid out
        self._showing: list[CheckpointStatus] = []  # those of them with a card
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.hide()

    def set_state(self, state: SessionState) -> None:
        if state.checkpoints is self._statuses:
            # A tick between boundaries (timeline.LiveReplay): the same cards, later.
            for status in self._showing:
                self.cards[status.checkpoint.id].update_status(status, state.as_of)
            return
        self._statuses = state.checkpoints
        showing = self._showing = [s for s in state.checkpoints if s.status in SHOWN_STATUSES]
        wanted = {s.checkpoint.id for s in showing}
        for checkpoint_id in [i for i in self.cards if i not in wanted]:
            card = self.cards.pop(checkpoint_id)
            card.hide()
            card.deleteLater()
        for status in showing:
            card = self.cards.get(status.checkpoint.id) or self._add_card(status)
            card.update_status(status, state.as_of)
        order = [s.checkpoint.id for s in showing]
        if order != self._order:
            # Only when a card comes or goes: each tick in between changes no key.
            self._order = order
            for position, checkpoint_id in enumerate(order):
                self.cards[checkpoint_id].show_keys(position == 0)
            self.setVisible(bool(showing))

    def first_card(self) -> ReminderCard | None:
        return self.cards[self._order[0]] if self._order else None

    def _add_card(self, status: CheckpointStatus) -> ReminderCard:
        card = ReminderCard(status, self)
        kind = status.checkpoint.kind
        card.act.connect(self.vitals_requested if kind == "vitals" else self.done_requested)
        card.set_aside.connect(self.dismiss_requested)
        self.cards[status.checkpoint.id] = card
        self._layout.addWidget(card)
        card.show()  # now, not on the next event-loop turn: the reminder is due now
        return card
