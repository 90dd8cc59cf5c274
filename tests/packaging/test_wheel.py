"""The wheel a laptop installs: built from the checkout, installed (not editable) in a fresh
virtual environment, and started there: the command line, a demo profile, both translations,
the stylesheet and the window (offscreen).

The fresh environment takes its dependencies from the test's own environment through a .pth
line (nothing is downloaded); the packages app, ui, storage, … come from the wheel alone,
installed in feltjournal/lib/ so that the only name the wheel adds to site-packages is
``feltjournal``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODE = ("app", "ui", "storage", "sync", "server", "resources")
TOP_LEVEL = ("feltjournal", *CODE)
SERVER = {"fastapi", "uvicorn", "sqlalchemy", "psycopg", "alembic"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m build --wheel`` of a copy of the checkout (the checkout stays clean)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts")
    for name in TOP_LEVEL:
        shutil.copytree(ROOT / name, source / name, ignore=junk)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    out = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=source,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("feltjournal-*.whl")
    return built


def _requirements(metadata: str) -> dict[str, set[str]]:
    """Requires-Dist by extra ("" for the client's own), as bare lower-case names."""
    by_extra: dict[str, set[str]] = {}
    for line in Parser().parsestr(metadata).get_all("Requires-Dist") or []:
        requirement, _, marker = line.partition(";")
        name = requirement.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip()
        extra = marker.split("extra ==")[1].strip(" '\"") if "extra ==" in marker else ""
        by_extra.setdefault(extra, set()).add(name.lower())
    return by_extra


@pytest.mark.slow
def test_the_wheel_holds_every_module_and_resource_and_a_client_only_requirement_list(
    wheel: Path,
) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(info).decode("utf-8")
        entry_points = archive.read(info.replace("METADATA", "entry_points.txt")).decode()
    # Every module of the checkout's packages, found rather than listed, under feltjournal/.
    for path in (ROOT / "feltjournal").rglob("*.py"):
        assert path.relative_to(ROOT).as_posix() in names
    for name in CODE:
        for path in (ROOT / name).rglob("*.py"):
            assert f"feltjournal/lib/{path.relative_to(ROOT).as_posix()}" in names
    for data in (
        "resources/style.qss",
        "resources/translations/feltjournal_nb.qm",
        "resources/translations/feltjournal_en.qm",
        "resources/translations/cli_nb.mo",
    ):
        assert f"feltjournal/lib/{data}" in names
    # Nothing but feltjournal at the top of site-packages (and its metadata).
    assert {n.split("/")[0] for n in names} == {"feltjournal", info.split("/")[0]}
    assert not any(n.endswith((".ts", ".pyc")) or "__pycache__" in n for n in names)
    required = _requirements(metadata)
    assert not required[""] & (SERVER | {"faker"})
    assert {"pyside6", "httpx", "sqlcipher3", "cryptography"} <= required[""]
    assert required["server"] == SERVER
    assert required["demo"] == {"faker"}
    assert "feltjournal" in required["dev"]  # dev = server + demo + the tools
    assert "[console_scripts]" in entry_points and "[gui_scripts]" in entry_points
    assert "feltjournal = feltjournal.entry:main" in entry_points
    assert "feltjournal-gui = feltjournal.entry:gui" in entry_points
    assert "feltjournal-server = feltjournal.entry:server" in entry_points


def _fresh_venv(folder: Path, wheel: Path) -> Path:
    """A virtual environment with the wheel installed (not editable); returns its bin folder."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=120
    )
    bindir = folder / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The wheel first, while pip sees nothing installed there (this environment's own
    # feltjournal, an editable install, must stay out of its sight and untouched).
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"),
            *("--no-deps", "--no-index", "--disable-pip-version-check", str(wheel)),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env=_env(folder),  # without PYTHONPATH: a checkout's metadata would count as installed
    )
    # Then the dependencies: this environment's site-packages, added as a plain path, so its
    # own .pth files (an editable install's finder) do not run there.
    (site / "zz-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return bindir


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        FELTJOURNAL_PASSPHRASE="demo-passord",
    )
    return env


_CHECK = """
import importlib, importlib.util, json, sys
from importlib import metadata
# Installed, our packages are not on the environment's path: no one else's "import app"
# finds them.
hidden = {m: importlib.util.find_spec(m) is None for m in ("app", "ui", "storage", "sync")}
from feltjournal.entry import use_our_packages
use_our_packages()  # as every entry point does first
mods = ["feltjournal", "app", "app.domain", "app.central", "ui", "ui.participant_tabs",
        "storage", "sync", "server", "resources"]
files = {m: importlib.import_module(m).__file__ for m in mods}
from PySide6.QtWidgets import QApplication
from ui.app import load_stylesheet
from ui.i18n import Translator
app = QApplication([])
translator = Translator(app)
loaded = {lang: translator.apply(lang) for lang in ("nb", "en")}
print(json.dumps({"files": files, "hidden": hidden, "prefix": sys.prefix, "loaded": loaded,
                  "qss": len(load_stylesheet()),
                  "dist": str(metadata.distribution("feltjournal").locate_file(""))}))
"""


@pytest.mark.slow
def test_the_installed_wheel_runs_the_cli_makes_a_demo_and_opens_the_window(
    wheel: Path, tmp_path: Path
) -> None:
    bindir = _fresh_venv(tmp_path / "venv", wheel)
    env = _env(tmp_path / "home")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )

    helped = run(str(bindir / "feltjournal"), "--help")
    assert helped.returncode == 0, helped.stderr
    assert "bruk: feltjournal" in helped.stdout

    # Every module from the fresh environment, not the checkout or the dev install.
    checked = run(str(bindir / "python"), "-c", _CHECK)
    assert checked.returncode == 0, checked.stderr
    found = json.loads(checked.stdout)
    venv = (tmp_path / "venv").resolve()
    assert found["hidden"] == {"app": True, "ui": True, "storage": True, "sync": True}
    for module, file in found["files"].items():
        assert Path(file).resolve().is_relative_to(venv), (module, file)
        if module != "feltjournal":
            assert "/feltjournal/lib/" in Path(file).as_posix(), (module, file)
    assert Path(found["dist"]).resolve().is_relative_to(venv)
    assert found["loaded"] == {"nb": True, "en": True}
    assert found["qss"] > 1000

    profile = tmp_path / "demo-profile"
    made = run(
        str(bindir / "feltjournal"),
        "--profile",
        str(profile),
        "--insecure-file-keystore",
        "demo",
        "--participants",
        "3",
    )
    assert made.returncode == 0, made.stderr
    assert "3 deltakere" in made.stdout

    env["FELTJOURNAL_SMOKE_SECONDS"] = "1"
    for script in ("feltjournal", "feltjournal-gui"):
        started = run(str(bindir / script), "--profile", str(profile))
        assert started.returncode == 0, started.stderr
        assert "smoke start ok: window «Feltjournal», nb and en" in started.stdout

    # Another distribution's own top-level ``app`` and ``ui`` in the same site-packages:
    # neither takes the other's place.
    site = Path(run(str(bindir / "python"), "-c", _PURELIB).stdout.strip())
    for name in ("app", "ui"):
        (site / name).mkdir()
        (site / name / "__init__.py").write_text(f"OWNER = 'another {name}'\n")
    listed = run(str(bindir / "feltjournal"), "--profile", str(profile), "participants")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("Navn") and len(listed.stdout.splitlines()) == 4, listed.stdout
    theirs = run(str(bindir / "python"), "-c", "import app, ui; print(app.OWNER, ui.OWNER)")
    assert theirs.stdout.strip() == "another app another ui", theirs.stderr


_PURELIB = "import sysconfig; print(sysconfig.get_path('purelib'))"
