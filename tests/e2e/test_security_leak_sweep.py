"""SECURITY-TESTS.md line 12: the leak sweep.

A sentinel is written into a note and a participant's name in the real window (its
background sync pushes it through the real server process to the team lead's laptop),
the daily backup runs, every profile is locked. Then the raw bytes of everything that
could hold it are searched: each profile folder (journal.db, -wal, -shm, vault,
backups), the temp folder the test gave the process and files new in the system's,
the QSettings file, every log record of every logger on the laptops, the server's
data folder and database (the SQLite files, or every PostgreSQL row and a ``pg_dump``
of the database) and the server process's log. Feltjournal writes no log file or crash
folder of its own: its logs are the records captured here and the server's stderr.
"""

from __future__ import annotations

import logging
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from app.composition import AppServices
from app.settings import Settings
from tests.e2e.conftest import PASSPHRASE, Laptop, RealServer, TeamWorld, sync_all
from tests.support.gui_writes import GuiWriteGuard
from tests.support.virtual_time import VirtualTime
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

NOTE = "Sentinell-notat-7c41e9 Ragnhild fortalte om panikkanfall på bussen"
NAME = "Sentinell-Ragnhild-Øyås-5d2f"
SECRETS = (NOTE, NAME, "Sentinell-notat-7c41e9", "Ragnhild-Øyås", "panikkanfall")
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


def _needles() -> list[bytes]:
    return [s.encode(e) for s in SECRETS for e in ENCODINGS]


def _holders(paths: list[Path]) -> list[str]:
    """Every file among ``paths`` (folders searched whole) whose bytes hold a secret."""
    found: list[str] = []
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += [p for p in path.rglob("*") if p.is_file()]
        elif path.is_file():
            files.append(path)
    for file in files:
        try:
            data = file.read_bytes()
        except OSError:
            continue  # another process's file, gone or not ours to read
        found += [f"{file}: {n!r}" for n in _needles() if n in data]
    return found


def _in_bytes(data: bytes) -> list[bytes]:
    return [n for n in _needles() if n in data]


def _pg_dump(server: RealServer) -> bytes:
    url = make_url(server.database_url)
    out = subprocess.run(
        [
            "pg_dump",
            "--host",
            url.host or "127.0.0.1",
            "--port",
            str(url.port or 5432),
            "--username",
            url.username or "postgres",
            "--no-password",
            url.database or "",
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return out.stdout


def _window(qtbot: QtBot, laptop: Laptop, qsettings: QSettings, clock: VirtualTime) -> MainWindow:
    laptop.sync.close()
    laptop.store.lock()
    services = AppServices(settings=Settings(), profile=laptop.profile, write_guard=GuiWriteGuard())
    services.engine_time_source = clock  # the engine's rounds come when due, without waiting
    window = MainWindow(services=services, tasks=TaskRunner(), qsettings=qsettings)
    qtbot.addWidget(window)
    window.show()
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.button.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30000)
    return window


def test_a_sentinel_written_in_a_note_appears_nowhere_outside_the_encryption(
    qtbot: QtBot,
    world: TeamWorld,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)  # every record of every logger, whatever its level
    own_tmp = tmp_path / "process-tmp"
    own_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(own_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(own_tmp))
    system_tmp = Path("/tmp")
    started = time.time()
    settings_file = tmp_path / "settings.ini"
    qsettings = QSettings(str(settings_file), QSettings.Format.IniFormat)

    lead = world.laptop("teamleder", "Lise Leder")
    pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    lead.sync.sync_once()
    specialist = world.laptop("jobbspesialist", "Jon Jobb")
    sync_all(specialist, lead, rounds=2)
    clock = VirtualTime()
    window = _window(qtbot, specialist, qsettings, clock)
    try:
        journal = window.services.journal
        assert journal is not None
        journal.update(pid, {"name": NAME})
        note = journal.add("case_note", {"date": "2026-11-20", "body": NOTE}, participant_id=pid)
        assert [r.id for r in journal.store.search("panikkanfall")] == [note]
        pump = QCoreApplication.processEvents
        clock.run_until(lambda: journal.store.outbox_size() == 0, pump=pump)
        clock.run_until(lambda: window.sync_indicator.text().startswith("Synced "), pump=pump)
        window.clipboard.copy(NAME)
    finally:
        window.lock()
    qsettings.sync()
    lead.sync.sync_once()
    # It went through: the lead reads both, searches the note and backs it up.
    assert lead.journal.get(note).fields["body"] == NOTE
    assert lead.journal.get(pid).fields["name"] == NAME
    assert [r.id for r in lead.store.search("panikkanfall")] == [note]
    backup = lead.profile.backup(lead.store)
    assert lead.store.verify() == []
    lead.sync.close()
    lead.store.lock()

    # The sweep finds a secret where one is: the check itself works.
    canary = own_tmp / "canary.txt"
    canary.write_text(NAME, "utf-16-le")
    assert f"{canary}: {NAME.encode('utf-16-le')!r}" in _holders([canary])
    canary.unlink()

    profiles = [laptop.profile.path for laptop in world.laptops]
    assert all(any(p.glob("*")) for p in profiles)
    assert backup.is_file() and backup.parent == lead.profile.backup_dir
    new_system_tmp = [
        p for p in system_tmp.iterdir() if p.is_file() and p.stat().st_mtime >= started
    ]
    assert _holders([*profiles, own_tmp, *new_system_tmp, settings_file]) == []

    logged = "\n".join(
        f"{r.name} {r.levelname} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records
    )
    assert _in_bytes(logged.encode()) == []

    server = world.server
    assert _holders([server.data]) == []
    dump = server.dump()
    assert pid.encode() in dump and note.encode() in dump  # the dump holds this test's rows
    assert _in_bytes(dump) == []
    if server.backend == "postgresql":
        pg = _pg_dump(server)
        assert note.encode() in pg
        assert _in_bytes(pg) == []
    assert _in_bytes("".join(server.process.lines).encode()) == []
