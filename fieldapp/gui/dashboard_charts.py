"""The dashboard's four charts, drawn from the service's plain values (fieldapp.services.dashboard), each
with the numbers it shows as a table for its .xlsx (fieldapp.services.dashboard_export). Labels are the
page's (translated); fonts are at least 10 pt so they read on a 1280x800 tablet."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPen

from fieldapp.services.dashboard import CategoryCount, MonthRate, OverdueCustomer, WorkAgainstDue
from fieldapp.services.dashboard_export import NumbersTable

LABEL_POINTS = 10
GENERAL_COLOUR = QColor("#5b8fc7")
SERIOUS_COLOUR = QColor("#b3261e")
RATE_COLOUR = QColor("#1f6f43")
OVERDUE_COLOUR = QColor("#c46a00")
DONE_COLOUR = QColor("#1f3a5f")
PERIODIC_COLOUR = QColor("#7fa7d3")
DUE_COLOUR = QColor("#b3261e")
MAX_NAME = 9  # characters of a customer's name beside its bar; the .xlsx has the whole name


def _font(points: int = LABEL_POINTS, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


def _chart(*, legend: bool = True) -> QChart:
    """A chart without animation; `legend` False for a chart of one series, which the panel's title names
    (the room goes to the bars and their labels)."""
    chart = QChart()
    chart.legend().setVisible(legend)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    chart.legend().setFont(_font())
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
    return chart


def _bar_set(label: str, values: Sequence[float], colour: QColor) -> QBarSet:
    bars = QBarSet(label)
    bars.append([float(v) for v in values])
    bars.setColor(colour)
    bars.setBorderColor(colour)
    bars.setLabelFont(_font())
    return bars


def _category_axis(labels: Sequence[str]) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(list(labels))
    axis.setLabelsFont(_font())
    return axis


def _value_axis(top: float, *, percent: bool = False) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelsFont(_font())
    if percent:
        # Room above 100 % for the label over a full bar; the ticks stop at 100 %.
        axis.setRange(0, 112)
        axis.setTickType(QValueAxis.TickType.TicksDynamic)
        axis.setTickAnchor(0)
        axis.setTickInterval(20)
        axis.setLabelFormat("%d%%")
    else:
        # Whole numbers on 5 ticks: a top that 4 divides.
        step = max(1, -(-int(top) // 4))
        axis.setRange(0, step * 4)
        axis.setTickCount(5)
        axis.setLabelFormat("%d")
    return axis


def category_label(category: str) -> str:
    return category or QCoreApplication.translate("DashboardCharts", "Other")


def categories_chart(rows: Sequence[CategoryCount]) -> QChart:
    chart = _chart()
    series = QStackedBarSeries()
    series.append(
        _bar_set(
            QCoreApplication.translate("DashboardCharts", "General"),
            [r.general for r in rows],
            GENERAL_COLOUR,
        )
    )
    series.append(
        _bar_set(
            QCoreApplication.translate("DashboardCharts", "Serious"),
            [r.serious for r in rows],
            SERIOUS_COLOUR,
        )
    )
    chart.addSeries(series)
    x = _category_axis([category_label(r.category) for r in rows])
    y = _value_axis(max([r.total for r in rows] + [1]))
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    return chart


def categories_numbers(rows: Sequence[CategoryCount], subtitle: str) -> NumbersTable:
    return NumbersTable(
        QCoreApplication.translate("DashboardCharts", "Findings by category and severity"),
        subtitle,
        (
            QCoreApplication.translate("DashboardCharts", "Category"),
            QCoreApplication.translate("DashboardCharts", "General"),
            QCoreApplication.translate("DashboardCharts", "Serious"),
            QCoreApplication.translate("DashboardCharts", "Total"),
        ),
        tuple((category_label(r.category), r.general, r.serious, r.total) for r in rows),
    )


def month_label(row: MonthRate) -> str:
    """The month's number: twelve dates (or names) do not fit under the bars; the .xlsx has the dates."""
    return str(row.month.month)


def rectification_chart(rows: Sequence[MonthRate]) -> QChart:
    chart = _chart(legend=False)
    series = QBarSeries()
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value%")
    # Whole percents above the bars, in dark text: inside a bar a label is cut to the bar's width, and
    # twelve bars leave room for "100%" but not for "16.7%" (the .xlsx has the exact rates).
    series.setLabelsPrecision(4)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    bars = _bar_set(
        QCoreApplication.translate("DashboardCharts", "Rectified by the deadline month (%)"),
        [round((r.rate or 0.0) * 100) for r in rows],
        RATE_COLOUR,
    )
    bars.setLabelColor(QColor("#1f2933"))
    series.append(bars)
    chart.addSeries(series)
    x = _category_axis([month_label(r) for r in rows])
    y = _value_axis(100, percent=True)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    return chart


def rectification_numbers(rows: Sequence[MonthRate], subtitle: str) -> NumbersTable:
    return NumbersTable(
        QCoreApplication.translate("DashboardCharts", "Rectification rate by month"),
        subtitle,
        (
            QCoreApplication.translate("DashboardCharts", "Month"),
            QCoreApplication.translate("DashboardCharts", "Due that month"),
            QCoreApplication.translate("DashboardCharts", "Verified by its end"),
            QCoreApplication.translate("DashboardCharts", "Rate"),
        ),
        tuple((r.label, r.due, r.verified, r.rate) for r in rows),
        percent_columns=(3,),
    )


def short_name(name: str) -> str:
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "…"


def overdue_chart(rows: Sequence[OverdueCustomer]) -> QChart:
    chart = _chart(legend=False)
    ordered = list(reversed(rows))  # the most overdue at the top
    series = QHorizontalBarSeries()
    series.append(
        _bar_set(
            QCoreApplication.translate("DashboardCharts", "Overdue findings"),
            [r.overdue for r in ordered],
            OVERDUE_COLOUR,
        )
    )
    chart.addSeries(series)
    y = _category_axis([short_name(r.name) for r in ordered] or [""])
    x = _value_axis(max([r.overdue for r in rows] + [1]))
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y)
    series.attachAxis(x)
    return chart


def overdue_numbers(rows: Sequence[OverdueCustomer], subtitle: str) -> NumbersTable:
    return NumbersTable(
        QCoreApplication.translate("DashboardCharts", "Overdue findings by customer"),
        subtitle,
        (
            QCoreApplication.translate("DashboardCharts", "Account no."),
            QCoreApplication.translate("DashboardCharts", "Customer"),
            QCoreApplication.translate("DashboardCharts", "Overdue findings"),
            QCoreApplication.translate("DashboardCharts", "Oldest overdue (days)"),
        ),
        tuple((r.account_no, r.name, r.overdue, r.oldest_days) for r in rows),
    )


def work_chart(work: WorkAgainstDue) -> QChart:
    """Grouped bars per inspector and a last group for everyone together, against which the line of the
    customers due in the period is drawn."""
    chart = _chart()
    names = [w.name for w in work.inspectors] + [QCoreApplication.translate("DashboardCharts", "All")]
    series = QBarSeries()
    series.append(
        _bar_set(
            QCoreApplication.translate("DashboardCharts", "Inspections"),
            [w.done for w in work.inspectors] + [work.done],
            DONE_COLOUR,
        )
    )
    series.append(
        _bar_set(
            QCoreApplication.translate("DashboardCharts", "Periodic"),
            [w.periodic for w in work.inspectors] + [work.periodic_done],
            PERIODIC_COLOUR,
        )
    )
    chart.addSeries(series)
    due = QLineSeries()
    due.setName(
        QCoreApplication.translate("DashboardCharts", "Due in the period: %1").replace("%1", str(work.due))
    )
    due.append([QPointF(-0.5, work.due), QPointF(len(names) - 0.5, work.due)])
    pen = QPen(DUE_COLOUR)
    pen.setWidth(3)
    pen.setStyle(Qt.PenStyle.DashLine)
    due.setPen(pen)
    chart.addSeries(due)
    x = _category_axis(names)
    y = _value_axis(max([work.done, work.due, 1]))
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for attached in (series, due):
        attached.attachAxis(x)
        attached.attachAxis(y)
    return chart


def work_numbers(work: WorkAgainstDue, subtitle: str) -> NumbersTable:
    rows: list[tuple[str | int | float | None, ...]] = [
        (w.staff_no, w.name, w.done, w.periodic) for w in work.inspectors
    ]
    rows.append(
        (
            "",
            QCoreApplication.translate("DashboardCharts", "All (each inspection once)"),
            work.done,
            work.periodic_done,
        )
    )
    rows.append(
        ("", QCoreApplication.translate("DashboardCharts", "Customers due in the period"), work.due, None)
    )
    rows.append(
        ("", QCoreApplication.translate("DashboardCharts", "Of them inspected"), work.due_covered, None)
    )
    return NumbersTable(
        QCoreApplication.translate("DashboardCharts", "Inspections done against due"),
        subtitle,
        (
            QCoreApplication.translate("DashboardCharts", "Staff no."),
            QCoreApplication.translate("DashboardCharts", "Inspector"),
            QCoreApplication.translate("DashboardCharts", "Inspections"),
            QCoreApplication.translate("DashboardCharts", "Periodic"),
        ),
        tuple(rows),
    )
