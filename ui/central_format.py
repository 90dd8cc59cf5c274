"""How the central view and its PDF show published figures: names, cells, bands.

Shared by ui.central_view and ui.central_pdf (which the view imports to print).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.central.aggregate import MISSING, Cell, NationalFigure, band_text
from app.central.snapshot import Suppressed, is_number
from ui.reports_format import FIGURE_LABELS, format_value

# Columns of the side-by-side table after team, programme and region.
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


def cell_display(value: Cell, unit: str) -> str:
    """A published value: the number with its unit, "< 5", "–" (no data) or missing."""
    if value is MISSING:
        return QCoreApplication.translate("CentralView", "missing")
    if isinstance(value, Suppressed):
        return str(value)
    if is_number(value):
        return format_value(float(value), unit)
    return "–"


def bands_display(key: str) -> str:
    """ "5: ≤ 20 · 4: ≤ 25 · … · 1: otherwise"."""
    otherwise = QCoreApplication.translate("CentralView", "otherwise")
    return "  ·  ".join(f"{score}: {text or otherwise}" for score, text in band_text(key))


def national_display(nat: NationalFigure) -> str:
    """The national value; "*" when a team is left out, and for a count with hidden teams
    "≥ n" (each hidden count is at least 1)."""
    if nat.unit == "count" and nat.teams_suppressed and nat.value is not None:
        return "≥ " + format_value(nat.value + nat.teams_suppressed, nat.unit) + "*"
    text = format_value(nat.value, nat.unit) if nat.value is not None else "–"
    return text + ("*" if nat.partial and nat.value is not None else "")
