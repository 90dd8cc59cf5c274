"""Files that leave the store: written so that only their owner may open them.

A meeting summary, an access log, the figures or the central report saved where the
user chooses is no longer under the store's encryption, so it is written as the JSON
export is: to a temporary file beside the target that only the owner may open
(:func:`storage.owner_only.restrict_to_owner`: mode 0600 on POSIX, an ACL for the user
alone on Windows) before anything goes into it, then renamed over the target. A
failed write leaves no half file behind, and an older file of the same name with wider
permissions is replaced, not reused.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from storage.owner_only import restrict_to_owner


def write_owner_only(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Let ``write`` fill a private temporary file beside ``path``, then put it in place.
    Returns ``path``; raises what ``write`` or the file system raises (OSError)."""
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        restrict_to_owner(tmp)
        write(tmp)
        restrict_to_owner(tmp)  # a writer that replaced the file gets the same rights
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def write_text_owner_only(
    path: str | Path,
    write: Callable[[TextIO], object],
    *,
    encoding: str = "utf-8",
    newline: str = "",
) -> Path:
    """:func:`write_owner_only` for text: ``write`` gets the open file."""

    def fill(tmp: Path) -> None:
        with tmp.open("w", encoding=encoding, newline=newline) as fh:
            write(fh)

    return write_owner_only(path, fill)
