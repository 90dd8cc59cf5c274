"""Enrolment, approval and key sharing through SyncService against the real server."""

from __future__ import annotations

import httpx
import msgspec
import pytest

from app.sync_service import (
    ALREADY_ENROLLED,
    NO_SUCH_DEVICE,
    NOT_TEAM_LEAD,
    WRONG_ROLE,
    SyncService,
    pin_of,
)
from sync.client import OFFLINE, PENDING, WRONG_SERVER, SyncError, Transport
from sync.protocol import EnrolRequest
from tests.e2e.conftest import TeamWorld, free_port


def test_a_laptop_waits_for_approval_then_gets_its_keys_and_the_team_space(
    world: TeamWorld,
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    pid = lead.journal.create_participant({"name": "Kari Nordmann", "programme": "JMO"})
    lead.sync.sync_once()
    newcomer = world.laptop("jobbspesialist", "Nina Ny", approve=False)
    team_space = f"team:{world.team.id}"
    assert newcomer.journal.team_space == team_space  # named after the server's team
    assert newcomer.store.setting("sync.team_id") == world.team.id
    assert newcomer.store.setting("sync.org_public_key") is not None

    with pytest.raises(SyncError) as caught:
        newcomer.sync.sync_once()
    assert caught.value.code == PENDING and "approval" in str(caught.value)
    with pytest.raises(SyncError) as twice:  # the server still knows it: no second enrolment
        newcomer.sync.enrol(world.server.url, "AAAA-AAAA-AAAA-AAAA.0123456789abcdef", "x")
    assert twice.value.code == ALREADY_ENROLLED
    assert newcomer.sync.status.last_error_code == PENDING

    listed = {d.device_id: d for d in lead.sync.list_devices()}
    assert listed[newcomer.device].status == "pending"
    assert listed[lead.device].status == "approved"
    with pytest.raises(SyncError) as wrong:
        lead.sync.approve_device(newcomer.device[-12:])  # a tail is not an id or a prefix
    assert wrong.value.code == NO_SUCH_DEVICE
    done = lead.sync.approve_device(newcomer.device)
    assert done.device.status == "approved"
    assert {g.split("#")[0] for g in done.granted} == {team_space, f"work:{pid}"}

    changed: list[frozenset[str]] = []
    newcomer.journal.subscribe(lambda event: changed.append(event.kinds))
    result = newcomer.sync.sync_once()
    assert result.applied > 0 and changed and "participant" in changed[-1]
    assert newcomer.journal.get(pid).fields["name"] == "Kari Nordmann"
    status = newcomer.sync.status
    assert status.online and status.last_error_code is None and status.last_success is not None

    # The team space is shared: an employer added on the newcomer's laptop reaches the lead.
    employer = newcomer.journal.add("employer", {"name": "Bakeriet AS", "org_number": "974760673"})
    newcomer.sync.sync_once()
    lead.sync.sync_once()
    assert lead.journal.get(employer).fields["name"] == "Bakeriet AS"


def test_keys_made_after_approval_reach_the_team_at_the_leads_next_sync(
    world: TeamWorld,
) -> None:
    lead = world.laptop("teamleder", "Lise Leder")
    specialist = world.laptop("jobbspesialist")
    specialist.sync.sync_once()
    later = lead.journal.create_participant({"name": "Per Senere", "programme": "SFJ"})
    lead.journal.add("case_note", {"date": "2026-11-22", "body": "Ny."}, participant_id=later)
    lead.sync.sync_once()  # pushes, then grants the new work space to the team's devices
    result = specialist.sync.sync_once()
    assert specialist.journal.get(later).fields["name"] == "Per Senere"
    assert len(specialist.journal.records(later, "case_note")) == 1
    assert result.applied > 0


def test_a_code_for_another_organisation_is_refused(world: TeamWorld) -> None:
    world.laptop("teamleder", "Lise Leder")
    # A code whose pin names another organisation's key: the real server refuses it ...
    user = world.server.admin.add_user(team=world.team.id, name="Ola", role="jobbspesialist")
    code = world.server.admin.issue_code(user=user.id).code
    secret, _, pin = code.rpartition(".")
    other = "0123456789abcdef" if pin != "0123456789abcdef" else "fedcba9876543210"
    fresh = world.laptop("jobbspesialist", enrol=False)
    with pytest.raises(SyncError) as caught:
        fresh.sync.enrol(world.server.url, f"{secret}.{other}", "laptop")
    assert caught.value.code == WRONG_SERVER
    assert not fresh.sync.enrolled


def test_the_laptop_checks_the_pin_itself(world: TeamWorld) -> None:
    """A server that does not check pins (an impostor) still cannot enrol the laptop."""
    world.laptop("teamleder", "Lise Leder")
    user = world.server.admin.add_user(team=world.team.id, name="Ola", role="jobbspesialist")
    code = world.server.admin.issue_code(user=user.id).code
    secret, _, pin = code.rpartition(".")
    assert pin == pin_of(world.server.org_key.public_key().public_bytes_raw())
    other = "0123456789abcdef" if pin != "0123456789abcdef" else "fedcba9876543210"

    class StripPin(httpx.BaseTransport):
        """In front of the real server: drops the pin, as a server that ignores it would."""

        def __init__(self) -> None:
            self.inner = httpx.HTTPTransport()

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path == "/v1/enrol":
                body = msgspec.json.decode(request.read(), type=EnrolRequest)
                stripped = msgspec.structs.replace(body, code=body.code.rpartition(".")[0])
                request = httpx.Request(
                    "POST",
                    request.url,
                    headers={"Content-Type": "application/json"},
                    content=msgspec.json.encode(stripped),
                )
            return self.inner.handle_request(request)

        def close(self) -> None:
            self.inner.close()

    def impostor(
        base_url: str, *, device_id: str | None = None, signing_key: bytes | None = None
    ) -> Transport:
        return Transport(
            base_url,
            device_id=device_id,
            signing_key=signing_key,
            client=httpx.Client(transport=StripPin()),
        )

    fresh = world.laptop("jobbspesialist", enrol=False)
    service = SyncService(fresh.journal, fresh.profile, transport_factory=impostor)
    with pytest.raises(SyncError) as caught:
        service.enrol(world.server.url, f"{secret}.{other}", "laptop")
    assert caught.value.code == WRONG_SERVER and "not your organisation's server" in str(
        caught.value
    )
    assert not service.enrolled and fresh.store.setting("sync.server_url") is None


def test_a_code_for_another_role_is_refused(world: TeamWorld) -> None:
    world.laptop("teamleder", "Lise Leder")
    user = world.server.admin.add_user(team=world.team.id, name="Tora", role="terapeut")
    code = world.server.admin.issue_code(user=user.id).code
    fresh = world.laptop("jobbspesialist", enrol=False)
    with pytest.raises(SyncError) as caught:
        fresh.sync.enrol(world.server.url, code, "laptop")
    assert caught.value.code == WRONG_ROLE
    assert not fresh.sync.enrolled


def test_only_a_team_lead_manages_devices_and_offline_is_reported(world: TeamWorld) -> None:
    world.laptop("teamleder", "Lise Leder")
    specialist = world.laptop("jobbspesialist")
    with pytest.raises(SyncError) as caught:
        specialist.sync.list_devices()
    assert caught.value.code == NOT_TEAM_LEAD
    specialist.journal.create_participant({"name": "Frakoblet Person", "programme": "IPS"})
    pending = specialist.store.outbox_size()

    url = specialist.store.setting("sync.server_url")
    assert url is not None
    specialist.store.set_setting("sync.server_url", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(SyncError) as offline:
        specialist.sync.sync_once()
    assert offline.value.code == OFFLINE and "kept" in str(offline.value)
    status = specialist.sync.status
    assert status.online is False and status.pending == pending and status.retry_in is not None
    specialist.store.set_setting("sync.server_url", url)
    specialist.sync.sync_once()
    assert specialist.sync.status.pending == 0 and specialist.sync.status.online
