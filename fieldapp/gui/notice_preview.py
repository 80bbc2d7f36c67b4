"""A notice PDF shown in the app (QtPdf): every page one under the other, fitted to the width, zoomed with
big buttons; printed through the system's print dialog, or saved as a copy where the person chooses.

Printing draws each page as an image rendered by QtPdf at the printer's resolution (capped at
PRINT_DPI_CAP, enough for text and photos on paper, so an A4 page stays a few tens of megabytes in
memory), scaled to fit the printer's printable area."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.page_kit import BUTTON_HEIGHT, error_label, show_error

PRINT_DPI_CAP = 300
ZOOM_STEP = 1.25


def print_documents(printer: QPrinter, documents: Sequence[QPdfDocument]) -> int:
    """Draw every page of the documents, in order, on the printer (one job); the pages printed. The print
    dialog's page range, when one is chosen, counts the pages of the whole job."""
    first, last = printer.fromPage(), printer.toPage()
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    number = 0
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        dpi = min(printer.resolution(), PRINT_DPI_CAP)
        for document in documents:
            for page in range(document.pageCount()):
                number += 1
                if (first and number < first) or (last and number > last):
                    continue
                if printed:
                    printer.newPage()
                points = document.pagePointSize(page)
                scale = min(area.width() / points.width(), area.height() / points.height())
                target = QRectF(0, 0, points.width() * scale, points.height() * scale)
                target.moveCenter(QPointF(area.width() / 2, area.height() / 2))
                image = document.render(
                    page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                )
                painter.drawImage(target, image)
                printed += 1
    finally:
        painter.end()
    return printed


class NoticePreview(QWidget):
    """The PDF, with zoom, Print and Save as. `show_pdf(path)` loads a file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("noticePdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Dragged with a finger (or a pen, or the mouse) to scroll through the pages.
        QScroller.grabGesture(self.view.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)

        self.zoom_out_button = self._button(self.tr("Zoom out"), "zoomOutButton")
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.zoom_in_button = self._button(self.tr("Zoom in"), "zoomInButton")
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.fit_button = self._button(self.tr("Fit width"), "fitWidthButton")
        self.fit_button.clicked.connect(self.fit_width)
        self.print_button = self._button(self.tr("Print"), "printButton")
        self.print_button.setObjectName("primaryButton")
        self.print_button.clicked.connect(self.print_notice)
        self.save_button = self._button(self.tr("Save as"), "saveAsButton")
        self.save_button.clicked.connect(self.save_as)
        self.message = QLabel()
        self.message.setObjectName("fieldCaption")
        self.message.setWordWrap(True)
        self.error = error_label()

        tools = QHBoxLayout()
        tools.setSpacing(8)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.save_button)
        tools.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(tools)
        layout.addWidget(self.error)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        self._enable(False)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(BUTTON_HEIGHT)
        button.setMinimumWidth(BUTTON_HEIGHT)
        return button

    def _enable(self, loaded: bool) -> None:
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.print_button,
            self.save_button,
        ):
            button.setEnabled(loaded)

    def show_pdf(self, path: Path) -> bool:
        """Load the PDF; whether it could be read (if not, the preview says so)."""
        self.document.close()
        self.path = None
        show_error(self.error, "")
        self.message.clear()
        result = self.document.load(str(path))
        if result != QPdfDocument.Error.None_ or self.document.status() != QPdfDocument.Status.Ready:
            show_error(self.error, self.tr("Could not open the PDF %1.").replace("%1", str(path)))
            self._enable(False)
            return False
        self.path = Path(path)
        self.fit_width()
        self.view.pageNavigator().jump(0, QPointF(0, 0))
        self._enable(True)
        return True

    def page_count(self) -> int:
        return self.document.pageCount()

    def zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            # What "fit to width" shows now, as a factor, so the first step starts from the page as seen.
            points = self.document.pagePointSize(0)
            if points.width() > 0:
                current = self.view.viewport().width() / (points.width() * self.logicalDpiX() / 72)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(current * factor, 5.0)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def print_notice(self) -> None:
        if self.path is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.path.stem)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        printed = print_documents(printer, [self.document])
        if printed:
            self.message.setText(self.tr("Sent %n page(s) to the printer.", "", printed))
            show_error(self.error, "")
        else:
            show_error(self.error, self.tr("The printer could not be used."))

    def save_as(self) -> None:
        if self.path is None:
            return
        suggested = str(Path.home() / self.path.name)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the notice as"), suggested, self.tr("PDF files (*.pdf)")
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            if target.resolve() != self.path.resolve():
                shutil.copyfile(self.path, target)
        except OSError as exc:
            show_error(self.error, self.tr("Could not save the notice: %1").replace("%1", str(exc)))
            return
        show_error(self.error, "")
        self.message.setText(self.tr("Saved as %1").replace("%1", str(target)))


__all__ = ["NoticePreview", "print_documents"]
