"""The collaboration-meeting summary: consent first, no health information, a real PDF."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtPdf import QPdfDocument
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.domain.sharing import AUDIENCES, may_include
from app.journal import Journal
from app.operations.caseload import caseload
from tests.ui.test_participant_view import populate
from ui.lock_guard import ClipboardGuard
from ui.meeting_pdf import (
    ConsentRequired,
    MeetingSummaryDialog,
    SummaryChoice,
    build_meeting_html,
    cloud_service,
    collect_meeting_summary,
    consent_allows,
    summary_folder,
    write_meeting_summary,
)
from ui.participant_view import ParticipantView
from ui.tasks import TaskRunner

# What must never reach a summary: notes, clinical text, disclosure wording, identity number.
NEVER = [
    "Vi besøkte butikken sammen",
    "Arbeidsavklaringspenger",
    "tung periode",
    "Katastrofetanker",
    "Kartlegging",
    "Hjertebank",
    "Telefonsamtaler",
    "Tore Terapeut",
    "Dr. Berg",
    "1994",
]


def prints(journal: Journal, pid: str) -> list[str]:
    return [e.detail for e in journal.access_log(pid) if e.action == "print"]


def pdf_text(path: Path) -> str:
    doc = QPdfDocument()
    doc.load(str(path))
    try:
        return "\n".join(doc.getAllText(i).text() for i in range(doc.pageCount()))
    finally:
        doc.close()


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_idle()


def test_refused_without_consent_and_nothing_written(
    specialist_journal: Journal, tmp_path: Path
) -> None:
    pid = populate(specialist_journal)
    target = tmp_path / "samarbeidsmote.pdf"
    for audience in ("gp", "family", "employer"):  # GP consent was withdrawn; none for family
        with pytest.raises(ConsentRequired) as raised:
            write_meeting_summary(specialist_journal, pid, target, for_audience=audience)
        assert raised.value.audience == audience
    assert not target.exists()
    assert prints(specialist_journal, pid) == []
    message = ConsentRequired("gp").user_message()
    assert message == "There is no current consent to share with GP. The summary was not made."


def test_written_with_consent_starts_as_a_pdf_and_is_audited(
    qtbot: QtBot, therapist_journal: Journal, tmp_path: Path
) -> None:
    pid = populate(therapist_journal, clinical=True)
    target = tmp_path / "samarbeidsmote.pdf"
    assert write_meeting_summary(therapist_journal, pid, target, for_audience="nav") == target
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert prints(therapist_journal, pid) == ["meeting summary"]
    text = pdf_text(target)
    for expected in ("Per Hansen", "Jobb på lager innen mars", "Lagermedarbeider", "23.11.2026"):
        assert expected in text
    for secret in NEVER:
        assert secret not in text


def test_html_holds_the_plan_activity_jobs_and_next_meeting(
    therapist_journal: Journal,
) -> None:
    j = therapist_journal
    pid = populate(j, clinical=True)
    summary = collect_meeting_summary(j, pid, for_audience="nav")
    html = build_meeting_html(summary)
    for expected in (
        "Per Hansen",
        "IPS",
        "Jobb på lager innen mars",
        "Oppdatert CV",
        "Skrive CV sammen med jobbspesialist",
        "10.11.2026 (overdue)",
        "Ringe butikksjef på Rema 1000",
        "Rema 1000 Majorstuen",
        "Kiwi Bislett",
        "Lagermedarbeider",
        "22,5",
        "15.12.2026",
        "Prepared 23.11.2026 for NAV",
        "Own search, Job specialist contacts employers",
    ):
        assert expected in html, expected
    assert "Søke truckførerkurs" not in html  # done, not open
    for secret in NEVER:
        assert secret not in html, secret
    # Same input, same output: the builder is pure.
    assert build_meeting_html(summary) == html


def test_html_escapes_what_people_typed(specialist_journal: Journal) -> None:
    j = specialist_journal
    pid = j.create_participant({"name": "Ola <b>Nordmann</b> & co", "programme": "SFJ"})
    j.add("consent", {"scope": "family", "given": "2026-01-01"}, participant_id=pid)
    html = build_meeting_html(collect_meeting_summary(j, pid, for_audience="family"))
    assert "Ola &lt;b&gt;Nordmann&lt;/b&gt; &amp; co" in html
    assert "None recorded." in html


def test_withdrawn_or_future_consent_does_not_count(specialist_journal: Journal) -> None:
    j = specialist_journal
    pid = j.create_participant({"name": "Per", "programme": "SFJ"})
    j.add(
        "consent",
        {"scope": "family", "given": "2026-01-01", "withdrawn": "2026-11-23"},
        participant_id=pid,
    )
    j.add("consent", {"scope": "nav", "given": "2026-12-01"}, participant_id=pid)
    assert not consent_allows(j, pid, "family")
    assert not consent_allows(j, pid, "nav")


def test_employer_copy_needs_the_disclosure_guard_and_names_only_that_employer(
    specialist_journal: Journal,
) -> None:
    j = specialist_journal
    pid = populate(j)
    rema = next(e.id for e in j.team_records("employer") if e.fields["name"].startswith("Rema"))
    with pytest.raises(ConsentRequired):
        collect_meeting_summary(j, pid, for_audience="employer", employer_id=rema)
    j.add(
        "consent",
        {"scope": "employer", "employer": rema, "given": "2026-11-01"},
        participant_id=pid,
    )
    assert consent_allows(j, pid, "employer", employer_id=rema)
    html = build_meeting_html(
        collect_meeting_summary(j, pid, for_audience="employer", employer_id=rema)
    )
    assert "Per Hansen" in html and "Rema 1000 Majorstuen" in html
    assert "Kiwi Bislett" not in html
    # With no disclosure at all, the employer may not know the participant.
    j.add("disclosure_plan", {"level": "none", "discussed": "2026-11-22"}, participant_id=pid)
    with pytest.raises(ConsentRequired) as raised:
        collect_meeting_summary(j, pid, for_audience="employer", employer_id=rema)
    assert "disclosure plan" in raised.value.user_message()


def test_the_view_refuses_without_consent_and_writes_with_it(
    qtbot: QtBot, tasks: TaskRunner, specialist_journal: Journal, tmp_path: Path
) -> None:
    j = specialist_journal
    pid = populate(j)
    view = ParticipantView(journal=j, tasks=tasks, clipboard=ClipboardGuard(), participant_id=pid)
    qtbot.addWidget(view)
    try:
        refused = tmp_path / "til-fastlege.pdf"
        with qtbot.waitSignal(view.summary_failed, timeout=10000) as failed:
            view.start_meeting_summary(refused, for_audience="gp")
        assert failed.args[0].startswith("There is no current consent to share with GP.")
        assert view.message_bar.text.text() == failed.args[0]
        assert not refused.exists()
        assert view.summary_button.isEnabled()

        made = tmp_path / "til-nav.pdf"
        with qtbot.waitSignal(view.summary_written, timeout=10000) as written:
            view.start_meeting_summary(made, for_audience="nav")
        assert written.args[0] == str(made)
        assert made.read_bytes().startswith(b"%PDF")
        assert prints(j, pid) == ["meeting summary"]
    finally:
        tasks.wait_idle()
        view.shutdown()


def test_summary_dialog_says_when_consent_is_missing(
    qtbot: QtBot, specialist_journal: Journal, tmp_path: Path
) -> None:
    j = specialist_journal
    pid = populate(j)
    chosen = str(tmp_path / "valgt")
    asked: list[str] = []

    def choose(_parent: object, current: str) -> str:
        asked.append(current)
        return chosen

    dialog = MeetingSummaryDialog(
        journal=j,
        participant_id=pid,
        employers=[("e1", "Rema 1000 Majorstuen")],
        choose_file=choose,
    )
    qtbot.addWidget(dialog)
    dialog.open()
    save = dialog.save_button
    assert dialog.choice().audience == "nav" and save.isEnabled()
    assert dialog.consent.text() == "There is a current consent to share with NAV."
    dialog.audience.setCurrentIndex(dialog.audience.findData("family"))
    assert not save.isEnabled()
    assert "no current consent to share with Family" in dialog.consent.text()
    assert "Per Hansen" not in dialog.preview.toPlainText()  # nothing is shown either
    dialog.audience.setCurrentIndex(dialog.audience.findData("employer"))
    assert dialog.employer.isVisible() and not save.isEnabled()
    dialog.audience.setCurrentIndex(dialog.audience.findData("participant"))
    assert save.isEnabled()
    assert dialog.consent.text() == "The participant's own copy needs no consent."
    dialog.audience.setCurrentIndex(dialog.audience.findData("nav"))
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        save.click()
    # Asked where to save, starting in the Downloads folder (or home), never Documents.
    assert asked == [str(Path(summary_folder()) / "meeting-summary-2026-11-23.pdf")]
    assert "Documents" not in asked[0] and not cloud_service(asked[0])
    assert dialog.choice() == SummaryChoice("nav", None, chosen + ".pdf")


# ------------------------------------------------- per audience, in the printed PDF

SENTINEL = "Ta opp søvnvansker med fastlegen XQ7"


def hand_built(j: Journal) -> tuple[str, str, str]:
    """A participant with a plan that mixes work and health, two employers, and the two
    meetings the old summary got wrong: (participant id, own employer, other employer)."""
    own = j.add("employer", {"name": "Barnehagen Solsikken", "org_number": "974760673"})
    other = j.add("employer", {"name": "Kiwi Bislett", "org_number": "889640782"})
    pid = j.create_participant(
        {"name": "Astrid Testesen", "programme": "IPS", "job_specialist": "Kari Jobb"}
    )

    def add(rtype: str, values: dict[str, object]) -> str:
        return j.add(rtype, values, participant_id=pid)

    add("episode", {"entry": "2026-06-01"})
    for scope in ("nav", "gp", "family"):
        add("consent", {"scope": scope, "given": "2026-06-01"})
    add("consent", {"scope": "employer", "employer": own, "given": "2026-06-01"})
    add("disclosure_plan", {"level": "partial", "discussed": "2026-06-01"})
    add("job_search_plan", {"strategies": ["own_search"]})
    work = add("goal", {"title": "Jobb i barnehage", "order": 0})
    add("action", {"goal": work, "description": "Ringe styreren", "status": "open"})
    add(
        "action",
        {"goal": work, "description": SENTINEL, "status": "open", "health_related": True},
    )
    sleep = add("goal", {"title": "Bedre søvnrytme", "order": 1, "health_related": True})
    add("action", {"goal": sleep, "description": "Legge seg før midnatt", "status": "open"})
    add(
        "employer_contact",
        {
            "employer": own,
            "date": "2026-11-02",
            "mode": "face_to_face",
            "purpose": "job_development",
        },
    )
    add(
        "employer_contact",
        {"employer": other, "date": "2026-11-09", "mode": "phone", "purpose": "job_development"},
    )
    add("job", {"employer": own, "title": "Assistent", "start": "2026-11-15"})
    add("job", {"employer": other, "title": "Kassamedarbeider", "start": "2026-10-01"})
    # The first meeting planned the next for 13.12.2026; the latest one moved it to 03.03.2027.
    add("meeting", {"date": "2026-09-13", "next_date": "2026-12-13"})
    add("meeting", {"date": "2026-11-20", "next_date": "2027-03-03"})
    return pid, own, other


# What shows that a part is in the printed text (the English headings: tests run in English).
MARKERS = {
    "name": ("Astrid Testesen",),
    "job_specialist": ("Kari Jobb",),
    "meetings": ("Next meeting", "03.03.2027", "20.11.2026"),
    "programme": ("Programme",),
    "strategies": ("Chosen strategies", "Own search"),
    "plan": ("Jobb i barnehage", "Ringe styreren"),
    "health_steps": (SENTINEL, "Bedre søvnrytme", "Legge seg før midnatt"),
    "activity": ("Job-search activity",),
    "jobs": ("Assistent",),
}


def printed_text(path: Path) -> str:
    """The PDF's text as a reader gets it: pdftotext when installed, else Qt's PDF reader;
    whitespace (line breaks included) folded to single spaces."""
    tool = shutil.which("pdftotext")
    if tool:
        out = subprocess.run(
            [tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
    else:
        out = pdf_text(path)
    return " ".join(out.split())


def test_each_audience_gets_exactly_its_parts_in_the_printed_pdf(
    specialist_journal: Journal, tmp_path: Path
) -> None:
    j = specialist_journal
    pid, own, _other = hand_built(j)
    for audience in AUDIENCES:
        target = tmp_path / f"{audience}.pdf"
        write_meeting_summary(
            j,
            pid,
            target,
            for_audience=audience,
            employer_id=own if audience == "employer" else None,
        )
        text = printed_text(target)
        for part, markers in MARKERS.items():
            for marker in markers:
                assert (marker in text) == may_include(audience, part), (audience, part, marker)
        # Never: the next meeting of an older meeting, nor another employer in an employer's copy.
        assert "13.12.2026" not in text, audience
        assert ("Kiwi Bislett" in text) == (audience != "employer"), audience
    # The table says it, and the PDF holds it: the health step never reaches NAV.
    assert not may_include("nav", "health_steps")
    assert SENTINEL not in printed_text(tmp_path / "nav.pdf")
    assert SENTINEL in printed_text(tmp_path / "gp.pdf")
    assert prints(j, pid) == ["meeting summary"] * len(AUDIENCES)


def test_the_next_meeting_is_the_caseloads(specialist_journal: Journal, tmp_path: Path) -> None:
    j = specialist_journal
    pid, _own, _other = hand_built(j)
    row = next(r for r in caseload(j) if r.participant_id == pid)
    assert row.next_meeting == date(2027, 3, 3)
    summary = collect_meeting_summary(j, pid, for_audience="nav")
    assert (summary.last_meeting, summary.next_meeting) == ("20.11.2026", "03.03.2027")
    # A meeting already planned after today is the next one, for both.
    j.add("meeting", {"date": "2027-01-10"}, participant_id=pid)
    row = next(r for r in caseload(j) if r.participant_id == pid)
    summary = collect_meeting_summary(j, pid, for_audience="nav")
    assert row.next_meeting == date(2027, 1, 10)
    assert (summary.last_meeting, summary.next_meeting) == ("20.11.2026", "10.01.2027")


def test_the_preview_is_the_printed_html_and_follows_the_audience(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    pid, own, _other = hand_built(j)
    dialog = MeetingSummaryDialog(
        journal=j, participant_id=pid, employers=[(own, "Barnehagen Solsikken")]
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.audience.currentData() == "nav"
    shown = dialog.preview.toPlainText()
    assert "Astrid Testesen" in shown and "Ringe styreren" in shown
    assert SENTINEL not in shown and "Bedre søvnrytme" not in shown
    assert "not health-related" in dialog.note.text()
    expected = QTextDocument()
    expected.setHtml(build_meeting_html(collect_meeting_summary(j, pid, for_audience="nav")))
    assert shown == expected.toPlainText()
    # Chosen with the keyboard, as a user does: down to GP.
    dialog.audience.setFocus()
    QTest.keyClick(dialog.audience, Qt.Key.Key_Down)
    assert dialog.audience.currentData() == "gp"
    assert SENTINEL in dialog.preview.toPlainText()
    assert "health-related goals and actions" in dialog.note.text()
    dialog.reject()


def test_a_folder_that_looks_cloud_synced_is_said_before_saving_there(
    qtbot: QtBot, specialist_journal: Journal
) -> None:
    j = specialist_journal
    pid = populate(j)
    synced = "C:/Users/kari/OneDrive - Oslo kommune/Dokumenter/per.pdf"
    dialog = MeetingSummaryDialog(
        journal=j, participant_id=pid, employers=[], choose_file=lambda _p, _c: synced
    )
    qtbot.addWidget(dialog)
    dialog.show()
    save = dialog.save_button
    save.click()
    assert dialog.isVisible() and dialog.choice().path == ""
    assert "looks synced to OneDrive" in dialog.folder_note.text()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        save.click()  # the same file again: the user means it
    assert dialog.choice().path == synced
    assert cloud_service("/Users/kari/Library/Mobile Documents/x.pdf") == "iCloud Drive"
    assert cloud_service("/home/kari/Nedlastinger/x.pdf") == ""


def test_the_participants_own_copy_is_saved_from_the_view(
    qtbot: QtBot, tasks: TaskRunner, specialist_journal: Journal, tmp_path: Path
) -> None:
    j = specialist_journal
    pid, _own, _other = hand_built(j)
    target = tmp_path / "egen-kopi"
    view = ParticipantView(journal=j, tasks=tasks, clipboard=ClipboardGuard(), participant_id=pid)
    view.summary_file_chooser = lambda _parent, _current: str(target)
    qtbot.addWidget(view)
    try:
        view.summary_button.click()
        dialog = view.summary_dialog
        assert dialog is not None
        dialog.audience.setFocus()
        for _ in range(4):
            QTest.keyClick(dialog.audience, Qt.Key.Key_Down)
        assert dialog.audience.currentData() == "participant"
        with qtbot.waitSignal(view.summary_written, timeout=10000) as written:
            dialog.save_button.click()
        assert written.args[0] == str(target) + ".pdf"
        # The summary left the store: only its owner may open it (POSIX: 0600).
        if os.name != "nt":
            assert stat.S_IMODE(Path(written.args[0]).stat().st_mode) == 0o600
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
        text = printed_text(Path(written.args[0]))
        assert SENTINEL in text and "Kiwi Bislett" in text and "03.03.2027" in text
    finally:
        tasks.wait_idle()
        view.shutdown()
