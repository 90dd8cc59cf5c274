"""The sync commands: enrol, sync, devices and approve."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from app.cli.common import CliError, _emit, _journal
from app.cli.failures import sync_sentence
from app.domain.access import THERAPIST
from app.journal import Journal
from app.words import tr, trn

if TYPE_CHECKING:
    from app.operations.handover import NewDeviceOffer
    from app.sync_service import SyncService
    from app.syncing.adopt import Adoption
    from sync.client import SyncError


def _sync_service(args: argparse.Namespace) -> tuple[SyncService, Journal]:
    """The journal of the profile and its SyncService (imported late: httpx is not free)."""
    from app.composition import make_sync_service

    profile, journal = _journal(args)
    return make_sync_service(journal, profile), journal


def _wants_json(args: argparse.Namespace) -> bool:
    return bool(args.json or getattr(args, "sub_json", False))


def _sync_failed(exc: SyncError) -> CliError:
    return CliError(sync_sentence(exc))


DEVICE_STATUSES = ("pending", "approved", "revoked")


def device_status(status: str) -> str:
    """A device's status in words ("pending" → "venter")."""
    texts = {
        "pending": tr("pending"),
        "approved": tr("approved"),
        "revoked": tr("revoked"),
    }
    return texts.get(status, status)


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
        tr(
            "Enrolled with {server} as {user} ({role}{team}), device {device}. Waiting for a "
            "team lead's approval.",
            server=args.server,
            user=answer.user_name,
            role=answer.role,
            team=f", {answer.team_name}" if answer.team_name else "",
            device=answer.device_id,
        ),
    )
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from app.operations.handover import new_device_offers
    from sync.client import SyncError

    service, journal = _sync_service(args)
    error: SyncError | None = None
    result = None
    offers: list[NewDeviceOffer] = []
    adopted: Adoption | None = None
    try:
        if getattr(args, "adopt_stranded", False):
            adopted = _adopt(journal)
            if not _wants_json(args):
                print(adoption_sentence(adopted))
        resumed = bool(getattr(args, "resume", False)) and service.resume_after_rollback()
        if resumed and not _wants_json(args):
            print(tr("Sync resumes: everything this computer has written is sent again."))
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
        "own_returned": result.own_returned if result else 0,
        "backfilled": result.backfilled if result else 0,
        "restamped": result.restamped if result else 0,
        "pending": status.pending,
        "error": error.code if error else None,
        "message": sync_sentence(error) if error else None,
        "last_success": status.last_success.isoformat() if status.last_success else None,
        "unreadable_records": status.unreadable_records,
        "unreadable_participants": status.unreadable_participants,
        "stranded": status.stranded,
        "adopted": adopted.as_dict() if adopted is not None else None,
        "new_devices": [
            {"device_id": o.device_id, "device_name": o.device_name, "journals": o.journals}
            for o in offers
        ],
    }
    if _wants_json(args):
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif error is None:
        print(
            tr(
                # What the server sent back of this computer's own changes is no news.
                "Synced: {pushed} sent, {applied} new from the server, {pending} waiting.",
                pushed=data["pushed"],
                applied=data["applied"],
                pending=data["pending"],
            )
        )
        for offer in offers:
            print(new_device_hint(offer))
    if error is not None:
        print(f"feltjournal: {sync_sentence(error)}", file=sys.stderr)
        return 1
    if status.stranded:
        # Synced all it could: said on stderr, not a failure (the round did its work).
        print(f"feltjournal: {stranded_sentence(status.stranded)}", file=sys.stderr)
    if status.unreadable_records:
        sentence = _unreadable_sentence(status.unreadable_records, status.unreadable_participants)
        print(f"feltjournal: {sentence}", file=sys.stderr)
        return EXIT_UNREADABLE
    return 0


def new_device_hint(offer: NewDeviceOffer) -> str:
    """The window's offer as one line, with the command that shares."""
    return tr(
        "Your new computer «{device}» is approved. Share the clinical journals with it: "
        'feltjournal share-clinical --to "{user}"',
        device=offer.device_name,
        user=offer.user_name,
    )


#: ``sync`` exit code: synced, but records stay unreadable here for want of a key.
EXIT_UNREADABLE = 4


def _unreadable_sentence(records: int, participants: int) -> str:
    what = trn("{n} record", "{n} records", records)
    if participants:
        what = trn(
            "{what} about {n} participant", "{what} about {n} participants", participants, what=what
        )
    return tr(
        "{what} cannot be read on this computer because it lacks the key; ask a colleague "
        "who has access, or the team lead, to sync, and then sync again.",
        what=what,
    )


def stranded_sentence(count: int) -> str:
    """Changes written for another team than the server's, and what to do with them."""
    return trn(
        "{n} change was written for another team than the server's (before this computer "
        "was enrolled, or with a server it used before); the server does not take it, but it "
        "is kept here: bring it into this team with «feltjournal sync --adopt-stranded».",
        "{n} changes were written for another team than the server's (before this computer "
        "was enrolled, or with a server it used before); the server does not take them, but "
        "they are kept here: bring them into this team with «feltjournal sync "
        "--adopt-stranded».",
        count,
    )


def _adopt(journal: Journal) -> Adoption:
    from app.syncing.adopt import NOT_ENROLLED, CannotAdopt, adopt_stranded

    try:
        return adopt_stranded(journal)
    except CannotAdopt as exc:
        if exc.reason == NOT_ENROLLED:
            raise CliError(
                tr("This computer is not enrolled with a team; enrol it first.")
            ) from None
        raise CliError(
            tr(
                "This computer does not hold this team's key yet: sync again once a team "
                "lead has approved it, and then bring the changes in."
            )
        ) from None


def adoption_sentence(done: Adoption) -> str:
    """What ``sync --adopt-stranded`` brought into the team, and what it left, and why."""
    from app.cli.kinds import kind_text

    if done.records:
        kinds = ", ".join(f"{n} × {kind_text(t)}" for t, n in done.kinds.items())
        lines = [
            trn(
                "Brought {n} record into this team ({kinds}); it is sent at this sync.",
                "Brought {n} records into this team ({kinds}); they are sent at this sync.",
                done.records,
                kinds=kinds,
            )
        ]
    else:
        lines = [tr("Nothing was brought into this team.")]
    if done.replaced:
        lines.append(
            trn(
                "{n} of them replaced an older copy already in this team.",
                "{n} of them replaced older copies already in this team.",
                done.replaced,
            )
        )
    if done.skipped:
        lines.append(
            trn(
                "{n} was left out: the copy already in this team is newer.",
                "{n} were left out: the copies already in this team are newer.",
                done.skipped,
            )
        )
    lead_only = sum(done.lead_only.values())
    if lead_only:
        lines.append(
            trn(
                "{n} record ({kinds}) stays where it is: only a team lead may bring the team's "
                "settings, FTEs and fidelity reviews into the team.",
                "{n} records ({kinds}) stay where they are: only a team lead may bring the "
                "team's settings, FTEs and fidelity reviews into the team.",
                lead_only,
                kinds=", ".join(kind_text(t) for t in done.lead_only),
            )
        )
    if done.reports:
        lines.append(
            trn(
                "{n} report snapshot of the old team was left out: this team's own are "
                "published at the sync.",
                "{n} report snapshots of the old team were left out: this team's own are "
                "published at the sync.",
                done.reports,
            )
        )
    if done.unreadable:
        lines.append(
            trn(
                "{n} record cannot be read on this computer and stays as it is.",
                "{n} records cannot be read on this computer and stay as they are.",
                done.unreadable,
            )
        )
    return "\n".join(lines)


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
    _emit(args, {"devices": data}, device_table(data))
    return 0


def device_table(data: Sequence[Mapping[str, object]]) -> str:
    """The devices as a table whose columns line up in either language («tilbakekalt»)."""
    status = max(len(tr("Status")), *(len(device_status(s)) for s in DEVICE_STATUSES))
    lines = [
        f"{tr('Device'):36}  {tr('Status'):{status}}  {tr('Certified'):11}  {tr('Role'):14}  "
        f"{tr('User'):20}  " + tr("Name")
    ]
    lines += [
        f"{d['device_id']!s:36}  {device_status(str(d['status'])):{status}}  "
        f"{tr('yes') if d['certified'] else tr('no'):11}  "
        f"{d['role']!s:14}  {str(d['user'])[:20]:20}  {d['device_name']}"
        for d in data
    ]
    return "\n".join(lines)


def _iso_ms(ms: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="seconds")


def approved_line(user: str, role: str, device: str, granted: Sequence[object]) -> str:
    """The line `approve` prints: whose computer, and how many keys it was given."""
    return trn(
        "Approved: {user} ({role}), device {device}; {n} key shared.",
        "Approved: {user} ({role}), device {device}; {n} keys shared.",
        len(granted),
        user=user,
        role=role,
        device=device,
    )


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
        approved_line(done.device.user_name, done.device.role, done.device.device_id, done.granted)
        + (
            "\n"
            + tr(
                "Clinical journals do not come with the approval: the therapist who holds "
                "them shares them from their computer (it asks by itself at the next sync "
                "when it is the therapist's own new computer; otherwise Feltjournal → Share "
                'clinical journals…, or feltjournal share-clinical --to "{user}").',
                user=done.device.user_name,
            )
            if done.device.role == THERAPIST
            else ""
        ),
    )
    return 0
