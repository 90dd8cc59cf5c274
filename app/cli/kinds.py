"""Record kinds in the command line's words (the window's type labels, in app.words)."""

from __future__ import annotations

from collections.abc import Mapping

from app.words import mark, tr

# Record kinds in words, as the window names them (tests check they agree, in bokmål).
RECORD_KINDS: dict[str, str] = {
    "participant": mark("Participant"),
    "referral": mark("Referral"),
    "episode": mark("Episode"),
    "consent": mark("Consent"),
    "disclosure_plan": mark("Disclosure plan"),
    "career_profile": mark("Career profile"),
    "job_search_plan": mark("Job-search plan"),
    "goal": mark("Goal"),
    "action": mark("Action"),
    "case_note": mark("Case note"),
    "therapy_session": mark("Therapy session"),
    "therapy_addendum": mark("Addendum"),
    "cbt_worksheet": mark("CBT worksheet"),
    "exposure_plan": mark("Exposure plan"),
    "employer": mark("Employer"),
    "employer_contact_person": mark("Contact person"),
    "employer_contact": mark("Employer contact"),
    "team_employer_contact": mark("Employer contact (job development)"),
    "activity": mark("Activity"),
    "meeting": mark("Collaboration meeting"),
    "job": mark("Job"),
    "follow_along": mark("Follow-along contact"),
    "self_assessment": mark("Self assessment"),
    "outcome_6m": mark("Six-month outcome"),
    "job_specialist_fte": mark("Job specialist's FTE"),
    "team_settings": mark("Team settings"),
    "fidelity_review": mark("Fidelity review"),
}


def word(table: Mapping[str, str], code: str) -> str:
    """``code`` in words from a table of marked texts; an unknown code as it is."""
    return tr(table[code]) if code in table else code


def kind_text(record_type: str) -> str:
    """A record type in words ("Notat" in bokmål, "Case note" in English)."""
    return word(RECORD_KINDS, record_type)
