"""Reports: IPS fidelity items and outcomes for a period and a job specialist, with charts.

The figures come from :mod:`app.indicators` and are built on the database
thread (a report over 100k records takes a moment); the view shows a quiet
"Building…" state meanwhile and keeps the last report visible. "No data" is
always shown as "–", never as 0. Choosing a figure lists the records behind
it: participants by name, contacts by date and employer. The CSV export holds
de-identified statistics only (see :mod:`ui.figures_csv`).

This module keeps the view. How figures and periods read is in
ui/reports_format.py, the records behind a figure in ui/reports_drill.py, the
charts (shared with the central view) in ui/charts.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import indicators as ind
from app import store_settings
from app.domain.access import TEAM_LEAD
from app.indicators import FidelityTotal, Figure, Period
from app.journal import ChangeEvent, Dataset, Journal
from app.operations import reports
from app.operations.reports import (
    PERIOD_KINDS,
    Report,
    ReportCancelled,
    recent_periods,
    report_from_dataset,
)
from ui.charts import BarChart
from ui.errors import describe
from ui.figures_csv import write_figures_csv
from ui.reports_drill import drill_down
from ui.reports_format import (
    band_label,
    figure_definition,
    figure_explanation,
    figure_label,
    format_basis,
    format_number,
    format_score,
    format_target,
    format_value,
    item_label,
    period_text,
)
from ui.tasks import TaskCancelled, TaskHandle, TaskRunner

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
# ------------------------------------------------------------------ building


def build_report(
    ds: Dataset,
    *,
    period: Period,
    job_specialist: str | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Report:
    """The report over ``ds`` (app.operations.reports), cancelled as a task is."""
    try:
        return report_from_dataset(
            ds, period=period, job_specialist=job_specialist, cancelled=cancelled
        )
    except ReportCancelled as exc:
        raise TaskCancelled from exc


# ------------------------------------------------------------------ the view


class ReportsView(QWidget):
    """IPS fidelity items and outcomes per period and job specialist, with charts.

    Signals:
        report_built(): a new report is shown (after a background build).
        report_failed(str): building failed; the message is shown.
    """

    report_built = Signal()
    report_failed = Signal(str)

    def __init__(
        self, *, journal: Journal, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.tasks = tasks
        self.report: Report | None = None
        self._handle: TaskHandle | None = None
        self._generation = 0
        self._stale = True
        self._closed = False
        self._current_key: str | None = None
        self._review_dialog: QWidget | None = None

        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.kind = QComboBox()
        for kind in PERIOD_KINDS:
            self.kind.addItem("", kind)
        self.kind.setCurrentIndex(PERIOD_KINDS.index("quarter"))
        self.period = QComboBox()
        self.specialist = QComboBox()
        self.specialist.addItem("", None)
        self.specialist.setMinimumContentsLength(16)
        # Items are renamed when the language changes: the boxes follow their texts
        # (the default sizes them once, and English "Quarter" showed as "Quarte").
        for box in (self.kind, self.period, self.specialist):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.export_button = QPushButton()
        # A team lead's laptop sends de-identified snapshots to the central team; they
        # go by themselves when a period closes, and by this button on demand.
        self.publish_button = QPushButton()
        self.publish_button.setVisible(self._may_publish())
        # A team lead rates the fidelity items nothing recorded can compute, per period,
        # and sets which exits stay out of the into-work share.
        self.review_button = QPushButton()
        self.review_button.setVisible(self.journal.role == TEAM_LEAD)
        self.state = QLabel()
        self.state.setObjectName("quietState")
        self.kind_label = QLabel()
        self.kind_label.setBuddy(self.kind)
        self.specialist_label = QLabel()
        self.specialist_label.setBuddy(self.specialist)
        bar = QHBoxLayout()
        bar.addWidget(self.kind_label)
        bar.addWidget(self.kind)
        bar.addWidget(self.period)
        bar.addSpacing(8)
        bar.addWidget(self.specialist_label)
        bar.addWidget(self.specialist)
        bar.addSpacing(12)
        bar.addWidget(self.state, 1)
        bar.addWidget(self.review_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.publish_button)

        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setItemsExpandable(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        self.drill_title = QLabel()
        self.drill_title.setObjectName("sectionTitle")
        self.drill_title.setWordWrap(True)
        self.drill_breakdown = QLabel()
        self.drill_breakdown.setObjectName("hint")
        self.drill_breakdown.setWordWrap(True)
        self.drill = QTableWidget(0, 0)
        self.drill.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.drill.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.drill.setAlternatingRowColors(True)
        self.drill.verticalHeader().hide()
        self.drill.setWordWrap(False)
        drill_box = QWidget()
        dl = QVBoxLayout(drill_box)
        dl.setContentsMargins(0, 4, 0, 0)
        dl.addWidget(self.drill_title)
        dl.addWidget(self.drill_breakdown)
        dl.addWidget(self.drill, 1)

        figures_box = QWidget()
        fl = QVBoxLayout(figures_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(self.tree, 1)
        self.left = left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(figures_box)
        left.addWidget(drill_box)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)

        self.into_work_chart = BarChart()
        self.employment_chart = BarChart()
        self.job_starts_chart = BarChart()
        self.chart_note = QLabel()
        self.chart_note.setObjectName("hint")
        self.chart_note.setWordWrap(True)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        for chart in (self.into_work_chart, self.employment_chart, self.job_starts_chart):
            rl.addWidget(chart, 1)
        rl.addWidget(self.chart_note)
        # The three charts need more height than a 768-pixel screen leaves under a long
        # summary (the fidelity line takes three): they scroll rather than squash.
        charts = QScrollArea()
        charts.setWidgetResizable(True)
        charts.setFrameShape(QFrame.Shape.NoFrame)
        charts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        charts.setWidget(right)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(charts)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self._sized = False

        self._building_timer = QTimer(self)
        self._building_timer.setSingleShot(True)
        self._building_timer.setInterval(300)  # quick builds don't flash a message
        self._building_timer.timeout.connect(self._show_building)
        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.setInterval(1500)
        self._change_timer.timeout.connect(self.refresh)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.specialist.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tree.currentItemChanged.connect(self._figure_chosen)
        self.tree.itemClicked.connect(lambda item, _col: self._figure_chosen(item))
        self.export_button.clicked.connect(self.export_csv)
        self.publish_button.clicked.connect(self.publish_now)
        self.review_button.clicked.connect(self.open_review)

        self.setTabOrder(self.kind, self.period)
        self.setTabOrder(self.period, self.specialist)
        self.setTabOrder(self.specialist, self.review_button)
        self.setTabOrder(self.review_button, self.export_button)
        self.setTabOrder(self.export_button, self.publish_button)
        self.setTabOrder(self.publish_button, self.tree)
        self.setTabOrder(self.tree, self.drill)
        self._fill_periods()
        self.retranslate_ui()
        self._update_export()

    # ---------------------------------------------------------------- texts

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Reports"))
        for i, text in enumerate((self.tr("Month"), self.tr("Quarter"), self.tr("Year"))):
            self.kind.setItemText(i, text)
        self.kind_label.setText(self.tr("&Period"))
        self.specialist_label.setText(self.tr("&Job specialist"))
        self.kind.setAccessibleName(self.tr("Kind of period"))
        self.period.setAccessibleName(self.tr("Period"))
        self.specialist.setAccessibleName(self.tr("Job specialist"))
        self.specialist.setItemText(0, self.tr("All job specialists"))
        for i in range(self.period.count()):
            self.period.setItemText(i, period_text(Period.parse(self.period.itemData(i))))
        self.review_button.setText(self.tr("&Fidelity review…"))
        self.review_button.setToolTip(
            self.tr(
                "Rate the fidelity items the records cannot show for this period, and choose "
                "which exits stay out of the into-work share"
            )
        )
        self.export_button.setText(self.tr("&Export CSV…"))
        self.export_button.setAccessibleName(self.tr("Export figures as CSV"))
        self.export_button.setToolTip(
            self.tr("Save the figures as de-identified statistics (no names)")
        )
        self.publish_button.setText(self.tr("Send to the &central team"))
        self.publish_button.setToolTip(
            self.tr(
                "Send this period's de-identified figures to the central team now (they are "
                "also sent by themselves when a month or quarter has closed)"
            )
        )
        self.state.setAccessibleName(self.tr("Report status"))
        self.summary.setAccessibleName(self.tr("Fidelity summary"))
        self.tree.setHeaderLabels(
            [
                self.tr("Indicator"),
                self.tr("Value"),
                self.tr("Score"),
                self.tr("Target"),
            ]
        )
        self.tree.setAccessibleName(self.tr("Indicators"))
        self.tree.setAccessibleDescription(
            self.tr("Choose an indicator to list the records behind it.")
        )
        self.drill.setAccessibleName(self.tr("Records behind the chosen indicator"))
        self.drill_breakdown.setAccessibleName(self.tr("Breakdown"))
        self.into_work_chart.setAccessibleName(self.tr("Chart: into work per quarter"))
        self.employment_chart.setAccessibleName(self.tr("Chart: employment rate per quarter"))
        self.job_starts_chart.setAccessibleName(self.tr("Chart: job starts per month"))
        self.chart_note.setAccessibleName(self.tr("Chart notes"))
        if self.report is not None:
            self._show_report(self.report)
        else:
            self.summary.setText(self.tr("The report is built when you open this page."))
            self._show_drill(None)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -------------------------------------------------------------- choices

    def _fill_periods(self) -> None:
        kind = str(self.kind.currentData())
        self.period.blockSignals(True)
        self.period.clear()
        for p in recent_periods(kind, self.journal.today()):
            self.period.addItem(period_text(p), p.label)
        self.period.setCurrentIndex(0)
        self.period.blockSignals(False)

    def _kind_changed(self, _index: int) -> None:
        self._fill_periods()
        self.refresh()

    def selected_period(self) -> Period:
        return Period.parse(str(self.period.currentData()))

    def selected_job_specialist(self) -> str | None:
        data = self.specialist.currentData()
        return None if data is None else str(data)

    def set_period(self, period: Period) -> None:
        """Choose a period (its kind is chosen to match); builds the report."""
        label = period.label
        kind = "quarter" if "Q" in label else "month" if len(label) == 7 else "year"
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(PERIOD_KINDS.index(kind))
        self.kind.blockSignals(False)
        self._fill_periods()
        index = self.period.findData(label)
        if index < 0:
            self.period.addItem(period_text(period), label)
            index = self.period.count() - 1
        self.period.blockSignals(True)
        self.period.setCurrentIndex(index)
        self.period.blockSignals(False)
        self.refresh()

    def set_job_specialist(self, name: str | None) -> None:
        index = self.specialist.findData(name) if name is not None else 0
        if index < 0 and name is not None:
            self.specialist.addItem(name, name)
            index = self.specialist.count() - 1
        if index == self.specialist.currentIndex():
            self.refresh()
        else:
            self.specialist.setCurrentIndex(index)  # refreshes

    # ------------------------------------------------------------- building

    def is_building(self) -> bool:
        return self._handle is not None

    def refresh(self) -> None:
        """Build the report for the chosen period and job specialist in the background."""
        if self._closed:
            return
        self._change_timer.stop()
        if self._handle is not None:
            self._handle.cancel()
        self._generation += 1
        generation = self._generation
        self._stale = False
        period = self.selected_period()
        job_specialist = self.selected_job_specialist()
        journal = self.journal

        def task(_progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Report:
            try:
                return reports.build_report(
                    journal, period=period, job_specialist=job_specialist, cancelled=cancelled
                )
            except ReportCancelled as exc:
                raise TaskCancelled from exc

        handle: TaskHandle

        def settle() -> bool:
            if self._handle is handle:
                self._handle = None
                self._building_timer.stop()
                self.tree.setEnabled(True)
                self._update_export()
            return not self._closed and generation == self._generation

        def done(report: Report) -> None:
            if settle():
                self._show_report(report)
                self.report_built.emit()

        def failed(exc: BaseException) -> None:
            if settle():
                message = describe(exc)
                self.state.setText(message)
                self.report_failed.emit(message)

        def on_cancelled() -> None:
            settle()

        handle = self.tasks.run(task, on_done=done, on_error=failed, on_cancel=on_cancelled)
        self._handle = handle
        self._building_timer.start()
        self._update_export()

    def _show_building(self) -> None:
        if self._handle is not None:
            self.state.setText(self.tr("Building…"))
            self.tree.setEnabled(False)

    # -------------------------------------------------------------- showing

    def _show_report(self, report: Report) -> None:
        self.report = report
        self._update_specialists(report.job_specialists)
        scope = report.job_specialist or self.tr("all job specialists")
        self.state.setText(
            self.tr("%1 · %2").replace("%1", period_text(report.period)).replace("%2", scope)
        )
        self._show_summary(report.total)
        keep = self._current_key
        self.tree.blockSignals(True)
        self.tree.clear()
        groups = (("fidelity", self.tr("Fidelity items")), ("outcome", self.tr("Outcomes")))
        current: QTreeWidgetItem | None = None
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for group, title in groups:
            head = QTreeWidgetItem([title])
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            for f in report.figures:
                if f.group != group:
                    continue
                item = QTreeWidgetItem(
                    [
                        figure_label(f),
                        format_value(f.value, f.unit, signed=f.unit == "points"),
                        format_score(f),
                        format_target(f),
                    ]
                )
                item.setData(0, KEY_ROLE, f.key)
                item.setToolTip(0, figure_explanation(f) or figure_label(f))
                # What the value rests on ("7 of 9") is in the tooltip and the drill-down.
                item.setToolTip(1, format_basis(f))
                for col in (1, 2, 3):
                    item.setTextAlignment(
                        col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if f.score is not None and f.score <= 2:
                    item.setForeground(2, QColor("#9b1c1c"))
                head.addChild(item)
                if definition := figure_definition(f):
                    # What is counted, right under the figure (the whole rule: tooltip).
                    line = QTreeWidgetItem([definition])
                    line.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    line.setForeground(0, QColor("#555555"))
                    small = QFont(self.tree.font())
                    small.setItalic(True)
                    line.setFont(0, small)
                    line.setToolTip(0, figure_explanation(f))
                    item.addChild(line)
                    line.setFirstColumnSpanned(True)
                    item.setExpanded(True)
                if f.key == keep:
                    current = item
            head.setExpanded(True)
        self.tree.blockSignals(False)
        if current is not None:
            self.tree.setCurrentItem(current)
        self._show_drill(report.figure(keep) if keep else None)
        self._show_charts(report)
        self._update_export()

    def _show_summary(self, total: FidelityTotal) -> None:
        if total.items_scored == 0:
            self.summary.setText(self.tr("No fidelity item could be scored for this period."))
            return

        def named(keys: tuple[str, ...]) -> str:
            return ", ".join(item_label(k) for k in keys)

        if not total.partial and total.band is not None:
            text = (
                self.tr("Fidelity (IPS-25): %1 of 125 points, %2")
                .replace("%1", str(total.points))
                .replace("%2", band_label(total.band))
            )
        else:
            text = (
                self.tr("Fidelity (IPS-25), partial: %1 of %2 points on %3 of 25 items")
                .replace("%1", str(total.points))
                .replace("%2", str(total.max_points))
                .replace("%3", str(total.items_scored))
            )
        parts = [
            self.tr("computed from the records: %1").replace("%1", str(len(total.computed))),
            self.tr("rated by the team lead: %1").replace("%1", str(len(total.rated))),
        ]
        if total.no_data:
            parts.append(self.tr("no data this period: %1").replace("%1", named(total.no_data)))
        if total.unrated:
            parts.append(self.tr("not rated yet: %1").replace("%1", named(total.unrated)))
        text += " – " + "; ".join(parts) + "."
        if total.partial and total.projected_points is not None and total.projected_band:
            text += " " + (
                self.tr("Estimate for the full scale: %1 of 125 (%2), not a fidelity review.")
                .replace("%1", format_number(total.projected_points, 0))
                .replace("%2", band_label(total.projected_band))
            )
        self.summary.setText(text)

    def _update_specialists(self, names: Sequence[str]) -> None:
        current = self.selected_job_specialist()
        wanted = [None, *names]
        if current is not None and current not in names:
            wanted.append(current)
        have = [self.specialist.itemData(i) for i in range(self.specialist.count())]
        if have == wanted:
            return
        self.specialist.blockSignals(True)
        while self.specialist.count() > 1:
            self.specialist.removeItem(1)
        for name in wanted[1:]:
            self.specialist.addItem(str(name), name)
        self.specialist.setCurrentIndex(
            max(0, self.specialist.findData(current)) if current is not None else 0
        )
        self.specialist.blockSignals(False)

    def _figure_chosen(self, item: QTreeWidgetItem | None, *_: object) -> None:
        key = item.data(0, KEY_ROLE) if item is not None else None
        if key is None or self.report is None:
            return
        self._current_key = str(key)
        self._show_drill(self.report.figure(str(key)))

    def open_drill_down(self, key: str) -> bool:
        """Choose a figure and list the records behind it (as a click does)."""
        items = [
            self.tree.topLevelItem(g).child(c)
            for g in range(self.tree.topLevelItemCount())
            for c in range(self.tree.topLevelItem(g).childCount())
        ]
        item = next((i for i in items if i.data(0, KEY_ROLE) == key), None)
        if item is None:
            return False
        self.tree.setCurrentItem(item)
        self._figure_chosen(item)
        return True

    def _show_drill(self, figure: Figure | None) -> None:
        if figure is None or self.report is None:
            self.drill_title.setText(self.tr("Records behind a figure"))
            self.drill_breakdown.setText(
                self.tr("Choose an indicator to list the participants or contacts behind it.")
            )
            self.drill.clear()
            self.drill.setRowCount(0)
            self.drill.setColumnCount(0)
            return
        headers, rows, breakdown = drill_down(self.report, figure)
        self.drill_title.setText(figure_label(figure))
        facts = [format_value(figure.value, figure.unit, signed=figure.unit == "points")]
        if basis := format_basis(figure):
            facts.append(basis)
        if target := format_target(figure):
            facts.append(self.tr("target %1").replace("%1", target))
        facts.append(self.tr("%n record(s)", "", len(rows)))
        lines = [" · ".join(facts)]
        if definition := figure_explanation(figure):
            lines.append(definition)
        if breakdown:
            lines.append(breakdown)
        if not rows:
            lines.append(self.tr("No records behind this figure in the period."))
        self.drill_breakdown.setText("\n".join(lines))
        self.drill.clear()
        self.drill.setColumnCount(len(headers))
        self.drill.setHorizontalHeaderLabels(headers)
        self.drill.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row.cells):
                item = QTableWidgetItem(text)
                item.setData(KEY_ROLE, row.record_id)
                self.drill.setItem(r, c, item)
        header = self.drill.horizontalHeader()
        for c in range(len(headers)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        if headers:
            # The name (or date and employer) gets the room; short columns stay short.
            wide = 1 if figure.record_type == "contact" else 0
            header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Stretch)

    def drill_rows(self) -> list[list[str]]:
        """The drill-down list as text (for tests and screen readers' summaries)."""
        return [
            [self.drill.item(r, c).text() for c in range(self.drill.columnCount())]
            for r in range(self.drill.rowCount())
        ]

    def _show_charts(self, report: Report) -> None:
        notes = []

        def series(
            chart: BarChart,
            points: list[tuple[Period, Figure]],
            *,
            title: str,
            name: str,
            unit: str,
            target: float | None = None,
            target_name: str = "",
        ) -> None:
            categories = [period_text(p, short=True) for p, _ in points]
            values = [f.value for _, f in points]
            chart.show_series(
                title=title,
                series_name=name,
                categories=categories,
                values=values,
                unit=unit,
                target=target,
                target_name=target_name,
            )
            chart.setAccessibleDescription(
                "; ".join(f"{period_text(p)}: {format_value(f.value, f.unit)}" for p, f in points)
            )
            missing = [period_text(p, short=True) for p, f in points if f.value is None]
            if missing:
                notes.append(
                    self.tr("%1: no data for %2")
                    .replace("%1", name)
                    .replace("%2", ", ".join(missing))
                )

        target = ind.INTO_WORK_TARGET
        series(
            self.into_work_chart,
            report.into_work,
            title=self.tr("Into work per quarter"),
            name=self.tr("Into work"),
            unit="%",
            target=target,
            target_name=self.tr("Target %1 %").replace("%1", format_number(target, 0)),
        )
        average = dict(ind.EMPLOYMENT_RATE_BENCHMARKS).get("average")
        series(
            self.employment_chart,
            report.employment_rate,
            title=self.tr("Employment rate per quarter"),
            name=self.tr("Employment rate"),
            unit="%",
            target=average,
            target_name=self.tr("IPS average %1 %").replace("%1", format_number(average or 0, 0)),
        )
        series(
            self.job_starts_chart,
            report.job_starts,
            title=self.tr("Job starts per month, %1–%2")
            .replace("%1", period_text(report.job_starts[0][0], short=True, with_year=True))
            .replace("%2", period_text(report.job_starts[-1][0], short=True, with_year=True)),
            name=self.tr("Job starts"),
            unit="count",
        )
        self.chart_note.setText("\n".join(notes))
        self.chart_note.setVisible(bool(notes))

    # -------------------------------------------------------------- export

    def _update_export(self) -> None:
        self.export_button.setEnabled(self.report is not None and self._handle is None)
        self.publish_button.setEnabled(
            self._may_publish() and self.kind.currentData() in ("month", "quarter")
        )

    def _may_publish(self) -> bool:
        """A team lead's laptop that is enrolled with a server (it knows its team)."""
        store = self.journal.store
        return (
            self.journal.role == TEAM_LEAD
            and not store.locked
            and store_settings.team_id(store) is not None
        )

    def publish_now(self) -> None:
        """Write this period's snapshot (next revision); the next sync round sends it."""
        if not self._may_publish():
            return
        period = self.selected_period()
        journal = self.journal
        self.publish_button.setEnabled(False)

        def task(_p: Callable[[int, int], None], _c: Callable[[], bool]) -> int:
            from app.central import publish

            return publish(journal, period).revision

        def done(revision: object) -> None:
            if self._closed:
                return
            self._update_export()
            self.state.setText(
                self.tr("The figures for %1 go to the central team at the next sync (version %2).")
                .replace("%1", period_text(period, with_year=True))
                .replace("%2", str(revision))
            )
            journal.notify_external({"report_snapshot"})  # wakes the sync engine

        def failed(exc: BaseException) -> None:
            if self._closed:
                return
            self._update_export()
            self.state.setText(describe(exc))

        self.tasks.run(task, on_done=done, on_error=failed)

    def open_review(self) -> None:
        """The team lead's fidelity review of the shown period; the report rebuilds after."""
        from ui.fidelity_dialog import FidelityReviewDialog

        dialog = FidelityReviewDialog(
            journal=self.journal, tasks=self.tasks, period=self.selected_period(), parent=self
        )
        dialog.saved.connect(self.refresh)
        # The one opened before goes now (deleted when closed, a read still landing
        # would find it gone).
        if self._review_dialog is not None:
            self._review_dialog.deleteLater()
        self._review_dialog = dialog
        dialog.open()

    def suggested_file_name(self) -> str:
        period = self.report.period.label if self.report else "report"
        return f"feltjournal-figures-{period}.csv"

    def export_csv(self) -> None:
        if self.report is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export figures"),
            str(Path.home() / self.suggested_file_name()),
            self.tr("CSV files (*.csv)"),
        )
        if path:
            self.save_csv(Path(path))

    def save_csv(self, path: Path) -> bool:
        """Write the shown figures as de-identified CSV; the outcome shows in the status."""
        report = self.report
        if report is None:
            return False
        try:
            rows = write_figures_csv(
                path,
                report.figures,
                period=report.period,
                job_specialist=report.job_specialist,
                key=self.journal.team_space or "feltjournal",
            )
        except OSError as exc:
            self.state.setText(
                self.tr("The file could not be saved: %1").replace(
                    "%1", exc.strerror or type(exc).__name__
                )
            )
            return False
        except Exception as exc:  # describe() tells known failures from bugs
            self.state.setText(describe(exc))
            return False
        self.state.setText(self.tr("Saved %n figure(s) to %1.", "", rows).replace("%1", path.name))
        return True

    # ---------------------------------------------------------- the workspace

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        if not self._sized:
            # Figures and their records get most of the width; charts the rest.
            self._sized = True
            width = max(self.splitter.width(), 800)
            self.splitter.setSizes([int(width * 0.58), int(width * 0.42)])
            height = max(self.left.height(), 400)
            self.left.setSizes([int(height * 0.62), int(height * 0.38)])
        if self._stale and not self._closed:
            self.refresh()

    def on_change(self, event: ChangeEvent) -> None:
        """Any change may move a figure: rebuild soon if shown, else when next shown."""
        if self._closed or not event.kinds:
            return
        self._stale = True
        if self.isVisible():
            self._change_timer.start()

    def shutdown(self) -> None:
        """Cancel the build and drop the report (it holds names) before the journal locks."""
        self._closed = True
        self._change_timer.stop()
        self._building_timer.stop()
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self.report = None
        self.tree.clear()
        self.drill.clear()
        self.drill.setRowCount(0)
