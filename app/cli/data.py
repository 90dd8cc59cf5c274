"""The data commands: export, import and demo."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import (
    CliError,
    _emit,
    _journal,
    _passphrase,
    _profile,
    _require_demo_generator,
)
from app.journal import Journal


def cmd_demo(args: argparse.Namespace) -> int:
    """Create (if needed) and fill a profile with synthetic data."""
    _require_demo_generator()
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
