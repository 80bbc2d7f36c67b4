"""Small pieces the review page's parts share: a text box that stores when the inspector leaves it, the line
where a part says what the service refused, a button big enough for a finger, and calling a service so a
refusal is shown rather than raised into Qt's event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent, QHideEvent
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QPushButton, QSizePolicy, QWidget

from fieldapp.domain.errors import FieldappError
from fieldapp.gui.review_labels import message_text

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

P = ParamSpec("P")
R = TypeVar("R")

TOUCH_PX = 48


def touch_button(text: str, name: str, *, checkable: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setMinimumHeight(TOUCH_PX)
    button.setMinimumWidth(TOUCH_PX)
    button.setCheckable(checkable)
    button.setAutoDefault(False)
    return button


def card_frame(name: str = "reviewCard") -> QFrame:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.NoFrame)
    return frame


def set_tone(widget: QWidget, tone: str) -> None:
    """A dynamic style property: the style sheet is asked again only when it changed."""
    if widget.property("tone") != tone:
        widget.setProperty("tone", tone)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class InlineMessage(QLabel):
    """Where a part of the page says what went wrong (or what was done), next to the fields concerned;
    hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def problem(self, text: str) -> None:
        self._show(text, "inlineProblem")

    def info(self, text: str) -> None:
        self._show(text, "inlineInfo")

    def clear(self) -> None:
        self.setText("")
        self.hide()

    def _show(self, text: str, name: str) -> None:
        if self.objectName() != name:
            self.setObjectName(name)
            self.style().unpolish(self)
            self.style().polish(self)
        self.setText(text)
        self.setVisible(bool(text))


def attempt(
    backend: Backend,
    message: InlineMessage,
    action: Callable[Concatenate[Any, P], R],  # Any: the Session, which the GUI never names
    /,
    *args: P.args,
    **kwargs: P.kwargs,
) -> tuple[bool, R | None]:
    """Run one use case: (True, its result) with the message cleared, or (False, None) with the service's
    reason shown in `message` (in the interface language)."""
    try:
        result = backend.call(action, *args, **kwargs)
    except FieldappError as exc:
        message.problem(message_text(str(exc)))
        return False, None
    message.clear()
    return True, result


class CommitTextEdit(QPlainTextEdit):
    """A few lines of text that wrap, stored when the inspector leaves the box (another field tapped, the
    page left, the window hidden): `editingFinished`, like QLineEdit's, but for text that needs room. Grows
    with its text up to `max_lines`, then scrolls."""

    editingFinished = Signal()  # noqa: N815 (named as QLineEdit's, so both connect alike)

    def __init__(self, parent: QWidget | None = None, *, min_lines: int = 2, max_lines: int = 6) -> None:
        super().__init__(parent)
        self._min_lines = min_lines
        self._max_lines = max_lines
        self.setTabChangesFocus(True)  # Tab moves on, as in a form; a new line needs Enter
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def set_stored_text(self, text: str) -> None:
        """Show what is stored, unless the inspector is typing here (their text wins until it is stored)."""
        if self.hasFocus() and self.document().isModified():
            return
        if self.toPlainText() != text:
            self.setPlainText(text)
        self.document().setModified(False)

    def is_dirty(self) -> bool:
        return self.document().isModified()

    def commit(self) -> None:
        """Emit editingFinished if there is typed text not yet handed on."""
        if self.document().isModified() and not self.isReadOnly():
            self.document().setModified(False)
            self.editingFinished.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.commit()

    def hideEvent(self, event: QHideEvent) -> None:
        self.commit()
        super().hideEvent(event)

    def _fit(self) -> None:
        # QPlainTextEdit's document counts its height in lines (wrapped lines included).
        lines = max(self._min_lines, min(self._max_lines, int(self.document().size().height())))
        text = lines * self.fontMetrics().lineSpacing() + 2 * int(self.document().documentMargin())
        # The frame, and the padding the style sheet gives the box (the viewport sits inside both).
        chrome = self.height() - self.viewport().height() if self.viewport().height() > 0 else 0
        self.setFixedHeight(max(TOUCH_PX, text + max(chrome, 2 * self.frameWidth() + 12)))
