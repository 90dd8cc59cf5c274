"""``feltjournal central``: publish on a team lead's profile, report on a central one."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from tests.support.cli import cli_env, run


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path)


def test_report_without_snapshots_says_how_to_get_them(env: dict[str, str]) -> None:
    assert run(env, "init", "--name", "Tone", "--role", "teamleder").returncode == 0
    r = run(env, "central", "report", "--period", "2026-Q3")
    assert r.returncode == 1
    assert "No report snapshots on this device" in r.stderr and "Traceback" not in r.stderr


def test_team_lead_publishes_and_reports_its_own_team(env: dict[str, str]) -> None:
    r = run(env, "demo", "--participants", "12", "--role", "teamleder", "--name", "Tone Teamleder")
    assert r.returncode == 0, r.stderr
    r = run(env, "--json", "central", "publish", "--period", "2026-Q3")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["published"] == [{"period": "2026-Q3", "revision": 1}]
    r = run(env, "--json", "central", "publish", "--period", "2026-Q3")
    assert json.loads(r.stdout)["published"][0]["revision"] == 2

    r = run(env, "central", "report", "--period", "2026-Q3", "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    team_rows = [x for x in rows if x["team"] != "national" and x["scope"] == "team"]
    national = {x["figure_key"]: x for x in rows if x["team"] == "national"}
    into = next(x for x in team_rows if x["figure_key"] == "into_work")
    # One team: the national total is that team's (or, suppressed, counts nothing).
    if into["value"].startswith("<"):
        assert national["into_work"]["teams_counted"] == "0"
    else:
        assert national["into_work"]["numerator"] == into["numerator"]
    assert {x["scope"] for x in rows} >= {"team", "JS-1"}
    # Each figure says what it counts, as the team report's CSV does.
    assert "moves away" in into["definition"]
    assert national["into_work"]["definition"] == into["definition"]
    assert national["caseload"]["definition"] != into["definition"]
    assert "Tone" not in r.stdout

    r = run(env, "central", "report", "--period", "2026-Q2")
    assert r.returncode == 1 and "No team has reported for 2026-Q2" in r.stderr
    r = run(env, "central", "report", "--period", "not-a-period")
    assert r.returncode == 1 and "not a period" in r.stderr


def test_central_demo_profile_shows_three_teams_and_a_missing_one(env: dict[str, str]) -> None:
    r = run(env, "--json", "central", "demo")
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["teams"]) == 3
    r = run(env, "--json", "central", "report")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    statuses = sorted(t["status"] for t in data["teams"])
    assert statuses == ["missing", "reported", "reported"]
    reported = [t for t in data["teams"] if t["status"] == "reported"]
    # National totals are the sums of the teams' published counts.
    for key, cell in (("job_starts", "value"), ("caseload", "numerator")):
        nat = data["national"][key]
        counted = [t["figures"][key][cell] for t in reported]
        numbers = [c for c in counted if isinstance(c, int | float)]
        assert nat["teams_counted"] == len(numbers)
        assert nat["numerator"] == sum(numbers)
        assert nat["teams_missing"] == 1
    r = run(env, "central", "report", "--format", "table", "--programme", "IPS")
    assert r.returncode == 0, r.stderr
    assert "IPS Oslo sør" in r.stdout and "Trøndelag" not in r.stdout
    # A central profile holds no participant: the ordinary commands find nothing to show.
    r = run(env, "--json", "participants")
    assert r.returncode == 0 and json.loads(r.stdout)["participants"] == []


def test_publish_refuses_a_period_that_is_not_a_closed_month_or_quarter(
    env: dict[str, str],
) -> None:
    assert run(env, "init", "--name", "Tone", "--role", "teamleder").returncode == 0
    this_month = date.today().strftime("%Y-%m")
    for period in ("2026-07-10..2026-07-10", this_month):
        r = run(env, "central", "publish", "--period", period)
        assert r.returncode == 1, (period, r.stdout)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("feltjournal: "), r.stderr
        assert "months and quarters" in lines[0] and "Traceback" not in r.stderr
    r = run(env, "--json", "central", "publish", "--period", "2026-Q2")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["published"] == [{"period": "2026-Q2", "revision": 1}]
