"""The standalone app's ``feltjournal``: the command line, or the window without a command."""

import sys

from feltjournal.entry import main

sys.exit(main())
