"""The record writes the window makes, as operations on the executor with read models back."""

from __future__ import annotations

import threading

import pytest

from app.domain.schema import ValidationError
from app.journal import ChangeEvent
from app.operations.records import (
    Item,
    create_participant,
    delete_record,
    log_visit,
    open_participant,
    restore_record,
    save_record,
    sign_session,
)
from tests.app.conftest import JournalFactory

OLA = {"name": "Ola N.", "programme": "IPS"}


def test_saving_runs_on_the_executor_and_hands_back_a_read_model_with_its_event(
    make_profile_journal: JournalFactory,
) -> None:
    j = make_profile_journal()
    heard: list[ChangeEvent] = []
    j.subscribe(heard.append)
    threads: list[str] = []

    def op() -> Item:
        threads.append(threading.current_thread().name)
        return create_participant(j, values=OLA, initiator="view")

    performed = j.perform(op).result(timeout=10)
    participant = performed.value
    assert threads == ["feltjournal-db"]
    assert participant.type == "participant" and participant.fields["name"] == "Ola N."
    assert heard == []  # held back for the caller's thread
    [event] = performed.events
    assert event.record_ids == {participant.id} and event.initiator == "view"
    j.announce(performed.events)
    assert [e.record_ids for e in heard] == [{participant.id}]

    goal = j.perform(
        lambda: save_record(
            j,
            record_type="goal",
            values={"title": "Jobb i butikk"},
            participant_id=participant.id,
        )
    ).result(timeout=10)
    assert goal.value.parent == participant.id and goal.value.fields["title"] == "Jobb i butikk"
    changed = save_record(j, record_id=goal.value.id, values={"title": "Jobb i kafé"})
    assert changed.id == goal.value.id and changed.fields["title"] == "Jobb i kafé"
    with pytest.raises(TypeError):
        changed.fields["title"] = "x"  # type: ignore[index]


def test_a_bad_form_raises_the_validation_error_and_writes_nothing(
    make_profile_journal: JournalFactory,
) -> None:
    j = make_profile_journal()
    pid = create_participant(j, values=OLA).id
    future = j.perform(lambda: save_record(j, record_type="meeting", values={}, participant_id=pid))
    with pytest.raises(ValidationError) as caught:
        future.result(timeout=10)
    assert "date" in caught.value.errors
    assert j.records(pid, "meeting") == []
    with pytest.raises(ValueError):
        save_record(j, values={"title": "x"}, participant_id=pid)


def test_delete_restore_and_sign(make_profile_journal: JournalFactory) -> None:
    j = make_profile_journal(role="terapeut", name="Tore Terapeut")
    pid = create_participant(j, values=OLA).id
    session = save_record(
        j,
        record_type="therapy_session",
        values={"date": "2026-11-20", "body": "Samtale."},
        participant_id=pid,
    )
    delete_record(j, record_id=session.id)
    assert j.records(pid, "therapy_session") == []
    assert restore_record(j, record_id=session.id).id == session.id
    signed = sign_session(j, record_id=session.id)
    assert signed.fields["signed"] == "2026-11-23" and signed.fields["signed_by"] == "Tore Terapeut"
    opened = open_participant(j, participant_id=pid)
    assert opened.participant.id == pid
    assert [r.id for r in opened.records] == [session.id]


def test_logging_a_visit_to_a_new_employer_adds_both(make_profile_journal: JournalFactory) -> None:
    j = make_profile_journal()
    pid = create_participant(j, values=OLA).id
    visit = log_visit(
        j,
        record_type="employer_contact",
        values={"date": "2026-11-20", "mode": "face_to_face", "purpose": "job_development"},
        new_employer={"name": "Kiwi Bislett"},
        participant_id=pid,
    )
    [employer] = j.team_records("employer")
    assert employer.fields["name"] == "Kiwi Bislett"
    assert visit.type == "employer_contact" and visit.fields["employer"] == employer.id
    team = log_visit(
        j,
        record_type="team_employer_contact",
        values={"date": "2026-11-21", "mode": "phone", "purpose": "job_development"},
        employer_id=employer.id,
    )
    assert team.parent == employer.id
    with pytest.raises(ValueError):
        log_visit(j, record_type="team_employer_contact", values={})
