"""One finding from the tablet to the office and back, on two real databases: the tablet finalizes an
inspection with a finding and exports a bundle; the office imports it, notifies the finding by clicking
through the Findings page and assigns the customer's next visit; the office exports, the tablet imports,
and the tablet's own pages show the finding's new status and the visit on Today."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from gui_kit import type_text
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from testkit import SAMPLE_CUSTOMERS, answer_every_item, sign_everyone

from fieldapp.domain.enums import FindingStatus, InspectorGrade
from fieldapp.gui.app import install_translators
from fieldapp.gui.customer_detail import CustomerDetailPage
from fieldapp.gui.finding_dialogs import FindingStepDialog
from fieldapp.gui.findings_page import FindingsPage
from fieldapp.gui.style import apply_style
from fieldapp.gui.today_page import TodayPage
from fieldapp.services.assignments import assign
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.customers import create_customer
from fieldapp.services.finding_lifecycle import finding_history
from fieldapp.services.inspections import add_finding, finalize_inspection, start_inspection
from fieldapp.services.inspectors import create_inspector
from fieldapp.services.sync_export import export_bundle
from fieldapp.services.sync_import import import_file
from fieldapp.services.templates import latest_template_id
from fieldapp.store.models import Finding

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

S = FindingStatus
TODAY = date.today()
DEADLINE = TODAY + timedelta(days=20)


@pytest.fixture
def tablet(tmp_path: Path) -> Iterator[Backend]:
    backend = open_backend(str(tmp_path / "tablet"))
    yield backend
    backend.close()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Backend]:
    backend = open_backend(str(tmp_path / "office"))
    yield backend
    backend.close()


def finding_on_the_tablet(tablet: Backend) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """The customer, the lead inspector and a finding of a finalized inspection, all made on the tablet."""
    with tablet.session() as session:
        team = [
            create_inspector(session, "YJ001", "王建国", "用检证 鲁0315001", InspectorGrade.GRADE_1),
            create_inspector(session, "YJ002", "李秀英", "用检证 鲁0315002", InspectorGrade.GRADE_1),
        ]
        customer_id = create_customer(session, SAMPLE_CUSTOMERS[0])
        inspection_id = start_inspection(
            session, customer_id, latest_template_id(session, "PERIODIC-HV"), team
        )
        answer_every_item(session, inspection_id)
        finding_id = add_finding(
            session, inspection_id, "配电室门口未设挡鼠板", requirement="加装挡鼠板", deadline=DEADLINE
        )
        sign_everyone(session, inspection_id)
        finalize_inspection(session, inspection_id)
    return customer_id, team[0], finding_id


def travel(source: Backend, target: Backend, bundle: Path, peer: str) -> None:
    """Export from one device, import on the other, as the Sync page does."""
    source.call(export_bundle, bundle, source.paths.photos, peer=peer)
    report = target.call(import_file, bundle, target.paths.photos, report_dir=bundle.parent)
    assert report.applied and not report.rejections and not report.problems, report.as_json()


def show(qtbot: QtBot, widget: object) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "zh_CN")
    apply_style(app)
    qtbot.addWidget(widget)  # type: ignore[arg-type]
    widget.resize(1148, 800)  # type: ignore[attr-defined]
    widget.show()  # type: ignore[attr-defined]
    qtbot.waitExposed(widget)  # type: ignore[arg-type]


def notify_in_the_office(qtbot: QtBot, office: Backend, finding_id: uuid.UUID) -> None:
    page = FindingsPage(office)
    show(qtbot, page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    rect = page.table.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.detail.detail is not None)
    assert page.detail.detail is not None and page.detail.detail.finding_id == finding_id
    assert set(page.detail.step_buttons) == {S.NOTIFIED}
    problems: list[str] = []

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FindingStepDialog):
            QTimer.singleShot(20, fill_in)
            return
        try:
            dialog.by_edit.setEditText("BG01 陈敏")
            type_text(qtbot, dialog.note_edit, "通知书已交客户代表")
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
            if dialog.isVisible():
                problems.append(dialog.error.text())
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(page.detail.step_buttons[S.NOTIFIED], Qt.MouseButton.LeftButton)
    assert problems == []
    assert page.detail.status_label.text() == "状态：已下发通知"


def test_a_finding_goes_to_the_office_is_notified_there_and_the_tablet_sees_it(
    qtbot: QtBot, tablet: Backend, office: Backend, tmp_path: Path
) -> None:
    customer_id, lead, finding_id = finding_on_the_tablet(tablet)

    travel(tablet, office, tmp_path / "tablet-to-office.fieldsync", peer="office")
    notify_in_the_office(qtbot, office, finding_id)
    office.call(assign, [customer_id], lead, TODAY + timedelta(days=1), note="复查挡鼠板", actor="BG01 陈敏")
    travel(office, tablet, tmp_path / "office-to-tablet.fieldsync", peer="T01")

    with tablet.session() as session:
        finding = session.get(Finding, finding_id)
        assert finding is not None and finding.status is S.NOTIFIED
    history = tablet.call(finding_history, finding_id)
    assert [(e.to_status, e.by, e.note) for e in history] == [(S.NOTIFIED, "BG01 陈敏", "通知书已交客户代表")]

    # The tablet's customer page: the finding is still to be fixed, now with the notice given.
    detail = CustomerDetailPage(tablet)
    show(qtbot, detail)
    detail.open(customer_id)
    qtbot.waitUntil(lambda: detail.findings_model.rowCount() == 1)
    (shown,) = detail.findings_model.rows()
    assert (shown.finding_id, shown.status) == (finding_id, S.NOTIFIED)
    status_texts = [
        str(detail.findings_model.data(detail.findings_model.index(0, column)))
        for column in range(detail.findings_model.columnCount())
    ]
    assert "已下发通知" in status_texts

    # The tablet's Today: the visit the office planned, for tomorrow, with Start.
    today = TodayPage(tablet)
    show(qtbot, today)
    qtbot.waitUntil(lambda: len(today.assigned_list.cards) == 1)
    card = today.assigned_list.cards[0]
    assert card.title.text() == SAMPLE_CUSTOMERS[0].name
    assert "王建国" in card.detail.text() and "复查挡鼠板" in card.detail.text()
    assert card.badge.text() == "1 天后检查"
    assert today.assigned_title.text() == "检查任务（1）"
    today.scroll_area.ensureWidgetVisible(card.button)
    with qtbot.waitSignal(today.start_requested) as started:
        qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    assert started.args == [customer_id]
