"""The profile commands: init, status, verify, backup, restore and passwd."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from app.cli.common import (
    INSECURE_KEYSTORE_WARNING,
    CliError,
    _emit,
    _passphrase,
    _profile,
    _unlock,
    _warn_insecure_keystore,
)
from app.domain.access import ROLES
from storage.errors import RolledBack


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
