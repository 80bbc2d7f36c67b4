"""The screenshots of the user guide (resources/guide/), made from the real app: run on demand, never by the
test run.

    python tests/guide/make_screenshots.py [--lang zh_CN|en] [--out DIR]

A temporary data folder gets the demo data (fieldapp.services.demo), the real main window opens offscreen at
1280x800 in the chosen language, and the script goes where a person goes: Today, the customer register, a
customer, starting an inspection, answering (a defect with a note and a photo; a reading with the rule's
proposal), review with the signatures and a refusal witnessed, finalize and the notice, the notices list,
the findings with filters, the dashboard, the Sync page (an export, then the dry run of an edited workbook)
and Settings. Each page is grabbed with `window.grab()` and written as an optimised PNG into --out (default:
resources/guide/img/ for zh_CN, resources/guide/img/en/ for en).

Where a shot needs data a person would have made long before (every other checklist item answered), the
script calls the same services the pages call; everything the shot shows is done through the widgets."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# Before any Qt import: no display is needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO_ROOT / "tests"), str(REPO_ROOT / "tests" / "gui")]

import openpyxl  # noqa: E402
from gui_kit import ZIGZAG, draw, type_text  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402
from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtPdf import QPdfDocument  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QFileDialog,
    QListView,
    QMessageBox,
    QScrollArea,
    QWidget,
)
from review_kit import answer_all_but  # noqa: E402

from fieldapp.domain.enums import Verdict  # noqa: E402
from fieldapp.gui.app import application, create_main_window  # noqa: E402
from fieldapp.gui.main_window import MainWindow  # noqa: E402
from fieldapp.gui.start_dialog import StartInspectionDialog  # noqa: E402
from fieldapp.services.backend import Backend, open_backend  # noqa: E402
from fieldapp.services.customers import search_customer_keys, update_customer  # noqa: E402
from fieldapp.services.demo import load_demo  # noqa: E402

SIZE = (1280, 800)
CUSTOMER = "临河县自来水公司第一水厂"
DEFECT_ITEM = "D04"  # a verdict item: "defect" raises its finding
RULE_ITEM = "G02"  # the power factor: a low reading brings up the rule's proposed finding
EDITED_PHONE = "0531-7788990"  # what the office types into the workbook
TABLET_PHONE = "13905317788"  # what a tablet stored meanwhile: a conflict


class Bot:
    """The few pytest-qt QtBot calls tests/gui/gui_kit.py makes, done with QTest: the script types and
    draws exactly as the GUI tests do."""

    def keyClicks(self, widget: QWidget, text: str) -> None:  # noqa: N802 (QtBot's name)
        QTest.keyClicks(widget, text)

    def mousePress(self, widget: QWidget, button: Qt.MouseButton, pos: QPoint) -> None:  # noqa: N802
        QTest.mousePress(widget, button, Qt.KeyboardModifier.NoModifier, pos)

    def mouseMove(self, widget: QWidget, pos: QPoint) -> None:  # noqa: N802
        QTest.mouseMove(widget, pos)

    def mouseRelease(self, widget: QWidget, button: Qt.MouseButton, pos: QPoint) -> None:  # noqa: N802
        QTest.mouseRelease(widget, button, Qt.KeyboardModifier.NoModifier, pos)


BOT: Any = Bot()


def settle(ms: int = 80) -> None:
    QApplication.processEvents()
    QTest.qWait(ms)
    QApplication.processEvents()


def wait_until(condition: Callable[[], bool], timeout_ms: int = 30_000, what: str = "") -> None:
    waited = 0
    while not condition():
        if waited > timeout_ms:
            raise TimeoutError(f"waited {timeout_ms} ms for {what or condition}")
        QTest.qWait(50)
        waited += 50


def wait_for(signal: Any, cause: Callable[[], object], timeout_ms: int = 30_000) -> None:
    """Call `cause` and run the event loop until `signal` fires (connected first: nothing is missed)."""
    loop = QEventLoop()
    fired: list[bool] = []

    def done(*_args: object) -> None:
        fired.append(True)
        loop.quit()

    signal.connect(done)
    try:
        cause()
        if not fired:
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
    finally:
        signal.disconnect(done)
    if not fired:
        raise TimeoutError(f"no signal within {timeout_ms} ms")


def tap(widget: QWidget) -> None:
    """A tap where a person would: scrolled into view first, as a finger cannot reach it off screen."""
    QApplication.processEvents()
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(widget)
        QApplication.processEvents()
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def tap_row(view: QListView, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def enter(edit: QWidget, text: str) -> None:
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()  # type: ignore[attr-defined]
    type_text(BOT, edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Return)


def scroll_to(widget: QWidget, top: bool = False) -> None:
    QApplication.processEvents()
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is None:
        return
    inner = parent.widget()
    if top and inner is not None:
        parent.verticalScrollBar().setValue(widget.mapTo(inner, QPoint(0, 0)).y())
    else:
        parent.ensureWidgetVisible(widget, 0, 0)
    QApplication.processEvents()


class Shooter:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: list[Path] = []

    def grab(self, widget: QWidget, name: str) -> Path:
        settle()
        path = self.out / f"{name}.png"
        raw = path.with_suffix(".raw.png")
        if not widget.grab().save(str(raw)):
            raise RuntimeError(f"could not write {raw}")
        optimise(raw, path)
        raw.unlink()
        self.written.append(path)
        print(f"{path} {path.stat().st_size // 1024} KB", flush=True)
        return path


def optimise(source: Path, target: Path) -> None:
    """The smaller of the optimised PNG and its 256-colour version: flat interface colours and text stay
    sharp in a palette (no dithering), and the pictures shrink by half or more."""
    with Image.open(source) as image:
        rgb = image.convert("RGB")
    palette = rgb.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    target.unlink(missing_ok=True)
    candidates = []
    for n, picture in enumerate((rgb, palette)):
        path = target.with_suffix(f".{n}.png")
        picture.save(path, optimize=True)
        candidates.append(path)
    smallest = min(candidates, key=lambda path: path.stat().st_size)
    smallest.replace(target)
    for path in candidates:
        path.unlink(missing_ok=True)


def meter_cabinet_photo(path: Path) -> Path:
    """A photo-like JPEG: a meter cabinet with a broken seal, drawn (the demo has no camera)."""
    image = Image.new("RGB", (1600, 1200))
    pen = ImageDraw.Draw(image)
    for y in range(0, 1200, 8):
        level = 70 + y // 12
        pen.rectangle((0, y, 1600, y + 8), fill=(level, level + 8, level + 30))
    pen.rectangle((380, 150, 1220, 1080), fill=(176, 182, 186), outline=(90, 95, 100), width=8)
    pen.rectangle((520, 260, 1080, 520), fill=(28, 40, 32))
    pen.rectangle((560, 300, 1040, 380), fill=(80, 160, 90))
    pen.ellipse((760, 700, 880, 820), fill=(200, 40, 40))
    pen.line((820, 820, 900, 960), fill=(230, 230, 60), width=6)
    image.save(path, "JPEG", quality=88)
    return path


def edited_workbook(bundle: Path, folder: Path, customer_name: str) -> Path:
    """data.xlsx out of the bundle, as the office edits it in Excel: a customer's phone changed, a new
    note on the customer, and (refused) a changed answer of a finalized inspection."""
    with zipfile.ZipFile(bundle) as archive:
        archive.extract("data.xlsx", folder)
    path = folder / "data.xlsx"
    book = openpyxl.load_workbook(path)
    customers = next(s for s in book.worksheets if s.title.endswith(" customers"))
    header = [str(c.value or "") for c in customers[1]]
    name_col = next(i for i, h in enumerate(header) if h.endswith(" name")) + 1
    phone_col = next(i for i, h in enumerate(header) if h.endswith(" contact_phone")) + 1
    notes_col = next(i for i, h in enumerate(header) if h.endswith(" notes")) + 1
    for row in range(2, customers.max_row + 1):
        if customers.cell(row, name_col).value == customer_name:
            customers.cell(row, phone_col).value = EDITED_PHONE
        elif row == 2:
            customers.cell(row, notes_col).value = "2027年起改为双电源供电"  # a plain update
    answers = next(s for s in book.worksheets if s.title.endswith(" answers"))
    header = [str(c.value or "") for c in answers[1]]
    note_col = next(i for i, h in enumerate(header) if h.endswith(" note")) + 1
    answers.cell(2, note_col).value = "办公室补记"  # the first answer belongs to a finalized inspection
    target = folder / "客户资料-办公室修改.xlsx"
    book.save(target)
    return target


def pdf_page(pdf: Path, shots: Shooter, name: str) -> None:
    """The notice's first page as the customer gets it, drawn by poppler's pdftoppm (when installed)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        print("pdftoppm not found: no picture of the notice's page", file=sys.stderr)
        return
    stem = shots.out / f"{name}.raw"
    subprocess.run(
        [tool, "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True
    )
    raw = stem.with_suffix(".raw.png")
    path = shots.out / f"{name}.png"
    optimise(raw, path)
    raw.unlink()
    shots.written.append(path)
    print(f"{path} {path.stat().st_size // 1024} KB", flush=True)


def seed(folder: Path) -> Backend:
    backend = open_backend(str(folder))
    backend.call(load_demo, photos_root=backend.paths.photos)
    return backend


def make_shots(lang: str, out: Path, work: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots = Shooter(out)
    application()
    backend = seed(work / "data")
    window: MainWindow = create_main_window(backend, lang)
    window.resize(*SIZE)
    window.show()
    QTest.qWaitForWindowExposed(window)
    flow = window.workflow
    try:
        # -- the inspector's day -------------------------------------------------------------------
        window.navigate("today")
        shots.grab(window, "01_today")

        window.navigate("customers")
        flow.show_register()
        QTest.mouseClick(flow.register.search, Qt.MouseButton.LeftButton)
        type_text(BOT, flow.register.search, "临河")
        settle(600)  # the search waits for a pause in the typing
        shots.grab(window, "02_customers")

        customer = uuid.UUID(str(backend.call(search_customer_keys, CUSTOMER)[0]))
        flow.open_customer(customer)
        shots.grab(window, "03_customer")

        dialog = StartInspectionDialog(backend, customer, window, lang=lang)
        dialog.resize(*SIZE)
        dialog.show()
        QTest.qWaitForWindowExposed(dialog)
        tap_row(dialog.inspector_view, 0)
        tap_row(dialog.inspector_view, 1)
        shots.grab(dialog, "04_start_inspection")
        tap(dialog.go_button)
        inspection_id = dialog.inspection_id
        assert inspection_id is not None, dialog.message.text()
        dialog.deleteLater()

        # Answering: a defect with its note and a photo.
        flow.open_inspection(inspection_id, DEFECT_ITEM)
        page = flow.answering
        tap(page.verdict_buttons[Verdict.DEFECT])
        QTest.mouseClick(page.note_edit, Qt.MouseButton.LeftButton)
        type_text(BOT, page.note_edit, "事件记录有 3 次开表盖，客户说明不了原因")
        photo = meter_cabinet_photo(work / "IMG_0001.jpg")
        wait_for(page.photo_strip.busy_changed, lambda: page.photo_strip.add_files([photo]))
        wait_until(lambda: not page.photo_strip.is_busy(), what="the photo to be stored")
        page.card_scroll.verticalScrollBar().setValue(0)
        shots.grab(window, "05_answer_defect")
        page.card_scroll.ensureWidgetVisible(page.photo_strip, 0, 0)
        shots.grab(window, "06_answer_photo")

        # A reading against the rule: the proposed finding, then accepted.
        flow.open_inspection(inspection_id, RULE_ITEM)
        enter(page.value_edit, "0.72")
        page.card_scroll.verticalScrollBar().setValue(0)
        shots.grab(window, "07_answer_rule")
        tap(page.accept_button)

        # Every other item answered as on any visit, then Review & finish.
        answer_all_but(backend, inspection_id, {DEFECT_ITEM, RULE_ITEM})
        flow.open_inspection(inspection_id, RULE_ITEM)
        tap(page.review_button)
        review = flow.review
        review.scroll_area.verticalScrollBar().setValue(0)
        shots.grab(window, "08_review")

        # The rule's other proposals on this visit: the first accepted, the rest dismissed with a reason.
        for n, code in enumerate(list(review.proposal_cards)):
            card = review.proposal_cards.get(code)
            if card is None:
                continue
            if n == 0:
                tap(card.accept_button)
            else:
                tap(card.reason)
                type_text(BOT, card.reason, "现场复测合格")
                tap(card.dismiss_button)
            settle()

        for block in review.signatures.inspectors.values():
            scroll_to(block.field.pad)
            draw(BOT, block.field.pad, ZIGZAG)
            draw(BOT, block.field.pad, [(0.2, 0.8), (0.35, 0.6), (0.5, 0.75), (0.65, 0.55)])
            tap(block.sign_button)
        section = review.signatures
        tap(section.refuse_button)
        witness = section.witness
        tap(witness.name)
        type_text(BOT, witness.name, "钱村委")
        scroll_to(witness.field.pad)
        draw(BOT, witness.field.pad, ZIGZAG)
        tap(witness.sign_button)
        settle()
        scroll_to(section, top=True)
        shots.grab(window, "09_review_signatures")
        scroll_to(review.finalize_button)
        shots.grab(window, "10_review_finalize")

        # Finalize: the notice is issued and shown in the preview.
        QMessageBox.question = staticmethod(  # type: ignore[method-assign]
            lambda *_a, **_k: QMessageBox.StandardButton.Yes
        )
        wait_for(review.finalized, lambda: tap(review.finalize_button))
        notices = flow.notices
        wait_until(
            lambda: notices.preview.document.status() == QPdfDocument.Status.Ready, what="the notice preview"
        )
        settle(300)
        shots.grab(window, "11_notice_preview")
        if notices.preview.path is not None:
            pdf_page(notices.preview.path, shots, "12_notice_pdf")
        notices.show_list()
        shots.grab(window, "13_notices")

        # -- the office -----------------------------------------------------------------------------
        window.navigate("findings")
        findings = flow.findings
        settle(300)
        findings.deadline_combo.setCurrentIndex(1)  # overdue
        settle(300)
        findings.table.selectRow(0)
        shots.grab(window, "14_findings")

        window.navigate("dashboard")
        settle(300)
        shots.grab(window, "15_dashboard")

        window.navigate("sync")
        sync = flow.sync
        sync.tabs.setCurrentIndex(sync.TAB_EXPORT)
        export_pane = sync.export_pane
        exports = work / "U盘"
        exports.mkdir()
        export_pane.folder = exports
        export_pane.load()
        export_pane.full_button.click()
        wait_for(sync.runner.finished, lambda: tap(export_pane.export_button))
        shots.grab(window, "16_sync_export")

        bundle = next(exports.glob("*.fieldsync"))
        edited = edited_workbook(bundle, work / "office", CUSTOMER)
        backend.call(update_customer, customer, {"contact_phone": TABLET_PHONE})  # a tablet's change
        QFileDialog.getOpenFileName = staticmethod(  # type: ignore[method-assign]
            lambda *_a, **_k: (str(edited), "")
        )
        sync.tabs.setCurrentIndex(sync.TAB_IMPORT)
        wait_for(sync.runner.finished, lambda: tap(sync.import_pane.choose_button))
        shots.grab(window, "17_sync_import_preview")
        sync.import_pane.show_details(1)  # the conflicts: the value kept and the one replaced
        shots.grab(window, "18_sync_import_conflicts")

        window.navigate("settings")
        shots.grab(window, "19_settings")

        # -- added later: the customer's timeline, the plan, the sign-in screen --------------------------
        window.navigate("customers")
        flow.open_customer(customer)
        flow.customer.tabs.setCurrentIndex(flow.customer.TAB_TIMELINE)
        settle(300)
        shots.grab(window, "20_customer_timeline")

        window.navigate("plan")
        settle(300)
        shots.grab(window, "21_plan")

        from fieldapp.domain.enums import Role
        from fieldapp.gui.sign_in import SignInScreen
        from fieldapp.services.users import create_user, list_users

        backend.call(create_user, "张伟", Role.ADMIN, "2580")
        backend.call(create_user, "王建国", Role.INSPECTOR, "3691")
        backend.call(create_user, "陈敏", Role.OFFICE, "4725")
        screen = SignInScreen(backend)
        screen.load()
        screen.resize(*SIZE)
        screen.show()
        QTest.qWaitForWindowExposed(screen)
        settle(300)
        users = backend.call(list_users)
        screen.choose(next(u.id for u in users if u.name == "王建国"))
        screen.press("3")
        screen.press("6")
        shots.grab(screen, "22_sign_in")
        screen.close()
    finally:
        window.close()
        window.deleteLater()
        settle()
        backend.close()
    return shots.written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN")
    parser.add_argument("--out", type=Path, help="default: resources/guide/img (en: resources/guide/img/en)")
    args = parser.parse_args(argv)
    default = REPO_ROOT / "resources" / "guide" / "img"
    out = args.out or (default if args.lang == "zh_CN" else default / "en")
    with tempfile.TemporaryDirectory(prefix="fieldapp-guide-") as temp:
        written = make_shots(args.lang, out, Path(temp))
    print(f"{len(written)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
