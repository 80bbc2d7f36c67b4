"""The app's log: a rotating file in the data folder's logs/ for support, and the recent records in memory
for the log window (Settings → Show log…).

Configured once at start by the command line and by the GUI (`configure_logging`); configuring again for
another folder moves the file, and the records in memory stay. The handlers sit on the root logger, so a
library's warnings are kept too; the level (FIELDAPP_LOG_LEVEL, default INFO) is that of the app's own
`fieldapp` logger, so DEBUG shows the app's detail without the libraries' chatter.

Qt-free and SQLAlchemy-free: the crash handler and the command line use it before either is imported, and
`logging.handlers` (15 ms of imports: socket, pickle, queue) is only imported when the file is attached,
which the GUI does after its first paint."""

from __future__ import annotations

import logging
import os
import re
import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

LOG_LEVEL_ENV = "FIELDAPP_LOG_LEVEL"
LOG_FILE_NAME = "fieldapp.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUP_COUNT = 5  # fieldapp.log.1 … .5: 6 MB at most
RECENT_CAPACITY = 2000
APP_LOGGER = "fieldapp"
LOG_FORMAT = "%(asctime)s %(levelname)-8s [%(process)d %(threadName)s] %(name)s: %(message)s"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LogLine:
    """One record as the log window shows it: formatted when it was logged, so later changes to the
    objects it mentions do not change it."""

    level: int
    text: str


class RecentLog(logging.Handler):
    """The last `capacity` records, formatted, in memory. Thread-safe: workers log too."""

    def __init__(self, capacity: int = RECENT_CAPACITY) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter(LOG_FORMAT))
        self._lines: deque[LogLine] = deque(maxlen=capacity)
        self._total = 0
        self._guard = threading.Lock()

    @property
    def capacity(self) -> int:
        return self._lines.maxlen or 0

    @property
    def total(self) -> int:
        """How many records were ever kept (not only those still held): a viewer refreshes when it grows."""
        return self._total

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = LogLine(record.levelno, self.format(record))
        except Exception:
            self.handleError(record)
            return
        with self._guard:
            self._lines.append(line)
            self._total += 1

    def lines(self, min_level: int = logging.NOTSET) -> list[LogLine]:
        with self._guard:
            held = list(self._lines)
        return [line for line in held if line.level >= min_level]

    def text(self, min_level: int = logging.NOTSET, *, last: int | None = None) -> str:
        chosen = self.lines(min_level)
        if last is not None:
            chosen = chosen[-last:] if last > 0 else []
        return "\n".join(line.text for line in chosen)


def _rotating_file(path: Path) -> RotatingFileHandler:
    from logging.handlers import RotatingFileHandler

    class PatientRotatingFileHandler(RotatingFileHandler):
        """Windows will not rename a file another process has open (a command run while the window is
        open): the rotation is put off, instead of failing for every record after it."""

        def doRollover(self) -> None:  # noqa: N802 - the standard library's name
            try:
                super().doRollover()
            except OSError:
                if self.stream is None:
                    self.stream = self._open()
                self.maxBytes = self.stream.tell() + LOG_MAX_BYTES  # try again after another LOG_MAX_BYTES

    handler = PatientRotatingFileHandler(
        path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    return handler


@dataclass
class _State:
    recent: RecentLog | None = None
    file_handler: logging.Handler | None = None
    file_path: Path | None = None


_state = _State()
_state_lock = threading.Lock()


def recent_log() -> RecentLog:
    """The in-memory handler on the root logger, installed by the first call (cheap: no file, no import)."""
    with _state_lock:
        if _state.recent is None:
            _state.recent = RecentLog()
            logging.getLogger().addHandler(_state.recent)
            _app_logger_level()
        return _state.recent


def configure_logging(logs_dir: Path | None) -> RecentLog:
    """The in-memory log and, when `logs_dir` can be written, the rotating file in it. Safe to call again:
    the same folder changes nothing, another one moves the file there."""
    recent = recent_log()
    level_problem = _app_logger_level()
    with _state_lock:
        target = logs_dir / LOG_FILE_NAME if logs_dir is not None else None
        if target == _state.file_path:
            return recent
        root = logging.getLogger()
        if _state.file_handler is not None:
            root.removeHandler(_state.file_handler)
            _state.file_handler.close()
            _state.file_handler = None
            _state.file_path = None
        problem = None
        if target is not None:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                _state.file_handler = _rotating_file(target)
            except OSError as exc:  # a read-only or missing data folder: the app still runs, unlogged to disk
                problem = f"no log file in {target.parent}: {exc.strerror or exc}"
            else:
                _state.file_path = target
                root.addHandler(_state.file_handler)
    if level_problem:
        log.warning(level_problem)
    if problem:
        log.warning(problem)
    return recent


def log_file() -> Path | None:
    """The file the log is being written to, if any."""
    return _state.file_path


def log_files(logs_dir: Path) -> list[Path]:
    """fieldapp.log and its rotated predecessors, newest first."""
    found = [p for p in logs_dir.glob(f"{LOG_FILE_NAME}*") if p.is_file() and _is_log_name(p.name)]
    return sorted(found, key=lambda p: _rotation_index(p.name))


def _is_log_name(name: str) -> bool:
    return name == LOG_FILE_NAME or re.fullmatch(re.escape(LOG_FILE_NAME) + r"\.\d+", name) is not None


def _rotation_index(name: str) -> int:
    suffix = name[len(LOG_FILE_NAME) :]
    return int(suffix[1:]) if suffix else 0


def parse_level(text: str | None) -> int | None:
    """A level from its name (debug, INFO …) or number; None when it is neither."""
    if text is None or not text.strip():
        return logging.INFO
    value = text.strip()
    if value.isdigit():
        return int(value)
    level = logging.getLevelNamesMapping().get(value.upper())
    return level


def _app_logger_level() -> str | None:
    """Set the `fieldapp` logger's level from FIELDAPP_LOG_LEVEL; the problem, if the value is not a level."""
    raw = os.environ.get(LOG_LEVEL_ENV)
    level = parse_level(raw)
    logging.getLogger(APP_LOGGER).setLevel(level if level is not None else logging.INFO)
    if level is None:
        return f"{LOG_LEVEL_ENV}={raw!r} is not a log level (DEBUG, INFO, WARNING, ERROR): using INFO"
    return None
