"""A whole inspection on the main window, done only as a person does it: the rail to Customers, a customer
found by typing Chinese, a tap on the row, Start inspection and the modal dialog (two inspectors ticked,
Go), every shown item answered through the card's own widgets and Next, one defect with its photo
imported from files, a Chinese note, the rule proposals decided, Review & finish, the defect's requirement
typed and its deadline tapped, every signature drawn on its pad, Finalize. Then what the database holds,
read through the services, and what the screen shows. A second run: the representative refuses and a
witness signs."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from gui_kit import ZIGZAG, draw, type_text
from photo_kit import MULTIMEDIA_NOISE, OFFSCREEN_NOISE, photos
from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QListView,
    QMessageBox,
    QScrollArea,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import AnswerKind, FindingSource, InspectionStatus, SignerRole, Verdict
from fieldapp.gui.app import create_main_window
from fieldapp.gui.inspection_page import InspectionPage
from fieldapp.gui.main_window import MainWindow
from fieldapp.gui.review_page import ReviewPage
from fieldapp.gui.signature_section import SignerBlock
from fieldapp.gui.start_dialog import StartInspectionDialog
from fieldapp.services.backend import Backend
from fieldapp.services.findings import findings_of
from fieldapp.services.inspection_sheet import (
    inspection_sheet,
    inspections_in_progress,
    list_inspections,
    sheet_state,
)
from fieldapp.services.inspections import verify_inspection_seal
from fieldapp.services.photos import photos_for
from fieldapp.services.rule_dismissals import rule_dismissals
from fieldapp.services.signatures import SignatureSlot, signature_slots

# The calendar is a popup: the offscreen platform cannot raise it nor let it grab the keyboard, and says so.
POPUP_NOISE = r"This plugin does not support (raise\(\)|grabbing the keyboard)"
pytestmark = pytest.mark.qt_log_ignore(MULTIMEDIA_NOISE, OFFSCREEN_NOISE, POPUP_NOISE)

CLICK = Qt.MouseButton.LeftButton
CUSTOMER = "第一水厂"  # typed into the search box: 临河县自来水公司第一水厂
DEFECT_ITEM = "B01"  # transformer oil: photo_required_on_defect in periodic_hv.toml
NOTE_ITEM = "A03"
NOTE = "绝缘垫有两处破损，已提醒值班电工更换"
REQUIREMENT = "十五日内处理变压器渗漏油，并提交检修记录"
POWER_FACTOR = "0.72"  # under the power factor's limit: the rule proposes a finding, accepted here
DISMISS_REASON = "现场核对工单，封印为计量班本月更换"
BATCH_TIMEOUT_MS = 120_000  # a generous bound for slow CI machines; the waits are on signals, not time

# The readings typed for the number items, on the compliant side of each one's rule except the power
# factor. Items not named here get "1".
READINGS = {
    "B02": "61.5",
    "B04": "12",
    "B06": "55",
    "B09": "2.5",
    "C09": "20",
    "C10": "1.6",
    "C11": "2.1",
    "E01": "1250",
    "F03": "150",
    "G02": POWER_FACTOR,
    "H04": "2.1",
    "H07": "3.5",
    "H09": "0.8",
}
CHOICES = {"F02": "diesel", "H02": "mv"}  # a diesel set and a 10 kV measuring point bring their items in


@dataclass
class Walk:
    """What the walk through the checklist did, to check the database against."""

    inspection_id: uuid.UUID
    team: list[uuid.UUID]
    answered: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    dismissed: list[str] = field(default_factory=list)


@pytest.fixture
def window(qtbot: QtBot, demo_backend: Backend) -> Iterator[MainWindow]:
    main = create_main_window(demo_backend, "zh_CN")
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    yield main
    main.close()


# -- acting like a person ------------------------------------------------------------------------------


def settle() -> None:
    """The layout settles, as the screen has before a finger lands."""
    QApplication.processEvents()


def into_view(widget: QWidget) -> None:
    """Scroll every scroll area the widget sits in so the widget is on screen: a finger cannot reach it
    otherwise."""
    settle()
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 16, 16)
        parent = parent.parentWidget()
    settle()


def tap(qtbot: QtBot, widget: QWidget, pos: QPoint | None = None) -> None:
    into_view(widget)
    assert widget.isVisible() and widget.isEnabled(), widget.objectName() or type(widget).__name__
    if pos is None:
        qtbot.mouseClick(widget, CLICK)
    else:
        qtbot.mouseClick(widget, CLICK, pos=pos)


def tap_row(qtbot: QtBot, view: QListView | QTableView, index: QModelIndex) -> None:
    view.scrollTo(index)
    settle()
    qtbot.mouseClick(view.viewport(), CLICK, pos=view.visualRect(index).center())


def enter(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Tap the field, select what is there, type over it, press Enter."""
    tap(qtbot, edit)
    edit.selectAll()
    type_text(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def pick_first_of_month(qtbot: QtBot, page: InspectionPage) -> date:
    """Open the date field's calendar with a tap on its arrow and tap the first of the month it shows."""
    edit = page.date_edit
    tap(qtbot, edit, QPoint(edit.width() - 12, edit.height() // 2))
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    shown = date(calendar.yearShown(), calendar.monthShown(), 1)
    grid = calendar.findChild(QTableView, "qt_calendar_calendarview")
    assert grid is not None
    model = grid.model()
    first = next(
        model.index(row, column)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        if str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)) == "1"
    )
    qtbot.mouseClick(grid.viewport(), CLICK, pos=grid.visualRect(first).center())
    qtbot.waitUntil(lambda: not calendar.isVisible())
    # A window system gives the window back its activation when a popup closes; the offscreen platform
    # of the tests leaves the closed popup active, and nothing in the window would get the focus again.
    main = page.window()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    return shown


# -- the steps -----------------------------------------------------------------------------------------


def find_and_open_customer(qtbot: QtBot, window: MainWindow) -> uuid.UUID:
    tap(qtbot, window.nav_buttons["customers"])
    assert window.current_page_key() == "customers"
    register = window.workflow.register
    tap(qtbot, register.search)
    type_text(qtbot, register.search, CUSTOMER)
    qtbot.waitUntil(lambda: register.model.rowCount() == 1)
    name_column = 1
    assert CUSTOMER in register.model.data(register.model.index(0, name_column))
    tap_row(qtbot, register.table, register.model.index(0, name_column))
    detail = window.workflow.customer
    assert window.workflow.customers.currentWidget() is detail
    assert CUSTOMER in detail.name_label.text()
    assert detail.customer_id is not None
    return detail.customer_id


def start_with_two_inspectors(qtbot: QtBot, window: MainWindow) -> list[uuid.UUID]:
    """Tap Start inspection; the modal dialog is driven from the event loop its exec() runs."""
    team: list[uuid.UUID] = []
    problems: list[BaseException] = []

    def drive() -> None:
        dialog: Any = None
        try:
            qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), StartInspectionDialog))
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, StartInspectionDialog)
            assert CUSTOMER in dialog.customer_label.text()
            assert not dialog.go_button.isEnabled()
            model = dialog.inspector_model
            for row in (1, 3):
                tap_row(qtbot, dialog.inspector_view, model.index(row))
            team.extend(model.ticked_ids())
            tap(qtbot, dialog.go_button)
        except BaseException as exc:  # reported below: raised here, it would leave the dialog open
            problems.append(exc)
            modal = dialog or QApplication.activeModalWidget()
            if isinstance(modal, StartInspectionDialog) and modal.isVisible():
                modal.reject()

    start = window.workflow.customer.start_button
    into_view(start)  # before the timer: settling runs the event loop, which would fire it too early
    assert start.isVisible() and start.isEnabled()
    QTimer.singleShot(0, drive)
    qtbot.mouseClick(start, CLICK)  # returns once the dialog's exec() has
    if problems:
        raise problems[0]
    assert len(team) == 2
    return team


def decide_proposal(qtbot: QtBot, page: InspectionPage, code: str, walk: Walk) -> None:
    """The power factor's proposal is accepted; any other (a seal that differs from the last visit) is
    dismissed with a typed reason."""
    if not page.rule_banner.isVisible():
        return
    if code == "G02":
        tap(qtbot, page.accept_button)
        walk.accepted.append(code)
    else:
        tap(qtbot, page.dismiss_button)
        tap(qtbot, page.reason_edit)
        type_text(qtbot, page.reason_edit, DISMISS_REASON)
        tap(qtbot, page.confirm_dismiss_button)
        walk.dismissed.append(code)
    assert not page.rule_banner.isVisible(), page.message.text()


def attach_photo(qtbot: QtBot, page: InspectionPage, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    picked = photos(folder, 1)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: ([str(p) for p in picked], ""))
    )
    assert page.photo_hint.isVisible(), "a defect on this item needs a photo"
    strip = page.photo_strip
    into_view(strip.import_button)
    with qtbot.waitSignal(
        strip.busy_changed, timeout=BATCH_TIMEOUT_MS, check_params_cb=lambda busy: not busy
    ):
        tap(qtbot, strip.import_button)
    qtbot.waitUntil(lambda: not page.photo_hint.isVisible())
    assert len(strip.photos()) == 1


def answer_current(
    qtbot: QtBot, page: InspectionPage, walk: Walk, monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    code = page.current_code
    assert code is not None
    item = page.items[code]
    kind = item.kind
    if kind is AnswerKind.VERDICT:
        verdict = Verdict.DEFECT if code == DEFECT_ITEM else Verdict.OK
        tap(qtbot, page.verdict_buttons[verdict])
        assert page.verdict_buttons[verdict].isChecked()
    elif kind is AnswerKind.SEAL:
        tap(qtbot, page.verdict_buttons[Verdict.OK])
        enter(qtbot, page.value_edit, f"LH2025-{code}")
    elif kind is AnswerKind.NUMBER:
        enter(qtbot, page.value_edit, READINGS.get(code, "1"))
        assert not page.message.isVisible(), f"{code}: {page.message.text()}"
    elif kind is AnswerKind.TEXT:
        tap(qtbot, page.value_edit)
        type_text(qtbot, page.value_edit, "孙志强 操作证 鲁T0815")
        qtbot.keyClick(page.value_edit, Qt.Key.Key_Return)
    elif kind is AnswerKind.CHOICE:
        name = CHOICES.get(code, item.choices[0].name)
        tap(qtbot, page.choice_buttons[name])
        assert page.choice_buttons[name].isChecked()
    elif kind is AnswerKind.DATE:
        pick_first_of_month(qtbot, page)
    else:  # pragma: no cover - a new kind needs its way of answering here
        raise AssertionError(f"{code}: no way to answer {kind}")
    if code == NOTE_ITEM:
        qtbot.mouseClick(page.note_edit.viewport(), CLICK)
        type_text(qtbot, page.note_edit, NOTE)
    if code == DEFECT_ITEM:
        attach_photo(qtbot, page, monkeypatch, folder)
    decide_proposal(qtbot, page, code, walk)
    walk.answered.append(code)


def answer_everything(
    qtbot: QtBot, window: MainWindow, walk: Walk, monkeypatch: pytest.MonkeyPatch, folder: Path
) -> InspectionPage:
    page = window.workflow.answering
    assert window.current_page_key() == "inspections"
    assert window.workflow.inspections.currentWidget() is page
    assert page.inspection_id == walk.inspection_id
    assert page.prompt_label.text().startswith("A01") and not page.prev_button.isEnabled()
    for _ in range(200):
        answer_current(qtbot, page, walk, monkeypatch, folder)
        if not page.next_button.isEnabled():
            break
        before = page.current_code
        tap(qtbot, page.next_button)
        assert page.current_code != before, page.message.text()
    assert page.progress_bar.value() == page.progress_bar.maximum()
    assert walk.accepted == ["G02"], "the low power factor was proposed and accepted on its card"
    return page


def adjust_the_defect_finding(qtbot: QtBot, review: ReviewPage, walk: Walk) -> uuid.UUID:
    card = next(c for c in review.finding_cards.values() if c.view and c.view.item_code == DEFECT_ITEM)
    assert card.view is not None
    tap(qtbot, card.requirement)
    card.requirement.selectAll()
    qtbot.keyClick(card.requirement, Qt.Key.Key_Delete)
    type_text(qtbot, card.requirement, REQUIREMENT)
    assert 15 in card.deadline.quick
    tap(qtbot, card.deadline.quick[15])  # leaving the requirement stores it, then the deadline
    return card.view.finding_id


def sign_on(qtbot: QtBot, block: SignerBlock, name: str = "") -> None:
    if name:
        tap(qtbot, block.name)
        type_text(qtbot, block.name, name)
    into_view(block.field.pad)
    draw(qtbot, block.field.pad, ZIGZAG)
    draw(qtbot, block.field.pad, [(0.2, 0.8), (0.35, 0.6), (0.5, 0.75), (0.65, 0.55)])
    tap(qtbot, block.sign_button)
    assert block.slot is not None and block.slot.signed, block.message.text()


def finalize(qtbot: QtBot, review: ReviewPage, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Any] = []

    def yes(*args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(args)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(yes))
    assert review.finalize_button.isEnabled(), review.missing_label.text()
    with qtbot.waitSignal(review.finalized):
        tap(qtbot, review.finalize_button)
    assert len(asked) == 1


def inspect_up_to_the_signatures(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, folder: Path
) -> tuple[Walk, ReviewPage, uuid.UUID]:
    customer_id = find_and_open_customer(qtbot, window)
    team = start_with_two_inspectors(qtbot, window)
    page = window.workflow.answering
    qtbot.waitUntil(lambda: page.inspection_id is not None and page.isVisible())
    assert page.inspection_id is not None and page.sheet is not None
    assert page.sheet.customer_id == customer_id
    walk = Walk(page.inspection_id, team)
    answer_everything(qtbot, window, walk, monkeypatch, folder)

    tap(qtbot, page.review_button)
    review = window.workflow.review
    assert window.workflow.inspections.currentWidget() is review and review.isVisible()
    assert review.inspection_id == walk.inspection_id
    assert not review.state or not review.state.missing_required
    finding_id = adjust_the_defect_finding(qtbot, review, walk)
    for block in review.signatures.inspectors.values():
        sign_on(qtbot, block)
    return walk, review, finding_id


# -- what the database holds -----------------------------------------------------------------------------


def assert_drawn(slot: SignatureSlot) -> None:
    assert slot.signed and slot.strokes is not None
    strokes = slot.strokes["strokes"]
    assert len(strokes) == 2 and sum(len(s) for s in strokes) > 5
    assert all(0 <= x <= 1 and 0 <= y <= 1 for stroke in strokes for x, y in stroke)


def assert_stored(backend: Backend, walk: Walk, finding_id: uuid.UUID) -> list[SignatureSlot]:
    inspection_id = walk.inspection_id
    summary = next(s for s in backend.call(list_inspections) if s.inspection_id == inspection_id)
    assert summary.status is InspectionStatus.FINALIZED
    assert backend.call(verify_inspection_seal, inspection_id)

    state = backend.call(sheet_state, inspection_id)
    sheet = backend.call(inspection_sheet, inspection_id)
    assert not state.missing_required
    assert set(walk.answered) == set(state.visible), "every shown item was answered on its card"
    assert all(state.answers[code].given for code in state.visible)
    required = {item.code for item in sheet.items if item.required}
    assert required & state.visible <= set(walk.answered)
    assert {"F03", "F04", "H04", "H07", "H09"} <= state.visible  # brought in by the choices tapped
    assert "B05" not in state.visible  # 12 % is no infrared defect: its grade is not asked

    answers = state.answers
    assert answers[DEFECT_ITEM].verdict is Verdict.DEFECT
    assert answers["G02"].number == Decimal(POWER_FACTOR)
    assert answers["F02"].text == "diesel" and answers["H02"].text == "mv"
    assert answers["I07"].text == "孙志强 操作证 鲁T0815"
    assert answers["D01"].text == "LH2025-D01" and answers["D01"].verdict is Verdict.OK
    picked = answers["C02"].date
    assert picked is not None and picked.day == 1 and picked <= date.today()
    assert answers[NOTE_ITEM].note == NOTE

    findings = {f.finding_id: f for f in backend.call(findings_of, inspection_id)}
    defect = findings[finding_id]
    assert defect.item_code == DEFECT_ITEM and defect.source is FindingSource.CHECKLIST
    assert defect.requirement == REQUIREMENT
    assert defect.deadline == local_day(sheet.started_at) + timedelta(days=15)
    rule = [f for f in findings.values() if f.source is FindingSource.RULE]
    assert sorted(f.item_code or "" for f in rule) == sorted(walk.accepted)
    dismissed = backend.call(rule_dismissals, inspection_id)
    assert sorted(d.item_code for d in dismissed) == sorted(walk.dismissed)
    assert all(d.reason == DISMISS_REASON for d in dismissed)

    photo = backend.call(photos_for, inspection_id, DEFECT_ITEM)
    assert len(photo) == 1 and photo[0].item_code == DEFECT_ITEM and photo[0].width > 0

    slots = backend.call(signature_slots, inspection_id)
    assert [s.inspector_id for s in slots if s.role is SignerRole.INSPECTOR] == walk.team
    assert len(slots) == 3
    for slot in slots:
        assert_drawn(slot)
    return slots


def assert_screen_after_finalizing(qtbot: QtBot, window: MainWindow, review: ReviewPage, walk: Walk) -> None:
    # Finalizing issues the notice and opens it in the preview, for the customer to read and sign.
    assert window.current_page_key() == "notices" and window.workflow.notices.preview.isVisible()
    assert window.workflow.notices.preview.document.pageCount() >= 1
    tap(qtbot, window.nav_buttons["inspections"])  # the finalized record, read-only, behind it
    assert review.isVisible() and review.banner.isVisible()
    assert "定稿" in review.banner.text()
    assert not review.finalize_section.isVisible() and not review.open_section.isVisible()
    for block in [*review.signatures.inspectors.values(), review.signatures.representative]:
        if block.isVisible():
            assert block.stored.isVisible() and not block.field.isVisible()
    tap(qtbot, window.nav_buttons["today"])
    today = window.workflow.today
    assert window.current_page_key() == "today" and today.isVisible()
    shown = [
        today.in_progress_model.row_at(r).inspection_id for r in range(today.in_progress_model.rowCount())
    ]
    assert walk.inspection_id not in shown
    assert walk.inspection_id not in {s.inspection_id for s in window.backend.call(inspections_in_progress)}
    assert f"（{len(shown)}）" in today.in_progress_title.text() or str(len(shown)) in (
        today.in_progress_title.text()
    )


# -- the tests -------------------------------------------------------------------------------------------


def test_a_whole_inspection_by_taps_and_typing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    walk, review, finding_id = inspect_up_to_the_signatures(qtbot, window, monkeypatch, tmp_path / "camera")
    sign_on(qtbot, review.signatures.representative, "周厂长")
    finalize(qtbot, review, monkeypatch)

    slots = assert_stored(window.backend, walk, finding_id)
    assert slots[-1].role is SignerRole.REPRESENTATIVE and slots[-1].name == "周厂长"
    assert_screen_after_finalizing(qtbot, window, review, walk)


def test_the_representative_refuses_and_a_witness_signs(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    walk, review, finding_id = inspect_up_to_the_signatures(qtbot, window, monkeypatch, tmp_path / "camera")
    section = review.signatures
    tap(qtbot, section.refuse_button)
    assert section.witness.isVisible() and not section.representative.isVisible()
    sign_on(qtbot, section.witness, "钱村委")
    finalize(qtbot, review, monkeypatch)

    slots = assert_stored(window.backend, walk, finding_id)
    assert slots[-1].role is SignerRole.WITNESS and slots[-1].name == "钱村委"
    assert_screen_after_finalizing(qtbot, window, review, walk)
