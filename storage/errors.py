"""Known storage failures.

Every message here is safe to log and to show: it names records by id and
spaces by id, never by content, and never includes a passphrase or a key.
The UI turns these classes into translated messages; anything else that
escapes storage/ is a bug.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Self


class StorageError(Exception):
    """Base class for the failures storage/ knows about."""


class WrongPassphrase(StorageError):
    """The passphrase (or the device key it is combined with) does not open the vault."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        super().__init__("Wrong passphrase: the vault could not be opened.")


class UnlockThrottled(StorageError):
    """Too many failed unlocks in a row; the caller must wait before trying again."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(
            f"Too many failed unlock attempts; try again in {math.ceil(retry_after)} seconds."
        )


class Locked(StorageError):
    """The store is locked: keys and decrypted data are not in memory."""

    def __init__(self) -> None:
        super().__init__("The journal is locked.")


class IntegrityFailure(StorageError):
    """A stored envelope failed authentication: it was altered or moved."""

    def __init__(self, record_id: str, field: str | None = None) -> None:
        self.record_id = record_id
        self.field = field
        where = f"record {record_id}" + (f", field {field}" if field else "")
        super().__init__(f"Integrity check failed for {where}: the data was altered or moved.")


class KeyUnavailable(StorageError):
    """This device holds no key for the space (by design, or not granted yet)."""

    def __init__(self, space: str, key_version: int | None = None) -> None:
        self.space = space
        self.key_version = key_version
        version = f" (key version {key_version})" if key_version is not None else ""
        super().__init__(f"No key on this device for space {space}{version}.")


class KeyRetired(StorageError):
    """A key version the space has moved on from (a member device was revoked).

    Old records stay readable with it; nothing new is sealed with it, so what is
    written after a revocation cannot be opened with keys the revoked device held.
    """

    def __init__(self, space: str, key_version: int, current: int) -> None:
        self.space = space
        self.key_version = key_version
        self.current = current
        super().__init__(
            f"Key version {key_version} of space {space} is retired (the space now uses "
            f"version {current}); nothing new is sealed with it."
        )


class DeviceKeyMissing(StorageError):
    """The device key is not in the OS keyring: the profile was copied or the keyring reset."""

    def __init__(self) -> None:
        super().__init__(
            "The device key for this profile is not in the system keyring. A profile copied "
            "from another machine cannot be opened; restore the keyring or enrol this device."
        )


class KeyringUnavailable(StorageError):
    """No secure OS keyring backend; the message names the fix."""

    def __init__(self, backend: str, fix: str) -> None:
        self.backend = backend
        self.fix = fix
        super().__init__(f"No secure system keyring is available (backend: {backend}). {fix}")


class UnsupportedFormat(StorageError):
    """A file or envelope has a format version this program does not understand."""

    def __init__(self, what: str, version: object) -> None:
        self.what = what
        self.version = version
        super().__init__(f"Unsupported format for {what}: version {version!r}.")


# What is wrong with a database file, in the words shown to the user (bokmål, as the
# command line's own messages). Keys are stable: the window translates by key.
DATABASE_PROBLEMS: dict[str, str] = {
    "missing": "mangler",
    "empty": "er tom (0 byte)",
    "truncated": "er avkortet",
    "foreign": "er ikke en Feltjournal-database som denne profilens nøkkel åpner",
    "malformed": "har skadde sider",
    "io": "kan ikke leses eller skrives (I/O-feil)",
    "readonly": "kan ikke skrives (filen eller mappen er skrivebeskyttet)",
    "full": "kan ikke skrives fordi disken er full",
}


class DatabaseUnreadable(StorageError):
    """The database file is missing, empty, truncated, garbage or not opened by our key.

    Nothing was written to it. ``problem`` is a key of :data:`DATABASE_PROBLEMS`;
    ``backup`` the newest verified backup and ``restore_command`` the command that
    restores it, when the profile knows them.
    """

    def __init__(
        self,
        path: str,
        problem: str = "foreign",
        *,
        backup: str | None = None,
        restore_command: str | None = None,
    ) -> None:
        self.path = path
        self.problem = problem if problem in DATABASE_PROBLEMS else "foreign"
        self.backup = backup
        self.restore_command = restore_command
        super().__init__(self._sentence())

    def _sentence(self) -> str:
        what = f"Databasefilen {self.path} {DATABASE_PROBLEMS[self.problem]}"
        if self.problem == "full":
            # Nothing is wrong with the file: a backup would not help, free space does.
            return (
                f"{what}; den siste endringen er ikke lagret, og Feltjournal skriver ikke mer "
                "til den før du har frigjort plass og låst opp på nytt."
            )
        if self.restore_command:
            return (
                f"{what}; Feltjournal skriver ikke til den, så gjenopprett den nyeste "
                f"kontrollerte sikkerhetskopien med: {self.restore_command}"
            )
        return f"{what}; Feltjournal skriver ikke til den, og det finnes ingen sikkerhetskopi."

    def with_backup(self, backup: str | None, restore_command: str | None) -> Self:
        """The same failure, naming the backup that restores it."""
        return type(self)(self.path, self.problem, backup=backup, restore_command=restore_command)


class DatabaseDamaged(DatabaseUnreadable):
    """The open database failed while in use (damaged page, I/O error, read-only file).

    The store writes nothing more to it; ``lock()`` still drops the keys.
    """


class BackupUnverified(StorageError):
    """A backup failed its full check (pages, integrity, every record, audit chain).

    ``during`` is "backup" (the new copy was deleted; older backups are kept) or
    "restore" (nothing was restored; the database is untouched).
    """

    def __init__(self, path: str, reason: str, *, during: str = "backup") -> None:
        self.path = path
        self.reason = reason
        self.during = during
        if during == "restore":
            text = (
                f"Sikkerhetskopien {path} besto ikke kontrollen ({reason}) og ble ikke "
                "gjenopprettet; databasen er urørt."
            )
        else:
            text = (
                f"Sikkerhetskopien ble ikke lagret fordi kopien ikke besto kontrollen ({reason}); "
                "de eldre sikkerhetskopiene er urørt."
            )
        super().__init__(text)


class DiskFull(StorageError):
    """The disk is full; the write was rolled back."""

    def __init__(self) -> None:
        super().__init__("The disk is full; the last change was not saved.")


class ProfileError(StorageError):
    """A profile folder is missing, already initialised, or incomplete.

    ``kind`` says which, for the user's language: ``missing`` (no profile), ``exists``,
    ``damaged`` (the file ``path``), ``no_folder`` (``path``), ``nothing_aside`` (no
    database a restore set aside), ``revoked`` (the device was revoked and its keys erased:
    the folder ``path`` can never be opened again); empty for anything else.
    """

    def __init__(self, message: str, *, kind: str = "", path: object = None) -> None:
        self.kind = kind
        self.path = "" if path is None else str(path)
        super().__init__(message)


class RolledBack(StorageError):
    """The database holds fewer saves than its anchor outside the file records (storage.anchor).

    ``kind``: ``behind`` (``missing`` saves are gone), ``diverged`` (another
    history than the one anchored), ``damaged`` (the anchor file fails its
    check). Times are of the newest save each side knows; ``newest_backup`` is
    the backup to offer. The database was not written to.
    """

    def __init__(
        self,
        kind: str,
        missing: int,
        *,
        database_saved: datetime | None,
        anchor_saved: datetime | None,
        newest_backup: Path | None,
    ) -> None:
        self.kind = kind
        self.missing = missing
        self.database_saved = database_saved
        self.anchor_saved = anchor_saved
        self.newest_backup = newest_backup
        if kind == "behind":
            what = f"{missing} saves made up to {_when(anchor_saved)} are missing"
        elif kind == "diverged":
            what = "it holds another history than the one last saved"
        else:
            what = "its save anchor (anchor.json) is damaged, so this cannot be checked"
        super().__init__(
            f"The database was rolled back: {what} (newest save it holds: "
            f"{_when(database_saved)}). Restore a backup, or accept the loss with "
            "'feltjournal verify --accept-rollback'."
        )


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else "none"
