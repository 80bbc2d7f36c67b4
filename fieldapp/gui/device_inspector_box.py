"""The settings row "This tablet's inspector": a choice among the active inspectors (or no one), saved the
moment it is made (services.device_inspector). Today then shows that inspector's visits first."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from fieldapp.domain.errors import FieldappError
from fieldapp.services.device_inspector import current_inspector_id, set_device_inspector
from fieldapp.services.inspectors import list_inspectors

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend


class DeviceInspectorBox(QComboBox):
    saved = Signal(str)  # what to say after a choice: "" when saved, else why not

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingDeviceInspector")
        self.setMinimumContentsLength(16)
        self.setMinimumHeight(48)
        self.setMaximumWidth(560)  # as wide as the settings' text fields
        self._backend = backend
        self.activated.connect(lambda _index: self._save())

    def load(self) -> None:
        """List the active inspectors and show the one chosen (no signal: showing is not choosing)."""
        try:
            inspectors = self._backend.call(list_inspectors)
            chosen = self._backend.call(current_inspector_id)
        except FieldappError as exc:
            self.saved.emit(str(exc))
            return
        self.blockSignals(True)
        try:
            self.clear()
            # Ids as text: findData compares Python objects by identity, not by value.
            self.addItem(self.tr("No one in particular"), "")
            for inspector in inspectors:
                self.addItem(f"{inspector.name} ({inspector.staff_no})", str(inspector.id))
            self.setCurrentIndex(max(0, self.findData(str(chosen) if chosen is not None else "")))
        finally:
            self.blockSignals(False)

    def _save(self) -> None:
        try:
            chosen = str(self.currentData() or "")
            self._backend.call(set_device_inspector, uuid.UUID(chosen) if chosen else None)
        except FieldappError as exc:
            self.saved.emit(str(exc))
            return
        self.saved.emit("")
