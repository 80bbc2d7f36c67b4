"""Signing in on a tablet with users, as a person does it: tap your name, tap the PIN on the keypad. A wrong
PIN says how many tries are left, the fifth locks the user and the screen says until when; idle, the app
locks itself and the open inspection is just as it was after signing in again; another user gets the
pages rebuilt for their role, and an inspector does not see the Users section."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_kit import type_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from fieldapp.domain.enums import Role
from fieldapp.gui.app import application, install_translators
from fieldapp.gui.main_window import MainWindow
from fieldapp.gui.sign_in_guard import SignInGuard
from fieldapp.gui.style import apply_style
from fieldapp.gui.users_section import UsersSection
from fieldapp.services.backend import Backend
from fieldapp.services.inspection_sheet import inspections_in_progress
from fieldapp.services.inspectors import list_inspectors
from fieldapp.services.users import create_user, list_users

SHOTS = Path("/tmp")
# The offscreen platform cannot raise a window or pass size hints on; a real screen does both.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|propagateSizeHints)")


@pytest.fixture
def users(demo_backend: Backend) -> dict[str, uuid.UUID]:
    inspector = next(i for i in demo_backend.call(list_inspectors) if i.staff_no == "YJ001")
    return {
        "李管理": demo_backend.call(create_user, "李管理", Role.ADMIN, "2580"),
        "王建国": demo_backend.call(create_user, "王建国", Role.INSPECTOR, "3691", inspector_id=inspector.id),
    }


def guarded_window(
    qtbot: QtBot, backend: Backend, idle_ms: int = 0, *, with_users: bool = True
) -> tuple[MainWindow, SignInGuard]:
    """The app as run_gui starts it on a device with users: the shell, then the sign-in screen."""
    install_translators(application(), "zh_CN")
    apply_style(application())
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    guard = SignInGuard(window, backend, idle_ms=idle_ms)
    assert guard.start(lambda: window.attach(backend)) is with_users
    return window, guard


@pytest.fixture
def started(
    qtbot: QtBot, demo_backend: Backend, users: dict[str, uuid.UUID]
) -> Iterator[tuple[MainWindow, SignInGuard]]:
    window, guard = guarded_window(qtbot, demo_backend)
    yield window, guard
    guard.screen.close()


def tap_name(qtbot: QtBot, guard: SignInGuard, name: str) -> None:
    button = next(b for b in guard.screen.name_buttons.values() if b.text() == name)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tap_pin(qtbot: QtBot, guard: SignInGuard, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(guard.screen.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(guard.screen.sign_in_button, Qt.MouseButton.LeftButton)


def test_signing_in_by_tapping_name_and_pin(qtbot: QtBot, started: tuple[MainWindow, SignInGuard]) -> None:
    window, guard = started
    assert guard.locked and not window.is_attached()  # nothing of the data before a PIN
    assert guard.screen.geometry() == window.geometry()
    guard.screen.grab().save(str(SHOTS / "sign_in.png"))
    tap_name(qtbot, guard, "王建国")
    qtbot.mouseClick(guard.screen.keys["3"], Qt.MouseButton.LeftButton)
    assert guard.screen.dots.text() == "●"
    qtbot.mouseClick(guard.screen.keys["back"], Qt.MouseButton.LeftButton)
    tap_pin(qtbot, guard, "3691")
    assert not guard.locked and window.is_attached()
    assert window.backend.actor is not None and window.backend.actor.name == "王建国"
    assert window.lock_button.isVisible() and window.lock_button.text() == "锁屏"
    # An inspector neither sees the Users section nor can manage users.
    assert window.settings_page.findChild(UsersSection).isHidden()
    # The device's settings are the admin's: shown greyed out; the language stays each user's own.
    window.navigate("settings")
    assert not window.settings_page.issuing_unit.isEnabled()
    assert window.settings_page.language_buttons["en"].isEnabled()
    window.grab().save(str(SHOTS / "settings_inspector.png"))


class WindowSystemClose(QCloseEvent):
    """A close the window system asks for (Alt+F4 on Windows): a spontaneous event."""

    def spontaneous(self) -> bool:
        return True


def test_closing_the_sign_in_screen_from_the_keyboard_does_not_unlock(
    started: tuple[MainWindow, SignInGuard],
) -> None:
    window, guard = started
    event = WindowSystemClose()
    guard.screen.closeEvent(event)
    assert not event.isAccepted()
    assert guard.locked and not window.is_attached()


def test_a_wrong_pin_says_how_many_tries_are_left_and_the_fifth_locks(
    qtbot: QtBot, started: tuple[MainWindow, SignInGuard], users: dict[str, uuid.UUID]
) -> None:
    window, guard = started
    tap_name(qtbot, guard, "王建国")
    tap_pin(qtbot, guard, "1470")
    message = guard.screen.message
    assert message.isVisible() and "PIN 错误" in message.text() and "4" in message.text()
    assert guard.screen.pin == ""
    for _ in range(4):
        tap_pin(qtbot, guard, "1470")
    assert "王建国" in message.text() and "之前不能登录" in message.text()
    qtbot.waitUntil(lambda: message.height() >= message.heightForWidth(message.width()))  # laid out
    guard.screen.grab().save(str(SHOTS / "sign_in_locked.png"))
    tap_pin(qtbot, guard, "3691")  # even the right PIN waits for the lock-out to end
    assert guard.locked and not window.is_attached()
    locked = {row.name: row.locked_until for row in guard.backend.call(list_users)}
    assert locked["王建国"] is not None and locked["李管理"] is None
    # Another user signs in meanwhile; the screen shows the lock again when the locked user is chosen.
    guard.screen.load()
    tap_name(qtbot, guard, "王建国")
    assert "之前不能登录" in message.text()
    tap_name(qtbot, guard, "李管理")
    tap_pin(qtbot, guard, "2580")
    assert (
        window.is_attached() and window.backend.actor is not None and window.backend.actor.role is Role.ADMIN
    )


def test_idle_locks_and_the_open_inspection_is_still_there(
    qtbot: QtBot, demo_backend: Backend, users: dict[str, uuid.UUID]
) -> None:
    window, guard = guarded_window(qtbot, demo_backend, idle_ms=400)
    tap_name(qtbot, guard, "王建国")
    tap_pin(qtbot, guard, "3691")
    [open_now] = demo_backend.call(inspections_in_progress)
    window.workflow.open_inspection(open_now.inspection_id, "B02")
    page = window.workflow.answering
    page.value_edit.setFocus()
    page.value_edit.selectAll()
    type_text(qtbot, page.value_edit, "12..3")  # being typed, not stored yet

    qtbot.waitUntil(lambda: guard.locked, timeout=5000)
    window.grab().save(str(SHOTS / "idle_under.png"))
    tap_name(qtbot, guard, "王建国")
    tap_pin(qtbot, guard, "3691")
    assert not guard.locked
    # The same user: nothing was rebuilt, the inspection and the half-typed value are as they were.
    assert window.workflow.answering is page
    assert page.inspection_id == open_now.inspection_id and page.current_code == "B02"
    assert page.value_edit.text() == "12..3"

    page.value_edit.selectAll()
    type_text(qtbot, page.value_edit, "61.5")
    qtbot.keyClick(page.value_edit, Qt.Key.Key_Return)
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert guard.locked
    tap_name(qtbot, guard, "李管理")
    tap_pin(qtbot, guard, "2580")
    # Another user: the pages are built again for them, at the same place.
    assert window.workflow.answering is not page
    assert window.workflow.answering.inspection_id == open_now.inspection_id
    assert window.current_page_key() == "inspections"
    assert not window.settings_page.findChild(UsersSection).isHidden()
    guard.screen.close()


def test_the_admin_adds_a_user_in_settings(
    qtbot: QtBot, started: tuple[MainWindow, SignInGuard], users: dict[str, uuid.UUID]
) -> None:
    window, guard = started
    tap_name(qtbot, guard, "李管理")
    tap_pin(qtbot, guard, "2580")
    window.navigate("settings")
    section = window.settings_page.findChild(UsersSection)
    assert section.model.rowCount() == 2
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert dialog is not None
    type_text(qtbot, dialog.name, "陈办公")
    qtbot.mouseClick(dialog.role_buttons[Role.OFFICE], Qt.MouseButton.LeftButton)
    type_text(qtbot, dialog.pin, "1234")
    type_text(qtbot, dialog.pin_again, "1234")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "连续数字" in dialog.error.text()  # refused, stays open with the reason
    dialog.grab().save(str(SHOTS / "user_dialog.png"))
    for field in (dialog.pin, dialog.pin_again):
        field.clear()
        type_text(qtbot, field, "5937")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    stored = {row.name: row.role for row in window.backend.call(list_users)}
    assert stored["陈办公"] is Role.OFFICE
    section.grab().save(str(SHOTS / "users_section.png"))
    # Deactivating asks first.
    section.select("陈办公")
    section.confirm = lambda _question: True  # type: ignore[method-assign]
    qtbot.mouseClick(section.deactivate_button, Qt.MouseButton.LeftButton)
    assert [r.active for r in window.backend.call(list_users) if r.name == "陈办公"] == [False]
    assert isinstance(section.add_button, QPushButton)


def test_the_first_user_added_in_settings_turns_the_sign_in_on(qtbot: QtBot, demo_backend: Backend) -> None:
    window, guard = guarded_window(qtbot, demo_backend, with_users=False)
    assert window.is_attached() and not guard.locked and window.lock_button.isHidden()
    window.navigate("settings")
    section = window.settings_page.findChild(UsersSection)
    assert not section.isHidden() and section.model.rowCount() == 0  # the device itself may add the first
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    type_text(qtbot, dialog.name, "李管理")
    qtbot.mouseClick(dialog.role_buttons[Role.ADMIN], Qt.MouseButton.LeftButton)
    type_text(qtbot, dialog.pin, "2580")
    type_text(qtbot, dialog.pin_again, "2508")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "不一致" in dialog.error.text() and not demo_backend.call(list_users)
    dialog.pin_again.clear()
    type_text(qtbot, dialog.pin_again, "2580")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not window.lock_button.isHidden()
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert guard.locked
    tap_pin(qtbot, guard, "2580")  # the only user is chosen already
    assert not guard.locked and demo_backend.actor is not None and demo_backend.actor.name == "李管理"
    guard.screen.close()
