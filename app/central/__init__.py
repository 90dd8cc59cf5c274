"""Periodic, de-identified reporting from teams to the central team.

- :mod:`app.central.snapshot`: building a team's de-identified figures for a period;
- :mod:`app.central.suppression`: small-cell and complementary suppression;
- :mod:`app.central.records`: snapshots as signed records in ``reports:<team>``;
- :mod:`app.central.publish`: writing them on a team lead's device (due and on demand);
- :mod:`app.central.aggregate`: the central team's view: teams, trends, national totals;
- :mod:`app.central.demo`: three demo teams' snapshots for a central profile.

No Qt here: the command line and tests use it as the desktop client does.
"""

from app.central.aggregate import MISSING, CentralData, Filters, NationalFigure, Team, TeamRow
from app.central.publish import TeamInfo, publish, publish_due, team_info
from app.central.records import (
    Snapshot,
    SnapshotInvalid,
    load_snapshots,
    sign,
    snapshot_id,
    trusted_signers_from_setting,
    verify,
    write_snapshot,
)
from app.central.snapshot import (
    ALLOWED,
    Pseudonyms,
    PublishedFigure,
    SnapshotFigures,
    Suppressed,
    build_snapshot,
)

__all__ = [
    "ALLOWED",
    "MISSING",
    "CentralData",
    "Filters",
    "NationalFigure",
    "Pseudonyms",
    "PublishedFigure",
    "Snapshot",
    "SnapshotFigures",
    "SnapshotInvalid",
    "Suppressed",
    "Team",
    "TeamInfo",
    "TeamRow",
    "build_snapshot",
    "load_snapshots",
    "publish",
    "publish_due",
    "sign",
    "snapshot_id",
    "team_info",
    "trusted_signers_from_setting",
    "verify",
    "write_snapshot",
]
