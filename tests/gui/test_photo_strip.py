"""The photo strip as an inspector uses it: import several photos (stored off the GUI thread, shown as they
arrive), caption one in Chinese, move one, delete one after confirming, annotate one, take one with the
camera; bad files named and skipped while the good ones are stored; a batch that can be cancelled; a
window that keeps responding while ten large photos go through the pipeline."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
from photo_kit import (
    CJK,
    MULTIMEDIA_NOISE,
    OFFSCREEN_NOISE,
    Site,
    bomb_png,
    chinese_interface,
    empty_file,
    not_an_image,
    open_inspection,
    photos,
    truncated_jpeg,
    type_text,
)
from PIL import Image
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

import fieldapp.services.photos as photo_service
from fieldapp.gui.annotate import Tool
from fieldapp.gui.photo_strip import THUMB_PX, PhotoStrip
from fieldapp.photos.files import sha256_of_file
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import void_inspection
from fieldapp.services.photos import PhotoView, photo_file, photos_for

pytestmark = pytest.mark.qt_log_ignore(MULTIMEDIA_NOISE, OFFSCREEN_NOISE)

BATCH_TIMEOUT_MS = 120_000  # a generous bound for slow CI machines; the tests wait on signals, not time


@pytest.fixture
def site(gui_backend: Backend, qapp: QApplication) -> Site:
    chinese_interface(qapp)
    return open_inspection(gui_backend)


def make_strip(qtbot: QtBot, site: Site, *, item: bool = True, editable: bool = True) -> PhotoStrip:
    strip = PhotoStrip(site.backend, actor="YJ901")
    qtbot.addWidget(strip)
    strip.resize(1280, 420)
    strip.show_for(site.inspection_id, site.item_code if item else None, editable=editable)
    strip.show()
    qtbot.waitExposed(strip)
    return strip


def pick_files(monkeypatch: pytest.MonkeyPatch, files: list[Path]) -> list[dict[str, Any]]:
    """The file dialog answers with `files`; returns a record of how it was asked."""
    asked: list[dict[str, Any]] = []

    def answer(*args: Any, **kwargs: Any) -> tuple[list[str], str]:
        asked.append({"args": args, "kwargs": kwargs})
        return [str(f) for f in files], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(answer))
    return asked


def import_files(qtbot: QtBot, strip: PhotoStrip, monkeypatch: pytest.MonkeyPatch, files: list[Path]) -> None:
    pick_files(monkeypatch, files)
    with qtbot.waitSignal(
        strip.busy_changed, timeout=BATCH_TIMEOUT_MS, check_params_cb=lambda busy: not busy
    ):
        qtbot.mouseClick(strip.import_button, Qt.MouseButton.LeftButton)


def stored(site: Site, *, item: bool = True) -> list[PhotoView]:
    return site.backend.call(photos_for, site.inspection_id, site.item_code if item else None)


def tap_thumbnail(qtbot: QtBot, strip: PhotoStrip, row: int) -> None:
    rect = strip.view.visualRect(strip.model.index(row))
    qtbot.mouseClick(strip.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: strip.selected_row() == row)


def test_imported_photos_are_stored_and_shown(
    qtbot: QtBot, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strip = make_strip(qtbot, site)
    assert strip.empty_label.isVisible() and CJK.search(strip.empty_label.text())
    files = photos(tmp_path / "camera", 3)
    changes: list[None] = []
    strip.photos_changed.connect(lambda: changes.append(None))
    asked = pick_files(monkeypatch, files)
    with qtbot.waitSignal(
        strip.busy_changed, timeout=BATCH_TIMEOUT_MS, check_params_cb=lambda busy: not busy
    ):
        qtbot.mouseClick(strip.import_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "*.jpg" in str(asked[0]["args"])

    rows = stored(site)
    assert len(rows) == 3 and [r.position for r in rows] == [0, 1, 2]
    assert all(r.item_code == site.item_code for r in rows)
    assert [p.id for p in strip.photos()] == [r.id for r in rows]
    assert strip.view.isVisible() and not strip.empty_label.isVisible()
    for row in range(3):
        icon = strip.model.data(strip.model.index(row), Qt.ItemDataRole.DecorationRole)
        shown = icon.actualSize(strip.view.iconSize())
        assert max(shown.width(), shown.height()) == THUMB_PX >= 96
    assert strip.model.data(strip.model.index(0)) == "照片 1"
    assert strip.message.text() == "已添加 3 张照片。"
    assert not strip.progress_row.isVisible()
    assert len(changes) == 3  # one per photo, as each arrives
    assert stored(site, item=False) == []  # the item's strip, not the general photos


def test_caption_move_and_delete_like_a_person(
    qtbot: QtBot, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strip = make_strip(qtbot, site)
    import_files(qtbot, strip, monkeypatch, photos(tmp_path, 3))
    first, second, third = (p.id for p in stored(site))

    tap_thumbnail(qtbot, strip, 1)
    assert strip.caption_edit.isEnabled() and strip.caption_edit.text() == ""
    qtbot.mouseClick(strip.caption_edit, Qt.MouseButton.LeftButton)
    type_text(qtbot, strip.caption_edit, "计量柜封印 No.3")
    qtbot.keyClick(strip.caption_edit, Qt.Key.Key_Return)
    assert [p.caption for p in stored(site)] == ["", "计量柜封印 No.3", ""]
    assert strip.model.data(strip.model.index(1)) == "计量柜封印 No.3"

    qtbot.mouseClick(strip.left_button, Qt.MouseButton.LeftButton)
    assert [p.id for p in stored(site)] == [second, first, third]
    assert strip.selected_id() == second and not strip.left_button.isEnabled()
    qtbot.mouseClick(strip.right_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(strip.right_button, Qt.MouseButton.LeftButton)
    assert [p.id for p in stored(site)] == [first, third, second]
    assert not strip.right_button.isEnabled()

    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    questions: list[str] = []

    def confirm(_parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        questions.append(title + text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(confirm))
    tap_thumbnail(qtbot, strip, 0)
    qtbot.mouseClick(strip.delete_button, Qt.MouseButton.LeftButton)  # "No": nothing happens
    assert len(stored(site)) == 3
    qtbot.mouseClick(strip.delete_button, Qt.MouseButton.LeftButton)
    assert [p.id for p in stored(site)] == [third, second]
    assert len(questions) == 2 and CJK.search(questions[0])
    assert strip.selected_id() == third  # the next photo is selected, ready for the next tap


def test_a_caption_being_typed_is_kept_when_another_photo_is_tapped(
    qtbot: QtBot, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strip = make_strip(qtbot, site)
    import_files(qtbot, strip, monkeypatch, photos(tmp_path, 2))
    tap_thumbnail(qtbot, strip, 0)
    qtbot.mouseClick(strip.caption_edit, Qt.MouseButton.LeftButton)
    type_text(qtbot, strip.caption_edit, "变压器铭牌")
    tap_thumbnail(qtbot, strip, 1)  # no Enter: leaving the field keeps what was typed
    assert [p.caption for p in stored(site)] == ["变压器铭牌", ""]
    assert strip.caption_edit.text() == ""


def test_bad_files_are_named_and_the_good_ones_stored(
    qtbot: QtBot, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strip = make_strip(qtbot, site)
    good = photos(tmp_path / "good", 2)
    bad = [empty_file(tmp_path), truncated_jpeg(tmp_path), not_an_image(tmp_path), bomb_png(tmp_path)]
    before = sorted(p for p in site.backend.paths.photos.rglob("*") if p.is_file())
    import_files(qtbot, strip, monkeypatch, [good[0], *bad, good[1]])

    assert len(stored(site)) == 2
    message = strip.message.text()
    assert strip.message.isVisible()
    assert "已添加 2 张照片" in message and "4 个文件未能添加" in message
    for path in bad:
        assert path.name in message, f"{path.name} is not named in the message"
    assert "空文件" in message and "已损坏" in message and "像素过多" in message
    after = sorted(p for p in site.backend.paths.photos.rglob("*") if p.is_file())
    # Two photos with their thumbnails and print copies, nothing for the bad ones.
    assert len(after) - len(before) == 6


def test_the_window_keeps_responding_while_ten_large_photos_are_stored(
    qtbot: QtBot, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A timer on the GUI thread keeps ticking while the worker is inside the pipeline. The proof does not
    depend on timing: the worker waits, inside an ingest, until a tick of the GUI thread has seen it
    there; were the GUI thread blocked by the ingest, that tick could never come."""
    files = photos(tmp_path, 10, size=(4000, 3000))
    strip = make_strip(qtbot, site)
    real_add_photo = photo_service.add_photo
    inside = threading.Event()
    seen_by_gui = threading.Event()
    ticks = [0]
    progress_seen: list[bool] = []

    def watched_add_photo(*args: Any, **kwargs: Any) -> PhotoView:
        inside.set()
        seen_by_gui.wait(timeout=60)
        try:
            return real_add_photo(*args, **kwargs)
        finally:
            inside.clear()

    def tick() -> None:
        ticks[0] += 1
        if inside.is_set() and not seen_by_gui.is_set():
            progress_seen.append(strip.progress_row.isVisible() and strip.cancel_button.isEnabled())
            seen_by_gui.set()

    monkeypatch.setattr(photo_service, "add_photo", watched_add_photo)
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    try:
        import_files(qtbot, strip, monkeypatch, files)
    finally:
        timer.stop()
    assert seen_by_gui.is_set(), "the GUI thread did not run while a photo was being stored"
    assert progress_seen == [True]  # the progress and its cancel button were on screen
    assert ticks[0] > 0
    rows = stored(site)
    assert len(rows) == 10 and all(max(r.width, r.height) == 2048 for r in rows)
    assert strip.model.rowCount() == 10


def test_a_batch_can_be_cancelled(
    qtbot: QtBot, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = photos(tmp_path, 6)
    strip = make_strip(qtbot, site)
    real_add_photo = photo_service.add_photo
    second_started = threading.Event()
    release = threading.Event()
    calls = [0]

    def held_add_photo(*args: Any, **kwargs: Any) -> PhotoView:
        calls[0] += 1
        if calls[0] == 2:  # hold the second photo until the person has pressed Cancel
            second_started.set()
            release.wait(timeout=60)
        return real_add_photo(*args, **kwargs)

    monkeypatch.setattr(photo_service, "add_photo", held_add_photo)
    pick_files(monkeypatch, files)
    with qtbot.waitSignal(
        strip.busy_changed, timeout=BATCH_TIMEOUT_MS, check_params_cb=lambda busy: not busy
    ):
        qtbot.mouseClick(strip.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(second_started.is_set, timeout=BATCH_TIMEOUT_MS)
        assert strip.progress_row.isVisible() and CJK.search(strip.progress_label.text())
        qtbot.mouseClick(strip.cancel_button, Qt.MouseButton.LeftButton)
        release.set()
    assert len(stored(site)) == 2  # the photo being stored when Cancel came was finished, no more
    assert strip.message.text() == "已停止：已添加 2 张，共 6 张。"
    assert not strip.progress_row.isVisible()


def test_annotate_from_the_strip_adds_a_linked_photo_and_keeps_the_original(
    qtbot: QtBot, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strip = make_strip(qtbot, site)
    import_files(qtbot, strip, monkeypatch, photos(tmp_path, 1, size=(3000, 2000)))
    original = stored(site)[0]
    original_file = photo_file(site.backend.paths.photos, original.sha256)
    original_bytes = original_file.read_bytes()

    tap_thumbnail(qtbot, strip, 0)
    qtbot.mouseClick(strip.annotate_button, Qt.MouseButton.LeftButton)
    dialog = strip.annotate_dialog
    assert dialog is not None and dialog.isVisible() and CJK.search(dialog.windowTitle())
    dialog.resize(1280, 800)
    qtbot.waitExposed(dialog)
    canvas = dialog.canvas
    area = canvas.image_rect().toRect()
    start = area.topLeft() + QPoint(area.width() // 5, area.height() // 5)
    end = area.topLeft() + QPoint(area.width() // 2, area.height() // 2)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 11):
        qtbot.mouseMove(canvas, start + (end - start) * (step / 10))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    assert [s.tool for s in canvas.shapes] == [Tool.ARROW]
    middle = canvas.to_image((start + end) / 2)

    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(strip.photos_changed, timeout=BATCH_TIMEOUT_MS):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: strip.annotate_dialog is None)  # closed (and deleted) once saved

    first, drawn = stored(site)
    assert first.id == original.id and drawn.annotated_from_id == original.id
    assert (drawn.width, drawn.height) == (original.width, original.height) == (2048, 1365)
    assert original_file.read_bytes() == original_bytes
    assert sha256_of_file(original_file) == original.sha256
    with Image.open(photo_file(site.backend.paths.photos, drawn.sha256)) as image:
        red, green, blue = image.convert("RGB").getpixel((round(middle.x()), round(middle.y())))  # type: ignore[misc]
    assert red > 180 and green < 90 and blue < 90, "the arrow is on the stored copy, where it was drawn"
    assert strip.selected_id() == drawn.id
    assert strip.model.data(strip.model.index(1)) == "照片 2（已标注）"


def test_the_camera_without_a_camera_offers_import_and_a_capture_is_stored(
    qtbot: QtBot, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strip = make_strip(qtbot, site, item=False)
    qtbot.mouseClick(strip.camera_button, Qt.MouseButton.LeftButton)
    dialog = strip.camera_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.has_camera  # the test machine has none
    assert "未找到摄像头" in dialog.problem_label.text() and "从文件导入" in dialog.problem_label.text()

    # A capture arrives as a temp file; it goes through the same pipeline and is removed afterwards.
    capture = photos(tmp_path / "captures", 1, size=(1200, 900), prefix="capture")[0]
    with qtbot.waitSignal(
        strip.busy_changed, timeout=BATCH_TIMEOUT_MS, check_params_cb=lambda busy: not busy
    ):
        dialog.handle_captured_file(capture)
    assert len(stored(site, item=False)) == 1 and not capture.exists()
    assert "已拍 1 张" in dialog.count_label.text()

    # "Import from files" on the camera dialog: the dialog closes and the files are stored.
    pick_files(monkeypatch, photos(tmp_path / "files", 2))
    with qtbot.waitSignal(
        strip.busy_changed, timeout=BATCH_TIMEOUT_MS, check_params_cb=lambda busy: not busy
    ):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: strip.camera_dialog is None)  # closed (and deleted)
    assert len(stored(site, item=False)) == 3


def test_a_finalized_strip_only_shows(
    qtbot: QtBot, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strip = make_strip(qtbot, site)
    import_files(qtbot, strip, monkeypatch, photos(tmp_path, 2))
    strip.show_for(site.inspection_id, site.item_code, editable=False)
    assert strip.model.rowCount() == 2
    for button in (strip.camera_button, strip.import_button, strip.delete_button, strip.annotate_button):
        assert not button.isVisible()
    tap_thumbnail(qtbot, strip, 0)
    assert strip.caption_edit.isReadOnly()


def test_a_refusal_is_shown_not_raised(
    qtbot: QtBot, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The inspection is voided elsewhere while the strip is open: the next change is refused, and the
    strip says why."""
    strip = make_strip(qtbot, site)
    import_files(qtbot, strip, monkeypatch, photos(tmp_path, 2))
    site.backend.call(void_inspection, site.inspection_id, "客户名称录入错误")
    tap_thumbnail(qtbot, strip, 1)
    qtbot.mouseClick(strip.left_button, Qt.MouseButton.LeftButton)
    assert strip.message.isVisible() and "已作废" in strip.message.text()
    assert [p.position for p in stored(site)] == [0, 1]


def test_buttons_fit_and_are_large_enough_in_both_languages(
    qtbot: QtBot, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    from fieldapp.gui.app import install_translators

    for lang in ("en", "zh_CN"):
        install_translators(qapp, lang)
        strip = make_strip(qtbot, site)
        if not strip.photos():
            import_files(qtbot, strip, monkeypatch, photos(tmp_path, 2))
        tap_thumbnail(qtbot, strip, 0)
        for width in (1280, 800, 560):
            strip.resize(width, 520)
            qtbot.waitUntil(lambda w=width, s=strip: s.width() == w)
            QApplication.processEvents()
            for button in strip.findChildren(QPushButton):
                if not button.isVisible():
                    continue
                needed = button.fontMetrics().horizontalAdvance(button.text())
                assert needed <= button.contentsRect().width(), f"{lang} {width}: {button.text()!r} cut off"
                assert button.height() >= 48, f"{lang}: {button.text()!r} is too small to tap"
                right = button.mapTo(strip, QPoint(button.width(), 0)).x()
                assert right <= strip.width(), f"{lang} {width}: {button.text()!r} runs off the strip"
                assert button.font().pointSize() >= 14
                if lang == "zh_CN":
                    assert CJK.search(button.text()), f"{button.text()!r} is not translated"
            assert strip.caption_edit.height() >= 48
        strip.close()
    chinese_interface(qapp)


def test_the_strip_model_passes_qt_model_tester(
    qtmodeltester: Any, qtbot: QtBot, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strip = make_strip(qtbot, site)
    import_files(qtbot, strip, monkeypatch, photos(tmp_path, 3))
    qtmodeltester.check(strip.model, force_py=True)
    assert strip.model.row_of(uuid.uuid4()) == -1


def test_closing_the_strip_stops_a_batch_after_the_current_photo(
    qtbot: QtBot, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = photos(tmp_path, 5)
    strip = make_strip(qtbot, site)
    real_add_photo = photo_service.add_photo
    first_started = threading.Event()
    release = threading.Event()

    def held_add_photo(*args: Any, **kwargs: Any) -> PhotoView:
        first_started.set()
        release.wait(timeout=60)
        return real_add_photo(*args, **kwargs)

    monkeypatch.setattr(photo_service, "add_photo", held_add_photo)
    pick_files(monkeypatch, files)
    with qtbot.waitSignal(
        strip.busy_changed, timeout=BATCH_TIMEOUT_MS, check_params_cb=lambda busy: not busy
    ):
        qtbot.mouseClick(strip.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(first_started.is_set, timeout=BATCH_TIMEOUT_MS)
        strip.close()
        release.set()
    assert len(stored(site)) == 1  # the photo under way was stored whole; the rest were not started


def test_camera_captures_are_stored_even_when_the_app_quits_meanwhile(
    qtbot: QtBot, site: Site, tmp_path: Path
) -> None:
    """A capture is the only copy of the photo: quitting (or leaving the strip) must not drop the ones
    still waiting, as it does for files imported from a folder that still has them."""
    captures = photos(tmp_path, 4)
    strip = make_strip(qtbot, site)
    strip.add_files(captures, remove_after=True)
    strip._finish_before_quit()  # what the application's aboutToQuit runs
    assert len(stored(site)) == 4
    assert not any(path.exists() for path in captures)  # stored, so the temporary captures are gone
