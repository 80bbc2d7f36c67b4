"""Starting the GUI: the application object, translations, style, the backend and the main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp.domain.errors import FieldappError
from fieldapp.gui.main_window import MainWindow
from fieldapp.gui.style import apply_style
from fieldapp.paths import translations_dir
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.settings_store import get_setting

QUIT_WHEN_IDLE_ENV = "FIELDAPP_QUIT_WHEN_IDLE"


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


def create_main_window(backend: Backend, lang: str | None = None) -> MainWindow:
    app = application()
    chosen = lang or str(backend.call(get_setting, "ui.language"))
    install_translators(app, chosen)
    apply_style(app)
    return MainWindow(backend)


def run_gui(
    data_dir: str | None = None,
    db_url: str | None = None,
    lang: str | None = None,
    *,
    quit_when_idle: bool = False,
) -> int:
    app = application()
    unattended = quit_when_idle or os.environ.get(QUIT_WHEN_IDLE_ENV) == "1"
    try:
        backend = open_backend(data_dir, db_url)
    except FieldappError as exc:
        print(f"fieldapp: {exc}", file=sys.stderr)
        if not unattended:  # nobody would close a dialog: a benchmark or a smoke test would hang on it
            install_translators(app, lang or "zh_CN")
            StartupError.show(str(exc))
        return 2
    try:
        window = create_main_window(backend, lang)
        window.resize(1280, 800)
        window.show()
        if unattended:
            # A zero timer fires once the event loop has handled what is pending: shown and idle.
            QTimer.singleShot(0, app.quit)
        return app.exec()
    finally:
        backend.close()
