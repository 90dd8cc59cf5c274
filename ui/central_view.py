"""The central team's view: teams side by side, trends, into-work against 80 %, fidelity items.

It reads only report snapshots (``app.central``): a central device holds no
participant key, so there is nothing else to read. Loading (decrypting and
verifying the snapshots) runs on the task runner; filtering and charts work on
the loaded :class:`CentralData`.

A team with no snapshot for the period shows as *missing* (never as zero); a
suppressed cell shows as "< 5"; the national row sums the teams' counts and says
when a team's suppressed or missing cell is not in it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.central import CentralData, Filters
from app.central.aggregate import (
    FIDELITY_ITEMS,
    MISSING,
    Cell,
    TeamRow,
    central_data,
    team_fidelity_points,
)
from app.central.export import report_rows, write_csv
from app.central.snapshot import PublishedFigure, Suppressed, is_number
from app.indicators import INTO_WORK_TARGET, Period
from app.journal import ChangeEvent, Journal
from app.owner_files import write_text_owner_only
from ui.central_format import (
    SIDE_BY_SIDE,
    bands_display,
    cell_display,
    figure_name,
    national_display,
    short_figure_name,
)
from ui.charts import BAR_COLOUR, TARGET_COLOUR, BarChart, ChartPanel, TrendChart, wrapped_label
from ui.errors import describe
from ui.reports_format import period_text
from ui.tasks import TaskHandle, TaskRunner

CHART_FIGURES: tuple[str, ...] = (
    "into_work",
    "employment_rate",
    "job_starts",
    "caseload",
    "four_week_rule",
    "collaboration_meetings",
)
TREND_PERIODS = 8
_MISSING_COLOUR = QColor("#8a6d3b")
_BELOW_TARGET = QColor("#9b2c2c")
TEAM_ROLE = Qt.ItemDataRole.UserRole + 1
# The team table: the team's name, a column per figure of SIDE_BY_SIDE, fidelity.
FIRST_FIGURE_COLUMN = 1
FIDELITY_COLUMN = FIRST_FIGURE_COLUMN + len(SIDE_BY_SIDE)


class CentralView(QWidget):
    """Every team's reported figures for a period, filtered, with charts and exports.

    Signals:
        data_loaded(): the snapshots were read (or re-read) and are shown.
        load_failed(str): reading failed; the message is shown.
    """

    data_loaded = Signal()
    load_failed = Signal(str)

    def __init__(
        self, *, journal: Journal, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.tasks = tasks
        self.data = CentralData()
        self.unreadable = 0
        self._handle: TaskHandle | None = None
        self._stale = True
        self._closed = False

        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.kind = QComboBox()
        self.kind.addItem("", "quarter")
        self.kind.addItem("", "month")
        self.period = QComboBox()
        self.programme = QComboBox()
        self.region = QComboBox()
        for box in (self.kind, self.period, self.programme, self.region):
            # Sized by their texts, also after a change of language.
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_label = QLabel()
        self.kind_label.setBuddy(self.kind)
        self.programme_label = QLabel()
        self.programme_label.setBuddy(self.programme)
        self.region_label = QLabel()
        self.region_label.setBuddy(self.region)
        self.csv_button = QPushButton()
        self.pdf_button = QPushButton()
        self.state = QLabel()
        self.state.setObjectName("quietState")
        bar = QHBoxLayout()
        for w in (self.kind_label, self.kind, self.period):
            bar.addWidget(w)
        bar.addSpacing(8)
        bar.addWidget(self.programme_label)
        bar.addWidget(self.programme)
        bar.addWidget(self.region_label)
        bar.addWidget(self.region)
        bar.addSpacing(12)
        bar.addWidget(self.state, 1)
        bar.addWidget(self.csv_button)
        bar.addWidget(self.pdf_button)

        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)

        self.teams = QTableWidget(0, FIDELITY_COLUMN + 1)
        self.teams.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.teams.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.teams.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.teams.verticalHeader().setVisible(False)
        # Every figure shows beside the charts on a laptop (1366x768): the figures'
        # columns are as wide as their short headings and numbers (the full name and
        # unit in the heading's tooltip), and the team's name takes the width left, cut
        # at the end (whole, with programme and region, in its tooltip).
        header = self.teams.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.teams.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.teams.setWordWrap(False)

        self.fidelity_title = QLabel()
        self.fidelity_title.setObjectName("sectionTitle")
        self.fidelity = QTableWidget(0, 4)
        self.fidelity.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fidelity.verticalHeader().setVisible(False)
        self.fidelity.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.fidelity.horizontalHeader().setStretchLastSection(True)

        self.chart_figure = QComboBox()
        for key in CHART_FIGURES:
            self.chart_figure.addItem("", key)
        self.chart_figure_label = QLabel()
        self.chart_figure_label.setBuddy(self.chart_figure)
        self.chart_teams = BarChart()
        self.chart_trend = BarChart()
        self.chart_lines = TrendChart()
        # Titles and legends beside the charts wrap (in a chart Qt cuts them to fit),
        # and a chart with nothing to draw says so instead of showing empty axes.
        self.teams_panel = ChartPanel(self.chart_teams)
        self.lines_panel = ChartPanel(self.chart_lines)
        self.trend_panel = ChartPanel(self.chart_trend)
        self.chart_note = QLabel()
        self.chart_note.setObjectName("hint")
        self.chart_note.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.teams, 3)
        left_layout.addWidget(self.fidelity_title)
        left_layout.addWidget(self.fidelity, 4)
        right = QWidget()
        grid = QGridLayout(right)
        grid.setContentsMargins(0, 0, 0, 0)
        chooser = QHBoxLayout()
        chooser.addWidget(self.chart_figure_label)
        chooser.addWidget(self.chart_figure, 1)
        grid.addLayout(chooser, 0, 0)
        grid.addWidget(self.teams_panel, 1, 0)
        grid.addWidget(self.lines_panel, 2, 0)
        grid.addWidget(self.trend_panel, 3, 0)
        grid.addWidget(self.chart_note, 4, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self._sized = False

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.splitter, 1)

        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.setInterval(300)
        self._change_timer.timeout.connect(self.refresh)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.period.currentIndexChanged.connect(self._show)
        self.programme.currentIndexChanged.connect(self._show)
        self.region.currentIndexChanged.connect(self._show)
        self.teams.currentCellChanged.connect(self._row_chosen)
        # Until the user picks a chart, it shows the first figure any team reports for
        # the period (small teams' into-work counts are often all hidden as "< 5"); the
        # automatic pick changes the combo with its signals blocked.
        self._chart_picked = False
        self.chart_figure.currentIndexChanged.connect(self._chart_chosen)
        self.csv_button.clicked.connect(self.export_csv)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.retranslate_ui()
        self._update_buttons()

    # ----------------------------------------------------------------- texts

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Central reporting"))
        self.kind.setItemText(0, self.tr("Quarter"))
        self.kind.setItemText(1, self.tr("Month"))
        self.kind_label.setText(self.tr("&Period:"))
        self.programme_label.setText(self.tr("P&rogramme:"))
        self.region_label.setText(self.tr("R&egion:"))
        self.csv_button.setText(self.tr("Export &CSV…"))
        self.pdf_button.setText(self.tr("PDF &summary…"))
        self.chart_figure_label.setText(self.tr("C&hart:"))
        for i in range(self.chart_figure.count()):
            self.chart_figure.setItemText(i, figure_name(str(self.chart_figure.itemData(i))))
        self.note.setText(
            self.tr(
                "De-identified figures the teams have sent. “< 5”: hidden because it rests "
                "on fewer than five people; “missing”: the team has not reported for the "
                "period. * The national total leaves out teams whose figure is hidden or missing."
            )
        )
        self.teams.setHorizontalHeaderLabels(
            [
                self.tr("Team"),
                *(short_figure_name(k) for k in SIDE_BY_SIDE),
                self.tr("Fidelity"),
            ]
        )
        tips = {c: figure_name(k) for c, k in enumerate(SIDE_BY_SIDE, start=FIRST_FIGURE_COLUMN)}
        tips[FIDELITY_COLUMN] = self.tr(
            "Fidelity (partial): points on the items the team's report measures"
        )
        for c, tip in tips.items():
            header = self.teams.horizontalHeaderItem(c)
            if header is not None:
                header.setToolTip(tip)
        self.fidelity.setHorizontalHeaderLabels(
            [self.tr("Fidelity item"), self.tr("Value"), self.tr("Score"), self.tr("Score bands")]
        )
        self._fill_filters()
        self._show()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        """Read and verify the snapshots in the background."""
        if self._closed:
            return
        self._stale = False
        if self._handle is not None:
            self._handle.cancel()
        store = self.journal.store

        def task(_p: Callable[[int, int], None], _c: Callable[[], bool]) -> object:
            return central_data(store)

        handle: TaskHandle

        def done(result: object) -> None:
            if self._handle is handle:
                self._handle = None
            if self._closed:
                return
            data, unreadable = cast(tuple[CentralData, int], result)
            self.set_data(data, unreadable=unreadable)
            self.data_loaded.emit()

        def failed(exc: BaseException) -> None:
            if self._handle is handle:
                self._handle = None
            if not self._closed:
                message = describe(exc)
                self.state.setText(message)
                self.load_failed.emit(message)

        handle = self.tasks.run(task, on_done=done, on_error=failed)
        self._handle = handle
        self.state.setText(self.tr("Reading the reports…"))

    def set_data(self, data: CentralData, *, unreadable: int = 0) -> None:
        """Show ``data`` (also for tests and the demo)."""
        self.data = data
        self.unreadable = unreadable
        self._fill_filters()
        self._show()

    # ------------------------------------------------------------------ filters

    def _fill_filters(self) -> None:
        for combo, values in (
            (self.programme, self.data.programmes()),
            (self.region, self.data.regions()),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All"), None)
            for v in values:
                combo.addItem(v, v)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._fill_periods()

    def _fill_periods(self) -> None:
        kind = self.kind.currentData()
        current = self.period.currentData()
        self.period.blockSignals(True)
        self.period.clear()
        for label in reversed(self.data.periods(kind)):
            self.period.addItem(period_text(Period.parse(label)), label)
        index = self.period.findData(current)
        self.period.setCurrentIndex(index if index >= 0 else 0)
        self.period.blockSignals(False)

    def _kind_changed(self, _index: int) -> None:
        self._fill_periods()
        self._show()

    def filters(self) -> Filters:
        programme = self.programme.currentData()
        region = self.region.currentData()
        return Filters(
            programmes=frozenset({programme}) if programme else None,
            regions=frozenset({region}) if region else None,
        )

    def selected_period(self) -> str | None:
        data = self.period.currentData()
        return str(data) if data else None

    def set_period(self, label: str) -> None:
        kind = "quarter" if "Q" in label else "month"
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.period.setCurrentIndex(self.period.findData(label))

    def set_programme(self, programme: str | None) -> None:
        self.programme.setCurrentIndex(max(self.programme.findData(programme), 0))

    def set_region(self, region: str | None) -> None:
        self.region.setCurrentIndex(max(self.region.findData(region), 0))

    # ------------------------------------------------------------------ showing

    def rows(self) -> list[TeamRow]:
        period = self.selected_period()
        return [] if period is None else self.data.rows(period, self.filters())

    def _show(self) -> None:
        period = self.selected_period()
        self._update_buttons()
        if self.data.empty or period is None:
            self.teams.setRowCount(0)
            self.fidelity.setRowCount(0)
            self.state.setText(
                self.tr("No reports on this computer yet: they arrive when the teams have synced.")
            )
            self._show_charts()
            return
        rows = self.rows()
        missing = sum(1 for r in rows if r.missing)
        state = self.tr("%n team(s)", "", len(rows))
        if missing:
            state += " · " + self.tr("%n without a report", "", missing)
        if self.unreadable:
            state += " · " + self.tr("%n report(s) could not be verified", "", self.unreadable)
        self.state.setText(state)
        self.teams.setRowCount(len(rows) + 1)
        for i, row in enumerate(rows):
            self._fill_team_row(i, row)
        self._fill_national_row(len(rows), period)
        self.teams.setCurrentCell(len(rows), 0)
        self._show_fidelity(None)
        self._show_charts()

    def _item(self, text: str, *, align_right: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if align_right:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _fill_team_row(self, i: int, row: TeamRow) -> None:
        name = self._item(row.team.display_name)  # cut when narrow: whole in the tooltip
        name.setToolTip(f"{row.team.display_name}\n{self._where(row)}")
        name.setData(TEAM_ROLE, row.team.id)
        self.teams.setItem(i, 0, name)
        for c, key in enumerate(SIDE_BY_SIDE, start=FIRST_FIGURE_COLUMN):
            f = row.figure(key)
            value: Cell = MISSING if row.missing else (f.value if f else None)
            unit = f.unit if f else ""
            item = self._item(cell_display(value, unit, bare=True), align_right=True)
            if value is MISSING:
                item.setForeground(QBrush(_MISSING_COLOUR))
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            elif key == "into_work" and is_number(value) and float(value) < INTO_WORK_TARGET:
                item.setForeground(QBrush(_BELOW_TARGET))
            if f is not None:
                whole = cell_display(value, unit)  # with its unit, which the cell leaves out
                item.setToolTip("\n".join(t for t in (whole, self._basis(f)) if t))
            self.teams.setItem(i, c, item)
        fid = self._item("", align_right=True)
        if row.figures is None:
            fid.setText(cell_display(MISSING, ""))
        else:
            points, items = team_fidelity_points(row.figures.team)
            fid.setText(
                self.tr("%1 of %2").replace("%1", str(points)).replace("%2", str(5 * items))
            )
        self.teams.setItem(i, FIDELITY_COLUMN, fid)

    def _where(self, row: TeamRow) -> str:
        """ "IPS · Øst": the team's programme and region."""
        return " · ".join(t for t in (row.team.programme, row.team.region) if t)

    def _basis(self, f: PublishedFigure) -> str:
        if f.numerator is not None and f.denominator is not None and f.unit == "%":
            return (
                self.tr("%1 of %2")
                .replace("%1", cell_display(f.numerator, "count"))
                .replace("%2", cell_display(f.denominator, "count"))
            )
        if f.n is not None:
            return self.tr("n = %1").replace("%1", cell_display(f.n, "count"))
        return ""

    def _fill_national_row(self, i: int, period: str) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        name = self._item(self.tr("National"))
        name.setFont(bold)
        name.setToolTip(self.tr("National (sum of teams)"))
        self.teams.setItem(i, 0, name)
        for c, key in enumerate(SIDE_BY_SIDE, start=FIRST_FIGURE_COLUMN):
            nat = self.data.national(key, period, self.filters())
            item = self._item(national_display(nat, bare=True), align_right=True)
            item.setFont(bold)
            item.setToolTip(
                national_display(nat)  # with its unit
                + "\n"
                + self.tr("Summed over %n team(s)", "", nat.teams_counted)
                + (
                    "; "
                    + self.tr(
                        "%n hidden or missing left out",
                        "",
                        nat.teams_suppressed + nat.teams_missing,
                    )
                    if nat.partial
                    else ""
                )
            )
            self.teams.setItem(i, c, item)
        self.teams.setItem(i, FIDELITY_COLUMN, self._item(""))

    def _row_chosen(self, row: int, *_: object) -> None:
        item = self.teams.item(row, 0)
        team = item.data(TEAM_ROLE) if item is not None else None
        self._show_fidelity(str(team) if team else None)

    def _show_fidelity(self, team_id: str | None) -> None:
        period = self.selected_period()
        if period is None:
            return
        figures: dict[str, PublishedFigure] | None = None
        if team_id is not None:
            row = next((r for r in self.rows() if r.team.id == team_id), None)
            if row is not None and row.figures is not None:
                figures = row.figures.team
            name = f"{row.team.display_name} ({self._where(row)})" if row else ""
            self.fidelity_title.setText(self.tr("Fidelity items: %1").replace("%1", name))
        else:
            self.fidelity_title.setText(self.tr("Fidelity items: national (sum of teams)"))
        self.fidelity.setRowCount(len(FIDELITY_ITEMS))
        for i, key in enumerate(FIDELITY_ITEMS):
            if team_id is None:
                nat = self.data.national(key, period, self.filters())
                value_text = national_display(nat)
                score = nat.score
                score_text = "–" if score is None else self.tr("%1 / 5").replace("%1", str(score))
            elif figures is None:
                value_text = score_text = cell_display(MISSING, "")
            else:
                f = figures.get(key)
                value_text = cell_display(f.value if f else None, f.unit if f else "")
                s = f.score if f else None
                score_text = (
                    str(s)
                    if isinstance(s, Suppressed)
                    else ("–" if s is None else self.tr("%1 / 5").replace("%1", str(s)))
                )
            bands = bands_display(key)
            self.fidelity.setItem(i, 0, self._item(figure_name(key)))
            self.fidelity.setItem(i, 1, self._item(value_text, align_right=True))
            self.fidelity.setItem(i, 2, self._item(score_text, align_right=True))
            self.fidelity.setItem(i, 3, self._item(bands))

    # ------------------------------------------------------------------ charts

    def trend_periods(self) -> list[str]:
        period = self.selected_period()
        kind = self.kind.currentData()
        labels = self.data.periods(kind)
        if period not in labels:
            return labels[-TREND_PERIODS:]
        end = labels.index(period) + 1
        return labels[max(0, end - TREND_PERIODS) : end]

    def _chart_chosen(self, _index: int) -> None:
        self._chart_picked = True
        self._show_charts()

    def _first_chart_with_values(self) -> None:
        if self._chart_picked:
            return
        rows = self.rows()
        for i in range(self.chart_figure.count()):
            key = str(self.chart_figure.itemData(i))
            if any(self._number(r.value(key)) is not None for r in rows):
                if i != self.chart_figure.currentIndex():
                    self.chart_figure.blockSignals(True)
                    self.chart_figure.setCurrentIndex(i)
                    self.chart_figure.blockSignals(False)
                return

    def chart_key(self) -> str:
        return str(self.chart_figure.currentData() or "into_work")

    def _show_charts(self) -> None:
        period = self.selected_period()
        target_name = self.tr("Target 80 %")
        if period is None or self.data.empty:
            for chart in (self.chart_teams, self.chart_trend):
                chart.show_series(title="", series_name="", categories=[], values=[], unit="%")
            self.chart_lines.show_lines(title="", categories=[], lines={}, unit="%")
            for panel in (self.teams_panel, self.lines_panel, self.trend_panel):
                panel.set_title("")
                panel.set_empty("")
                panel.set_legend([])
            self.chart_note.setText("")
            return
        self._first_chart_with_values()
        key = self.chart_key()
        rows = self.rows()
        figures = [r.figure(key) for r in rows]
        unit = next((f.unit for f in figures if f is not None), "%")
        target = INTO_WORK_TARGET if key == "into_work" else None
        values = [self._number(r.value(key)) for r in rows]
        self.teams_panel.set_title(
            self.tr("%1 per team, %2")
            .replace("%1", figure_name(key))
            .replace("%2", period_text(Period.parse(period)))
        )
        self.chart_teams.show_series(
            title="",
            series_name=figure_name(key),
            categories=[wrapped_label(r.team.display_name) for r in rows],
            values=values,
            unit=unit,
            target=target,
            target_name=target_name,
        )
        periods = self.trend_periods()
        short = [period_text(Period.parse(p), short=True) for p in periods]
        trend = self.data.trend(key, periods, self.filters())
        names = {t.id: t.display_name for t in self.data.team_list(self.filters())}
        lines = {names[t]: [self._number(v) for v in vs] for t, vs in trend.items()}
        self.lines_panel.set_title(self.tr("%1 over time per team").replace("%1", figure_name(key)))
        self.chart_lines.show_lines(
            title="",
            categories=short,
            lines=lines,
            unit=unit,
            target=target,
            target_name=target_name,
        )
        no_data = self.tr("No data: every figure is hidden (< 5) or missing.")
        self.lines_panel.set_empty(
            "" if any(v is not None for vs in lines.values() for v in vs) else no_data
        )
        colours = TrendChart.COLOURS
        self.lines_panel.set_legend(
            [(name, QColor(colours[n % len(colours)]), False) for n, name in enumerate(lines)]
            + ([(target_name, TARGET_COLOUR, True)] if target is not None else [])
        )
        self.teams_panel.set_empty("" if any(v is not None for v in values) else no_data)
        nat_into = self.data.national_trend("into_work", periods, self.filters())
        self.trend_panel.set_title(
            self.tr("Into work over time (national) against the 80 % target")
        )
        self.chart_trend.show_series(
            title="",
            series_name=figure_name("into_work"),
            categories=short,
            values=[n.value for n in nat_into],
            unit="%",
            target=INTO_WORK_TARGET,
            target_name=target_name,
        )
        self.trend_panel.set_empty("" if any(n.value is not None for n in nat_into) else no_data)
        self.trend_panel.set_legend(
            [(figure_name("into_work"), BAR_COLOUR, False), (target_name, TARGET_COLOUR, True)]
        )
        without = [r.team.display_name for r, v in zip(rows, values, strict=True) if v is None]
        self.chart_note.setText(
            self.tr("No bar or point: hidden (< 5), missing or nothing to measure: %1.").replace(
                "%1", ", ".join(without)
            )
            if without
            else ""
        )

    @staticmethod
    def _number(value: Cell) -> float | None:
        return float(value) if is_number(value) else None

    # ------------------------------------------------------------------ export

    def _update_buttons(self) -> None:
        ready = not self.data.empty and self.selected_period() is not None
        self.csv_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)

    def suggested_file_name(self, suffix: str) -> str:
        return f"feltjournal-sentral-{self.selected_period() or 'rapport'}.{suffix}"

    def export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the central report"),
            str(Path.home() / self.suggested_file_name("csv")),
            self.tr("CSV files (*.csv)"),
        )
        if path:
            self.save_csv(Path(path))

    def save_csv(self, path: Path) -> bool:
        period = self.selected_period()
        if period is None:
            return False
        rows = report_rows(self.data, period, filters=self.filters())
        try:
            write_text_owner_only(path, lambda out: write_csv(out, rows))
        except OSError as exc:
            self.state.setText(
                self.tr("The file could not be saved: %1").replace(
                    "%1", exc.strerror or type(exc).__name__
                )
            )
            return False
        self.state.setText(
            self.tr("Saved %n row(s) to %1.", "", len(rows)).replace("%1", path.name)
        )
        return True

    def export_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("PDF summary of the central report"),
            str(Path.home() / self.suggested_file_name("pdf")),
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> bool:
        from ui.central_pdf import write_central_pdf

        period = self.selected_period()
        if period is None:
            return False
        try:
            write_central_pdf(
                path, self.data, period, filters=self.filters(), periods=self.trend_periods()
            )
        except OSError as exc:
            self.state.setText(
                self.tr("The file could not be saved: %1").replace(
                    "%1", exc.strerror or type(exc).__name__
                )
            )
            return False
        self.state.setText(self.tr("Saved %1.").replace("%1", path.name))
        return True

    # ---------------------------------------------------------- the workspace

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        if not self._sized:
            # The tables need most of the width; the charts read well narrower.
            self._sized = True
            width = max(self.splitter.width(), 800)
            self.splitter.setSizes([int(width * 0.66), int(width * 0.34)])
        if self._stale and not self._closed:
            self.refresh()

    def on_change(self, event: ChangeEvent) -> None:
        """New snapshots arrived (sync): re-read soon if shown, else when next shown."""
        if self._closed or "report_snapshot" not in event.kinds:
            return
        self._stale = True
        if self.isVisible():
            self._change_timer.start()

    def shutdown(self) -> None:
        """Cancel loading before the journal locks."""
        self._closed = True
        self._change_timer.stop()
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
