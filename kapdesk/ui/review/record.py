"""A session's record: its signature, its history, and dated addenda.

Signing opens the signing dialog (review_sign.py): the signer's name, filled
in from Settings (stored there the first time it is typed), and the practice
passphrase, which must be the practice's. From then on the storage refuses
any change to the session but an addendum: this panel says so, disables
signing and offers only "Add addendum". An open session is never offered for
signing. Addenda are confirmed the same way, stamped with the time and their
author, and appear in the record's history at once (started, app
recoveries, ended, signed, addenda).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from kapdesk.core.practice_settings import THERAPIST_NAME
from kapdesk.storage.practice_settings_store import load
from kapdesk.storage.review import ReviewError
from kapdesk.storage.review_records import RecordEntry, RecordKeeper
from kapdesk.storage.settings import SettingsStore
from kapdesk.ui.review.dialogs import ReviewDialogs
from kapdesk.ui.review.wording import day_and_time
from kapdesk.ui.common.widgets import action_button, wrapped_label
from kapdesk.ui.common.widgets import show_text

SIGNED_NOTE = "This record is signed and cannot be changed; add to it with a dated addendum."
UNSIGNED_NOTE = "Not signed yet. Once signed, the record cannot be changed, only added to."
OPEN_NOTE = "This session has not ended; it can be signed once it has."
ADVERSE_AFTER_KEY = "Ctrl+Shift+E"


class RecordPanel(QWidget):
    changed = Signal(int)  # session id: signed, or an addendum was added

    def __init__(self, keeper: RecordKeeper, settings: SettingsStore, dialogs: ReviewDialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Record and signature")
        self._keeper, self._settings, self._dialogs = keeper, settings, dialogs
        self.session_id: int | None = None
        self.status_label = wrapped_label("", "", "Signature")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(False)
        self.note_label = wrapped_label("", "subtitle", "About signing")
        self.sign_button = action_button("Sign record", "Ctrl+Shift+G", self.sign, self, primary=True)
        self.history_label = wrapped_label("", "", "History of the record")
        self.history_label.setTextFormat(Qt.TextFormat.RichText)
        self.history_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addendum_edit = QPlainTextEdit()
        self.addendum_edit.setAccessibleName("Addendum")
        self.addendum_edit.setPlaceholderText("A correction, or something learned later; "
                                              "it is added with today's date.")
        self.addendum_edit.setTabChangesFocus(True)
        self.addendum_edit.setFixedHeight(72)
        self.addendum_button = action_button("Add addendum", "Ctrl+Return", self.add_addendum, self)
        self.adverse_button = action_button("Adverse event…", ADVERSE_AFTER_KEY, self.add_adverse,
                                            self)
        self.message_label = wrapped_label("", "error", "Record message")
        self._adverse_key: QShortcut | None = None
        self._lay_out()

    def _lay_out(self) -> None:
        """The history and the addendum; the session view places the status and
        the Sign button in its header, where they are always in sight."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addWidget(self.note_label)
        layout.addWidget(self.history_label)
        layout.addWidget(self.addendum_edit)
        row = QHBoxLayout()
        row.addWidget(self.message_label, 1)
        row.addWidget(self.adverse_button)
        row.addWidget(self.addendum_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def install_adverse_key(self, host: QWidget, reveal: Callable[[], None]) -> None:
        """The adverse-event key anywhere on `host` (the session's page), not only while
        this panel's tab shows (a hidden button's key does nothing); `reveal` brings the
        panel into view first. The host holds the one shortcut: the button's own as well
        would make the key ambiguous while the tab shows."""
        self.adverse_button.setShortcut(QKeySequence())
        self._adverse_key = QShortcut(QKeySequence(ADVERSE_AFTER_KEY), host)
        self._adverse_key.activated.connect(lambda: (reveal(), self.add_adverse()))
        self._adverse_key.setEnabled(self.adverse_button.isEnabled())

    # --- showing -------------------------------------------------------------------

    def show_record(self, session_id: int, ended: bool, signed_by: str | None,
                    signed_at: float | None) -> None:
        self.session_id = session_id
        signed = signed_at is not None
        show_text(self.status_label, f"Signed by {signed_by}, {day_and_time(signed_at)}" if signed
                  else "Not signed" if ended else "Open — not ended", "Signature")
        self.status_label.setObjectName("signed" if signed else "unsigned")
        self.status_label.style().unpolish(self.status_label)  # the name picks the colour
        self.status_label.style().polish(self.status_label)
        show_text(self.note_label, SIGNED_NOTE if signed else UNSIGNED_NOTE if ended else OPEN_NOTE,
                  "About signing")
        self.sign_button.setEnabled(ended and not signed)
        self.sign_button.setVisible(ended and not signed)
        self.addendum_edit.setEnabled(ended)
        self.addendum_button.setEnabled(ended)
        self.adverse_button.setEnabled(ended)
        if self._adverse_key is not None:  # an open session's bar has this key for "End it"
            self._adverse_key.setEnabled(ended)
        history = history_html(self._keeper.history(session_id))
        self.history_label.setText(history)
        # Rich text on screen; its words, without the markup, for a screen reader.
        words = html.unescape(re.sub(r"<br>", ". ", re.sub(r"<(?!br>)[^>]+>", "", history)))
        self.history_label.setAccessibleName(f"History of the record: {words}")
        show_text(self.message_label, "", "Record message")

    # --- acting ----------------------------------------------------------------------

    def sign(self) -> None:
        if self.session_id is None or not self.sign_button.isEnabled():
            return
        name = self._signer("Sign the record", "Sign the record",
                            "A signed record cannot be changed; you can still add dated "
                            "addenda. Confirm with the practice passphrase that it is you who signs.")
        if name is not None:
            self._act(lambda: self._keeper.sign(self.session_id, name))

    def add_addendum(self) -> None:
        text = self.addendum_edit.toPlainText().strip()
        if self.session_id is None or not self.addendum_button.isEnabled():
            return
        if not text:
            show_text(self.message_label, "Type the addendum first.", "Record message")
            self.addendum_edit.setFocus()
            return
        author = self._signer("Add the addendum", "Add the addendum",
                              "The addendum is added to the record with your name and today's "
                              "date. Confirm with the practice passphrase.")
        if author is not None and self._act(
                lambda: self._keeper.add_addendum(self.session_id, text, author)):
            self.addendum_edit.clear()

    def add_adverse(self) -> None:
        """An adverse event learnt of after the session (a fall on the way out, nausea at
        home): the form, then the signer's confirmation, then the record takes it."""
        if self.session_id is None or not self.adverse_button.isEnabled():
            return
        event = self._dialogs.ask_adverse(self, self._keeper.now)
        if event is None:
            return
        author = self._signer("Add the adverse event", "Add it to the record",
                              "The adverse event is added to the record with your name and "
                              "today's date. Confirm with the practice passphrase.")
        if author is not None:
            self._act(lambda: self._keeper.add_adverse_event(self.session_id, event, author))

    def _signer(self, title: str, action: str, explanation: str) -> str | None:
        """Who signs, confirmed with the passphrase; the name is kept in Settings when new."""
        known = load(self._settings).therapist_name.strip()
        name = self._dialogs.ask_signer(self, title, action, explanation, known,
                                        self._keeper.passphrase_confirms)
        if name is None:
            return None
        if not known:
            self._settings.set(THERAPIST_NAME, name)
        return name

    def _act(self, action) -> bool:  # noqa: ANN001 - a callable
        try:
            action()
        except ReviewError as error:
            show_text(self.message_label, str(error), "Record message")
            return False
        session_id = self.session_id
        assert session_id is not None
        self.changed.emit(session_id)
        return True


def history_html(entries: tuple[RecordEntry, ...]) -> str:
    """The record's history, one dated line each; addenda with their words."""
    lines = []
    for entry in entries:
        when = html.escape(day_and_time(entry.at))
        what = {"signed": f"signed by {entry.who}", "addendum": f"addendum by {entry.who}",
                "app recovered": "app recovered after a gap"}.get(entry.what, entry.what)
        line = f"<span style='color:#6b635a'>{when}</span> — <b>{html.escape(what)}</b>"
        if entry.text:
            line += f"<br><span style='margin-left:12px'>{html.escape(entry.text)}</span>"
        lines.append(line)
    return "<br>".join(lines) or "No history yet."
