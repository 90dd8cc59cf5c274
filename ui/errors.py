"""Known failures as clear, translated messages; anything else is a bug and says so."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from app.domain.access import AccessDenied
from app.domain.schema import ValidationError
from app.errors import (
    BackupUnverified,
    DatabaseUnreadable,
    DeviceKeyMissing,
    DiskFull,
    IntegrityFailure,
    KeyringUnavailable,
    KeyUnavailable,
    Locked,
    ProfileError,
    RolledBack,
    UnlockThrottled,
    UnsupportedFormat,
    WrongPassphrase,
)
from app.journal import ImmutableRecord
from ui import plurals
from ui.formats import format_datetime
from ui.labels import problems_text


def describe(exc: BaseException) -> str:
    """A message for the user. Never includes participant data (the exceptions carry none)."""
    if isinstance(exc, WrongPassphrase):
        return QCoreApplication.translate("Errors", "Wrong passphrase.")
    if isinstance(exc, UnlockThrottled):
        return plurals.Errors().retry_in(math.ceil(exc.retry_after))
    if isinstance(exc, DeviceKeyMissing):
        return QCoreApplication.translate(
            "Errors",
            "This computer's keyring does not hold the key for this profile. A profile copied "
            "from another machine cannot be opened here.",
        )
    if isinstance(exc, KeyringUnavailable):
        return QCoreApplication.translate(
            "Errors",
            "No secure keyring is available on this computer. Install and unlock a keyring "
            "(GNOME Keyring or KWallet), or choose the file keystore explicitly.",
        )
    if isinstance(exc, DatabaseUnreadable):
        return database_problem(exc)
    if isinstance(exc, BackupUnverified):
        if exc.during == "restore":
            return (
                QCoreApplication.translate(
                    "Errors",
                    "The backup %1 did not pass its check (%2) and was not restored; the database "
                    "is untouched.",
                )
                .replace("%1", exc.path)
                .replace("%2", exc.reason)
            )
        return QCoreApplication.translate(
            "Errors",
            "The backup was not saved because the copy did not pass its check (%1); the older "
            "backups are untouched.",
        ).replace("%1", exc.reason)
    if isinstance(exc, RolledBack):
        return _rolled_back(exc)
    if isinstance(exc, DiskFull):
        return QCoreApplication.translate(
            "Errors", "The disk is full. The last change was not saved."
        )
    if isinstance(exc, IntegrityFailure):
        return QCoreApplication.translate(
            "Errors", "One record failed its integrity check and cannot be shown: %1"
        ).replace("%1", exc.record_id)
    if isinstance(exc, KeyUnavailable):
        return QCoreApplication.translate("Errors", "This device has no key for these records.")
    if isinstance(exc, Locked):
        return QCoreApplication.translate("Errors", "The journal is locked.")
    if isinstance(exc, AccessDenied):
        return QCoreApplication.translate("Errors", "Your role does not give access to this.")
    if isinstance(exc, ImmutableRecord):
        return QCoreApplication.translate(
            "Errors", "This note is signed and cannot be changed. Add an addendum instead."
        )
    if isinstance(exc, ValidationError):
        return problems_text(exc.errors)
    if isinstance(exc, UnsupportedFormat):
        return QCoreApplication.translate(
            "Errors", "The file has a format this version does not understand."
        )
    if isinstance(exc, ProfileError):
        if exc.kind == "revoked":
            return QCoreApplication.translate(
                "Errors",
                "This computer has been revoked and its keys erased: the journal on it can no "
                "longer be opened. What it had synced is kept on the server.",
            )
        return QCoreApplication.translate("Errors", "The profile is missing or incomplete.")
    return QCoreApplication.translate(
        "Errors", "Something went wrong inside Feltjournal. Your saved work is safe."
    )


def _problem_text(problem: str) -> str:
    texts = {
        "missing": QCoreApplication.translate("Errors", "is missing"),
        "empty": QCoreApplication.translate("Errors", "is empty (0 bytes)"),
        "truncated": QCoreApplication.translate("Errors", "is cut short"),
        "foreign": QCoreApplication.translate(
            "Errors", "is not a Feltjournal database that this profile's key opens"
        ),
        "malformed": QCoreApplication.translate("Errors", "has damaged pages"),
        "io": QCoreApplication.translate("Errors", "cannot be read or written (I/O error)"),
        "readonly": QCoreApplication.translate(
            "Errors", "cannot be written (the file or folder is read-only)"
        ),
        "full": QCoreApplication.translate("Errors", "cannot be written: the disk is full"),
    }
    return texts.get(problem, texts["foreign"])


def database_problem(exc: DatabaseUnreadable) -> str:
    """One sentence: which file, what is wrong with it, and the backup that restores it."""
    if exc.problem == "full":
        text = QCoreApplication.translate(
            "Errors",
            "The database file %1 %2; the last change was not saved, and Feltjournal writes "
            "nothing more to it until you free some space and unlock again.",
        )
    elif exc.backup:
        text = QCoreApplication.translate(
            "Errors",
            "The database file %1 %2, so Feltjournal writes nothing more to it; restore the "
            "newest verified backup, %3.",
        ).replace("%3", exc.backup)
    else:
        text = QCoreApplication.translate(
            "Errors",
            "The database file %1 %2, so Feltjournal writes nothing more to it; there is no "
            "backup to restore.",
        )
    return text.replace("%2", _problem_text(exc.problem)).replace("%1", exc.path)


def _rolled_back(exc: RolledBack) -> str:
    if exc.kind == "behind" and exc.anchor_saved is not None:
        when = format_datetime(exc.anchor_saved)
        return (
            QCoreApplication.translate(
                "Errors",
                "The journal database has been rolled back: %1 saves are missing, the "
                "newest from %2. Nothing was written to it. Restore the newest backup with "
                "'feltjournal restore', or accept the loss with "
                "'feltjournal verify --accept-rollback'.",
            )
            .replace("%1", str(exc.missing))
            .replace("%2", when)
        )
    return QCoreApplication.translate(
        "Errors",
        "The journal database does not match the record of your last save kept beside it: "
        "it was replaced or rolled back. Nothing was written to it. Restore the newest "
        "backup with 'feltjournal restore', or accept the loss with "
        "'feltjournal verify --accept-rollback'.",
    )
