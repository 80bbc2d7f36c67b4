"""How the GUI tests act like a person: typing (Chinese as an input method delivers it) and drawing."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type as a person would: ASCII through key presses, Chinese the way an input method (or the on-screen
    keyboard) delivers it, as a committed string. QTest cannot press keys for non-ASCII characters."""
    for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def draw(qtbot: QtBot, widget: QWidget, points: Sequence[tuple[float, float]]) -> None:
    """One stroke with the left button (how a finger or a pen arrives without touch events), through points
    given as fractions of the widget's width and height."""
    size = widget.size()

    def at(fx: float, fy: float) -> QPoint:
        return QPoint(round(fx * (size.width() - 1)), round(fy * (size.height() - 1)))

    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=at(*points[0]))
    for point in points[1:]:
        qtbot.mouseMove(widget, at(*point))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=at(*points[-1]))


ZIGZAG = [(0.1 + 0.08 * i, 0.3 + 0.4 * (i % 2)) for i in range(10)]
