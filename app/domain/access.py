"""Who may read and write which spaces, by role.

Who may erase a participant (purge their work and clinical spaces) is decided
in sync.protocol (:func:`sync.protocol.purge_problem`, ``ERASING_ROLES``: the
team lead only), because the server and every laptop check the same rule on
each purge they receive; :func:`may_erase` here is that rule for the app.
"""

from __future__ import annotations

from typing import Final, Literal

from sync.protocol import may_erase as _may_erase

Role = Literal["jobbspesialist", "terapeut", "teamleder", "sentralt_team"]
ROLES: Final[tuple[Role, ...]] = ("jobbspesialist", "terapeut", "teamleder", "sentralt_team")

ROLE_LABELS: Final[dict[str, str]] = {
    "jobbspesialist": "Job specialist",
    "terapeut": "Therapist",
    "teamleder": "Team lead",
    "sentralt_team": "Central team",
}


class AccessDenied(PermissionError):
    """The user's role may not do this; the message says what, never whose data."""


def work_space(participant_id: str) -> str:
    return f"work:{participant_id}"


def clinical_space(participant_id: str) -> str:
    return f"clinical:{participant_id}"


def space_kinds_for(role: str) -> frozenset[str]:
    """Kinds of space a role's devices are granted keys for."""
    if role == "terapeut":
        return frozenset({"work", "clinical", "team"})
    if role == "jobbspesialist":
        return frozenset({"work", "team"})
    if role == "teamleder":
        # The team lead's device publishes the team's report snapshots.
        return frozenset({"work", "team", "reports"})
    if role == "sentralt_team":
        # Only the reports spaces: a central device never holds a participant's key.
        return frozenset({"reports"})
    return frozenset()


def reports_space(team_id: str) -> str:
    return f"reports:{team_id}"


def may_use(role: str, space_kind: str) -> bool:
    return space_kind in space_kinds_for(role)


def may_erase(role: str) -> bool:
    """Whether this role may erase a participant everywhere (the team lead only)."""
    return _may_erase(role)
