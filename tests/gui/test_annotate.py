"""The annotation editor driven with the mouse (how Qt delivers a finger or a pen the canvas does not take
itself): each tool, colours, undo, text typed in Chinese, saving at the photo's full resolution as a new
photo, and closing without saving only after confirming."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from photo_kit import CJK, OFFSCREEN_NOISE, Site, chinese_interface, open_inspection, photos
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from fieldapp.gui.annotate import AnnotateDialog, AnnotationCanvas, Tool
from fieldapp.photos.files import sha256_of_file
from fieldapp.services.backend import Backend
from fieldapp.services.photos import PhotoView, add_photo, photo_file, photos_for

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def site(gui_backend: Backend, qapp: QApplication) -> Site:
    chinese_interface(qapp)
    return open_inspection(gui_backend)


@pytest.fixture
def photo(site: Site, tmp_path: Path) -> PhotoView:
    source = photos(tmp_path, 1, size=(3000, 2250))[0]
    return site.backend.call(add_photo, site.backend.paths.photos, source, inspection_id=site.inspection_id)


def open_editor(qtbot: QtBot, site: Site, photo: PhotoView) -> AnnotateDialog:
    dialog = AnnotateDialog(site.backend, photo, actor="YJ901")
    # Closed at the end of the test without a drawing, or it would ask whether to discard it.
    qtbot.addWidget(dialog, before_close_func=lambda _widget: dialog.canvas.shapes.clear())
    dialog.resize(1280, 800)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def at(canvas: AnnotationCanvas, fx: float, fy: float) -> QPoint:
    """A point on the shown photo, as fractions of its width and height."""
    area = canvas.image_rect()
    return QPoint(round(area.x() + area.width() * fx), round(area.y() + area.height() * fy))


def drag(qtbot: QtBot, canvas: AnnotationCanvas, start: QPoint, end: QPoint, steps: int = 8) -> None:
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, steps + 1):
        qtbot.mouseMove(canvas, start + (end - start) * (step / steps))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)


def pixel(image: Image.Image, point: QPointF) -> tuple[int, int, int]:
    value = image.getpixel((round(point.x()), round(point.y())))
    assert isinstance(value, tuple)
    return value[0], value[1], value[2]


def test_every_tool_draws_and_undo_takes_the_last_away(
    qtbot: QtBot, site: Site, photo: PhotoView, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_editor(qtbot, site, photo)
    canvas = dialog.canvas
    assert dialog.tool_buttons[Tool.ARROW].isChecked() and dialog.colour_buttons["red"].isChecked()
    assert canvas.colour == QColor("#e53935")  # red unless chosen otherwise
    assert not dialog.save_button.isEnabled() and not dialog.undo_button.isEnabled()

    drag(qtbot, canvas, at(canvas, 0.1, 0.1), at(canvas, 0.3, 0.3))
    for tool, start, end in (
        (Tool.ELLIPSE, (0.4, 0.1), (0.6, 0.3)),
        (Tool.RECTANGLE, (0.7, 0.1), (0.9, 0.3)),
        (Tool.FREEHAND, (0.1, 0.6), (0.4, 0.9)),
    ):
        qtbot.mouseClick(dialog.tool_buttons[tool], Qt.MouseButton.LeftButton)
        drag(qtbot, canvas, at(canvas, *start), at(canvas, *end))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("封印缺失", True)))
    qtbot.mouseClick(dialog.tool_buttons[Tool.TEXT], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, 0.6, 0.7))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, 0.6, 0.8))  # cancelled: nothing

    assert [s.tool for s in canvas.shapes] == [
        Tool.ARROW,
        Tool.ELLIPSE,
        Tool.RECTANGLE,
        Tool.FREEHAND,
        Tool.TEXT,
    ]
    assert canvas.shapes[-1].text == "封印缺失"
    assert len(canvas.shapes[3].points) > 2  # freehand keeps the path, not just its ends
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert [s.tool for s in canvas.shapes] == [Tool.ARROW, Tool.ELLIPSE, Tool.RECTANGLE]


def test_a_tap_with_a_shape_tool_draws_nothing(qtbot: QtBot, site: Site, photo: PhotoView) -> None:
    dialog = open_editor(qtbot, site, photo)
    qtbot.mouseClick(dialog.canvas, Qt.MouseButton.LeftButton, pos=at(dialog.canvas, 0.5, 0.5))
    assert dialog.canvas.shapes == [] and not dialog.save_button.isEnabled()


def test_shapes_are_drawn_at_the_photos_full_resolution(qtbot: QtBot, site: Site, photo: PhotoView) -> None:
    dialog = open_editor(qtbot, site, photo)
    canvas = dialog.canvas
    assert canvas.image_rect().width() < photo.width  # the screen shows it smaller than it is
    qtbot.mouseClick(dialog.colour_buttons["yellow"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.tool_buttons[Tool.RECTANGLE], Qt.MouseButton.LeftButton)
    start, end = at(canvas, 0.25, 0.25), at(canvas, 0.75, 0.75)
    drag(qtbot, canvas, start, end)
    rendered = canvas.render_full()
    assert (rendered.width(), rendered.height()) == (photo.width, photo.height) == (2048, 1536)
    corner = canvas.to_image(QPointF(start))
    colour = rendered.pixelColor(round(corner.x()), round(corner.y()))
    assert colour.red() > 200 and colour.green() > 180 and colour.blue() < 100  # yellow, on the photo


def test_saving_stores_a_new_linked_photo_and_keeps_the_original(
    qtbot: QtBot, site: Site, photo: PhotoView
) -> None:
    original_file = photo_file(site.backend.paths.photos, photo.sha256)
    before = original_file.read_bytes()
    dialog = open_editor(qtbot, site, photo)
    canvas = dialog.canvas
    qtbot.mouseClick(dialog.tool_buttons[Tool.FREEHAND], Qt.MouseButton.LeftButton)
    start, end = at(canvas, 0.2, 0.5), at(canvas, 0.8, 0.5)
    drag(qtbot, canvas, start, end, steps=20)
    middle = canvas.to_image(QPointF((start + end) / 2))
    with qtbot.waitSignal(dialog.saved, timeout=60_000) as caught:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    view = caught.args[0]
    assert isinstance(view, PhotoView) and view.annotated_from_id == photo.id
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [p.id for p in site.backend.call(photos_for, site.inspection_id)] == [photo.id, view.id]
    assert original_file.read_bytes() == before and sha256_of_file(original_file) == photo.sha256
    with Image.open(photo_file(site.backend.paths.photos, view.sha256)) as saved:
        assert saved.size == (photo.width, photo.height)
        red, green, blue = pixel(saved.convert("RGB"), middle)
    assert red > 180 and green < 90 and blue < 90
    with Image.open(original_file) as untouched:
        _red, green, _blue = pixel(untouched.convert("RGB"), middle)
    assert green > 120  # the grey cabinet, no red line: the original has no drawing on it


def test_closing_with_a_drawing_asks_first(
    qtbot: QtBot, site: Site, photo: PhotoView, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_editor(qtbot, site, photo)
    drag(qtbot, dialog.canvas, at(dialog.canvas, 0.2, 0.2), at(dialog.canvas, 0.5, 0.5))
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked: list[str] = []

    def confirm(_parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(title + text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(confirm))
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and len(dialog.canvas.shapes) == 1
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert len(asked) == 2 and CJK.search(asked[0])
    assert len(site.backend.call(photos_for, site.inspection_id)) == 1  # nothing stored


def test_the_editor_is_in_chinese_with_large_targets(qtbot: QtBot, site: Site, photo: PhotoView) -> None:
    dialog = open_editor(qtbot, site, photo)
    assert dialog.windowTitle() == "标注照片"
    for width in (1280, 800):
        dialog.resize(width, 800)
        qtbot.waitUntil(lambda w=width: dialog.width() == w)
        QApplication.processEvents()
        for button in dialog.findChildren(QPushButton):
            assert button.height() >= 48 and button.width() >= 48
            assert button.mapTo(dialog, QPoint(button.width(), 0)).x() <= dialog.width()
            if button.text():
                assert CJK.search(button.text()), f"{button.text()!r} is not translated"
                needed = button.fontMetrics().horizontalAdvance(button.text())
                assert needed <= button.contentsRect().width(), f"{button.text()!r} cut off at {width}"
            else:
                assert CJK.search(button.toolTip())  # a colour swatch says its colour's name
