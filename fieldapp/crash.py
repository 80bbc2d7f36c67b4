"""What happens when the app meets an error nobody expected: a crash report for support in the data
folder's crashes/, a line in the log, and then a dialog (the GUI passes `present`, fieldapp.gui.crash_dialog)
or, without one (the command line, tests, an unattended start), the report's place on stderr.

`CrashHandler.install()` takes over sys.excepthook (the main thread, and the slots Qt calls), and
threading.excepthook (worker threads), and points faulthandler at a file in crashes/ so that a hard crash
(a segfault in a C library, which no Python hook sees) still leaves its trace; the next start turns that
trace into a report. `uninstall()` puts back what was there, so tests and a command line that runs the GUI
can nest it.

Qt-free: the dialog is the GUI's business, reached only through `present`."""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import IO

from fieldapp.logs import RecentLog

log = logging.getLogger(__name__)

REPORT_PREFIX = "crash-"
FATAL_PREFIX = "fatal-"
KEEP_REPORTS = 50  # the newest; older reports are deleted when a new one is written
MAX_REPORTS_PER_RUN = 20  # an error repeating in a paint event must not fill the disk
RECENT_LINES = 200
# A trace file left by a process that was killed (not crashed) stays empty; it is removed once this old.
STALE_FATAL_FILE = timedelta(days=7)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


@dataclass(frozen=True)
class CrashReport:
    path: Path | None  # None when it could not be written (a full disk, a read-only folder)
    summary: str  # "ValueError: …", one line
    text: str  # the whole report, for "Copy report"
    signature: str  # the same error at the same place gives the same signature


def _stamp(when: datetime) -> str:
    return when.strftime("%Y%m%d-%H%M%S-%f")


def _summary(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()
    name = type(exc).__qualname__
    return f"{name}: {message[0]}" if message else name


def _signature(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    import hashlib  # OpenSSL's: a few ms the first paint does not need to wait for

    places = [f"{frame.filename}:{frame.lineno}" for frame in traceback.extract_tb(tb)]
    return hashlib.sha256("|".join([exc_type.__qualname__, *places]).encode()).hexdigest()[:16]


def compose_report(
    exc_info: ExcInfo,
    *,
    thread_name: str,
    recent: RecentLog | None,
    data_dir: Path | None = None,
    when: datetime | None = None,
) -> str:
    from fieldapp.versions import versions_text  # reads package metadata: only when there is a report

    exc_type, exc, tb = exc_info
    now = when or datetime.now(UTC)
    lines = [
        "fieldapp crash report (错误报告)",
        f"time: {now.astimezone().isoformat(timespec='seconds')} ({now.isoformat(timespec='seconds')})",
        f"thread: {thread_name}",
        f"process: {os.getpid()}",
        f"error: {_summary(exc)}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
        "",
        "versions:",
        versions_text(),
    ]
    if data_dir is not None:
        lines.append(f"data folder: {data_dir}")
    recent_text = recent.text(last=RECENT_LINES) if recent is not None else ""
    lines += ["", f"recent log (last {RECENT_LINES} lines):", recent_text or "(empty)", ""]
    return "\n".join(lines)


def _write_new(folder: Path, name: str, text: str) -> Path:
    """Written beside, then renamed: a report is whole or absent."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    partial = folder / f".{name}.partial"
    with partial.open("w", encoding="utf-8", newline="\n") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    partial.replace(target)
    return target


def crash_reports(crashes_dir: Path) -> list[Path]:
    """The reports, oldest first (their names start with the time)."""
    if not crashes_dir.is_dir():
        return []
    return sorted(p for p in crashes_dir.glob(f"{REPORT_PREFIX}*.txt") if p.is_file())


def prune_reports(crashes_dir: Path, keep: int | None = None) -> None:
    """Delete all but the newest `keep` reports (default KEEP_REPORTS)."""
    reports = crash_reports(crashes_dir)
    for old in reports[: max(0, len(reports) - (KEEP_REPORTS if keep is None else keep))]:
        with contextlib.suppress(OSError):
            old.unlink()


def _stderr(text: str) -> None:
    stream = sys.stderr
    if stream is None:  # a windowed build on Windows has no console
        return
    with contextlib.suppress(Exception):
        stream.write(text if text.endswith("\n") else text + "\n")
        stream.flush()


class CrashHandler:
    """Reports unhandled exceptions; see the module's docstring. `present` shows a report to a person
    (the GUI's dialog); it is called on the thread the error happened on and must hand over to its own."""

    def __init__(
        self,
        crashes_dir: Path,
        recent: RecentLog | None = None,
        *,
        data_dir: Path | None = None,
        present: Callable[[CrashReport], None] | None = None,
    ) -> None:
        self.crashes_dir = crashes_dir
        self.recent = recent
        self.data_dir = data_dir
        self.present = present
        self.reports_written = 0
        self._lock = threading.Lock()
        self._previous_excepthook: Callable[..., object] | None = None
        self._previous_threading_hook: Callable[[threading.ExceptHookArgs], object] | None = None
        self._fatal_file: IO[str] | None = None
        self._fatal_path: Path | None = None
        self._installed = False

    # -- installing ---------------------------------------------------------------------------------------

    def install(self) -> CrashHandler:
        if self._installed:
            return self
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = self._threading_excepthook
        self._installed = True
        self.collect_fatal_traces()
        self._enable_faulthandler()
        return self

    def uninstall(self) -> None:
        if not self._installed:
            return
        if sys.excepthook == self._excepthook and self._previous_excepthook is not None:
            sys.excepthook = self._previous_excepthook
        if threading.excepthook == self._threading_excepthook and self._previous_threading_hook is not None:
            threading.excepthook = self._previous_threading_hook
        self._installed = False
        self._disable_faulthandler()

    def _enable_faulthandler(self) -> None:
        # Already enabled means someone chose where fatal traces go (pytest, `python -X faulthandler`,
        # PYTHONFAULTHANDLER): left alone. Otherwise a file per process, kept open for the process's life:
        # faulthandler writes to its descriptor from a signal handler, when nothing else can be done.
        if faulthandler.is_enabled():
            return
        try:
            self.crashes_dir.mkdir(parents=True, exist_ok=True)
            path = self.crashes_dir / f"{FATAL_PREFIX}{_stamp(datetime.now(UTC))}-{os.getpid()}.log"
            stream = path.open("w", encoding="utf-8")
        except OSError as exc:
            log.warning("no fatal-error trace file in %s: %s", self.crashes_dir, exc)
            return
        try:
            faulthandler.enable(stream, all_threads=True)
        except (OSError, RuntimeError, ValueError) as exc:
            stream.close()
            path.unlink(missing_ok=True)
            log.warning("faulthandler not enabled: %s", exc)
            return
        self._fatal_file, self._fatal_path = stream, path

    def _disable_faulthandler(self) -> None:
        if self._fatal_file is None:
            return
        faulthandler.disable()
        self._fatal_file.close()
        self._fatal_file = None
        if self._fatal_path is not None:
            with contextlib.suppress(OSError):
                if self._fatal_path.stat().st_size == 0:  # nothing went wrong: nothing to keep
                    self._fatal_path.unlink()
            self._fatal_path = None

    @property
    def fatal_trace_file(self) -> Path | None:
        return self._fatal_path

    def collect_fatal_traces(self) -> list[Path]:
        """Turn the traces hard crashes left (non-empty fatal-*.log of other processes) into reports, and
        remove the empty ones of processes long gone (killed, not crashed)."""
        made: list[Path] = []
        if not self.crashes_dir.is_dir():
            return made
        now = datetime.now(UTC).timestamp()
        for trace in sorted(self.crashes_dir.glob(f"{FATAL_PREFIX}*.log")):
            if trace == self._fatal_path:
                continue
            try:
                info = trace.stat()
                if info.st_size == 0:
                    if now - info.st_mtime > STALE_FATAL_FILE.total_seconds():
                        trace.unlink()
                    continue
                from fieldapp.versions import versions_text

                content = trace.read_text(encoding="utf-8", errors="replace")
                when = datetime.fromtimestamp(info.st_mtime, UTC)
                text = "\n".join(
                    [
                        "fieldapp crash report (错误报告): the app ended abruptly (a fatal error)",
                        f"time: {when.astimezone().isoformat(timespec='seconds')}",
                        f"trace file: {trace.name}",
                        "",
                        content.rstrip(),
                        "",
                        "versions (of the app that found the trace):",
                        versions_text(),
                        "",
                    ]
                )
                report = _write_new(self.crashes_dir, f"{REPORT_PREFIX}{_stamp(when)}-fatal.txt", text)
                trace.unlink()
            except OSError:  # another process still holds it (Windows): the next start tries again
                continue
            log.error("the app ended abruptly last time; its trace is in %s", report)
            made.append(report)
        if made:
            prune_reports(self.crashes_dir)
        return made

    # -- handling -----------------------------------------------------------------------------------------

    def _excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a console is not a crash
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.handle((exc_type, exc, tb), thread_name=threading.current_thread().name)

    def _threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, SystemExit):  # as threading's own hook: a thread may end that way
            return
        exc = args.exc_value if args.exc_value is not None else args.exc_type()
        name = args.thread.name if args.thread is not None else threading.current_thread().name
        self.handle((args.exc_type, exc, args.exc_traceback), thread_name=name)

    def handle(self, exc_info: ExcInfo, *, thread_name: str = "", echo_traceback: bool = True) -> CrashReport:
        """Write the report, log it, then present it (or say on stderr where it is). Never raises: it runs
        where nothing else would catch an error."""
        exc_type, exc, tb = exc_info
        thread_name = thread_name or threading.current_thread().name
        try:
            text = compose_report(
                exc_info, thread_name=thread_name, recent=self.recent, data_dir=self.data_dir
            )
        except Exception as failure:  # the report must not be lost to its own bug
            text = (
                "".join(traceback.format_exception(exc_type, exc, tb)) + f"\n(report incomplete: {failure})"
            )
        report = CrashReport(self._write(text), _summary(exc), text, _signature(exc_type, tb))
        with contextlib.suppress(Exception):
            log.error(
                "unexpected error in %s: %s; report %s",
                thread_name,
                report.summary,
                report.path or "not written",
                exc_info=exc_info,
            )
        if echo_traceback:
            _stderr("".join(traceback.format_exception(exc_type, exc, tb)))
        where = str(report.path) if report.path else "(not saved)"
        present = self.present
        if present is None:
            _stderr(f"fieldapp: 意外错误，错误报告已保存到 {where} (unexpected error; crash report: {where})")
            return report
        try:
            present(report)
        except BaseException as failure:  # the dialog itself failed: say so where it cannot fail again
            _stderr(f"fieldapp: 无法显示错误对话框 ({failure!r}); crash report: {where}")
        return report

    def _write(self, text: str) -> Path | None:
        with self._lock:
            if self.reports_written >= MAX_REPORTS_PER_RUN:
                return None
            self.reports_written += 1
            try:
                path = _write_new(self.crashes_dir, f"{REPORT_PREFIX}{_stamp(datetime.now(UTC))}.txt", text)
            except OSError as exc:
                _stderr(
                    f"fieldapp: 无法保存错误报告 {self.crashes_dir}: {exc} (cannot save the crash report)"
                )
                return None
            prune_reports(self.crashes_dir)
            return path
