"""The log window and the Support section of Settings: the recent records, filtered by level and kept up to
date while open, copied to the clipboard; diagnostics exported to a zip the person chooses, without the
database or photos."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from fieldapp.gui.log_window import DiagnosticsExport, LogWindow, SupportSection
from fieldapp.gui.main_window import MainWindow
from fieldapp.logs import configure_logging, recent_log
from fieldapp.services.backend import Backend
from fieldapp.store.backup import SQLITE_HEADER

log = logging.getLogger("fieldapp.tests.log_window")


@pytest.fixture(autouse=True)
def logging_on() -> Iterator[None]:
    configure_logging(None)  # the records in memory, at the default level; no file
    yield
    configure_logging(None)


def _tap(qtbot: QtBot, button: QPushButton | None) -> None:
    assert button is not None and button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_log_window_shows_the_records_and_filters_by_level(qtbot: QtBot, gui_backend: Backend) -> None:
    log.info("打开检查 opened inspection marker-info")
    log.warning("照片较大 large photo marker-warning")
    log.error("保存失败 save failed marker-error")
    window = LogWindow(recent_log(), gui_backend)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    shown = window.shown_text()
    assert "marker-info" in shown and "marker-warning" in shown and "marker-error" in shown

    window.set_min_level(logging.ERROR)
    shown = window.shown_text()
    assert "marker-error" in shown and "marker-warning" not in shown and "marker-info" not in shown
    # Earlier tests may have left records of their own (a traceback spans several lines): judge ours.
    ours = [line for line in shown.splitlines() if "marker-" in line]
    assert ours and all(" ERROR " in line or " CRITICAL " in line for line in ours)

    window.set_min_level(logging.WARNING)
    assert "marker-warning" in window.shown_text() and "marker-info" not in window.shown_text()

    # A record logged while the window is open appears without touching anything.
    log.warning("a later marker-live")
    qtbot.waitUntil(lambda: "marker-live" in window.shown_text(), timeout=3000)

    _tap(qtbot, window.copy_button)
    assert QGuiApplication.clipboard().text() == window.shown_text()
    window.close()


def test_settings_has_a_support_section_with_the_log_and_diagnostics(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.navigate("settings")
    section = window.settings_page.findChild(SupportSection)
    assert section is not None
    log.warning("seen from the settings marker-settings")

    _tap(qtbot, section.findChild(QPushButton, "showLog"))
    log_window = section.log_window
    assert log_window is not None
    qtbot.waitExposed(log_window)
    assert "marker-settings" in log_window.shown_text()
    log_window.close()

    out = tmp_path / "诊断 support.zip"
    monkeypatch.setattr(DiagnosticsExport, "ask_path", classmethod(lambda cls, parent: out))
    _tap(qtbot, section.findChild(QPushButton, "exportDiagnostics"))
    qtbot.waitUntil(lambda: str(out) in section.message.text(), timeout=30_000)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert {"README.txt", "versions.txt", "doctor.txt", "settings.json"} <= set(names)
        assert b"marker-settings" in archive.read("recent-log.txt")
        for name in names:
            assert not archive.read(name).startswith(SQLITE_HEADER), name
            assert not name.endswith((".sqlite3", ".jpg")), name


def test_a_cancelled_export_writes_nothing(
    qtbot: QtBot, gui_backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DiagnosticsExport, "ask_path", classmethod(lambda cls, parent: None))
    section = SupportSection(gui_backend)
    qtbot.addWidget(section)
    section.show()
    assert not section.exporter.start(section) and not section.exporter.busy
    assert section.message.text() == ""
