"""Suite-wide settings: Qt offscreen, and no real keyring or user folders touched."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
