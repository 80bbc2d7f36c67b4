"""The customer page's history as an inspector uses it before a visit: the Timeline tab (a tap opens the
inspection), the hazards that keep coming back, the open findings held to the deadline in force, and the
Profile PDF button, which writes the one-page profile and shows it."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot
from testkit import answer_every_item, sign_everyone

from fieldapp.gui.app import install_translators
from fieldapp.gui.customer_detail import CustomerDetailPage
from fieldapp.gui.customer_detail_models import OpenFindingsModel
from fieldapp.gui.customer_timeline_models import RecurringHazardsModel
from fieldapp.gui.row_model import TONE_ROLE, Tone
from fieldapp.gui.style import apply_style
from fieldapp.services.backend import Backend
from fieldapp.services.customer_profile import customer_profile
from fieldapp.services.customer_timeline import TimelineKind
from fieldapp.services.customers import search_customer_keys
from fieldapp.services.finding_lifecycle import notify_finding
from fieldapp.services.inspections import add_finding, finalize_inspection, start_inspection
from fieldapp.services.inspectors import list_inspectors
from fieldapp.services.proposals import dismiss_proposal, proposals_for
from fieldapp.services.templates import latest_template_id

# Qt's offscreen platform warns when a top-level window is shown or raised; a real screen does not.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints", r"This plugin does not support raise\(\)"
)

HOSPITAL = "临河县人民医院"
HAZARD = "高压配电室应急照明灯损坏"
TODAY = date.today()


def _hospital(backend: Backend) -> uuid.UUID:
    keys = backend.call(search_customer_keys, HOSPITAL)
    assert len(keys) == 1
    return uuid.UUID(str(keys[0]))


@pytest.fixture
def hospital(demo_backend: Backend) -> uuid.UUID:
    """The demo hospital, with the same hazard found by two more inspections, the last one open."""
    customer = _hospital(demo_backend)
    team = [i.id for i in demo_backend.call(list_inspectors)][:2]
    with demo_backend.session() as session:
        template = latest_template_id(session, "PERIODIC-HV")
    for days in (30, 10):
        inspection = demo_backend.call(
            start_inspection, customer, template, team, started_at=_moment(TODAY - timedelta(days))
        )
        with demo_backend.session() as session:
            answer_every_item(session, inspection)
            # The seals differ from the demo's records: the rule proposes findings, not this test's subject.
            for proposal in proposals_for(session, inspection):
                dismiss_proposal(session, inspection, proposal.item_code, "封印已核对", today=TODAY)
        demo_backend.call(add_finding, inspection, HAZARD, category="A", deadline=TODAY + timedelta(5))
        demo_backend.call(sign_everyone, inspection)
        demo_backend.call(finalize_inspection, inspection)
    return customer


def _moment(day: date) -> datetime:
    """10 in the morning, local time, on `day`."""
    return datetime.combine(day, time(10)).astimezone()


def make_page(qtbot: QtBot, backend: Backend) -> CustomerDetailPage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "zh_CN")
    apply_style(app)
    page = CustomerDetailPage(backend)
    qtbot.addWidget(page)
    page.resize(1148, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def tap_tab(qtbot: QtBot, page: CustomerDetailPage, tab: int) -> None:
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tab).center())
    assert page.tabs.currentIndex() == tab


def tap_row(qtbot: QtBot, table: QTableView, row: int, column: int = 1) -> None:
    index = table.model().index(row, column)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())


def test_the_timeline_tab_lists_the_history_and_a_tap_opens_the_inspection(
    qtbot: QtBot, demo_backend: Backend, hospital: uuid.UUID
) -> None:
    profile = demo_backend.call(customer_profile, hospital)
    page = make_page(qtbot, demo_backend)
    page.open(hospital)
    assert page.tabs.tabText(page.TAB_TIMELINE) == "时间线"
    tap_tab(qtbot, page, page.TAB_TIMELINE)
    table = page.timeline_pane.table
    assert table.isVisible()
    model = page.timeline_model
    assert model.rowCount() == len(profile.timeline) >= 6
    texts = [[model.data(model.index(r, c)) for c in range(4)] for r in range(model.rowCount())]
    # Newest first: the inspection ten days ago heads the list, above the hazard it raised.
    assert texts[0][0] == (TODAY - timedelta(10)).isoformat()
    assert texts[0][1] == "检查：周期检查"
    assert texts[0][2] == "已定稿 · 1 项隐患"
    assert texts[1][1] == "第 1 项隐患" and texts[1][2].startswith(HAZARD)
    days = [row[0] for row in texts]
    assert days == sorted(days, reverse=True)
    page.grab().save("/tmp/customer-timeline.png")

    row = next(r for r, e in enumerate(profile.timeline) if e.kind is TimelineKind.INSPECTION)
    with qtbot.waitSignal(page.inspection_requested) as blocker:
        tap_row(qtbot, table, row)
    assert blocker.args == [profile.timeline[row].inspection_id]


def test_the_recurring_hazards_tab_shows_the_hazard_found_again(
    qtbot: QtBot, demo_backend: Backend, hospital: uuid.UUID
) -> None:
    page = make_page(qtbot, demo_backend)
    page.open(hospital)
    assert page.tabs.tabText(page.TAB_RECURRING) == "反复出现的隐患（1）"
    tap_tab(qtbot, page, page.TAB_RECURRING)
    model = page.recurring_model
    assert page.recurring_pane.table.isVisible()
    assert [model.data(model.index(0, c)) for c in range(5)] == [
        HAZARD,
        "2 次",
        (TODAY - timedelta(30)).isoformat(),
        (TODAY - timedelta(10)).isoformat(),
        "仍未整改",
    ]
    assert model.data(model.index(0, RecurringHazardsModel.NOW_COLUMN), TONE_ROLE) == Tone.ALERT
    page.grab().save("/tmp/customer-recurring.png")


def test_open_findings_show_the_deadline_in_force(
    qtbot: QtBot, demo_backend: Backend, hospital: uuid.UUID
) -> None:
    finding = demo_backend.call(customer_profile, hospital).open_findings[0]
    moved = TODAY + timedelta(45)
    demo_backend.call(notify_finding, finding.finding_id, on=TODAY, by="YJ001 王建国", new_deadline=moved)
    page = make_page(qtbot, demo_backend)
    page.open(hospital)
    model = page.findings_model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).finding_id == finding.finding_id)
    assert model.data(model.index(row, OpenFindingsModel.DEADLINE_COLUMN)) == moved.isoformat()


def test_the_profile_pdf_button_writes_the_page_and_shows_it(
    qtbot: QtBot, demo_backend: Backend, hospital: uuid.UUID
) -> None:
    page = make_page(qtbot, demo_backend)
    page.open(hospital)
    assert page.profile_button.text() == "客户概况 PDF"
    qtbot.mouseClick(page.profile_button, Qt.MouseButton.LeftButton)
    dialog = page.profile_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    path = page.profile_pdf_path()
    assert path.is_file() and path.parent == demo_backend.paths.root / "reports"
    assert dialog.preview.page_count() == 1
    assert str(path) in dialog.where.text() and "已保存到" in dialog.where.text()
    reader = PdfReader(path)
    text = reader.pages[0].extract_text().replace(" ", "")
    assert len(reader.pages) == 1 and HOSPITAL in text and HAZARD in text
    dialog.grab().save("/tmp/customer-profile-dialog.png")

    # Again on the same day: the same file, written over; the same window.
    qtbot.mouseClick(page.profile_button, Qt.MouseButton.LeftButton)
    assert page.profile_dialog is dialog and dialog.isVisible()
    assert [p.name for p in Path(path.parent).iterdir()] == [path.name]


def test_the_new_tables_pass_the_model_tester(
    qtmodeltester: object, qtbot: QtBot, demo_backend: Backend, hospital: uuid.UUID
) -> None:
    page = make_page(qtbot, demo_backend)
    page.open(hospital)
    for model in (page.timeline_model, page.recurring_model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]
