"""The agenda: what is due today and this week, for the caseload screen and
``feltjournal agenda`` (app/agenda.py decides the items)."""

from __future__ import annotations

from app.agenda import AGENDA_TYPES, THERAPIST_KINDS, Agenda, agenda, notes_needed
from app.journal import Dataset, Journal
from app.operations.caseload import mine_field
from app.store_settings import user_names


def my_participant_ids(journal: Journal) -> set[str]:
    """The participants this user works with in their role: the assigned therapist's
    for a therapist, the job specialist's for everyone else (:func:`mine_field`), by the
    profile's name or the server's user name, as the caseload's "only mine"."""
    field = mine_field(journal.role)
    names = user_names(journal.store, journal.user_name)
    return {p.id for p in journal.participants() if p.fields.get(field) in names}


def week_agenda(journal: Journal, *, mine_only: bool = False) -> Agenda:
    """Today's and this week's items (see :mod:`app.agenda`); ``mine_only``: for this
    user's own participants. A therapist sees sessions and collaboration meetings (the
    rest is the job specialist's work). Case notes are decrypted only for the
    participants who may have a talk due."""
    today = journal.today()
    ds = journal.dataset(AGENDA_TYPES)
    who = my_participant_ids(journal) if mine_only else None
    if journal.is_therapist:
        return agenda(ds, today=today, participant_ids=who, kinds=THERAPIST_KINDS)
    records = [r for rs in ds.by_type.values() for r in rs]
    for pid in sorted(notes_needed(ds, today=today, participant_ids=who)):
        records += journal.records(pid, "case_note")
    return agenda(Dataset.from_records(records), today=today, participant_ids=who)
