"""The ``feltjournal-server admin`` commands, run in-process on a real database."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import msgspec
import pytest

from server.app import create_app
from server.cli import main
from server.settings import ServerSettings
from sync.protocol import EnrolResponse
from tests.server.helpers import TestDevice, asgi_client

CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}\.[0-9a-f]{16}$")


class Cli:
    """Runs the command line against one data folder and database."""

    def __init__(self, capsys: pytest.CaptureFixture[str], data: Path, database: str) -> None:
        self.capsys, self.data, self.database = capsys, data, database

    def __call__(self, *args: str, ok: bool = True) -> tuple[int, str, str]:
        self.capsys.readouterr()
        action, *rest = args
        code = main(["admin", action, "--data", str(self.data), "--database", self.database, *rest])
        out, err = self.capsys.readouterr()
        if ok:
            assert code == 0, err
        return code, out, err

    def json(self, *args: str) -> object:
        return json.loads(self(*args, "--json")[1])


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> Cli:
    for name in ("FELTJOURNAL_SERVER_DATA_DIR", "FELTJOURNAL_SERVER_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return Cli(capsys, tmp_path / "srv", database_url)


def test_init_makes_a_private_org_key_once(cli: Cli) -> None:
    first = cli.json("init")
    assert isinstance(first, dict) and first["created_key"] is True
    private = cli.data / "org_ed25519.key"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    _, out, _ = cli("init")
    assert "kept" in out and first["org_key_fingerprint"] in out
    again = cli.json("init")
    assert isinstance(again, dict) and again["instance_id"] == first["instance_id"]
    assert private.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")


def test_the_admin_workflow_from_team_to_revocation(cli: Cli) -> None:
    cli("init")
    team = cli.json(
        "create-team", "IPS Tromsø", "--programme", "ips", "--region", "Troms og Finnmark"
    )
    assert isinstance(team, dict) and team["name"] == "IPS Tromsø"
    assert team["programme"] == "IPS" and team["region"] == "Troms og Finnmark"
    user = cli.json(
        "add-user", "--team", "IPS Tromsø", "--name", "Kari Nordmann", "--role", "teamleder"
    )
    assert isinstance(user, dict) and user["role"] == "teamleder"
    _, out, _ = cli("issue-code", "--user", "Kari Nordmann", "--hours", "2")
    code = out.splitlines()[0]
    assert CODE.match(code), out
    assert "Shown only once" in out
    users = cli.json("list-users", "--team", "IPS Tromsø")
    assert isinstance(users, list) and [u["name"] for u in users] == ["Kari Nordmann"]

    settings = ServerSettings(data_dir=cli.data, database_url=cli.database)
    dev = TestDevice()
    with asgi_client(create_app(settings)) as client:
        r = client.post("/v1/enrol", content=msgspec.json.encode(dev.enrol_request(code)))
        assert r.status_code == 200, r.text
        answer = msgspec.json.decode(r.content, type=EnrolResponse)
        assert (answer.team_name, answer.programme, answer.region) == (
            "IPS Tromsø",
            "IPS",
            "Troms og Finnmark",
        )
        dev.adopt(answer)
        devices = cli.json("list-devices", "--team", team["id"])
        assert isinstance(devices, list) and [d["status"] for d in devices] == ["pending"]
        _, out, _ = cli("list-devices")
        assert "pending" in out and "Kari Nordmann" in out and out.startswith("ID")
        _, out, _ = cli("approve-device", dev.id[:8])
        assert "approved" in out
        assert (
            client.get("/v1/grants", headers=dev.headers("GET", "/v1/grants", b"")).status_code
            == 200
        )
        _, out, _ = cli("revoke-device", dev.id)
        assert "revoked" in out
        r = client.get("/v1/grants", headers=dev.headers("GET", "/v1/grants", b""))
        assert r.json()["code"] == "revoked"
    _, out, _ = cli("audit", "--team", "IPS Tromsø", "--limit", "5")
    assert out.strip() == "(none)"
    result = cli.json("compact", "--days", "30")
    assert isinstance(result, dict) and result["horizon"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("issue-code", "--user", "nobody"), "No user 'nobody'"),
        (("add-user", "--team", "no team", "--name", "x", "--role", "terapeut"), "No team"),
        (("approve-device", "abc"), "No device"),
        (("compact", "--days", "0"), "--days"),
    ],
)
def test_errors_are_one_line_and_exit_1(cli: Cli, args: tuple[str, ...], message: str) -> None:
    cli("init")
    code, out, err = cli(*args, ok=False)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("feltjournal-server: ")


def test_a_team_name_is_unique(cli: Cli) -> None:
    cli("create-team", "Same", "--programme", "SFJ")
    code, _, err = cli("create-team", "Same", "--programme", "JMO", ok=False)
    assert code == 1 and "already exists" in err


def test_a_team_has_a_programme_and_a_region_that_can_be_changed(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as usage:  # the programme is not optional
        main(["admin", "create-team", "No programme", "--data", str(cli.data)])
    assert usage.value.code == 2 and "--programme" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["admin", "create-team", "Bad", "--programme", "NAV", "--data", str(cli.data)])
    cli("create-team", "SFJ Bodø", "--programme", "SFJ", "--region", "Nordland")
    cli("create-team", "JMO Oslo", "--programme", "JMO")
    teams = cli.json("list-teams")
    assert isinstance(teams, list)
    assert [(t["name"], t["programme"], t["region"]) for t in teams] == [
        ("JMO Oslo", "JMO", ""),
        ("SFJ Bodø", "SFJ", "Nordland"),
    ]
    changed = cli.json("update-team", "JMO Oslo", "--region", "Oslo", "--programme", "ips")
    assert isinstance(changed, dict) and (changed["programme"], changed["region"]) == (
        "IPS",
        "Oslo",
    )
    _, out, _ = cli("list-teams")
    assert "JMO Oslo" in out and "IPS" in out and "Oslo" in out and "PROGRAMME" in out
    code, _, err = cli("update-team", "JMO Oslo", ok=False)
    assert code == 1 and "--programme" in err
    code, _, err = cli("update-team", "JMO Oslo", "--region", "x" * 101, ok=False)
    assert code == 1 and "region" in err


def test_issuing_a_code_needs_the_org_key(cli: Cli) -> None:
    cli("create-team", "T", "--programme", "IPS")
    cli("add-user", "--team", "T", "--name", "U", "--role", "terapeut")
    code, _, err = cli("issue-code", "--user", "U", ok=False)
    assert code == 1 and "admin init" in err


def test_serve_refuses_to_start_without_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["serve", "--data", str(tmp_path / "empty"), "--port", "1"])
    assert code == 1 and "admin init" in capsys.readouterr().err


def test_an_unreachable_or_unknown_database_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path)
    assert main(["admin", "list-teams", "--data", data, "--database", "mysql://x/y"]) == 1
    assert "Unsupported database" in capsys.readouterr().err
    bad_pg = "postgresql+psycopg://postgres@127.0.0.1:1/nothing?connect_timeout=2"
    assert main(["admin", "list-teams", "--data", data, "--database", bad_pg]) == 1
    err = capsys.readouterr().err
    assert err.startswith("feltjournal-server: cannot use the database") and err.count("\n") == 1


def test_an_admin_action_without_the_data_folder_makes_no_new_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`admin create-team` with --data left out used to make an empty ./server-data/server.db
    and put the team there, where `serve --data …` never looks."""
    for name in ("FELTJOURNAL_SERVER_DATA_DIR", "FELTJOURNAL_SERVER_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    for action in (["create-team", "IPS Bergen", "--programme", "IPS"], ["backup"]):
        assert main(["admin", *action]) == 1
        err = capsys.readouterr().err
        assert err.startswith("feltjournal-server: There is no server database in server-data;")
        assert "--data" in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_migrate_without_the_data_folder_makes_no_new_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`migrate` with --data left out used to make an empty ./server-data/server.db and
    call it up to date; only `admin init` makes a server."""
    for name in ("FELTJOURNAL_SERVER_DATA_DIR", "FELTJOURNAL_SERVER_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    elsewhere = tmp_path / "elsewhere.db"
    for where in ([], ["--database", f"sqlite:///{elsewhere}"]):
        assert main(["migrate", *where]) == 1
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1
        assert err.startswith("feltjournal-server: There is no server database in ")
        assert "--data" in err and "admin init" in err
    assert list(tmp_path.iterdir()) == []
    assert main(["admin", "init", "--data", "server-data"]) == 0
    capsys.readouterr()
    assert main(["migrate"]) == 0
    assert "is up to date" in capsys.readouterr().out


def test_a_reader_that_stops_early_ends_an_admin_command_quietly(tmp_path: Path) -> None:
    """`admin issue-code … | head -1` used to end with «feltjournal-server: Broken pipe:»."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("FELTJOURNAL_SERVER_")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    command = [sys.executable, "-c", "import sys; from server.cli import main; sys.exit(main())"]
    data = ["--data", str(tmp_path / "srv")]
    assert (
        subprocess.run([*command, "admin", "init", *data], env=env, capture_output=True).returncode
        == 0
    )
    with subprocess.Popen(
        [*command, "admin", "list-teams", *data],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8")
        assert proc.wait(timeout=60) == 141, err
    assert err == ""
