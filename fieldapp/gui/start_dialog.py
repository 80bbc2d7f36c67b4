"""Starting an inspection at one customer: the checklist and its version, the kind of inspection, and the
inspectors on site (the rules want at least two), then Go. Everything is a tap: a tablet in one hand, no
typing. After accept(), `inspection_id` names the inspection that was started."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import InspectionKind
from fieldapp.domain.errors import FieldappError
from fieldapp.domain.rules import MIN_INSPECTORS_ON_SITE
from fieldapp.gui.enum_labels import inspection_kind_label
from fieldapp.gui.flow_layout import FlowLayout
from fieldapp.gui.inspection_style import START_DIALOG_STYLE, TOUCH_PX
from fieldapp.gui.ui_language import pick, shows_english
from fieldapp.services.backend import Backend
from fieldapp.services.customer_profile import StartOptions, TemplateChoice, start_options
from fieldapp.services.customers import customer_rows
from fieldapp.services.inspections import start_inspection
from fieldapp.services.inspectors import InspectorRow

Index = QModelIndex | QPersistentModelIndex
ROW_PX = 76  # two lines of 14 pt text with padding: a comfortable row to tap
CodeRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ChecklistGroup:
    """One checklist code with its versions, newest first (start_options gives them in that order)."""

    code: str
    versions: tuple[TemplateChoice, ...]

    @property
    def latest(self) -> TemplateChoice:
        return next((v for v in self.versions if v.latest), self.versions[0])

    @property
    def for_this_customer(self) -> bool:
        return any(v.for_this_customer for v in self.versions)


def group_templates(templates: Sequence[TemplateChoice]) -> list[ChecklistGroup]:
    """Versions gathered under their code, in the order the codes first appear."""
    by_code: dict[str, list[TemplateChoice]] = {}
    for template in templates:
        by_code.setdefault(template.code, []).append(template)
    return [
        ChecklistGroup(code, tuple(sorted(versions, key=lambda v: v.version, reverse=True)))
        for code, versions in by_code.items()
    ]


class ChecklistListModel(QAbstractListModel):
    """The checklists one may start with, one row per code: the newest version's title, the code and
    version, and a mark on re-inspection checklists built for this customer."""

    def __init__(self, english: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self.english = english
        self.groups: list[ChecklistGroup] = []

    def set_groups(self, groups: Sequence[ChecklistGroup]) -> None:
        self.beginResetModel()
        self.groups = list(groups)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.groups)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.groups):
            return None
        group = self.groups[index.row()]
        latest = group.latest
        if role == Qt.ItemDataRole.DisplayRole:
            second = (
                self.tr("%1 · newest version %2").replace("%1", group.code).replace("%2", str(latest.version))
            )
            if group.for_this_customer:
                second += " · " + self.tr("built for this customer (re-inspection)")
            return f"{pick(self.english, latest.title_zh, latest.title_en)}\n{second}"
        if role == CodeRole:
            return group.code
        return None


class InspectorListModel(QAbstractListModel):
    """The active inspectors, each with a tick for "on site". A tap anywhere on a row toggles it (the
    view calls toggle), so the row is the target, not the small check box."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.inspectors: list[InspectorRow] = []
        self.ticked: set[uuid.UUID] = set()
        self.order: list[uuid.UUID] = []  # in the order they were ticked: the team's order on the notice

    def set_inspectors(self, inspectors: Sequence[InspectorRow]) -> None:
        self.beginResetModel()
        self.inspectors = list(inspectors)
        self.ticked.clear()
        self.order.clear()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.inspectors)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # Not ItemIsUserCheckable: the view toggles a row on a tap anywhere on it (clicked), and the
        # delegate's own handling of the small box would toggle a tap on the box a second time.
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.inspectors):
            return None
        inspector = self.inspectors[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            grade = self.tr("grade %1").replace("%1", inspector.grade.value)
            return f"{inspector.name}　{inspector.staff_no}\n{inspector.certificate_no} · {grade}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if inspector.id in self.ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(0, ROW_PX)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        if not 0 <= index.row() < len(self.inspectors):
            return False
        inspector_id = self.inspectors[index.row()].id
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        if state == Qt.CheckState.Checked and inspector_id not in self.ticked:
            self.ticked.add(inspector_id)
            self.order.append(inspector_id)
        elif state != Qt.CheckState.Checked and inspector_id in self.ticked:
            self.ticked.discard(inspector_id)
            self.order.remove(inspector_id)
        else:
            return True
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def toggle(self, row: int) -> None:
        index = self.index(row)
        checked = self.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        self.setData(
            index,
            Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def ticked_ids(self) -> list[uuid.UUID]:
        return list(self.order)


class StartInspectionDialog(QDialog):
    """Choose the checklist, its version, the kind and the team; Go starts the inspection."""

    def __init__(
        self,
        backend: Backend,
        customer_id: uuid.UUID,
        parent: QWidget | None = None,
        *,
        lang: str | None = None,
        actor: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("startInspectionDialog")
        self.setStyleSheet(START_DIALOG_STYLE)
        self.setWindowTitle(self.tr("Start an inspection"))
        self.backend = backend
        self.customer_id = customer_id
        self.actor = actor
        self.english = shows_english(lang)
        self.inspection_id: uuid.UUID | None = None
        self.groups: list[ChecklistGroup] = []
        self.template: TemplateChoice | None = None
        self.kind: InspectionKind | None = None

        title = QLabel(self.tr("Start an inspection"))
        title.setObjectName("dialogTitle")
        self.customer_label = QLabel()
        self.customer_label.setObjectName("customerLine")
        self.customer_label.setWordWrap(True)

        # Left: the checklist, its version and the kind.
        self.checklist_model = ChecklistListModel(self.english, self)
        self.checklist_view = QListView()
        self.checklist_view.setObjectName("checklistList")
        self.checklist_view.setModel(self.checklist_model)
        self.checklist_view.setWordWrap(True)
        self.checklist_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checklist_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checklist_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.checklist_view.setMinimumHeight(ROW_PX * 3)
        QScroller.grabGesture(
            self.checklist_view.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        self.checklist_view.selectionModel().currentChanged.connect(lambda current, _: self._group_chosen())

        self.version_box = QWidget()
        self.version_layout = FlowLayout(self.version_box)
        self.version_buttons = QButtonGroup(self)
        self.version_buttons.setExclusive(True)

        self.kind_box = QWidget()
        kind_layout = FlowLayout(self.kind_box)
        self.kind_buttons = QButtonGroup(self)
        self.kind_buttons.setExclusive(True)
        self.kind_button: dict[InspectionKind, QPushButton] = {}
        for kind in InspectionKind:
            button = self._button(inspection_kind_label(kind), f"kind_{kind.value}", checkable=True)
            button.clicked.connect(lambda _=False, chosen=kind: self._kind_chosen(chosen))
            self.kind_buttons.addButton(button)
            self.kind_button[kind] = button
            kind_layout.addWidget(button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(10)
        left_layout.addWidget(self._label(self.tr("Checklist")))
        left_layout.addWidget(self.checklist_view, 1)
        left_layout.addWidget(self._label(self.tr("Version")))
        left_layout.addWidget(self.version_box)
        left_layout.addWidget(self._label(self.tr("Kind of inspection")))
        left_layout.addWidget(self.kind_box)

        # Right: the team.
        self.inspector_model = InspectorListModel(self)
        self.inspector_view = QListView()
        self.inspector_view.setModel(self.inspector_model)
        self.inspector_view.clicked.connect(lambda index: self.inspector_model.toggle(index.row()))
        self.inspector_view.setObjectName("inspectorList")
        self.inspector_view.setWordWrap(True)
        self.inspector_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.inspector_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.inspector_view.setMinimumHeight(ROW_PX * 4)
        self.inspector_model.dataChanged.connect(lambda *_: self._update_go())
        self.team_hint = QLabel()
        self.team_hint.setObjectName("teamHint")
        self.team_hint.setWordWrap(True)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(10)
        right_layout.addWidget(self._label(self.tr("Inspectors on site (tap to tick)")))
        right_layout.addWidget(self.inspector_view, 1)
        right_layout.addWidget(self.team_hint)

        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(24)
        self.columns.addWidget(left, 3)
        self.columns.addWidget(right, 2)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(12)
        body_layout.addWidget(self.customer_label)
        body_layout.addLayout(self.columns, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self.message = QLabel()
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.cancel_button = self._button(self.tr("Cancel"), "cancelButton")
        self.go_button = self._button(self.tr("Start inspection"), "goButton")
        self.go_button.setMinimumWidth(260)
        self.cancel_button.clicked.connect(self.reject)
        self.go_button.clicked.connect(self.go)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.go_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(1100, 720)
        self._load()

    # -- building blocks ---------------------------------------------------------------------------------

    def _label(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("fieldLabel")
        return label

    def _button(self, text: str, name: str, *, checkable: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(TOUCH_PX)
        button.setMinimumWidth(TOUCH_PX)
        button.setCheckable(checkable)
        button.setAutoDefault(False)
        return button

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- data -------------------------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            rows = self.backend.call(customer_rows, [self.customer_id])
            options: StartOptions = self.backend.call(start_options, self.customer_id)
        except FieldappError as exc:
            self._say(str(exc))
            self.go_button.setEnabled(False)
            return
        if rows:
            self.customer_label.setText(
                self.tr("%1 · account no. %2").replace("%1", rows[0].name).replace("%2", rows[0].account_no)
            )
        self.groups = group_templates(options.templates)
        self.checklist_model.set_groups(self.groups)
        self.inspector_model.set_inspectors(options.inspectors)
        if self.groups:
            self.checklist_view.setCurrentIndex(self.checklist_model.index(self._preferred_group()))
        self._update_go()

    def _preferred_group(self) -> int:
        """A periodic checklist is what most visits use; otherwise the first one."""
        for row, group in enumerate(self.groups):
            if group.latest.kind is InspectionKind.PERIODIC and not group.for_this_customer:
                return row
        return 0

    def _group_chosen(self) -> None:
        row = self.checklist_view.currentIndex().row()
        if not 0 <= row < len(self.groups):
            return
        group = self.groups[row]
        for button in list(self.version_buttons.buttons()):
            self.version_buttons.removeButton(button)
            self.version_layout.removeWidget(button)
            button.deleteLater()
        for version in group.versions:
            text = self.tr("Version %1").replace("%1", str(version.version))
            if version.latest:
                text += " " + self.tr("(newest)")
            button = self._button(text, f"version_{version.version}", checkable=True)
            button.clicked.connect(lambda _=False, chosen=version: self._version_chosen(chosen))
            self.version_buttons.addButton(button)
            self.version_layout.addWidget(button)
            button.show()  # a layout shows new children only at the next turn of the event loop
            if version == group.latest:
                button.setChecked(True)
        self.version_box.updateGeometry()
        self._version_chosen(group.latest)

    def _version_chosen(self, template: TemplateChoice) -> None:
        self.template = template
        self._kind_chosen(template.kind)  # the template's own kind, which the inspector may change

    def _kind_chosen(self, kind: InspectionKind) -> None:
        self.kind = kind
        self.kind_button[kind].setChecked(True)
        self._update_go()

    def _update_go(self) -> None:
        ticked = len(self.inspector_model.ticked)
        enough = ticked >= MIN_INSPECTORS_ON_SITE
        if enough:
            self.team_hint.setText(self.tr("%1 inspectors on site").replace("%1", str(ticked)))
        else:
            self.team_hint.setText(
                self.tr("Tick at least %1 inspectors on site (%2 ticked)")
                .replace("%1", str(MIN_INSPECTORS_ON_SITE))
                .replace("%2", str(ticked))
            )
        self.team_hint.setProperty("tone", "ok" if enough else "")
        self.team_hint.style().unpolish(self.team_hint)
        self.team_hint.style().polish(self.team_hint)
        self.go_button.setEnabled(enough and self.template is not None and self.kind is not None)

    # -- go ---------------------------------------------------------------------------------------------

    def selected_template(self) -> TemplateChoice | None:
        return self.template

    def go(self) -> None:
        """Start the inspection; on a refusal (the service checks the team too) say why and stay open."""
        if self.template is None or self.kind is None:
            return
        try:
            self.inspection_id = self.backend.call(
                start_inspection,
                self.customer_id,
                self.template.template_id,
                self.inspector_model.ticked_ids(),
                kind=self.kind,
                actor=self.actor,
            )
        except FieldappError as exc:
            self._say(str(exc))
            return
        self._say("")
        self.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Side by side on a landscape screen; the team below the checklist in portrait.
        portrait = event.size().width() < 900
        self.columns.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)
