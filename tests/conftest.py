"""Suite-wide settings: Qt offscreen, and no real keyring or user folders touched."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


#: Folders whose every test is slow: a real server process per test, or an API fuzzer.
SLOW_PATHS = ("tests/e2e/", "tests/server/test_fuzz.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # `pytest -m "not slow"` (make test-quick) leaves these out of a quick round.
    for item in items:
        if item.nodeid.startswith(SLOW_PATHS):
            item.add_marker(pytest.mark.slow)


# The command line speaks bokmål in the suite whatever the developer's locale or the
# window's saved language (tests of that choice set their own environment).
os.environ["FELTJOURNAL_LANGUAGE"] = "nb"


@pytest.fixture(autouse=True)
def _core_dumps_left_to_the_test_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line run in the test process does not lower the process's core limit:
    a hard limit once lowered cannot be raised again, and the subprocess that checks the
    real entry point (tests/app/test_hardening.py) inherits it."""
    monkeypatch.setattr("app.cli.disable_core_dumps", lambda: None)
