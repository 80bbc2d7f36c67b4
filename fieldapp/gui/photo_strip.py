"""The photos of one checklist item or one finding (or an inspection's general photos) as a horizontal strip
of thumbnails large enough to tap, with what an inspector does to them: take one with the camera, import
several from files, caption, move left or right, annotate, delete.

Every action is stored the moment it is done (no Save button): a caption when the field is left or Enter is
pressed, an order on each move, a photo as soon as the pipeline has written it. Files go through the
pipeline on a worker thread (fieldapp.gui.photo_worker) so the strip and the rest of the window keep
responding; a batch shows its progress and can be cancelled. A file that cannot be stored is named in a
message below the strip; the other files of the batch are stored all the same.

Pages embed the strip and point it at a target with `show_for(...)`; `photos_changed` tells them when
anything about the strip's photos changed (to update a count or a "photo required" mark)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QStandardPaths,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScroller,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldappError
from fieldapp.gui.annotate import AnnotateDialog
from fieldapp.gui.flow_layout import FlowLayout
from fieldapp.gui.photo_worker import BatchOutcome, IngestJob, StripTarget

if TYPE_CHECKING:
    from fieldapp.gui.camera_dialog import CameraDialog
    from fieldapp.services.backend import Backend
    from fieldapp.services.photos import PhotoView

Index = QModelIndex | QPersistentModelIndex

THUMB_PX = 128  # shown thumbnail size: at least 96 px to tap and to recognise a meter or a seal
TOUCH_PX = 48
IMAGE_FILTER_PATTERNS = "*.jpg *.jpeg *.png *.tif *.tiff *.webp"
PhotoIdRole = Qt.ItemDataRole.UserRole + 1


def load_thumbnail(path: Path, fallback: Path, size: int = THUMB_PX * 2) -> QPixmap:
    """The stored thumbnail; when it is missing (a photo that came by sync), the photo itself read at a
    reduced size (JPEG decodes at 1/2, 1/4, 1/8 cheaply)."""
    for candidate in (path, fallback):
        if not candidate.is_file():
            continue
        reader = QImageReader(str(candidate))
        reader.setAutoTransform(True)
        original = reader.size()
        if original.isValid() and max(original.width(), original.height()) > size:
            reader.setScaledSize(original.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if not image.isNull():
            return QPixmap.fromImage(image)
    return QPixmap()


def _cancel_jobs(jobs: list[IngestJob]) -> None:
    for job in jobs:
        job.cancel()


class PhotoListModel(QAbstractListModel):
    """One strip's photos, in order, with their thumbnails (cached by SHA-256: a photo's bytes never
    change, so neither does its thumbnail)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.photos: list[PhotoView] = []
        self._thumbs: dict[str, QIcon] = {}
        self.photos_root: Path | None = None

    def set_photos(self, photos: Sequence[PhotoView], photos_root: Path) -> None:
        self.beginResetModel()
        self.photos = list(photos)
        self.photos_root = photos_root
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.photos)

    def row_of(self, photo_id: uuid.UUID) -> int:
        for row, photo in enumerate(self.photos):
            if photo.id == photo_id:
                return row
        return -1

    def label(self, row: int) -> str:
        photo = self.photos[row]
        text = (
            photo.caption.splitlines()[0]
            if photo.caption
            else self.tr("Photo %1").replace("%1", str(row + 1))
        )
        if photo.annotated_from_id is not None:
            text = self.tr("%1 (annotated)").replace("%1", text)
        return text

    def thumbnail(self, photo: PhotoView) -> QIcon:
        """An icon, not a pixmap: a view draws a pixmap at its own size but scales an icon to the view's
        icon size (the thumbnail is read at twice that, for sharp high-DPI screens)."""
        icon = self._thumbs.get(photo.sha256)
        if icon is None:
            from fieldapp.services.photos import photo_file, thumbnail_file

            if self.photos_root is None:
                return QIcon()
            icon = QIcon(
                load_thumbnail(
                    thumbnail_file(self.photos_root, photo.sha256), photo_file(self.photos_root, photo.sha256)
                )
            )
            self._thumbs[photo.sha256] = icon
        return icon

    def replace(self, photo: PhotoView) -> None:
        """Put a changed photo (a new caption) in its row without resetting the model."""
        row = self.row_of(photo.id)
        if row >= 0:
            self.photos[row] = photo
            self.dataChanged.emit(self.index(row), self.index(row))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.photos):
            return None
        photo = self.photos[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.label(index.row())
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(photo)
        if role == Qt.ItemDataRole.ToolTipRole:
            return photo.caption or self.label(index.row())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.label(index.row())
        if role == PhotoIdRole:
            return str(photo.id)
        return None


class PhotoStrip(QWidget):
    photos_changed = Signal()  # a photo was added, removed, moved, captioned or annotated
    busy_changed = Signal(bool)  # a batch of files started (True) or ended (False)

    def __init__(self, backend: Backend, parent: QWidget | None = None, *, actor: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("photoStrip")
        self.backend = backend
        self.actor = actor  # who is acting, for the audit trail (the inspector's staff number)
        self.target: StripTarget | None = None
        self.editable = False
        self.camera_dialog: CameraDialog | None = None
        self.annotate_dialog: AnnotateDialog | None = None
        self._jobs: list[IngestJob] = []
        self._queued = 0
        self._done = 0
        self._stored = 0
        self._failures: list[tuple[str, str]] = []
        self._cancelled = False
        self._last_folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        # One file at a time: SQLite has one writer, and a tablet has few cores to spare for the GUI.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # Leaving: the file being stored is finished, the rest of a batch is not started. `destroyed`
        # comes before the pool (a child) is deleted, whose destructor waits for the running job; a plain
        # function over the job list, because by then the strip's Python side may be gone.
        self.destroyed.connect(partial(_cancel_jobs, self._jobs))
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self._finish_before_quit)

        self.model = PhotoListModel(self)
        self.view = QListView()
        self.view.setObjectName("photoList")
        self.view.setModel(self.model)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setFlow(QListView.Flow.LeftToRight)
        self.view.setWrapping(False)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setIconSize(QSize(THUMB_PX, THUMB_PX))
        text_height = self.view.fontMetrics().height()
        self.view.setGridSize(QSize(THUMB_PX + 28, THUMB_PX + text_height + 20))
        self.view.setUniformItemSizes(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scrollbar = self.view.horizontalScrollBar().sizeHint().height()
        self.view.setFixedHeight(self.view.gridSize().height() + scrollbar + 2 * self.view.frameWidth() + 4)
        # Drag to scroll with a finger (a pen arrives as the left mouse button).
        QScroller.grabGesture(self.view.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._selection_changed())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

        self.empty_label = QLabel()
        self.empty_label.setObjectName("photoEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #5a6472; border: 1px dashed #9aa8b8; border-radius: 8px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.view)
        self.stack.setFixedHeight(self.view.height())

        self.caption_edit = QLineEdit()
        self.caption_edit.setObjectName("photoCaption")
        self.caption_edit.setPlaceholderText(self.tr("Caption of the selected photo"))
        self.caption_edit.setMinimumHeight(TOUCH_PX)
        self.caption_edit.setClearButtonEnabled(True)
        self.caption_edit.editingFinished.connect(self.save_caption)

        def button(text: str, name: str) -> QPushButton:
            made = QPushButton(text)
            made.setObjectName(name)
            made.setMinimumHeight(TOUCH_PX)
            made.setMinimumWidth(TOUCH_PX)
            made.setAutoDefault(False)
            return made

        self.camera_button = button(self.tr("Camera"), "photoCamera")
        self.import_button = button(self.tr("Import from files"), "photoImport")
        self.left_button = button("◀ " + self.tr("Move left"), "photoLeft")
        self.right_button = button(self.tr("Move right") + " ▶", "photoRight")
        self.annotate_button = button(self.tr("Annotate"), "photoAnnotate")
        self.delete_button = button(self.tr("Delete"), "photoDelete")
        self.camera_button.clicked.connect(self.open_camera)
        self.import_button.clicked.connect(self.import_from_files)
        self.left_button.clicked.connect(lambda: self.move_selected(-1))
        self.right_button.clicked.connect(lambda: self.move_selected(1))
        self.annotate_button.clicked.connect(self.annotate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.buttons_row = QWidget()
        buttons = FlowLayout(self.buttons_row)
        for made in (
            self.camera_button,
            self.import_button,
            self.left_button,
            self.right_button,
            self.annotate_button,
            self.delete_button,
        ):
            buttons.addWidget(made)

        # Batch progress: shown only while files are being stored.
        self.progress_row = QWidget()
        self.progress_row.setObjectName("photoProgress")
        self.progress = QProgressBar()
        self.progress.setMinimumHeight(28)
        self.progress_label = QLabel()
        self.cancel_button = button(self.tr("Cancel"), "photoCancel")
        self.cancel_button.clicked.connect(self.cancel_batch)
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.progress, 1)
        progress_layout.addWidget(self.cancel_button)
        self.progress_row.hide()

        self.message = QLabel()
        self.message.setObjectName("photoMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.stack)
        layout.addWidget(self.caption_edit)
        layout.addWidget(self.buttons_row)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.message)
        self._update_controls()

    # -- what the strip shows --------------------------------------------------------------------------

    def show_for(
        self,
        inspection_id: uuid.UUID,
        item_code: str | None = None,
        finding_id: uuid.UUID | None = None,
        editable: bool = True,
    ) -> None:
        """Show one strip: a finding's photos when finding_id is given, else an item's when item_code is,
        else the inspection's general photos. `editable` is False once the inspection is finalized."""
        self.target = StripTarget(inspection_id, item_code, finding_id)
        self.editable = editable
        self._say("")
        self.refresh()

    def refresh(self, select: uuid.UUID | None = None) -> None:
        """Read the strip again (after a change here or elsewhere), keeping the selected photo selected."""
        from fieldapp.services.photos import photos_for

        if self.caption_edit.isModified():
            self.save_caption()  # a caption being typed is kept, not lost to the reload
        if self.target is None:
            self.model.set_photos([], self.backend.paths.photos)
            self._update_controls()
            return
        keep = select or self.selected_id()
        photos = self.backend.call(
            photos_for, self.target.inspection_id, self.target.item_code, self.target.finding_id
        )
        self.model.set_photos(photos, self.backend.paths.photos)
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.view.scrollTo(self.model.index(row))
        self._update_controls()

    def photos(self) -> list[PhotoView]:
        return list(self.model.photos)

    def selected_row(self) -> int:
        rows = self.view.selectionModel().selectedIndexes()
        return rows[0].row() if rows else -1

    def selected_photo(self) -> PhotoView | None:
        row = self.selected_row()
        return self.model.photos[row] if 0 <= row < len(self.model.photos) else None

    def selected_id(self) -> uuid.UUID | None:
        photo = self.selected_photo()
        return photo.id if photo is not None else None

    def select_row(self, row: int) -> None:
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def is_busy(self) -> bool:
        return bool(self._jobs)

    def _selection_changed(self) -> None:
        photo = self.selected_photo()
        self.caption_edit.blockSignals(True)
        self.caption_edit.setText(photo.caption if photo is not None else "")
        self.caption_edit.blockSignals(False)
        self._update_controls()

    def _update_controls(self) -> None:
        has_target = self.target is not None
        count = len(self.model.photos)
        row = self.selected_row()
        selected = row >= 0
        can_change = has_target and self.editable
        self.stack.setCurrentIndex(1 if count else 0)
        if not has_target:
            self.empty_label.setText("")
        elif can_change:
            self.empty_label.setText(self.tr("No photos yet. Take one with the camera or import from files."))
        else:
            self.empty_label.setText(self.tr("No photos."))
        for made in (self.camera_button, self.import_button):
            made.setVisible(can_change)
        for made in (self.left_button, self.right_button, self.annotate_button, self.delete_button):
            made.setVisible(can_change and count > 0)
        self.left_button.setEnabled(selected and row > 0)
        self.right_button.setEnabled(selected and row < count - 1)
        self.annotate_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.caption_edit.setVisible(count > 0)
        self.caption_edit.setEnabled(selected)
        self.caption_edit.setReadOnly(not can_change)
        self.buttons_row.setVisible(can_change)

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e;" if problem else "color: #1f3a5f;")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _attempt(self, action: Any, *args: Any, **kwargs: Any) -> tuple[bool, Any]:
        """One use case through the backend: (True, its result), or (False, None) when it refused (a
        locked inspection, a caption too long), which is shown below the strip instead of raised into
        Qt's event loop."""
        try:
            return True, self.backend.call(action, *args, **kwargs)
        except FieldappError as exc:
            self._say(str(exc), problem=True)
            self.refresh()
            return False, None

    # -- captions, order, delete -----------------------------------------------------------------------

    def save_caption(self) -> None:
        from fieldapp.services.photos import set_caption

        photo = self.selected_photo()
        if photo is None or not self.editable:
            return
        text = self.caption_edit.text().strip()
        self.caption_edit.setModified(False)
        if text == photo.caption:
            return
        ok, view = self._attempt(set_caption, photo.id, text, actor=self.actor)
        if ok:
            self._say("")
            self.model.replace(view)
            self.photos_changed.emit()

    def move_selected(self, step: int) -> None:
        from fieldapp.services.photos import reorder_photos

        row = self.selected_row()
        if self.target is None or row < 0 or not 0 <= row + step < len(self.model.photos):
            return
        ids = [p.id for p in self.model.photos]
        ids[row], ids[row + step] = ids[row + step], ids[row]
        moved = ids[row + step]
        ok, _views = self._attempt(reorder_photos, self.target.inspection_id, ids, actor=self.actor)
        if ok:
            self.refresh(select=moved)
            self.photos_changed.emit()

    def delete_selected(self) -> None:
        from fieldapp.services.photos import delete_photo

        photo = self.selected_photo()
        if photo is None or not self.editable:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete photo"),
            self.tr("Delete the selected photo? It is removed from this inspection."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.selected_row()
        ok, _none = self._attempt(delete_photo, photo.id, actor=self.actor)
        if not ok:
            return
        self.refresh()
        if self.model.photos:
            self.select_row(min(row, len(self.model.photos) - 1))
        self.photos_changed.emit()

    # -- adding photos ---------------------------------------------------------------------------------

    def import_from_files(self) -> None:
        """Pick any number of image files; they are stored in the background."""
        if self.target is None or not self.editable:
            return
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import photos"),
            self._last_folder,
            self.tr("Images (%1);;All files (*)").replace("%1", IMAGE_FILTER_PATTERNS),
        )
        if not names:
            return
        self._last_folder = str(Path(names[0]).parent)
        self.add_files([Path(n) for n in names])

    def open_camera(self) -> None:
        if self.target is None or not self.editable:
            return
        # Imported on first use: QtMultimedia takes a while to load, and most strips never open a camera.
        from fieldapp.gui.camera_dialog import CameraDialog

        dialog = CameraDialog(self)
        dialog.captured.connect(lambda path: self.add_files([path], remove_after=True))
        dialog.import_requested.connect(self.import_from_files)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: setattr(self, "camera_dialog", None))
        self.camera_dialog = dialog
        dialog.resize(self.window().size())
        dialog.open()

    def add_files(self, files: Sequence[Path], *, remove_after: bool = False) -> None:
        """Store `files` in this strip on a worker thread. `remove_after` deletes each file once done
        (camera captures are temp files)."""
        if self.target is None or not files:
            return
        if not self._jobs:  # a new batch: forget the last one's counts and message
            self._queued = self._done = self._stored = 0
            self._failures = []
            self._cancelled = False
            self._say("")
        job = IngestJob(self.backend, files, self.target, actor=self.actor, remove_after=remove_after)
        job.signals.progress.connect(self._on_progress)
        job.signals.stored.connect(self._on_stored)
        job.signals.finished.connect(self._on_finished)
        self._jobs.append(job)
        self._queued += len(job.files)
        self._show_progress("")
        if len(self._jobs) == 1:
            self.busy_changed.emit(True)
        self._pool.start(job)

    def cancel_batch(self) -> None:
        for job in self._jobs:
            job.cancel()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(self.tr("Stopping…"))

    def _show_progress(self, name: str) -> None:
        self.progress_row.show()
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, max(1, self._queued))
        self.progress.setValue(self._done)
        text = (
            self.tr("Adding photos: %1 of %2").replace("%1", str(self._done)).replace("%2", str(self._queued))
        )
        self.progress_label.setText(text)
        self.progress_label.setToolTip(name)

    def _on_progress(self, _done: int, _total: int, name: str) -> None:
        self._done += 1
        self._show_progress(name)

    def _on_stored(self, view: PhotoView) -> None:
        # Shown at once, not at the end of the batch: the inspector sees each photo arrive. It is selected
        # unless a caption is being typed for another photo.
        self._stored += 1
        self.refresh(select=None if self.caption_edit.hasFocus() else view.id)
        self.photos_changed.emit()

    def _on_finished(self, outcome: BatchOutcome) -> None:
        self._jobs[:] = [job for job in self._jobs if id(job) != outcome.job]  # in place: see __init__
        self._failures.extend(outcome.failures)
        self._cancelled = self._cancelled or outcome.cancelled
        if self._jobs:
            return
        self.progress_row.hide()
        self._report()
        self.busy_changed.emit(False)

    def _report(self) -> None:
        parts: list[str] = []
        if self._cancelled:
            parts.append(
                self.tr("Stopped: %1 of %2 photos were added.")
                .replace("%1", str(self._stored))
                .replace("%2", str(self._queued))
            )
        elif self._stored:
            parts.append(self.tr("%n photo(s) added.", "", self._stored))
        if self._failures:
            parts.append(self.tr("%n file(s) could not be added:", "", len(self._failures)))
            parts.extend(f"• {message}" for _name, message in self._failures)
        self._say("\n".join(parts), problem=bool(self._failures))

    # -- annotation ------------------------------------------------------------------------------------

    def annotate_selected(self) -> None:
        photo = self.selected_photo()
        if photo is None or not self.editable:
            return
        self.save_caption()
        dialog = AnnotateDialog(self.backend, photo, self, actor=self.actor)
        dialog.saved.connect(self._on_annotated)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: setattr(self, "annotate_dialog", None))
        self.annotate_dialog = dialog
        dialog.resize(self.window().size())
        dialog.open()

    def _on_annotated(self, view: PhotoView) -> None:
        self.refresh(select=view.id)
        self._say(self.tr("The annotated photo was added after the original."))
        self.photos_changed.emit()

    def _finish_before_quit(self) -> None:
        """The app is quitting: finish the photo being stored before the database is closed."""
        _cancel_jobs(self._jobs)
        self._pool.waitForDone()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Files not yet started are not started; the one being stored finishes (nothing half done).
        self.cancel_batch()
        super().closeEvent(event)
