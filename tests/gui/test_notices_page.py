"""The Notices page: the office batch issues every finalized inspection's notice, the list searches them
as the Inspections page does, a re-print opens in the preview (QtPdf) with print and save, a selection
prints in one job, and finalizing an inspection in the workflow shows its notice."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_kit import type_text
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from testkit import answer_every_item, field_team, sign_everyone

import fieldapp.gui.notice_preview as notice_preview
import fieldapp.gui.notices_page as notices_page
from fieldapp.gui.app import install_translators
from fieldapp.gui.main_window import MainWindow
from fieldapp.gui.notices_page import NoticesPage, notice_file_name
from fieldapp.gui.style import apply_style
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.demo import NOTICES_ISSUED
from fieldapp.services.inspections import finalize_inspection, start_inspection
from fieldapp.services.notice_list import list_notices
from fieldapp.services.notices import finalized_inspection_ids, issue_notice

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture(scope="session")
def issued_data_dir(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with every finalized inspection's notice issued (as the batch does), made once."""
    folder = tmp_path_factory.mktemp("issued") / "data"
    shutil.copytree(demo_data_dir, folder)
    backend = open_backend(str(folder))
    try:
        for inspection_id in backend.call(finalized_inspection_ids):
            out = backend.paths.notices / f"{inspection_id}.pdf"
            backend.call(issue_notice, inspection_id, None, out, backend.paths.photos)
    finally:
        backend.close()
    return folder


@pytest.fixture
def issued_backend(issued_data_dir: Path, tmp_path: Path) -> Iterator[Backend]:
    folder = tmp_path / "issued"
    shutil.copytree(issued_data_dir, folder)
    backend = open_backend(str(folder))
    yield backend
    backend.close()


def make_page(qtbot: QtBot, backend: Backend) -> NoticesPage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "zh_CN")
    apply_style(app)
    widget = NoticesPage(backend)
    qtbot.addWidget(widget)
    widget.resize(1148, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def page(qtbot: QtBot, issued_backend: Backend) -> NoticesPage:
    return make_page(qtbot, issued_backend)


class AcceptingPrintDialog:
    """The system print dialog, accepted at once, its printer writing a PDF instead."""

    target: Path = Path()
    shown = 0

    def __init__(self, printer: QPrinter, _parent: QWidget | None = None) -> None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.target))
        AcceptingPrintDialog.shown += 1

    def setMinMax(self, _low: int, _high: int) -> None:  # noqa: N802 (Qt's name)
        pass

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted


def pdf_pages(path: Path) -> int:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return document.pageCount()


def tap(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled()
    assert widget.height() >= 48
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_batch_issue_lists_every_finalized_inspection(
    qtbot: QtBot, demo_backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, demo_backend)
    # The demo issued the latest inspections' notices already (their findings are notified by number).
    demo_numbers = {r.number for r in demo_backend.call(list_notices)}
    assert page.model.rowCount() == len(demo_numbers) == NOTICES_ISSUED
    assert page.count_label.text() == f"共 {NOTICES_ISSUED} 份通知书"
    assert not page.reprint_button.isEnabled() and not page.print_button.isEnabled()
    assert page.issue_all_button.text() == "为全部已定稿的检查出具通知书"

    tap(qtbot, page.issue_all_button)
    rows = demo_backend.call(list_notices)
    assert len(rows) == 24
    assert [r.number for r in page.model.rows()] == [r.number for r in rows]
    assert all(r.number.count("-") == 3 for r in rows)
    assert page.count_label.text() == "共 24 份通知书" and page.table.isVisible()
    assert page.message.text() == f"已出具 {24 - NOTICES_ISSUED} 份通知书。"
    assert {r.inspection_id for r in rows} == set(demo_backend.call(finalized_inspection_ids))
    for row in rows:
        if row.number not in demo_numbers:  # the demo's are printed again from their record when shown
            assert (demo_backend.paths.notices / notice_file_name(row.number)).is_file()
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers == ["编号", "出具时间", "客户名称", "户号", "种类", "状态"]

    # Again: nothing is left to issue, and no number is taken twice.
    tap(qtbot, page.issue_all_button)
    assert len(demo_backend.call(list_notices)) == 24
    assert page.message.text() == "每个已定稿的检查都已有通知书。"


def test_batch_issue_can_be_cancelled(
    qtbot: QtBot, demo_backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, demo_backend)

    class CancelAfterTwo(notices_page.QProgressDialog):
        def wasCanceled(self) -> bool:  # noqa: N802 (Qt's name)
            return self.value() >= 2

    monkeypatch.setattr(notices_page, "QProgressDialog", CancelAfterTwo)
    tap(qtbot, page.issue_all_button)
    issued = NOTICES_ISSUED + 2
    assert page.model.rowCount() == issued and len(demo_backend.call(list_notices)) == issued


def test_typed_chinese_narrows_the_list(qtbot: QtBot, page: NoticesPage, issued_backend: Backend) -> None:
    assert page.model.rowCount() == 24
    name = page.model.rows()[0].customer_name
    type_text(qtbot, page.search, name[:4])
    expected = issued_backend.call(list_notices, name[:4])
    assert 1 <= len(expected) < 24
    qtbot.waitUntil(lambda: [r.notice_id for r in page.model.rows()] == [r.notice_id for r in expected])
    assert all(name[:4] in r.customer_name for r in page.model.rows())

    page.search.clear()
    number = expected[0].number
    type_text(qtbot, page.search, number)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert [r.number for r in page.model.rows()] == [number]

    page.search.clear()
    type_text(qtbot, page.search, "不存在的客户%")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.empty_note.isVisible()


def test_reprint_previews_prints_and_saves(
    qtbot: QtBot, page: NoticesPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    row = page.model.row_at(0)
    qtbot.mouseClick(
        page.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.table.visualRect(page.model.index(0, 2)).center(),
    )
    assert page.selected_rows() == [row]
    tap(qtbot, page.reprint_button)
    preview = page.preview
    assert page.previewing.isVisible() and preview.isVisible()
    assert preview.document.status() == QPdfDocument.Status.Ready
    pages = preview.document.pageCount()
    assert pages > 1
    assert row.number in page.preview_title.text()
    assert (
        page.shown_notice is not None and page.shown_notice.reprint and page.shown_notice.number == row.number
    )
    for button in (
        preview.zoom_in_button,
        preview.zoom_out_button,
        preview.print_button,
        preview.save_button,
    ):
        assert button.height() >= 48 and button.width() >= 48
    tap(qtbot, preview.zoom_in_button)
    assert preview.view.zoomMode() == preview.view.ZoomMode.Custom
    tap(qtbot, preview.fit_button)

    AcceptingPrintDialog.target = tmp_path / "printed.pdf"
    monkeypatch.setattr(notice_preview, "QPrintDialog", AcceptingPrintDialog)
    tap(qtbot, preview.print_button)
    assert pdf_pages(tmp_path / "printed.pdf") == pages
    assert str(pages) in preview.message.text()

    saved = tmp_path / "saved" / "copy.pdf"
    saved.parent.mkdir()
    monkeypatch.setattr(
        notice_preview.QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(saved), "PDF (*.pdf)")
    )
    tap(qtbot, preview.save_button)
    assert saved.read_bytes() == preview.path.read_bytes() if preview.path else False
    assert str(saved) in preview.message.text()

    tap(qtbot, page.back_button)
    assert page.listing.isVisible() and page.model.rowCount() == 24


def test_print_selected_prints_one_job(
    qtbot: QtBot, page: NoticesPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    AcceptingPrintDialog.target = tmp_path / "batch.pdf"
    AcceptingPrintDialog.shown = 0
    monkeypatch.setattr(notices_page, "QPrintDialog", AcceptingPrintDialog)
    for row in (1, 3):
        qtbot.mouseClick(
            page.table.viewport(),
            Qt.MouseButton.LeftButton,
            pos=page.table.visualRect(page.model.index(row, 0)).center(),
        )
    chosen = page.selected_rows()
    assert len(chosen) == 2 and not page.reprint_button.isEnabled()
    tap(qtbot, page.print_button)
    assert AcceptingPrintDialog.shown == 1
    folder = page._backend.paths.notices
    expected = sum(pdf_pages(folder / notice_file_name(r.number)) for r in chosen)
    assert pdf_pages(tmp_path / "batch.pdf") == expected


def test_the_list_passes_the_model_tester(qtmodeltester: Any, page: NoticesPage) -> None:
    qtmodeltester.check(page.model)


def test_finalizing_in_the_workflow_shows_the_new_notice(qtbot: QtBot, window: MainWindow) -> None:
    backend = window.backend
    customer, team, template = field_team(backend, "0531009001", "临河县测试水泥厂")
    inspection_id = backend.call(start_inspection, customer, template, team)
    backend.call(answer_every_item, inspection_id)
    backend.call(sign_everyone, inspection_id)
    backend.call(finalize_inspection, inspection_id)

    window.workflow.review.finalized.emit(inspection_id)
    notices = window.workflow.notices
    assert window.current_page_key() == "notices" and notices.preview.isVisible()
    issued = notices.shown_notice
    assert issued is not None and not issued.reprint
    assert notices.preview.document.status() == QPdfDocument.Status.Ready
    assert notices.preview.document.pageCount() >= 1
    rows = backend.call(list_notices, "临河县测试水泥厂")
    assert [r.number for r in rows] == [issued.number]
