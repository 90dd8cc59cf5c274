"""Plural messages used outside QObject classes.

pyside6-lupdate (6.11) marks a message as plural only when it comes from
``self.tr(text, "", n)`` inside a class; ``QCoreApplication.translate(ctx,
text, None, n)`` is extracted as a plain message and loses its plural forms.
Each class here is named after the translation context its strings belong to.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


class Errors(QObject):
    """Plural texts of ui.errors."""

    def retry_in(self, seconds: int) -> str:
        return self.tr("Too many attempts. Try again in %n second(s).", "", seconds)


class MeetingSummary(QObject):
    """Plural texts of the meeting-summary PDF."""

    def activity_heading(self, days: int) -> str:
        return self.tr("Job-search activity, last %n day(s)", "", days)


class RecordForm(QObject):
    """Plural texts of ui.record_form."""

    def items(self, count: int) -> str:
        return self.tr("%n item(s)", "", count)


class CaseloadModel(QObject):
    """Plural texts of the caseload rows (made on the database thread: ui.caseload_view)."""

    def days_overdue(self, days: int) -> str:
        return self.tr("%n day(s) overdue", "", days)

    def days_left(self, days: int) -> str:
        return self.tr("%n day(s) left", "", days)

    def overdue(self, count: int) -> str:
        return self.tr("%n overdue", "", count)

    def job_start_on_day(self, day: int) -> str:
        """The four-week clock stopped by a job start after day 28."""
        return self.tr("Job start on day %n", "", day)

    def contact_on_day(self, day: int) -> str:
        """The four-week clock stopped by an employer contact after day 28."""
        return self.tr("Contact on day %n", "", day)


class Indicators(QObject):
    """Plural texts of the reports' drill-down (ui.reports_drill)."""

    def monthly_short(self, count: int) -> str:
        return self.tr("%n monthly contact(s) short", "", count)
