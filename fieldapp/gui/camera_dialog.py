"""Taking photos with the tablet's camera: a live preview, a large capture button, and a switch between the
front and back cameras when there is more than one. Each capture is written to a temp file and handed on
through `captured`; the photo strip puts it through the same pipeline as an imported file, so a camera
photo and an imported one are stored alike. The dialog stays open for the next photo.

When there is no camera, or the camera fails, the dialog says so plainly and offers import from files."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QImageCapture,
    QMediaCaptureSession,
    QMediaDevices,
)
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

TOUCH_PX = 48


def capture_folder() -> Path:
    """Where captures wait for the pipeline (the strip deletes each once it is stored or refused)."""
    folder = Path(tempfile.gettempdir()) / "fieldapp-camera"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _back_first(cameras: list[QCameraDevice]) -> list[QCameraDevice]:
    """The back camera first: inspectors photograph equipment, not themselves."""
    back = [c for c in cameras if c.position() == QCameraDevice.Position.BackFace]
    return back + [c for c in cameras if c not in back]


class CameraDialog(QDialog):
    captured = Signal(object)  # Path of a JPEG temp file, one per photo taken
    import_requested = Signal()  # the person chose import from files instead (the dialog has closed)

    def __init__(self, parent: QWidget | None = None, *, capture_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraDialog")
        self.setWindowTitle(self.tr("Camera"))
        self.setMinimumSize(640, 480)
        self._capture_dir = capture_dir
        self.cameras = _back_first(list(QMediaDevices.videoInputs()))
        self._camera_index = 0
        self._camera: QCamera | None = None
        self._image_capture: QImageCapture | None = None
        self._session: QMediaCaptureSession | None = None
        self.taken = 0

        self.pages = QStackedWidget()

        # The problem page: no camera, or a camera that failed.
        problem = QWidget()
        self.problem_label = QLabel()
        self.problem_label.setObjectName("cameraProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem_label.setStyleSheet("font-size: 16pt;")
        self.import_button = QPushButton(self.tr("Import from files"))
        self.import_button.setObjectName("cameraImport")
        self.import_button.setMinimumWidth(200)
        self.import_button.clicked.connect(self._import_instead)
        problem_layout = QVBoxLayout(problem)
        problem_layout.addStretch(1)
        problem_layout.addWidget(self.problem_label)
        problem_layout.addSpacing(16)
        problem_layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignHCenter)
        problem_layout.addStretch(1)

        # The camera page: preview and capture.
        camera_page = QWidget()
        self.preview = QVideoWidget()
        self.preview.setObjectName("cameraPreview")
        self.capture_button = QPushButton(self.tr("Take photo"))
        self.capture_button.setObjectName("cameraCapture")
        self.capture_button.setMinimumSize(160, 64)
        self.capture_button.clicked.connect(self.capture)
        self.switch_button = QPushButton(self.tr("Switch camera"))
        self.switch_button.setObjectName("cameraSwitch")
        self.switch_button.clicked.connect(self.switch_camera)
        self.switch_button.setVisible(len(self.cameras) > 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("cameraCount")
        controls = QHBoxLayout()
        controls.addWidget(self.switch_button)
        controls.addStretch(1)
        controls.addWidget(self.count_label)
        controls.addStretch(1)
        controls.addWidget(self.capture_button)
        camera_layout = QVBoxLayout(camera_page)
        camera_layout.setContentsMargins(0, 0, 0, 0)
        camera_layout.addWidget(self.preview, 1)
        camera_layout.addLayout(controls)

        self.pages.addWidget(problem)
        self.pages.addWidget(camera_page)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("cameraClose")
        self.close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        for button in (self.import_button, self.capture_button, self.switch_button, self.close_button):
            button.setMinimumHeight(max(button.minimumHeight(), TOUCH_PX))
        self._show_count()

        if self.cameras:
            self._start_camera()
        else:
            self.show_problem(self.tr("No camera was found on this device."))

    # -- state -----------------------------------------------------------------------------------------

    @property
    def has_camera(self) -> bool:
        return self.pages.currentIndex() == 1

    def show_problem(self, reason: str) -> None:
        """Say plainly why there is no preview, and offer import from files instead."""
        self._stop_camera()
        self.problem_label.setText(reason + "\n" + self.tr("You can import photos from files instead."))
        self.pages.setCurrentIndex(0)

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%n photo(s) taken", "", self.taken) if self.taken else "")

    # -- the camera ------------------------------------------------------------------------------------

    def _start_camera(self) -> None:
        device = self.cameras[self._camera_index]
        camera = QCamera(device)
        camera.errorOccurred.connect(self._on_camera_error)
        image_capture = QImageCapture()
        image_capture.setFileFormat(QImageCapture.FileFormat.JPEG)
        image_capture.setQuality(QImageCapture.Quality.VeryHighQuality)
        image_capture.imageSaved.connect(self._on_image_saved)
        image_capture.errorOccurred.connect(self._on_capture_error)
        image_capture.readyForCaptureChanged.connect(self.capture_button.setEnabled)
        session = QMediaCaptureSession()
        session.setCamera(camera)
        session.setImageCapture(image_capture)
        session.setVideoOutput(self.preview)
        self._camera, self._image_capture, self._session = camera, image_capture, session
        self.capture_button.setEnabled(image_capture.isReadyForCapture())
        self.pages.setCurrentIndex(1)
        camera.start()
        if camera.error() != QCamera.Error.NoError:  # some backends report a failure at once
            self._on_camera_error(camera.error(), camera.errorString())

    def _stop_camera(self) -> None:
        if self._camera is not None:
            self._camera.errorOccurred.disconnect(self._on_camera_error)
            self._camera.stop()
        self._camera = self._image_capture = self._session = None

    def switch_camera(self) -> None:
        if len(self.cameras) < 2:
            return
        self._stop_camera()
        self._camera_index = (self._camera_index + 1) % len(self.cameras)
        self._start_camera()

    def capture(self) -> None:
        if self._image_capture is None or not self._image_capture.isReadyForCapture():
            return
        folder = self._capture_dir or capture_folder()
        self._image_capture.captureToFile(str(folder / f"capture-{uuid.uuid4().hex}.jpg"))

    def _on_camera_error(self, _error: QCamera.Error, message: str) -> None:
        self.show_problem(self.tr("The camera cannot be used: %1").replace("%1", message or "?"))

    def _on_capture_error(self, _id: int, _error: QImageCapture.Error, message: str) -> None:
        self.show_problem(self.tr("The photo could not be taken: %1").replace("%1", message or "?"))

    def _on_image_saved(self, _id: int, file_name: str) -> None:
        self.handle_captured_file(Path(file_name))

    def handle_captured_file(self, path: Path) -> None:
        """A capture is on disk: pass it on for the pipeline and count it."""
        self.taken += 1
        self._show_count()
        self.captured.emit(Path(path))

    # -- leaving ---------------------------------------------------------------------------------------

    def _import_instead(self) -> None:
        self.accept()
        self.import_requested.emit()

    def done(self, result: int) -> None:
        self._stop_camera()  # the camera's light goes off with the dialog
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_camera()
        super().closeEvent(event)
