"""Pausing Python's cyclic garbage collector while many long-lived objects are built.

Decrypting every record makes ~100,000 field dicts, and building a report from
them many more small objects. Each allocation-triggered collection of the oldest
generation walks every object alive, the records built so far included: 80-90 ms
each on a 106,000-record profile, several per report, and the GUI thread waits
for the interpreter lock meanwhile. Records and figures hold no reference cycles,
so reference counting frees what is dropped; collection resumes when the
outermost pause ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No automatic cyclic collection inside; nested pauses leave it to the outermost.

    The collector is process-wide: a pause on one thread pauses it for all, and the
    first pause to end (the one that turned it off) turns it back on.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
