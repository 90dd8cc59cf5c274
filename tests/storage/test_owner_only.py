"""Only the owner may open the profile folder and an export (POSIX modes; on Windows an
ACL for the user alone through icacls, not run here)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from storage.crypto import KdfParams
from storage.owner_only import restrict_to_owner
from storage.profile import Profile
from tests.storage.keyring_backends import InMemoryKeyring

POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX modes")


@POSIX
def test_a_new_profile_folder_is_the_owners_alone(
    tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    old = os.umask(0o022)  # a usual umask would leave the folder readable by everyone
    try:
        Profile(tmp_path / "p").create(
            user_name="Kari",
            role="jobbspesialist",
            passphrase="x" * 12,
            kdf=KdfParams.fast_for_tests(),
        )
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "p").stat().st_mode) == 0o700


@POSIX
def test_restrict_to_owner_sets_folder_and_file_modes(tmp_path: Path) -> None:
    folder, file = tmp_path / "d", tmp_path / "f.json"
    folder.mkdir(mode=0o755)
    file.write_text("{}")
    file.chmod(0o644)
    restrict_to_owner(folder)
    restrict_to_owner(file)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
