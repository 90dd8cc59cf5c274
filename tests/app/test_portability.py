"""JSON export/import (lossless, validated, atomic) and the CSV import of employer contacts."""

from __future__ import annotations

import copy
import json
import stat
from pathlib import Path
from typing import Any

import pytest

from app.domain.access import LEAD_ONLY_TYPES, work_space
from app.domain.identifiers import org_number_check_digit
from app.domain.schema import CLINICAL_TYPES, ENTITIES
from app.journal import Journal
from app.portability import (
    FORMAT_VERSION,
    ImportRejected,
    export_json,
    import_employer_contacts_csv,
    import_json,
    import_json_file,
    read_export,
    write_export,
)
from storage.store import RecordStore
from tests.app.conftest import JournalFactory

FNR = "01019010046"  # valid check digits (see test_journal)


def _org(first8: str) -> str:
    check = org_number_check_digit(first8)
    assert check is not None
    return f"{first8}{check}"


ORG_A = _org("91234568")
ORG_B = _org("98765432")
ORG_C = _org("81726354")
ORG_A_SPACED = f"{ORG_A[:3]} {ORG_A[3:6]} {ORG_A[6:]}"


def _every_type(j: Journal) -> dict[str, str]:
    """One record of every type, by hand, on a therapist's profile; returns type -> id."""
    ids: dict[str, str] = {}
    pid = j.create_participant(
        {
            "name": "Åse Ødegård",
            "birth_date": "1990-01-01",
            "national_id": FNR,
            "phone": "+47 412 34 567",
            "programme": "SFJ",
            "therapist": j.user_name,
            "nav_office": "NAV Grünerløkka",
            "nav_counsellor": "Nils Nav",
            "gp": "Dr. Grete Lege",
            "preferences": "Deltid, dagtid",
        }
    )
    ids["participant"] = pid
    emp = j.add(
        "employer",
        {
            "org_number": ORG_A,
            "name": "Bakeriet på hjørnet AS",
            "industry": "Næringsmiddel",
            "address": "Storgata 1, 0182 Oslo",
            "phone": "22 33 44 55",
            "notes": "Positiv til arbeidstrening.\nSpør etter Berit.",
        },
    )
    ids["employer"] = emp

    def add(record_type: str, values: dict[str, Any], **kw: Any) -> str:
        rid = j.add(record_type, values, **kw)
        ids[record_type] = rid
        return rid

    add(
        "employer_contact_person",
        {"name": "Berit Sjef", "role": "Daglig leder", "email": "berit@bakeriet.example.no"},
        parent=emp,
    )
    add(
        "team_employer_contact",
        {"date": "2026-10-01", "mode": "face_to_face", "purpose": "job_development", "minutes": 30},
        parent=emp,
    )
    add("activity", {"date": "2026-11-02", "minutes": 240, "location": "community"})
    add(
        "referral",
        {
            "source": "self",
            "received": "2026-01-10",
            "decision": "accepted",
            "decided": "2026-01-15",
        },
        participant_id=pid,
    )
    add(
        "episode",
        {"entry": "2026-01-20", "exit": "2026-10-01", "exit_reason": "ordinary_work"},
        participant_id=pid,
    )
    add(
        "consent",
        {"scope": "employer", "employer": emp, "given": "2026-02-01", "withdrawn": "2026-09-01"},
        participant_id=pid,
    )
    add(
        "disclosure_plan",
        {"level": "partial", "discussed": "2026-02-01", "wording": "Sier at jeg har vært syk."},
        participant_id=pid,
    )
    add(
        "career_profile",
        {
            "version": 2,
            "updated": "2026-02-10",
            "interests": "Baking 🍞 og kaffe",
            "strengths": "Nøyaktig",
        },
        participant_id=pid,
    )
    add(
        "job_search_plan",
        {
            "strategies": ["joint_visits", "own_network"],
            "target_employers": ["Bakeriet"],
            "summary": "Søke bakerier",
        },
        participant_id=pid,
    )
    goal = add("goal", {"title": "Jobb i bakeri", "order": 0}, participant_id=pid)
    sub = j.add("goal", {"title": "Lage CV", "order": 1, "parent_goal": goal}, participant_id=pid)
    add(
        "action",
        {
            "goal": sub,
            "description": "Skrive CV",
            "owner": "participant",
            "due": "2026-03-01",
            "status": "done",
        },
        participant_id=pid,
    )
    add(
        "case_note",
        {
            "date": "2026-03-01",
            "topic": "disclosure",
            "title": "Åpenhet",
            "body": "Lang samtale om åpenhet.",
        },
        participant_id=pid,
    )
    session = add(
        "therapy_session",
        {"date": "2026-03-02", "number": 1, "body": "Time 1: automatiske tanker."},
        participant_id=pid,
    )
    j.sign(session)
    add(
        "therapy_addendum",
        {"session": session, "date": "2026-03-05", "body": "Tillegg: feil dato for hjemmeoppgave."},
        participant_id=pid,
    )
    add(
        "cbt_worksheet",
        {
            "date": "2026-03-03",
            "situation": "Ringe arbeidsgiver",
            "thought": "De synes jeg er rar",
            "feeling": "Angst",
            "intensity": 80,
            "bodily_reaction": "Hjertebank",
            "behaviour": "Utsatte",
            "alternative_thought": "Det er vanlig å være nervøs",
            "intensity_after": 40,
        },
        participant_id=pid,
    )
    add(
        "exposure_plan",
        {
            "title": "Telefon",
            "steps": [
                {"step": "Ringe venn", "expected_distress": 20},
                {"step": "Ringe butikk", "expected_distress": 40},
            ],
            "attempts": [{"step": 0, "date": "2026-03-04", "before": 30, "peak": 50, "after": 10}],
        },
        participant_id=pid,
    )
    add(
        "employer_contact",
        {
            "employer": emp,
            "date": "2026-02-05",
            "mode": "face_to_face",
            "purpose": "client_specific",
            "job_specialist": "Kari Jobb",
            "participant_present": True,
            "matches_preferences": True,
            "competitive_job": True,
            "minutes": 45,
            "outcome": "Avtalt hospitering",
            "next_step": "Følge opp",
        },
        participant_id=pid,
    )
    add(
        "meeting",
        {"date": "2026-04-01", "attendees": ["participant", "nav", "therapist"], "goals": "Jobb"},
        participant_id=pid,
    )
    job = add(
        "job",
        {
            "employer": emp,
            "title": "Bakerassistent",
            "occupation_code": "7512",
            "start": "2026-05-01",
            "hours_per_week": 22.5,
            "competitive": True,
            "wage_subsidy": False,
        },
        participant_id=pid,
    )
    add(
        "follow_along",
        {
            "job": job,
            "date": "2026-05-15",
            "mode": "phone",
            "outside_workplace": True,
            "note": "Går fint",
        },
        participant_id=pid,
    )
    add(
        "self_assessment",
        {"kind": "start", "date": "2026-01-25", "scores": [{"item": "Motivasjon", "score": 6}]},
        participant_id=pid,
    )
    add("outcome_6m", {"date": "2026-07-20", "status": "work_or_education"}, participant_id=pid)
    # A deleted record travels too, flagged.
    gone = j.add("case_note", {"date": "2026-03-09", "body": "Slettet notat"}, participant_id=pid)
    j.delete(gone)
    ids["deleted"] = gone
    # An edited text, a text emptied, and a cleared register.
    j.update(ids["case_note"], {"body": "Lang samtale om åpenhet, redigert.", "title": None})
    j.update(ids["disclosure_plan"], {"wording": ""})
    # The team's settings are a team lead's to write (test_a_team_setting_travels_…).
    assert set(ENTITIES) - LEAD_ONLY_TYPES <= set(ids)
    return ids


def _records(data: dict[str, Any]) -> list[dict[str, Any]]:
    return list(data["records"])


def test_round_trip_of_every_type(make_profile_journal: JournalFactory, tmp_path: Path) -> None:
    source = make_profile_journal("terapeut", "Tore Terapeut")
    ids = _every_type(source)
    path = write_export(source, tmp_path / "eksport.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = read_export(path)
    assert first["format_version"] == FORMAT_VERSION and first["unreadable"] == []
    assert {r["type"] for r in _records(first)} == set(ENTITIES) - LEAD_ONLY_TYPES
    by_id = {r["id"]: r for r in _records(first)}
    assert by_id[ids["disclosure_plan"]]["fields"]["wording"] == ""
    assert by_id[ids["case_note"]]["fields"]["title"] is None
    deleted = [r for r in _records(first) if r["deleted"]]
    assert [r["id"] for r in deleted] == [ids["deleted"]]
    assert [e for e in source.store.audit_entries() if e.action == "export"][-1].detail == "json"

    target = make_profile_journal("terapeut", "Tore Terapeut")
    events: list[object] = []
    target.subscribe(events.append)
    report = import_json_file(target, path)
    assert report.total == len(_records(first)) and report.deleted == 1
    assert report.skipped == {}
    assert events  # views are told
    second = export_json(target)
    assert _records(second) == _records(first)
    # Ids, parents and spaces are kept; the session is still signed and immutable.
    session = target.get(ids["therapy_session"])
    assert session.fields["signed"] and session.space == f"clinical:{ids['participant']}"
    assert target.get(ids["employer"]).space == target.team_space
    assert target.search("hospitering")  # the search index is maintained
    assert [e for e in target.store.audit_entries() if e.action == "import"]


def test_team_lead_records_round_trip_only_into_a_team_lead_s_profile(
    make_profile_journal: JournalFactory,
) -> None:
    from app.indicators import Period
    from app.operations.team_settings import (
        fidelity_review,
        save_fidelity_review,
        set_nav_excluded_reasons,
        team_settings,
    )

    q3 = Period.quarter(2026, 3)
    lead = make_profile_journal("teamleder", "Tove Leder")
    save_fidelity_review(lead, period=q3, scores={"supervisor_role": 4})
    set_nav_excluded_reasons(lead, reasons=["health"])
    data = export_json(lead)
    assert {r["type"] for r in _records(data)} == {"team_settings", "fidelity_review"}
    other_lead = make_profile_journal("teamleder", "Trine Leder")
    assert import_json(other_lead, data).total == 2
    review = fidelity_review(other_lead, period=q3)
    assert review is not None and dict(review.scores) == {"supervisor_role": 4}
    assert team_settings(other_lead).nav_excluded_exit_reasons == ("health",)
    specialist = make_profile_journal("jobbspesialist", "Kari Jobb")
    with pytest.raises(ImportRejected) as refused:
        import_json(specialist, data)
    assert "may be imported only by a team lead" in str(refused.value)
    assert team_settings(specialist).record_id is None


def _share(space: str, source: RecordStore, *targets: RecordStore) -> None:
    for t in targets:
        t.keys.add(space, 1, source.keys.key(space, 1))


def _exchange(a: RecordStore, b: RecordStore) -> None:
    changes = a.all_changes() + b.all_changes()
    a.apply_changes(changes)
    b.apply_changes(changes)


def test_losing_values_and_resurrected_records_round_trip(
    make_profile_journal: JournalFactory,
) -> None:
    a = make_profile_journal(name="Kari Jobb")
    b = make_profile_journal(name="Kari Jobb")
    pid = a.create_participant({"name": "Per Hansen", "programme": "IPS", "phone": "400 00 000"})
    note = a.add("case_note", {"date": "2026-11-01", "body": "Første versjon"}, participant_id=pid)
    _share(work_space(pid), a.store, b.store)
    _exchange(a.store, b.store)
    a.update(pid, {"phone": "411 11 111"})  # two machines, offline, same field
    b.update(pid, {"phone": "422 22 222"})
    a.delete(note)  # deleted on one machine while edited on the other
    b.update(note, {"body": "Andre versjon"})
    _exchange(a.store, b.store)
    assert a.get(pid).conflicted and a.get(note).resurrected

    exported = export_json(a)
    by_id = {r["id"]: r for r in exported["records"]}
    assert len(by_id[pid]["losing"]) == 1 and by_id[note]["resurrected"]
    losing_phone = by_id[pid]["losing"][0]["value"]
    assert losing_phone in ("411 11 111", "422 22 222")
    assert losing_phone != by_id[pid]["fields"]["phone"]

    target = make_profile_journal(name="Kari Jobb")
    report = import_json(target, exported)
    assert report.losing_values == 1 and report.resurrected == 1
    again = export_json(target)
    assert again["records"] == exported["records"]
    assert [lv.value for lv in target.losing_values(pid)] == [losing_phone]
    assert target.store.outbox_size() > 0  # the records themselves sync as usual


def test_job_specialist_import_skips_clinical_records(make_profile_journal: JournalFactory) -> None:
    therapist = make_profile_journal("terapeut", "Tore Terapeut")
    _every_type(therapist)
    data = export_json(therapist)
    specialist = make_profile_journal("jobbspesialist", "Kari Jobb")
    report = import_json(specialist, data)
    assert set(report.skipped) == CLINICAL_TYPES
    assert not set(report.created) & CLINICAL_TYPES
    assert specialist.store.count() == report.total - report.deleted
    assert not any(
        specialist.store.keys.has(s)
        for s in specialist.store.keys.spaces()
        if s.startswith("clinical:")
    )
    assert {r["type"] for r in export_json(specialist)["records"]} == (
        set(ENTITIES) - CLINICAL_TYPES - LEAD_ONLY_TYPES
    )


def _state(j: Journal) -> tuple[int, list[str]]:
    return len(j.store.query(include_deleted=True, readable_only=False)), j.store.keys.spaces()


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda d: d.update(format_version=2), "format version"),
        (lambda d: d.update(format="something else"), "not a Feltjournal export"),
        (lambda d: d.update(records={"not": "a list"}), "its list of records is not a list"),
        (lambda d: d["records"].append("not an object"), "not an object"),
        (lambda d: d["records"][-1].update(type="diary"), "unknown record type"),
        (lambda d: d["records"][-1].update(id="123"), "has no UUID as its id"),
        (lambda d: d["records"][-1]["fields"].update(shoe_size=44), "shoe_size"),
        (lambda d: d["records"].append(copy.deepcopy(d["records"][0])), "occurs twice"),
        (
            lambda d: d["records"][-1].update(parent="01900000-0000-7000-8000-000000000000"),
            "participant",
        ),
    ],
)
def test_bad_file_changes_nothing(
    make_profile_journal: JournalFactory, damage: Any, expected: str
) -> None:
    source = make_profile_journal("terapeut", "Tore Terapeut")
    _every_type(source)
    data = export_json(source)
    # Participants and employers sort early by id; the damaged record is the last one.
    data["records"].sort(key=lambda r: r["type"] != "participant")
    damage(data)
    target = make_profile_journal("terapeut", "Tore Terapeut")
    before = _state(target)
    with pytest.raises(ImportRejected) as err:
        import_json(target, data)
    assert expected in str(err.value)
    assert _state(target) == before


def test_invalid_field_in_the_last_record_is_named_without_its_value(
    make_profile_journal: JournalFactory,
) -> None:
    source = make_profile_journal()
    pid = source.create_participant({"name": "Per", "programme": "IPS"})
    for n in range(5):
        source.add("case_note", {"date": f"2026-10-0{n + 1}", "body": "x"}, participant_id=pid)
    data = export_json(source)
    participant = next(r for r in data["records"] if r["type"] == "participant")
    data["records"].remove(participant)
    participant["fields"]["national_id"] = "01019010047"  # wrong check digit
    data["records"].append(participant)
    target = make_profile_journal()
    with pytest.raises(ImportRejected) as err:
        import_json(target, data)
    assert any("national_id" in p and "check digit" in p for p in err.value.problems)
    assert "01019010047" not in str(err.value)
    assert target.store.count() == 0


def test_failure_while_writing_rolls_everything_back(
    make_profile_journal: JournalFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = make_profile_journal("terapeut", "Tore Terapeut")
    _every_type(source)
    data = export_json(source)
    target = make_profile_journal("terapeut", "Tore Terapeut")
    before = _state(target)
    audit_before = len(target.store.audit_entries())
    real_put = target.store.put
    calls = {"n": 0}
    last = len(data["records"])

    def failing_put(*args: Any, **kwargs: Any) -> str:
        calls["n"] += 1
        if calls["n"] >= last:  # the last record's write fails (disk full, say)
            raise OSError("disk full")
        return real_put(*args, **kwargs)

    monkeypatch.setattr(target.store, "put", failing_put)
    with pytest.raises(OSError, match="disk full"):
        import_json(target, data)
    assert calls["n"] >= last
    assert _state(target) == before  # no record, no new space key
    assert len(target.store.audit_entries()) == audit_before
    monkeypatch.setattr(target.store, "put", real_put)
    assert import_json(target, data).total == len(data["records"])


def test_import_refuses_ids_already_here_and_malformed_json(
    make_profile_journal: JournalFactory, tmp_path: Path
) -> None:
    j = make_profile_journal()
    pid = j.create_participant({"name": "Per", "programme": "IPS"})
    data = export_json(j)
    with pytest.raises(ImportRejected, match="already exist"):
        import_json(j, data)
    assert [p.id for p in j.participants()] == [pid]
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "feltjournal-export", "records": [', "utf-8")
    with pytest.raises(ImportRejected, match="not valid JSON"):
        read_export(bad)
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ImportRejected, match="UTF-8"):
        read_export(bad)
    data_text = json.dumps(data)
    assert json.loads(data_text) == data  # the export is plain JSON


# ---------------------------------------------------------------------- CSV

GOOD_CSV = (
    "dato;organisasjonsnummer;arbeidsgiver;kontaktform;formål;varighet_min;resultat;neste_steg\n"
    f"03.11.2026;{ORG_A};Bakeriet på hjørnet AS;oppmøte/besøk;jobbutvikling;45;"
    "Presenterte IPS for daglig leder;Ringe om to uker\n"
    f"2026-11-10;{ORG_A_SPACED};Bakeriet på hjørnet AS;telefon;jobbutvikling;10;;\n"
    f"4.11.2026;{ORG_B};Lager Øst AS;E-post;annet;;Sendte brosjyre;\n"
    f"05.11.2026;{ORG_C};;video;;30;Videomøte med HR;Avtale besøk\n"
)


def test_good_csv_with_bom_crlf_and_semicolons_imports(
    make_profile_journal: JournalFactory,
) -> None:
    j = make_profile_journal()
    existing = j.add("employer", {"name": "Kontor C AS", "org_number": ORG_C})
    excel = "\ufeff" + GOOD_CSV.replace("\n", "\r\n")  # BOM and CRLF, as Excel writes
    report = import_employer_contacts_csv(j, excel.encode("utf-8"))
    assert report.ok, report.messages()
    assert (report.rows, report.imported, report.employers_created) == (4, 4, 2)
    employers = {e.fields["org_number"]: e for e in j.team_records("employer")}
    assert set(employers) == {ORG_A, ORG_B, ORG_C}
    assert employers[ORG_A].fields["name"] == "Bakeriet på hjørnet AS"
    contacts = j.team_records("team_employer_contact")
    by_date = {c.fields["date"]: c for c in contacts}
    first = by_date["2026-11-03"]
    assert first.parent == employers[ORG_A].id
    assert first.fields["mode"] == "face_to_face" and first.fields["purpose"] == "job_development"
    assert first.fields["minutes"] == 45 and first.fields["next_step"] == "Ringe om to uker"
    assert first.fields["outcome"] == "Presenterte IPS for daglig leder"
    assert first.fields["job_specialist"] == "Kari Jobb"
    assert by_date["2026-11-10"].fields["mode"] == "phone"
    assert by_date["2026-11-04"].fields["mode"] == "email"
    assert by_date["2026-11-04"].fields["purpose"] == "other"
    assert by_date["2026-11-05"].parent == existing  # matched by org number
    assert by_date["2026-11-05"].fields["purpose"] == "job_development"  # the default
    # The same sheet again adds nothing.
    again = import_employer_contacts_csv(j, GOOD_CSV)
    assert again.ok and again.imported == 0 and again.duplicates == 4
    assert len(j.team_records("team_employer_contact")) == 4


def test_comma_separated_file_from_a_path(
    make_profile_journal: JournalFactory, tmp_path: Path
) -> None:
    path = tmp_path / "kontakter.csv"
    path.write_text(
        "Dato,Organisasjonsnummer,Arbeidsgiver,Kontaktform,Formål,Varighet_min,Resultat,Neste_steg\n"
        f'01.10.2026,{ORG_B},"Lager Øst, avd. Alna",Besøk,Jobbutvikling,60,'
        '"Omvisning, møtte lagerleder",\n',
        "utf-8",
    )
    j = make_profile_journal()
    report = import_employer_contacts_csv(j, path)
    assert report.ok, report.messages()
    (employer,) = j.team_records("employer")
    assert employer.fields["name"] == "Lager Øst, avd. Alna"
    (contact,) = j.team_records("team_employer_contact")
    assert contact.fields["outcome"] == "Omvisning, møtte lagerleder"
    assert import_employer_contacts_csv(j, str(path)).duplicates == 1  # a str path works too


def test_bad_rows_import_nothing_and_are_all_reported(make_profile_journal: JournalFactory) -> None:
    bad_org = ORG_B[:8] + str((int(ORG_B[8]) + 1) % 10)
    lines = GOOD_CSV.splitlines()
    lines[2] = lines[2].replace(ORG_A_SPACED, bad_org)  # row 3
    lines[4] = lines[4].replace("05.11.2026", "31.02.2026")  # row 5
    j = make_profile_journal()
    report = import_employer_contacts_csv(j, "\n".join(lines))
    assert not report.ok
    assert report.bad_rows == [3, 5]
    assert [(p.row, p.column) for p in report.problems] == [
        (3, "organisasjonsnummer"),
        (5, "dato"),
    ]
    assert "kontrollsiffer" in report.problems[0].message
    assert report.messages()[1].startswith("Rad 5, dato:")
    assert report.imported == 0 and report.employers_created == 0
    assert j.team_records("employer") == [] and j.team_records("team_employer_contact") == []


def test_csv_dates_are_read_as_the_window_reads_them(
    make_profile_journal: JournalFactory,
) -> None:
    # The same rules as every date field: short forms taken, anything else refused with
    # its reason, never moved to another day (31.02 is not 03.03).
    head = "dato;organisasjonsnummer;arbeidsgiver;kontaktform;formål\n"
    row = f";{ORG_A};A;telefon;jobbutvikling\n"
    j = make_profile_journal()
    report = import_employer_contacts_csv(
        j, head + "".join(d + row for d in ("31.02.2026", "ring meg", "1.13.26", "01.01.1850"))
    )
    assert [p.message for p in report.problems] == [
        "er en dato som ikke finnes",
        "er ikke en gyldig dato (bruk dd.mm.åååå eller åååå-mm-dd)",
        "er en dato som ikke finnes",
        "må ligge mellom 1900 og 2200",
    ]
    report = import_employer_contacts_csv(j, head + "1.2.26" + row + "20.11.26" + row)
    assert report.ok and report.imported == 2
    dates = sorted(c.fields["date"] for c in j.team_records("team_employer_contact"))
    assert dates == ["2026-02-01", "2026-11-20"]


def test_other_row_problems_are_reported_in_norwegian(make_profile_journal: JournalFactory) -> None:
    text = (
        "dato;organisasjonsnummer;arbeidsgiver;kontaktform;formål;varighet_min\n"
        f"01.01.2030;{ORG_A};A;oppmøte;jobbutvikling;30\n"  # in the future
        f"01.10.2026;{ORG_B};;telefon;jobbutvikling;30\n"  # unknown employer without name
        f"01.10.2026;{ORG_C};C;brevdue;jobbutvikling;30\n"  # unknown mode
        f"01.10.2026;{ORG_C};C;telefon;kaffe;30\n"  # unknown purpose
        f"01.10.2026;{ORG_C};C;telefon;jobbutvikling;en halvtime\n"
        f"01.10.2026;{ORG_C};C;telefon;jobbutvikling;2000\n"  # more than a day
        f"01.10.2026;12345;C;telefon;jobbutvikling;30\n"
    )
    j = make_profile_journal()
    report = import_employer_contacts_csv(j, text)
    assert [(p.row, p.column) for p in report.problems] == [
        (2, "dato"),
        (3, "arbeidsgiver"),
        (4, "kontaktform"),
        (5, "formål"),
        (6, "varighet_min"),
        (7, "varighet_min"),
        (8, "organisasjonsnummer"),
    ]
    assert report.problems[5].message == "må være høyst 1440"
    assert report.problems[6].message == "må ha nøyaktig 9 sifre"
    assert j.store.count() == 0


def test_header_problems(make_profile_journal: JournalFactory) -> None:
    j = make_profile_journal()
    report = import_employer_contacts_csv(j, "dato;arbeidsgiver;farge\n01.10.2026;A;blå\n")
    assert {(p.row, p.column) for p in report.problems} == {
        (1, "farge"),
        (1, "organisasjonsnummer"),
        (1, "kontaktform"),
    }
    assert not import_employer_contacts_csv(j, "").ok
    assert not import_employer_contacts_csv(j, b"\xff\xfe\x00dato").ok


def test_dry_run_writes_nothing(make_profile_journal: JournalFactory) -> None:
    j = make_profile_journal()
    j.add("employer", {"name": "Kontor C AS", "org_number": ORG_C})
    audit_before = len(j.store.audit_entries())
    report = import_employer_contacts_csv(j, GOOD_CSV, dry_run=True)
    assert report.ok and report.dry_run
    assert (report.imported, report.employers_created) == (4, 2)
    assert j.store.count() == 1 and len(j.store.audit_entries()) == audit_before
    real = import_employer_contacts_csv(j, GOOD_CSV)
    assert (real.imported, real.employers_created) == (4, 2)
    assert j.store.count() == 7
    assert import_employer_contacts_csv(j, GOOD_CSV, dry_run=True).duplicates == 4


def test_a_team_setting_travels_between_leads_and_no_one_else_imports_it(
    make_profile_journal: JournalFactory, tmp_path: Path
) -> None:
    from app.operations.team import set_fte

    lead = make_profile_journal("teamleder", "Lise Leder")
    set_fte(lead, job_specialist="Kari Jobb", fte=0.6)
    path = write_export(lead, tmp_path / "team.json")
    other_lead = make_profile_journal("teamleder", "Lars Leder")
    import_json_file(other_lead, path)
    (fte,) = other_lead.dataset({"job_specialist_fte"}).of("job_specialist_fte")
    assert fte.fields == {"job_specialist": "Kari Jobb", "fte": 0.6}
    specialist = make_profile_journal("jobbspesialist", "Kari Jobb")
    with pytest.raises(ImportRejected) as err:
        import_json_file(specialist, path)
    assert "job_specialist_fte" in str(err.value)
    assert "may be imported only by a team lead" in str(err.value)
    assert specialist.dataset({"job_specialist_fte"}).of("job_specialist_fte") == []
