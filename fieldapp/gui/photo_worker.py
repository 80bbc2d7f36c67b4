"""Photo work off the GUI thread: a batch of files through the ingest pipeline (with progress and cancel),
and one-off background tasks (saving an annotated photo).

The pipeline and the services are Qt-free; a job calls them through `backend.call` from the pool's thread,
which gives the job a Session (and a pooled connection) of its own: SQLAlchemy's SQLite pool hands out
connections opened with check_same_thread=False, and SQLite's busy timeout (fieldapp.store.engine) lets
the worker's writes wait for a caption typed on the GUI thread instead of failing.

Results come back through the signals of a QObject that lives on the GUI thread, so the slots connected to
them run there (queued connections), never on the worker's thread."""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Signal

from fieldapp.domain.errors import FieldappError

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend
    from fieldapp.services.photos import PhotoView


@dataclass(frozen=True)
class StripTarget:
    """Which strip photos go to: an inspection's general photos, a checklist item's or a finding's."""

    inspection_id: uuid.UUID
    item_code: str | None = None
    finding_id: uuid.UUID | None = None


@dataclass
class BatchOutcome:
    job: int  # id() of the IngestJob that reports it
    total: int
    stored: list[PhotoView] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file name, message)
    cancelled: bool = False


class IngestSignals(QObject):
    progress = Signal(int, int, str)  # files done, files in the batch, the file just done
    stored = Signal(object)  # PhotoView, as soon as each photo is stored
    finished = Signal(object)  # BatchOutcome


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _naming(path: Path, message: str) -> str:
    """The message with the file's name in it (the pipeline's own messages name it already)."""
    return message if path.name in message else f"{path.name}: {message}"


class IngestJob(QRunnable):
    """Adds `files` to a strip one by one. A bad file is reported (its message names it) and skipped; the
    rest of the batch goes on. Cancel stops before the next file: a file already being stored is finished,
    so nothing is left half done."""

    def __init__(
        self,
        backend: Backend,
        files: Sequence[Path],
        target: StripTarget,
        *,
        actor: str = "",
        remove_after: bool = False,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the strip holds the job until it reports, then lets it go
        self.backend = backend
        self.files = [Path(f) for f in files]
        self.target = target
        self.actor = actor
        self.remove_after = remove_after  # camera captures are temp files: gone once stored (or refused)
        self.signals = IngestSignals()  # created on the GUI thread, so its slots run there
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop before the next file. Not for camera captures (`remove_after`): each is the only copy of
        a photo the inspector took, so they are always stored, even when the app is quitting or the strip
        goes away."""
        if not self.remove_after:
            self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        # Imported here, not at module level: the GUI modules must not load SQLAlchemy when imported.
        from fieldapp.services.photos import add_photo

        outcome = BatchOutcome(job=id(self), total=len(self.files))
        for done, path in enumerate(self.files, start=1):
            if self._cancel.is_set():
                outcome.cancelled = True
                break
            try:
                view = self.backend.call(
                    add_photo,
                    self.backend.paths.photos,
                    path,
                    inspection_id=self.target.inspection_id,
                    item_code=self.target.item_code,
                    finding_id=self.target.finding_id,
                    actor=self.actor,
                )
            except FieldappError as exc:  # a bad file (PhotoError), a locked inspection, the database
                outcome.failures.append((path.name, _naming(path, _reason(exc))))
            except Exception as exc:  # a worker that dies silently would leave the strip "busy"
                outcome.failures.append((path.name, f"{path}: {_reason(exc)}"))
            else:
                outcome.stored.append(view)
                self.signals.stored.emit(view)
            finally:
                if self.remove_after:
                    with contextlib.suppress(OSError):
                        path.unlink()
            self.signals.progress.emit(done, len(self.files), path.name)
        if self.remove_after and outcome.cancelled:
            for path in self.files[len(outcome.stored) + len(outcome.failures) :]:
                with contextlib.suppress(OSError):
                    path.unlink()
        self.signals.finished.emit(outcome)


class TaskSignals(QObject):
    done = Signal(object)  # the task's result
    failed = Signal(str)  # the error's message, for a person


class BackgroundTask(QRunnable):
    """One callable run on a pool thread; its result or its error's message comes back as a signal."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = TaskSignals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the person, not lost on a thread
            self.signals.failed.emit(_reason(exc))
        else:
            self.signals.done.emit(result)
