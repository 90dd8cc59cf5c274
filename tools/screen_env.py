"""The offscreen Qt screen of a laptop (1366×768), set before Qt is imported."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

SIZE = (1366, 768)


def screen_environment(scale: int, folder: Path) -> dict[str, str]:
    """Environment for a Qt process whose one screen is 1366×768 logical pixels.

    At ``scale`` 2 the screen has 2732×1536 device pixels and Qt scales by two
    (QT_SCALE_FACTOR), as on a laptop set to 200 %."""
    config = folder / f"screen-{scale}x.json"
    width, height = SIZE
    screen = {"name": "laptop", "x": 0, "y": 0, "logicalDpi": 96}
    screen.update(width=width * scale, height=height * scale)
    # No pretend window frame: a maximised window is then exactly the screen.
    config.write_text(json.dumps({"screens": [screen], "windowFrameMargins": False}), "utf-8")
    env = {"QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    if scale != 1:
        env["QT_SCALE_FACTOR"] = str(scale)
    return env


def use_laptop_screen(scale: int = 1) -> None:
    """Unless a platform is chosen already, make this process's screen a 1366×768 laptop's."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        folder = Path(tempfile.mkdtemp(prefix="feltjournal-screen-"))
        os.environ.update(screen_environment(scale, folder))
