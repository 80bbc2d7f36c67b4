"""Starting the GUI: the application object, translations, style, the main window and the backend.

The order is what makes the start feel fast: the whole window (rail, page frame, a "Loading…" placeholder
in the first page) is painted first, then the database is opened and the real pages are built. Opening the
database means importing SQLAlchemy and the ORM models, which alone takes longer than painting a window, so
nothing on the way to the first paint may import it: this module and fieldapp.gui.main_window import the
services only inside functions, and only under TYPE_CHECKING for types (tests/gui guards this)."""

from __future__ import annotations

import builtins
import gc
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QLibraryInfo,
    QLocale,
    QTimer,
    QTranslator,
    SignalInstance,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp import __version__
from fieldapp.crash import CrashHandler
from fieldapp.domain.errors import FieldappError
from fieldapp.gui.main_window import MainWindow
from fieldapp.gui.style import apply_style
from fieldapp.gui.ui_prefs import read_language, write_language
from fieldapp.logs import configure_logging, recent_log
from fieldapp.paths import DataPaths, data_paths, translations_dir

if TYPE_CHECKING:  # only for types: importing it would import SQLAlchemy before the first paint
    from fieldapp.services.backend import Backend

log = logging.getLogger(__name__)

QUIT_WHEN_IDLE_ENV = "FIELDAPP_QUIT_WHEN_IDLE"
# For the `startup` benchmark: a file path. The app writes the times of its first paint and of its data
# being shown there, as JSON, and quits once idle (tests/benchmarks/bench_startup.py).
STARTUP_PROBE_ENV = "FIELDAPP_STARTUP_PROBE"
# Longest wait for the window's first paint. A window that is never painted (no screen, minimised at
# start) must not stop the start: the database is opened anyway.
PAINT_WAIT_MS = 3000
WINDOW_SIZE = (1280, 800)


class StartupError:
    """The dialog shown when the app cannot start; a class method so tests can replace it."""

    @classmethod
    def show(cls, message: str) -> None:
        QMessageBox.critical(None, QApplication.translate("StartupError", "fieldapp cannot start"), message)


_installed: list[QTranslator] = []


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Our own strings and Qt's (standard dialogs and buttons), replacing any installed before. English is
    the source language, so it needs no translator."""
    while _installed:
        app.removeTranslator(_installed.pop())
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    installed = _installed
    for name, folder in (
        ("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("fieldapp_zh_CN", str(translations_dir())),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return list(installed)


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("fieldapp")
    app.setOrganizationName("fieldapp")
    return app


def stored_language(backend: Backend) -> str:
    """The language setting in the database, mirrored to the data folder for the next start's first
    paint (fieldapp.gui.ui_prefs)."""
    from fieldapp.services.settings_store import get_setting

    lang = str(backend.call(get_setting, "ui.language"))
    write_language(backend.paths.root, lang)
    return lang


def create_main_window(backend: Backend, lang: str | None = None) -> MainWindow:
    """A main window with its real pages on `backend`, in `lang` (default: the stored setting)."""
    app = application()
    chosen = lang or stored_language(backend)
    install_translators(app, chosen)
    apply_style(app)
    window = MainWindow()
    window.attach(backend)
    return window


def _run_until(signal: SignalInstance, cause: Callable[[], object], timeout_ms: int) -> bool:
    """Call `cause`, then run the event loop until `signal` is emitted; False if that took over
    timeout_ms. Connected before `cause` runs, so a signal emitted at once is not missed."""
    loop = QEventLoop()
    fired: list[bool] = []

    def done() -> None:
        fired.append(True)
        loop.quit()

    signal.connect(done)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    try:
        cause()
        if not fired:
            timer.start(timeout_ms)
            loop.exec()
    finally:
        timer.stop()
        signal.disconnect(done)
    return bool(fired)


STORAGE_MODULE = "fieldapp.services.backend"


@contextmanager
def _storage_import() -> Iterator[None]:
    """Import the storage stack (SQLAlchemy, the ORM models, the services) as fast as Python can, the
    first time only (measured: about a quarter faster; tests/benchmarks, `startup`, time to data):

    - without PySide6's import hook. PySide6 replaces builtins.__import__ with a hook that serves
      `from __feature__ import ...` (which this app does not use) and keeps the original import as
      builtins.__orig_import__, documented as such; the hook slows each of SQLAlchemy's hundreds of
      imports. Put back at once, and never for a module that imports PySide6.
    - without the cyclic collector, which would walk the tens of thousands of objects the imports create
      again and again; they live as long as the app, so gc.freeze() also keeps later collections off them.
    """
    if STORAGE_MODULE in sys.modules:  # already imported (tests): nothing to gain, and freeze nothing
        yield
        return
    swap = _pyside_import_hook()
    collecting = gc.isenabled()
    gc.disable()
    if swap is not None:
        builtins.__import__ = swap.original
    try:
        yield
    finally:
        if swap is not None:
            builtins.__import__ = swap.hook
        gc.freeze()
        if collecting:
            gc.enable()


class _ImportHook(NamedTuple):
    hook: Any
    original: Any


def _pyside_import_hook() -> _ImportHook | None:
    """PySide6's import hook and the import it replaced, if the hook is what is installed (anything
    else, say a debugger's or a coverage tool's, is left alone)."""
    hook = getattr(builtins, "__feature_import__", None)
    original = getattr(builtins, "__orig_import__", None)
    if hook is None or original is None or builtins.__import__ is not hook:
        return None
    return _ImportHook(hook, original)


class _StartupProbe:
    """Times of the start's milestones, written for the `startup` benchmark when STARTUP_PROBE_ENV names
    a file. time.perf_counter is a system-wide clock on Linux (CLOCK_MONOTONIC), Windows
    (QueryPerformanceCounter) and macOS, so the benchmark can subtract the time it started this process."""

    def __init__(self, path: str | None) -> None:
        self.path = Path(path) if path else None
        self.marks: dict[str, float] = {}

    @property
    def active(self) -> bool:
        return self.path is not None

    def mark(self, name: str) -> None:
        """Record a milestone and write all so far at once: if a later one never comes (a page that takes
        minutes to build), the benchmark still has the earlier ones."""
        if self.path is not None:
            self.marks[name] = time.perf_counter()
            self.path.write_text(json.dumps(self.marks), encoding="utf-8")


def run_gui(
    data_dir: str | None = None,
    db_url: str | None = None,
    lang: str | None = None,
    *,
    quit_when_idle: bool = False,
) -> int:
    """The app's window, until it is closed. An unexpected error while it runs is written to a crash
    report and shown in a dialog (fieldapp.crash, fieldapp.gui.crash_dialog); an unattended start
    (tests, benchmarks) prints where the report is instead, since nobody would close a dialog."""
    app = application()
    probe = _StartupProbe(os.environ.get(STARTUP_PROBE_ENV))
    unattended = quit_when_idle or probe.active or os.environ.get(QUIT_WHEN_IDLE_ENV) == "1"
    # In place before the first paint (cheap: no storage, no log file); its dialog comes after the paint.
    crash_handler = install_crash_handler(data_paths(data_dir), present=False)
    try:
        return _run_gui(app, probe, crash_handler, data_dir, db_url, lang, unattended=unattended)
    finally:
        crash_handler.uninstall()


def install_crash_handler(paths: DataPaths, *, present: bool) -> CrashHandler:
    """The crash handler (fieldapp.crash), with the dialog when someone is there to close it."""
    handler = CrashHandler(paths.crashes, recent_log(), data_dir=paths.root).install()
    if present:
        add_crash_dialog(handler)
    return handler


def add_crash_dialog(handler: CrashHandler) -> None:
    """Show the handler's reports in a dialog (fieldapp.gui.crash_dialog). On the GUI thread."""
    from fieldapp.gui.crash_dialog import CrashPresenter

    handler.present = CrashPresenter()


def _run_gui(
    app: QApplication,
    probe: _StartupProbe,
    crash_handler: CrashHandler,
    data_dir: str | None,
    db_url: str | None,
    lang: str | None,
    *,
    unattended: bool,
) -> int:
    # 1. The shell, in the language of the mirror (the database is not open yet).
    shell_lang = lang or read_language(data_paths(data_dir).root)
    install_translators(app, shell_lang)
    apply_style(app)
    window = MainWindow()
    window.resize(*WINDOW_SIZE)
    # Qt paints the whole window in one go: when the placeholder is painted, so are the rail and the frame.
    _run_until(window.shell_painted, window.show, PAINT_WAIT_MS)
    probe.mark("first_paint")

    # 2. The database, then the real pages.
    try:
        with _storage_import():
            from fieldapp.services.backend import open_backend

            # The log file now: logging.handlers is imported as fast as the storage stack, after the paint.
            configure_logging(data_paths(data_dir).logs)
            log.info("fieldapp %s: window (data folder %s)", __version__, data_paths(data_dir).root)
        if not unattended:  # nobody would close a dialog: the report's place goes to stderr instead
            add_crash_dialog(crash_handler)

        backend = open_backend(data_dir, db_url)
    except FieldappError as exc:
        window.close()
        window.deleteLater()
        print(f"fieldapp: {exc}", file=sys.stderr)
        if not unattended:  # nobody would close a dialog: a benchmark or a smoke test would hang on it
            StartupError.show(str(exc))
        return 2
    try:
        stored = stored_language(backend)
        if lang is None and stored != shell_lang:
            # The mirror was stale or missing. Qt would tell the window by a posted event, later; the
            # pages are built next, in the new language, and the shell should not lag behind them.
            install_translators(app, stored)
            window.retranslate()
        from fieldapp.gui.sign_in_guard import SignInGuard

        # On a device with users the pages are built once someone has signed in (fieldapp.gui.sign_in_guard).
        if not SignInGuard(window, backend).start(lambda: window.attach(backend)):
            # Paint the real page now rather than at the next turn of the event loop: the user has waited.
            window.pages.repaint()
        from fieldapp.gui.daily_backup import DailyBackup

        daily_backup = DailyBackup(backend)  # a few seconds after the data is shown, off the GUI thread
        daily_backup.schedule()
        if unattended:
            # A zero timer fires once the event loop has handled what is pending: attached and idle.
            QTimer.singleShot(0, lambda: _finish_unattended(app, probe))
        try:
            return app.exec()
        finally:
            # Quitting closes the windows, and the last one closing posts one more Quit. Left queued, it
            # would end the next event loop run in this process at once (tests start the app many times).
            QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
            daily_backup.finish()
    finally:
        backend.close()


def _finish_unattended(app: QApplication, probe: _StartupProbe) -> None:
    probe.mark("data_idle")
    app.quit()
