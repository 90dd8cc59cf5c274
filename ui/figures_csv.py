"""Indicator figures as a CSV of de-identified statistics.

One row per figure: its key, English label, value, numerator, denominator,
unit, score, target, the period, a pseudonym for the job specialist and, where the
name alone does not say what is counted, the figure's definition. No
participant names, no record ids and no breakdowns keyed by participant go
into the file: only the counts and rates a central team may see.

The job specialist's pseudonym is a keyed hash (HMAC-SHA256) of the name,
keyed by a team secret, so the same person gets the same pseudonym in every
export from the team and nobody outside it can recompute it from a list of
names. No data means an empty cell, never 0.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from app.indicators import DEFINITIONS, Figure, Period
from app.owner_files import write_text_owner_only

COLUMNS = (
    "figure_key",
    "label",
    "value",
    "numerator",
    "denominator",
    "unit",
    "score",
    "target",
    "period",
    "job_specialist",
    "definition",
)
ALL_JOB_SPECIALISTS = "all"


def pseudonym(name: str | None, *, key: str) -> str:
    """A stable stand-in for a job specialist's name ("all" for the whole team)."""
    if not name:
        return ALL_JOB_SPECIALISTS
    digest = hmac.new(key.encode(), name.strip().casefold().encode(), hashlib.sha256)
    return f"js-{digest.hexdigest()[:10]}"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    rounded = round(float(value), 2)
    if rounded.is_integer():
        return str(int(rounded))
    return f"{rounded:.2f}".rstrip("0").rstrip(".")


def figure_rows(
    figures: Iterable[Figure], *, period: Period, job_specialist: str | None, key: str
) -> list[dict[str, str]]:
    """The rows the CSV holds, as dicts keyed by :data:`COLUMNS`."""
    who = pseudonym(job_specialist, key=key)
    rows = []
    for f in figures:
        rows.append(
            {
                "figure_key": f.key,
                "label": f.label,
                "value": _number(f.value),
                # A share's counts are shown only with a value: "0 of 0" is no data.
                "numerator": _number(f.numerator) if f.value is not None else "",
                "denominator": _number(f.denominator) if f.value is not None else "",
                "unit": f.unit,
                "score": "" if f.score is None else str(f.score),
                "target": _number(f.target),
                "period": period.label,
                "job_specialist": who,
                "definition": DEFINITIONS.get(f.key, ""),
            }
        )
    return rows


def write_figures_csv(
    out: TextIO | Path,
    figures: Iterable[Figure],
    *,
    period: Period,
    job_specialist: str | None,
    key: str,
) -> int:
    """Write the figures as CSV (UTF-8 with BOM for spreadsheets); returns the row count."""
    rows = figure_rows(figures, period=period, job_specialist=job_specialist, key=key)
    if isinstance(out, Path):
        # Owner-only, written next to the target and renamed, so a failed export never
        # leaves half a file behind.
        write_text_owner_only(out, lambda fh: _write(fh, rows), encoding="utf-8-sig")
    else:
        _write(out, rows)
    return len(rows)


def _write(fh: TextIO, rows: list[dict[str, str]]) -> None:
    writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
