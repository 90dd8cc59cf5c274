"""Team settings (a job specialist's FTE) are a team lead's to write: the laptop's
judge of received changes, over a real certified device directory.

Real replicas (SQLCipher files) with their own device keys and the organisation's
certificates, as tests/app/test_purge_gate.py; the change travels as the server would
serve it, or as a tampered laptop holding the team key would write it.
"""

from __future__ import annotations

import pytest

from app.domain.access import LEAD_ONLY_TYPES, write_problem
from app.purge_gate import PurgeGate
from storage.store import RecordStore
from sync.changes import Change
from tests.app.test_purge_gate import (
    LEAD,
    SPEC,
    STRANGER,
    TEAM,
    TEAM_ID,
    THER,
    _Device,
    _World,
)
from tests.app.test_purge_gate import w as w

FTE = "job_specialist_fte"


def _receiver(w: _World, gate: PurgeGate) -> RecordStore:
    store = w.store(THER, (TEAM,))
    store.set_author_check(gate.author, LEAD_ONLY_TYPES)
    return store


def _fte_from(w: _World, author: _Device, value: float) -> tuple[str, list[Change]]:
    store = w.store(author, (TEAM,))
    rid = store.put(
        "fte-kari", record_type=FTE, space=TEAM, values={"job_specialist": "Kari", "fte": value}
    )
    return rid, store.outbox()


def _reason(store: RecordStore, change_id: str) -> str:
    row = store.conn.execute(
        "SELECT reason FROM quarantine WHERE change_id = ?", (change_id,)
    ).fetchone()
    return "" if row is None else str(row[0])


def test_a_leads_fte_is_applied(w: _World) -> None:
    gate = PurgeGate(team_id=lambda: TEAM_ID, directory=w.directory(LEAD, SPEC, THER))
    ther = _receiver(w, gate)
    rid, changes = _fte_from(w, LEAD, 0.5)
    result = ther.apply_changes(changes)
    assert result.quarantined == [] and result.held_purges == 0
    rec = ther.get(rid)
    assert rec is not None and rec.fields["fte"] == 0.5


def test_a_job_specialists_fte_is_refused_on_receipt(w: _World) -> None:
    gate = PurgeGate(team_id=lambda: TEAM_ID, directory=w.directory(LEAD, SPEC, THER))
    ther = _receiver(w, gate)
    # Its own journal refuses it; a tampered laptop writes it into the store directly.
    rid, changes = _fte_from(w, SPEC, 0.2)
    result = ther.apply_changes(changes)
    assert sorted(result.quarantined) == sorted(c.change_id for c in changes)
    assert "only a team lead may change job_specialist_fte" in _reason(ther, changes[0].change_id)
    assert ther.get(rid) is None
    # An ordinary team record from the same job specialist is applied as before.
    spec = w.store(SPEC, (TEAM,))
    employer = spec.put(record_type="employer", space=TEAM, values={"name": "Fisk AS"})
    assert ther.apply_changes(spec.outbox()).quarantined == []
    assert ther.get(employer) is not None


def test_a_lead_of_another_team_sets_nothing_here(w: _World) -> None:
    gate = PurgeGate(team_id=lambda: TEAM_ID, directory=w.directory(LEAD, THER, STRANGER))
    ther = _receiver(w, gate)
    rid, changes = _fte_from(w, STRANGER, 0.5)
    assert ther.apply_changes(changes).quarantined
    assert "not of this team" in _reason(ther, changes[0].change_id)
    assert ther.get(rid) is None


def test_without_a_directory_the_setting_is_held_then_judged(w: _World) -> None:
    gate = PurgeGate(team_id=lambda: TEAM_ID)
    ther = _receiver(w, gate)
    rid, lead_changes = _fte_from(w, LEAD, 0.6)
    result = ther.apply_changes(lead_changes)
    assert result.held_purges == len(lead_changes) and ther.get(rid) is None
    assert ther.held_purges() == len(lead_changes)
    # The sync round fetches the directory and judges what it held (app.syncing.rounds).
    with gate.settled(w.directory(LEAD, SPEC, THER)):
        ther.retry_pending()
    rec = ther.get(rid)
    assert rec is not None and rec.fields["fte"] == 0.6 and ther.held_purges() == 0


@pytest.mark.parametrize("author", [SPEC, THER])
def test_the_rule_is_one_for_server_and_laptop(author: _Device) -> None:
    assert write_problem(role=author.role, record_type=FTE)
    assert write_problem(role=LEAD.role, record_type=FTE) == ""
    assert write_problem(role=author.role, record_type="employer") == ""
