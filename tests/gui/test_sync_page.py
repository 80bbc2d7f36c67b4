"""The Sync page, used as a person would: export a bundle to a chosen folder (progress, result, history),
check a file by a dry run (the preview's counts, changes, conflicts and problems, the database untouched),
apply it (the records arrive, the other pages show them, the history lists it), and a broken file that
shows its problem and no Apply. Two data folders stand for a tablet and the office."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from testkit import SAMPLE_CUSTOMERS

import fieldapp.gui.sync_export_pane as sync_export_pane
from fieldapp.gui.app import create_main_window, install_translators
from fieldapp.gui.main_window import MainWindow
from fieldapp.gui.style import apply_style
from fieldapp.gui.sync_page import SyncPage
from fieldapp.gui.sync_worker import EXPORT, IMPORT, PREVIEW, SyncRunner
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.customers import (
    count_customers,
    create_customer,
    get_customer,
    search_customer_ids,
    update_customer,
)
from fieldapp.services.exchange_list import list_exchanges
from fieldapp.services.settings_store import get_setting
from fieldapp.services.sync_export import export_bundle

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

WAIT_MS = 120_000  # an exchange on a loaded CI machine


@pytest.fixture
def tablet(tmp_path: Path) -> Iterator[Backend]:
    """A tablet with two customers of its own (and the built-in checklists and legal library)."""
    backend = open_backend(str(tmp_path / "tablet"))
    for fields in SAMPLE_CUSTOMERS[:2]:
        backend.call(create_customer, fields)
    yield backend
    backend.close()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Backend]:
    backend = open_backend(str(tmp_path / "office"))
    yield backend
    backend.close()


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[SyncRunner]:
    """A runner of the test's own, so one test's exchange never meets another's."""
    made = SyncRunner()
    yield made
    made.wait()


def make_page(qtbot: QtBot, backend: Backend, runner: SyncRunner) -> SyncPage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "zh_CN")
    apply_style(app)
    page = SyncPage(backend, runner=runner)
    qtbot.addWidget(page)
    page.resize(1148, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def tap(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    assert widget.height() >= 48
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def answer_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    """The folder dialog, answered with `folder`; the list collects the folders it opened on."""
    opened: list[str] = []

    def choose(_parent: object, _title: str, start: str = "", *_a: Any, **_k: Any) -> str:
        opened.append(start)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(choose))
    return opened


def answer_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(path), "")))


def export_by_clicking(qtbot: QtBot, page: SyncPage) -> Path:
    """Tap Export and wait for the bundle; its path, as the page shows it."""
    with qtbot.waitSignal(page.runner.finished, timeout=WAIT_MS) as finished:
        tap(qtbot, page.export_pane.export_button)
    assert finished.args is not None and finished.args[0] == EXPORT
    return Path(page.export_pane.result_path.text())


def check_by_clicking(qtbot: QtBot, page: SyncPage, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    answer_file(monkeypatch, path)
    page.tabs.setCurrentIndex(SyncPage.TAB_IMPORT)
    with qtbot.waitSignal(page.runner.finished, timeout=WAIT_MS) as finished:
        tap(qtbot, page.import_pane.choose_button)
    assert finished.args is not None and finished.args[0] == PREVIEW


def apply_by_clicking(qtbot: QtBot, page: SyncPage) -> None:
    with qtbot.waitSignal(page.runner.finished, timeout=WAIT_MS) as finished:
        tap(qtbot, page.import_pane.apply_button)
    assert finished.args is not None and finished.args[0] == IMPORT


def counts(page: SyncPage) -> dict[str, int]:
    return {name: int(tile.value.text()) for name, tile in page.import_pane.tiles.items()}


def column(model: Any, number: int) -> list[str]:
    return [model.data(model.index(row, number)) for row in range(model.rowCount())]


def test_export_by_clicking_writes_the_bundle_and_notes_it(
    qtbot: QtBot, tablet: Backend, runner: SyncRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    opened = answer_folder(monkeypatch, stick)
    page = make_page(qtbot, tablet, runner)
    pane = page.export_pane
    assert page.tabs.tabText(SyncPage.TAB_EXPORT) == "导出"
    assert pane.folder_label.text() == "尚未选择文件夹。"
    assert pane.peer == "办公室" and pane.changes_button.isChecked()
    assert pane.scope_note.text() == "尚未导出给 办公室：这次首次导出包含全部数据。"
    seen: list[tuple[str, int, int]] = []
    runner.progress.connect(lambda _kind, what, done, total: seen.append((what, done, total)))

    # No folder yet: Export asks for one first, then writes there. While it runs, nothing else starts.
    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS):
        tap(qtbot, pane.export_button)
        assert runner.busy and not pane.export_button.isEnabled()
        assert not page.import_pane.choose_button.isEnabled()
        assert pane.progress.isVisible()
        assert not runner.start(IMPORT, lambda _progress: None)
    bundles = list(stick.glob("*.fieldsync"))
    assert len(bundles) == 1 and opened
    bundle = bundles[0]
    assert pane.result_path.text() == str(bundle)
    result = pane.result_label.text()
    assert result.startswith(f"已导出 {bundle.name}（全部数据）：") and "张照片" in result and "MB" in result
    assert pane.export_button.isEnabled() and not pane.progress.isVisible()
    assert seen and seen[-1][0] == "rows" and seen[-1][1] == seen[-1][2] > 0
    assert tablet.call(get_setting, "sync.folder") == str(stick)
    assert pane.folder_label.text() == str(stick)

    history = tablet.call(list_exchanges)
    assert [(h.direction, h.peer, h.full) for h in history] == [("export", "办公室", True)]
    assert history[0].rows > 0 and f"{history[0].rows} 条记录" in result
    page.tabs.setCurrentIndex(SyncPage.TAB_HISTORY)
    model = page.history.model
    assert model.rowCount() == 1
    assert column(model, 1) == ["导出"] and column(model, 2) == ["办公室"]
    assert column(model, 4) == [bundle.name]
    assert page.history.count_label.text() == "共 1 次同步，最新的在前。"

    # The next one to the office holds only what changed since; the folder is remembered.
    page.tabs.setCurrentIndex(SyncPage.TAB_EXPORT)
    assert pane.scope_note.text().startswith("上次导出给 办公室：")
    tablet.call(
        update_customer,
        tablet.call(search_customer_ids, SAMPLE_CUSTOMERS[0].account_no)[0],
        {"contact_phone": "1"},
    )
    second = export_by_clicking(qtbot, page)
    assert second != bundle and second.parent == stick and len(opened) == 1
    assert "以来的变更" in pane.result_label.text()
    assert [h.full for h in tablet.call(list_exchanges)] == [False, True]


def test_cancel_stops_the_export_and_writes_nothing(
    qtbot: QtBot, tablet: Backend, runner: SyncRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    answer_folder(monkeypatch, stick)
    page = make_page(qtbot, tablet, runner)
    asked = threading.Event()

    def export_held_until_cancel(*args: Any, progress: Any, **kwargs: Any) -> Any:
        """The real export, its first step held until Cancel was tapped (else it may end first)."""

        def held(what: str, done: int, total: int) -> None:
            asked.wait(WAIT_MS / 1000)
            progress(what, done, total)

        return export_bundle(*args, progress=held, **kwargs)

    monkeypatch.setattr(sync_export_pane, "export_bundle", export_held_until_cancel)
    with qtbot.waitSignal(runner.cancelled, timeout=WAIT_MS):
        tap(qtbot, page.export_pane.export_button)
        tap(qtbot, page.export_pane.cancel_button)
        asked.set()
    assert list(stick.iterdir()) == []
    assert tablet.call(list_exchanges) == []
    assert page.export_pane.result_label.text() == "已取消导出：未生成文件。"
    assert page.export_pane.export_button.isEnabled()


@pytest.fixture
def office_window(qtbot: QtBot, office: Backend) -> MainWindow:
    window = create_main_window(office, "zh_CN")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_import_previews_then_applies_on_confirmation(
    qtbot: QtBot,
    tablet: Backend,
    office: Backend,
    office_window: MainWindow,
    runner: SyncRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    answer_folder(monkeypatch, stick)
    bundle = export_by_clicking(qtbot, make_page(qtbot, tablet, runner))
    assert bundle.is_file()

    window = office_window
    window.navigate("sync")
    page = window.workflow.sync
    page.runner.wait()  # the window's page runs on the app's runner
    register = window.customers_page
    assert register.model.rowCount() == 0
    check_by_clicking(qtbot, page, monkeypatch, bundle)
    pane = page.import_pane

    # The preview: counts, the changes sheet by sheet, and nothing changed yet.
    preview = pane.preview
    assert preview is not None and preview.dry_run and not preview.applied
    shown = counts(page)
    assert shown["inserted"] == preview.inserted > 0 and shown["conflicts"] == shown["rejected"] == 0
    assert pane.headline.text().startswith("预览：尚未改动任何数据。")
    assert pane.detail_buttons[pane.CHANGES].isChecked()
    assert pane.detail_buttons[pane.CHANGES].text() == f"变更（{preview.inserted}）"
    assert pane.change_model.rowCount() == preview.inserted
    assert "客户 customers" in column(pane.change_model, 0) and set(column(pane.change_model, 2)) == {"新增"}
    assert office.call(count_customers) == 0 and office.call(list_exchanges) == []
    assert pane.apply_button.text() == "确认导入" and pane.apply_button.isVisible()

    apply_by_clicking(qtbot, page)
    assert office.call(count_customers) == 2
    assert pane.headline.text() == "已导入。" and not pane.apply_button.isVisible()
    report = pane.report
    assert report is not None and report.applied and report.report_path is not None
    assert report.report_path.is_file() and report.backup is not None and Path(report.backup).is_file()
    assert str(report.report_path) in pane.result_path.text() and report.backup in pane.result_path.text()
    assert counts(page)["inserted"] == report.inserted

    # The other pages show the new data: the register at once, the history of exchanges too.
    assert register.model.rowCount() == 2
    exchanges = office.call(list_exchanges)
    assert [(e.direction, e.peer, e.inserted) for e in exchanges] == [
        ("import", tablet.device_code, report.inserted)
    ]
    page.tabs.setCurrentIndex(SyncPage.TAB_HISTORY)
    assert column(page.history.model, 1) == ["导入"]
    assert column(page.history.model, 3)[0].startswith(f"新增 {report.inserted}")

    # The same bundle again: nothing would change.
    check_by_clicking(qtbot, page, monkeypatch, bundle)
    assert counts(page)["inserted"] == counts(page)["updated"] == 0
    assert pane.headline.text() == "无需变更：此文件中的记录本机都已有。"
    tap(qtbot, pane.cancel_button)
    assert pane.preview is None and not pane.review.isVisible()
    assert len(office.call(list_exchanges)) == 1


def test_conflicts_show_the_value_kept_and_the_value_lost(
    qtbot: QtBot,
    tablet: Backend,
    office: Backend,
    runner: SyncRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = tmp_path / "first.fieldsync"
    tablet.call(export_bundle, first, tablet.paths.photos, peer="办公室")
    page = make_page(qtbot, office, runner)
    check_by_clicking(qtbot, page, monkeypatch, first)
    apply_by_clicking(qtbot, page)
    # Both sides change the same customer's phone before the next exchange.
    account = SAMPLE_CUSTOMERS[0].account_no
    tablet.call(
        update_customer, tablet.call(search_customer_ids, account)[0], {"contact_phone": "13800000001"}
    )
    office.call(
        update_customer, office.call(search_customer_ids, account)[0], {"contact_phone": "13900000002"}
    )
    second = tmp_path / "second.fieldsync"
    tablet.call(export_bundle, second, tablet.paths.photos, peer="办公室")

    check_by_clicking(qtbot, page, monkeypatch, second)
    pane = page.import_pane
    assert counts(page)["conflicts"] == 1
    assert pane.detail_buttons[pane.CONFLICTS].isChecked() and pane.conflict_table.isVisible()
    row = [pane.conflict_model.data(pane.conflict_model.index(0, c)) for c in range(6)]
    assert row[0] == "客户 customers" and row[2].endswith(" contact_phone")
    assert {row[3], row[4]} == {"13800000001", "13900000002"}
    headers = [
        pane.conflict_model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(pane.conflict_model.columnCount())
    ]
    assert headers == ["工作表", "行", "字段", "保留的值", "被替换的值", "被替换的值来自"]
    office_customer = office.call(search_customer_ids, account)[0]
    stored = office.call(lambda session: get_customer(session, office_customer).contact_phone)
    assert stored == "13900000002"  # the dry run changed nothing


def test_a_broken_file_shows_its_problem_and_no_apply(
    qtbot: QtBot, office: Backend, runner: SyncRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "notes.fieldsync"
    broken.write_text("meeting notes, not a bundle\n", encoding="utf-8")
    page = make_page(qtbot, office, runner)
    before = office.call(count_customers), office.call(list_exchanges)
    check_by_clicking(qtbot, page, monkeypatch, broken)
    pane = page.import_pane
    assert pane.headline.text() == "此文件无法导入：共 1 个问题，逐条列在下方。数据未作任何改动。"
    assert pane.preview is None and not pane.apply_button.isVisible()
    assert pane.detail_buttons[pane.PROBLEMS].isChecked() and pane.problem_table.isVisible()
    assert pane.problem_model.rowCount() == 1
    assert column(pane.problem_model, 0) == ["错误"]
    assert "不是同步包" in column(pane.problem_model, 4)[0]  # what the file is, in the reader's words
    assert counts(page)["rejected"] == 1
    assert (office.call(count_customers), office.call(list_exchanges)) == before
    assert not pane.apply()  # nothing to apply, even when asked directly


def test_a_rebuilt_page_shows_the_exchange_under_way(
    qtbot: QtBot, tablet: Backend, office: Backend, runner: SyncRunner, tmp_path: Path
) -> None:
    """A language switch builds the pages again while an import may run: the new page shows it and its
    result, and no second exchange can start meanwhile."""
    bundle = tmp_path / "x.fieldsync"
    tablet.call(export_bundle, bundle, tablet.paths.photos)
    first = make_page(qtbot, office, runner)
    release = threading.Event()
    with qtbot.waitSignal(runner.started):
        assert runner.start(PREVIEW, lambda _progress: release.wait(WAIT_MS / 1000))
    second = make_page(qtbot, office, runner)
    assert second.tabs.currentIndex() == SyncPage.TAB_IMPORT
    assert second.import_pane.progress.isVisible() and not second.import_pane.choose_button.isEnabled()
    assert not second.export_pane.export_button.isEnabled()
    assert second.export_pane.progress_label.text() == "正在导入。请在导入完成后再导出。"
    assert not second.import_pane.check(bundle) and not first.export_pane.export()
    with qtbot.waitSignal(first.destroyed):  # the old page goes, as the language switch drops it
        first.deleteLater()
    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS):
        release.set()
    assert second.import_pane.choose_button.isEnabled() and not second.import_pane.progress.isVisible()
