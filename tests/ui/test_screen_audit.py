"""Every screen and dialog fits a 1366×768 laptop, at 100 % and 200 %, and speaks bokmål.

The tour (tools/screen_audit.py) opens the first-run screen (with and without a
keyring, also maximised), unlock, caseload, every participant tab of a job specialist
and of a therapist, employers, reports, the central view, and the dialogs: new
participant, a record dialog, the participant's employer contact, access log, meeting
summary, visit form, new employer, settings, enrol. It runs in a child process, since
the screen (size and scale) is fixed when Qt starts. The first tests show the checks
catch what they are for, on small real widgets.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tools.screen_audit import audit_widget, untranslated_sources
from tools.screen_env import screen_environment
from ui.i18n import Translator
from ui.widgets.tables import let_scroll_sideways

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bokmal() -> Iterator[Translator]:
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
        QLocale.setDefault(locale)


def test_a_squashed_field_is_named_with_its_screen(qtbot: QtBot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    top.resize(300, 200)
    card = QWidget(top)
    form = QFormLayout(card)
    name = QLineEdit()
    name.setAccessibleName("Navn")
    form.addRow("Navn", name)
    card.setGeometry(0, 0, 300, 14)  # a card given less height than its form needs
    top.show()
    found = audit_widget(top, "test-screen")
    assert any(line.startswith("test-screen: QLineEdit 'Navn': squashed to") for line in found), (
        found
    )


def test_a_widget_outside_its_parent_is_named(qtbot: QtBot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    top.resize(200, 100)
    label = QLabel("Telefon", top)
    label.setGeometry(170, 10, 80, 20)  # reaches 50 px past the right edge
    top.show()
    found = audit_widget(top, "ny-deltaker")
    assert any("QLabel 'Telefon': clipped by its parent" in line for line in found), found
    label.setGeometry(10, 10, 80, 20)
    assert audit_widget(top, "ny-deltaker") == []


def test_a_cut_combo_box_text_is_named(qtbot: QtBot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    combo = QComboBox(top)
    combo.addItem("Quarter")
    combo.setGeometry(0, 0, 50, 26)
    top.resize(100, 40)
    top.show()
    found = audit_widget(top, "rapporter")
    assert any("shows 'Quarter' cut" in line for line in found), found


def test_columns_behind_a_sideways_scroll_bar_are_named(qtbot: QtBot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    table = QTableWidget(3, 4, top)
    table.setHorizontalHeaderLabels(["Navn", "Status", "Fireukersregelen", "Neste møte"])
    for column in range(4):
        table.setColumnWidth(column, 150)
    table.setGeometry(0, 0, 400, 200)  # room for two columns and a half
    top.resize(400, 200)
    top.show()
    found = audit_widget(top, "mine-deltakere")
    assert len(found) == 1 and "'Fireukersregelen', 'Neste møte' lie behind" in found[0], found
    let_scroll_sideways(table)  # a table meant to scroll sideways is passed over
    assert audit_widget(top, "mine-deltakere") == []


def test_english_text_in_the_bokmal_window_is_named(qtbot: QtBot, bokmal: Translator) -> None:
    untranslated = untranslated_sources("nb")
    assert "Your name" in untranslated and "Status" not in untranslated
    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    english = QLabel("Your name")
    english.setObjectName("nameLabel")
    layout.addWidget(english)
    layout.addWidget(QLabel(QApplication.translate("SetupView", "Your name")))
    top.show()
    found = audit_widget(top, "oppsett", untranslated)
    assert found == ["oppsett: QLabel 'nameLabel': untranslated text 'Your name'"]


@pytest.mark.parametrize(("language", "scale"), [("nb", 1), ("nb", 2), ("en", 1)])
def test_every_screen_and_dialog_fits_1366x768(tmp_path: Path, language: str, scale: int) -> None:
    # In English the sizes and cuts are checked (longer words: the therapist's ten tabs
    # once overflowed into scroll arrows); the untranslated-text check is bokmål's.
    env = {**os.environ, **screen_environment(scale, tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "tools.screen_audit", "--scale", str(scale), "--lang", language],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
        env=env,
    )
    assert done.stdout, done.stderr[-3000:]
    result = json.loads(done.stdout)
    # The tour reached every screen, in the window of a 1366×768 laptop at this scale.
    for name in ("01-first-run-no-keyring-maximised", "03-caseload", "08-central", "09-enrol"):
        assert name in result["screens"]
    assert [s for s in result["screens"] if s.startswith("07-therapist")]
    assert result["defects"] == [], "\n".join(result["defects"])
    assert done.returncode == 0, done.stderr[-3000:]
