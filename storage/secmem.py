"""Wiping key material from memory, as far as CPython allows.

A ``bytearray`` is zeroed in place. Keys also arrive as ``bytes`` (from
msgspec, AES-GCM, ``os.urandom``); those are immutable to Python code, so
:func:`wipe` overwrites their buffer through ctypes. That is only sound for an
object nobody reads again: the vault calls it on ``lock()``, when every holder
of the key (store, checkpointer, audit log) has been told to drop it, and it is
never used for short or shared objects (CPython caches the empty and 1-byte
``bytes``; we refuse anything under 16 bytes).

What cannot be wiped: copies made inside libraries (OpenSSL keeps an AES
context until its object is freed, and cleanses it then), and freed Python
memory that held a temporary (e.g. the vault's JSON plaintext before we wipe
it). SQLCipher wipes its own copies of the key when the connection closes;
its ``cipher_memory_security`` (wipe every allocation) stays off, for its cost
(see storage/db.py).
"""

from __future__ import annotations

import ctypes
import platform
import sys
from typing import Final

__all__ = ["raw_key_spec", "wipe"]

_MIN_WIPE: Final = 16
_BYTES_DATA_OFFSET: Final = sys.getsizeof(b"") - 1
_CPYTHON: Final = platform.python_implementation() == "CPython"
_HEX: Final = b"0123456789abcdef"


def wipe(buf: bytes | bytearray | None) -> None:
    """Overwrite ``buf`` with zeros in place (see the module docstring for ``bytes``)."""
    if buf is None or len(buf) < _MIN_WIPE:
        return
    if isinstance(buf, bytearray):
        buf[:] = bytes(len(buf))
        return
    if type(buf) is bytes and _CPYTHON:
        ctypes.memset(id(buf) + _BYTES_DATA_OFFSET, 0, len(buf))


def raw_key_spec(key: bytes | bytearray) -> bytearray:
    """SQLCipher's raw-key form ``x'<64 hex digits>'`` in a buffer the caller wipes.

    Built digit by digit so that no immutable ``str`` or ``bytes`` copy of the
    hex ever exists (``key.hex()`` would leave one for the allocator to reuse
    whenever it likes).
    """
    spec = bytearray(3 + 2 * len(key))
    spec[0:2] = b"x'"
    for i, byte in enumerate(key):
        spec[2 + 2 * i] = _HEX[byte >> 4]
        spec[3 + 2 * i] = _HEX[byte & 0x0F]
    spec[-1] = ord("'")
    return spec
