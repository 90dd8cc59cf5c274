"""Translatable labels for record types, fields and choices (made from the schema).

The strings are literals inside QT_TRANSLATE_NOOP so pyside6-lupdate finds them;
tests/ui/test_labels.py fails when the schema gains a field or choice without a label.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from app.domain.exit_reasons import EXIT_REASON_LABELS
from app.domain.schema import Problem

TYPE_LABELS: dict[str, object] = {
    "participant": QT_TRANSLATE_NOOP("Labels", "Participant"),
    "referral": QT_TRANSLATE_NOOP("Labels", "Referral"),
    "episode": QT_TRANSLATE_NOOP("Labels", "Episode"),
    "consent": QT_TRANSLATE_NOOP("Labels", "Consent"),
    "disclosure_plan": QT_TRANSLATE_NOOP("Labels", "Disclosure plan"),
    "career_profile": QT_TRANSLATE_NOOP("Labels", "Career profile"),
    "job_search_plan": QT_TRANSLATE_NOOP("Labels", "Job-search plan"),
    "goal": QT_TRANSLATE_NOOP("Labels", "Goal"),
    "action": QT_TRANSLATE_NOOP("Labels", "Action"),
    "case_note": QT_TRANSLATE_NOOP("Labels", "Case note"),
    "therapy_session": QT_TRANSLATE_NOOP("Labels", "Therapy session"),
    "therapy_addendum": QT_TRANSLATE_NOOP("Labels", "Addendum"),
    "cbt_worksheet": QT_TRANSLATE_NOOP("Labels", "CBT worksheet"),
    "exposure_plan": QT_TRANSLATE_NOOP("Labels", "Exposure plan"),
    "employer": QT_TRANSLATE_NOOP("Labels", "Employer"),
    "employer_contact_person": QT_TRANSLATE_NOOP("Labels", "Contact person"),
    "employer_contact": QT_TRANSLATE_NOOP("Labels", "Employer contact"),
    "team_employer_contact": QT_TRANSLATE_NOOP("Labels", "Employer contact (job development)"),
    "activity": QT_TRANSLATE_NOOP("Labels", "Activity"),
    "team_settings": QT_TRANSLATE_NOOP("Labels", "Team settings"),
    "fidelity_review": QT_TRANSLATE_NOOP("Labels", "Fidelity review"),
    "meeting": QT_TRANSLATE_NOOP("Labels", "Collaboration meeting"),
    "job": QT_TRANSLATE_NOOP("Labels", "Job"),
    "follow_along": QT_TRANSLATE_NOOP("Labels", "Follow-along contact"),
    "self_assessment": QT_TRANSLATE_NOOP("Labels", "Self assessment"),
    "outcome_6m": QT_TRANSLATE_NOOP("Labels", "Six-month outcome"),
    "job_specialist_fte": QT_TRANSLATE_NOOP("Labels", "Job specialist's FTE"),
}

FIELD_LABELS: dict[str, object] = {
    # Names a refusal may give that are not a record's field (the intake, a purge).
    "referral_source": QT_TRANSLATE_NOOP("Labels", "Referred by"),
    "referral_date": QT_TRANSLATE_NOOP("Labels", "Referral received"),
    "consents": QT_TRANSLATE_NOOP("Labels", "Consents"),
    "confirm": QT_TRANSLATE_NOOP("Labels", "The name typed to confirm"),
    "type": QT_TRANSLATE_NOOP("Labels", "Record type"),
    "to": QT_TRANSLATE_NOOP("Labels", "Taken over by"),
    "participants": QT_TRANSLATE_NOOP("Labels", "Participants"),
    "team": QT_TRANSLATE_NOOP("Labels", "Team"),
    "field": QT_TRANSLATE_NOOP("Labels", "Role"),
    "participant": QT_TRANSLATE_NOOP("Labels", "Participant"),
    "nav_excluded_exit_reasons": QT_TRANSLATE_NOOP(
        "Labels", "Exit reasons left out of the into-work share"
    ),
    "period": QT_TRANSLATE_NOOP("Labels", "Period"),
    "revision": QT_TRANSLATE_NOOP("Labels", "Version"),
    "reviewed": QT_TRANSLATE_NOOP("Labels", "Reviewed"),
    "reviewer": QT_TRANSLATE_NOOP("Labels", "Reviewed by"),
    "address": QT_TRANSLATE_NOOP("Labels", "Address"),
    "alternative_thought": QT_TRANSLATE_NOOP("Labels", "Alternative thought"),
    "attempts": QT_TRANSLATE_NOOP("Labels", "Attempts"),
    "attendees": QT_TRANSLATE_NOOP("Labels", "Attendees"),
    "behaviour": QT_TRANSLATE_NOOP("Labels", "Behaviour"),
    "birth_date": QT_TRANSLATE_NOOP("Labels", "Birth date"),
    "bodily_reaction": QT_TRANSLATE_NOOP("Labels", "Bodily reaction"),
    "body": QT_TRANSLATE_NOOP("Labels", "Text"),
    "competitive": QT_TRANSLATE_NOOP("Labels", "Competitive"),
    "competitive_job": QT_TRANSLATE_NOOP("Labels", "About a competitive job"),
    "date": QT_TRANSLATE_NOOP("Labels", "Date"),
    "decided": QT_TRANSLATE_NOOP("Labels", "Decided"),
    "decision": QT_TRANSLATE_NOOP("Labels", "Decision"),
    "decline_reason": QT_TRANSLATE_NOOP("Labels", "Decline reason"),
    "description": QT_TRANSLATE_NOOP("Labels", "Description"),
    "discussed": QT_TRANSLATE_NOOP("Labels", "Discussed"),
    "due": QT_TRANSLATE_NOOP("Labels", "Due"),
    "education": QT_TRANSLATE_NOOP("Labels", "Education"),
    "email": QT_TRANSLATE_NOOP("Labels", "Email"),
    "employer": QT_TRANSLATE_NOOP("Labels", "Employer"),
    "end": QT_TRANSLATE_NOOP("Labels", "End"),
    "end_reason": QT_TRANSLATE_NOOP("Labels", "End reason"),
    "entry": QT_TRANSLATE_NOOP("Labels", "Entry"),
    "exit": QT_TRANSLATE_NOOP("Labels", "Exit"),
    "exit_reason": QT_TRANSLATE_NOOP("Labels", "Exit reason"),
    "feeling": QT_TRANSLATE_NOOP("Labels", "Feeling"),
    "follow_along_declined": QT_TRANSLATE_NOOP("Labels", "No more follow-along wanted from"),
    "fte": QT_TRANSLATE_NOOP("Labels", "FTE"),
    "follow_up_outside_workplace": QT_TRANSLATE_NOOP("Labels", "Follow-up outside the workplace"),
    "given": QT_TRANSLATE_NOOP("Labels", "Given"),
    "goal": QT_TRANSLATE_NOOP("Labels", "Goal"),
    "goals": QT_TRANSLATE_NOOP("Labels", "Goals"),
    "gp": QT_TRANSLATE_NOOP("Labels", "GP"),
    "health_related": QT_TRANSLATE_NOOP("Labels", "Health-related"),
    "hours_per_week": QT_TRANSLATE_NOOP("Labels", "Hours per week"),
    "industry": QT_TRANSLATE_NOOP("Labels", "Industry"),
    "intensity": QT_TRANSLATE_NOOP("Labels", "Intensity (0–100)"),
    "intensity_after": QT_TRANSLATE_NOOP("Labels", "Intensity afterwards (0–100)"),
    "interests": QT_TRANSLATE_NOOP("Labels", "Interests"),
    "job": QT_TRANSLATE_NOOP("Labels", "Job"),
    "job_specialist": QT_TRANSLATE_NOOP("Labels", "Job specialist"),
    "kind": QT_TRANSLATE_NOOP("Labels", "Kind"),
    "level": QT_TRANSLATE_NOOP("Labels", "Level"),
    "location": QT_TRANSLATE_NOOP("Labels", "Location"),
    "matches_preferences": QT_TRANSLATE_NOOP("Labels", "Matches the participant's preferences"),
    "milestones": QT_TRANSLATE_NOOP("Labels", "Milestones"),
    "minutes": QT_TRANSLATE_NOOP("Labels", "Minutes"),
    "mode": QT_TRANSLATE_NOOP("Labels", "Mode"),
    "name": QT_TRANSLATE_NOOP("Labels", "Name"),
    "national_id": QT_TRANSLATE_NOOP("Labels", "National identity number"),
    "nav_counsellor": QT_TRANSLATE_NOOP("Labels", "NAV counsellor"),
    "nav_office": QT_TRANSLATE_NOOP("Labels", "NAV office"),
    "next_date": QT_TRANSLATE_NOOP("Labels", "Next meeting"),
    "next_session": QT_TRANSLATE_NOOP("Labels", "Next session"),
    "next_step": QT_TRANSLATE_NOOP("Labels", "Next step"),
    "next_step_date": QT_TRANSLATE_NOOP("Labels", "Date of next step"),
    "note": QT_TRANSLATE_NOOP("Labels", "Note"),
    "notes": QT_TRANSLATE_NOOP("Labels", "Notes"),
    "number": QT_TRANSLATE_NOOP("Labels", "Number"),
    "occupation_code": QT_TRANSLATE_NOOP("Labels", "Occupation code (STYRK)"),
    "order": QT_TRANSLATE_NOOP("Labels", "Order"),
    "org_number": QT_TRANSLATE_NOOP("Labels", "Organisation number"),
    "outcome": QT_TRANSLATE_NOOP("Labels", "Outcome"),
    "outside_workplace": QT_TRANSLATE_NOOP("Labels", "Outside workplace"),
    "owner": QT_TRANSLATE_NOOP("Labels", "Owner"),
    "parent_goal": QT_TRANSLATE_NOOP("Labels", "Sub-goal of"),
    "participant_present": QT_TRANSLATE_NOOP("Labels", "Participant present"),
    "phase": QT_TRANSLATE_NOOP("Labels", "Phase"),
    "phone": QT_TRANSLATE_NOOP("Labels", "Phone"),
    "planned_sessions": QT_TRANSLATE_NOOP("Labels", "Planned sessions (5–15)"),
    "preferences": QT_TRANSLATE_NOOP("Labels", "Preferences"),
    "programme": QT_TRANSLATE_NOOP("Labels", "Programme"),
    "purpose": QT_TRANSLATE_NOOP("Labels", "Purpose"),
    "received": QT_TRANSLATE_NOOP("Labels", "Received"),
    "returned_within_year": QT_TRANSLATE_NOOP("Labels", "Returned within a year"),
    "role": QT_TRANSLATE_NOOP("Labels", "Role"),
    "scope": QT_TRANSLATE_NOOP("Labels", "Scope"),
    "scores": QT_TRANSLATE_NOOP("Labels", "Scores"),
    "session": QT_TRANSLATE_NOOP("Labels", "Session"),
    "signed": QT_TRANSLATE_NOOP("Labels", "Signed"),
    "signed_by": QT_TRANSLATE_NOOP("Labels", "Signed by"),
    "situation": QT_TRANSLATE_NOOP("Labels", "Situation"),
    "source": QT_TRANSLATE_NOOP("Labels", "Source"),
    "start": QT_TRANSLATE_NOOP("Labels", "Start"),
    "status": QT_TRANSLATE_NOOP("Labels", "Status"),
    "steps": QT_TRANSLATE_NOOP("Labels", "Steps"),
    "strategies": QT_TRANSLATE_NOOP("Labels", "Strategies"),
    "strengths": QT_TRANSLATE_NOOP("Labels", "Strengths"),
    "summary": QT_TRANSLATE_NOOP("Labels", "Summary"),
    "supports": QT_TRANSLATE_NOOP("Labels", "Supports"),
    "target_employers": QT_TRANSLATE_NOOP("Labels", "Target employers"),
    "therapist": QT_TRANSLATE_NOOP("Labels", "Therapist"),
    "thought": QT_TRANSLATE_NOOP("Labels", "Thought"),
    "title": QT_TRANSLATE_NOOP("Labels", "Title"),
    "topic": QT_TRANSLATE_NOOP("Labels", "Topic"),
    "updated": QT_TRANSLATE_NOOP("Labels", "Updated"),
    "version": QT_TRANSLATE_NOOP("Labels", "Version"),
    "wage_subsidy": QT_TRANSLATE_NOOP("Labels", "Wage subsidy"),
    "with_employer": QT_TRANSLATE_NOOP("Labels", "With employer"),
    "withdrawn": QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
    "wording": QT_TRANSLATE_NOOP("Labels", "Agreed wording"),
    "work_history": QT_TRANSLATE_NOOP("Labels", "Work history"),
}

CHOICE_LABELS: dict[str, object] = {
    **EXIT_REASON_LABELS,
    "IPS": QT_TRANSLATE_NOOP("Labels", "IPS"),
    "JMO": QT_TRANSLATE_NOOP("Labels", "JMO"),
    "SFJ": QT_TRANSLATE_NOOP("Labels", "SFJ"),
    "accepted": QT_TRANSLATE_NOOP("Labels", "Accepted"),
    "active": QT_TRANSLATE_NOOP("Labels", "Active"),
    "benefits": QT_TRANSLATE_NOOP("Labels", "Benefits"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    "career": QT_TRANSLATE_NOOP("Labels", "Career"),
    "central_reporting": QT_TRANSLATE_NOOP("Labels", "Central reporting"),
    "client_specific": QT_TRANSLATE_NOOP("Labels", "Client specific"),
    "community": QT_TRANSLATE_NOOP("Labels", "Community"),
    "declined": QT_TRANSLATE_NOOP("Labels", "Declined"),
    "disclosure": QT_TRANSLATE_NOOP("Labels", "Disclosure"),
    "done": QT_TRANSLATE_NOOP("Labels", "Done"),
    "email": QT_TRANSLATE_NOOP("Labels", "E-mail"),
    "employer": QT_TRANSLATE_NOOP("Labels", "Employer"),
    "end": QT_TRANSLATE_NOOP("Labels", "End"),
    "exited": QT_TRANSLATE_NOOP("Labels", "Exited"),
    "face_to_face": QT_TRANSLATE_NOOP("Labels", "Face to face"),
    "family": QT_TRANSLATE_NOOP("Labels", "Family"),
    "follow_along": QT_TRANSLATE_NOOP("Labels", "Follow along"),
    "general": QT_TRANSLATE_NOOP("Labels", "General"),
    "gp": QT_TRANSLATE_NOOP("Labels", "GP"),
    "job_development": QT_TRANSLATE_NOOP("Labels", "Job development"),
    "job_search": QT_TRANSLATE_NOOP("Labels", "Job search"),
    "job_specialist": QT_TRANSLATE_NOOP("Labels", "Job specialist"),
    "joint_visits": QT_TRANSLATE_NOOP("Labels", "Joint visits"),
    "missing": QT_TRANSLATE_NOOP("Labels", "Not recorded (missing)"),
    "monthly": QT_TRANSLATE_NOOP("Labels", "Monthly"),
    "nav": QT_TRANSLATE_NOOP("Labels", "NAV"),
    "nav_contact": QT_TRANSLATE_NOOP("Labels", "NAV contact"),
    "no_wish_for_work": QT_TRANSLATE_NOOP("Labels", "No wish for work"),
    "none": QT_TRANSLATE_NOOP("Labels", "None"),
    "not_ready": QT_TRANSLATE_NOOP("Labels", "Not ready (red flag)"),
    "office": QT_TRANSLATE_NOOP("Labels", "Office"),
    "open": QT_TRANSLATE_NOOP("Labels", "Open"),
    "ordinary_work_subsidised": QT_TRANSLATE_NOOP(
        "Labels", "Ordinary work, but only a wage-subsidised job"
    ),
    "other_service": QT_TRANSLATE_NOOP("Labels", "Other service"),
    "own_network": QT_TRANSLATE_NOOP("Labels", "Own network"),
    "own_search": QT_TRANSLATE_NOOP("Labels", "Own search"),
    "partial": QT_TRANSLATE_NOOP("Labels", "Partial"),
    "participant": QT_TRANSLATE_NOOP("Labels", "Participant"),
    "paused": QT_TRANSLATE_NOOP("Labels", "Paused"),
    "pending": QT_TRANSLATE_NOOP("Labels", "Pending"),
    "phone": QT_TRANSLATE_NOOP("Labels", "Phone"),
    "referred": QT_TRANSLATE_NOOP("Labels", "Referred"),
    "self": QT_TRANSLATE_NOOP("Labels", "Self"),
    "specialist_contacts": QT_TRANSLATE_NOOP("Labels", "Job specialist contacts employers"),
    "specialist_health": QT_TRANSLATE_NOOP("Labels", "Specialist health service"),
    "start": QT_TRANSLATE_NOOP("Labels", "Start"),
    "therapist": QT_TRANSLATE_NOOP("Labels", "Therapist"),
    "video": QT_TRANSLATE_NOOP("Labels", "Video"),
    "weekly": QT_TRANSLATE_NOOP("Labels", "Weekly"),
    "work_or_education": QT_TRANSLATE_NOOP("Labels", "Ordinary work or education"),
}


def type_label(record_type: str) -> str:
    return QCoreApplication.translate("Labels", str(TYPE_LABELS.get(record_type, record_type)))


def field_label(name: str) -> str:
    return QCoreApplication.translate("Labels", str(FIELD_LABELS.get(name, name)))


def choice_label(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    return QCoreApplication.translate("Labels", str(CHOICE_LABELS.get(text, text)))


# The title of the form for a new record, one whole phrase per type: languages differ in
# gender and case ("Ny henvisning", "Nytt samtykke"), so "New %1" cannot be translated.
NEW_RECORD_TITLES: dict[str, object] = {
    "participant": QT_TRANSLATE_NOOP("ParticipantTab", "New participant"),
    "referral": QT_TRANSLATE_NOOP("ParticipantTab", "New referral"),
    "episode": QT_TRANSLATE_NOOP("ParticipantTab", "New episode"),
    "consent": QT_TRANSLATE_NOOP("ParticipantTab", "New consent"),
    "disclosure_plan": QT_TRANSLATE_NOOP("ParticipantTab", "New disclosure plan"),
    "career_profile": QT_TRANSLATE_NOOP("ParticipantTab", "New career profile"),
    "job_search_plan": QT_TRANSLATE_NOOP("ParticipantTab", "New job-search plan"),
    "goal": QT_TRANSLATE_NOOP("ParticipantTab", "New goal"),
    "action": QT_TRANSLATE_NOOP("ParticipantTab", "New action"),
    "case_note": QT_TRANSLATE_NOOP("ParticipantTab", "New case note"),
    "therapy_session": QT_TRANSLATE_NOOP("ParticipantTab", "New therapy session"),
    "therapy_addendum": QT_TRANSLATE_NOOP("ParticipantTab", "New addendum"),
    "cbt_worksheet": QT_TRANSLATE_NOOP("ParticipantTab", "New CBT worksheet"),
    "exposure_plan": QT_TRANSLATE_NOOP("ParticipantTab", "New exposure plan"),
    "employer": QT_TRANSLATE_NOOP("ParticipantTab", "New employer"),
    "employer_contact_person": QT_TRANSLATE_NOOP("ParticipantTab", "New contact person"),
    "employer_contact": QT_TRANSLATE_NOOP("ParticipantTab", "New employer contact"),
    "team_employer_contact": QT_TRANSLATE_NOOP(
        "ParticipantTab", "New employer contact (job development)"
    ),
    "activity": QT_TRANSLATE_NOOP("ParticipantTab", "New activity"),
    "job_specialist_fte": QT_TRANSLATE_NOOP("ParticipantTab", "New FTE setting"),
    "team_settings": QT_TRANSLATE_NOOP("ParticipantTab", "New team settings"),
    "fidelity_review": QT_TRANSLATE_NOOP("ParticipantTab", "New fidelity review"),
    "meeting": QT_TRANSLATE_NOOP("ParticipantTab", "New collaboration meeting"),
    "job": QT_TRANSLATE_NOOP("ParticipantTab", "New job"),
    "follow_along": QT_TRANSLATE_NOOP("ParticipantTab", "New follow-along contact"),
    "self_assessment": QT_TRANSLATE_NOOP("ParticipantTab", "New self assessment"),
    "outcome_6m": QT_TRANSLATE_NOOP("ParticipantTab", "New six-month outcome"),
}


def new_record_title(record_type: str) -> str:
    source = NEW_RECORD_TITLES.get(record_type)
    if source is None:
        return type_label(record_type)
    return QCoreApplication.translate("ParticipantTab", str(source))


# What is wrong with a field (app.domain.schema.PROBLEMS), as the second half of a
# sentence that starts with the field's label: "Name" + "is required". %1 is a limit.
PROBLEM_TEXTS: dict[str, object] = {
    "required": QT_TRANSLATE_NOOP("Problems", "is required"),
    "not_text": QT_TRANSLATE_NOOP("Problems", "must be text"),
    "too_long": QT_TRANSLATE_NOOP("Problems", "is longer than %1 characters"),
    "not_phone": QT_TRANSLATE_NOOP("Problems", "is not a phone number"),
    "not_email": QT_TRANSLATE_NOOP("Problems", "is not an e-mail address"),
    "not_styrk": QT_TRANSLATE_NOOP("Problems", "is not a STYRK-08 occupation code (4 or 7 digits)"),
    "not_date": QT_TRANSLATE_NOOP("Problems", "is not a date"),
    "not_number": QT_TRANSLATE_NOOP("Problems", "must be a number"),
    "not_whole": QT_TRANSLATE_NOOP("Problems", "must be a whole number"),
    "too_small": QT_TRANSLATE_NOOP("Problems", "must be at least %1"),
    "too_large": QT_TRANSLATE_NOOP("Problems", "must be at most %1"),
    "between": QT_TRANSLATE_NOOP("Problems", "must be between %1 and %2"),
    "not_bool": QT_TRANSLATE_NOOP("Problems", "must be yes or no"),
    "not_choice": QT_TRANSLATE_NOOP("Problems", "is not one of the choices"),
    "not_choices": QT_TRANSLATE_NOOP("Problems", "has a value that is not one of the choices"),
    "not_list": QT_TRANSLATE_NOOP("Problems", "must be a list"),
    "fnr_digits": QT_TRANSLATE_NOOP("Problems", "must have exactly 11 digits"),
    "fnr_check1": QT_TRANSLATE_NOOP("Problems", "has a wrong first check digit"),
    "fnr_check2": QT_TRANSLATE_NOOP("Problems", "has a wrong second check digit"),
    "fnr_individual": QT_TRANSLATE_NOOP("Problems", "has an impossible individual number"),
    "fnr_date": QT_TRANSLATE_NOOP("Problems", "does not contain a valid date"),
    "orgnr_digits": QT_TRANSLATE_NOOP("Problems", "must have exactly 9 digits"),
    "orgnr_check": QT_TRANSLATE_NOOP("Problems", "has a wrong check digit"),
    "after_entry": QT_TRANSLATE_NOOP("Problems", "is after the entry date"),
    "same_person": QT_TRANSLATE_NOOP("Problems", "is the same person as the one handing over"),
    "nobody": QT_TRANSLATE_NOOP("Problems", "has nobody to hand over"),
    "no_team": QT_TRANSLATE_NOOP(
        "Problems", "has no space on this computer yet (connect it to the server first)"
    ),
    "not_rated_item": QT_TRANSLATE_NOOP("Problems", "is not an item a team lead rates"),
    "choose_employer": QT_TRANSLATE_NOOP(
        "Problems", "must be chosen from the list, or added as a new one"
    ),
    "confirm_name": QT_TRANSLATE_NOOP("Problems", "must be the participant's name, exactly"),
    "unknown_field": QT_TRANSLATE_NOOP("Problems", "is not a field of this record type"),
    "unknown_type": QT_TRANSLATE_NOOP("Problems", "is not a record type"),
    "use_sign": QT_TRANSLATE_NOOP("Problems", "is set only by signing the note"),
    "not_signed": QT_TRANSLATE_NOOP("Problems", "cannot be signed"),
    "invalid": QT_TRANSLATE_NOOP("Problems", "is not valid"),
}


def problem_text(problem: str) -> str:
    """What is wrong, in the user's language, from a Problem's code (a plain string that
    is no code's English predicate reads as "is not valid")."""
    found = Problem.of(problem)
    text = QCoreApplication.translate("Problems", str(PROBLEM_TEXTS[found.code]))
    for marker, number in (("%1", found.limit), ("%2", found.high)):
        if number is not None:
            text = text.replace(marker, QLocale().toString(float(number), "g", 12))
    return text


def field_problem(name: str, problem: str) -> str:
    """One field's problem as a sentence: its label, then what is wrong ("Name is required")."""
    return (
        QCoreApplication.translate("Problems", "%1 %2", "a field's label, then what is wrong")
        .replace("%2", problem_text(problem))
        .replace("%1", field_label(name))
    )


def problems_text(errors: Mapping[str, str]) -> str:
    """Every field's problem, for the line under a form: "Please check: Name is required"."""
    return QCoreApplication.translate("Problems", "Please check: %1").replace(
        "%1", "; ".join(field_problem(name, problem) for name, problem in errors.items())
    )
