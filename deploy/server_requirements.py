"""The server's own requirements, read from pyproject.toml.

``python deploy/server_requirements.py`` prints them one a line, for
``pip install -r -`` before ``pip install --no-deps .``: the container image (and a server
installed by hand) then holds the server and what it imports, without the desktop client's
Qt, keyring and SQLCipher. The end-to-end tests start every server process with the
client's modules blocked (tests/support/server_only/), so a server import of one of them
fails there first.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"

# The desktop client's own dependencies (distribution name → the module it installs).
CLIENT_ONLY = {
    "pyside6": "PySide6",
    "keyring": "keyring",
    "sqlcipher3": "sqlcipher3",
    "sqlite-utils": "sqlite_utils",
    "pycrdt": "pycrdt",
    "diff-match-patch": "diff_match_patch",
    "platformdirs": "platformdirs",
    "httpx": "httpx",
}


def distribution(requirement: str) -> str:
    """``"psycopg[binary]>=3.2"`` → ``"psycopg"`` (lower case)."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    if match is None:
        raise ValueError(f"not a requirement: {requirement!r}")
    return match.group(1).lower()


def requirements(pyproject: Path = PYPROJECT) -> list[str]:
    """The project's dependencies but the client's, then the ``server`` extra."""
    project = tomllib.loads(pyproject.read_text("utf-8"))["project"]
    shared = [r for r in project["dependencies"] if distribution(r) not in CLIENT_ONLY]
    return [*shared, *project["optional-dependencies"]["server"]]


if __name__ == "__main__":
    sys.stdout.write("".join(f"{line}\n" for line in requirements()))
