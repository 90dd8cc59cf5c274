"""The entry points refuse to start on another distribution's package, in one sentence."""

from __future__ import annotations

import base64
import hashlib
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
    (folder / "storage" / "__init__.py").write_text("raise SystemExit('foreign code ran')\n")
    return folder


@pytest.mark.parametrize("entry", ["main", "gui", "server"])
def test_each_entry_point_refuses_a_shadowing_package_in_one_sentence(
    entry: str, foreign_storage: Path, tmp_path: Path
) -> None:
    code = f"import sys; from feltjournal.entry import {entry}; sys.exit({entry}(['--help']))"
    done = _run(code, cwd=tmp_path, first=foreign_storage)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "«storage»" in lines[0]
    assert str(foreign_storage / "storage") in lines[0]
    assert "eget miljø" in lines[0]
    assert "foreign code ran" not in done.stderr  # only looked at, never imported


def test_the_entry_points_start_on_our_own_packages(tmp_path: Path) -> None:
    code = "import sys; from feltjournal.entry import main; sys.exit(main(['--help']))"
    done = _run(code, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "usage: feltjournal" in done.stdout
    assert done.stderr == ""


def test_an_overwritten_package_is_found_by_its_recorded_hash(tmp_path: Path) -> None:
    """A wheel's RECORD names each __init__.py with its hash; another's copy differs."""
    site = tmp_path / "site"
    for name in ("feltjournal", "app", "ui", "storage", "sync", "server", "resources"):
        (site / name).mkdir(parents=True)
        source = (ROOT / name / "__init__.py").read_text("utf-8")
        (site / name / "__init__.py").write_text(source)
    (site / "feltjournal" / "entry.py").write_text((ROOT / "feltjournal" / "entry.py").read_text())
    dist = site / "feltjournal-0.1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: feltjournal\nVersion: 0.1.0\n")
    # The RECORD as the wheel wrote it, before another package overwrote sync/__init__.py.
    rows = []
    for name in ("app", "ui", "storage", "sync", "server", "resources"):
        data = (site / name / "__init__.py").read_bytes()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        rows.append(f"{name}/__init__.py,sha256={digest},{len(data)}")
    (dist / "RECORD").write_text("\n".join(rows) + "\n")
    code = "import sys; from feltjournal.entry import shadowed_package; print(shadowed_package())"
    env = {**os.environ, "PYTHONPATH": str(site)}
    check = [sys.executable, "-c", code]
    fine = subprocess.run(check, cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert fine.stdout.strip() == "None"
    (site / "sync" / "__init__.py").write_text('"""Another sync package."""\n')
    bad = subprocess.run(check, cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert bad.stdout.strip() == f"('sync', '{(site / 'sync').resolve()}')"


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
