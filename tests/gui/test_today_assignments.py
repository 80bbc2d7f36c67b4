"""Assigned visits on Today: the office ticks due customers in "安排检查…", picks the lead inspector and the
day, and the plan shows as cards (a visit whose day has passed in red), each one tap from starting there."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from gui_kit import type_text
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_today_page import make_page

from fieldapp.domain.enums import AssignmentStatus
from fieldapp.gui.assign_dialog import AssignDialog, Candidate
from fieldapp.services.assignments import assign, planned_assignments
from fieldapp.services.backend import Backend
from fieldapp.services.inspectors import list_inspectors
from fieldapp.services.schedule import DueRow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def unplanned(backend: Backend, rows: list[DueRow]) -> list[DueRow]:
    """The due customers without a visit planned yet (the demo plans a few)."""
    planned = {p.customer_id for p in backend.call(planned_assignments)}
    return [row for row in rows if row.customer_id not in planned]


def tick(qtbot: QtBot, dialog: AssignDialog, row: int) -> None:
    view = dialog.customer_list
    rect = view.visualItemRect(view.item(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_office_assigns_due_customers_and_today_lists_them(qtbot: QtBot, demo_backend: Backend) -> None:
    page = make_page(qtbot, demo_backend)
    assert page.assign_button.text() == "安排检查…"
    before = demo_backend.call(planned_assignments)
    # A customer planned already is not offered again (it would refuse the whole batch).
    overdue = unplanned(demo_backend, page.overdue_model.rows())
    assert len(overdue) < len(page.overdue_model.rows())
    second_inspector = demo_backend.call(list_inspectors)[1]
    seen: dict[str, Any] = {}

    def fill_in() -> None:
        # Runs inside the dialog's own event loop; an assert here would abort Qt, so look and record.
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, AssignDialog) and w.isVisible()]
        if not shown:
            QTimer.singleShot(10, fill_in)
            return
        dialog = shown[0]
        seen["ticked"] = dialog.ticked()
        seen["count"] = dialog.count_label.text()
        tick(qtbot, dialog, 0)  # untick the most overdue customer
        dialog.inspector_box.setCurrentIndex(1)
        type_text(qtbot, dialog.note_edit, "带红外测温仪")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(page.assign_button, Qt.MouseButton.LeftButton)

    # The overdue customers come ticked.
    assert seen["ticked"] == [row.customer_id for row in overdue]
    assert seen["count"] == f"已选 {len(overdue)} 户"
    planned = demo_backend.call(planned_assignments)
    new = [p for p in planned if p.id not in {b.id for b in before}]
    assert sorted(p.customer_id for p in new) == sorted(row.customer_id for row in overdue[1:])
    assert {(p.inspector_id, p.note, p.planned_on) for p in new} == {
        (second_inspector.id, "带红外测温仪", date.today())
    }
    qtbot.waitUntil(lambda: len(page.assigned_list.cards) == len(planned))
    shown = [page.assigned_model.row_at(n).id for n in range(page.assigned_model.rowCount())]
    card = page.assigned_list.cards[shown.index(new[0].id)]
    assert card.title.text() == new[0].customer_name
    assert second_inspector.name in card.detail.text()
    assert card.badge.text() == "计划今日检查"
    assert page.assigned_title.text() == f"检查任务（{len(planned)}）"


def test_a_refused_assignment_keeps_the_dialog_open_with_the_reason(
    qtbot: QtBot, demo_backend: Backend
) -> None:
    page = make_page(qtbot, demo_backend)
    first = unplanned(demo_backend, page.overdue_model.rows())[0]
    inspector = demo_backend.call(list_inspectors)[0]
    demo_backend.call(assign, [first.customer_id], inspector.id, date.today())
    before = len(demo_backend.call(planned_assignments))
    dialog = AssignDialog(demo_backend, [Candidate(first.customer_id, first.name, ticked=True)], parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.isVisible() and "已安排" in dialog.error.text()
    assert len(demo_backend.call(planned_assignments)) == before
    tick(qtbot, dialog, 0)
    assert not dialog.ok_button.isEnabled()
    assert dialog.count_label.text() == "已选 0 户"


def test_a_visit_past_its_day_is_red_and_start_starts_at_its_customer(
    qtbot: QtBot, demo_backend: Backend
) -> None:
    page = make_page(qtbot, demo_backend)
    due = unplanned(demo_backend, page.overdue_model.rows() + page.due_soon_model.rows())
    customers = [due[0].customer_id, due[1].customer_id]
    lead = demo_backend.call(list_inspectors)[0].id
    count = len(demo_backend.call(planned_assignments)) + 2
    late_id = demo_backend.call(assign, [customers[0]], lead, date.today() - timedelta(days=3))[0]
    later_id = demo_backend.call(assign, [customers[1]], lead, date.today() + timedelta(days=6))[0]
    page.load()
    qtbot.waitUntil(lambda: len(page.assigned_list.cards) == count)

    # The demo's visits are planned from two days ago to four days ahead: these two are first and last.
    late, later = page.assigned_list.cards[0], page.assigned_list.cards[-1]
    assert page.assigned_model.row_at(0).id == late_id
    assert page.assigned_model.row_at(count - 1).id == later_id
    assert late.property("tone") == "alert" and late.badge.text() == "计划日已过 3 天"
    assert later.property("tone") != "alert" and later.badge.text() == "6 天后检查"
    page.scroll_area.ensureWidgetVisible(late.button)
    with qtbot.waitSignal(page.start_requested) as started:
        qtbot.mouseClick(late.button, Qt.MouseButton.LeftButton)
    assert started.args == [customers[0]]
    with qtbot.waitSignal(page.customer_requested) as opened:
        qtbot.mouseClick(later.title, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert opened.args == [customers[1]]
    assert all(row.status is AssignmentStatus.PLANNED for row in demo_backend.call(planned_assignments))


def test_the_assigned_list_passes_the_model_tester(
    qtmodeltester: Any, qtbot: QtBot, demo_backend: Backend
) -> None:
    page = make_page(qtbot, demo_backend)
    lead = demo_backend.call(list_inspectors)[0].id
    customer = unplanned(demo_backend, page.overdue_model.rows())[0].customer_id
    demo_backend.call(assign, [customer], lead, date.today())
    page.load()
    qtmodeltester.check(page.assigned_model)
