"""The customer's one-page profile (客户概况) once written: shown in the notice preview, with Print and
Save as, and the place it was saved. A window of its own beside the customer page, not a modal one: the
inspector may keep it open while reading the customer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.gui.notice_preview import NoticePreview
from fieldapp.gui.page_kit import BUTTON_HEIGHT


class ProfilePdfDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profilePdfDialog")
        self.setWindowTitle(self.tr("Customer profile"))
        self.setModal(False)
        self.preview = NoticePreview(self)
        self.where = QLabel()
        self.where.setObjectName("fieldCaption")
        self.where.setWordWrap(True)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setMinimumHeight(BUTTON_HEIGHT)
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.where, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(self.preview, 1)
        layout.addLayout(bottom)
        self.resize(860, 1000)

    def show_file(self, path: Path) -> bool:
        """Load the PDF and say where it is; whether it could be read."""
        self.where.setText(self.tr("Saved in %1").replace("%1", str(path)))
        return self.preview.show_pdf(path)
