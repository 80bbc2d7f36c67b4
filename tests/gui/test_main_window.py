"""The main window as an inspector sees it: Chinese by default, every page reachable, unbuilt pages that
say so, and a customer list that finds customers as you type."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import ImportanceGrade, MeteringClass, Tariff, VoltageLevel
from fieldapp.gui.app import StartupError, create_main_window, run_gui
from fieldapp.gui.customer_model import CustomerTableModel
from fieldapp.gui.main_window import MainWindow
from fieldapp.services.backend import Backend
from fieldapp.services.customers import CustomerFields, CustomerRow, create_customer, customer_rows

CJK = re.compile(r"[\u4e00-\u9fff]")
UNBUILT: set[str] = set()  # the dashboard was the last (issue 8)
NAV_KEYS = ["today", "customers", "inspections", "findings", "notices", "sync", "dashboard", "settings"]


def visible_texts(table_model: CustomerTableModel, column: int) -> list[str]:
    return [table_model.data(table_model.index(r, column)) for r in range(table_model.rowCount())]


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type as a person would: ASCII through key presses, Chinese the way an input method (or the on-screen
    keyboard) delivers it, as a committed string. QTest cannot press keys for non-ASCII characters."""
    for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    box = window.findChild(QLineEdit, "customerSearch")
    assert box is not None
    box.clear()
    type_text(qtbot, box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


@pytest.fixture
def window(window: MainWindow) -> MainWindow:
    """The window on the customer register, where most of these tests act."""
    window.navigate("customers")
    return window


def test_opens_in_chinese_on_today(qtbot: QtBot, demo_backend: Backend) -> None:
    window = create_main_window(demo_backend, "zh_CN")
    qtbot.addWidget(window)
    assert CJK.search(window.windowTitle())
    for key in NAV_KEYS:
        button = window.nav_buttons[key]
        assert CJK.search(button.text()), f"nav button {key} is not in Chinese: {button.text()!r}"
    assert window.current_page_key() == "today"
    window.navigate("customers")
    model = window.customers_page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:2] == ["户号", "客户名称"]
    count = window.customers_page.findChild(QLabel, "resultCount")
    assert count is not None and count.text() == "共 34 户"


def test_every_nav_button_opens_its_page_and_unbuilt_pages_say_so(qtbot: QtBot, window: MainWindow) -> None:
    stack = window.findChild(QStackedWidget, "pages")
    assert stack is not None
    seen = set()
    for key in NAV_KEYS:
        qtbot.mouseClick(window.nav_buttons[key], Qt.MouseButton.LeftButton)
        assert window.current_page_key() == key
        page = stack.currentWidget()
        seen.add(id(page))
        if key in UNBUILT:
            note = page.findChild(QLabel, "notBuilt")
            assert note is not None and note.isVisible()
            assert "尚未完成" in note.text()
    assert len(seen) == len(NAV_KEYS)


def test_typing_filters_customers_by_name_account_and_address(qtbot: QtBot, window: MainWindow) -> None:
    model = window.customers_page.model
    search(qtbot, window, "医院")
    names = visible_texts(model, 1)
    assert names and all("医院" in n for n in names)
    assert "临河县人民医院" in names
    search(qtbot, window, "0531000007")
    assert visible_texts(model, 1) == ["临河钢铁集团有限公司"]
    assert visible_texts(model, 0) == ["0531000007"]  # the leading zero is kept
    search(qtbot, window, "不存在的客户")
    assert model.rowCount() == 0
    count = window.customers_page.findChild(QLabel, "resultCount")
    assert count is not None and count.text() == "共 0 户"


def test_search_waits_for_a_pause_in_typing(qtbot: QtBot, window: MainWindow) -> None:
    model = window.customers_page.model
    box = window.findChild(QLineEdit, "customerSearch")
    assert box is not None
    box.setFocus()
    type_text(qtbot, box, "水厂")
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=2000)
    assert sorted(visible_texts(model, 1)) == ["临河县自来水公司第一水厂", "临河县自来水公司第二水厂"]


def test_a_customer_added_elsewhere_appears_after_refresh(qtbot: QtBot, window: MainWindow) -> None:
    backend = window.backend
    backend.call(
        create_customer,
        CustomerFields(
            account_no="0099000001",
            name="新建客户测试厂",
            supply_voltage=VoltageLevel.KV_10,
            contract_capacity_kva=Decimal(800),
            tariff=Tariff.TWO_PART,
            metering_class=MeteringClass.III,
            importance=ImportanceGrade.SECOND,
            address="临河县新华路1号",
        ),
    )
    search(qtbot, window, "新建客户")
    model = window.customers_page.model
    assert visible_texts(model, 1) == ["新建客户测试厂"]
    assert visible_texts(model, 3) == ["10 kV"]
    assert visible_texts(model, 5) == ["二级"]


def test_touch_targets_are_at_least_48_pixels(window: MainWindow) -> None:
    for key, button in window.nav_buttons.items():
        assert button.height() >= 48, key
        assert button.font().pointSize() >= 14 or button.fontInfo().pixelSize() >= 18, key
    box = window.findChild(QLineEdit, "customerSearch")
    assert box is not None and box.height() >= 48
    assert window.customers_page.table.verticalHeader().defaultSectionSize() >= 48


@pytest.mark.parametrize("size", [(1280, 800), (800, 1280), (1920, 1080)])
def test_nav_labels_fit_at_tablet_sizes_in_both_languages(
    qtbot: QtBot, demo_backend: Backend, size: tuple[int, int]
) -> None:
    for lang in ("zh_CN", "en"):
        main = create_main_window(demo_backend, lang)
        qtbot.addWidget(main)
        main.resize(*size)
        main.show()
        qtbot.waitExposed(main)
        for key, button in main.nav_buttons.items():
            needed = button.fontMetrics().horizontalAdvance(button.text())
            assert needed <= button.contentsRect().width(), f"{lang} {size}: {key} label cut off"
        main.close()


def test_english_is_available(qtbot: QtBot, demo_backend: Backend) -> None:
    main = create_main_window(demo_backend, "en")
    qtbot.addWidget(main)
    assert main.nav_buttons["customers"].text() == "Customers"
    assert main.customers_page.model.headerData(0, Qt.Orientation.Horizontal) == "Account no."


def test_model_passes_qt_model_tester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(window.customers_page.model, force_py=True)


def test_model_fetches_only_the_pages_it_shows(gui_backend: Backend) -> None:
    for n in range(250):
        gui_backend.call(
            create_customer,
            CustomerFields(
                account_no=f"{n:08d}",
                name=f"测试客户{n}",
                supply_voltage=VoltageLevel.KV_10,
                contract_capacity_kva=Decimal(500),
                tariff=Tariff.SINGLE_PART,
                metering_class=MeteringClass.III,
            ),
        )
    fetched: list[int] = []

    def fetch_rows(ids: Sequence[uuid.UUID]) -> list[CustomerRow]:
        fetched.append(len(ids))
        return gui_backend.call(customer_rows, ids)

    from fieldapp.services.customers import search_customer_ids

    model = CustomerTableModel(lambda text: gui_backend.call(search_customer_ids, text), fetch_rows)
    model.set_filter("")
    assert model.rowCount() == 250
    assert fetched == []  # counting rows fetched nothing
    assert model.data(model.index(0, 1)) == "测试客户0"
    assert model.data(model.index(99, 1)) == "测试客户99"
    assert fetched == [100]
    assert model.data(model.index(249, 0)) == "00000249"
    assert fetched == [100, 50]
    assert model.data(QModelIndex()) is None


def test_database_from_a_newer_version_is_refused_with_a_dialog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    import sqlite3

    from fieldapp.services.backend import open_backend

    data = tmp_path / "newer"
    open_backend(str(data)).close()
    with sqlite3.connect(data / "fieldapp.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    shown: list[str] = []
    monkeypatch.setattr(StartupError, "show", classmethod(lambda cls, message: shown.append(message)))
    assert run_gui(str(data)) == 2  # fails before the event loop: nothing to quit
    assert len(shown) == 1 and "9999" in shown[0] and "更新版本" in shown[0]


def test_run_gui_shows_the_window_and_quits_when_idle(gui_backend: Backend, qapp: object) -> None:
    assert run_gui(str(gui_backend.paths.root), quit_when_idle=True) == 0


def test_an_unattended_start_that_fails_says_why_on_stderr_without_a_dialog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    import sqlite3

    from fieldapp.services.backend import open_backend

    data = tmp_path / "newer"
    open_backend(str(data)).close()
    with sqlite3.connect(data / "fieldapp.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    shown: list[str] = []
    monkeypatch.setattr(StartupError, "show", classmethod(lambda cls, message: shown.append(message)))
    assert run_gui(str(data), quit_when_idle=True) == 2
    assert shown == []  # a dialog nobody closes would hang a smoke test or benchmark
    assert "9999" in capsys.readouterr().err
