""" "Assigned to me" on the tablet: the inspector chosen in Settings as this tablet's gets the visits assigned
to them first on Today ("我的任务"), the other inspectors' behind a toggle; without the choice Today lists
every assigned visit as before."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_today_page import make_page

from fieldapp.gui.settings_page import SettingsPage
from fieldapp.services.backend import Backend
from fieldapp.services.device_inspector import current_inspector_id
from fieldapp.services.inspectors import list_inspectors

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def test_without_a_tablet_inspector_today_lists_every_assigned_visit(
    qtbot: QtBot, demo_backend: Backend
) -> None:
    page = make_page(qtbot, demo_backend)
    assert demo_backend.call(current_inspector_id) is None
    assert not page.mine_title.isVisible() and not page.mine_list.isVisible()
    assert not page.others_toggle.isVisible()
    assert page.assigned_title.text() == "检查任务（4）"
    qtbot.waitUntil(lambda: len(page.assigned_list.cards) == 4)
    assert page.assigned_list.isVisible()


def test_my_visits_come_first_once_settings_name_this_tablets_inspector(
    qtbot: QtBot, demo_backend: Backend
) -> None:
    settings = SettingsPage(demo_backend)
    qtbot.addWidget(settings)
    settings.load()
    settings.show()
    qtbot.waitExposed(settings)
    box = settings.device_inspector
    assert box.currentText() == "不指定"
    me = demo_backend.call(list_inspectors)[0]  # the first after "no one", by staff number
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # a choice the person makes: saved at once
    assert box.currentText() == f"{me.name} ({me.staff_no})"
    assert demo_backend.call(current_inspector_id) == me.id
    assert settings.message.text() == "已保存。"

    page = make_page(qtbot, demo_backend)
    qtbot.waitUntil(lambda: len(page.mine_list.cards) == 2)
    assert page.mine_title.text() == f"我的任务 · {me.name}（2）"
    mine = [page.mine_model.row_at(n) for n in range(page.mine_model.rowCount())]
    assert {row.inspector_id for row in mine} == {me.id}
    first = page.mine_list.cards[0]
    assert mine[0].planned_on < date.today() and first.property("tone") == "alert"
    # First on the page: above the inspections in progress and every other list.
    assert page.mine_list.y() < page.in_progress_list.y() < page.assigned_title.y()

    # The others' visits wait behind the toggle.
    assert page.assigned_title.text() == "其他人员的任务（2）"
    assert not page.assigned_list.isVisible() and page.others_toggle.text() == "展开"
    page.scroll_area.ensureWidgetVisible(page.others_toggle)
    qtbot.mouseClick(page.others_toggle, Qt.MouseButton.LeftButton)
    assert page.assigned_list.isVisible() and page.others_toggle.text() == "收起"
    qtbot.waitUntil(lambda: len(page.assigned_list.cards) == 2)
    assert all(page.assigned_model.row_at(n).inspector_id != me.id for n in range(2))

    # Back to no one: Today is as before.
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert demo_backend.call(current_inspector_id) is None
    page.load()
    assert not page.mine_list.isVisible() and page.assigned_title.text() == "检查任务（4）"
    assert page.assigned_list.isVisible()
