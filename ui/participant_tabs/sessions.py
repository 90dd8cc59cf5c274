"""Therapy sessions (therapists only): notes that are signed, and addenda after signing."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.journal import Dataset
from app.operations.records import ShownRecord as Record
from app.operations.records import sign_session
from app.reminders import therapy_course
from ui.formats import format_date
from ui.labels import choice_label
from ui.note_editor import NoteEditor
from ui.participant_tabs.common import ParticipantData, ParticipantTab
from ui.widgets.flag_bar import FlagBar, flag_text
from ui.widgets.items import ID_ROLE
from ui.widgets.labels import quiet_label
from ui.widgets.list_pane import ListPane


def session_number(session: Record) -> str:
    number = session.fields.get("number")
    return str(number) if number else "?"


class SessionsTab(ParticipantTab):
    """Session notes: drafts save themselves; a signed note is read only and takes addenda."""

    kinds = frozenset({"therapy_session", "therapy_addendum", "cbt_worksheet"})
    object_name = "sessionsTab"

    def build(self) -> None:
        ctx = self.ctx
        self.sessions: list[Record] = []
        self.addenda: list[Record] = []
        self.sign_box: QMessageBox | None = None
        self._started = False
        self._warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

        left = ListPane(on_new=self.new_session, on_chosen=self._chosen)
        self.count_label, self.new_button = left.count_label, left.new_button
        self.list, self.empty = left.list, left.empty

        self.editor = NoteEditor(
            journal=ctx.journal,
            participant_id=ctx.participant_id,
            record_type="therapy_session",
            initiator=ctx.initiator,
            clipboard=ctx.clipboard,
        )
        self.status = quiet_label()
        # The course: sessions held of the planned 5–15, how many are left, the phase
        # and the next session (app.reminders.therapy_course).
        self.course = QLabel()
        self.course.setObjectName("sessionCourse")
        self.course.setWordWrap(True)
        self.worksheets: list[Record] = []
        self.flag_bar = FlagBar(ctx.review)
        self.sign_button = QPushButton()
        self.sign_button.clicked.connect(self.request_sign)
        self.addendum_button = QPushButton()
        self.addendum_button.clicked.connect(self.new_addendum)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.sign_button)
        actions.addWidget(self.addendum_button)

        self.addenda_box = QGroupBox()
        self.addenda_list = QListWidget()
        self.addenda_list.setMaximumWidth(260)
        self.addenda_list.currentItemChanged.connect(self._addendum_chosen)
        self.addendum_editor = NoteEditor(
            journal=ctx.journal,
            participant_id=ctx.participant_id,
            record_type="therapy_addendum",
            initiator=ctx.initiator,
            clipboard=ctx.clipboard,
            fixed_values={"session": ""},
        )
        self.addendum_editor.body.setMinimumHeight(90)
        addenda_layout = QHBoxLayout(self.addenda_box)
        addenda_layout.setContentsMargins(12, 12, 12, 12)
        addenda_layout.setSpacing(12)
        addenda_layout.addWidget(self.addenda_list)
        addenda_layout.addWidget(self.addendum_editor, 1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(12, 0, 4, 0)
        right_layout.setSpacing(10)
        right_layout.addWidget(self.flag_bar)
        right_layout.addWidget(self.course)
        right_layout.addWidget(self.editor, 3)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.addenda_box, 2)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([300, 840])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.addWidget(splitter)
        self.retranslate_ui()
        self._show_state()

    def title(self) -> str:
        return self.tr("Sessions")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.new_button.setText(self.tr("&New session"))
        self.new_button.setAccessibleName(self.tr("New session"))
        self.list.setAccessibleName(self.tr("Sessions, newest first"))
        self.sign_button.setText(self.tr("&Sign…"))
        self.sign_button.setAccessibleName(self.tr("Sign this session note"))
        self.addendum_button.setText(self.tr("Add a&ddendum"))
        self.addendum_button.setAccessibleName(self.tr("Add an addendum to this session"))
        self.addenda_box.setTitle(self.tr("Addenda"))
        self.addenda_list.setAccessibleName(self.tr("Addenda to this session"))
        self.empty.setText(self.tr("No sessions yet."))
        self._fill_list()
        self._show_state()

    # -------------------------------------------------------------- state

    def current_session(self) -> Record | None:
        return next((s for s in self.sessions if s.id == self.editor.record_id), None)

    def _show_state(self) -> None:
        session = self.current_session()
        signed = bool(session and session.fields.get("signed"))
        self.editor.set_read_only(signed)
        self.sign_button.setVisible(not signed)
        self.sign_button.setEnabled(session is not None)
        self.addendum_button.setVisible(signed)
        self.addenda_box.setVisible(signed)
        self.count_label.setText(self.tr("%n session(s)", "", len(self.sessions)))
        self.course.setText(self.course_text())
        if session is None:
            self.status.setText(self.tr("A new session note. It is saved as you write."))
        elif signed:
            self.status.setText(
                self.tr("Signed %1 by %2. Read only; corrections go in an addendum.")
                .replace("%1", format_date(session.fields.get("signed")))
                .replace("%2", str(session.fields.get("signed_by") or ""))
            )
        else:
            self.status.setText(self.tr("Draft. Saved as you write; sign it when it is finished."))
        self.flag_bar.set_record(session)

    def course_text(self) -> str:
        """ "Held 4 of 10 planned · 6 left · weekly · next session 12.03.2026"."""
        course = therapy_course(
            Dataset.from_records([*self.sessions, *self.worksheets]),  # type: ignore[list-item]
            self.ctx.participant_id,
            self.ctx.today(),
        )
        if course.planned is None:
            parts = [self.tr("%n session(s) held; no planned number yet (5–15)", "", course.held)]
        else:
            parts = [
                self.tr("Held %1 of %2 planned")
                .replace("%1", str(course.held))
                .replace("%2", str(course.planned)),
                self.tr("%n left", "", course.left or 0),
            ]
        if course.phase:
            parts.append(choice_label(course.phase))
        if course.next_session is not None:
            parts.append(self.tr("next session %1").replace("%1", format_date(course.next_session)))
        return " · ".join(parts)

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for s in self.sessions:
                state = self.tr("signed") if s.fields.get("signed") else self.tr("draft")
                text = (
                    self.tr("Session %1 · %2")
                    .replace("%1", session_number(s))
                    .replace("%2", format_date(s.fields.get("date")))
                )
                item = QListWidgetItem(f"{text}\n{state}")
                item.setData(ID_ROLE, s.id)
                item.setSizeHint(QSize(0, self.list.fontMetrics().lineSpacing() * 2 + 16))
                if flag_text(s):
                    item.setIcon(self._warn)
                    item.setToolTip(flag_text(s))
                self.list.addItem(item)
                if s.id == self.editor.record_id:
                    self.list.setCurrentItem(item)
        finally:
            self.list.blockSignals(False)
        self.list.setVisible(bool(self.sessions))
        self.empty.setVisible(not self.sessions)

    def _fill_addenda(self) -> None:
        session = self.current_session()
        mine = [a for a in self.addenda if session and a.fields.get("session") == session.id]
        mine.sort(key=lambda a: (str(a.fields.get("date") or ""), a.id), reverse=True)
        self.addenda_list.blockSignals(True)
        try:
            self.addenda_list.clear()
            for a in mine:
                body = str(a.fields.get("body") or "").strip().splitlines()
                item = QListWidgetItem(
                    f"{format_date(a.fields.get('date'))}\n{body[0][:40] if body else ''}"
                )
                item.setData(ID_ROLE, a.id)
                self.addenda_list.addItem(item)
                if a.id == self.addendum_editor.record_id:
                    self.addenda_list.setCurrentItem(item)
        finally:
            self.addenda_list.blockSignals(False)

    def show_data(self, data: ParticipantData) -> None:
        self.sessions = sorted(
            data.of("therapy_session"),
            key=lambda r: (str(r.fields.get("date") or ""), int(r.fields.get("number") or 0)),
            reverse=True,
        )
        self.addenda = data.of("therapy_addendum")
        self.worksheets = data.of("cbt_worksheet")
        current = self.current_session()
        if not self._started:
            self._started = True
            self._open(self.sessions[0] if self.sessions else None)
            current = self.current_session()
        elif current is not None:
            self.editor.external_update(current)
        elif self.editor.record_id is not None and not self.editor.has_pending():
            self.new_session()
        addendum = next((a for a in self.addenda if a.id == self.addendum_editor.record_id), None)
        if addendum is not None:
            self.addendum_editor.external_update(addendum)
        self._fill_list()
        self._fill_addenda()
        self._show_state()

    # ------------------------------------------------------------ actions

    def _open(self, session: Record | None) -> bool:
        if not self.addendum_editor.flush():
            return False
        if not self.editor.set_note(session, self._new_defaults() if session is None else None):
            return False
        self.addendum_editor.saver.fixed_values["session"] = session.id if session else ""
        self.addendum_editor.new_note()
        self._fill_addenda()
        self._show_state()
        return True

    def _new_defaults(self) -> dict[str, object]:
        numbers = [int(s.fields.get("number") or 0) for s in self.sessions]
        return {"number": max(numbers, default=0) + 1}

    def _chosen(self, item: QListWidgetItem | None, _prev: object) -> None:
        if item is None:
            return
        session = next((s for s in self.sessions if s.id == item.data(ID_ROLE)), None)
        if session is not None and session.id != self.editor.record_id and not self._open(session):
            self._fill_list()

    def new_session(self) -> bool:
        if not self._open(None):
            return False
        self.list.clearSelection()
        self.editor.focus_body()
        return True

    def request_sign(self) -> QMessageBox | None:
        """Ask before signing: a signed note can never change."""
        if not self.editor.flush() or self.current_session() is None:
            return None
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Sign session note"))
        box.setText(self.tr("Sign this session note?"))
        box.setInformativeText(
            self.tr("A signed note cannot be changed or deleted. Corrections go in an addendum.")
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Sign"))
        box.accepted.connect(self.sign_current)
        self.sign_box = box
        box.open()
        return box

    def sign_current(self) -> bool:
        session = self.current_session()
        if session is None or not self.editor.flush():
            return False
        journal, initiator = self.journal, self.ctx.initiator
        return self.ctx.write(
            lambda: sign_session(journal, record_id=session.id, initiator=initiator)
        )

    def new_addendum(self) -> bool:
        session = self.current_session()
        if session is None or not self.addendum_editor.new_note():
            return False
        self.addendum_editor.saver.fixed_values["session"] = session.id
        self.addenda_list.clearSelection()
        self.addendum_editor.focus_body()
        return True

    def _addendum_chosen(self, item: QListWidgetItem | None, _prev: object) -> None:
        if item is None:
            return
        addendum = next((a for a in self.addenda if a.id == item.data(ID_ROLE)), None)
        if addendum is not None and addendum.id != self.addendum_editor.record_id:
            self.addendum_editor.set_note(addendum)

    def _has_pending(self) -> bool:
        return self.editor.has_pending() or self.addendum_editor.has_pending()

    def _flush(self) -> bool:
        ok = self.editor.flush()
        return self.addendum_editor.flush() and ok

    def _shutdown(self) -> None:
        self.editor.shutdown()
        self.addendum_editor.shutdown()
