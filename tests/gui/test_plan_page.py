"""The office's plan, driven by taps on the demo: the planned visits by day (the one whose day has passed in
red), filtered by inspector and status; rows tapped to select, moved to another day and inspector, or
cancelled with a reason the dialog insists on; a visit already cancelled refused with the reason. What the
table shows and what the database holds are both checked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from gui_kit import type_text
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import AssignmentStatus
from fieldapp.gui.app import install_translators
from fieldapp.gui.plan_page import CancelDialog, MoveDialog, PlanPage
from fieldapp.gui.row_model import TONE_ROLE, Tone
from fieldapp.gui.style import apply_style
from fieldapp.services.assignments import AssignmentRow, assignments_between, planned_assignments
from fieldapp.services.backend import Backend
from fieldapp.services.inspectors import list_inspectors

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

EVERYTHING = (date(2000, 1, 1), date(2100, 1, 1))


def make_page(qtbot: QtBot, backend: Backend) -> PlanPage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "zh_CN")
    apply_style(app)
    page = PlanPage(backend)
    qtbot.addWidget(page)
    page.resize(1148, 800)  # beside the rail of a 1280x800 window
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def tap(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    assert widget.height() >= 48, widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tap_row(qtbot: QtBot, page: PlanPage, row: int) -> None:
    index = page.model.index(row, 2)
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def choose(combo: Any, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def in_dialog(kind: type[QDialog], act: Callable[[Any], None], seen: dict[str, Any]) -> None:
    """Run `act` on the dialog once it is shown (inside its own event loop: record, do not assert)."""

    def run() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if not shown:
            QTimer.singleShot(10, run)
            return
        seen["dialog"] = shown[0]
        act(shown[0])

    QTimer.singleShot(0, run)


def stored(backend: Backend) -> dict[Any, AssignmentRow]:
    return {row.id: row for row in backend.call(assignments_between, *EVERYTHING)}


def test_the_plan_lists_visits_by_day_the_overdue_one_in_red(qtbot: QtBot, demo_backend: Backend) -> None:
    page = make_page(qtbot, demo_backend)
    planned = demo_backend.call(planned_assignments)
    rows = page.model.rows()
    assert [r.id for r in rows] == [p.id for p in planned] and len(rows) == 4
    today = date.today()
    late = [n for n, r in enumerate(rows) if r.planned_on < today]
    assert late == [0]
    assert page.model.index(0, 0).data(TONE_ROLE) == Tone.ALERT
    assert page.model.index(0, 5).data() == "计划日已过 2 天"
    assert page.model.index(1, 5).data(TONE_ROLE) != Tone.ALERT
    assert page.count_label.text() == "共 4 项检查任务，其中 1 项已过计划日"
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers == ["计划日期", "负责人", "客户名称", "户号", "检查类别", "状态", "备注"]
    assert not page.move_button.isEnabled() and page.selected_label.text() == "点按行以选择"

    # One inspector's visits only; then a range ending yesterday: the overdue visit alone.
    lead = demo_backend.call(list_inspectors)[0]
    choose(page.inspector_box, f"{lead.name} ({lead.staff_no})")
    assert {r.inspector_id for r in page.model.rows()} == {lead.id} and page.model.rowCount() == 2
    choose(page.inspector_box, "全部检查人员")
    page.to_edit.setDate(QDate(today.year, today.month, today.day).addDays(-1))
    assert [r.id for r in page.model.rows()] == [rows[0].id]
    # A range that starts after the overdue visit's day still lists it first: it is work still to do.
    page.to_edit.setDate(QDate(today.year, today.month, today.day).addDays(30))
    page.from_edit.setDate(QDate(today.year, today.month, today.day).addDays(3))
    assert [r.id for r in page.model.rows()] == [rows[0].id, rows[3].id]
    choose(page.status_box, "已完成")
    assert page.model.rowCount() == 0 and page.list_stack.currentWidget() is page.list_stack.note


def test_selected_visits_move_to_another_day_and_inspector(qtbot: QtBot, demo_backend: Backend) -> None:
    page = make_page(qtbot, demo_backend)
    first, second = page.model.row_at(1), page.model.row_at(3)
    tap_row(qtbot, page, 1)
    tap_row(qtbot, page, 3)
    assert page.selected_label.text() == "已选 2 项"
    other = next(i for i in demo_backend.call(list_inspectors) if i.id not in {first.inspector_id})
    day = date.today() + timedelta(days=10)
    seen: dict[str, Any] = {}

    def move(dialog: MoveDialog) -> None:
        title = dialog.findChild(QLabel, "dialogTitle")
        seen["title"] = title.text() if title is not None else ""
        dialog.day_edit.setDate(QDate(day.year, day.month, day.day))
        dialog.inspector_box.setCurrentIndex(
            dialog.inspector_box.findText(f"{other.name} ({other.staff_no})")
        )
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    in_dialog(MoveDialog, move, seen)
    tap(qtbot, page.move_button)
    assert seen["title"] == "改期 2 项检查任务"
    after = stored(demo_backend)
    for row in (first, second):
        assert (after[row.id].planned_on, after[row.id].inspector_id) == (day, other.id)
    shown = {r.id: r for r in page.model.rows()}
    assert shown[first.id].planned_on == day and shown[first.id].inspector_id == other.id
    assert page.message.text() == "已改期 2 项检查任务。"
    assert page.selected_label.text() == "点按行以选择"


def test_a_visit_is_cancelled_only_with_a_reason(qtbot: QtBot, demo_backend: Backend) -> None:
    page = make_page(qtbot, demo_backend)
    target = page.model.row_at(0)
    tap_row(qtbot, page, 0)
    seen: dict[str, Any] = {}

    def cancel(dialog: CancelDialog) -> None:
        seen["enabled_empty"] = dialog.ok_button.isEnabled()
        type_text(qtbot, dialog.reason_edit, "客户停产检修")
        seen["enabled_typed"] = dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    in_dialog(CancelDialog, cancel, seen)
    tap(qtbot, page.cancel_button)
    assert (seen["enabled_empty"], seen["enabled_typed"]) == (False, True)
    row = stored(demo_backend)[target.id]
    assert row.status is AssignmentStatus.CANCELLED and row.note.endswith("取消：客户停产检修")
    assert target.id not in {r.id for r in page.model.rows()}  # the list shows planned visits
    assert page.count_label.text() == "共 3 项检查任务"
    assert page.message.text() == "已取消 1 项检查任务。"

    # Shown with every status, it says so; moving or cancelling it again is refused with the reason.
    choose(page.status_box, "全部")
    index = next(n for n, r in enumerate(page.model.rows()) if r.id == target.id)
    assert page.model.index(index, 5).data() == "已取消"
    tap_row(qtbot, page, index)
    for button in (page.move_button, page.cancel_button):
        tap(qtbot, button)
        assert page.error.isVisible()
        assert "只有计划中的检查任务才能改期或取消" in page.error.text()
        assert target.customer_name in page.error.text()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    assert stored(demo_backend)[target.id].note == row.note


def test_the_service_refusal_shows_in_the_dialog(qtbot: QtBot, demo_backend: Backend) -> None:
    """Cancelled on another workstation while the dialog was open: the dialog says why and stays."""
    page = make_page(qtbot, demo_backend)
    target = page.model.row_at(0)
    first = CancelDialog(demo_backend, [target.id], parent=page)
    qtbot.addWidget(first)
    type_text(qtbot, first.reason_edit, "改派")
    first.submit()
    dialog = MoveDialog(demo_backend, [target.id], [], day=date.today(), parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    tap(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "不能再改" in dialog.error.text() and target.account_no in dialog.error.text()
    error = dialog.error  # the whole reason shows, not its first line cut in half
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()))
    assert stored(demo_backend)[target.id].planned_on == target.planned_on


def test_the_plan_is_on_the_rail(qtbot: QtBot, window: Any) -> None:
    assert window.nav_buttons["plan"].text() == "检查计划"
    qtbot.mouseClick(window.nav_buttons["plan"], Qt.MouseButton.LeftButton)
    page = window.page("plan")
    assert isinstance(page, PlanPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
