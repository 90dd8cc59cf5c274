"""The one-page summary for a collaboration meeting, as a PDF that respects consent.

The summary says who the participant is (name, programme), their goals and
open actions, recent job-search activity, jobs and the next meeting, each only
where the audience's row of app/domain/sharing.py allows it: a health-related
plan step reaches only the GP and the participant. It never holds notes,
sessions, worksheets, the referral or disclosure wording. It is made for one
audience (NAV, GP, an employer, family, or the participant's own copy) and only
when the participant has a current consent for that audience (their own copy
needs none); for an employer, only when the disclosure guard lets that employer
know the participant (``Journal.may_name_to_employer``).

The dialog shows the summary exactly as it will be printed before anything is
saved, and asks where to save it every time, starting in the Downloads folder:
on Windows the Documents folder is often OneDrive's (and the Desktop too), on a
Mac iCloud Drive may hold Desktop and Documents; Downloads is in neither.

``collect_meeting_summary`` formats what ``app.operations.meetings.meeting_summary``
gathers (and checks consent for),
``build_meeting_html`` is a pure function from it to HTML, and
``write_meeting_summary`` lays that HTML out on A4 with QTextDocument and
QPdfWriter. The last runs on the TaskRunner's database thread.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMarginsF, QStandardPaths
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.sharing import parts_for
from app.journal import Dataset, Journal
from app.operations.meetings import (
    ACTIVITY_DAYS,
    AUDIENCES,
    ConsentMissing,
    may_share,
    meeting_summary,
)
from app.owner_files import write_owner_only
from ui import plurals
from ui.formats import format_date
from ui.labels import choice_label

# QTextDocument honours table attributes for spacing, not CSS padding on cells.
_TABLE_INFO = "<table cellspacing='0' cellpadding='3'>"
_TABLE_WIDE = "<table width='100%' cellspacing='0' cellpadding='4'>"


def audience_label(audience: str) -> str:
    labels = {
        "nav": QCoreApplication.translate("MeetingSummary", "NAV"),
        "gp": QCoreApplication.translate("MeetingSummary", "GP"),
        "employer": QCoreApplication.translate("MeetingSummary", "Employer"),
        "family": QCoreApplication.translate("MeetingSummary", "Family"),
        "participant": QCoreApplication.translate("MeetingSummary", "The participant"),
    }
    return labels.get(audience, audience)


def audience_in_sentence(audience: str) -> str:
    """The audience as it reads inside a sentence ("share with …", "prepared … for …"): in
    bokmål "fastlegen", not the list's "Fastlege". The English texts are the list's."""
    names = {
        "nav": QCoreApplication.translate("MeetingSummary", "NAV", "in a sentence"),
        "gp": QCoreApplication.translate("MeetingSummary", "GP", "in a sentence"),
        "employer": QCoreApplication.translate("MeetingSummary", "Employer", "in a sentence"),
        "family": QCoreApplication.translate("MeetingSummary", "Family", "in a sentence"),
        "participant": QCoreApplication.translate(
            "MeetingSummary", "The participant", "in a sentence"
        ),
    }
    return names.get(audience, audience)


def part_label(part: str) -> str:
    """A part of a summary (app/domain/sharing.py), as the dialog lists what goes."""
    labels = {
        "name": QCoreApplication.translate("MeetingSummary", "name"),
        "job_specialist": QCoreApplication.translate("MeetingSummary", "job specialist"),
        "meetings": QCoreApplication.translate("MeetingSummary", "meeting dates"),
        "programme": QCoreApplication.translate("MeetingSummary", "programme and status"),
        "strategies": QCoreApplication.translate("MeetingSummary", "strategies"),
        "plan": QCoreApplication.translate("MeetingSummary", "goals and open actions"),
        "health_steps": QCoreApplication.translate(
            "MeetingSummary", "health-related goals and actions"
        ),
        "activity": QCoreApplication.translate("MeetingSummary", "employer contacts"),
        "jobs": QCoreApplication.translate("MeetingSummary", "jobs"),
    }
    return labels.get(part, part)


def what_goes(audience: str) -> str:
    """One sentence: what a summary for ``audience`` holds, from the policy table."""
    parts = parts_for(audience)
    if "plan" in parts and "health_steps" not in parts:
        listed = [
            QCoreApplication.translate(
                "MeetingSummary", "goals and open actions that are not health-related"
            )
            if p == "plan"
            else part_label(p)
            for p in parts
        ]
    else:
        listed = [part_label(p) for p in parts]
    text = QCoreApplication.translate(
        "MeetingSummary",
        "This copy holds: %1. Never notes, sessions, worksheets or the referral. "
        "The print is recorded in the access log.",
    )
    return text.replace("%1", ", ".join(listed))


class ConsentRequired(ConsentMissing):
    """No current consent lets the summary go to this audience, said in the user's language."""

    def user_message(self) -> str:
        if self.audience == "employer":
            if self.employer_id is None:
                return QCoreApplication.translate(
                    "MeetingSummary", "Choose the employer the summary is for."
                )
            return QCoreApplication.translate(
                "MeetingSummary",
                "The participant has not consented to this employer knowing about them, or "
                "their disclosure plan says not to. The summary was not made.",
            )
        return QCoreApplication.translate(
            "MeetingSummary",
            "There is no current consent to share with %1. The summary was not made.",
        ).replace("%1", audience_in_sentence(self.audience))


# --------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class ActionLine:
    description: str
    owner: str
    due: str
    overdue: bool
    health_related: bool = False


@dataclass(frozen=True, slots=True)
class GoalLine:
    title: str
    depth: int
    actions: tuple[ActionLine, ...] = ()
    health_related: bool = False


@dataclass(frozen=True, slots=True)
class ActivityLine:
    date: str
    employer: str
    mode: str
    purpose: str


@dataclass(frozen=True, slots=True)
class JobLine:
    title: str
    employer: str
    start: str
    end: str
    hours: str


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """What the summary shows: the parts its audience may see (``parts``), no more."""

    name: str
    programme: str
    status: str
    job_specialist: str
    audience: str
    made_on: date
    goals: tuple[GoalLine, ...] = ()
    activity: tuple[ActivityLine, ...] = ()
    jobs: tuple[JobLine, ...] = ()
    last_meeting: str = ""
    next_meeting: str = ""
    next_meeting_overdue: bool = False
    strategies: tuple[str, ...] = field(default_factory=tuple)
    parts: tuple[str, ...] = field(default_factory=tuple)


def consent_allows(
    journal: Journal,
    participant_id: str,
    audience: str,
    *,
    employer_id: str | None = None,
    data: Dataset | None = None,
) -> bool:
    """Whether the summary may go to ``audience`` (app.operations.meetings.may_share)."""
    return may_share(
        journal,
        participant_id=participant_id,
        audience=audience,
        employer_id=employer_id,
        data=data,
    )


def collect_meeting_summary(
    journal: Journal,
    participant_id: str,
    *,
    for_audience: str,
    employer_id: str | None = None,
) -> MeetingSummary:
    """Gather the summary's content, formatted; raises ConsentRequired without a current
    consent (app.operations.meetings.meeting_summary decides)."""
    try:
        data = meeting_summary(
            journal, participant_id=participant_id, audience=for_audience, employer_id=employer_id
        )
    except ConsentMissing as exc:
        raise ConsentRequired(exc.audience, employer_id=exc.employer_id) from None
    return MeetingSummary(
        name=data.name,
        programme=choice_label(data.programme) if data.programme else "",
        status=choice_label(data.status) if data.status else "",
        job_specialist=data.job_specialist,
        audience=data.audience,
        made_on=data.made_on,
        goals=tuple(
            GoalLine(
                g.title,
                g.depth,
                tuple(
                    ActionLine(
                        a.description,
                        choice_label(a.owner),
                        format_date(a.due),
                        a.overdue,
                        a.health_related,
                    )
                    for a in g.actions
                ),
                g.health_related,
            )
            for g in data.goals
        ),
        activity=tuple(
            ActivityLine(
                format_date(c.date), c.employer, choice_label(c.mode), choice_label(c.purpose)
            )
            for c in data.activity
        ),
        jobs=tuple(
            JobLine(
                j.title,
                j.employer,
                format_date(j.start),
                format_date(j.end),
                f"{j.hours_per_week:g}".replace(".", ",") if j.hours_per_week is not None else "",
            )
            for j in data.jobs
        ),
        last_meeting=format_date(data.last_meeting),
        next_meeting=format_date(data.next_meeting),
        next_meeting_overdue=data.next_meeting_overdue,
        strategies=tuple(choice_label(s) for s in data.strategies),
        parts=data.parts,
    )


# --------------------------------------------------------------------- html


def build_meeting_html(summary: MeetingSummary) -> str:
    """The summary as simple HTML for QTextDocument (pure: same input, same output)."""
    e = html.escape
    # Every heading is translated here, once; the f-strings below only place them.
    title = QCoreApplication.translate("MeetingSummary", "Collaboration meeting")
    prepared = (
        QCoreApplication.translate("MeetingSummary", "Prepared %1 for %2")
        .replace("%1", format_date(summary.made_on))
        .replace("%2", audience_in_sentence(summary.audience))
    )
    participant = QCoreApplication.translate("MeetingSummary", "Participant")
    programme = QCoreApplication.translate("MeetingSummary", "Programme")
    job_specialist = QCoreApplication.translate("MeetingSummary", "Job specialist")
    last_meeting = QCoreApplication.translate("MeetingSummary", "Last meeting")
    next_meeting = QCoreApplication.translate("MeetingSummary", "Next meeting")
    not_set = QCoreApplication.translate("MeetingSummary", "not set")
    none_recorded = QCoreApplication.translate("MeetingSummary", "None recorded.")
    goals_heading = QCoreApplication.translate("MeetingSummary", "Goals and open actions")
    overdue = QCoreApplication.translate("MeetingSummary", "overdue")
    activity_heading = plurals.MeetingSummary().activity_heading(ACTIVITY_DAYS)
    date_header = QCoreApplication.translate("MeetingSummary", "Date")
    employer_header = QCoreApplication.translate("MeetingSummary", "Employer")
    contact_header = QCoreApplication.translate("MeetingSummary", "Contact")
    purpose_header = QCoreApplication.translate("MeetingSummary", "Purpose")
    jobs_heading = QCoreApplication.translate("MeetingSummary", "Jobs")
    job_header = QCoreApplication.translate("MeetingSummary", "Job")
    start_header = QCoreApplication.translate("MeetingSummary", "Start")
    end_header = QCoreApplication.translate("MeetingSummary", "End")
    hours_header = QCoreApplication.translate("MeetingSummary", "Hours/week")

    parts: list[str] = [
        "<html><head><style>"
        "body { font-family: sans-serif; font-size: 10.5pt; color: #1f1f1f; }"
        "h1 { font-size: 17pt; font-weight: 600; margin-bottom: 2pt; }"
        "h2 { font-size: 12.5pt; font-weight: 600; margin-top: 18pt; margin-bottom: 6pt; }"
        "p.meta { color: #555555; margin-top: 0; margin-bottom: 12pt; }"
        "td, th { vertical-align: top; }"
        "th { text-align: left; font-weight: 600; color: #444444; }"
        "tr.goal td { padding-top: 6pt; }"
        "p.none { color: #777777; font-style: italic; }"
        "</style></head><body>",
        f"<h1>{e(title)}</h1>",
        "<p class='meta'>" + e(prepared) + "</p>",
        _TABLE_INFO,
        f"<tr><th>{e(participant)}</th><td>{e(summary.name)}</td></tr>",
    ]
    shows = set(summary.parts)
    if "programme" in shows:
        parts.append(
            f"<tr><th>{e(programme)}</th><td>{e(summary.programme)}"
            + (f" · {e(summary.status)}" if summary.status else "")
            + "</td></tr>"
        )
    if summary.job_specialist:
        parts.append(f"<tr><th>{e(job_specialist)}</th><td>{e(summary.job_specialist)}</td></tr>")
    if "meetings" in shows:
        if summary.last_meeting:
            parts.append(f"<tr><th>{e(last_meeting)}</th><td>{e(summary.last_meeting)}</td></tr>")
        when = e(summary.next_meeting or not_set) + (
            f" ({e(overdue)})" if summary.next_meeting and summary.next_meeting_overdue else ""
        )
        parts.append(f"<tr><th>{e(next_meeting)}</th><td>{when}</td></tr>")
    parts.append("</table>")

    none = f"<p class='none'>{e(none_recorded)}</p>"
    if shows & {"plan", "health_steps", "strategies"}:
        parts.append(f"<h2>{e(goals_heading)}</h2>")
        if summary.strategies:
            chosen = QCoreApplication.translate("MeetingSummary", "Chosen strategies: %1")
            parts.append("<p>" + e(chosen.replace("%1", ", ".join(summary.strategies))) + "</p>")
        if summary.goals:
            parts.append(_TABLE_WIDE)
            for goal in summary.goals:
                indent = "&nbsp;" * 6 * goal.depth
                parts.append(
                    f"<tr class='goal'><td colspan='3'>{indent}<b>{e(goal.title)}</b></td></tr>"
                )
                for a in goal.actions:
                    due = e(a.due) + (f" ({e(overdue)})" if a.overdue else "")
                    parts.append(
                        f"<tr><td width='56%'>{indent}&nbsp;&nbsp;&nbsp;– {e(a.description)}</td>"
                        f"<td width='18%'>{e(a.owner)}</td><td width='26%'>{due}</td></tr>"
                    )
            parts.append("</table>")
        elif not summary.strategies:
            parts.append(none)

    if "activity" in shows:
        parts.append(f"<h2>{e(activity_heading)}</h2>")
        if summary.activity:
            parts.append(
                f"{_TABLE_WIDE}<tr><th width='18%'>{e(date_header)}</th>"
                f"<th width='42%'>{e(employer_header)}</th>"
                f"<th>{e(contact_header)}</th><th>{e(purpose_header)}</th></tr>"
            )
            for act in summary.activity:
                parts.append(
                    f"<tr><td>{e(act.date)}</td><td>{e(act.employer)}</td>"
                    f"<td>{e(act.mode)}</td><td>{e(act.purpose)}</td></tr>"
                )
            parts.append("</table>")
        else:
            parts.append(none)

    if "jobs" in shows:
        parts.append(f"<h2>{e(jobs_heading)}</h2>")
        if summary.jobs:
            parts.append(
                f"{_TABLE_WIDE}<tr><th width='24%'>{e(job_header)}</th>"
                f"<th width='30%'>{e(employer_header)}</th>"
                f"<th width='15%'>{e(start_header)}</th><th width='15%'>{e(end_header)}</th>"
                f"<th width='16%'>{e(hours_header)}</th></tr>"
            )
            for job in summary.jobs:
                parts.append(
                    f"<tr><td>{e(job.title)}</td><td>{e(job.employer)}</td>"
                    f"<td>{e(job.start)}</td><td>{e(job.end or '–')}</td>"
                    f"<td>{e(job.hours)}</td></tr>"
                )
            parts.append("</table>")
        else:
            parts.append(none)
    parts.append("</body></html>")
    return "\n".join(parts)


# ---------------------------------------------------------------------- pdf


def render_pdf(html_text: str, path: Path, *, title: str = "") -> None:
    """Lay ``html_text`` out on A4 pages with 2 cm margins and page numbers."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    # QTextDocument.print_ lays out its own 2 cm margins on the page.
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("Feltjournal")
    doc = QTextDocument()
    font = QFont()
    font.setPointSizeF(10.5)
    doc.setDefaultFont(font)
    doc.setHtml(html_text)
    doc.print_(writer)


def write_meeting_summary(
    journal: Journal,
    participant_id: str,
    path: str | Path,
    *,
    for_audience: str,
    employer_id: str | None = None,
) -> Path:
    """Write the summary PDF to ``path`` and audit the print. Raises ConsentRequired."""
    summary = collect_meeting_summary(
        journal, participant_id, for_audience=for_audience, employer_id=employer_id
    )
    title = QCoreApplication.translate("MeetingSummary", "Collaboration meeting")
    html_text = build_meeting_html(summary)
    target = write_owner_only(path, lambda tmp: render_pdf(html_text, tmp, title=title))
    journal.store.audit("print", participant_id, "meeting summary")
    return target


# ------------------------------------------------------------------- dialog


@dataclass(frozen=True, slots=True)
class SummaryChoice:
    audience: str
    employer_id: str | None
    path: str  # "" until the user has chosen where to save


class MeetingSummaryDialog(QDialog):
    """Who the summary is for, whether consent lets it go, what it holds (shown exactly as it
    will be printed), and then, on Save, where to put it: asked every time."""

    def __init__(
        self,
        *,
        journal: Journal,
        participant_id: str,
        employers: list[tuple[str, str]],
        choose_file: Callable[[QWidget, str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.participant_id = participant_id
        self._choose_file = choose_file or _choose_pdf_file
        self._data: Dataset | None = None
        self._path = ""
        self._warned = ""
        self.audience = QComboBox()
        for a in AUDIENCES:
            self.audience.addItem(audience_label(a), a)
        self.audience.currentIndexChanged.connect(lambda _i: self._update())
        self.employer = QComboBox()
        for eid, name in employers:
            self.employer.addItem(name, eid)
        self.employer.currentIndexChanged.connect(lambda _i: self._update())
        self.consent = QLabel()
        self.consent.setWordWrap(True)
        self.audience_label = QLabel()
        self.audience_label.setBuddy(self.audience)
        self.employer_label = QLabel()
        self.employer_label.setBuddy(self.employer)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.audience_label, self.audience)
        form.addRow(self.employer_label, self.employer)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        self.preview_label = QLabel()
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview_label.setBuddy(self.preview)
        self.folder_note = QLabel()
        self.folder_note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        # Its own button, not the standard Save: the box would put back "Save" on a
        # language change.
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.consent)
        layout.addWidget(self.note)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.folder_note)
        layout.addWidget(self.buttons)
        self.resize(720, 640)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Meeting summary"))
        self.audience_label.setText(self.tr("&For"))
        self.audience.setAccessibleName(self.tr("Who the summary is for"))
        self.employer_label.setText(self.tr("&Employer"))
        self.employer.setAccessibleName(self.tr("Employer"))
        self.preview_label.setText(self.tr("&Preview, as it will be printed"))
        self.preview.setAccessibleName(self.tr("Preview of the summary"))
        self.save_button.setText(self.tr("&Save as PDF…"))
        for i, a in enumerate(AUDIENCES):
            self.audience.setItemText(i, audience_label(a))
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def choice(self) -> SummaryChoice:
        audience = str(self.audience.currentData())
        employer = self.employer.currentData() if audience == "employer" else None
        return SummaryChoice(audience, employer, self._path)

    def _update(self) -> None:
        choice = self.choice()
        is_employer = choice.audience == "employer"
        self.employer.setVisible(is_employer)
        self.employer_label.setVisible(is_employer)
        summary: MeetingSummary | None = None
        try:
            if self._data is None:
                self._data = self.journal.participant_dataset(self.participant_id)
            allowed = consent_allows(
                self.journal,
                self.participant_id,
                choice.audience,
                employer_id=choice.employer_id,
                data=self._data,
            )
            if allowed:
                summary = collect_meeting_summary(
                    self.journal,
                    self.participant_id,
                    for_audience=choice.audience,
                    employer_id=choice.employer_id,
                )
        except Exception:
            allowed = False
        if summary is not None:
            self.consent.setStyleSheet("")
            self.consent.setText(
                self.tr("The participant's own copy needs no consent.")
                if choice.audience == "participant"
                else self.tr("There is a current consent to share with %1.").replace(
                    "%1", audience_in_sentence(choice.audience)
                )
            )
            # The very HTML the PDF is laid out from, so what is seen is what goes.
            self.preview.setHtml(build_meeting_html(summary))
        else:
            self.consent.setStyleSheet("color: #9b2c2c;")
            self.consent.setText(
                ConsentRequired(choice.audience, employer_id=choice.employer_id).user_message()
            )
            self.preview.setPlainText(self.tr("Nothing to show: this summary may not be made."))
        self.note.setText(what_goes(choice.audience))
        self.folder_note.setStyleSheet("")
        self.folder_note.setText(
            self.tr(
                "Save asks where to put the file, starting in %1 (not a cloud-synced folder)."
            ).replace("%1", summary_folder())
        )
        self.save_button.setEnabled(summary is not None)

    def _save(self) -> None:
        """Ask where to save (every time); a folder that looks cloud-synced is said first."""
        chosen = self._choose_file(self, default_summary_path(self.journal.today()))
        if not chosen:
            return  # the dialog stays, nothing is written
        path = chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf"
        service = cloud_service(path)
        if service and path != self._warned:
            self._warned = path
            self.folder_note.setStyleSheet("color: #9b2c2c;")
            self.folder_note.setText(
                self.tr(
                    "That folder looks synced to %1: the summary would leave this computer. "
                    "Choose another folder, or choose the same file again to save it there."
                ).replace("%1", service)
            )
            return
        self._path = path
        self.accept()


# Folder names that mean a cloud service copies what is saved in them.
_CLOUD_FOLDERS = (
    ("onedrive", "OneDrive"),
    ("icloud drive", "iCloud Drive"),
    ("mobile documents", "iCloud Drive"),
    ("icloud~", "iCloud Drive"),
    ("dropbox", "Dropbox"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("box sync", "Box"),
)


def cloud_service(path: str | Path) -> str:
    """The cloud service whose synced folder ``path`` lies in, by its folder names; ""."""
    for part in Path(path).parts[:-1]:
        folded = part.casefold()
        for marker, service in _CLOUD_FOLDERS:
            if folded.startswith(marker):
                return service
    return ""


def summary_folder() -> str:
    """Where saving a summary starts: the Downloads folder on every platform (Documents and
    Desktop are OneDrive's on many Windows laptops and iCloud's on many Macs; Downloads is
    neither's), else the home folder."""
    downloads = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    if downloads and Path(downloads).is_dir() and not cloud_service(Path(downloads) / "x"):
        return downloads
    return str(Path.home())


def default_summary_path(today: date) -> str:
    """The suggested file, in ``summary_folder()``, named in the UI language."""
    name = QCoreApplication.translate(
        "MeetingSummary", "meeting-summary-%1.pdf", "default file name; %1 is the date"
    ).replace("%1", today.isoformat())
    return str(Path(summary_folder()) / name)


def _choose_pdf_file(parent: QWidget, current: str) -> str:
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("MeetingSummary", "Save meeting summary"),
        current,
        QCoreApplication.translate("MeetingSummary", "PDF files (*.pdf)"),
    )
    return path
