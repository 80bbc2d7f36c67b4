"""The breach-fee dialog of a contract-breach finding: choose the rule (the finding's own is chosen first),
enter what it needs (the customer's tariff and the measured excess filled in where known), watch the
arithmetic as it is typed, and save it as an assessment. The rule's standing in the legal library shows in
red when its figures may not be charged as they are (unverified, or superseded by an edition whose amounts
are unconfirmed).

It hands the kind, the inputs and who assessed it to `submit`, which saves them through the service and
returns the refusal, if any: the dialog then stays open with the reason shown."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.breach_fees import INPUTS, BreachKind, compute, fmt
from fieldapp.domain.errors import ValidationError
from fieldapp.gui.finding_dialogs import DIALOG_STYLE
from fieldapp.gui.page_kit import BUTTON_HEIGHT, error_label, show_error
from fieldapp.gui.ui_language import pick, shows_english
from fieldapp.services.breach_fees import BreachContext, BreachRule, RuleStanding

K = BreachKind
Submit = Callable[[BreachKind, dict[str, Any], str], str | None]  # kind, inputs, assessed by

BREACH_STYLE = (
    DIALOG_STYLE
    + """
#breachArithmetic { font-size: 14pt; color: #0b1a2e; background: #f3f6f9; border: 1px solid #c9d3de;
                    border-radius: 6px; padding: 8px; }
#breachStanding { font-size: 13pt; font-weight: bold; color: #b3261e; }
#breachStanding[tone="ok"] { color: #1b6e3a; }
#breachRuleText { font-size: 12pt; color: #5a6472; }
"""
)

_TEXT_FIELDS = ("capacity_kva", "demand_price", "months", "occasions", "difference")
_FLAG_FIELDS = ("two_part", "residential")


class BreachFeeDialog(QDialog):
    def __init__(
        self, context: BreachContext, submit: Submit, *, by: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(BREACH_STYLE)
        self.setModal(True)
        self.setMinimumWidth(880)
        self.setWindowTitle(self.tr("Breach fee"))
        self.context = context
        self._submit = submit
        self.english = shows_english()

        title = QLabel(self.tr("Breach fee"))
        title.setObjectName("dialogTitle")

        self.rule_combo = QComboBox()
        self.rule_combo.setObjectName("breachRule")
        for rule in context.rules:
            self.rule_combo.addItem(f"{self.kind_text(rule.kind)} · {rule.code}", rule.kind)
        if context.suggested is not None:
            index = self.rule_combo.findData(context.suggested)
            if index >= 0:
                self.rule_combo.setCurrentIndex(index)
        self.rule_text = QLabel()
        self.rule_text.setObjectName("breachRuleText")
        self.rule_text.setWordWrap(True)
        self.standing = QLabel()
        self.standing.setObjectName("breachStanding")
        self.standing.setWordWrap(True)

        self.form = QFormLayout()
        self.form.setSpacing(8)
        self.edits: dict[str, QLineEdit] = {}
        self.flags: dict[str, QCheckBox] = {}
        self.two_part_check = self._flag("two_part", self.tr("Two-part tariff (demand charge)"))
        self.two_part_check.setChecked(context.two_part)
        self.residential_check = self._flag("residential", self.tr("Residential customer"))
        captions = {
            "capacity_kva": self.tr("Capacity (kVA)"),
            "demand_price": self.tr("Demand charge (yuan/kVA·month)"),
            "months": self.tr("Months used"),
            "occasions": self.tr("Occasions"),
            "difference": self.tr("Tariff difference owed (yuan)"),
        }
        for key in _TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"breach_{key}")
            self.edits[key] = edit
            self.form.addRow(captions[key], edit)
        # One row for both flags: no rule asks for both.
        self.flag_row = QWidget()
        flags = QHBoxLayout(self.flag_row)
        flags.setContentsMargins(0, 0, 0, 0)
        flags.addWidget(self.two_part_check)
        flags.addWidget(self.residential_check)
        flags.addStretch(1)
        self.form.addRow("", self.flag_row)
        excess = context.measured_excess_kva
        if excess is not None:
            self.edits["capacity_kva"].setText(fmt(excess))
        self.capacity_hint = QLabel(
            self.tr("Measured above the contract: %1 kVA (contract %2 kVA)")
            .replace("%1", fmt(excess) if excess is not None else "—")
            .replace("%2", fmt(context.contract_capacity_kva))
        )
        self.capacity_hint.setObjectName("fieldHint")
        self.capacity_hint.setWordWrap(True)
        self.form.addRow("", self.capacity_hint)

        self.by_edit = QLineEdit(by)
        self.by_edit.setObjectName("breachBy")
        self.by_edit.setPlaceholderText(self.tr("Staff number and name"))
        self.form.addRow(self.tr("Assessed by"), self.by_edit)

        self.arithmetic = QLabel()
        self.arithmetic.setObjectName("breachArithmetic")
        self.arithmetic.setWordWrap(True)
        self.arithmetic.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.error = error_label()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setMinimumHeight(BUTTON_HEIGHT)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(self.tr("Save"))
        self.ok_button.setObjectName("primaryButton")
        self.ok_button.setMinimumHeight(BUTTON_HEIGHT)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.confirm)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.ok_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self.rule_combo)
        layout.addWidget(self.rule_text)
        layout.addLayout(self.form)
        layout.addWidget(self.standing)
        layout.addWidget(self.arithmetic)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

        # Connected once everything exists: filling the fields above must not compute half a form.
        self.rule_combo.currentIndexChanged.connect(self._rule_changed)
        for check in self.flags.values():
            check.toggled.connect(self._rule_changed)
        for edit in self.edits.values():
            edit.textChanged.connect(self.refresh)
        self._rule_changed()

    def _flag(self, key: str, text: str) -> QCheckBox:
        check = QCheckBox(text)
        check.setObjectName(f"breach_{key}")
        self.flags[key] = check
        return check

    def kind_text(self, kind: BreachKind) -> str:
        texts = {
            K.CAPACITY: self.tr("Capacity above the contract"),
            K.SUSPENDED: self.tr("Suspended or sealed equipment used"),
            K.CLASS: self.tr("Use class changed"),
            K.METERING: self.tr("Metering tampered with"),
            K.SOURCE: self.tr("Private supply or own source paralleled"),
        }
        return texts[kind]

    def standing_text(self, standing: RuleStanding) -> str:
        """The red mark of a rule whose figures may not be charged as they are; empty when they may."""
        notes: list[str] = []
        if not standing.verified:
            notes.append(self.tr("Unverified — check before charging"))
        if not standing.in_force:
            notes.append(
                self.tr(
                    "Superseded by %1, whose amounts are unconfirmed: not a fee to charge as it stands"
                ).replace("%1", standing.superseded_by or "—")
            )
        return "\n".join(notes)

    def kind(self) -> BreachKind | None:
        data = self.rule_combo.currentData()
        return BreachKind(data) if data is not None else None

    def rule(self) -> BreachRule | None:
        kind = self.kind()
        return next((rule for rule in self.context.rules if rule.kind is kind), None)

    def _rule_changed(self) -> None:
        kind, rule = self.kind(), self.rule()
        show_error(self.error, "")  # a refusal was about the inputs of before
        wanted = set(INPUTS[kind]) if kind is not None else set()
        two_part = self.two_part_check.isChecked()
        if kind is not None and two_part and kind in (K.CAPACITY, K.SUSPENDED):
            wanted.discard("occasions")
        elif kind in (K.CAPACITY, K.SUSPENDED):
            wanted -= {"demand_price", "months"}
        for key, edit in self.edits.items():
            self.form.setRowVisible(edit, key in wanted)
        for key, check in self.flags.items():
            check.setVisible(key in wanted)
        self.form.setRowVisible(self.flag_row, bool(wanted & set(self.flags)))
        self.form.setRowVisible(self.capacity_hint, kind is K.CAPACITY)
        if rule is not None:
            self.rule_text.setText(
                f"{rule.regulation}（{rule.edition}）{rule.article}："
                + pick(self.english, rule.requirement_zh, rule.requirement_en)
            )
            note = self.standing_text(rule.standing)
            self.standing.setText(note or self.tr("Verified and in force"))
            self.standing.setProperty("tone", "" if note else "ok")
            self.standing.style().unpolish(self.standing)
            self.standing.style().polish(self.standing)
        self.refresh()

    def inputs(self) -> dict[str, Any]:
        values: dict[str, Any] = {key: edit.text().strip() for key, edit in self.edits.items()}
        values.update({key: check.isChecked() for key, check in self.flags.items()})
        return values

    def refresh(self) -> None:
        """The arithmetic of what is typed so far, or what is still wrong with it."""
        kind = self.kind()
        if kind is None:
            self.arithmetic.setText(self.tr("The legal library has none of the breach rules."))
            self.ok_button.setEnabled(False)
            return
        try:
            result = compute(kind, self.inputs())
        except ValidationError as error:
            self.arithmetic.setText(str(error))
            self.ok_button.setEnabled(False)
            self._fit()
            return
        self.ok_button.setEnabled(True)
        self.arithmetic.setText("\n".join(result.lines_en if self.english else result.lines_zh))
        self._fit()

    def _fit(self) -> None:
        """Grow to the height the wrapped texts (the rule, the arithmetic) now need, never cut them off."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        wanted = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        wanted = max(wanted, layout.totalMinimumSize().height())
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def total_text(self) -> str:
        kind = self.kind()
        try:
            return str(compute(kind, self.inputs()).total) if kind is not None else ""
        except ValidationError:
            return ""

    def confirm(self) -> None:
        kind = self.kind()
        if kind is None:
            return
        refused = self._submit(kind, self.inputs(), self.by_edit.text().strip())
        if refused:
            show_error(self.error, refused)
            return
        show_error(self.error, "")
        self.accept()

    @classmethod
    def ask(
        cls, context: BreachContext, submit: Submit, *, by: str = "", parent: QWidget | None = None
    ) -> Decimal | None:
        """Show the dialog until an assessment is saved (returns its total) or it is cancelled (None)."""
        dialog = cls(context, submit, by=by, parent=parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            total = dialog.total_text()
            return Decimal(total) if total else None
        finally:
            dialog.deleteLater()
