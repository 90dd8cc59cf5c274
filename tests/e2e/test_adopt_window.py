"""The window offers to bring changes written for another team into this laptop's team
(issue #17): a team lead's records written before the laptop was enrolled sit in its old,
local team space, which the real server refuses. The notice beside the sync status says
so; its button asks, naming how many records of which kinds; confirmed, the work runs on
the database thread, the round that follows sends them, and a colleague reads them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.e2e.conftest import TeamWorld
from tests.e2e.test_new_device import _until, _window
from tests.support.virtual_time import VirtualTime
from tests.ui.test_sync_status import bokmal
from ui.i18n import Translator

__all__ = ["bokmal"]  # the fixture


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_the_notice_brings_the_stranded_records_into_the_team_after_a_confirmation(
    qtbot: QtBot, world: TeamWorld, qsettings: QSettings, bokmal: Translator
) -> None:
    lead = world.laptop("teamleder", "Lise Leder", enrol=False)
    employer = lead.journal.add("employer", {"name": "Lager AS", "org_number": "974760673"})
    person = lead.journal.add("employer_contact_person", {"name": "Per Lager"}, parent=employer)
    admin = world.server.admin
    user = admin.add_user(team=world.team.id, name="Lise Leder", role="teamleder")
    lead.sync.enrol(world.server.url, admin.issue_code(user=user.id).code, "Lises PC")
    world.approve(lead)
    colleague = world.laptop("jobbspesialist", "Jonas Jobb")

    clock = VirtualTime()
    window = _window(qtbot, lead, qsettings, clock)
    bar = window.stranded_bar
    try:
        _until(clock, bar.isVisible)
        stranded = bar.count
        assert stranded >= 4  # two records, field by field
        assert bar.label.text() == (
            f"{stranded} endringer skrevet for et annet team er tatt vare på her; "
            "serveren tar ikke imot dem."
        )
        assert "feltjournal sync --adopt-stranded" in window.sync_indicator.toolTip()

        qtbot.mouseClick(bar.adopt_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bar.confirm_dialog is not None, timeout=10000)
        dialog = bar.confirm_dialog
        assert dialog is not None
        assert dialog.text() == (
            "Ta med 2 oppføringer skrevet for et annet team i dette teamet?\n"
            "Arbeidsgiver: 1, Kontaktperson: 1"
        )
        assert "Lager" not in dialog.text() + dialog.informativeText()
        (bring,) = [
            b for b in dialog.buttons() if dialog.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        ]
        assert bring.text() == "Ta med i dette teamet"
        qtbot.mouseClick(bring, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not bar.isVisible(), timeout=15000)
        assert window.statusBar().currentMessage() == (
            "2 oppføringer tatt med i dette teamet; de sendes nå."
        )
        # The round the work asked for sends them; nothing is stranded any more.
        _until(
            clock,
            lambda: (
                (s := window.sync_indicator.status) is not None
                and s.last_error_code is None
                and s.pending == 0
                and s.stranded == 0
            ),
        )
        assert not bar.isVisible()
    finally:
        window.lock()

    colleague.sync.sync_once()
    contact = colleague.journal.get(person)
    assert contact.fields["name"] == "Per Lager" and contact.parent == employer
    assert colleague.journal.get(employer).fields["name"] == "Lager AS"
