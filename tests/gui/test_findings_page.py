"""The findings page on the demo data, used as the office uses it: filter, choose a finding, take a step by
clicking through its dialog (a refused step keeps the dialog open with the reason), attach the customer's
evidence, act on several findings at once (all or nothing), open the customer. What is stored is checked in
the database, what is shown on the page."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from gui_kit import type_text
from PySide6.QtCore import QDate, Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

import fieldapp.gui.findings_page as findings_page
from fieldapp.domain.enums import FindingStatus, Severity
from fieldapp.gui.finding_dialogs import FindingStepDialog
from fieldapp.gui.finding_models import DEADLINE_COLUMN
from fieldapp.gui.findings_page import FindingsPage
from fieldapp.gui.main_window import MainWindow
from fieldapp.gui.row_model import TONE_ROLE, Tone
from fieldapp.services.backend import Backend
from fieldapp.services.finding_lifecycle import finding_history
from fieldapp.services.finding_list import DeadlineScope, FindingFilter, count_findings, finding_keys
from fieldapp.store.models import Finding, FindingEvidence

S = FindingStatus
TODAY = date.today()


@pytest.fixture
def page(window: MainWindow) -> FindingsPage:
    window.navigate("findings")
    page = window.workflow.findings
    QApplication.processEvents()
    assert page.isVisible() and page.model.rowCount() > 0
    return page


def choose(combo: Any, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tap_row(qtbot: QtBot, page: FindingsPage, row: int) -> None:
    page.table.scrollTo(page.model.index(row, 1))
    rect = page.table.visualRect(page.model.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.detail.detail is not None)


def status_of(backend: Backend, finding_id: uuid.UUID) -> Finding:
    with backend.session() as session:
        finding = session.get(Finding, finding_id)
        assert finding is not None
        return finding


def in_dialog(qtbot: QtBot, act: Callable[[FindingStepDialog], None]) -> list[str]:
    """Run `act` on the step dialog once it is open (it is modal: exec() waits), then make sure it is closed.
    Returns what went wrong inside, so the test fails with it."""
    problems: list[str] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FindingStepDialog):
            QTimer.singleShot(20, run)
            return
        try:
            act(dialog)
        except Exception as exc:
            problems.append(repr(exc))
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)
    return problems


def test_the_table_model_passes_the_model_tester(qtmodeltester: Any, page: FindingsPage) -> None:
    qtmodeltester.check(page.model)


def test_the_page_lists_the_unverified_findings_most_urgent_first_with_the_overdue_in_red(
    page: FindingsPage, demo_backend: Backend
) -> None:
    counts = demo_backend.call(count_findings, FindingFilter())
    assert page.model.rowCount() == counts.total
    assert page.count_label.text() == f"共 {counts.total} 条隐患"
    assert page.overdue_label.text() == f"{counts.overdue} 条逾期"
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert all(r is not None and r.status is not S.VERIFIED for r in rows)
    deadlines = [r.deadline for r in rows if r is not None and r.deadline is not None]
    assert deadlines == sorted(deadlines)
    first = rows[0]
    assert first is not None and first.overdue_days > 0
    cell = page.model.index(0, DEADLINE_COLUMN)
    assert page.model.data(cell, TONE_ROLE) == int(Tone.ALERT)
    assert f"逾期 {first.overdue_days} 天" in page.model.data(cell)


def test_each_filter_narrows_the_list(qtbot: QtBot, page: FindingsPage, demo_backend: Backend) -> None:
    everything = page.model.rowCount()
    choose(page.status_combo, "all")
    assert page.model.rowCount() > everything  # the verified ones too
    choose(page.status_combo, S.OPEN.value)
    assert {page.model.row_at(r).status for r in range(page.model.rowCount())} == {S.OPEN}  # type: ignore[union-attr]
    choose(page.status_combo, "unverified")
    choose(page.severity_combo, Severity.SERIOUS.value)
    serious = page.model.rowCount()
    assert 0 < serious < everything
    assert all(page.model.row_at(r).severity is Severity.SERIOUS for r in range(serious))  # type: ignore[union-attr]
    choose(page.severity_combo, "")
    choose(page.category_combo, "A")
    assert all(page.model.row_at(r).category == "A" for r in range(page.model.rowCount()))  # type: ignore[union-attr]
    choose(page.category_combo, "")

    name = page.model.row_at(0).customer_name  # type: ignore[union-attr]
    qtbot.mouseClick(page.search, Qt.MouseButton.LeftButton)
    type_text(qtbot, page.search, name)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    shown = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert shown and all(r is not None and r.customer_name == name for r in shown)
    page.search.clear()
    page.apply_filter()

    inspector = page.inspector_combo.itemData(1)
    choose(page.inspector_combo, inspector)
    expected = demo_backend.call(finding_keys, FindingFilter(inspector_id=inspector))
    assert [str(i) for i in page.model.finding_ids(range(page.model.rowCount()))] == [
        str(uuid.UUID(k)) for k in expected
    ]
    choose(page.inspector_combo, None)

    choose(page.deadline_combo, DeadlineScope.OVERDUE.value)
    assert page.model.rowCount() == page.model.counts.overdue > 0
    choose(page.deadline_combo, DeadlineScope.RANGE.value)
    assert page.from_edit.isVisible() and not page.days_spin.isVisible()
    page.from_edit.setDate(QDate(2000, 1, 1))
    page.to_edit.setDate(QDate(2000, 1, 2))
    assert page.model.rowCount() == 0 and page.empty_note.isVisible()
    choose(page.deadline_combo, DeadlineScope.ANY.value)
    assert page.model.rowCount() == everything


def test_a_finding_is_notified_by_clicking_and_a_past_deadline_is_asked_anew(
    qtbot: QtBot, page: FindingsPage, demo_backend: Backend
) -> None:
    choose(page.status_combo, S.OPEN.value)
    tap_row(qtbot, page, 0)
    detail = page.detail.detail
    assert detail is not None and detail.status is S.OPEN and detail.overdue_days > 0
    assert set(page.detail.step_buttons) == {S.NOTIFIED}
    assert page.detail.deadline_label.property("tone") == "alert"
    new_deadline = TODAY + timedelta(days=20)

    def notify(dialog: FindingStepDialog) -> None:
        assert dialog.deadline_check is not None and dialog.deadline_edit is not None
        assert dialog.deadline_check.isChecked()  # the deadline has passed: a new one is asked up front
        assert dialog.deadline_hint.isVisible() and "已过" in dialog.deadline_hint.text()
        dialog.by_edit.setEditText("BG01 陈敏")
        dialog.deadline_check.setChecked(False)  # without one, the service refuses: the dialog stays
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.error.isVisible()
        assert "请设定新的整改期限" in dialog.error.text()
        dialog.deadline_check.setChecked(True)
        dialog.deadline_edit.setDate(QDate(new_deadline.year, new_deadline.month, new_deadline.day))
        type_text(qtbot, dialog.note_edit, "现场交客户代表签收")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()

    problems = in_dialog(qtbot, notify)
    click(qtbot, page.detail.step_buttons[S.NOTIFIED])
    assert problems == []
    stored = status_of(demo_backend, detail.finding_id)
    assert stored.status is S.NOTIFIED and stored.current_deadline == new_deadline
    assert stored.deadline == detail.deadline  # the notice's deadline is kept as printed
    history = demo_backend.call(finding_history, detail.finding_id)
    assert [(e.to_status, e.by, e.note) for e in history] == [(S.NOTIFIED, "BG01 陈敏", "现场交客户代表签收")]
    # Shown: it left the list of open findings, and the panel keeps it with its new status and history.
    assert detail.finding_id not in page.model.finding_ids(range(page.model.rowCount()))
    assert page.detail.detail is not None and page.detail.detail.status is S.NOTIFIED
    assert page.detail.status_label.text() == "状态：已下发通知"
    assert not page.detail.deadline_label.property("tone")
    assert set(page.detail.step_buttons) == {S.FIX_REPORTED}
    assert page.message.text() == "已保存。"


def test_the_customers_report_comes_with_evidence_that_opens_from_the_history(
    qtbot: QtBot,
    page: FindingsPage,
    demo_backend: Backend,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = tmp_path / "整改验收报告.pdf"
    report.write_bytes(b"%PDF-1.4\n%%EOF\n")
    monkeypatch.setattr(FindingStepDialog, "choose_files", staticmethod(lambda _parent: [report]))
    opened: list[QUrl] = []
    monkeypatch.setattr(findings_page.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    choose(page.status_combo, S.NOTIFIED.value)
    tap_row(qtbot, page, 0)
    finding_id = page.detail.detail.finding_id  # type: ignore[union-attr]

    def report_fix(dialog: FindingStepDialog) -> None:
        dialog.by_edit.setEditText("客户 赵经理")
        type_text(qtbot, dialog.note_edit, "已恢复五防闭锁")
        qtbot.mouseClick(dialog.findChild(QWidget, "addEvidenceButton"), Qt.MouseButton.LeftButton)
        assert dialog.evidence_list is not None and dialog.evidence_list.count() == 1
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible(), dialog.error.text()

    problems = in_dialog(qtbot, report_fix)
    click(qtbot, page.detail.step_buttons[S.FIX_REPORTED])
    assert problems == []
    assert status_of(demo_backend, finding_id).status is S.FIX_REPORTED
    with demo_backend.session() as session:
        evidence = session.scalars(
            select(FindingEvidence).where(FindingEvidence.finding_id == finding_id)
        ).one()
        assert evidence.file_name == report.name and evidence.media_type == "application/pdf"
    button = page.detail.findChild(QWidget, "evidenceButton")
    assert button is not None and report.name in button.text()  # type: ignore[attr-defined]
    click(qtbot, button)
    assert [Path(url.toLocalFile()).read_bytes() for url in opened] == [report.read_bytes()]


def test_a_bulk_step_refused_for_one_changes_none_and_says_which(
    qtbot: QtBot, page: FindingsPage, demo_backend: Backend
) -> None:
    choose(page.status_combo, "all")
    rows = range(page.model.rowCount())
    reported = [r for r in rows if page.model.row_at(r).status is S.FIX_REPORTED][:2]  # type: ignore[union-attr]
    opened = [r for r in rows if page.model.row_at(r).status is S.OPEN][:1]  # type: ignore[union-attr]
    page.select_rows(reported + opened)
    assert page.selection_label.text() == "已选 3 条"
    ids = page.model.finding_ids(sorted(reported + opened))
    before = {i: status_of(demo_backend, i).status for i in ids}

    def verify_all(dialog: FindingStepDialog) -> None:
        dialog.by_edit.setEditText("YJ001 王建国")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        assert "3 条隐患中有 1 条不能办理此步骤" in dialog.error.text()
        assert "未经验证不能关闭隐患" in dialog.error.text()

    problems = in_dialog(qtbot, verify_all)
    click(qtbot, page.bulk_buttons[S.VERIFIED])
    assert problems == []
    assert {i: status_of(demo_backend, i).status for i in ids} == before

    page.select_rows(reported)

    def verify_reported(dialog: FindingStepDialog) -> None:
        assert dialog.by_edit.currentText() == ""
        dialog.by_edit.setEditText("YJ001 王建国")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible(), dialog.error.text()

    problems = in_dialog(qtbot, verify_reported)
    click(qtbot, page.bulk_buttons[S.VERIFIED])
    assert problems == []
    for finding_id in page_ids(ids, before, S.FIX_REPORTED):
        assert status_of(demo_backend, finding_id).status is S.VERIFIED
    assert page.message.text() == "已为 2 条隐患保存。"


def page_ids(
    ids: list[uuid.UUID], before: dict[uuid.UUID, FindingStatus], status: FindingStatus
) -> list[uuid.UUID]:
    return [i for i in ids if before[i] is status]


def test_the_customer_opens_from_a_finding(qtbot: QtBot, window: MainWindow, page: FindingsPage) -> None:
    tap_row(qtbot, page, 0)
    detail = page.detail.detail
    assert detail is not None
    click(qtbot, page.detail.customer_button)
    assert window.workflow.customers.currentWidget() is window.workflow.customer
    assert window.workflow.customer.customer_id == detail.customer_id
