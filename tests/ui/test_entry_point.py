"""The ``feltjournal`` command: the window without a subcommand, else the CLI (ui/main.py)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.support.cli import ROOT, cli_env, run


def test_the_feltjournal_scripts_start_from_the_entry_module() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["scripts"]["feltjournal"] == "feltjournal.entry:main"
    assert project["project"]["gui-scripts"]["feltjournal-gui"] == "feltjournal.entry:gui"


def _child(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    # A child process: the entry point turns core dumps off in the process it runs in.
    return subprocess.run(
        [sys.executable, "-c", code],
        env=cli_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_no_subcommand_opens_the_window_on_the_chosen_profile(tmp_path: Path) -> None:
    # The seam is the window itself: its event loop would wait for a user.
    child = (
        "import ui.app\n"
        "from ui.main import main\n"
        "ui.app.run_gui = lambda *, profile_dir: print('window', profile_dir) or 0\n"
        f"code = main(['--profile', {str(tmp_path / 'p')!r}])\n"
        "print('exit', code)\n"
    )
    r = _child(tmp_path, child)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [f"window {tmp_path / 'p'}", "exit 0"]


def test_a_subcommand_runs_the_command_line_without_loading_qt(tmp_path: Path) -> None:
    child = (
        "import sys\n"
        "from ui.main import main\n"
        "code = main(['--json', 'init', '--name', 'Kari Jobb', '--role', 'jobbspesialist'])\n"
        "print('qt' if 'PySide6' in sys.modules else 'no qt', code)\n"
    )
    r = _child(tmp_path, child)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "no qt 0"
    assert (tmp_path / "profile").is_dir()


def test_the_cli_module_without_a_subcommand_is_a_usage_error(tmp_path: Path) -> None:
    # app/ cannot open the window any more; `python -m app.cli` says so in one sentence.
    r = run(cli_env(tmp_path), timeout=60)
    assert r.returncode == 2
    assert "velg en kommando" in r.stderr
    assert "Traceback" not in r.stderr


def test_python_dash_m_ui_main_runs_the_entry_point(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.main",
            "--json",
            "init",
            "--name",
            "Kari Jobb",
            "--role",
            "jobbspesialist",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "profile").is_dir()
    # Without a subcommand it opens the window and waits for the user (it would
    # return at once if the module only defined main()).
    window = subprocess.Popen(
        [sys.executable, "-m", "ui.main"],
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            window.wait(timeout=8)
    finally:
        window.terminate()
        _out, err = window.communicate(timeout=30)
    assert "Traceback" not in err, err
