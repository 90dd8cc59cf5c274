"""Enrolment: register this laptop with the organisation's server, pinned by the code.

The code ends in ``.<16 hex>``, the first 16 hex digits of SHA-256 of the
organisation's Ed25519 public key, and a server answering with another key is
refused (``wrong_server``).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import replace
from typing import Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.store_settings import DEVICE_ENROLLED as S_ENROLLED
from app.store_settings import GRANTED as S_GRANTED
from app.store_settings import ORG_PUBLIC_KEY as S_ORG_KEY
from app.store_settings import ROLE as S_ROLE
from app.store_settings import SERVER_URL as S_URL
from app.store_settings import TEAM_ID as S_TEAM
from app.store_settings import TEAM_NAME as S_TEAM_NAME
from app.store_settings import TEAM_PROGRAMME as S_PROGRAMME
from app.store_settings import TEAM_REGION as S_REGION
from app.store_settings import USER_ID as S_USER
from app.store_settings import USER_NAME as S_USER_NAME
from app.store_settings import set_team_space
from app.syncing.link import Link
from app.syncing.status import ALREADY_ENROLLED, BAD_CODE, WRONG_ROLE
from sync import client as wire
from sync.client import BAD_RESPONSE, UNKNOWN_DEVICE, WRONG_SERVER, SyncError
from sync.protocol import TEAM_LEAD, EnrolRequest, EnrolResponse, space_kind

_PIN: Final = re.compile(r"[0-9a-f]{16}")


def pin_of(org_public_key: bytes) -> str:
    """The organisation key fingerprint printed at the end of every enrolment code."""
    return hashlib.sha256(org_public_key).hexdigest()[:16]


def _public(x25519_private: bytes, ed25519_private: bytes) -> tuple[bytes, bytes]:
    x = X25519PrivateKey.from_private_bytes(x25519_private).public_key().public_bytes_raw()
    ed = Ed25519PrivateKey.from_private_bytes(ed25519_private).public_key().public_bytes_raw()
    return x, ed


class Enrolment:
    """Enrols the laptop of one :class:`Link`."""

    def __init__(self, link: Link) -> None:
        self._link = link

    def enrol(self, server_url: str, code: str, device_name: str) -> EnrolResponse:
        """Register this laptop (its own device id and public keys) with a one-time code.

        The laptop starts ``pending`` on the server until a team lead approves it.
        The team's name, programme and region are kept in the settings.
        """
        link = self._link
        store = link.store
        if link.enrolled and not self._forgotten_by_server():
            raise SyncError(
                ALREADY_ENROLLED,
                f"This computer is already enrolled with {link.server_url}.",
            )
        code = code.strip()
        secret, dot, pin = code.rpartition(".")
        pin = pin.lower()
        if not dot or not secret or not _PIN.fullmatch(pin):
            raise SyncError(
                BAD_CODE,
                "The enrolment code must end in '.' and the 16-character key fingerprint, "
                "as the central team printed it (XXXX-XXXX-XXXX-XXXX.0123456789abcdef).",
            )
        secrets = store.device_secrets
        x_pub, ed_pub = _public(secrets.x25519_private, secrets.ed25519_private)
        request = EnrolRequest(
            code=f"{secret}.{pin}",
            device_name=device_name.strip() or "laptop",
            x25519_public=x_pub,
            ed25519_public=ed_pub,
            device_id=store.device,
        )
        with link.transport_factory(server_url) as transport:
            answer = wire.enrol(transport, request)
        # The point of pinning: only the organisation's own server may enrol us.
        if not hmac.compare_digest(pin_of(answer.org_public_key), pin):
            raise SyncError(
                WRONG_SERVER,
                "The server's organisation key does not match the enrolment code: this is not "
                "your organisation's server. Nothing was stored; check the address.",
            )
        pinned = store.setting(S_ORG_KEY)
        if pinned is not None and pinned != answer.org_public_key.hex():
            raise SyncError(
                WRONG_SERVER,
                "This computer was enrolled with another organisation's server; it cannot "
                "change organisation.",
            )
        if answer.device_id != store.device:
            raise SyncError(BAD_RESPONSE, "The server gave this computer another device id.")
        if answer.role != store.role:
            raise SyncError(
                WRONG_ROLE,
                f"The enrolment code is for a {answer.role} but this profile is a "
                f"{store.role}'s; ask the central team for the right code.",
            )
        if not answer.team_id or space_kind(f"team:{answer.team_id}") != "team":
            raise SyncError(BAD_RESPONSE, "The server's answer names no team.")
        team_space = f"team:{answer.team_id}"
        journal = link.journal
        with store.transaction():
            store.set_setting(S_URL, server_url.rstrip("/"))
            store.set_setting(S_GRANTED, "{}")  # grants made through another server don't count
            store.set_setting(S_ORG_KEY, answer.org_public_key.hex())
            store.set_setting(S_ROLE, answer.role)
            store.set_setting(S_TEAM, answer.team_id)
            store.set_setting(S_USER, answer.user_id)
            store.set_setting(S_USER_NAME, answer.user_name)
            for key, value in (
                (S_TEAM_NAME, answer.team_name),
                (S_PROGRAMME, answer.programme),
                (S_REGION, answer.region),
            ):
                if value:
                    store.set_setting(key, value)
            if answer.instance_id and store.setting(wire.INSTANCE_SETTING) is None:
                store.set_setting(wire.INSTANCE_SETTING, answer.instance_id)
            if journal.team_space is not None:
                # The server names a team's space after the team. The team lead's
                # device makes its key; other devices receive it as a grant.
                # (Records written offline before enrolment in the old, local team
                # space stay on this computer: the server refuses that space.)
                if store.role == TEAM_LEAD and not store.keys.has(team_space):
                    store.create_space(team_space)
                set_team_space(store, team_space)
            store.set_setting(S_ENROLLED, "1")
        if journal.team_space is not None:
            journal.team_space = team_space
        link.status = replace(link.status, pending=store.outbox_size())
        return answer

    def _forgotten_by_server(self) -> bool:
        """True when the enrolled server no longer knows this device (replaced or reset):
        then enrolling again is allowed."""
        try:
            wire.fetch_grants(self._link.signed_transport())
        except SyncError as exc:
            return exc.code == UNKNOWN_DEVICE
        return False
