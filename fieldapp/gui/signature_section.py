"""The signatures of an inspection, one block per signer: each inspector on site, then the customer's
representative or, once the representative refused to sign, a witness. A signature is stored the moment
Sign is tapped; the block then shows it, with the time, and offers to sign again. A refused signature
(too short, no name) is explained in the block and the drawing stays on the pad."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from fieldapp.domain.enums import SignerRole
from fieldapp.gui.flow_layout import FlowLayout
from fieldapp.gui.review_labels import role_label
from fieldapp.gui.review_widgets import TOUCH_PX, InlineMessage, attempt, touch_button
from fieldapp.gui.signature_pad import SignatureField, SignatureView

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend
    from fieldapp.services.signatures import SignatureSlot


class SignerBlock(QFrame):
    """One person's signature: the stored one, or the pad to sign on."""

    changed = Signal()  # something about the signatures was stored

    def __init__(
        self,
        backend: Backend,
        role: SignerRole,
        inspector_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewCard")
        self.backend = backend
        self.role = role
        self.inspector_id = inspector_id
        self.inspection_id: uuid.UUID | None = None
        self.slot: SignatureSlot | None = None
        self.editable = True
        self._resigning = False

        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("cardDetail")
        self.note.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName(f"{role.value}Name")
        self.name.setMinimumHeight(TOUCH_PX)
        self.name.setMaxLength(50)
        self.name.setPlaceholderText(
            self.tr("Name of the representative")
            if role is SignerRole.REPRESENTATIVE
            else self.tr("Name of the witness")
        )
        self.name.setVisible(role is not SignerRole.INSPECTOR)
        self.stored = SignatureView()
        self.signed_at = QLabel()
        self.signed_at.setObjectName("cardDetail")
        self.signed_at.setWordWrap(True)
        self.field = SignatureField()
        self.sign_button = touch_button(self.tr("Sign"), "primaryButton")
        self.sign_button.setMinimumWidth(160)
        self.again_button = touch_button(self.tr("Sign again"), "signAgain")
        self.keep_button = touch_button(self.tr("Keep the stored signature"), "keepSignature")
        self.message = InlineMessage()

        self.buttons = QWidget()
        flow = FlowLayout(self.buttons, spacing=8)
        for button in (self.sign_button, self.again_button, self.keep_button):
            flow.addWidget(button)
        self.extra = QWidget()  # the refusal buttons, for the representative and the witness
        self.extra_layout = FlowLayout(self.extra, spacing=8)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.name)
        layout.addWidget(self.stored)
        layout.addWidget(self.signed_at)
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        layout.addWidget(self.extra)

        self.sign_button.clicked.connect(self.sign)
        self.again_button.clicked.connect(lambda: self._set_resigning(True))
        self.keep_button.clicked.connect(lambda: self._set_resigning(False))
        self.field.changed.connect(self._update_controls)
        self.name.textChanged.connect(lambda _text: self._update_controls())

    def set_slot(self, inspection_id: uuid.UUID, slot: SignatureSlot, *, editable: bool) -> None:
        if slot.signed and (self.slot is None or slot.signed_at != self.slot.signed_at):
            self._resigning = False  # a new signature was stored: show it
        self.inspection_id = inspection_id
        self.slot = slot
        self.editable = editable
        who = role_label(self.role)
        if self.role is SignerRole.INSPECTOR and slot.name:
            who = self.tr("%1: %2").replace("%1", who).replace("%2", slot.name)
        self.title.setText(who)
        if slot.signed and self.role is not SignerRole.INSPECTOR and not self.name.hasFocus():
            self.name.setText(slot.name)
        self.stored.set_signature(slot.strokes)
        if slot.signed and slot.signed_at is not None:
            moment = slot.signed_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.signed_at.setText(
                self.tr("Signed by %1 at %2").replace("%1", slot.name).replace("%2", moment)
            )
        else:
            self.signed_at.setText(self.tr("Not signed yet"))
        self._update_controls()

    def _set_resigning(self, resigning: bool) -> None:
        self._resigning = resigning
        if not resigning:
            self.field.pad.clear()
        self._update_controls()

    def _update_controls(self) -> None:
        signed = self.slot is not None and self.slot.signed
        drawing = self.editable and (not signed or self._resigning)
        self.stored.setVisible(signed)
        self.signed_at.setVisible(signed or not self.editable)
        self.field.setVisible(drawing)
        self.sign_button.setVisible(drawing)
        self.sign_button.setEnabled(not self.field.pad.is_empty())
        self.again_button.setVisible(self.editable and signed and not self._resigning)
        self.keep_button.setVisible(self.editable and signed and self._resigning)
        self.name.setReadOnly(not drawing)
        self.name.setVisible(
            self.role is not SignerRole.INSPECTOR and drawing
        )  # once signed, the line says who
        self.buttons.setVisible(self.editable)  # an empty row would still take its height
        self.extra.setVisible(self.editable and self.extra_layout.count() > 0)
        self.note.setVisible(bool(self.note.text()))

    def sign(self) -> None:
        from fieldapp.services.signatures import sign

        if self.inspection_id is None:
            return
        pad = self.field.pad
        ok, slot = attempt(
            self.backend,
            self.message,
            sign,
            self.inspection_id,
            self.role,
            pad.aspect(),
            pad.strokes(),
            inspector_id=self.inspector_id,
            signer_name=self.name.text(),
        )
        if not ok or slot is None:
            return  # the drawing and the name stay, beside the reason
        pad.clear()
        self._resigning = False
        self.set_slot(self.inspection_id, slot, editable=self.editable)
        self.changed.emit()


class SignatureSection(QWidget):
    """Every signature the inspection needs, in the order people sign."""

    changed = Signal()

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.inspection_id: uuid.UUID | None = None
        self.editable = True
        self.inspectors: dict[uuid.UUID, SignerBlock] = {}
        self.representative = SignerBlock(backend, SignerRole.REPRESENTATIVE)
        self.witness = SignerBlock(backend, SignerRole.WITNESS)
        self.refuse_button = touch_button(self.tr("Representative refuses to sign"), "dangerButton")
        self.withdraw_refusal_button = touch_button(self.tr("Withdraw the refusal"), "withdrawRefusal")
        self.representative.extra_layout.addWidget(self.refuse_button)
        self.witness.extra_layout.addWidget(self.withdraw_refusal_button)
        self.witness.note.setText(
            self.tr("The representative refused to sign. A witness signs to confirm the refusal.")
        )
        self.message = InlineMessage()

        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(12)
        self.inspector_box = QVBoxLayout()
        self.inspector_box.setSpacing(12)
        self.layout_.addLayout(self.inspector_box)
        self.layout_.addWidget(self.representative)
        self.layout_.addWidget(self.witness)
        self.layout_.addWidget(self.message)

        for block in (self.representative, self.witness):
            block.changed.connect(self.changed)
        self.refuse_button.clicked.connect(self.refuse)
        self.withdraw_refusal_button.clicked.connect(self.withdraw_refusal)

    def set_slots(self, inspection_id: uuid.UUID, slots: list[SignatureSlot], *, editable: bool) -> None:
        if inspection_id != self.inspection_id:
            self._reset()
        self.inspection_id = inspection_id
        self.editable = editable
        refused = False
        for slot in slots:
            if slot.role is SignerRole.INSPECTOR and slot.inspector_id is not None:
                block = self.inspectors.get(slot.inspector_id)
                if block is None:
                    block = SignerBlock(self.backend, SignerRole.INSPECTOR, slot.inspector_id)
                    block.changed.connect(self.changed)
                    self.inspectors[slot.inspector_id] = block
                    self.inspector_box.addWidget(block)
                block.set_slot(inspection_id, slot, editable=editable)
            elif slot.role is SignerRole.REPRESENTATIVE:
                self.representative.set_slot(inspection_id, slot, editable=editable)
                # Refusing is for a representative who has not signed; one who signed may sign again.
                self.refuse_button.setVisible(editable and not slot.signed)
            else:
                refused = True
                self.witness.set_slot(inspection_id, slot, editable=editable)
        self.representative.setVisible(not refused)
        self.witness.setVisible(refused)

    def _reset(self) -> None:
        for block in self.inspectors.values():
            block.deleteLater()
        self.inspectors.clear()
        for block in (self.representative, self.witness):
            block.slot = None
            block.name.clear()
            block.field.pad.clear()
            block.message.clear()

    def refuse(self) -> None:
        from fieldapp.services.signatures import record_refusal

        if self.inspection_id is not None:
            ok, _none = attempt(self.backend, self.message, record_refusal, self.inspection_id)
            if ok:
                self.changed.emit()

    def withdraw_refusal(self) -> None:
        from fieldapp.services.signatures import withdraw_refusal

        if self.inspection_id is not None:
            ok, _none = attempt(self.backend, self.message, withdraw_refusal, self.inspection_id)
            if ok:
                self.changed.emit()
