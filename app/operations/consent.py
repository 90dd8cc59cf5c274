"""When a consent counts: the one rule the journal, the meeting summary and the register use.

What a summary may hold once consent lets it go is app/domain/sharing.py's table.

A consent counts on ``today`` when it has the scope asked for, was given on
or before today and is not withdrawn by then. An undated consent does not
count: consent is never assumed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.domain.sharing import OWN_COPY
from storage.store import Record


def consent_needed(audience: str) -> bool:
    """False only for the participant's own copy of their plan: what is theirs reaches
    them without a consent. Every other audience needs a current one."""
    return audience != OWN_COPY


def consent_counts(
    consent: Record, *, scope: str, today: date, employer_id: str | None = None
) -> bool:
    """True if ``consent`` lets this participant's data go to ``scope`` today.

    For the scope "employer", ``employer_id`` names the employer asked about;
    a consent for all employers (no employer named) counts for every one.
    """
    fields = consent.fields
    if fields.get("scope") != scope:
        return False
    if scope == "employer" and fields.get("employer") not in (None, employer_id):
        return False
    iso = today.isoformat()
    withdrawn = fields.get("withdrawn")
    return str(fields.get("given") or "9999") <= iso and not (withdrawn and str(withdrawn) <= iso)


def current_consent(
    consents: Iterable[Record], *, scope: str, today: date, employer_id: str | None = None
) -> Record | None:
    """The first of ``consents`` that counts today, or None."""
    for c in consents:
        if consent_counts(c, scope=scope, today=today, employer_id=employer_id):
            return c
    return None
