"""The office dashboard: four charts from fieldapp.services.dashboard (findings by category and severity,
the rectification rate by month, overdue findings by customer, inspections done per inspector against the
customers due), a period for the inspections, Refresh, and for each chart "Export PNG…" and "Export
numbers (.xlsx)…". The list of serious hazards at important customers for the authority is exported from
here too (.xlsx or PDF, fieldapp.services.authority_report). The numbers are read again each time the page
is shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtGui import QPainter, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldappError
from fieldapp.gui import dashboard_charts as charts
from fieldapp.gui.page_kit import PAGE_STYLE, error_label, show_error
from fieldapp.services.authority_report import export_serious_report
from fieldapp.services.dashboard import Dashboard, load_dashboard
from fieldapp.services.dashboard_export import NumbersTable, write_numbers

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

FIRST_ROW_HEIGHT = 330
OVERDUE_ROW_HEIGHT = 530
PANEL_STYLE = """
#chartTitle { font-size: 13pt; font-weight: bold; color: #1f3a5f; }
#chartPanel QPushButton { min-height: 40px; font-size: 11pt; padding: 0 10px; }
#dashboardBar QPushButton, #dashboardBar QComboBox { min-height: 44px; font-size: 12pt; }
#dashboardStatus { font-size: 11pt; color: #33404f; }
"""


class ChartPanel(QFrame):
    """One chart with its title and its two exports."""

    def __init__(self, key: str, title: str, page: DashboardPage) -> None:
        super().__init__()
        self.key = key
        self.setObjectName("chartPanel")
        self.numbers: NumbersTable | None = None
        self.title = QLabel(title)
        self.title.setObjectName("chartTitle")
        self.title.setWordWrap(True)
        self.png_button = QPushButton(self.tr("PNG…"))
        self.png_button.setToolTip(self.tr("Export PNG…"))
        self.png_button.setObjectName(f"{key}Png")
        self.xlsx_button = QPushButton(self.tr("Numbers (.xlsx)…"))
        self.xlsx_button.setToolTip(self.tr("Export numbers (.xlsx)…"))
        self.xlsx_button.setObjectName(f"{key}Xlsx")
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(200)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.png_button)
        head.addWidget(self.xlsx_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)
        self.png_button.clicked.connect(lambda: page.export_png(self))
        self.xlsx_button.clicked.connect(lambda: page.export_numbers(self))

    def show_chart(self, chart: QChart, numbers: NumbersTable) -> None:
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
        self.numbers = numbers


class DashboardPage(QWidget):
    def __init__(
        self, backend: Backend, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._today = today
        self.dashboard: Dashboard | None = None
        self.setStyleSheet(PAGE_STYLE + PANEL_STYLE)

        bar = QWidget()
        bar.setObjectName("dashboardBar")
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        for label, key in (
            (self.tr("This year"), "year"),
            (self.tr("Last 12 months"), "12m"),
            (self.tr("This quarter"), "quarter"),
            (self.tr("Last year"), "last_year"),
        ):
            self.period_combo.addItem(label, key)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refreshButton")
        self.report_button = QPushButton(self.tr("Serious hazards report…"))
        self.report_button.setObjectName("seriousReportButton")
        self.report_button.setToolTip(
            self.tr(
                "Serious hazards not yet verified at important customers, as .xlsx or PDF, for the authority"
            )
        )
        self.status = QLabel()
        self.status.setObjectName("dashboardStatus")
        self.status.setWordWrap(True)
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Inspections in:")))
        row.addWidget(self.period_combo)
        row.addWidget(self.refresh_button)
        row.addWidget(self.status, 1)
        row.addWidget(self.report_button)

        self.categories = ChartPanel("categories", self.tr("Findings by category and severity"), self)
        self.rectification = ChartPanel("rectification", self.tr("Rectification rate by month"), self)
        self.overdue = ChartPanel("overdue", self.tr("Overdue findings by customer (top 15)"), self)
        self.work = ChartPanel("work", self.tr("Inspections per inspector against due"), self)
        grid = QGridLayout()
        grid.setSpacing(6)
        for number, panel in enumerate(self.panels()):
            grid.addWidget(panel, number // 2, number % 2)
        # The overdue customers need a line each (15 of them at 10 pt, about 28 px with the CJK font, or
        # QtCharts elides their names to "…"): the second row is that tall, and the page scrolls.
        self.overdue.setMinimumHeight(OVERDUE_ROW_HEIGHT)
        self.categories.setMinimumHeight(FIRST_ROW_HEIGHT)
        grid.setRowStretch(0, 2)
        grid.setRowStretch(1, 3)
        charts_area = QWidget()
        charts_area.setLayout(grid)
        self.charts_scroll = QScrollArea()
        self.charts_scroll.setWidgetResizable(True)
        self.charts_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.charts_scroll.setWidget(charts_area)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.charts_scroll, 1)

        self.period_combo.currentIndexChanged.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.report_button.clicked.connect(self.export_serious)

    def panels(self) -> tuple[ChartPanel, ...]:
        return (self.categories, self.rectification, self.overdue, self.work)

    def period(self) -> tuple[date, date]:
        today = self._today()
        key = self.period_combo.currentData()
        if key == "12m":
            return today - timedelta(days=365), today
        if key == "quarter":
            return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today
        if key == "last_year":
            return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
        return date(today.year, 1, 1), today

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()

    def refresh(self) -> None:
        start, end = self.period()
        today = self._today()
        try:
            board = self._backend.call(load_dashboard, today=today, start=start, end=end)
        except FieldappError as exc:
            show_error(self.error, self.tr("Could not read the numbers: %1").replace("%1", str(exc)))
            return
        show_error(self.error, "")
        self.dashboard = board
        as_of = self.tr("As of %1").replace("%1", today.isoformat())
        period = self.tr("%1 to %2").replace("%1", start.isoformat()).replace("%2", end.isoformat())
        self.categories.show_chart(
            charts.categories_chart(board.categories), charts.categories_numbers(board.categories, as_of)
        )
        self.rectification.show_chart(
            charts.rectification_chart(board.months), charts.rectification_numbers(board.months, as_of)
        )
        self.overdue.show_chart(
            charts.overdue_chart(board.overdue), charts.overdue_numbers(board.overdue, as_of)
        )
        self.work.show_chart(charts.work_chart(board.work), charts.work_numbers(board.work, period))
        self.status.setText(
            self.tr("%1; customers due %2, inspected %3")
            .replace("%1", period)
            .replace("%2", str(board.work.due))
            .replace("%3", str(board.work.due_covered))
        )

    # -- exports ----------------------------------------------------------------------------------------

    def _ask_path(self, caption: str, name: str, filters: str) -> tuple[Path, str] | None:
        chosen, chosen_filter = QFileDialog.getSaveFileName(self, caption, str(Path.home() / name), filters)
        return (Path(chosen), chosen_filter) if chosen else None

    def _file_name(self, panel: ChartPanel, suffix: str) -> str:
        return f"{panel.title.text()}-{self._today().isoformat()}{suffix}"

    def export_png(self, panel: ChartPanel) -> None:
        asked = self._ask_path(self.tr("Export chart as PNG"), self._file_name(panel, ".png"), "PNG (*.png)")
        if asked is None:
            return
        path = asked[0] if asked[0].suffix.lower() == ".png" else asked[0].with_suffix(".png")
        if panel.view.grab().save(str(path)):
            self._done(path)
        else:
            show_error(self.error, self.tr("Could not write %1.").replace("%1", str(path)))

    def export_numbers(self, panel: ChartPanel) -> None:
        if panel.numbers is None:
            return
        asked = self._ask_path(
            self.tr("Export the chart's numbers"), self._file_name(panel, ".xlsx"), "Excel (*.xlsx)"
        )
        if asked is None:
            return
        path = asked[0] if asked[0].suffix.lower() == ".xlsx" else asked[0].with_suffix(".xlsx")
        try:
            write_numbers(panel.numbers, path)
        except OSError as exc:
            show_error(
                self.error, self.tr("Could not write %1: %2").replace("%1", str(path)).replace("%2", str(exc))
            )
            return
        self._done(path)

    def export_serious(self) -> None:
        excel, pdf = "Excel (*.xlsx)", "PDF (*.pdf)"
        asked = self._ask_path(
            self.tr("Serious hazards at important customers"),
            f"{self.tr('Serious hazards')}-{self._today().isoformat()}.xlsx",
            f"{excel};;{pdf}",
        )
        if asked is None:
            return
        path, chosen_filter = asked
        if path.suffix.lower() not in (".xlsx", ".pdf"):
            path = path.with_suffix(".pdf" if chosen_filter == pdf else ".xlsx")
        try:
            report = self._backend.call(export_serious_report, path, today=self._today())
        except (FieldappError, OSError) as exc:
            show_error(
                self.error, self.tr("Could not write %1: %2").replace("%1", str(path)).replace("%2", str(exc))
            )
            return
        show_error(self.error, "")
        count = len(report.rows)
        self.status.setText(self.tr("%n serious hazard(s) written to %1", "", count).replace("%1", str(path)))

    def _done(self, path: Path) -> None:
        show_error(self.error, "")
        self.status.setText(self.tr("Written to %1").replace("%1", str(path)))
