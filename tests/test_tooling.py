"""The checks `make lint` and `make test` rely on are configured and hold."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_no_dead_code() -> None:
    # The configuration (paths, allow-list) is in pyproject.toml, as for `make lint`.
    done = subprocess.run(
        [sys.executable, "-m", "vulture"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_hung_test_fails_with_its_name_after_the_default_timeout(
    request: pytest.FixtureRequest,
) -> None:
    assert request.config.getini("timeout") == "300"
    assert request.config.pluginmanager.hasplugin("timeout")


def test_the_slow_marker_leaves_the_end_to_end_tests_out_of_a_quick_round() -> None:
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"),
            *("-m", "not slow", "tests/e2e", "tests/server/test_fuzz.py"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert "no tests collected" in done.stdout and "deselected" in done.stdout, done.stdout


#: Private names tests patch: none any more (faults are injected through public seams,
#: e.g. storage.merging.Merger.before_write); a test that patches one fails here.
PATCHED_PRIVATE_NAMES: set[tuple[str, str]] = set()


def test_tests_patch_no_private_name_but_the_listed_fault_points() -> None:
    found = set()
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "setattr"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and str(node.args[1].value).startswith("_")
            ):
                found.add((path.relative_to(ROOT).as_posix(), str(node.args[1].value)))
    assert found == PATCHED_PRIVATE_NAMES
