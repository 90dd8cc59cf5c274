"""The central team's commands: central report, publish and demo."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from app import store_settings
from app.cli.common import (
    CliError,
    _emit,
    _journal,
    _passphrase,
    _profile,
    _require_demo_generator,
    _unlock,
)
from app.domain.access import CENTRAL, TEAM_LEAD


def _central_filters(args: argparse.Namespace) -> Any:
    from app.central import Filters

    return Filters(
        programmes=frozenset(args.programme) if args.programme else None,
        regions=frozenset(args.region) if args.region else None,
    )


def cmd_central_report(args: argparse.Namespace) -> int:
    """The central team's report from the snapshots on this device."""
    from app.central.aggregate import central_data
    from app.central.export import report_json, report_rows, report_table, write_csv
    from app.indicators import parse_period

    _, store = _unlock(args)
    try:
        data, unreadable = central_data(store)
    finally:
        store.lock()
    if unreadable:
        print(
            f"feltjournal: skipped {unreadable} snapshot(s) that could not be read or verified",
            file=sys.stderr,
        )
    if data.empty:
        raise CliError(
            "No report snapshots on this device: a central device receives them by "
            "'feltjournal sync'; a team lead makes them with 'feltjournal central publish'."
        )
    if args.period:
        period = parse_period(args.period).label
    else:
        period = (data.periods("quarter") or data.periods())[-1]
    if not any(p == period for p in data.periods()):
        raise CliError(
            f"No team has reported for {period}; periods on this device: "
            + ", ".join(data.periods())
        )
    filters = _central_filters(args)
    fmt = "json" if args.json else args.format
    if fmt == "csv":
        write_csv(sys.stdout, report_rows(data, period, filters=filters))
    elif fmt == "json":
        print(json.dumps(report_json(data, period, filters=filters), ensure_ascii=False, indent=2))
    else:
        print(report_table(data, period, filters=filters))
    return 0


def cmd_central_publish(args: argparse.Namespace) -> int:
    """A team lead's device: write the team's report snapshots (sync sends them)."""
    from app.central import publish, publish_due
    from app.central.publish import is_central_team
    from app.indicators import parse_period

    _, journal = _journal(args)
    try:
        if journal.role != TEAM_LEAD:
            raise CliError("Only a team lead's profile publishes report snapshots.")
        if is_central_team(journal.store):
            raise CliError("The central team reports to no one: it publishes no snapshots.")
        enrolled = store_settings.team_id(journal.store) is not None
        if args.period:
            written = [publish(journal, parse_period(args.period))]
        else:
            written = publish_due(journal, today=journal.today())
    finally:
        journal.store.lock()
    data = {"published": [{"period": s.period, "revision": s.revision} for s in written]}
    nothing = (
        "Ingen nye perioder å publisere."
        if enrolled
        else "Ingen perioder publisert: profilen er ikke registrert hos en server ennå."
    )
    text = "\n".join(f"Publisert {s.period} (versjon {s.revision})." for s in written) or nothing
    _emit(args, data, text)
    return 0


def cmd_central_demo(args: argparse.Namespace) -> int:
    """A central team's profile filled with three demo teams' snapshots."""
    _require_demo_generator()
    from app.central.demo import fill_central_demo

    profile = _profile(args)
    if profile.exists():
        _, store = _unlock(args)
        if store.role != CENTRAL:
            store.lock()
            raise CliError("This profile is not a central team's; demo reports go in a new one.")
    else:
        passphrase = _passphrase("Velg passordfrase: ", confirm=True)
        profile.create(
            user_name=args.name,
            role=CENTRAL,
            passphrase=passphrase,
            file_keystore=args.insecure_file_keystore,
        )
        store = profile.unlock(passphrase)
    try:
        written = fill_central_demo(store, today=date.today())
    finally:
        store.lock()
    teams = sorted({s.team_name for s in written})
    _emit(
        args,
        {"snapshots": len(written), "teams": teams},
        f"Demorapporter: {len(written)} øyeblikksbilder fra {len(teams)} team i {profile.path}.",
    )
    return 0
