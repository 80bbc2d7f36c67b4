"""A floor for the `startup` benchmark, printed beside it: the bare window of startup_bare.py, after only
importing the storage layer's models (SQLAlchemy's ORM) and configuring their mappers, which any start on
the database must do. What the app takes beyond this is the app's own; this much it cannot avoid while
SQLAlchemy is the storage layer."""

import sys

from sqlalchemy.orm import configure_mappers

import fieldapp.store.models  # noqa: F401

configure_mappers()

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
