"""The Sync page's export: the folder (remembered), whom the export is for, everything or only the changes
since the last export to them; Export runs on the sync runner with a progress bar (records, then photos)
and Cancel, and ends with the file's name, size and counts, and its path to copy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldappError
from fieldapp.gui.page_kit import BUTTON_HEIGHT, error_label, local_time_text, show_error
from fieldapp.gui.sync_kit import caption, last_folder, note_label, path_label, remember_folder, start_folder
from fieldapp.gui.sync_models import megabytes
from fieldapp.gui.sync_worker import EXPORT, Progress, SyncRunner
from fieldapp.services.exchange_list import known_peers
from fieldapp.services.sync_export import ExportSummary, export_bundle, last_export_to

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

PEER_FIELD_WIDTH = 420


def _button(text: str, name: str, *, checkable: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setMinimumHeight(BUTTON_HEIGHT)
    button.setCheckable(checkable)
    return button


class ExportPane(QWidget):
    exported = Signal(object)  # ExportSummary: a bundle was written

    def __init__(self, backend: Backend, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner
        self.folder: Path | None = None

        self.error = error_label()
        intro = note_label()
        intro.setText(
            self.tr(
                "Writes one .fieldsync file for the office or another tablet: the records as an Excel "
                "workbook, the photos, and a manifest. Carry it on a USB stick or put it in a shared folder."
            )
        )
        self.folder_label = path_label("exportFolder")
        self.folder_button = _button(self.tr("Choose folder…"), "chooseFolderButton")
        self.folder_button.clicked.connect(self.choose_folder)

        self.peer_combo = QComboBox()
        self.peer_combo.setObjectName("peerCombo")
        self.peer_combo.setEditable(True)
        self.peer_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.peer_combo.setMaximumWidth(PEER_FIELD_WIDTH)
        self.peer_combo.setMinimumWidth(240)
        self.peer_combo.currentTextChanged.connect(lambda _text: self.update_scope())
        self.full_button = _button(self.tr("Everything"), "fullButton", checkable=True)
        self.changes_button = _button(self.tr("Only the changes"), "changesButton", checkable=True)
        self.scope_group = QButtonGroup(self)
        self.scope_group.setExclusive(True)
        self.scope_group.addButton(self.full_button)
        self.scope_group.addButton(self.changes_button)
        self.changes_button.setChecked(True)
        self.scope_group.buttonClicked.connect(lambda _button: self.update_scope())
        self.scope_note = note_label()
        self.scope_note.setObjectName("scopeNote")

        self.export_button = _button(self.tr("Export"), "primaryButton")
        self.export_button.setProperty("action", "export")
        self.export_button.clicked.connect(self.export)
        self.cancel_button = _button(self.tr("Cancel"), "cancelExportButton")
        self.cancel_button.clicked.connect(self._cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress_label = note_label()
        self.progress_label.setObjectName("exportProgressLabel")
        self.progress.hide()
        self.progress_label.hide()

        self.result_box = QFrame()
        self.result_box.setObjectName("fieldBox")
        self.result_label = QLabel()
        self.result_label.setObjectName("fieldValue")
        self.result_label.setWordWrap(True)
        self.result_path = path_label("exportedFile")
        result = QVBoxLayout(self.result_box)
        result.setContentsMargins(14, 10, 14, 10)
        result.setSpacing(6)
        result.addWidget(self.result_label)
        result.addWidget(self.result_path)
        self.result_box.hide()

        folder_row = QHBoxLayout()
        folder_row.setSpacing(12)
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)
        scope_row = QHBoxLayout()
        scope_row.setSpacing(8)
        scope_row.addWidget(self.full_button)
        scope_row.addWidget(self.changes_button)
        scope_row.addStretch(1)
        actions = QHBoxLayout()
        actions.setSpacing(12)
        actions.addWidget(self.export_button)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.error)
        layout.addSpacing(6)
        layout.addWidget(caption(self.tr("Save to folder")))
        layout.addLayout(folder_row)
        layout.addSpacing(6)
        layout.addWidget(caption(self.tr("For whom (the office, or another tablet's name)")))
        layout.addWidget(self.peer_combo)
        layout.addSpacing(6)
        layout.addWidget(caption(self.tr("What to export")))
        layout.addLayout(scope_row)
        layout.addWidget(self.scope_note)
        layout.addSpacing(6)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.result_box)
        layout.addStretch(1)

        runner.started.connect(self._runner_changed)
        runner.progress.connect(self._on_progress)
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        runner.cancelled.connect(self._on_cancelled)
        self._show_folder()
        self._runner_changed()

    # -- what to export -------------------------------------------------------------------------------

    def load(self) -> None:
        """The remembered folder and the peers of the history (the last one chosen)."""
        self.folder = self.folder or last_folder(self._backend)
        self._show_folder()
        try:
            peers = self._backend.call(known_peers)
        except FieldappError as exc:
            show_error(self.error, self.tr("Could not read the exchange history: %1").replace("%1", str(exc)))
            peers = []
        typed = self.peer_combo.currentText().strip()
        suggestion = self.tr("Office")
        self.peer_combo.blockSignals(True)
        try:
            self.peer_combo.clear()
            self.peer_combo.addItems(peers if suggestion in peers else [*peers, suggestion])
            self.peer_combo.setCurrentText(typed or (peers[0] if peers else suggestion))
        finally:
            self.peer_combo.blockSignals(False)
        self.update_scope()

    @property
    def peer(self) -> str:
        return self.peer_combo.currentText().strip()

    def _show_folder(self) -> None:
        self.folder_label.setText(str(self.folder) if self.folder else self.tr("No folder chosen yet."))

    def choose_folder(self) -> bool:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the folder for the sync file"), start_folder(self._backend)
        )
        if not chosen:
            return False
        self.folder = Path(chosen)
        remember_folder(self._backend, self.folder)
        self._show_folder()
        return True

    def update_scope(self) -> None:
        """Say what the export will hold, before it is made."""
        peer = self.peer
        if self.full_button.isChecked():
            text = self.tr("Every record and every photo goes.")
        elif not peer:
            text = self.tr(
                "Name whom the export is for: what was stored here since the last export to them goes."
            )
        else:
            try:
                last = self._backend.call(last_export_to, peer)
            except FieldappError:
                last = None
            if last is None:
                text = self.tr("Nothing was exported to %1 yet: this first export holds everything.")
            else:
                text = self.tr("Last export to %1: %2. What was stored here since then goes.").replace(
                    "%2", local_time_text(last)
                )
            text = text.replace("%1", peer)
        self.scope_note.setText(text)

    # -- exporting ------------------------------------------------------------------------------------

    def export(self) -> bool:
        """Write the bundle on the runner; False when nothing was started."""
        if self._runner.busy:
            return False
        show_error(self.error, "")
        full = self.full_button.isChecked()
        peer = self.peer
        if not full and not peer:
            show_error(self.error, self.tr("Name whom the export is for, or choose Everything."))
            return False
        if self.folder is None or not self.folder.is_dir():
            if self.folder is not None:
                show_error(
                    self.error,
                    self.tr("The folder %1 is not there (a USB stick taken out?). Choose another.").replace(
                        "%1", str(self.folder)
                    ),
                )
            if not self.choose_folder():
                return False
            show_error(self.error, "")
        folder = self.folder
        assert folder is not None
        backend = self._backend

        def work(progress: Progress) -> ExportSummary:
            return backend.call(
                export_bundle, folder, backend.paths.photos, peer=peer or None, full=full, progress=progress
            )

        self.result_box.hide()
        return self._runner.start(EXPORT, work)

    def _cancel(self) -> None:
        self._runner.cancel()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(self.tr("Stopping…"))

    def _runner_changed(self, _kind: str = "") -> None:
        """Buttons and progress as the runner is: one exchange at a time, whichever page started it."""
        busy = self._runner.busy
        exporting = busy and self._runner.kind == EXPORT
        for widget in (self.export_button, self.folder_button):
            widget.setEnabled(not busy)
        self.cancel_button.setVisible(exporting)
        self.cancel_button.setEnabled(exporting)
        self.progress.setVisible(exporting)
        self.progress_label.setVisible(busy)
        if exporting:
            self.progress.setRange(0, 0)  # busy until the first count arrives
            self.progress_label.setText(self.tr("Preparing the export…"))
            if self._runner.last_progress is not None:
                self._on_progress(EXPORT, *self._runner.last_progress)
        elif busy:
            self.progress_label.setText(self.tr("An import is running. Export when it is done."))

    def _on_progress(self, kind: str, what: str, done: int, total: int) -> None:
        if kind != EXPORT:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        if what == "photos":
            text = self.tr("Adding photos: %1 of %2")
        else:
            text = self.tr("Writing records: %1 of %2")
        self.progress_label.setText(text.replace("%1", str(done)).replace("%2", str(total)))

    def _on_finished(self, kind: str, result: object) -> None:
        self._runner_changed()
        if kind != EXPORT or not isinstance(result, ExportSummary):
            return
        if result.full:
            scope = self.tr("everything")
        else:
            since = local_time_text(result.since) if result.since else ""
            scope = self.tr("changes since %1").replace("%1", since)
        self.result_label.setText(
            self.tr("Exported %1 (%2): %3 records, %4 photos, %5.")
            .replace("%1", result.path.name)
            .replace("%2", scope)
            .replace("%3", str(result.total_rows))
            .replace("%4", str(result.photos))
            .replace("%5", megabytes(result.bytes))
        )
        self.result_path.setText(str(result.path))
        self.result_path.show()
        self.result_box.show()
        self.update_scope()
        self.exported.emit(result)

    def _on_failed(self, kind: str, message: str) -> None:
        self._runner_changed()
        if kind == EXPORT:
            show_error(self.error, self.tr("The export failed: %1").replace("%1", message))

    def _on_cancelled(self, kind: str) -> None:
        self._runner_changed()
        if kind == EXPORT:
            self.result_label.setText(self.tr("Export cancelled: no file was written."))
            self.result_path.hide()
            self.result_box.show()
