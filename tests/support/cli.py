"""Running the ``feltjournal`` command line as a subprocess, with a file-backed test keyring."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASS = "korrekt hest batteri stift"


def cli_env(tmp_path: Path) -> dict[str, str]:
    e = dict(os.environ)
    e.update(
        PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND="tests.storage.keyring_backends.JsonFileTestKeyring",
        FELTJOURNAL_TEST_KEYRING_FILE=str(tmp_path / "keyring.json"),
        FELTJOURNAL_PASSPHRASE=PASS,
        FELTJOURNAL_PROFILE=str(tmp_path / "profile"),
    )
    return e


def run(env: dict[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
