"""UI benchmark: the real main window, offscreen, on a job specialist's LARGE profile.

Run from the repository root::

    .venv/bin/python bench/ui_bench.py [--participants 2000] [--notes 45]
        [--profile-cache DIR] [--out bench/out/ui.json]

The profile (``fill_bulk``: 2,000 participants, ~100,000 records, plus one
participant with 200 case notes of ~1 KB) is built once into ``--profile-cache``
(default ``bench/out/ui-profile``, gitignored) and reused on later runs. It uses
the default Argon2id cost and the FILE keystore (``device-key.json`` in the
profile, as ``feltjournal --insecure-file-keystore`` makes), so every process can
unlock it without a system keyring; the passphrase is kept beside it in
``bench-meta.json`` (synthetic data only).

Every measurement runs in a fresh subprocess (``--child``) that builds the window
the way ``ui.app.run_gui`` does, with QT_QPA_PLATFORM=offscreen:

a. process start -> unlocked, populated caseload (``CaseloadView.loaded`` with
   rows), median of 3 processes, split into interpreter start, imports, window,
   unlock (KDF + database open), workspace, caseload; plus a first start of the
   day (daily backup) and a start without .pyc files;
b. ``Workspace.open_participant`` for the participant with 200 notes until its
   notes timeline holds them all, median of 5;
c. typing 2,000 characters into the note editor one key at a time, pausing for
   the autosave every 200 keys: the longest event-loop gap per keystroke and
   around each autosave (a 1 ms heartbeat timer);
d. the report for the current quarter and for the year (view until
   ``report_built``, and ``dataset()`` / ``build_report`` timed directly);
e. peak RSS of the GUI processes;
f. (``--pull-stall``, on its own small profile) typing into the note editor with
   autosave while a 10,000-change pull is applied in pages of 1,000, as the sync
   engine does, on another thread: the longest GUI stall (heartbeat gap).

For each target that is missed the phase is run once more under cProfile and the
top 20 cumulative entries are printed and stored in the JSON.
"""

# ruff: noqa: E402
from __future__ import annotations

import time

# The very first thing a child process does: the clock for "process start -> ...".
_FIRST_PERF = time.perf_counter()
_FIRST_WALL = time.time()

import argparse
import bisect
import cProfile
import functools
import gc
import io
import json
import math
import os
import platform
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).resolve()
if str(REPO) not in sys.path:  # run as `python bench/ui_bench.py` from the root
    sys.path.insert(0, str(REPO))

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.journal import Journal
    from ui.main_window import MainWindow

SPAWN_ENV = "FELTJOURNAL_UI_BENCH_SPAWN"
CACHE_FORMAT = 1
PASSPHRASE = "benk-ui-passord-æøå"
USER_NAME = "Kari Benkmark"
HEAVY_NAME = "Ingrid Mangenotat"

TARGET_START_S = 2.0
TARGET_OPEN_S = 0.200
TARGET_STALL_S = 0.050

STARTUP_RUNS = 3
OPEN_RUNS = 5
REPORT_RUNS = 3
TYPED_CHARS = 2000
PAUSE_EVERY = 200
PAUSE_S = 1.0  # longer than the 800 ms autosave debounce
KEY_INTERVAL_S = 0.020  # 50 keys/s: faster than anyone types
HEARTBEAT_MS = 1
TOP = 20
PULL_CHANGES = 10_000
PULL_PAGE = 1000  # SyncClient's page size
# While the pull runs: a short autosave delay and a pause every 10 keys, so an autosave
# lands every ~0.4 s and saves meet pages (with the usual 800 ms only one or two would).
PULL_PAUSE_EVERY = 10
PULL_PAUSE_S = 0.2
PULL_AUTOSAVE_MS = 100

_NORWEGIAN = (
    "Deltakeren møtte presis og fortalte at uken hadde gått bedre enn fryktet.",
    "Vi gikk gjennom søknaden til lageret på Økern og rettet opp CV-en sammen.",
    "Hun ønsker å prøve seg i butikk, gjerne deltid de første månedene.",
    "Arbeidsgiveren på kafeen var positiv og vil ha et nytt møte over påske.",
    "Han er bekymret for økonomien og vil snakke med Nav-veilederen før jul.",
    "Vi avtalte å øve på intervjuet på fredag; hun tar med seg spørsmålene.",
    "Søvnen er fortsatt urolig, men han står opp til avtalt tid på hverdager.",
    "Første arbeidsdag på gartneriet gikk fint, og lederen ga god tilbakemelding.",
    "Vi snakket om åpenhet overfor arbeidsgiver og hva som føles trygt å fortelle.",
    "Neste steg er å besøke to arbeidsplasser i nærområdet før måneden er omme.",
    "Hun syntes bussturen i rushtiden var krevende, men gjennomførte den likevel.",
    "Vi ble enige om at jobbspesialisten ringer bakeriet på mandag.",
)


# ============================================================== small helpers


def _now() -> float:
    return time.perf_counter()


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _pct(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, math.ceil(q / 100 * len(ordered)) - 1)
    return ordered[k]


# PySide6 6.12.0 on CPython 3.11 (where None, True and False are not yet immortal)
# drops a reference on each call: every void Qt method called from Python (setText,
# processEvents, setFocus, QTest.keyClicks, ...) loses one reference to None and
# every Signal.emit() one to True. After a few thousand calls the interpreter aborts
# ("Fatal Python error: none_dealloc"). The children keep those three objects alive
# with references held here (a floor of 200,000, topped up from the loops that drive
# the GUI) and leave with os._exit, and report how many references had to be added.
_KEEP: list[object] = []
_FLOOR = 200_000
_TOPPED: dict[str, int] = {"None": 0, "True": 0, "False": 0}


def _keep_singletons() -> None:
    for name, obj in (("None", None), ("True", True), ("False", False)):
        deficit = _FLOOR - sys.getrefcount(obj)
        if deficit > 0:
            _KEEP.extend([obj] * deficit)
            _TOPPED[name] += deficit


def _natural_refs() -> dict[str, int]:
    """Reference counts of None/True/False without the ones held in _KEEP."""
    held = {"None": 0, "True": 0, "False": 0}
    for obj in _KEEP:
        held["None" if obj is None else "True" if obj is True else "False"] += 1
    return {
        "None": sys.getrefcount(None) - held["None"],
        "True": sys.getrefcount(True) - held["True"],
        "False": sys.getrefcount(False) - held["False"],
    }


def _reset_topped() -> None:
    _keep_singletons()
    for name in _TOPPED:
        _TOPPED[name] = 0


def _rss_now_kib() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _peak_rss_kib() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux


def _loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def _text(length: int, seed: str) -> str:
    """``length`` characters of Norwegian prose (æ, ø, å; Latin-1 only, so QTest can type it)."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < length:
        s = rng.choice(_NORWEGIAN)
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts)[:length]


def _clean_paths(text: str) -> str:
    site = next((p for p in sys.path if p.endswith("site-packages")), None)
    if site:
        text = text.replace(site + "/", "site-packages/")
    return text.replace(str(REPO) + "/", "")


def _stats_text(profiles: list[cProfile.Profile], top: int = TOP) -> str:
    stats: pstats.Stats | None = None
    buf = io.StringIO()
    for prof in profiles:
        try:
            if stats is None:
                stats = pstats.Stats(prof, stream=buf)
            else:
                stats.add(prof)
        except TypeError:  # a profile that saw no calls
            continue
    if stats is None:
        return "(no profile data)"
    stats.sort_stats("cumulative").print_stats(top)
    lines = buf.getvalue().splitlines()
    # Drop pstats' preamble up to the summary line; keep the table.
    start = next((i for i, line in enumerate(lines) if "function calls" in line), 0)
    return _clean_paths("\n".join(line.rstrip() for line in lines[start:] if line.strip()))


# ======================================================================= build


@dataclass
class CacheInfo:
    """What ``bench-meta.json`` says about a finished profile cache."""

    format: int
    passphrase: str
    participants: int
    notes_per_participant: int
    heavy_participant: str
    heavy_notes: int
    records: int
    counts: dict[str, int]
    kdf: dict[str, Any]
    keystore: str
    build_seconds: float
    fill_bulk_seconds: float
    built: str
    db_bytes: int = 0


def _meta_path(cache: Path) -> Path:
    return cache / "bench-meta.json"


def _profile_path(cache: Path) -> Path:
    return cache / "profile"


def _load_cache(cache: Path) -> CacheInfo | None:
    path = _meta_path(cache)
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    if data.get("format") != CACHE_FORMAT:
        return None
    return CacheInfo(**data)


def ensure_profile(cache: Path, *, participants: int, notes: int, heavy_notes: int) -> CacheInfo:
    """Reuse the cached profile, or build it (minutes) and record how."""
    info = _load_cache(cache)
    if info is not None:
        if (info.participants, info.notes_per_participant, info.heavy_notes) != (
            participants,
            notes,
            heavy_notes,
        ):
            raise SystemExit(
                f"{cache} holds a profile with {info.participants} participants x "
                f"{info.notes_per_participant} notes (+{info.heavy_notes}); asked for "
                f"{participants} x {notes} (+{heavy_notes}). Use another --profile-cache "
                "or remove that folder."
            )
        print(
            f"[profile] reusing {cache}: {info.records:,} records, built in "
            f"{info.build_seconds:.0f} s on {info.built}"
        )
        return info
    marker = cache / ".building"
    profile_dir = _profile_path(cache)
    if profile_dir.exists():
        if not marker.exists():
            raise SystemExit(f"{profile_dir} exists but is not a finished bench profile")
        print(f"[profile] removing the unfinished build in {profile_dir}")
        shutil.rmtree(profile_dir)
    cache.mkdir(parents=True, exist_ok=True)
    marker.write_text("building\n")
    info = _build(cache, participants=participants, notes=notes, heavy_notes=heavy_notes)
    _meta_path(cache).write_text(json.dumps(asdict(info), indent=2, ensure_ascii=False), "utf-8")
    marker.unlink()
    return info


def _build(cache: Path, *, participants: int, notes: int, heavy_notes: int) -> CacheInfo:
    from app.demo import fill_bulk
    from app.domain.access import JOB_SPECIALIST
    from app.journal import Journal
    from storage.profile import Profile

    started = _now()
    profile_dir = _profile_path(cache)
    print(
        f"[profile] building {profile_dir}: {participants:,} participants x {notes} notes "
        f"+ 1 x {heavy_notes} notes (Argon2id default cost, file keystore)",
        flush=True,
    )
    profile = Profile(profile_dir)
    profile.create(
        user_name=USER_NAME, role=JOB_SPECIALIST, passphrase=PASSPHRASE, file_keystore=True
    )
    journal = Journal(profile.unlock(PASSPHRASE))
    per_participant = 8 + notes
    last = [started]

    def progress(done: int, total: int) -> None:
        now = _now()
        if done < total and now - last[0] < 20:
            return
        last[0] = now
        elapsed = now - started
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate > 0 else 0.0
        print(
            f"[profile] {done:,}/{total:,} participants (~{done * per_participant:,} records) "
            f"{elapsed:.0f} s, ~{eta / 60:.1f} min left",
            flush=True,
        )

    summary = fill_bulk(
        journal, participants=participants, notes_per_participant=notes, progress=progress
    )
    print(
        f"[profile] fill_bulk: {summary.records:,} records in {summary.seconds:.0f} s", flush=True
    )
    heavy, heavy_count = _add_heavy_participant(journal, heavy_notes)
    journal.store.lock()
    counts = dict(summary.counts)
    for kind, n in heavy_count.items():
        counts[kind] = counts.get(kind, 0) + n
    vault = json.loads((profile_dir / "vault.json").read_text("utf-8"))
    kdf = {k: v for k, v in dict(vault.get("kdf", {})).items() if k != "salt"}
    seconds = _now() - started
    print(f"[profile] built in {seconds:.0f} s ({seconds / 60:.1f} min)", flush=True)
    return CacheInfo(
        format=CACHE_FORMAT,
        passphrase=PASSPHRASE,
        participants=participants,
        notes_per_participant=notes,
        heavy_participant=heavy,
        heavy_notes=heavy_notes,
        records=sum(counts.values()),
        counts=counts,
        kdf=kdf,
        keystore="file (device-key.json in the profile, as --insecure-file-keystore)",
        build_seconds=round(seconds, 1),
        fill_bulk_seconds=round(summary.seconds, 1),
        built=datetime.now().isoformat(timespec="seconds"),
        db_bytes=(profile_dir / "journal.db").stat().st_size,
    )


def _add_heavy_participant(journal: Journal, notes: int) -> tuple[str, dict[str, int]]:
    """One participant with ``notes`` case notes of ~1 KB, spread over two years."""
    rng = random.Random("ui-bench-heavy")
    today = journal.today()
    entry = today - timedelta(days=730)
    with journal.store.transaction():
        pid = journal.create_participant(
            {
                "name": HEAVY_NAME,
                "birth_date": "1990-05-17",
                "programme": "IPS",
                "nav_office": "NAV Grünerløkka",
            }
        )
        journal.add(
            "referral",
            {
                "source": "nav",
                "received": (entry - timedelta(days=14)).isoformat(),
                "decision": "accepted",
            },
            participant_id=pid,
        )
        journal.add("episode", {"entry": entry.isoformat()}, participant_id=pid)
        topics = ("general", "career", "job_search", "disclosure", "benefits", "nav_contact")
        for n in range(notes):
            journal.add(
                "case_note",
                {
                    "date": (entry + timedelta(days=n * 730 // notes)).isoformat(),
                    "topic": topics[n % len(topics)],
                    "title": f"Samtale {n + 1}: {rng.choice(_NORWEGIAN)[:40]}",
                    "body": _text(1000, f"heavy-{n}"),
                },
                participant_id=pid,
            )
    return pid, {"participant": 1, "referral": 1, "episode": 1, "case_note": notes}


# ============================================================ child plumbing


class Probe:
    """Start/end times of instrumented calls (wrappers set in the child only)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, float, float, str]] = []
        self._lock = threading.Lock()

    def add(self, key: str, start: float, end: float) -> None:
        thread = "main" if threading.current_thread() is threading.main_thread() else "worker"
        with self._lock:
            self.events.append((key, start, end, thread))

    def durations(self, key: str) -> list[float]:
        return [e - s for k, s, e, _ in self.events if k == key]

    def last(self, key: str) -> tuple[float, float] | None:
        hits = [(s, e) for k, s, e, _ in self.events if k == key]
        return hits[-1] if hits else None

    def summary(self) -> dict[str, dict[str, float | int | str]]:
        out: dict[str, dict[str, float | int | str]] = {}
        for key in sorted({e[0] for e in self.events}):
            d = self.durations(key)
            thread = next(e[3] for e in self.events if e[0] == key)
            out[key] = {
                "calls": len(d),
                "total_s": round(sum(d), 4),
                "max_s": round(max(d), 4),
                "thread": thread,
            }
        return out


class WorkerProfiles:
    """cProfile for calls on worker threads (cProfile in 3.11 sees one thread only)."""

    def __init__(self) -> None:
        self.profiles: list[cProfile.Profile] = []
        self._lock = threading.Lock()
        self._local = threading.local()

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is threading.main_thread() or getattr(
            self._local, "active", False
        ):
            return fn(*args, **kwargs)
        prof = cProfile.Profile()
        self._local.active = True
        try:
            return prof.runcall(fn, *args, **kwargs)
        finally:
            self._local.active = False
            with self._lock:
                self.profiles.append(prof)


def _instrument(
    probe: Probe,
    owner: Any,
    name: str,
    key: str,
    workers: WorkerProfiles | None = None,
    main_profile: cProfile.Profile | None = None,
) -> None:
    """Replace ``owner.name`` by a wrapper that times it (and optionally profiles it)."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = _now()
        try:
            if workers is not None:
                return workers.call(original, *args, **kwargs)
            if main_profile is not None and threading.current_thread() is threading.main_thread():
                return main_profile.runcall(original, *args, **kwargs)
            return original(*args, **kwargs)
        finally:
            probe.add(key, start, _now())

    setattr(owner, name, wrapper)


@dataclass
class Gui:
    app: QApplication
    window: MainWindow
    settings_dir: Path


def _start_gui(profile_dir: Path) -> Gui:
    """What ``ui.app.run_gui`` does, with QSettings in a throwaway ini file."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.composition import build_app
    from ui.app import load_stylesheet
    from ui.i18n import Translator
    from ui.main_window import MainWindow
    from ui.settings_dialog import load_settings
    from ui.tasks import TaskRunner

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setOrganizationName("Feltjournal")
    app.setApplicationName("Feltjournal")
    settings_dir = Path(tempfile.mkdtemp(prefix="fj-ui-bench-"))
    qsettings = QSettings(str(settings_dir / "settings.ini"), QSettings.Format.IniFormat)
    settings = load_settings(qsettings)
    translator = Translator(app)
    translator.apply(settings.language)
    app.setStyleSheet(load_stylesheet())
    services = build_app(settings, profile_dir=profile_dir)
    window = MainWindow(
        services=services,
        tasks=TaskRunner(),
        qsettings=qsettings,
        apply_language=translator.apply,
    )
    window.show()
    app.processEvents()
    return Gui(app, window, settings_dir)


def _pump(app: QApplication, until: Callable[[], bool], timeout: float, what: str) -> float:
    """Run the event loop (sleeping between events) until ``until()``; bounded. Returns seconds."""
    from PySide6.QtCore import QEventLoop, QTimer

    start = _now()
    guard = QTimer()
    guard.setInterval(20)  # wakes the loop so the deadline is checked
    guard.start()
    try:
        while not until():
            if _now() - start > timeout:
                raise TimeoutError(f"{what}: not done after {timeout:.0f} s")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            _keep_singletons()
    finally:
        guard.stop()
    return _now() - start


def _spin(app: QApplication, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop

    end = _now() + seconds
    while _now() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        _keep_singletons()


def _settle(gui: Gui, rounds: int = 3) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(rounds):
        _keep_singletons()
        gui.window.tasks.wait_idle()
        gui.app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class Heartbeat:
    """A 1 ms timer; the gaps between its ticks are how long the event loop was busy."""

    def __init__(self, interval_ms: int = HEARTBEAT_MS) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.starts: list[float] = []
        self.ends: list[float] = []
        self._last = 0.0

    def _tick(self) -> None:
        now = _now()
        self.starts.append(self._last)
        self.ends.append(now)
        self._last = now

    def start(self) -> None:
        self._last = _now()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._tick()

    def gap_at(self, t: float) -> float | None:
        """The gap that contains moment ``t``."""
        i = bisect.bisect_left(self.ends, t)
        if i >= len(self.ends):
            return None
        return self.ends[i] - self.starts[i]

    def max_gap(self) -> float:
        return max((e - s for s, e in zip(self.starts, self.ends, strict=True)), default=0.0)


def _write_result(path: str, result: dict[str, Any]) -> None:
    Path(path).write_text(json.dumps(result, indent=2, ensure_ascii=False), "utf-8")


# ====================================================== child: a. start-up


def child_startup(args: argparse.Namespace) -> int:
    spawn_wall = float(os.environ.get(SPAWN_ENV, _FIRST_WALL))
    main_profile: cProfile.Profile | None = None
    workers: WorkerProfiles | None = None
    if args.cprofile:
        main_profile = cProfile.Profile()
        workers = WorkerProfiles()
        main_profile.enable()
    marks: dict[str, float] = {}

    # ---- imports: what the real entry point (app.cli -> ui.app) loads
    import app.cli
    import app.composition
    import storage.profile
    import storage.vault
    import ui.caseload_view
    import ui.main_window
    from ui.app import run_gui  # noqa: F401

    marks["imports"] = _now()
    _reset_topped()

    probe = Probe()
    _instrument(probe, storage.vault, "derive_passphrase_key", "kdf")
    _instrument(probe, storage.profile.Profile, "unlock", "profile.unlock")
    _instrument(probe, storage.profile.Profile, "_open_store", "db_open")
    _instrument(probe, storage.profile.Profile, "backup_if_due", "backup_if_due")
    _instrument(probe, app.composition.AppServices, "unlock", "services.unlock", workers)
    _instrument(probe, ui.caseload_view, "build_rows", "build_rows", workers)
    _instrument(probe, ui.caseload_view.CaseloadView, "_loaded", "caseload._loaded")
    _instrument(probe, ui.main_window.MainWindow, "_unlocked", "window._unlocked")

    loaded: dict[str, float] = {}
    original_init = ui.caseload_view.CaseloadView.__init__

    def init(view: ui.caseload_view.CaseloadView, *a: Any, **kw: Any) -> None:
        original_init(view, *a, **kw)

        def on_loaded() -> None:
            if "perf" not in loaded and view.model.rowCount() > 0:
                loaded["perf"] = _now()
                loaded["rows"] = view.model.rowCount()

        view.loaded.connect(on_loaded)

    setattr(ui.caseload_view.CaseloadView, "__init__", init)  # noqa: B010

    profile_dir = Path(args.profile_dir)
    gui = _start_gui(profile_dir)
    marks["window"] = _now()
    view = gui.window.unlock_view
    view.passphrase.setText(args.passphrase)
    marks["unlock_clicked"] = _now()
    view.button.click()
    _pump(gui.app, lambda: "perf" in loaded, 300, "unlock and caseload")
    marks["loaded"] = loaded["perf"]
    gui.app.processEvents()  # the first repaint with the rows
    marks["painted"] = _now()
    if main_profile is not None:
        main_profile.disable()
    # After the measurement: let queued background work finish (the daily backup
    # now runs as its own task after unlock) so its time can be reported.
    gui.window.tasks.wait_idle(600_000)

    services_unlock = probe.last("services.unlock")
    unlocked = probe.last("window._unlocked")
    to_wall = _FIRST_WALL - _FIRST_PERF
    result: dict[str, Any] = {
        "spawn_wall": spawn_wall,
        "first_wall": _FIRST_WALL,
        "interpreter_s": _FIRST_WALL - spawn_wall,
        "imports_s": marks["imports"] - _FIRST_PERF,
        "window_s": marks["window"] - marks["imports"],
        "unlock_s": (services_unlock[1] if services_unlock else marks["loaded"])
        - marks["unlock_clicked"],
        "workspace_s": (unlocked[1] - services_unlock[1]) if unlocked and services_unlock else None,
        "caseload_s": marks["loaded"] - (unlocked[1] if unlocked else marks["unlock_clicked"]),
        "total_s": marks["loaded"] + to_wall - spawn_wall,
        "painted_total_s": marks["painted"] + to_wall - spawn_wall,
        "kdf_s": sum(probe.durations("kdf")),
        "db_open_s": sum(probe.durations("db_open")),
        "backup_s": sum(probe.durations("backup_if_due")),
        "build_rows_s": sum(probe.durations("build_rows")),
        "caseload_gui_s": sum(probe.durations("caseload._loaded")),
        "rows": loaded.get("rows", 0),
        "calls": probe.summary(),
        "peak_rss_kib": _peak_rss_kib(),
        "loadavg": _loadavg(),
    }
    if main_profile is not None and workers is not None:
        result["profile_all"] = _stats_text([main_profile, *workers.profiles])
        result["profile_main"] = _stats_text([main_profile])
        result["profile_worker"] = _stats_text(workers.profiles)
    gui.window.lock()
    result["refs_added"] = dict(_TOPPED)
    _write_result(args.result, result)
    shutil.rmtree(gui.settings_dir, ignore_errors=True)
    return 0


# ==================================================== child: b, c, d, e session


def child_session(args: argparse.Namespace) -> int:
    import app.journal
    import app.operations.reports
    import ui.caseload_view
    import ui.note_editor
    import ui.participant_tabs.notes
    import ui.participant_view
    import ui.reports_view

    phases = set(args.phases)
    profiling = set(args.cprofile.split(",")) if args.cprofile else set()
    main_profile = cProfile.Profile() if profiling & {"b", "c"} else None
    workers = WorkerProfiles() if "d" in profiling else None

    _reset_topped()
    probe = Probe()
    _instrument(probe, app.journal.Journal, "open_participant", "journal.open_participant")
    _instrument(probe, app.journal.Journal, "participants", "journal.participants")
    _instrument(probe, app.journal.Journal, "records", "journal.records")
    _instrument(probe, ui.participant_view.ParticipantView, "_open", "participant_view._open")
    _instrument(
        probe, ui.participant_view.ParticipantView, "_refresh_once", "participant_view._refresh"
    )
    _instrument(probe, ui.participant_tabs.notes.NotesTab, "reload", "notes_tab.reload")
    _instrument(
        probe,
        ui.note_editor.RecordAutosaver,
        # What the autosave timer calls on the GUI thread (the write itself runs on the
        # executor since the saves moved there).
        "save_soon",
        "autosave",
        main_profile=main_profile if "c" in profiling else None,
    )
    _instrument(probe, app.journal.Journal, "dataset", "journal.dataset", workers)
    # The report's figures, not the dataset() before them (timed on its own above).
    _instrument(probe, app.operations.reports, "report_from_dataset", "build_report", workers)
    _instrument(probe, ui.reports_view.ReportsView, "_show_report", "reports._show_report")

    gui = _start_gui(Path(args.profile_dir))
    window = gui.window
    window.unlock_view.passphrase.setText(args.passphrase)
    window.unlock_view.button.click()
    _pump(
        gui.app,
        lambda: window.workspace is not None and window.workspace.caseload.model.rowCount() > 0,
        300,
        "unlock and caseload",
    )
    _settle(gui)
    ws = window.workspace
    assert ws is not None
    result: dict[str, Any] = {
        "rss_kib": {"after_unlock": _rss_now_kib()},
        "natural_refs_after_unlock": _natural_refs(),
        "refs_added_by_unlock": dict(_TOPPED),
    }

    if "b" in phases:
        result["open"] = _phase_open(gui, args, main_profile if "b" in profiling else None)
        result["rss_kib"]["after_open"] = _rss_now_kib()
    if "c" in phases:
        result["typing"] = _phase_typing(
            gui, args, probe, main_profile if "c" in profiling else None
        )
        result["rss_kib"]["after_typing"] = _rss_now_kib()
    if "d" in phases:
        result["reports"] = _phase_reports(gui, args)
        result["rss_kib"]["after_reports"] = _rss_now_kib()
    if "f" in phases:
        result["pull_stall"] = _phase_pull_stall(gui, args, probe)
    result["calls"] = probe.summary()
    result["peak_rss_kib"] = _peak_rss_kib()
    result["loadavg"] = _loadavg()
    if main_profile is not None:
        result["profile"] = _stats_text([main_profile])
    if workers is not None:
        result["profile"] = _stats_text(workers.profiles)
    window.lock()
    _settle(gui)
    result["refs_added"] = dict(_TOPPED)
    _write_result(args.result, result)
    shutil.rmtree(gui.settings_dir, ignore_errors=True)
    return 0


# keyClick(widget, "æ") types "Ã" in PySide6 6.12; keyClicks takes a QString and types
# æ, ø, å (Latin-1 only: other characters and "\n" hit an assertion in QTest).


def _notes_tab(gui: Gui) -> Any:
    from ui.participant_tabs.notes import NotesTab

    ws = gui.window.workspace
    pv = ws.participant if ws is not None else None
    return pv.tab(NotesTab) if pv is not None else None


def _phase_open(
    gui: Gui, args: argparse.Namespace, prof: cProfile.Profile | None
) -> dict[str, Any]:
    ws = gui.window.workspace
    assert ws is not None
    pid = args.heavy_participant
    want = args.heavy_notes
    runs = 1 if prof is not None else args.open_runs
    from ui.participant_view import ParticipantView

    loaded: list[float] = []
    synchronous: list[float] = []
    painted: list[float] = []
    rss: list[int] = []
    alive: list[int] = []
    for _ in range(runs):
        _settle(gui)
        t0 = _now()
        if prof is not None:
            prof.enable()
        ws.open_participant(pid)
        t1 = _now()

        def ready() -> bool:
            tab = _notes_tab(gui)
            # >=: a session that typed a note (phase c) left one more behind.
            return (
                tab is not None
                and len(tab.notes) >= want
                and tab.timeline.count() == len(tab.notes)
            )

        _pump(gui.app, ready, 60, "notes timeline")
        t2 = _now()
        gui.app.processEvents()  # layout and first paint of the page
        t3 = _now()
        if prof is not None:
            prof.disable()
        synchronous.append(t1 - t0)
        loaded.append(t2 - t0)
        painted.append(t3 - t0)
        pv = ws.participant
        assert pv is not None
        pv.go_back()
        del pv
        _settle(gui)
        gc.collect()
        rss.append(_rss_now_kib())
        alive.append(sum(1 for o in gc.get_objects() if isinstance(o, ParticipantView)))
    return {
        "rss_kib_after_each": rss,
        "participant_views_alive_after_close": alive,
        "runs": runs,
        "loaded_s": loaded,
        "synchronous_s": synchronous,
        "painted_s": painted,
        "median_loaded_s": _median(loaded),
        "median_painted_s": _median(painted),
    }


class GcPauses:
    """Collections of the cyclic garbage collector (a GC pause is a GUI stall too)."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float, float]] = []
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = _now()
        else:
            self.pauses.append((info.get("generation", -1), self._start, _now()))

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self)

    def summary(self) -> dict[str, Any]:
        durations = [e - s for _, s, e in self.pauses]
        return {
            "collections": len(self.pauses),
            "gen2": sum(1 for g, _, _ in self.pauses if g == 2),
            "max_s": max(durations, default=0.0),
            "over_10ms": sum(1 for d in durations if d > 0.010),
        }


def _phase_typing(
    gui: Gui, args: argparse.Namespace, probe: Probe, prof: cProfile.Profile | None
) -> dict[str, Any]:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPlainTextEdit

    from ui.participant_tabs.notes import NotesTab

    ws = gui.window.workspace
    assert ws is not None
    ws.open_participant(args.heavy_participant)
    _settle(gui)
    pv = ws.participant
    assert pv is not None
    tab = pv.show_tab(NotesTab)
    assert isinstance(tab, NotesTab)
    _settle(gui)
    assert tab.new_note()
    _settle(gui)
    body = tab.editor.body
    assert isinstance(body, QPlainTextEdit)
    gui.window.activateWindow()
    body.setFocus()
    gui.app.processEvents()

    chars = min(args.chars, 600) if prof is not None else args.chars
    text = _text(chars, "typing")
    # QTest types printable ASCII and Æ, Ø, Å; anything else (é, –, \n) aborts it.
    typable = {chr(c) for c in range(32, 127)} | set("æøåÆØÅ")
    assert set(text) <= typable, set(text) - typable
    saves: list[float] = []
    tab.editor.note_saved.connect(lambda _rid: saves.append(_now()))
    keys: list[tuple[float, float]] = []
    beat = Heartbeat()
    refs_before = dict(_TOPPED)

    def pause() -> None:
        _spin(gui.app, PAUSE_S)  # the debounce fires in here
        # A save that ran past the pause: idle 100 ms after it before typing on, so a
        # key is not charged with the save's stall.
        while (last := probe.last("autosave")) is not None and _now() - last[1] < 0.1:
            _spin(gui.app, 0.02)

    started = _now()
    with GcPauses() as gc_pauses:
        beat.start()
        for i, ch in enumerate(text):
            t = _now()
            if prof is not None:
                prof.enable()
            QTest.keyClicks(body, ch)
            if prof is not None:
                prof.disable()
            _keep_singletons()
            keys.append((t, _now()))
            _spin(gui.app, args.key_interval)
            if (i + 1) % PAUSE_EVERY == 0:
                pause()
        if chars % PAUSE_EVERY:
            pause()
        beat.stop()
    elapsed = _now() - started

    key_stalls = [g for t, _ in keys if (g := beat.gap_at(t)) is not None]
    worst = sorted(range(len(key_stalls)), key=lambda i: key_stalls[i], reverse=True)[:5]
    gc_in_worst = [
        any(
            s <= keys[i][0] + key_stalls[i] and e >= keys[i][0] - key_stalls[i]
            for _, s, e in gc_pauses.pauses
        )
        for i in worst
    ]
    key_calls = [e - s for s, e in keys]
    save_stalls = [g for t in saves if (g := beat.gap_at(t)) is not None]
    typed = body.toPlainText()
    record_id = tab.editor.record_id
    stored = ""
    if record_id is not None:
        rec = ws.journal.store.get(record_id, audit=False)
        stored = str(rec.fields.get("body") or "") if rec is not None else ""
    all_stall = beat.max_gap()
    return {
        "chars": chars,
        "seconds": elapsed,
        "key_interval_s": args.key_interval,
        "heartbeat_ms": HEARTBEAT_MS,
        "saves": len(saves),
        "key_stall_max_s": max(key_stalls, default=None),
        "key_stall_p99_s": _pct(key_stalls, 99),
        "key_stall_median_s": _median(key_stalls),
        "key_call_max_s": max(key_calls, default=None),
        "key_call_p99_s": _pct(key_calls, 99),
        "save_stalls_s": save_stalls,
        "save_stall_max_s": max(save_stalls, default=None),
        "save_stall_p99_s": _pct(save_stalls, 99),
        "any_stall_max_s": all_stall,
        "stalls_over_50ms": sum(
            1 for s, e in zip(beat.starts, beat.ends, strict=True) if e - s > 0.05
        ),
        "text_ok": typed == text,
        "stored_ok": stored == text,
        "worst_keys": [
            {"index": i, "char": text[i], "stall_s": key_stalls[i], "gc_nearby": g}
            for i, g in zip(worst, gc_in_worst, strict=True)
        ],
        "gc": gc_pauses.summary(),
        "refs_lost": {k: _TOPPED[k] - refs_before[k] for k in _TOPPED},
    }


def _pull_changes(profile_dir: Path, passphrase: str, heavy: str, out: Path) -> int:
    """Another replica's 10,000 unsynced changes, written to ``out`` (pickled).

    Made in a throwaway copy of the profile, so the GUI's profile has never seen
    them: new case notes for the heavy participant (the one whose note is being
    typed) and for the others, as a colleague's long offline week would bring.
    """
    import pickle

    from app.journal import Journal
    from storage.profile import Profile

    copy = Path(tempfile.mkdtemp(prefix="ui-pull-")) / "profile"
    shutil.copytree(profile_dir, copy, ignore=shutil.ignore_patterns("backups"))
    try:
        journal = Journal(Profile(copy).unlock(passphrase))
        others = [p.id for p in journal.participants() if p.id != heavy]
        before = journal.store.outbox_size()
        n = 0
        with journal.store.transaction():
            while journal.store.outbox_size() - before < PULL_CHANGES:
                pid = heavy if n % 4 == 0 or not others else others[n % len(others)]
                journal.add(
                    "case_note",
                    {
                        "date": journal.today().isoformat(),
                        "topic": "general",
                        "title": f"Fra kollega {n + 1}",
                        "body": _text(600, f"pull-{n}"),
                    },
                    participant_id=pid,
                )
                n += 1
        changes = journal.store.outbox(limit=10 * PULL_CHANGES)[before : before + PULL_CHANGES]
        journal.store.lock()
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
    out.write_bytes(pickle.dumps(changes))
    return len(changes)


def _apply_pull(gui: Gui, changes: list[Any], timings: list[float]) -> None:
    """Apply ``changes`` in pages on this (non-GUI) thread the way a sync round does:
    each page with its cursor, one change event for the round at the end."""
    from app.sync_pages import PagesOnExecutor

    ws = gui.window.workspace
    assert ws is not None
    journal = ws.journal
    store = PagesOnExecutor(journal.store, journal.executor)  # as SyncService hands the client
    kinds: set[str] = set()
    ids: set[str] = set()
    for start in range(0, len(changes), PULL_PAGE):
        page = changes[start : start + PULL_PAGE]
        t = _now()
        applied = store.apply_changes(page, cursor=("bench-pull", str(start)))
        timings.append(_now() - t)
        kinds |= applied.types
        ids |= applied.records
    journal.notify_external(kinds, ids)


def _phase_pull_stall(gui: Gui, args: argparse.Namespace, probe: Probe) -> dict[str, Any]:
    """Type into a new note (autosaving every 10 keys) while a pull is applied."""
    import pickle

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPlainTextEdit

    from ui.participant_tabs.notes import NotesTab

    changes = pickle.loads(Path(args.pull_changes).read_bytes())
    ws = gui.window.workspace
    assert ws is not None
    ws.open_participant(args.heavy_participant)
    _settle(gui)
    pv = ws.participant
    assert pv is not None
    tab = pv.show_tab(NotesTab)
    assert isinstance(tab, NotesTab)
    _settle(gui)
    assert tab.new_note()
    _settle(gui)
    body = tab.editor.body
    assert isinstance(body, QPlainTextEdit)
    gui.window.activateWindow()
    body.setFocus()
    gui.app.processEvents()

    text = _text(20_000, "pull-typing")
    typable = {chr(c) for c in range(32, 127)} | set("æøåÆØÅ")
    text = "".join(c for c in text if c in typable)
    saves: list[float] = []
    tab.editor.note_saved.connect(lambda _rid: saves.append(_now()))
    tab.editor.saver.delay_ms = PULL_AUTOSAVE_MS
    keys: list[float] = []
    pages: list[float] = []
    beat = Heartbeat()
    pull = threading.Thread(target=_apply_pull, args=(gui, changes, pages), name="bench-pull")
    typed = 0
    beat.start()
    started = _now()
    pull.start()
    # Type until the pull is over and the last autosave after it is done.
    while pull.is_alive() or typed % PULL_PAUSE_EVERY or typed == 0:
        keys.append(_now())
        QTest.keyClicks(body, text[typed % len(text)])
        typed += 1
        _keep_singletons()
        _spin(gui.app, args.key_interval)
        if typed % PULL_PAUSE_EVERY == 0:
            _spin(gui.app, PULL_PAUSE_S)
    pull.join()
    pull_s = _now() - started
    _spin(gui.app, PAUSE_S)
    beat.stop()
    key_stalls = [g for t in keys if (g := beat.gap_at(t)) is not None]
    save_stalls = [g for t in saves if (g := beat.gap_at(t)) is not None]
    return {
        "changes": len(changes),
        "page_size": PULL_PAGE,
        "pages": len(pages),
        "page_apply_max_s": max(pages, default=None),
        "pull_s": pull_s,
        "chars": typed,
        "saves": len(saves),
        "key_stall_max_s": max(key_stalls, default=None),
        "key_stall_p99_s": _pct(key_stalls, 99),
        "save_stall_max_s": max(save_stalls, default=None),
        "any_stall_max_s": beat.max_gap(),
        "stalls_over_50ms": sum(
            1 for s, e in zip(beat.starts, beat.ends, strict=True) if e - s > 0.05
        ),
        "autosave_max_s": max(probe.durations("autosave"), default=None),
    }


def measure_pull_stall(args: argparse.Namespace) -> int:
    """Phase f alone, on a small profile of its own: the longest GUI stall while typing
    during a 10,000-change pull."""
    cache = Path(args.profile_cache)
    out = Path(args.out)
    out_dir = out.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    info = ensure_profile(
        cache, participants=args.participants, notes=args.notes, heavy_notes=args.heavy_notes
    )
    work = _work_copy(cache, out_dir)
    try:
        pulled = work.parent / "pull-changes.pickle"
        started = _now()
        n = _pull_changes(work, info.passphrase, info.heavy_participant, pulled)
        print(f"[f] {n:,} changes from another replica made in {_now() - started:.0f} s")
        session = _run_child(
            "session",
            [
                *_child_args(info, work, args),
                "--phases",
                "f",
                "--pull-changes",
                str(pulled),
            ],
            out_dir=out_dir,
            name="pull-stall",
            timeout=1800,
        )
    finally:
        shutil.rmtree(work.parent, ignore_errors=True)
    ps = session["pull_stall"]
    for key in (
        "changes",
        "pages",
        "page_apply_max_s",
        "pull_s",
        "chars",
        "saves",
        "key_stall_max_s",
        "key_stall_p99_s",
        "save_stall_max_s",
        "any_stall_max_s",
        "stalls_over_50ms",
        "autosave_max_s",
    ):
        value = ps.get(key)
        shown = f"{value * 1000:.0f} ms" if isinstance(value, float) else str(value)
        print(f"    {key:<20} {shown}")
    print(
        f"f. longest GUI stall while typing during the pull: {ps['any_stall_max_s'] * 1000:.0f} ms"
    )
    out.write_text(json.dumps(session, indent=2, ensure_ascii=False), "utf-8")
    print(f"wrote {out}")
    return 0


def _phase_reports(gui: Gui, args: argparse.Namespace) -> dict[str, Any]:
    from app.indicators import Period
    from ui.reports_view import build_report, recent_periods

    ws = gui.window.workspace
    assert ws is not None
    view = ws.reports
    built: list[float] = []
    view.report_built.connect(lambda: built.append(_now()))
    failed: list[str] = []
    view.report_failed.connect(failed.append)
    runs = 1 if args.cprofile else REPORT_RUNS

    def wait_built(start: Callable[[], None], beat: Heartbeat | None = None) -> float:
        n = len(built)
        t0 = _now()
        if beat is not None:
            beat.start()
        start()
        _pump(gui.app, lambda: len(built) > n or bool(failed), 600, "report")
        if beat is not None:
            beat.stop()
        if failed:
            raise RuntimeError(f"report failed: {failed[-1]}")
        return built[-1] - t0

    today = ws.journal.today()
    quarter = recent_periods("quarter", today, 1)[0]
    year = Period.year(today.year)
    out: dict[str, Any] = {"quarter": quarter.label, "year": year.label}
    quarter_s = [wait_built(lambda: ws.nav.setCurrentRow(2))]  # shows the page: builds
    quarter_s += [wait_built(view.refresh) for _ in range(runs - 1)]
    assert view.report is not None and view.report.period == quarter
    year_s = [wait_built(lambda: view.set_period(year))]
    year_s += [wait_built(view.refresh) for _ in range(runs - 1)]
    assert view.report is not None and view.report.period == year
    out.update(quarter_s=quarter_s, year_s=year_s)
    if not args.cprofile:
        # The GUI while a report builds in the background (the GIL is shared).
        beat = Heartbeat(5)
        wait_built(view.refresh, beat)
        out["gui_max_stall_during_build_s"] = beat.max_gap()
        # The parts, on the main thread, without the view.
        _settle(gui)
        t0 = _now()
        ds = ws.journal.dataset()
        t1 = _now()
        build_report(ds, period=quarter)
        t2 = _now()
        build_report(ds, period=year)
        t3 = _now()
        out.update(
            dataset_s=t1 - t0,
            dataset_records=sum(len(v) for v in getattr(ds, "by_type", {}).values()) or None,
            build_quarter_s=t2 - t1,
            build_year_s=t3 - t2,
        )
    return out


# ================================================================ orchestrator


@dataclass
class Figure:
    key: str
    label: str
    value: float | None
    unit: str
    target: float | None = None
    note: str = ""
    met: bool | None = field(default=None)

    def __post_init__(self) -> None:
        if self.target is not None and self.value is not None:
            self.met = self.value <= self.target

    def show(self, value: float | None) -> str:
        if value is None:
            return "—"
        if self.unit == "s":
            return f"{value:.2f} s"
        if self.unit == "ms":
            return f"{value * 1000:.1f} ms"
        if self.unit == "MiB":
            return f"{value:.0f} MiB"
        return f"{value:g}"


def _run_child(
    mode: str,
    extra: list[str],
    *,
    out_dir: Path,
    name: str,
    timeout: float,
    bytecode: bool = True,
) -> dict[str, Any]:
    """Run one measuring subprocess; its JSON result.

    ``bytecode``: as an installed app starts, with .pyc files (written to
    ``<out>/pycache`` via PYTHONPYCACHEPREFIX, so the source tree stays clean,
    even where the environment sets PYTHONDONTWRITEBYTECODE). Without it the
    child runs with the environment as it is.
    """
    logs = out_dir / "ui-logs"
    logs.mkdir(parents=True, exist_ok=True)
    result = logs / f"{name}.json"
    log = logs / f"{name}.log"
    result.unlink(missing_ok=True)
    cmd = [sys.executable, str(SCRIPT), "--child", mode, *extra, "--result", str(result)]
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str((out_dir / "pycache").resolve())
    with log.open("w") as fh:
        env[SPAWN_ENV] = repr(time.time())
        proc = subprocess.run(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT, timeout=timeout)
    if proc.returncode != 0 or not result.is_file():
        tail = log.read_text(errors="replace")[-4000:]
        raise RuntimeError(f"child {name} failed (exit {proc.returncode}); log {log}:\n{tail}")
    data: dict[str, Any] = json.loads(result.read_text("utf-8"))
    return data


def _work_copy(cache: Path, out_dir: Path) -> Path:
    """A copy of the cached profile for this run (without its backups).

    Children write to the profile (audit lines, the note typed in phase c, the
    daily backup), so the cache itself stays as built. Without backups in the
    copy, the first start-up of every bench run is a "first start of the day"
    and writes the daily backup; the later ones don't.
    """
    work = Path(tempfile.mkdtemp(prefix="ui-work-", dir=out_dir))
    target = work / "profile"
    started = _now()
    shutil.copytree(_profile_path(cache), target, ignore=shutil.ignore_patterns("backups"))
    print(f"[profile] working copy {target} ({_now() - started:.1f} s)", flush=True)
    return target


def _child_args(info: CacheInfo, profile_dir: Path, args: argparse.Namespace) -> list[str]:
    return [
        "--profile-dir",
        str(profile_dir),
        "--passphrase",
        info.passphrase,
        "--heavy-participant",
        info.heavy_participant,
        "--heavy-notes",
        str(info.heavy_notes),
        "--chars",
        str(args.chars),
        "--key-interval",
        str(args.key_interval),
        "--open-runs",
        str(args.open_runs),
    ]


def orchestrate(args: argparse.Namespace) -> int:
    cache = Path(args.profile_cache)
    out = Path(args.out)
    out_dir = out.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    build_started = _now()
    info = ensure_profile(
        cache, participants=args.participants, notes=args.notes, heavy_notes=args.heavy_notes
    )
    build_here = _now() - build_started
    if args.build_only:
        return 0
    work = _work_copy(cache, out_dir)
    try:
        return _measure(args, info, cache, out, _child_args(info, work, args), build_here)
    finally:
        shutil.rmtree(work.parent, ignore_errors=True)


def _measure(
    args: argparse.Namespace,
    info: CacheInfo,
    cache: Path,
    out: Path,
    common: list[str],
    build_here: float,
) -> int:
    out_dir = out.parent
    load_start = _loadavg()

    # ---- a. start-up, in fresh processes
    print(
        "[a] warm-up start: first of the day (daily backup due in the fresh copy) and it "
        "fills the bytecode cache; not in the median …",
        flush=True,
    )
    warm = _run_child("startup", common, out_dir=out_dir, name="startup-warmup", timeout=600)
    print(f"    total {warm['total_s']:.2f} s", flush=True)
    startups: list[dict[str, Any]] = []
    for i in range(args.startup_runs):
        print(f"[a] start-up run {i + 1}/{args.startup_runs} …", flush=True)
        r = _run_child("startup", common, out_dir=out_dir, name=f"startup-{i + 1}", timeout=600)
        print(
            f"    total {r['total_s']:.2f} s (imports {r['imports_s']:.2f}, unlock "
            f"{r['unlock_s']:.2f} [KDF {r['kdf_s']:.2f}, backup {r['backup_s']:.2f}], caseload "
            f"{r['caseload_s']:.2f}), {r['rows']} rows",
            flush=True,
        )
        startups.append(r)
    print("[a] one start without .pyc files (PYTHONDONTWRITEBYTECODE as set here) …", flush=True)
    cold = _run_child(
        "startup", common, out_dir=out_dir, name="startup-nopyc", timeout=600, bytecode=False
    )
    print(f"    total {cold['total_s']:.2f} s (imports {cold['imports_s']:.2f})", flush=True)

    # ---- b, c, d, e in one GUI session
    print("[b-e] GUI session: open participant, typing, reports …", flush=True)
    session = _run_child(
        "session",
        [*common, "--phases", "b", "c", "d"],
        out_dir=out_dir,
        name="session",
        timeout=1800,
    )

    figures = _figures(startups, warm, cold, session)
    profiles: dict[str, Any] = {}
    if not args.no_profile:
        missed = {f.key[0] for f in figures if f.met is False}
        missed |= set(args.profile or [])
        profiles = _profiles(sorted(missed), common, out_dir)

    _print_table(figures)
    for phase, prof in profiles.items():
        print(f"\n==== cProfile, phase {phase} (top {TOP} cumulative) ====")
        if isinstance(prof, dict):
            for part, text in prof.items():
                print(f"--- {part}")
                print(text)
        else:
            print(prof)
    report = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "loadavg_start": load_start,
            "loadavg_end": _loadavg(),
            "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
            "pyside6_refcount_bug": (
                "PySide6 6.12.0 on CPython 3.11 drops a None reference per void call and a "
                "True reference per Signal.emit; children hold extra references (refs_added)"
            ),
        },
        "profile_cache": {
            **{k: v for k, v in asdict(info).items() if k != "passphrase"},
            "path": str(cache),
            "built_this_run_s": round(build_here, 1) if build_here > 5 else 0,
        },
        "figures": [
            {**asdict(f), "value_text": f.show(f.value), "target_text": f.show(f.target)}
            for f in figures
        ],
        "startup_runs": startups,
        "startup_warmup": warm,
        "startup_without_pyc": cold,
        "session": session,
        "profiles": profiles,
    }
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False), "utf-8")
    print(f"\nwrote {out}")
    return 0


def _figures(
    startups: list[dict[str, Any]],
    warm: dict[str, Any],
    cold: dict[str, Any],
    session: dict[str, Any],
) -> list[Figure]:
    def med(key: str) -> float | None:
        values = [float(r[key]) for r in startups if r.get(key) is not None]
        return _median(values)

    figs = [
        Figure(
            "a",
            f"a. process start -> unlocked, caseload loaded (median of {len(startups)})",
            med("total_s"),
            "s",
            TARGET_START_S,
        ),
        Figure("a.1", "   interpreter start", med("interpreter_s"), "s"),
        Figure("a.2", "   imports", med("imports_s"), "s"),
        Figure("a.3", "   QApplication + main window", med("window_s"), "s"),
        Figure("a.4", "   unlock (KDF + open)", med("unlock_s"), "s"),
        Figure("a.5", "     of which Argon2id KDF", med("kdf_s"), "s"),
        Figure("a.6", "     of which SQLCipher open + migrations", med("db_open_s"), "s"),
        Figure("a.8", "   workspace build (GUI thread)", med("workspace_s"), "s"),
        Figure("a.9", "   caseload build (build_rows + table)", med("caseload_s"), "s"),
        Figure("a.10", "     of which build_rows (worker)", med("build_rows_s"), "s"),
        Figure("a.11", "     of which table fill (GUI)", med("caseload_gui_s"), "s"),
        Figure("a.12", "   one start without .pyc (as this env runs)", cold.get("total_s"), "s"),
        Figure("a.13", "     its imports", cold.get("imports_s"), "s"),
        Figure(
            "a.14",
            "   first start of the day (warm-up run; also compiles .pyc)",
            warm.get("total_s"),
            "s",
        ),
        Figure(
            "a.15",
            "     its daily backup (DB thread, after the caseload)",
            warm.get("backup_s"),
            "s",
        ),
        Figure(
            "a.16", "     its SQLCipher open (+ pending migrations)", warm.get("db_open_s"), "s"
        ),
    ]
    op = session.get("open") or {}
    figs.append(
        Figure(
            "b",
            f"b. open participant ({op.get('runs', 0)} runs, median) until timeline loaded",
            op.get("median_loaded_s"),
            "ms",
            TARGET_OPEN_S,
        )
    )
    figs.append(Figure("b.1", "   … and first paint", op.get("median_painted_s"), "ms"))
    rss_open = op.get("rss_kib_after_each") or []
    figs.append(
        Figure(
            "b.2",
            "   RSS growth from 1st to last close (leak check)",
            (rss_open[-1] - rss_open[0]) / 1024 if len(rss_open) > 1 else None,
            "MiB",
        )
    )
    alive = op.get("participant_views_alive_after_close") or []
    figs.append(
        Figure(
            "b.3",
            "   ParticipantView objects alive after the last close",
            float(alive[-1]) if alive else None,
            "count",
        )
    )
    ty = session.get("typing") or {}
    figs += [
        Figure(
            "c",
            "c. typing: max stall per keystroke",
            ty.get("key_stall_max_s"),
            "ms",
            TARGET_STALL_S,
        ),
        Figure(
            "c.1", "   p99 stall per keystroke", ty.get("key_stall_p99_s"), "ms", TARGET_STALL_S
        ),
        Figure(
            "c.2",
            f"   max stall around autosave ({ty.get('saves', 0)} saves)",
            ty.get("save_stall_max_s"),
            "ms",
            TARGET_STALL_S,
        ),
        Figure(
            "c.3", "   p99 stall around autosave", ty.get("save_stall_p99_s"), "ms", TARGET_STALL_S
        ),
        Figure(
            "c.4",
            "   longest event-loop gap overall",
            ty.get("any_stall_max_s"),
            "ms",
            TARGET_STALL_S,
        ),
    ]
    figs.append(
        Figure(
            "c.5",
            "   longest GC pause while typing",
            (ty.get("gc") or {}).get("max_s"),
            "ms",
        )
    )
    rp = session.get("reports") or {}
    figs += [
        Figure(
            "d",
            f"d. report {rp.get('quarter', '?')} (view, until report_built, median)",
            _median(rp.get("quarter_s") or []),
            "s",
        ),
        Figure(
            "d.1",
            f"   report {rp.get('year', '?')} (view, until report_built, median)",
            _median(rp.get("year_s") or []),
            "s",
        ),
        Figure("d.2", "   journal.dataset() (all records, decrypted)", rp.get("dataset_s"), "s"),
        Figure("d.3", "   build_report, quarter (on that dataset)", rp.get("build_quarter_s"), "s"),
        Figure("d.4", "   build_report, year (on that dataset)", rp.get("build_year_s"), "s"),
        Figure(
            "d.5",
            "   GUI: longest event-loop gap during a background build",
            rp.get("gui_max_stall_during_build_s"),
            "ms",
        ),
        Figure(
            "e",
            "e. peak RSS, GUI session (b-d)",
            (session.get("peak_rss_kib") or 0) / 1024 or None,
            "MiB",
        ),
        Figure(
            "e.1",
            "   peak RSS, start-up process (max of runs)",
            max((r.get("peak_rss_kib", 0) for r in startups), default=0) / 1024 or None,
            "MiB",
        ),
    ]
    return figs


def _print_table(figures: list[Figure]) -> None:
    width = max(len(f.label) for f in figures)
    print()
    print(f"{'figure':<{width}}  {'value':>10}  {'target':>10}  met?")
    print("-" * (width + 32))
    for f in figures:
        met = "—" if f.met is None else ("yes" if f.met else "NO")
        target = "—" if f.target is None else "≤ " + f.show(f.target)
        print(f"{f.label:<{width}}  {f.show(f.value):>10}  {target:>10}  {met}")


def _profiles(phases: list[str], common: list[str], out_dir: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for phase in phases:
        print(f"[profile] phase {phase} under cProfile …", flush=True)
        try:
            if phase == "a":
                r = _run_child(
                    "startup",
                    [*common, "--cprofile", "a"],
                    out_dir=out_dir,
                    name="profile-a",
                    timeout=900,
                )
                out["a"] = {
                    "main thread + worker (combined)": r["profile_all"],
                    "main thread (imports, window, GUI work)": r["profile_main"],
                    "worker thread (unlock, build_rows)": r["profile_worker"],
                }
            elif phase in ("b", "c", "d"):
                r = _run_child(
                    "session",
                    [*common, "--phases", phase, "--cprofile", phase],
                    out_dir=out_dir,
                    name=f"profile-{phase}",
                    timeout=1200,
                )
                out[phase] = r["profile"]
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            out[phase] = f"profiling failed: {exc}"
    return out


# ===================================================================== main


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--participants", type=int, default=2000)
    p.add_argument("--notes", type=int, default=45, help="case notes per bulk participant")
    p.add_argument("--heavy-notes", type=int, default=200, help="notes of the extra participant")
    p.add_argument("--profile-cache", default=str(REPO / "bench" / "out" / "ui-profile"))
    p.add_argument("--out", default=str(REPO / "bench" / "out" / "ui.json"))
    p.add_argument("--startup-runs", type=int, default=STARTUP_RUNS)
    p.add_argument("--open-runs", type=int, default=OPEN_RUNS)
    p.add_argument("--chars", type=int, default=TYPED_CHARS)
    p.add_argument("--key-interval", type=float, default=KEY_INTERVAL_S, help="seconds")
    p.add_argument("--build-only", action="store_true", help="build the profile cache and stop")
    p.add_argument(
        "--pull-stall",
        action="store_true",
        help="only phase f: the longest GUI stall while typing during a 10,000-change pull"
        " (use a small profile, e.g. --participants 40 --notes 5 --heavy-notes 20"
        " --profile-cache bench/out/ui-profile-small)",
    )
    p.add_argument("--no-profile", action="store_true", help="skip cProfile of missed targets")
    p.add_argument(
        "--profile", nargs="*", choices=("a", "b", "c", "d"), help="also profile these phases"
    )
    # internal: the measuring subprocesses
    p.add_argument("--child", choices=("startup", "session"), help=argparse.SUPPRESS)
    p.add_argument("--result", help=argparse.SUPPRESS)
    p.add_argument("--profile-dir", help=argparse.SUPPRESS)
    p.add_argument("--passphrase", help=argparse.SUPPRESS)
    p.add_argument("--heavy-participant", help=argparse.SUPPRESS)
    p.add_argument("--phases", nargs="*", default=["b", "c", "d"], help=argparse.SUPPRESS)
    p.add_argument("--cprofile", default="", help=argparse.SUPPRESS)
    p.add_argument("--pull-changes", help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.child is None:
        return measure_pull_stall(args) if args.pull_stall else orchestrate(args)
    try:
        code = child_startup(args) if args.child == "startup" else child_session(args)
    except Exception:
        traceback.print_exc()
        code = 1
    # Skip interpreter finalization: with the PySide6 refcount bug above it can abort.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
