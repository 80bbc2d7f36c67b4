"""The sign-in screen: tap your name, type your PIN on a big keypad, and the app is yours.

Made for fingers on a tablet: names are large buttons, the keypad's keys are 96 px squares, and the PIN
shows as dots. A wrong PIN says how many tries are left; the fifth locks that user for five minutes, and
the screen says until when (fieldapp.services.users keeps the count, so restarting does not reset it). The
screen only asks; fieldapp.gui.sign_in_guard decides when it covers the app and what a sign-in does."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTime, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldappError
from fieldapp.domain.roles import PIN_MAX
from fieldapp.gui.flow_layout import FlowLayout
from fieldapp.services.users import UserRow, list_users, sign_in

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

KEY_SIZE = 96  # px: a fingertip with room to spare, gloves included

SIGN_IN_STYLE = """
SignInScreen { background: #1f3a5f; }
#signInCard { background: #ffffff; border-radius: 16px; }
#signInTitle { font-size: 24pt; font-weight: bold; color: #1f3a5f; }
#signInHint { font-size: 15pt; color: #33404f; }
#pinDots { font-size: 30pt; color: #1f3a5f; letter-spacing: 6px; min-height: 64px; }
#signInMessage { font-size: 14pt; color: #b3261e; background: #fdecea; border: 1px solid #f1b5b0;
    border-radius: 8px; }
QPushButton { font-size: 18pt; border: 1px solid #9aa8b8; border-radius: 12px; background: #eef2f6;
    color: #1f3a5f; }
QPushButton:pressed { background: #cfe0f5; }
QPushButton:checked { background: #1f3a5f; color: #ffffff; border-color: #1f3a5f; font-weight: bold; }
QPushButton#signInButton { background: #1f6f43; color: #ffffff; border-color: #1f6f43; font-weight: bold; }
QPushButton#signInButton:disabled { background: #9fb8a8; border-color: #9fb8a8; }
"""


def local_time_text(moment: datetime) -> str:
    """A UTC moment as the local clock shows it, hours and minutes."""
    local = moment.astimezone()
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


class SignInScreen(QWidget):
    """Emits signed_in with the Actor (fieldapp.services.access) once a PIN was right."""

    signed_in = Signal(object)

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.setObjectName("signInScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(SIGN_IN_STYLE)
        self.users: dict[uuid.UUID, UserRow] = {}
        self.chosen: uuid.UUID | None = None
        self.pin = ""

        self.title = QLabel()
        self.title.setObjectName("signInTitle")
        self.hint = QLabel()
        self.hint.setObjectName("signInHint")
        self.hint.setWordWrap(True)
        self.names = QWidget()
        self.names_layout = FlowLayout(self.names, spacing=12)
        self.name_group = QButtonGroup(self)
        self.name_group.setExclusive(True)
        self.name_buttons: dict[uuid.UUID, QPushButton] = {}
        self.dots = QLabel()
        self.dots.setObjectName("pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        # Margins, not style-sheet padding: a wrapped label's height counts only the former.
        self.message.setContentsMargins(14, 10, 14, 10)
        self.message.hide()

        keypad = QGridLayout()
        keypad.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            keypad.addWidget(self._key(digit, digit), index // 3, index % 3)
        self.clear_key = self._key("clear", "C")
        self.back_key = self._key("back", "⌫")
        keypad.addWidget(self.clear_key, 3, 0)
        keypad.addWidget(self._key("0", "0"), 3, 1)
        keypad.addWidget(self.back_key, 3, 2)
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setMinimumHeight(KEY_SIZE - 24)
        self.sign_in_button.clicked.connect(self.submit)
        keypad.addWidget(self.sign_in_button, 4, 0, 1, 3)

        left = QVBoxLayout()
        left.setSpacing(16)
        left.addWidget(self.title)
        left.addWidget(self.hint)
        left.addWidget(self.names)
        left.addWidget(self.message)  # here, not under the keypad: a wide line is read at a glance
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self.dots)
        right.addLayout(keypad)
        right.addStretch(1)
        card = QFrame()
        card.setObjectName("signInCard")
        card_layout = QHBoxLayout(card)
        card_layout.setContentsMargins(32, 32, 32, 32)
        card_layout.setSpacing(40)
        card_layout.addLayout(left, 1)
        card_layout.addLayout(right)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.addWidget(card)
        self.retranslate()

    def _key(self, key: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"key_{key}")
        button.setFixedSize(KEY_SIZE, KEY_SIZE)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing goes to the screen, which takes digits too
        if key.isdigit():
            button.clicked.connect(lambda _checked=False, d=key: self.press(d))
        elif key == "back":
            button.clicked.connect(self.backspace)
        else:
            button.clicked.connect(self.clear_pin)
        self.keys[key] = button
        return button

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sign in"))
        self.hint.setText(self.tr("Tap your name, then enter your PIN."))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.clear_key.setToolTip(self.tr("Clear the PIN"))
        self.back_key.setToolTip(self.tr("Delete the last digit"))

    def load(self) -> None:
        """The active users as buttons, none chosen, the PIN empty; the texts in the current language."""
        self.retranslate()
        for button in self.name_buttons.values():
            self.name_group.removeButton(button)
            button.deleteLater()
        self.name_buttons.clear()
        try:
            rows = self.backend.call(list_users, active_only=True)
        except FieldappError as exc:
            rows = []
            self._say(str(exc))
        self.users = {row.id: row for row in rows}
        for row in rows:
            button = QPushButton(row.name)
            button.setCheckable(True)
            button.setMinimumSize(200, 80)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, user_id=row.id: self.choose(user_id))
            self.name_group.addButton(button)
            self.names_layout.addWidget(button)
            self.name_buttons[row.id] = button
        self.chosen = None
        self.clear_pin()
        self._say("")
        if len(rows) == 1:  # one user: nothing to choose
            self.choose(rows[0].id)
        self.setFocus()

    def choose(self, user_id: uuid.UUID) -> None:
        self.chosen = user_id
        self.name_buttons[user_id].setChecked(True)
        self.clear_pin()
        row = self.users[user_id]
        if row.locked_until is not None:
            self._say_locked(row.name, row.locked_until)
        else:
            self._say("")

    def press(self, digit: str) -> None:
        if len(self.pin) < PIN_MAX:
            self.pin += digit
            self._show_dots()

    def backspace(self) -> None:
        self.pin = self.pin[:-1]
        self._show_dots()

    def clear_pin(self) -> None:
        self.pin = ""
        self._show_dots()

    def _show_dots(self) -> None:
        self.dots.setText("●" * len(self.pin) if self.pin else "○ ○ ○ ○")
        self.sign_in_button.setEnabled(bool(self.pin))

    def submit(self) -> None:
        if self.chosen is None:
            self._say(self.tr("Tap your name first."))
            return
        user_id, pin = self.chosen, self.pin
        self.clear_pin()
        try:
            result = self.backend.call(sign_in, user_id, pin)
        except FieldappError as exc:
            self._say(str(exc))
            return
        if result.ok:
            self._say("")
            self.signed_in.emit(result.actor)
            return
        name = self.users[user_id].name
        if result.locked_until is not None:
            self._say_locked(name, result.locked_until)
            return
        tries = result.tries_left
        self._say(self.tr("Wrong PIN. Tries left before a 5-minute lock: %n", "", tries))

    def _say_locked(self, name: str, until: datetime) -> None:
        self._say(
            self.tr(
                "Too many wrong PINs: %1 cannot sign in until %2. Another user can sign in, or ask an admin."
            )
            .replace("%1", name)
            .replace("%2", local_time_text(until))
        )

    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Alt+F4 or the window system closing the screen must not hand the app back to whoever was
        signed in: only a right PIN takes the lock away. (The app itself may still close it.)"""
        if event.spontaneous():
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A keyboard works too (a desktop in the office): digits, Backspace, Enter."""
        text = event.text()
        if text.isdigit() and text.isascii():
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.backspace()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)
