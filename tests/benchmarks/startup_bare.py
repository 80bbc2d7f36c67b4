"""The baseline of the `startup` benchmark: a bare process that imports PySide6, shows an empty
QMainWindow (the size fieldapp opens at), runs the event loop until the window's first paint the way
fieldapp.gui.app.run_gui waits for its own (a paintEvent that ends a local event loop), and quits as soon
as the event loop is idle. When FIELDAPP_STARTUP_PROBE names a file, the time of the first paint
(time.perf_counter, a system-wide clock) is written there as JSON, as the app writes its own."""

import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QMainWindow


class Window(QMainWindow):
    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        self.loop.quit()


app = QApplication(sys.argv[:1])
loop = QEventLoop()
window = Window(loop)
window.resize(1280, 800)
window.show()
QTimer.singleShot(3000, loop.quit)  # as in the app: a window that is never painted must not hang
loop.exec()
first_paint = time.perf_counter()
probe = os.environ.get("FIELDAPP_STARTUP_PROBE")
if probe:
    Path(probe).write_text(json.dumps({"first_paint": first_paint}), encoding="utf-8")
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
