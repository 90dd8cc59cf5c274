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
