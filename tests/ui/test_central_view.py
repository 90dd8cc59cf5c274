"""The central view on a central team's profile: snapshots read in the background, teams side by
side, missing teams, national totals, filters, charts, CSV and PDF export."""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarCategoryAxis
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from app.central import build_snapshot, sign, write_snapshot
from app.central.records import Snapshot
from app.indicators import Period
from app.journal import ChangeEvent, Journal
from tests.app.datasets import Build
from tests.storage.keyring_backends import InMemoryKeyring
from tests.support.gui_writes import GuiWriteGuard
from tests.ui.conftest import TODAY, make_journal
from ui.central_pdf import build_central_html
from ui.central_view import FIRST_FIGURE_COLUMN, SIDE_BY_SIDE, CentralView
from ui.tasks import TaskRunner

SHOTS = Path("/tmp/feltjournal-shots")
Q2, Q3 = Period.quarter(2026, 2), Period.quarter(2026, 3)
INTO_WORK_COLUMN = FIRST_FIGURE_COLUMN + SIDE_BY_SIDE.index("into_work")


@pytest.fixture
def central_journal(tmp_path: Path, memory_keyring: InMemoryKeyring) -> Iterator[Journal]:
    j = make_journal(tmp_path, "sentralt_team", "Siv Sentral", GuiWriteGuard())
    yield j
    if not j.store.locked:
        j.store.lock()


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_idle()


@pytest.fixture
def view(qtbot: QtBot, central_journal: Journal, tasks: TaskRunner) -> Iterator[CentralView]:
    v = CentralView(journal=central_journal, tasks=tasks)
    qtbot.addWidget(v)
    yield v
    v.shutdown()
    tasks.wait_idle()


def _exits(period: Period, into: int, other: int) -> Build:
    b = Build()
    day = period.start.replace(day=15).isoformat()
    for i in range(into + other):
        pid = b.participant(f"p{i}", js=("Anne", "Bjørn")[i % 2])
        b.episode(pid, "2025-06-01", day, "ordinary_work" if i < into else "dropped_out")
    return b


def put(journal: Journal, team: str, name: str, programme: str, region: str, period: Period,
        into: int, other: int) -> None:  # fmt: skip
    figures = build_snapshot(_exits(period, into, other).ds, period, as_of=TODAY)
    snap = Snapshot(team, name, programme, region, period.label, 1, "2026-10-02T08:00:00+02:00",
                    figures.canonical(), journal.store.device, "")  # fmt: skip
    write_snapshot(journal.store, sign(snap, journal.store.device_secrets.ed25519_private))


def three_teams(journal: Journal) -> None:
    put(journal, "a", "Alfa IPS", "IPS", "Øst", Q3, 12, 6)
    put(journal, "b", "Beta SFJ", "SFJ", "Vest", Q3, 20, 5)
    put(journal, "a", "Alfa IPS", "IPS", "Øst", Q2, 9, 6)
    put(journal, "c", "Gamma JMO", "JMO", "Vest", Q2, 10, 5)  # not reported for Q3


def loaded(qtbot: QtBot, view: CentralView) -> None:
    with qtbot.waitSignal(view.data_loaded, timeout=20_000):
        view.refresh()


def table(view: CentralView) -> list[list[str]]:
    t = view.teams
    return [
        [t.item(r, c).text() if t.item(r, c) else "" for c in range(t.columnCount())]
        for r in range(t.rowCount())
    ]


def test_teams_side_by_side_with_a_missing_team_and_the_national_sum(
    qtbot: QtBot, central_journal: Journal, view: CentralView
) -> None:
    three_teams(central_journal)
    loaded(qtbot, view)
    view.set_period("2026-Q3")
    rows = table(view)
    assert [r[0] for r in rows] == ["Alfa IPS", "Beta SFJ", "Gamma JMO", "National"]
    assert rows[0][INTO_WORK_COLUMN] == "67 %"
    assert rows[1][INTO_WORK_COLUMN] == "80 %"
    assert rows[2][INTO_WORK_COLUMN] == "missing"  # not reported: missing, never 0
    # (12 + 20) / (18 + 25), from counts: 74 %, not the mean of 67 % and 80 %; * = partial.
    assert rows[3][INTO_WORK_COLUMN] == "74 %*"
    # No team has an active participant: the national caseload is no data, not 0.
    assert rows[3][FIRST_FIGURE_COLUMN + SIDE_BY_SIDE.index("caseload")] == "–"
    assert "3 team(s)" in view.state.text() and "1 without a report" in view.state.text()
    # Charts: one bar per team, none for the missing one, and the 80 % line.
    assert view.chart_teams.values[2] is None and view.chart_teams.values[1] == 80.0
    assert "Gamma JMO" in view.chart_note.text()
    assert view.chart_trend.values == pytest.approx([100 * 19 / 30, 100 * 32 / 43])


def test_filters_by_programme_and_region(
    qtbot: QtBot, central_journal: Journal, view: CentralView
) -> None:
    three_teams(central_journal)
    loaded(qtbot, view)
    view.set_period("2026-Q3")
    view.set_programme("SFJ")
    assert [r[0] for r in table(view)] == ["Beta SFJ", "National"]
    assert table(view)[1][INTO_WORK_COLUMN] == "80 %"
    view.set_programme(None)
    view.set_region("Vest")
    assert [r[0] for r in table(view)][:2] == ["Beta SFJ", "Gamma JMO"]
    view.set_region(None)
    view.set_period("2026-Q2")
    rows = table(view)
    assert rows[1][INTO_WORK_COLUMN] == "missing" and rows[0][INTO_WORK_COLUMN] == "60 %"


def test_fidelity_items_with_their_bands_for_a_team_and_nationally(
    qtbot: QtBot, central_journal: Journal, view: CentralView
) -> None:
    three_teams(central_journal)
    loaded(qtbot, view)
    view.set_period("2026-Q3")
    items = [view.fidelity.item(r, 0).text() for r in range(view.fidelity.rowCount())]
    assert "Caseload (active participants per FTE)" in items
    caseload = items.index("Caseload (active participants per FTE)")
    assert view.fidelity.item(caseload, 3).text().startswith("5: ≤ 20")
    assert "national" in view.fidelity_title.text()
    view.teams.setCurrentCell(2, 0)  # the missing team
    assert view.fidelity.item(0, 1).text() == "missing"
    view.teams.setCurrentCell(0, 0)
    assert "Alfa IPS" in view.fidelity_title.text()


def test_csv_and_pdf_exports(
    qtbot: QtBot, central_journal: Journal, view: CentralView, tmp_path: Path
) -> None:
    three_teams(central_journal)
    loaded(qtbot, view)
    view.set_period("2026-Q3")
    out = tmp_path / "central.csv"
    assert view.save_csv(out)
    if os.name != "nt":  # exports are the owner's only
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    gamma = [r for r in rows if r["team_name"] == "Gamma JMO"]
    assert len(gamma) == 1 and gamma[0]["status"] == "missing" and gamma[0]["value"] == ""
    national = next(r for r in rows if r["team"] == "national" and r["figure_key"] == "into_work")
    assert (national["numerator"], national["denominator"]) == ("32", "43")
    assert "Anne" not in out.read_text("utf-8") and "Bjørn" not in out.read_text("utf-8")
    pdf = tmp_path / "central.pdf"
    assert view.save_pdf(pdf)
    if os.name != "nt":
        assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000
    text = build_central_html(view.data, "2026-Q3", periods=["2026-Q2", "2026-Q3"])
    assert "Gamma JMO" in text and "Not reported for the period" in text and "74 %*" in text
    assert "5: ≤ 20" in text
    # The into-work definition stands beside the national trend.
    assert "Moves and the team's chosen exit reasons left out" in text


def test_no_reports_yet_says_so_and_exports_are_off(qtbot: QtBot, view: CentralView) -> None:
    loaded(qtbot, view)
    assert "No reports on this computer yet" in view.state.text()
    assert not view.csv_button.isEnabled() and not view.pdf_button.isEnabled()


def test_new_snapshots_from_sync_are_read_when_shown(
    qtbot: QtBot, central_journal: Journal, view: CentralView
) -> None:
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view._handle is None, timeout=10_000)
    three_teams(central_journal)
    with qtbot.waitSignal(view.data_loaded, timeout=20_000):
        view.on_change(ChangeEvent(frozenset({"report_snapshot"})))
    assert view.teams.rowCount() == 4
    with qtbot.assertNotEmitted(view.data_loaded, wait=400):
        view.on_change(ChangeEvent(frozenset({"case_note"})))


def test_a_language_change_keeps_the_table(
    qtbot: QtBot, central_journal: Journal, view: CentralView
) -> None:
    three_teams(central_journal)
    loaded(qtbot, view)
    view.set_period("2026-Q3")
    QCoreApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.selected_period() == "2026-Q3"
    assert table(view)[3][INTO_WORK_COLUMN] == "74 %*"


def test_screenshot_with_three_demo_teams(
    qtbot: QtBot, central_journal: Journal, view: CentralView
) -> None:
    from app.central.demo import fill_central_demo

    written = fill_central_demo(central_journal.store, today=date(2026, 11, 23))
    assert {s.team_name for s in written} == {
        "IPS Oslo sør",
        "Senter for jobbmestring Trøndelag",
        "JMO Vestland",
    }
    view.setStyleSheet((resources.files("resources") / "style.qss").read_text("utf-8"))
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    loaded(qtbot, view)
    view.set_period("2026-Q3")
    rows = table(view)
    assert any(r[INTO_WORK_COLUMN] == "missing" for r in rows)  # JMO Vestland's Q3
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert view.grab().save(str(SHOTS / "central.png"))
    view.chart_figure.setCurrentIndex(view.chart_figure.findData("employment_rate"))
    assert any(v is not None for v in view.chart_teams.values)
    assert any(v is not None for vs in view.chart_lines.lines.values() for v in vs)
    assert view.grab().save(str(SHOTS / "central-employment.png"))
    view.set_period("2026-10")
    assert not any(r[INTO_WORK_COLUMN] == "missing" for r in table(view))
    assert view.grab().save(str(SHOTS / "central-month.png"))


def test_bokmal_texts_and_screenshot(
    qtbot: QtBot, central_journal: Journal, view: CentralView
) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from ui.i18n import Translator

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    locale = QLocale()
    translator = Translator(app)
    try:
        assert translator.apply("nb")
        three_teams(central_journal)
        loaded(qtbot, view)
        view.set_period("2026-Q3")
        QCoreApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
        assert view.title.text() == "Sentral rapportering"
        rows = table(view)
        assert rows[2][INTO_WORK_COLUMN] == "mangler"
        assert rows[3][0] == "Nasjonalt"
        assert view.teams.item(3, 0).toolTip() == "Nasjonalt (sum av teamene)"
        assert view.teams.horizontalHeaderItem(INTO_WORK_COLUMN).text() == "Til arbeid"
        assert "3 team" in view.state.text() and "1 uten rapport" in view.state.text()
        view.resize(1366, 768)
        view.show()
        qtbot.waitExposed(view)
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert view.grab().save(str(SHOTS / "central-nb.png"))
    finally:
        for t in (translator._ours, translator._qt):
            app.removeTranslator(t)
        QLocale.setDefault(locale)


def test_snapshot_values_are_what_the_reports_screen_builds(
    tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    from app.central import Pseudonyms
    from app.central.snapshot import SNAPSHOT_TYPES
    from app.demo import fill_demo
    from app.indicators import INDICATOR_TYPES
    from ui.reports_view import build_report

    lead = make_journal(tmp_path, "teamleder", "Tone Teamleder", GuiWriteGuard())
    try:
        fill_demo(lead, participants=20, seed=9, today=TODAY)
        pseudonyms = Pseudonyms(b"p" * 32)
        snap = build_snapshot(
            lead.dataset(SNAPSHOT_TYPES), Q3, as_of=TODAY, pseudonyms=pseudonyms, threshold=1
        )
        screen = build_report(lead.dataset(INDICATOR_TYPES), period=Q3)
        assert {k: f.value for k, f in snap.team.items()} == {
            f.key: f.value for f in screen.figures
        }
        for name in screen.job_specialists:
            mine = build_report(lead.dataset(INDICATOR_TYPES), period=Q3, job_specialist=name)
            published = snap.scopes[pseudonyms.label(name)]
            assert {k: f.value for k, f in published.items()} == {
                f.key: f.value for f in mine.figures
            }
    finally:
        lead.store.lock()


def test_the_chart_starts_on_a_figure_some_team_shows_until_the_user_picks_one(
    qtbot: QtBot, central_journal: Journal, view: CentralView
) -> None:
    # Into work hidden for every team (3 of 5 and 2 of 6 did not go into work: "< 5").
    put(central_journal, "a", "Alfa IPS", "IPS", "Øst", Q3, 2, 3)
    put(central_journal, "b", "Beta SFJ", "SFJ", "Vest", Q3, 4, 2)
    loaded(qtbot, view)
    view.set_period("2026-Q3")
    assert view.chart_key() != "into_work"
    assert any(v is not None for v in view.chart_teams.values)  # bars to look at
    # The user chooses into work: it stays, empty as it is, with the note saying why.
    view.chart_figure.setCurrentIndex(view.chart_figure.findData("into_work"))
    loaded(qtbot, view)
    assert view.chart_key() == "into_work"
    assert all(v is None for v in view.chart_teams.values)
    assert "Alfa IPS" in view.chart_note.text()


def test_team_names_titles_and_legends_are_whole_and_an_empty_chart_says_so(
    qtbot: QtBot, central_journal: Journal, view: CentralView
) -> None:
    long = "Senter for jobbmestring Trøndelag"
    put(central_journal, "a", "Alfa IPS", "IPS", "Øst", Q3, 3, 6)  # into work: hidden (< 5)
    put(central_journal, "s", long, "SFJ", "Midt", Q3, 2, 3)
    view.setStyleSheet((resources.files("resources") / "style.qss").read_text("utf-8"))
    view.resize(1366 - 200, 768 - 60)  # the window less the navigation and the menu
    view.show()
    qtbot.waitExposed(view)
    loaded(qtbot, view)
    view.set_period("2026-Q3")
    view.chart_figure.setCurrentIndex(view.chart_figure.findData("into_work"))
    # Every team's into-work is hidden: no chart has anything to draw, and each gives
    # way to a sentence instead of empty axes.
    assert view.chart_trend.values == [None] * len(view.chart_trend.values)
    for panel in (view.teams_panel, view.lines_panel, view.trend_panel):
        assert not panel.chart.isVisible() and not panel.legend.isVisible()
        assert panel.empty.isVisible() and panel.empty.text().startswith("No data")

    put(central_journal, "b", "Beta SFJ", "SFJ", "Vest", Q3, 20, 5)  # a team with values
    loaded(qtbot, view)
    view.set_period("2026-Q3")
    view.chart_figure.setCurrentIndex(view.chart_figure.findData("into_work"))
    for panel in (view.teams_panel, view.lines_panel, view.trend_panel):
        assert panel.chart.isVisible() and not panel.empty.isVisible()
    # The table and the bars name the team whole (the bars' label wraps between words).
    assert long in [r[0] for r in table(view)]
    [axis] = [a for a in view.chart_teams.chart().axes() if isinstance(a, QBarCategoryAxis)]
    assert [c.replace("<br>", " ") for c in axis.categories()] == ["Alfa IPS", "Beta SFJ", long]
    # Titles and the legend wrap beside the charts: all of their text has room.
    for panel in (view.teams_panel, view.lines_panel, view.trend_panel):
        title = panel.title
        assert title.isVisible() and title.wordWrap()
        assert title.height() >= title.heightForWidth(title.width()), title.text()
    assert "Into work over time (national) against the 80" in view.trend_panel.title.text()
    legend = view.lines_panel.legend
    assert legend.isVisible() and long.replace(" ", "&nbsp;") in legend.text()
    assert legend.height() >= legend.heightForWidth(legend.width())
    assert not view.chart_lines.chart().legend().isVisible()  # Qt's, which cut names
