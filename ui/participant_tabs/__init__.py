"""The pages of the participant view, one module per tab."""

from __future__ import annotations

from ui.participant_tabs.career import CareerTab
from ui.participant_tabs.cbt import CbtTab
from ui.participant_tabs.common import ParticipantData, ParticipantTab, TabContext
from ui.participant_tabs.contacts import ContactsTab
from ui.participant_tabs.exposure import ExposureTab
from ui.participant_tabs.jobs import JobsTab
from ui.participant_tabs.meetings import MeetingsTab
from ui.participant_tabs.notes import NotesTab
from ui.participant_tabs.overview import OverviewTab
from ui.participant_tabs.plan import PlanTab
from ui.participant_tabs.review import RecordReviewDialog
from ui.participant_tabs.sessions import SessionsTab

WORK_TABS: tuple[type[ParticipantTab], ...] = (
    OverviewTab,
    CareerTab,
    PlanTab,
    NotesTab,
    ContactsTab,
    MeetingsTab,
    JobsTab,
)
CLINICAL_TABS: tuple[type[ParticipantTab], ...] = (SessionsTab, CbtTab, ExposureTab)

__all__ = [
    "CLINICAL_TABS",
    "WORK_TABS",
    "CareerTab",
    "CbtTab",
    "ContactsTab",
    "ExposureTab",
    "JobsTab",
    "MeetingsTab",
    "NotesTab",
    "OverviewTab",
    "ParticipantData",
    "ParticipantTab",
    "PlanTab",
    "RecordReviewDialog",
    "SessionsTab",
    "TabContext",
]
