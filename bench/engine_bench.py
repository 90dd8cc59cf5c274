"""Engine benchmark: the record store on a realistic profile, each figure beside a floor.

Run from the repository root::

    .venv/bin/python bench/engine_bench.py [--records N] [--out DIR] [--no-profile]

It builds a real profile (vault with Argon2id at default cost, SQLCipher
database, in-memory keyring backend from the test suite) in a temporary folder,
fills it with N records of about 1 KB (mostly case notes across N/50 participant
spaces), and measures:

a. unlock to first usable query (floor: plain sqlcipher3 open + ``SELECT count(*)``);
b. decrypting every record with ``store.query()`` (floor: stdlib sqlite3 rows of
   AES-GCM-encrypted JSON, select all + decrypt + ``json.loads``);
c. two-word search, median of 50 word pairs (floor, for reference only: the same
   FTS5 query on the plain database + decrypting the hits);
d. single-record writes (register + body text edit), median and p95 of 200 puts,
   each its own transaction (floor: json + AES-GCM + sqlite3 insert, commit each);
e. applying 10,000 changes from another replica in batches of 1,000 (floor: the
   same batches applied the plain way to the floor's copy of the records: decrypt
   each change, read, decrypt, update, encrypt and write back each record it
   touches, log the changes, replace the search rows of changed texts; the older,
   lower floor that only decrypts and logs the changes is printed beside it);
f. peak RSS and the database size on disk.

The plain floor database uses the same journal and cache settings as the store
(WAL, synchronous=NORMAL, the same autocheckpoint and page cache, temp store in
memory) and lives in the same temporary folder. For every target
that is not met, the phase is run once more under cProfile and the top entries
are printed and written next to the JSON (``--no-profile`` skips this).

Only for building the dataset are many ``put`` calls wrapped in one
``store._db.atomic()`` block (savepoints nest); every measured write is its own
transaction, as in real use.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import platform
import pstats
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as `python bench/engine_bench.py` from the root
    sys.path.insert(0, str(REPO))

import keyring  # noqa: E402
import sqlcipher3  # noqa: E402
import sqlite_utils  # noqa: E402
from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402

import storage.vault as vault_module  # noqa: E402
from storage.anchor import AnchorFile, SaveMark  # noqa: E402
from storage.crypto import KdfParams  # noqa: E402
from storage.db import (  # noqa: E402
    CACHE_SIZE_PRAGMA,
    MEMORY_SECURITY,
    SYNCHRONOUS,
    WAL_AUTOCHECKPOINT_PAGES,
)
from storage.db import connect as db_connect  # noqa: E402
from storage.profile import Profile  # noqa: E402
from storage.schema import migrations  # noqa: E402
from storage.search import match_expression  # noqa: E402
from storage.store import RecordStore  # noqa: E402
from sync.changes import Change  # noqa: E402
from sync.protocol import JOB_SPECIALIST  # noqa: E402
from tests.storage.keyring_backends import InMemoryKeyring  # noqa: E402
from tests.support.replicas import make_store  # noqa: E402

PASSPHRASE = "benk-passord-æøå"
RECORDS_PER_SPACE = 50
BUILD_BATCH = 1000
SEARCH_QUERIES = 50
WRITES = 200
REMOTE_CHANGES = 10_000
REMOTE_BATCH = 1_000
# 10,000 remote changes: 1,000 new notes (5 registers incl. parent + 1 text
# change each) and 2,000 edits (1 register + 1 text change each).
REMOTE_NEW = 1_000
REMOTE_EDITS = 2_000
NONCE = 12


# --------------------------------------------------------------------------- corpus


def _words(text: str) -> list[str]:
    return text.split()


_FUNCTION_WORDS = _words(
    "og i på til med som det er en et har ikke om for av at vi han hun seg skal kan var "
    "ble men så nå også da der her etter fra eller hvis når både bare noe mer mye litt "
    "godt får går vil må blir kom sa fikk ønsker"
)

_CONTENT_WORDS = _words(
    "deltaker deltakeren arbeidsgiver arbeidsgiveren arbeidsplass arbeidsplassen jobb jobben "
    "jobbsøk jobbsøking søknad søknader intervju praksis praksisplass tiltak oppfølging "
    "oppfølgingssamtale samtale samtalen møte møtet møtte avtale avtalen avtalt plan planen "
    "mål målet delmål tilrettelegging tilrettelagt arbeidstid arbeidsoppgaver oppgaver "
    "lønn lønnstilskudd kontrakt fast deltid heltid vikariat sykemelding sykemeldt lege "
    "fastlege behandler terapeut terapi mestring mestringstro angst depresjon søvn "
    "energi motivasjon bekymring bekymret trygg trygghet usikker usikkerhet familie barn "
    "bolig økonomi gjeld nav veileder veilederen koordinator team teamet teammøte "
    "kompetanse utdanning kurs sertifikat førerkort truck butikk lager kafé kjøkken "
    "barnehage sykehjem renhold transport bygg verksted kontor regnskap kundeservice "
    "telefon hjemmebesøk oppmøte video digitalt fremmøte frammøte forsinket avlyst "
    "utsatt gjennomført gjennomgang evaluering kartlegging ressurser styrker utfordringer "
    "erfaring erfaringer interesser ønske ønsker framtid fremtid neste uke måned "
    "mandag tirsdag onsdag torsdag fredag morgen ettermiddag kveld pause lunsj kollega "
    "kolleger leder lederen nærmeste ansvar ansvarlig rutiner struktur dagsrytme "
    "hverdag helse fysisk psykisk smerter rygg skulder medisiner bivirkninger "
    "følelser stress stressende krevende positiv positivt negativt fornøyd glad "
    "sliten trøtt rolig åpen ærlig tydelig konkret realistisk viktig nødvendig "
    "tilbakemelding oppsummering refleksjon læring lærte øvelse øve øvde forberedelse "
    "forberedt presentasjon cv attest referanse referanser nettverk kontakt kontakter "
    "ringte sendte skrev leste fulgte besøkte snakket diskuterte avklarte bestemte "
    "gjennomgikk vurderte foreslo støttet hjalp ventet startet avsluttet fortsatte "
    "økte reduserte endret endringer særlig spesielt ellers fortsatt tidligere senere"
)

_SYLLABLES = _words(
    "ar bei gi ver sam ta le mø te på fø ing skå ren hø kje øk tå be hov jobb søk nad "
    "an sva ku lær rå dal fjell strø bå kran ly gå ste dag vå ke ti ord mi ne ør sæ "
    "ve kå re fri tid hus gård sko la bo rø ma ski tor ny bru hå lo å æ ø"
)


def _synthetic_words(rng: random.Random, count: int) -> list[str]:
    known = set(_FUNCTION_WORDS) | set(_CONTENT_WORDS)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < count:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if len(word) >= 4 and word not in seen and word not in known:
            seen.add(word)
            out.append(word)
    return out


_MODES = ("oppmøte", "telefon", "video", "hjemmebesøk", "arbeidsplass", "digitalt")
_TITLE_START = (
    "Samtale om",
    "Oppfølging av",
    "Møte med arbeidsgiver om",
    "Kartlegging av",
    "Gjennomgang av",
    "Avklaring rundt",
    "Telefon om",
    "Plan for",
)
_FIRST = _words("Åse Øystein Kari Ola Mari Håkon Sølvi Bjørn Ingrid Pål Siri Ærlend Gro Tore Linn")
_LAST = _words("Hansen Johansen Olsen Larsen Søreide Ødegård Nilsen Åsheim Berg Haugen Bakke")


class Corpus:
    """Deterministic Norwegian-looking notes: Zipf-distributed words, æ, ø and å included."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = [*_FUNCTION_WORDS, *_CONTENT_WORDS, *_synthetic_words(self.rng, 4000)]
        self.weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        self._cum: list[float] = []
        total = 0.0
        for w in self.weights:
            total += w
            self._cum.append(total)
        self.df: Counter[str] = Counter()
        self.notes_counted = 0

    def _sentence(self) -> str:
        n = self.rng.randint(6, 15)
        ws = self.rng.choices(self.words, cum_weights=self._cum, k=n)
        return ws[0].capitalize() + " " + " ".join(ws[1:]) + "."

    def body(self, length: int = 800) -> str:
        parts: list[str] = []
        size = 0
        while size < length:
            s = self._sentence()
            parts.append(s)
            size += len(s) + 1
        text = " ".join(parts)
        self.df.update({w.lower() for w in text.replace(".", " ").split()})
        self.notes_counted += 1
        return text

    def title(self) -> str:
        t = self.rng.choice(_TITLE_START)
        while len(t) < 36:
            t += " " + self.rng.choice(_CONTENT_WORDS)
        return t[:44]

    def date(self) -> str:
        year, month, day = (
            self.rng.randint(23, 25),
            self.rng.randint(1, 12),
            self.rng.randint(1, 28),
        )
        return f"20{year}-{month:02d}-{day:02d}"

    def note_values(self) -> dict[str, Any]:
        return {
            "date": self.date(),
            "mode": self.rng.choice(_MODES),
            "minutes": self.rng.choice((15, 20, 30, 45, 60, 90, 120)),
            "title": self.title(),
        }

    def participant_values(self) -> dict[str, Any]:
        return {
            "name": f"{self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}",
            "start": self.date(),
            "status": self.rng.choice(("aktiv", "aktiv", "aktiv", "pause", "avsluttet")),
            "programme": self.rng.choice(("IPS", "JMO", "IPS ung")),
        }

    def edit(self, text: str) -> str:
        """A realistic edit: one sentence inserted at a sentence boundary, one word replaced."""
        sentences = text.split(". ")
        at = self.rng.randrange(len(sentences) + 1)
        sentences.insert(at, self._sentence().rstrip("."))
        out = ". ".join(sentences)
        words = out.split(" ")
        i = self.rng.randrange(len(words))
        if words[i].isalpha():
            words[i] = self.rng.choice(_CONTENT_WORDS)
        return " ".join(words)

    def search_pairs(self, count: int) -> tuple[list[str], tuple[float, float]]:
        """Word pairs whose words occur in 1-10 % of notes (widened if too few qualify)."""
        n = max(1, self.notes_counted)
        band = (0.01, 0.10)
        candidates: list[str] = []
        for low, high in (band, (0.005, 0.2), (0.001, 0.5)):
            candidates = sorted(
                w for w, c in self.df.items() if len(w) >= 4 and low <= c / n <= high
            )
            band = (low, high)
            if len(candidates) >= 20:
                break
        rng = random.Random(7)
        pairs: set[str] = set()
        while len(pairs) < count and len(candidates) >= 2:
            a, b = rng.sample(candidates, 2)
            pairs.add(f"{a} {b}")
        return sorted(pairs), band


# ------------------------------------------------------------------------- helpers


def now() -> float:
    return time.perf_counter()


def peak_rss_mib() -> float:
    # Linux reports kilobytes, macOS bytes.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def fmt_seconds(s: float) -> str:
    if s < 1e-3:
        return f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.2f} ms"
    return f"{s:.2f} s"


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


@dataclass
class Row:
    """One line of the result table; times in seconds."""

    figure: str
    value: float
    unit: str = "s"
    floor: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor <= 0:
            return None
        return self.value / self.floor

    def cell(self, v: float | None) -> str:
        if v is None:
            return "—"
        if self.unit == "s":
            return fmt_seconds(v)
        if self.unit == "MiB":
            return f"{v:,.1f} MiB"
        if self.unit == "%":
            return f"{v:.0f} %"
        return f"{v:,.0f} {self.unit}".rstrip()


@dataclass
class Results:
    records: int
    spaces: int
    rows: list[Row] = field(default_factory=list)
    phases: dict[str, Any] = field(default_factory=dict)
    profiles: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    diag: list[Row] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    steps: dict[str, dict[str, float]] = field(default_factory=dict)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def add_diag(self, row: Row) -> Row:
        self.diag.append(row)
        return row


@contextmanager
def kdf_timer(spent: list[float]) -> Iterator[None]:
    """Time every passphrase KDF run the vault makes (wraps the name storage.vault calls)."""
    name = "derive_passphrase_key"  # the name storage.vault looks up at call time
    original: Callable[[str, KdfParams], bytes] = getattr(vault_module, name)

    def timed(passphrase: str, params: KdfParams) -> bytes:
        t0 = now()
        try:
            return original(passphrase, params)
        finally:
            spent.append(now() - t0)

    setattr(vault_module, name, timed)
    try:
        yield
    finally:
        setattr(vault_module, name, original)


def cprofile_top(fn: Callable[[], object], top: int = 15) -> str:
    prof = cProfile.Profile()
    prof.enable()
    try:
        fn()
    finally:
        prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


_SAVEPOINT = re.compile(r"sqlite_utils_[0-9a-f]+")
_MARKS = re.compile(r"\?(?:\s*,\s*\?)+")


class SqlTimer:
    """Time per SQL statement on one store connection (execute + fetching its rows).

    Diagnostic only: it shadows ``execute``/``executemany`` on the connection object
    for the duration of a profiling pass, so the store owner sees which statements
    the time goes to (cProfile only shows sqlcipher3's ``execute``).
    """

    def __init__(self) -> None:
        self.stats: dict[str, list[float]] = {}

    def add(self, sql: str, seconds: float, calls: int = 0) -> None:
        key = _MARKS.sub("?,…", _SAVEPOINT.sub("sqlite_utils_…", " ".join(sql.split())))
        entry = self.stats.setdefault(key, [0.0, 0.0])
        entry[0] += calls
        entry[1] += seconds

    @contextmanager
    def installed(self, conn: Any) -> Iterator[None]:
        execute = conn.execute
        executemany = conn.executemany
        timer = self

        def timed_execute(sql: str, parameters: Any = ()) -> TimedCursor:
            t0 = now()
            cur = execute(sql, parameters)
            timer.add(sql, now() - t0, 1)
            return TimedCursor(cur, sql, timer)

        def timed_executemany(sql: str, seq: Any) -> Any:
            t0 = now()
            cur = executemany(sql, seq)
            timer.add(sql, now() - t0, 1)
            return cur

        setattr(conn, "execute", timed_execute)  # noqa: B010 - shadows the method
        setattr(conn, "executemany", timed_executemany)  # noqa: B010
        try:
            yield
        finally:
            delattr(conn, "execute")
            delattr(conn, "executemany")

    def report(self, top: int = 12) -> str:
        total = sum(v[1] for v in self.stats.values()) or 1.0
        rows = sorted(self.stats.items(), key=lambda kv: -kv[1][1])[:top]
        out = [f"{'calls':>7} {'total':>9} {'share':>6}  statement"]
        for sql, (calls, secs) in rows:
            text = sql if len(sql) <= 140 else sql[:137] + "..."
            out.append(f"{calls:>7.0f} {fmt_seconds(secs):>9} {100 * secs / total:>5.1f}%  {text}")
        return "\n".join(out)


class TimedCursor:
    """A cursor whose row fetching is charged to the statement that made it."""

    def __init__(self, cursor: Any, sql: str, timer: SqlTimer) -> None:
        self._cursor = cursor
        self._sql = sql
        self._timer = timer

    def _timed(self, fn: Callable[..., Any], *args: Any) -> Any:
        t0 = now()
        try:
            return fn(*args)
        finally:
            self._timer.add(self._sql, now() - t0)

    def fetchone(self) -> Any:
        return self._timed(self._cursor.fetchone)

    def fetchall(self) -> Any:
        return self._timed(self._cursor.fetchall)

    def fetchmany(self, size: int = 1) -> Any:
        return self._timed(self._cursor.fetchmany, size)

    def __iter__(self) -> Iterator[Any]:
        it = iter(self._cursor)
        while True:
            t0 = now()
            try:
                row = next(it)
            except StopIteration:
                self._timer.add(self._sql, now() - t0)
                return
            self._timer.add(self._sql, now() - t0)
            yield row

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


# ------------------------------------------------------------------ the floor DB


def _floor_body(obj: dict[str, Any]) -> str:
    """The text the plain floor indexes for a record: its string values."""
    return "\n".join(v for v in obj.values() if isinstance(v, str))


class PlainFloor:
    """Stdlib sqlite3 (unencrypted file), each row json + AES-GCM under one key."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(str(path), isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        self.conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
        self.conn.execute(f"PRAGMA cache_size = {CACHE_SIZE_PRAGMA}")
        self.conn.execute("PRAGMA temp_store = MEMORY")
        self.conn.execute(
            "CREATE TABLE records (rid INTEGER PRIMARY KEY, id TEXT NOT NULL, blob BLOB NOT NULL)"
        )
        # Applying a change finds its record by id, as the store does.
        self.conn.execute("CREATE INDEX records_id ON records (id)")
        self.conn.execute("CREATE TABLE changes (seq INTEGER PRIMARY KEY, id TEXT, blob BLOB)")
        # The store's index definition (contentless, unicode61 keeping æ, ø, å, no
        # prefix index), without contentless_delete, which the stdlib's SQLite may
        # lack: a row is removed with FTS5's 'delete' command and its old text.
        self.conn.execute(
            "CREATE VIRTUAL TABLE search USING fts5(body, content = '',"
            " tokenize = 'unicode61 remove_diacritics 0')"
        )
        self.aead = AESGCM(AESGCM.generate_key(bit_length=256))

    def seal(self, obj: dict[str, Any]) -> bytes:
        nonce = os.urandom(NONCE)
        plain = json.dumps(obj, ensure_ascii=False).encode()
        return nonce + self.aead.encrypt(nonce, plain, None)

    def open(self, blob: bytes) -> Any:
        return json.loads(self.aead.decrypt(blob[:NONCE], blob[NONCE:], None))

    def insert_batch(self, rows: Sequence[dict[str, Any]]) -> None:
        self.conn.execute("BEGIN")
        for obj in rows:
            cur = self.conn.execute(
                "INSERT INTO records (id, blob) VALUES (?, ?)", (obj["id"], self.seal(obj))
            )
            self.conn.execute(
                "INSERT INTO search (rowid, body) VALUES (?, ?)", (cur.lastrowid, _floor_body(obj))
            )
        self.conn.execute("COMMIT")

    def read_all(self) -> int:
        n = 0
        for (blob,) in self.conn.execute("SELECT blob FROM records ORDER BY rid"):
            self.open(blob)
            n += 1
        return n

    def search(self, words: str) -> int:
        expr = " ".join(f'"{w}"*' for w in words.split())
        rids = [
            r[0]
            for r in self.conn.execute(
                "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rank LIMIT 50", (expr,)
            )
        ]
        if not rids:
            return 0
        marks = ",".join("?" * len(rids))
        rows = self.conn.execute(f"SELECT blob FROM records WHERE rid IN ({marks})", rids)
        return len([self.open(b) for (b,) in rows])

    def write_one(self, obj: dict[str, Any]) -> None:
        self.conn.execute("BEGIN")
        self.conn.execute(
            "INSERT INTO records (id, blob) VALUES (?, ?)", (obj["id"], self.seal(obj))
        )
        self.conn.execute("COMMIT")

    def log_changes(self, blobs: Sequence[tuple[str, bytes]]) -> None:
        """Decrypt the changes and append them to a log: receiving, not applying them
        (the apply floor of the first three sessions, still printed for comparison)."""
        self.conn.execute("BEGIN")
        for change_id, blob in blobs:
            obj = self.open(blob)
            self.conn.execute(
                "INSERT INTO changes (id, blob) VALUES (?, ?)",
                (change_id, json.dumps(obj, ensure_ascii=False)),
            )
        self.conn.execute("COMMIT")

    def apply_batch(self, blobs: Sequence[tuple[str, bytes]]) -> None:
        """Apply one batch of changes the plain way, in one transaction: the job of
        ``apply_changes`` without the engine (no merge rules, clocks or CRDT).

        Each change is decrypted and logged as received; each record it touches
        is read, decrypted, given the changed field values (a later stamp wins),
        encrypted and written back (or inserted); its search index row is
        replaced when its text changed.
        """
        self.conn.execute("BEGIN")
        changes = [self.open(blob) for _cid, blob in blobs]
        self.conn.executemany("INSERT INTO changes (id, blob) VALUES (?, ?)", blobs)
        ids = sorted({c["record_id"] for c in changes})
        stored: dict[str, tuple[int, dict[str, Any]]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for rid, rec_id, blob in self.conn.execute(
                f"SELECT rid, id, blob FROM records WHERE id IN ({marks})", chunk
            ):
                stored[rec_id] = (rid, self.open(blob))
        merged: dict[str, dict[str, Any]] = {}
        for c in sorted(changes, key=lambda c: c["hlc"]):
            rec_id = c["record_id"]
            if rec_id not in merged:
                merged[rec_id] = dict(stored[rec_id][1]) if rec_id in stored else {"id": rec_id}
            merged[rec_id][c["field"]] = c["v"]
        updates: list[tuple[bytes, int]] = []
        removed: list[tuple[int, str]] = []
        added: list[tuple[int, str]] = []
        for rec_id, rec in merged.items():
            body = _floor_body(rec)
            if rec_id in stored:
                rid, old = stored[rec_id]
                updates.append((self.seal(rec), rid))
                old_body = _floor_body(old)
                if body != old_body:
                    removed.append((rid, old_body))
                    added.append((rid, body))
            else:
                cur = self.conn.execute(
                    "INSERT INTO records (id, blob) VALUES (?, ?)", (rec_id, self.seal(rec))
                )
                assert cur.lastrowid is not None
                added.append((cur.lastrowid, body))
        self.conn.executemany("UPDATE records SET blob = ? WHERE rid = ?", updates)
        # In rowid order, as the inserts: FTS5 flushes its pending terms to disk
        # whenever a rowid comes below the one before.
        self.conn.executemany(
            "INSERT INTO search (search, rowid, body) VALUES ('delete', ?, ?)", sorted(removed)
        )
        self.conn.executemany("INSERT INTO search (rowid, body) VALUES (?, ?)", sorted(added))
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


# ------------------------------------------------------------------- the bench


@dataclass
class Note:
    id: str
    space: str
    parent: str


class Bench:
    def __init__(self, records: int, workdir: Path, *, profile_misses: bool) -> None:
        self.n = records
        self.spaces = max(1, records // RECORDS_PER_SPACE)
        self.workdir = workdir
        self.profile_misses = profile_misses
        self.corpus = Corpus(seed=20251123)
        self.rng = random.Random(42)
        self.results = Results(records=records, spaces=self.spaces)
        self.profile = Profile(workdir / "profile")
        self.floor = PlainFloor(workdir / "plain.db")
        self.store: RecordStore | None = None
        self.db_key = b""
        self.space_ids: list[str] = []
        self.participants: dict[str, str] = {}  # space -> participant record id
        self.notes: list[Note] = []
        self.edited: set[str] = set()

    @property
    def s(self) -> RecordStore:
        assert self.store is not None
        return self.store

    def phase(self, name: str, **data: Any) -> None:
        data["peak_rss_mib"] = round(peak_rss_mib(), 1)
        self.results.phases[name] = data

    # ------------------------------------------------------------------ build

    def build(self) -> None:
        t0 = now()
        self.profile.create(
            user_name="Benk Benksen",
            role=JOB_SPECIALIST,
            passphrase=PASSPHRASE,
            kdf=KdfParams.default(),
        )
        t_create = now() - t0
        self.store = self.profile.unlock(PASSPHRASE)
        # A copy: lock() wipes the vault's own key object, and the bench locks and unlocks.
        self.db_key = bytes(bytearray(self.s.backup_key()))
        log(f"profile created in {fmt_seconds(t_create)}; creating {self.spaces} spaces")

        t0 = now()
        self.space_ids = [f"work:p{i:05d}" for i in range(self.spaces)]
        for space in self.space_ids:
            self.s.create_space(space)
        t_spaces = now() - t0
        log(f"{self.spaces} spaces in {fmt_seconds(t_spaces)}")

        # Per space: one participant, one plan; the rest are case notes spread at random
        # over the spaces (interleaved in time, as written in real use).
        # Participants go first, in batches of their own: the rest need their ids.
        heads: list[tuple[str, str]] = [(sp, "participant") for sp in self.space_ids]
        rest = self.n - len(heads)
        plans = [(sp, "plan") for sp in self.space_ids][: max(0, rest)]
        rest -= len(plans)
        notes = [(self.rng.choice(self.space_ids), "case_note") for _ in range(max(0, rest))]
        tail = plans + notes
        self.rng.shuffle(tail)
        specs = heads + tail
        batches = [
            part[i : i + BUILD_BATCH]
            for part in (heads, tail)
            for i in range(0, len(part), BUILD_BATCH)
        ]

        store_time = 0.0
        floor_time = 0.0
        done = 0
        next_report = 0.1
        for batch in batches:
            prepared = [self._prepare(space, rtype) for space, rtype in batch]
            t0 = now()
            with self.s._db.atomic():  # dataset build only; see the module docstring
                ids = [
                    self.s.put(
                        record_type=rtype,
                        space=space,
                        parent=parent,
                        values=values,
                        texts=texts,
                    )
                    for space, rtype, parent, values, texts in prepared
                ]
            store_time += now() - t0
            plain_rows: list[dict[str, Any]] = []
            for rid, (space, rtype, parent, values, texts) in zip(ids, prepared, strict=True):
                if rtype == "participant":
                    self.participants[space] = rid
                elif rtype == "case_note":
                    assert parent is not None
                    self.notes.append(Note(rid, space, parent))
                plain_rows.append(
                    {"id": rid, "type": rtype, "space": space, "parent": parent, **values, **texts}
                )
            t0 = now()
            self.floor.insert_batch(plain_rows)
            floor_time += now() - t0
            done += len(batch)
            if done / len(specs) >= next_report:
                rate = done / store_time if store_time else 0.0
                log(f"built {done:,}/{len(specs):,} records ({rate:,.0f}/s into the store)")
                next_report += 0.1

        count = self.s.count()
        assert count == self.n, (count, self.n)
        r = self.results
        r.add(
            Row(
                "build: records into the store",
                self.n / store_time,
                "rec/s",
                note=f"batches of {BUILD_BATCH} puts in one store._db.atomic() (build only)",
            )
        )
        r.add(
            Row(
                "build: records into the plain floor DB",
                self.n / floor_time,
                "rec/s",
                note="json+AES-GCM rows + FTS5, one transaction per batch",
            )
        )
        r.add(
            Row(
                f"build: create_space x{self.spaces}",
                t_spaces,
                note="each call rewrites the vault file",
            )
        )
        r.notes.append(
            f"Dataset build wraps {BUILD_BATCH} store.put calls in one store._db.atomic() block "
            "(savepoints nest); all measured writes are single transactions."
        )
        self.phase(
            "build",
            profile_create_s=t_create,
            spaces_s=t_spaces,
            store_s=store_time,
            floor_s=floor_time,
            case_notes=len(self.notes),
            corpus_words=len(self.corpus.words),
        )

    def _prepare(
        self, space: str, rtype: str
    ) -> tuple[str, str, str | None, dict[str, Any], dict[str, str]]:
        c = self.corpus
        if rtype == "participant":
            return space, rtype, None, c.participant_values(), {}
        parent = self.participants[space]
        if rtype == "plan":
            values = {"goal": c.title(), "date": c.date(), "status": "aktiv"}
            return space, rtype, parent, values, {"body": c.body(400)}
        return space, rtype, parent, c.note_values(), {"body": c.body(800)}

    # ---------------------------------------------------------------- a. unlock

    def _lock(self) -> None:
        self.s.lock()
        self.store = None

    def unlock_once(self) -> tuple[float, float, float, int]:
        """Lock, then unlock + first query; returns (total, kdf, query, rows)."""
        self._lock()
        return self._unlock_query()

    def _unlock_query(self) -> tuple[float, float, float, int]:
        space = self.space_ids[len(self.space_ids) // 2]
        parent = self.participants[space]
        spent: list[float] = []
        with kdf_timer(spent):
            t0 = now()
            store = self.profile.unlock(PASSPHRASE)
            t1 = now()
            rows = store.query(record_type="case_note", parent=parent)
            t2 = now()
        self.store = store
        return t2 - t0, sum(spent), t2 - t1, len(rows)

    def floor_open(self) -> float:
        t0 = now()
        raw = sqlcipher3.connect(str(self.profile.db_path))
        raw.execute(f"PRAGMA key = \"x'{self.db_key.hex()}'\"")
        raw.execute("SELECT count(*) FROM records").fetchone()
        raw.close()
        return now() - t0

    def open_breakdown(self) -> dict[str, float]:
        """Opening the database: storage.db.connect as a whole, then reference steps."""
        steps: dict[str, float] = {}
        t0 = now()
        conn = db_connect(self.profile.db_path, self.db_key)
        steps["open: storage.db.connect()"] = now() - t0
        t0 = now()
        migrations.apply(sqlite_utils.Database(conn, execute_plugins=False))  # type: ignore[arg-type]
        steps["open: migrations.apply (nothing to do)"] = now() - t0
        conn.close()
        # Reference costs on a raw connection, whether or not connect() runs them.
        t0 = now()
        raw = sqlcipher3.connect(str(self.profile.db_path), check_same_thread=False)
        raw.execute(f"PRAGMA key = \"x'{self.db_key.hex()}'\"")
        raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
        steps["reference: raw open + PRAGMA key + first read"] = now() - t0
        t0 = now()
        raw.execute("PRAGMA quick_check").fetchone()
        steps["reference: PRAGMA quick_check (reads every page)"] = now() - t0
        raw.close()
        return steps

    def first_query_plan(self) -> str:
        """EXPLAIN QUERY PLAN of the statements store.query(record_type, parent) runs."""
        space = self.space_ids[len(self.space_ids) // 2]
        seen: list[tuple[str, Any]] = []
        conn = self.s.conn
        execute = conn.execute

        def capture(sql: str, parameters: Any = ()) -> Any:
            seen.append((sql, parameters))
            return execute(sql, parameters)

        setattr(conn, "execute", capture)  # noqa: B010 - shadows the method
        try:
            self.s.query(record_type="case_note", parent=self.participants[space])
        finally:
            delattr(conn, "execute")
        plans = []
        for sql, params in seen:
            if sql.lstrip().upper().startswith("SELECT"):
                rows = conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
                plans.append(" / ".join(str(r[-1]) for r in rows))
        return "; ".join(plans)

    def bench_unlock(self) -> None:
        runs = [self.unlock_once() for _ in range(3)]
        total = statistics.median(r[0] for r in runs)
        kdf = statistics.median(r[1] for r in runs)
        query = statistics.median(r[2] for r in runs)
        floor = statistics.median(self.floor_open() for _ in range(3))
        r = self.results
        r.add(
            Row(
                "a. unlock → first query (median of 3)",
                total,
                floor=floor,
                target="≤ 1 s",
                met=total <= 1.0,
                note=f"{runs[0][3]} notes for one participant",
            )
        )
        r.add(Row("a.   of which Argon2id KDF", kdf, note=f"{100 * kdf / total:.0f} % of unlock"))
        r.add(Row("a.   unlock without KDF (+ query)", total - kdf, floor=floor))
        r.add(Row("a.   first query (one participant)", query))
        steps = self.open_breakdown()  # once: quick_check alone can take seconds
        for name, secs in steps.items():
            r.add_diag(Row(f"a. {name}", secs))
        plan = self.first_query_plan()
        r.findings.append(f"a. query plan of store.query(record_type, parent): {plan}")
        self.phase(
            "unlock", runs=[list(x) for x in runs], floor_s=floor, open_steps=steps, plan=plan
        )
        if self.profile_misses and total > 1.0:
            self._lock()
            self._profile("a. unlock → first query", self._unlock_query)

    # ------------------------------------------------------------ b. read all

    def bench_read_all(self) -> None:
        times: list[float] = []
        count = 0
        for _ in range(3):
            t0 = now()
            recs = self.s.query()
            times.append(now() - t0)
            count = len(recs)
            del recs
        assert count == self.n, (count, self.n)
        floors: list[float] = []
        for _ in range(3):
            t0 = now()
            fcount = self.floor.read_all()
            floors.append(now() - t0)
        assert fcount == self.n, (fcount, self.n)
        self.results.add_diag(
            Row("b. SQLCipher scan of the same rows, no layer-2 decrypt", self.raw_scan())
        )
        t0 = now()
        for _ in self.floor.conn.execute("SELECT blob FROM records ORDER BY rid"):
            pass
        self.results.add_diag(Row("b. plain sqlite3 scan, no decrypt", now() - t0))
        value, floor = statistics.median(times), statistics.median(floors)
        row = self.results.add(
            Row(
                f"b. query() all {self.n:,} records (median of 3)",
                value,
                floor=floor,
                target="≤ 2× floor",
                note=f"{value / self.n * 1e6:.1f} µs/record",
            )
        )
        row.met = row.ratio is not None and row.ratio <= 2.0
        self.phase("read_all", runs=times, floor_runs=floors)
        if self.profile_misses and not row.met:
            self._profile("b. query() all records", lambda: self.s.query())

    def memory_security_child(self, setting: str, pairs: Sequence[str]) -> tuple[float, float]:
        """In a new process (the setting is process-wide and cannot be turned off
        again): median of 3 SQLCipher scans of every record row, and the median time
        of the search index queries of figure c (many small allocations: where
        cipher_memory_security costs)."""
        child = (
            "import json, sys, time, statistics, sqlcipher3\n"
            "key = sys.stdin.readline().strip()\n"
            "exprs = json.loads(sys.stdin.readline())\n"
            "raw = sqlcipher3.connect(sys.argv[1])\n"
            'raw.execute(f"PRAGMA key = \\"x\'{key}\'\\"")\n'
            f"raw.execute('PRAGMA cipher_memory_security = {setting}')\n"
            f"raw.execute('PRAGMA cache_size = {CACHE_SIZE_PRAGMA}')\n"
            "scans, finds = [], []\n"
            "for _ in range(3):\n"
            "    t0 = time.perf_counter()\n"
            "    for _ in raw.execute('SELECT content FROM records ORDER BY rid'):\n"
            "        pass\n"
            "    scans.append(time.perf_counter() - t0)\n"
            "for expr in exprs:\n"
            "    t0 = time.perf_counter()\n"
            "    raw.execute('SELECT rowid FROM search WHERE search MATCH ? ORDER BY rank"
            " LIMIT 50', (expr,)).fetchall()\n"
            "    finds.append(time.perf_counter() - t0)\n"
            "print(statistics.median(scans), statistics.median(finds))\n"
        )
        exprs = [e for e in (match_expression(q) for q in pairs) if e is not None]
        out = subprocess.run(
            [sys.executable, "-c", child, str(self.profile.db_path)],
            input=self.db_key.hex() + "\n" + json.dumps(exprs) + "\n",
            capture_output=True,
            text=True,
            check=True,
        )
        scan, find = out.stdout.split()
        return float(scan), float(find)

    def raw_scan(self) -> float:
        raw = sqlcipher3.connect(str(self.profile.db_path), check_same_thread=False)
        raw.execute(f"PRAGMA key = \"x'{self.db_key.hex()}'\"")
        raw.execute("PRAGMA temp_store = MEMORY")
        raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
        t0 = now()
        for _ in raw.execute(
            "SELECT rid, id, type, space, parent, deleted, flags, version, key_version,"
            " sealed_by, content FROM records WHERE deleted = 0 ORDER BY rid"
        ):
            pass
        took = now() - t0
        raw.close()
        return took

    # --------------------------------------------------------------- c. search

    def bench_search(self) -> None:
        pairs, band = self.corpus.search_pairs(SEARCH_QUERIES)
        self.s.search(pairs[0])  # warm the statement cache
        times: list[float] = []
        hits: list[int] = []
        for q in pairs:
            t0 = now()
            found = self.s.search(q)
            times.append(now() - t0)
            hits.append(len(found))
        floors: list[float] = []
        for q in pairs:
            t0 = now()
            self.floor.search(q)
            floors.append(now() - t0)
        value, floor = statistics.median(times), statistics.median(floors)
        self.results.add(
            Row(
                f"c. search two words (median of {len(pairs)})",
                value,
                floor=floor,
                target="≤ 50 ms",
                met=value <= 0.050,
                note=f"words in {band[0]:.1%}-{band[1]:.0%} of notes; median "
                f"{statistics.median(hits):.0f} hits (limit 50); floor = plain FTS5",
            )
        )
        self.results.add(Row("c.   search p95", p95(times), floor=p95(floors)))
        (scan_on, find_on), (scan_off, find_off) = (
            self.memory_security_child("ON", pairs),
            self.memory_security_child("OFF", pairs),
        )
        self.results.add(
            Row(
                "c.   index query, cipher_memory_security ON beside OFF",
                find_on,
                floor=find_off,
                note=f"median; the store runs with it {MEMORY_SECURITY}; fresh process each",
            )
        )
        self.results.add(
            Row("c.   SQLCipher scan of all rows, ON beside OFF", scan_on, floor=scan_off)
        )
        self.phase(
            "search",
            pairs=pairs,
            times=times,
            hits=hits,
            floor_times=floors,
            memory_security={"on": [scan_on, find_on], "off": [scan_off, find_off]},
        )
        if self.profile_misses and value > 0.050:
            self._profile("c. search", lambda: [self.s.search(q) for q in pairs])

    # ---------------------------------------------------------------- d. writes

    def _pick_notes(self, count: int) -> list[Note]:
        pool = [n for n in self.notes if n.id not in self.edited]
        picked = self.rng.sample(pool, min(count, len(pool)))
        self.edited.update(n.id for n in picked)
        return picked

    def _edit_args(self, store: RecordStore, note: Note) -> tuple[dict[str, Any], dict[str, str]]:
        rec = store.get(note.id, audit=False)
        assert rec is not None
        return {"minutes": int(rec.fields["minutes"]) + 1}, {
            "body": self.corpus.edit(str(rec.fields["body"]))
        }

    def _writes(self, notes: Sequence[Note]) -> list[float]:
        prepared = [(n, *self._edit_args(self.s, n)) for n in notes]
        times: list[float] = []
        for note, values, texts in prepared:
            t0 = now()
            self.s.put(
                note.id, record_type="case_note", space=note.space, values=values, texts=texts
            )
            times.append(now() - t0)
        return times

    def bench_writes(self) -> None:
        before = self.s.outbox_size()
        times = self._writes(self._pick_notes(WRITES))
        assert self.s.outbox_size() == before + 2 * WRITES
        floors: list[float] = []
        for _ in range(WRITES):
            obj = {
                "id": "floor",
                "type": "case_note",
                **self.corpus.note_values(),
                "body": self.corpus.body(800),
            }
            t0 = now()
            self.floor.write_one(obj)
            floors.append(now() - t0)
        med, fmed = statistics.median(times), statistics.median(floors)
        self.results.add(
            Row(
                f"d. put (1 register + body edit), median of {WRITES}",
                med,
                floor=fmed,
                target="≤ 5 ms",
                met=med <= 0.005,
                note="own transaction each; outbox + audit + FTS update",
            )
        )
        self.results.add(Row("d.   put p95", p95(times), floor=p95(floors)))
        # Durability: the store commits with synchronous=FULL (a save is on disk when
        # put returns); here the same puts with NORMAL, the setting before, as floor.
        self.s.conn.execute("PRAGMA synchronous = NORMAL")
        try:
            normal = self._writes(self._pick_notes(WRITES))
        finally:
            self.s.conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        self.results.add(
            Row(
                f"d.   put, synchronous={SYNCHRONOUS} beside NORMAL (median)",
                med,
                floor=statistics.median(normal),
                note="floor = the same puts with synchronous=NORMAL (before)",
            )
        )
        self.results.add(
            Row(
                f"d.   put, synchronous={SYNCHRONOUS} beside NORMAL (p95)",
                p95(times),
                floor=p95(normal),
            )
        )
        anchor = AnchorFile(self.workdir / "anchor-bench.json", os.urandom(32))
        mark = SaveMark(1, 1, "0" * 64, "2026-01-01T00:00:00+00:00")
        anchor_times: list[float] = []
        for _ in range(WRITES):
            t0 = now()
            anchor.write(mark)
            anchor_times.append(now() - t0)
        self.results.add_diag(
            Row(
                "d. anchor.json write alone (inside each put), median",
                statistics.median(anchor_times),
            )
        )
        self.phase(
            "writes",
            times=times,
            floor_times=floors,
            normal_times=normal,
            anchor_times=anchor_times,
        )
        if self.profile_misses and med > 0.005:
            more = self._pick_notes(WRITES)
            self._profile("d. put", lambda: self._writes(more))

    # --------------------------------------------------------- e. remote apply

    def _make_source(self) -> RecordStore:
        keys = {sp: {1: self.s.keys.key(sp, 1)} for sp in self.space_ids}
        return make_store(self.workdir / "source.db", keys=keys, actor="kollega")

    def _seed_source(self, source: RecordStore, notes: Sequence[Note]) -> None:
        """Give the source the current state of the notes it will edit (their changes)."""
        ids = [n.id for n in notes]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            # Read straight from the change log: all_changes() would load every change
            # of the whole dataset into memory just to pick these.
            rows = self.s.conn.execute(
                "SELECT change_id, device, hlc, record_id, type, space, field, kind,"
                f" key_version, payload FROM changes WHERE record_id IN ({marks})"
                " AND payload IS NOT NULL ORDER BY seq",
                chunk,
            ).fetchall()
            source.apply_changes([Change(*row) for row in rows])

    def _generate_remote(self, source: RecordStore, new: int, edits: Sequence[Note]) -> None:
        jobs: list[Note | None] = [None] * new + list(edits)
        self.rng.shuffle(jobs)
        with source._db.atomic():  # generating the input only; not measured
            for job in jobs:
                if job is None:
                    space = self.rng.choice(self.space_ids)
                    source.put(
                        record_type="case_note",
                        space=space,
                        parent=self.participants[space],
                        values=self.corpus.note_values(),
                        texts={"body": self.corpus.body(800)},
                    )
                else:
                    values, texts = self._edit_args(source, job)
                    source.put(
                        job.id,
                        record_type="case_note",
                        space=job.space,
                        values=values,
                        texts=texts,
                    )

    def bench_remote(self) -> None:
        t0 = now()
        source = self._make_source()
        edits = self._pick_notes(REMOTE_EDITS)
        self._seed_source(source, edits)
        self._generate_remote(source, REMOTE_NEW, edits)
        changes = source.outbox(limit=REMOTE_CHANGES * 2)
        source.mark_pushed(c.change_id for c in changes)
        t_gen = now() - t0
        log(f"generated {len(changes):,} remote changes in {fmt_seconds(t_gen)}")
        changes = changes[:REMOTE_CHANGES]

        batch_times: list[float] = []
        applied = 0
        quarantined = 0
        for start in range(0, len(changes), REMOTE_BATCH):
            batch = changes[start : start + REMOTE_BATCH]
            t1 = now()
            res = self.s.apply_changes(batch)
            batch_times.append(now() - t1)
            applied += res.applied
            quarantined += len(res.quarantined)
        assert applied == len(changes) and not quarantined, (applied, quarantined)
        total = sum(batch_times)

        # Floor: the same number of payloads of the same sizes, as AES-GCM json.
        blobs: list[tuple[str, bytes]] = []
        for ch in changes:
            pad = max(0, len(ch.payload) - 29 - 120)
            obj = {
                "change_id": ch.change_id,
                "record_id": ch.record_id,
                "field": ch.field,
                "kind": ch.kind,
                "hlc": ch.hlc,
                "v": self.corpus.body(pad)[:pad] if pad else "",
            }
            blobs.append((ch.change_id, self.floor.seal(obj)))
        floor_batches: list[float] = []
        for start in range(0, len(blobs), REMOTE_BATCH):
            t1 = now()
            self.floor.apply_batch(blobs[start : start + REMOTE_BATCH])
            floor_batches.append(now() - t1)
        floor = sum(floor_batches)
        t1 = now()
        self.floor.log_changes(blobs)
        log_floor = now() - t1

        row = self.results.add(
            Row(
                f"e. apply {len(changes):,} remote changes ({REMOTE_BATCH:,}/batch)",
                total,
                floor=floor,
                target="≤ 3× floor",
                note=f"{REMOTE_NEW:,} new notes + {len(edits):,} edits; "
                f"slowest batch {fmt_seconds(max(batch_times))}; floor = the same batches"
                " applied to the plain records (read, merge, write back, log, search index)",
            )
        )
        row.met = row.ratio is not None and row.ratio <= 3.0
        self.results.add(
            Row(
                "e.   beside decrypt + log only (sessions 1-3's floor)",
                total,
                floor=log_floor,
                note="appends the decrypted changes to a log; applies nothing",
            )
        )
        full_batches, normal_batches = self.apply_sync_modes(source)
        self.results.add(
            Row(
                f"e.   one batch, synchronous={SYNCHRONOUS} beside NORMAL (median)",
                statistics.median(full_batches),
                floor=statistics.median(normal_batches),
                note=f"{len(full_batches) + len(normal_batches)} more batches of"
                f" {REMOTE_BATCH:,}, alternating",
            )
        )
        self.phase(
            "remote",
            full_batches=full_batches,
            normal_batches=normal_batches,
            generate_s=t_gen,
            batch_times=batch_times,
            floor_s=floor,
            floor_batch_times=floor_batches,
            log_floor_s=log_floor,
        )
        if self.profile_misses and not row.met:
            more = self._pick_notes(REMOTE_EDITS // 5)
            self._seed_source(source, more)
            self._generate_remote(source, REMOTE_NEW // 5, more)
            extra = source.outbox(limit=REMOTE_CHANGES)
            source.mark_pushed(c.change_id for c in extra)
            extra = extra[: REMOTE_CHANGES // 5]

            def apply_extra() -> None:
                for start in range(0, len(extra), REMOTE_BATCH):
                    self.s.apply_changes(extra[start : start + REMOTE_BATCH])

            self._profile(f"e. apply_changes ({len(extra):,} changes)", apply_extra)
        source.lock()

    def apply_sync_modes(self, source: RecordStore) -> tuple[list[float], list[float]]:
        """Apply batches alternately with the store's setting and with NORMAL."""
        more = self._pick_notes(REMOTE_EDITS // 2)
        self._seed_source(source, more)
        self._generate_remote(source, REMOTE_NEW // 2, more)
        extra = source.outbox(limit=REMOTE_CHANGES)
        source.mark_pushed(c.change_id for c in extra)
        extra = extra[: REMOTE_CHANGES // 2]
        full: list[float] = []
        normal: list[float] = []
        for i, start in enumerate(range(0, len(extra), REMOTE_BATCH)):
            mode = "NORMAL" if i % 2 else SYNCHRONOUS
            self.s.conn.execute(f"PRAGMA synchronous = {mode}")
            t0 = now()
            self.s.apply_changes(extra[start : start + REMOTE_BATCH])
            (normal if i % 2 else full).append(now() - t0)
        self.s.conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        return full, normal

    # ----------------------------------------------------------- f. footprint

    def space_breakdown(self) -> dict[str, Any]:
        """Where the bytes are: row counts and stored blob bytes per table (no dbstat here)."""
        c = self.s.conn
        out: dict[str, Any] = {}
        for table, col in (
            ("records", "content"),
            ("changes", "payload"),
            ("texts", "state"),
            ("audit", "hash"),
        ):
            n, size = c.execute(f"SELECT count(*), sum(length({col})) FROM {table}").fetchone()
            out[table] = {"rows": n, f"{col}_bytes": size or 0}
        page_size = int(c.execute("PRAGMA page_size").fetchone()[0])
        pages = int(c.execute("PRAGMA page_count").fetchone()[0])
        free = int(c.execute("PRAGMA freelist_count").fetchone()[0])
        out["pages"] = {"page_size": page_size, "pages": pages, "free": free}
        return out

    def bench_footprint(self) -> None:
        breakdown = self.space_breakdown()
        self._lock()
        db = self.profile.db_path
        size = db.stat().st_size
        wal = Path(str(db) + "-wal")
        wal_size = wal.stat().st_size if wal.exists() else 0
        plain = self.workdir / "plain.db"
        self.floor.close()
        r = self.results
        r.add(
            Row(
                "f. peak RSS (whole run)",
                peak_rss_mib(),
                "MiB",
                note="includes the plain floor DB and the source replica",
            )
        )
        r.add(
            Row(
                "f. journal.db on disk (after lock)",
                (size + wal_size) / 2**20,
                "MiB",
                floor=plain.stat().st_size / 2**20,
                note=f"{(size + wal_size) / breakdown['records']['rows']:,.0f} bytes/record"
                f" ({breakdown['records']['rows']:,} records at the end); floor = plain DB",
            )
        )
        for table in ("records", "changes", "texts", "audit"):
            info = breakdown[table]
            blob = next(v for k, v in info.items() if k.endswith("_bytes"))
            r.add_diag(Row(f"f. {table}: {info['rows']:,} rows, blob bytes", blob / 2**20, "MiB"))
        pg = breakdown["pages"]
        r.add_diag(Row("f. free pages", pg["free"] * pg["page_size"] / 2**20, "MiB"))
        self.phase(
            "footprint",
            db_bytes=size,
            wal_bytes=wal_size,
            plain_bytes=plain.stat().st_size,
            breakdown=breakdown,
        )

    # ----------------------------------------------------------------- driver

    def _profile(self, label: str, fn: Callable[[], object]) -> None:
        log(f"target missed: profiling '{label}' once more under cProfile")
        if self.store is None:  # unlock: no connection to time statements on yet
            self.results.profiles[label] = cprofile_top(fn)
            return
        timer = SqlTimer()
        with timer.installed(self.s.conn):
            text = cprofile_top(fn)
        self.results.profiles[label] = (
            text.rstrip()
            + "\n\n  SQL statements by time in the same pass (execute + fetch):\n"
            + timer.report()
        )

    def run(self) -> Results:
        steps: list[tuple[str, Callable[[], None]]] = [
            ("build", self.build),
            ("a. unlock", self.bench_unlock),
            ("b. read all", self.bench_read_all),
            ("c. search", self.bench_search),
            ("d. writes", self.bench_writes),
            ("e. remote apply", self.bench_remote),
            ("f. footprint", self.bench_footprint),
        ]
        for name, step in steps:
            t0 = now()
            cpu0 = time.process_time()
            log(f"{name} …")
            try:
                step()
            except Exception:  # keep the figures of the other phases
                if name == "build":
                    raise
                text = traceback.format_exc()
                log(f"{name} FAILED:\n{text}")
                self.results.findings.append(f"{name} FAILED: {text.strip().splitlines()[-1]}")
                self.results.errors[name] = text
                if self.store is None and self.profile.exists():
                    self.store = self.profile.unlock(PASSPHRASE)
                continue
            wall, cpu = now() - t0, time.process_time() - cpu0
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            self.results.steps[name] = {"wall_s": wall, "cpu_s": cpu, "loadavg_1m": load}
            log(
                f"{name} done in {fmt_seconds(wall)} (cpu {fmt_seconds(cpu)}, load {load:.1f},"
                f" peak RSS {peak_rss_mib():,.0f} MiB)"
            )
        return self.results


# ------------------------------------------------------------------- output


def render(results: Results) -> str:
    header = ("figure", "value", "floor", "ratio", "target", "met?")
    lines: list[tuple[str, ...]] = []
    for row in results.rows:
        ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
        met = "—" if row.met is None else ("yes" if row.met else "NO")
        lines.append(
            (row.figure, row.cell(row.value), row.cell(row.floor), ratio, row.target or "—", met)
        )
    widths = [max(len(x[i]) for x in (header, *lines)) for i in range(len(header))]

    def fmt(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    out = [fmt(header), "  ".join("-" * w for w in widths)]
    out += [fmt(x) for x in lines]
    notes = [f"  {row.figure.split(' ')[0]} {row.note}" for row in results.rows if row.note]
    diag_w = max((len(d.figure) for d in results.diag), default=0)
    diag = [f"  {d.figure.ljust(diag_w)}  {d.cell(d.value):>12}" for d in results.diag]
    return "\n".join(
        [
            *out,
            "",
            "notes:",
            *notes,
            *(f"  * {n}" for n in results.notes),
            "",
            "diagnostics (informational):",
            *diag,
            *(f"  {f}" for f in results.findings),
        ]
    )


def to_json(results: Results, elapsed: float, sources: dict[str, str]) -> dict[str, Any]:
    rows = []
    for row in results.rows:
        d = asdict(row)
        d["ratio"] = row.ratio
        rows.append(d)
    return {
        "records": results.records,
        "spaces": results.spaces,
        "elapsed_s": elapsed,
        "python": sys.version,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "sqlcipher_sqlite": sqlcipher3.sqlite_version,
        "stdlib_sqlite": sqlite3.sqlite_version,
        "storage_sources": sources,
        "rows": rows,
        "phases": results.phases,
        "diagnostics": [asdict(d) for d in results.diag],
        "findings": results.findings,
        "steps": results.steps,
        "profiles": results.profiles,
        "errors": results.errors,
        "notes": results.notes,
    }


def source_digests() -> dict[str, str]:
    """sha256 of the storage/ and sync/ sources measured (they change while people work)."""
    out: dict[str, str] = {}
    for folder in ("storage", "sync"):
        for path in sorted((REPO / folder).glob("*.py")):
            out[f"{folder}/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return out


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--records", type=int, default=100_000, help="records in the profile")
    p.add_argument("--out", type=Path, default=Path("bench/out"), help="folder for engine.json")
    p.add_argument("--no-profile", action="store_true", help="skip cProfile of missed targets")
    p.add_argument(
        "--keep",
        action="store_true",
        help="keep the temporary folder (files only: the device key lived in"
        " an in-memory keyring, so the profile cannot be unlocked again)",
    )
    args = p.parse_args(argv)
    if args.records < 2 * RECORDS_PER_SPACE:
        p.error(f"--records must be at least {2 * RECORDS_PER_SPACE}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = now()
    sources = source_digests()
    previous = keyring.get_keyring()
    keyring.set_keyring(InMemoryKeyring())
    tmp = tempfile.mkdtemp(prefix="feltjournal-bench-")
    try:
        bench = Bench(args.records, Path(tmp), profile_misses=not args.no_profile)
        log(f"{args.records:,} records in {bench.spaces:,} spaces, working in {tmp}")
        results = bench.run()
    finally:
        keyring.set_keyring(previous)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    elapsed = now() - started
    print()
    print(f"Feltjournal engine bench — {args.records:,} records, {results.spaces:,} spaces")
    print(render(results))
    for label, text in results.profiles.items():
        print(f"\n=== cProfile (top 15 cumulative): {label} ===\n{text}")
    print(f"\nwhole run: {fmt_seconds(elapsed)}")
    args.out.mkdir(parents=True, exist_ok=True)
    out_file = args.out / "engine.json"
    out_file.write_text(
        json.dumps(to_json(results, elapsed, sources), indent=2, ensure_ascii=False), "utf-8"
    )
    print(f"wrote {out_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
