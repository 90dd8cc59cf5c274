"""The entry points refuse to start on another distribution's package, in one sentence."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, *, cwd: Path, first: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh interpreter, with ``first`` ahead of the checkout on sys.path."""
    path = [str(first)] if first else []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([*path, str(ROOT)])}
    env.pop("FELTJOURNAL_PASSPHRASE", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def foreign_storage(tmp_path: Path) -> Path:
    """A folder holding another distribution's ``storage`` package."""
    folder = tmp_path / "other-site-packages"
    (folder / "storage").mkdir(parents=True)
    (folder / "storage" / "__init__.py").write_text("print('foreign storage imported')\n")
    return folder


@pytest.mark.parametrize("entry", ["main", "gui", "server"])
def test_a_foreign_package_of_the_same_name_ahead_on_the_path_does_not_take_our_place(
    entry: str, foreign_storage: Path, tmp_path: Path
) -> None:
    """Ours go first on sys.path: the other ``storage`` is neither refused nor imported."""
    code = (
        f"import sys\nfrom feltjournal.entry import {entry}\n"
        f"try:\n    code = {entry}(['--help'])\nexcept SystemExit as done:\n    code = done.code\n"
        "import storage\nprint('storage from', storage.__file__)\nsys.exit(code)"
    )
    done = _run(code, cwd=tmp_path, first=foreign_storage)
    assert done.returncode == 0, done.stderr
    assert "foreign storage imported" not in done.stdout
    assert f"storage from {ROOT / 'storage' / '__init__.py'}" in done.stdout


@pytest.mark.parametrize("entry", ["main", "gui", "server"])
def test_each_entry_point_refuses_a_foreign_package_imported_before_it_in_one_sentence(
    entry: str, foreign_storage: Path, tmp_path: Path
) -> None:
    """As a .pth line or sitecustomize would: the other ``storage`` is imported first."""
    code = (
        f"import sys, storage; from feltjournal.entry import {entry}; sys.exit({entry}(['--help']))"
    )
    done = _run(code, cwd=tmp_path, first=foreign_storage)
    assert done.returncode == 2, done.stderr
    assert done.stdout == "foreign storage imported\n"  # by the line above, not by us
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "«storage»" in lines[0]
    assert str(foreign_storage / "storage") in lines[0]
    assert "eget miljø" in lines[0]


def test_the_entry_points_start_on_our_own_packages(tmp_path: Path) -> None:
    code = "import sys; from feltjournal.entry import main; sys.exit(main(['--help']))"
    done = _run(code, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "bruk: feltjournal" in done.stdout
    assert done.stderr == ""


def test_the_server_says_which_extra_it_needs(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['fastapi'] = None\n"  # as on a laptop without the extra
        "from feltjournal.entry import server; sys.exit(server(['admin', '--help']))"
    )
    done = _run(code, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == (
        "feltjournal-server: Serveren trenger fastapi: installer den med "
        "«pip install 'feltjournal[server]'»."
    )


def test_demo_without_faker_says_how_to_get_it_and_creates_nothing(tmp_path: Path) -> None:
    profile = tmp_path / "demo"
    code = (
        "import sys; sys.modules['faker'] = None\n"  # as on a laptop without the demo extra
        "from feltjournal.entry import main\n"
        f"sys.exit(main(['--profile', {str(profile)!r}, '--insecure-file-keystore', 'demo']))"
    )
    done = _run(code, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'feltjournal[demo]'" in lines[0], done.stderr
    assert not profile.exists()
