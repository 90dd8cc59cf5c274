"""Unlock attempts from parallel processes are serialised: the backoff holds for all of them."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from storage.filelock import exclusive_lock
from tests.support.cli import ROOT, cli_env, run

# Imports first, then waits on stdin, so that every process tries at the same moment.
_ATTEMPT = """
import sys
from pathlib import Path
from storage.errors import UnlockThrottled, WrongPassphrase
from storage.profile import Profile
profile = Profile(Path(sys.argv[1]))
profile.keystore()
print("ready", flush=True)
sys.stdin.readline()
try:
    profile.unlock("feil passordfrase")
    print("opened")
except WrongPassphrase:
    print("tried")
except UnlockThrottled:
    print("throttled")
"""


def test_ten_parallel_processes_get_one_passphrase_try_per_backoff_window(
    tmp_path: Path,
) -> None:
    env = cli_env(tmp_path)
    r = run(env, "init", "--name", "Kari Jobb", "--role", "jobbspesialist")
    assert r.returncode == 0, r.stderr
    profile = tmp_path / "profile"
    # Eight failures, the last long ago: the next try is allowed, and after it
    # the backoff is 64 seconds, far longer than this test.
    attempts = profile / "vault.json.attempts"
    attempts.write_text(json.dumps({"failures": 8, "last_failure": time.time() - 1000}))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _ATTEMPT, str(profile)],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(10)
    ]
    try:
        for p in procs:
            assert p.stdout is not None
            assert p.stdout.readline().strip() == "ready"
        for p in procs:
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        outcomes = []
        for p in procs:
            out, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
            outcomes.append(out.strip())
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert sorted(outcomes) == ["throttled"] * 9 + ["tried"]
    assert json.loads(attempts.read_text())["failures"] == 9


_HOLDER = """
import sys
from pathlib import Path
from storage.filelock import exclusive_lock
with exclusive_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
    with open(sys.argv[2], "a") as log:
        log.write("holder released\\n")
"""


def test_the_lock_holds_across_processes_until_released(tmp_path: Path) -> None:
    lock, log = tmp_path / "vault.json.lock", tmp_path / "order.log"
    with subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(lock), str(log)],
        env=cli_env(tmp_path),
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        waiting = threading.Event()

        def take() -> None:
            waiting.set()
            with exclusive_lock(lock), open(log, "a") as f:
                f.write("taker acquired\n")

        taker = threading.Thread(target=take)
        taker.start()
        assert waiting.wait(10)
        holder.communicate("release\n", timeout=30)
        taker.join(30)
        assert holder.returncode == 0
    assert log.read_text().splitlines() == ["holder released", "taker acquired"]


def test_the_lock_is_free_again_after_each_block_and_leaves_an_empty_file(
    tmp_path: Path,
) -> None:
    lock = tmp_path / "x.lock"
    for _ in range(3):
        with exclusive_lock(lock):
            pass
    assert lock.read_bytes() == b""
