"""Report snapshots as records: signing, verification, writing and reading them.

A snapshot is an ordinary record of type ``report_snapshot`` in the space
``reports:<team>``, so it is encrypted under the team's reports key (the server
reads nothing) and travels in the same change stream as everything else. Its id
is a UUIDv5 of the team and period: a recomputed snapshot changes the same
record's registers (a higher ``revision``), and a retried push is a duplicate
change the server already ignores.

The device signs the canonical JSON of every field but the signature with its
Ed25519 key; the public key travels with it (``device_key``) and a central
reader can pin it to the device the server enrolled, and that device to the
snapshot's team (``trusted_keys``: a lead signs only its own team's figures).
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any, Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app import store_settings
from app.central.snapshot import SnapshotFigures, canonical_json
from app.domain.access import TEAM_LEAD, reports_space
from app.domain.schema import validate
from storage.store import Record, RecordStore

RECORD_TYPE: Final = "report_snapshot"
_NAMESPACE: Final = uuid.UUID("5b0c7a52-3f7e-4d3e-9a51-6a1f0c2d9e47")
_SIGNED_CONTEXT: Final = "feltjournal-report-snapshot-v1\n"


class SnapshotInvalid(ValueError):
    """A snapshot's signature, key or content does not check out (says which, never what)."""


def snapshot_id(team: str, period: str) -> str:
    """The one record id for a team's snapshot of a period."""
    return str(uuid.uuid5(_NAMESPACE, f"report_snapshot/{team}/{period}"))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One signed snapshot, as its record's fields."""

    team: str
    team_name: str
    programme: str
    region: str
    period: str
    revision: int
    computed_at: str
    figures: str  # canonical JSON of SnapshotFigures
    device: str
    device_key: str  # base64 raw Ed25519 public key
    signature: str = ""  # base64

    @property
    def record_id(self) -> str:
        return snapshot_id(self.team, self.period)

    def signed_bytes(self) -> bytes:
        fields = {k: v for k, v in asdict(self).items() if k != "signature"}
        return (_SIGNED_CONTEXT + canonical_json(fields)).encode()

    def content(self) -> SnapshotFigures:
        try:
            return SnapshotFigures.parse(self.figures)
        except (ValueError, KeyError, TypeError) as exc:
            raise SnapshotInvalid("the snapshot's figures cannot be read") from exc

    def fields(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_record(cls, record: Record) -> Snapshot:
        f = record.fields
        try:
            snap = cls(
                team=str(f["team"]),
                team_name=str(f.get("team_name") or ""),
                programme=str(f.get("programme") or ""),
                region=str(f.get("region") or ""),
                period=str(f["period"]),
                revision=int(f["revision"]),
                computed_at=str(f["computed_at"]),
                figures=str(f["figures"]),
                device=str(f["device"]),
                device_key=str(f["device_key"]),
                signature=str(f.get("signature") or ""),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SnapshotInvalid(f"snapshot record {record.id} lacks a field") from exc
        if record.id != snap.record_id or record.space != reports_space(snap.team):
            raise SnapshotInvalid(f"snapshot record {record.id} is not the team's and period's")
        return snap


def public_key_of(private_key: bytes) -> bytes:
    return (
        Ed25519PrivateKey.from_private_bytes(private_key)
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )


def sign(snapshot: Snapshot, private_key: bytes) -> Snapshot:
    """``snapshot`` with ``device_key`` set to the key's public half and signed by it."""
    key = Ed25519PrivateKey.from_private_bytes(private_key)
    public = base64.b64encode(public_key_of(private_key)).decode()
    unsigned = replace(snapshot, device_key=public, signature="")
    signature = base64.b64encode(key.sign(unsigned.signed_bytes())).decode()
    return replace(unsigned, signature=signature)


TrustedKeys = Mapping[str, tuple[bytes, str]]


#: Store setting a central device keeps (app.sync_service writes it at each sync):
#: ``{device id: {"key": ed25519 hex, "team": team id}}`` of certified team leads.
S_SIGNERS: Final = store_settings.TRUSTED_SIGNERS


def trusted_signers_from_setting(raw: str | None) -> dict[str, tuple[bytes, str]]:
    """The setting ``sync.trusted_signers`` (``{device id: {"key": ed25519 hex, "team":
    team id}}``, the team leads a central device verified) as ``{device id: (public key,
    team id)}`` for :func:`verify`. Entries that cannot be read are left out (their
    snapshots are then refused); nothing readable gives an empty mapping."""
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    out: dict[str, tuple[bytes, str]] = {}
    for device, entry in data.items():
        if not isinstance(entry, dict):
            continue
        key, team = entry.get("key"), entry.get("team")
        if not isinstance(key, str) or not isinstance(team, str) or not team:
            continue
        try:
            public = bytes.fromhex(key)
        except ValueError:
            continue
        if len(public) == 32:
            out[str(device)] = (public, team)
    return out


def trusted_signers_setting(signers: Mapping[str, tuple[bytes, str]]) -> str:
    """The value of ``sync.trusted_signers`` for ``{device id: (public key, team id)}``;
    :func:`trusted_signers_from_setting` reads it back."""
    return json.dumps(
        {d: {"key": key.hex(), "team": team} for d, (key, team) in signers.items()},
        sort_keys=True,
    )


def trusted_signers(store: RecordStore) -> dict[str, tuple[bytes, str]] | None:
    """Whose snapshots ``store`` accepts, for :func:`verify`: None on a profile not
    enrolled (signatures checked against their own keys only); else the certified team
    leads noted at sync (``S_SIGNERS``) and, on an enrolled team lead's device, its own
    key for its own team: it signed those itself, and nobody else holds that key."""
    if not store_settings.device_enrolled(store):
        return None
    signers = trusted_signers_from_setting(store.setting(S_SIGNERS))
    team = store_settings.team_id(store)
    if store.role == TEAM_LEAD and team:
        signers[store.device] = (public_key_of(store.device_secrets.ed25519_private), team)
    return signers


def verify(snapshot: Snapshot, *, trusted_keys: TrustedKeys | None = None) -> SnapshotFigures:
    """Check the signature and, with ``trusted_keys`` ({device id: (public key, team id)}),
    that the key is the device's and the device a lead of the snapshot's own team;
    returns the figures. Raises :class:`SnapshotInvalid`."""
    try:
        public = base64.b64decode(snapshot.device_key, validate=True)
        signature = base64.b64decode(snapshot.signature, validate=True)
        key = Ed25519PublicKey.from_public_bytes(public)
    except ValueError as exc:
        raise SnapshotInvalid("the snapshot's key or signature is malformed") from exc
    if trusted_keys is not None:
        trusted = trusted_keys.get(snapshot.device)
        if trusted is None or trusted[0] != public:
            raise SnapshotInvalid("the snapshot is signed by a key not enrolled for its device")
        if trusted[1] != snapshot.team:
            raise SnapshotInvalid("the snapshot is signed by a lead of another team")
    try:
        key.verify(signature, snapshot.signed_bytes())
    except InvalidSignature as exc:
        raise SnapshotInvalid("the snapshot's signature does not match its content") from exc
    content = snapshot.content()
    if content.period != snapshot.period:
        raise SnapshotInvalid("the snapshot's figures are for another period")
    return content


# ---------------------------------------------------------------------------
# The store


def write_snapshot(store: RecordStore, snapshot: Snapshot) -> str:
    """Write (or replace) the snapshot's record in ``reports:<team>``; returns its id."""
    space = reports_space(snapshot.team)
    if not store.keys.has(space):
        # The team lead's device makes the reports key; central devices receive it as a grant.
        store.create_space(space)
    values = validate(RECORD_TYPE, snapshot.fields())
    return store.put(snapshot.record_id, record_type=RECORD_TYPE, space=space, values=values)


def read_snapshot(store: RecordStore, team: str, period: str) -> Snapshot | None:
    record = store.get(snapshot_id(team, period), audit=False)
    if record is None or record.deleted or record.error is not None:
        return None
    return Snapshot.from_record(record)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A snapshot record that could not be used, and why (no content)."""

    record_id: str
    reason: str


def load_snapshots(
    store: RecordStore, *, trusted_keys: TrustedKeys | None = None
) -> tuple[list[tuple[Snapshot, SnapshotFigures]], list[Unreadable]]:
    """Every readable, verified snapshot in the store, and those that failed."""
    good: list[tuple[Snapshot, SnapshotFigures]] = []
    bad: list[Unreadable] = []
    for record in store.query(record_type=RECORD_TYPE):
        if record.error is not None:
            bad.append(Unreadable(record.id, "cannot be decrypted"))
            continue
        try:
            snap = Snapshot.from_record(record)
            good.append((snap, verify(snap, trusted_keys=trusted_keys)))
        except SnapshotInvalid as exc:
            bad.append(Unreadable(record.id, str(exc)))
    good.sort(key=lambda t: (t[0].period, t[0].team))
    return good, bad


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
