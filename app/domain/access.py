"""Who may read and write which spaces, by role.

The roles and the spaces each may hold are defined once, in sync.protocol
(``ROLES``, ``SPACE_KINDS_BY_ROLE``), because the server enforces the same
policy; this module gives the app its view of them.

Who may erase a participant (purge their work and clinical spaces) is decided
in sync.protocol (:func:`sync.protocol.purge_problem`, ``ERASING_ROLES``: the
team lead only), because the server and every laptop check the same rule on
each purge they receive; ``may_erase`` is re-exported here for the app. So is
``write_problem``: a job specialist's FTE, the team's settings and fidelity reviews
(``LEAD_ONLY_TYPES``) are a team lead's to write, checked by the journal, the JSON
import, the server on push and every laptop on receipt.
"""

from __future__ import annotations

from typing import Final

from sync.protocol import CENTRAL as CENTRAL
from sync.protocol import JOB_SPECIALIST as JOB_SPECIALIST
from sync.protocol import LEAD_ONLY_TYPES as LEAD_ONLY_TYPES
from sync.protocol import ROLES as ROLES
from sync.protocol import SPACE_KINDS_BY_ROLE
from sync.protocol import TEAM_LEAD as TEAM_LEAD
from sync.protocol import THERAPIST as THERAPIST
from sync.protocol import may_erase as may_erase
from sync.protocol import write_problem as write_problem

ROLE_LABELS: Final[dict[str, str]] = {
    JOB_SPECIALIST: "Job specialist",
    THERAPIST: "Therapist",
    TEAM_LEAD: "Team lead",
    CENTRAL: "Central team",
}


class AccessDenied(PermissionError):
    """The user's role may not do this; the message says what, never whose data."""


def may_write_team_records(role: str) -> bool:
    """Whether ``role`` may change the team's lead-only records (``LEAD_ONLY_TYPES``: a
    job specialist's FTE, the team's settings, fidelity reviews)."""
    return not any(write_problem(role=role, record_type=t) for t in LEAD_ONLY_TYPES)


def work_space(participant_id: str) -> str:
    return f"work:{participant_id}"


def clinical_space(participant_id: str) -> str:
    return f"clinical:{participant_id}"


def space_kinds_for(role: str) -> frozenset[str]:
    """Kinds of space a role's devices are granted keys for."""
    return SPACE_KINDS_BY_ROLE.get(role, frozenset())


def reports_space(team_id: str) -> str:
    return f"reports:{team_id}"


def may_use(role: str, space_kind: str) -> bool:
    return space_kind in space_kinds_for(role)
