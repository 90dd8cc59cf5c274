"""The team commands: handover, share-clinical and fte; each runs the same operation
(app/operations/handover.py, team.py) as the window."""

from __future__ import annotations

import argparse

from app.cli.common import CliError, _emit, _journal
from app.domain.access import JOB_SPECIALIST, THERAPIST
from app.domain.schema import ValidationError
from app.journal import Journal
from app.operations.handover import clinical_held, hand_over, share_clinical
from app.operations.team import fte_lines, set_fte
from app.store_settings import device_enrolled

#: The command line's role words for the participant fields a handover moves.
FIELD_OF_ROLE = {JOB_SPECIALIST: "job_specialist", THERAPIST: "therapist"}


def _validation_sentence(exc: ValidationError) -> str:
    return "; ".join(f"{k}: {v}" for k, v in exc.errors.items())


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
        raise CliError(str(exc)) from None
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
            raise CliError(f"Handover refused: {_validation_sentence(exc)}.") from None
        shared: dict[str, object] | None = None
        ids = [*done.moved, *done.already]
        if (
            field == "therapist"
            and journal.role == THERAPIST
            and device_enrolled(journal.store)
            and not args.no_share
            and clinical_held(journal, ids)
        ):
            shared = _share(args, journal, done.to, ids)
    finally:
        if not journal.store.locked:
            journal.store.lock()
    lines = [f"Overført {len(done.moved)} deltaker(e) til {done.to} som {args.role}."]
    if done.already:
        lines.append(f"{len(done.already)} hadde {done.to} fra før.")
    if shared is not None:
        lines.append(
            f"Kliniske journaler delt: {len(shared['shared'])} "  # type: ignore[arg-type]
            f"med {len(shared['devices'])} maskin(er) hos {done.to}."  # type: ignore[arg-type]
        )
    elif field == "therapist":
        lines.append(
            "Kliniske journaler er ikke delt herfra: det gjør terapeuten som har dem, fra "
            "sin maskin (feltjournal share-clinical --to NAVN)."
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
            raise CliError("Only a therapist's computer holds clinical journals to share.")
        if not device_enrolled(journal.store):
            raise CliError("This computer is not connected to a server; run 'enrol' first.")
        ids = args.participant or [p.id for p in journal.participants()]
        held = clinical_held(journal, ids)
        if not held:
            raise CliError("This computer holds no clinical journal of those participants.")
        shared = _share(args, journal, args.to, held)
    finally:
        if not journal.store.locked:
            journal.store.lock()
    _emit(
        args,
        shared,
        f"Kliniske journaler delt: {len(shared['shared'])} "  # type: ignore[arg-type]
        f"med {len(shared['devices'])} maskin(er) hos {args.to}.",  # type: ignore[arg-type]
    )
    return 0


def cmd_fte(args: argparse.Namespace) -> int:
    _, journal = _journal(args)
    try:
        if args.job_specialist is not None:
            if args.value is None:
                raise CliError("Give the FTE too, e.g. 'fte \"Kari Nordmann\" 0.6'.")
            try:
                set_fte(journal, job_specialist=args.job_specialist, fte=args.value)
            except ValidationError as exc:
                raise CliError(f"FTE refused: {_validation_sentence(exc)}.") from None
        lines = fte_lines(journal)
    finally:
        journal.store.lock()
    data = [{"job_specialist": f.job_specialist, "fte": f.fte, "set": f.set_by_lead} for f in lines]
    text = [f"{'Jobbspesialist':30} Stillingsandel"]
    text += [
        f"{f.job_specialist[:30]:30} {f.fte:.1f}".replace(".", ",")
        + ("" if f.set_by_lead else "  (standard)")
        for f in lines
    ]
    _emit(args, {"fte": data}, "\n".join(text))
    return 0
