"""A refused JSON import says why in the user's language: each reason by its code, in
bokmål by default and English on request, naming ids and counts but no participant data."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli.failures import import_sentence
from app.portability import ImportRejected, export_json, import_json
from app.portability.common import IMPORT_TEXTS
from app.words import use_language
from tests.app.conftest import JournalFactory
from tests.support.cli import cli_env, run

NAME = "Åse Ødegård"
UUID = "01900000-0000-7000-8000-000000000000"
Damage = Callable[[dict[str, Any]], object]


@pytest.fixture
def bokmål() -> Iterator[None]:
    use_language("nb")
    yield
    use_language("nb")


def _by_type(data: dict[str, Any], rtype: str) -> dict[str, Any]:
    return next(r for r in data["records"] if r["type"] == rtype)


def _losing(field: str = "phone", **changes: object) -> Damage:
    def damage(d: dict[str, Any]) -> None:
        lv = {"field": field, "value": "400 00 000", "device": "d1", "hlc": "0000000000000-000000"}
        lv.update(changes)
        _by_type(d, "participant")["losing"] = [lv]

    return damage


# Each damage, the reason's code, and words of its bokmål sentence.
CASES: list[tuple[Damage, str, str]] = [
    (lambda d: d.update(format="x"), "not_export", "filen er ikke en eksport fra Feltjournal"),
    (lambda d: d.update(format_version=2), "version", "formatversjon 2"),
    (lambda d: d.update(records={}), "records_not_list", "postlisten i filen er ikke en liste"),
    (lambda d: d["records"].append("x"), "not_object", "post 5 er ikke et objekt"),
    (lambda d: d["records"][0].update(x=1), "unknown_keys", "har ukjente nøkler: x"),
    (lambda d: d["records"][0].update(id="1"), "bad_id", "post 1 har ingen UUID som id"),
    (lambda d: d["records"][0].update(type="diary"), "unknown_type", "ukjent posttype: diary"),
    (
        lambda d: d["records"].append(copy.deepcopy(_by_type(d, "employer"))),
        "duplicate_id",
        "står to ganger i filen",
    ),
    (lambda d: _by_type(d, "employer").update(parent="x"), "bad_parent", "ikke er en UUID"),
    (lambda d: _by_type(d, "employer").update(space="work"), "wrong_space", "teamets rom"),
    (lambda d: _by_type(d, "employer").update(deleted="ja"), "bad_flag", "«deleted» som verken"),
    (
        lambda d: _by_type(d, "employer").update(deleted=True, resurrected=True),
        "deleted_and_resurrected",
        "både slettet og gjenopprettet",
    ),
    (lambda d: _by_type(d, "employer").update(fields=[]), "fields_not_object", "«fields»"),
    (
        lambda d: _by_type(d, "participant")["fields"].update(phone="x"),
        "field",
        "telefonnummeret er ikke et telefonnummer",
    ),
    (lambda d: _by_type(d, "participant").update(losing={}), "losing_not_list", "«losing»"),
    (_losing(extra=1), "losing_shape", "uten nøyaktig field, value, device og hlc"),
    (_losing("shoe_size"), "losing_not_register", "for shoe_size, som ikke er et registerfelt"),
    (_losing(device=""), "losing_device", "uten enhets-id"),
    (_losing(hlc="x"), "losing_hlc", "uten tidsstempel"),
    (_losing(value="x"), "losing_field", "der telefonnummeret er ikke et telefonnummer"),
    (lambda d: _by_type(d, "case_note").update(parent=None), "no_participant", "ingen deltaker"),
    (
        lambda d: _by_type(d, "case_note").update(parent=_by_type(d, "employer")["id"]),
        "parent_not_participant",
        "som ikke er en deltaker",
    ),
    (
        lambda d: _by_type(d, "case_note").update(parent=UUID),
        "participant_missing",
        "verken er i filen eller her",
    ),
    (
        lambda d: _by_type(d, "participant").update(parent=UUID),
        "participant_with_parent",
        "er en deltaker med en overordnet post",
    ),
    (
        lambda d: _by_type(d, "employer_contact_person").update(
            parent=_by_type(d, "case_note")["id"]
        ),
        "wrong_parent",
        "ikke er av typen Arbeidsgiver",
    ),
]


def _file(make_profile_journal: JournalFactory) -> dict[str, Any]:
    source = make_profile_journal()
    pid = source.create_participant({"name": NAME, "programme": "IPS", "phone": "400 00 000"})
    source.add("case_note", {"date": "2026-11-01", "body": "Første samtale"}, participant_id=pid)
    emp = source.add("employer", {"name": "Bakeriet AS"})
    source.add("employer_contact_person", {"name": "Berit Baker"}, parent=emp)
    return export_json(source)


@pytest.mark.usefixtures("bokmål")
@pytest.mark.parametrize(("damage", "code", "words"), CASES, ids=[c[1] for c in CASES])
def test_each_reason_is_worded_in_bokmål_and_english_without_the_participant(
    make_profile_journal: JournalFactory, damage: Damage, code: str, words: str
) -> None:
    data = _file(make_profile_journal)
    damage(data)
    target = make_profile_journal()
    with pytest.raises(ImportRejected) as refused:
        import_json(target, data)
    assert code in {r.code for r in refused.value.reasons}
    said = import_sentence(refused.value)
    assert said.startswith("Filen ble ikke importert: ") and said.endswith(".")
    assert words in said, said
    english = IMPORT_TEXTS[code].split("{")[0].strip()
    assert not english or english not in said
    use_language("en")
    assert import_sentence(refused.value).startswith("The file was not imported: ")
    for text in (said, import_sentence(refused.value), str(refused.value)):
        assert NAME not in text and "400 00 000" not in text and "Bakeriet" not in text
    assert target.store.count() == 0


@pytest.mark.usefixtures("bokmål")
def test_a_team_record_on_a_job_specialist_s_computer_needs_a_team_lead(
    make_profile_journal: JournalFactory,
) -> None:
    from app.operations.team import set_fte

    lead = make_profile_journal("teamleder", "Lise Leder")
    set_fte(lead, job_specialist="Kari Jobb", fte=0.6)
    specialist = make_profile_journal("jobbspesialist", "Kari Jobb")
    with pytest.raises(ImportRejected) as refused:
        import_json(specialist, export_json(lead))
    assert {r.code for r in refused.value.reasons} == {"lead_only"}
    assert "kan bare importeres av en teamleder" in import_sentence(refused.value)


# ---------------------------------------------------------------- as the user meets them


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    e = cli_env(tmp_path)
    assert run(e, "init", "--name", "Kari Jobb", "--role", "jobbspesialist").returncode == 0
    return e


def test_an_export_imported_into_its_own_profile_is_refused_in_one_bokmål_sentence(
    env: dict[str, str], tmp_path: Path
) -> None:
    from app.cli.kinds import kind_text

    r = run(env, "new-participant", "--name", NAME, "--programme", "IPS", "--referral-source", "gp")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "export.json"
    assert run(env, "export", "-o", str(out)).returncode == 0
    records = json.loads(out.read_text("utf-8"))["records"]
    n, first = len(records), records[0]
    r = run(env, "import", str(out))
    assert r.returncode == 1
    use_language("nb")
    assert r.stderr == (
        f"feltjournal: Filen ble ikke importert: {n} poster finnes allerede i denne profilen "
        f"(den første: {kind_text(first['type'])} {first['id']}); importer til en ny profil.\n"
    )
    use_language("en")
    r = run(env | {"FELTJOURNAL_LANGUAGE": "en"}, "import", str(out))
    assert r.stderr == (
        f"feltjournal: The file was not imported: {n} records are already in this profile "
        f"(the first: {kind_text(first['type'])} {first['id']}); import into a new profile.\n"
    )
    use_language("nb")
    assert NAME not in r.stderr


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (None, "filen finnes ikke"),
        ("folder", "det er en mappe, ikke en fil"),
        (b"\xff\xfe\x00x", "filen er ikke UTF-8-tekst"),
        (b'{"format": "feltjournal-export",\n "records": [', "filen er ikke gyldig JSON (linje 2)"),
        (b"[]", "filen er ikke en eksport fra Feltjournal"),
    ],
)
def test_a_file_that_is_no_export_is_refused_in_one_bokmål_sentence(
    env: dict[str, str], tmp_path: Path, content: bytes | str | None, said: str
) -> None:
    path = tmp_path / "import.json"
    if content == "folder":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    r = run(env, "import", str(path))
    assert (r.returncode, r.stderr) == (1, f"feltjournal: Filen ble ikke importert: {said}.\n")


def test_many_reasons_show_the_first_five_and_count_the_rest(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "import.json"
    records = [{"id": f"x{n}", "type": "case_note"} for n in range(8)]
    path.write_text(
        json.dumps({"format": "feltjournal-export", "format_version": 1, "records": records}),
        "utf-8",
    )
    r = run(env, "import", str(path))
    assert r.stderr == (
        "feltjournal: Filen ble ikke importert: "
        + "; ".join(f"post {n} har ingen UUID som id" for n in range(1, 6))
        + " (og 3 til).\n"
    )
