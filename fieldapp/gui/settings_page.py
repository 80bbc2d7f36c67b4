"""Settings on this device: the interface language (switched at once, nothing lost), the device's name,
what notices print (issuing unit, number prefix) and how photos are stored. Each change is saved the moment
it is made, like everything else in the app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldappError
from fieldapp.domain.roles import Permission
from fieldapp.gui.device_inspector_box import DeviceInspectorBox
from fieldapp.gui.log_window import SupportSection
from fieldapp.gui.users_section import UsersSection, read_only_for_role
from fieldapp.services.notice_seal import clear_seal_image, current_seal, set_seal_image
from fieldapp.services.settings_store import get_setting, set_setting

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

LANGUAGE_BUTTONS = (("zh_CN", "中文"), ("en", "English"))  # each language named in itself, never translated
FIELD_WIDTH = 560  # a name or a unit fits; wider fields only make the eye travel

SETTINGS_STYLE = """
QPushButton { min-height: 52px; padding: 0 18px; border: 1px solid #9aa8b8; border-radius: 8px;
    background: #f4f6f9; }
QPushButton:checked { background: #1f3a5f; color: #ffffff; border-color: #1f3a5f; font-weight: bold; }
QSpinBox { min-height: 48px; }
QCheckBox { spacing: 12px; min-height: 48px; }
QCheckBox::indicator { width: 28px; height: 28px; }
#settingsMessage { color: #2e7d32; }
#sealPreview { border: 1px dashed #9aa8b8; border-radius: 8px; background: #ffffff; color: #5f6b7a; }
"""
SEAL_PREVIEW = 112  # px: the seal as big as on the printed page, near enough


class Stepper(QWidget):
    """A number with big minus and plus buttons beside it: a spin box's own arrows are too small for a
    finger. The number can still be typed."""

    def __init__(self, spin: QSpinBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        spin.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        spin.setFixedWidth(180)
        minus = QPushButton("−")
        plus = QPushButton("+")
        for button, step in ((minus, -1), (plus, 1)):
            button.setObjectName(f"{spin.objectName()}{'Down' if step < 0 else 'Up'}")
            button.setFixedSize(56, 52)
            button.setAutoRepeat(True)
            button.clicked.connect(lambda _checked=False, s=step: spin.stepBy(s))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(minus)
        layout.addWidget(spin)
        layout.addWidget(plus)
        layout.addStretch(1)


class SettingsPage(QWidget):
    language_changed = Signal(str)

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(SETTINGS_STYLE)
        self.backend = backend
        title = QLabel(self.tr("Settings"))
        title.setObjectName("pageTitle")

        self.language_group = QButtonGroup(self)
        self.language_buttons: dict[str, QPushButton] = {}
        language_row = QHBoxLayout()
        for code, name in LANGUAGE_BUTTONS:
            button = QPushButton(name)
            button.setObjectName(f"language_{code}")
            button.setCheckable(True)
            button.setMinimumSize(160, 56)
            self.language_group.addButton(button)
            self.language_buttons[code] = button
            language_row.addWidget(button)
            button.clicked.connect(lambda _checked=False, c=code: self._choose_language(c))
        language_row.addStretch(1)

        self.device_code = QLabel()
        self.device_code.setObjectName("settingDeviceCode")
        self.device_name = QLineEdit()
        self.device_name.setObjectName("settingDeviceName")
        self.issuing_unit = QLineEdit()
        self.issuing_unit.setObjectName("settingIssuingUnit")
        self.number_prefix = QLineEdit()
        self.number_prefix.setObjectName("settingNumberPrefix")
        self.number_prefix.setMaxLength(12)
        self.long_side = QSpinBox()
        self.long_side.setObjectName("settingLongSide")
        self.long_side.setRange(800, 8000)
        self.long_side.setSingleStep(256)
        self.long_side.setSuffix(" px")
        self.quality = QSpinBox()
        self.quality.setObjectName("settingQuality")
        self.quality.setRange(50, 95)
        self.keep_original = QCheckBox(self.tr("Keep the untouched original of each photo"))
        self.keep_original.setObjectName("settingKeepOriginal")
        for field in (self.device_name, self.issuing_unit, self.number_prefix):
            field.setMaximumWidth(FIELD_WIDTH)
        seal_row = self._seal_row()

        self.message = QLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.setVerticalSpacing(14)
        form.setHorizontalSpacing(24)
        form.addRow(self.tr("Language"), language_row)
        form.addRow(self.tr("Device code"), self.device_code)
        form.addRow(self.tr("Device name"), self.device_name)
        # Whose visits Today shows first (gui/device_inspector_box.py).
        self.device_inspector = DeviceInspectorBox(backend)
        self.device_inspector.saved.connect(lambda e: self.message.setText(e or self.tr("Saved.")))
        form.addRow(self.tr("This tablet's inspector"), self.device_inspector)
        form.addRow(self.tr("Issuing unit on notices"), self.issuing_unit)
        form.addRow(self.tr("Notice number prefix"), self.number_prefix)
        form.addRow(self.tr("Seal on notices"), seal_row)
        form.addRow(self.tr("Photo size (long side)"), Stepper(self.long_side))
        form.addRow(self.tr("Photo JPEG quality"), Stepper(self.quality))
        form.addRow("", self.keep_original)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(24, 24, 24, 24)
        body_layout.setSpacing(16)
        body_layout.addWidget(title)
        if backend.actor is not None and not backend.actor.may(Permission.SETTINGS):
            read_only_for_role(form)  # the admin's (gui/users_section.py)
        body_layout.addLayout(form)
        body_layout.addWidget(self.message)
        body_layout.addWidget(SupportSection(backend))  # the log window and diagnostics (gui/log_window.py)
        body_layout.addWidget(UsersSection(backend))  # admin only (gui/users_section.py)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        # Text fields are saved when the inspector leaves them (or presses Enter), numbers and the box at
        # once: there is no Save button to forget.
        self.device_name.editingFinished.connect(lambda: self._save("device.name", self.device_name.text()))
        self.issuing_unit.editingFinished.connect(
            lambda: self._save("org.issuing_unit", self.issuing_unit.text().strip())
        )
        self.number_prefix.editingFinished.connect(
            lambda: self._save("notice.number_prefix", self.number_prefix.text().strip().upper())
        )
        self.long_side.valueChanged.connect(lambda value: self._save("photos.long_side_px", value))
        self.quality.valueChanged.connect(lambda value: self._save("photos.jpeg_quality", value))
        self.keep_original.toggled.connect(lambda on: self._save("photos.keep_original", bool(on)))

    def _seal_row(self) -> QWidget:
        """The issuing unit's seal: a preview, "Choose seal image…" and "Clear" (services.notice_seal)."""
        self.seal_preview = QLabel()
        self.seal_preview.setObjectName("sealPreview")
        self.seal_preview.setFixedSize(SEAL_PREVIEW, SEAL_PREVIEW)
        self.seal_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seal_preview.setWordWrap(True)
        self.seal_choose = QPushButton(self.tr("Choose seal image…"))
        self.seal_choose.setObjectName("sealChoose")
        self.seal_choose.clicked.connect(self.choose_seal)
        self.seal_clear = QPushButton(self.tr("Clear"))
        self.seal_clear.setObjectName("sealClear")
        self.seal_clear.clicked.connect(self.clear_seal)
        buttons = QVBoxLayout()
        buttons.addWidget(self.seal_choose)
        buttons.addWidget(self.seal_clear)
        buttons.addStretch(1)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.seal_preview)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return row

    def ask_seal_file(self) -> str:
        """The file the user picks ("" when cancelled); tests replace this."""
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the seal image"), "", self.tr("Seal images (*.png *.jpg *.jpeg)")
        )
        return chosen

    def choose_seal(self) -> None:
        chosen = self.ask_seal_file()
        if not chosen:
            return
        try:
            self.backend.call(set_seal_image, Path(chosen), self.backend.paths.notices)
        except FieldappError as exc:
            self.message.setText(str(exc))
            return
        self._show_seal()
        self.message.setText(self.tr("Saved. Notices issued from now on carry this seal."))

    def clear_seal(self) -> None:
        self.backend.call(clear_seal_image)
        self._show_seal()
        self.message.setText(self.tr("Saved. Notices issued from now on leave room for a hand stamp."))

    def _show_seal(self) -> None:
        try:
            seal = self.backend.call(current_seal, self.backend.paths.notices)
        except FieldappError as exc:
            seal = None
            self.message.setText(str(exc))
        self.seal_clear.setEnabled(seal is not None)
        if seal is None:
            self.seal_preview.setPixmap(QPixmap())
            self.seal_preview.setText(self.tr("No seal"))
            return
        picture = QPixmap(str(seal.path))
        self.seal_preview.setPixmap(
            picture.scaled(
                SEAL_PREVIEW - 8,
                SEAL_PREVIEW - 8,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def load(self) -> None:
        values = {
            key: self.backend.call(get_setting, key)
            for key in (
                "ui.language",
                "device.name",
                "org.issuing_unit",
                "notice.number_prefix",
                "photos.long_side_px",
                "photos.jpeg_quality",
                "photos.keep_original",
            )
        }
        widgets: list[QWidget] = [
            self.device_name,
            self.issuing_unit,
            self.number_prefix,
            self.long_side,
            self.quality,
            self.keep_original,
        ]
        for widget in widgets:
            widget.blockSignals(True)  # showing stored values is not a change to save
        try:
            self.language_buttons.get(str(values["ui.language"]), self.language_buttons["zh_CN"]).setChecked(
                True
            )
            self.device_code.setText(self.backend.device_code)
            self.device_name.setText(str(values["device.name"]))
            self.issuing_unit.setText(str(values["org.issuing_unit"]))
            self.number_prefix.setText(str(values["notice.number_prefix"]))
            self.long_side.setValue(int(values["photos.long_side_px"]))
            self.quality.setValue(int(values["photos.jpeg_quality"]))
            self.keep_original.setChecked(bool(values["photos.keep_original"]))
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.device_inspector.load()
        self.message.clear()
        self._show_seal()

    def _save(self, key: str, value: Any) -> bool:
        try:
            self.backend.call(set_setting, key, value)
        except FieldappError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(self.tr("Saved."))
        return True

    def _choose_language(self, code: str) -> None:
        if self._save("ui.language", code):
            self.language_changed.emit(code)
