"""The ``feltjournal``, ``feltjournal-gui`` and ``feltjournal-server`` entry points.

Each one first checks that our top-level packages are the ones beside this package (and,
for an installed wheel, the files its RECORD names), and says so in one sentence with exit
code 2 when another distribution's package would be imported instead.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "feltjournal"
TOP_LEVEL = ("app", "ui", "storage", "sync", "server", "resources")
SERVER_EXTRA = ("fastapi", "uvicorn", "sqlalchemy", "psycopg")

SHADOWED_EXIT = 2


def _recorded_hashes() -> dict[str, tuple[Path, str]]:
    """``name/__init__.py`` → (its installed path, the RECORD's sha256) for a wheel install."""
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return {}
    found: dict[str, tuple[Path, str]] = {}
    for file in dist.files or ():
        parts, hashed = file.parts, file.hash
        ours = len(parts) == 2 and parts[0] in TOP_LEVEL and parts[1] == "__init__.py"
        if ours and hashed is not None and hashed.mode == "sha256":
            found[parts[0]] = (Path(str(dist.locate_file(file))).resolve(), hashed.value)
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def shadowed_package() -> tuple[str, str] | None:
    """The first of our packages that would be imported from elsewhere, and from where.

    Ours sit beside this package: in the checkout, in site-packages, or in the bundle.
    Nothing of a foreign package runs: only where it would be imported from is looked at.
    """
    if getattr(sys, "frozen", False):
        return None  # the standalone app holds nothing but its own modules
    home = Path(__file__).resolve().parent.parent
    recorded = _recorded_hashes()
    for name in TOP_LEVEL:
        spec = importlib.util.find_spec(name)
        if spec is None:
            return name, "—"
        origin = Path(spec.origin).resolve() if spec.origin else None
        places = [str(p) for p in spec.submodule_search_locations or ()]
        where = str(origin.parent) if origin else (places[0] if places else "?")
        if origin is None or origin != home / name / "__init__.py":
            return name, where
        entry = recorded.get(name)
        if entry is not None and entry[0] == origin and _sha256(origin) != entry[1]:
            return name, where  # our file, overwritten by another distribution's
    return None


def _shadowed_sentence(name: str, where: str) -> str:
    return (
        f"Pakken «{name}» lastes fra {where}, ikke fra Feltjournal: en annen pakke i samme "
        "Python-miljø bruker samme navn, så installer Feltjournal i et eget miljø "
        "(den frittstående appen, «pipx install» eller en egen venv)."
    )


def _say(program: str, sentence: str) -> None:
    if sys.stderr is not None:  # None under pythonw (feltjournal-gui on Windows)
        print(f"{program}: {sentence}", file=sys.stderr)


def _refuse_if_shadowed(program: str, *, window: bool = False) -> bool:
    found = shadowed_package()
    if found is None:
        return False
    sentence = _shadowed_sentence(*found)
    _say(program, sentence)
    if window and sys.stderr is None:
        _message_box(sentence)
    return True


def _message_box(sentence: str) -> None:
    """Without a console (pythonw), the only place a sentence can be seen."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])
    QMessageBox.critical(None, "Feltjournal", sentence)
    app.quit()


def main(argv: Sequence[str] | None = None) -> int:
    """``feltjournal``: the command line, or the window without a subcommand."""
    if _refuse_if_shadowed("feltjournal"):
        return SHADOWED_EXIT
    from ui.main import main as run

    return run(argv)


def gui(argv: Sequence[str] | None = None) -> int:
    """``feltjournal-gui``: the same, started without a console window on Windows."""
    if _refuse_if_shadowed("feltjournal", window=True):
        return SHADOWED_EXIT
    from ui.main import main as run

    return run(argv)


def server(argv: Sequence[str] | None = None) -> int:
    """``feltjournal-server``: the central server, if its extra is installed."""
    if _refuse_if_shadowed("feltjournal-server"):
        return SHADOWED_EXIT
    missing = [name for name in SERVER_EXTRA if importlib.util.find_spec(name) is None]
    if missing:
        _say(
            "feltjournal-server",
            f"Serveren trenger {', '.join(missing)}: installer den med "
            "«pip install 'feltjournal[server]'».",
        )
        return 1
    from server.cli import main as run

    return run(argv)
