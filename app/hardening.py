"""Process settings that keep decrypted data and keys out of crash dumps.

An unlocked journal holds the database key, space keys and decrypted notes in
memory; a core file written on a crash would put all of that on disk in the
clear. :func:`disable_core_dumps` sets the core size limit to zero (POSIX) and,
on Linux, marks the process not dumpable, which also stops other processes of
the same user from attaching a debugger or reading ``/proc/<pid>/mem``. On
other systems it does nothing (Windows writes no core files by default).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import sys
from typing import Final

__all__ = ["disable_core_dumps"]

_PR_SET_DUMPABLE: Final = 4


def disable_core_dumps() -> None:
    """No core file, and (Linux) not dumpable nor traceable by same-user processes."""
    try:
        import resource
    except ImportError:  # not POSIX
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
