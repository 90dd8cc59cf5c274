"""Files and folders only their owner may open: the profile folder and exports.

On POSIX that is the mode (0700 for a folder, 0600 for a file). On Windows ``chmod``
sets nothing but the read-only flag; there the profile lies under the user's own
%LOCALAPPDATA%, whose ACL (the user, SYSTEM and Administrators) it inherits, and the
database, vault and backups are encrypted whatever the ACL. Beyond that, an ACL for the
current user alone replaces the inherited one (``icacls``), so a JSON export saved to a
shared folder is not readable by everyone there. If icacls fails, the inherited ACL
stays: no error, as before. (The Windows branch is not run by the tests here.)
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

_CREATE_NO_WINDOW = 0x08000000  # no console flashes up from the windowed app


def restrict_to_owner(path: Path) -> None:
    """Let only the current user read and write ``path`` (a file or a folder)."""
    folder = path.is_dir()
    if os.name != "nt":
        os.chmod(path, 0o700 if folder else 0o600)
        return
    user = os.environ.get("USERNAME", "")
    domain = os.environ.get("USERDOMAIN", "")
    if not user:
        return
    account = f"{domain}\\{user}" if domain else user
    rights = "(OI)(CI)F" if folder else "F"
    with contextlib.suppress(OSError, subprocess.SubprocessError):  # the inherited ACL stays
        subprocess.run(
            ["icacls", str(path), "/inheritance:r", "/grant:r", f"{account}:{rights}"],
            capture_output=True,
            check=False,
            timeout=30,
            creationflags=_CREATE_NO_WINDOW,
        )
