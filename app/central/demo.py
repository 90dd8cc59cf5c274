"""Demo data for the central view: three demo teams' snapshots in a central profile.

Each demo team is a throwaway team-lead profile in a temporary folder (its device
key in memory only), filled with :func:`app.demo.fill_demo`, whose snapshots for
recent months and quarters are built and signed exactly as a real team lead's
device would; they are then written into the central store, which is given the
teams' reports keys as if they had been granted. The temporary profiles are
deleted. The third team has not yet reported the latest quarter, so the view
shows a missing team.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from app.central.publish import closed_periods
from app.central.records import Snapshot, now_iso, sign, write_snapshot
from app.central.snapshot import (
    SNAPSHOT_TYPES,
    Pseudonyms,
    SnapshotFigures,
    build_snapshot,
    period_links,
)
from app.domain.access import TEAM_LEAD
from app.indicators import Period
from app.journal import Journal
from storage.ids import new_id
from storage.profile import Profile
from storage.store import RecordStore

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class DemoTeam:
    """A demo team: its name, programme, region, size and seed."""

    name: str
    programme: str
    region: str
    participants: int
    seed: int
    skips_latest_quarter: bool = False


DEMO_TEAMS: Final = (
    DemoTeam("IPS Oslo sør", "IPS", "Øst", 60, 11),
    DemoTeam("Senter for jobbmestring Trøndelag", "SFJ", "Midt", 48, 23),
    DemoTeam("JMO Vestland", "JMO", "Vest", 36, 37, skips_latest_quarter=True),
)
DEMO_MONTHS: Final = 6
DEMO_QUARTERS: Final = 4
_PASSPHRASE: Final = "demo-team-throwaway"


class _MemoryKeyStore:
    """The throwaway demo profiles' device keys, in this process only."""

    description = "memory (demo)"

    def __init__(self) -> None:
        self._items: dict[str, bytes] = {}

    def get(self, name: str) -> bytes | None:
        return self._items.get(name)

    def set(self, name: str, secret: bytes) -> None:
        self._items[name] = secret

    def delete(self, name: str) -> None:
        self._items.pop(name, None)


def demo_periods(today: date) -> list[Period]:
    """The closed months and quarters the demo teams report, oldest first."""
    months = closed_periods(None, today, "month")[-1:]
    quarters = closed_periods(None, today, "quarter")[-1:]
    for _ in range(DEMO_MONTHS - 1):
        months.insert(0, Period.month(*_before(months[0].start, 1)))
    for _ in range(DEMO_QUARTERS - 1):
        start = quarters[0].start
        y, m = _before(start, 3)
        quarters.insert(0, Period.quarter(y, (m - 1) // 3 + 1))
    return months + quarters


def _before(d: date, months: int) -> tuple[int, int]:
    total = d.year * 12 + d.month - 1 - months
    return total // 12, total % 12 + 1


def team_snapshots(team: DemoTeam, *, today: date, folder: Path) -> list[Snapshot]:
    """One demo team's signed snapshots (its temporary profile lives in ``folder``)."""
    from app.demo import fill_demo  # Faker is slow to import; only the demo needs it

    profile = Profile(folder, keystore=_MemoryKeyStore())
    profile.create(user_name=f"Teamleder {team.name}", role=TEAM_LEAD, passphrase=_PASSPHRASE)
    store = profile.unlock(_PASSPHRASE)
    try:
        journal = Journal(store, today=lambda: today)
        fill_demo(journal, participants=team.participants, seed=team.seed, today=today)
        ds = journal.dataset(SNAPSHOT_TYPES)
        team_id = f"demo-{team.seed}-{new_id()[:8]}"
        pseudonyms = Pseudonyms.new()
        periods = demo_periods(today)
        latest_quarter = max((p for p in periods if "Q" in p.label), key=lambda p: p.end)
        out = []
        made: dict[str, SnapshotFigures] = {}  # months first: quarters link to them
        for period in periods:
            if team.skips_latest_quarter and period == latest_quarter:
                continue
            figures = build_snapshot(
                ds,
                period,
                as_of=today,
                pseudonyms=pseudonyms,
                linked={label: made.get(label) for label in period_links(period)},
            )
            made[period.label] = figures
            snap = Snapshot(
                team=team_id,
                team_name=team.name,
                programme=team.programme,
                region=team.region,
                period=period.label,
                revision=1,
                computed_at=now_iso(),
                figures=figures.canonical(),
                device=store.device,
                device_key="",
            )
            out.append(sign(snap, store.device_secrets.ed25519_private))
        return out
    finally:
        store.lock()


def fill_central_demo(
    store: RecordStore,
    *,
    today: date,
    teams: tuple[DemoTeam, ...] = DEMO_TEAMS,
    progress: Progress | None = None,
) -> list[Snapshot]:
    """Write the demo teams' snapshots into ``store`` (a central profile's); returns them."""
    written: list[Snapshot] = []
    with tempfile.TemporaryDirectory(prefix="feltjournal-demo-teams-") as tmp:
        for i, team in enumerate(teams):
            snaps = team_snapshots(team, today=today, folder=Path(tmp) / f"team-{i}")
            with store.transaction():
                for snap in snaps:
                    write_snapshot(store, snap)
            written += snaps
            if progress is not None:
                progress(i + 1, len(teams))
    return written
