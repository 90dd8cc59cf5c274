"""A database refused at unlock as rolled back, or a revoked computer's profile, gets its own
message in the user's language."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from storage.errors import ProfileError, RolledBack
from tests.ui.test_translations import translator  # noqa: F401 - fixture
from ui.errors import describe
from ui.i18n import Translator


def rolled_back(kind: str = "behind") -> RolledBack:
    return RolledBack(
        kind,
        36,
        database_saved=datetime(2026, 12, 7, 9, 52, tzinfo=UTC),
        anchor_saved=datetime(2026, 12, 7, 9, 55, tzinfo=UTC),
        newest_backup=None,
    )


def test_a_rollback_is_named_not_called_a_bug(qtbot: QtBot) -> None:
    text = describe(rolled_back())
    assert text.startswith("The journal database has been rolled back: 36 saves are missing")
    assert "--accept-rollback" in text
    assert "rolled back" in describe(rolled_back("diverged"))


def test_the_rollback_message_in_bokmal(qtbot: QtBot, translator: Translator) -> None:  # noqa: F811
    assert translator.apply("nb")
    text = describe(rolled_back())
    assert text.startswith("Journaldatabasen er rullet tilbake: 36 lagringer mangler")
    assert "rullet tilbake" in describe(rolled_back("damaged"))


def test_a_revoked_computer_is_named_not_called_incomplete(
    qtbot: QtBot,
    translator: Translator,  # noqa: F811
) -> None:
    revoked = ProfileError("revoked", kind="revoked", path="/p")
    assert describe(revoked).startswith("This computer has been revoked and its keys erased")
    assert translator.apply("nb")
    assert describe(revoked).startswith("Denne maskinen er tilbakekalt og nøklene slettet")
