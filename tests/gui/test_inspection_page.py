"""Answering the demo's inspection in progress as an inspector does: tap verdicts, type readings and see the
rule's verdict, accept one proposal and dismiss another with a typed reason, choose an own source and watch
the generator items appear and go, type a note in Chinese, move with the buttons, a swipe, the section
list and the jumps; then what the database holds, read through the services. And the page reopened
returns to the same item; a finalized inspection opens read-only."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from gui_kit import type_text
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import FindingSource, InspectionStatus, Verdict
from fieldapp.gui.app import install_translators
from fieldapp.gui.inspection_page import InspectionPage
from fieldapp.gui.style import apply_style
from fieldapp.services.backend import Backend
from fieldapp.services.inspection_sheet import (
    SheetState,
    inspection_sheet,
    inspections_in_progress,
    list_inspections,
    sheet_state,
)
from fieldapp.services.rule_dismissals import rule_dismissals

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints",
    # The photo strip's camera looks for optional system libraries once per process.
    r"Couldn't (load|resolve) .*(library|symbols)",
)

# Far longer than the note's 800 ms pause, for slow CI machines; the tests wait on the database, not time.
STORED_MS = 10_000


@pytest.fixture(autouse=True)
def chinese(qapp: QApplication) -> None:
    install_translators(qapp, "zh_CN")
    apply_style(qapp)


@pytest.fixture
def inspection_id(demo_backend: Backend) -> uuid.UUID:
    return demo_backend.call(inspections_in_progress)[0].inspection_id


def make_page(qtbot: QtBot, backend: Backend) -> InspectionPage:
    page = InspectionPage(backend, lang="zh_CN")
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    return page


@pytest.fixture
def page(qtbot: QtBot, demo_backend: Backend, inspection_id: uuid.UUID) -> InspectionPage:
    made = make_page(qtbot, demo_backend)
    assert made.open(inspection_id)
    return made


def tap(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def state(page: InspectionPage) -> SheetState:
    assert page.inspection_id is not None
    return page.backend.call(sheet_state, page.inspection_id)


def shows(page: InspectionPage, code: str) -> bool:
    return page.current_code == code and page.prompt_label.text().startswith(code)


def enter(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Tap the field, select what is there, type over it, press Enter."""
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    type_text(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def tap_section(qtbot: QtBot, page: InspectionPage, code: str) -> None:
    row = page.section_model.row_of(code)
    index = page.section_model.index(row)
    page.section_view.scrollTo(index)
    rect = page.section_view.visualRect(index)
    qtbot.mouseClick(page.section_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def walk_to(qtbot: QtBot, page: InspectionPage, code: str) -> None:
    """The section from the list, then Next until the item is on the card."""
    tap_section(qtbot, page, page.items[code].section)
    for _ in range(30):
        if page.current_code == code:
            return
        tap(qtbot, page.next_button)
    raise AssertionError(f"{code} not reached")


def test_opens_at_the_item_where_the_inspector_was(page: InspectionPage, demo_backend: Backend) -> None:
    assert page.inspection_id is not None
    stored = demo_backend.call(inspection_sheet, page.inspection_id).current_item_code
    assert stored is not None
    assert shows(page, stored)
    assert page.editable and not page.locked_banner.isVisible()
    assert page.progress_bar.value() == state(page).answered_count()


def test_verdicts_raise_and_withdraw_the_finding(qtbot: QtBot, page: InspectionPage) -> None:
    walk_to(qtbot, page, "D04")
    tap(qtbot, page.verdict_buttons[Verdict.DEFECT])
    now = state(page)
    assert now.answers["D04"].verdict is Verdict.DEFECT
    assert [f.item_code for f in now.findings if f.source is FindingSource.CHECKLIST and f.item_code == "D04"]
    assert page.verdict_buttons[Verdict.DEFECT].isChecked()
    assert not page.verdict_buttons[Verdict.OK].isChecked()
    assert page.defects_button.isEnabled()

    tap(qtbot, page.verdict_buttons[Verdict.OK])
    now = state(page)
    assert now.answers["D04"].verdict is Verdict.OK
    assert not [f for f in now.findings if f.item_code == "D04"]
    assert page.verdict_buttons[Verdict.OK].isChecked()
    assert not page.verdict_buttons[Verdict.DEFECT].isChecked()


def test_a_low_power_factor_is_proposed_and_accepted(qtbot: QtBot, page: InspectionPage) -> None:
    walk_to(qtbot, page, "G02")
    assert not page.rule_banner.isVisible()
    enter(qtbot, page.value_edit, "0.72")
    assert state(page).answers["G02"].number == Decimal("0.72")
    assert page.rule_banner.isVisible()
    assert "0.72" in page.rule_detail.text()
    assert "0.9" in page.rule_detail.text() or "0.85" in page.rule_detail.text()
    assert [p.item_code for p in state(page).proposals] == ["G02"]

    tap(qtbot, page.accept_button)
    now = state(page)
    assert not now.proposals
    taken = [f for f in now.findings if f.item_code == "G02" and f.source is FindingSource.RULE]
    assert len(taken) == 1
    assert not page.rule_banner.isVisible()
    assert page.rule_status.isVisible()
    assert str(taken[0].seq) in page.rule_status.text()


def test_a_proposal_is_dismissed_with_a_typed_reason(qtbot: QtBot, page: InspectionPage) -> None:
    walk_to(qtbot, page, "B09")  # earthing resistance: at most 4 ohm for a large transformer
    enter(qtbot, page.value_edit, "12.5")
    assert page.rule_banner.isVisible()
    tap(qtbot, page.dismiss_button)
    assert page.reason_edit.isVisible()
    assert not page.accept_button.isVisible()

    # Too short: refused, said on the card, and what was typed stays.
    type_text(qtbot, page.reason_edit, "错")
    tap(qtbot, page.confirm_dismiss_button)
    assert page.message.isVisible() and page.message.text()
    assert page.reason_edit.text() == "错"
    assert [p.item_code for p in state(page).proposals] == ["B09"]

    page.reason_edit.clear()
    type_text(qtbot, page.reason_edit, "接地网已于上周改造，复测报告为3.2欧")
    tap(qtbot, page.confirm_dismiss_button)
    assert page.inspection_id is not None
    dismissed = page.backend.call(rule_dismissals, page.inspection_id)
    assert [(d.item_code, d.reason) for d in dismissed] == [("B09", "接地网已于上周改造，复测报告为3.2欧")]
    assert not state(page).proposals
    assert not page.rule_banner.isVisible()
    assert "接地网已于上周改造" in page.rule_status.text()


def test_a_reading_within_limits_says_so(qtbot: QtBot, page: InspectionPage) -> None:
    walk_to(qtbot, page, "B02")
    enter(qtbot, page.value_edit, "61.5")
    assert state(page).answers["B02"].number == Decimal("61.5")
    assert not page.rule_banner.isVisible()
    assert page.rule_status.isVisible()
    assert page.rule_status.property("tone") == "ok"
    assert page.unit_label.text() == "°C"


def test_a_refused_reading_is_kept_and_the_card_stays(qtbot: QtBot, page: InspectionPage) -> None:
    walk_to(qtbot, page, "G02")
    enter(qtbot, page.value_edit, "1.7")  # a power factor is at most 1
    assert page.message.isVisible()
    assert "功率因数" in page.message.text()
    assert page.value_edit.text() == "1.7"
    assert state(page).answers.get("G02") is None or state(page).answers["G02"].number is None
    tap(qtbot, page.next_button)
    assert shows(page, "G02"), "leaving would lose the typed reading"
    assert page.value_edit.text() == "1.7"
    enter(qtbot, page.value_edit, "0.93")
    assert not page.message.isVisible()
    assert state(page).answers["G02"].number == Decimal("0.93")
    tap(qtbot, page.next_button)
    assert not shows(page, "G02")


def test_the_generator_items_appear_and_go_with_the_own_source(qtbot: QtBot, page: InspectionPage) -> None:
    walk_to(qtbot, page, "F02")
    row = page.section_model.row_of("F")
    before = page.section_model.sections[row].visible
    assert "F03" not in page.visible_codes() and "F04" not in page.visible_codes()

    tap(qtbot, page.choice_buttons["diesel"])
    assert state(page).answers["F02"].text == "diesel"
    assert page.choice_buttons["diesel"].isChecked()
    assert {"F03", "F04"} <= set(page.visible_codes())
    assert page.section_model.sections[row].visible == before + 2
    tap(qtbot, page.next_button)
    assert shows(page, "F03"), "the item that appeared is the next one"
    tap(qtbot, page.prev_button)

    tap(qtbot, page.choice_buttons["none"])
    assert state(page).answers["F02"].text == "none"
    assert page.choice_buttons["none"].isChecked() and not page.choice_buttons["diesel"].isChecked()
    assert "F03" not in page.visible_codes() and "F04" not in page.visible_codes()
    assert "F03" not in state(page).visible
    assert page.section_model.sections[row].visible == before
    tap(qtbot, page.next_button)
    assert shows(page, "F05")


def test_a_chinese_note_is_stored_after_a_pause_and_when_leaving(qtbot: QtBot, page: InspectionPage) -> None:
    walk_to(qtbot, page, "D04")
    qtbot.mouseClick(page.note_edit.viewport(), Qt.MouseButton.LeftButton)
    type_text(qtbot, page.note_edit, "电能表事件记录显示3次开盖")
    qtbot.waitUntil(lambda: state(page).answers.get("D04") is not None, timeout=STORED_MS)
    assert state(page).answers["D04"].note == "电能表事件记录显示3次开盖"
    assert not state(page).answers["D04"].given, "a note alone is not an answer"

    tap(qtbot, page.next_button)
    code = page.current_code
    assert code is not None
    qtbot.mouseClick(page.note_edit.viewport(), Qt.MouseButton.LeftButton)
    type_text(qtbot, page.note_edit, "互感器变比与档案一致，CT 150/5")
    tap(qtbot, page.prev_button)  # leaving the field and the item stores it at once
    assert state(page).answers[code].note == "互感器变比与档案一致，CT 150/5"
    assert shows(page, "D04")
    assert page.note_edit.toPlainText() == "电能表事件记录显示3次开盖"


def test_text_seal_and_date_answers(qtbot: QtBot, page: InspectionPage) -> None:
    walk_to(qtbot, page, "D01")
    assert page.verdict_row.isVisible() and page.value_row.isVisible()
    tap(qtbot, page.verdict_buttons[Verdict.OK])
    enter(qtbot, page.value_edit, "QF2024-0815")
    now = state(page).answers["D01"]
    assert (now.verdict, now.text) == (Verdict.OK, "QF2024-0815")

    walk_to(qtbot, page, "D06")
    assert page.date_row.isVisible()
    tap(qtbot, page.today_button)  # an empty date: one tap gives today, and the calendar opens near it
    assert state(page).answers["D06"].date == date.today()
    page.date_edit.setDate(QDate(2026, 3, 2))  # what the calendar picker does
    qtbot.waitUntil(lambda: state(page).answers["D06"].date == date(2026, 3, 2), timeout=STORED_MS)

    walk_to(qtbot, page, "I07")
    enter(qtbot, page.value_edit, "孙志强、周立新")
    assert state(page).answers["I07"].text == "孙志强、周立新"


def test_moving_with_buttons_swipes_sections_and_jumps(
    qtbot: QtBot, page: InspectionPage, demo_backend: Backend
) -> None:
    tap_section(qtbot, page, "A")
    assert shows(page, "A01")
    assert not page.prev_button.isEnabled()
    tap(qtbot, page.next_button)
    assert shows(page, "A02")
    tap(qtbot, page.prev_button)
    assert shows(page, "A01")

    # A swipe to the left over the card turns to the next item, to the right back again.
    def swipe(dx: int) -> None:
        target = page.guidance_label
        start = target.rect().center()
        qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(target, start + QPoint(dx // 2, 4))
        qtbot.mouseRelease(target, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, 6))

    swipe(-300)
    assert shows(page, "A02")
    swipe(300)
    assert shows(page, "A01")
    swipe(-20)  # too short to be a swipe: a tap
    assert shows(page, "A01")

    # Next unanswered: D has nothing answered yet in the demo, A to C are done before it.
    tap(qtbot, page.unanswered_button)
    assert page.current_code is not None
    assert (
        not state(page).answers.get(page.current_code, None)
        or not state(page).answers[page.current_code].given
    )
    first_open = page.current_code

    tap_section(qtbot, page, "G")
    assert shows(page, "G01")
    assert page.section_view.currentIndex().row() == page.section_model.row_of("G")

    # Defects cycle: mark two, and the button goes from one to the other and back.
    tap(qtbot, page.verdict_buttons[Verdict.DEFECT])
    walk_to(qtbot, page, "D04")
    tap(qtbot, page.verdict_buttons[Verdict.DEFECT])
    tap(qtbot, page.defects_button)
    assert shows(page, "G01")
    tap(qtbot, page.defects_button)
    assert shows(page, "D04")

    # Each move was remembered.
    walk_to(qtbot, page, first_open)
    assert page.inspection_id is not None
    assert demo_backend.call(inspection_sheet, page.inspection_id).current_item_code == first_open


def test_a_new_page_returns_to_the_same_item(
    qtbot: QtBot, page: InspectionPage, demo_backend: Backend, inspection_id: uuid.UUID
) -> None:
    walk_to(qtbot, page, "E03")
    page.close()
    again = make_page(qtbot, demo_backend)
    assert again.open(inspection_id)
    assert shows(again, "E03")


def test_review_and_close(qtbot: QtBot, page: InspectionPage, inspection_id: uuid.UUID) -> None:
    with qtbot.waitSignal(page.review_requested) as asked:
        tap(qtbot, page.review_button)
    assert asked.args == [inspection_id]
    with qtbot.waitSignal(page.closed):
        tap(qtbot, page.close_button)


def test_a_finalized_inspection_is_read_only(qtbot: QtBot, demo_backend: Backend) -> None:
    done = demo_backend.call(list_inspections, status=InspectionStatus.FINALIZED)[0]
    page = make_page(qtbot, demo_backend)
    assert page.open(done.inspection_id)
    assert page.locked_banner.isVisible() and page.locked_banner.text()
    assert not page.editable
    before = demo_backend.call(sheet_state, done.inspection_id)
    code = page.current_code
    assert code is not None
    assert not page.verdict_buttons[Verdict.OK].isEnabled()
    assert page.note_edit.isReadOnly()
    tap(qtbot, page.prev_button if page.prev_button.isEnabled() else page.next_button)
    assert page.current_code != code, "moving through a finalized inspection still works"
    after = demo_backend.call(sheet_state, done.inspection_id)
    assert after.answers == before.answers
    assert demo_backend.call(inspection_sheet, done.inspection_id).current_item_code == done.current_item_code


def test_the_page_in_portrait(qtbot: QtBot, page: InspectionPage) -> None:
    page.resize(800, 1280)
    # The sections move above the card, which then takes the whole width.
    qtbot.waitUntil(lambda: page.left_panel.height() <= 260 and page.card_scroll.width() > 700)
    assert page.card_scroll.y() > page.left_panel.y()


def test_section_model(qtmodeltester: object, page: InspectionPage) -> None:
    qtmodeltester.check(page.section_model)  # type: ignore[attr-defined]
    total = sum(s.visible for s in page.section_model.sections)
    assert total == len(state(page).visible)


def test_a_verdict_tap_is_one_write_and_one_read(
    qtbot: QtBot, page: InspectionPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What keeps the tap instant on a slow tablet: nothing else goes to the database."""
    walk_to(qtbot, page, "D05")
    calls: list[str] = []
    real = page.backend.call

    def counting(action: object, /, *args: object, **kwargs: object) -> object:
        calls.append(getattr(action, "__name__", str(action)))
        return real(action, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(page.backend, "call", counting)
    tap(qtbot, page.verdict_buttons[Verdict.NOT_APPLICABLE])
    assert calls == ["set_verdict", "sheet_state"]
    assert page.verdict_buttons[Verdict.NOT_APPLICABLE].isChecked()
