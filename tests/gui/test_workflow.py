"""The ways between the pages, where a tap must never do nothing."""

from __future__ import annotations

from gui_kit import type_text
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import InspectionStatus
from fieldapp.gui.main_window import MainWindow
from fieldapp.services.inspection_sheet import inspections_in_progress, list_inspections, sheet_state


def test_a_value_that_cannot_be_stored_is_shown_when_another_inspection_is_asked_for(
    qtbot: QtBot, window: MainWindow
) -> None:
    backend = window.backend
    [open_now] = backend.call(inspections_in_progress)
    done = backend.call(list_inspections, status=InspectionStatus.FINALIZED, limit=1)[0]
    window.workflow.open_inspection(open_now.inspection_id, "B02")
    page = window.workflow.answering
    page.value_edit.setFocus()
    page.value_edit.selectAll()
    type_text(qtbot, page.value_edit, "12..3")  # not a number: the page refuses to store it

    window.navigate("today")
    window.workflow.open_inspection(done.inspection_id)  # what tapping another inspection does

    # The answering page comes back with the typed value and the reason, not a tap that does nothing.
    assert window.current_page_key() == "inspections"
    assert window.workflow.inspections.currentWidget() is page
    assert page.inspection_id == open_now.inspection_id and page.current_code == "B02"
    assert page.value_edit.text() == "12..3"
    assert page.message.isVisible() and page.message.text()
    # Once the value is put right, the other inspection opens.
    page.value_edit.selectAll()
    type_text(qtbot, page.value_edit, "61.5")
    qtbot.keyClick(page.value_edit, Qt.Key.Key_Return)
    window.workflow.open_inspection(done.inspection_id)
    assert page.inspection_id == done.inspection_id
    assert backend.call(sheet_state, open_now.inspection_id).answers["B02"].number == 61.5
