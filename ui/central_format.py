"""How the central view and its PDF show published figures: names, cells, bands.

Shared by ui.central_view and ui.central_pdf (which the view imports to print).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.central.aggregate import MISSING, Cell, NationalFigure, band_text
from app.central.snapshot import Suppressed, is_number
from ui.reports_format import FIGURE_LABELS, format_value

# Columns of the side-by-side table after the team's name.
SIDE_BY_SIDE: tuple[str, ...] = (
    "into_work",
    "employment_rate",
    "job_starts",
    "caseload",
    "four_week_rule",
    "job_development",
)


def figure_name(key: str) -> str:
    source = FIGURE_LABELS.get(key)
    return QCoreApplication.translate("Indicators", str(source)) if source else key


def short_figure_name(key: str) -> str:
    """A column heading for the side-by-side table (the full name is its tooltip)."""
    names = {
        "into_work": QCoreApplication.translate("CentralView", "Into work"),
        "employment_rate": QCoreApplication.translate("CentralView", "Employed"),
        "job_starts": QCoreApplication.translate("CentralView", "Job starts"),
        "caseload": QCoreApplication.translate("CentralView", "Caseload"),
        "four_week_rule": QCoreApplication.translate("CentralView", "Four weeks"),
        "job_development": QCoreApplication.translate("CentralView", "Job development"),
    }
    return names.get(key) or figure_name(key)


# Units a table cell leaves to its heading ("12,3", not "12,3 per FTE"), to be narrow.
_UNIT_IN_HEADING = frozenset({"per FTE", "per week"})


def _unit(unit: str, bare: bool) -> str:
    return "" if bare and unit in _UNIT_IN_HEADING else unit


def cell_display(value: Cell, unit: str, *, bare: bool = False) -> str:
    """A published value: the number with its unit, "< 5", "–" (no data) or missing;
    ``bare``: a rate's unit left to the column's heading."""
    if value is MISSING:
        return QCoreApplication.translate("CentralView", "missing")
    if isinstance(value, Suppressed):
        return str(value)
    if is_number(value):
        return format_value(float(value), _unit(unit, bare))
    return "–"


def bands_display(key: str) -> str:
    """ "5: ≤ 20 · 4: ≤ 25 · … · 1: otherwise"."""
    otherwise = QCoreApplication.translate("CentralView", "otherwise")
    return "  ·  ".join(f"{score}: {text or otherwise}" for score, text in band_text(key))


def national_display(nat: NationalFigure, *, bare: bool = False) -> str:
    """The national value; "*" when a team is left out, and for a count with hidden teams
    "≥ n" (each hidden count is at least 1); ``bare`` as for :func:`cell_display`."""
    if nat.unit == "count" and nat.teams_suppressed and nat.value is not None:
        return "≥ " + format_value(nat.value + nat.teams_suppressed, nat.unit) + "*"
    unit = _unit(nat.unit, bare)
    text = format_value(nat.value, unit) if nat.value is not None else "–"
    return text + ("*" if nat.partial and nat.value is not None else "")
