"""The ``feltjournal`` command line.

Global options choose the profile (``--profile DIR`` or FELTJOURNAL_PROFILE)
and, explicitly, the file-keystore fallback for machines without a secure
system keyring. The passphrase comes from a prompt, or from
FELTJOURNAL_PASSPHRASE for scripts and tests.

Exit codes: 0 ok, 1 a known failure (message on stderr), 2 bad usage,
3 verification found problems, 4 ``sync`` finished but records stay unreadable on
this computer for want of a space key (``--json``: ``unreadable_records``).

A damaged, empty or missing database is one sentence on stderr naming the file,
the newest verified backup and the ``restore`` command for it; nothing more is
written to that file.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import store_settings
from app.domain.access import (
    CENTRAL,
    JOB_SPECIALIST,
    ROLES,
    TEAM_LEAD,
    AccessDenied,
    may_erase,
)
from app.hardening import disable_core_dumps
from app.journal import Journal
from app.reminders import CASELOAD_TYPES, caseload_rows
from storage.dbfile import problem_of
from storage.errors import DatabaseDamaged, RolledBack, StorageError
from storage.profile import Profile, default_profile_dir
from storage.store import RecordStore

if TYPE_CHECKING:
    from app.sync_service import SyncService

ENV_PASSPHRASE = "FELTJOURNAL_PASSPHRASE"


class CliError(Exception):
    """A failure to report in one line, with exit code 1."""


def _passphrase(prompt: str = "Passordfrase: ", *, confirm: bool = False) -> str:
    env = os.environ.get(ENV_PASSPHRASE)
    if env:
        return env
    if not sys.stdin.isatty():
        raise CliError(f"No passphrase: set {ENV_PASSPHRASE} or run in a terminal.")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Gjenta passordfrasen: ") != first:
        raise CliError("The passphrases do not match.")
    return first


def _profile(args: argparse.Namespace) -> Profile:
    path = Path(args.profile) if args.profile else default_profile_dir()
    return Profile(path)


def _unlock(args: argparse.Namespace) -> tuple[Profile, RecordStore]:
    profile = _profile(args)
    return profile, profile.unlock(_passphrase())


def _emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


INSECURE_KEYSTORE_WARNING = (
    "ADVARSEL: Enhetsnøkkelen ligger i en fil i profilmappen, ved siden av dataene, "
    "ikke i systemets nøkkelring; bare passordfrasen beskytter journalen om noen får "
    "en kopi av mappen."
)


def _warn_insecure_keystore(keystore: str) -> None:
    if keystore == "file":
        print(f"feltjournal: {INSECURE_KEYSTORE_WARNING}", file=sys.stderr)


def _when_nb(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%d.%m.%Y %H:%M") if moment else "ukjent tid"


def rollback_sentence(exc: RolledBack) -> str:
    """One bokmål sentence: what was lost, since when, and how to go on."""
    if exc.newest_backup is not None:
        offer = (
            f"gjenopprett den nyeste sikkerhetskopien med «feltjournal restore "
            f"{exc.newest_backup}», eller godta tapet med «feltjournal verify --accept-rollback»"
        )
    else:
        offer = (
            "godta tapet med «feltjournal verify --accept-rollback» "
            "(det finnes ingen sikkerhetskopi)"
        )
    if exc.kind == "behind":
        saves = "lagring" if exc.missing == 1 else "lagringer"
        since = (
            f"gjort etter {_when_nb(exc.database_saved)}"
            if exc.database_saved
            else "(alle som er gjort)"
        )
        return (
            f"Databasen er rullet tilbake: {exc.missing} {saves} {since} mangler, "
            f"den siste fra {_when_nb(exc.anchor_saved)}; {offer}."
        )
    if exc.kind == "diverged":
        return (
            "Databasen er byttet ut eller rullet tilbake: den har ikke lenger lagringen fra "
            f"{_when_nb(exc.anchor_saved)}; {offer}."
        )
    return (
        "Kontrollfilen anchor.json er skadet, så Feltjournal kan ikke se om databasen er "
        f"rullet tilbake; {offer}."
    )


def cmd_init(args: argparse.Namespace) -> int:
    profile = _profile(args)
    if args.role not in ROLES:
        raise CliError(f"Unknown role {args.role!r}; choose one of {', '.join(ROLES)}.")
    passphrase = _passphrase("Velg passordfrase: ", confirm=True)
    if len(passphrase) < 8:
        raise CliError("The passphrase must be at least 8 characters.")
    profile.create(
        user_name=args.name,
        role=args.role,
        passphrase=passphrase,
        file_keystore=args.insecure_file_keystore,
    )
    info = profile.info()
    _warn_insecure_keystore(info.keystore)
    _emit(
        args,
        {"profile": str(info.path), "device_id": info.device_id, "keystore": info.keystore},
        f"Profil opprettet i {info.path} (enhet {info.device_id}, nøkkellager: {info.keystore}).",
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    profile = _profile(args)
    if not profile.exists():
        _emit(
            args,
            {"profile": str(profile.path), "exists": False},
            f"Ingen profil i {profile.path}. Opprett en med 'feltjournal init'.",
        )
        return 1
    info = profile.info()
    data = {
        "profile": str(info.path),
        "exists": True,
        "device_id": info.device_id,
        "keystore": info.keystore,
        "created": info.created,
        "database_bytes": info.database_bytes,
        "backups": info.backups,
        "last_backup": info.last_backup.isoformat() if info.last_backup else None,
        "failed_unlocks": info.failed_unlocks,
        "insecure_keystore": info.keystore == "file",
    }
    last = info.last_backup.strftime("%d.%m.%Y %H:%M") if info.last_backup else "ingen"
    lines = [
        f"Profil:           {info.path}",
        f"Enhet:            {info.device_id}",
        f"Nøkkellager:      {info.keystore}",
        f"Database:         {info.database_bytes / 1024:.0f} KiB (kryptert)",
        f"Sikkerhetskopier: {info.backups} (siste: {last})",
        f"Mislykte opplåsinger siden sist: {info.failed_unlocks}",
    ]
    if info.keystore == "file":
        data["warning"] = INSECURE_KEYSTORE_WARNING
        lines.append(INSECURE_KEYSTORE_WARNING)
    _emit(args, data, "\n".join(lines))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    profile = _profile(args)
    passphrase = _passphrase()
    accepted: RolledBack | None = None
    try:
        store = profile.unlock(passphrase)
    except RolledBack as exc:
        if not args.accept_rollback:
            # A finding of verify (exit 3), not a failure to run it.
            sentence = rollback_sentence(exc)
            if args.json:
                _emit(args, {"rollback": _rollback_json(exc), "message": sentence}, sentence)
            else:
                print(f"feltjournal: {sentence}", file=sys.stderr)
            return 3
        accepted = exc
        store = profile.unlock(passphrase, accept_rollback=True)
    try:
        # Every page and SQLite's own check first: a damaged file is one sentence
        # (and exit 1), not a traceback halfway through the records.
        store.check_database()
        bad = store.verify()
        chain = store.verify_audit()
        records = store.count()
        saves = store.saves()
    finally:
        store.lock()
    data = {
        "database_ok": True,  # a damaged file ends above, with exit code 1
        "saves": saves,
        "rollback_accepted": _rollback_json(accepted) if accepted else None,
        "records": records,
        "bad_records": [{"record_id": b.record_id, "field": b.field} for b in bad],
        "audit_ok": chain.ok,
        "audit_entries": chain.entries,
        "audit_problem": chain.reason or None,
    }
    lines = []
    if accepted is not None:
        lost = f"{accepted.missing} lagringer er tapt" if accepted.kind == "behind" else "tapet"
        lines.append(f"Tilbakerullingen er godtatt ({lost}); den er ført i tilgangsloggen.")
    lines.append("Databasefil: alle sider kontrollert, i orden")
    lines.append(f"Lagringer: {saves}, i samsvar med ankeret utenfor databasen")
    lines.append(f"Poster kontrollert: {records}")
    lines += [f"  Skadet: {b.record_id}" + (f" ({b.field})" if b.field else "") for b in bad]
    lines.append(
        f"Tilgangslogg: {chain.entries} oppføringer, "
        + ("i orden" if chain.ok else f"BRUTT ved {chain.first_bad_seq}: {chain.reason}")
    )
    _emit(args, data, "\n".join(lines))
    return 0 if not bad and chain.ok else 3


def _rollback_json(exc: RolledBack) -> dict[str, Any]:
    return {
        "kind": exc.kind,
        "missing_saves": exc.missing,
        "database_saved": exc.database_saved.isoformat() if exc.database_saved else None,
        "anchor_saved": exc.anchor_saved.isoformat() if exc.anchor_saved else None,
        "newest_backup": str(exc.newest_backup) if exc.newest_backup else None,
    }


def cmd_backup(args: argparse.Namespace) -> int:
    profile, store = _unlock(args)
    try:
        path = profile.backup(store, keep=args.keep)
    finally:
        store.lock()
    _emit(args, {"backup": str(path)}, f"Sikkerhetskopi lagret: {path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    profile = _profile(args)
    if args.undo:
        if args.file:
            raise CliError("Gi enten en sikkerhetskopi eller --undo, ikke begge.")
        back, aside = profile.undo_restore()
        _emit(
            args,
            {"restored": str(back), "previous_database": str(aside)},
            f"Satte tilbake {back}. Databasen fra gjenopprettingen er flyttet til {aside}.",
        )
        return 0
    if not args.file:
        raise CliError("Gi sikkerhetskopien som skal gjenopprettes, eller --undo.")
    backup = Path(args.file)
    if not backup.is_file():
        raise CliError(f"No such backup file: {backup}")
    aside = profile.restore(_passphrase(), backup)
    _emit(
        args,
        {"restored": str(backup), "previous_database": str(aside)},
        f"Gjenopprettet fra {backup}. Forrige database er flyttet til {aside}.",
    )
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    profile = _profile(args)
    old = _passphrase("Nåværende passordfrase: ")
    new = os.environ.get("FELTJOURNAL_NEW_PASSPHRASE") or getpass.getpass("Ny passordfrase: ")
    if len(new) < 8:
        raise CliError("The passphrase must be at least 8 characters.")
    profile.change_passphrase(old, new)
    _emit(args, {"changed": True}, "Passordfrasen er endret.")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    _, store = _unlock(args)
    try:
        hits = store.search(args.query, limit=args.limit)
        data = {"hits": [{"id": r.id, "type": r.type, "parent": r.parent} for r in hits]}
        for r in hits:
            store.audit("read", r.id, "search")
    finally:
        store.lock()
    text = "\n".join(f"{r.type:20} {r.id}" for r in hits) or "Ingen treff."
    _emit(args, data, text)
    return 0


def _journal(args: argparse.Namespace) -> tuple[Profile, Journal]:
    profile, store = _unlock(args)
    return profile, Journal(store)


def cmd_participants(args: argparse.Namespace) -> int:
    _, journal = _journal(args)
    try:
        people = journal.participants(mine_only=args.mine)
        ds = journal.dataset(CASELOAD_TYPES)
        rows = {r.participant_id: r for r in caseload_rows(ds, journal.today())}
    finally:
        journal.store.lock()
    data = []
    lines = [f"{'Navn':28} {'Program':7} {'Status':9} {'Jobbspesialist':20} Første kontakt"]
    for p in people:
        row = rows.get(p.id)
        days = row.days_to_first_contact if row else None
        data.append(
            {
                "id": p.id,
                "name": p.fields.get("name"),
                "programme": p.fields.get("programme"),
                "status": p.fields.get("status"),
                "job_specialist": p.fields.get("job_specialist"),
                "days_to_first_employer_contact": days,
            }
        )
        when = "" if row is None else ("utført" if days is None else f"{days} dager")
        lines.append(
            f"{str(p.fields.get('name', ''))[:28]:28} {p.fields.get('programme', ''):7} "
            f"{p.fields.get('status', ''):9} {str(p.fields.get('job_specialist', ''))[:20]:20} "
            f"{when}"
        )
    _emit(args, {"participants": data}, "\n".join(lines))
    return 0


def cmd_employers(args: argparse.Namespace) -> int:
    _, journal = _journal(args)
    try:
        employers = journal.team_records("employer")
        contacts = journal.dataset({"employer_contact", "team_employer_contact"})
    finally:
        journal.store.lock()
    counts: dict[str, int] = {}
    for c in contacts.of("employer_contact"):
        key = str(c.fields.get("employer"))
        counts[key] = counts.get(key, 0) + 1
    for c in contacts.of("team_employer_contact"):
        counts[str(c.parent)] = counts.get(str(c.parent), 0) + 1
    employers.sort(key=lambda e: str(e.fields.get("name", "")).casefold())
    data = [
        {
            "id": e.id,
            "name": e.fields.get("name"),
            "org_number": e.fields.get("org_number"),
            "industry": e.fields.get("industry"),
            "contacts": counts.get(e.id, 0),
        }
        for e in employers
    ]
    lines = [f"{'Arbeidsgiver':34} {'Org.nr.':10} Kontakter"]
    lines += [f"{str(d['name'])[:34]:34} {d['org_number'] or '':10} {d['contacts']}" for d in data]
    _emit(args, {"employers": data}, "\n".join(lines))
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    from app.indicators import (
        INDICATOR_TYPES,
        Period,
        all_figures,
        parse_period,
        total_fidelity_score,
    )

    _, journal = _journal(args)
    try:
        today = journal.today()
        period = (
            parse_period(args.period)
            if args.period
            else Period.quarter(today.year, (today.month - 1) // 3 + 1)
        )
        figures = all_figures(
            journal.dataset(INDICATOR_TYPES), period, job_specialist=args.job_specialist
        )
    finally:
        journal.store.lock()
    total = total_fidelity_score(figures)
    data = {
        "period": period.label,
        "job_specialist": args.job_specialist,
        "figures": [
            {
                "key": f.key,
                "label": f.label,
                "group": f.group,
                "value": f.value,
                "unit": f.unit,
                "numerator": f.numerator,
                "denominator": f.denominator,
                "score": f.score,
                "target": f.target,
                "records": len(f.records),
            }
            for f in figures
        ],
        "fidelity_points": total.points,
        "fidelity_items_scored": total.items_scored,
    }
    lines = [
        f"Periode {period.label}" + (f", {args.job_specialist}" if args.job_specialist else "")
    ]
    for f in figures:
        if f.value is None:
            shown = "–"
        elif f.unit == "%":
            shown = f"{f.value * 100:.0f} %"
        else:
            shown = f"{f.value:.1f} {f.unit}"
        score = f"  (skår {f.score})" if f.score is not None else ""
        lines.append(f"  {f.label:58} {shown}{score}")
    lines.append(
        f"Troskap (delvis): {total.points} poeng over {total.items_scored} skårede punkter"
    )
    _emit(args, data, "\n".join(lines))
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    _, journal = _journal(args)
    try:
        if not may_erase(journal.store.role):
            raise CliError("Bare en teamleder kan slette en deltaker for godt.")
        rec = journal.store.get(args.participant_id, audit=False)
        if rec is None or rec.type != "participant":
            raise CliError("No such participant.")
        confirm = args.confirm
        if confirm is None:
            if not sys.stdin.isatty():
                raise CliError("Give --confirm with the participant's name to erase.")
            confirm = input(
                "Dette sletter deltakeren og alt om dem på alle maskiner, for godt. "
                "Skriv navnet for å bekrefte: "
            )
        count = journal.erase_participant(args.participant_id, confirm=confirm)
    finally:
        journal.store.lock()
    _emit(args, {"erased_records": count}, f"Slettet {count} poster for godt.")
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    """Participants whose last episode ended more than --days ago (candidates for erasure)."""
    _, journal = _journal(args)
    try:
        due = journal.retention_candidates(older_than_days=args.days)
    finally:
        journal.store.lock()
    data = [{"id": p.id, "name": p.fields.get("name")} for p in due]
    lines = [f"{p.id}  {p.fields.get('name', '')}" for p in due]
    text = (
        "\n".join(lines)
        + f"\n{len(due)} deltaker(e) avsluttet for mer enn {args.days} dager siden; "
        "slett med 'feltjournal erase-participant ID --confirm NAVN'."
        if due
        else f"Ingen deltakere avsluttet for mer enn {args.days} dager siden."
    )
    _emit(args, {"days": args.days, "participants": data}, text)
    return 0


def cmd_access_log(args: argparse.Namespace) -> int:
    _, journal = _journal(args)
    try:
        entries = journal.access_log(args.participant_id)
        journal.store.audit("export", args.participant_id, "access log")
    finally:
        journal.store.lock()
    data = [
        {
            "at": e.at,
            "actor": e.actor,
            "device": e.device,
            "action": e.action,
            "record_id": e.record_id,
        }
        for e in entries
    ]
    lines = [
        f"{e.at[:19].replace('T', ' ')}  {e.actor:24} {e.action:8} {e.record_id}" for e in entries
    ]
    _emit(args, {"entries": data}, "\n".join(lines) or "Ingen oppføringer.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Create (if needed) and fill a profile with synthetic data."""
    from app.demo import fill_demo  # Faker is slow to import; only this command needs it

    profile = _profile(args)
    if profile.exists():
        if args.if_missing:
            _emit(args, {"created": False}, f"Demoprofilen finnes allerede i {profile.path}.")
            return 0
        _, journal = _journal(args)
        if journal.participants():
            journal.store.lock()
            raise CliError("This profile already has participants; demo data goes in a new one.")
    else:
        passphrase = _passphrase("Velg passordfrase: ", confirm=True)
        profile.create(
            user_name=args.name,
            role=args.role,
            passphrase=passphrase,
            file_keystore=args.insecure_file_keystore,
        )
        journal = Journal(profile.unlock(passphrase))
    try:
        summary = fill_demo(
            journal, participants=args.participants, seed=args.seed, today=journal.today()
        )
    finally:
        journal.store.lock()
    _emit(
        args,
        {"created": True, "records": summary.records, "counts": summary.counts},
        f"Demodata: {summary.participants} deltakere, {summary.records} poster i {profile.path}.",
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.portability import write_export

    if args.format != "json":
        raise CliError("Only --format json is supported.")
    _, journal = _journal(args)
    try:
        path = write_export(journal, Path(args.output))
        count = sum(1 for _ in journal.store.query(include_deleted=True))
    finally:
        journal.store.lock()
    _emit(
        args,
        {"file": str(path), "records": count},
        f"Eksporterte {count} poster til {path} (ukryptert: oppbevar filen trygt).",
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.portability import import_employer_contacts_csv, import_json_file

    _, journal = _journal(args)
    try:
        if args.employer_contacts:
            report = import_employer_contacts_csv(journal, Path(args.file), dry_run=args.dry_run)
            data = {
                "ok": report.ok,
                "rows": report.rows,
                "imported": report.imported,
                "employers_created": report.employers_created,
                "duplicates": report.duplicates,
                "dry_run": report.dry_run,
                "problems": [
                    {"row": p.row, "column": p.column, "message": p.message}
                    for p in report.problems
                ],
            }
            if report.ok:
                verb = "Kontrollert" if report.dry_run else "Importert"
                text = (
                    f"{verb}: {report.rows} rader, {report.imported} kontakter, "
                    f"{report.employers_created} nye arbeidsgivere, "
                    f"{report.duplicates} fantes fra før."
                )
            else:
                text = "Ingenting ble importert:\n" + "\n".join(f"  {p}" for p in report.problems)
            _emit(args, data, text)
            return 0 if report.ok else 1
        result = import_json_file(journal, Path(args.file))
    finally:
        journal.store.lock()
    _emit(
        args,
        {"created": result.created, "skipped": result.skipped},
        f"Importerte {result.total} poster.",
    )
    return 0


# --- sync: enrolment, sync rounds, a team lead's devices ---------------------------------


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
    from sync.client import SyncError

    service, journal = _sync_service(args)
    error: SyncError | None = None
    result = None
    try:
        resumed = bool(getattr(args, "resume", False)) and service.resume_after_rollback()
        if resumed and not _wants_json(args):
            print("Synkroniseringen fortsetter: alt denne maskinen har skrevet, sendes på nytt.")
        try:
            result = service.sync_once()
        except SyncError as exc:
            error = exc
            result = exc.result
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
    }
    if _wants_json(args):
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif error is None:
        print(
            f"Synkronisert: {data['pushed']} sendt, {data['pulled']} hentet, "
            f"{data['applied']} nye endringer, {data['pending']} venter."
        )
    if error is not None:
        print(f"feltjournal: {error}", file=sys.stderr)
        return 1
    if status.unreadable_records:
        sentence = _unreadable_sentence(status.unreadable_records, status.unreadable_participants)
        print(f"feltjournal: {sentence}", file=sys.stderr)
        return EXIT_UNREADABLE
    return 0


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
        f"{done.device.device_id}; {len(done.granted)} nøkler delt.",
    )
    return 0


def _central_filters(args: argparse.Namespace) -> Any:
    from app.central import Filters

    return Filters(
        programmes=frozenset(args.programme) if args.programme else None,
        regions=frozenset(args.region) if args.region else None,
    )


def cmd_central_report(args: argparse.Namespace) -> int:
    """The central team's report from the snapshots on this device."""
    from app.central.aggregate import central_data
    from app.central.export import report_json, report_rows, report_table, write_csv
    from app.indicators import parse_period

    _, store = _unlock(args)
    try:
        data, unreadable = central_data(store)
    finally:
        store.lock()
    if unreadable:
        print(
            f"feltjournal: skipped {unreadable} snapshot(s) that could not be read or verified",
            file=sys.stderr,
        )
    if data.empty:
        raise CliError(
            "No report snapshots on this device: a central device receives them by "
            "'feltjournal sync'; a team lead makes them with 'feltjournal central publish'."
        )
    if args.period:
        period = parse_period(args.period).label
    else:
        period = (data.periods("quarter") or data.periods())[-1]
    if not any(p == period for p in data.periods()):
        raise CliError(
            f"No team has reported for {period}; periods on this device: "
            + ", ".join(data.periods())
        )
    filters = _central_filters(args)
    fmt = "json" if args.json else args.format
    if fmt == "csv":
        write_csv(sys.stdout, report_rows(data, period, filters=filters))
    elif fmt == "json":
        print(json.dumps(report_json(data, period, filters=filters), ensure_ascii=False, indent=2))
    else:
        print(report_table(data, period, filters=filters))
    return 0


def cmd_central_publish(args: argparse.Namespace) -> int:
    """A team lead's device: write the team's report snapshots (sync sends them)."""
    from app.central import publish, publish_due
    from app.central.publish import is_central_team
    from app.indicators import parse_period

    _, journal = _journal(args)
    try:
        if journal.role != TEAM_LEAD:
            raise CliError("Only a team lead's profile publishes report snapshots.")
        if is_central_team(journal.store):
            raise CliError("The central team reports to no one: it publishes no snapshots.")
        enrolled = store_settings.team_id(journal.store) is not None
        if args.period:
            written = [publish(journal, parse_period(args.period))]
        else:
            written = publish_due(journal, today=journal.today())
    finally:
        journal.store.lock()
    data = {"published": [{"period": s.period, "revision": s.revision} for s in written]}
    nothing = (
        "Ingen nye perioder å publisere."
        if enrolled
        else "Ingen perioder publisert: profilen er ikke registrert hos en server ennå."
    )
    text = "\n".join(f"Publisert {s.period} (versjon {s.revision})." for s in written) or nothing
    _emit(args, data, text)
    return 0


def cmd_central_demo(args: argparse.Namespace) -> int:
    """A central team's profile filled with three demo teams' snapshots."""
    from app.central.demo import fill_central_demo

    profile = _profile(args)
    if profile.exists():
        _, store = _unlock(args)
        if store.role != CENTRAL:
            store.lock()
            raise CliError("This profile is not a central team's; demo reports go in a new one.")
    else:
        passphrase = _passphrase("Velg passordfrase: ", confirm=True)
        profile.create(
            user_name=args.name,
            role=CENTRAL,
            passphrase=passphrase,
            file_keystore=args.insecure_file_keystore,
        )
        store = profile.unlock(passphrase)
    try:
        written = fill_central_demo(store, today=date.today())
    finally:
        store.lock()
    teams = sorted({s.team_name for s in written})
    _emit(
        args,
        {"snapshots": len(written), "teams": teams},
        f"Demorapporter: {len(written)} øyeblikksbilder fra {len(teams)} team i {profile.path}.",
    )
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    """No subcommand: open the desktop client."""
    # The entry point is the one place app/ reaches up to ui/; imported late so
    # the command line works without loading Qt.
    from ui.app import run_gui

    profile = _profile(args)
    return run_gui(profile_dir=profile.path)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="feltjournal",
        description="Feltjournal: kryptert feltjournal for jobbspesialister og terapeuter.",
    )
    parser.add_argument(
        "--profile", help="profile folder (default: FELTJOURNAL_PROFILE or the user data folder)"
    )
    parser.add_argument(
        "--insecure-file-keystore",
        action="store_true",
        help="with init: keep the device key in a file in the profile instead of the system "
        "keyring (only the passphrase protects it then)",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("init", help="create a profile")
    p.add_argument("--name", required=True, help="your name")
    p.add_argument("--role", required=True, choices=ROLES)
    p.set_defaults(func=cmd_init)

    sub.add_parser("status", help="profile status, without unlocking").set_defaults(func=cmd_status)
    p = sub.add_parser("verify", help="decrypt everything and check the audit chain")
    p.add_argument(
        "--accept-rollback",
        action="store_true",
        help="continue with a database found rolled back (the loss is audited)",
    )
    p.set_defaults(func=cmd_verify)
    p = sub.add_parser("backup", help="write an encrypted backup now (verified in full)")
    p.add_argument(
        "--keep", type=_at_least_one, default=7, help="backups to keep, at least 1 (default 7)"
    )
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser(
        "restore",
        help="replace the database with a backup (verified first), or undo the last restore",
        description="Replace the database with a backup. The backup is verified in full "
        "first and refused if damaged; the current database is set aside, never deleted. "
        "'restore --undo' puts back the database the last restore set aside.",
    )
    p.add_argument("file", nargs="?", help="the backup file (see 'status' for the folder)")
    p.add_argument(
        "--undo",
        action="store_true",
        help="put back the database the last restore set aside (the current one is set "
        "aside in its turn)",
    )
    p.set_defaults(func=cmd_restore)
    sub.add_parser("passwd", help="change the passphrase").set_defaults(func=cmd_passwd)
    p = sub.add_parser("demo", help="create a profile filled with synthetic demo data")
    p.add_argument("--participants", type=int, default=40)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--name", default="Demo Jobbspesialist")
    p.add_argument("--role", default=JOB_SPECIALIST, choices=ROLES)
    p.add_argument("--if-missing", action="store_true", help="do nothing if the profile exists")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("export", help="export everything you may read (lossless JSON)")
    p.add_argument("--format", default="json", choices=("json",))
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("import", help="import a JSON export, or employer contacts from CSV")
    p.add_argument("file")
    p.add_argument(
        "--employer-contacts",
        action="store_true",
        help="the file is a CSV of employer contacts (see README)",
    )
    p.add_argument("--dry-run", action="store_true", help="with --employer-contacts: only check")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("participants", help="list participants")
    p.add_argument("--mine", action="store_true", help="only your own")
    p.set_defaults(func=cmd_participants)
    sub.add_parser("employers", help="list employers").set_defaults(func=cmd_employers)
    p = sub.add_parser("indicators", help="IPS fidelity and outcome indicators")
    p.add_argument("--period", help="2026-Q3, 2026-09 or 2026 (default: this quarter)")
    p.add_argument("--job-specialist", help="only this job specialist (by name)")
    p.set_defaults(func=cmd_indicators)
    p = sub.add_parser("erase-participant", help="erase a participant everywhere, for good")
    p.add_argument("participant_id")
    p.add_argument("--confirm", help="the participant's name, exactly")
    p.set_defaults(func=cmd_erase)
    p = sub.add_parser("retention", help="participants whose exit is older than --days")
    p.add_argument("--days", type=int, default=365 * 2, help="retention period (default 730)")
    p.set_defaults(func=cmd_retention)
    p = sub.add_parser("access-log", help="who read or changed a participant's records")
    p.add_argument("participant_id")
    p.set_defaults(func=cmd_access_log)
    p = sub.add_parser("search", help="full-text search")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=cmd_search)
    p = sub.add_parser("enrol", help="register this computer with the team's sync server")
    p.add_argument("--server", required=True, help="the server's address (https://…)")
    p.add_argument("--code", required=True, help="the one-time code from the central team")
    p.add_argument("--device-name", help="a name for this computer (default: its host name)")
    p.add_argument("--json", dest="sub_json", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_enrol)
    p = sub.add_parser("sync", help="sync once with the server now")
    p.add_argument("--json", dest="sub_json", action="store_true", help="JSON summary")
    p.add_argument(
        "--resume",
        action="store_true",
        help="resume sync paused because the server lost changes it had sent before",
    )
    p.set_defaults(func=cmd_sync)
    p = sub.add_parser("devices", help="the team's computers and whether their certificates verify")
    p.add_argument("--json", dest="sub_json", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_devices)
    p = sub.add_parser(
        "approve", help="approve a team member's computer and share keys (team lead)"
    )
    p.add_argument("device_id", help="device id, or a unique prefix of 6+ characters")
    p.add_argument("--json", dest="sub_json", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_approve)
    p = sub.add_parser("central", help="de-identified reports for the central team")
    central = p.add_subparsers(dest="central_command", required=True)
    p = central.add_parser("report", help="the teams' figures for a period (central team)")
    p.add_argument("--period", help="2026-Q3 or 2026-09 (default: the latest quarter reported)")
    p.add_argument("--format", default="table", choices=("table", "csv", "json"))
    p.add_argument(
        "--programme", action="append", help="only teams in this programme (SFJ/JMO/IPS)"
    )
    p.add_argument("--region", action="append", help="only teams in this region")
    p.set_defaults(func=cmd_central_report)
    p = central.add_parser("publish", help="publish the team's report snapshots (team lead)")
    p.add_argument("--period", help="this period now (default: every closed period not yet sent)")
    p.set_defaults(func=cmd_central_publish)
    p = central.add_parser("demo", help="a central team's profile with three demo teams")
    p.add_argument("--name", default="Demo Sentralt team")
    p.set_defaults(func=cmd_central_demo)
    return parser


def _at_least_one(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        # --keep 0 used to delete every backup, the one just saved included.
        raise argparse.ArgumentTypeError(
            f"{value!r} er ikke gyldig: behold minst 1 sikkerhetskopi."
        )
    return number


def main(argv: Sequence[str] | None = None) -> int:
    disable_core_dumps()  # before any key is in memory; the window starts from here too
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        func = cmd_gui
    try:
        return func(args)
    except RolledBack as exc:
        print(f"feltjournal: {rollback_sentence(exc)}", file=sys.stderr)
        return 1
    except (StorageError, CliError, ValueError, AccessDenied, KeyError) as exc:
        print(f"feltjournal: {exc}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        # A damaged file met outside the store's own calls: the same one sentence.
        problem = problem_of(exc)
        if problem is None:
            raise
        profile = _profile(args)
        damage = profile.with_restore_hint(DatabaseDamaged(str(profile.db_path), problem))
        print(f"feltjournal: {damage}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
