"""The customer page as an inspector reads it before going in: the demo hospital's details, its equipment
ledger and open findings as the services hold them, tests and deadlines that are past marked, a tap on a
past inspection to open it, and the Start and Back buttons. Also the register's tap that leads here."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.gui.app import create_main_window, install_translators
from fieldapp.gui.customer_detail import CustomerDetailPage
from fieldapp.gui.customer_detail_models import EquipmentModel, OpenFindingsModel
from fieldapp.gui.enum_labels import equipment_kind_label, severity_label
from fieldapp.gui.row_model import TONE_ROLE, Tone
from fieldapp.gui.style import apply_style
from fieldapp.services.backend import Backend
from fieldapp.services.customer_profile import CustomerProfile, customer_profile
from fieldapp.services.customers import search_customer_keys

# Qt's offscreen platform warns when a top-level widget is shown; a real screen does not.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

CJK = re.compile(r"[\u4e00-\u9fff]")
HOSPITAL = "临河县人民医院"


def customer_id(backend: Backend, name: str) -> uuid.UUID:
    keys = backend.call(search_customer_keys, name)
    assert len(keys) == 1
    return uuid.UUID(str(keys[0]))


def make_page(qtbot: QtBot, backend: Backend, today: date | None = None) -> CustomerDetailPage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "zh_CN")
    apply_style(app)
    page = CustomerDetailPage(backend, today=(lambda: today) if today else date.today)
    qtbot.addWidget(page)
    page.resize(1148, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def hospital(demo_backend: Backend) -> uuid.UUID:
    return customer_id(demo_backend, HOSPITAL)


@pytest.fixture
def profile(demo_backend: Backend, hospital: uuid.UUID) -> CustomerProfile:
    return demo_backend.call(customer_profile, hospital)


def cell(model: Any, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, column), role)


def test_the_hospital_page_shows_its_details_equipment_and_open_findings(
    qtbot: QtBot, demo_backend: Backend, hospital: uuid.UUID, profile: CustomerProfile
) -> None:
    page = make_page(qtbot, demo_backend)
    page.open(hospital)
    detail = profile.detail
    assert page.name_label.text() == HOSPITAL
    assert detail.account_no in page.where_label.text() and detail.address in page.where_label.text()
    assert page.fields["contact_name"].value.text() == detail.contact_name
    assert page.fields["contact_phone"].value.text() == detail.contact_phone
    assert page.fields["supply_voltage"].value.text() == "10 kV"
    assert page.fields["contract_capacity"].value.text() == "2,500"
    assert page.fields["tariff"].value.text() == "两部制"
    assert page.fields["importance"].value.text() == "一级"
    assert page.fields["industry"].value.text() == detail.industry

    # The equipment ledger, row for row as the service gives it.
    assert profile.equipment, "the demo hospital has an equipment ledger"
    page.tabs.setCurrentIndex(page.TAB_EQUIPMENT)
    assert page.equipment_pane.table.isVisible()
    model = page.equipment_model
    assert model.rowCount() == len(profile.equipment)
    for row, item in enumerate(profile.equipment):
        assert cell(model, row, 0) == equipment_kind_label(item.kind)
        assert cell(model, row, 1) == item.model
        assert cell(model, row, 4) == item.serial_no
    assert CJK.search(cell(model, 0, 0))  # 避雷器, not "arrester"
    assert page.tabs.tabText(page.TAB_EQUIPMENT) == f"设备台账（{len(profile.equipment)}）"

    # The open findings.
    assert profile.open_findings, "the demo hospital has an open finding"
    page.tabs.setCurrentIndex(page.TAB_FINDINGS)
    assert page.findings_pane.table.isVisible()
    findings = page.findings_model
    assert [cell(findings, r, OpenFindingsModel.DESCRIPTION_COLUMN) for r in range(findings.rowCount())] == [
        f.description for f in profile.open_findings
    ]
    assert cell(findings, 0, 3) == severity_label(profile.open_findings[0].severity)
    assert page.tabs.tabText(page.TAB_FINDINGS) == f"未整改隐患（{len(profile.open_findings)}）"


def test_tests_and_deadlines_that_are_past_are_marked(
    qtbot: QtBot, demo_backend: Backend, hospital: uuid.UUID, profile: CustomerProfile
) -> None:
    """Seen on a later day, when the earliest test has fallen due and the finding's deadline has passed."""
    next_tests = sorted(e.next_test_on for e in profile.equipment if e.next_test_on is not None)
    deadline = profile.open_findings[0].deadline
    assert next_tests and deadline is not None
    later = max(next_tests[0], deadline) + timedelta(days=1)
    page = make_page(qtbot, demo_backend, today=later)
    page.open(hospital)

    equipment = page.equipment_model
    column = EquipmentModel.NEXT_TEST_COLUMN
    for row, item in enumerate(profile.equipment):
        tone = cell(equipment, row, column, TONE_ROLE)
        if item.next_test_on is None:
            assert tone == Tone.NORMAL
        elif item.next_test_on < later:
            assert tone == Tone.ALERT and "已超期" in cell(equipment, row, column)
        elif item.next_test_on <= later + timedelta(days=30):
            assert tone == Tone.WARN and "即将到期" in cell(equipment, row, column)
        else:
            assert tone == Tone.NORMAL and cell(equipment, row, column) == item.next_test_on.isoformat()
    assert any(cell(equipment, r, column, TONE_ROLE) == Tone.ALERT for r in range(equipment.rowCount()))

    findings = page.findings_model
    deadline_cell = findings.index(0, OpenFindingsModel.DEADLINE_COLUMN)
    assert findings.data(deadline_cell, TONE_ROLE) == Tone.ALERT
    assert "已超期" in findings.data(deadline_cell)
    assert findings.data(deadline_cell, Qt.ItemDataRole.ForegroundRole) is not None

    # On the day itself nothing of the finding is overdue.
    page_then = make_page(qtbot, demo_backend, today=deadline)
    page_then.open(hospital)
    assert cell(page_then.findings_model, 0, OpenFindingsModel.DEADLINE_COLUMN, TONE_ROLE) == Tone.NORMAL


def test_tapping_a_past_inspection_asks_for_it(
    qtbot: QtBot, demo_backend: Backend, hospital: uuid.UUID, profile: CustomerProfile
) -> None:
    page = make_page(qtbot, demo_backend)
    page.open(hospital)
    assert page.tabs.currentIndex() == page.TAB_OVERVIEW
    qtbot.mouseClick(
        page.tabs.tabBar(),
        Qt.MouseButton.LeftButton,
        pos=page.tabs.tabBar().tabRect(page.TAB_INSPECTIONS).center(),
    )
    assert page.tabs.currentIndex() == page.TAB_INSPECTIONS
    table = page.inspections_pane.table
    assert table.isVisible()
    assert page.inspections_model.rowCount() == len(profile.inspections) >= 1
    target = table.visualRect(page.inspections_model.index(0, 1)).center()
    with qtbot.waitSignal(page.inspection_requested) as blocker:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert blocker.args == [profile.inspections[0].inspection_id]
    assert cell(page.inspections_model, 0, 3) == "已定稿"


def test_start_and_back(qtbot: QtBot, demo_backend: Backend, hospital: uuid.UUID) -> None:
    page = make_page(qtbot, demo_backend)
    page.open(hospital)
    assert page.start_button.text() == "开始检查"
    assert page.start_button.height() >= 48 and page.back_button.height() >= 48
    with qtbot.waitSignal(page.start_requested) as blocker:
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [hospital]
    with qtbot.waitSignal(page.back_requested):
        qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)


def test_a_customer_that_is_not_there_leaves_an_empty_page_that_says_why(
    qtbot: QtBot, demo_backend: Backend, hospital: uuid.UUID
) -> None:
    page = make_page(qtbot, demo_backend)
    page.open(hospital)
    page.open(uuid.uuid4())
    assert page.error.isVisible() and page.error.text()
    assert page.name_label.text() == ""
    assert not page.start_button.isEnabled()
    assert page.equipment_model.rowCount() == 0
    page.tabs.setCurrentIndex(page.TAB_EQUIPMENT)
    assert page.equipment_pane.empty_note.isVisible()


def test_the_tables_pass_the_model_tester(
    qtmodeltester: Any, qtbot: QtBot, demo_backend: Backend, hospital: uuid.UUID
) -> None:
    page = make_page(qtbot, demo_backend)
    page.open(hospital)
    for model in (page.equipment_model, page.inspections_model, page.findings_model):
        qtmodeltester.check(model)


def test_tapping_a_customer_in_the_register_asks_for_it(qtbot: QtBot, demo_backend: Backend) -> None:
    window = create_main_window(demo_backend, "zh_CN")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.navigate("customers")
    page = window.customers_page
    table = page.table
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 1)) == HOSPITAL)
    table.scrollTo(model.index(row, 1))
    with qtbot.waitSignal(page.customer_requested) as blocker:
        qtbot.mouseClick(
            table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(model.index(row, 1)).center()
        )
    assert blocker.args == [customer_id(demo_backend, HOSPITAL)]
