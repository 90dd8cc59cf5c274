"""Key material in memory: after ``lock()`` the database key is not left in the process.

Each check runs in a fresh interpreter (``/proc/self/mem`` of a pytest process
holds every earlier test's keys). The child keeps the key it looks for only as
two halves in separate buffers and reports a hit where one half is directly
followed by the other, so its own needle never counts.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.support.cli import ROOT

CHILD = textwrap.dedent(
    """
    import gc, json, sys
    from pathlib import Path

    import keyring

    from storage.crypto import KdfParams
    from storage.profile import Profile
    from tests.storage.keyring_backends import InMemoryKeyring

    keyring.set_keyring(InMemoryKeyring())
    profile = Profile(Path(sys.argv[1]))
    profile.create(user_name="Kari", role="jobbspesialist", passphrase="pass phrase 1",
                   kdf=KdfParams.fast_for_tests())
    store = profile.unlock("pass phrase 1")
    store.create_space("work:p1")
    for i in range(20):
        store.put(record_type="case_note", space="work:p1", texts={"body": f"notat {i}"})
    profile.backup(store)
    key = bytearray(store.backup_key())
    digits = bytearray(64)  # the hex, made without an immutable copy
    for i, byte in enumerate(key):
        digits[2 * i] = b"0123456789abcdef"[byte >> 4]
        digits[2 * i + 1] = b"0123456789abcdef"[byte & 15]
    needles = {
        "hex": (digits[:32], digits[32:]),
        "raw": (key[:16], key[16:]),
    }
    digits[:] = bytes(64)
    key[:] = bytes(32)
    if sys.argv[2] == "lock":
        store.lock()
    del store
    gc.collect()

    def regions():
        for line in open("/proc/self/maps"):
            parts = line.split()
            if "r" not in parts[1] or (len(parts) > 5 and parts[5] in ("[vvar]", "[vsyscall]")):
                continue
            start, end = (int(x, 16) for x in parts[0].split("-"))
            yield start, end

    found = {name: 0 for name in needles}
    with open("/proc/self/mem", "rb", buffering=0) as mem:
        for start, end in list(regions()):
            try:
                mem.seek(start)
                chunk = mem.read(end - start)
            except (OSError, ValueError, OverflowError):
                continue
            for name, (first, second) in needles.items():
                at = chunk.find(first)
                while at != -1:
                    tail = chunk[at + len(first) : at + len(first) + len(second)]
                    if tail == second:
                        found[name] += 1
                    at = chunk.find(first, at + 1)
            del chunk
    print(json.dumps(found))
    """
)


def scan(tmp_path: Path, mode: str, root: Path = ROOT) -> dict[str, int]:
    r = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / mode), mode],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )
    assert r.returncode == 0, r.stderr
    found: dict[str, int] = json.loads(r.stdout)
    return found


def test_the_database_key_is_gone_from_memory_after_lock(tmp_path: Path) -> None:
    assert scan(tmp_path, "lock") == {"hex": 0, "raw": 0}


def test_the_scan_finds_the_key_while_unlocked(tmp_path: Path) -> None:
    # The check above can fail: the same scan sees the key of an open store.
    assert scan(tmp_path, "open")["raw"] > 0
