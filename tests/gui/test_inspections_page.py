"""The Inspections page: the status buttons and the search box narrow the list exactly as the service does,
Chinese typed through the input method included, and a tap on a row asks for that inspection."""

from __future__ import annotations

from typing import Any

import pytest
from gui_kit import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import InspectionStatus
from fieldapp.gui.app import install_translators
from fieldapp.gui.inspections_page import InspectionsPage
from fieldapp.gui.style import apply_style
from fieldapp.services.backend import Backend
from fieldapp.services.inspection_sheet import InspectionSummary, list_inspections

# Qt's offscreen platform warns when a top-level widget is shown; a real screen does not.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def page(qtbot: QtBot, demo_backend: Backend) -> InspectionsPage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "zh_CN")
    apply_style(app)
    widget = InspectionsPage(demo_backend)
    qtbot.addWidget(widget)
    widget.resize(1148, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown_ids(page: InspectionsPage) -> list[Any]:
    return [row.inspection_id for row in page.model.rows()]


def ids(rows: list[InspectionSummary]) -> list[Any]:
    return [row.inspection_id for row in rows]


def test_opens_on_every_inspection(page: InspectionsPage, demo_backend: Backend) -> None:
    every = demo_backend.call(list_inspections)
    assert len(every) == 25  # 24 finalized and one in progress
    assert shown_ids(page) == ids(every)
    assert page.count_label.text() == "共 25 次检查"
    assert page.filter_buttons[None].isChecked()
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers == ["日期", "客户名称", "状态", "进度", "户号", "检查表"]


def test_status_buttons_filter_like_the_service(
    qtbot: QtBot, page: InspectionsPage, demo_backend: Backend
) -> None:
    for status, label in (
        (InspectionStatus.IN_PROGRESS, "进行中"),
        (InspectionStatus.FINALIZED, "已定稿"),
        (InspectionStatus.VOIDED, "已作废"),
        (None, "全部"),
    ):
        button = page.filter_buttons[status]
        assert button.text() == label
        assert button.height() >= 48
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert page.status_filter() is status
        expected = demo_backend.call(list_inspections, status=status)
        assert shown_ids(page) == ids(expected)
        assert page.count_label.text() == f"共 {len(expected)} 次检查"
        if status is not None:
            assert all(row.status is status for row in page.model.rows())
        if expected:
            assert page.table.isVisible()
        else:
            assert page.empty_note.isVisible()
    assert page.model.rowCount() == 25


def test_typed_chinese_and_account_numbers_narrow_the_list(
    qtbot: QtBot, page: InspectionsPage, demo_backend: Backend
) -> None:
    type_text(qtbot, page.search, "中医院")
    expected = demo_backend.call(list_inspections, text="中医院")
    assert 1 <= len(expected) < 25
    qtbot.waitUntil(lambda: shown_ids(page) == ids(expected))  # after the pause in typing
    assert all("中医院" in row.customer_name for row in page.model.rows())
    assert page.count_label.text() == f"共 {len(expected)} 次检查"

    # With the status too: the one in progress at the hospital of Chinese medicine.
    qtbot.mouseClick(page.filter_buttons[InspectionStatus.IN_PROGRESS], Qt.MouseButton.LeftButton)
    both = demo_backend.call(list_inspections, status=InspectionStatus.IN_PROGRESS, text="中医院")
    assert shown_ids(page) == ids(both) and len(both) == 1

    qtbot.mouseClick(page.filter_buttons[None], Qt.MouseButton.LeftButton)
    page.search.clear()
    type_text(qtbot, page.search, "0531000001")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    by_account = demo_backend.call(list_inspections, text="0531000001")
    assert shown_ids(page) == ids(by_account) and by_account
    assert {row.account_no for row in page.model.rows()} == {"0531000001"}

    page.search.clear()
    type_text(qtbot, page.search, "不存在的客户")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.empty_note.isVisible()
    assert page.count_label.text() == "共 0 次检查"


def test_tapping_a_row_asks_for_that_inspection(qtbot: QtBot, page: InspectionsPage) -> None:
    row = 2
    index = page.model.index(row, 1)
    with qtbot.waitSignal(page.inspection_requested) as blocker:
        qtbot.mouseClick(
            page.table.viewport(), Qt.MouseButton.LeftButton, pos=page.table.visualRect(index).center()
        )
    assert blocker.args == [page.model.row_at(row).inspection_id]


def test_the_list_passes_the_model_tester(qtmodeltester: Any, page: InspectionsPage) -> None:
    qtmodeltester.check(page.model)
