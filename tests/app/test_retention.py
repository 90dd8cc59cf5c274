"""Retention: the job specialist's records and the clinical ones follow their own limits.

Today is 23.11.2026. Work records are kept 730 days after the last exit (to 23.11.2024),
clinical records ten years after the last exit or clinical entry.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.domain.access import AccessDenied, work_space
from app.journal import Journal
from app.operations.retention import (
    RetentionPolicy,
    erase_due,
    retention_due,
    retention_policy,
    save_retention_policy,
)
from tests.support.cli import cli_env, run
from tests.support.replicas import make_store, sync_all

TODAY = date(2026, 11, 23)


def _journal(role: str, name: str, keys: dict[str, dict[int, bytes]]) -> Journal:
    store = make_store(None, keys=keys, actor=name)
    store.role = role
    return Journal(store, today=lambda: TODAY)


def _participant(spec: Journal, name: str, entry: str, exit: str) -> str:
    pid = spec.create_participant({"name": name, "programme": "SFJ", "status": "exited"})
    spec.add("episode", {"entry": entry, "exit": exit}, participant_id=pid)
    spec.add("case_note", {"date": entry, "body": f"ARBEID {name}"}, participant_id=pid)
    spec.add(
        "referral", {"source": "nav", "received": entry, "decision": "accepted"}, participant_id=pid
    )
    return pid


def test_a_clinical_record_older_than_the_work_limit_is_kept() -> None:
    spec = _journal("jobbspesialist", "Kari Jobb", {})
    # Left in 2023: work records due (past 730 days), clinical ones kept to 2033.
    kept = _participant(spec, "Per Hansen", "2022-05-01", "2023-06-01")
    # Left in 2014: past both limits, erased whole.
    gone = _participant(spec, "Ola Gammel", "2013-01-01", "2014-01-01")
    # Left this year: nothing due.
    recent = _participant(spec, "Eva Ny", "2025-09-01", "2026-01-01")
    keys = {
        work_space(pid): {1: spec.store.keys.key(work_space(pid), 1)}
        for pid in (kept, gone, recent)
    }
    ther = _journal("terapeut", "Tore Terapeut", dict(keys))
    lead = _journal("teamleder", "Lene Leder", dict(keys))
    sync_all(spec.store, ther.store, lead.store)
    session = ther.add(
        "therapy_session", {"date": "2023-05-15", "body": "KLINISK notat"}, participant_id=kept
    )
    ther.add(
        "therapy_session", {"date": "2013-06-01", "body": "KLINISK gammel"}, participant_id=gone
    )
    sync_all(spec.store, ther.store, lead.store)

    policy = retention_policy(lead)
    assert policy == RetentionPolicy(730, 10)
    lines = {line.participant_id: line for line in retention_due(lead, policy=policy)}
    assert set(lines) == {kept, gone}
    assert lines[kept].erase == "work" and lines[kept].clinical_until == date(2033, 6, 1)
    assert lines[kept].work_records == 2  # the case note and the referral; the episode stays
    assert lines[gone].erase == "whole" and lines[gone].clinical_until == date(2024, 1, 1)
    # The therapist's laptop counts from the last clinical entry it reads, if later.
    ther_lines = {line.participant_id: line for line in retention_due(ther, policy=policy)}
    assert ther_lines[kept].clinical_until == date(2033, 6, 1)

    with pytest.raises(AccessDenied):
        erase_due(spec, policy=policy)
    assert {line.participant_id for line in erase_due(lead, policy=policy)} == {kept, gone}
    sync_all(spec.store, ther.store, lead.store)

    for j in (spec, ther, lead):
        # Per stays (who the clinical record is about) with his episode; his work records
        # went, and Ola went whole.
        assert {p.id for p in j.participants()} == {kept, recent}
        assert {r.parent for r in j.search("ARBEID")} == {recent}
        assert [r.type for r in j.records(kept) if r.type != "therapy_session"] == ["episode"]
    # The clinical record older than the work limit is still there, readable; Ola's is not.
    assert ther.get(session).fields["body"] == "KLINISK notat"
    assert sorted(r.type for r in ther.records(kept)) == ["episode", "therapy_session"]
    assert [r.id for r in ther.search("KLINISK")] == [session]
    # Nothing more to erase until 2033: the work records are gone, the clinical ones wait.
    assert retention_due(lead, policy=policy) == []
    later = RetentionPolicy(730, 1)  # a shorter clinical limit set on purpose
    assert [line.erase for line in retention_due(lead, policy=later)] == ["whole"]


def test_the_policy_is_a_setting_with_the_health_records_default() -> None:
    lead = _journal("teamleder", "Lene Leder", {})
    assert retention_policy(lead) == RetentionPolicy(730, 10)
    save_retention_policy(lead, policy=RetentionPolicy(365, 12))
    assert retention_policy(lead) == RetentionPolicy(365, 12)
    with pytest.raises(ValueError):
        RetentionPolicy(365, 0)
    with pytest.raises(ValueError):
        RetentionPolicy(-1, 10)


def test_cli_lists_erases_on_confirmation_and_saves_the_policy(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    r = run(env, "demo", "--participants", "8", "--seed", "3", "--role", "teamleder")
    assert r.returncode == 0, r.stderr
    r = run(env, "--json", "retention", "--days", "0")
    assert r.returncode == 0, r.stderr
    listed = json.loads(r.stdout)
    assert (listed["days"], listed["clinical_years"]) == (0, 10)
    due = listed["participants"]
    assert due and all(p["erase"] == "work" for p in due)  # exits within ten years
    n = len(due)
    r = run(env, "retention", "--days", "0", "--erase")
    assert r.returncode == 1
    people = "deltaker har" if n == 1 else "deltakere har"
    assert r.stderr == (f"feltjournal: {n} {people} noe å slette; bekreft med --confirm {n}.\n")
    r = run(env, "retention", "--days", "0", "--erase", "--confirm", str(n))
    assert r.returncode == 0, r.stderr
    assert f"Slettet for {n} {'deltaker' if n == 1 else 'deltakere'} (" in r.stdout
    r = run(env, "--json", "retention", "--days", "0")
    assert json.loads(r.stdout)["participants"] == []  # the clinical records wait for 2030s
    r = run(env, "--json", "participants")
    assert {p["id"] for p in due} <= {p["id"] for p in json.loads(r.stdout)["participants"]}
    r = run(env, "retention", "--days", "400", "--clinical-years", "12", "--save")
    assert r.returncode == 0 and "400 dager" in r.stdout and "12 år" in r.stdout
    r = run(env, "--json", "retention")
    assert (json.loads(r.stdout)["days"], json.loads(r.stdout)["clinical_years"]) == (400, 12)
