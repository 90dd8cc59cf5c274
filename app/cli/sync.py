"""The sync commands: enrol, sync, devices and approve."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from app.cli.common import CliError, _emit, _journal
from app.domain.access import THERAPIST
from app.journal import Journal

if TYPE_CHECKING:
    from app.operations.handover import NewDeviceOffer
    from app.sync_service import SyncService


def _sync_service(args: argparse.Namespace) -> tuple[SyncService, Journal]:
    """The journal of the profile and its SyncService (imported late: httpx is not free)."""
    from app.composition import make_sync_service

    profile, journal = _journal(args)
    return make_sync_service(journal, profile), journal


def _wants_json(args: argparse.Namespace) -> bool:
    return bool(args.json or getattr(args, "sub_json", False))


def _sync_failed(exc: Exception) -> CliError:
    return CliError(str(exc))


def _close(service: SyncService, journal: Journal) -> None:
    service.close()
    if not journal.store.locked:
        journal.store.lock()


def cmd_enrol(args: argparse.Namespace) -> int:
    import socket

    from sync.client import SyncError

    args.json = _wants_json(args)
    service, journal = _sync_service(args)
    try:
        answer = service.enrol(args.server, args.code, args.device_name or socket.gethostname())
    except SyncError as exc:
        raise _sync_failed(exc) from None
    finally:
        _close(service, journal)
    _emit(
        args,
        {
            "device_id": answer.device_id,
            "user": answer.user_name,
            "role": answer.role,
            "team_id": answer.team_id,
            "team": answer.team_name,
            "programme": answer.programme,
            "region": answer.region,
            "server": args.server,
            "status": "pending",
        },
        f"Registrert hos {args.server} som {answer.user_name} ({answer.role}"
        + (f", {answer.team_name}" if answer.team_name else "")
        + f"), enhet {answer.device_id}. Venter på godkjenning fra en teamleder.",
    )
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from app.operations.handover import new_device_offers
    from sync.client import SyncError

    service, journal = _sync_service(args)
    error: SyncError | None = None
    result = None
    offers: list[NewDeviceOffer] = []
    try:
        resumed = bool(getattr(args, "resume", False)) and service.resume_after_rollback()
        if resumed and not _wants_json(args):
            print("Synkroniseringen fortsetter: alt denne maskinen har skrevet, sendes på nytt.")
        try:
            result = service.sync_once()
        except SyncError as exc:
            error = exc
            result = exc.result
        if error is None:
            offers = new_device_offers(journal)
    finally:
        _close(service, journal)
    status = service.status
    data = {
        "ok": error is None,
        "pushed": result.pushed if result else 0,
        "pulled": result.pulled if result else 0,
        "applied": result.applied if result else 0,
        "backfilled": result.backfilled if result else 0,
        "restamped": result.restamped if result else 0,
        "pending": status.pending,
        "error": error.code if error else None,
        "message": str(error) if error else None,
        "last_success": status.last_success.isoformat() if status.last_success else None,
        "unreadable_records": status.unreadable_records,
        "unreadable_participants": status.unreadable_participants,
        "stranded": status.stranded,
        "new_devices": [
            {"device_id": o.device_id, "device_name": o.device_name, "journals": o.journals}
            for o in offers
        ],
    }
    if _wants_json(args):
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif error is None:
        print(
            f"Synkronisert: {data['pushed']} sendt, {data['pulled']} hentet, "
            f"{data['applied']} nye endringer, {data['pending']} venter."
        )
        for offer in offers:
            print(new_device_hint(offer))
    if error is not None:
        print(f"feltjournal: {error}", file=sys.stderr)
        return 1
    if status.stranded:
        # Synced all it could: said on stderr, not a failure (the round did its work).
        from app.syncing.status import stranded_sentence

        print(f"feltjournal: {stranded_sentence(status.stranded)}", file=sys.stderr)
    if status.unreadable_records:
        sentence = _unreadable_sentence(status.unreadable_records, status.unreadable_participants)
        print(f"feltjournal: {sentence}", file=sys.stderr)
        return EXIT_UNREADABLE
    return 0


def new_device_hint(offer: NewDeviceOffer) -> str:
    """The window's offer as one line, with the command that shares (bokmål)."""
    return (
        f"Din nye datamaskin «{offer.device_name}» er godkjent. Del de kliniske journalene "
        f'med den: feltjournal share-clinical --to "{offer.user_name}"'
    )


#: ``sync`` exit code: synced, but records stay unreadable here for want of a key.
EXIT_UNREADABLE = 4


def _unreadable_sentence(records: int, participants: int) -> str:
    what = f"{records} {'oppføring' if records == 1 else 'oppføringer'}"
    if participants:
        what += f" om {participants} {'deltaker' if participants == 1 else 'deltakere'}"
    return (
        f"{what} kan ikke leses på denne maskinen fordi den mangler nøkkelen; be en kollega "
        "som har tilgang, eller teamlederen, om å synkronisere, og synkroniser deretter igjen."
    )


def cmd_devices(args: argparse.Namespace) -> int:
    from sync.client import SyncError

    args.json = _wants_json(args)
    service, journal = _sync_service(args)
    try:
        entries = service.directory()
    except SyncError as exc:
        raise _sync_failed(exc) from None
    finally:
        _close(service, journal)
    data = [
        {
            "device_id": e.info.device_id,
            "device_name": e.info.device_name,
            "user": e.info.user_name,
            "user_id": e.info.user_id,
            "role": e.info.role,
            "team_id": e.info.team_id,
            "status": e.info.status,
            "certified": e.certified,
            "enrolled": _iso_ms(e.info.enrolled_ms),
            "x25519_public": e.info.x25519_public.hex(),
            "ed25519_public": e.info.ed25519_public.hex(),
        }
        for e in entries
    ]
    lines = [f"{'Enhet':36}  {'Status':8}  {'Sertifisert':11}  {'Rolle':14}  {'Bruker':20}  Navn"]
    lines += [
        f"{d['device_id']:36}  {d['status']:8}  {'ja' if d['certified'] else 'nei':11}  "
        f"{d['role']:14}  {str(d['user'])[:20]:20}  {d['device_name']}"
        for d in data
    ]
    _emit(args, {"devices": data}, "\n".join(lines))
    return 0


def _iso_ms(ms: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="seconds")


def cmd_approve(args: argparse.Namespace) -> int:
    from sync.client import SyncError

    args.json = _wants_json(args)
    service, journal = _sync_service(args)
    try:
        done = service.approve_device(args.device_id)
    except SyncError as exc:
        raise _sync_failed(exc) from None
    finally:
        _close(service, journal)
    _emit(
        args,
        {
            "device_id": done.device.device_id,
            "status": done.device.status,
            "user": done.device.user_name,
            "role": done.device.role,
            "granted": done.granted,
            "certified": done.certified,
        },
        f"Godkjent: {done.device.user_name} ({done.device.role}), enhet "
        f"{done.device.device_id}; {len(done.granted)} nøkler delt."
        + (
            "\nKliniske journaler følger ikke med godkjenningen: terapeuten som har dem, "
            "deler dem fra sin maskin (den spør selv ved neste synkronisering når det er "
            "terapeutens egen nye maskin; ellers Feltjournal → Del kliniske journaler …, eller "
            f'feltjournal share-clinical --to "{done.device.user_name}").'
            if done.device.role == THERAPIST
            else ""
        ),
    )
    return 0
