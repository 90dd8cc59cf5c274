"""What every participant tab shares: the data snapshot, the write context and the page.

The widgets the tabs are built from live in ui/widgets/ (record tables, the flag bar)
and ui/participant_tabs/sections.py (the record panels)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future, wait
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.schema import validate
from app.journal import Journal, Performed
from app.operations.records import ShownRecord as Record
from app.operations.records import delete_record, restore_record, save_record
from ui.labels import type_label
from ui.lock_guard import ClipboardGuard
from ui.tasks import TaskRunner, on_landed
from ui.widgets.flag_bar import is_flagged
from ui.widgets.record_table import RecordTable

T = TypeVar("T")


# --------------------------------------------------------------------- data


@dataclass(slots=True)
class ParticipantData:
    """One participant and the records of theirs this role may read, as last loaded."""

    participant: Record
    records: list[Record]
    employers: list[Record] = field(default_factory=list)
    unreadable: int = 0

    def of(self, record_type: str) -> list[Record]:
        return [r for r in self.records if r.type == record_type]

    def by_id(self, record_id: str) -> Record | None:
        if record_id == self.participant.id:
            return self.participant
        for r in self.records:
            if r.id == record_id:
                return r
        return None

    def employer_name(self, employer_id: str | None) -> str:
        for e in self.employers:
            if e.id == employer_id:
                return str(e.fields.get("name") or "")
        return (
            QCoreApplication.translate("ParticipantTab", "Unknown employer") if employer_id else ""
        )

    def employer_options(self) -> list[tuple[str, str]]:
        rows = sorted(self.employers, key=lambda e: str(e.fields.get("name", "")).casefold())
        return [(e.id, str(e.fields.get("name") or "")) for e in rows]

    def flagged(self) -> list[Record]:
        return [r for r in [self.participant, *self.records] if is_flagged(r)]

    def with_record(self, record: Record) -> ParticipantData:
        """A copy with ``record`` in place of its earlier version (or added)."""
        if record.id == self.participant.id:
            return ParticipantData(record, self.records, self.employers, self.unreadable)
        records = [record if r.id == record.id else r for r in self.records]
        if not any(r.id == record.id for r in self.records):
            records.append(record)
        return ParticipantData(self.participant, records, self.employers, self.unreadable)


class TabContext:
    """What a tab needs to read and write, and how it reports back to the view."""

    def __init__(
        self,
        *,
        journal: Journal,
        tasks: TaskRunner,
        clipboard: ClipboardGuard,
        participant_id: str,
        initiator: object,
        error: Callable[[BaseException], None],
        notice: Callable[..., None],
        review: Callable[[str], QDialog | None],
    ) -> None:
        self.journal = journal
        self.tasks = tasks
        self.clipboard = clipboard
        self.participant_id = participant_id
        self.initiator = initiator
        self.report = error
        self.notice = notice
        self.review = review
        self.closed = False  # set when the view shuts down: no more writes from its tabs
        # Writes on their way through the executor, each with the future its caller
        # watches (settled on this thread once the write's events were announced).
        self._writes: dict[Future[Performed[Any]], Future[Any]] = {}
        self._anchor = QObject()  # lands the writes on the GUI thread

    def today(self) -> date:
        return self.journal.today()

    # A form's Save does not wait for the executor (a sync page may hold the store):
    # the form is checked here at once, so a bad one is marked without a round trip,
    # and the write lands later (RecordDialog waits for the future).

    def add_soon(self, record_type: str, values: Mapping[str, Any]) -> Future[str]:
        """Queue a new record of this participant; the future brings its id."""
        validate(record_type, values)
        participant_id, initiator = self.participant_id, self.initiator
        return self.perform(
            lambda: (
                save_record(
                    self.journal,
                    record_type=record_type,
                    values=values,
                    participant_id=participant_id,
                    initiator=initiator,
                ).id
            )
        )

    def update_soon(
        self, record_id: str, record_type: str, values: Mapping[str, Any]
    ) -> Future[str]:
        """Queue a change of a record; the future brings its id."""
        validate(record_type, values, partial=True)
        initiator = self.initiator
        return self.perform(
            lambda: (
                save_record(
                    self.journal, record_id=record_id, values=values, initiator=initiator
                ).id
            )
        )

    def perform(self, operation: Callable[[], T]) -> Future[T]:
        """Run ``operation`` on the journal's executor without waiting for it. The future
        is settled on this thread once the write landed and its change events were
        announced here (so the view shows the record as the future says it is saved)."""
        written = self.journal.perform(operation)
        watched: Future[T] = Future()
        self._writes[written] = watched
        on_landed(written, self._anchor, self._land)
        return watched

    def _land(self, written: Future[Performed[Any]]) -> None:
        watched = self._writes.pop(written, None)
        if watched is None:
            return  # already settled by settle()
        try:
            performed = written.result()
        except Exception as exc:
            watched.set_exception(exc)
            return
        self.journal.announce(performed.events)
        watched.set_result(performed.value)

    def writing(self) -> bool:
        """A queued write has not landed yet."""
        return bool(self._writes)

    def settle(self) -> None:
        """Wait for the queued writes and land them now (closing the view: a save that
        is still queued is written, and the views hear of it, before the store locks)."""
        for written in list(self._writes):
            wait([written])
            self._land(written)

    def delete(self, record: Record, *, then: Callable[[], object] | None = None) -> bool:
        """Queue a delete; once it landed, an Undo in the message bar (deletes are
        tombstones, so undo is exact), then ``then``. False when nothing was queued."""
        journal, initiator = self.journal, self.initiator

        def deleted(_: object) -> None:
            self.notice(
                QCoreApplication.translate("ParticipantTab", "%1 deleted.").replace(
                    "%1", type_label(record.type)
                ),
                action_text=QCoreApplication.translate("ParticipantTab", "Undo"),
                action=lambda: self.write(
                    lambda: restore_record(journal, record_id=record.id, initiator=initiator)
                ),
            )
            if then is not None:
                then()

        return self.write(
            lambda: delete_record(journal, record_id=record.id, initiator=initiator), deleted
        )

    # The view hears of every write from the journal's change event (the writes pass
    # it as initiator); these queue one write, and once it landed tell the caller, or
    # show why it failed.

    def create(
        self,
        record_type: str,
        values: Mapping[str, Any],
        then: Callable[[str], object] | None = None,
        *,
        failed: Callable[[], object] | None = None,
    ) -> bool:
        """Queue a new record of this participant (checked here first: a bad one is
        refused at once); once it landed, ``then(its id)``, or ``failed()`` after the
        reason is shown. False, with the reason shown, when nothing was queued."""
        if self.closed:
            return False
        try:
            future = self.add_soon(record_type, values)
        except Exception as exc:
            self.report(exc)
            return False
        self._watch(future, then, failed)
        return True

    def change(
        self,
        record_id: str,
        record_type: str,
        values: Mapping[str, Any],
        then: Callable[[str], object] | None = None,
        *,
        failed: Callable[[], object] | None = None,
    ) -> bool:
        """Queue a change of a record (checked here first); once it landed, ``then(its
        id)``, or ``failed()`` after the reason is shown. False when nothing was queued."""
        if self.closed:
            return False
        try:
            future = self.update_soon(record_id, record_type, values)
        except Exception as exc:
            self.report(exc)
            return False
        self._watch(future, then, failed)
        return True

    def write(self, operation: Callable[[], T], then: Callable[[T], object] | None = None) -> bool:
        """Queue one write without waiting; once it landed, ``then(result)``, or the
        reason it failed is shown. False when nothing was queued (the view is closing,
        the journal locked)."""
        if self.closed:
            return False
        try:
            future = self.perform(operation)
        except Exception as exc:
            self.report(exc)
            return False
        self._watch(future, then)
        return True

    def _watch(
        self,
        future: Future[T],
        then: Callable[[T], object] | None,
        failed: Callable[[], object] | None = None,
    ) -> None:
        def landed(done: Future[T]) -> None:
            if self.closed:
                return  # landed by the closing view's settle(): nobody left to tell
            try:
                result = done.result()
            except Exception as exc:
                self.report(exc)
                if failed is not None:
                    failed()
                return
            if then is not None:
                then(result)

        on_landed(future, self._anchor, landed)


# --------------------------------------------------------------------- tabs


class ParticipantTab(QWidget):
    """A page of the participant view that shows some kinds of records.

    Its widgets are made the first time the page is shown (or handed out by
    ``ParticipantView.tab``), so opening a participant builds only the page on
    top. Until then ``reload`` only keeps the data, and the page has nothing
    pending. Subclasses make their widgets in ``build`` and fill them in
    ``show_data``; ``_has_pending``, ``_flush`` and ``_shutdown`` are asked only
    once built.
    """

    kinds: ClassVar[frozenset[str]] = frozenset()
    # Kinds a page also shows, kept by another page (refreshed with them; a record of
    # such a kind is still shown on the page that keeps it).
    reads: ClassVar[frozenset[str]] = frozenset()
    object_name: ClassVar[str] = "participantTab"

    def __init__(self, ctx: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.journal = ctx.journal
        self.data: ParticipantData | None = None
        self.built = False
        self.setObjectName(self.object_name)
        self.setAccessibleName(self.accessible_title())

    def title(self) -> str:
        raise NotImplementedError

    def shown_kinds(self) -> frozenset[str]:
        return self.kinds | self.reads

    def accessible_title(self) -> str:
        """The page's name for screen readers (the tab text without its "&&")."""
        return self.title().replace("&&", "&")

    def build(self) -> None:
        """Make the page's widgets (once, before it is first shown)."""

    def ensure_built(self) -> None:
        if self.built:
            return
        self.built = True
        self.build()
        self.retranslate_ui()
        if self.data is not None:
            self.show_data(self.data)

    def setVisible(self, visible: bool) -> None:
        # QStackedWidget shows a page through here: build it while it is still hidden,
        # so its widgets appear with it (no second layout pass, no queued shows).
        if visible and not self.built:
            self.ensure_built()
        super().setVisible(visible)

    def reload(self, data: ParticipantData) -> None:
        self.data = data
        if self.built:
            self.show_data(data)

    def show_data(self, data: ParticipantData) -> None:
        """Fill the built page from ``data``."""

    def record_saved(self, data: ParticipantData, record: Record) -> None:
        """``record`` was saved from this view; by default the page shows ``data`` anew."""
        self.reload(data)

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.accessible_title())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            if self.built:
                self.retranslate_ui()
            else:
                self.setAccessibleName(self.accessible_title())
        super().changeEvent(event)

    def has_pending(self) -> bool:
        return self.built and self._has_pending()

    def flush(self) -> bool:
        return not self.built or self._flush()

    def shutdown(self) -> None:
        if self.built:
            self._shutdown()

    def _has_pending(self) -> bool:
        return False

    def _flush(self) -> bool:
        return True

    def _shutdown(self) -> None:
        self._flush()

    def show_record(self, record_id: str) -> bool:
        """Select one record on this (built) page; by default in whichever of its record
        tables lists it. False when none does."""
        return any(table.select(record_id) for table in self.findChildren(RecordTable))

    def ref_label(self, record_id: str) -> str:
        """A referenced record as a name (employers, jobs, goals, sessions)."""
        if self.data is None:
            return ""
        found = self.data.by_id(record_id)
        if found is not None:
            from ui.participant_tabs.review import record_title

            return record_title(found)
        name = self.data.employer_name(record_id)
        return name or QCoreApplication.translate("ParticipantTab", "(not available here)")


__all__ = ["ParticipantData", "ParticipantTab", "TabContext"]
