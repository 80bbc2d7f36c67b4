"""The dashboard page shows the service's numbers, and exports each chart as PNG and as .xlsx, and the
authority's list of serious hazards."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCharts import QBarSeries, QHorizontalBarSeries, QLineSeries, QStackedBarSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from fieldapp.gui.dashboard_page import ChartPanel, DashboardPage
from fieldapp.services.authority_report import serious_hazards
from fieldapp.services.backend import Backend
from fieldapp.services.dashboard import load_dashboard

TODAY = date.today()


@pytest.fixture
def page(qtbot: QtBot, demo_backend: Backend) -> DashboardPage:
    shown = DashboardPage(demo_backend)
    qtbot.addWidget(shown)
    shown.resize(1180, 760)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path, chosen_filter: str = "") -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(path), chosen_filter))
    )


def values(panel: ChartPanel, kind: type) -> list[list[float]]:
    chart = panel.view.chart()
    series = next(s for s in chart.series() if isinstance(s, kind))
    return [[bars.at(i) for i in range(bars.count())] for bars in series.barSets()]


def test_the_charts_show_the_services_numbers(page: DashboardPage, demo_backend: Backend) -> None:
    board = demo_backend.call(load_dashboard, today=TODAY)
    assert values(page.categories, QStackedBarSeries) == [
        [c.general for c in board.categories],
        [c.serious for c in board.categories],
    ]
    # Whole percents (a label must fit above its bar; the .xlsx keeps the exact rates).
    assert values(page.rectification, QBarSeries) == [[round((m.rate or 0) * 100) for m in board.months]]
    assert values(page.overdue, QHorizontalBarSeries) == [[r.overdue for r in reversed(board.overdue)]]
    work = values(page.work, QBarSeries)
    assert work[0] == [w.done for w in board.work.inspectors] + [board.work.done]
    line = next(s for s in page.work.view.chart().series() if isinstance(s, QLineSeries))
    assert {line.at(i).y() for i in range(line.count())} == {board.work.due}


def test_the_period_changes_the_inspections_chart(
    qtbot: QtBot, page: DashboardPage, demo_backend: Backend
) -> None:
    page.period_combo.setCurrentIndex(page.period_combo.findData("last_year"))
    start, end = date(TODAY.year - 1, 1, 1), date(TODAY.year - 1, 12, 31)
    board = demo_backend.call(load_dashboard, today=TODAY, start=start, end=end)
    assert (board.work.start, board.work.end) == (start, end)
    assert values(page.work, QBarSeries)[0] == [w.done for w in board.work.inspectors] + [board.work.done]
    assert start.isoformat() in page.status.text()


def test_a_chart_exports_as_png_and_its_numbers_as_xlsx(
    qtbot: QtBot, page: DashboardPage, demo_backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    board = demo_backend.call(load_dashboard, today=TODAY)
    save_as(monkeypatch, tmp_path / "overdue")  # no suffix typed: the filter's is added
    qtbot.mouseClick(page.overdue.png_button, Qt.MouseButton.LeftButton)
    image = QImage(str(tmp_path / "overdue.png"))
    assert not image.isNull() and image.width() == page.overdue.view.width()

    save_as(monkeypatch, tmp_path / "overdue.xlsx")
    qtbot.mouseClick(page.overdue.xlsx_button, Qt.MouseButton.LeftButton)
    rows = list(load_workbook(tmp_path / "overdue.xlsx").worksheets[0].iter_rows(values_only=True))
    assert rows[3:] == [(r.account_no, r.name, r.overdue, r.oldest_days) for r in board.overdue]
    assert "overdue.xlsx" in page.status.text()

    save_as(monkeypatch, tmp_path / "rate.xlsx")
    qtbot.mouseClick(page.rectification.xlsx_button, Qt.MouseButton.LeftButton)
    rows = list(load_workbook(tmp_path / "rate.xlsx").worksheets[0].iter_rows(values_only=True))
    assert [r[3] for r in rows[3:]] == [m.rate for m in board.months]


def test_the_serious_hazards_report_is_exported_from_the_page(
    qtbot: QtBot, page: DashboardPage, demo_backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = demo_backend.call(serious_hazards, TODAY).rows
    save_as(monkeypatch, tmp_path / "serious", "PDF (*.pdf)")
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "serious.pdf").read_bytes().startswith(b"%PDF")
    save_as(monkeypatch, tmp_path / "serious.xlsx")
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    rows = list(load_workbook(tmp_path / "serious.xlsx").worksheets[0].iter_rows(values_only=True))
    assert [r[4] for r in rows[1:]] == [h.description for h in expected] and expected
    assert str(len(expected)) in page.status.text()
