"""Drawing on a photo: arrows, circles, rectangles, freehand lines and text, with a finger, a pen or the
mouse (Qt turns touch and pen input the canvas does not handle into mouse events), in a chosen colour,
with undo. Saving stores the drawing as a NEW photo linked to the untouched one
(services.photos.add_annotated_photo); the original photo is never changed.

The shapes are kept in the photo's own pixel coordinates and drawn through a transform: on screen scaled
to fit, and when saving on a copy of the photo at its full stored resolution, so the saved drawing is as
sharp as the photo and sits exactly where it was drawn."""

from __future__ import annotations

import contextlib
import enum
import math
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QImageReader,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.flow_layout import FlowLayout
from fieldapp.gui.photo_worker import BackgroundTask

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend
    from fieldapp.services.photos import PhotoView

TOUCH_PX = 48
SAVE_QUALITY = 95  # the pipeline encodes again at its own quality; keep this generation nearly lossless


class Tool(enum.Enum):
    ARROW = "arrow"
    ELLIPSE = "ellipse"
    RECTANGLE = "rectangle"
    FREEHAND = "freehand"
    TEXT = "text"


# Colours that stand out on equipment photos: red first (the default), then yellow for dark cabinets.
COLOURS: tuple[tuple[str, str], ...] = (
    ("red", "#e53935"),
    ("yellow", "#fdd835"),
    ("green", "#43a047"),
    ("blue", "#1e88e5"),
    ("white", "#ffffff"),
    ("black", "#000000"),
)


@dataclass
class Shape:
    tool: Tool
    colour: QColor
    width: float  # pen width in image pixels
    points: list[QPointF] = field(default_factory=list)
    text: str = ""
    font_px: int = 0


def _arrow_head(start: QPointF, end: QPointF, width: float) -> QPolygonF:
    length = max(width * 4.5, 12.0)
    angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    spread = math.radians(26)
    left = QPointF(end.x() - length * math.cos(angle - spread), end.y() - length * math.sin(angle - spread))
    right = QPointF(end.x() - length * math.cos(angle + spread), end.y() - length * math.sin(angle + spread))
    return QPolygonF([end, left, right])


def draw_shape(painter: QPainter, shape: Shape) -> None:
    """Draw one shape in image coordinates (the painter's transform maps them to the device)."""
    pen = QPen(shape.colour, shape.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    points = shape.points
    if shape.tool is Tool.TEXT:
        font = QFont(painter.font())
        font.setPixelSize(shape.font_px)
        font.setBold(True)
        path = QPainterPath()
        path.addText(points[0], font, shape.text)
        # A dark outline keeps light text readable on a light background, and the other way round.
        outline = QColor("#000000") if shape.colour.lightness() > 100 else QColor("#ffffff")
        painter.strokePath(path, QPen(outline, max(2.0, shape.font_px / 12)))
        painter.fillPath(path, QBrush(shape.colour))
    elif shape.tool is Tool.FREEHAND:
        if len(points) == 1:
            painter.drawPoint(points[0])
        else:
            painter.drawPolyline(QPolygonF(points))
    else:
        start, end = points[0], points[-1]
        if shape.tool is Tool.RECTANGLE:
            painter.drawRect(QRectF(start, end).normalized())
        elif shape.tool is Tool.ELLIPSE:
            painter.drawEllipse(QRectF(start, end).normalized())
        elif shape.tool is Tool.ARROW:
            painter.drawLine(start, end)
            painter.setBrush(QBrush(shape.colour))
            painter.setPen(QPen(shape.colour, shape.width / 2, Qt.PenStyle.SolidLine))
            painter.drawPolygon(_arrow_head(start, end, shape.width))


class AnnotationCanvas(QWidget):
    """The photo scaled to fit, and the shapes on it. Press, drag and release draws the chosen shape; a tap
    with the text tool asks for the text and places it there."""

    changed = Signal()

    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationCanvas")
        self.image = image
        self.shapes: list[Shape] = []
        self.tool = Tool.ARROW
        self.colour = QColor(COLOURS[0][1])
        self._drawing: Shape | None = None
        self._scaled: QPixmap | None = None
        long_side = max(image.width(), image.height(), 1)
        # Line and text sizes follow the photo, not the screen: the same drawing on a 2048 px photo and on a
        # 1024 px one looks the same in both.
        self.pen_width = max(3.0, long_side / 250)
        self.font_px = max(14, round(long_side / 28))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # -- geometry --------------------------------------------------------------------------------------

    def image_rect(self) -> QRectF:
        """Where the photo is shown: as large as fits, centred, its aspect kept."""
        w, h = self.image.width(), self.image.height()
        if w <= 0 or h <= 0:
            return QRectF()
        scale = min(self.width() / w, self.height() / h)
        shown = QSize(max(1, round(w * scale)), max(1, round(h * scale)))
        return QRectF(
            (self.width() - shown.width()) / 2,
            (self.height() - shown.height()) / 2,
            shown.width(),
            shown.height(),
        )

    def image_to_widget(self) -> QTransform:
        rect = self.image_rect()
        scale = rect.width() / self.image.width() if self.image.width() else 1.0
        return QTransform(scale, 0, 0, scale, rect.x(), rect.y())

    def to_image(self, point: QPointF) -> QPointF:
        inverted, ok = self.image_to_widget().inverted()
        mapped = inverted.map(point) if ok else point
        # Clamped: a stroke that runs off the photo's edge ends at the edge.
        return QPointF(
            min(max(mapped.x(), 0.0), float(self.image.width())),
            min(max(mapped.y(), 0.0), float(self.image.height())),
        )

    # -- drawing ---------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._scaled = None
        super().resizeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#20262e"))
        rect = self.image_rect()
        if self._scaled is None or self._scaled.size() != rect.size().toSize():
            self._scaled = QPixmap.fromImage(
                self.image.scaled(
                    rect.size().toSize(),
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        painter.drawPixmap(rect.topLeft(), self._scaled)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(self.image_to_widget())
        painter.setClipRect(QRectF(0, 0, self.image.width(), self.image.height()))
        for shape in self.shapes:
            draw_shape(painter, shape)
        if self._drawing is not None:
            draw_shape(painter, self._drawing)
        painter.end()

    def render_full(self) -> QImage:
        """A copy of the photo at its full stored resolution with every shape drawn on it."""
        result = self.image.convertToFormat(QImage.Format.Format_RGB32)
        painter = QPainter(result)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self.font())
        for shape in self.shapes:
            draw_shape(painter, shape)
        painter.end()
        return result

    def undo(self) -> None:
        if self.shapes:
            self.shapes.pop()
            self.update()
            self.changed.emit()

    def ask_text(self) -> str:
        text, ok = QInputDialog.getText(self, self.tr("Text"), self.tr("Text to place on the photo:"))
        return text.strip() if ok else ""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = self.to_image(event.position())
        if self.tool is Tool.TEXT:
            text = self.ask_text()
            if text:
                self._add(Shape(Tool.TEXT, QColor(self.colour), self.pen_width, [point], text, self.font_px))
            return
        self._drawing = Shape(self.tool, QColor(self.colour), self.pen_width, [point, point])
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drawing is None:
            return
        point = self.to_image(event.position())
        if self._drawing.tool is Tool.FREEHAND:
            self._drawing.points.append(point)
        else:
            self._drawing.points[-1] = point
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drawing is None or event.button() != Qt.MouseButton.LeftButton:
            return
        shape, self._drawing = self._drawing, None
        if shape.tool is not Tool.FREEHAND:
            shape.points[-1] = self.to_image(event.position())
        start, end = shape.points[0], shape.points[-1]
        tiny = max(abs(end.x() - start.x()), abs(end.y() - start.y())) < shape.width
        if shape.tool is not Tool.FREEHAND and tiny:
            self.update()  # a tap, not a drag: nothing to draw
            return
        self._add(shape)

    def _add(self, shape: Shape) -> None:
        self.shapes.append(shape)
        self.update()
        self.changed.emit()


def load_photo(path: Path) -> QImage:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    return reader.read()


class AnnotateDialog(QDialog):
    """The editor for one photo. `saved` carries the new photo's PhotoView once it is stored."""

    saved = Signal(object)

    def __init__(
        self, backend: Backend, photo: PhotoView, parent: QWidget | None = None, *, actor: str = ""
    ) -> None:
        super().__init__(parent)
        # Imported here: the GUI modules must not load SQLAlchemy when imported (start-up time).
        from fieldapp.services.photos import photo_file

        self.setObjectName("annotateDialog")
        self.setWindowTitle(self.tr("Annotate photo"))
        self.backend = backend
        self.photo = photo
        self.actor = actor
        self._task: BackgroundTask | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.source_path = photo_file(backend.paths.photos, photo.sha256)
        image = load_photo(self.source_path)
        self.canvas = AnnotationCanvas(image)

        self.tool_group = QButtonGroup(self)
        self.tool_buttons: dict[Tool, QPushButton] = {}
        tool_names = {
            Tool.ARROW: self.tr("Arrow"),
            Tool.ELLIPSE: self.tr("Circle"),
            Tool.RECTANGLE: self.tr("Rectangle"),
            Tool.FREEHAND: self.tr("Freehand"),
            Tool.TEXT: self.tr("Text"),
        }
        tools = QWidget()
        tools_layout = FlowLayout(tools)
        for tool, name in tool_names.items():
            button = QPushButton(name)
            button.setObjectName(f"tool_{tool.value}")
            button.setCheckable(True)
            # The chosen tool must be plain to see at arm's length, not a faint pressed look.
            button.setStyleSheet(
                "QPushButton { padding: 0 14px; }"
                "QPushButton:checked { background: #1f3a5f; color: #ffffff; border-radius: 6px; }"
            )
            button.clicked.connect(lambda _checked=False, t=tool: self.set_tool(t))
            self.tool_group.addButton(button)
            self.tool_buttons[tool] = button
            tools_layout.addWidget(button)

        colour_names = {
            "red": self.tr("Red"),
            "yellow": self.tr("Yellow"),
            "green": self.tr("Green"),
            "blue": self.tr("Blue"),
            "white": self.tr("White"),
            "black": self.tr("Black"),
        }
        self.colour_group = QButtonGroup(self)
        self.colour_buttons: dict[str, QPushButton] = {}
        for key, value in COLOURS:
            swatch = QPushButton()
            swatch.setObjectName(f"colour_{key}")
            swatch.setCheckable(True)
            swatch.setFixedSize(TOUCH_PX, TOUCH_PX)
            swatch.setToolTip(colour_names[key])
            swatch.setAccessibleName(colour_names[key])
            swatch.setStyleSheet(
                f"QPushButton {{ background: {value}; border: 2px solid #8a96a3; border-radius: 24px; }}"
                "QPushButton:checked { border: 5px solid #1f3a5f; }"
            )
            swatch.clicked.connect(lambda _checked=False, c=value: self.set_colour(QColor(c)))
            self.colour_group.addButton(swatch)
            self.colour_buttons[key] = swatch
            tools_layout.addWidget(swatch)

        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName("annotateUndo")
        self.undo_button.clicked.connect(self.canvas.undo)
        tools_layout.addWidget(self.undo_button)

        self.message = QLabel()
        self.message.setObjectName("annotateMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        self.save_button = QPushButton(self.tr("Save as new photo"))
        self.save_button.setObjectName("annotateSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("annotateCancel")
        self.cancel_button.clicked.connect(self.reject)
        note = QLabel(self.tr("The original photo is kept unchanged."))
        note.setObjectName("annotateNote")
        note.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(note, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(tools)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        for button in [*self.tool_buttons.values(), self.undo_button, self.save_button, self.cancel_button]:
            button.setMinimumHeight(TOUCH_PX)
            button.setMinimumWidth(TOUCH_PX)
        self.tool_buttons[Tool.ARROW].setChecked(True)
        self.colour_buttons["red"].setChecked(True)
        self.canvas.changed.connect(self._update_buttons)
        self._update_buttons()
        if image.isNull():
            self._say(self.tr("The photo cannot be opened: %1").replace("%1", str(self.source_path)))
            for button in self.tool_buttons.values():
                button.setEnabled(False)

    def set_tool(self, tool: Tool) -> None:
        self.canvas.tool = tool
        self.tool_buttons[tool].setChecked(True)

    def set_colour(self, colour: QColor) -> None:
        self.canvas.colour = colour

    def _update_buttons(self) -> None:
        busy = self._task is not None
        has_shapes = bool(self.canvas.shapes)
        self.undo_button.setEnabled(has_shapes and not busy)
        self.save_button.setEnabled(has_shapes and not busy and not self.canvas.image.isNull())
        self.cancel_button.setEnabled(not busy)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def save(self) -> None:
        """Render at full resolution here (painting belongs to the GUI thread), then write and store the
        image on a worker thread: encoding and the pipeline take a moment on a tablet."""
        if not self.canvas.shapes or self._task is not None:
            return
        from fieldapp.services.photos import add_annotated_photo

        rendered = self.canvas.render_full()
        backend, source_id, actor = self.backend, self.photo.id, self.actor

        def store() -> PhotoView:
            descriptor, name = tempfile.mkstemp(prefix="fieldapp-annotated-", suffix=".jpg")
            os.close(descriptor)  # Windows cannot open a file twice; QImage writes it by name
            temp = Path(name)
            try:
                # The format follows the ".jpg" suffix (PySide's stubs and runtime disagree on its type).
                if not rendered.save(str(temp), quality=SAVE_QUALITY):
                    raise OSError(f"cannot write {temp}")
                return backend.call(add_annotated_photo, backend.paths.photos, source_id, temp, actor=actor)
            finally:
                with contextlib.suppress(OSError):
                    temp.unlink()

        self._say(self.tr("Saving…"))
        self._task = BackgroundTask(store)
        self._task.signals.done.connect(self._stored)
        self._task.signals.failed.connect(self._failed)
        self._update_buttons()
        self._pool.start(self._task)

    def _stored(self, view: PhotoView) -> None:
        self._task = None
        self._say("")
        self.saved.emit(view)
        self.accept()

    def _failed(self, message: str) -> None:
        self._task = None
        self._say(self.tr("The drawing was not saved: %1").replace("%1", message))
        self._update_buttons()

    def reject(self) -> None:
        if self._task is not None:
            return  # a save is under way: it finishes, then the dialog closes itself
        if self.canvas.shapes:
            answer = QMessageBox.question(
                self,
                self.tr("Discard drawing"),
                self.tr("Close without saving the drawing?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
