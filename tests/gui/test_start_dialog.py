"""Starting an inspection as an inspector does it: tap the checklist, maybe an older version or another
kind, tap the inspectors on site (Go stays off until two are ticked), then Go; then what the database
holds for the new inspection."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QDialog, QListView
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import InspectionKind, InspectionStatus
from fieldapp.domain.errors import ValidationError
from fieldapp.gui.app import install_translators
from fieldapp.gui.start_dialog import CodeRole, StartInspectionDialog
from fieldapp.gui.style import apply_style
from fieldapp.services.backend import Backend
from fieldapp.services.customers import customer_rows, search_customer_ids
from fieldapp.services.inspection_sheet import inspection_sheet
from fieldapp.services.reinspection import build_reinspection_checklist

# The offscreen platform says this of every top-level window that lays itself out; nothing about the app.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def chinese(qapp: QApplication) -> None:
    install_translators(qapp, "zh_CN")
    apply_style(qapp)


def first_customer(backend: Backend) -> uuid.UUID:
    return backend.call(search_customer_ids, "")[0]


def open_dialog(qtbot: QtBot, backend: Backend, customer_id: uuid.UUID) -> StartInspectionDialog:
    dialog = StartInspectionDialog(backend, customer_id)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def tap_row(qtbot: QtBot, view: QListView, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def row_of_code(dialog: StartInspectionDialog, code: str) -> int:
    model = dialog.checklist_model
    return next(r for r in range(model.rowCount()) if model.data(model.index(r), CodeRole) == code)


def test_go_waits_for_two_inspectors_then_starts_the_inspection(qtbot: QtBot, demo_backend: Backend) -> None:
    customer_id = first_customer(demo_backend)
    dialog = open_dialog(qtbot, demo_backend, customer_id)
    detail = demo_backend.call(customer_rows, [customer_id])[0]
    assert detail.name in dialog.customer_label.text()
    assert detail.account_no in dialog.customer_label.text()
    # The periodic checklist, newest version, its own kind: what most visits use, chosen already.
    assert dialog.selected_template() is not None
    assert dialog.selected_template().code == "PERIODIC-HV"  # type: ignore[union-attr]
    assert dialog.kind_button[InspectionKind.PERIODIC].isChecked()

    assert not dialog.go_button.isEnabled()
    inspectors = dialog.inspector_model.inspectors
    tap_row(qtbot, dialog.inspector_view, 0)
    assert not dialog.go_button.isEnabled(), "one inspector is not enough"
    assert "1" in dialog.team_hint.text()
    tap_row(qtbot, dialog.inspector_view, 2)
    assert dialog.go_button.isEnabled()
    tap_row(qtbot, dialog.inspector_view, 0)  # a second tap takes the tick away again
    assert not dialog.go_button.isEnabled()
    tap_row(qtbot, dialog.inspector_view, 4)
    assert dialog.go_button.isEnabled()

    qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.inspection_id is not None
    sheet = demo_backend.call(inspection_sheet, dialog.inspection_id)
    assert sheet.status is InspectionStatus.IN_PROGRESS
    assert sheet.customer_id == customer_id
    assert sheet.template_code == "PERIODIC-HV"
    assert sheet.kind is InspectionKind.PERIODIC
    assert [m.inspector_id for m in sheet.team] == [inspectors[2].id, inspectors[4].id]


def test_another_kind_can_be_chosen(qtbot: QtBot, demo_backend: Backend) -> None:
    dialog = open_dialog(qtbot, demo_backend, first_customer(demo_backend))
    qtbot.mouseClick(dialog.kind_button[InspectionKind.SEASONAL], Qt.MouseButton.LeftButton)
    assert dialog.kind_button[InspectionKind.SEASONAL].isChecked()
    assert not dialog.kind_button[InspectionKind.PERIODIC].isChecked()
    tap_row(qtbot, dialog.inspector_view, 1)
    tap_row(qtbot, dialog.inspector_view, 3)
    qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
    assert dialog.inspection_id is not None
    assert demo_backend.call(inspection_sheet, dialog.inspection_id).kind is InspectionKind.SEASONAL


def test_a_customer_checklist_is_marked_and_an_older_version_can_be_chosen(
    qtbot: QtBot, demo_backend: Backend
) -> None:
    for customer_id in demo_backend.call(search_customer_ids, ""):
        try:  # refused for a customer without open findings
            first = demo_backend.call(build_reinspection_checklist, customer_id)
            break
        except ValidationError:
            continue
    second = demo_backend.call(build_reinspection_checklist, customer_id)
    assert (first.version, second.version) == (1, 2)
    dialog = open_dialog(qtbot, demo_backend, customer_id)

    row = row_of_code(dialog, first.code)
    text = dialog.checklist_model.data(dialog.checklist_model.index(row), Qt.ItemDataRole.DisplayRole)
    assert "复查" in text.splitlines()[1], "the customer's own re-inspection checklist is marked"
    tap_row(qtbot, dialog.checklist_view, row)
    # Newest version chosen, the older one offered; the kind follows the checklist.
    buttons = {b.objectName(): b for b in dialog.version_buttons.buttons()}
    assert set(buttons) == {"version_1", "version_2"}
    assert buttons["version_2"].isChecked()
    assert dialog.kind_button[InspectionKind.REINSPECTION].isChecked()
    qtbot.mouseClick(buttons["version_1"], Qt.MouseButton.LeftButton)
    assert buttons["version_1"].isChecked()

    tap_row(qtbot, dialog.inspector_view, 0)
    tap_row(qtbot, dialog.inspector_view, 1)
    qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
    assert dialog.inspection_id is not None
    sheet = demo_backend.call(inspection_sheet, dialog.inspection_id)
    assert (sheet.template_code, sheet.template_version) == (first.code, 1)
    assert sheet.kind is InspectionKind.REINSPECTION


def test_cancel_starts_nothing(qtbot: QtBot, demo_backend: Backend) -> None:
    dialog = open_dialog(qtbot, demo_backend, first_customer(demo_backend))
    tap_row(qtbot, dialog.inspector_view, 0)
    tap_row(qtbot, dialog.inspector_view, 1)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.inspection_id is None


def test_a_refusal_is_shown_and_the_dialog_stays(
    qtbot: QtBot, demo_backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service checks the team as well; whatever it refuses is said in the dialog, which stays."""
    dialog = open_dialog(qtbot, demo_backend, first_customer(demo_backend))
    tap_row(qtbot, dialog.inspector_view, 0)
    tap_row(qtbot, dialog.inspector_view, 1)
    gone = uuid.uuid4()
    monkeypatch.setattr(dialog.inspector_model, "ticked_ids", lambda: [gone, gone])
    qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.inspection_id is None
    assert dialog.message.isVisible()
    assert "检查人员" in dialog.message.text()


def test_models(qtmodeltester: object, qtbot: QtBot, demo_backend: Backend) -> None:
    dialog = open_dialog(qtbot, demo_backend, first_customer(demo_backend))
    qtmodeltester.check(dialog.checklist_model)  # type: ignore[attr-defined]
    tap_row(qtbot, dialog.inspector_view, 1)
    qtmodeltester.check(dialog.inspector_model)  # type: ignore[attr-defined]
    assert dialog.inspector_model.rowCount(dialog.inspector_model.index(0)) == 0
    assert dialog.checklist_model.data(QModelIndex()) is None
