"""The guard every view test runs under: window code that writes on the GUI thread fails.

The views' own tests (participant tabs, employers, note editor, review dialogs) run
with it and read back what they saved; this checks that the guard itself bites."""

from __future__ import annotations

import pytest

from app.journal import Journal
from tests.support.gui_writes import GuiThreadWrite, GuiWriteGuard

# A line of window code: what ui/participant_tabs/common.py did before its writes
# went to the executor (TabContext.add called journal.add on the caller's thread).
WINDOW_CODE = compile(
    "journal.add('case_note', {'date': '2026-11-23', 'topic': 'job_search', 'body': 'Ringte.'},"
    " participant_id=pid)",
    "ui/probe.py",
    "exec",
)


def test_window_code_writing_on_the_gui_thread_is_refused_and_on_the_executor_is_not(
    specialist_journal: Journal, gui_write_guard: GuiWriteGuard
) -> None:
    j = specialist_journal
    pid = j.create_participant({"name": "Siri Dahl", "programme": "SFJ"})  # the test may write
    with pytest.raises(GuiThreadWrite, match=r"GUI thread from ui\.probe:1"):
        exec(WINDOW_CODE, {"__name__": "ui.probe", "journal": j, "pid": pid})
    assert gui_write_guard.refused == ["ui.probe:1 (<module>)"]
    assert j.records(pid, "case_note") == []  # refused before it reached the database
    gui_write_guard.refused.clear()  # this test's refusal was meant; the fixture checks the rest

    # The same line on the journal's executor is how the window writes.
    j.executor.submit(
        exec, WINDOW_CODE, {"__name__": "ui.probe", "journal": j, "pid": pid}
    ).result()
    [note] = j.records(pid, "case_note")
    assert note.fields["body"] == "Ringte."
    assert gui_write_guard.refused == []
