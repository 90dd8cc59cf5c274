"""The charts of the reports and the central view: bars over periods, a line per team,
and the dashed target line both draw.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

BAR_COLOUR = QColor("#2f5a4f")
TARGET_COLOUR = QColor("#b7791f")


def plain_chart() -> QChart:
    """A chart without rounded corners or wide margins, its legend below."""
    chart = QChart()
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(2, 2, 2, 2))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


# More categories than this stand their labels upright (a year of months).
MAX_LEVEL_LABELS = 8


def set_title(chart: QChart, title: str, font: QFont) -> None:
    title_font = QFont(font)
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    chart.setTitle(title)


def small_font(font: QFont) -> QFont:
    """The axis labels' font: a little smaller than the text, never below 7 pt."""
    small = QFont(font)
    small.setPointSizeF(max(7.0, small.pointSizeF() * 0.8))
    return small


def add_target_line(
    chart: QChart,
    x: QAbstractAxis,
    y: QAbstractAxis,
    *,
    target: float,
    name: str,
    start: float,
    end: float,
) -> None:
    """The dashed line of a target (e.g. 80 % into work) across a chart."""
    line = QLineSeries()
    line.setName(name)
    line.append(QPointF(start, target))
    line.append(QPointF(end, target))
    pen = QPen(TARGET_COLOUR)
    pen.setStyle(Qt.PenStyle.DashLine)
    pen.setWidthF(2.0)
    line.setPen(pen)
    chart.addSeries(line)
    line.attachAxis(x)
    line.attachAxis(y)


def replace_chart(view: QChartView, chart: QChart) -> None:
    """Show ``chart`` in ``view``; the old chart goes (a view does not delete it)."""
    old = view.chart()
    view.setChart(chart)
    if old is not None:
        old.deleteLater()


class BarChart(QChartView):
    """One bar chart of a figure over periods, with an optional target line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(280, 170)
        self.values: list[float | None] = []
        self.setChart(self._empty_chart())

    @staticmethod
    def _empty_chart() -> QChart:
        chart = plain_chart()
        chart.layout().setContentsMargins(0, 0, 0, 0)
        return chart

    def show_series(
        self,
        *,
        title: str,
        series_name: str,
        categories: Sequence[str],
        values: Sequence[float | None],
        unit: str,
        target: float | None = None,
        target_name: str = "",
    ) -> None:
        self.values = list(values)
        chart = self._empty_chart()
        set_title(chart, title, self.font())
        bars = QBarSet(series_name)
        bars.setColor(BAR_COLOUR)
        bars.setBorderColor(BAR_COLOUR)
        # A missing value draws no bar; the caption under the chart says so.
        bars.append([0.0 if v is None else float(v) for v in values])
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(list(categories))
        small = small_font(self.font())
        x.setLabelsFont(small)
        if len(categories) > MAX_LEVEL_LABELS:
            # Twelve months side by side leave each label ~35 px, and Qt cut "mars" to
            # "m…": standing upright, every label is whole.
            x.setLabelsAngle(-90)
        y = QValueAxis()
        y.setLabelsFont(small)
        present = [v for v in values if v is not None]
        if unit == "%":
            y.setRange(0, 100)
            y.setLabelFormat("%.0f %%")
            y.setTickCount(5)
        else:
            top = max([*present, target or 0.0, 1.0])
            top = float(math.ceil(top))
            y.setRange(0, top)
            y.setLabelFormat("%.0f")
            y.setTickCount(int(min(top, 4)) + 1)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        # One series needs no legend; a target line does.
        chart.legend().setVisible(target is not None)
        if target is not None:
            add_target_line(
                chart, x, y, target=target, name=target_name, start=-0.5, end=len(categories) - 0.5
            )
        replace_chart(self, chart)


class TrendChart(QChartView):
    """One line per team over periods; a hidden or missing value breaks the line."""

    COLOURS = ("#2f5a4f", "#3b6ea5", "#8e4585", "#5a7d2f", "#a04a2f", "#4a5568")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(280, 170)
        self.lines: dict[str, list[float | None]] = {}
        self.setChart(QChart())

    def show_lines(
        self,
        *,
        title: str,
        categories: Sequence[str],
        lines: dict[str, list[float | None]],
        unit: str,
        target: float | None = None,
        target_name: str = "",
    ) -> None:
        self.lines = dict(lines)
        chart = plain_chart()
        set_title(chart, title, self.font())
        small = small_font(self.font())
        x = QCategoryAxis()
        x.setLabelsFont(small)
        x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for i, c in enumerate(categories):
            x.append(c, i)
        x.setRange(-0.3, max(len(categories) - 1, 1) + 0.3)
        y = QValueAxis()
        y.setLabelsFont(small)
        present = [v for vs in lines.values() for v in vs if v is not None]
        if unit == "%":
            y.setRange(0, 100)
            y.setLabelFormat("%.0f %%")
        else:
            y.setRange(0, float(max([*present, target or 0.0, 1.0])) * 1.1)
            y.setLabelFormat("%.0f")
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for n, (name, values) in enumerate(lines.items()):
            colour = QColor(self.COLOURS[n % len(self.COLOURS)])
            segment: QLineSeries | None = None
            first = True
            for i, v in enumerate(values):
                if v is None:
                    segment = None
                    continue
                if segment is None:
                    segment = QLineSeries()
                    segment.setPointsVisible(True)
                    pen = QPen(colour)
                    pen.setWidthF(2.0)
                    segment.setPen(pen)
                    segment.setName(name)
                    chart.addSeries(segment)
                    segment.attachAxis(x)
                    segment.attachAxis(y)
                    if not first:
                        # One legend entry per team.
                        chart.legend().markers(segment)[0].setVisible(False)
                    first = False
                segment.append(QPointF(i, v))
        if target is not None and categories:
            add_target_line(
                chart,
                x,
                y,
                target=target,
                name=target_name,
                start=0,
                end=max(len(categories) - 1, 1),
            )
        replace_chart(self, chart)


def wrapped_label(text: str, width: int = 14) -> str:
    """A category label broken between words into lines of about ``width`` characters
    (the chart draws rich text), so a long team name is shown whole, not cut."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(html.escape(line) for line in lines)


class ChartPanel(QWidget):
    """A chart under its title (wrapped, never cut), with a legend that wraps too, or
    a sentence in place of a chart that has nothing to draw."""

    def __init__(self, chart: BarChart | TrendChart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.title = QLabel()
        self.title.setObjectName("chartTitle")
        self.title.setWordWrap(True)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.hide()
        self.empty = QLabel()
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(chart, 1)
        layout.addWidget(self.legend)

    def set_title(self, title: str) -> None:
        self.title.setText(title.replace(" %", "\u00a0%"))  # "80 %" stays on one line
        self.title.setVisible(bool(title))

    def set_legend(self, entries: Sequence[tuple[str, QColor, bool]]) -> None:
        """Below the chart: one entry per (name, colour, dashed line) instead of the
        chart's own legend, which cuts names to fit one row."""
        chart = self.chart.chart()
        if chart is not None:
            chart.legend().setVisible(False)
        parts = [
            f'<span style="color:{colour.name()}">{"╌╌" if dashed else "■"}</span>'
            f"&nbsp;{html.escape(name).replace(' ', '&nbsp;')}"
            for name, colour, dashed in entries
        ]
        self.legend.setText(" &nbsp; ".join(parts))
        self.legend.setVisible(bool(parts) and not self.empty.isVisibleTo(self))

    def set_empty(self, text: str) -> None:
        """``text`` in place of the chart (nothing to draw), or the chart again ("")."""
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
        self.chart.setVisible(not text)
        if text:
            self.legend.hide()
