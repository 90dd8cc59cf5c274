"""The ``feltjournal``, ``feltjournal-gui`` and ``feltjournal-server`` entry points.

Our code (the packages app, ui, storage, sync, server and resources) is installed in
``feltjournal/lib/``, not at the top of site-packages where another distribution's ``app``
or ``ui`` could take its place or be taken (setup.py). Each entry point first puts that
folder (in a developer's checkout: the checkout's root) at the head of ``sys.path``, then
checks that every one of our packages is imported from there, and says so in one sentence
with exit code 2 when one was imported from elsewhere before we started (a ``.pth`` line or
``sitecustomize`` of the environment).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path

CODE = ("app", "ui", "storage", "sync", "server", "resources")
SERVER_EXTRA = ("fastapi", "uvicorn", "sqlalchemy", "psycopg")

SHADOWED_EXIT = 2


def code_home() -> Path | None:
    """Where our packages are: ``feltjournal/lib`` of an installed wheel, the root of a
    checkout, or None in the standalone app (it holds nothing but its own modules)."""
    if getattr(sys, "frozen", False):
        return None
    here = Path(__file__).resolve().parent
    lib = here / "lib"
    return lib if lib.is_dir() else here.parent


def use_our_packages() -> None:
    """Put :func:`code_home` first on ``sys.path``, so that ``import app`` means ours."""
    home = code_home()
    if home is None:
        return
    path = str(home)
    sys.path[:] = [path, *(p for p in sys.path if p != path)]


def shadowed_package() -> tuple[str, str] | None:
    """The first of our packages that is imported from elsewhere than :func:`code_home`,
    and from where (call after :func:`use_our_packages`).

    Only where a package would be imported from is looked at: nothing of it runs here.
    """
    home = code_home()
    if home is None:
        return None
    for name in CODE:
        spec = importlib.util.find_spec(name)
        if spec is None:
            return name, "—"
        origin = Path(spec.origin).resolve() if spec.origin else None
        places = [str(p) for p in spec.submodule_search_locations or ()]
        where = str(origin.parent) if origin else (places[0] if places else "?")
        if origin is None or origin != home / name / "__init__.py":
            return name, where
    return None


def _shadowed_sentence(name: str, where: str) -> str:
    if where == "—":
        return (
            f"Pakken «{name}» mangler i Feltjournal-installasjonen: installer Feltjournal på nytt."
        )
    return (
        f"Pakken «{name}» ble lastet fra {where} før Feltjournal startet: noe i dette "
        "Python-miljøet (en .pth-fil eller sitecustomize) henter en annen pakke med samme navn, "
        "så installer Feltjournal i et eget miljø (den frittstående appen, «pipx install» "
        "eller en egen venv)."
    )


def _say(program: str, sentence: str) -> None:
    if sys.stderr is not None:  # None under pythonw (feltjournal-gui on Windows)
        print(f"{program}: {sentence}", file=sys.stderr)


def _refuse_if_shadowed(program: str, *, window: bool = False) -> bool:
    use_our_packages()
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
