"""Before the window starts: the system libraries Qt's X11 (xcb) platform needs.

Without them Qt aborts with "Could not load the Qt platform plugin "xcb"" and a
list of plugins, which tells a user nothing. This check runs before QApplication
(and loads no Qt), only when Qt would use xcb, and says in one sentence which
packages to install. It imports no Qt, so it can run where Qt cannot start.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable, Mapping

from app.words import tr

# The shared libraries Qt 6's xcb plugin loads that a desktop Debian/Ubuntu may lack,
# and the Debian/Ubuntu package that holds each.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def qt_platform(env: Mapping[str, str], argv: list[str], system: str = sys.platform) -> str:
    """The platform plugin Qt will load: ``-platform`` or QT_QPA_PLATFORM if given, else
    wayland in a Wayland session, xcb on other Linux, the system's own elsewhere."""
    for i, arg in enumerate(argv[:-1]):
        if arg in ("-platform", "--platform"):
            return argv[i + 1].split(":")[0].split(";")[0]
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if chosen:
        return chosen
    if not system.startswith("linux"):
        return system
    if env.get("XDG_SESSION_TYPE") == "wayland" and env.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb"


def loads(name: str) -> bool:
    """Whether the dynamic loader finds and loads the shared library ``name``."""
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def missing_packages(platform: str, loadable: Callable[[str], bool] = loads) -> list[str]:
    """The packages to install before Qt can start on ``platform`` (none unless xcb)."""
    if platform != "xcb":
        return []
    return [package for lib, package in XCB_LIBRARIES.items() if not loadable(lib)]


def missing_sentence(packages: list[str]) -> str:
    """One sentence: what is missing and the command that installs it."""
    return tr(
        "The window cannot start: the system libraries Qt needs for X11 are missing. "
        "Install them with: sudo apt install {packages}",
        packages=" ".join(packages),
    )
