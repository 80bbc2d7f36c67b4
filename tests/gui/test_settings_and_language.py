"""Settings as the inspector changes them: the language switches at once and the inspector stays where
they were, on the same inspection and item, with nothing typed lost; other settings are stored the moment
they are changed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_kit import type_text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from fieldapp.gui.app import install_translators
from fieldapp.gui.main_window import MainWindow
from fieldapp.gui.ui_prefs import read_language
from fieldapp.services.inspection_sheet import inspections_in_progress, sheet_state
from fieldapp.services.settings_store import get_setting

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def back_to_chinese(qapp: QApplication) -> Iterator[None]:
    """The translators are the application's: a test that switches to English must not leave the next
    test in English."""
    yield
    install_translators(qapp, "zh_CN")


def _tap(qtbot: QtBot, widget: QPushButton) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _settings_button(window: MainWindow, code: str) -> QPushButton:
    button = window.settings_page.findChild(QPushButton, f"language_{code}")
    assert button is not None
    return button


def test_switching_to_english_keeps_the_inspection_and_item(qtbot: QtBot, window: MainWindow) -> None:
    backend = window.backend
    [open_now] = backend.call(inspections_in_progress)
    workflow = window.workflow
    workflow.open_inspection(open_now.inspection_id, "A03")
    page = workflow.answering
    assert page.current_code == "A03" and CJK.search(page.next_button.text())
    # A note half typed when the inspector goes to Settings: leaving the page stores it.
    page.note_edit.setFocus()
    type_text(qtbot, page.note_edit, "门口挡鼠板缺失")

    window.navigate("settings")
    _tap(qtbot, _settings_button(window, "en"))

    assert backend.call(get_setting, "ui.language") == "en"
    assert read_language(backend.paths.root) == "en"  # the next start paints its shell in English
    assert window.nav_buttons["settings"].text() == "Settings"
    assert window.windowTitle() == "Electricity-use inspection"
    # Still on Settings, and behind it, in English: the same inspection, the same item, the note stored.
    assert window.current_page_key() == "settings"
    window.navigate("inspections")
    page = window.workflow.answering
    assert page.inspection_id == open_now.inspection_id and page.current_code == "A03"
    assert "Next" in page.next_button.text() and not CJK.search(page.next_button.text())
    state = backend.call(sheet_state, open_now.inspection_id)
    assert state.answers["A03"].note == "门口挡鼠板缺失"
    assert page.note_edit.toPlainText() == "门口挡鼠板缺失"

    window.navigate("settings")
    _tap(qtbot, _settings_button(window, "zh_CN"))
    assert window.nav_buttons["settings"].text() == "设置"
    assert window.workflow.answering.current_code == "A03"


def test_qt_dialog_buttons_follow_the_language(qtbot: QtBot, window: MainWindow) -> None:
    """Qt's own texts (standard buttons) are translated too."""
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"
    window.navigate("settings")
    _tap(qtbot, _settings_button(window, "en"))
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_settings_are_stored_when_changed(qtbot: QtBot, window: MainWindow) -> None:
    backend = window.backend
    window.navigate("settings")
    page = window.settings_page
    unit = page.findChild(QLineEdit, "settingIssuingUnit")
    assert unit is not None
    qtbot.mouseClick(unit, Qt.MouseButton.LeftButton)
    unit.selectAll()
    type_text(qtbot, unit, "国网临河县供电公司")
    qtbot.keyClick(unit, Qt.Key.Key_Return)
    assert backend.call(get_setting, "org.issuing_unit") == "国网临河县供电公司"

    long_side = page.findChild(QSpinBox, "settingLongSide")
    assert long_side is not None
    long_side.setFocus()
    qtbot.keyClick(long_side, Qt.Key.Key_Up)  # one step of 256 px
    assert backend.call(get_setting, "photos.long_side_px") == 2048 + 256

    keep = page.keep_original
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton, pos=QPoint(12, keep.height() // 2))  # the box
    assert backend.call(get_setting, "photos.keep_original") is True
    assert page.device_code.text() == backend.device_code


def test_a_notice_prefix_that_cannot_be_used_is_refused_and_said(qtbot: QtBot, window: MainWindow) -> None:
    backend = window.backend
    window.navigate("settings")
    page = window.settings_page
    prefix = page.findChild(QLineEdit, "settingNumberPrefix")
    assert prefix is not None
    qtbot.mouseClick(prefix, Qt.MouseButton.LeftButton)
    prefix.selectAll()
    type_text(qtbot, prefix, "YD/1")
    qtbot.keyClick(prefix, Qt.Key.Key_Return)
    assert backend.call(get_setting, "notice.number_prefix") == "YDJC"
    assert "编号前缀" in page.message.text()


def _seal_file(path: Path, size: tuple[int, int] = (500, 500)) -> Path:
    from PIL import Image, ImageDraw

    picture = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(picture).ellipse((10, 10, size[0] - 10, size[1] - 10), outline=(210, 0, 0, 255), width=20)
    picture.save(path)
    return path


def test_choosing_previewing_and_clearing_the_seal(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = window.backend
    window.navigate("settings")
    page = window.settings_page
    assert page.seal_preview.pixmap().isNull() and not page.seal_clear.isEnabled()
    assert page.seal_preview.text() == "未设印章"

    source = _seal_file(tmp_path / "公章.png")
    monkeypatch.setattr(page, "ask_seal_file", lambda: str(source))
    _tap(qtbot, page.seal_choose)
    name = backend.call(get_setting, "notice.seal_image")
    assert name.endswith(".png")
    kept = backend.paths.notices / "seals" / name
    assert kept.is_file() and kept != source  # a copy in the data folder: the original may go
    assert not page.seal_preview.pixmap().isNull() and page.seal_clear.isEnabled()
    assert "印章" in page.message.text()
    page.grab().save(str(tmp_path / "settings-seal.png"))

    monkeypatch.setattr(page, "ask_seal_file", lambda: str(_seal_file(tmp_path / "banner.png", (2000, 200))))
    _tap(qtbot, page.seal_choose)
    assert "banner.png" in page.message.text()  # refused, said, and the seal kept
    assert backend.call(get_setting, "notice.seal_image") == name

    monkeypatch.setattr(page, "ask_seal_file", lambda: "")  # cancelled: nothing happens
    _tap(qtbot, page.seal_choose)
    assert backend.call(get_setting, "notice.seal_image") == name

    _tap(qtbot, page.seal_clear)
    assert backend.call(get_setting, "notice.seal_image") == ""
    assert page.seal_preview.pixmap().isNull() and not page.seal_clear.isEnabled()
    assert kept.is_file()  # notices issued with it still print with it
