"""The known failures the window and the command line turn into words.

They are raised by storage/; this module is the one place the window takes them
from, so ui/ never reaches past app/ for them (a sync failure, SyncError, comes
from app.sync_service, which the window loads only when it syncs: the HTTP client
stays out of start-up). A failure not listed here is a bug, not something to word
for the user.
"""

from __future__ import annotations

from storage.errors import (
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
from storage.keystore import KeyringKeyStore


def keyring_available() -> bool:
    """Whether this computer offers a keyring Feltjournal may keep the device key in."""
    try:
        KeyringKeyStore()
    except KeyringUnavailable:
        return False
    return True


__all__ = [
    "BackupUnverified",
    "DatabaseUnreadable",
    "DeviceKeyMissing",
    "DiskFull",
    "IntegrityFailure",
    "KeyUnavailable",
    "KeyringUnavailable",
    "Locked",
    "ProfileError",
    "RolledBack",
    "UnlockThrottled",
    "UnsupportedFormat",
    "WrongPassphrase",
    "keyring_available",
]
