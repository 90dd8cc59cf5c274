"""A therapist's new computer gets the clinical journals from the therapist's existing
laptop, over a real server process: once the team lead approves it, the old laptop
offers it (window and operations), sharing makes it read the sessions, "Ikke nå" is
remembered per computer, and a job specialist's new computer never triggers it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from pytestqt.qtbot import QtBot

from app import store_settings
from app.composition import AppServices
from app.operations.handover import (
    decline_new_device,
    new_device_offers,
    share_with_new_device,
)
from app.settings import Settings
from tests.e2e.conftest import PASSPHRASE, Laptop, TeamWorld, sync_all
from tests.support.gui_writes import GuiWriteGuard
from tests.support.virtual_time import VirtualTime
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


def _therapist_with_a_session(world: TeamWorld) -> tuple[Laptop, Laptop, str]:
    lead = world.laptop("teamleder", "Lise Leder")
    old = world.laptop("terapeut", "Tora Terapeut")
    pid = old.journal.create_participant({"name": "Per Pendler", "programme": "IPS"})
    session = old.journal.add(
        "therapy_session",
        {"date": "2026-11-16", "body": "Klinisk: uro på toget."},
        participant_id=pid,
    )
    sync_all(lead, old, rounds=1)
    return lead, old, session


def _second_computer(world: TeamWorld, of: Laptop, name: str, user: str | None = None) -> Laptop:
    """Another computer of ``of``'s user, enrolled and approved by the team lead."""
    new = world.laptop(of.role, of.name, enrol=False)
    user = user or of.store.setting(store_settings.USER_ID)
    assert user is not None
    new.sync.enrol(world.server.url, world.server.admin.issue_code(user=user).code, name)
    world.approve(new)
    new.sync.sync_once()
    return new


def test_the_old_laptop_offers_the_new_one_shares_and_remembers_a_no(world: TeamWorld) -> None:
    lead, old, session = _therapist_with_a_session(world)
    assert new_device_offers(old.journal) == []  # no other computer of hers yet
    new = _second_computer(world, old, "Toras nye laptop")
    assert new.store.get(session, audit=False) is None  # approval brings no clinical key
    old.sync.sync_once()
    (offer,) = new_device_offers(old.journal)
    assert (offer.device_id, offer.device_name, offer.user_name, offer.journals) == (
        new.device,
        "Toras nye laptop",
        "Tora Terapeut",
        1,
    )
    assert new_device_offers(new.journal) == []  # it holds nothing to offer back

    shared = share_with_new_device(old.sync, old.journal, offer=offer)
    assert shared.devices == (new.device,)
    new.sync.sync_once()
    assert new.journal.get(session).fields["body"] == "Klinisk: uro på toget."
    sync_all(old, new, rounds=1)
    assert new_device_offers(old.journal) == []  # asked once: it holds them now

    # A third computer: "Ikke nå" is remembered for it, round after round.
    third = _second_computer(world, old, "Toras reservemaskin")
    old.sync.sync_once()
    assert [o.device_id for o in new_device_offers(old.journal)] == [third.device]
    decline_new_device(old.journal, device_id=third.device)
    sync_all(old, third, rounds=2)
    assert new_device_offers(old.journal) == []
    assert third.store.get(session, audit=False) is None
    # A journal written later on the old laptop is offered to the computer that lacks it,
    # still not to the declined one.
    pid2 = old.journal.create_participant({"name": "Siv Sol", "programme": "IPS"})
    old.journal.add("therapy_session", {"date": "2026-11-20", "body": "Ny."}, participant_id=pid2)
    old.sync.sync_once()
    assert [(o.device_id, o.journals) for o in new_device_offers(old.journal)] == [(new.device, 1)]
    assert lead.store.get(session, audit=False) is None


def test_a_job_specialists_new_computer_never_triggers_the_offer(world: TeamWorld) -> None:
    lead, therapist, _session = _therapist_with_a_session(world)
    specialist = world.laptop("jobbspesialist", "Jonas Jobb")
    pid = specialist.journal.create_participant({"name": "Ola Olsen", "programme": "IPS"})
    specialist.journal.add(
        "case_note", {"date": "2026-11-20", "body": "Første møte."}, participant_id=pid
    )
    sync_all(specialist, lead, therapist, rounds=1)
    other = _second_computer(world, specialist, "Jonas' nye laptop")
    sync_all(lead, specialist, therapist, other, rounds=2)
    assert other.journal.get(pid).fields["name"] == "Ola Olsen"  # work keys came as usual
    assert new_device_offers(specialist.journal) == []
    assert store_settings.own_devices(specialist.store) == {}
    assert new_device_offers(therapist.journal) == []  # not her computer


# --- the window ------------------------------------------------------------------------------


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _window(qtbot: QtBot, laptop: Laptop, qsettings: QSettings, clock: VirtualTime) -> MainWindow:
    laptop.sync.close()
    laptop.store.lock()
    services = AppServices(settings=Settings(), profile=laptop.profile, write_guard=GuiWriteGuard())
    services.engine_time_source = clock
    window = MainWindow(services=services, tasks=TaskRunner(), qsettings=qsettings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.button.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30000)
    return window


def _until(clock: VirtualTime, condition: Callable[[], bool]) -> None:
    """Run the window's engine on ``clock`` until ``condition`` holds, the GUI alive."""
    clock.run_until(condition, pump=QCoreApplication.processEvents)


def test_the_window_offers_the_new_computer_and_shares_on_a_click(
    qtbot: QtBot, world: TeamWorld, qsettings: QSettings
) -> None:
    _lead, old, session = _therapist_with_a_session(world)
    user = old.store.setting(store_settings.USER_ID)
    clock = VirtualTime()
    window = _window(qtbot, old, qsettings, clock)
    bar = window.device_offer
    try:
        _until(clock, lambda: window.sync_indicator.text().startswith("Synced "))
        assert not bar.isVisible()
        new = _second_computer(world, old, "Toras nye laptop", user)
        window.sync_now()
        _until(clock, bar.isVisible)
        assert bar.label.text() == (
            "Your new computer “Toras nye laptop” has been approved. "
            "Share the clinical journals with it?"
        )
        qtbot.mouseClick(bar.share_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not bar.isVisible(), timeout=15000)
        assert "Clinical journals shared with Toras nye laptop: 1." in (
            window.statusBar().currentMessage()
        )
        new.sync.sync_once()
        assert new.journal.get(session).fields["body"] == "Klinisk: uro på toget."

        # Another: "Not now" hides it, and later rounds do not bring it back.
        third = _second_computer(world, old, "Toras reservemaskin", user)
        window.sync_now()
        _until(clock, bar.isVisible)
        assert "Toras reservemaskin" in bar.label.text()
        qtbot.mouseClick(bar.not_now_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not bar.isVisible(), timeout=15000)
        journal = window.services.journal
        assert journal is not None
        qtbot.waitUntil(
            lambda: third.device in store_settings.clinical_offer_declined(journal.store),
            timeout=5000,
        )
        rounds: list[object] = []
        window.bridge.status_changed.connect(rounds.append)
        for n in (1, 2):
            window.sync_now()
            _until(clock, lambda n=n: len(rounds) >= n)
            qtbot.wait(300)  # the offer's check on the database thread, had it one
            assert not bar.isVisible()
    finally:
        window.lock()
    assert not bar.isVisible()
