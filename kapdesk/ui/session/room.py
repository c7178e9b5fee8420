"""The room view: the session screen the therapist glances at from the chair.

Dark and warm (room.qss). Large phase and count-down, the whole session as a
phase strip, checkpoint reminders, the running log, a note field, quick tags,
vitals entry and the controls. Every control has one key, shown on it:

    F2 note field     F3 vitals      F4 / Shift+F4 first reminder: act / set aside
    F5 pause/resume   F6 +5 min      F7 next phase     F8 end (then Ctrl+Shift+E)
    F9 dim            F10 debrief    F11 discharge     F12 acknowledge an alert
    F1 silence (music strip)         Ctrl+Shift+F full screen
    Ctrl+D record the dose (shown only until a dose is recorded)
    Ctrl+G grounding screen (5-4-3-2-1; the same key closes it)
    Ctrl+Shift+A record an adverse event

Focus and typing follow one model (session_typing.py; the legend above the
tags says it): keys go to the room, typing there starts a note, Enter saves
it and gives the keys back, Esc keeps the draft; 1–9 tag outside the note
field, Alt+1–9 anywhere; keys typed blind while the room is built never tag.

Consent to touch stands in the top row, small and always there ("Touch:
none", the limits in the client's words, or "Touch: no consent recorded"):
set once when the room is built, it never repaints with the tick.

The dim level (F9) and an acknowledged alert (F12) are stored in the session's
log like everything else, so a room resumed after a crash opens as dark as it
was, and raises again only an alert nobody has seen.

F-keys were chosen because they never collide with typing a note. Nothing
here takes focus on its own: reminders and alerts appear in place, the alert
is announced.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kapdesk.core.alerts import alert_message, seen_data, standing_alert
from kapdesk.core.ending import DISCHARGE_ITEMS, end_warning
from kapdesk.core.events import Event, EventKind
from kapdesk.core.formatting import SINCE_DOSE_LEGEND
from kapdesk.core.practice_settings import PracticeSettings
from kapdesk.core.readiness_record import touch_line
from kapdesk.core.timeline import SessionState
from kapdesk.core.vitals import VitalsReading
from kapdesk.ui.common.adverse_form import ADVERSE_KEY, AdverseEventForm
from kapdesk.ui.session.alert import AlertBanner
from kapdesk.ui.session.grounding import GROUNDING_KEY, GroundingScreen
from kapdesk.ui.session.reminders import ReminderPanel
from kapdesk.ui.session.clockface import ClockFace
from kapdesk.ui.session.end_confirm import EndConfirmBar
from kapdesk.ui.session.controller import SessionController
from kapdesk.ui.session.dim import DimOverlay
from kapdesk.ui.session.fullscreen import FullScreen
from kapdesk.ui.session.room_log import SessionLog
from kapdesk.ui.session.phase_strip import PhaseStrip
from kapdesk.ui.session.tags import TagBar
from kapdesk.ui.session.room_keys import RoomTyping
from kapdesk.ui.session.vitals_form import VitalsEntry
from kapdesk.ui.common.widgets import key_button, key_hint, label, set_level, show_text

NOTE_PLACEHOLDER = "Just type to write a note   (F2)"
LEGEND = "Just type a note: Enter saves, Esc keeps the draft"  # + the tags' hint
# The log's times, said once (its lines read as Records': core.log_lines).
LOG_HEADING = f"Log   ·   {SINCE_DOSE_LEGEND}"
FULL_SCREEN_KEY = "Ctrl+Shift+F"  # F11 is the discharge page's


class RoomView(QWidget):
    dose_requested = Signal()
    debrief_requested = Signal()
    discharge_requested = Signal()

    def __init__(self, controller: SessionController, settings: PracticeSettings,
                 title: str, monotonic: Callable[[], float],
                 parent: QWidget | None = None, touch: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("roomView")
        self.setAccessibleName("Session room view")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the room itself takes the keys
        self.controller = controller
        self._thresholds = settings.vital_thresholds
        state = controller.state()
        self._phase_shown = state.phase_index
        self._controls_shown: tuple[bool, ...] | None = None
        self._alert_for: Event | None = None  # the reading whose alert is up
        self._build(settings, title, monotonic, state)
        self.touch = label("", "touchLine", wrap=False)
        show_text(self.touch, touch_line(touch), "Consent to touch")
        self._lay_out()
        self._connect()
        self.log.rebuild(controller.runner.events, state)
        # A resumed room as the log left it: as dark, and its alert up if not yet seen.
        self._show_dim(state.dim_level)
        self._show_alert(state)
        self.show_state(state)

    # --- building -------------------------------------------------------------

    def _build(self, settings: PracticeSettings, title: str, monotonic: Callable[[], float],
               state: SessionState) -> None:
        self.alert = AlertBanner(self)
        self.title = label("", "roomTitle", wrap=False)
        show_text(self.title, title, "Client and script")
        self.strip = PhaseStrip(self.controller.runner.script, self)
        self.face = ClockFace(self)
        self.reminders = ReminderPanel(self)
        self.log = SessionLog(self.controller.runner.script, self._thresholds, self)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setAccessibleDescription(
            "F2 or typing in the room starts a note; Enter saves it; Esc goes back to the room")
        self.note_edit.setPlaceholderText(NOTE_PLACEHOLDER)
        self.legend = label("", "hint")
        show_text(self.legend, LEGEND, "Keys")
        self.tags = TagBar(settings.quick_tags, columns=3, parent=self)
        self.vitals = VitalsEntry(self._thresholds, before_dose=state.dose_at is None, parent=self)
        self.status = label("", "roomStatus", "Message")
        self.status.hide()
        self.music_slot = QWidget(self)  # the music strip (music_wiring) goes here
        self.music_slot.setObjectName("musicSlot")
        self.music_slot.setAccessibleName("Music")
        QVBoxLayout(self.music_slot).setContentsMargins(0, 0, 0, 0)
        self._build_controls(monotonic)
        self.dim = DimOverlay(self)
        self.grounding = GroundingScreen(self)  # over the veil: readable at the darkest
        self.typing = RoomTyping(self, self.note_edit, monotonic, (self.alert, self.confirm))
        self.tags.keys_held = self.typing.tag_keys_held

    def _build_controls(self, monotonic: Callable[[], float]) -> None:
        c = self.controller
        self.pause_button = key_button("Pause", "F5", c.toggle_pause, self, name="pauseButton")
        self.extend_button = key_button("+5 min", "F6", lambda: c.extend(300), self)
        self.next_button = key_button("Next phase", "F7", c.skip_phase, self)
        self.dim_button = key_button("Dim", "F9", self._cycle_dim, self)
        self.debrief_button = key_button("Debrief", "F10", self.debrief_requested.emit, self)
        self.discharge_button = key_button("Discharge", "F11", self.discharge_requested.emit, self)
        self.end_button = key_button("End session…", "F8", self._ask_end, self, name="endButton")
        # Only until a dose is recorded (room opened early, or resumed before the dose).
        self.dose_button = key_button("Record the dose…", "Ctrl+D", self.dose_requested.emit,
                                      self, name="doseLink")
        self.full_screen = FullScreen(self)
        self.full_screen_button = key_button("Full screen", FULL_SCREEN_KEY,
                                             self.full_screen.toggle, self, name="fullScreenButton")
        self.full_screen.changed.connect(self._show_full_screen)
        self.grounding_button = key_button("Grounding", GROUNDING_KEY, self.toggle_grounding, self,
                                           name="groundingButton")
        self.adverse_button = key_button("Adverse event…", ADVERSE_KEY, self.record_adverse, self,
                                         name="adverseButton")
        self.adverse_form: AdverseEventForm | None = None
        self.confirm = EndConfirmBar(monotonic, self)
        QShortcut(QKeySequence("F2"), self, self.focus_note)
        QShortcut(QKeySequence("F3"), self, self.vitals.focus_first)

    def _lay_out(self) -> None:
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(self._clock_column(), 3)
        body.addLayout(self._record_column(), 2)
        controls = QHBoxLayout()
        controls.setSpacing(6)
        for button in (self.pause_button, self.extend_button, self.next_button, self.dim_button,
                       self.debrief_button, self.discharge_button):
            controls.addWidget(button)
        controls.addStretch(1)
        controls.addWidget(self.end_button)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.touch)
        top.addWidget(self.dose_button)
        top.addWidget(self.full_screen_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.strip)
        # In the page, not over it: the client's name and the phase strip stay in
        # sight above the alert, the music strip above the end question; the
        # clock face gives up the height (its count-down shrinks to fit).
        layout.addWidget(self.alert)
        layout.addLayout(body, 1)
        layout.addWidget(self.music_slot)
        layout.addWidget(self.confirm)
        layout.addLayout(controls)

    def _clock_column(self) -> QVBoxLayout:
        """Left: what the therapist reads from the chair, and the note they type."""
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(self.face, 1)
        column.addWidget(self.reminders)
        column.addWidget(self.note_edit)
        # Under the note, not in the row of session keys: there they cut every button's
        # words at 1280x800 (and more at 1024x640); here the column has the width.
        care = QHBoxLayout()
        care.setSpacing(6)
        care.addWidget(self.grounding_button)
        care.addWidget(self.adverse_button)
        care.addStretch(1)
        column.addLayout(care)
        return column

    def _record_column(self) -> QVBoxLayout:
        """Right: the log, vitals and tags; the log gives way when space is short."""
        column = QVBoxLayout()
        column.setSpacing(6)
        heading = label("", "hint", wrap=False)
        show_text(heading, LOG_HEADING, "Log")
        column.addWidget(heading)
        column.addWidget(self.log, 1)
        column.addWidget(self.vitals)
        column.addWidget(self.status)
        # Here, level with the note field, rather than under it: the left
        # column is the taller one (two reminders at 1024x640).
        column.addWidget(self.legend)
        column.addWidget(self.tags)
        return column

    def _connect(self) -> None:
        c = self.controller
        c.state_changed.connect(self.show_state)
        c.event_committed.connect(self._committed)
        c.command_failed.connect(lambda text: self.say(text, "alert"))
        self.note_edit.returnPressed.connect(self.save_note)
        self.tags.tag_chosen.connect(c.add_tag)
        self.tags.early_text.connect(self.typing.start_note)
        self.vitals.submitted.connect(self._save_vitals)
        self.reminders.done_requested.connect(c.checkpoint_done)
        self.reminders.dismiss_requested.connect(c.dismiss_checkpoint)
        self.reminders.vitals_requested.connect(lambda _id: self.vitals.focus_first())
        self.confirm.confirmed.connect(c.end)
        self.alert.shown.connect(self._lift_dim)
        self.alert.acknowledged.connect(self._acknowledge_alert)
        self.alert.shown.connect(self._fit_bars)
        self.grounding.closed.connect(self._grounding_closed)

    # --- focus (session_typing.py holds the model) ------------------------------

    def focus_room(self) -> None:
        self.typing.focus_room()

    def focus_note(self) -> None:
        self.typing.focus_note()

    # --- behaviour ---------------------------------------------------------------

    def say(self, text: str, level: str = "") -> None:
        self.status.setVisible(bool(text))
        show_text(self.status, text, "Message")
        set_level(self.status, level)

    def save_note(self) -> None:
        """Enter in the note field: store it, then back to the room.

        The field clears only once the note is stored; if it could not be, the
        draft and the cursor stay, so Enter again tries again.
        """
        if not self.note_edit.text().strip():
            self.focus_room()
            return
        if self.controller.add_note(self.note_edit.text()) is not None:
            self.note_edit.clear()
            self.say("")
            self.focus_room()

    def _save_vitals(self, reading: VitalsReading, reason: str) -> None:
        event = self.controller.record_vitals(reading, reason or None)
        if event is not None:
            self.vitals.show_saved(event)
            if self.vitals.isAncestorOf(QApplication.focusWidget()):
                self.focus_room()  # saved: keys back to the room, as after a note

    def _committed(self, event: Event) -> None:
        state = self.controller.state()
        self._add_phase_lines(state, before=event.at)  # phases that ran out before it
        self.log.add_event(event)
        self._add_phase_lines(state)  # the phase a skip has just begun
        if event.kind is EventKind.VITALS:
            self._show_alert(state)

    # --- the safety alert and the dimming: kept in the log (core.alerts) ---------

    def _show_alert(self, state: SessionState) -> None:
        self._alert_for = standing_alert(state, self._thresholds)
        if self._alert_for is None:
            self.alert.hide()
            return
        _settle_layouts()
        self.alert.raise_alert(alert_message(self._alert_for, self._thresholds))

    def _acknowledge_alert(self) -> None:
        """F12: stored first, so a resume does not raise it again; if not stored, it stays."""
        reading = self._alert_for
        if reading is not None and not self.controller.state().ended:
            if self.controller.acknowledge_alert(seen_data(reading, self._thresholds)) is None:
                return  # not stored: the message says why; F12 again tries again
        self._alert_for = None
        self.alert.hide()

    # --- grounding and adverse events -----------------------------------------------

    def toggle_grounding(self) -> None:
        """Ctrl+G: open the grounding screen over the room, or close it."""
        if self.grounding.is_open:
            self.grounding.close_screen()
            return
        self.controller.open_grounding()
        self.grounding.open()

    def _grounding_closed(self, steps_seen: int) -> None:
        self.controller.close_grounding(steps_seen)
        self.focus_room()

    def record_adverse(self) -> None:
        """Ctrl+Shift+A: the adverse-event form over the room (the session runs on)."""
        if self.adverse_form is not None and self.adverse_form.isVisible():
            self.adverse_form.activateWindow()
            return
        form = AdverseEventForm(self.controller.now,
                                lambda event: self.controller.record_adverse_event(event) is not None,
                                self)
        form.finished.connect(lambda _result: self.focus_room())
        self.adverse_form = form
        form.open()

    def _cycle_dim(self) -> None:
        self._dim_to(self.dim.next_level_name, "key")

    def _lift_dim(self) -> None:
        if self.dim.level_name != "off":
            self._dim_to("off", "alert")

    def _dim_to(self, level: str, why: str) -> None:
        # Stored so that a resume restores it; if the write fails (the message says
        # so) the veil changes all the same: it is comfort, not a clinical record.
        if not self.controller.state().ended:
            self.controller.set_dim(level, why)
        self._show_dim(level)

    def _show_dim(self, level: str) -> None:
        self.dim.set_level(level)
        self.dim_button.setAccessibleDescription(f"Dimming {self.dim.level_name}")

    def _show_full_screen(self, on: bool) -> None:
        text = "Leave full screen" if on else "Full screen"
        self.full_screen_button.setText(f"{text}   {key_hint(FULL_SCREEN_KEY)}")
        self.full_screen_button.setAccessibleName(text)

    def _ask_end(self) -> None:
        # What is left undone, named (core.ending): checks, discharge items, the debrief.
        warning = end_warning(self.controller.state(), DISCHARGE_ITEMS)
        _settle_layouts()
        self.confirm.toggle(warning)
        self._fit_bars()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_bars()

    def _fit_bars(self) -> None:
        """The alert and the end question as tall as their words need at this width.

        Left to the layout, a wrapped sentence's minimum is worked out for a
        narrow guess of its width, three lines high: the window grew to that
        and stayed grown, past the bottom of a 1280x800 screen.
        """
        margins = self.layout().contentsMargins()
        width = self.width() - margins.left() - margins.right()
        for bar in (self.alert, self.confirm):
            if bar.isVisibleTo(self):
                height = bar.heightForWidth(width) if bar.hasHeightForWidth() else -1
                bar.setFixedHeight(height if height > 0 else bar.sizeHint().height())

    def show_state(self, state: SessionState) -> None:
        if state.phase_index > self._phase_shown:
            self._add_phase_lines(state)
        self.face.set_state(state)
        self.strip.set_state(state)
        self.reminders.set_state(state)
        controls = (state.paused, state.is_last_phase, state.ended, state.dose_at is None)
        if controls != self._controls_shown:
            # The buttons change only with events; a tick leaves them alone.
            self._controls_shown = controls
            self._show_controls(state)

    def _show_controls(self, state: SessionState) -> None:
        self.vitals.before_dose = state.dose_at is None
        paused_text = "Resume" if state.paused else "Pause"
        if self.pause_button.accessibleName() != paused_text:
            self.pause_button.setText(f"{paused_text}   F5")
            self.pause_button.setAccessibleName(paused_text)
        self.next_button.setEnabled(not state.is_last_phase and not state.ended)
        self.dose_button.setVisible(state.dose_at is None and not state.ended)
        for button in (self.pause_button, self.extend_button, self.end_button):
            button.setEnabled(not state.ended)

    def _add_phase_lines(self, state: SessionState, before: float | None = None) -> None:
        """A log line for each phase begun since the last one shown (and before `before`)."""
        for span in state.phase_spans:
            if span.phase_index > self._phase_shown and (before is None or span.start_at < before):
                self.log.add_phase(span.phase_index, span.start_at)
                self._phase_shown = span.phase_index


def _settle_layouts() -> None:
    """Lay out what is waiting to be, before a bar appears.

    Showing a bar lays the page out at once; a reminder card that has just
    gone would still be counted in it, and the window would grow for a card
    no longer there (and stay grown).
    """
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
