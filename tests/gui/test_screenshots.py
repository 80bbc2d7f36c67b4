"""Screenshots of every page of the main window with the demo data, for anyone to look at: in Chinese at
1280x800 (Today, the customer register, a customer's page, the inspections list, answering with a rule's
proposal showing, review and signatures, settings and the pages not built yet), and the answering
page in English and in portrait (800x1280); the Sync page with an import's preview (also in portrait), its
history, and in English.

They go to `build/screenshots/` at the repository root, or to the folder in FIELDAPP_SCREENSHOTS. Each
must be written and show something (more than a few colours: a blank or black grab has one or two)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_kit import ZIGZAG, draw, type_text
from photo_kit import MULTIMEDIA_NOISE, OFFSCREEN_NOISE
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QScrollArea, QWidget
from pytestqt.qtbot import QtBot
from testkit import REPO_ROOT

from fieldapp.gui.app import create_main_window, install_translators
from fieldapp.gui.finding_dialogs import FindingStepDialog
from fieldapp.gui.main_window import MainWindow
from fieldapp.services.backend import Backend
from fieldapp.services.customers import search_customer_keys
from fieldapp.services.inspection_sheet import inspections_in_progress
from fieldapp.services.sync_export import export_bundle

pytestmark = pytest.mark.qt_log_ignore(MULTIMEDIA_NOISE, OFFSCREEN_NOISE)

FOLDER_ENV = "FIELDAPP_SCREENSHOTS"
LANDSCAPE = (1280, 800)
PORTRAIT = (800, 1280)
CUSTOMER = "临河县自来水公司第一水厂"
RULE_ITEM = "G02"  # the power factor: 0.72 typed in brings up the rule's proposed finding
MIN_COLOURS = 8


def shots_folder() -> Path:
    folder = Path(os.environ.get(FOLDER_ENV) or REPO_ROOT / "build" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def distinct_colours(image: QImage) -> int:
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(rgb.constBits())[: rgb.bytesPerLine() * rgb.height()]
    return len(set(memoryview(data).cast("I")))


def settle(qtbot: QtBot) -> None:
    """Let the layouts and the deferred work of the page (loads, polish) finish before the grab."""
    QApplication.processEvents()
    qtbot.wait(50)
    QApplication.processEvents()


def shoot(qtbot: QtBot, window: MainWindow, name: str) -> Path:
    settle(qtbot)
    image = window.grab().toImage()
    path = shots_folder() / f"{name}.png"
    path.unlink(missing_ok=True)
    assert image.save(str(path)), f"could not write {path}"
    assert path.is_file() and path.stat().st_size > 0
    written = QImage(str(path))
    assert (written.width(), written.height()) == (window.width(), window.height())
    assert distinct_colours(written) > MIN_COLOURS, f"{path.name} looks blank"
    return path


def in_progress(backend: Backend) -> uuid.UUID:
    return backend.call(inspections_in_progress)[0].inspection_id


def show_rule_proposal(qtbot: QtBot, window: MainWindow, inspection_id: uuid.UUID) -> None:
    """The answering page at the power factor, with a low reading typed in and its proposal showing."""
    window.workflow.open_inspection(inspection_id, RULE_ITEM)
    page = window.workflow.answering
    assert page.current_code == RULE_ITEM
    edit: QLineEdit = page.value_edit
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    type_text(qtbot, edit, "0.72")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert page.rule_banner.isVisible()
    page.card_scroll.verticalScrollBar().setValue(0)


def scroll_to(widget: QWidget) -> None:
    QApplication.processEvents()
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    assert isinstance(parent, QScrollArea)
    parent.ensureWidgetVisible(widget, 0, 0)
    QApplication.processEvents()


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    yield
    install_translators(qapp, "zh_CN")  # as the other tests expect to find it


def test_every_page_in_chinese(qtbot: QtBot, window: MainWindow, demo_backend: Backend) -> None:
    flow = window.workflow
    assert window.size().width() == LANDSCAPE[0] and window.size().height() == LANDSCAPE[1]
    shots: list[Path] = []

    window.navigate("today")
    shots.append(shoot(qtbot, window, "01_today"))

    flow.show_register()
    shots.append(shoot(qtbot, window, "02_customers"))

    customer = uuid.UUID(str(demo_backend.call(search_customer_keys, CUSTOMER)[0]))
    flow.open_customer(customer)
    shots.append(shoot(qtbot, window, "03_customer"))
    flow.customer.tabs.setCurrentIndex(flow.customer.TAB_EQUIPMENT)
    shots.append(shoot(qtbot, window, "03b_customer_equipment"))

    flow.inspections.setCurrentWidget(flow.listing)
    flow.listing.load()
    window.navigate("inspections")
    shots.append(shoot(qtbot, window, "04_inspections"))

    inspection_id = in_progress(demo_backend)
    show_rule_proposal(qtbot, window, inspection_id)
    shots.append(shoot(qtbot, window, "05_answering"))

    flow.answering.review_requested.emit(inspection_id)  # what Review & finish asks for
    review = flow.review
    assert flow.inspections.currentWidget() is review
    shots.append(shoot(qtbot, window, "06_review"))
    block = next(iter(review.signatures.inspectors.values()))
    scroll_to(block.field.pad)
    draw(qtbot, block.field.pad, ZIGZAG)
    draw(qtbot, block.field.pad, [(0.2, 0.8), (0.35, 0.6), (0.5, 0.75), (0.65, 0.55)])
    qtbot.mouseClick(block.sign_button, Qt.MouseButton.LeftButton)
    assert block.slot is not None and block.slot.signed, block.message.text()
    second = list(review.signatures.inspectors.values())[1]
    scroll_to(second.field.pad)
    draw(qtbot, second.field.pad, ZIGZAG)  # drawn, not yet signed
    scroll_to(block)
    shots.append(shoot(qtbot, window, "07_review_signatures"))

    window.navigate("settings")
    shots.append(shoot(qtbot, window, "08_settings"))
    window.navigate("findings")
    flow.findings.table.selectRow(0)
    shots.append(shoot(qtbot, window, "09_findings"))
    window.navigate("notices")
    shots.append(shoot(qtbot, window, "10_notices_not_built"))
    window.navigate("dashboard")
    shots.append(shoot(qtbot, window, "11_dashboard"))

    # The answering page again, with the tablet turned to portrait.
    flow.open_inspection(inspection_id, RULE_ITEM)
    window.resize(*PORTRAIT)
    qtbot.waitUntil(lambda: window.width() == PORTRAIT[0] and window.height() == PORTRAIT[1])
    sections = flow.answering.section_view  # the current section stays in sight in the shorter list
    qtbot.waitUntil(lambda: sections.viewport().rect().contains(sections.visualRect(sections.currentIndex())))
    shots.append(shoot(qtbot, window, "13_answering_portrait"))
    assert len({p.name for p in shots}) == len(shots) == 13


def test_the_answering_page_in_english(qtbot: QtBot, demo_backend: Backend, english: None) -> None:
    window = create_main_window(demo_backend, "en")
    qtbot.addWidget(window)
    window.resize(*LANDSCAPE)
    window.show()
    qtbot.waitExposed(window)
    assert window.nav_buttons["customers"].text() == "Customers"
    show_rule_proposal(qtbot, window, in_progress(demo_backend))
    assert "Proposed finding" in window.workflow.answering.rule_title.text()
    shoot(qtbot, window, "14_answering_english")


def test_the_sync_page(
    qtbot: QtBot,
    demo_backend: Backend,
    gui_backend: Backend,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    english: None,
) -> None:
    """The Sync page: on the demo tablet once it exported (the form, the history; in Chinese and in
    English), and in the office the preview of importing that bundle (landscape and portrait)."""
    bundle = demo_backend.call(
        export_bundle, tmp_path / "demo.fieldsync", demo_backend.paths.photos, peer="办公室"
    ).path
    tablet = create_main_window(demo_backend, "zh_CN")
    qtbot.addWidget(tablet)
    tablet.resize(*LANDSCAPE)
    tablet.show()
    qtbot.waitExposed(tablet)
    tablet.navigate("sync")
    page = tablet.workflow.sync
    shoot(qtbot, tablet, "15_sync_export")
    page.tabs.setCurrentIndex(page.TAB_HISTORY)
    assert page.history.model.rowCount() == 1
    shoot(qtbot, tablet, "16_sync_history")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(bundle), "")))
    office = create_main_window(gui_backend, "zh_CN")
    qtbot.addWidget(office)
    office.resize(*LANDSCAPE)
    office.show()
    qtbot.waitExposed(office)
    office.navigate("sync")
    page = office.workflow.sync
    page.tabs.setCurrentIndex(page.TAB_IMPORT)
    with qtbot.waitSignal(page.runner.finished, timeout=120_000):
        qtbot.mouseClick(page.import_pane.choose_button, Qt.MouseButton.LeftButton)
    assert page.import_pane.preview is not None
    shoot(qtbot, office, "17_sync_import_preview")
    office.resize(*PORTRAIT)
    qtbot.waitUntil(lambda: office.width() == PORTRAIT[0] and office.height() == PORTRAIT[1])
    shoot(qtbot, office, "18_sync_import_portrait")

    tablet.switch_language("en")
    page = tablet.workflow.sync
    assert page.tabs.tabText(page.TAB_EXPORT) == "Export"
    shoot(qtbot, tablet, "19_sync_export_english")
    page.tabs.setCurrentIndex(page.TAB_HISTORY)
    shoot(qtbot, tablet, "20_sync_history_english")


def test_the_dashboard_in_english(qtbot: QtBot, demo_backend: Backend, english: None) -> None:
    window = create_main_window(demo_backend, "en")
    qtbot.addWidget(window)
    window.resize(*LANDSCAPE)
    window.show()
    qtbot.waitExposed(window)
    window.navigate("dashboard")
    assert window.page("dashboard").refresh_button.text() == "Refresh"  # type: ignore[attr-defined]
    shoot(qtbot, window, "23_dashboard_english")


def test_the_findings_page_in_english(qtbot: QtBot, demo_backend: Backend, english: None) -> None:
    """The findings page with a finding chosen, and the dialog of its next step, in English."""
    window = create_main_window(demo_backend, "en")
    qtbot.addWidget(window)
    window.resize(*LANDSCAPE)
    window.show()
    qtbot.waitExposed(window)
    window.navigate("findings")
    page = window.workflow.findings
    page.table.selectRow(0)
    assert page.count_label.text().endswith("finding(s)")
    shoot(qtbot, window, "21_findings_english")
    detail = page.detail.detail
    assert detail is not None and detail.allowed
    dialog = FindingStepDialog(
        detail.allowed[0], lambda _step: None, current_deadline=detail.current_deadline
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot)
    path = shots_folder() / "22_finding_step_dialog_english.png"
    assert dialog.grab().save(str(path))
    assert distinct_colours(QImage(str(path))) > MIN_COLOURS
