"""The collaboration-meeting summary: consent first, no health information, a real PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.journal import Journal
from tests.ui.test_participant_view import populate
from ui.lock_guard import ClipboardGuard
from ui.meeting_pdf import (
    ConsentRequired,
    MeetingSummaryDialog,
    build_meeting_html,
    collect_meeting_summary,
    consent_allows,
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
    dialog = MeetingSummaryDialog(
        journal=j,
        participant_id=pid,
        employers=[("e1", "Rema 1000 Majorstuen")],
        choose_file=lambda _parent, _current: chosen,
    )
    qtbot.addWidget(dialog)
    dialog.open()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert dialog.choice().audience == "nav" and save.isEnabled()
    assert dialog.consent.text() == "There is a current consent to share with NAV."
    dialog.audience.setCurrentIndex(dialog.audience.findData("family"))
    assert not save.isEnabled()
    assert "no current consent to share with Family" in dialog.consent.text()
    dialog.audience.setCurrentIndex(dialog.audience.findData("employer"))
    assert dialog.employer.isVisible() and not save.isEnabled()
    dialog.audience.setCurrentIndex(dialog.audience.findData("nav"))
    dialog.browse.click()
    assert dialog.choice().path == chosen + ".pdf"
    dialog.reject()
