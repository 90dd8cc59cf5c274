"""The domain commands, driven as subprocesses on temp profiles with a test keyring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import cli_env, run


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path)


CSV_OK = (
    "\ufeffdato;organisasjonsnummer;arbeidsgiver;kontaktform;formål;varighet_min;resultat;"
    "neste_steg\n"
    "03.11.2026;974760673;Brønnøysundregistrene;oppmøte;jobbutvikling;45;Positive;Ringe igjen\n"
    "2026-11-04;889640782;NAV;telefon;jobbutvikling;10;Ingen stilling;\n"
)
CSV_BAD = CSV_OK + (
    "05.11.2026;974760674;Feil AS;oppmøte;jobbutvikling;30;;\n"
    "31.02.2026;889640782;NAV;telefon;jobbutvikling;10;;\n"
)


def test_demo_list_indicators_export_import_erase(env: dict[str, str], tmp_path: Path) -> None:
    r = run(env, "--json", "demo", "--participants", "6", "--seed", "3")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["records"] > 100

    r = run(env, "--json", "participants")
    assert r.returncode == 0, r.stderr
    people = json.loads(r.stdout)["participants"]
    assert len(people) == 6 and all(p["name"] for p in people)

    r = run(env, "--json", "employers")
    assert r.returncode == 0 and json.loads(r.stdout)["employers"]

    r = run(env, "--json", "indicators", "--period", "2026")
    assert r.returncode == 0, r.stderr
    figures = {f["key"]: f for f in json.loads(r.stdout)["figures"]}
    assert "caseload" in " ".join(figures) and len(figures) > 10

    out = tmp_path / "export.json"
    r = run(env, "--json", "export", "--format", "json", "-o", str(out))
    assert r.returncode == 0, r.stderr
    exported = json.loads(out.read_text("utf-8"))

    other = env | {"FELTJOURNAL_PROFILE": str(tmp_path / "other")}
    assert run(other, "init", "--name", "Ny", "--role", "jobbspesialist").returncode == 0
    r = run(other, "--json", "import", str(out))
    assert r.returncode == 0, r.stderr
    assert sum(json.loads(r.stdout)["created"].values()) == len(exported["records"])
    out2 = tmp_path / "export2.json"
    assert run(other, "export", "-o", str(out2)).returncode == 0
    again = json.loads(out2.read_text("utf-8"))
    key = lambda rec: rec["id"]  # noqa: E731
    assert sorted(again["records"], key=key) == sorted(exported["records"], key=key)

    victim = people[0]
    # The demo profile is a job specialist's: it may not erase, and says so before anything.
    r = run(env, "erase-participant", victim["id"], "--confirm", victim["name"])
    assert r.returncode == 1
    assert r.stderr == "feltjournal: Bare en teamleder kan slette en deltaker for godt.\n"
    r = run(env, "--json", "participants")
    assert victim["id"] in {p["id"] for p in json.loads(r.stdout)["participants"]}
    lead = env | {"FELTJOURNAL_PROFILE": str(tmp_path / "lead")}
    r = run(lead, "--json", "demo", "--participants", "2", "--seed", "3", "--role", "teamleder")
    assert r.returncode == 0, r.stderr
    r = run(lead, "--json", "participants")
    victim = json.loads(r.stdout)["participants"][0]
    r = run(lead, "erase-participant", victim["id"], "--confirm", "feil")
    assert r.returncode == 1
    r = run(lead, "--json", "erase-participant", victim["id"], "--confirm", victim["name"])
    assert r.returncode == 0, r.stderr
    kept = json.loads(r.stdout)["clinical_kept_until"]
    r = run(lead, "--json", "participants")
    left = {p["id"]: p["status"] for p in json.loads(r.stdout)["participants"]}
    # A participant with a therapist keeps the name and the clinical journal (10 years).
    assert left.get(victim["id"]) == ("exited" if kept else None)
    r = run(lead, "erase-participant", victim["id"], "--confirm", victim["name"])
    if kept:
        assert kept >= "2035-01-01"
        assert "oppbevares etter pasientjournalloven til" in r.stdout, r.stdout + r.stderr

    r = run(env, "--json", "access-log", people[1]["id"])
    assert r.returncode == 0 and json.loads(r.stdout)["entries"]

    r = run(env, "--json", "retention", "--days", "0")
    assert r.returncode == 0, r.stderr
    flagged = {p["id"] for p in json.loads(r.stdout)["participants"]}
    exited = {p["id"] for p in people if p["status"] == "exited"}
    assert flagged <= exited  # only people who have left are ever flagged
    r = run(env, "--json", "retention", "--days", "100000")
    assert json.loads(r.stdout)["participants"] == []

    r = run(env, "verify")
    assert r.returncode == 0, r.stdout + r.stderr


def test_csv_import_is_atomic_with_a_row_report(env: dict[str, str], tmp_path: Path) -> None:
    assert run(env, "init", "--name", "K", "--role", "jobbspesialist").returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV_BAD, "utf-8")
    r = run(env, "--json", "import", "--employer-contacts", str(bad))
    assert r.returncode == 1
    report = json.loads(r.stdout)
    assert {p["row"] for p in report["problems"]} == {4, 5}
    assert json.loads(run(env, "--json", "employers").stdout)["employers"] == []

    good = tmp_path / "good.csv"
    good.write_text(CSV_OK, "utf-8")
    r = run(env, "--json", "import", "--employer-contacts", "--dry-run", str(good))
    assert r.returncode == 0 and json.loads(r.stdout)["dry_run"]
    assert json.loads(run(env, "--json", "employers").stdout)["employers"] == []
    r = run(env, "--json", "import", "--employer-contacts", str(good))
    assert r.returncode == 0, r.stdout + r.stderr
    employers = json.loads(run(env, "--json", "employers").stdout)["employers"]
    assert sorted(e["org_number"] for e in employers) == ["889640782", "974760673"]
    # The summary counts in words, each in its number.
    one = tmp_path / "one.csv"
    one.write_text(CSV_OK.splitlines()[0] + "\n05.11.2026;923609016;Equinor;telefon;annet;5;;\n")
    r = run(env, "import", "--employer-contacts", str(one))
    assert r.stdout == "Importert: 1 rad, 1 kontakt, 1 ny arbeidsgiver, 0 fantes fra før.\n"
    r = run(env, "import", "--employer-contacts", "--dry-run", str(good))
    assert r.stdout == "Kontrollert: 2 rader, 0 kontakter, 0 nye arbeidsgivere, 2 fantes fra før.\n"
