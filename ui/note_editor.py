"""Notes that save themselves: a pause after typing, leaving a field, switching note, closing.

:class:`RecordAutosaver` does the saving for any :class:`~ui.record_form.RecordForm`
(notes, session notes, CBT worksheets, a career profile); :class:`NoteEditor`
is the note screen built on it: date, topic and title above a large text.

Saving runs when typing pauses (a single-shot timer restarted by every edit),
never per key, and on the journal's executor (app.executor), not on the GUI
thread: typing goes on while a sync page is being applied, and the save lands
after it. Leaving a field saves the same way; switching note, closing and
locking wait for the save. The write comes back with its record read once on
the executor (``ChangeEvent.records``), which the views show without reading it
again. When the same record changed elsewhere while the user was typing (a
sync), the user's edit is merged into the newer text (diff-match-patch
three-way merge, on the executor with the write) instead of overwriting it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future, wait
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from diff_match_patch import diff_match_patch
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.schema import ENTITIES, ValidationError
from app.journal import Journal, Performed
from app.operations.records import ShownRecord as Record
from ui.lock_guard import ClipboardGuard
from ui.record_form import RecordForm, explain, is_empty, same_value
from ui.tasks import on_landed

SaveState = Literal["idle", "pending", "saved", "failed"]

AUTOSAVE_DELAY_MS = 800


def merge_text(base: str, ours: str, theirs: str) -> str:
    """Apply the edit base→ours onto theirs (a three-way merge of plain text)."""
    if theirs == base:
        return ours
    if ours == base:
        return theirs
    dmp = diff_match_patch()
    patches = dmp.patch_make(base, ours)
    merged, _applied = dmp.patch_apply(patches, theirs)
    return str(merged)


def merge_changes(
    record_type: str,
    changed: Mapping[str, Any],
    base: Mapping[str, Any],
    remote: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The user's changes to a record, with each text that also changed elsewhere
    (``remote``, since ``base``) merged three-way. Pure: it runs on the executor."""
    if remote is None:
        return dict(changed)
    spec = ENTITIES[record_type]
    out = dict(changed)
    for name, ours in changed.items():
        theirs = remote.get(name)
        if spec.by_name[name].is_text and not same_value(theirs, base.get(name)):
            out[name] = merge_text(base.get(name) or "", ours or "", theirs or "")
    return out


# What a save's write returns: the new record's id (None for an update) and the
# values written (an update: the changed fields, with merged texts).
Written = tuple[str | None, dict[str, Any]]


def _has_content(form: RecordForm) -> bool:
    values = form.values()
    return any(
        not is_empty(values.get(name)) and form.spec.by_name[name].kind in ("str", "text")
        for name in form.field_names
    )


@dataclass(slots=True)
class _Flight:
    """One save on its way through the executor."""

    future: Future[Performed[Written]]
    snapshot: dict[str, Any]  # the form's values when the save was made
    remote: dict[str, Any] | None  # the newer record from elsewhere that was merged in
    creating: bool
    ok: bool | None = None  # once settled: whether it was written


class RecordAutosaver(QObject):
    """Saves a form into one record shortly after the user stops editing.

    A new record is made by the first save that has something worth keeping
    (by default: any text filled in). ``fixed_values`` go into a new record
    (e.g. the session an addendum belongs to); ``touch_values()`` go into every
    save (e.g. today's date as "updated").

    Signals:
        state_changed(): ``state`` changed (idle, pending, saved, failed).
        saved(str): the record id after a successful save.
        created(str): the first save made a new record with this id.
    """

    state_changed = Signal()
    saved = Signal(str)
    created = Signal(str)

    def __init__(
        self,
        *,
        journal: Journal,
        form: RecordForm,
        participant_id: str,
        initiator: object | None = None,
        fixed_values: Mapping[str, Any] | None = None,
        touch_values: Callable[[], Mapping[str, Any]] | None = None,
        can_create: Callable[[RecordForm], bool] = _has_content,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.form = form
        self.participant_id = participant_id
        self.initiator = initiator if initiator is not None else self
        self.fixed_values = dict(fixed_values or {})
        self._touch = touch_values
        self._can_create = can_create
        self.record_id: str | None = None
        self.state: SaveState = "idle"
        self.saved_at: datetime | None = None
        self.error = ""
        self._remote: dict[str, Any] | None = None
        self._enabled = True
        self._saving = False
        self._flight: _Flight | None = None  # on its way, not settled yet
        self._sent: _Flight | None = None  # the latest sent (it may have landed at once)
        self._again = False  # the timer fired while a save was on its way
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_soon)
        form.edited.connect(self._edited)

    @property
    def delay_ms(self) -> int:
        return self.timer.interval()

    @delay_ms.setter
    def delay_ms(self, ms: int) -> None:
        self.timer.setInterval(ms)

    # ------------------------------------------------------------ loading

    def load(self, record: Record | None, defaults: Mapping[str, Any] | None = None) -> None:
        """Show ``record`` (None: a new, empty one with ``defaults``). Does not save first
        (a save already on its way lands first)."""
        self.timer.stop()
        self._wait_flight()
        self._remote = None
        self.record_id = record.id if record is not None else None
        self.form.set_values(record.fields if record is not None else dict(defaults or {}))
        self._set_state("idle")

    def external_update(self, record: Record) -> None:
        """The shown record changed elsewhere: show it, or merge it in at the next save."""
        if record.id != self.record_id:
            return
        if self.has_pending():
            self._remote = dict(record.fields)
            return
        shown = self.form.saved_values()
        if any(not same_value(record.fields.get(n), shown.get(n)) for n in self.form.field_names):
            self.form.set_values(record.fields)

    def set_enabled(self, enabled: bool) -> None:
        """A read-only record (signed) never saves."""
        self._enabled = enabled
        if not enabled:
            self.timer.stop()

    # ------------------------------------------------------------- saving

    def _edited(self, _name: str) -> None:
        if not self._enabled:
            return
        self.timer.start()
        self._set_state("pending")

    def has_pending(self) -> bool:
        """True while there is an edit that is not in the store."""
        if not self._enabled:
            return False
        if self._flight is not None:
            return True
        if self.record_id is None:
            return self.form.is_dirty() and self._can_create(self.form)
        return self.timer.isActive() or self.form.is_dirty()

    def flush(self) -> bool:
        """Save now if anything is pending; False when that failed."""
        self.timer.stop()
        if not self.has_pending():
            if self.state == "pending":
                self._set_state("idle")
            return True
        return self.save()

    def save(self) -> bool:
        """Write the changes and wait for them; on failure keep them and say why (the next
        edit retries). For switching note, closing and locking."""
        self.timer.stop()
        if not self._enabled or self._saving:
            return not self._enabled
        self._saving = True
        try:
            self._again = False
            self._wait_flight()
            if not self._send():
                return False
            return self._wait_flight(self._sent)
        finally:
            self._saving = False

    def save_soon(self) -> None:
        """Write the changes without waiting: the result lands on this thread later."""
        self.timer.stop()
        if not self._enabled or self._saving:
            return
        if self._flight is not None:
            self._again = True
            return
        self._send()

    def _send(self) -> bool:
        """Hand the pending write to the executor; False when that failed at once."""
        form = self.form
        problems = form.check_input()
        if problems:
            # A date typed that is not a date: nothing is saved until it is one.
            self._failed(explain(ValidationError(problems)))
            return False
        touch = dict(self._touch()) if self._touch else {}
        journal, initiator = self.journal, self.initiator
        write: Callable[[], Written]
        if self.record_id is None:
            if not (form.is_dirty() and self._can_create(form)):
                self._set_state("idle")
                return True
            values = {**form.filled_values(), **self.fixed_values, **touch}
            record_type, participant_id = form.record_type, self.participant_id

            def write() -> Written:
                rid = journal.add(
                    record_type, values, participant_id=participant_id, initiator=initiator
                )
                return rid, values

        else:
            changed = form.changed_values()
            if not changed:
                self._set_state("saved" if self.saved_at else "idle")
                return True
            record_id, record_type = self.record_id, form.record_type
            base, remote = form.saved_values(), self._remote

            def write() -> Written:
                # The three-way merge of a text changed elsewhere runs here too, off
                # the GUI thread.
                merged = merge_changes(record_type, changed, base, remote)
                journal.update(record_id, {**merged, **touch}, initiator=initiator)
                return None, merged

        try:
            future = journal.perform(write)
        except Exception as exc:  # the journal is locked
            self._failed(explain(exc))
            return False
        flight = _Flight(future, form.values(), self._remote, self.record_id is None)
        self._flight = self._sent = flight

        def landed(_future: Future[Performed[Written]]) -> None:
            self._land(flight)

        on_landed(future, self, landed)
        return True

    def _wait_flight(self, flight: _Flight | None = None) -> bool:
        """Wait for a save (by default the one on its way, if any) and settle it here;
        False when it failed."""
        flight = flight or self._flight
        if flight is None:
            return True
        wait([flight.future])  # a failure is settled below
        return self._land(flight)

    def _land(self, flight: _Flight) -> bool:
        if flight.ok is None:
            flight.ok = self._settle(flight)
        return flight.ok

    def _settle(self, flight: _Flight) -> bool:
        if self._flight is flight:
            self._flight = None
        form = self.form
        try:
            performed = flight.future.result()
        except ValidationError as exc:
            form.show_errors(exc.errors)
            self._failed(explain(exc))
            return False
        except Exception as exc:
            self._failed(explain(exc))
            return False
        if flight.creating:
            rid = performed.value[0]
            assert rid is not None
            self.record_id = rid
            form.mark_saved(flight.snapshot)
            self._saved()
            # Views hear of the write once the form knows it is stored.
            self.journal.announce(performed.events)
            self.created.emit(rid)
            self.saved.emit(rid)
        else:
            if self._remote is flight.remote:
                self._remote = None
            shown = {**(flight.remote or {}), **performed.value[1]}
            current = form.values()
            # The merged text replaces only fields not typed in since the save was made.
            differs = {
                n: v
                for n, v in shown.items()
                if not same_value(v, current.get(n))
                and same_value(current.get(n), flight.snapshot.get(n))
            }
            if differs:
                form.update_values(differs)
            form.mark_saved({**flight.snapshot, **shown})
            self._saved()
            self.journal.announce(performed.events)
            assert self.record_id is not None
            self.saved.emit(self.record_id)
        if self.timer.isActive():
            self._set_state("pending")
        elif self._again:
            self._again = False
            self.save_soon()
        return True

    def _saved(self) -> None:
        self.saved_at = datetime.now()
        self.error = ""
        self._set_state("saved")

    def _failed(self, message: str) -> None:
        self.error = message
        self._set_state("failed")

    def _set_state(self, state: SaveState) -> None:
        # Every keystroke asks for "pending": say so only when something changed.
        if state == self.state and state in ("pending", "idle"):
            return
        self.state = state
        self.state_changed.emit()

    def state_text(self) -> str:
        if self.state == "pending":
            return QCoreApplication.translate("NoteEditor", "Saving…")
        if self.state == "saved" and self.saved_at is not None:
            return QCoreApplication.translate("NoteEditor", "Saved %1").replace(
                "%1", self.saved_at.strftime("%H:%M")
            )
        if self.state == "failed":
            return QCoreApplication.translate("NoteEditor", "Not saved: %1").replace(
                "%1", self.error
            )
        return ""

    def stop(self) -> None:
        self.timer.stop()


QUIET_STYLE = "color: palette(placeholder-text);"


class SaveStateLabel(QLabel):
    """The quiet "Saved 10:42" / "Saving…" / error line under an autosaving form."""

    def __init__(self, saver: RecordAutosaver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saver = saver
        self.setObjectName("saveState")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        saver.state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        # Only what changed: a new style sheet re-polishes the label and lays out its window.
        style = "color: #9b2c2c;" if self._saver.state == "failed" else QUIET_STYLE
        if style != self.styleSheet():
            self.setStyleSheet(style)
        text = self._saver.state_text()
        if text != self.text():
            self.setText(text)
            self.setAccessibleName(text)


class _FlushOnFocusOut(QObject):
    def __init__(self, saver: RecordAutosaver, parent: QObject) -> None:
        super().__init__(parent)
        self._saver = saver

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._saver.has_pending():
            self._saver.save_soon()
        return False


def flush_on_focus_out(saver: RecordAutosaver, widgets: list[QWidget]) -> None:
    """Save as soon as the user leaves one of ``widgets`` with an edit pending."""
    filt = _FlushOnFocusOut(saver, saver)
    for w in widgets:
        w.installEventFilter(filt)
        if (inner := w.focusProxy()) is not None:
            inner.installEventFilter(filt)  # a date field: its line edit has the focus


class NoteEditor(QWidget):
    """One note at a time: date, topic and title above the text; saves by itself.

    Works for any record type with a ``body`` text (case notes, therapy
    sessions, addenda). Switching note, leaving a field and ``shutdown()`` save
    at once; typing saves after a short pause.

    Signals:
        note_saved(str): the note's id, after each save.
        note_created(str): a new note was stored for the first time.
    """

    note_saved = Signal(str)
    note_created = Signal(str)

    def __init__(
        self,
        *,
        journal: Journal,
        participant_id: str,
        record_type: str = "case_note",
        initiator: object | None = None,
        clipboard: ClipboardGuard | None = None,
        fixed_values: Mapping[str, Any] | None = None,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.record_type = record_type
        fixed = dict(fixed_values or {})
        self.form = RecordForm(
            record_type,
            exclude=fixed,
            clipboard=clipboard,
            layout="none",
            today=journal.today,
            parent=self,
        )
        self.saver = RecordAutosaver(
            journal=journal,
            form=self.form,
            participant_id=participant_id,
            initiator=initiator,
            fixed_values=fixed,
            delay_ms=delay_ms,
            parent=self,
        )
        self.saver.saved.connect(self.note_saved)
        self.saver.created.connect(self.note_created)
        flush_on_focus_out(self.saver, self.form.editors())
        self.body = self.form.editor("body")
        self.body.setMinimumHeight(160)
        self.state_label = SaveStateLabel(self.saver)

        header = QHBoxLayout()
        header.setSpacing(16)
        for name in self.form.field_names:
            if name == "body":
                continue
            column = QVBoxLayout()
            column.setSpacing(4)
            column.addWidget(self.form.label(name))
            column.addWidget(self.form.field_box(name))
            header.addLayout(column, 1 if name == "title" else 0)
        if "title" not in self.form.field_names:
            header.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(header)
        self.body_label = self.form.label("body")
        layout.addWidget(self.body_label)
        layout.addWidget(self.form.field_box("body"), 1)
        layout.addWidget(self.state_label)
        self.new_note()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Note editor"))
        self.state_label.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ------------------------------------------------------------- notes

    @property
    def record_id(self) -> str | None:
        return self.saver.record_id

    def default_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {"date": self.journal.today().isoformat()}
        if "topic" in self.form.field_names:
            values["topic"] = "general"
        return values

    def set_note(self, record: Record | None, defaults: Mapping[str, Any] | None = None) -> bool:
        """Save the note being written, then show ``record`` (None: a new note).

        Returns False, and keeps the current note, when saving it failed.
        """
        if not self.saver.flush():
            return False
        self.saver.load(record, {**self.default_values(), **(defaults or {})})
        return True

    def new_note(self, defaults: Mapping[str, Any] | None = None) -> bool:
        return self.set_note(None, defaults)

    def external_update(self, record: Record) -> None:
        self.saver.external_update(record)

    def set_read_only(self, read_only: bool) -> None:
        self.form.set_read_only(read_only)
        self.saver.set_enabled(not read_only)

    def focus_body(self) -> None:
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)

    def has_pending(self) -> bool:
        return self.saver.has_pending()

    def flush(self) -> bool:
        return self.saver.flush()

    def shutdown(self) -> None:
        """Save what is pending, synchronously, and stop the timer."""
        self.saver.flush()
        self.saver.stop()
