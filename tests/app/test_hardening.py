"""Core dumps are off in every process started through the ``feltjournal`` entry point."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.support.cli import ROOT

CHILD = textwrap.dedent(
    """
    import ctypes, resource, sys
    from app.cli import main

    # As the process is given: core files allowed up to its hard limit.
    hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
    print("allowed", hard != 0)
    try:
        main(["--help"])
    except SystemExit:
        pass
    libc = ctypes.CDLL(None)
    print(resource.getrlimit(resource.RLIMIT_CORE), libc.prctl(3, 0, 0, 0, 0))
    """
)


def test_the_cli_entry_point_disables_core_dumps_before_anything_else() -> None:
    r = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert r.returncode == 0, r.stderr
    assert "allowed True" in r.stdout  # else the check below could not fail
    # RLIMIT_CORE (soft, hard) and PR_GET_DUMPABLE, printed after the help text.
    assert r.stdout.strip().splitlines()[-1] == "(0, 0) 0"
