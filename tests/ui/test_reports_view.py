"""The reports view over a real encrypted journal: background build, figures, drill-down,
charts and the de-identified CSV."""

from __future__ import annotations

import csv
import io
import os
import stat
import threading
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app import indicators as ind
from app.indicators import Period
from app.journal import ChangeEvent, Dataset, Journal
from ui.figures_csv import COLUMNS, figure_rows, pseudonym, write_figures_csv
from ui.reports_format import FIGURE_LABELS, format_value, period_text
from ui.reports_view import KEY_ROLE, ReportsView, build_report, recent_periods
from ui.tasks import TaskRunner

SHOTS = Path("/tmp/feltjournal-shots")
Q3 = Period.quarter(2026, 3)
SENTINEL = "Siri Sentinelsen"


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_idle()


@pytest.fixture
def view(qtbot: QtBot, specialist_journal: Journal, tasks: TaskRunner) -> Iterator[ReportsView]:
    v = ReportsView(journal=specialist_journal, tasks=tasks)
    qtbot.addWidget(v)
    yield v
    v.shutdown()
    tasks.wait_idle()


def hand_built(j: Journal) -> dict[str, str]:
    """Three participants, two exits in Q3 2026 (one into work), one job, two contacts."""
    emp = j.add("employer", {"name": "Rema 1000 Majorstuen", "org_number": "974760673"})
    ola = j.create_participant({"name": "Ola Nordmann", "programme": "IPS"})
    siri = j.create_participant({"name": SENTINEL, "programme": "SFJ"})
    per = j.create_participant(
        {"name": "Per Hansen", "programme": "IPS", "job_specialist": "Lise Lund"}
    )
    j.add(
        "episode",
        {"entry": "2026-07-01", "exit": "2026-08-31", "exit_reason": "ordinary_work"},
        participant_id=ola,
    )
    j.add(
        "episode",
        {"entry": "2026-07-15", "exit": "2026-09-15", "exit_reason": "dropped_out"},
        participant_id=siri,
    )
    j.add("episode", {"entry": "2026-06-01"}, participant_id=per)
    job = j.add(
        "job",
        {"employer": emp, "title": "Butikkmedarbeider", "start": "2026-08-01", "competitive": True},
        participant_id=ola,
    )
    contact = j.add(
        "employer_contact",
        {
            "employer": emp,
            "date": "2026-07-20",
            "mode": "face_to_face",
            "purpose": "client_specific",
            "competitive_job": True,
            "job_specialist": "Kari Jobb",
        },
        participant_id=ola,
    )
    team_contact = j.add(
        "team_employer_contact",
        {
            "date": "2026-08-10",
            "mode": "face_to_face",
            "purpose": "job_development",
            "job_specialist": "Kari Jobb",
        },
        parent=emp,
    )
    return {
        "employer": emp,
        "ola": ola,
        "siri": siri,
        "per": per,
        "job": job,
        "contact": contact,
        "team_contact": team_contact,
    }


def built(qtbot: QtBot, view: ReportsView, period: Period = Q3) -> None:
    with qtbot.waitSignal(view.report_built, timeout=20_000):
        view.set_period(period)


def tree_rows(view: ReportsView) -> dict[str, list[str]]:
    out = {}
    for g in range(view.tree.topLevelItemCount()):
        head = view.tree.topLevelItem(g)
        for c in range(head.childCount()):
            item = head.child(c)
            out[item.data(0, KEY_ROLE)] = [item.text(i) for i in range(4)]
    return out


def definition_of(view: ReportsView, key: str) -> str:
    """The line under a figure that says what it counts ("" when it has none)."""
    for g in range(view.tree.topLevelItemCount()):
        head = view.tree.topLevelItem(g)
        for c in range(head.childCount()):
            item = head.child(c)
            if item.data(0, KEY_ROLE) == key:
                return item.child(0).text(0) if item.childCount() else ""
    raise KeyError(key)


def click_figure(qtbot: QtBot, view: ReportsView, key: str) -> None:
    """Click a figure's row in the tree, as the user does."""
    item = next(
        view.tree.topLevelItem(g).child(c)
        for g in range(view.tree.topLevelItemCount())
        for c in range(view.tree.topLevelItem(g).childCount())
        if view.tree.topLevelItem(g).child(c).data(0, KEY_ROLE) == key
    )
    view.show()
    qtbot.waitExposed(view)
    view.tree.scrollToItem(item)
    rect = view.tree.visualItemRect(item)
    pos = QPoint(rect.left() + 8, rect.center().y())
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def stylesheet() -> str:
    return (resources.files("resources") / "style.qss").read_text("utf-8")


# ------------------------------------------------------------ building


def test_builds_in_the_background_with_a_quiet_building_state(
    qtbot: QtBot, specialist_journal: Journal, tasks: TaskRunner, view: ReportsView
) -> None:
    hand_built(specialist_journal)
    # Hold the database thread so the build is certainly still queued.
    gate = threading.Event()
    tasks.run(lambda _p, _c: gate.wait(10))
    view.set_period(Q3)
    assert view.is_building()
    assert not view.export_button.isEnabled()
    qtbot.waitUntil(lambda: view.state.text() == "Building…", timeout=5_000)
    assert not view.tree.isEnabled()
    with qtbot.waitSignal(view.report_built, timeout=20_000):
        gate.set()
    assert not view.is_building()
    assert view.tree.isEnabled()
    assert view.state.text() == "Q3 2026 · all job specialists"
    assert view.export_button.isEnabled()


def test_a_new_choice_cancels_the_build_in_progress(
    qtbot: QtBot, specialist_journal: Journal, tasks: TaskRunner, view: ReportsView
) -> None:
    hand_built(specialist_journal)
    gate = threading.Event()
    tasks.run(lambda _p, _c: gate.wait(10))
    view.set_period(Period.quarter(2026, 2))
    first = view._handle
    assert first is not None
    with qtbot.waitSignal(first.cancelled, timeout=20_000):
        view.set_period(Q3)
        gate.set()
    qtbot.waitUntil(lambda: view.report is not None, timeout=20_000)
    assert view.report is not None and view.report.period == Q3


def test_shows_the_figures_of_a_hand_built_dataset(
    qtbot: QtBot, specialist_journal: Journal, view: ReportsView
) -> None:
    hand_built(specialist_journal)
    built(qtbot, view)
    rows = tree_rows(view)
    assert set(rows) == set(FIGURE_LABELS)  # every figure has a display label
    assert rows["into_work"] == [
        "Into work (ordinary work or education)",
        "50 %",
        "",
        "≥ 80 %",
    ]
    assert rows["employment_rate"][1:] == ["33 %", "", "≥ 41 %"]
    assert rows["job_starts"][1] == "1"
    # Ola 19 days; Per Hansen has no contact yet: 121 days by 30 Sep → (19 + 121) / 2 = 70.
    assert rows["rapid_job_search"][1:4] == ["70 days", "3 / 5", "≤ 30 days"]
    # The definition is on the line right under the figure.
    assert definition_of(view, "into_work").startswith("Moves and the team's chosen exit")
    assert "no status counts as missing" in definition_of(view, "outcome_6m")
    assert "none yet: days so far" in definition_of(view, "rapid_job_search")
    assert definition_of(view, "employment_rate") == ""
    assert view.open_drill_down("job_development")
    # 2 contacts ÷ (2 job specialists × 13.1 weeks); the target is lowered for few seekers.
    assert (
        view.drill_breakdown.text()
        == "0.1 per week · 2 contacts · target ≥ 1.0 per week · 2 record(s)\n"
        "Divided by (FTE): Kari Jobb 1.0 · Lise Lund 1.0"
    )
    # No data is "–", never 0; a scored item without data shows "–" as its score.
    assert rows["therapy_dose"][1] == "–"
    assert rows["community_based"][1:3] == ["–", "–"]
    groups = [view.tree.topLevelItem(i).text(0) for i in range(2)]
    assert groups == ["Fidelity items", "Outcomes"]
    summary = view.summary.text()
    assert "Fidelity (IPS-25), partial" in summary
    assert "rated by the team lead: 0" in summary and "not rated yet: " in summary
    # The job specialist list is made from the participants' job specialists.
    names = [view.specialist.itemText(i) for i in range(view.specialist.count())]
    assert names == ["All job specialists", "Kari Jobb", "Lise Lund"]
    # The charts: six quarters ending with Q3 2026, twelve months ending in September.
    assert view.into_work_chart.values == [None, None, None, None, None, 50.0]
    assert view.job_starts_chart.values[-2:] == [1.0, 0.0]
    assert "no data" in view.chart_note.text()
    assert "Q3 2026: 50 %" in view.into_work_chart.accessibleDescription()


def test_filtering_by_job_specialist(
    qtbot: QtBot, specialist_journal: Journal, view: ReportsView
) -> None:
    hand_built(specialist_journal)
    built(qtbot, view)
    with qtbot.waitSignal(view.report_built, timeout=20_000):
        view.set_job_specialist("Lise Lund")
    rows = tree_rows(view)
    assert rows["into_work"][1] == "–"  # Lise's participant has not exited
    assert rows["employment_rate"][1:] == ["0 %", "", "≥ 41 %"]
    assert view.state.text() == "Q3 2026 · Lise Lund"
    assert view.report is not None and view.report.job_specialist == "Lise Lund"


def test_an_empty_journal_shows_no_data_never_zero(
    qtbot: QtBot, specialist_journal: Journal, view: ReportsView
) -> None:
    built(qtbot, view)
    values = {key: row[1] for key, row in tree_rows(view).items()}
    assert set(values.values()) == {"–"}
    assert view.summary.text() == "No fidelity item could be scored for this period."
    assert view.into_work_chart.values == [None] * 6


# ---------------------------------------------------------- drill-down


def test_drill_down_lists_participants_by_name(
    qtbot: QtBot, specialist_journal: Journal, view: ReportsView
) -> None:
    hand_built(specialist_journal)
    built(qtbot, view)
    assert view.open_drill_down("into_work")
    assert view.drill_rows() == [
        ["Ola Nordmann", "Kari Jobb", "IPS", "✓"],
        [SENTINEL, "Kari Jobb", "SFJ", ""],
    ]
    assert view.drill_title.text() == "Into work (ordinary work or education)"
    assert view.drill_breakdown.text().startswith("50 % · 1 of 2 · target ≥ 80 % · 2 record(s)")
    assert "Ordinary paid work: 1" in view.drill_breakdown.text()
    assert "Dropped out: 1" in view.drill_breakdown.text()


def test_drill_down_lists_contacts_by_date_and_employer(
    qtbot: QtBot, specialist_journal: Journal, view: ReportsView
) -> None:
    hand_built(specialist_journal)
    built(qtbot, view)
    assert view.open_drill_down("job_development")
    headers = [view.drill.horizontalHeaderItem(c).text() for c in range(view.drill.columnCount())]
    assert headers == ["Date", "Employer", "Mode", "Purpose", "Participant"]
    assert view.drill_rows() == [
        ["20.07.2026", "Rema 1000 Majorstuen", "Face to face", "Client specific", "Ola Nordmann"],
        ["10.08.2026", "Rema 1000 Majorstuen", "Face to face", "Job development", "–"],
    ]


def test_drill_down_of_jobs_and_per_record_values(
    qtbot: QtBot, specialist_journal: Journal, view: ReportsView
) -> None:
    ids = hand_built(specialist_journal)
    built(qtbot, view)
    assert view.open_drill_down("job_starts")
    assert view.drill_rows() == [
        ["Ola Nordmann", "Butikkmedarbeider", "Rema 1000 Majorstuen", "01.08.2026"]
    ]
    assert view.drill.item(0, 0).data(KEY_ROLE) == ids["job"]
    view.open_drill_down("rapid_job_search")
    # Per Hansen (entry 1 Jun) has had no employer contact: 121 days by 30 Sep count too.
    assert view.drill_rows() == [
        ["Ola Nordmann", "Kari Jobb", "IPS", "19 days"],
        ["Per Hansen", "Lise Lund", "IPS", "121 days, no contact yet"],
    ]
    # Clicking the figure in the tree does the same.
    click_figure(qtbot, view, "employment_rate")
    assert [r[0] for r in view.drill_rows()] == ["Ola Nordmann", "Per Hansen", SENTINEL]


def test_the_chosen_figure_stays_chosen_after_a_rebuild(
    qtbot: QtBot, specialist_journal: Journal, view: ReportsView
) -> None:
    ids = hand_built(specialist_journal)
    built(qtbot, view)
    view.open_drill_down("into_work")
    view.show()
    qtbot.waitExposed(view)
    # A change arrives (say from sync): the shown report is rebuilt a moment later.
    specialist_journal.update(ids["siri"], {"name": "Siri Omdøpt"})
    with qtbot.waitSignal(view.report_built, timeout=20_000):
        view.on_change(ChangeEvent(frozenset({"participant"})))
    assert [r[0] for r in view.drill_rows()] == ["Ola Nordmann", "Siri Omdøpt"]


# ------------------------------------------------------------------ CSV


def test_csv_export_holds_no_participant_names_or_ids(
    qtbot: QtBot, specialist_journal: Journal, view: ReportsView, tmp_path: Path
) -> None:
    ids = hand_built(specialist_journal)
    built(qtbot, view)
    target = tmp_path / view.suggested_file_name()
    assert target.name == "feltjournal-figures-2026-Q3.csv"
    assert view.save_csv(target)
    if os.name != "nt":  # exports are the owner's only
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text("utf-8-sig")
    for secret in (SENTINEL, "Siri", "Ola Nordmann", "Per Hansen", *ids.values()):
        assert secret not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(COLUMNS)
    by_key = {r["figure_key"]: r for r in rows}
    assert len(by_key) == len(FIGURE_LABELS)
    assert by_key["into_work"] == {
        "figure_key": "into_work",
        "label": "Exits to ordinary work or education",
        "value": "50",
        "numerator": "1",
        "denominator": "2",
        "unit": "%",
        "score": "",
        "target": "80",
        "period": "2026-Q3",
        "job_specialist": "all",
        "definition": ind.DEFINITIONS["into_work"],
    }
    assert by_key["therapy_dose"]["value"] == ""  # no data: empty, never 0
    assert by_key["rapid_job_search"]["score"] == "3"
    assert "Saved" in view.state.text()
    assert not list(tmp_path.glob("*.part"))


def test_csv_writer_pseudonymises_the_job_specialist() -> None:
    ds = Dataset()
    figures = ind.all_figures(ds, Q3, job_specialist="Kari Jobb")
    out = io.StringIO()
    n = write_figures_csv(out, figures, period=Q3, job_specialist="Kari Jobb", key="team:x")
    assert n == len(figures)
    text = out.getvalue()
    assert "Kari" not in text
    who = pseudonym("Kari Jobb", key="team:x")
    assert who.startswith("js-") and who in text
    assert pseudonym("kari jobb ", key="team:x") == who  # stable across spellings
    assert pseudonym("Kari Jobb", key="team:y") != who  # and keyed by the team
    assert pseudonym(None, key="team:x") == "all"
    rows = figure_rows(figures, period=Q3, job_specialist=None, key="k")
    assert all(r["value"] == "" and r["numerator"] == "" for r in rows)


def test_csv_save_failure_is_shown_not_raised(
    qtbot: QtBot, specialist_journal: Journal, view: ReportsView, tmp_path: Path
) -> None:
    built(qtbot, view)
    assert not view.save_csv(tmp_path / "missing-folder" / "figures.csv")
    assert view.state.text().startswith("The file could not be saved")


# ------------------------------------------------------------- helpers


def test_periods_and_values() -> None:
    from datetime import date

    quarters = recent_periods("quarter", date(2026, 11, 23), 3)
    assert [q.label for q in quarters] == ["2026-Q4", "2026-Q3", "2026-Q2"]
    months = recent_periods("month", date(2026, 1, 5), 2)
    assert [m.label for m in months] == ["2026-01", "2025-12"]
    assert [y.label for y in recent_periods("year", date(2026, 1, 5), 2)] == ["2026", "2025"]
    assert period_text(Q3) == "Q3 2026"
    assert period_text(Q3, short=True) == "Q3 26"
    assert period_text(Period.year(2026)) == "2026"
    assert format_value(None, "%") == "–"
    assert format_value(0.0, "count") == "0"
    assert format_value(1.5, "points", signed=True) == "+1.5 points"


def test_build_report_directly_and_the_kinds_combo(
    qtbot: QtBot, specialist_journal: Journal, view: ReportsView
) -> None:
    hand_built(specialist_journal)
    report = build_report(specialist_journal.dataset(), period=Q3)
    assert report.figure("into_work") is not None
    assert [p.label for p, _ in report.into_work][-1] == "2026-Q3"
    assert len(report.job_starts) == 12
    # Choosing "Year" lists recent years, newest first, and builds that year.
    with qtbot.waitSignal(view.report_built, timeout=20_000):
        view.kind.setCurrentIndex(2)
    assert view.period.itemText(0) == "2026"
    assert view.report is not None and view.report.period == Period.year(2026)


def test_screenshot_with_demo_data(
    qtbot: QtBot, specialist_journal: Journal, view: ReportsView
) -> None:
    from app.demo import fill_demo

    fill_demo(specialist_journal, participants=40, today=specialist_journal.today())
    view.setStyleSheet(stylesheet())
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.report_built, timeout=60_000):
        view.set_period(Q3)
    SHOTS.mkdir(parents=True, exist_ok=True)

    def shot(name: str) -> None:
        label = view.drill_breakdown
        # Let the pending layout pass give the wrapped label its height first.
        qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
        assert view.grab().save(str(SHOTS / name))

    view.open_drill_down("into_work")
    shot("reports.png")
    view.open_drill_down("job_development")
    assert view.drill.rowCount() > 0
    shot("reports-contacts.png")
    # Inside the main window the view is the window less the 200-pixel navigation.
    view.resize(1166, 700)
    shot("reports-in-window.png")
    # Demo names never reach the CSV either.
    out = io.StringIO()
    assert view.report is not None
    write_figures_csv(out, view.report.figures, period=Q3, job_specialist=None, key="k")
    names = {str(p.fields["name"]) for p in specialist_journal.participants()}
    assert not any(name in out.getvalue() for name in names)


def test_a_language_change_retranslates_in_place(
    qtbot: QtBot, specialist_journal: Journal, view: ReportsView
) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    hand_built(specialist_journal)
    built(qtbot, view)
    view.open_drill_down("into_work")
    QCoreApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert tree_rows(view)["into_work"][1] == "50 %"
    assert len(view.drill_rows()) == 2
    assert view.period.currentText() == "Q3 2026"


# ------------------------------------------------------------ to the central team


def test_a_team_lead_sends_the_period_to_the_central_team_on_demand(
    qtbot: QtBot, tmp_path: Path, memory_keyring: object, tasks: TaskRunner
) -> None:
    from app.central import load_snapshots
    from tests.support.gui_writes import GuiWriteGuard
    from tests.ui.conftest import make_journal

    lead = make_journal(tmp_path, "teamleder", "Lise Leder", GuiWriteGuard())
    hand_built(lead)
    v = ReportsView(journal=lead, tasks=tasks)
    qtbot.addWidget(v)
    assert v.publish_button.isHidden()  # not enrolled: no team to send for
    lead.store.set_setting("sync.team_id", "team-a")
    lead.store.set_setting("sync.team_name", "IPS Vest")
    v2 = ReportsView(journal=lead, tasks=tasks)
    qtbot.addWidget(v2)
    assert not v2.publish_button.isHidden()
    built(qtbot, v2)
    assert v2.publish_button.isEnabled()
    events: list[ChangeEvent] = []
    lead.subscribe(events.append)
    v2.publish_button.click()
    qtbot.waitUntil(lambda: "central team" in v2.state.text(), timeout=20_000)
    assert "version 1" in v2.state.text()
    good, bad = load_snapshots(lead.store)
    assert not bad and [s.period for s, _f in good] == ["2026-Q3"]
    assert lead.store.outbox_size() > 0 and events and events[-1].external
    v2.publish_button.click()  # again: the same record, the next version
    qtbot.waitUntil(lambda: "version 2" in v2.state.text(), timeout=20_000)
    assert len(load_snapshots(lead.store)[0]) == 1
    v2.kind.setCurrentIndex(v2.kind.findData("year"))
    qtbot.waitUntil(lambda: not v2.publish_button.isEnabled(), timeout=20_000)
    for w in (v, v2):
        w.shutdown()
    tasks.wait_idle()


def test_caseload_per_fte_names_the_team_s_job_specialists_it_divides_by(
    qtbot: QtBot, tmp_path: Path, memory_keyring: object, tasks: TaskRunner
) -> None:
    from app.operations.team import set_fte
    from tests.support.gui_writes import GuiWriteGuard
    from tests.support.team import log_visit, remember_team
    from tests.ui.conftest import make_journal

    lead = make_journal(tmp_path, "teamleder", "Tove Leder", GuiWriteGuard())
    remember_team(
        lead.store,
        {
            "Kari Jobb": "jobbspesialist",
            "Lise Lund": "jobbspesialist",
            "Nina Ny": "jobbspesialist",
            "Tove Leder": "teamleder",
        },
    )
    ids = hand_built(lead)
    for pid in (ids["ola"], ids["siri"]):
        lead.update(pid, {"job_specialist": "Kari Jobb"})
    # The lead's own employer visit, as the visit form saves it: she is not in the divisor.
    log_visit(lead, employer=ids["employer"], day="2026-09-01", by="Tove Leder")
    set_fte(lead, job_specialist="Nina Ny", fte=0.5)
    v = ReportsView(journal=lead, tasks=tasks)
    qtbot.addWidget(v)
    built(qtbot, v)
    # Per Hansen is active on 30 Sep: 1 ÷ (Kari 1.0 + Lise 1.0 + Nina 0.5).
    assert tree_rows(v)["caseload"][1:3] == ["0.4 per FTE", "5 / 5"]
    click_figure(qtbot, v, "caseload")
    assert v.drill_rows() == [["Per Hansen", "Lise Lund", "IPS"]]
    lines = v.drill_breakdown.text().splitlines()
    assert lines[0].startswith("0.4 per FTE · 1 active ÷ 2.5 FTE")
    assert lines[-1] == "Divided by (FTE): Kari Jobb 1.0 · Lise Lund 1.0 · Nina Ny 0.5"
    v.shutdown()
    tasks.wait_idle()


def test_a_job_specialist_has_no_send_button(view: ReportsView) -> None:
    assert view.publish_button.isHidden()


def test_follow_along_and_four_weeks_state_their_definition_beside_the_figure(
    qtbot: QtBot, specialist_journal: Journal, view: ReportsView
) -> None:
    j = specialist_journal
    ids = hand_built(j)
    # Ola's job from 1 Aug, exit 31 Aug: due are before (25–31 Jul), just after (1–4 Aug)
    # and weeks 1–4; month 2 would close after the exit and is not owed. Met: before
    # (28 Jul) and week 2 (10 Aug); the 2 Aug phone call does not count: 2 of 6 = 33 %.
    for day, mode in (("2026-07-28", "face_to_face"), ("2026-08-02", "phone")):
        j.add(
            "follow_along",
            {"job": ids["job"], "date": day, "mode": mode},
            participant_id=ids["ola"],
        )
    j.add(
        "follow_along",
        {"job": ids["job"], "date": "2026-08-10", "mode": "face_to_face"},
        participant_id=ids["ola"],
    )
    built(qtbot, view)
    assert tree_rows(view)["follow_along"][1:3] == ["33 %", "2 / 5"]
    assert view.open_drill_down("follow_along")
    assert view.drill_rows() == [
        [
            "Ola Nordmann",
            "Butikkmedarbeider",
            "Rema 1000 Majorstuen",
            "01.08.2026",
            "33 %",
            "just after the start, week 1, week 3, week 4",
        ]
    ]
    text = view.drill_breakdown.text()
    assert "2 of 6" in text and "judged on average" in text and "wants no more" in text
    # The four-week rule: Ola met it (20 Jul, day 19); Siri (entry 15 Jul, day 28 on
    # 12 Aug) had no contact and no job: 1 of 2, and the definition says a job counts.
    view.open_drill_down("four_week_rule")
    assert "started a job" in view.drill_breakdown.text()
    assert [r[0] for r in view.drill_rows()] == ["Ola Nordmann", SENTINEL]
