"""When the sign-in screen covers the app: at start (before the pages are built), on "Lock", and after the
tablet has been left untouched for the idle time (setting security.idle_lock_minutes). A device without
users has no sign-in at all (single-user mode: the device itself acts, as an administrator).

The screen is a window of its own, laid over the main window and modal to the whole application, so it
also covers a dialog that was open: locking changes nothing underneath, and the open inspection is just as
it was (every answer is stored the moment it is given anyway). The same user signing in again simply
uncovers it; another user gets the pages built again for their role, at the same place.

Idle time is measured by an application event filter that notes the time of each touch, click or key
(cheap: one clock read); a single timer checks it when the idle time could first be up."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from fieldapp.domain.errors import FieldappError
from fieldapp.gui.sign_in import SignInScreen
from fieldapp.services.access import Actor
from fieldapp.services.settings_store import get_setting
from fieldapp.services.users import has_users

if TYPE_CHECKING:
    from fieldapp.gui.main_window import MainWindow
    from fieldapp.services.backend import Backend

IDLE_SETTING = "security.idle_lock_minutes"
_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)
_FOLLOW = frozenset({QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show})


class SignInGuard(QObject):
    def __init__(self, window: MainWindow, backend: Backend, *, idle_ms: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.backend = backend
        self._idle_ms = idle_ms  # None: from the setting, read at each sign-in
        self._attach: Callable[[], None] | None = None
        self._last_input = time.monotonic()
        self._watching = False
        self.screen = SignInScreen(backend, window)
        self.screen.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.screen.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.screen.signed_in.connect(self._signed_in)
        self.screen.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._check_idle)
        window.lock_button.clicked.connect(self.lock)

    @property
    def locked(self) -> bool:
        return self.screen.isVisible()

    def start(self, attach: Callable[[], None]) -> bool:
        """Run `attach` (build the pages) now on a device without users and return False; else cover the
        window with the sign-in screen, run `attach` after the first sign-in, and return True."""
        try:
            required = bool(self.backend.call(has_users))
        except FieldappError:
            required = False
        if not required:
            attach()
            return False
        self._attach = attach
        self.lock()
        return True

    def _watch(self) -> None:
        """From the first lock on: the Lock button, and the input that keeps the app awake."""
        if self._watching:
            return
        self._watching = True
        self.window.lock_button.show()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def lock(self) -> None:
        """Cover everything with the sign-in screen; what is underneath stays as it is. Also what the Lock
        button does once the first user was added on a device that had none (fieldapp.gui.users_section)."""
        self._watch()
        self.timer.stop()
        self.screen.load()
        self._cover()
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()

    def _cover(self) -> None:
        self.screen.setGeometry(self.window.geometry())

    def _signed_in(self, actor: Actor) -> None:
        previous = self.backend.actor
        self.backend.actor = actor
        self.screen.hide()
        if self._attach is not None:
            attach, self._attach = self._attach, None
            attach()
        elif previous is None or previous.user_id != actor.user_id:
            self.window.reload_pages()
        self._last_input = time.monotonic()
        self._schedule(self._timeout_ms())

    def _timeout_ms(self) -> int:
        if self._idle_ms is not None:
            return self._idle_ms
        try:
            minutes = int(self.backend.call(get_setting, IDLE_SETTING))
        except FieldappError:
            minutes = 10
        return max(minutes, 0) * 60_000

    def _schedule(self, ms: int) -> None:
        if ms > 0:
            self.timer.start(ms)

    def _check_idle(self) -> None:
        if self.locked:
            return
        timeout = self._timeout_ms()
        if timeout <= 0:
            return
        idle_ms = int((time.monotonic() - self._last_input) * 1000)
        if idle_ms >= timeout:
            self.lock()
        else:
            self._schedule(timeout - idle_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT:
            self._last_input = time.monotonic()
        elif watched is self.window and kind in _FOLLOW and self.locked:
            self._cover()
        return False
