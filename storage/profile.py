"""A profile: one folder holding one replica (vault, encrypted database, backups).

Layout::

    profile.json      format, profile id, device id, keystore kind (nothing secret)
    vault.json        the vault: database key, device key pairs, space keys
    journal.db        the SQLCipher database (plus -wal / -shm while open)
    backups/          encrypted backups, newest last (each verified in full)
    journal.db.replaced-*   databases a restore set aside (``restore --undo``)
    device-key.json   only with the explicit file-keystore fallback

Only ``create`` (``init``, ``demo``) and ``restore`` put a database file here:
unlock refuses a missing, empty, truncated or foreign ``journal.db`` (a complete
profile, one with ``profile.json``, always had one) and names the newest backup
and the command that restores it, rather than starting an empty journal that
would soon rotate the good backups out.

Several profiles can live on one machine (``--profile DIR``), which is how the
tests run several "laptops" side by side.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final, TypeVar

import platformdirs
import sqlite_utils

from storage import backup as backups
from storage.anchor import AnchorFile, anchor_key
from storage.audit import audit_key
from storage.checkpoint import WalCheckpointer
from storage.crypto import KdfParams
from storage.db import connect
from storage.dbfile import holds_journal, problem_of, shape_problem
from storage.errors import (
    BackupUnverified,
    DatabaseDamaged,
    DatabaseUnreadable,
    ProfileError,
    RolledBack,
    UnsupportedFormat,
    WrongPassphrase,
)
from storage.ids import new_id
from storage.keys import SpaceKeys
from storage.keystore import FileKeyStore, KeyringKeyStore, KeyStore
from storage.owner_only import restrict_to_owner
from storage.schema import migrations
from storage.secmem import wipe
from storage.store import DeviceSecrets, RecordStore
from storage.vault import Vault, VaultContents

PROFILE_FORMAT: Final = 1
_E = TypeVar("_E", bound=DatabaseUnreadable)
ENV_PROFILE: Final = "FELTJOURNAL_PROFILE"


def default_profile_dir() -> Path:
    """``$FELTJOURNAL_PROFILE``, else the platform's user data folder."""
    env = os.environ.get(ENV_PROFILE)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("feltjournal", appauthor=False)) / "profile"


@dataclass(frozen=True, slots=True)
class ProfileInfo:
    """What can be said about a profile without unlocking it."""

    path: Path
    profile_id: str
    device_id: str
    keystore: str
    created: str
    database_bytes: int
    backups: int
    last_backup: datetime | None
    failed_unlocks: int


class Profile:
    """A profile folder; ``unlock()`` opens its replica as a :class:`RecordStore`."""

    def __init__(
        self,
        path: Path,
        *,
        keystore: KeyStore | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """``now`` is the clock of the profile's stamps and of its backups' schedule."""
        self.path = path
        self._keystore = keystore
        self._now = now

    # ---------------------------------------------------------------- layout

    @property
    def meta_path(self) -> Path:
        return self.path / "profile.json"

    @property
    def vault_path(self) -> Path:
        return self.path / "vault.json"

    @property
    def db_path(self) -> Path:
        return self.path / "journal.db"

    @property
    def backup_dir(self) -> Path:
        return self.path / "backups"

    def exists(self) -> bool:
        return self.meta_path.is_file()

    def _meta(self) -> dict[str, Any]:
        if not self.exists():
            raise ProfileError(
                f"No profile in {self.path}. Create one with 'feltjournal init'.",
                kind="missing",
                path=self.path,
            )
        try:
            meta = json.loads(self.meta_path.read_text("utf-8"))
        except (OSError, ValueError):
            raise ProfileError(
                f"The profile file {self.meta_path} is damaged.",
                kind="damaged",
                path=self.meta_path,
            ) from None
        if not isinstance(meta, dict) or meta.get("format") != PROFILE_FORMAT:
            raise UnsupportedFormat(
                "profile", meta.get("format") if isinstance(meta, dict) else None
            )
        return meta

    def keystore(self) -> KeyStore:
        if self._keystore is None:
            kind = self._meta().get("keystore", "keyring")
            self._keystore = self._make_keystore(str(kind))
        return self._keystore

    def _make_keystore(self, kind: str) -> KeyStore:
        if kind == "file":
            return FileKeyStore(self.path / "device-key.json")
        return KeyringKeyStore()

    def _openable_meta(self) -> dict[str, Any]:
        """The profile's metadata; a revoked device's profile (keys erased) is refused."""
        meta = self._meta()
        if meta.get("keys_erased"):
            raise ProfileError(
                f"This computer was revoked; its keys were erased at {meta['keys_erased']}.",
                kind="revoked",
                path=self.path,
            )
        return meta

    def _key_name(self, meta: dict[str, Any]) -> str:
        return f"device-key:{meta['profile_id']}"

    def info(self) -> ProfileInfo:
        meta = self._meta()
        found = backups.list_backups(self.backup_dir)
        return ProfileInfo(
            path=self.path,
            profile_id=str(meta["profile_id"]),
            device_id=str(meta["device_id"]),
            keystore=str(meta.get("keystore", "keyring")),
            created=str(meta.get("created", "")),
            database_bytes=self.db_path.stat().st_size if self.db_path.exists() else 0,
            backups=len(found),
            last_backup=backups.backup_time(found[-1]) if found else None,
            failed_unlocks=_failed_unlocks(self.vault_path),
        )

    # ------------------------------------------------------------- lifecycle

    def create(
        self,
        *,
        user_name: str,
        role: str,
        passphrase: str,
        file_keystore: bool = False,
        kdf: KdfParams | None = None,
    ) -> None:
        """Make a new profile: device key in the keystore, vault, empty database."""
        if self.exists():
            raise ProfileError(
                f"A profile already exists in {self.path}.", kind="exists", path=self.path
            )
        if not passphrase:
            raise ValueError("a passphrase is required")
        self.path.mkdir(parents=True, exist_ok=True)
        restrict_to_owner(self.path)
        kind = "file" if file_keystore else "keyring"
        if self._keystore is None:
            self._keystore = self._make_keystore(kind)
        device_id = new_id()
        meta: dict[str, Any] = {
            "format": PROFILE_FORMAT,
            "profile_id": new_id(),
            "device_id": device_id,
            "keystore": kind,
            "created": self._now().isoformat(timespec="seconds"),
        }
        contents = VaultContents.new(device_id=device_id, user_name=user_name, role=role)
        try:
            self._create_files(meta, contents, passphrase=passphrase, kdf=kdf)
        finally:
            # Fresh keys made here, sealed in the vault by now: nothing reads them again.
            for key in (contents.db_key, contents.x25519_private, contents.ed25519_private):
                wipe(key)

    def _create_files(
        self,
        meta: dict[str, Any],
        contents: VaultContents,
        *,
        passphrase: str,
        kdf: KdfParams | None,
    ) -> None:
        assert self._keystore is not None
        Vault.create(
            self.vault_path,
            keystore=self._keystore,
            key_name=self._key_name(meta),
            passphrase=passphrase,
            contents=contents,
            kdf=kdf,
        )
        conn = connect(self.db_path, contents.db_key)
        try:
            migrations.apply(sqlite_utils.Database(conn, execute_plugins=False))  # type: ignore[arg-type]
        finally:
            conn.close()
        # Written last: a profile.json means a complete profile.
        tmp = self.meta_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(meta, indent=2), "utf-8")
        os.replace(tmp, self.meta_path)

    @property
    def anchor_path(self) -> Path:
        return self.path / "anchor.json"

    def unlock(
        self,
        passphrase: str,
        *,
        now: Callable[[], float] = time.time,
        accept_rollback: bool = False,
    ) -> RecordStore:
        """Open the vault and the database; raises the typed errors of storage.errors.

        A database behind its save anchor (storage.anchor) raises RolledBack and
        stays closed, unless ``accept_rollback``: then the loss is audited and the
        anchor follows the database from here on.
        """
        meta = self._openable_meta()
        failures_before = _failed_unlocks(self.vault_path)
        vault = Vault.unlock(
            self.vault_path,
            keystore=self.keystore(),
            key_name=self._key_name(meta),
            passphrase=passphrase,
            now=now,
        )
        try:
            store = self._open_store(vault)
        except DatabaseUnreadable as exc:
            vault.close()
            raise self.with_restore_hint(exc) from None
        except BaseException:
            vault.close()
            raise
        try:
            self._check_anchor(store, accept=accept_rollback)
        except BaseException:
            store.lock(audit=False)
            raise
        detail = f"{failures_before} failed attempts before" if failures_before else ""
        try:
            store.audit("unlock", None, detail)
        except BaseException:
            store.lock()  # drops the keys; writes nothing to a file that just failed
            raise
        return store

    def _check_anchor(self, store: RecordStore, *, accept: bool) -> None:
        found = store.rollback_check()
        if found is None:
            return
        if accept:
            store.accept_rollback(found)
            return
        # Closing the last connection folds the log into the file and deletes
        # it; keep the log as found (encrypted pages only) for a closer look.
        wal = Path(str(self.db_path) + "-wal")
        if wal.exists():
            stamp = self._now().strftime("%Y%m%dT%H%M%SZ")
            shutil.copyfile(wal, self.path / f"journal.db-wal.at-rollback-{stamp}")
        raise RolledBack(
            found.kind,
            found.missing,
            database_saved=found.database.saved_at() if found.database else None,
            anchor_saved=found.anchor.saved_at() if found.anchor else None,
            newest_backup=self.newest_backup(),
        )

    def _open_store(self, vault: Vault) -> RecordStore:
        contents = vault.contents
        problem = shape_problem(self.db_path)
        if problem is not None:
            raise DatabaseUnreadable(str(self.db_path), problem)
        probe = connect(self.db_path, contents.db_key, setup=False)
        try:
            # Opens under our key but holds no journal: never fill it with a new one
            # (checked before connect()'s setup, which would already write to it).
            if not holds_journal(probe):
                raise DatabaseUnreadable(str(self.db_path), "foreign")
        finally:
            probe.close()
        conn = connect(self.db_path, contents.db_key)
        try:
            migrations.apply(sqlite_utils.Database(conn, execute_plugins=False))  # type: ignore[arg-type]
        except BaseException:
            conn.close()
            raise
        keys = SpaceKeys(contents.space_keys, persist=vault.save)
        checkpointer = WalCheckpointer(self.db_path, contents.db_key)
        store = RecordStore(
            conn,
            keys=keys,
            device=contents.device_id,
            actor=contents.user_name,
            role=contents.role,
            audit_key=audit_key(contents.db_key),
            db_key=contents.db_key,
            on_lock=vault.close,
            device_secrets=DeviceSecrets(contents.x25519_private, contents.ed25519_private),
            checkpointer=checkpointer,
            on_damage=self._damaged,
            anchor=AnchorFile(self.anchor_path, anchor_key(contents.db_key)),
        )
        return store

    def _damaged(self, problem: str) -> DatabaseDamaged:
        damage = DatabaseDamaged(str(self.db_path), problem)
        # A full disk leaves the file sound: free space helps, a restore does not.
        return damage if problem == "full" else self.with_restore_hint(damage)

    def with_restore_hint(self, exc: _E) -> _E:
        """``exc`` naming the newest backup and the command that restores it."""
        backup = self.newest_backup()
        if backup is None:
            return exc.with_backup(None, None)
        return exc.with_backup(str(backup), self.restore_command(backup))

    def newest_backup(self) -> Path | None:
        """The newest backup (every one kept passed its full check when it was made)."""
        found = self.list_backups()
        return found[-1] if found else None

    def restore_command(self, backup: Path) -> str:
        """The command line that restores ``backup`` into this profile."""
        return (
            f"feltjournal --profile {shlex.quote(str(self.path))} "
            f"restore {shlex.quote(str(backup))}"
        )

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-wrap the vault under a new passphrase; the database is untouched."""
        meta = self._openable_meta()
        vault = Vault.unlock(
            self.vault_path, keystore=self.keystore(), key_name=self._key_name(meta), passphrase=old
        )
        try:
            vault.change_passphrase(old, new)
        finally:
            vault.close()

    def erase_device_keys(self) -> None:
        """Crypto-shred this profile after the device was revoked (lock the store first).

        Deletes the device key from the keystore and the vault file (the
        database key, the device's private keys and every space key). The
        database file and backups stay where they are, encrypted under a key
        that no longer exists anywhere: unreadable for good. ``profile.json``
        records when, so the application can say why it cannot open.
        Idempotent: erasing twice is not an error.
        """
        meta = self._meta()
        self.keystore().delete(self._key_name(meta))
        for path in (
            self.vault_path,
            self.vault_path.with_name(self.vault_path.name + ".attempts"),
            self.vault_path.with_name(self.vault_path.name + ".lock"),
        ):
            try:
                size = path.stat().st_size
                with open(path, "r+b") as f:  # overwrite first: cheap, and helps on some disks
                    f.write(os.urandom(size))
                    f.flush()
                    os.fsync(f.fileno())
                path.unlink()
            except FileNotFoundError:
                pass
        meta["keys_erased"] = self._now().isoformat(timespec="seconds")
        tmp = self.meta_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(meta, indent=2), "utf-8")
        os.replace(tmp, self.meta_path)

    def keys_erased(self) -> str | None:
        """When :meth:`erase_device_keys` ran (ISO time), or None."""
        value = self._meta().get("keys_erased") if self.exists() else None
        return str(value) if value else None

    # --------------------------------------------------------------- backups

    def backup(self, store: RecordStore, *, keep: int = 7) -> Path:
        """Copy the database to a new encrypted backup.

        The copy reads through a second connection of its own: in WAL mode that is a
        consistent snapshot of what is committed, and the journal's own connection,
        which the window and sync use meanwhile, is never held (a copy of a large
        profile takes many seconds). The copy is verified in full before it counts,
        and nothing is copied from a database that failed while open."""
        if store.damaged is not None:
            raise store.damaged
        problem = shape_problem(self.db_path)
        if problem is not None:
            # Deleted or emptied under the open store: connecting by path would
            # create a new, empty file in its place.
            raise self._damaged(problem)
        key = store.backup_key()
        keys = store.keys

        def verify(path: Path) -> None:
            backups.verify_copy(path, key, keys=keys, audit_key=audit_key(key), device=store.device)

        try:
            source = connect(self.db_path, key, setup=False)
            try:
                path = backups.make_backup(
                    source, self.backup_dir, key, keep=keep, verify=verify, now=self._now
                )
            finally:
                source.close()
        except sqlite3.DatabaseError as exc:
            # The copy reads every page: the first to notice a damaged live file.
            problem = problem_of(exc)
            if problem is None:
                raise
            raise self._damaged(problem) from exc
        except BackupUnverified:
            # The page copy passes damaged pages on as they are: say which file is
            # damaged (and stop writing to it) rather than only "the copy failed".
            store.check_database()
            raise
        store.audit("backup", None, path.name)
        return path

    def backup_if_due(
        self, store: RecordStore, *, every: timedelta = timedelta(days=1), keep: int = 7
    ) -> Path | None:
        """A backup at most once per ``every`` (daily by default)."""
        if not backups.backup_due(self.backup_dir, every=every, now=self._now()):
            return None
        return self.backup(store, keep=keep)

    def list_backups(self) -> list[Path]:
        return backups.list_backups(self.backup_dir)

    def restore(self, passphrase: str, backup_file: Path) -> Path:
        """Replace the database with a backup (the profile must not be open elsewhere).

        The backup is verified in full first (a damaged one is refused and the
        database left as it is); the current file is moved aside, never
        deleted, and its path returned (:meth:`undo_restore` puts it back).
        """
        meta = self._meta()
        vault = Vault.unlock(
            self.vault_path,
            keystore=self.keystore(),
            key_name=self._key_name(meta),
            passphrase=passphrase,
        )
        try:
            contents = vault.contents
            # A copy: the check must not clear the vault's own key dicts.
            keys = SpaceKeys({s: dict(v) for s, v in contents.space_keys.items()})
            try:
                backups.verify_copy(
                    backup_file,
                    contents.db_key,
                    keys=keys,
                    audit_key=audit_key(contents.db_key),
                    device=contents.device_id,
                    during="restore",
                )
            finally:
                keys.close()
        finally:
            vault.close()
        aside = self._set_aside()
        tmp = self.db_path.with_suffix(".restoring")
        shutil.copyfile(backup_file, tmp)
        os.replace(tmp, self.db_path)
        # Restoring is the user's choice to go back: the next unlock anchors anew.
        self.anchor_path.unlink(missing_ok=True)
        return aside

    def set_aside_databases(self) -> list[Path]:
        """Databases restores set aside, oldest first."""
        return sorted(
            p
            for p in self.path.glob("journal.db.replaced-*")
            if not p.name.endswith(("-wal", "-shm"))
        )

    def undo_restore(self) -> tuple[Path, Path]:
        """Put back the database the last restore set aside (the profile must not be open).

        The current database is set aside in its turn, so nothing is lost and a
        second undo swaps them back. Returns (put back from, current set aside to).
        """
        self._meta()
        found = self.set_aside_databases()
        if not found:
            raise ProfileError(
                f"No database has been set aside in {self.path}.",
                kind="nothing_aside",
                path=self.path,
            )
        back = found[-1]
        aside = self._set_aside()
        os.replace(back, self.db_path)
        for suffix in ("-wal", "-shm"):
            side = Path(str(back) + suffix)
            if side.exists():
                os.replace(side, Path(str(self.db_path) + suffix))
        # As with a restore: putting a database back is the user's choice, anchored anew.
        self.anchor_path.unlink(missing_ok=True)
        return back, aside

    def _set_aside(self) -> Path:
        stamp = self._now().strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path / f"journal.db.replaced-{stamp}"
        n = 1
        while aside.exists():  # two restores in one microsecond must not overwrite one
            aside = self.path / f"journal.db.replaced-{stamp}-{n}"
            n += 1
        if self.db_path.exists():
            os.replace(self.db_path, aside)
        for suffix in ("-wal", "-shm"):
            side = Path(str(self.db_path) + suffix)
            if side.exists():
                os.replace(side, Path(str(aside) + suffix))
        return aside


def _failed_unlocks(vault_path: Path) -> int:
    attempts = vault_path.with_name(vault_path.name + ".attempts")
    try:
        data = json.loads(attempts.read_text("utf-8"))
    except (OSError, ValueError):
        return 0
    value = data.get("failures", 0) if isinstance(data, dict) else 0
    return int(value) if isinstance(value, int) else 0


__all__ = ["Profile", "ProfileInfo", "WrongPassphrase", "default_profile_dir"]
