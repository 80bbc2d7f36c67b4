"""The dialog shown when the app meets an error nobody expected (fieldapp.crash writes the report first).

It says, in plain words, that something went wrong, that the inspector's work is saved (every answer,
photo and signature is committed the moment it is given), where the report is, and that they can go on.
"Copy report" puts the whole report on the clipboard for a message to support.

`CrashPresenter` is what the crash handler calls: from any thread, it hands the report to the GUI thread
through a queued signal, and shows one dialog at a time. An error raised while a dialog is showing (the
dialog's own, say) is written and logged but never opens a second one, so it cannot recurse; the same
error at the same place is shown once per run (one in a paint event would otherwise come back forever)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.crash import CrashReport

log = logging.getLogger(__name__)

CRASH_STYLE = """
#crashHeading { font-size: 17pt; font-weight: bold; color: #b3261e; }
#crashSafe { font-size: 15pt; color: #1b5e20; }
#crashPath { font-family: monospace; color: #33404f; }
QPushButton { min-height: 52px; padding: 0 20px; border: 1px solid #9aa8b8; border-radius: 8px;
    background: #f4f6f9; }
QPushButton:default { background: #1f3a5f; color: #ffffff; border-color: #1f3a5f; }
"""


class CrashDialog(QDialog):
    def __init__(self, report: CrashReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setObjectName("crashDialog")
        self.setStyleSheet(CRASH_STYLE)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setMinimumWidth(780)

        heading = QLabel(self.tr("Something went wrong inside the app."))
        heading.setObjectName("crashHeading")
        heading.setWordWrap(True)
        safe = QLabel(
            self.tr("Your work is safe: every answer, photo and signature was saved the moment you gave it.")
        )
        safe.setObjectName("crashSafe")
        safe.setWordWrap(True)
        go_on = QLabel(
            self.tr("You can go on working. If the app behaves oddly, close it and open it again.")
        )
        go_on.setWordWrap(True)
        if report.path is not None:
            where = self.tr("A report for support was saved to:")
            path_text = str(report.path)
        else:
            where = self.tr("The report could not be saved as a file: use Copy report to keep it.")
            path_text = ""
        where_label = QLabel(where)
        where_label.setWordWrap(True)
        self.path_label = QLabel(path_text)
        self.path_label.setObjectName("crashPath")
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setVisible(bool(path_text))
        send = QLabel(self.tr("Settings → Export diagnostics… puts it in one file with the log for support."))
        send.setWordWrap(True)
        self.summary = QPlainTextEdit(report.summary)
        self.summary.setObjectName("crashSummary")
        self.summary.setReadOnly(True)
        self.summary.setMaximumHeight(90)

        self.copy_button = QPushButton(self.tr("Copy report"))
        self.copy_button.setObjectName("crashCopy")
        self.copy_button.clicked.connect(self.copy_report)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("crashClose")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        self.copied = QLabel()
        self.copied.setObjectName("crashCopied")
        buttons = QHBoxLayout()
        buttons.addWidget(self.copied, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 20)
        layout.setSpacing(12)
        for widget in (heading, safe, go_on, where_label, self.path_label, send, self.summary):
            layout.addWidget(widget)
        layout.addLayout(buttons)

    def copy_report(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.report.text)
        self.copied.setText(self.tr("Copied."))

    @classmethod
    def present(cls, report: CrashReport, parent: QWidget | None = None) -> None:
        """Show the dialog and wait until it is closed. A class method, so tests can replace it."""
        dialog = cls(report, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


class CrashPresenter(QObject):
    """`present` for fieldapp.crash.CrashHandler: call it from any thread. Create it on the GUI thread."""

    _reported = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.showing = False
        self.broken = False
        self.shown_signatures: set[str] = set()
        # Queued even on the GUI thread: the dialog opens once the code that failed has unwound, never
        # inside a half-finished paint or layout.
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def __call__(self, report: CrashReport) -> None:
        self._reported.emit(report)

    def _show(self, report: CrashReport) -> None:
        if self.showing or self.broken or report.signature in self.shown_signatures:
            return
        self.showing = True
        self.shown_signatures.add(report.signature)
        try:
            CrashDialog.present(report, QApplication.activeWindow())
        except Exception:
            # The dialog itself failed: never try it again (the reports are still written and logged).
            self.broken = True
            log.exception("the crash dialog could not be shown; report %s", report.path)
        finally:
            self.showing = False
