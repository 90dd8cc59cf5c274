"""``python -m feltjournal``: the same as the ``feltjournal`` command."""

import sys

from feltjournal.entry import main

sys.exit(main())
