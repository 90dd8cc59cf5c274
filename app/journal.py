"""Use cases over one unlocked replica: what the UI and the command line call.

Every operation validates against the domain schema, enforces the role's
access (a job specialist's services refuse clinical records outright, and
its device holds no clinical key either), audits reads of participant
records, and after each change emits one :class:`ChangeEvent` saying which
kinds of records changed, so views refresh only what they show.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Generic, TypeVar

from app import store_settings
from app.domain.access import (
    THERAPIST,
    AccessDenied,
    clinical_space,
    may_erase,
    may_use,
    work_space,
    write_problem,
)
from app.domain.schema import ENTITIES, EntitySpec, ValidationError, split_kinds, validate
from app.executor import Executor
from app.operations.consent import current_consent
from storage.audit import AuditEntry
from storage.gc_pause import gc_paused
from storage.ids import new_id

# LosingValue and TextVersion (what the review dialogs show) are re-exported: the
# window takes them from here, never from storage/.
from storage.store import LosingValue as LosingValue
from storage.store import Record, RecordStore
from storage.store import TextVersion as TextVersion


@dataclass(frozen=True, slots=True)
class ChangeEvent:
    """After an operation: which kinds of records changed, and who asked."""

    kinds: frozenset[str]
    record_ids: frozenset[str] = frozenset()
    initiator: object | None = None
    external: bool = False  # arrived from elsewhere (sync, import), not a local edit
    #: The changed records as read back right after the operation, on the executor
    #: (:meth:`Journal.perform`), so a view need not read them again on its thread;
    #: empty when not read (then the ids say what to read).
    records: tuple[Record, ...] = field(default=(), compare=False)


T = TypeVar("T")

#: Up to this many records changed by one performed operation are read back with it.
READ_BACK_MAX = 20


@dataclass(frozen=True, slots=True)
class Performed(Generic[T]):
    """An operation that ran on the executor: its result, and the change events it made
    (held back, so the caller announces them on its own thread: :meth:`Journal.announce`)."""

    value: T
    events: tuple[ChangeEvent, ...]


class ImmutableRecord(ValueError):
    """A signed clinical note cannot change; add an addendum instead."""


@dataclass(slots=True)
class Dataset:
    """Every readable record, grouped by type (input to indicators and reminders)."""

    by_type: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))

    def of(self, record_type: str) -> list[Record]:
        return self.by_type.get(record_type, [])

    def children(self, record_type: str, parent: str) -> list[Record]:
        return [r for r in self.of(record_type) if r.parent == parent]

    @classmethod
    def from_records(cls, records: Iterable[Record]) -> Dataset:
        ds = cls()
        for r in records:
            if r.error is None and not r.deleted:
                ds.by_type[r.type].append(r)
        return ds


@dataclass(frozen=True, slots=True)
class EmployerContactView:
    """An employer contact as an employer-facing list may show it."""

    record: Record
    participant_label: str | None  # None when the participant may not be named


class Journal:
    """The use cases of one user on one device."""

    def __init__(
        self,
        store: RecordStore,
        *,
        today: Callable[[], date] = date.today,
        executor: Executor | None = None,
    ) -> None:
        self.store = store
        self._today = today
        #: The one thread that owns database work: writes from the window and the
        #: pages of a sync round queue there instead of racing for the store's lock.
        self.executor = executor if executor is not None else Executor()
        self._held = threading.local()  # change events of an operation being performed
        self._listeners: list[Callable[[ChangeEvent], None]] = []
        #: How change events reach listeners. Sync runs on a worker thread, so a GUI
        #: sets this to hand events to its own thread (see ui.sync_status).
        self.dispatch: Callable[[Callable[[], None]], None] = lambda deliver: deliver()
        team = store_settings.team_space(store)
        if team is None and may_use(store.role, "team"):
            team = f"team:{new_id()}"
            store.create_space(team)
            store_settings.set_team_space(store, team)
        self.team_space = team

    # ------------------------------------------------------------- identity

    @property
    def user_name(self) -> str:
        return self.store.actor

    @property
    def role(self) -> str:
        return self.store.role

    @property
    def is_therapist(self) -> bool:
        return self.role == THERAPIST

    def today(self) -> date:
        return self._today()

    # -------------------------------------------------------- notifications

    def subscribe(self, listener: Callable[[ChangeEvent], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _emit(
        self,
        kinds: Iterable[str],
        ids: Iterable[str],
        initiator: object | None,
        *,
        external: bool = False,
    ) -> None:
        event = ChangeEvent(frozenset(kinds), frozenset(ids), initiator, external)
        held: list[ChangeEvent] | None = getattr(self._held, "events", None)
        if held is not None:
            held.append(event)
            return
        self.announce([event])

    def announce(self, events: Iterable[ChangeEvent]) -> None:
        """Tell the listeners (through ``dispatch``): after :meth:`perform`, on the
        caller's thread; otherwise at once, for each operation."""
        batch = tuple(events)
        if not batch:
            return

        def deliver() -> None:
            for event in batch:
                for listener in list(self._listeners):
                    listener(event)

        self.dispatch(deliver)

    def perform(self, operation: Callable[[], T]) -> Future[Performed[T]]:
        """Run ``operation`` (journal calls) on the executor. Its change events come back
        with its result, to be announced where the result is taken (a window: on its
        own thread, after the write). An operation that fails announces what it did
        change before failing at once (nothing goes unsaid)."""

        def run() -> Performed[T]:
            outer: list[ChangeEvent] | None = getattr(self._held, "events", None)
            self._held.events = []
            try:
                value = operation()
            except BaseException:
                events, self._held.events = self._held.events, outer
                if outer is not None:
                    outer.extend(events)  # the operation around this one says them
                else:
                    self.announce(events)
                raise
            events, self._held.events = self._held.events, outer
            return Performed(value, tuple(self._read_back(e) for e in events))

        if self.executor.on_worker():
            # Already where the database lives: queued behind itself, it would never run.
            done: Future[Performed[T]] = Future()
            try:
                done.set_result(run())
            except Exception as exc:
                done.set_exception(exc)
            return done
        return self.executor.submit(run)

    def _read_back(self, event: ChangeEvent) -> ChangeEvent:
        # One read of a few just-written records here, instead of one per view later on
        # the GUI thread (where it would wait for the store while a sync page is applied).
        if not event.record_ids or len(event.record_ids) > READ_BACK_MAX:
            return event
        records = []
        for rid in sorted(event.record_ids):
            rec = self.store.get(rid, audit=False)
            if rec is None or rec.deleted or not self.can_read(rec.type):
                return event
            records.append(rec)
        return replace(event, records=tuple(records))

    def notify_external(self, kinds: Iterable[str], ids: Iterable[str] = ()) -> None:
        """Announce changes that arrived from elsewhere (sync, import)."""
        self._emit(kinds, ids, None, external=True)

    # --------------------------------------------------------------- access

    def _spec(self, record_type: str) -> EntitySpec:
        spec = ENTITIES.get(record_type)
        if spec is None:
            raise ValidationError({"type": f"unknown record type {record_type!r}"})
        if not may_use(self.role, spec.space):
            raise AccessDenied(f"Your role may not read or write {record_type} records.")
        return spec

    def _writable(self, record_type: str) -> EntitySpec:
        """The spec of a type this role may write (a lead-only type: a team lead only)."""
        spec = self._spec(record_type)
        if write_problem(role=self.role, record_type=record_type):
            raise AccessDenied(
                "Only a team lead may change the team's settings and fidelity reviews."
            )
        return spec

    def can_read(self, record_type: str) -> bool:
        spec = ENTITIES.get(record_type)
        return spec is not None and may_use(self.role, spec.space)

    def _space_for(self, spec: EntitySpec, participant_id: str | None) -> str:
        if spec.space == "team":
            if self.team_space is None:
                raise AccessDenied("This device has no team space.")
            return self.team_space
        if participant_id is None:
            raise ValidationError({"participant": "is required"})
        if spec.space == "clinical":
            space = clinical_space(participant_id)
            if not self.store.keys.has(space):
                # The first therapist to write clinical notes for a participant
                # makes the clinical space; job specialists never get its key.
                self.store.create_space(space)
            return space
        return work_space(participant_id)

    # ------------------------------------------------------------- writing

    def create_participant(self, values: Mapping[str, Any], *, initiator: object = None) -> str:
        self._spec("participant")
        # The one creating them is theirs: as therapist on a therapist's laptop.
        mine = "therapist" if self.role == THERAPIST else "job_specialist"
        defaults = {"status": "active", mine: self.user_name}
        clean = validate("participant", {**defaults, **values})
        pid = new_id()
        self.store.create_space(work_space(pid))
        registers, texts = split_kinds("participant", clean)
        self.store.put(
            pid, record_type="participant", space=work_space(pid), values=registers, texts=texts
        )
        self._emit({"participant"}, {pid}, initiator)
        return pid

    def add(
        self,
        record_type: str,
        values: Mapping[str, Any],
        *,
        participant_id: str | None = None,
        parent: str | None = None,
        initiator: object = None,
        record_id: str | None = None,
    ) -> str:
        """Create a record of any type except participant.

        Participant records take ``participant_id`` (their parent); team
        records may take a ``parent`` such as the employer. ``record_id``: an id
        derived by the caller (one record per key, e.g. a team setting), else new.
        """
        if record_type == "participant":
            raise ValueError("use create_participant")
        spec = self._writable(record_type)
        clean = validate(record_type, values)
        if record_type in ("meeting",) and "next_date" not in clean:
            clean["next_date"] = (
                date.fromisoformat(clean["date"]) + timedelta(days=91)
            ).isoformat()
        space = self._space_for(spec, participant_id)
        registers, texts = split_kinds(record_type, clean)
        rid = self.store.put(
            record_id,
            record_type=record_type,
            space=space,
            parent=participant_id if spec.parent == "participant" else parent,
            values=registers,
            texts=texts,
        )
        self._emit({record_type}, {rid}, initiator)
        return rid

    def update(
        self, record_id: str, values: Mapping[str, Any], *, initiator: object = None
    ) -> None:
        rec = self._current(record_id)
        spec = self._writable(rec.type)
        if spec.sign_field and rec.fields.get(spec.sign_field):
            raise ImmutableRecord("This note is signed; corrections go in an addendum.")
        clean = validate(rec.type, values, partial=True)
        if spec.sign_field and spec.sign_field in clean:
            raise ValidationError({spec.sign_field: "use sign() to sign a note"})
        registers, texts = split_kinds(rec.type, clean)
        self.store.put(
            record_id, record_type=rec.type, space=rec.space, values=registers, texts=texts
        )
        self._emit({rec.type}, {record_id}, initiator)

    def sign(self, record_id: str, *, on: date | None = None, initiator: object = None) -> None:
        """Sign a clinical note: from now on it is immutable."""
        rec = self._current(record_id)
        spec = self._spec(rec.type)
        if spec.sign_field is None:
            raise ValidationError({"type": "this record type is not signed"})
        if rec.fields.get(spec.sign_field):
            raise ImmutableRecord("This note is already signed.")
        self.store.put(
            record_id,
            record_type=rec.type,
            space=rec.space,
            values={
                spec.sign_field: (on or self.today()).isoformat(),
                "signed_by": self.user_name,
            },
        )
        self._emit({rec.type}, {record_id}, initiator)

    def delete(self, record_id: str, *, initiator: object = None) -> None:
        rec = self._current(record_id)
        spec = self._writable(rec.type)
        if spec.sign_field and rec.fields.get(spec.sign_field):
            raise ImmutableRecord("A signed note cannot be deleted.")
        self.store.delete(record_id)
        self._emit({rec.type}, {record_id}, initiator)

    def restore(self, record_id: str, *, initiator: object = None) -> None:
        """Undo a delete, or accept a record that came back after an edit elsewhere."""
        rec = self._current(record_id, include_deleted=True)
        self._writable(rec.type)
        self.store.restore(record_id)
        self._emit({rec.type}, {record_id}, initiator)

    def resolve_conflict(
        self, record_id: str, field_name: str, keep_version: str | None, *, initiator: object = None
    ) -> None:
        rec = self._current(record_id)
        self._spec(rec.type)
        self.store.resolve_conflict(record_id, field_name, keep_version)
        self._emit({rec.type}, {record_id}, initiator)

    def text_versions(self, record_id: str) -> list[TextVersion]:
        """This computer's own texts of a record, kept when an edit made elsewhere at the
        same time was merged into them (``Record.text_merged``), newest first."""
        rec = self._current(record_id)
        self._spec(rec.type)
        return self.store.text_versions(record_id)

    def restore_text_version(
        self, record_id: str, version_id: int, *, initiator: object = None
    ) -> None:
        """Make a kept text the field's text again (an ordinary edit: it syncs)."""
        rec = self._current(record_id)
        spec = self._spec(rec.type)
        if spec.sign_field and rec.fields.get(spec.sign_field):
            raise ImmutableRecord("This note is signed; corrections go in an addendum.")
        self.store.restore_text_version(record_id, version_id)
        self._emit({rec.type}, {record_id}, initiator)

    def dismiss_text_conflict(
        self, record_id: str, field_name: str, *, initiator: object = None
    ) -> None:
        """Keep the merged text of a field as it is; its kept texts go."""
        rec = self._current(record_id)
        self._spec(rec.type)
        self.store.dismiss_text_conflict(record_id, field_name)
        self._emit({rec.type}, {record_id}, initiator)

    # -------------------------------------------------------------- reading

    def _current(self, record_id: str, *, include_deleted: bool = False) -> Record:
        rec = self.store.get(record_id, audit=False)
        if rec is None or (rec.deleted and not include_deleted):
            raise KeyError(record_id)
        return rec

    def get(self, record_id: str) -> Record:
        """One record, read on purpose (audited)."""
        rec = self.store.get(record_id, audit=False)
        if rec is None:
            raise KeyError(record_id)
        self._spec(rec.type)
        self.store.audit("read", record_id)
        return rec

    def reread(self, record_id: str) -> Record | None:
        """A record the user already has open, read again after a change (not a new read
        in the audit sense: opening it was audited). None once it is gone."""
        rec = self.store.get(record_id, audit=False)
        if rec is None or rec.deleted:
            return None
        self._spec(rec.type)
        return rec

    def open_participant(self, participant_id: str) -> tuple[Record, list[Record]]:
        """A participant and every record of theirs this role may read; one audit line each."""
        participant = self.get(participant_id)
        children = [
            r
            for r in self.store.query(parent=participant_id)
            if self.can_read(r.type) and r.error is None
        ]
        return participant, children

    def participants(self, *, mine_only: bool = False) -> list[Record]:
        rows = self.store.query(record_type="participant")
        if mine_only:
            rows = [
                r
                for r in rows
                if self.user_name in (r.fields.get("job_specialist"), r.fields.get("therapist"))
            ]
        return sorted(rows, key=lambda r: str(r.fields.get("name", "")).casefold())

    def records(self, participant_id: str, record_type: str | None = None) -> list[Record]:
        if record_type is not None:
            self._spec(record_type)
        return [
            r
            for r in self.store.query(parent=participant_id, record_type=record_type)
            if self.can_read(r.type)
        ]

    def team_records(self, record_type: str, *, parent: str | None = None) -> list[Record]:
        self._spec(record_type)
        return self.store.query(record_type=record_type, parent=parent)

    def dataset(self, types: Iterable[str] | None = None) -> Dataset:
        """Readable records, optionally only of some types (notes are most of the
        data; the caseload and most reminders never need them decrypted).

        One collector pause for all the queries (see storage.gc_pause): between
        them a collection walked every record decrypted so far.
        """
        with gc_paused():
            if types is None:
                return Dataset.from_records(r for r in self.store.query() if self.can_read(r.type))
            records: list[Record] = []
            for t in sorted(set(types)):
                if self.can_read(t):
                    records += self.store.query(record_type=t)
            return Dataset.from_records(records)

    def participant_dataset(self, participant_id: str) -> Dataset:
        """One participant, their readable records and the team's employers (for a
        summary of one person without decrypting everyone else). Not audited: the
        caller records what it does with it (print, export)."""
        participant = self.store.get(participant_id, audit=False)
        records = [participant] if participant is not None else []
        records += [r for r in self.store.query(parent=participant_id) if self.can_read(r.type)]
        if self.can_read("employer"):
            records += self.store.query(record_type="employer")
        return Dataset.from_records(records)

    def search(self, text: str, *, limit: int = 50) -> list[Record]:
        return [r for r in self.store.search(text, limit=limit) if self.can_read(r.type)]

    def losing_values(self, record_id: str) -> list[LosingValue]:
        return self.store.losing_values(record_id)

    # --------------------------------------------------- employers & consent

    def may_name_to_employer(
        self, participant_id: str, employer_id: str, *, data: Dataset | None = None
    ) -> bool:
        """True only with a current employer consent (for this employer or all) and a
        disclosure plan that is not 'none'."""
        ds = data or self.dataset({"consent", "disclosure_plan"})
        consent = current_consent(
            ds.children("consent", participant_id),
            scope="employer",
            today=self.today(),
            employer_id=employer_id,
        )
        if consent is None:
            return False
        plans = sorted(
            ds.children("disclosure_plan", participant_id),
            key=lambda r: str(r.fields.get("discussed", "")),
        )
        return bool(plans) and plans[-1].fields.get("level") != "none"

    def employer_contacts(self, employer_id: str) -> list[EmployerContactView]:
        """Contacts with one employer, naming participants only where disclosure allows."""
        ds = self.dataset(
            {
                "participant",
                "consent",
                "disclosure_plan",
                "employer_contact",
                "team_employer_contact",
            }
        )
        names = {p.id: str(p.fields.get("name", "")) for p in ds.of("participant")}
        out: list[EmployerContactView] = []
        for c in ds.of("employer_contact"):
            if c.fields.get("employer") != employer_id:
                continue
            pid = c.parent
            label = (
                names.get(pid)
                if pid and self.may_name_to_employer(pid, employer_id, data=ds)
                else None
            )
            out.append(EmployerContactView(c, label))
        for c in ds.of("team_employer_contact"):
            if c.parent == employer_id:
                out.append(EmployerContactView(c, None))
        out.sort(key=lambda v: str(v.record.fields.get("date", "")), reverse=True)
        return out

    # ---------------------------------------------------- audit & retention

    def record_types(self, participant_id: str) -> dict[str, str]:
        """Id → type of the participant's records, deleted and unreadable ones too."""
        return {
            r.id: r.type
            for r in self.store.query(
                parent=participant_id, include_deleted=True, readable_only=False
            )
        }

    def access_log(self, participant_id: str) -> list[AuditEntry]:
        """Who read or changed this participant's records, and when (ids only)."""
        self._spec("participant")
        ids = {participant_id} | {
            r.id
            for r in self.store.query(
                parent=participant_id, include_deleted=True, readable_only=False
            )
        }
        return [e for e in self.store.audit_entries() if e.record_id in ids]

    def retention_candidates(self, *, older_than_days: int) -> list[Record]:
        """Participants whose last episode ended more than ``older_than_days`` ago."""
        ds = self.dataset({"participant", "episode"})
        cutoff = (self.today() - timedelta(days=older_than_days)).isoformat()
        out = []
        for p in ds.of("participant"):
            episodes = ds.children("episode", p.id)
            if episodes and all(e.fields.get("exit") for e in episodes):
                last_exit = max(str(e.fields["exit"]) for e in episodes)
                if last_exit < cutoff:
                    out.append(p)
        return out

    def erase_participant(self, participant_id: str, *, confirm: str) -> int:
        """Hard-purge a participant and all their records everywhere.

        ``confirm`` must be the participant's name exactly, as typed by the user.
        Returns how many records were purged. Only a role that may erase (the
        team lead, see app.domain.access.may_erase) may: every other laptop and
        the server refuse the purge otherwise, so it is refused here first.
        """
        if not may_erase(self.store.role):
            raise AccessDenied("Only a team lead may erase a participant.")
        participant = self._current(participant_id)
        self._spec("participant")
        if confirm != participant.fields.get("name"):
            raise ValidationError({"confirm": "type the participant's name to confirm"})
        children = self.store.query(
            parent=participant_id, include_deleted=True, readable_only=False
        )
        # One purge of both spaces: it also reaches clinical records this
        # device cannot read (a job specialist holds no clinical key).
        self.store.purge(
            participant_id,
            spaces=[work_space(participant_id), clinical_space(participant_id)],
        )
        self._emit(
            {"participant", *(r.type for r in children)},
            {participant_id, *(r.id for r in children)},
            None,
        )
        return len(children) + 1

    def erase_work_records(self, participant_id: str, *, keep: Iterable[str] = ("episode",)) -> int:
        """Hard-purge the participant's work-space records but the participant record and
        the types in ``keep``, everywhere, leaving the clinical space alone (its records are
        kept longer: app.operations.retention). Team lead only, like an erasure.

        Returns how many records were purged."""
        if not may_erase(self.store.role):
            raise AccessDenied("Only a team lead may erase a participant's records.")
        self._current(participant_id)
        kept = {"participant", *keep}
        doomed = [
            r
            for r in self.store.query(
                parent=participant_id,
                space=work_space(participant_id),
                include_deleted=True,
                readable_only=False,
            )
            if r.type not in kept
        ]
        with self.store.transaction():
            for r in doomed:
                self.store.purge(r.id)
        self._emit({r.type for r in doomed}, {r.id for r in doomed}, None)
        return len(doomed)
