"""The chosen employer under the register: its facts, the visit history and the contact persons.

The visit history names a participant only where the journal's disclosure
guard allows it; every other contact about a participant shows "(not
disclosed)" and nothing else about them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.operations.employers import EmployerDetails, EmployerLine, Visit
from ui.employers_register import ID_ROLE, format_org_number
from ui.formats import format_date
from ui.labels import choice_label


class EmployerDetailsPanel(QWidget):
    """A hint while no employer is chosen; else its header and two tabs, visits and persons.

    The view owns what the buttons do and sets the texts (retranslate_ui); this
    panel shows what it is given.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("quietState")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.employer_name = QLabel()
        self.employer_name.setObjectName("sectionTitle")
        self.employer_name.setWordWrap(True)
        self.employer_facts = QLabel()
        self.employer_facts.setObjectName("hint")
        self.employer_facts.setWordWrap(True)
        self.employer_facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.visits = QTableWidget(0, 6)
        self.persons = QTableWidget(0, 4)
        for table in (self.visits, self.persons):
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setAlternatingRowColors(True)
            table.verticalHeader().hide()
            table.setWordWrap(False)
        vh = self.visits.horizontalHeader()
        for col in (0, 1, 2, 3):
            vh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        vh.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        vh.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        self.visits.setColumnWidth(5, 240)
        ph = self.persons.horizontalHeader()
        ph.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            ph.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.visits_state = QLabel()
        self.visits_state.setObjectName("quietState")
        self.persons_state = QLabel()
        self.persons_state.setObjectName("quietState")
        self.add_person_button = QPushButton()
        self.edit_person_button = QPushButton()
        self.remove_person_button = QPushButton()
        self.copy_person_button = QPushButton()

        visits_page = QWidget()
        vl = QVBoxLayout(visits_page)
        vl.addWidget(self.visits, 1)
        vl.addWidget(self.visits_state)
        persons_page = QWidget()
        pl = QVBoxLayout(persons_page)
        pl.addWidget(self.persons, 1)
        pl.addWidget(self.persons_state)
        pb = QHBoxLayout()
        for button in (self.add_person_button, self.edit_person_button, self.remove_person_button):
            pb.addWidget(button)
        pb.addStretch(1)
        pb.addWidget(self.copy_person_button)
        pl.addLayout(pb)
        self.tabs = QTabWidget()
        self.tabs.addTab(visits_page, "")
        self.tabs.addTab(persons_page, "")

        details = QWidget()
        dl = QVBoxLayout(details)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.employer_name)
        dl.addWidget(self.employer_facts)
        dl.addWidget(self.tabs, 1)
        self.details_stack = QStackedWidget()
        self.details_stack.addWidget(self.empty_hint)
        self.details_stack.addWidget(details)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 16)
        layout.addWidget(self.details_stack)

    def retranslate_ui(self) -> None:
        # Called by the view, which then shows the chosen employer's counts again.
        self.empty_hint.setText(
            self.tr("Choose an employer to see its visits and contact persons.")
        )
        self.empty_hint.setAccessibleName(self.tr("No employer chosen"))
        self.employer_name.setAccessibleName(self.tr("Employer"))
        self.employer_facts.setAccessibleName(self.tr("Employer details"))
        self.visits.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Mode"),
                self.tr("Purpose"),
                self.tr("Participant"),
                self.tr("Outcome"),
                self.tr("Next step"),
            ]
        )
        self.visits.setAccessibleName(self.tr("Visit history"))
        self.persons.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Phone"), self.tr("Email")]
        )
        self.persons.setAccessibleName(self.tr("Contact persons"))
        self.tabs.setTabText(0, self.tr("Visits"))
        self.tabs.setTabText(1, self.tr("Contact persons"))
        self.tabs.setAccessibleName(self.tr("Employer details"))
        self.add_person_button.setText(self.tr("&Add person…"))
        self.add_person_button.setAccessibleName(self.tr("Add contact person"))
        self.edit_person_button.setText(self.tr("Ed&it person…"))
        self.edit_person_button.setAccessibleName(self.tr("Edit contact person"))
        self.remove_person_button.setText(self.tr("&Remove"))
        self.remove_person_button.setAccessibleName(self.tr("Remove contact person"))
        self.copy_person_button.setText(self.tr("&Copy details"))
        self.copy_person_button.setAccessibleName(self.tr("Copy contact details"))
        self.copy_person_button.setToolTip(
            self.tr("Copy name, phone and email (cleared from the clipboard when the app locks)")
        )
        self.visits_state.setAccessibleName(self.tr("Visit history status"))
        self.persons_state.setAccessibleName(self.tr("Contact persons status"))

    def show_nothing(self) -> None:
        self.details_stack.setCurrentIndex(0)

    def show_loading(self) -> None:
        """A newly chosen employer: empty tables until its details arrive."""
        self.visits.setRowCount(0)
        self.persons.setRowCount(0)
        self.details_stack.setCurrentIndex(1)

    def show_header(self, row: EmployerLine) -> None:
        self.employer_name.setText(row.name)
        fields = row.fields
        facts = []
        if row.org_number:
            facts.append(self.tr("Org. no. %1").replace("%1", format_org_number(row.org_number)))
        for key in ("industry", "address", "phone"):
            if fields.get(key):
                facts.append(str(fields[key]))
        self.employer_facts.setText("  ·  ".join(facts) or self.tr("No details recorded."))

    def show_details(self, details: EmployerDetails) -> None:
        self.visits.setRowCount(len(details.visits))
        for i, view in enumerate(details.visits):
            hidden = view.item.type == "employer_contact" and view.participant_label is None
            for col, text in enumerate(self.visit_cells(view)):
                item = QTableWidgetItem(text)
                if col in (4, 5):
                    item.setToolTip(text)
                if hidden and col == 3:
                    item.setForeground(self.palette().placeholderText())
                    item.setToolTip(
                        self.tr(
                            "The participant has not agreed to be named to this employer. "
                            "The visit is in their own record."
                        )
                    )
                self.visits.setItem(i, col, item)
            self.visits.item(i, 0).setData(ID_ROLE, view.item.id)
        self.visits_state.setText(
            self.tr("No visits logged yet.")
            if not details.visits
            else self.tr("%n visit(s)", "", len(details.visits))
        )
        self.persons.setRowCount(len(details.persons))
        for i, person in enumerate(details.persons):
            for col, key in enumerate(("name", "role", "phone", "email")):
                self.persons.setItem(i, col, QTableWidgetItem(str(person.fields.get(key) or "")))
            self.persons.item(i, 0).setData(ID_ROLE, person.id)
        self.persons_state.setText(
            self.tr("No contact persons yet.")
            if not details.persons
            else self.tr("%n contact person(s)", "", len(details.persons))
        )
        self.tabs.setTabText(0, self.tr("Visits (%1)").replace("%1", str(len(details.visits))))
        self.tabs.setTabText(
            1, self.tr("Contact persons (%1)").replace("%1", str(len(details.persons)))
        )

    def visit_cells(self, view: Visit) -> list[str]:
        """The visit history row: a participant is named only where disclosure allows."""
        f = view.item.fields
        date_text = format_date(f.get("date"))
        mode = choice_label(f.get("mode"))
        purpose = choice_label(f.get("purpose"))
        if view.item.type == "team_employer_contact":
            return [
                date_text,
                mode,
                purpose,
                self.tr("–"),
                str(f.get("outcome") or ""),
                str(f.get("next_step") or ""),
            ]
        if view.participant_label is None:
            # Not one word more about the participant: the write-up and the
            # next step are theirs and stay in their own record.
            return [date_text, mode, purpose, self.tr("(not disclosed)"), "", ""]
        return [
            date_text,
            mode,
            purpose,
            view.participant_label,
            str(f.get("outcome") or ""),
            str(f.get("next_step") or ""),
        ]
