"""A breach fee on the findings page, as the office works one out: choose a contract-breach finding, tap
"Breach fee", see the rule its basis names chosen and the measured excess filled in, type the demand charge
and the months, watch the arithmetic, save; the detail then shows it with its rule in red as superseded.
A finding that is not a breach has no such button. What is stored is checked in the database."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from gui_kit import type_text
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from fieldapp.domain.breach_fees import BreachKind
from fieldapp.domain.enums import Tariff
from fieldapp.gui.breach_fee_dialog import BreachFeeDialog
from fieldapp.gui.findings_page import FindingsPage
from fieldapp.gui.main_window import MainWindow
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import add_finding, record_answer, start_inspection
from fieldapp.services.inspectors import list_inspectors
from fieldapp.services.templates import latest_template_id
from fieldapp.store.models import BreachAssessment, Customer

OFFICE = "BG01 陈敏"


def visit_with_finding(backend: Backend, *, breach: bool) -> uuid.UUID:
    """A visit to a two-part-tariff customer that measured 120 kVA above the contract (item E01)."""
    with backend.session() as session:
        customer = session.scalars(
            select(Customer).where(Customer.tariff == Tariff.TWO_PART).order_by(Customer.account_no)
        ).first()
        assert customer is not None
        inspectors = [row.id for row in list_inspectors(session)[:2]]
        inspection_id = start_inspection(
            session,
            customer.id,
            latest_template_id(session, "PERIODIC-HV"),
            inspectors,
            started_at=datetime.now(UTC),
        )
        if not breach:
            return add_finding(session, inspection_id, "接地电阻超标", category="B", basis="GB50169")
        record_answer(session, inspection_id, "E01", number=Decimal(customer.contract_capacity_kva) + 120)
        return add_finding(
            session,
            inspection_id,
            "私增容量120 kVA",
            category="E",
            basis="GYGZ1996-100-CAPACITY;GDYY-30;GYGZ2024-BREACH",
            item_code="E01",
        )


@pytest.fixture
def page(window: MainWindow) -> FindingsPage:
    window.navigate("findings")
    QApplication.processEvents()
    return window.workflow.findings


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def in_dialog(act: Callable[[BreachFeeDialog], None]) -> list[str]:
    problems: list[str] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, BreachFeeDialog):
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


def test_a_breach_fee_is_worked_out_saved_and_shown_in_red(
    qtbot: QtBot, page: FindingsPage, demo_backend: Backend, tmp_path: Path
) -> None:
    finding_id = visit_with_finding(demo_backend, breach=True)
    page.show_finding(finding_id)
    button = page.detail.breach_button
    assert button is not None

    def work_it_out(dialog: BreachFeeDialog) -> None:
        assert dialog.rule_combo.currentText().endswith("GYGZ1996-100-CAPACITY")
        assert dialog.two_part_check.isChecked()
        assert dialog.edits["capacity_kva"].text() == "120"
        assert not dialog.edits["occasions"].isVisible()
        assert "GYGZ2024-BREACH" in dialog.standing.text()
        click(qtbot, dialog.ok_button) if dialog.ok_button.isEnabled() else None  # not yet: inputs missing
        assert dialog.isVisible()
        type_text(qtbot, dialog.edits["demand_price"], "28")
        type_text(qtbot, dialog.edits["months"], "2")
        assert (
            "违约使用电费 3 × 120 kVA × 28.00 元/kVA·月 × 2 月 = 20\u00a0160.00 元"
            in dialog.arithmetic.text()
        )
        type_text(qtbot, dialog.by_edit, OFFICE)
        QApplication.processEvents()  # the layout grows the dialog to fit the new lines
        assert dialog.arithmetic.height() >= dialog.arithmetic.heightForWidth(dialog.arithmetic.width())
        dialog.grab().save(str(tmp_path / "breach_dialog.png"))
        click(qtbot, dialog.ok_button)
        assert not dialog.isVisible()

    problems = in_dialog(work_it_out)
    click(qtbot, button)
    assert problems == []

    with demo_backend.session() as session:
        row = session.scalars(select(BreachAssessment).where(BreachAssessment.finding_id == finding_id)).one()
        assert (row.back_pay, row.fee, row.total) == (
            Decimal("6720.00"),
            Decimal("20160.00"),
            Decimal("26880.00"),
        )
        assert row.rule_code == "GYGZ1996-100-CAPACITY" and row.assessed_by == OFFICE
        assert row.verified_at_time and not row.in_force_at_time
    texts = [label.text() for label in page.detail.findChildren(QLabel)]
    assert any("合计 26\u00a0880.00 元" in text and "GYGZ1996-100-CAPACITY" in text for text in texts)
    warnings = page.detail.findChildren(QLabel, "breachWarning")
    assert len(warnings) == 1 and "GYGZ2024-BREACH" in warnings[0].text()
    page.detail.grab().save(str(tmp_path / "breach_detail.png"))


def test_a_refused_input_keeps_the_dialog_open_with_the_reason(
    qtbot: QtBot, page: FindingsPage, demo_backend: Backend, tmp_path: Path
) -> None:
    finding_id = visit_with_finding(demo_backend, breach=True)
    page.show_finding(finding_id)
    assert page.detail.breach_button is not None

    def refuse(dialog: BreachFeeDialog) -> None:
        dialog.two_part_check.setChecked(False)
        dialog.edits["capacity_kva"].clear()
        type_text(qtbot, dialog.edits["capacity_kva"], "-5")
        assert not dialog.ok_button.isEnabled()
        assert "capacity_kva" in dialog.arithmetic.text()
        dialog.edits["capacity_kva"].clear()
        type_text(qtbot, dialog.edits["capacity_kva"], "10")
        assert "50 元/kVA × 10 kVA = 500.00 元" in dialog.arithmetic.text()
        click(qtbot, dialog.ok_button)  # nobody named as the assessor: refused by the service
        assert dialog.isVisible() and "assessed" in dialog.error.text()
        # An unverified rule is marked as such, besides superseded.
        dialog.rule_combo.setCurrentIndex(dialog.rule_combo.findData(BreachKind.METERING))
        assert dialog.standing.text().splitlines()[0] == "未核实，收费前须核实"
        assert dialog.edits["occasions"].isVisible() and dialog.residential_check.isVisible()
        assert not dialog.edits["capacity_kva"].isVisible() and not dialog.two_part_check.isVisible()
        QApplication.processEvents()
        dialog.grab().save(str(tmp_path / "breach_metering.png"))

    problems = in_dialog(refuse)
    click(qtbot, page.detail.breach_button)
    assert problems == []
    with demo_backend.session() as session:
        assert session.scalars(select(BreachAssessment)).all() == []


def test_a_finding_that_is_not_a_breach_has_no_breach_fee(page: FindingsPage, demo_backend: Backend) -> None:
    page.show_finding(visit_with_finding(demo_backend, breach=False))
    assert page.detail.breach_button is None
    assert page.detail.findChildren(QWidget, "breachFeeButton") == []
