"""The operations the window and the command line share: same profile, same answers."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import keyring
import pytest

from app.cli.kinds import RECORD_KINDS, kind_text
from app.domain.schema import ENTITIES
from app.indicators import Period
from app.journal import Journal
from app.operations.access import access_log
from app.operations.caseload import caseload, participants
from app.operations.consent import consent_counts
from app.operations.employers import employer_details, employer_register
from app.operations.meetings import ConsentMissing, may_share, meeting_summary
from app.operations.reports import ReportCancelled, build_report
from app.operations.search import search
from app.words import use_language
from storage.profile import Profile
from storage.store import Record
from tests.app.conftest import JournalFactory
from tests.storage.keyring_backends import ENV_VAR, JsonFileTestKeyring
from tests.support.cli import PASS, cli_env, run
from ui.labels import TYPE_LABELS as TYPE_LABEL_SOURCES

TODAY = date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A demo profile made by the CLI, which this process can open with the same keyring."""
    e = cli_env(tmp_path)
    r = run(e, "--json", "demo", "--participants", "8", "--seed", "5")
    assert r.returncode == 0, r.stderr
    monkeypatch.setenv(ENV_VAR, e[ENV_VAR])
    monkeypatch.setattr(keyring, "get_keyring", JsonFileTestKeyring)
    yield e


def _open(env: dict[str, str]) -> Journal:
    return Journal(Profile(Path(env["FELTJOURNAL_PROFILE"])).unlock(PASS))


def _cli_json(env: dict[str, str], *args: str) -> dict[str, object]:
    r = run(env, "--json", *args)
    assert r.returncode == 0, r.stderr
    data: dict[str, object] = json.loads(r.stdout)
    return data


def _damage_one_employer(env: dict[str, str]) -> str:
    """Flip a byte in one employer's stored envelope, as a damaged disk would."""
    journal = _open(env)
    try:
        victim = employer_register(journal)[0].id
        conn = journal.store.conn
        (blob,) = conn.execute("SELECT content FROM records WHERE id = ?", (victim,)).fetchone()
        damaged = bytearray(blob)
        damaged[len(damaged) // 2] ^= 0x01
        conn.execute("UPDATE records SET content = ? WHERE id = ?", (bytes(damaged), victim))
    finally:
        journal.store.lock()
    return victim


def test_cli_employers_are_the_registers_rows_without_damaged_ones(env: dict[str, str]) -> None:
    victim = _damage_one_employer(env)
    listed = _cli_json(env, "employers")["employers"]
    journal = _open(env)
    try:
        register = employer_register(journal)
    finally:
        journal.store.lock()
    expected = [
        {
            "id": e.id,
            "name": e.name,
            "org_number": e.org_number,
            "industry": e.industry,
            "last_contact": e.last_contact,
            "contacts": e.contacts,
        }
        for e in register
    ]
    assert listed == expected
    assert register and any(e.contacts for e in register)
    assert victim not in {e.id for e in register}  # the screen's filter, in the CLI too


def test_cli_participants_are_the_operations_lines(env: dict[str, str]) -> None:
    everyone = _cli_json(env, "participants")["participants"]
    journal = _open(env)
    try:
        lines = participants(journal)
        active = {r.participant_id for r in caseload(journal)}
    finally:
        journal.store.lock()
    assert everyone == [
        {
            "id": p.id,
            "name": p.name,
            "programme": p.programme,
            "status": p.status,
            "job_specialist": p.job_specialist,
            "days_to_first_employer_contact": p.days_to_first_employer_contact,
        }
        for p in lines
    ]
    assert len(lines) == 8 and active == {p.id for p in lines if p.in_caseload}


def test_cli_search_finds_what_the_caseload_filter_finds(env: dict[str, str]) -> None:
    journal = _open(env)
    try:
        word = participants(journal)[0].name.split()[0]
        hits = search(journal, text=word, limit=50)
    finally:
        journal.store.lock()
    found = _cli_json(env, "search", word)["hits"]
    assert hits and isinstance(found, list)
    assert [(f["id"], f["type"], f["parent"], f["name"], f["snippet"]) for f in found] == [
        (h.id, h.type, h.parent, h.name, h.snippet.text) for h in hits
    ]


def test_cli_search_says_whose_what_when_and_why(env: dict[str, str]) -> None:
    journal = _open(env)
    try:
        pid = journal.create_participant({"name": "Berit Testdal", "programme": "IPS"})
        note = journal.add(
            "case_note",
            {
                "date": "2026-11-20",
                "title": "Samtale",
                "body": "Vi snakket om søvn.\nHun vil prøve turnusarbeid på sykehjemmet.",
            },
            participant_id=pid,
        )
    finally:
        journal.store.lock()
    r = run(env, "search", "turnus syke")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "Berit Testdal · Notat · 20.11.2026",
        "    Vi snakket om søvn. Hun vil prøve *turnusarbeid* på *sykehjemmet*.",
    ]
    assert pid not in r.stdout and note not in r.stdout  # words, not ids
    (hit,) = _cli_json(env, "search", "turnus syke")["hits"]  # type: ignore[misc]
    assert (hit["id"], hit["participant_id"], hit["kind"], hit["date"]) == (
        note,
        pid,
        "Notat",
        "2026-11-20",
    )
    assert hit["matched"] == ["turnusarbeid", "sykehjemmet"]
    # The words of every kind are the window's, in bokmål and in English.
    assert set(RECORD_KINDS) == set(ENTITIES)
    assert {k: str(v) for k, v in TYPE_LABEL_SOURCES.items()} == RECORD_KINDS
    window = _bokmal_labels()
    use_language("nb")
    assert {k: window[str(v)] for k, v in TYPE_LABEL_SOURCES.items()} == {
        k: kind_text(k) for k in RECORD_KINDS
    }


def _bokmal_labels() -> dict[str, str]:
    root = ElementTree.parse(ROOT / "resources/translations/feltjournal_nb.ts").getroot()
    out: dict[str, str] = {}
    for context in root:
        if context.findtext("name") == "Labels":
            for m in context.findall("message"):
                out[m.findtext("source") or ""] = m.findtext("translation") or ""
    return out


def test_cli_indicators_are_the_report_screens_figures(env: dict[str, str]) -> None:
    shown = _cli_json(env, "indicators", "--period", "2026")
    journal = _open(env)
    try:
        report = build_report(journal, period=Period.year(2026))
    finally:
        journal.store.lock()
    assert [(f["key"], f["value"], f["numerator"], f["denominator"]) for f in shown["figures"]] == [
        (f.key, f.value, f.numerator, f.denominator) for f in report.figures
    ]
    assert (shown["fidelity_points"], shown["fidelity_items_scored"]) == (
        report.total.points,
        report.total.items_scored,
    )
    assert any(f.value for f in report.figures)


# ------------------------------------------------------------- in-process


def test_employer_details_name_a_participant_only_with_consent(
    make_profile_journal: JournalFactory,
) -> None:
    j = make_profile_journal()
    emp = j.add("employer", {"name": "Bakeriet", "org_number": "974760673"})
    j.add("employer_contact_person", {"name": "Siri Sjef"}, parent=emp)
    named = j.create_participant({"name": "Ada Open", "programme": "IPS"})
    hidden = j.create_participant({"name": "Bo Skjult", "programme": "IPS"})
    j.add(
        "consent",
        {"scope": "employer", "employer": emp, "given": "2026-10-01"},
        participant_id=named,
    )
    j.add("disclosure_plan", {"level": "open", "discussed": "2026-10-01"}, participant_id=named)
    for pid, day in ((named, "2026-11-02"), (hidden, "2026-11-05")):
        j.add(
            "employer_contact",
            {"employer": emp, "date": day, "mode": "face_to_face", "purpose": "client_specific"},
            participant_id=pid,
        )
    (line,) = employer_register(j)
    assert (line.name, line.contacts, line.last_contact) == ("Bakeriet", 2, "2026-11-05")
    details = employer_details(j, employer_id=emp)
    assert [p.fields["name"] for p in details.persons] == ["Siri Sjef"]
    assert [(v.item.fields["date"], v.participant_label) for v in details.visits] == [
        ("2026-11-05", None),
        ("2026-11-02", "Ada Open"),
    ]
    with pytest.raises(TypeError):
        line.fields["name"] = "Annet"  # type: ignore[index] - a read model is read-only
    assert not isinstance(details.persons[0], Record)


def test_access_log_names_the_types_of_records_it_lists(
    make_profile_journal: JournalFactory,
) -> None:
    j = make_profile_journal()
    pid = j.create_participant({"name": "Ada", "programme": "IPS"})
    goal = j.add("goal", {"title": "Jobb i bakeri"}, participant_id=pid)
    j.delete(goal)
    log = access_log(j, participant_id=pid)
    assert {e.record_id for e in log.entries} >= {pid, goal}
    assert (log.types[pid], log.types[goal]) == ("participant", "goal")
    assert [e.seq for e in log.entries] == sorted(e.seq for e in log.entries)


def _consent(**fields: object) -> Record:
    return Record(id="c", type="consent", parent="p", space="work:p", fields=dict(fields))


@pytest.mark.parametrize(
    ("fields", "scope", "employer", "counts"),
    [
        ({"scope": "family", "given": "2026-11-23"}, "family", None, True),
        ({"scope": "family", "given": "2026-11-24"}, "family", None, False),  # not yet
        ({"scope": "family", "given": None}, "family", None, False),  # undated: not assumed
        ({"scope": "family", "given": ""}, "family", None, False),
        (
            {"scope": "family", "given": "2026-01-01", "withdrawn": "2026-11-23"},
            "family",
            None,
            False,
        ),
        (
            {"scope": "family", "given": "2026-01-01", "withdrawn": "2026-11-24"},
            "family",
            None,
            True,
        ),
        ({"scope": "nav", "given": "2026-01-01"}, "family", None, False),
        ({"scope": "employer", "given": "2026-01-01"}, "employer", "e1", True),  # all employers
        ({"scope": "employer", "employer": "e1", "given": "2026-01-01"}, "employer", "e1", True),
        ({"scope": "employer", "employer": "e2", "given": "2026-01-01"}, "employer", "e1", False),
    ],
)
def test_when_a_consent_counts(
    fields: dict[str, object], scope: str, employer: str | None, counts: bool
) -> None:
    assert (
        consent_counts(_consent(**fields), scope=scope, today=TODAY, employer_id=employer) is counts
    )


def test_read_models_are_frozen() -> None:
    from app.operations.caseload import ParticipantLine

    line = ParticipantLine("p", "Ada", "IPS", "aktiv", "Kari", True, 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.name = "Bo"  # type: ignore[misc]


def test_a_report_names_records_read_only_and_stops_when_cancelled(
    make_profile_journal: JournalFactory,
) -> None:
    j = make_profile_journal()
    pid = j.create_participant({"name": "Ada", "programme": "IPS"})
    report = build_report(j, period=Period.year(2026))
    assert report.records[pid].fields["name"] == "Ada"
    assert not isinstance(report.records[pid], Record)
    with pytest.raises(TypeError):
        report.records[pid].fields["name"] = "Bo"  # type: ignore[index]
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(ReportCancelled):
        build_report(j, period=Period.year(2026), cancelled=cancelled)
    assert len(asked) == 2  # stopped at the second step, not after all of them


def test_a_summary_may_go_only_where_a_consent_counts_today(
    make_profile_journal: JournalFactory,
) -> None:
    j = make_profile_journal()  # today is 2026-11-23
    pid = j.create_participant({"name": "Ada", "programme": "IPS"})
    emp = j.add("employer", {"name": "Bakeriet", "org_number": "974760673"})
    j.add(
        "consent",
        {"scope": "family", "given": "2026-01-01", "withdrawn": "2026-11-23"},
        participant_id=pid,
    )
    j.add("consent", {"scope": "gp", "given": "2026-11-23"}, participant_id=pid)
    j.add("consent", {"scope": "employer", "given": "2026-01-01"}, participant_id=pid)

    def may(audience: str, employer_id: str | None = None) -> bool:
        return may_share(j, participant_id=pid, audience=audience, employer_id=employer_id)

    assert (may("family"), may("gp"), may("nav")) == (False, True, False)
    assert not may("employer")  # which employer must be said
    assert not may("employer", emp)  # a consent, but no disclosure plan yet
    j.add("disclosure_plan", {"level": "open", "discussed": "2026-11-01"}, participant_id=pid)
    assert may("employer", emp) and j.may_name_to_employer(pid, emp)


def test_a_meeting_summary_is_unformatted_and_an_employers_copy_names_only_that_employer(
    make_profile_journal: JournalFactory,
) -> None:
    j = make_profile_journal()  # today is 2026-11-23
    pid = j.create_participant({"name": "Ada", "programme": "IPS"})
    mine = j.add("employer", {"name": "Bakeriet", "org_number": "974760673"})
    other = j.add("employer", {"name": "Rema", "org_number": "889640782"})
    for emp, title in ((mine, "Baker"), (other, "Kasserer")):
        j.add(
            "job",
            {"title": title, "employer": emp, "start": "2026-10-01", "hours_per_week": 37.5},
            participant_id=pid,
        )
    with pytest.raises(ConsentMissing):
        meeting_summary(j, participant_id=pid, audience="employer", employer_id=mine)
    j.add(
        "consent",
        {"scope": "employer", "employer": mine, "given": "2026-11-01"},
        participant_id=pid,
    )
    j.add("disclosure_plan", {"level": "open", "discussed": "2026-11-01"}, participant_id=pid)
    data = meeting_summary(j, participant_id=pid, audience="employer", employer_id=mine)
    # An employer's copy does not say which programme (app/domain/sharing.py).
    assert (data.name, data.programme, data.made_on) == ("Ada", None, TODAY)
    assert [(job.title, job.employer, job.start, job.hours_per_week) for job in data.jobs] == [
        ("Baker", "Bakeriet", "2026-10-01", 37.5)
    ]
    with pytest.raises(ValueError):
        meeting_summary(j, participant_id=pid, audience="naboen")
