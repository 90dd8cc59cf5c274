"""Started first by every server process of the end-to-end tests (on its PYTHONPATH):
the desktop client's modules cannot be imported there, as in the container image, which
installs only deploy/server_requirements.py's list."""

import os
import sys

for _name in filter(None, os.environ.get("FELTJOURNAL_TEST_BLOCKED_MODULES", "").split(",")):
    sys.modules[_name] = None  # type: ignore[assignment]  # "import PySide6" → ImportError
