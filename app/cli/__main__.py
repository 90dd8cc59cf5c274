"""``python -m app.cli``: the command line, as the ``feltjournal`` entry point runs it."""

import sys

from app.cli import main

sys.exit(main())
