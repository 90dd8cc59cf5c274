"""The team commands: handover, share-clinical and fte; each runs the same operation
(app/operations/handover.py, team.py) as the window."""

from __future__ import annotations

import argparse

from app.cli.common import CliError, _emit, _journal
from app.cli.failures import field_problem, sync_sentence
from app.domain.access import JOB_SPECIALIST, THERAPIST
from app.domain.schema import ValidationError
from app.journal import Journal
from app.operations.handover import clinical_held, hand_over, share_clinical
from app.operations.team import fte_lines, set_fte
from app.store_settings import device_enrolled
from app.words import number, tr, trn

#: The command line's role words for the participant fields a handover moves.
FIELD_OF_ROLE = {JOB_SPECIALIST: "job_specialist", THERAPIST: "therapist"}


def _validation_sentence(exc: ValidationError) -> str:
    return "; ".join(field_problem(k, v) for k, v in exc.errors.items())


def _share(
    args: argparse.Namespace, journal: Journal, to: str, ids: list[str]
) -> dict[str, object]:
    """Share the clinical journals of ``ids`` held here with ``to``'s computers."""
    from app.cli.common import _profile
    from app.composition import make_sync_service
    from sync.client import SyncError

    service = make_sync_service(journal, _profile(args))
    try:
        done = share_clinical(service, to=to, participant_ids=ids)
    except SyncError as exc:
        raise CliError(sync_sentence(exc)) from None
    finally:
        service.close()
    return {
        "devices": list(done.devices),
        "shared": list(done.participants),
        "without_key": list(done.without_key),
    }


def cmd_handover(args: argparse.Namespace) -> int:
    field = FIELD_OF_ROLE[args.role]
    _, journal = _journal(args)
    try:
        try:
            done = hand_over(
                journal,
                field=field,
                to=args.to,
                participant_ids=args.participant or None,
                from_person=args.from_person,
            )
        except ValidationError as exc:
            raise CliError(
                tr("Handover refused: {problems}.", problems=_validation_sentence(exc))
            ) from None
        shared: dict[str, object] | None = None
        ids = [*done.moved, *done.already]
        held_here = (
            field == "therapist"
            and journal.role == THERAPIST
            and not args.no_share
            and clinical_held(journal, ids)
        )
        enrolled = device_enrolled(journal.store)
        if held_here and enrolled:
            shared = _share(args, journal, done.to, ids)
    finally:
        if not journal.store.locked:
            journal.store.lock()
    lines = [
        trn(
            "Handed {n} participant over to {to} as {role}.",
            "Handed {n} participants over to {to} as {role}.",
            len(done.moved),
            to=done.to,
            role=args.role,
        )
    ]
    if done.already:
        lines.append(
            trn("{n} already had {to}.", "{n} already had {to}.", len(done.already), to=done.to)
        )
    if shared is not None:
        lines.append(_shared_sentence(shared, done.to))
    elif held_here:
        lines.append(
            tr(
                "The clinical journals held here are not shared yet: this computer is not "
                "connected to a server. Once it is (feltjournal enrol), share them with: "
                'feltjournal share-clinical --to "{to}"',
                to=done.to,
            )
        )
    elif field == "therapist":
        lines.append(
            tr(
                "Clinical journals are not shared from here: the therapist who holds them does "
                "that from their computer (feltjournal share-clinical --to NAME)."
            )
        )
    _emit(
        args,
        {
            "field": done.field,
            "to": done.to,
            "moved": list(done.moved),
            "already": list(done.already),
            "clinical": shared,
        },
        "\n".join(lines),
    )
    return 0


def cmd_share_clinical(args: argparse.Namespace) -> int:
    _, journal = _journal(args)
    try:
        if journal.role != THERAPIST:
            raise CliError(tr("Only a therapist's computer holds clinical journals to share."))
        if not device_enrolled(journal.store):
            raise CliError(
                tr("This computer is not connected to a server; run 'feltjournal enrol' first.")
            )
        ids = args.participant or [p.id for p in journal.participants()]
        held = clinical_held(journal, ids)
        if not held:
            raise CliError(tr("This computer holds no clinical journal of those participants."))
        shared = _share(args, journal, args.to, held)
    finally:
        if not journal.store.locked:
            journal.store.lock()
    _emit(args, shared, _shared_sentence(shared, args.to))
    return 0


def _shared_sentence(shared: dict[str, object], to: str) -> str:
    journals = shared["shared"]
    devices = shared["devices"]
    assert isinstance(journals, list) and isinstance(devices, list)
    return trn(
        "Clinical journals shared: {n} with {devices} of {to}'s computers.",
        "Clinical journals shared: {n} with {devices} of {to}'s computers.",
        len(journals),
        devices=len(devices),
        to=to,
    )


def cmd_fte(args: argparse.Namespace) -> int:
    _, journal = _journal(args)
    try:
        if args.job_specialist is not None:
            if args.value is None:
                raise CliError(tr("Give the FTE too, e.g. 'fte \"Kari Nordmann\" 0.6'."))
            try:
                set_fte(journal, job_specialist=args.job_specialist, fte=args.value)
            except ValidationError as exc:
                raise CliError(
                    tr("FTE refused: {problems}.", problems=_validation_sentence(exc))
                ) from None
        lines = fte_lines(journal)
    finally:
        journal.store.lock()
    data = [{"job_specialist": f.job_specialist, "fte": f.fte, "set": f.set_by_lead} for f in lines]
    text = [f"{tr('Job specialist'):30} " + tr("FTE")]
    text += [
        f"{f.job_specialist[:30]:30} {number(f.fte, 1)}"
        + ("" if f.set_by_lead else "  " + tr("(default)"))
        for f in lines
    ]
    _emit(args, {"fte": data}, "\n".join(text))
    return 0
