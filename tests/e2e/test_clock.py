"""A laptop whose clock ran days ahead syncs again as soon as its clock is right (issue #5).

Against a real server process, on SQLite and on PostgreSQL server storage.
What the laptop wrote while its clock was three days fast is refused by the
server (clock_skew); once the clock is set right, the next sync stamps those
never-pushed changes again and pushes them, and the other laptop gets them.
"""

from __future__ import annotations

import pytest

from sync.client import CLOCK_SKEW, SyncError
from sync.hlc import RESTAMP_MARGIN_MS, Hlc
from tests.e2e.conftest import DAY_MS, Laptop, TeamWorld, sync_all


def _team(world: TeamWorld) -> tuple[Laptop, str, Laptop, Laptop]:
    lead = world.laptop("teamleder", "Lise Leder")
    pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    lead.sync.sync_once()
    a, b = world.laptop("jobbspesialist"), world.laptop("jobbspesialist")
    sync_all(a, b, rounds=1)
    return lead, pid, a, b


def _note(laptop: Laptop, pid: str, body: str) -> str:
    return laptop.journal.add("case_note", {"date": "2026-11-20", "body": body}, participant_id=pid)


def _notes(laptop: Laptop, pid: str) -> dict[str, tuple[str, str]]:
    return {
        r.id: (r.fields["date"], r.fields["body"]) for r in laptop.journal.records(pid, "case_note")
    }


def test_what_a_laptop_wrote_three_days_ahead_syncs_once_its_clock_is_right(
    world: TeamWorld,
) -> None:
    _lead, pid, a, b = _team(world)
    before = _note(a, pid, "Skrevet mens klokka gikk riktig.")
    sync_all(a, b, rounds=1)
    assert set(_notes(b, pid)) == {before}

    a.clock.offset_ms = 3 * DAY_MS  # the clock jumps three days ahead
    during = _note(a, pid, "Skrevet mens klokka var tre dager foran: blåbær, ærlig, søt.")
    a.journal.update(before, {"date": "2026-11-21", "body": "Endret mens klokka gikk foran."})
    b.journal.update(before, {"date": "2026-11-22"})  # concurrently, on B
    with pytest.raises(SyncError) as caught:
        a.sync.sync_once()
    assert caught.value.code == CLOCK_SKEW  # even the request's time is refused
    b.sync.sync_once()
    assert set(_notes(b, pid)) == {before}

    a.clock.offset_ms = 0  # the clock is set right
    # The HLC never goes back: this is stamped after the notes above, days ahead too.
    after_fix = _note(a, pid, "Skrevet etter at klokka ble rettet.")
    ahead = a.store.outbox_size()
    assert ahead >= 5
    result = a.sync.sync_once()  # refused, re-stamped, pushed again: no error
    assert result.restamped == ahead and result.pushed >= ahead
    assert a.store.outbox_size() == 0
    assert a.sync.status.last_error_code is None and a.sync.status.pending == 0
    assert a.store.clock.last.wall_ms < a.clock() + 60_000  # the clock is back

    sync_all(b, a, b, rounds=1)
    notes = _notes(b, pid)
    assert set(notes) == {before, during, after_fix}  # nothing lost
    assert notes[during][1] == "Skrevet mens klokka var tre dager foran: blåbær, ærlig, søt."
    assert notes[after_fix][1] == "Skrevet etter at klokka ble rettet."
    assert notes[before][1] == "Endret mens klokka gikk foran."
    # The date was changed on both machines without either seeing the other's: both kept.
    losing = b.store.losing_values(before)
    assert notes[before][0] in {"2026-11-21", "2026-11-22"}
    assert [lv.value for lv in losing] == list({"2026-11-21", "2026-11-22"} - {notes[before][0]})
    assert _notes(a, pid) == notes
    assert a.store.state_hash() == b.store.state_hash()
    # Nothing on B (or on the server's way to it) carries a stamp from three days ahead,
    # and B's clock did not move.
    limit = Hlc(b.clock() + RESTAMP_MARGIN_MS, 0).encode()
    far = b.store.conn.execute("SELECT count(*) FROM changes WHERE hlc > ?", (limit,)).fetchone()
    assert far[0] == 0
    assert b.store.clock.last.wall_ms < b.clock() + 60_000

    # Both go on editing as usual.
    a.journal.update(during, {"body": "Rettet igjen på A."})
    sync_all(a, b, rounds=1)
    assert _notes(b, pid)[during][1] == "Rettet igjen på A."


def test_a_clock_still_minutes_off_keeps_the_changes_waiting(world: TeamWorld) -> None:
    _lead, pid, a, b = _team(world)
    a.clock.offset_ms = 3 * DAY_MS
    note = _note(a, pid, "Skrevet mens klokka var tre dager foran.")
    a.clock.offset_ms = 3 * 60_000  # set, but three minutes off: requests pass, stamps don't
    with pytest.raises(SyncError) as caught:
        a.sync.sync_once()
    assert caught.value.code == CLOCK_SKEW and caught.value.result is not None
    assert caught.value.result.restamped == 0
    assert "while this computer's clock was wrong" in str(caught.value)
    assert a.store.outbox_size() > 0
    b.sync.sync_once()
    assert _notes(b, pid) == {}
    a.clock.offset_ms = 0
    assert a.sync.sync_once().restamped > 0
    b.sync.sync_once()
    assert set(_notes(b, pid)) == {note}
