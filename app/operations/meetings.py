"""Collaboration meetings: whether a summary may go to an audience (NAV, GP, employer, family).

The summary itself is still gathered in ui/meeting_pdf.py, which formats as it
collects; what decides whether it may be made at all lives here, on the rule
in app/operations/consent.py.
"""

from __future__ import annotations

from app.journal import Dataset, Journal
from app.operations.consent import current_consent


def may_share(
    journal: Journal,
    *,
    participant_id: str,
    audience: str,
    employer_id: str | None = None,
    data: Dataset | None = None,
) -> bool:
    """True if a current consent lets the participant's summary go to ``audience``.

    An employer needs more: a consent for this employer (or all) and a
    disclosure plan that is not "none"; without ``employer_id`` it is False.
    """
    ds = data or journal.participant_dataset(participant_id)
    if audience == "employer":
        return employer_id is not None and journal.may_name_to_employer(
            participant_id, employer_id, data=ds
        )
    consent = current_consent(
        ds.children("consent", participant_id), scope=audience, today=journal.today()
    )
    return consent is not None
