"""Report snapshots: the reports screen's figures, consent, no identifying data, signatures,
publishing and the central team's national totals."""

from __future__ import annotations

import base64
import dataclasses
import json
from datetime import date
from typing import Any

import pytest

from app.central import (
    MISSING,
    CentralData,
    Filters,
    Pseudonyms,
    SnapshotInvalid,
    Suppressed,
    build_snapshot,
    load_snapshots,
    publish,
    publish_due,
    snapshot_id,
    trusted_signers_from_setting,
    verify,
)
from app.central.publish import NotAPublishablePeriod, TeamInfo, closed_periods, team_info
from app.central.records import Snapshot, sign
from app.central.snapshot import SNAPSHOT_TYPES, SnapshotFigures, is_number
from app.demo import fill_demo
from app.domain.access import AccessDenied
from app.indicators import INDICATOR_TYPES, Period, all_figures, job_specialists
from app.journal import Journal
from app.operations.reports import indicator_figures
from app.operations.team import team_people
from tests.app.conftest import JournalFactory
from tests.app.datasets import Build
from tests.support.team import log_visit

Q3 = Period.quarter(2026, 3)
TODAY = date(2026, 11, 23)
TEAM = TeamInfo("team-a", "Team A", "IPS", "Øst")


def _demo(make: JournalFactory, participants: int = 24, seed: int = 3) -> Journal:
    journal = make(role="teamleder", name="Tone Teamleder")
    fill_demo(journal, participants=participants, seed=seed, today=TODAY)
    return journal


def test_unsuppressed_snapshot_is_the_reports_screens_figures(
    make_profile_journal: JournalFactory,
) -> None:
    journal = _demo(make_profile_journal)
    ds = journal.dataset(SNAPSHOT_TYPES)
    pseudonyms = Pseudonyms(b"s" * 32)
    snap = build_snapshot(ds, Q3, as_of=TODAY, pseudonyms=pseudonyms, threshold=1)
    screen_ds = journal.dataset(INDICATOR_TYPES)  # what the reports screen loads
    expected = {f.key: f for f in all_figures(screen_ds, Q3)}
    assert set(snap.team) <= set(expected) and len(snap.team) == len(expected)
    for key, f in snap.team.items():
        assert f.value == expected[key].value, key
        assert f.score == expected[key].score, key
    names = job_specialists(screen_ds, Q3)
    assert names and sorted(snap.job_specialists) == sorted(pseudonyms.labels(names).values())
    for name in names:
        mine = {f.key: f for f in all_figures(screen_ds, Q3, job_specialist=name)}
        published = snap.scopes[pseudonyms.label(name)]
        assert {k: f.value for k, f in published.items()} == {k: mine[k].value for k in published}


def test_suppressed_snapshot_agrees_wherever_it_shows_a_value(
    make_profile_journal: JournalFactory,
) -> None:
    journal = _demo(make_profile_journal)
    snap = build_snapshot(journal.dataset(SNAPSHOT_TYPES), Q3, as_of=TODAY)
    expected = {f.key: f for f in all_figures(journal.dataset(INDICATOR_TYPES), Q3)}
    shown = [k for k, f in snap.team.items() if not isinstance(f.value, Suppressed)]
    hidden = [k for k, f in snap.team.items() if isinstance(f.value, Suppressed)]
    assert shown and hidden  # a small demo team has both
    for key in shown:
        assert snap.team[key].value == expected[key].value
    assert snap.excluded == 0


def test_consent_withdrawal_leaves_the_participant_out_and_counts_them(
    make_profile_journal: JournalFactory,
) -> None:
    b = Build()
    for i in range(8):
        pid = b.participant(f"p{i}", js="Anne", entry="2026-02-01")
        b.add("consent", pid, scope="central_reporting", given="2026-02-01")
        b.add("episode", pid, entry="2026-02-01")
    # p0 exits into work in Q3, then withdraws consent to central reporting.
    b.records = [r for r in b.records if not (r.type == "episode" and r.parent == "p0")]
    b.episode("p0", "2026-02-01", "2026-08-15", "ordinary_work")
    before = build_snapshot(b.ds, Q3, as_of=date(2026, 9, 30), threshold=1)
    assert before.team["into_work"].denominator == 1 and before.excluded == 0
    withdrawn = next(r for r in b.records if r.type == "consent" and r.parent == "p0")
    b.records.remove(withdrawn)
    b.add(
        "consent",
        "p0",
        scope="central_reporting",
        given="2026-02-01",
        withdrawn="2026-10-02",
    )
    after = build_snapshot(b.ds, Q3, as_of=date(2026, 10, 3), threshold=1)
    assert after.team["into_work"].value is None  # p0 was the only exit
    assert after.team["caseload"].numerator == 7
    assert after.excluded == 1
    # Threshold 5: the one excluded person is itself a small cell.
    assert build_snapshot(b.ds, Q3, as_of=date(2026, 10, 3)).excluded == Suppressed(5)
    # The withdrawal counts from its day on: a snapshot made before it still includes p0.
    assert build_snapshot(b.ds, Q3, as_of=date(2026, 10, 1), threshold=1).excluded == 0


SENTINEL_NAME = "Xerxes Sentinelsen"
SENTINEL_FNR = "15076500565"
SENTINEL_NOTE = "Han fortalte om hesten Blakken som vant travløpet på Bjerke i fjor."


def test_names_identity_numbers_and_notes_never_reach_a_snapshot(
    make_profile_journal: JournalFactory,
) -> None:
    journal = _demo(make_profile_journal, participants=12)
    pid = journal.create_participant(
        {
            "name": SENTINEL_NAME,
            "national_id": SENTINEL_FNR,
            "birth_date": "1965-07-15",
            "programme": "IPS",
            "job_specialist": "Sigrid Sentinelsdatter",
        }
    )
    journal.add("episode", {"entry": "2026-07-01"}, participant_id=pid)
    journal.add(
        "case_note",
        {"date": "2026-08-03", "topic": "general", "title": "Samtale", "body": SENTINEL_NOTE},
        participant_id=pid,
    )
    employer = journal.add("employer", {"name": "Sentinel Bakeri AS", "org_number": "974760673"})
    journal.add(
        "job",
        {"employer": employer, "title": "Baker", "start": "2026-08-20", "competitive": True},
        participant_id=pid,
    )
    snapshot = publish(journal, Q3, team=TEAM)
    record = journal.store.get(snapshot_id(TEAM.team, "2026-Q3"), audit=False)
    assert record is not None and record.space == "reports:team-a"
    blob = json.dumps(record.fields, ensure_ascii=False)
    for secret in (
        SENTINEL_NAME,
        "Sentinelsen",
        "Sigrid",
        SENTINEL_FNR,
        "1965-07-15",
        "Blakken",
        SENTINEL_NOTE[:30],
        "Sentinel Bakeri",
        "974760673",
        "2026-08-20",
        "Tone Teamleder",
        pid,
        employer,
    ):
        assert secret not in blob, secret
    # Nor any participant's name or id from the demo data.
    for p in journal.participants():
        assert str(p.fields["name"]) not in blob
        assert p.id not in blob
    assert record.fields["figures"] == snapshot.figures


def test_signature_detects_tampering_and_a_foreign_key() -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    def raw(key: Ed25519PrivateKey) -> bytes:
        return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())

    b = Build()
    b.participant("p1", entry="2026-01-01")
    figures = build_snapshot(b.ds, Q3, as_of=TODAY)
    device_key = raw(Ed25519PrivateKey.generate())
    snap = sign(
        Snapshot(
            "t",
            "T",
            "IPS",
            "Øst",
            "2026-Q3",
            1,
            "2026-10-01T08:00:00+02:00",
            figures.canonical(),
            "dev-1",
            "",
        ),
        device_key,
    )
    assert verify(snap).period == "2026-Q3"
    public = base64.b64decode(snap.device_key)
    assert verify(snap, trusted_keys={"dev-1": (public, "t")}).team
    data = json.loads(snap.figures)
    data["scopes"]["team"][0]["value"] = 99.0
    tampered = dataclasses.replace(snap, figures=json.dumps(data))
    with pytest.raises(SnapshotInvalid, match="signature"):
        verify(tampered)
    with pytest.raises(SnapshotInvalid, match="signature"):
        verify(dataclasses.replace(snap, revision=7))
    with pytest.raises(SnapshotInvalid, match="signature"):
        verify(dataclasses.replace(snap, team="other-team"))
    # Re-signed by someone else's key: valid by itself, refused against the enrolled key.
    forged = sign(tampered, raw(Ed25519PrivateKey.generate()))
    assert verify(forged).period == "2026-Q3"
    with pytest.raises(SnapshotInvalid, match="not enrolled"):
        verify(forged, trusted_keys={"dev-1": (public, "t")})
    with pytest.raises(SnapshotInvalid, match="not enrolled"):
        verify(snap, trusted_keys={"dev-2": (public, "t")})


def _signed_for(team: str, device: str, key: bytes) -> Snapshot:
    b = Build()
    b.participant("p1", entry="2026-01-01")
    figures = build_snapshot(b.ds, Q3, as_of=TODAY)
    unsigned = Snapshot(
        team, team, "IPS", "Øst", "2026-Q3", 1, "2026-10-01T08:00:00+02:00",
        figures.canonical(), device, "",
    )  # fmt: skip
    return sign(unsigned, key)


def test_a_lead_vouches_only_for_its_own_teams_snapshots() -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    key = Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )
    public = base64.b64decode(_signed_for("team-a", "lead-a", key).device_key)
    setting = json.dumps({"lead-a": {"key": public.hex(), "team": "team-a"}})
    trusted = trusted_signers_from_setting(setting)
    assert trusted == {"lead-a": (public, "team-a")}
    assert verify(_signed_for("team-a", "lead-a", key), trusted_keys=trusted).period == "2026-Q3"
    # Team A's certified lead signs figures "for" team B: a valid signature, the wrong team.
    with pytest.raises(SnapshotInvalid, match="another team"):
        verify(_signed_for("team-b", "lead-a", key), trusted_keys=trusted)


def test_trusted_signers_setting_that_cannot_be_read_trusts_no_one() -> None:
    good = {"key": "ab" * 32, "team": "t"}
    assert trusted_signers_from_setting(None) == {}
    assert trusted_signers_from_setting("not json") == {}
    assert trusted_signers_from_setting("[1, 2]") == {}
    raw = json.dumps(
        {
            "ok": good,
            "no-team": {"key": "ab" * 32},
            "empty-team": {"key": "ab" * 32, "team": ""},
            "bad-hex": {"key": "zz", "team": "t"},
            "short": {"key": "ab", "team": "t"},
            "old-shape": "ab" * 32,
        }
    )
    assert trusted_signers_from_setting(raw) == {"ok": (bytes.fromhex("ab" * 32), "t")}


def test_publish_replaces_by_revision_and_publish_due_catches_up(
    make_profile_journal: JournalFactory,
) -> None:
    journal = make_profile_journal(role="teamleder", name="Tone Teamleder", today=TODAY)
    b_pid = journal.create_participant({"name": "A B", "programme": "SFJ"})
    journal.add("episode", {"entry": "2026-03-01"}, participant_id=b_pid)
    first = publish(journal, Q3, team=TEAM)
    second = publish(journal, Q3, team=TEAM)
    assert (first.revision, second.revision) == (1, 2)
    records = journal.store.query(record_type="report_snapshot")
    assert [r.id for r in records] == [snapshot_id("team-a", "2026-Q3")]
    assert records[0].fields["revision"] == 2

    due = publish_due(journal, today=TODAY, team=TEAM)
    assert [s.period for s in due] == ["2026-10"]  # Q3 is already there; October closed
    assert publish_due(journal, today=TODAY, team=TEAM) == []
    later = publish_due(journal, today=date(2027, 2, 3), team=TEAM)
    assert [s.period for s in later] == ["2026-11", "2026-12", "2027-01", "2026-Q4"]
    good, bad = load_snapshots(journal.store)
    assert bad == [] and len(good) == 6


def test_only_a_team_lead_publishes(make_profile_journal: JournalFactory) -> None:
    journal = make_profile_journal(role="jobbspesialist")
    assert publish_due(journal, today=TODAY, team=TEAM) == []
    with pytest.raises(AccessDenied):
        publish(journal, Q3, team=TEAM)


def test_publish_due_waits_for_enrolment(make_profile_journal: JournalFactory) -> None:
    journal = make_profile_journal(role="teamleder", today=TODAY)
    assert publish_due(journal) == []  # no server team yet: nothing the server would take
    journal.store.set_setting("sync.team_id", "server-team-7")
    written = publish_due(journal)
    assert [s.period for s in written] == ["2026-10", "2026-Q3"]
    assert {s.team for s in written} == {"server-team-7"}
    assert journal.store.keys.has("reports:server-team-7")


def test_team_info_falls_back_to_the_local_team_and_dominant_programme(
    make_profile_journal: JournalFactory,
) -> None:
    journal = make_profile_journal(role="teamleder")
    for prog in ("SFJ", "SFJ", "IPS"):
        journal.create_participant({"name": "N N", "programme": prog})
    info = team_info(journal)
    assert journal.team_space == f"team:{info.team}"
    assert info.programme == "SFJ" and info.region == ""
    journal.store.set_setting("sync.team_id", "server-team-7")
    journal.store.set_setting("sync.team_region", "Nord")
    info = team_info(journal)
    assert (info.team, info.region) == ("server-team-7", "Nord")


def test_closed_periods() -> None:
    assert closed_periods(None, date(2026, 10, 1), "quarter") == [Period.quarter(2026, 3)]
    assert closed_periods(Period.month(2026, 8), date(2026, 11, 5), "month") == [
        Period.month(2026, 9),
        Period.month(2026, 10),
    ]


def test_pseudonyms_are_stable_numbered_by_digest_and_hold_no_names() -> None:
    p = Pseudonyms(b"x" * 32)
    first = p.labels(["Anne", "Bjørn"])
    assert sorted(first.values()) == ["JS-1", "JS-2"]
    again = Pseudonyms.from_json(p.to_json())
    assert again.labels(["Bjørn", "Cecilie", "Anne"]) == first | {"Cecilie": "JS-3"}
    assert "Anne" not in again.to_json() and "Bjørn" not in again.to_json()
    # Another team's secret numbers the same names independently.
    assert Pseudonyms(b"y" * 32).digest("Anne") != p.digest("Anne")


# ------------------------------------------------------------------ the central view


def _team_snapshot(
    team: str, name: str, programme: str, region: str, period: Period, exits: list[str]
) -> tuple[Snapshot, SnapshotFigures]:
    b = Build()
    for i, reason in enumerate(exits):
        js = ("Anne", "Bjørn")[i % 2]
        b.participant(f"{team}-{i}", js=js, entry="2026-01-05")
        b.records = [r for r in b.records if r.type != "episode" or r.parent != f"{team}-{i}"]
        b.episode(f"{team}-{i}", "2026-01-05", "2026-08-01", reason)
    figures = build_snapshot(b.ds, period, as_of=TODAY)
    snap = Snapshot(
        team,
        name,
        programme,
        region,
        period.label,
        1,
        "2026-10-02T09:00:00+02:00",
        figures.canonical(),
        "dev",
        "",
    )
    return snap, figures


def test_national_totals_are_sums_of_team_counts_and_missing_teams_stay_missing() -> None:
    a = _team_snapshot("a", "Alfa", "IPS", "Øst", Q3, ["ordinary_work"] * 9 + ["dropped_out"] * 6)
    b = _team_snapshot("b", "Beta", "SFJ", "Vest", Q3, ["education"] * 20 + ["health"] * 5)
    q2 = Period.quarter(2026, 2)
    c_old = _team_snapshot("c", "Gamma", "IPS", "Vest", q2, ["ordinary_work"] * 5)
    data = CentralData.from_snapshots([a, b, c_old])
    rows = data.rows("2026-Q3")
    assert [(r.team.name, r.missing) for r in rows] == [
        ("Alfa", False),
        ("Beta", False),
        ("Gamma", True),
    ]
    assert rows[2].value("into_work") is MISSING
    nat = data.national("into_work", "2026-Q3")
    assert (nat.numerator, nat.denominator) == (29.0, 40.0)
    assert nat.value == pytest.approx(100 * 29 / 40)
    # Not the mean of the shares (60 % and 80 %).
    assert nat.value != pytest.approx((60 + 80) / 2)
    assert nat.teams_counted == 2 and nat.teams_missing == 1 and nat.partial
    # Filters: programme and region.
    ips = data.national("into_work", "2026-Q3", Filters(programmes=frozenset({"IPS"})))
    assert (ips.numerator, ips.denominator, ips.teams_missing) == (9.0, 15.0, 1)
    west = data.rows("2026-Q3", Filters(regions=frozenset({"Vest"})))
    assert [r.team.name for r in west] == ["Beta", "Gamma"]
    trend = data.trend("into_work", ["2026-Q2", "2026-Q3"])
    # Gamma reported Q2 with no exits (None: nothing to measure), and not Q3 (missing).
    assert trend["c"] == [None, MISSING]
    assert is_number(trend["b"][1])
    assert trend["a"][0] is MISSING


def test_a_suppressed_team_cell_is_left_out_of_the_total_and_said_so() -> None:
    a = _team_snapshot("a", "Alfa", "IPS", "Øst", Q3, ["ordinary_work"] * 9 + ["dropped_out"] * 6)
    small = _team_snapshot("s", "Liten", "IPS", "Øst", Q3, ["ordinary_work"] * 3)
    data = CentralData.from_snapshots([a, small])
    nat = data.national("into_work", "2026-Q3")
    assert (nat.numerator, nat.denominator) == (9.0, 15.0)
    assert nat.teams_suppressed == 1 and nat.teams_counted == 1


def test_a_newer_revision_wins(make_profile_journal: JournalFactory) -> None:
    s1, f1 = _team_snapshot("a", "Alfa", "IPS", "Øst", Q3, ["ordinary_work"] * 6)
    s2, f2 = _team_snapshot("a", "Alfa", "IPS", "Øst", Q3, ["ordinary_work"] * 8)
    s2 = dataclasses.replace(s2, revision=2)
    data = CentralData.from_snapshots([(s2, f2), (s1, f1)])
    assert data.rows("2026-Q3")[0].figure("into_work").denominator == 8  # type: ignore[union-attr]


# ------------------------------------------------------------------ what is published


@pytest.mark.parametrize(
    "text",
    [
        "2026-07-10..2026-07-10",  # one day
        "2026-07-01..2026-08-31",  # two months
        "2025",  # a year
        "2026-11",  # the month in progress (today is 23 November)
        "2026-Q4",  # the quarter in progress
        "2026-12",  # a month to come
    ],
)
def test_publish_refuses_anything_but_a_closed_month_or_quarter(
    make_profile_journal: JournalFactory, text: str
) -> None:
    journal = make_profile_journal(role="teamleder", today=TODAY)
    with pytest.raises(NotAPublishablePeriod):
        publish(journal, Period.parse(text), team=TEAM)
    assert journal.store.query(record_type="report_snapshot") == []


def test_publish_takes_a_closed_month_or_quarter_however_it_is_spelt(
    make_profile_journal: JournalFactory,
) -> None:
    journal = make_profile_journal(role="teamleder", today=TODAY)
    assert publish(journal, Period.parse("2026-10"), team=TEAM).period == "2026-10"
    assert publish(journal, Period.parse("2026-07-01..2026-09-30"), team=TEAM).period == "2026-Q3"
    # The last day of a month is still in it: October closes on 1 November.
    with pytest.raises(NotAPublishablePeriod, match="from 2026-11-01"):
        publish(journal, Period.parse("2026-10"), team=TEAM, today=date(2026, 10, 31))


def test_the_central_teams_own_lead_publishes_nothing(
    make_profile_journal: JournalFactory,
) -> None:
    journal = make_profile_journal(role="teamleder", today=TODAY)
    journal.create_participant({"name": "A B", "programme": "SFJ"})
    journal.store.set_setting("sync.team_id", "central-team")
    journal.store.set_setting("sync.team_is_central", "1")
    assert publish_due(journal) == []
    assert publish_due(journal, team=TEAM) == []
    with pytest.raises(AccessDenied, match="central team"):
        publish(journal, Q3)
    assert journal.store.query(record_type="report_snapshot") == []
    # Any other value is an ordinary team's lead.
    journal.store.set_setting("sync.team_is_central", "0")
    assert [s.period for s in publish_due(journal)] == ["2026-10", "2026-Q3"]


def test_publish_due_decrypts_the_dataset_once_for_all_the_periods_due(
    make_profile_journal: JournalFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = _demo(make_profile_journal, participants=8)
    journal.store.set_setting("sync.team_id", "team-a")
    first = publish_due(journal, today=date(2025, 12, 1), team=TEAM)
    assert [s.period for s in first] == ["2025-11", "2025-Q3"]
    calls: list[frozenset[str] | None] = []
    original = journal.dataset

    def counting(types: frozenset[str] | None = None) -> Any:
        calls.append(types)
        return original(types)

    monkeypatch.setattr(journal, "dataset", counting)
    later = publish_due(journal, today=TODAY, team=TEAM)
    assert len(later) == 15  # December 2025 to October 2026, and four quarters
    assert calls == [SNAPSHOT_TYPES]
    assert publish_due(journal, today=TODAY, team=TEAM) == []
    assert len(calls) == 1  # nothing due: nothing decrypted


def test_the_published_caseload_divides_by_the_team_s_job_specialists(
    make_profile_journal: JournalFactory,
) -> None:
    # The demo keeps a device directory (its job specialists, therapists, this lead, who
    # carries a caseload); a therapist logs an employer visit under her own name.
    journal = _demo(make_profile_journal)
    therapist = next(p.name for p in team_people(journal) if p.role == "terapeut")
    employer = journal.add("employer", {"name": "Bakeriet"})
    log_visit(journal, employer=employer, day="2026-08-12", by=therapist)
    screen = {f.key: f for f in indicator_figures(journal, period=Q3).figures}
    divisor = {p.key: p.value for p in screen["caseload"].parts}
    assert divisor and therapist not in divisor
    # Counting everyone named (a laptop without a directory) would add her 1.0.
    (everyone,) = [
        f for f in all_figures(journal.dataset(INDICATOR_TYPES), Q3) if f.key == "caseload"
    ]
    assert everyone.denominator == pytest.approx(screen["caseload"].denominator + 1.0)
    snap = publish(journal, Q3, team=TEAM, threshold=1)
    published = snap.content().team
    for key in ("caseload", "job_development"):
        assert published[key].value == pytest.approx(screen[key].value), key
        assert published[key].denominator == pytest.approx(screen[key].denominator), key
    assert not any(name in snap.figures for name in divisor)  # the FTE leaves, not the names
