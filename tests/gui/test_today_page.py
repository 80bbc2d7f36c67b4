"""The Today page as an inspector uses it in the morning: the inspection left in progress with its Continue
button, and the customers overdue (marked red) or due within 30 days, each one tap from its customer page or
from starting an inspection."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from fieldapp.domain.errors import DatabaseError
from fieldapp.gui import today_page as today_page_module
from fieldapp.gui.app import install_translators
from fieldapp.gui.row_model import TONE_ROLE, Tone
from fieldapp.gui.style import apply_style
from fieldapp.gui.today_page import TodayPage
from fieldapp.services.backend import Backend
from fieldapp.services.inspection_sheet import inspections_in_progress
from fieldapp.services.inspections import start_inspection
from fieldapp.services.inspectors import list_inspectors
from fieldapp.services.schedule import due_customers
from fieldapp.services.templates import latest_template_id

# Qt's offscreen platform warns when a top-level widget is shown; a real screen does not.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

CJK = re.compile(r"[\u4e00-\u9fff]")


def make_page(qtbot: QtBot, backend: Any) -> TodayPage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "zh_CN")
    apply_style(app)
    page = TodayPage(backend)
    qtbot.addWidget(page)
    page.resize(1148, 800)  # the page beside the navigation rail of a 1280x800 window
    page.show()
    qtbot.waitExposed(page)
    # The cards are made when the page is shown; let the layouts give them their size before tapping.
    lists = (page.in_progress_list, page.overdue_list, page.due_soon_list)
    qtbot.waitUntil(lambda: all(card.height() >= 48 for cards in lists for card in cards.cards))
    return page


@pytest.fixture
def today_page(qtbot: QtBot, demo_backend: Backend) -> TodayPage:
    return make_page(qtbot, demo_backend)


def test_continue_on_the_inspection_in_progress_asks_for_it(
    qtbot: QtBot, today_page: TodayPage, demo_backend: Backend
) -> None:
    in_progress = demo_backend.call(inspections_in_progress)
    assert len(in_progress) == 1
    cards = today_page.in_progress_list.cards
    assert len(cards) == 1
    card = cards[0]
    assert card.isVisible()
    assert card.title.text() == in_progress[0].customer_name
    assert in_progress[0].title_zh in card.detail.text()  # the checklist, in Chinese
    assert (
        f"{in_progress[0].answered}" in card.badge.text() and f"{in_progress[0].total}" in card.badge.text()
    )
    assert card.button.text() == "继续检查"
    assert card.button.height() >= 48
    assert "进行中" in today_page.in_progress_title.text()

    with qtbot.waitSignal(today_page.inspection_requested) as blocker:
        qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    assert blocker.args == [in_progress[0].inspection_id]


def test_due_and_overdue_customers_match_the_schedule_and_overdue_ones_are_red(
    today_page: TodayPage, demo_backend: Backend
) -> None:
    due = demo_backend.call(due_customers, date.today())
    overdue = [row for row in due if row.overdue_days > 0]
    soon = [row for row in due if row.overdue_days == 0]
    assert overdue and soon, "the demo has both overdue customers and customers due soon"

    assert today_page.overdue_model.rows() == overdue
    assert today_page.due_soon_model.rows() == soon
    assert [c.title.text() for c in today_page.overdue_list.cards] == [r.name for r in overdue]
    assert [c.title.text() for c in today_page.due_soon_list.cards] == [r.name for r in soon]
    assert today_page.overdue_title.text() == f"已逾期（{len(overdue)}）"
    assert today_page.due_soon_title.text() == f"30天内到期（{len(soon)}）"

    badge = today_page.overdue_model.BADGE_COLUMN
    for row, (card, due_row) in enumerate(zip(today_page.overdue_list.cards, overdue, strict=True)):
        assert card.property("tone") == "alert"
        assert card.badge.property("tone") == "alert"
        assert card.badge.text() == f"已逾期 {due_row.overdue_days} 天"
        assert (
            today_page.overdue_model.data(today_page.overdue_model.index(row, badge), TONE_ROLE) == Tone.ALERT
        )
        assert due_row.account_no in card.detail.text()
    for card in today_page.due_soon_list.cards:
        assert card.property("tone") != "alert"
        assert "逾期" not in card.badge.text()


def test_tapping_a_due_customer_opens_it_and_start_starts_there(
    qtbot: QtBot, today_page: TodayPage, demo_backend: Backend
) -> None:
    first_overdue = today_page.overdue_model.row_at(0)
    card = today_page.overdue_list.cards[0]
    with qtbot.waitSignal(today_page.customer_requested) as opened:
        qtbot.mouseClick(card.title, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert opened.args == [first_overdue.customer_id]

    first_soon = today_page.due_soon_model.row_at(0)
    start = today_page.due_soon_list.cards[0].button
    today_page.scroll_area.ensureWidgetVisible(start)
    with qtbot.waitSignal(today_page.start_requested) as started:
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    assert started.args == [first_soon.customer_id]
    assert isinstance(started.args[0], uuid.UUID)


def test_the_page_is_in_chinese_and_shows_the_date(today_page: TodayPage) -> None:
    labels = [label.text() for label in today_page.findChildren(QLabel) if label.isVisible() and label.text()]
    assert CJK.search(today_page.date_label.text())
    assert str(date.today().year) in today_page.date_label.text()
    for text in ("今日", "已逾期（", "30天内到期（"):
        assert any(text in label for label in labels), f"{text!r} not on the page: {labels}"


def test_empty_lists_say_so(qtbot: QtBot, gui_backend: Backend) -> None:
    page = make_page(qtbot, gui_backend)
    for cards in (page.in_progress_list, page.overdue_list, page.due_soon_list):
        assert cards.cards == []
        assert cards.empty_note.isVisible()
        assert CJK.search(cards.empty_note.text())
    assert "没有进行中的检查" in page.in_progress_list.empty_note.text()


class FailingBackend:
    """A backend whose database has gone away."""

    def call(self, *_args: object, **_kwargs: object) -> object:
        raise DatabaseError("数据库操作失败：disk I/O error (the database failed)")


def test_a_database_failure_is_said_on_the_page(qtbot: QtBot) -> None:
    page = make_page(qtbot, FailingBackend())
    assert page.error.isVisible()
    assert "disk I/O error" in page.error.text()
    assert page.in_progress_list.empty_note.isVisible()


def test_the_lists_pass_the_model_tester(qtmodeltester: Any, today_page: TodayPage) -> None:
    for model in (today_page.in_progress_model, today_page.overdue_model, today_page.due_soon_model):
        qtmodeltester.check(model)


def test_coming_back_to_the_page_shows_what_was_started_meanwhile(
    qtbot: QtBot, today_page: TodayPage, demo_backend: Backend
) -> None:
    """Starting an inspection from the first due customer (on another page), then coming back to Today."""
    customer = today_page.due_soon_model.row_at(0)
    today_page.hide()
    team = [row.id for row in demo_backend.call(list_inspectors)[:2]]
    template = demo_backend.call(latest_template_id, "PERIODIC-HV")
    started = demo_backend.call(start_inspection, customer.customer_id, template, team)
    today_page.show()
    qtbot.waitUntil(lambda: len(today_page.in_progress_list.cards) == 2)
    assert started in [row.inspection_id for row in today_page.in_progress_model.rows()]
    assert today_page.in_progress_title.text() == "进行中（2）"


def test_a_long_backlog_shows_the_first_cards_and_counts_them_all(
    qtbot: QtBot, demo_backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thousands of customers overdue must not mean thousands of cards: the most overdue are shown, the
    title counts all of them, and the page says so."""
    monkeypatch.setattr(today_page_module, "CARDS_SHOWN", 3)
    page = TodayPage(demo_backend)
    qtbot.addWidget(page)
    page.resize(1148, 800)
    page.show()
    page.load()
    due = demo_backend.call(due_customers, date.today())
    overdue = [row for row in due if row.overdue_days > 0]
    assert len(overdue) > 3
    assert [c.title.text() for c in page.overdue_list.cards] == [r.name for r in overdue[:3]]
    assert page.overdue_title.text() == f"已逾期（{len(overdue)}）"
    assert page.overdue_more.isVisible()
    assert page.overdue_more.text() == f"仅显示前 3 个，共 {len(overdue)} 个。"
