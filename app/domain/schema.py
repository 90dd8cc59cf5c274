"""The domain's record types: their fields, which are free text, validation, and their space.

The storage layer stores generic records; this table is the one place that
says what a participant, a case note or an employer visit is. Services,
import/export, the demo generator and the UI all read it.

Spaces: each participant has a *work* space (job specialists, team leads,
therapists) and a *clinical* space (treating therapists only); employers and
everything not about one participant live in the team's *team* space. A
team's de-identified report snapshots (:data:`REPORT_ENTITIES`, kept apart from
the journal's :data:`ENTITIES`) live in its *reports* space, the only space a
central team's devices hold a key for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal

from app.domain.identifiers import InvalidIdentifier, check_org_number, parse_identity_number

Kind = Literal["str", "text", "date", "int", "float", "bool", "choice", "multi", "ref", "list"]
SpaceKind = Literal["work", "clinical", "team", "reports"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a record type."""

    name: str
    kind: Kind
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # record type a "ref" points at
    min: float | None = None
    max: float | None = None
    max_length: int = 200
    check: Literal["fnr", "orgnr", "phone", "email", "styrk", None] = None
    # A number out of range says both ends ("must be between 5 and 15").
    range_message: bool = False

    @property
    def is_text(self) -> bool:
        """Merged as text (CRDT) rather than last-writer-wins."""
        return self.kind == "text"


@dataclass(frozen=True, slots=True)
class EntitySpec:
    """A record type: where it lives and what it holds."""

    name: str
    space: SpaceKind
    parent: str | None
    fields: tuple[FieldSpec, ...]
    title: str | None = None  # field used as the record's title in lists
    # Fields after which the record is signed and can no longer change.
    sign_field: str | None = None
    by_name: dict[str, FieldSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})


class ValidationError(ValueError):
    """One or more fields are invalid; ``errors`` maps field name to a message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


def _f(name: str, kind: Kind, **kw: Any) -> FieldSpec:
    return FieldSpec(name, kind, **kw)


PROGRAMMES: Final = ("SFJ", "JMO", "IPS")
PARTICIPANT_STATUS: Final = ("referred", "active", "paused", "exited")
REFERRAL_SOURCES: Final = ("gp", "nav", "self", "specialist_health")
REFERRAL_DECISIONS: Final = ("pending", "accepted", "declined")
DECLINE_REASONS: Final = ("not_ready", "no_wish_for_work", "moved", "other_service", "other")
EXIT_REASONS: Final = (
    "ordinary_work",
    "education",
    "supported_work",
    "sheltered_work",
    "dropped_out",
    "moved",
    "health",
    "other",
)
# Exit reasons a team lead may leave out of the into-work share (a move away always is;
# ordinary work and education never).
NAV_EXCLUDABLE_REASONS: Final = tuple(
    r for r in EXIT_REASONS if r not in ("ordinary_work", "education", "moved")
)
CONSENT_SCOPES: Final = ("nav", "gp", "employer", "family", "central_reporting")
DISCLOSURE_LEVELS: Final = ("open", "partial", "none")
STRATEGIES: Final = ("own_network", "own_search", "specialist_contacts", "joint_visits")
ACTION_STATUS: Final = ("open", "done", "cancelled")
ACTION_OWNERS: Final = ("participant", "job_specialist", "nav", "therapist", "other")
NOTE_TOPICS: Final = (
    "general",
    "career",
    "job_search",
    "disclosure",
    "benefits",
    "nav_contact",
    "follow_along",
    "health",
)
CONTACT_MODES: Final = ("face_to_face", "phone", "email", "video")
CONTACT_PURPOSES: Final = ("job_development", "client_specific", "follow_along", "other")
LOCATIONS: Final = ("office", "community")
OUTCOME_6M: Final = ("work_or_education", "supported_work", "sheltered_work", "other")
ASSESSMENT_KINDS: Final = ("start", "end")
THERAPY_PHASES: Final = ("weekly", "monthly")  # weekly sessions at first, then monthly
PLANNED_SESSIONS_MIN: Final = 5
PLANNED_SESSIONS_MAX: Final = 15
FTE_MIN: Final = 0.1
FTE_MAX: Final = 1.0
MAX_SNAPSHOT_CHARS: Final = 200_000  # a snapshot's figures (JSON); under the sync payload limit

ENTITIES: Final[dict[str, EntitySpec]] = {
    e.name: e
    for e in (
        EntitySpec(
            "participant",
            "work",
            None,
            (
                _f("name", "str", required=True),
                _f("birth_date", "date"),
                _f("national_id", "str", check="fnr"),
                _f("phone", "str", check="phone"),
                _f("programme", "choice", required=True, choices=PROGRAMMES),
                _f("status", "choice", required=True, choices=PARTICIPANT_STATUS),
                _f("job_specialist", "str"),
                _f("therapist", "str"),
                _f("nav_office", "str"),
                _f("nav_counsellor", "str"),
                _f("gp", "str"),
                _f("preferences", "str", max_length=500),
            ),
            title="name",
        ),
        EntitySpec(
            "referral",
            "work",
            "participant",
            (
                _f("source", "choice", required=True, choices=REFERRAL_SOURCES),
                _f("received", "date", required=True),
                _f("decision", "choice", required=True, choices=REFERRAL_DECISIONS),
                _f("decided", "date"),
                _f("decline_reason", "choice", choices=DECLINE_REASONS),
            ),
        ),
        EntitySpec(
            "episode",
            "work",
            "participant",
            (
                _f("entry", "date", required=True),
                _f("exit", "date"),
                _f("exit_reason", "choice", choices=EXIT_REASONS),
                _f("returned_within_year", "bool"),
            ),
        ),
        EntitySpec(
            "consent",
            "work",
            "participant",
            (
                _f("scope", "choice", required=True, choices=CONSENT_SCOPES),
                _f("employer", "ref", ref="employer"),
                _f("given", "date", required=True),
                _f("withdrawn", "date"),
            ),
        ),
        EntitySpec(
            "disclosure_plan",
            "work",
            "participant",
            (
                _f("level", "choice", required=True, choices=DISCLOSURE_LEVELS),
                _f("discussed", "date", required=True),
                _f("wording", "text"),
                _f("follow_up_outside_workplace", "bool"),
            ),
        ),
        EntitySpec(
            "career_profile",
            "work",
            "participant",
            (
                _f("version", "int", required=True, min=1),
                _f("updated", "date", required=True),
                _f("interests", "text"),
                _f("strengths", "text"),
                _f("education", "text"),
                _f("work_history", "text"),
                _f("preferences", "text"),
                _f("supports", "text"),
            ),
        ),
        EntitySpec(
            "job_search_plan",
            "work",
            "participant",
            (
                _f("strategies", "multi", choices=STRATEGIES),
                _f("target_employers", "list"),
                _f("summary", "text"),
            ),
        ),
        EntitySpec(
            "goal",
            "work",
            "participant",
            (
                _f("title", "str", required=True),
                _f("order", "int", min=0),
                _f("parent_goal", "ref", ref="goal"),  # set for a sub-goal
                # A health-related goal (and all under it) never goes to NAV, an employer
                # or family (app/domain/sharing.py).
                _f("health_related", "bool"),
            ),
            title="title",
        ),
        EntitySpec(
            "action",
            "work",
            "participant",
            (
                _f("goal", "ref", ref="goal", required=True),
                _f("description", "str", required=True, max_length=500),
                _f("owner", "choice", choices=ACTION_OWNERS),
                _f("due", "date"),
                _f("status", "choice", required=True, choices=ACTION_STATUS),
                _f("health_related", "bool"),  # see the goal's
            ),
            title="description",
        ),
        EntitySpec(
            "case_note",
            "work",
            "participant",
            (
                _f("date", "date", required=True),
                _f("topic", "choice", choices=NOTE_TOPICS),
                _f("title", "str"),
                _f("body", "text"),
            ),
            title="title",
        ),
        EntitySpec(
            "therapy_session",
            "clinical",
            "participant",
            (
                _f("date", "date", required=True),
                _f("number", "int", min=1),
                _f(
                    "planned_sessions",
                    "int",
                    min=PLANNED_SESSIONS_MIN,
                    max=PLANNED_SESSIONS_MAX,
                    range_message=True,
                ),
                _f("phase", "choice", choices=THERAPY_PHASES),
                _f("next_session", "date"),
                _f("body", "text"),
                _f("signed", "date"),
                _f("signed_by", "str"),
            ),
            sign_field="signed",
        ),
        EntitySpec(
            "therapy_addendum",
            "clinical",
            "participant",
            (
                _f("session", "ref", ref="therapy_session", required=True),
                _f("date", "date", required=True),
                _f("body", "text"),
            ),
        ),
        EntitySpec(
            "cbt_worksheet",
            "clinical",
            "participant",
            (
                _f("date", "date", required=True),
                _f("situation", "text"),
                _f("thought", "text"),
                _f("feeling", "str"),
                _f("intensity", "int", min=0, max=100),
                _f("bodily_reaction", "text"),
                _f("behaviour", "text"),
                _f("alternative_thought", "text"),
                _f("intensity_after", "int", min=0, max=100),
            ),
        ),
        EntitySpec(
            "exposure_plan",
            "clinical",
            "participant",
            (
                _f("title", "str", required=True),
                # [{"step": str, "expected_distress": 0-100}], in order
                _f("steps", "list"),
                # [{"step": index, "date": iso, "before": n, "peak": n, "after": n}]
                _f("attempts", "list"),
            ),
            title="title",
        ),
        EntitySpec(
            "employer",
            "team",
            None,
            (
                _f("org_number", "str", check="orgnr"),
                _f("name", "str", required=True),
                _f("industry", "str"),
                _f("address", "str"),
                _f("phone", "str", check="phone"),
                _f("notes", "text"),
            ),
            title="name",
        ),
        EntitySpec(
            "employer_contact_person",
            "team",
            "employer",
            (
                _f("name", "str", required=True),
                _f("role", "str"),
                _f("phone", "str", check="phone"),
                _f("email", "str", check="email"),
            ),
            title="name",
        ),
        # A contact about one participant lives in that participant's work
        # space; one about no participant (job development) in the team space.
        EntitySpec(
            "employer_contact",
            "work",
            "participant",
            (
                _f("employer", "ref", ref="employer", required=True),
                _f("date", "date", required=True),
                _f("mode", "choice", required=True, choices=CONTACT_MODES),
                _f("purpose", "choice", required=True, choices=CONTACT_PURPOSES),
                _f("job_specialist", "str"),
                _f("participant_present", "bool"),
                _f("matches_preferences", "bool"),
                _f("competitive_job", "bool"),
                _f("minutes", "int", min=0, max=24 * 60),
                _f("outcome", "text"),
                _f("next_step", "str", max_length=500),
                _f("next_step_date", "date"),
            ),
        ),
        EntitySpec(
            "team_employer_contact",
            "team",
            "employer",
            (
                _f("date", "date", required=True),
                _f("mode", "choice", required=True, choices=CONTACT_MODES),
                _f("purpose", "choice", required=True, choices=CONTACT_PURPOSES),
                _f("job_specialist", "str"),
                _f("minutes", "int", min=0, max=24 * 60),
                _f("outcome", "text"),
                _f("next_step", "str", max_length=500),
            ),
        ),
        EntitySpec(
            "activity",
            "team",
            None,
            (
                _f("date", "date", required=True),
                _f("job_specialist", "str"),
                _f("minutes", "int", required=True, min=0, max=24 * 60),
                _f("location", "choice", required=True, choices=LOCATIONS),
                _f("description", "str", max_length=500),
            ),
        ),
        # A team setting a team lead writes (LEAD_ONLY_TYPES): one job specialist's
        # full-time equivalent, for caseload per FTE. One record per name (its id is
        # derived from team and name); a name without one counts 1.0.
        EntitySpec(
            "job_specialist_fte",
            "team",
            None,
            (
                _f("job_specialist", "str", required=True),
                _f(
                    "fte",
                    "float",
                    required=True,
                    min=FTE_MIN,
                    max=FTE_MAX,
                    range_message=True,
                ),
            ),
            title="job_specialist",
        ),
        # Written by a team lead only (sync.protocol.LEAD_ONLY_TYPES). One record a team:
        # the exit reasons left out of the into-work share besides a move away.
        EntitySpec(
            "team_settings",
            "team",
            None,
            (_f("nav_excluded_exit_reasons", "multi", choices=NAV_EXCLUDABLE_REASONS),),
        ),
        # The IPS-25 items nothing recorded can compute, rated by the team lead for one
        # period ("2026-Q3", "2026"): [{"item": key, "score": 1-5}]. One record a period;
        # earlier periods' reviews stay.
        EntitySpec(
            "fidelity_review",
            "team",
            None,
            (
                _f("period", "str", required=True, max_length=30),
                _f("revision", "int", required=True, min=1),
                _f("reviewed", "date", required=True),
                _f("scores", "list"),
                _f("reviewer", "str"),
            ),
        ),
        EntitySpec(
            "meeting",
            "work",
            "participant",
            (
                _f("date", "date", required=True),
                _f(
                    "attendees",
                    "multi",
                    choices=(
                        "participant",
                        "nav",
                        "gp",
                        "therapist",
                        "job_specialist",
                        "family",
                        "employer",
                    ),
                ),
                _f("goals", "text"),
                _f("milestones", "text"),
                _f("next_date", "date"),
            ),
        ),
        EntitySpec(
            "job",
            "work",
            "participant",
            (
                _f("employer", "ref", ref="employer"),
                _f("title", "str", required=True),
                _f("occupation_code", "str", check="styrk"),
                _f("start", "date", required=True),
                _f("end", "date"),
                _f("hours_per_week", "float", min=0, max=80),
                _f("competitive", "bool"),
                _f("wage_subsidy", "bool"),
                _f("end_reason", "str"),
                # The participant wants no more follow-along from this day on.
                _f("follow_along_declined", "date"),
            ),
            title="title",
        ),
        EntitySpec(
            "follow_along",
            "work",
            "participant",
            (
                _f("job", "ref", ref="job"),
                _f("date", "date", required=True),
                _f("mode", "choice", choices=CONTACT_MODES),
                _f("outside_workplace", "bool"),
                _f("with_employer", "bool"),
                _f("note", "text"),
            ),
        ),
        EntitySpec(
            "self_assessment",
            "work",
            "participant",
            (
                _f("kind", "choice", required=True, choices=ASSESSMENT_KINDS),
                _f("date", "date", required=True),
                _f("scores", "list"),  # [{"item": str, "score": 1-10}]
            ),
        ),
        EntitySpec(
            "outcome_6m",
            "work",
            "participant",
            (
                _f("date", "date", required=True),
                _f("status", "choice", required=True, choices=OUTCOME_6M),
            ),
        ),
    )
}

CLINICAL_TYPES: Final = frozenset(n for n, e in ENTITIES.items() if e.space == "clinical")

# Records the app derives and writes itself, outside the journal: not edited in
# forms, not in JSON exports (they are recomputed), never read by a participant
# view. A team's report snapshot (app.central) is one record per (team, period)
# in the team's reports space, replaced by a higher revision when recomputed.
REPORT_ENTITIES: Final[dict[str, EntitySpec]] = {
    e.name: e
    for e in (
        EntitySpec(
            "report_snapshot",
            "reports",
            None,
            (
                _f("team", "str", required=True),
                _f("team_name", "str"),
                _f("programme", "str"),
                _f("region", "str"),
                _f("period", "str", required=True),
                _f("revision", "int", required=True, min=1),
                _f("computed_at", "str", required=True),
                _f("figures", "str", required=True, max_length=MAX_SNAPSHOT_CHARS),
                _f("device", "str", required=True),
                _f("device_key", "str", required=True),
                _f("signature", "str", required=True),
            ),
            title="period",
        ),
    )
}


def entity(record_type: str) -> EntitySpec | None:
    """The spec of a journal record type or a report record type."""
    return ENTITIES.get(record_type) or REPORT_ENTITIES.get(record_type)


_PHONE = re.compile(r"^\+?[0-9 ]{8,15}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_STYRK = re.compile(r"^[0-9]{4}([0-9]{3})?$")


def _check_value(spec: FieldSpec, value: Any) -> tuple[Any, str | None]:
    if value is None or value == "" or value == []:
        return None, ("is required" if spec.required else None)
    kind = spec.kind
    if kind in ("str", "text", "ref"):
        if not isinstance(value, str):
            return value, "must be text"
        value = value.strip() if kind != "text" else value
        if kind == "str" and len(value) > spec.max_length:
            return value, f"is longer than {spec.max_length} characters"
        if spec.check == "fnr":
            try:
                return parse_identity_number(value).value, None
            except InvalidIdentifier as exc:
                return value, str(exc)
        if spec.check == "orgnr":
            try:
                return check_org_number(value), None
            except InvalidIdentifier as exc:
                return value, str(exc)
        if spec.check == "phone" and not _PHONE.match(value):
            return value, "is not a phone number"
        if spec.check == "email" and not _EMAIL.match(value):
            return value, "is not an e-mail address"
        if spec.check == "styrk" and not _STYRK.match(value):
            return value, "is not a STYRK-08 occupation code (4 or 7 digits)"
        return value, None
    if kind == "date":
        if isinstance(value, date):
            return value.isoformat(), None
        try:
            return date.fromisoformat(str(value)).isoformat(), None
        except ValueError:
            return value, "is not a date"
    if kind in ("int", "float"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return value, "must be a number"
        if kind == "int" and not float(value).is_integer():
            return value, "must be a whole number"
        value = int(value) if kind == "int" else float(value)
        if (
            spec.range_message
            and spec.min is not None
            and spec.max is not None
            and not spec.min <= value <= spec.max
        ):
            return value, f"must be between {spec.min:g} and {spec.max:g}"
        if spec.min is not None and value < spec.min:
            return value, f"must be at least {spec.min:g}"
        if spec.max is not None and value > spec.max:
            return value, f"must be at most {spec.max:g}"
        return value, None
    if kind == "bool":
        return (value, None) if isinstance(value, bool) else (value, "must be yes or no")
    if kind == "choice":
        return (value, None) if value in spec.choices else (value, "is not one of the choices")
    if kind == "multi":
        if not isinstance(value, list) or any(v not in spec.choices for v in value):
            return value, "has a value that is not one of the choices"
        return sorted(set(value), key=spec.choices.index), None
    if kind == "list":
        return (value, None) if isinstance(value, list) else (value, "must be a list")
    return value, "has an unknown kind"


def validate(
    record_type: str, values: Mapping[str, Any], *, partial: bool = False
) -> dict[str, Any]:
    """Clean ``values`` for ``record_type``; raise ValidationError listing every bad field.

    ``partial`` checks only the fields given (an update), not missing required ones.
    """
    spec = entity(record_type)
    if spec is None:
        raise ValidationError({"type": f"unknown record type {record_type!r}"})
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for name, value in values.items():
        fs = spec.by_name.get(name)
        if fs is None:
            errors[name] = "is not a field of this record type"
            continue
        cleaned, err = _check_value(fs, value)
        if err:
            errors[name] = err
        else:
            clean[name] = cleaned
    if not partial:
        for fs in spec.fields:
            if fs.required and clean.get(fs.name) is None and fs.name not in errors:
                errors[fs.name] = "is required"
    if errors:
        raise ValidationError(errors)
    return clean


def split_kinds(
    record_type: str, values: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Split cleaned values into (registers, texts) for the record store."""
    spec = entity(record_type)
    if spec is None:
        raise ValidationError({"type": f"unknown record type {record_type!r}"})
    registers: dict[str, Any] = {}
    texts: dict[str, str] = {}
    for name, value in values.items():
        if spec.by_name[name].is_text:
            texts[name] = value or ""
        else:
            registers[name] = value
    return registers, texts
