"""The records only a team lead writes (LEAD_ONLY_TYPES: a job specialist's FTE, team
settings, fidelity reviews): the server refuses another role's change of one on push,
whatever its payload says (#15)."""

from __future__ import annotations

import msgspec

from sync.protocol import LEAD_ONLY_TYPES, WireChange
from tests.server.helpers import TestDevice, World


def _of(dev: TestDevice, space: str, record_type: str) -> WireChange:
    return msgspec.structs.replace(dev.change(space, field="period"), record_type=record_type)


def test_only_a_team_lead_may_push_fte_team_settings_and_fidelity_reviews(world: World) -> None:
    team = f"team:{world.team.id}"
    lead = world.device("teamleder")
    mine = [_of(lead, team, t) for t in sorted(LEAD_ONLY_TYPES)]
    assert world.push(lead, mine).accepted == [c.change_id for c in mine]
    for role in ("jobbspesialist", "terapeut"):
        dev = world.device(role)
        forged = [_of(dev, team, t) for t in sorted(LEAD_ONLY_TYPES)]
        answer = world.push(dev, forged)
        assert answer.accepted == []
        assert [r.code for r in answer.rejected] == ["not_team_lead"] * len(forged)
        assert "Only a team lead may change" in answer.rejected[0].message
    got, _ = world.pull_all(lead)
    assert {c.change_id for c in got} == {c.change_id for c in mine}


def test_the_refusal_is_documented_in_the_openapi_document(world: World) -> None:
    doc = world.client.get("/openapi.json").json()
    assert "not_team_lead" in doc["paths"]["/v1/changes"]["post"]["description"]
