"""Notices: every notice issued on this database, newest first, searched by number, customer name or
account number as it is typed. One notice is printed again from its stored record and shown in the
preview (QtPdf) over the list, with Back; a selection is printed in one job through one print dialog; and
the office issues in one go the notices of every finalized inspection that has none yet.

A re-print renders the stored content again into <data>/notices/<number>.pdf (the photos reduced to print
size kept in <data>/notices/print-images), so the same notice always reads the same."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import NoticeStatus
from fieldapp.domain.errors import FieldappError
from fieldapp.gui.notice_models import NoticeTableModel
from fieldapp.gui.notice_preview import NoticePreview, print_documents
from fieldapp.gui.page_kit import (
    BUTTON_HEIGHT,
    PAGE_STYLE,
    ListOrNote,
    debounced,
    error_label,
    show_error,
    touch_table,
)
from fieldapp.services.notice_list import MAX_NOTICES, NoticeRow, list_notices
from fieldapp.services.notices import IssuedNotice, finalized_inspection_ids, issue_notice

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend


def notice_file_name(number: str) -> str:
    """The number as a file name (numbers are letters, digits and dashes; anything else becomes _)."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in number) + ".pdf"


class NoticesPage(QWidget):
    LIMIT = 500

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(PAGE_STYLE)
        self._backend = backend
        self.model = NoticeTableModel(self)
        self.shown_notice: IssuedNotice | None = None

        # -- the list ---------------------------------------------------------------------------------
        title = QLabel(self.tr("Notices"))
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setObjectName("noticeSearch")
        self.search.setPlaceholderText(self.tr("Search by notice number, customer name or account number"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.reprint_button = self._button(self.tr("Re-print"), "reprintButton")
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.print_button = self._button(self.tr("Print selected"), "printSelectedButton")
        self.print_button.clicked.connect(self.print_selected)
        self.issue_all_button = self._button(
            self.tr("Issue notices for all finalized inspections"), "issueAllButton"
        )
        self.issue_all_button.clicked.connect(self.issue_all)
        self.error = error_label()
        self.message = QLabel()
        self.message.setObjectName("fieldCaption")
        self.message.setWordWrap(True)

        self.table = touch_table("noticeTable")
        # A tap adds a notice to the selection or takes it out: several are chosen with a finger.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NoticeTableModel.CUSTOMER_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(72)
        self.table.selectionModel().selectionChanged.connect(lambda _a, _b: self._update_buttons())
        self.list_stack = ListOrNote(
            self.table,
            self.tr("No notice yet. Notices are issued when an inspection is finalized, or here for all."),
        )
        self.empty_note = self.list_stack.note

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        actions.addWidget(self.issue_all_button)
        self.listing = QWidget()
        listing = QVBoxLayout(self.listing)
        listing.setContentsMargins(0, 0, 0, 0)
        listing.setSpacing(12)
        listing.addWidget(title)
        listing.addLayout(search_row)
        listing.addLayout(actions)
        listing.addWidget(self.message)
        listing.addWidget(self.list_stack, 1)

        # -- one notice -------------------------------------------------------------------------------
        self.back_button = self._button(self.tr("Back"), "backButton")
        self.back_button.clicked.connect(self.show_list)
        self.preview_title = QLabel()
        self.preview_title.setObjectName("pageTitle")
        self.preview_title.setWordWrap(True)
        self.preview = NoticePreview()
        self.previewing = QWidget()
        previewing = QVBoxLayout(self.previewing)
        previewing.setContentsMargins(0, 0, 0, 0)
        previewing.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.preview_title, 1)
        previewing.addLayout(top)
        previewing.addWidget(self.preview, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.listing)
        self.stack.addWidget(self.previewing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(self.error)
        layout.addWidget(self.stack, 1)

        self._debounce = debounced(self, self.search, self.apply_search)
        self._update_buttons()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(BUTTON_HEIGHT)
        return button

    # -- the list -------------------------------------------------------------------------------------

    def load(self) -> None:
        self.apply_search()

    def apply_search(self) -> None:
        """Query with the search text as it is now; on failure the page says so and keeps its list."""
        self._debounce.stop()
        try:
            rows = self._backend.call(list_notices, self.search.text(), self.LIMIT)
        except FieldappError as exc:
            show_error(self.error, self.tr("Could not read the notices: %1").replace("%1", str(exc)))
            return
        show_error(self.error, "")
        self.model.set_rows(rows)
        count = self.model.rowCount()
        self.count_label.setText(self.tr("%n notice(s)", "", count))
        self.list_stack.show_count(count)
        self._update_buttons()

    def selected_rows(self) -> list[NoticeRow]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row) for row in rows]

    def select_rows(self, rows: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        for row in rows:
            selection.select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _update_buttons(self) -> None:
        chosen = self.selected_rows()
        self.reprint_button.setEnabled(len(chosen) == 1)
        self.print_button.setEnabled(bool(chosen))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous() and self.stack.currentWidget() is self.listing:
            self.apply_search()

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.listing)
        self.apply_search()

    # -- printing -------------------------------------------------------------------------------------

    def _folder(self) -> Path:
        return self._backend.paths.notices

    def _issue(self, inspection_id: uuid.UUID, row: NoticeRow | None) -> IssuedNotice:
        """Issue the notice (default kind) or print the stored one again into <data>/notices/<number>."""
        folder = self._folder()
        target = folder / notice_file_name(row.number) if row else folder / f".issuing-{inspection_id}.pdf"
        issued = self._backend.call(
            issue_notice,
            inspection_id,
            row.kind if row else None,
            target,
            self._backend.paths.photos,
            image_cache=folder / "print-images",
            notices_dir=folder,
        )
        final = folder / notice_file_name(issued.number)
        if issued.path != final:
            issued.path.replace(final)
        return issued

    def _printable(self, row: NoticeRow) -> bool:
        if row.status is NoticeStatus.VOIDED:
            show_error(
                self.error,
                self.tr("Notice %1 is void and is not printed again.").replace("%1", row.number),
            )
            return False
        return True

    def reprint_selected(self) -> None:
        chosen = self.selected_rows()
        if len(chosen) == 1:
            self.reprint(chosen[0])

    def reprint(self, row: NoticeRow) -> bool:
        if not self._printable(row):
            return False
        try:
            issued = self._issue(row.inspection_id, row)
        except (FieldappError, OSError) as exc:
            show_error(
                self.error,
                self.tr("Could not print notice %1: %2").replace("%1", row.number).replace("%2", str(exc)),
            )
            return False
        return self._show(issued)

    def issue_for(self, inspection_id: uuid.UUID) -> bool:
        """Issue the notice of a just finalized inspection (or print it again if it exists) and show it."""
        try:
            issued = self._issue(inspection_id, None)
        except (FieldappError, OSError) as exc:
            self.stack.setCurrentWidget(self.listing)
            show_error(self.error, self.tr("Could not issue the notice: %1").replace("%1", str(exc)))
            return False
        return self._show(issued)

    def _show(self, issued: IssuedNotice) -> bool:
        show_error(self.error, "")
        self.shown_notice = issued
        self.preview_title.setText(self.tr("Notice %1").replace("%1", issued.number))
        self.stack.setCurrentWidget(self.previewing)
        return self.preview.show_pdf(self._folder() / notice_file_name(issued.number))

    def print_selected(self) -> None:
        """Print the chosen notices (each printed again from its record first) in one job."""
        rows = [row for row in self.selected_rows() if self._printable(row)]
        if not rows:
            return
        documents: list[QPdfDocument] = []
        try:
            for row in rows:
                try:
                    issued = self._issue(row.inspection_id, row)
                except (FieldappError, OSError) as exc:
                    show_error(
                        self.error,
                        self.tr("Could not print notice %1: %2")
                        .replace("%1", row.number)
                        .replace("%2", str(exc)),
                    )
                    return
                document = QPdfDocument(self)
                if document.load(str(issued.path.with_name(notice_file_name(issued.number)))) != (
                    QPdfDocument.Error.None_
                ):
                    show_error(self.error, self.tr("Could not open the PDF %1.").replace("%1", issued.number))
                    document.deleteLater()
                    return
                documents.append(document)
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.tr("Notices"))
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            printed = print_documents(printer, documents)
        finally:
            for document in documents:
                document.close()
                document.deleteLater()
        if printed:
            show_error(self.error, "")
            self.message.setText(self.tr("Sent %n page(s) to the printer.", "", printed))
        else:
            show_error(self.error, self.tr("The printer could not be used."))

    def issue_all(self) -> None:
        """Issue the notice of every finalized inspection that has none yet, with progress and Cancel."""
        try:
            finalized = self._backend.call(finalized_inspection_ids)
            listed = self._backend.call(list_notices, "", MAX_NOTICES)
        except FieldappError as exc:
            show_error(self.error, self.tr("Could not read the notices: %1").replace("%1", str(exc)))
            return
        have = {row.inspection_id for row in listed if row.status is NoticeStatus.ISSUED}
        wanted = [inspection_id for inspection_id in finalized if inspection_id not in have]
        if not wanted:
            show_error(self.error, "")
            self.message.setText(self.tr("Every finalized inspection has its notice."))
            return
        progress = QProgressDialog(self.tr("Issuing notices…"), self.tr("Cancel"), 0, len(wanted), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setValue(0)
        issued, failures = 0, []
        for step, inspection_id in enumerate(wanted):
            if progress.wasCanceled():
                break
            try:
                self._issue(inspection_id, None)
                issued += 1
            except (FieldappError, OSError) as exc:
                failures.append(str(exc))
            progress.setValue(step + 1)
        progress.close()
        progress.deleteLater()
        self.apply_search()
        self.message.setText(self.tr("Issued %n notice(s).", "", issued))
        if failures:
            show_error(
                self.error,
                self.tr("%n notice(s) could not be issued: %1", "", len(failures)).replace("%1", failures[0]),
            )
