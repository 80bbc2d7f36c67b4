"""The camera dialog on a machine without a camera (the test machine, for real), with cameras that fail, and
with a capture handed on for the pipeline."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from photo_kit import CJK, MULTIMEDIA_NOISE, OFFSCREEN_NOISE, chinese_interface, photos
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QCameraDevice, QMediaDevices
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from pytestqt.qtbot import QtBot

import fieldapp.gui.camera_dialog as camera_module
from fieldapp.gui.camera_dialog import CameraDialog

pytestmark = pytest.mark.qt_log_ignore(MULTIMEDIA_NOISE, OFFSCREEN_NOISE)


@pytest.fixture(autouse=True)
def chinese(qapp: QApplication) -> None:
    chinese_interface(qapp)


def open_dialog(qtbot: QtBot, **kwargs: Path) -> CameraDialog:
    dialog = CameraDialog(**kwargs)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_without_a_camera_the_dialog_says_so_and_offers_import(qtbot: QtBot) -> None:
    assert QMediaDevices.videoInputs() == []  # the test machine really has none
    dialog = open_dialog(qtbot)
    assert not dialog.has_camera
    assert dialog.problem_label.isVisible() and not dialog.preview.isVisible()
    assert dialog.problem_label.text() == "本设备上未找到摄像头。\n可改为从文件导入照片。"
    assert not dialog.capture_button.isVisible() and not dialog.switch_button.isVisible()
    assert CJK.search(dialog.windowTitle())
    for button in dialog.findChildren(QPushButton):
        if button.isVisible():
            assert button.height() >= 48 and CJK.search(button.text())
    with qtbot.waitSignal(dialog.import_requested):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


def test_a_capture_is_handed_on_and_counted(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, capture_dir=tmp_path)
    shot = photos(tmp_path, 1, prefix="capture")[0]
    with qtbot.waitSignal(dialog.captured) as caught:
        dialog.handle_captured_file(shot)
    assert caught.args == [shot]
    assert dialog.count_label.text() == "已拍 1 张"
    dialog.handle_captured_file(shot)
    assert dialog.count_label.text() == "已拍 2 张"
    assert dialog.isVisible()  # ready for the next photo


def test_cameras_that_fail_are_reported_plainly(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cameras listed that cannot be opened (as when another app holds them): the switch button is
    offered, and the failure is said in words, with import from files beside it."""

    two_broken_cameras = SimpleNamespace(videoInputs=lambda: [QCameraDevice(), QCameraDevice()])
    monkeypatch.setattr(camera_module, "QMediaDevices", two_broken_cameras)
    dialog = open_dialog(qtbot)
    assert len(dialog.cameras) == 2
    qtbot.waitUntil(lambda: not dialog.has_camera)
    assert dialog.problem_label.text().startswith("无法使用摄像头：")
    assert "从文件导入" in dialog.problem_label.text() and dialog.import_button.isVisible()
    dialog.switch_camera()  # the other one fails the same way, and says so
    qtbot.waitUntil(lambda: not dialog.has_camera)
    assert dialog.problem_label.text().startswith("无法使用摄像头：")
    dialog.capture()  # nothing to capture with: nothing happens
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
