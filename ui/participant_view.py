"""One participant: a header, and tabs for everything recorded about them.

The view opens the participant through ``Journal.open_participant`` (an
audited read), keeps one snapshot of their records, and learns of every change
from the journal's change events (the one notification path): its own writes
carry the view as initiator and it hears them itself; the workspace passes on
everything else through ``on_change``. When an event names a few records, only
those records are replaced in the snapshot and only the pages that show their
kinds hear of it (an autosave's record comes with its event, read once on the
executor, so nothing is read here); otherwise the pages of the changed kinds
reload. A tab's widgets are made when it is first shown, so
opening builds only the page on top. Clinical tabs exist only for therapists:
a job specialist's view never builds them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.access import AccessDenied
from app.domain.schema import ENTITIES
from app.journal import ChangeEvent, Journal
from app.operations.records import ShownRecord as Record
from ui.access_log_dialog import AccessLogDialog
from ui.errors import describe
from ui.labels import choice_label, type_label
from ui.lock_guard import ClipboardGuard
from ui.meeting_pdf import ConsentRequired, MeetingSummaryDialog, write_meeting_summary
from ui.participant_tabs import (
    CLINICAL_TABS,
    WORK_TABS,
    CareerTab,
    OverviewTab,
    ParticipantData,
    ParticipantTab,
    TabContext,
)
from ui.participant_tabs.review import RecordReviewDialog, TextVersionsDialog, record_title
from ui.record_form import explain
from ui.tasks import TaskHandle, TaskRunner
from ui.widgets.flag_bar import flag_text, is_flagged
from ui.widgets.labels import BADGE_STYLE


class MessageBar(QFrame):
    """A calm line under the header for what just happened, with an optional action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton()
        self.action_button.hide()
        self.close_button = QPushButton()
        self.close_button.setFlat(True)
        self.close_button.clicked.connect(self.hide)
        self._action: object = None
        self.action_button.clicked.connect(self._run_action)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 6, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.close_button.setText(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss the message"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_message(
        self,
        text: str,
        *,
        error: bool = False,
        action_text: str | None = None,
        action: object = None,
    ) -> None:
        self.setStyleSheet(
            "QFrame#messageBar { background: #fbeaea; border: 1px solid #efc9c9;"
            " border-radius: 6px; } QLabel { color: #7d1f1f; }"
            if error
            else "QFrame#messageBar { background: #eef3f8; border: 1px solid #d5e1ec;"
            " border-radius: 6px; }"
        )
        self.text.setText(text)
        self.setAccessibleName(text)
        self._action = action
        self.action_button.setVisible(bool(action_text and action))
        self.action_button.setText(action_text or "")
        self.show()
        # Errors stay until dismissed; news fades after a while.
        if error:
            self._timer.stop()
        else:
            self._timer.start(12000)

    def _run_action(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if callable(action):
            action()


# An event naming more records than this reloads the pages of their kinds instead.
ONE_BY_ONE = 20
# Records not under the participant (employers): shown through every page that names them.
TEAM_KINDS = frozenset(t for t, spec in ENTITIES.items() if spec.space == "team")


class ParticipantView(QWidget):
    """Everything about one participant, in tabs.

    Signals:
        closed(): the user went back (Back button or Escape).
        changed(): this view changed something (after each successful write).
        summary_written(str): the meeting summary PDF was saved to this path.
        summary_failed(str): the summary was not made; the user message.
    """

    closed = Signal()
    changed = Signal()
    summary_written = Signal(str)
    summary_failed = Signal(str)

    def __init__(
        self,
        *,
        journal: Journal,
        tasks: TaskRunner,
        clipboard: ClipboardGuard,
        participant_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.tasks = tasks
        self.clipboard = clipboard
        self.participant_id = participant_id
        self.data: ParticipantData | None = None
        self.tabs_by_kind: list[ParticipantTab] = []
        self.review_dialog: RecordReviewDialog | None = None
        self.text_dialog: TextVersionsDialog | None = None
        self.access_log_dialog: AccessLogDialog | None = None
        self.summary_dialog: MeetingSummaryDialog | None = None
        self.summary_task: TaskHandle | None = None
        # Asks where to save the summary (a file dialog; a test may answer instead).
        self.summary_file_chooser: Callable[[QWidget, str], str] | None = None
        self._shut_down = False
        self._refreshing = False
        self._queued: set[str] = set()
        self.setObjectName("participantView")

        # Header: who, and the few things done from here.
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.go_back)
        self.name_label = QLabel()
        self.name_label.setObjectName("screenTitle")
        self.name_label.setStyleSheet("font-size: 17pt; font-weight: 600;")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.details_label = QLabel()
        self.details_label.setStyleSheet("color: palette(placeholder-text);")
        self.flag_badge = QPushButton()
        self.flag_badge.setObjectName("flagBadge")
        self.flag_badge.setStyleSheet(BADGE_STYLE)
        self.flag_menu = QMenu(self)
        self.flag_badge.setMenu(self.flag_menu)
        self.flag_badge.hide()
        self.access_log_button = QPushButton()
        self.access_log_button.clicked.connect(self.open_access_log)
        self.summary_button = QPushButton()
        self.summary_button.clicked.connect(self.request_meeting_summary)
        who = QVBoxLayout()
        who.setSpacing(2)
        who.addWidget(self.name_label)
        who.addWidget(self.details_label)
        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addSpacing(8)
        header.addLayout(who, 1)
        header.addWidget(self.flag_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.access_log_button, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.summary_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.message_bar = MessageBar()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("participantTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.tabs, 1)

        self.ctx = TabContext(
            journal=journal,
            tasks=tasks,
            clipboard=clipboard,
            participant_id=participant_id,
            initiator=self,
            error=self.show_error,
            notice=self.show_notice,
            review=self.review_record,
        )
        self._unsubscribe = journal.subscribe(self._own_change)
        self._open()
        self.retranslate_ui()

    # ------------------------------------------------------------ opening

    def _open(self) -> None:
        try:
            participant, children = self.journal.open_participant(self.participant_id)
            employers = self._employers()
        except Exception as exc:
            self.name_label.setText("")
            self.tabs.hide()
            self.access_log_button.setEnabled(False)
            self.summary_button.setEnabled(False)
            self.show_error(exc)
            return
        self.data = self._snapshot(participant, children, employers)
        tab_classes = list(WORK_TABS)
        # A job specialist's view never builds the clinical tabs (nor could it read them).
        if self.journal.is_therapist:
            tab_classes += list(CLINICAL_TABS)
        for cls in tab_classes:
            tab = cls(self.ctx)
            if isinstance(tab, OverviewTab):
                tab.career_requested.connect(self.edit_preferences)
            self.tabs.addTab(tab, tab.title())
            self.tabs_by_kind.append(tab)
            tab.reload(self.data)
        self._show_header()
        self._report_unreadable()

    def _employers(self) -> list[Record]:
        if not self.journal.can_read("employer"):
            return []
        return [r for r in self.journal.team_records("employer") if r.error is None]

    def _snapshot(
        self, participant: Record, children: Iterable[Record], employers: list[Record]
    ) -> ParticipantData:
        rows = list(children)
        readable = [r for r in rows if r.error is None and not r.deleted]
        return ParticipantData(
            participant=participant,
            records=readable,
            employers=employers,
            unreadable=sum(1 for r in rows if r.error is not None),
        )

    def _report_unreadable(self) -> None:
        if self.data is not None and self.data.unreadable:
            self.show_notice(
                self.tr(
                    "%n record(s) failed their integrity check and are not shown.",
                    "",
                    self.data.unreadable,
                ),
                error=True,
            )

    # -------------------------------------------------------------- texts

    def retranslate_ui(self) -> None:
        self.back_button.setText(self.tr("← &Back"))
        self.back_button.setAccessibleName(self.tr("Back to the list of participants"))
        self.back_button.setToolTip(self.tr("Back (Esc)"))
        self.access_log_button.setText(self.tr("Access &log"))
        self.access_log_button.setAccessibleName(self.tr("Access log"))
        self.access_log_button.setToolTip(self.tr("Who has read or changed these records"))
        self.summary_button.setText(self.tr("&Meeting summary (PDF)…"))
        self.summary_button.setAccessibleName(self.tr("Meeting summary as PDF"))
        self.tabs.setAccessibleName(self.tr("Participant sections"))
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if isinstance(tab, ParticipantTab):
                self.tabs.setTabText(i, tab.title())
                self.tabs.setTabToolTip(i, tab.title().replace("&&", "&"))
        self._show_header()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_header(self) -> None:
        if self.data is None:
            return
        p = self.data.participant.fields
        name = str(p.get("name") or "")
        self.name_label.setText(name)
        parts = [choice_label(p.get("programme")), choice_label(p.get("status"))]
        if p.get("job_specialist"):
            parts.append(self.tr("Job specialist: %1").replace("%1", str(p["job_specialist"])))
        if p.get("therapist") and self.journal.is_therapist:
            parts.append(self.tr("Therapist: %1").replace("%1", str(p["therapist"])))
        self.details_label.setText("  ·  ".join(x for x in parts if x))
        self.setAccessibleName(self.tr("Participant %1").replace("%1", name))
        self._show_flags()

    def _show_flags(self) -> None:
        flagged = self.data.flagged() if self.data is not None else []
        self.flag_badge.setVisible(bool(flagged))
        self.flag_badge.setText(self.tr("%n to review", "", len(flagged)))
        self.flag_badge.setAccessibleName(
            self.tr("%n record(s) changed on two machines or deleted elsewhere", "", len(flagged))
        )
        self.flag_menu.clear()
        for rec in flagged:
            text = f"{type_label(rec.type)}: {record_title(rec)} — {flag_text(rec)}"
            action = self.flag_menu.addAction(text)
            action.triggered.connect(lambda _c=False, rid=rec.id: self.review_record(rid))

    # ----------------------------------------------------------- refresh

    def on_change(self, event: ChangeEvent) -> None:
        """A change made elsewhere (sync, import, another view): show what changed."""
        if event.initiator is self or self._shut_down:
            return
        self._changed(event)

    def _own_change(self, event: ChangeEvent) -> None:
        """A write of this view or its pages and dialogs (they pass it as initiator)."""
        if event.initiator is not self or self._shut_down:
            return
        self._changed(event)
        if not self._shut_down:
            self.changed.emit()

    def _changed(self, event: ChangeEvent) -> None:
        kinds = self._relevant(set(event.kinds))
        if self.data is None or not kinds:
            return
        ids = event.record_ids
        if not ids or len(ids) > ONE_BY_ONE or kinds & TEAM_KINDS:
            self._refresh(kinds)
            return
        fresh = {r.id: r for r in event.records}
        for record_id in sorted(ids):
            if not self._record_changed(record_id, fresh.get(record_id)):
                return

    def _record_changed(self, record_id: str, record: Record | None) -> bool:
        """Replace one record in the snapshot and hand it to the pages that show its kind
        (the notes timeline updates one line), not every record and page. ``record``:
        as read with the change, else read here. False when everything was reloaded."""
        if self._shut_down or self.data is None:
            return False
        before = self.data.by_id(record_id)
        if self._refreshing:
            self._queued |= {before.type} if before is not None else self._relevant_kinds()
            return False
        if record is None:
            try:
                record = self.journal.reread(record_id)
            except AccessDenied:
                return True  # a kind this role does not see: not on these pages
            except Exception as exc:
                self.show_error(exc)
                return False
        if record is not None and self.participant_id not in (record.id, record.parent):
            return True  # another participant's
        if record is None or record.error is not None:
            self._refresh({before.type} if before is not None else self._relevant_kinds())
            return False
        self.data = self.data.with_record(record)
        for tab in self.tabs_by_kind:
            if record.type in tab.shown_kinds():
                tab.record_saved(self.data, record)
        if record.type == "participant":
            self._show_header()
        elif before is None or is_flagged(before) != is_flagged(record):
            self._show_flags()
        return True

    def _relevant_kinds(self) -> set[str]:
        shown: set[str] = {"participant"}
        for tab in self.tabs_by_kind:
            shown |= tab.shown_kinds()
        return shown

    def _relevant(self, kinds: set[str]) -> set[str]:
        return kinds & self._relevant_kinds()

    def _refresh(self, kinds: set[str]) -> None:
        if self._shut_down or self.data is None:
            return
        kinds = self._relevant(kinds)
        if not kinds:
            return
        if self._refreshing:
            # A tab wrote while reloading; do that round once this one is done.
            self._queued |= kinds
            return
        self._refreshing = True
        try:
            while kinds:
                self._refresh_once(kinds)
                kinds, self._queued = self._queued, set()
        finally:
            self._refreshing = False

    def _refresh_once(self, kinds: set[str]) -> None:
        assert self.data is not None
        try:
            participant = self.journal.reread(self.participant_id)
            children = self.journal.records(self.participant_id)
            employers = self._employers() if "employer" in kinds else self.data.employers
        except Exception as exc:
            self.show_error(exc)
            return
        if participant is None:
            self.show_notice(self.tr("This participant was removed."), error=True)
            return
        self.data = self._snapshot(participant, children, employers)
        for tab in self.tabs_by_kind:
            if tab.shown_kinds() & kinds:
                tab.reload(self.data)
        self._show_header()

    def _tab_changed(self, _index: int) -> None:
        # Leaving a tab saves what was being typed there.
        for tab in self.tabs_by_kind:
            if tab is not self.tabs.currentWidget() and tab.has_pending():
                tab.flush()

    # ----------------------------------------------------------- messages

    def show_error(self, exc: BaseException) -> None:
        self.message_bar.show_message(explain(exc), error=True)

    def show_notice(
        self,
        text: str,
        *,
        error: bool = False,
        action_text: str | None = None,
        action: object = None,
    ) -> None:
        self.message_bar.show_message(text, error=error, action_text=action_text, action=action)

    # ------------------------------------------------------------ tabs

    def tab(self, cls: type[ParticipantTab]) -> ParticipantTab | None:
        """The page of this class, built (pages are otherwise built when first shown)."""
        tab = next((t for t in self.tabs_by_kind if isinstance(t, cls)), None)
        if tab is not None:
            tab.ensure_built()
        return tab

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def show_record(self, record_id: str) -> bool:
        """Show one of the participant's records: the tab that lists its kind, with the
        record selected there (a note opens in the editor). False if no tab shows it."""
        rec = self.data.by_id(record_id) if self.data is not None else None
        if rec is None:
            return False
        tab = next((t for t in self.tabs_by_kind if rec.type in t.kinds), None)
        if tab is None:
            return False
        tab.ensure_built()
        self.tabs.setCurrentWidget(tab)
        return tab.show_record(record_id)

    def show_tab(self, cls: type[ParticipantTab]) -> ParticipantTab | None:
        tab = self.tab(cls)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)
        return tab

    def edit_preferences(self) -> None:
        """The career profile's wishes, ready to type in (from the overview's link)."""
        tab = self.show_tab(CareerTab)
        if isinstance(tab, CareerTab):
            tab.form.editor("preferences").setFocus(Qt.FocusReason.OtherFocusReason)

    def show_tab_of(self, record_type: str) -> ParticipantTab | None:
        """Show the first tab that holds records of ``record_type`` (an agenda item's)."""
        cls = next((type(t) for t in self.tabs_by_kind if record_type in t.kinds), None)
        return self.show_tab(cls) if cls is not None else None

    # ------------------------------------------------------------ dialogs

    def review_record(self, record_id: str) -> RecordReviewDialog | TextVersionsDialog | None:
        """Open the dialog that settles a flagged record (a text changed on two machines
        has its own, once any changed field or comeback is settled)."""
        rec = self.data.by_id(record_id) if self.data is not None else None
        if rec is None:
            return None
        if not is_flagged(rec):
            self.show_notice(self.tr("Nothing to review for this record."))
            return None
        if rec.text_merged and not (rec.conflicted or rec.resurrected):
            return self.review_text(record_id)
        tab = self.tabs_by_kind[0] if self.tabs_by_kind else None
        dialog = RecordReviewDialog(
            journal=self.journal,
            record=rec,
            initiator=self,
            ref_label=tab.ref_label if tab is not None else None,
            parent=self,
        )
        self.review_dialog = dialog
        dialog.open()
        return dialog

    def review_text(self, record_id: str) -> TextVersionsDialog | None:
        """Show the earlier text of a record whose text merged edits from two machines."""
        # What is being typed goes in first: the dialog shows the text as stored.
        for tab in self.tabs_by_kind:
            tab.flush()
        rec = self.data.by_id(record_id) if self.data is not None else None
        if rec is None:
            return None
        dialog = TextVersionsDialog(
            journal=self.journal,
            record=rec,
            initiator=self,
            clipboard=self.clipboard,
            parent=self,
        )
        self.text_dialog = dialog
        dialog.open()
        return dialog

    def open_access_log(self) -> AccessLogDialog:
        dialog = AccessLogDialog(
            journal=self.journal,
            tasks=self.tasks,
            participant_id=self.participant_id,
            parent=self,
        )
        self.access_log_dialog = dialog
        dialog.open()
        return dialog

    def request_meeting_summary(self) -> MeetingSummaryDialog:
        """Ask for the audience and file, then write the PDF in the background."""
        dialog = MeetingSummaryDialog(
            journal=self.journal,
            participant_id=self.participant_id,
            employers=self.data.employer_options() if self.data else [],
            choose_file=self.summary_file_chooser,
            parent=self,
        )

        def accepted() -> None:
            choice = dialog.choice()
            self.start_meeting_summary(
                choice.path, for_audience=choice.audience, employer_id=choice.employer_id
            )

        dialog.accepted.connect(accepted)
        self.summary_dialog = dialog
        dialog.open()
        return dialog

    def start_meeting_summary(
        self, path: str | Path, *, for_audience: str, employer_id: str | None = None
    ) -> TaskHandle:
        """Write the meeting summary PDF on the database thread; signals tell how it went."""
        for tab in self.tabs_by_kind:
            tab.flush()
        pid = self.participant_id
        target = str(path)
        self.summary_button.setEnabled(False)
        handle = self.tasks.run(
            lambda _p, _c: write_meeting_summary(
                self.journal, pid, target, for_audience=for_audience, employer_id=employer_id
            ),
            on_done=self._summary_done,
            on_error=self._summary_failed,
            progress_parent=self,
            label=self.tr("Writing the meeting summary…"),
        )
        self.summary_task = handle
        return handle

    def _summary_done(self, path: object) -> None:
        if self._shut_down:
            return
        self.summary_button.setEnabled(True)
        self.show_notice(self.tr("Meeting summary saved to %1.").replace("%1", str(path)))
        self.summary_written.emit(str(path))

    def _summary_failed(self, exc: BaseException) -> None:
        if self._shut_down:
            return
        self.summary_button.setEnabled(True)
        text = exc.user_message() if isinstance(exc, ConsentRequired) else describe(exc)
        self.show_notice(text, error=True)
        self.summary_failed.emit(text)

    # ---------------------------------------------------------- lifecycle

    def go_back(self) -> None:
        for tab in self.tabs_by_kind:
            tab.flush()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            event.accept()
            self.go_back()
            return
        super().keyPressEvent(event)

    def ready_to_close(self) -> bool:
        """Flush pending edits; False when one of them could not be saved."""
        self.ctx.settle()
        ok = True
        for tab in self.tabs_by_kind:
            ok = tab.flush() and ok
        return ok and not any(tab.has_pending() for tab in self.tabs_by_kind)

    def shutdown(self) -> None:
        """Save what is pending, synchronously, and stop every timer."""
        if self._shut_down:
            return
        self.ctx.settle()  # a form's save still queued on the executor is written first
        for tab in self.tabs_by_kind:
            tab.shutdown()
        self._shut_down = True
        self._unsubscribe()
        self.ctx.closed = True
        for dialog in (
            self.review_dialog,
            self.text_dialog,
            self.access_log_dialog,
            self.summary_dialog,
        ):
            if isinstance(dialog, QDialog):
                with contextlib.suppress(RuntimeError):  # already deleted with its parent
                    dialog.close()
        self.message_bar.hide()
