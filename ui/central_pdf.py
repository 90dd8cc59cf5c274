"""A PDF summary of the central report: teams side by side, national totals, trends, fidelity.

Built as simple HTML (``build_central_html``, pure) and laid out on A4 by
:func:`ui.meeting_pdf.render_pdf`. It holds only what the snapshots hold:
de-identified figures, suppressed cells as "< 5", missing teams as missing.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app.central import CentralData, Filters
from app.central.aggregate import ALL_TEAMS, FIDELITY_ITEMS, MISSING
from app.indicators import INTO_WORK_TARGET, Period
from app.owner_files import write_owner_only
from ui.central_format import (
    SIDE_BY_SIDE,
    bands_display,
    cell_display,
    figure_name,
    national_display,
    short_figure_name,
)
from ui.formats import format_date
from ui.meeting_pdf import render_pdf
from ui.reports_format import DEFINITIONS, period_text


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _h3(text: str) -> str:
    return f"<h3>{_e(text)}</h3>"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th align='left'>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<tr>{head}</tr>{body}</table>"
    )


def build_central_html(
    data: CentralData,
    period: str,
    *,
    filters: Filters = ALL_TEAMS,
    periods: Sequence[str] = (),
    today: date | None = None,
) -> str:
    """The summary as HTML for QTextDocument (pure: same input, same output)."""
    p = Period.parse(period)
    rows = data.rows(period, filters)
    title = QCoreApplication.translate("CentralSummary", "Central report")
    made = QCoreApplication.translate("CentralSummary", "Made on %1")
    parts = [
        "<html><body>",
        f"<h2>{_e(title)}: {_e(period_text(p))}</h2>",
        f"<p>{_e(made.replace('%1', format_date(today or date.today())))}. "
        + _e(
            QCoreApplication.translate(
                "CentralSummary",
                "De-identified figures from the teams' snapshots. “< 5”: hidden because it "
                "rests on fewer than five people. * The national total leaves out teams whose "
                "figure is hidden or missing.",
            )
        )
        + "</p>",
    ]
    filt = []
    if filters.programmes:
        filt.append(
            QCoreApplication.translate("CentralSummary", "Programme: %1").replace(
                "%1", ", ".join(sorted(filters.programmes))
            )
        )
    if filters.regions:
        filt.append(
            QCoreApplication.translate("CentralSummary", "Region: %1").replace(
                "%1", ", ".join(sorted(filters.regions))
            )
        )
    if filt:
        parts.append(f"<p>{_e(' · '.join(filt))}</p>")

    header = [
        QCoreApplication.translate("CentralSummary", "Team"),
        QCoreApplication.translate("CentralSummary", "Programme"),
        QCoreApplication.translate("CentralSummary", "Region"),
        *(short_figure_name(k) for k in SIDE_BY_SIDE),
    ]
    body: list[list[str]] = []
    for row in rows:
        cells = [row.team.display_name, row.team.programme, row.team.region]
        for key in SIDE_BY_SIDE:
            f = row.figure(key)
            value = MISSING if row.missing else (f.value if f else None)
            cells.append(cell_display(value, f.unit if f else ""))
        body.append(cells)
    body.append(
        [QCoreApplication.translate("CentralSummary", "National (sum of teams)"), "", ""]
        + [national_display(data.national(k, period, filters)) for k in SIDE_BY_SIDE]
    )
    parts.append(_h3(QCoreApplication.translate("CentralSummary", "Teams side by side")))
    parts.append(_table(header, body))
    missing = [r.team.display_name for r in rows if r.missing]
    if missing:
        parts.append(
            "<p>"
            + _e(
                QCoreApplication.translate(
                    "CentralSummary", "Not reported for the period: %1"
                ).replace("%1", ", ".join(missing))
            )
            + "</p>"
        )

    if periods:
        trend_rows = []
        for label in periods:
            into = data.national("into_work", label, filters)
            starts = data.national("job_starts", label, filters)
            emp = data.national("employment_rate", label, filters)
            trend_rows.append(
                [
                    period_text(Period.parse(label)),
                    national_display(into),
                    national_display(emp),
                    national_display(starts),
                ]
            )
        parts.append(
            "<h3>"
            + _e(
                QCoreApplication.translate(
                    "CentralSummary", "National trend (target for into work: %1 %)"
                ).replace("%1", f"{INTO_WORK_TARGET:.0f}")
            )
            + "</h3>"
        )
        parts.append(
            _table(
                [
                    QCoreApplication.translate("CentralSummary", "Period"),
                    short_figure_name("into_work"),
                    short_figure_name("employment_rate"),
                    short_figure_name("job_starts"),
                ],
                trend_rows,
            )
        )
        # What into work counts, beside the figure (the teams' snapshots use the same).
        definition = QCoreApplication.translate("Indicators", str(DEFINITIONS["into_work"]))
        parts.append(f"<p>{_e(short_figure_name('into_work'))}: {_e(definition)}</p>")

    fid_rows = []
    for key in FIDELITY_ITEMS:
        nat = data.national(key, period, filters)
        score = "–" if nat.score is None else f"{nat.score} / 5"
        bands = bands_display(key)
        fid_rows.append([figure_name(key), national_display(nat), score, bands])
    parts.append(
        _h3(QCoreApplication.translate("CentralSummary", "Fidelity items, national (sum of teams)"))
    )
    parts.append(
        _table(
            [
                QCoreApplication.translate("CentralSummary", "Item"),
                QCoreApplication.translate("CentralSummary", "Value"),
                QCoreApplication.translate("CentralSummary", "Score"),
                QCoreApplication.translate("CentralSummary", "Score bands"),
            ],
            fid_rows,
        )
    )
    parts.append("</body></html>")
    return "\n".join(parts)


def write_central_pdf(
    path: str | Path,
    data: CentralData,
    period: str,
    *,
    filters: Filters = ALL_TEAMS,
    periods: Sequence[str] = (),
) -> Path:
    """Write the summary PDF to ``path``."""
    html_text = build_central_html(data, period, filters=filters, periods=periods)
    title = QCoreApplication.translate("CentralSummary", "Central report")
    return write_owner_only(path, lambda tmp: render_pdf(html_text, tmp, title=title))
