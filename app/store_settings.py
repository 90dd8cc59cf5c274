"""Typed access to the settings a profile keeps inside its encrypted store.

Every key the app reads or writes through ``RecordStore.setting`` and
``set_setting`` is named here and nowhere else in app/ and ui/ (tests/test_policy.py
checks the tree). The sync client keeps the few settings of its own protocol
state in sync.client (``INSTANCE_SETTING``, ``BACKFILL_SETTING``,
``ROLLBACK_SETTING``), since sync/ never imports the app.

Values are strings in the store; the getters below give them their type, so a
caller never compares against "1" or parses JSON of its own.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Final, Protocol


class SettingsStore(Protocol):
    """What these accessors need of a store: its key-value settings."""

    def setting(self, key: str) -> str | None: ...

    def set_setting(self, key: str, value: str) -> None: ...


# Written at enrolment from the server's answer (app.sync_service).
SERVER_URL: Final = "sync.server_url"
DEVICE_ENROLLED: Final = "sync.device_enrolled"  # "1" once enrolment completed
ORG_PUBLIC_KEY: Final = "sync.org_public_key"
ROLE: Final = "sync.role"
TEAM_ID: Final = "sync.team_id"
USER_ID: Final = "sync.user_id"
USER_NAME: Final = "sync.user_name"
TEAM_NAME: Final = "sync.team_name"
TEAM_PROGRAMME: Final = "sync.team_programme"  # SFJ, JMO or IPS
TEAM_REGION: Final = "sync.team_region"
# Refreshed at each sync.
TEAMS: Final = "sync.teams"  # central: [{id, name, programme, region}] from the server
TEAM_IS_CENTRAL: Final = "sync.team_is_central"  # "1" on the central team's laptops
GRANTED: Final = "sync.granted"  # {device: ["space#version", ...]} this device granted
# The directory's revoked devices (JSON list) when this device last granted again what
# the server listed as missing (app.syncing.sharing.Sharing.reshare).
RESHARED_FOR: Final = "sync.reshared_for"
#: The team's people as the device directory last showed them (names and roles of
#: approved, certified devices' users: ``[{"name", "role", "devices"}]``), so the
#: window offers colleagues by name offline too (app.operations.team).
TEAM_PEOPLE: Final = "sync.team_people"
#: A therapist's own other computers (approved, certified therapist's devices of the same
#: user in the team) as the directory last showed them: ``{device id: device name}``,
#: so the window can offer them the clinical journals held here (app.operations.handover).
OWN_DEVICES: Final = "sync.own_devices"
#: Those of them whose offer of the clinical journals was answered "Ikke nå" (JSON list).
CLINICAL_OFFER_DECLINED: Final = "clinical.offer_declined"
#: A central device's certified team leads: ``{device id: {"key": ed25519 hex,
#: "team": team id}}`` (see app.central.records).
TRUSTED_SIGNERS: Final = "sync.trusted_signers"
#: The space the team's shared records are written to (local before enrolment).
TEAM_SPACE: Final = "team_space"
# The team lead's publishing of report snapshots (app.central.publish).
CENTRAL_THRESHOLD: Final = "central.threshold"
CENTRAL_PSEUDONYMS: Final = "central.pseudonyms"


def device_enrolled(store: SettingsStore) -> bool:
    """Whether this device completed its enrolment with a server."""
    return store.setting(DEVICE_ENROLLED) == "1"


def team_id(store: SettingsStore) -> str | None:
    """The team the server enrolled this device in, or None before enrolment."""
    return store.setting(TEAM_ID)


def known_teams(store: SettingsStore) -> str | None:
    """The server's team list as last synced (JSON), or None before the first sync."""
    return store.setting(TEAMS)


def team_space(store: SettingsStore) -> str | None:
    """The space this device writes the team's records to, if it has one yet."""
    return store.setting(TEAM_SPACE)


def set_team_space(store: SettingsStore, space: str) -> None:
    store.set_setting(TEAM_SPACE, space)


# Retention (app.operations.retention): how long records are kept after a participant's
# last exit, the job specialist's and the clinical ones apart.
RETENTION_WORK_DAYS: Final = "retention.work_days"
RETENTION_CLINICAL_YEARS: Final = "retention.clinical_years"
DEFAULT_WORK_DAYS: Final = 730
#: The health-records rule (pasientjournalloven): a clinical record is kept at least ten
#: years after its last entry.
DEFAULT_CLINICAL_YEARS: Final = 10


def _positive_int(store: SettingsStore, key: str, default: int) -> int:
    value = store.setting(key)
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return number if number >= 0 else default


def retention_work_days(store: SettingsStore) -> int:
    """Days after the last exit that the job specialist's records are kept (default 730)."""
    return _positive_int(store, RETENTION_WORK_DAYS, DEFAULT_WORK_DAYS)


def retention_clinical_years(store: SettingsStore) -> int:
    """Years after the last exit or clinical entry that clinical records are kept (10)."""
    return max(1, _positive_int(store, RETENTION_CLINICAL_YEARS, DEFAULT_CLINICAL_YEARS))


def set_retention(store: SettingsStore, *, work_days: int, clinical_years: int) -> None:
    store.set_setting(RETENTION_WORK_DAYS, str(work_days))
    store.set_setting(RETENTION_CLINICAL_YEARS, str(clinical_years))


def team_people(store: SettingsStore) -> str | None:
    """The team's people as last synced (JSON), or None before the first sync."""
    return store.setting(TEAM_PEOPLE)


def set_team_people(store: SettingsStore, encoded: str) -> None:
    if store.setting(TEAM_PEOPLE) != encoded:
        store.set_setting(TEAM_PEOPLE, encoded)


def server_user_name(store: SettingsStore) -> str | None:
    """This user's name on the server (the device directory's), once enrolled."""
    return store.setting(USER_NAME)


def user_names(store: SettingsStore, actor: str) -> frozenset[str]:
    """The names this user goes by: the profile's, and the server's user name once
    enrolled (a participant's job specialist or therapist may carry either)."""
    server = store.setting(USER_NAME)
    return frozenset(n for n in (actor, server) if n)


def _json_of(store: SettingsStore, key: str) -> object:
    raw = store.setting(key)
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def granted_spaces(store: SettingsStore, device_id: str) -> frozenset[str]:
    """The spaces (any key version) this device has granted to ``device_id`` (``GRANTED``)."""
    data = _json_of(store, GRANTED)
    items = data.get(device_id) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return frozenset()
    return frozenset(str(i).rpartition("#")[0] for i in items)


def own_devices(store: SettingsStore) -> dict[str, str]:
    """This therapist's other certified computers as last synced: ``{device id: name}``."""
    data = _json_of(store, OWN_DEVICES)
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items()}


def set_own_devices(store: SettingsStore, devices: Mapping[str, str]) -> None:
    encoded = json.dumps(dict(devices), ensure_ascii=False, sort_keys=True)
    if store.setting(OWN_DEVICES) != encoded:
        store.set_setting(OWN_DEVICES, encoded)


def clinical_offer_declined(store: SettingsStore) -> frozenset[str]:
    """The own computers whose offer of the clinical journals was answered "Ikke nå"."""
    data = _json_of(store, CLINICAL_OFFER_DECLINED)
    return frozenset(str(d) for d in data) if isinstance(data, list) else frozenset()


def decline_clinical_offer(store: SettingsStore, device_id: str) -> None:
    declined = clinical_offer_declined(store) | {device_id}
    store.set_setting(CLINICAL_OFFER_DECLINED, json.dumps(sorted(declined)))
