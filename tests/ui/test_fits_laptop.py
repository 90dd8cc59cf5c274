"""The layout fixes of issue #16, each through the real widgets.

The offscreen screen of the test process is 800×600: smaller than the 1366×768 laptop,
so a window that fits here fits there too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarCategoryAxis
from PySide6.QtCore import QLocale, QModelIndex, QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)
from pytestqt.qtbot import QtBot

from app.central.demo import fill_central_demo
from app.composition import build_app
from app.demo import fill_demo
from app.domain.access import CENTRAL, JOB_SPECIALIST, THERAPIST
from app.journal import Journal
from app.settings import Settings
from storage.crypto import KdfParams
from storage.profile import Profile
from tests.storage.keyring_backends import InMemoryKeyring
from tests.ui.conftest import PASSPHRASE
from tools.screen_audit import audit_widget, columns_out_of_sight
from ui.app import load_stylesheet
from ui.caseload_view import NewParticipantDialog
from ui.central_format import figure_name
from ui.central_view import FIDELITY_COLUMN, FIRST_FIGURE_COLUMN
from ui.central_workspace import CentralWorkspace
from ui.charts import BarChart
from ui.formats import format_date
from ui.i18n import Translator
from ui.main_window import MainWindow
from ui.reports_view import ReportsView
from ui.tasks import TaskRunner
from ui.widgets.labels import drawn_text_width
from ui.workspace import Workspace


@contextmanager
def speaking(language: str) -> Iterator[Translator]:
    """The application in ``language``, and back as it was after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = Translator(app)
    locale = QLocale()
    try:
        assert translator.apply(language)
        yield translator
    finally:
        for t in (translator._ours, translator._qt):
            app.removeTranslator(t)
        QLocale.setDefault(locale)


def _window(qtbot: QtBot, tmp_path: Path, *, keyring_ok: bool = True) -> MainWindow:
    qs = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        services=build_app(Settings(), profile_dir=tmp_path / "profile"),
        tasks=TaskRunner(),
        qsettings=qs,
        keyring_ok=lambda: keyring_ok,
    )
    qtbot.addWidget(window)
    return window


def test_first_run_without_a_keyring_shows_full_height_fields(
    qtbot: QtBot, tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    window = _window(qtbot, tmp_path, keyring_ok=False)
    window.show_on_screen()
    qtbot.waitExposed(window)
    setup = window.setup_view
    assert setup is not None and setup.keyring_note.isVisible()
    for field in (setup.name, setup.passphrase, setup.repeat):
        assert isinstance(field, QLineEdit)
        assert field.height() >= field.minimumSizeHint().height(), field.accessibleName()
    for combo in (setup.role, setup.language):
        assert isinstance(combo, QComboBox)
        assert combo.height() >= combo.minimumSizeHint().height()
    assert window.screen().availableGeometry().contains(window.frameGeometry())
    # And the user can fill it in: the field takes typing.
    qtbot.keyClicks(setup.name, "Kari Nordmann")
    assert setup.name.text() == "Kari Nordmann"


def test_the_window_fits_the_screen_and_remembers_its_place(
    qtbot: QtBot, tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    window = _window(qtbot, tmp_path)
    window.show_on_screen()
    qtbot.waitExposed(window)
    free = window.screen().availableGeometry()
    # 1280×800 does not fit this screen: the window opens maximised, inside it.
    assert window.isMaximized()
    assert free.contains(window.frameGeometry())
    assert window.minimumWidth() <= free.width() and window.minimumHeight() <= free.height()

    # The user makes it smaller; the next start opens it at that size, not maximised.
    window.showNormal()
    size = (window.minimumWidth(), window.minimumHeight() + 50)
    window.setGeometry(free.x() + 4, free.y() + 30, *size)
    qtbot.waitUntil(lambda: not window.isMaximized())
    window.close()
    again = _window(qtbot, tmp_path)
    again.show_on_screen()
    qtbot.waitExposed(again)
    assert not again.isMaximized()
    assert (again.width(), again.height()) == size
    assert free.contains(again.frameGeometry())
    again.close()

    # Maximised when closed: maximised again.
    third = _window(qtbot, tmp_path)
    third.show_on_screen()
    third.showMaximized()
    qtbot.waitUntil(third.isMaximized)
    third.close()
    fourth = _window(qtbot, tmp_path)
    fourth.show_on_screen()
    assert fourth.isMaximized()
    # Nothing but place and size is kept there.
    qs = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert {k for k in qs.allKeys() if k.startswith("window/")} == {
        "window/geometry",
        "window/maximised",
    }


def _unlocked(
    qtbot: QtBot, tmp_path: Path, role: str = JOB_SPECIALIST, *, demo: int = 0
) -> MainWindow:
    """The window at 1366x768, unlocked; with ``demo`` participants of the demo data
    (a central team's: the demo teams' reports)."""
    profile = Profile(tmp_path / "profile")
    profile.create(
        user_name="Kari Jobb",
        role=role,
        passphrase=PASSPHRASE,
        kdf=KdfParams.fast_for_tests(),
    )
    if demo and role == CENTRAL:
        store = profile.unlock(PASSPHRASE)
        fill_central_demo(store, today=Journal(store).today())
        store.lock()
    elif demo:
        journal = Journal(profile.unlock(PASSPHRASE))
        fill_demo(journal, participants=demo, seed=7, today=journal.today())
        journal.store.lock()
    window = _window(qtbot, tmp_path)
    window.resize(1366, 768)
    window.show()
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.button.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30000)
    return window


def _press_ctrl_shift_v(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(
        QApplication.focusWidget() or window,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def test_ctrl_shift_v_logs_a_visit_from_every_screen(
    qtbot: QtBot, tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    window = _unlocked(qtbot, tmp_path)
    journal = window.services.journal
    ws = window.workspace
    assert journal is not None and isinstance(ws, Workspace)
    emp = journal.add("employer", {"name": "Bakeriet"})
    pid = journal.create_participant({"name": "Per Hansen", "programme": "IPS"})

    # From the caseload: the form, with no participant chosen.
    ws.caseload.focus_list()
    _press_ctrl_shift_v(qtbot, window)
    dialog = ws.visit_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.participant.currentData() is None
    dialog.reject()

    # From a participant: the form, with that participant filled in.
    ws.open_participant(pid)
    qtbot.waitUntil(lambda: ws.participant is not None and ws.participant.data is not None)
    ws.participant.setFocus()  # type: ignore[union-attr]
    _press_ctrl_shift_v(qtbot, window)
    dialog = ws.visit_dialog
    assert dialog is not None and dialog.participant.currentData() == pid
    assert dialog.purpose.currentData() == "client_specific"
    dialog.employer.setCurrentIndex(dialog.employer.findData(emp))
    with qtbot.waitSignal(dialog.visit_saved, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [visit] = journal.records(pid, "employer_contact")
    assert visit.fields["employer"] == emp and visit.fields["mode"] == "face_to_face"

    # From the reports page too; on the employers page, its own form (with the employer).
    ws.nav.setCurrentRow(2)
    ws.nav.setFocus()
    _press_ctrl_shift_v(qtbot, window)
    dialog = ws.visit_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    ws.nav.setCurrentRow(1)
    ws.employers.table.setFocus()
    _press_ctrl_shift_v(qtbot, window)
    assert ws.employers.dialog is not None and ws.employers.dialog.isVisible()
    ws.employers.dialog.reject()
    window.lock()


def test_the_employer_register_shows_ten_rows_at_768_pixels(
    qtbot: QtBot, tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    window = _unlocked(qtbot, tmp_path)
    journal = window.services.journal
    ws = window.workspace
    assert journal is not None and isinstance(ws, Workspace)
    for i in range(20):
        journal.add("employer", {"name": f"Arbeidsgiver {i + 1:02d}"})
    ws.nav.setCurrentRow(1)
    view = ws.employers
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 20, timeout=10000)
    row = view.table.rowHeight(0)
    shown = view.table.viewport().height() // row
    assert shown >= 10, f"only {shown} of 20 rows show"  # five before
    window.lock()


def test_month_labels_stand_upright_and_quarters_lie_flat(qtbot: QtBot) -> None:
    months = [
        "jan.",
        "feb.",
        "mars",
        "apr.",
        "mai",
        "juni",
        "juli",
        "aug.",
        "sep.",
        "okt.",
        "nov.",
        "des.",
    ]
    angles = {}
    for name, categories in (("months", months), ("quarters", ["K1 26", "K2 26", "K3 26"])):
        chart = BarChart()
        qtbot.addWidget(chart)
        chart.resize(472, 220)
        chart.show_series(
            title="Jobbstarter",
            series_name="Jobbstarter",
            categories=categories,
            values=[1.0] * len(categories),
            unit="count",
        )
        [axis] = [a for a in chart.chart().axes() if isinstance(a, QBarCategoryAxis)]
        assert axis.categories() == categories  # whole texts, none shortened by us
        angles[name] = axis.labelsAngle()
    assert angles == {"months": -90, "quarters": 0}


def test_a_period_box_shows_its_whole_text_after_a_change_of_language(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    with speaking("nb") as translator:
        view = ReportsView(journal=specialist_journal, tasks=TaskRunner())
        qtbot.addWidget(view)
        view.resize(900, 700)  # the window at its least width, less the navigation
        view.show()
        qtbot.waitExposed(view)
        assert translator.apply("en")
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        assert view.kind.currentText() == "Quarter"
        cut = [line for line in audit_widget(view, "reports") if " cut " in line]
        assert cut == []
        view.shutdown()


def shown_text(table: QTableView, index: QModelIndex) -> str:
    """The text a table cell draws: its text as the style elides it into the cell."""
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.rect = table.visualRect(index)
    delegate = table.itemDelegateForIndex(index)
    assert isinstance(delegate, QStyledItemDelegate)
    delegate.initStyleOption(option, index)
    option.textElideMode = table.textElideMode()  # as the view paints it
    style = table.style()
    text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, table)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return option.fontMetrics.elidedText(
        option.text, option.textElideMode, text_rect.width() - 2 * margin
    )


def test_a_red_next_action_shows_its_date_in_the_cell_at_1366x768(
    qtbot: QtBot, tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    window = _unlocked(qtbot, tmp_path)
    journal = window.services.journal
    ws = window.workspace
    assert journal is not None and isinstance(ws, Workspace)
    pid = journal.create_participant(
        {"name": "Per Hansen", "programme": "IPS", "job_specialist": "Kari Jobb"}
    )
    journal.add("episode", {"entry": (journal.today() - timedelta(days=40)).isoformat()},
                participant_id=pid)  # fmt: skip
    goal = journal.add("goal", {"title": "Jobb på lager"}, participant_id=pid)
    due = journal.today() - timedelta(days=6)
    long = "Ringe butikksjefen på Rema 1000 Majorstuen om arbeidstrening, turnus og tilrettelegging"
    journal.add(
        "action",
        {"goal": goal, "description": long, "due": due.isoformat(), "status": "open"},
        participant_id=pid,
    )
    view = ws.caseload
    view.reload()
    qtbot.waitUntil(lambda: view.visible_ids() == [pid], timeout=10000)
    qtbot.waitUntil(lambda: view.table.columnWidth(2) > 0)
    index = view.proxy.index(0, 2)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None  # red: overdue
    shown = shown_text(view.table, index)
    assert "…" in shown, shown  # the cell is too narrow for the whole text …
    assert due.strftime("%d.%m.%Y") in shown  # … and still shows the date
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert long in tip and due.strftime("%d.%m.%Y") in tip
    window.lock()


@pytest.mark.parametrize("role", [JOB_SPECIALIST, THERAPIST])
def test_every_caseload_column_shows_beside_the_agenda_at_1366x768(
    qtbot: QtBot, tmp_path: Path, memory_keyring: InMemoryKeyring, role: str
) -> None:
    window = _unlocked(qtbot, tmp_path, role, demo=24)
    ws = window.workspace
    assert isinstance(ws, Workspace)
    view = ws.caseload
    view.mine_only.setChecked(False)  # the whole team's: the longest names and texts
    qtbot.waitUntil(lambda: len(view.visible_ids()) >= 12, timeout=10000)
    qtbot.waitUntil(lambda: view.table.columnWidth(0) > 0)
    # The four-week rule, follow-along and next meeting (a therapist's sessions and
    # worksheet) all show without scrolling sideways, the agenda beside them …
    assert view.agenda.isVisible() and view.agenda.width() >= 200
    assert columns_out_of_sight(view.table) == []
    assert view.table.horizontalScrollBar().maximum() == 0
    assert [d for d in audit_widget(window, "caseload") if "sideways" in d] == []
    # … and the next action still shows its date, cut at the end, whole in the tooltip.
    for row in range(view.proxy.rowCount()):
        index = view.proxy.index(row, 2)
        due = view.model.rows[view.proxy.mapToSource(index).row()].next_action_due
        if due:
            shown = shown_text(view.table, index)
            assert format_date(due) in shown, shown
    # Sorted by a click on another heading, that heading has room for its arrow, and
    # every column still shows.
    header = view.table.horizontalHeader()
    column = 5  # next meeting
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == column
    assert header.sectionSize(column) >= header.sectionSizeHint(column)
    assert columns_out_of_sight(view.table) == []
    window.lock()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_team_figure_shows_beside_the_charts_at_1366x768(
    qtbot: QtBot, tmp_path: Path, memory_keyring: InMemoryKeyring, language: str
) -> None:
    with speaking(language):
        window = _unlocked(qtbot, tmp_path, CENTRAL, demo=1)
        window.setStyleSheet(load_stylesheet())  # the window's fonts
        ws = window.workspace
        assert isinstance(ws, CentralWorkspace)
        view = ws.central
        table = view.teams
        qtbot.waitUntil(lambda: table.rowCount() == 4, timeout=20000)  # 3 teams, national
        # Every figure beside the team's name, without scrolling sideways …
        assert columns_out_of_sight(table) == []
        assert table.horizontalScrollBar().maximum() == 0
        assert [d for d in audit_widget(window, "sentralt") if "sideways" in d] == []
        model = table.model()
        for column in range(FIRST_FIGURE_COLUMN, FIDELITY_COLUMN + 1):
            heading = table.horizontalHeaderItem(column)
            assert heading is not None and heading.toolTip()  # the full name
            # … each number whole in its cell (a short heading, no unit word) …
            for row in range(table.rowCount()):
                item = table.item(row, column)
                assert item is not None
                assert shown_text(table, model.index(row, column)) == item.text()
        caseload = table.horizontalHeaderItem(FIRST_FIGURE_COLUMN + 3)
        assert caseload is not None and caseload.toolTip() == figure_name("caseload")
        for row in range(3):  # the unit in the heading's tooltip and the cell's
            cell = table.item(row, FIRST_FIGURE_COLUMN + 3)
            if cell.text()[:1].isdigit():
                assert cell.toolTip().startswith(cell.text() + " "), cell.toolTip()
        # … and a long team name cut at the end, whole with programme and region in
        # its tooltip.
        [row] = [r for r in range(3) if table.item(r, 0).text().startswith("Senter")]
        name = table.item(row, 0)
        shown = shown_text(table, model.index(row, 0))
        assert shown.startswith("Senter for") and shown.endswith("…"), shown
        assert name.toolTip() == "Senter for jobbmestring Trøndelag\nSFJ · Midt"
        table.setCurrentCell(row, 0)  # the team's fidelity items below: the same
        assert "Senter for jobbmestring Trøndelag (SFJ · Midt)" in view.fidelity_title.text()
        window.lock()


def test_new_participant_shows_whole_labels_and_tabs_down_the_form(qtbot: QtBot) -> None:
    with speaking("nb"):
        dialog = NewParticipantDialog()
        dialog.setStyleSheet(load_stylesheet())  # the window's fonts
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        form = dialog.layout()
        assert isinstance(form, QFormLayout)
        labels = [
            w
            for i in range(form.rowCount())
            if (item := form.itemAt(i, QFormLayout.ItemRole.LabelRole)) is not None
            and isinstance(w := item.widget(), QLabel)
        ]
        assert "Telefon" in [label.text().replace("&", "") for label in labels]
        for label in labels:  # no label cut: "Telefon" lost the edge of its "n"
            assert label.contentsRect().width() >= drawn_text_width(label), label.text()
        assert dialog.phone.width() >= dialog.phone.fontMetrics().horizontalAdvance(
            "+47 912 34 567"
        )
        assert audit_widget(dialog, "ny-deltaker") == []

        # Tab from the name visits the fields top to bottom, as they are shown.
        dialog.activateWindow()
        dialog.name.setFocus()
        qtbot.waitUntil(lambda: dialog.name.hasFocus())
        visited = []
        for _ in range(14):
            widget = QApplication.focusWidget()
            assert widget is not None
            visited.append(widget)
            qtbot.keyClick(widget, Qt.Key.Key_Tab)
        expected = [
            dialog.name,
            dialog.programme,
            dialog.birth.edit,
            dialog.phone,
            dialog.source,
            dialog.received.edit,
            dialog.entry.edit,
            *dialog.consents.values(),
        ]
        assert visited[: len(expected)] == expected
        tops = [w.mapTo(dialog, w.rect().topLeft()).y() for w in expected]
        assert tops == sorted(tops)
        assert visited[len(expected)].text() == "OK"  # then the buttons
        assert visited[len(expected) + 2] is dialog.name  # and round again
