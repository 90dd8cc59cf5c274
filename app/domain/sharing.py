"""What a collaboration-meeting summary may hold for each audience: the one table.

Consent decides *whether* an audience may receive a summary at all
(app/operations/consent.py, through ``app.operations.meetings.may_share``);
this table decides *what* it may then hold. A part not marked for an audience
is left out of that audience's copy. Health-related plan steps (a goal or an
action with ``health_related`` set, or under a goal that has it) are a part of
their own: they go to the GP and to the participant, never to NAV, an employer
or family. Notes, sessions, worksheets, the referral, the career profile and
the disclosure wording are in no summary for anyone.

The participant's own copy needs no consent: it is their own plan.

The README's "Meeting summary" table is this one (tests/app/test_sharing.py
checks that they agree).
"""

from __future__ import annotations

from typing import Final

AUDIENCES: Final[tuple[str, ...]] = ("nav", "gp", "employer", "family", "participant")

# The audience whose copy needs no consent: the participant's own.
OWN_COPY: Final = "participant"

# The parts of a summary, in the order the summary shows them.
PARTS: Final[tuple[str, ...]] = (
    "name",  # the participant's name
    "job_specialist",  # who follows them up
    "meetings",  # the last and the next collaboration meeting
    "programme",  # programme (SFJ, JMO, IPS) and status
    "strategies",  # the job-search strategies chosen
    "plan",  # goals and open actions that are not health-related
    "health_steps",  # goals and open actions marked health-related
    "activity",  # employer contacts of the last 90 days
    "jobs",  # jobs held
)

# fmt: off
# part               nav    gp     employer family participant
_TABLE: Final[dict[str, tuple[bool, bool, bool, bool, bool]]] = {
    "name":           (True,  True,  True,  True,  True),
    "job_specialist": (True,  True,  True,  True,  True),
    "meetings":       (True,  True,  True,  True,  True),
    "programme":      (True,  True,  False, True,  True),
    "strategies":     (True,  True,  False, True,  True),
    "plan":           (True,  True,  False, True,  True),
    "health_steps":   (False, True,  False, False, True),
    "activity":       (True,  False, True,  False, True),
    "jobs":           (True,  True,  True,  True,  True),
}
# fmt: on

# An employer's copy shows its own contacts and jobs only, never the participant's
# other employers (``app.operations.meetings`` applies it).
ONLY_OWN_EMPLOYER: Final[frozenset[str]] = frozenset({"employer"})

SUMMARY_POLICY: Final[dict[str, frozenset[str]]] = {
    part: frozenset(a for a, allowed in zip(AUDIENCES, row, strict=True) if allowed)
    for part, row in _TABLE.items()
}


def may_include(audience: str, part: str) -> bool:
    """True if a summary for ``audience`` may hold ``part``; False for anything unknown."""
    return audience in SUMMARY_POLICY.get(part, frozenset())


def parts_for(audience: str) -> tuple[str, ...]:
    """The parts a summary for ``audience`` holds, in the summary's order."""
    return tuple(p for p in PARTS if may_include(audience, p))


def policy_markdown(part_names: dict[str, str], audience_names: dict[str, str]) -> str:
    """The table as Markdown (the README shows it), with the names given."""
    head = "| | " + " | ".join(audience_names[a] for a in AUDIENCES) + " |"
    rule = "|---|" + "---|" * len(AUDIENCES)
    rows = [
        f"| {part_names[p]} | "
        + " | ".join("✓" if may_include(a, p) else "–" for a in AUDIENCES)
        + " |"
        for p in PARTS
    ]
    return "\n".join([head, rule, *rows])
