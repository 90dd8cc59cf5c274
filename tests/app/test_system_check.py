"""The check before the window starts: Qt's X11 libraries, said in one sentence."""

from __future__ import annotations

from pathlib import Path

from app.system_check import (
    XCB_LIBRARIES,
    loads,
    missing_packages,
    missing_sentence,
    qt_platform,
)
from app.words import use_language

ROOT = Path(__file__).resolve().parents[2]


def test_qt_uses_xcb_on_linux_unless_told_otherwise() -> None:
    assert qt_platform({}, [], "linux") == "xcb"
    assert qt_platform({"QT_QPA_PLATFORM": "offscreen"}, [], "linux") == "offscreen"
    assert qt_platform({"QT_QPA_PLATFORM": "xcb:dpi=2"}, [], "linux") == "xcb"
    assert qt_platform({}, ["feltjournal", "-platform", "wayland"], "linux") == "wayland"
    wayland = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}
    assert qt_platform(wayland, [], "linux") == "wayland"
    assert qt_platform({}, [], "win32") == "win32"
    assert qt_platform({}, [], "darwin") == "darwin"


def test_the_missing_packages_are_named_and_nothing_is_checked_off_xcb() -> None:
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0"}
    assert missing_packages("xcb", lambda lib: lib not in absent) == [
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libxcb-keysyms1",
    ]
    assert missing_packages("xcb", lambda lib: True) == []
    asked: list[str] = []
    assert missing_packages("wayland", lambda lib: asked.append(lib) is None) == []
    assert missing_packages("offscreen", lambda lib: False) == [] and asked == []


def test_the_sentence_says_what_to_install_in_the_user_s_language() -> None:
    packages = ["libxcb-icccm4", "libxcb-keysyms1"]
    use_language("nb")
    assert missing_sentence(packages) == (
        "Vinduet kan ikke starte: systembibliotekene Qt trenger for X11, mangler. "
        "Installer dem med: sudo apt install libxcb-icccm4 libxcb-keysyms1"
    )
    use_language("en")
    try:
        assert missing_sentence(packages).endswith(
            "are missing. Install them with: sudo apt install libxcb-icccm4 libxcb-keysyms1"
        )
    finally:
        use_language("nb")


def test_loading_is_the_dynamic_loader_s_answer() -> None:
    assert loads("libc.so.6")
    assert not loads("libfeltjournal-does-not-exist.so.1")


def test_the_readme_names_every_package() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for package in XCB_LIBRARIES.values():
        assert package in readme, package
