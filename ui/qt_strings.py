"""Qt's own button texts, for our catalogue: PySide6 ships no bokmål qtbase catalogue.

Qt names the standard buttons of QDialogButtonBox and QMessageBox (OK, Cancel, Save, …)
with ``QCoreApplication::translate("QPlatformTheme", …)``, and on a GNOME desktop a few
of them with ``translate("QGnomeTheme", …)``. Our translator is asked first like any
other, so listing those source texts here lets feltjournal_nb.ts translate them.

Nothing imports this module; ``python -m tools.translations`` scans every file in ui/
with lupdate, which picks up the literals below. The texts must match Qt's exactly
(qplatformtheme.cpp, QPlatformTheme::defaultStandardButtonText, and qgnometheme.cpp).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

PLATFORM_THEME_BUTTONS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Yes to &All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "N&o to All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
)

GNOME_THEME_BUTTONS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("QGnomeTheme", "&OK"),
    QT_TRANSLATE_NOOP("QGnomeTheme", "&Save"),
    QT_TRANSLATE_NOOP("QGnomeTheme", "&Cancel"),
    QT_TRANSLATE_NOOP("QGnomeTheme", "&Close"),
    QT_TRANSLATE_NOOP("QGnomeTheme", "Close without Saving"),
)
