"""Settings → Users, for the administrator: who signs in on this tablet, their role and the inspector each
one is; add a user, give one a new PIN, lift a lock-out, deactivate one. Shown only to a role that may
manage users (the service refuses the others anyway: fieldapp.services.users). On a device without users
anyone may add the first one, who must be an admin; from then on the app asks for a PIN."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import Role
from fieldapp.domain.errors import FieldappError
from fieldapp.domain.roles import PIN_MAX, Permission
from fieldapp.gui.page_kit import PAGE_STYLE, error_label, show_error, touch_table
from fieldapp.gui.sign_in import local_time_text
from fieldapp.services.inspectors import list_inspectors
from fieldapp.services.users import (
    UserRow,
    change_pin,
    create_user,
    deactivate_user,
    list_users,
    unlock_user,
)

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

Submit = Callable[[str, Role, uuid.UUID | None, str], str | None]

USERS_STYLE = (
    PAGE_STYLE
    + """
QComboBox { min-height: 48px; font-size: 14pt; padding: 0 8px; }
#usersTitle { font-size: 17pt; font-weight: bold; color: #1f3a5f; padding-top: 8px; }
#usersHint { font-size: 13pt; color: #5a6472; }
#dialogTitle { font-size: 18pt; font-weight: bold; color: #1f3a5f; }
"""
)


def role_label(role: Role) -> str:
    labels = {
        Role.INSPECTOR: QCoreApplication.translate("UsersSection", "Inspector"),
        Role.OFFICE: QCoreApplication.translate("UsersSection", "Office"),
        Role.ADMIN: QCoreApplication.translate("UsersSection", "Admin"),
    }
    return labels[role]


def pin_field(object_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(object_name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(PIN_MAX)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]*"), field))
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    return field


def read_only_for_role(form: QFormLayout) -> None:
    """Grey out the device's settings for a role that may not change them (the service refuses anyway),
    and say why. Rows laid out as a layout (the language buttons: each user's own) stay usable."""
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.setEnabled(False)
    note = QLabel(
        QCoreApplication.translate("UsersSection", "Only an admin can change the settings of this tablet.")
    )
    note.setObjectName("settingsReadOnly")
    note.setStyleSheet("color: #8a5300;")
    note.setWordWrap(True)
    form.insertRow(0, note)


class UserDialog(QDialog):
    """A new user (name, role, inspector, PIN twice), or only a new PIN for `user`. It hands what was typed
    to `submit`, which returns the refusal, if any: the dialog then stays open with the reason."""

    def __init__(
        self,
        submit: Submit,
        inspectors: list[tuple[uuid.UUID, str]],
        parent: QWidget | None = None,
        *,
        user: UserRow | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(USERS_STYLE)
        self.setMinimumWidth(640)
        self.submit = submit
        self.user = user
        title = QLabel(
            self.tr("New user") if user is None else self.tr("New PIN for %1").replace("%1", user.name)
        )
        title.setObjectName("dialogTitle")
        self.setWindowTitle(title.text())
        self.name = QLineEdit()
        self.name.setObjectName("userName")
        self.name.setMaxLength(30)
        self.role_group = QButtonGroup(self)
        self.role_buttons: dict[Role, QPushButton] = {}
        roles = QHBoxLayout()
        for role in Role:
            button = QPushButton(role_label(role))
            button.setObjectName(f"role_{role.value}")
            button.setCheckable(True)
            self.role_group.addButton(button)
            self.role_buttons[role] = button
            roles.addWidget(button)
        roles.addStretch(1)
        self.role_buttons[Role.INSPECTOR].setChecked(True)
        self.inspector = QComboBox()
        self.inspector.setObjectName("userInspector")
        self.inspector.addItem(self.tr("— not an inspector —"), None)
        for inspector_id, label in inspectors:
            self.inspector.addItem(label, inspector_id)
        self.pin = pin_field("userPin")
        self.pin_again = pin_field("userPinAgain")
        self.error = error_label()

        form = QFormLayout()
        form.setVerticalSpacing(12)
        if user is None:
            form.addRow(self.tr("Name"), self.name)
            form.addRow(self.tr("Role"), roles)
            form.addRow(self.tr("Inspector"), self.inspector)
        form.addRow(self.tr("PIN (4–8 digits)"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin_again)
        self.ok_button = QPushButton(self.tr("Add user") if user is None else self.tr("Save PIN"))
        self.ok_button.setObjectName("primaryButton")
        self.ok_button.clicked.connect(self.accept_values)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setObjectName("userCancel")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def chosen_role(self) -> Role:
        for role, button in self.role_buttons.items():
            if button.isChecked():
                return role
        return Role.INSPECTOR

    def accept_values(self) -> None:
        if self.pin.text() != self.pin_again.text():
            show_error(self.error, self.tr("The two PINs differ. Type the same PIN twice."))
            return
        refusal = self.submit(
            self.name.text(), self.chosen_role(), self.inspector.currentData(), self.pin.text()
        )
        if refusal:
            show_error(self.error, refusal)
            return
        self.accept()


class UsersSection(QWidget):
    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersSection")
        self.setStyleSheet(USERS_STYLE)
        self.backend = backend
        self.rows: list[UserRow] = []
        self.dialog: UserDialog | None = None
        # Hidden from a role that cannot manage users; the device itself (no users yet) adds the first.
        self.allowed = backend.actor is None or backend.actor.may(Permission.USERS)
        if not self.allowed:
            self.hide()

        title = QLabel(self.tr("Users"))
        title.setObjectName("usersTitle")
        hint = QLabel(
            self.tr(
                "People who sign in on this tablet with a PIN. Without users nobody signs in; the first user "
                "must be an admin. Users stay on this tablet: they are never synced."
            )
        )
        hint.setObjectName("usersHint")
        hint.setWordWrap(True)
        self.model = QStandardItemModel(0, 4, self)
        self.table = touch_table("usersTable")
        self.table.setModel(self.model)
        self.table.setMinimumHeight(220)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("Add user…"))
        self.add_button.setObjectName("userAdd")
        self.add_button.clicked.connect(self.open_add)
        self.pin_button = QPushButton(self.tr("Change PIN…"))
        self.pin_button.setObjectName("userChangePin")
        self.pin_button.clicked.connect(self.open_change_pin)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("userUnlock")
        self.unlock_button.clicked.connect(self.unlock)
        self.deactivate_button = QPushButton(self.tr("Deactivate"))
        self.deactivate_button.setObjectName("userDeactivate")
        self.deactivate_button.clicked.connect(self.deactivate)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.pin_button, self.unlock_button, self.deactivate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        if self.allowed:
            self.load()

    def load(self) -> None:
        try:
            self.rows = self.backend.call(list_users)
        except FieldappError as exc:
            show_error(self.message, str(exc))
            return
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Inspector"), self.tr("State")]
        )
        for row in self.rows:
            if not row.active:
                state = self.tr("Deactivated")
            elif row.locked_until is not None:
                state = self.tr("Locked until %1").replace("%1", local_time_text(row.locked_until))
            else:
                state = self.tr("Active")
            items = [
                QStandardItem(text)
                for text in (row.name, role_label(row.role), row.inspector_label or "—", state)
            ]
            for item in items:
                item.setEditable(False)
            self.model.appendRow(items)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> UserRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.rows[indexes[0].row()] if indexes else None

    def select(self, name: str) -> None:
        for index, row in enumerate(self.rows):
            if row.name == name:
                self.table.selectRow(index)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.pin_button.setEnabled(row is not None and row.active)
        self.unlock_button.setEnabled(row is not None and row.locked_until is not None)
        self.deactivate_button.setEnabled(row is not None and row.active)

    def _inspectors(self) -> list[tuple[uuid.UUID, str]]:
        try:
            return [(i.id, f"{i.staff_no} {i.name}") for i in self.backend.call(list_inspectors)]
        except FieldappError:
            return []

    def _try(self, action: Callable[[], object]) -> str | None:
        try:
            action()
        except FieldappError as exc:
            return str(exc)
        return None

    def open_add(self) -> None:
        def submit(name: str, role: Role, inspector_id: uuid.UUID | None, pin: str) -> str | None:
            return self._try(
                lambda: self.backend.call(create_user, name, role, pin, inspector_id=inspector_id)
            )

        self._open(UserDialog(submit, self._inspectors(), self))

    def open_change_pin(self) -> None:
        row = self.selected()
        if row is None:
            return

        def submit(_name: str, _role: Role, _inspector: uuid.UUID | None, pin: str) -> str | None:
            return self._try(lambda: self.backend.call(change_pin, row.id, pin))

        self._open(UserDialog(submit, [], self, user=row))

    def _open(self, dialog: UserDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(self._saved)
        dialog.open()

    def _saved(self) -> None:
        self.load()
        show_error(self.message, "")
        # The first user on a device that had none: the window's Lock button appears (it was hidden, as
        # nobody signed in), and from the next lock or start on, a PIN is asked (fieldapp.gui.sign_in_guard).
        lock = self.window().findChild(QToolButton, "nav_lock")
        if lock is not None:
            lock.show()

    def unlock(self) -> None:
        row = self.selected()
        if row is not None:
            self._act(lambda: self.backend.call(unlock_user, row.id))

    def confirm(self, question: str) -> bool:
        """Asks before a change that cannot be undone here; tests replace it."""
        answer = QMessageBox.question(self, self.tr("Users"), question)
        return answer == QMessageBox.StandardButton.Yes

    def deactivate(self) -> None:
        row = self.selected()
        question = self.tr("Deactivate %1? They can no longer sign in on this tablet.")
        if row is not None and self.confirm(question.replace("%1", row.name)):
            self._act(lambda: self.backend.call(deactivate_user, row.id))

    def _act(self, action: Callable[[], object]) -> None:
        refusal = self._try(action)
        self.load()
        show_error(self.message, refusal or "")
