"""The team lead's settings and fidelity reviews: team-space records only a team lead writes.

- The exit reasons left out of the into-work share besides a move away (NAV leaves
  out those who moved; a team may agree others with NAV): one ``team_settings``
  record a team, read by :func:`app.indicators.all_figures` from the same dataset
  the reports screen, the CLI and the central snapshot use.
- A fidelity review: the IPS-25 items nothing recorded can compute (leadership,
  supervision, …), rated 1–5 for one period. Each save adds a revision; the
  period's review is its latest, and earlier revisions and periods stay (history).

Both sync to every laptop of the team. Only a team lead may write them: the
journal refuses another role, the server refuses the change on push and every
laptop refuses it on receipt (sync.protocol.LEAD_ONLY_TYPES).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from app import indicators as ind
from app.domain.schema import NAV_EXCLUDABLE_REASONS, ValidationError
from app.indicators import Period
from app.journal import Dataset, Journal
from storage.store import Record

SETTINGS_TYPES = ("team_settings",)
REVIEW_TYPES = ("fidelity_review",)


@dataclass(frozen=True, slots=True)
class TeamSettings:
    """The team's settings as this laptop knows them."""

    nav_excluded_exit_reasons: tuple[str, ...]  # besides "moved", which always is
    record_id: str | None = None


@dataclass(frozen=True, slots=True)
class FidelityReview:
    """One revision of a period's ratings of the items the app cannot compute."""

    id: str
    period: str  # a period label: "2026-Q3", "2026-09", "2026"
    revision: int
    reviewed: date | None
    reviewer: str
    scores: Mapping[str, int]


def _settings(ds: Dataset) -> TeamSettings:
    record = ind.team_settings_record(ds)
    return TeamSettings(ind.team_excluded_reasons(ds), record.id if record else None)


def team_settings(journal: Journal) -> TeamSettings:
    """The team's settings (defaults when none were saved)."""
    return _settings(journal.dataset(SETTINGS_TYPES))


def set_nav_excluded_reasons(
    journal: Journal, *, reasons: Iterable[str], initiator: object = None
) -> TeamSettings:
    """Leave these exit reasons out of the into-work share (a move away always is)."""
    chosen = list(dict.fromkeys(reasons))
    wrong = [r for r in chosen if r not in NAV_EXCLUDABLE_REASONS]
    if wrong:
        raise ValidationError(
            {
                "nav_excluded_exit_reasons": "only these may be left out: "
                + ", ".join(NAV_EXCLUDABLE_REASONS)
            }
        )
    current = team_settings(journal)
    values = {"nav_excluded_exit_reasons": chosen}
    if current.record_id is None:
        journal.add("team_settings", values, initiator=initiator)
    else:
        journal.update(current.record_id, values, initiator=initiator)
    return team_settings(journal)


def _review(r: Record) -> FidelityReview:
    f = r.fields
    revision = f.get("revision")
    return FidelityReview(
        id=r.id,
        period=str(f.get("period") or ""),
        revision=revision if isinstance(revision, int) else 0,
        reviewed=ind.parse_date(f.get("reviewed")),
        reviewer=str(f.get("reviewer") or ""),
        scores=MappingProxyType(ind.review_scores(r)),
    )


def fidelity_reviews(journal: Journal, *, period: Period | None = None) -> list[FidelityReview]:
    """Every saved review (of ``period`` only, if given): newest period, then revision, first."""
    reviews = [
        _review(r)
        for r in journal.dataset(REVIEW_TYPES).of("fidelity_review")
        if not r.deleted and (period is None or r.fields.get("period") == period.label)
    ]
    reviews.sort(key=lambda v: (v.period, v.revision, v.id), reverse=True)
    return reviews


def fidelity_review(journal: Journal, *, period: Period) -> FidelityReview | None:
    """The period's review in force (its latest revision), or None."""
    record = ind.fidelity_review_record(journal.dataset(REVIEW_TYPES), period)
    return _review(record) if record is not None else None


def save_fidelity_review(
    journal: Journal,
    *,
    period: Period,
    scores: Mapping[str, int],
    initiator: object = None,
) -> FidelityReview:
    """Rate the items nothing recorded can compute, 1–5, for ``period`` (a new revision;
    an item left out stays unrated)."""
    errors: dict[str, str] = {}
    for item, score in scores.items():
        if item not in ind.RATED_ITEMS:
            errors[item] = "is not an item a team lead rates"
        elif isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
            errors[item] = "must be a whole number from 1 to 5"
    if errors:
        raise ValidationError(errors)
    history = fidelity_reviews(journal, period=period)
    revision = max((v.revision for v in history), default=0) + 1
    rows = [{"item": k, "score": scores[k]} for k in ind.RATED_ITEMS if k in scores]
    rid = journal.add(
        "fidelity_review",
        {
            "period": period.label,
            "revision": revision,
            "reviewed": journal.today().isoformat(),
            "reviewer": journal.user_name,
            "scores": rows,
        },
        initiator=initiator,
    )
    found = next((v for v in fidelity_reviews(journal, period=period) if v.id == rid), None)
    assert found is not None
    return found
