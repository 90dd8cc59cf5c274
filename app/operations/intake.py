"""Intake: a new participant with their referral, entry and consents, in one step.

"Ny deltaker" in the window and ``feltjournal new-participant`` run :func:`admit`:
the participant, an accepted referral, an episode from the entry date and one
consent per scope given, written in one transaction (all or nothing). From then on
the four-week clock runs, the participant counts in the caseload size and in the
indicators; before, a participant without an episode was in none of them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from app.domain.schema import (
    CONSENT_SCOPES,
    REFERRAL_SOURCES,
    Problem,
    ValidationError,
    validate,
)
from app.journal import Journal
from app.operations.records import Item, item_of

#: The consents asked for at intake. A consent to talk to an employer names the
#: employer, so it is given later, employer by employer.
INTAKE_CONSENTS: Final = tuple(s for s in CONSENT_SCOPES if s != "employer")


@dataclass(frozen=True, slots=True)
class IntakeForm:
    """What intake asks: the participant's fields (name, programme, …), where the
    referral came from and when, the entry date and the consents given."""

    participant: Mapping[str, Any]
    referral_source: str
    referral_received: date
    entry: date
    consents: Collection[str] = ()


@dataclass(frozen=True, slots=True)
class Intake:
    """The records one intake wrote."""

    participant: Item
    referral: Item
    episode: Item
    consents: tuple[Item, ...]


def intake_records(form: IntakeForm, *, today: date) -> list[tuple[str, dict[str, Any]]]:
    """The records ``form`` makes, as (type, values), participant first, each checked
    against the schema. Raises ValidationError naming every bad field (``referral_date``
    when the referral is dated after the entry, ``consents`` for an unknown scope).

    The referral is accepted on the entry day (today when the entry is later); the
    consents are dated the same day, so none counts before it was given.
    """
    errors: dict[str, Problem] = {}
    try:
        participant = validate("participant", {"status": "active", **form.participant})
    except ValidationError as exc:
        errors.update(exc.errors)
        participant = {}
    if form.referral_source not in REFERRAL_SOURCES:
        errors["referral_source"] = Problem("not_choice")
    if form.referral_received > form.entry:
        errors["referral_date"] = Problem("after_entry")
    if any(c not in INTAKE_CONSENTS for c in form.consents):
        errors["consents"] = Problem("not_choices")
    if errors:
        raise ValidationError(errors)
    decided = max(form.referral_received, min(form.entry, today))
    records: list[tuple[str, dict[str, Any]]] = [
        ("participant", participant),
        (
            "referral",
            {
                "source": form.referral_source,
                "received": form.referral_received.isoformat(),
                "decision": "accepted",
                "decided": decided.isoformat(),
            },
        ),
        ("episode", {"entry": form.entry.isoformat()}),
    ]
    records += [
        ("consent", {"scope": scope, "given": decided.isoformat()})
        for scope in INTAKE_CONSENTS
        if scope in set(form.consents)
    ]
    for record_type, values in records[1:]:
        validate(record_type, values)
    return records


def admit(journal: Journal, *, form: IntakeForm, initiator: object = None) -> Intake:
    """Write the participant, referral, episode and consents of ``form`` in one
    transaction: if any write fails, none is kept."""
    records = intake_records(form, today=journal.today())
    (_, participant_values), *rest = records
    with journal.store.transaction():
        pid = journal.create_participant(participant_values, initiator=initiator)
        ids = [
            journal.add(record_type, values, participant_id=pid, initiator=initiator)
            for record_type, values in rest
        ]
    written = [journal.reread(rid) for rid in (pid, *ids)]
    items = [item_of(r) for r in written if r is not None]
    if len(items) != len(written):  # erased from elsewhere in between: say so, not None
        raise KeyError(pid)
    participant, referral, episode, *consents = items
    return Intake(participant, referral, episode, tuple(consents))
