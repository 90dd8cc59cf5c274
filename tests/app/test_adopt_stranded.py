"""Bringing team records stranded by a replaced server into the new team (issue #17, last
bullet), over real profiles: what moves and keeps its id, what the newer wins, what stays
for want of the lead's role, and that a failure half-way changes nothing."""

from __future__ import annotations

import logging

import pytest

from app.cli.sync import adoption_sentence
from app.journal import Journal
from app.operations.team import fte_record_id, set_fte
from app.operations.team_settings import set_nav_excluded_reasons, team_settings
from app.store_settings import TEAM_ID, set_team_space
from app.syncing.adopt import NO_TEAM_KEY, CannotAdopt, adopt_stranded, stranded_records
from app.syncing.status import stranded_changes
from app.words import use_language
from tests.app.conftest import JournalFactory

NEW_TEAM = "0b7e5a4c-team-ny"


def _enrol(journal: Journal, team: str = NEW_TEAM, *, with_key: bool = True) -> str:
    """What enrolling with a replacement server does to the team settings (sync.enrolment)."""
    store = journal.store
    space = f"team:{team}"
    store.set_setting(TEAM_ID, team)
    if with_key:
        store.create_space(space)
    set_team_space(store, space)
    journal.team_space = space
    return space


def _stranded(journal: Journal) -> int:
    return stranded_changes(journal.store.outbox_spaces(), journal.store.setting(TEAM_ID))


def _old_team_records(journal: Journal) -> tuple[str, str, str]:
    employer = journal.add("employer", {"name": "Lager AS", "org_number": "974760673"})
    person = journal.add("employer_contact_person", {"name": "Per Lager"}, parent=employer)
    gone = journal.add("employer", {"name": "Nedlagt AS"})
    journal.delete(gone)
    return employer, person, gone


def test_a_leads_stranded_team_records_move_into_the_new_team_keeping_their_ids(
    make_profile_journal: JournalFactory, caplog: pytest.LogCaptureFixture
) -> None:
    lead = make_profile_journal("teamleder", "Lise Leder")
    old_space = lead.team_space
    employer, person, gone = _old_team_records(lead)
    set_fte(lead, job_specialist="Kari Jobb", fte=0.6)
    set_nav_excluded_reasons(lead, reasons=["health"])
    space = _enrol(lead)
    before = _stranded(lead)
    assert before > 0

    plan = stranded_records(lead)
    assert dict(plan.kinds) == {
        "employer": 1,
        "employer_contact_person": 1,
        "job_specialist_fte": 1,
        "team_settings": 1,
    }
    assert plan.deleted == 1 and plan.changes == before and not plan.lead_only

    with caplog.at_level(logging.DEBUG):
        done = adopt_stranded(lead)
    assert "Lager" not in caplog.text
    assert done.records == 4 and done.replaced == done.skipped == 0
    assert done.dropped == before and done.stranded == 0 and done.deleted == 1
    assert done.as_dict() == {  # what sync --adopt-stranded --json gives
        "adopted": 4,
        "kinds": {
            "employer": 1,
            "employer_contact_person": 1,
            "job_specialist_fte": 1,
            "team_settings": 1,
        },
        "replaced": 0,
        "skipped": 0,
        "lead_only": {},
        "reports": 0,
        "deleted": 1,
        "unreadable": 0,
        "dropped": before,
        "stranded": 0,
    }
    assert _stranded(lead) == 0
    assert set(lead.store.outbox_spaces()) == {space} | {
        s for s in lead.store.outbox_spaces() if s.startswith("work:")
    }

    moved = lead.store.get(employer)
    assert moved is not None and moved.space == space and moved.fields["name"] == "Lager AS"
    child = lead.store.get(person)
    assert child is not None and child.space == space and child.parent == employer
    assert lead.store.get(gone) is None
    assert not lead.store.query(space=old_space, include_deleted=True)
    fte = lead.store.get(fte_record_id(space, "Kari Jobb"))
    assert fte is not None and fte.fields["fte"] == 0.6
    assert team_settings(lead).nav_excluded_exit_reasons == ("health",)
    assert {c.space for c in lead.store.outbox()} <= {space}


def test_what_refers_to_a_brought_record_still_does(make_profile_journal: JournalFactory) -> None:
    lead = make_profile_journal("teamleder", "Lise Leder")
    employer, person, _ = _old_team_records(lead)
    first = [c.change_id for c in lead.store.outbox() if c.record_id == employer][:1]
    lead.store.mark_pushed(first)  # the old server had part of it
    pid = lead.create_participant({"name": "Ola Nordmann", "programme": "IPS"})
    job = lead.add(
        "job", {"title": "Lager", "start": "2026-11-02", "employer": employer}, participant_id=pid
    )
    space = _enrol(lead)

    adopt_stranded(lead)

    moved = lead.store.get(employer)
    assert moved is not None and moved.space == space
    work = lead.store.get(job)
    assert work is not None and work.fields["employer"] == employer  # untouched, still right
    child = lead.store.get(person)
    assert child is not None and child.parent == employer


@pytest.mark.parametrize("ours_newer", [True, False])
def test_a_record_of_that_id_already_in_the_new_team_is_not_overwritten_by_an_older_one(
    make_profile_journal: JournalFactory, ours_newer: bool
) -> None:
    lead = make_profile_journal("teamleder", "Lise Leder")
    old_space = lead.team_space
    assert old_space is not None
    if not ours_newer:
        set_fte(lead, job_specialist="Kari Jobb", fte=0.6)  # stranded, older
    space = _enrol(lead)
    set_fte(lead, job_specialist="Kari Jobb", fte=0.8)  # already in the new team
    if ours_newer:
        lead.team_space = old_space
        set_fte(lead, job_specialist="Kari Jobb", fte=0.6)  # stranded, newer
        lead.team_space = space

    done = adopt_stranded(lead)

    assert (done.replaced, done.skipped) == ((1, 0) if ours_newer else (0, 1))
    fte = lead.store.get(fte_record_id(space, "Kari Jobb"))
    assert fte is not None and fte.fields["fte"] == (0.6 if ours_newer else 0.8)
    assert _stranded(lead) == 0


def test_a_failure_half_way_leaves_everything_as_it_was(
    make_profile_journal: JournalFactory,
) -> None:
    lead = make_profile_journal("teamleder", "Lise Leder")
    employer, _, _ = _old_team_records(lead)
    _enrol(lead)
    state, outbox = lead.store.state_hash(), lead.store.outbox_spaces()
    written: list[str] = []

    def crash(record_id: str) -> None:
        written.append(record_id)
        if len(written) == 2:  # the second record written in the new team
            raise OSError("power cut")

    lead.store.merger.before_write = crash
    with pytest.raises(OSError):
        adopt_stranded(lead)
    lead.store.merger.before_write = None

    assert written[0] == employer
    assert lead.store.state_hash() == state and lead.store.outbox_spaces() == outbox
    rec = lead.store.get(employer)
    assert rec is not None and rec.space != lead.team_space
    assert adopt_stranded(lead).records == 2  # and it can be done again
    assert _stranded(lead) == 0


def test_lead_only_records_stay_stranded_on_a_device_that_is_not_a_team_leads(
    make_profile_journal: JournalFactory,
) -> None:
    js = make_profile_journal("jobbspesialist", "Kari Jobb")
    old_space = js.team_space
    assert old_space is not None
    employer = js.add("employer", {"name": "Lager AS"})
    # Only a lead's journal writes these; a store written past the journal can hold one.
    js.store.put(
        record_type="team_settings",
        space=old_space,
        values={"nav_excluded_exit_reasons": ["health"]},
    )
    _enrol(js)

    plan = stranded_records(js)
    assert dict(plan.kinds) == {"employer": 1} and dict(plan.lead_only) == {"team_settings": 1}
    done = adopt_stranded(js)
    assert done.records == 1 and dict(done.lead_only) == {"team_settings": 1}
    assert done.stranded == _stranded(js) == 1
    use_language("nb")
    assert adoption_sentence(done).splitlines() == [
        "Tok med 1 oppføring i dette teamet (1 × Arbeidsgiver); den sendes ved denne "
        "synkroniseringen.",
        "1 oppføring (Teaminnstillinger) blir der den er: bare en teamleder kan ta teamets "
        "innstillinger, stillingsandeler og vurderinger av modelltrofasthet med i teamet.",
    ]
    moved = js.store.get(employer)
    assert moved is not None and moved.space == js.team_space


def test_without_the_new_teams_key_nothing_moves(make_profile_journal: JournalFactory) -> None:
    js = make_profile_journal("jobbspesialist", "Kari Jobb")
    js.add("employer", {"name": "Lager AS"})
    _enrol(js, with_key=False)  # enrolled, not yet approved: no grant of the team key
    before = _stranded(js)
    with pytest.raises(CannotAdopt) as caught:
        adopt_stranded(js)
    assert caught.value.reason == NO_TEAM_KEY and "Lager" not in str(caught.value)
    assert _stranded(js) == before


def test_the_old_teams_report_snapshots_are_left_out_and_no_longer_stranded(
    make_profile_journal: JournalFactory,
) -> None:
    lead = make_profile_journal("teamleder", "Lise Leder")
    old = "reports:gammelt-team"
    lead.store.create_space(old)
    snap = lead.store.put(record_type="report_snapshot", space=old, values={"period": "2026-10"})
    _enrol(lead)
    assert _stranded(lead) > 0 and stranded_records(lead).reports == 1

    done = adopt_stranded(lead)

    assert done.reports == 1 and done.records == 0 and done.stranded == _stranded(lead) == 0
    assert lead.store.get(snap) is None
