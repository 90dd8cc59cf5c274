"""Open each main screen on a demo profile and save screenshots (used in the README).

    QT_QPA_PLATFORM=offscreen python -m tools.screenshots [--out docs/screenshots] [--lang nb]

Builds throwaway demo profiles (a job specialist's and a therapist's) in a temp
folder with an in-memory test keyring, so it touches no real profile.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from app.central.demo import fill_central_demo
from app.composition import build_app
from app.demo import fill_demo
from app.domain.access import CENTRAL, JOB_SPECIALIST, THERAPIST
from app.journal import Journal
from app.settings import Settings
from storage.crypto import KdfParams
from storage.profile import Profile
from tests.storage.keyring_backends import InMemoryKeyring
from ui.app import load_stylesheet
from ui.i18n import Translator
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.workspace import Workspace

PASSPHRASE = "demo-passord-for-bilder"
SIZE = (1366, 768)


def _settle(app: QApplication, tasks: TaskRunner, rounds: int = 6) -> None:
    for _ in range(rounds):
        tasks.wait_idle()
        app.processEvents()


def _save(widget: QWidget, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def _window(app: QApplication, profile_dir: Path, tmp: Path, lang: str) -> MainWindow:
    qs = QSettings(str(tmp / f"{profile_dir.name}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        services=build_app(Settings(language=lang), profile_dir=profile_dir),
        tasks=TaskRunner(),
        qsettings=qs,
        keyring_ok=lambda: True,
    )
    window.resize(*SIZE)
    window.show()
    return window


def _unlock(app: QApplication, window: MainWindow) -> None:
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.button.click()
    for _ in range(200):
        _settle(app, window.tasks, 1)
        if window.workspace is not None:
            break
    _settle(app, window.tasks)


def _make_profile(root: Path, role: str, name: str, today: date) -> Path:
    path = root / role
    profile = Profile(path)
    profile.create(user_name=name, role=role, passphrase=PASSPHRASE, kdf=KdfParams.fast_for_tests())
    journal = Journal(profile.unlock(PASSPHRASE), today=lambda: today)
    fill_demo(journal, participants=24, seed=7, today=today)
    journal.store.lock()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--lang", default="nb", choices=("nb", "en"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(InMemoryKeyring())
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    Translator(app).apply(args.lang)
    app.setStyleSheet(load_stylesheet())
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        window = _window(app, tmp / "fresh", tmp, args.lang)
        _settle(app, window.tasks)
        _save(window, out, "01-first-run")
        window.close()

        specialist = _make_profile(tmp, JOB_SPECIALIST, "Kari Nordmann", today)
        therapist = _make_profile(tmp, THERAPIST, "Tore Terapeut", today)

        window = _window(app, specialist, tmp, args.lang)
        _settle(app, window.tasks)
        _save(window, out, "02-unlock")
        _unlock(app, window)
        ws = window.workspace
        assert isinstance(ws, Workspace)
        _save(window, out, "03-caseload")
        first = ws.caseload.visible_ids()[0]
        ws.open_participant(first)
        _settle(app, window.tasks)
        pv = ws.participant
        assert pv is not None
        tabs = pv.findChild(type(pv.tabs)) if hasattr(pv, "tabs") else None
        if tabs is not None:
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                _settle(app, window.tasks, 2)
                _save(window, out, f"04-participant-{i + 1:02d}")
        ws.nav.setCurrentRow(1)
        _settle(app, window.tasks)
        _save(window, out, "05-employers")
        ws.nav.setCurrentRow(2)
        _settle(app, window.tasks, 12)
        _save(window, out, "06-reports")
        _save_enrol_dialog(app, window, out)
        window.lock()
        window.close()

        window = _window(app, therapist, tmp, args.lang)
        _unlock(app, window)
        ws = window.workspace
        assert isinstance(ws, Workspace)
        ws.caseload.mine_only.setChecked(False)
        _settle(app, window.tasks)
        ws.open_participant(ws.caseload.visible_ids()[0])
        _settle(app, window.tasks)
        pv = ws.participant
        if pv is not None and hasattr(pv, "tabs"):
            tabs = pv.tabs
            for i in range(tabs.count()):
                if tabs.tabText(i) and i >= tabs.count() - 3:
                    tabs.setCurrentIndex(i)
                    _settle(app, window.tasks, 2)
                    _save(window, out, f"07-therapist-{i + 1:02d}")
        window.lock()
        window.close()

        central = _make_central_profile(tmp, today)
        window = _window(app, central, tmp, args.lang)
        _unlock(app, window)
        _settle(app, window.tasks, 12)
        _save(window, out, "08-central")
        window.lock()
        window.close()
    return 0


def _make_central_profile(root: Path, today: date) -> Path:
    """A central team's profile holding three demo teams' report snapshots."""
    path = root / CENTRAL
    profile = Profile(path)
    profile.create(
        user_name="Siri Sentral",
        role=CENTRAL,
        passphrase=PASSPHRASE,
        kdf=KdfParams.fast_for_tests(),
    )
    store = profile.unlock(PASSPHRASE)
    try:
        fill_central_demo(store, today=today)
    finally:
        store.lock()
    return path


def _save_enrol_dialog(app: QApplication, window: MainWindow, out: Path) -> None:
    """The "connect to server" dialog, filled in as a user would before pressing Connect."""
    from ui.enrol_dialog import EnrolDialog

    dialog = EnrolDialog(
        enrol=lambda *_a: None,
        tasks=window.tasks,
        server_url="https://feltjournal.ips-vest.no",
        parent=window,
    )
    dialog.code_edit.setText("K7QX-M2PL-9RTA-WW4C.3f9a1c0d5e7b2a64")
    dialog.show()
    _settle(app, window.tasks, 2)
    dialog.grab().save(str(out / "09-enrol.png"))
    dialog.close()


if __name__ == "__main__":
    sys.exit(main())
