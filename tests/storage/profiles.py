"""What the storage tests' ``profile`` fixture (conftest.py) is made with."""

from __future__ import annotations

PASSPHRASE = "korrekt hest batteri stift"
