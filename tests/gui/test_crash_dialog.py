"""An unexpected error while the window runs: a crash report is written, then a dialog says what happened,
that the work is saved and where the report is, copies the report and closes. A dialog that fails is not
tried again (no recursion), and an unattended start gets no dialog at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from fieldapp.crash import CrashHandler, CrashReport, crash_reports
from fieldapp.gui.app import install_crash_handler, install_translators
from fieldapp.gui.crash_dialog import CrashDialog, CrashPresenter
from fieldapp.paths import DataPaths


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def handler(paths: DataPaths, qapp: QApplication) -> Iterator[CrashHandler]:
    """The window's crash handler, with the dialog; put back after the test (pytest-qt has its own)."""
    installed = install_crash_handler(paths, present=True)
    yield installed
    installed.uninstall()


def _fail_in_a_slot() -> None:
    raise ZeroDivisionError("功率因数计算失败 power factor division")


def test_an_error_in_a_slot_writes_a_report_and_presents_it(
    qtbot: QtBot, handler: CrashHandler, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[CrashReport] = []
    monkeypatch.setattr(
        CrashDialog, "present", classmethod(lambda cls, report, parent=None: shown.append(report))
    )
    QTimer.singleShot(0, _fail_in_a_slot)  # as Qt calls a slot: the error goes to sys.excepthook
    qtbot.waitUntil(lambda: len(shown) == 1)
    (report,) = shown
    assert report.path is not None and report.path in crash_reports(paths.crashes)
    assert "ZeroDivisionError: 功率因数计算失败" in report.path.read_text(encoding="utf-8")
    # The same error at the same place again: reported, not shown a second time.
    QTimer.singleShot(0, _fail_in_a_slot)
    qtbot.waitUntil(lambda: len(crash_reports(paths.crashes)) == 2)
    qtbot.wait(50)
    assert len(shown) == 1


def test_the_dialog_says_what_happened_copies_the_report_and_closes(
    qtbot: QtBot, handler: CrashHandler, paths: DataPaths, qapp: QApplication
) -> None:
    install_translators(qapp, "zh_CN")
    seen: dict[str, object] = {}

    def look_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CrashDialog):
            QTimer.singleShot(20, look_and_close)
            return
        seen["texts"] = [label.text() for label in dialog.findChildren(QLabel)]
        dialog.grab().save(str(paths.root / "crash-dialog.png"))
        copy = dialog.findChild(QPushButton, "crashCopy")
        close = dialog.findChild(QPushButton, "crashClose")
        assert copy is not None and close is not None
        seen["buttons"] = (copy.text(), close.text())
        qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
        seen["clipboard"] = QGuiApplication.clipboard().text()
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
        seen["closed"] = not dialog.isVisible()

    QTimer.singleShot(20, look_and_close)
    QTimer.singleShot(0, _fail_in_a_slot)
    qtbot.waitUntil(lambda: "closed" in seen, timeout=10_000)

    (report_path,) = crash_reports(paths.crashes)
    texts = "\n".join(map(str, seen["texts"]))  # type: ignore[call-overload]
    assert "程序内部出现了错误" in texts  # what happened, in plain Chinese
    assert "已在录入时保存" in texts  # their answers are saved
    assert str(report_path) in texts  # where the report is
    assert seen["buttons"] == ("复制报告", "关闭")
    assert seen["clipboard"] == report_path.read_text(encoding="utf-8")
    assert seen["closed"] is True
    assert QApplication.activeModalWidget() is None


def test_a_dialog_that_fails_is_not_tried_again(
    qtbot: QtBot, handler: CrashHandler, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[CrashReport] = []

    def broken(cls: type[CrashDialog], report: CrashReport, parent: object = None) -> None:
        attempts.append(report)
        raise RuntimeError("the dialog itself failed")

    monkeypatch.setattr(CrashDialog, "present", classmethod(broken))
    presenter = handler.present
    assert isinstance(presenter, CrashPresenter)
    QTimer.singleShot(0, _fail_in_a_slot)
    qtbot.waitUntil(lambda: presenter.broken)
    QTimer.singleShot(0, lambda: [][1])  # another, different error
    qtbot.waitUntil(lambda: len(crash_reports(paths.crashes)) == 2)
    qtbot.wait(50)
    assert len(attempts) == 1


def test_an_unattended_start_gets_no_dialog(paths: DataPaths, qapp: QApplication) -> None:
    installed = install_crash_handler(paths, present=False)
    try:
        assert installed.present is None  # the report's place goes to stderr instead
    finally:
        installed.uninstall()
