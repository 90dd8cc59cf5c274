"""The status bar's sync indicator says in words when records wait for a key this computer
lacks (issue #13 item 2), in bokmål by default."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.sync_service import SyncStatus
from ui.i18n import Translator
from ui.sync_status import EngineBridge, SyncIndicator

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture
def bokmal() -> Iterator[Translator]:
    """The bokmål catalogue on the test QApplication, removed again afterwards."""
    app = QApplication.instance()
    assert app is not None
    locale = QLocale()
    t = Translator(app)
    assert t.apply("nb")
    try:
        yield t
    finally:
        for qt_translator in (t._ours, t._qt):
            app.removeTranslator(qt_translator)
            qt_translator.deleteLater()
        QLocale.setDefault(locale)


def _indicator(qtbot: QtBot) -> tuple[SyncIndicator, EngineBridge]:
    indicator = SyncIndicator(now=lambda: NOW)
    qtbot.addWidget(indicator)
    bridge = EngineBridge()
    bridge.status_changed.connect(lambda status: indicator.show_state(enrolled=True, status=status))
    return indicator, bridge


def test_the_indicator_says_how_many_records_wait_for_a_key_and_what_to_do(
    qtbot: QtBot, bokmal: Translator
) -> None:
    indicator, bridge = _indicator(qtbot)
    status = SyncStatus(
        online=True, last_success=NOW, unreadable_records=3, unreadable_participants=1
    )
    with qtbot.wait_signal(bridge.status_changed):
        bridge.on_status(status)  # as the sync thread reports a round
    assert "3 oppføringer kan ikke leses" in indicator.text()
    assert indicator.toolTip().splitlines()[0] == (
        "3 oppføringer kan ikke leses på denne maskinen: den mangler nøkkelen. "
        "Det gjelder 1 deltaker. Be en kollega som har tilgang, eller teamlederen, om å "
        "synkronisere, og synkroniser deretter igjen."
    )
    assert indicator.property("state") == "problem"

    # Once the key has come, the words go.
    with qtbot.wait_signal(bridge.status_changed):
        bridge.on_status(SyncStatus(online=True, last_success=NOW))
    assert "oppføring" not in indicator.text() + indicator.toolTip()
    assert indicator.property("state") == "online"


def test_one_record_of_the_team_space_reads_in_the_singular(
    qtbot: QtBot, bokmal: Translator
) -> None:
    indicator, bridge = _indicator(qtbot)
    with qtbot.wait_signal(bridge.status_changed):
        bridge.on_status(SyncStatus(online=True, last_success=NOW, unreadable_records=1))
    assert indicator.text().endswith("1 oppføring kan ikke leses")
    assert "deltaker" not in indicator.toolTip()


def test_changes_the_server_will_never_take_are_named_with_the_way_out(
    qtbot: QtBot, bokmal: Translator
) -> None:
    indicator, bridge = _indicator(qtbot)
    with qtbot.wait_signal(bridge.status_changed):
        bridge.on_status(SyncStatus(online=True, last_success=NOW, pending=25, stranded=25))
    assert indicator.text().endswith("25 endringer serveren ikke tar imot")
    assert indicator.toolTip().splitlines()[0] == (
        "25 endringer ble skrevet for et annet team enn serverens (før maskinen ble "
        "registrert, eller hos en server den brukte før); serveren tar ikke imot dem, men de "
        "er tatt vare på her: ta dem med i dette teamet med knappen ved siden av (eller "
        "«feltjournal sync --adopt-stranded»)."
    )
    assert indicator.property("state") == "problem"
