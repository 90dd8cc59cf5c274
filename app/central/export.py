"""The central report as rows: CSV, JSON and a plain-text table (command line and UI).

One CSV row per team (or job specialist pseudonym, or the national total) and
figure. A suppressed cell is written as "< 5", a missing team as ``missing``
with empty figures, no data as an empty cell (never 0). Each figure's row says what it
counts (``definition``, as the team report's CSV does).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any, Final, TextIO

from app.central.aggregate import ALL_TEAMS, CentralData, Filters, NationalFigure, TeamRow
from app.central.snapshot import ALLOWED, PublishedFigure, Suppressed, Value
from app.indicators import DEFINITIONS

NATIONAL: Final = "national"
COLUMNS: Final = (
    "period",
    "team",
    "team_name",
    "programme",
    "region",
    "scope",
    "status",
    "figure_key",
    "unit",
    "value",
    "numerator",
    "denominator",
    "n",
    "score",
    "target",
    "teams_counted",
    "definition",
)
TABLE_FIGURES: Final = (
    ("into_work", "Inn i arbeid"),
    ("employment_rate", "Sysselsatt"),
    ("job_starts", "Jobbstart"),
    ("caseload", "Saksmengde"),
    ("four_week_rule", "4 uker"),
)


def cell_text(v: Value | float | None, *, decimals: int = 2) -> str:
    if v is None:
        return ""
    if isinstance(v, Suppressed):
        return str(v)
    rounded = round(float(v), decimals)
    if rounded.is_integer():
        return str(int(rounded))
    return f"{rounded:.{decimals}f}".rstrip("0").rstrip(".")


def _figure_row(base: dict[str, str], f: PublishedFigure) -> dict[str, str]:
    return base | {
        "figure_key": f.key,
        "unit": f.unit,
        "value": cell_text(f.value),
        "numerator": cell_text(f.numerator),
        "denominator": cell_text(f.denominator),
        "n": cell_text(f.n),
        "score": cell_text(f.score),
        "target": cell_text(f.target),
        "teams_counted": "",
        "definition": DEFINITIONS.get(f.key, ""),
    }


def report_rows(
    data: CentralData,
    period: str,
    *,
    filters: Filters = ALL_TEAMS,
    job_specialists: bool = True,
) -> list[dict[str, str]]:
    """Every row of the CSV for one period, teams in name order, national rows last."""
    rows: list[dict[str, str]] = []
    team_rows = data.rows(period, filters)
    for row in team_rows:
        base = {
            "period": period,
            "team": row.team.id,
            "team_name": row.team.name,
            "programme": row.team.programme,
            "region": row.team.region,
            "scope": "team",
            "status": "missing" if row.missing else "reported",
        }
        if row.figures is None:
            rows.append(base | {c: "" for c in COLUMNS if c not in base})
            continue
        scopes = ["team", *(row.figures.job_specialists if job_specialists else [])]
        for scope in scopes:
            for f in row.figures.scopes.get(scope, {}).values():
                rows.append(_figure_row(base | {"scope": scope}, f))
    for key in ALLOWED:
        nat = data.national(key, period, filters)
        if nat.teams_counted == 0 and not team_rows:
            continue
        rows.append(national_row(period, nat))
    return rows


def national_row(period: str, nat: NationalFigure) -> dict[str, str]:
    return {
        "period": period,
        "team": NATIONAL,
        "team_name": "",
        "programme": "",
        "region": "",
        "scope": "team",
        "status": "partial" if nat.partial else "complete",
        "figure_key": nat.key,
        "unit": nat.unit,
        "value": cell_text(nat.value),
        "numerator": cell_text(nat.numerator),
        "denominator": cell_text(nat.denominator),
        "n": cell_text(nat.n),
        "score": cell_text(nat.score),
        "target": cell_text(nat.target),
        "teams_counted": str(nat.teams_counted),
        "definition": DEFINITIONS.get(nat.key, ""),
    }


def write_csv(out: TextIO, rows: Sequence[dict[str, str]]) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _json_figure(f: PublishedFigure) -> dict[str, Any]:
    out = f.to_json()
    out.pop("label", None)
    return out


def report_json(data: CentralData, period: str, *, filters: Filters = ALL_TEAMS) -> dict[str, Any]:
    teams = []
    for row in data.rows(period, filters):
        item: dict[str, Any] = {
            "team": row.team.id,
            "team_name": row.team.name,
            "programme": row.team.programme,
            "region": row.team.region,
            "status": "missing" if row.missing else "reported",
        }
        if row.figures is not None and row.snapshot is not None:
            item |= {
                "revision": row.snapshot.revision,
                "computed_at": row.snapshot.computed_at,
                "excluded": cell_text(row.figures.excluded)
                if isinstance(row.figures.excluded, Suppressed)
                else row.figures.excluded,
                "figures": {k: _json_figure(f) for k, f in row.figures.team.items()},
                "job_specialists": {
                    s: {k: _json_figure(f) for k, f in row.figures.scopes[s].items()}
                    for s in row.figures.job_specialists
                },
            }
        teams.append(item)
    national = {}
    for key in ALLOWED:
        nat = data.national(key, period, filters)
        national[key] = {
            "value": nat.value,
            "numerator": nat.numerator,
            "denominator": nat.denominator,
            "n": nat.n,
            "score": nat.score,
            "teams_counted": nat.teams_counted,
            "teams_suppressed": nat.teams_suppressed,
            "teams_missing": nat.teams_missing,
        }
    return {"period": period, "teams": teams, "national": national}


def _table_value(f: PublishedFigure | None) -> str:
    if f is None or f.value is None:
        return "–"
    if isinstance(f.value, Suppressed):
        return str(f.value)
    text = cell_text(f.value, decimals=0 if f.unit in ("%", "count") else 1)
    return f"{text} %" if f.unit == "%" else text


def report_table(data: CentralData, period: str, *, filters: Filters = ALL_TEAMS) -> str:
    """A plain-text table in bokmål for the terminal: one line per team, then the total."""
    rows: list[TeamRow] = data.rows(period, filters)
    head = f"{'Team':34} {'Program':7} {'Region':10} " + " ".join(
        f"{label:>12}" for _, label in TABLE_FIGURES
    )
    lines = [f"Periode {period}", head]
    for row in rows:
        if row.missing:
            cells = " ".join(f"{'mangler':>12}" for _ in TABLE_FIGURES)
        else:
            cells = " ".join(f"{_table_value(row.figure(k)):>12}" for k, _ in TABLE_FIGURES)
        lines.append(
            f"{row.team.display_name[:34]:34} {row.team.programme:7} {row.team.region[:10]:10} "
            + cells
        )
    totals = []
    for key, _ in TABLE_FIGURES:
        nat = data.national(key, period, filters)
        shown = "–"
        if nat.value is not None:
            value = nat.value
            if nat.unit == "count" and nat.teams_suppressed:
                value += nat.teams_suppressed  # each hidden count is at least 1
            shown = cell_text(value, decimals=0 if nat.unit in ("%", "count") else 1)
            shown = f"{shown} %" if nat.unit == "%" else shown
            if nat.unit == "count" and nat.teams_suppressed:
                shown = "≥ " + shown
            shown += "*" if nat.partial else ""
        totals.append(f"{shown:>12}")
    lines.append(f"{'Nasjonalt (sum av teamene)':53} " + " ".join(totals))
    missing = sum(1 for r in rows if r.missing)
    if missing:
        lines.append(f"{missing} team har ikke rapportert for perioden.")
    lines.append("< 5: skjult (færre enn fem personer). * Summen er uten team der tallet er skjult")
    lines.append("eller mangler.")
    return "\n".join(lines)
