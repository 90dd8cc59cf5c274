"""The ``feltjournal`` command line.

Global options choose the profile (``--profile DIR`` or FELTJOURNAL_PROFILE)
and, explicitly, the file-keystore fallback for machines without a secure
system keyring. The passphrase comes from a prompt, or from
FELTJOURNAL_PASSPHRASE for scripts and tests.

Exit codes: 0 ok, 1 a known failure (message on stderr), 2 bad usage,
3 verification found problems.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from storage.errors import StorageError
from storage.profile import Profile, default_profile_dir
from storage.store import RecordStore

ENV_PASSPHRASE = "FELTJOURNAL_PASSPHRASE"
ROLES = ("jobbspesialist", "terapeut", "teamleder")


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
    }
    last = info.last_backup.strftime("%d.%m.%Y %H:%M") if info.last_backup else "ingen"
    text = "\n".join(
        [
            f"Profil:           {info.path}",
            f"Enhet:            {info.device_id}",
            f"Nøkkellager:      {info.keystore}",
            f"Database:         {info.database_bytes / 1024:.0f} KiB (kryptert)",
            f"Sikkerhetskopier: {info.backups} (siste: {last})",
            f"Mislykte opplåsinger siden sist: {info.failed_unlocks}",
        ]
    )
    _emit(args, data, text)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    _, store = _unlock(args)
    try:
        bad = store.verify()
        chain = store.verify_audit()
        records = store.count()
    finally:
        store.lock()
    data = {
        "records": records,
        "bad_records": [{"record_id": b.record_id, "field": b.field} for b in bad],
        "audit_ok": chain.ok,
        "audit_entries": chain.entries,
        "audit_problem": chain.reason or None,
    }
    lines = [f"Poster kontrollert: {records}"]
    lines += [f"  Skadet: {b.record_id}" + (f" ({b.field})" if b.field else "") for b in bad]
    lines.append(
        f"Tilgangslogg: {chain.entries} oppføringer, "
        + ("i orden" if chain.ok else f"BRUTT ved {chain.first_bad_seq}: {chain.reason}")
    )
    _emit(args, data, "\n".join(lines))
    return 0 if not bad and chain.ok else 3


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
    sub.add_parser("verify", help="decrypt everything and check the audit chain").set_defaults(
        func=cmd_verify
    )
    p = sub.add_parser("backup", help="write an encrypted backup now")
    p.add_argument("--keep", type=int, default=7, help="backups to keep (default 7)")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="replace the database with a backup")
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)
    sub.add_parser("passwd", help="change the passphrase").set_defaults(func=cmd_passwd)
    p = sub.add_parser("search", help="full-text search")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=cmd_search)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return func(args)
    except (StorageError, CliError, ValueError) as exc:
        print(f"feltjournal: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
