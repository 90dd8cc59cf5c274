"""SECURITY-TESTS.md line 4, server half: a server that goes back in its log.

Against the real server process, on SQLite and on PostgreSQL:

- restored from an older backup (simulated by rolling the real database's change log,
  and its seq counter, back between rounds): every laptop whose cursor is past the
  log's end is told so (409 ``server_rolled_back``), keeps its newer versions, and
  stays paused with a readable sentence, even once the log has grown past its cursor
  again; resuming brings the lost changes back to the server from their authors;
- a server not to be trusted (a small real HTTP proxy in front of the real server)
  replaying an old page: below the cursor, it pauses sync; relabelled as new changes,
  the merge keeps the newer local version.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import msgspec
import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, func, select, text

from app.composition import AppServices
from app.settings import Settings
from app.sync_service import S_URL
from server import db
from sync.client import ROLLBACK_MESSAGE, ROLLED_BACK, SyncError
from sync.protocol import MSGPACK, PullResponse, WireChange, cursor_seq
from tests.e2e.conftest import PASSPHRASE, Laptop, RealServer, TeamWorld, sync_all
from tests.support.gui_writes import GuiWriteGuard
from tests.support.virtual_time import VirtualTime
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


def _team(world: TeamWorld) -> tuple[Laptop, Laptop, str, str]:
    """A lead and a job specialist sharing one participant, and a note by the specialist."""
    lead = world.laptop("teamleder", "Lise Leder")
    pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    lead.sync.sync_once()
    specialist = world.laptop("jobbspesialist", "Jon Jobb")
    sync_all(specialist, lead, rounds=2)
    note = specialist.journal.add(
        "case_note", {"date": "2026-11-20", "body": "Versjon 1"}, participant_id=pid
    )
    sync_all(specialist, lead, rounds=1)
    assert lead.journal.get(note).fields["body"] == "Versjon 1"
    return lead, specialist, pid, note


def _last_seq(server: RealServer) -> int:
    with server.engine.connect() as conn:
        return int(conn.scalar(select(func.max(db.changes.c.seq))) or 0)


def _roll_back(server: RealServer, to_seq: int) -> int:
    """The change log as a backup taken at ``to_seq`` holds it: later changes gone and
    the seq counter back where it was. Returns how many changes were lost."""
    with server.engine.begin() as conn:
        lost = conn.execute(delete(db.changes).where(db.changes.c.seq > to_seq)).rowcount
        if server.backend == "sqlite":
            conn.execute(
                text("UPDATE sqlite_sequence SET seq = :seq WHERE name = 'changes'"),
                {"seq": to_seq},
            )
        else:
            conn.execute(text(f"ALTER TABLE changes ALTER COLUMN seq RESTART WITH {to_seq + 1}"))
    return int(lost)


def _paused(laptop: Laptop) -> SyncError:
    with pytest.raises(SyncError) as err:
        laptop.sync.sync_once()
    assert err.value.code == ROLLED_BACK
    status = laptop.sync.status
    assert status.last_error_code == ROLLED_BACK
    assert status.last_error_message == ROLLBACK_MESSAGE
    return err.value


def test_a_server_restored_from_an_older_backup_pauses_sync_and_loses_nothing(
    world: TeamWorld,
) -> None:
    lead, specialist, pid, note = _team(world)
    backup_at = _last_seq(world.server)
    specialist.journal.update(note, {"body": "Versjon 2, skrevet etter sikkerhetskopien"})
    lead.journal.update(pid, {"preferences": "Deltid, nær hjemmet"})
    sync_all(specialist, lead, rounds=2)
    assert lead.journal.get(note).fields["body"].startswith("Versjon 2")

    assert _roll_back(world.server, backup_at) > 0
    _paused(lead)
    # A colleague writes on: the restored log grows past the lead's cursor again.
    for i in range(12):
        specialist.journal.add(
            "case_note",
            {"date": "2026-11-21", "body": f"Ny etter gjenoppretting {i}"},
            participant_id=pid,
        )
    _paused(specialist)  # its push went through; its pull is past the log's end
    assert _last_seq(world.server) > backup_at
    # Still paused, not quietly going on from a cursor that skips the new changes.
    _paused(lead)
    _paused(lead)
    # Nothing local was overwritten or deleted meanwhile.
    assert lead.journal.get(note).fields["body"].startswith("Versjon 2")
    assert lead.journal.get(pid).fields["preferences"] == "Deltid, nær hjemmet"
    assert specialist.journal.get(note).fields["body"].startswith("Versjon 2")

    # Resumed: each laptop offers its own changes again and pulls the whole log.
    assert lead.sync.resume_after_rollback() and specialist.sync.resume_after_rollback()
    assert not lead.sync.resume_after_rollback()  # not paused any more
    sync_all(specialist, lead, rounds=2)
    assert lead.sync.status.last_error_code is None
    assert lead.journal.get(note).fields["body"].startswith("Versjon 2")
    assert len([r for r in lead.store.query() if r.type == "case_note"]) == 13
    # The server has what it lost again: a laptop enrolled now receives the newer versions.
    newcomer = world.laptop("jobbspesialist", "Nina Ny")
    sync_all(newcomer, rounds=2)
    assert newcomer.journal.get(note).fields["body"].startswith("Versjon 2")
    assert newcomer.journal.get(pid).fields["preferences"] == "Deltid, nær hjemmet"


# --- a server not to be trusted: a proxy that replays old pages ------------------------------


class _Proxy:
    """A real HTTP server in front of the real one; it can answer a pull with a page it
    served earlier (``replay``), either as it was or relabelled as new changes."""

    def __init__(self, upstream: str) -> None:
        self.upstream = httpx.Client(base_url=upstream, timeout=15)
        self.pages: list[bytes] = []  # msgpack bodies of non-empty pull pages, in order
        self.mode = "pass"  # "pass", "replay", "relabel" or "inject"
        self.injected: list[WireChange] = []  # added to the next pull page ("inject")
        self.record = ""  # replay the first recorded page that holds a change of this record
        self.pulls = 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def _forward(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                answer = proxy.upstream.request(method, self.path, content=body, headers=headers)
                content = answer.content
                if method == "GET" and self.path.startswith("/v1/changes?after="):
                    proxy.pulls += 1
                    content = proxy.pull_answer(self.path, answer)
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("content-type", ""))
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def do_GET(self) -> None:
                self._forward("GET")

            def do_POST(self) -> None:
                self._forward("POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def pull_answer(self, path: str, answer: httpx.Response) -> bytes:
        if answer.status_code != 200 or not answer.headers.get("content-type", "").startswith(
            MSGPACK
        ):
            return answer.content
        page = msgspec.msgpack.decode(answer.content, type=PullResponse)
        if self.mode == "inject":
            top = max(
                [cursor_seq(int(path.split("after=")[1].split("&")[0]))]
                + [wc.seq for wc in page.changes]
            )
            extra = [
                msgspec.structs.replace(wc, seq=top + i + 1) for i, wc in enumerate(self.injected)
            ]
            self.mode = "pass"
            return msgspec.msgpack.encode(
                msgspec.structs.replace(page, changes=[*page.changes, *extra])
            )
        if self.mode == "pass":
            if page.changes:
                self.pages.append(answer.content)
            return answer.content
        old = next(
            p
            for p in (msgspec.msgpack.decode(b, type=PullResponse) for b in self.pages)
            if any(wc.record_id == self.record for wc in p.changes)
        )
        if self.mode == "replay":
            # The old page as it was, but claiming to reach as far as the real one.
            forged = msgspec.structs.replace(old, next_cursor=page.next_cursor, more=False)
        else:
            after = int(path.split("after=")[1].split("&")[0])
            base = cursor_seq(after)
            relabelled = [
                msgspec.structs.replace(wc, change_id=str(uuid.uuid4()), seq=base + i + 1)
                for i, wc in enumerate(old.changes)
            ]
            forged = PullResponse(
                changes=relabelled,
                next_cursor=after + len(relabelled),
                more=False,
                instance_id=page.instance_id,
                horizon=page.horizon,
            )
        return msgspec.msgpack.encode(forged)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.upstream.close()


@pytest.fixture
def proxied(world: TeamWorld) -> Iterator[tuple[_Proxy, Laptop, Laptop, str, str]]:
    proxy = _Proxy(world.server.url)
    try:
        lead = world.laptop("teamleder", "Lise Leder")
        lead.store.set_setting(S_URL, proxy.url)
        pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
        lead.sync.sync_once()
        specialist = world.laptop("jobbspesialist", "Jon Jobb")
        sync_all(specialist, lead, rounds=2)  # the participant's key reaches the specialist
        note = specialist.journal.add(
            "case_note", {"date": "2026-11-20", "body": "Versjon 1"}, participant_id=pid
        )
        sync_all(specialist, lead, rounds=2)  # the proxy records the page with version 1
        assert lead.journal.get(note).fields["body"] == "Versjon 1"
        specialist.journal.update(note, {"body": "Versjon 2", "date": "2026-11-22"})
        sync_all(specialist, lead, rounds=2)
        assert lead.journal.get(note).fields["body"] == "Versjon 2"
        proxy.record = note
        yield proxy, lead, specialist, pid, note
    finally:
        proxy.close()


def test_a_replayed_page_below_the_cursor_pauses_sync_and_keeps_the_newer_version(
    proxied: tuple[_Proxy, Laptop, Laptop, str, str],
) -> None:
    proxy, lead, _specialist, _pid, note = proxied
    proxy.mode = "replay"
    _paused(lead)
    assert lead.journal.get(note).fields["body"] == "Versjon 2"
    # Sticky: the next rounds ask the server nothing, even when it is honest again.
    proxy.mode = "pass"
    pulls = proxy.pulls
    _paused(lead)
    assert proxy.pulls == pulls
    assert lead.sync.resume_after_rollback()
    lead.sync.sync_once()
    assert lead.journal.get(note).fields["body"] == "Versjon 2"


def test_old_versions_relabelled_as_new_changes_never_replace_the_newer_local_one(
    proxied: tuple[_Proxy, Laptop, Laptop, str, str],
) -> None:
    proxy, lead, _specialist, pid, note = proxied
    proxy.mode = "relabel"
    result = lead.sync.sync_once()
    assert result.pulled > 0  # the forged page was taken in
    got = lead.journal.get(note).fields
    assert got["body"] == "Versjon 2" and got["date"] == "2026-11-22"
    assert lead.journal.get(pid).fields["name"] == "Kari Nordmann"


def test_the_seq_part_of_a_cursor_is_what_the_server_encodes() -> None:
    import ui.sync_status
    from server.changelog import encode_cursor

    assert ui.sync_status.ROLLED_BACK == ROLLED_BACK  # the status bar spells the code out

    assert cursor_seq(encode_cursor(5, 1234)) == 1234
    assert cursor_seq(encode_cursor(0, 7)) == 7


def test_clinical_changes_injected_by_a_server_wait_for_a_key_that_never_comes(
    world: TeamWorld,
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "IPS"})
    lead.sync.sync_once()
    therapist = world.laptop("terapeut", "Tone Terapeut")
    specialist = world.laptop("jobbspesialist", "Jon Jobb")
    sync_all(therapist, specialist, lead, rounds=2)
    session = therapist.journal.add(
        "therapy_session",
        {"date": "2026-11-20", "number": 2, "body": "Klinisk: eksponering for telefonsamtaler."},
        participant_id=pid,
    )
    therapist.sync.sync_once()
    with world.server.engine.connect() as conn:
        rows = conn.execute(
            select(*[db.changes.c[n] for n in _WIRE_COLUMNS]).where(
                db.changes.c.record_id == session
            )
        ).all()
    assert rows and all(str(r.space).startswith("clinical:") for r in rows)
    proxy = _Proxy(world.server.url)
    try:
        specialist.store.set_setting(S_URL, proxy.url)
        proxy.injected = [WireChange(*r) for r in rows]
        proxy.mode = "inject"
        note = therapist.journal.add(
            "case_note", {"date": "2026-11-21", "body": "Åpent notat."}, participant_id=pid
        )
        therapist.sync.sync_once()
        result = specialist.sync.sync_once()  # no crash, no error
        assert proxy.mode == "pass"  # the forged page was served
        assert result.pulled >= len(rows)
        assert specialist.journal.get(note).fields["body"] == "Åpent notat."
        assert specialist.store.get(session, audit=False) is None
        assert not [s for s in specialist.store.keys.spaces() if s.startswith("clinical:")]
        waiting = specialist.store.conn.execute(
            "SELECT count(*) FROM changes WHERE space LIKE 'clinical:%' AND applied = 0"
        ).fetchone()[0]
        assert waiting == len(rows)  # kept as "key unavailable", never shown
        space = str(rows[0].space)
        audited = [e for e in specialist.store.audit_entries() if e.action == "key_unavailable"]
        assert [e.record_id for e in audited] == [f"space:{space}"]  # once, ids only
        assert specialist.store.verify_audit().ok
        specialist.sync.sync_once()  # and sync goes on
        assert specialist.sync.status.last_error_code is None
    finally:
        proxy.close()


_WIRE_COLUMNS = (
    "change_id",
    "device_id",
    "hlc",
    "record_id",
    "record_type",
    "space",
    "field",
    "kind",
    "key_version",
    "payload",
    "seq",
)


def test_the_window_says_sync_is_paused_after_a_rollback(
    qtbot: QtBot, world: TeamWorld, tmp_path: Path
) -> None:
    lead, specialist, _pid, note = _team(world)
    backup_at = _last_seq(world.server)
    specialist.journal.update(note, {"body": "Versjon 2"})
    sync_all(specialist, lead, rounds=1)
    _roll_back(world.server, backup_at)
    lead.sync.close()
    lead.store.lock()
    services = AppServices(settings=Settings(), profile=lead.profile, write_guard=GuiWriteGuard())
    clock = VirtualTime()  # the engine's rounds come when due, without waiting for them
    services.engine_time_source = clock
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services=services, tasks=TaskRunner(), qsettings=qsettings)
    qtbot.addWidget(window)
    window.show()
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.button.click()
    try:
        qtbot.waitUntil(lambda: window.workspace is not None, timeout=30000)
        clock.run_until(
            lambda: "Sync is paused" in window.sync_indicator.toolTip(),
            pump=QCoreApplication.processEvents,
        )
        assert "Nothing here was changed or deleted" in window.sync_indicator.toolTip()
        journal = window.services.journal
        assert journal is not None
        assert journal.get(note).fields["body"] == "Versjon 2"
    finally:
        window.lock()
