"""The data commands: export, import and demo."""

from __future__ import annotations

import argparse
import sys
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
from app.words import tr, trn


def cmd_demo(args: argparse.Namespace) -> int:
    """Create (if needed) and fill a profile with synthetic data."""
    _require_demo_generator()
    from app.demo import fill_demo  # Faker is slow to import; only this command needs it

    profile = _profile(args)
    if profile.exists():
        if args.if_missing:
            _emit(
                args,
                {"created": False},
                tr("The demo profile already exists in {path}.", path=profile.path),
            )
            return 0
        _, journal = _journal(args)
        if journal.participants():
            journal.store.lock()
            raise CliError(
                tr("This profile already has participants; demo data goes in a new one.")
            )
    else:
        passphrase = _passphrase(tr("Choose a passphrase: "), confirm=True)
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
        tr(
            "Demo data: {participants} participants, {records} records in {path}.",
            participants=summary.participants,
            records=summary.records,
            path=profile.path,
        ),
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """The export to a file (atomic, owner-only), or with ``-o -`` to standard output
    (the JSON alone: the summary line goes to standard error)."""
    from app.portability import export_bytes, write_export

    if args.format != "json":
        raise CliError(tr("Only --format json is supported."))
    _, journal = _journal(args)
    try:
        if args.output == "-":
            payload = export_bytes(journal)
        else:
            path = write_export(journal, Path(args.output))
        count = sum(1 for _ in journal.store.query(include_deleted=True))
    finally:
        journal.store.lock()
    if args.output == "-":
        sys.stdout.buffer.write(payload + b"\n")
        sys.stdout.flush()
        said = tr("Exported {count} records (not encrypted: keep them safe).", count=count)
        print(f"feltjournal: {said}", file=sys.stderr)
        return 0
    _emit(
        args,
        {"file": str(path), "records": count},
        tr(
            "Exported {count} records to {path} (not encrypted: keep the file safe).",
            count=count,
            path=path,
        ),
    )
    return 0


def contact_counts(rows: int, contacts: int, employers: int, duplicates: int) -> str:
    """ "2 rader, 1 kontakt, 1 ny arbeidsgiver, 0 fantes fra før": each count in its number."""
    return ", ".join(
        (
            trn("{n} row", "{n} rows", rows),
            trn("{n} contact", "{n} contacts", contacts),
            trn("{n} new employer", "{n} new employers", employers),
            trn("{n} already there", "{n} already there", duplicates),
        )
    )


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
                counts = contact_counts(
                    report.rows, report.imported, report.employers_created, report.duplicates
                )
                if report.dry_run:
                    text = tr("Checked: {counts}.", counts=counts)
                else:
                    text = tr("Imported: {counts}.", counts=counts)
            else:
                text = tr("Nothing was imported:") + "\n"
                text += "\n".join(f"  {p}" for p in report.problems)
            _emit(args, data, text)
            return 0 if report.ok else 1
        result = import_json_file(journal, Path(args.file))
    finally:
        journal.store.lock()
    _emit(
        args,
        {"created": result.created, "skipped": result.skipped},
        tr("Imported {count} records.", count=result.total),
    )
    return 0
