"""The standalone app's ``feltjournal-gui``: the window, without a console window."""

import sys

from feltjournal.entry import gui

sys.exit(gui())
