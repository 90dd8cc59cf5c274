"""The profile commands: init, status, verify, backup, restore and passwd."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import (
    CliError,
    _emit,
    _passphrase,
    _profile,
    _unlock,
    _warn_insecure_keystore,
    insecure_keystore_warning,
)
from app.cli.failures import rollback_sentence
from app.domain.access import ROLES
from app.words import moment, number, tr, trn
from storage.errors import RolledBack


def keystore_text(kind: str) -> str:
    if kind == "keyring":
        return tr("system keyring")
    if kind == "file":
        return tr("file in the profile (insecure)")
    return kind


def cmd_init(args: argparse.Namespace) -> int:
    profile = _profile(args)
    if args.role not in ROLES:
        raise CliError(tr("Unknown role; choose one of {roles}.", roles=", ".join(ROLES)))
    passphrase = _passphrase(tr("Choose a passphrase: "), confirm=True)
    if len(passphrase) < 8:
        raise CliError(tr("The passphrase must be at least 8 characters."))
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
        tr(
            "Profile created in {path} (device {device}, keystore: {keystore}).",
            path=info.path,
            device=info.device_id,
            keystore=keystore_text(info.keystore),
        ),
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    profile = _profile(args)
    if not profile.exists():
        _emit(
            args,
            {"profile": str(profile.path), "exists": False},
            tr(
                "There is no profile in {path}. Create one with 'feltjournal init'.",
                path=profile.path,
            ),
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
    last = moment(info.last_backup) if info.last_backup else tr("none")
    rows = [
        (tr("Profile:"), str(info.path)),
        (tr("Device:"), info.device_id),
        (tr("Keystore:"), keystore_text(info.keystore)),
        (
            tr("Database:"),
            tr("{size} KiB (encrypted)", size=number(info.database_bytes / 1024, 0)),
        ),
        (tr("Backups:"), tr("{count} (last: {last})", count=info.backups, last=last)),
        (tr("Failed unlocks since the last one:"), str(info.failed_unlocks)),
    ]
    width = max(len(label) for label, _ in rows[:-1]) + 1
    lines = [f"{label:{width}}{value}" for label, value in rows[:-1]]
    lines.append(f"{rows[-1][0]} {rows[-1][1]}")
    if info.keystore == "file":
        data["warning"] = insecure_keystore_warning()
        lines.append(insecure_keystore_warning())
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
        lost = (
            trn("{n} save is lost", "{n} saves are lost", accepted.missing)
            if accepted.kind == "behind"
            else tr("the loss")
        )
        lines.append(
            tr("The rollback is accepted ({lost}); it is written to the access log.", lost=lost)
        )
    lines.append(tr("Database file: every page checked, in order"))
    lines.append(
        tr("Saves: {saves}, in agreement with the anchor outside the database", saves=saves)
    )
    lines.append(tr("Records checked: {records}", records=records))
    lines += [
        "  " + tr("Damaged: {id}", id=b.record_id) + (f" ({b.field})" if b.field else "")
        for b in bad
    ]
    state = (
        tr("in order")
        if chain.ok
        else tr("BROKEN at {seq}: {reason}", seq=chain.first_bad_seq, reason=chain.reason)
    )
    lines.append(
        trn(
            "Access log: {n} entry, {state}",
            "Access log: {n} entries, {state}",
            chain.entries,
            state=state,
        )
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
    _emit(args, {"backup": str(path)}, tr("Backup saved: {path}", path=path))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    profile = _profile(args)
    if args.undo:
        if args.file:
            raise CliError(tr("Give either a backup or --undo, not both."))
        back, aside = profile.undo_restore()
        _emit(
            args,
            {"restored": str(back), "previous_database": str(aside)},
            tr(
                "Put back {back}. The database from the restore has been moved to {aside}.",
                back=back,
                aside=aside,
            ),
        )
        return 0
    if not args.file:
        raise CliError(tr("Give the backup to restore, or --undo."))
    backup = Path(args.file)
    if not backup.is_file():
        raise CliError(tr("There is no backup file {path}.", path=backup))
    aside = profile.restore(_passphrase(), backup)
    _emit(
        args,
        {"restored": str(backup), "previous_database": str(aside)},
        tr(
            "Restored from {backup}. The previous database has been moved to {aside}.",
            backup=backup,
            aside=aside,
        ),
    )
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    profile = _profile(args)
    old = _passphrase(tr("Current passphrase: "))
    # Typed twice, as at set-up: a slip of the finger here would lock the journal for good.
    new = _passphrase(tr("New passphrase: "), confirm=True, env_var="FELTJOURNAL_NEW_PASSPHRASE")
    if len(new) < 8:
        raise CliError(tr("The passphrase must be at least 8 characters."))
    profile.change_passphrase(old, new)
    _emit(args, {"changed": True}, tr("The passphrase has been changed."))
    return 0
