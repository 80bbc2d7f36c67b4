"""Signatures on the screen: the pad a person signs on with a finger, a pen or the mouse; the pad with its
Clear button, as a page embeds it; and a stored signature drawn again for showing.

A signature is strokes of points normalized 0..1 across a canvas, with the canvas's aspect ratio
(width / height), as fieldapp.domain.signatures keeps it. The canvas is the largest rectangle of the pad's
aspect ratio when the first point of a signature was drawn, centred in the pad: if the pad changes size
halfway (a tablet turned to portrait), what was drawn keeps its shape and the next points still land where
the finger is."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

Stroke = list[tuple[float, float]]

PAD_HEIGHT = 220  # logical px: room for a full-size Chinese name written by hand
PAD_MAX_WIDTH = 720  # about 3:1 with the height, the shape of a signature line on a form
PAD_MIN_WIDTH = 320  # the narrowest it may get in portrait next to the rail
MIN_STEP_PX = 1.5  # points closer than this to the last one add nothing a reader could see
INK = QColor("#0b1a2e")
TOUCH_PX = 48


def fit_rect(area: QRectF, aspect: float) -> QRectF:
    """The largest rectangle of `aspect` (width / height) centred in `area`."""
    if area.width() <= 0 or area.height() <= 0 or aspect <= 0:
        return QRectF(area)
    width = min(area.width(), area.height() * aspect)
    height = width / aspect
    return QRectF(
        area.x() + (area.width() - width) / 2, area.y() + (area.height() - height) / 2, width, height
    )


def stroke_path(points: Sequence[QPointF]) -> QPainterPath:
    """A smooth line through the points: quadratic curves with each point as the control point and the
    midpoints between points as the ends, which rounds the corners that a finger's sampled path has."""
    path = QPainterPath()
    if not points:
        return path
    path.moveTo(points[0])
    if len(points) == 1:
        # A dot: a tiny segment, so the round cap paints it.
        path.lineTo(points[0] + QPointF(0.01, 0.01))
        return path
    for current, following in itertools.pairwise(points[1:]):
        middle = (current + following) / 2
        path.quadTo(current, middle)
    path.lineTo(points[-1])
    return path


def ink_pen(canvas_height: float) -> QPen:
    """The pen scales with the canvas, so a signature shown small looks like the one that was drawn."""
    pen = QPen(INK, max(1.2, canvas_height / 70))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def render_signature(painter: QPainter, area: QRectF, signature: Mapping[str, Any]) -> None:
    """Draw a stored signature (`{"aspect": ..., "strokes": [[[x, y], ...], ...]}`) undistorted, as large
    as fits in `area`."""
    aspect = float(signature.get("aspect") or 3.0)
    canvas = fit_rect(area, aspect)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(ink_pen(canvas.height()))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for stroke in signature.get("strokes") or []:
        points = [
            QPointF(canvas.x() + x * canvas.width(), canvas.y() + y * canvas.height()) for x, y in stroke
        ]
        painter.drawPath(stroke_path(points))
    painter.restore()


def signature_pixmap(signature: Mapping[str, Any], size: QSize, device_pixel_ratio: float = 1.0) -> QPixmap:
    """A stored signature as a transparent picture of `size` logical pixels (for a notice preview or a
    label)."""
    pixmap = QPixmap(size * device_pixel_ratio)
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    render_signature(painter, QRectF(0, 0, size.width(), size.height()), signature)
    painter.end()
    return pixmap


class SignaturePad(QWidget):
    """The surface a person signs on. Mouse, pen (tablet events, with the pen's own sub-pixel positions)
    and finger (touch events) all draw; whichever starts a stroke owns it until it is lifted, so the mouse
    events Windows makes up from a pen or a finger do not draw a second line."""

    changed = Signal()  # a stroke was added or the pad was cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(PAD_MIN_WIDTH, PAD_HEIGHT)
        self.setMaximumWidth(PAD_MAX_WIDTH)
        self.setFixedHeight(PAD_HEIGHT)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: list[Stroke] = []  # normalized to the canvas
        self._aspect: float | None = None  # fixed by the first point of a signature
        self._active: str | None = None  # "mouse", "tablet" or "touch": who draws the current stroke
        self._touch_id: int | None = None
        self._shadowed: set[Qt.GestureType] = set()
        self._read_only = False

    # -- what the pad holds ----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(PAD_MAX_WIDTH, PAD_HEIGHT)

    def strokes(self) -> list[Stroke]:
        """What was drawn, each point (x, y) between 0 and 1 across the canvas."""
        return [list(stroke) for stroke in self._strokes if stroke]

    def aspect(self) -> float:
        """The canvas's width / height (the pad's own while it is empty)."""
        if self._aspect is not None:
            return self._aspect
        return self.width() / self.height() if self.height() > 0 else PAD_MAX_WIDTH / PAD_HEIGHT

    def point_count(self) -> int:
        return sum(len(stroke) for stroke in self._strokes)

    def is_empty(self) -> bool:
        return self.point_count() == 0

    def clear(self) -> None:
        had = not self.is_empty()
        self._strokes = []
        self._aspect = None
        self._active = None
        self._touch_id = None
        self.update()
        if had:
            self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.setCursor(Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.CrossCursor)

    # -- geometry ----------------------------------------------------------------------------------------

    def canvas(self) -> QRectF:
        return fit_rect(QRectF(self.rect()), self.aspect())

    def _normalized(self, position: QPointF) -> tuple[float, float]:
        canvas = self.canvas()
        x = (position.x() - canvas.x()) / canvas.width() if canvas.width() > 0 else 0.0
        y = (position.y() - canvas.y()) / canvas.height() if canvas.height() > 0 else 0.0
        # A stroke that runs off the edge is kept along the edge, as ink stops at the paper's edge.
        return (min(1.0, max(0.0, x)), min(1.0, max(0.0, y)))

    def _on_screen(self, point: tuple[float, float]) -> QPointF:
        canvas = self.canvas()
        return QPointF(canvas.x() + point[0] * canvas.width(), canvas.y() + point[1] * canvas.height())

    # -- drawing -----------------------------------------------------------------------------------------

    def _begin(self, device: str, position: QPointF) -> None:
        if self._aspect is None:
            self._aspect = self.width() / self.height() if self.height() > 0 else 3.0
        self._active = device
        self._strokes.append([self._normalized(position)])
        self.update()

    def _extend(self, position: QPointF) -> None:
        if not self._strokes:
            return
        point = self._normalized(position)
        last = self._on_screen(self._strokes[-1][-1])
        here = self._on_screen(point)
        if math.hypot(here.x() - last.x(), here.y() - last.y()) < MIN_STEP_PX:
            return
        self._strokes[-1].append(point)
        self.update()

    def _end(self, position: QPointF | None) -> None:
        if position is not None:
            self._extend(position)
        self._active = None
        self._touch_id = None
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # never passed on: a press on the pad must not reach the page behind it
        if self._read_only or event.button() != Qt.MouseButton.LeftButton or self._active is not None:
            return
        self._begin("mouse", event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if self._active == "mouse":
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if self._active == "mouse" and event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())

    def tabletEvent(self, event: QTabletEvent) -> None:
        # Accepted, so Qt makes no mouse event of it.
        event.accept()
        if self._read_only:
            return
        kind = event.type()
        if kind == QEvent.Type.TabletPress and self._active is None:
            self._begin("tablet", event.position())
        elif kind == QEvent.Type.TabletMove and self._active == "tablet":
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease and self._active == "tablet":
            self._end(event.position())

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            self._touch(event)
            return True
        if kind == QEvent.Type.TouchCancel:
            if self._active == "touch":
                self._end(None)
            return True
        if kind in (QEvent.Type.ParentChange, QEvent.Type.Show):
            self._shadow_scrolling()
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        """One finger draws (the first down); a second finger, a palm, is ignored. Accepted, so the touch
        neither becomes mouse events nor reaches the page behind."""
        event.accept()
        if self._read_only:
            return
        for point in event.points():
            state = point.state()
            if state == point.State.Pressed and self._active is None:
                self._touch_id = point.id()
                self._begin("touch", point.position())
            elif point.id() == self._touch_id and self._active == "touch":
                if state == point.State.Released:
                    self._end(point.position())
                elif state == point.State.Updated:
                    self._extend(point.position())

    def _shadow_scrolling(self) -> None:
        """Keep drag-to-scroll of the page around the pad from taking over a signature. A page that scrolls
        with a finger grabs a QScroller gesture on its viewport, and Qt starts an ancestor's gesture from
        events on its children (it would even hold back the press to see whether a drag follows). Qt looks
        for a gesture type on the widget under the finger first and on its ancestors only for types the
        widget lacks; so the pad grabs the same types itself. A gesture on a widget without a QScroller
        of its own is never recognized, so on the pad nothing scrolls, and around it everything still
        does."""
        ancestor: QObject | None = self.parentWidget()
        while isinstance(ancestor, QWidget):
            if QScroller.hasScroller(ancestor):
                gesture = QScroller.grabbedGesture(ancestor)
                if gesture != Qt.GestureType(0) and gesture not in self._shadowed:
                    self.grabGesture(gesture)
                    self._shadowed.add(gesture)
            ancestor = ancestor.parentWidget()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        canvas = self.canvas()
        # The signature line, as on a paper form: where to sign, without asking anyone to read a hint.
        painter.setPen(QPen(QColor("#9aa8b8"), 1, Qt.PenStyle.DashLine))
        baseline = canvas.y() + canvas.height() * 0.78
        painter.drawLine(QPointF(canvas.x() + 16, baseline), QPointF(canvas.right() - 16, baseline))
        painter.setPen(QPen(QColor("#9aa8b8"), 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(ink_pen(canvas.height()))
        for stroke in self._strokes:
            painter.drawPath(stroke_path([self._on_screen(point) for point in stroke]))
        painter.end()


class SignatureView(QWidget):
    """A stored signature drawn again, crisp at any scale (painted, not a scaled picture)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatureView")
        self._signature: Mapping[str, Any] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(PAD_MIN_WIDTH // 2)
        self.setMaximumWidth(PAD_MAX_WIDTH // 2 + 120)
        self.setFixedHeight(PAD_HEIGHT // 2)

    def set_signature(self, signature: Mapping[str, Any] | None) -> None:
        self._signature = signature
        self.update()

    def signature(self) -> Mapping[str, Any] | None:
        return self._signature

    def sizeHint(self) -> QSize:
        return QSize(PAD_MAX_WIDTH // 2, PAD_HEIGHT // 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QPen(QColor("#c9d3de"), 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        if self._signature:
            render_signature(painter, QRectF(self.rect()).adjusted(8, 8, -8, -8), self._signature)
        painter.end()


class SignatureField(QWidget):
    """The pad with what goes with it: a line saying where to sign, and the Clear button above the pad's
    right end, so the pad keeps the whole width on a portrait screen."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pad = SignaturePad()
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("signatureClear")
        self.clear_button.setMinimumSize(TOUCH_PX * 2, TOUCH_PX)
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.pad.clear)
        self.hint = QLabel(self.tr("Sign inside the box"))
        self.hint.setObjectName("signatureHint")
        self.hint.setWordWrap(True)

        above = QHBoxLayout()
        above.setContentsMargins(0, 0, 0, 0)
        above.addWidget(self.hint, 1)
        above.addWidget(self.clear_button)
        column = QWidget()
        column.setMaximumWidth(PAD_MAX_WIDTH)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(6)
        column_layout.addLayout(above)
        column_layout.addWidget(self.pad)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(column, 1)
        layout.addStretch(0)
        self.pad.changed.connect(self._changed)
        self._changed()

    def _changed(self) -> None:
        self.clear_button.setEnabled(not self.pad.is_empty())
        self.changed.emit()
