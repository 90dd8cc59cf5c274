"""The ``feltjournal-server`` command: ``serve`` the API, or ``admin`` the database directly.

Exit codes: 0 ok, 1 a known failure (one line on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from server import backup, db, keys, migrations
from server.admin import ROLES, Admin, Team
from server.directory import DeviceRow
from server.errors import AdminError
from server.logs import log_config
from server.observe import TrustedProxies
from server.settings import ServerSettings, SettingsError
from sync.protocol import PROGRAMMES

_PRIVATE_KEY_NOTE = (
    "The organisation private key signs the first team lead's device certificate. "
    "In production keep it on the admin's own machine, not on the server host."
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return 2
    try:
        settings = ServerSettings.from_env(
            data_dir=getattr(args, "data", None), database_url=getattr(args, "database", None)
        )
        run: Callable[[argparse.Namespace, ServerSettings], int] = args.run
        code = run(args, settings)
        sys.stdout.flush()  # here, so that a closed pipe is met inside the try
        return code
    except BrokenPipeError:
        return _closed_pipe()
    except (AdminError, SettingsError, migrations.MigrationError) as exc:
        print(f"feltjournal-server: {exc}", file=sys.stderr)
    except sa_exc.OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        print(f"feltjournal-server: cannot use the database: {reason}", file=sys.stderr)
    except OSError as exc:
        print(f"feltjournal-server: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
    return 1


def _closed_pipe() -> int:
    """The reader stopped early (``… admin list-devices | head``): end quietly, as a shell
    reports a command ended by SIGPIPE, with no error line and no traceback at exit."""
    with suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return 141


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="data folder (FELTJOURNAL_SERVER_DATA_DIR)",
    )
    common.add_argument(
        "--database",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="sqlite:///FILE or postgresql+psycopg://… (FELTJOURNAL_SERVER_DATABASE_URL); "
        "default: server.db in the data folder",
    )
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print JSON")

    parser = argparse.ArgumentParser(
        prog="feltjournal-server", description="Feltjournal's central sync server."
    )
    sub = parser.add_subparsers(metavar="COMMAND")

    serve = sub.add_parser("serve", parents=[common], help="run the HTTP API")
    serve.add_argument("--host", default=None, help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=None, help="port (8765)")
    serve.add_argument("--tls-cert", type=Path, default=None, metavar="FILE")
    serve.add_argument("--tls-key", type=Path, default=None, metavar="FILE")
    serve.set_defaults(run=_serve)

    migrate = sub.add_parser(
        "migrate",
        parents=[common, as_json],
        help="upgrade the database to this release's schema (serve does it too)",
    )
    migrate.set_defaults(run=_migrate)

    admin = sub.add_parser("admin", help="administer the database directly")
    cmds = admin.add_subparsers(metavar="ACTION")

    def action(name: str, run: Callable[..., int], help_: str) -> argparse.ArgumentParser:
        p = cmds.add_parser(name, parents=[common, as_json], help=help_)
        p.set_defaults(run=run)
        return p

    action("init", _init, "create the database and the organisation key pair")
    p = action("create-team", _create_team, "create a team")
    p.add_argument("name")
    p.add_argument(
        "--programme", required=True, type=str.upper, choices=PROGRAMMES, help="SFJ, JMO or IPS"
    )
    p.add_argument("--region", default="", help="free short text, e.g. 'Troms og Finnmark'")
    p = action("update-team", _update_team, "set a team's programme or region")
    p.add_argument("team", metavar="TEAM", help="team name or id")
    p.add_argument("--programme", type=str.upper, choices=PROGRAMMES, default=None)
    p.add_argument("--region", default=None)
    action("list-teams", _list_teams, "list teams")
    p = action("add-user", _add_user, "add a user to a team")
    p.add_argument("--team", required=True, help="team name or id")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=ROLES)
    p = action("list-users", _list_users, "list users")
    p.add_argument("--team")
    p = action("issue-code", _issue_code, "issue a one-time enrolment code for a user")
    p.add_argument("--user", required=True, help="user name or id")
    p.add_argument("--hours", type=float, default=72.0, help="valid for (72)")
    p = action("list-devices", _list_devices, "list devices")
    p.add_argument("--team")
    p = action("approve-device", _approve_device, "sign a device's certificate with the org key")
    p.add_argument("device", metavar="ID", help="device id (or a unique prefix of 6+ characters)")
    p.add_argument(
        "--org-key",
        type=Path,
        default=None,
        metavar="FILE",
        help="organisation private key (default: org_ed25519.key in the data folder)",
    )
    p = action("revoke-device", _revoke_device, "revoke a device")
    p.add_argument("device", metavar="ID")
    p = action("audit", _audit, "show the newest audit events")
    p.add_argument("--team")
    p.add_argument("--limit", type=int, default=50)
    p = action("backup", _backup, "write a consistent copy of the database while it runs")
    p.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="where (default: backups/feltjournal-server-<UTC time>.db|.dump in the data folder)",
    )
    p = action("restore", _restore, "load a backup into a new, empty database")
    p.add_argument("backup_file", type=Path, metavar="FILE")
    p = action("compact", _compact, "compact old register changes and raise the horizon")
    p.add_argument("--days", type=int, default=None, help="older than (the configured 90)")
    return parser


# --- serve --------------------------------------------------------------------------------


def _serve(args: argparse.Namespace, base: ServerSettings) -> int:
    import uvicorn

    from server.app import create_app

    settings = base.with_overrides(
        host=args.host, port=args.port, tls_cert=args.tls_cert, tls_key=args.tls_key
    )
    keys.load_public_key(settings.org_public_key_path)  # a clear error before uvicorn starts
    TrustedProxies(settings.trusted_proxies)  # the same for a malformed proxy list
    with _engine(settings) as engine:
        migrations.migrate(engine)
    config = uvicorn.Config(
        functools.partial(create_app, settings),
        factory=True,
        host=settings.host,
        port=settings.port,
        ssl_certfile=str(settings.tls_cert) if settings.tls_cert else None,
        ssl_keyfile=str(settings.tls_key) if settings.tls_key else None,
        # The app reads forwarding headers itself, from TRUSTED_PROXIES only (server.observe).
        proxy_headers=False,
        lifespan="on",
        server_header=False,
        log_config=log_config(),
        access_log=False,  # the app writes one JSON access line per request (server.logs)
        log_level="info",
    )
    server = uvicorn.Server(config)
    server.run()
    return 0 if server.started else 1


def _migrate(args: argparse.Namespace, settings: ServerSettings) -> int:
    _require_database(settings, named_too=True)
    with _engine(settings) as engine:
        applied = migrations.migrate(engine)
        with db.read_tx(engine) as conn:
            revision = migrations.current(conn) or 0
    out = {
        "database": make_url(settings.effective_database_url).render_as_string(hide_password=True),
        "revision": revision,
        "applied": applied,
    }
    if args.json:
        _print_json(out)
    elif applied:
        done = ", ".join(f"{r:04d}" for r in applied)
        print(f"Database {out['database']} upgraded to revision {revision:04d} (ran {done}).")
    else:
        print(f"Database {out['database']} is up to date (revision {revision:04d}).")
    return 0


# --- admin --------------------------------------------------------------------------------


@contextmanager
def _engine(settings: ServerSettings) -> Iterator[Engine]:
    engine = db.open_engine(settings.effective_database_url, pool_size=2)
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def _admin(settings: ServerSettings, *, need_key: bool = False) -> Iterator[Admin]:
    _require_database(settings)
    path = settings.org_public_key_path
    org_key = keys.load_public_key(path) if need_key or path.exists() else None
    with _engine(settings) as engine:
        migrations.migrate(engine)
        yield Admin(engine, org_public_key=org_key, now_ms=db.now_ms)


def _require_database(settings: ServerSettings, *, named_too: bool = False) -> None:
    """An SQLite server must exist already: migrate and the admin actions never make a new,
    empty one (in ./server-data when --data was left out); only ``admin init`` does. A
    PostgreSQL database is the admin's to make. ``named_too``: a file named with --database
    must exist as well (migrate); an admin action takes it as the admin's choice."""
    url = make_url(settings.effective_database_url)
    if not url.drivername.startswith("sqlite") or url.database in (None, "", ":memory:"):
        return
    if settings.database_url and not named_too:
        return
    if not Path(url.database).exists():
        where = settings.data_dir if not settings.database_url else Path(url.database)
        raise AdminError(
            f"There is no server database in {where}; name the server's data "
            "folder with --data (or FELTJOURNAL_SERVER_DATA_DIR), or make one with "
            "'feltjournal-server admin init'."
        )


def _init(args: argparse.Namespace, settings: ServerSettings) -> int:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    private, public = settings.org_private_key_path, settings.org_public_key_path
    created = not public.exists()
    if created:
        if private.exists():
            raise AdminError(f"{private} exists without its public key {public}; move it aside.")
        raw = keys.write_key_pair(private, public)
    else:
        raw = keys.load_public_key(public)
    with _engine(settings) as engine:
        applied = migrations.migrate(engine)
        with db.read_tx(engine) as conn:
            instance_id = db.get_meta(conn, "instance_id")
    out = {
        "database": make_url(settings.effective_database_url).render_as_string(hide_password=True),
        "migrations_applied": applied,
        "instance_id": instance_id,
        "org_public_key": str(public),
        "org_private_key": str(private) if created else None,
        "org_key_fingerprint": keys.fingerprint(raw),
        "created_key": created,
    }
    if args.json:
        _print_json(out)
        return 0
    print(f"Database:     {out['database']} (instance {instance_id})")
    if created:
        print(f"Org key:      {public} (fingerprint {out['org_key_fingerprint']})")
        print(f"Private key:  {private} (mode 0600)")
        print(_PRIVATE_KEY_NOTE)
    else:
        print(f"Org key:      {public} kept (fingerprint {out['org_key_fingerprint']})")
    return 0


def _team_dict(t: Team) -> dict[str, Any]:
    return {"id": t.id, "name": t.name, "programme": t.programme, "region": t.region}


def _create_team(args: argparse.Namespace, settings: ServerSettings) -> int:
    with _admin(settings) as admin:
        team = admin.create_team(args.name, programme=args.programme, region=args.region)
    _show(
        args,
        _team_dict(team),
        f"Team {team.name!r} ({team.programme}, {team.region or 'no region'}) created: {team.id}",
    )
    return 0


def _update_team(args: argparse.Namespace, settings: ServerSettings) -> int:
    if args.programme is None and args.region is None:
        raise AdminError("Give --programme, --region or both.")
    with _admin(settings) as admin:
        team = admin.update_team(args.team, programme=args.programme, region=args.region)
    _show(
        args,
        _team_dict(team),
        f"Team {team.name!r}: programme {team.programme}, region {team.region or '(none)'}.",
    )
    return 0


def _list_teams(args: argparse.Namespace, settings: ServerSettings) -> int:
    with _admin(settings) as admin:
        found = admin.list_teams()
    _table(args, [_team_dict(t) for t in found], ["id", "name", "programme", "region"])
    return 0


def _add_user(args: argparse.Namespace, settings: ServerSettings) -> int:
    with _admin(settings) as admin:
        u = admin.add_user(team=args.team, name=args.name, role=args.role)
    data = {"id": u.id, "team_id": u.team_id, "team": u.team_name, "name": u.name, "role": u.role}
    _show(args, data, f"User {u.name!r} ({u.role}) added to {u.team_name!r}: {u.id}")
    return 0


def _list_users(args: argparse.Namespace, settings: ServerSettings) -> int:
    with _admin(settings) as admin:
        found = admin.list_users(args.team)
    rows = [{"id": u.id, "team": u.team_name, "name": u.name, "role": u.role} for u in found]
    _table(args, rows, ["id", "team", "name", "role"])
    return 0


def _issue_code(args: argparse.Namespace, settings: ServerSettings) -> int:
    with _admin(settings, need_key=True) as admin:
        issued = admin.issue_code(user=args.user, hours=args.hours)
    data = {
        "code": issued.code,
        "user_id": issued.user.id,
        "user": issued.user.name,
        "expires": _iso(issued.expires_ms),
    }
    _show(
        args,
        data,
        f"{issued.code}\nOne-time enrolment code for {issued.user.name!r} "
        f"({issued.user.team_name}), valid until {_iso(issued.expires_ms)}. Shown only once.",
    )
    return 0


def _list_devices(args: argparse.Namespace, settings: ServerSettings) -> int:
    with _admin(settings) as admin:
        found = admin.list_devices(args.team)
        team_names = {t.id: t.name for t in admin.list_teams()}
    rows = [_device_dict(d, team_names.get(d.team_id, d.team_id)) for d in found]
    _table(args, rows, ["id", "team", "user", "role", "device", "status", "enrolled"])
    return 0


def _approve_device(args: argparse.Namespace, settings: ServerSettings) -> int:
    org_key = keys.load_private_key(args.org_key or settings.org_private_key_path)
    with _admin(settings, need_key=True) as admin:
        d = admin.approve_device(args.device, org_key)
    _show(args, _device_dict(d), f"Device {d.id} ({d.user_name}, {d.role}) approved.")
    return 0


def _revoke_device(args: argparse.Namespace, settings: ServerSettings) -> int:
    with _admin(settings) as admin:
        d = admin.revoke_device(args.device)
    _show(
        args,
        _device_dict(d),
        f"Device {d.id} ({d.user_name}) revoked; it erases its keys at its next contact.",
    )
    return 0


def _audit(args: argparse.Namespace, settings: ServerSettings) -> int:
    if not 1 <= args.limit <= 100_000:
        raise AdminError("--limit must be between 1 and 100000.")
    with _admin(settings) as admin:
        events = admin.audit(team=args.team, limit=args.limit)
    rows: list[dict[str, Any]] = [
        {
            "at": e.at,
            "device": e.device,
            "actor": e.actor,
            "action": e.action,
            "record_id": e.record_id or "",
            "seq": e.seq,
            "hash": e.hash,
        }
        for e in events
    ]
    _table(args, rows, ["at", "device", "actor", "action", "record_id"])
    return 0


def _backup(args: argparse.Namespace, settings: ServerSettings) -> int:
    url = settings.effective_database_url
    _require_database(settings)
    output = args.output or backup.default_backup_path(settings.data_dir, backup.backend_of(url))
    with _engine(settings) as engine:
        done = backup.backup(engine, output)
    data = {
        "file": str(done.path),
        "bytes": done.size,
        "revision": done.revision,
        "instance_id": done.instance_id,
    }
    _show(
        args,
        data,
        f"Backed up to {done.path} ({done.size:,} bytes, schema revision "
        f"{done.revision or 0:04d}). Keep org_ed25519.pub with it.",
    )
    return 0


def _restore(args: argparse.Namespace, settings: ServerSettings) -> int:
    with _engine(settings) as engine:
        done = backup.restore(engine, args.backup_file)
    data = {
        "file": str(done.source),
        "instance_id": done.instance_id,
        "previous_instance_id": done.previous_instance_id,
        "migrations_applied": done.migrations_applied,
    }
    _show(
        args,
        data,
        f"Restored {done.source} with the new instance id {done.instance_id}: laptops "
        "offer it everything they wrote and pull it all again at their next sync.",
    )
    return 0


def _compact(args: argparse.Namespace, settings: ServerSettings) -> int:
    days = settings.compaction_days if args.days is None else args.days
    with _admin(settings) as admin:
        result = admin.compact(days=days)
    data = {
        "days": days,
        "horizon": result.horizon,
        "removed_registers": result.removed_registers,
        "removed_emptied": result.removed_emptied,
    }
    _show(
        args,
        data,
        f"Compacted changes older than {days} days: removed {result.removed_registers} "
        f"superseded register changes and {result.removed_emptied} purged ones; "
        f"horizon is now {result.horizon}.",
    )
    return 0


# --- output -------------------------------------------------------------------------------


def _device_dict(d: DeviceRow, team: str | None = None) -> dict[str, Any]:
    return {
        "id": d.id,
        "team": team or d.team_id,
        "user": d.user_name,
        "role": d.role,
        "device": d.name,
        "status": d.status,
        "enrolled": _iso(d.enrolled_ms),
    }


def _iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M UTC")


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _show(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if args.json:
        _print_json(data)
    else:
        print(text)


def _table(args: argparse.Namespace, rows: list[dict[str, Any]], columns: list[str]) -> None:
    if args.json:
        _print_json(rows)
        return
    if not rows:
        print("(none)")
        return
    widths = [max(len(c), *(len(str(r[c])) for r in rows)) for c in columns]
    print("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for r in rows:
        print("  ".join(str(r[c]).ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())


if __name__ == "__main__":
    sys.exit(main())
