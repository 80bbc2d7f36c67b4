"""The recent log and the diagnostics for support, reached from Settings (the `SupportSection` there).

`LogWindow` shows the records kept in memory (fieldapp.logs.RecentLog: the last 2000), filtered by level,
refreshed while it is open; "Copy" puts what is shown on the clipboard. "Export diagnostics…" writes one
zip for support (fieldapp.services.diagnostics) off the GUI thread: the log files, versions, settings,
doctor's findings and crash reports, never the database or photos (customers' data)."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFontDatabase, QGuiApplication, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.photo_worker import BackgroundTask
from fieldapp.logs import RecentLog, log_file, recent_log

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend
    from fieldapp.services.diagnostics import DiagnosticsResult

REFRESH_MS = 1000

SUPPORT_STYLE = """
#supportTitle { font-size: 17pt; font-weight: bold; color: #1f3a5f; padding-top: 12px; }
#supportNote, #logNote { color: #5a6472; }
#supportMessage, #logMessage { color: #2e7d32; }
QPushButton { min-height: 52px; padding: 0 18px; border: 1px solid #9aa8b8; border-radius: 8px;
    background: #f4f6f9; }
QComboBox { min-height: 48px; padding: 0 12px; }
"""


def _diagnostics_name() -> str:
    return f"fieldapp-diagnostics-{datetime.now().strftime('%Y%m%d-%H%M')}.zip"


class DiagnosticsExport(QObject):
    """Asks where to save the zip, writes it on a pool thread, and says how it went."""

    finished = Signal(str)  # a message for a person: where the zip is
    failed = Signal(str)

    def __init__(self, backend: Backend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._task: BackgroundTask | None = None

    @classmethod
    def ask_path(cls, parent: QWidget | None) -> Path | None:
        """Where to save, chosen by the person; None if they cancel. A class method: tests replace it."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder or Path.home()) / _diagnostics_name()
        chosen, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("DiagnosticsExport", "Export diagnostics"),
            str(suggested),
            QCoreApplication.translate("DiagnosticsExport", "Zip files (*.zip)"),
        )
        if not chosen:
            return None
        target = Path(chosen)
        return target if target.suffix.lower() == ".zip" else target.with_name(target.name + ".zip")

    @property
    def busy(self) -> bool:
        return self._task is not None

    def start(self, parent: QWidget | None) -> bool:
        """Ask, then write. False when nothing was started (cancelled, or one is under way)."""
        if self._task is not None:
            return False
        target = self.ask_path(parent)
        if target is None:
            return False
        from fieldapp.services.diagnostics import export_diagnostics  # the storage stack, on demand

        backend = self.backend
        task = BackgroundTask(
            lambda: export_diagnostics(target, backend.paths, backend=backend, recent=recent_log())
        )
        task.signals.done.connect(self._done)
        task.signals.failed.connect(self._failed)
        self._task = task
        self._pool.start(task)
        return True

    def wait(self) -> None:
        self._pool.waitForDone()

    def _done(self, result: DiagnosticsResult) -> None:
        self._task = None
        message = QCoreApplication.translate(
            "DiagnosticsExport", "Diagnostics saved to %1 (no database, no photos)."
        )
        self.finished.emit(message.replace("%1", str(result.path)))

    def _failed(self, reason: str) -> None:
        self._task = None
        message = QCoreApplication.translate("DiagnosticsExport", "The diagnostics could not be written: %1")
        self.failed.emit(message.replace("%1", reason))


class LogWindow(QDialog):
    """The recent log, filtered by level; open beside the app (not modal), refreshed while open."""

    def __init__(self, recent: RecentLog, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logWindow")
        self.setStyleSheet(SUPPORT_STYLE)
        self.recent = recent
        self.setWindowTitle(self.tr("Log"))
        self.resize(1000, 640)

        self.level = QComboBox()
        self.level.setObjectName("logLevel")
        for text, level in (
            (self.tr("Everything"), logging.NOTSET),
            (self.tr("Information and above"), logging.INFO),
            (self.tr("Warnings and errors"), logging.WARNING),
            (self.tr("Errors only"), logging.ERROR),
        ):
            self.level.addItem(text, level)
        self.level.currentIndexChanged.connect(lambda _index: self.refresh(force=True))
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("Show")))
        filter_row.addWidget(self.level)
        filter_row.addStretch(1)

        self.view = QPlainTextEdit()
        self.view.setObjectName("logText")
        self.view.setReadOnly(True)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        file = log_file()
        note = QLabel(
            self.tr("The last %1 records in memory. The log file: %2")
            .replace("%1", str(recent.capacity))
            .replace("%2", str(file) if file else self.tr("none"))
        )
        note.setObjectName("logNote")
        note.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("logMessage")
        self.message.setWordWrap(True)

        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("logCopy")
        self.copy_button.clicked.connect(self.copy_shown)
        self.export_button = QPushButton(self.tr("Export diagnostics…"))
        self.export_button.setObjectName("logExport")
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("logClose")
        self.close_button.clicked.connect(self.close)
        self.exporter = DiagnosticsExport(backend, self)
        self.export_button.clicked.connect(lambda: self.exporter.start(self))
        self.exporter.finished.connect(self.message.setText)
        self.exporter.failed.connect(self.message.setText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(10)
        layout.addLayout(filter_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self._shown_total = -1
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.refresh(force=True)

    @property
    def min_level(self) -> int:
        return int(self.level.currentData())

    def set_min_level(self, level: int) -> None:
        index = self.level.findData(level)
        if index >= 0:
            self.level.setCurrentIndex(index)

    def shown_text(self) -> str:
        return self.view.toPlainText()

    def refresh(self, force: bool = False) -> None:
        """Show the records at or above the chosen level; the view stays at the end if it was there."""
        if not force and self.recent.total == self._shown_total:
            return
        self._shown_total = self.recent.total
        bar = self.view.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 2
        self.view.setPlainText(self.recent.text(self.min_level))
        if at_end or force:
            self.view.moveCursor(QTextCursor.MoveOperation.End)
            self.view.ensureCursorVisible()

    def copy_shown(self) -> None:
        QGuiApplication.clipboard().setText(self.shown_text())
        self.message.setText(self.tr("Copied."))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._timer.stop()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh(force=True)
        self._timer.start()


class SupportSection(QWidget):
    """Settings' "Support" section: the log window and the diagnostics export."""

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supportSection")
        self.setStyleSheet(SUPPORT_STYLE)
        self.backend = backend
        self.log_window: LogWindow | None = None
        title = QLabel(self.tr("Support"))
        title.setObjectName("supportTitle")
        note = QLabel(
            self.tr(
                "The log and the diagnostics help support find out what went wrong. The diagnostics "
                "contain the log, versions, settings, checks and error reports, never the database or "
                "photos."
            )
        )
        note.setObjectName("supportNote")
        note.setWordWrap(True)
        self.show_log_button = QPushButton(self.tr("Show log…"))
        self.show_log_button.setObjectName("showLog")
        self.show_log_button.clicked.connect(self.show_log)
        self.export_button = QPushButton(self.tr("Export diagnostics…"))
        self.export_button.setObjectName("exportDiagnostics")
        self.message = QLabel()
        self.message.setObjectName("supportMessage")
        self.message.setWordWrap(True)
        self.exporter = DiagnosticsExport(backend, self)
        self.export_button.clicked.connect(lambda: self.exporter.start(self))
        self.exporter.finished.connect(self.message.setText)
        self.exporter.failed.connect(self.message.setText)
        row = QHBoxLayout()
        row.addWidget(self.show_log_button)
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(self.message)

    def show_log(self) -> LogWindow:
        if self.log_window is None:
            self.log_window = LogWindow(recent_log(), self.backend, self)
        if self.log_window.isVisible():  # open behind the window: bring it forward
            self.log_window.raise_()
            self.log_window.activateWindow()
        else:
            self.log_window.show()
        return self.log_window
