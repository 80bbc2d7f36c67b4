"""Sync exchanges off the GUI thread: an export, an import's preview (a dry run) or an import, one at a time.

The work is a plain function of a progress callback that calls the services through `backend.call`, so
each exchange has a Session of its own on the pool's thread (see fieldapp.gui.photo_worker for why that is
safe with SQLite). Results come back through signals of QObjects living on the GUI thread, so the slots
connected to them run there.

There is one runner for the whole app, not one per page: switching the language rebuilds every page, and
an import under way must neither be waited for (the window would freeze for its whole length) nor be
forgotten. The rebuilt Sync page connects to the same runner, finds the exchange running, and shows its
progress and its result. The runner lives as long as the application and, when it quits, stops an export
at its next step and lets an import (one transaction, all or nothing) finish before the database closes."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (what, done, total), as fieldapp.services.sync_export gives it
Work = Callable[[Progress], Any]

# The kinds of exchange, as the runner reports them.
EXPORT = "export"
PREVIEW = "preview"
IMPORT = "import"


class ExchangeCancelledError(Exception):
    """Raised inside the work by the progress callback once Cancel was asked for: the export stops where
    it is, its temporary files go, no bundle is written and the session is rolled back (no history)."""


class JobSignals(QObject):
    progress = Signal(str, int, int)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class SyncJob(QRunnable):
    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner holds it until it has reported
        self.work = work
        self.signals = JobSignals()  # created on the GUI thread, so its slots run there
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, what: str, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise ExchangeCancelledError
        self.signals.progress.emit(what, done, total)

    def run(self) -> None:
        try:
            result = self.work(self._progress)
        except ExchangeCancelledError:
            self.signals.cancelled.emit()
        except Exception as exc:  # said to the person, and kept in the log with its traceback
            log.exception("a sync exchange failed")
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.signals.done.emit(result)


class SyncRunner(QObject):
    started = Signal(str)  # kind
    progress = Signal(str, str, int, int)  # kind, what ("rows", "photos"), done, total
    finished = Signal(str, object)  # kind, the work's result
    failed = Signal(str, str)  # kind, the error's message
    cancelled = Signal(str)  # kind

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._job: SyncJob | None = None
        self._last: SyncJob | None = None  # the job that reported last, kept until the next one starts
        self.kind = ""
        self.last_progress: tuple[str, int, int] | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self, kind: str, work: Work) -> bool:
        """Run `work` on the pool; False (and nothing started) while another exchange runs."""
        if self._job is not None:
            return False
        job = SyncJob(work)
        job.signals.progress.connect(self._on_progress)
        job.signals.done.connect(self._on_done)
        job.signals.failed.connect(self._on_failed)
        job.signals.cancelled.connect(self._on_cancelled)
        self._job, self._last = job, None
        self.kind = kind
        self.last_progress = None
        self.started.emit(kind)
        self._pool.start(job)
        return True

    def cancel(self) -> None:
        """Stop an export at its next step. An import's check and merge have no steps to stop at: they
        run to the end (and an import is all or nothing)."""
        if self._job is not None:
            self._job.cancel()

    def wait(self) -> None:
        self._pool.waitForDone()

    def finish_before_quit(self) -> None:
        self.cancel()
        self.wait()

    def _end(self) -> str:
        kind, self.kind = self.kind, ""
        self._last, self._job = self._job, None
        return kind

    def _on_progress(self, what: str, done: int, total: int) -> None:
        if self._job is not None:
            self.last_progress = (what, done, total)
            self.progress.emit(self.kind, what, done, total)

    def _on_done(self, result: object) -> None:
        kind = self._end()
        self.finished.emit(kind, result)

    def _on_failed(self, message: str) -> None:
        kind = self._end()
        self.failed.emit(kind, message)

    def _on_cancelled(self) -> None:
        kind = self._end()
        self.cancelled.emit(kind)


_shared: SyncRunner | None = None


def shared_runner() -> SyncRunner:
    """The app's runner, made on first use, a child of the application (see the module's note)."""
    global _shared
    if _shared is None or not shiboken6.isValid(_shared):
        app = QCoreApplication.instance()
        _shared = SyncRunner(app)
        if app is not None:
            app.aboutToQuit.connect(_shared.finish_before_quit)
    return _shared
