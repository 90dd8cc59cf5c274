"""Sync benchmark: laptops and a real server on loopback, each figure beside a floor.

Run from the repository root::

    .venv/bin/python bench/sync_bench.py [--changes N] [--push N] [--clients N]
        [--per-client N] [--backends sqlite,postgresql] [--out DIR]

For each server backend it starts a real ``feltjournal-server serve`` process on
127.0.0.1 (SQLite in a temporary data folder; PostgreSQL in a fresh database
on the local cluster, dropped afterwards) and drives laptops against it over
HTTP with the real sync client (signed requests, MessagePack, pages of 1,000).
The laptops are real SQLCipher replicas (tests.support.replicas) enrolled and
approved on the server; space memberships come from real key grants.

a. initial pull: a fresh laptop pulls N changes (default 100,000, ~1 KB each,
   over N/1,000 spaces) in one round. Floor: ``apply_changes`` of the same
   changes, in the same pages, into a fresh replica without HTTP (decrypt +
   merge + insert). Target ≤ 20 s.
b. push of ``--push`` local changes (default 10,000) in one round. Floor: the
   server's ``ChangeLog.push`` of the same batches in-process (no HTTP, no
   signing) into the same database.
c. a sync round with nothing new, median of 30. Floor: one keep-alive
   ``GET /v1/health`` round trip. Target ≤ 50 ms.
d. ``--clients`` laptops (default 50) push ``--per-client`` changes each
   (default 500) at once, one thread each, to their own spaces. The rate is the
   server's ingest from the first request to the last answer. Floor: (b)'s
   in-process rate. Target ≥ 2,000 changes/s with no error.

The source laptop's changes are written once and pushed to each backend (the
bulk push is shown for information). Results go to ``DIR/sync.json``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as `python bench/sync_bench.py` from the root
    sys.path.insert(0, str(REPO))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey  # noqa: E402
from sqlalchemy import Engine, create_engine, func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.pool import NullPool  # noqa: E402

from server import db, keys  # noqa: E402
from server.admin import Admin  # noqa: E402
from server.changelog import ChangeLog  # noqa: E402
from server.directory import Directory  # noqa: E402
from storage.crypto import random_key  # noqa: E402
from storage.store import RecordStore  # noqa: E402
from sync.changes import Change  # noqa: E402
from sync.client import RoundResult, SyncClient, Transport, enrol, post_grants  # noqa: E402
from sync.grants import make_grant  # noqa: E402
from sync.protocol import (  # noqa: E402
    JOB_SPECIALIST,
    MAX_PUSH_CHANGES,
    TEAM_LEAD,
    EnrolRequest,
    WireChange,
)
from tests.support.replicas import make_store  # noqa: E402

PG_URL = os.environ.get(
    "FELTJOURNAL_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
CHANGES_PER_SPACE = 1000
PAGE = 1000  # SyncClient's default page size: what the application pulls with
BODY = 900  # characters of the one field each record gets: ~1 KB envelopes
NOOP_ROUNDS = 30
GRANTS_PER_REQUEST = 500

Keys = dict[str, dict[int, bytes]]


def now() -> float:
    return time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def fmt_seconds(s: float) -> str:
    if s < 1:
        return f"{s * 1e3:.2f} ms"
    return f"{s:.2f} s"


@dataclass
class Row:
    """One line of the result table: a time, the records it moved, a floor time."""

    figure: str
    seconds: float
    records: int
    floor_seconds: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else 0.0

    @property
    def floor_rate(self) -> float | None:
        if self.floor_seconds is None or self.floor_seconds <= 0:
            return None
        return self.records / self.floor_seconds

    @property
    def ratio(self) -> float | None:
        if self.floor_seconds is None or self.floor_seconds <= 0:
            return None
        return self.seconds / self.floor_seconds


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    phases: dict[str, Any] = field(default_factory=dict)
    findings: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


# ------------------------------------------------------------------ the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def server_command() -> list[str]:
    script = Path(sys.executable).with_name("feltjournal-server")
    return [str(script)] if script.exists() else [sys.executable, "-m", "server.cli"]


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FELTJOURNAL_SERVER_")}
    env["PYTHONPATH"] = str(REPO)
    env["FELTJOURNAL_SERVER_ENROL_ATTEMPTS_PER_MINUTE"] = "100000"
    env["FELTJOURNAL_SERVER_DEVICE_REQUESTS_PER_MINUTE"] = "0"  # the bench is one address
    env["FELTJOURNAL_SERVER_DB_POOL_SIZE"] = "20"
    return env


@dataclass
class Server:
    """A running ``feltjournal-server serve``, its database and an in-process admin."""

    backend: str
    url: str
    engine: Engine
    admin: Admin
    org_key: Ed25519PrivateKey
    team_id: str


@contextmanager
def running_server(backend: str, folder: Path) -> Iterator[Server]:
    data = folder / f"server-{backend}"
    root: Engine | None = None
    pg_name = ""
    if backend == "sqlite":
        database_url = f"sqlite:///{data / 'server.db'}"
    else:
        pg_name = f"fj_bench_{os.getpid()}_{secrets.token_hex(4)}"
        root = create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with root.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{pg_name}"')
        database_url = make_url(PG_URL).set(database=pg_name).render_as_string(False)
    common = ["--data", str(data), "--database", database_url]
    subprocess.run(
        [*server_command(), "admin", "init", *common],
        check=True,
        env=server_env(),
        capture_output=True,
        cwd=REPO,
    )
    port = free_port()
    lines: list[str] = []
    ready = threading.Event()
    proc = subprocess.Popen(
        [*server_command(), "serve", *common, "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO,
        env=server_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if len(lines) < 10_000:  # keep the start and any errors, not every access line
                lines.append(line)
            if "Application startup complete" in line:
                ready.set()
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    engine = db.open_engine(database_url, pool_size=2)
    try:
        if not ready.wait(timeout=60) or proc.poll() is not None:
            raise RuntimeError("the server did not start:\n" + "".join(lines))
        admin = Admin(
            engine, org_public_key=keys.load_public_key(data / "org_ed25519.pub"), now_ms=db.now_ms
        )
        team = admin.create_team(f"Bench {uuid.uuid4().hex[:6]}")
        yield Server(
            backend,
            f"http://127.0.0.1:{port}",
            engine,
            admin,
            keys.load_private_key(data / "org_ed25519.key"),
            team.id,
        )
    finally:
        engine.dispose()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
        reader.join(timeout=10)
        if proc.stderr is not None:
            proc.stderr.close()
        if root is not None:
            with root.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
            root.dispose()
        failures = [line for line in lines if "Traceback" in line or " 500 " in line]
        if failures:
            log(f"server log shows {len(failures)} failure line(s): {failures[:3]}")


# ------------------------------------------------------------------ laptops


@dataclass
class Laptop:
    """A replica enrolled and approved on one server."""

    store: RecordStore
    ed25519: bytes
    x25519: bytes

    @property
    def id(self) -> str:
        return self.store.device

    def transport(self, server: Server) -> Transport:
        return Transport(server.url, device_id=self.id, signing_key=self.ed25519, timeout=120)


def enrolled(server: Server, store: RecordStore, role: str) -> Laptop:
    name = f"{role}-{store.device[-8:]}"
    user = server.admin.add_user(team=server.team_id, name=name, role=role)
    code = server.admin.issue_code(user=user.id).code
    ed, x = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    request = EnrolRequest(
        code,
        "bench laptop",
        x.public_key().public_bytes_raw(),
        ed.public_key().public_bytes_raw(),
        device_id=store.device,
    )
    with Transport(server.url) as t:
        enrol(t, request)
    server.admin.approve_device(store.device, server.org_key)
    return Laptop(store, ed.private_bytes_raw(), x.private_bytes_raw())


def grant_all(server: Server, granter: Laptop, target: Laptop, space_keys: Keys) -> None:
    x_pub = X25519PrivateKey.from_private_bytes(target.x25519).public_key().public_bytes_raw()
    grants = [
        make_grant(
            key,
            space=space,
            key_version=1,
            to_device=target.id,
            recipient_x25519=x_pub,
            from_device=granter.id,
            signer_ed25519_private=granter.ed25519,
        )
        for space, versions in space_keys.items()
        for key in [versions[1]]
    ]
    with granter.transport(server) as transport:
        for i in range(0, len(grants), GRANTS_PER_REQUEST):
            post_grants(transport, grants[i : i + GRANTS_PER_REQUEST])


def write_changes(store: RecordStore, spaces: Sequence[str], count: int, tag: str) -> None:
    """``count`` local changes of ~1 KB: one record with one field each, round-robin."""
    filler = ("arbeidsgiver oppfølging samtale jobbsøk æøå " * 30)[:BODY]
    for start in range(0, count, 1000):
        with store.transaction():
            for n in range(start, min(count, start + 1000)):
                store.put(
                    record_type="case_note",
                    space=spaces[n % len(spaces)],
                    values={"body": f"{tag} {n} {filler}"},
                )


# ------------------------------------------------------------------ the bench


class Bench:
    def __init__(self, args: argparse.Namespace, folder: Path) -> None:
        self.args = args
        self.folder = folder
        self.results = Results()
        n_spaces = max(1, args.changes // CHANGES_PER_SPACE)
        self.spaces = [f"work:bench-{i}" for i in range(n_spaces)]
        self.space_keys: Keys = {s: {1: random_key()} for s in self.spaces}
        self.source: RecordStore | None = None
        self.source_changes: list[Change] = []
        self.clients: list[RecordStore] = []
        self.floor_pull: float | None = None
        self._made = 0

    def store(self, keys: Keys | None = None) -> RecordStore:
        self._made += 1
        # checkpoint=True: the WAL is copied back in the background, as on a laptop.
        return make_store(
            self.folder / f"replica-{self._made}.db",
            keys=keys if keys is not None else {},
            checkpoint=True,
        )

    def add(self, row: Row) -> None:
        self.results.rows.append(row)
        ratio = f", {row.ratio:.2f}× floor" if row.ratio is not None else ""
        log(f"{row.figure}: {fmt_seconds(row.seconds)} ({row.rate:,.0f}/s{ratio})")

    # --- built once, used for every backend ---------------------------------------------

    def build(self) -> None:
        a = self.args
        self.source = self.store(self.space_keys)
        t0 = now()
        write_changes(self.source, self.spaces, a.changes, "src")
        log(f"source laptop: {a.changes:,} changes in {fmt_seconds(now() - t0)}")
        self.source_changes = self.source.all_changes()
        assert len(self.source_changes) == a.changes, len(self.source_changes)
        t0 = now()
        for n in range(a.clients):
            store = self.store({f"work:client-{n}": {1: random_key()}})
            write_changes(store, [f"work:client-{n}"], a.per_client, f"c{n}")
            self.clients.append(store)
        log(f"{a.clients} client laptops with {a.per_client:,} changes each: {now() - t0:.1f} s")

    def floor_initial_pull(self) -> None:
        """decrypt + apply of the source's changes, in pull pages, into a fresh replica."""
        fresh = self.store(self.space_keys)
        t0 = now()
        for i in range(0, len(self.source_changes), PAGE):
            fresh.apply_changes(self.source_changes[i : i + PAGE], cursor=("floor", str(i)))
        self.floor_pull = now() - t0
        log(f"floor: apply of {len(self.source_changes):,} changes in {self.floor_pull:.2f} s")
        fresh.lock()

    # --- per backend --------------------------------------------------------------------

    def run_backend(self, backend: str) -> None:
        a = self.args
        assert self.source is not None
        with running_server(backend, self.folder) as server:
            lead = enrolled(server, self.source, TEAM_LEAD)
            self.source.mark_all_unpushed()  # a new server: offer everything again
            t0 = now()
            with lead.transport(server) as transport:
                seeded = RoundResult()
                SyncClient(self.source, transport).push(seeded)
            seed_s = now() - t0
            assert seeded.pushed == a.changes, seeded
            self.add(Row(f"{backend}: bulk push (seeding, info)", seed_s, seeded.pushed))

            # a. initial pull to a fresh laptop
            fresh = enrolled(server, self.store(self.space_keys), JOB_SPECIALIST)
            grant_all(server, lead, fresh, self.space_keys)
            with fresh.transport(server) as transport:
                t0 = now()
                pulled = SyncClient(fresh.store, transport).round()
                pull_s = now() - t0
            assert pulled.applied == a.changes, pulled
            assert fresh.store.state_hash() == self.source.state_hash()
            self.add(
                Row(
                    f"{backend}: a. initial pull",
                    pull_s,
                    pulled.pulled,
                    self.floor_pull,
                    "≤ 20 s",
                    pull_s <= 20 if a.changes >= 100_000 else None,
                    f"{pulled.pages} pages; floor = apply_changes of the same pages, no HTTP",
                )
            )

            # b. push of local changes
            write_changes(fresh.store, self.spaces, a.push, "local")
            mine = [c for c in fresh.store.all_changes() if c.device == fresh.id]
            assert len(mine) == a.push
            with fresh.transport(server) as transport:
                t0 = now()
                pushed = RoundResult()
                SyncClient(fresh.store, transport).push(pushed)
                push_s = now() - t0
            assert pushed.pushed == a.push and not pushed.rejected, pushed
            floor_push = self.floor_server_push(server, mine)
            self.add(
                Row(
                    f"{backend}: b. push",
                    push_s,
                    a.push,
                    floor_push,
                    note=f"{pushed.batches} batches; floor = ChangeLog.push in-process",
                )
            )

            # c. a round with nothing new
            with fresh.transport(server) as transport:
                client = SyncClient(fresh.store, transport)
                client.round()  # catch up: its own pushed changes come back as duplicates
                times = []
                for _ in range(NOOP_ROUNDS):
                    t0 = now()
                    idle = client.round()
                    times.append(now() - t0)
                    assert idle.pulled == 0 and idle.pushed == 0, idle
                floors = []
                for _ in range(NOOP_ROUNDS):
                    t0 = now()
                    transport.request("GET", "/v1/health", signed=False)
                    floors.append(now() - t0)
            noop, noop_floor = statistics.median(times), statistics.median(floors)
            self.results.phases[f"{backend}.noop"] = {"times": times, "floors": floors}
            self.add(
                Row(
                    f"{backend}: c. round, nothing new",
                    noop,
                    1,
                    noop_floor,
                    "≤ 50 ms",
                    noop <= 0.050,
                    f"median of {NOOP_ROUNDS}; floor = GET /v1/health, keep-alive",
                )
            )

            # d. many clients push at once
            self.concurrent_push(server, floor_push / a.push if a.push else None)

    def floor_server_push(self, server: Server, mine: list[Change]) -> float:
        """The same batches through ChangeLog.push in-process, as another device in its own
        space (so no laptop of the bench ever pulls these copies)."""
        other = enrolled(server, self.store(), JOB_SPECIALIST)
        device = Directory(server.engine, org_public_key=b"", now_ms=db.now_ms).device(other.id)
        assert device is not None
        changelog = ChangeLog(server.engine, now_ms=db.now_ms)
        wire = [
            WireChange(
                str(uuid.uuid4()),
                other.id,
                c.hlc,
                c.record_id,
                c.record_type,
                "work:bench-floor",
                c.field,
                c.kind,
                c.key_version,
                c.payload,
            )
            for c in mine
        ]
        t0 = now()
        for i in range(0, len(wire), MAX_PUSH_CHANGES):
            batch = wire[i : i + MAX_PUSH_CHANGES]
            done = changelog.push(device, batch)
            assert len(done.accepted) == len(batch), done.rejected
        return now() - t0

    def concurrent_push(self, server: Server, floor_per_change: float | None) -> None:
        a = self.args
        laptops = [enrolled(server, store, JOB_SPECIALIST) for store in self.clients]
        for laptop in laptops:
            laptop.store.mark_all_unpushed()  # pushed to the previous backend, perhaps
        errors: list[str] = []
        results: list[RoundResult] = []
        start = threading.Barrier(len(laptops) + 1)
        lock = threading.Lock()

        def push(laptop: Laptop) -> None:
            with laptop.transport(server) as transport:
                client = SyncClient(laptop.store, transport)
                start.wait()
                try:
                    result = RoundResult()
                    client.push(result)
                except Exception as exc:  # counted, reported
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}")
                    return
                with lock:
                    results.append(result)

        threads = [threading.Thread(target=push, args=(lp,)) for lp in laptops]
        for t in threads:
            t.start()
        start.wait()
        t0 = now()
        for t in threads:
            t.join()
        wall = now() - t0
        total = a.clients * a.per_client
        with server.engine.connect() as conn:
            stored = conn.scalar(
                select(func.count())
                .select_from(db.changes)
                .where(db.changes.c.space.startswith("work:client-"))
            )
        rejected = sum(len(r.rejected) for r in results)
        pushed = sum(r.pushed for r in results)
        ok = not errors and rejected == 0 and pushed == total and stored == total
        if not ok:
            self.results.findings.append(
                f"{server.backend}: concurrent push: {len(errors)} errors {errors[:3]}, "
                f"{rejected} rejected, {pushed}/{total} pushed, {stored} stored"
            )
        rate = total / wall
        self.add(
            Row(
                f"{server.backend}: d. {a.clients} clients pushing",
                wall,
                total,
                floor_per_change * total if floor_per_change else None,
                "≥ 2,000/s, no error",
                rate >= 2000 and ok,
                f"{len(errors)} errors, {rejected} rejected; floor = ChangeLog.push in-process"
                " (one writer)",
            )
        )

    def run(self) -> Results:
        steps: list[tuple[str, Callable[[], None]]] = [
            ("build", self.build),
            ("floor", self.floor_initial_pull),
        ]
        steps += [(b, functools.partial(self.run_backend, b)) for b in self.args.backends]
        for name, step in steps:
            t0 = now()
            log(f"{name} …")
            try:
                step()
            except Exception:  # keep the figures of the other backends
                if name in ("build", "floor"):
                    raise
                text = traceback.format_exc()
                log(f"{name} FAILED:\n{text}")
                self.results.findings.append(f"{name} FAILED: {text.strip().splitlines()[-1]}")
                self.results.errors[name] = text
                continue
            log(f"{name} done in {fmt_seconds(now() - t0)}")
        return self.results


# ------------------------------------------------------------------- output


def render(results: Results) -> str:
    header = ("figure", "time", "records/s", "floor", "floor rec/s", "ratio", "target", "met?")
    lines: list[tuple[str, ...]] = []
    for row in results.rows:
        lines.append(
            (
                row.figure,
                fmt_seconds(row.seconds),
                f"{row.rate:,.0f}",
                "—" if row.floor_seconds is None else fmt_seconds(row.floor_seconds),
                "—" if row.floor_rate is None else f"{row.floor_rate:,.0f}",
                "—" if row.ratio is None else f"{row.ratio:.2f}×",
                row.target or "—",
                "—" if row.met is None else ("yes" if row.met else "NO"),
            )
        )
    widths = [max(len(x[i]) for x in (header, *lines)) for i in range(len(header))]

    def fmt(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    out = [fmt(header), "  ".join("-" * w for w in widths), *(fmt(x) for x in lines)]
    notes = [f"  {row.figure}: {row.note}" for row in results.rows if row.note]
    return "\n".join([*out, "", "notes:", *notes, *(f"  * {f}" for f in results.findings)])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--changes", type=int, default=100_000, help="changes in the initial pull")
    p.add_argument("--push", type=int, default=10_000, help="local changes pushed in (b)")
    p.add_argument("--clients", type=int, default=50, help="concurrent pushers in (d)")
    p.add_argument("--per-client", type=int, default=500, help="changes each pusher sends")
    p.add_argument(
        "--backends",
        type=lambda s: [b for b in s.split(",") if b],
        default=["sqlite", "postgresql"],
        help="comma-separated: sqlite,postgresql",
    )
    p.add_argument("--out", type=Path, default=Path("bench/out"), help="folder for sync.json")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = p.parse_args(argv)
    if min(args.changes, args.push, args.clients, args.per_client) < 1:
        p.error("sizes must be at least 1")
    if set(args.backends) - {"sqlite", "postgresql"} or not args.backends:
        p.error("--backends takes sqlite and/or postgresql")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = now()
    tmp = tempfile.mkdtemp(prefix="feltjournal-syncbench-")
    try:
        log(
            f"{args.changes:,} changes to pull, {args.push:,} to push, {args.clients} clients × "
            f"{args.per_client:,}; backends {', '.join(args.backends)}; working in {tmp}"
        )
        results = Bench(args, Path(tmp)).run()
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    elapsed = now() - started
    print()
    print(f"Feltjournal sync bench — {args.changes:,} changes, loopback, {os.cpu_count()} CPUs")
    print(render(results))
    print(f"\nwhole run: {fmt_seconds(elapsed)}")
    args.out.mkdir(parents=True, exist_ok=True)
    out_file = args.out / "sync.json"
    data = {
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "elapsed_s": elapsed,
        "python": sys.version,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "rows": [
            {**asdict(r), "rate": r.rate, "floor_rate": r.floor_rate, "ratio": r.ratio}
            for r in results.rows
        ],
        "phases": results.phases,
        "findings": results.findings,
        "errors": results.errors,
    }
    out_file.write_text(json.dumps(data, indent=2, ensure_ascii=False), "utf-8")
    print(f"wrote {out_file}")
    return 1 if results.errors else 0


if __name__ == "__main__":
    sys.exit(main())
