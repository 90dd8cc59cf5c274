"""The environment of a server process in the tests: the checkout on its path, and the
desktop client's modules blocked (sitecustomize.py here), as in the container image."""

from __future__ import annotations

import os
from pathlib import Path

from deploy.server_requirements import CLIENT_ONLY

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def server_only_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) for a server process."""
    env = dict(os.environ if base is None else base)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), str(ROOT)])
    env["FELTJOURNAL_TEST_BLOCKED_MODULES"] = ",".join(sorted(CLIENT_ONLY.values()))
    return env
