"""The team commands as a user types them: handover, fte, share-clinical (subprocesses
over a real profile)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import cli_env, run


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path)


def _ids(env: dict[str, str]) -> dict[str, dict[str, object]]:
    out = run(env, "--json", "participants")
    assert out.returncode == 0, out.stderr
    return {str(p["name"]): p for p in json.loads(out.stdout)["participants"]}


def test_handover_from_the_command_line(env: dict[str, str]) -> None:
    assert run(env, "demo", "--participants", "6", "--name", "Kari Jobb").returncode == 0
    people = _ids(env)
    mine = [n for n, p in people.items() if p["job_specialist"] == "Kari Jobb"]
    assert mine
    one = str(people[mine[0]]["id"])
    out = run(env, "handover", "--role", "jobbspesialist", "--to", "Nina Ny", "--participant", one)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Overført 1 deltaker til Nina Ny som jobbspesialist."
    assert _ids(env)[mine[0]]["job_specialist"] == "Nina Ny"
    # The rest of Kari's caseload, in one go; the exited stay hers.
    out = run(
        env,
        "--json",
        "handover",
        "--role",
        "jobbspesialist",
        "--to",
        "Nina Ny",
        "--from",
        "Kari Jobb",
    )
    assert out.returncode == 0, out.stderr
    moved = set(json.loads(out.stdout)["moved"])
    after = _ids(env)
    assert moved == {
        str(p["id"])
        for n, p in people.items()
        if p["job_specialist"] == "Kari Jobb" and p["status"] != "exited" and n != mine[0]
    }
    assert all(after[n]["job_specialist"] == "Nina Ny" for n in after if after[n]["id"] in moved)
    # Refused with one sentence, nothing changed.
    out = run(env, "handover", "--role", "jobbspesialist", "--to", " ", "--from", "Nina Ny")
    assert out.returncode == 1
    assert out.stderr.strip() == "feltjournal: Overføringen ble avvist: den som tar over mangler."
    assert "Traceback" not in out.stderr


def test_a_therapist_handover_says_where_the_clinical_journals_come_from(
    env: dict[str, str],
) -> None:
    assert (
        run(env, "demo", "--participants", "4", "--role", "terapeut", "--name", "Tore T").returncode
        == 0
    )
    out = run(env, "handover", "--role", "terapeut", "--to", "Tina T", "--from", "Tore T")
    assert out.returncode == 0, out.stderr
    # This laptop holds the journals but has no server yet: it names the command for later,
    # not another therapist's computer.
    assert out.stdout.splitlines()[1] == (
        "Behandlingsjournalene på denne maskinen er ikke delt ennå: maskinen er ikke koblet til "
        "en server. Når den er det (feltjournal enrol), del dem med: "
        'feltjournal share-clinical --to "Tina T"'
    )
    back = ["handover", "--role", "terapeut", "--to", "Tore T", "--from", "Tina T", "--no-share"]
    out = run(env, *back)
    assert out.returncode == 0, out.stderr
    assert "Kliniske journaler er ikke delt herfra" in out.stdout
    # Not enrolled: sharing says so in one line.
    out = run(env, "share-clinical", "--to", "Tina T")
    assert out.returncode == 1
    assert out.stderr.strip() == (
        "feltjournal: Denne maskinen er ikke koblet til en server; kjør 'feltjournal enrol' først."
    )


def test_fte_is_a_team_leads_setting(tmp_path: Path) -> None:
    lead = cli_env(tmp_path / "lead")
    assert (
        run(
            lead, "demo", "--participants", "4", "--role", "teamleder", "--name", "Lise L"
        ).returncode
        == 0
    )
    out = run(lead, "fte", "Kari Jobb", "0.5")
    assert out.returncode == 0, out.stderr
    assert "Kari Jobb                      0,5" in out.stdout
    out = run(lead, "--json", "fte")
    lines = {f["job_specialist"]: f for f in json.loads(out.stdout)["fte"]}
    assert lines["Kari Jobb"] == {"job_specialist": "Kari Jobb", "fte": 0.5, "set": True}
    assert lines["Lise L"]["set"] is False and lines["Lise L"]["fte"] == 1.0
    out = run(lead, "fte", "Kari Jobb", "1.5")
    assert out.returncode == 1
    assert out.stderr.strip() == (
        "feltjournal: Stillingsandelen ble avvist: stillingsandelen må være mellom 0,1 og 1."
    )
    specialist = cli_env(tmp_path / "js")
    assert run(specialist, "demo", "--participants", "2", "--name", "Kari Jobb").returncode == 0
    out = run(specialist, "fte", "Kari Jobb", "0.5")
    assert out.returncode == 1
    assert (
        out.stderr.strip()
        == "feltjournal: Bare en teamleder kan endre teamets innstillinger og vurderinger av "
        "modelltrofasthet."
    )
