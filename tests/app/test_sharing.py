"""The meeting summary's policy table: one place, the README agrees, consent still decides."""

from __future__ import annotations

from pathlib import Path

from app.domain.sharing import AUDIENCES, PARTS, SUMMARY_POLICY, may_include, policy_markdown
from app.journal import Journal
from app.operations.consent import consent_needed
from app.operations.meetings import may_share, meeting_summary
from tests.app.conftest import JournalFactory

ROOT = Path(__file__).resolve().parents[2]

PART_NAMES = {
    "name": "name",
    "job_specialist": "job specialist",
    "meetings": "last and next meeting",
    "programme": "programme and status",
    "strategies": "strategies chosen",
    "plan": "goals and open actions",
    "health_steps": "health-related goals and actions",
    "activity": "employer contacts, last 90 days",
    "jobs": "jobs",
}
AUDIENCE_NAMES = {
    "nav": "NAV",
    "gp": "GP",
    "employer": "employer",
    "family": "family",
    "participant": "participant",
}


def test_the_readme_shows_the_policy_table() -> None:
    table = policy_markdown(PART_NAMES, AUDIENCE_NAMES)
    assert table in (ROOT / "README.md").read_text("utf-8")


def test_health_steps_reach_only_the_gp_and_the_participant() -> None:
    assert SUMMARY_POLICY["health_steps"] == {"gp", "participant"}
    assert set(SUMMARY_POLICY) == set(PARTS)
    assert not may_include("nav", "no-such-part") and not may_include("naboen", "name")
    assert all(may_include(a, "name") for a in AUDIENCES)


def test_consent_decides_and_the_own_copy_needs_none(
    make_profile_journal: JournalFactory,
) -> None:
    j: Journal = make_profile_journal()
    pid = j.create_participant({"name": "Ada", "programme": "IPS"})
    assert [consent_needed(a) for a in AUDIENCES] == [True, True, True, True, False]
    assert [may_share(j, participant_id=pid, audience=a) for a in AUDIENCES] == [
        False,
        False,
        False,
        False,
        True,
    ]
    assert not may_share(j, participant_id=pid, audience="naboen")
    own = meeting_summary(j, participant_id=pid, audience="participant")
    assert own.name == "Ada" and "health_steps" in own.parts
