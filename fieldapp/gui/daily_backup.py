"""The day's backup (fieldapp.services.backups.take_daily_backup), taken by the window's start once its
data is shown: a few seconds later, on a pool thread, so neither the first paint nor the first tap waits
for it. SQLite's backup API reads one consistent snapshot while the inspector goes on working (WAL lets
the writes through)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from fieldapp.gui.photo_worker import BackgroundTask

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

log = logging.getLogger(__name__)

DAILY_BACKUP_DELAY_MS = 5000  # after the data is shown: the start's own work is done by then


class DailyBackup(QObject):
    taken = Signal(object)  # the backup's Path, or None when none was due (or PostgreSQL)
    failed = Signal(str)

    def __init__(self, backend: Backend, delay_ms: int | None = None) -> None:
        super().__init__()
        self.backend = backend
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DAILY_BACKUP_DELAY_MS if delay_ms is None else delay_ms)
        self._timer.timeout.connect(self.start)
        self._task: BackgroundTask | None = None

    def schedule(self) -> None:
        self._timer.start()

    def start(self) -> None:
        if self._task is not None:
            return
        backend = self.backend
        task = BackgroundTask(lambda: _take(backend))
        task.signals.done.connect(self.taken)
        task.signals.failed.connect(self.failed)
        self._task = task
        self._pool.start(task)

    def finish(self) -> None:
        """Before the database closes: a backup not started yet is not started; one under way is let
        finish (it is written under a temporary name, but a whole copy is worth the second it takes)."""
        self._timer.stop()
        self._pool.waitForDone()


def _take(backend: Backend) -> Path | None:
    from fieldapp.services.backups import take_daily_backup  # the storage stack is loaded by now

    try:
        return take_daily_backup(backend.database, backend.paths.backups)
    except Exception:
        log.exception("the daily backup failed")  # with its traceback, in the log for support
        raise
