"""Central reporting end to end: three teams and a central team against a real server.

Each team lead's laptop holds a demo caseload; its ordinary sync round writes the
snapshots of the periods that have closed (``publish_due`` as the round's
``before_push``) and grants the team's reports key to the central team's laptop.
The central laptop holds no participant key and sees only de-identified figures.
Runs on SQLite and PostgreSQL server storage (the ``real_server`` fixture).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import store_settings
from app.central import Suppressed, publish, sign, trusted_signers_from_setting, write_snapshot
from app.central.aggregate import central_data
from app.central.records import read_snapshot
from app.central.snapshot import canonical_json, is_number
from app.composition import make_sync_service
from app.demo import fill_demo
from app.indicators import INDICATOR_TYPES, Period, all_figures
from app.sync_service import S_SIGNERS
from tests.e2e.conftest import TODAY, Laptop, RealServer, TeamWorld, sync_all
from tests.storage.keyring_backends import InMemoryKeyring

Q3 = "2026-Q3"
SENTINEL_NAME = "Ragnhild Sentinelsen"
SENTINEL_FNR = "01018012371"
SENTINEL_SENTENCE = "Hun fortalte om angsten i kantina på Sentinelverket."


@dataclass
class Team:
    world: TeamWorld
    lead: Laptop


def _with_snapshot_hook(laptop: Laptop) -> None:
    """The laptop's sync service as the application builds it (snapshots before push)."""
    service = make_sync_service(laptop.journal, laptop.profile)
    service.transport_factory = laptop.sync.transport_factory  # the test's transport (clock) stays
    laptop.sync.close()
    laptop.sync = service


_open: list[TeamWorld] = []


@pytest.fixture(autouse=True)
def _close_worlds() -> Iterator[None]:
    yield
    while _open:
        _open.pop().close()


def _team(
    server: RealServer, folder: Path, name: str, programme: str, region: str, seed: int
) -> Team:
    team = server.admin.create_team(name, programme=programme, region=region)
    world = TeamWorld(server, folder / name.replace(" ", "-"), team)
    _open.append(world)
    lead = world.laptop("teamleder", f"Leder {name}")
    _with_snapshot_hook(lead)
    fill_demo(lead.journal, participants=24, seed=seed, today=TODAY)
    return Team(world, lead)


@pytest.fixture
def central_world(
    real_server: RealServer, tmp_path: Path, memory_keyring: InMemoryKeyring
) -> TeamWorld:
    team = real_server.admin.create_team(f"Sentralt team {uuid.uuid4().hex[:6]}")
    world = TeamWorld(real_server, tmp_path / "central", team)
    _open.append(world)
    return world


def test_central_figures_equal_each_teams_own_and_reveal_no_one(
    real_server: RealServer, tmp_path: Path, central_world: TeamWorld
) -> None:
    tag = uuid.uuid4().hex[:6]
    teams = [
        _team(real_server, tmp_path, f"IPS Vest {tag}", "IPS", "Vest", 3),
        _team(real_server, tmp_path, f"SFJ Nord {tag}", "SFJ", "Nord", 5),
        _team(real_server, tmp_path, f"JMO Midt {tag}", "JMO", "Midt", 9),
    ]
    # A participant whose name, identity number and note must never leave the team.
    first = teams[0].lead.journal
    pid = first.create_participant(
        {"name": SENTINEL_NAME, "programme": "IPS", "national_id": SENTINEL_FNR}
    )
    first.add("case_note", {"date": "2026-08-14", "body": SENTINEL_SENTENCE}, participant_id=pid)

    central = central_world.laptop("sentralt_team", "Siri Sentral", approve=False)
    real_server.admin.approve_device(central.device, real_server.org_key)

    # The teams' ordinary sync: snapshots for the closed periods, keys to the central team.
    for t in teams:
        t.lead.sync.sync_once()
        published = {r.fields["period"] for r in t.lead.store.query(record_type="report_snapshot")}
        assert {Q3, "2026-10"} <= published  # made by the round itself, nobody asked
    central.sync.sync_once()
    central.sync.sync_once()

    signers = trusted_signers_from_setting(central.store.setting(S_SIGNERS))
    assert {t.lead.device: t.world.team.id for t in teams}.items() <= {
        d: team for d, (_key, team) in signers.items()
    }.items()
    data, unreadable = central_data(central.store)  # what the central view shows
    assert unreadable == 0
    rows = {row.team.id: row for row in data.rows(Q3)}
    assert {t.world.team.id for t in teams} <= set(rows)

    compared = 0
    for t in teams:
        row = rows[t.world.team.id]
        assert not row.missing
        assert (row.team.programme, row.team.region) == (
            t.world.team.programme,
            t.world.team.region,
        )
        own = {
            f.key: f for f in all_figures(t.lead.journal.dataset(INDICATOR_TYPES), Period.parse(Q3))
        }
        assert row.figures is not None
        for key, figure in row.figures.team.items():
            if isinstance(figure.value, Suppressed):
                continue
            assert figure.value == pytest.approx(own[key].value), (t.world.team.name, key)
            compared += 1
    assert compared >= 30  # most of each team's figures are shown, and equal

    # National totals are the sums of the teams' counts (over the teams that show one):
    # a rate's count is its numerator (caseload: people), a count's is its value.
    for key, cell in (("caseload", "numerator"), ("job_starts", "value")):
        national = data.national(key, Q3)
        figures = [
            f for row in data.rows(Q3) if (f := row.figure(key)) is not None and f.value is not None
        ]
        shown = [float(getattr(f, cell)) for f in figures if is_number(getattr(f, cell))]
        hidden = [f for f in figures if isinstance(getattr(f, cell), Suppressed)]
        assert shown, key  # the demo teams show some of these counts
        assert (national.teams_counted, national.teams_suppressed) == (len(shown), len(hidden))
        assert national.numerator == pytest.approx(sum(shown)), key
    assert data.national("job_starts", Q3).value == data.national("job_starts", Q3).numerator

    # Nothing identifying on the central laptop (it decrypts what it holds) or the server.
    everything = json.dumps(
        [r.fields for r in central.store.query()], ensure_ascii=False, default=str
    )
    for secret in (SENTINEL_NAME, SENTINEL_FNR, SENTINEL_SENTENCE, "Leder IPS Vest"):
        assert secret not in everything
    dump = real_server.dump()
    for secret in (SENTINEL_NAME, SENTINEL_FNR, SENTINEL_SENTENCE):
        assert secret.encode() not in dump

    # The central laptop holds report keys only: a participant's changes, even if the
    # server were made to send them, stay unreadable there.
    assert all(s.startswith("reports:") for s in central.store.keys.spaces())
    central.store.apply_changes(
        [c for c in teams[0].lead.store.all_changes() if c.space.startswith("work:")]
    )
    readable = [
        r for r in central.store.query(record_type="participant") if r.error is None and r.fields
    ]
    assert readable == []


def test_a_team_that_has_not_reported_is_missing_and_a_job_specialist_reads_no_snapshot(
    real_server: RealServer, tmp_path: Path, central_world: TeamWorld
) -> None:
    tag = uuid.uuid4().hex[:6]
    reporting = _team(real_server, tmp_path, f"IPS Sør {tag}", "IPS", "Sør", 4)
    silent = real_server.admin.create_team(f"JMO Øst {tag}", programme="JMO", region="Øst")
    specialist = reporting.world.laptop("jobbspesialist", "Jon Spesialist")
    central = central_world.laptop("sentralt_team", "Siri Sentral", approve=False)
    real_server.admin.approve_device(central.device, real_server.org_key)
    reporting.lead.sync.sync_once()
    central.sync.sync_once()
    central.sync.sync_once()
    specialist.sync.sync_once()

    data, _unreadable = central_data(central.store)
    rows = {row.team.id: row for row in data.rows(Q3)}
    assert not rows[reporting.world.team.id].missing
    assert rows[silent.id].missing  # listed by the server, never reported: missing, not 0
    assert data.national("caseload", Q3).value is not None

    # A job specialist holds no reports key, even of its own team: the snapshot changes
    # (were they sent) stay unreadable there.
    assert not any(s.startswith("reports:") for s in specialist.store.keys.spaces())
    specialist.store.apply_changes(
        [c for c in reporting.lead.store.all_changes() if c.space.startswith("reports:")]
    )
    assert [
        r
        for r in specialist.store.query(record_type="report_snapshot")
        if r.error is None and r.fields
    ] == []


def _forged(lead: Laptop, *, team: str, device: str, key: bytes, period: str) -> None:
    """A snapshot of ``period`` copied from the lead's own Q3 one, re-signed by ``key`` as
    ``device`` for ``team``, written into the lead's store as if it had arrived by sync."""
    own = read_snapshot(lead.store, store_settings.team_id(lead.store) or "", Q3)
    assert own is not None
    figures = json.loads(own.figures)
    figures["period"] = period
    unsigned = replace(
        own, team=team, period=period, figures=canonical_json(figures), device=device
    )
    write_snapshot(lead.store, sign(unsigned, key))


def test_an_enrolled_team_lead_reads_its_own_teams_reports_and_no_forged_one(
    real_server: RealServer, tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    tag = uuid.uuid4().hex[:6]
    team = _team(real_server, tmp_path, f"IPS Vest {tag}", "IPS", "Vest", 3)
    lead, team_id = team.lead, team.world.team.id

    # Published on demand, before any sync: its own signature, its own team.
    publish(lead.journal, Period.parse(Q3))
    data, unreadable = central_data(lead.store)
    assert unreadable == 0
    assert [row.team.id for row in data.rows(Q3) if not row.missing] == [team_id]

    # A second lead of the team publishes a month; the first reads it after a sync.
    second = team.world.laptop("teamleder", f"Nestleder {tag}")
    specialist = team.world.laptop("jobbspesialist", f"Jon {tag}")
    sync_all(lead, second, specialist)
    publish(second.journal, Period.parse("2026-08"))
    sync_all(second, lead)
    data, unreadable = central_data(lead.store)
    assert unreadable == 0
    row = {r.team.id: r for r in data.rows("2026-08")}[team_id]
    assert row.snapshot is not None and row.snapshot.device == second.device

    # Refused: the team's job specialist (certified, not a lead), the lead's device id
    # with another key, and the lead's own key vouching for another team.
    stranger = Ed25519PrivateKey.generate().private_bytes_raw()
    forgeries = [
        (team_id, specialist.device, specialist.store.device_secrets.ed25519_private, "2026-07"),
        (team_id, lead.device, stranger, "2026-09"),
        (str(uuid.uuid4()), lead.device, lead.store.device_secrets.ed25519_private, Q3),
    ]
    for forged_team, device, key, period in forgeries:
        _forged(lead, team=forged_team, device=device, key=key, period=period)
    data, unreadable = central_data(lead.store)
    assert unreadable == len(forgeries)
    assert not {"2026-07", "2026-09"} & set(data.periods())
    assert set(data.teams) == {team_id}
