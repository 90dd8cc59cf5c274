"""The standalone one-folder app: built with desktop/build_app.py (PyInstaller, ≈1–2 min
here) and started from the folder with no Python around it: the command line, a new
profile, and a smoke start of both programs' window (offscreen) with both languages and
the stylesheet.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "desktop" / "build_app.py"


@pytest.fixture(scope="module")
def app_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT)  # the checkout's code goes in, whatever else is installed
    done = subprocess.run(
        [sys.executable, str(BUILD), "--dist", str(work / "dist"), "--work", str(work / "w")],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return work / "dist" / "Feltjournal"


def _bare_env(home: Path) -> dict[str, str]:
    """No Python of ours in sight: no PYTHONPATH, no virtual environment on PATH."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "FELTJOURNAL_PASSPHRASE": "en lang nok passordfrase",
        "LANG": "C.UTF-8",
    }


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="CI builds Windows and macOS (desktop.yml)")
def test_the_standalone_app_starts_without_python(app_folder: Path, tmp_path: Path) -> None:
    internal = app_folder / "_internal"
    # The laptop's client only: no server, no demo generator, our translations and style.
    assert not (internal / "fastapi").exists() and not (internal / "faker").exists()
    assert (internal / "resources" / "translations" / "feltjournal_nb.qm").is_file()
    assert (internal / "resources" / "translations" / "cli_nb.mo").is_file()
    assert (internal / "resources" / "style.qss").is_file()
    env = _bare_env(tmp_path / "home")

    def run(program: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(app_folder / program), *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    helped = run("feltjournal", "--help")
    assert helped.returncode == 0, helped.stderr
    assert "bruk: feltjournal" in helped.stdout

    profile = str(tmp_path / "profile")
    made = run(
        "feltjournal",
        *("--profile", profile, "--insecure-file-keystore", "init"),
        *("--name", "Kari Jobb", "--role", "jobbspesialist"),
    )
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "profile").is_dir()

    demo = run("feltjournal", "--profile", str(tmp_path / "demo"), "demo")
    assert demo.returncode == 1
    assert "Den frittstående appen har ingen demodata" in demo.stderr
    assert "Traceback" not in demo.stderr

    env["FELTJOURNAL_SMOKE_SECONDS"] = "1"
    for program in ("feltjournal", "feltjournal-gui"):
        started = run(program, "--profile", profile)
        assert started.returncode == 0, started.stderr
        assert "smoke start ok: window «Feltjournal», nb and en, stylesheet" in started.stdout
        assert "Traceback" not in started.stderr
