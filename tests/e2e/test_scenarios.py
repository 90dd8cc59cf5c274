"""The acceptance scenarios of the sync work, against a real server process.

Each test runs on SQLite and on PostgreSQL server storage (the ``real_server``
fixture). Numbers refer to the scenarios of the sync issue.
"""

from __future__ import annotations

import httpx
import pytest

from app.sync_service import SyncService
from sync.client import CLOCK_SKEW, OFFLINE, SyncError, Transport
from tests.e2e.conftest import DAY_MS, Laptop, TeamWorld, sync_all

PARAGRAPHS = [
    "Første avsnitt: Kari møtte arbeidsgiveren på kafé i Tromsø.",
    "Andre avsnitt: hun ønsker deltid på lager, gjerne nær hjemmet.",
    "Tredje avsnitt: neste møte er avtalt med Nav-veilederen.",
]


def _team(world: TeamWorld, *roles: str) -> tuple[Laptop, str, list[Laptop]]:
    """A team lead with one participant, and approved laptops of the given roles."""
    lead = world.laptop("teamleder", "Lise Leder")
    pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    lead.sync.sync_once()
    others = [world.laptop(role) for role in roles]
    for laptop in others:
        laptop.sync.sync_once()
    return lead, pid, others


def _note(laptop: Laptop, pid: str, body: str) -> str:
    return laptop.journal.add("case_note", {"date": "2026-11-20", "body": body}, participant_id=pid)


# --- (1) text: two offline edits of one note both survive ----------------------------------


def test_1_two_laptops_edit_different_paragraphs_offline_in_either_order(
    world: TeamWorld,
) -> None:
    lead, pid, (a, b) = _team(world, "jobbspesialist", "jobbspesialist")
    first = _note(a, pid, "\n\n".join(PARAGRAPHS))
    second = _note(a, pid, "\n\n".join(PARAGRAPHS))
    sync_all(a, b, rounds=1)
    for order, note in (((a, b), first), ((b, a), second)):
        # Both offline: A edits the first paragraph, B the third.
        edits = {
            a.device: [PARAGRAPHS[0].replace("kafé", "kafeen Dampen"), *PARAGRAPHS[1:]],
            b.device: [*PARAGRAPHS[:2], PARAGRAPHS[2] + " Hun gleder seg."],
        }
        for laptop in (a, b):
            laptop.journal.update(note, {"body": "\n\n".join(edits[laptop.device])})
        sync_all(*order, lead, rounds=2)
        texts = {laptop.journal.get(note).fields["body"] for laptop in (a, b, lead)}
        assert len(texts) == 1, texts  # identical everywhere
        (merged,) = texts
        assert "kafeen Dampen" in merged and "Hun gleder seg." in merged
        assert PARAGRAPHS[1] in merged
    assert a.store.state_hash() == b.store.state_hash()


# --- (2) text: both rewrite the same sentence; both wordings, flagged, restorable -----------


def test_2_both_rewrite_the_same_sentence_flagged_and_the_local_version_restorable(
    world: TeamWorld,
) -> None:
    lead, pid, (a, b) = _team(world, "jobbspesialist", "jobbspesialist")
    sentence = "Kari vil jobbe på lager i Tromsø."
    note = _note(a, pid, f"Første møte.\n\n{sentence}\n\nNeste møte om to uker.")
    sync_all(a, b, rounds=1)
    original = a.journal.get(note).fields["body"]
    mine = original.replace(sentence, "Kari ønsker deltid på et lager nær Tromsø sentrum.")
    theirs = original.replace(sentence, "Kari vil heller jobbe i butikk på Åsgårdstrand.")
    a.journal.update(note, {"body": mine})  # both offline
    b.journal.update(note, {"body": theirs})
    sync_all(a, b, lead, rounds=2)

    texts = {lp.journal.get(note).fields["body"] for lp in (a, b, lead)}
    assert len(texts) == 1  # identical everywhere
    (merged,) = texts
    assert "deltid på et lager nær Tromsø sentrum" in merged  # both wordings survive
    assert "butikk på Åsgårdstrand" in merged
    # Each writer's note is flagged, with the text it had just before the merge.
    for laptop, own in ((a, mine), (b, theirs)):
        assert laptop.journal.get(note).text_merged
        kept = laptop.journal.text_versions(note)
        assert [v.text for v in kept] == [own]
        assert kept[0].device == laptop.device and kept[0].field == "body"
    assert not lead.journal.get(note).text_merged  # the lead edited nothing: nothing to review

    # A restores its earlier local version: an ordinary edit that syncs to everyone.
    a.journal.restore_text_version(note, a.journal.text_versions(note)[0].id)
    assert a.journal.get(note).fields["body"] == mine and not a.journal.get(note).text_merged
    b.journal.dismiss_text_conflict(note, "body")
    sync_all(a, b, lead, rounds=2)
    assert {lp.journal.get(note).fields["body"] for lp in (a, b, lead)} == {mine}
    assert not b.journal.get(note).text_merged
    assert a.store.state_hash() == b.store.state_hash() == lead.store.state_hash()


# --- (3) registers: one winner everywhere, the loser kept with author and time ---------------


def test_3_a_register_set_differently_offline_keeps_the_loser_everywhere(
    world: TeamWorld,
) -> None:
    lead, pid, (a, b) = _team(world, "jobbspesialist", "jobbspesialist")
    sync_all(a, b, rounds=1)
    a.journal.update(pid, {"status": "paused"})
    b.journal.update(pid, {"status": "exited"})
    sync_all(a, b, lead, rounds=2)
    winners = {lp.journal.get(pid).fields["status"] for lp in (a, b, lead)}
    assert len(winners) == 1
    (winner,) = winners
    losing = [lp.journal.losing_values(pid) for lp in (a, b, lead)]
    assert losing[0] == losing[1] == losing[2] and len(losing[0]) == 1
    loser = losing[0][0]
    assert loser.field == "status" and {loser.value, winner} == {"paused", "exited"}
    assert loser.device == (a.device if loser.value == "paused" else b.device)  # the author
    assert abs(loser.written_at.timestamp() - a.clock() / 1000) < 120  # and when
    assert all(lp.journal.get(pid).conflicted for lp in (a, b, lead))


# --- (4) delete versus edit: the record lives, flagged, in both orders -----------------------


@pytest.mark.parametrize("first", ["deleter", "editor"])
def test_4_delete_versus_edit_keeps_the_record_flagged(world: TeamWorld, first: str) -> None:
    _lead, pid, (a, b) = _team(world, "jobbspesialist", "jobbspesialist")
    note = _note(a, pid, "Notat som blir slettet og endret samtidig.")
    sync_all(a, b, rounds=1)
    a.journal.delete(note)
    b.journal.update(note, {"body": "Endret mens den andre slettet."})
    order = (a, b) if first == "deleter" else (b, a)
    sync_all(*order, rounds=2)
    for laptop in (a, b):
        rec = laptop.store.get(note, audit=False)
        assert rec is not None and not rec.deleted and rec.resurrected
        assert rec.fields["body"] == "Endret mens den andre slettet."
    assert a.store.state_hash() == b.store.state_hash()


# --- (5) the answer to a committed push is lost: the retry stores nothing twice --------------


class _DropAnswers(httpx.BaseTransport):
    """A network that delivers the push to the server but loses the server's answer."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.dropped = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.method == "POST" and request.url.path == "/v1/changes":
            response.read()
            response.close()
            self.dropped += 1
            raise httpx.ReadError("connection reset after the server committed", request=request)
        return response

    def close(self) -> None:
        self.inner.close()


def test_5_a_lost_answer_after_the_server_committed_is_retried_exactly_once(
    world: TeamWorld,
) -> None:
    lead, pid, (a, b) = _team(world, "jobbspesialist", "jobbspesialist")
    notes = [_note(a, pid, f"Notat {n}: oppfølging etter jobbstart.") for n in range(40)]
    pending = a.store.outbox_size()
    network = _DropAnswers()

    def flaky(
        base_url: str, *, device_id: str | None = None, signing_key: bytes | None = None
    ) -> Transport:
        return Transport(
            base_url,
            device_id=device_id,
            signing_key=signing_key,
            client=httpx.Client(transport=network),
        )

    flaky_sync = SyncService(a.journal, a.profile, transport_factory=flaky)
    with pytest.raises(SyncError) as caught:
        flaky_sync.sync_once()
    flaky_sync.close()
    assert caught.value.code == OFFLINE and network.dropped == 1
    assert a.store.outbox_size() == pending  # never acknowledged, so still pending
    assert flaky_sync.status.online is False and flaky_sync.status.pending == pending

    result = a.sync.sync_once()  # the connection is back
    assert result.pushed == 0 and result.duplicates == pending
    assert a.store.outbox_size() == 0
    server = world.server
    with server.engine.connect() as conn:
        from sqlalchemy import func, select

        from server import db

        rows = conn.execute(
            select(db.changes.c.change_id, func.count())
            .where(db.changes.c.device_id == a.device)
            .group_by(db.changes.c.change_id)
        ).all()
    assert len(rows) == pending and all(count == 1 for _, count in rows)
    b.sync.sync_once()
    assert {r.id for r in b.journal.records(pid, "case_note")} == set(notes)
    del lead


# --- (7) a laptop clock three days fast ------------------------------------------------------


def test_7_a_clock_three_days_fast_is_refused_and_moves_no_other_clock(
    world: TeamWorld,
) -> None:
    _lead, pid, (a, b) = _team(world, "jobbspesialist", "jobbspesialist")
    before_jump = _note(a, pid, "Skrevet mens klokka gikk riktig.")
    a.clock.offset_ms = 3 * DAY_MS  # the clock jumps three days ahead
    during = _note(a, pid, "Skrevet mens klokka var tre dager foran.")
    pending = a.store.outbox_size()

    with pytest.raises(SyncError) as caught:
        a.sync.sync_once()
    assert caught.value.code == CLOCK_SKEW
    assert "clock is wrong" in str(caught.value)  # the user is told
    assert a.sync.status.last_error_code == CLOCK_SKEW
    assert a.store.outbox_size() == pending  # nothing lost

    b.sync.sync_once()
    assert b.store.clock.last.wall_ms < b.clock() + 60_000  # B's clock did not move
    assert b.journal.records(pid, "case_note") == []

    a.clock.offset_ms = 0  # the clock is set right
    # What was written before the jump syncs now, and what was stamped three days ahead
    # (never accepted by the server) is stamped again and sent in the same round.
    result = a.sync.sync_once()
    assert result.restamped > 0 and a.store.outbox_size() == 0
    assert a.store.clock.last.wall_ms < a.clock() + 60_000  # A's clock is back too
    b.sync.sync_once()
    assert {r.id for r in b.journal.records(pid, "case_note")} == {before_jump, during}
    assert b.store.clock.last.wall_ms < b.clock() + 60_000
    assert a.store.get(during, audit=False) is not None
    # What A writes next is stamped with the right time and syncs at once.
    after_fix = _note(a, pid, "Skrevet etter at klokka ble rettet.")
    assert a.sync.sync_once().restamped == 0
    b.sync.sync_once()
    assert {r.id for r in b.journal.records(pid, "case_note")} == {before_jump, during, after_fix}


# --- (8) clinical records and keys reach therapists only -------------------------------------


def test_8_a_job_specialist_never_receives_clinical_records_or_keys(world: TeamWorld) -> None:
    lead, pid, (therapist, colleague, specialist) = _team(
        world, "terapeut", "terapeut", "jobbspesialist"
    )
    session = therapist.journal.add(
        "therapy_session",
        {"date": "2026-11-20", "number": 3, "body": "Klinisk: eksponering for telefonsamtaler."},
        participant_id=pid,
    )
    therapist.sync.sync_once()
    therapist.sync.share_clinical(colleague.device, pid, recipient_x25519=colleague.x25519_public())
    sync_all(therapist, colleague, specialist, lead, rounds=2)

    got = colleague.journal.get(session)
    assert got.fields["body"] == "Klinisk: eksponering for telefonsamtaler."
    for laptop in (specialist, lead):
        assert not [s for s in laptop.store.keys.spaces() if s.startswith("clinical:")]
        rows = laptop.store.conn.execute(
            "SELECT count(*) FROM changes WHERE space LIKE 'clinical:%'"
        ).fetchone()
        assert rows[0] == 0  # not even an unreadable, pending copy
        assert laptop.store.get(session, audit=False) is None
        assert laptop.sync.status.grant_problems == ()
    # The specialist's own laptop still has everything else.
    assert specialist.journal.get(pid).fields["name"] == "Kari Nordmann"


# --- (9) the server's database holds no note text --------------------------------------------


def test_9_a_dump_of_the_server_database_contains_no_note_text(world: TeamWorld) -> None:
    lead, pid, (a,) = _team(world, "jobbspesialist")
    sentinel = "Sentinelltekst-æøå-7f3c9b Kari fortalte om angsten"
    _note(a, pid, sentinel)
    lead.journal.update(pid, {"preferences": "Sentinell-preferanse-2be41d"})
    employer = lead.journal.add(
        "employer", {"name": "Sentinell Bakeri AS-91c2", "notes": "Sentinell-arbeidsgiver-4a1e"}
    )
    sync_all(a, lead, rounds=2)
    assert a.journal.get(employer).fields["name"] == "Sentinell Bakeri AS-91c2"
    dump = world.server.dump()
    assert len(dump) > 10_000 and pid.encode() in dump  # the dump does hold this test's data
    for secret in (
        sentinel,
        "Sentinelltekst",
        "Sentinell-preferanse-2be41d",
        "Sentinell Bakeri",
        "Sentinell-arbeidsgiver-4a1e",
        "Kari Nordmann",
    ):
        for encoding in ("utf-8", "utf-16-le"):
            assert secret.encode(encoding) not in dump, secret
