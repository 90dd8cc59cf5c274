"""The background sync engine and the window's sync status, against a real server process.

Laptops sync without anyone calling ``sync_once``: after a local edit (debounced),
on a timer while online, with backoff while offline, at once when the network
is back; a revoked laptop stops and locks. The engines run on virtual time
(tests.support.virtual_time): while every engine waits, the clock jumps to the next
due round, so the real timings (``EngineTiming``) cost no wall time and nothing sleeps.
The window's tests do the same through ``AppServices.engine_time_source``, with the
engine's default timings; the clock jumps only once the GUI thread has taken in what
the engine and the database thread posted to it.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from pytestqt.qtbot import QtBot

from app.composition import AppServices
from app.journal import ChangeEvent
from app.settings import Settings
from app.sync_engine import EngineTiming, SyncEngine
from app.sync_service import S_URL, SyncStatus
from sync.client import OFFLINE, SERVER, Backoff, SyncError
from tests.e2e.conftest import PASSPHRASE, Laptop, TeamWorld, free_port
from tests.support.gui_writes import GuiWriteGuard
from tests.support.virtual_time import VirtualTime
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


class _Longest(random.Random):
    """Backoff jitter that always picks the longest wait."""

    def uniform(self, a: float, b: float) -> float:
        return b


FAST = EngineTiming(interval=0.3, debounce=0.1, max_delay=0.5)


class Recorder:
    """Collects what the engine reports, from its thread."""

    def __init__(self) -> None:
        self.statuses: list[SyncStatus] = []
        self.revoked = threading.Event()
        self._lock = threading.Lock()

    def status(self, status: SyncStatus) -> None:
        with self._lock:
            self.statuses.append(status)

    def last(self) -> SyncStatus | None:
        with self._lock:
            return self.statuses[-1] if self.statuses else None


def _engine(
    laptop: Laptop, recorder: Recorder, clock: VirtualTime, timing: EngineTiming = FAST
) -> SyncEngine:
    laptop.sync.backoff = Backoff(base=0.05, cap=0.2)
    return SyncEngine(
        laptop.sync,
        timing=timing,
        on_status=recorder.status,
        on_revoked=recorder.revoked.set,
        time_source=clock,
    )


def _team(world: TeamWorld) -> tuple[Laptop, Laptop, str]:
    lead = world.laptop("teamleder", "Lise Leder")
    pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    lead.sync.sync_once()
    spec = world.laptop("jobbspesialist", "Jon Spesialist")
    spec.sync.sync_once()
    return lead, spec, pid


def test_a_local_edit_reaches_the_other_laptop_without_anyone_syncing(world: TeamWorld) -> None:
    lead, spec, pid = _team(world)
    rec_a, rec_b = Recorder(), Recorder()
    clock = VirtualTime()
    a, b = _engine(spec, rec_a, clock), _engine(lead, rec_b, clock)
    a.start()
    b.start()
    try:
        note = spec.journal.add(
            "case_note",
            {"date": "2026-11-20", "body": "Møtte Kari på lageret i Tromsø."},
            participant_id=pid,
        )
        a.nudge()
        clock.run_until(lambda: lead.store.get(note, audit=False) is not None)
        assert lead.journal.get(note).fields["body"] == "Møtte Kari på lageret i Tromsø."
        clock.run_until(lambda: spec.store.outbox_size() == 0)
        clock.run_until(lambda: (s := rec_a.last()) is not None and s.online is True)
        status = rec_a.last()
        assert status is not None and status.last_error_code is None
        assert status.last_success is not None
    finally:
        a.stop()
        b.stop()
    assert not a.running and not b.running


def test_a_burst_of_edits_syncs_within_max_delay_not_after_the_last_keystroke(
    world: TeamWorld,
) -> None:
    _lead, spec, pid = _team(world)
    rec = Recorder()
    # A debounce far longer than the burst: only max_delay can start a round during it.
    clock = VirtualTime()
    engine = _engine(spec, rec, clock, EngineTiming(interval=3600, debounce=30, max_delay=0.8))
    engine.start()
    try:
        clock.run_until(lambda: engine.rounds >= 1)  # the round at start
        rounds = engine.rounds
        note = spec.journal.add(
            "case_note", {"date": "2026-11-20", "body": "a"}, participant_id=pid
        )
        started = clock.now()
        body = "a"
        # Edits every 0.1 s for 2 s: the debounce alone would never fire.
        while clock.now() - started < 2.0:
            body += "b"
            spec.journal.update(note, {"body": body})
            engine.nudge()
            clock.advance(0.1)
            clock.settle()  # the round now due, if any, has run
        assert engine.rounds > rounds, "max_delay must force a round during a burst"
    finally:
        engine.stop()


def test_offline_backs_off_and_syncs_at_once_when_the_network_is_back(world: TeamWorld) -> None:
    lead, spec, pid = _team(world)
    url = spec.store.setting(S_URL)
    assert url is not None
    spec.sync.close()
    spec.store.set_setting(S_URL, f"http://127.0.0.1:{free_port()}")  # nobody listens there
    rec = Recorder()
    clock = VirtualTime()
    engine = _engine(spec, rec, clock, EngineTiming(interval=0.3, debounce=0.05, max_delay=0.2))
    note = spec.journal.add(
        "case_note", {"date": "2026-11-20", "body": "Skrevet uten nett."}, participant_id=pid
    )
    engine.start()
    try:
        clock.run_until(lambda: engine.rounds >= 3)
        status = rec.last()
        assert status is not None
        assert status.online is False and status.last_error_code == OFFLINE
        assert status.pending == spec.store.outbox_size() > 0  # kept, counted
        assert status.retry_in is not None and status.retry_in <= 0.2  # the backoff's cap
        # Now a backoff of ten minutes: only the network's return can make it sync soon.
        spec.sync.backoff = Backoff(base=600, cap=600, rng=_Longest())
        clock.run_until(lambda: (s := rec.last()) is not None and (s.retry_in or 0) > 300)
        # The network returns.
        spec.sync.close()
        spec.store.set_setting(S_URL, url)
        back = clock.now()
        engine.network_up()
        clock.run_until(lambda: spec.store.outbox_size() == 0)
        clock.run_until(lambda: (s := rec.last()) is not None and s.online is True)
        assert clock.now() == back  # at once, not after the ten minutes
    finally:
        engine.stop()
    lead.sync.sync_once()
    assert lead.journal.get(note).fields["body"] == "Skrevet uten nett."


def test_a_revoked_laptop_stops_syncing_and_is_locked(world: TeamWorld) -> None:
    _lead, spec, _pid = _team(world)
    rec = Recorder()
    clock = VirtualTime()
    engine = _engine(spec, rec, clock)
    engine.start()
    try:
        clock.run_until(lambda: engine.rounds >= 1)
        world.server.admin.revoke_device(spec.device)
        clock.run_until(rec.revoked.is_set)
        assert rec.revoked.wait(timeout=20)
        clock.run_until(lambda: not engine.running)
    finally:
        engine.stop()
    assert spec.store.locked
    assert not spec.profile.vault_path.exists()  # the keys are erased


def test_stop_returns_promptly_while_the_engine_waits(world: TeamWorld) -> None:
    _lead, spec, _pid = _team(world)
    clock = VirtualTime()
    engine = _engine(spec, Recorder(), clock, EngineTiming(interval=3600, debounce=1, max_delay=1))
    engine.start()
    clock.run_until(lambda: engine.rounds >= 1)
    started = time.monotonic()
    engine.stop()
    assert time.monotonic() - started < 2.0
    assert not engine.running


# --- the window ------------------------------------------------------------------------------


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _window(qtbot: QtBot, laptop: Laptop, qsettings: QSettings, clock: VirtualTime) -> MainWindow:
    """The real window over the laptop's profile, unlocked through the unlock screen; its
    engine keeps the default timings and waits on ``clock``."""
    laptop.sync.close()
    laptop.store.lock()
    services = AppServices(settings=Settings(), profile=laptop.profile, write_guard=GuiWriteGuard())
    services.engine_time_source = clock
    window = MainWindow(services=services, tasks=TaskRunner(), qsettings=qsettings)
    qtbot.addWidget(window)
    window.show()
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.button.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30000)
    return window


def _until(clock: VirtualTime, condition: Callable[[], bool]) -> None:
    """Run the window's engine on ``clock`` until ``condition`` holds, keeping the GUI alive."""
    clock.run_until(condition, pump=QCoreApplication.processEvents)


def test_the_window_syncs_in_the_background_and_says_so(
    qtbot: QtBot, world: TeamWorld, qsettings: QSettings
) -> None:
    lead, spec, pid = _team(world)
    clock = VirtualTime()
    window = _window(qtbot, spec, qsettings, clock)
    try:
        qtbot.waitUntil(lambda: window.services.engine is not None, timeout=5000)
        _until(clock, lambda: window.sync_indicator.text().startswith("Synced "))
        assert window.sync_now_action.isEnabled() and not window.enrol_action.isEnabled()
        journal = window.services.journal
        assert journal is not None
        edited = clock.now()
        note = journal.add(
            "case_note", {"date": "2026-11-21", "body": "Skrevet i vinduet."}, participant_id=pid
        )
        # The edit counts as pending at once (the clock stands still: no round can run),
        # then leaves by itself, after the debounce and not at the next regular round.
        qtbot.waitUntil(lambda: "not yet synced" in window.sync_indicator.text(), timeout=5000)
        _until(clock, lambda: journal.store.outbox_size() == 0)
        _until(clock, lambda: "not yet synced" not in window.sync_indicator.text())
        assert clock.now() - edited == pytest.approx(EngineTiming().debounce)
        lead.sync.sync_once()
        assert lead.journal.get(note).fields["body"] == "Skrevet i vinduet."
        # A change from the lead arrives and the open window hears of it on its own thread.
        seen: list[bool] = []
        window.workspace.caseload.loaded.connect(lambda *_a: seen.append(True))  # type: ignore[union-attr]
        lead.journal.create_participant({"name": "Ola Nordmann", "programme": "IPS"})
        lead.sync.sync_once()
        _until(clock, lambda: len(journal.participants()) == 2)
        _until(clock, lambda: bool(seen))
    finally:
        window.lock()
    assert window.services.engine is None
    assert window.sync_indicator.text() == ""


def test_the_status_bar_does_not_wait_for_the_store_while_a_sync_page_holds_it(
    qtbot: QtBot, world: TeamWorld, qsettings: QSettings
) -> None:
    _lead, spec, _pid = _team(world)
    clock = VirtualTime()
    window = _window(qtbot, spec, qsettings, clock)
    try:
        _until(clock, lambda: window.sync_indicator.text().startswith("Synced "))
        journal = window.services.journal
        assert journal is not None
        held, release = threading.Event(), threading.Event()

        def apply_a_long_page() -> None:
            with journal.store.transaction():  # the store's lock, as a sync page holds it
                held.set()
                release.wait(timeout=3.0)

        page = threading.Thread(target=apply_a_long_page)
        page.start()
        try:
            assert held.wait(timeout=5.0)
            started = time.monotonic()
            # What every autosave's change event and every language change run.
            window.update_sync_status()
            window.retranslate_ui()
            took = time.monotonic() - started
        finally:
            release.set()
            page.join()
        assert took < 1.0, f"the GUI thread waited {took:.1f} s for the store"
        assert window.sync_now_action.isEnabled() and not window.enrol_action.isEnabled()
    finally:
        window.lock()


def test_the_window_shows_offline_with_the_kept_changes(
    qtbot: QtBot, world: TeamWorld, qsettings: QSettings
) -> None:
    _lead, spec, pid = _team(world)
    spec.store.set_setting(S_URL, f"http://127.0.0.1:{free_port()}")
    clock = VirtualTime()
    window = _window(qtbot, spec, qsettings, clock)
    try:
        journal = window.services.journal
        assert journal is not None
        journal.add("case_note", {"date": "2026-11-21", "body": "Uten nett."}, participant_id=pid)
        _until(clock, lambda: window.sync_indicator.text().startswith("Offline"))
        text = window.sync_indicator.text()
        assert "kept on this computer" in text and "next try in" in text
        assert "No connection to the server" in window.sync_indicator.toolTip()
        assert window.sync_indicator.property("state") == "offline"
        # The network returns while the backoff would wait for minutes: the system's
        # word that it is back starts a round at once.
        service = window.services.sync
        assert service is not None
        service.backoff = Backoff(base=600, cap=600, rng=_Longest())
        _until(
            clock,
            lambda: (s := window.sync_indicator.status) is not None and (s.retry_in or 0) > 300,
        )
        assert "next try in 600 s" in window.sync_indicator.text()
        service.close()
        journal.store.set_setting(S_URL, world.server.url)
        from PySide6.QtNetwork import QNetworkInformation

        back = clock.now()
        window.network.reachability_changed(QNetworkInformation.Reachability.Disconnected)
        window.network.reachability_changed(QNetworkInformation.Reachability.Online)
        _until(clock, lambda: journal.store.outbox_size() == 0)
        _until(clock, lambda: window.sync_indicator.text().startswith("Synced"))
        assert clock.now() == back  # at once, not after the ten minutes
    finally:
        window.lock()


def test_a_revoked_laptop_closes_the_workspace_and_says_why(
    qtbot: QtBot, world: TeamWorld, qsettings: QSettings
) -> None:
    _lead, spec, _pid = _team(world)
    clock = VirtualTime()
    window = _window(qtbot, spec, qsettings, clock)
    qtbot.waitUntil(lambda: window.services.engine is not None, timeout=5000)
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    original = QMessageBox.warning
    QMessageBox.warning = staticmethod(lambda _p, _t, text, *a, **k: shown.append(text))  # type: ignore[method-assign,assignment]
    try:
        world.server.admin.revoke_device(spec.device)
        _until(clock, lambda: window.workspace is None)
    finally:
        QMessageBox.warning = original  # type: ignore[method-assign]
    assert shown and "revoked" in shown[0]
    assert "revoked" in window.unlock_view.message.text()
    assert not spec.profile.vault_path.exists()


def test_pulled_changes_are_announced_even_when_the_round_fails_afterwards(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead, spec, _pid = _team(world)
    events: list[ChangeEvent] = []
    spec.journal.subscribe(events.append)
    new = lead.journal.create_participant({"name": "Per Hansen", "programme": "IPS"})
    lead.sync.sync_once()  # shares the new participant's key with the specialist too

    def server_fails(*_a: object, **_k: object) -> None:
        raise SyncError(SERVER, "The server failed (500).", status=500)

    monkeypatch.setattr(spec.sync.sharing, "share_spaces", server_fails)  # after push and pull
    with pytest.raises(SyncError):
        spec.sync.sync_once()
    monkeypatch.undo()
    assert spec.store.get(new, audit=False) is not None  # applied locally
    assert any("participant" in e.kinds and e.external for e in events)


def test_pulled_pages_are_applied_on_the_journals_executor_and_the_event_names_the_records(
    world: TeamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead, spec, pid = _team(world)
    note = lead.journal.add(
        "case_note", {"date": "2026-11-20", "body": "Ny avtale."}, participant_id=pid
    )
    lead.sync.sync_once()
    threads: list[str] = []
    original = type(spec.store).apply_changes

    def apply_changes(self: object, changes: object, **kw: object) -> object:
        threads.append(threading.current_thread().name)
        return original(self, changes, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(type(spec.store), "apply_changes", apply_changes)
    events: list[ChangeEvent] = []
    spec.journal.subscribe(events.append)
    spec.sync.sync_once()
    assert threads and set(threads) == {"feltjournal-db"}
    assert spec.store.get(note, audit=False) is not None
    assert len(events) == 1 and events[0].external
    assert "case_note" in events[0].kinds and note in events[0].record_ids
