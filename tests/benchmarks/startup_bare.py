"""The baseline of the `startup` benchmark: a bare process that imports PySide6, shows an empty
QMainWindow (the size fieldapp opens at) and quits as soon as the event loop is idle, the same way
fieldapp.gui.app.run_gui does with quit_when_idle."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
