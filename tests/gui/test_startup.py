"""The start: the whole window is painted before the database is opened (nothing on that path imports
SQLAlchemy), in the language last stored, and the real pages take the placeholders' places after."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QStackedWidget
from pytestqt.qtbot import QtBot

from fieldapp.gui import app as gui_app
from fieldapp.gui.app import STARTUP_PROBE_ENV, StartupError, install_translators, run_gui
from fieldapp.gui.main_window import DEFAULT_PAGE, PAGE_KEYS, MainWindow, PlaceholderPage
from fieldapp.gui.ui_prefs import MIRROR_NAME, read_language, write_language
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.settings_store import set_setting

ROOT = Path(__file__).resolve().parents[2]


def test_the_first_paint_path_imports_no_storage() -> None:
    """What the app imports before its first paint (the command line, the GUI start, the window shell)
    must not pull in SQLAlchemy: importing it takes longer than painting the whole window."""
    code = (
        "import sys\n"
        "import fieldapp.cli, fieldapp.gui.app, fieldapp.gui.main_window\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')"
        " or m.startswith(('fieldapp.services', 'fieldapp.store')))\n"
        "print(','.join(bad))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""


def test_the_shell_has_every_page_loading_before_any_backend(qtbot: QtBot) -> None:
    install_translators(gui_app.application(), "zh_CN")
    shell = MainWindow()
    qtbot.addWidget(shell)
    assert list(shell.nav_buttons) == list(PAGE_KEYS)
    assert shell.current_page_key() == DEFAULT_PAGE
    assert not shell.is_attached()
    for key in PAGE_KEYS:
        page = shell.page(key)
        assert isinstance(page, PlaceholderPage)
        assert page.title.text() == shell.nav_buttons[key].text()
        assert page.note.text() == "正在加载…"
    with pytest.raises(RuntimeError):
        _ = shell.backend


def test_attach_puts_each_page_in_its_slot_and_keeps_the_page_showing(
    qtbot: QtBot, gui_backend: Backend
) -> None:
    install_translators(gui_app.application(), "zh_CN")
    shell = MainWindow()
    qtbot.addWidget(shell)
    shell.show()
    shell.navigate("findings")
    stack = shell.findChild(QStackedWidget, "pages")
    assert stack is not None
    indexes = {key: stack.indexOf(shell.page(key)) for key in PAGE_KEYS}

    shell.attach(gui_backend)

    assert shell.backend is gui_backend
    assert shell.current_page_key() == "findings"
    assert stack.count() == len(PAGE_KEYS)
    for key in PAGE_KEYS:
        assert not isinstance(shell.page(key), PlaceholderPage)
        assert stack.indexOf(shell.page(key)) == indexes[key]
    assert stack.currentWidget() is shell.page("findings")
    assert shell.page("customers").isAncestorOf(shell.customers_page)  # the register, under its page
    device = shell.findChild(QLabel, "deviceCode")
    assert device is not None and gui_backend.device_code in device.text()
    with pytest.raises(RuntimeError):
        shell.attach(gui_backend)


def test_the_language_mirror(tmp_path: Path) -> None:
    assert read_language(tmp_path) == "zh_CN"  # no mirror yet
    write_language(tmp_path, "en")
    assert read_language(tmp_path) == "en"
    assert (tmp_path / MIRROR_NAME).read_text(encoding="utf-8") == "en\n"
    (tmp_path / MIRROR_NAME).write_bytes(b"\xff\xfe garbage")
    assert read_language(tmp_path) == "zh_CN"
    (tmp_path / MIRROR_NAME).write_text("klingon", encoding="utf-8")
    assert read_language(tmp_path) == "zh_CN"
    write_language(tmp_path / "no such folder", "en")  # a cache: failing to write it is no error
    with pytest.raises(ValueError):
        write_language(tmp_path, "klingon")
    assert sorted(p.name for p in tmp_path.iterdir()) == [MIRROR_NAME]  # no temp file left behind


class _Recorded(MainWindow):
    """MainWindow, remembering every instance, so a test can look at the window run_gui made."""

    made: list[MainWindow] = []  # noqa: RUF012 (a test's record, reset by the fixture)

    def __init__(self) -> None:
        super().__init__()
        _Recorded.made.append(self)


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[MainWindow]:
    _Recorded.made = []
    monkeypatch.setattr(gui_app, "MainWindow", _Recorded)
    return _Recorded.made


def test_the_language_stored_in_the_database_wins_over_a_stale_mirror(
    tmp_path: Path, recorded: list[MainWindow], qapp: object
) -> None:
    data = tmp_path / "data"
    backend = open_backend(str(data))
    backend.call(set_setting, "ui.language", "en")
    backend.close()
    write_language(data, "zh_CN")  # stale: as if another workstation changed a shared database

    assert run_gui(str(data), quit_when_idle=True) == 0

    assert read_language(data) == "en"
    (window,) = recorded
    assert window.nav_buttons["customers"].text() == "Customers"  # the shell was translated again
    assert window.windowTitle() == "Electricity-use inspection"
    window.close()
    install_translators(gui_app.application(), "zh_CN")  # as the other tests expect


def test_the_startup_probe_records_first_paint_then_data(
    tmp_path: Path, gui_backend: Backend, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    probe = tmp_path / "probe.json"
    monkeypatch.setenv(STARTUP_PROBE_ENV, str(probe))
    assert run_gui(str(gui_backend.paths.root)) == 0  # the probe quits once idle by itself
    marks = json.loads(probe.read_text(encoding="utf-8"))
    assert 0 < marks["first_paint"] <= marks["data_idle"]


def test_a_database_that_cannot_open_closes_the_shell_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recorded: list[MainWindow], qapp: object
) -> None:
    data = tmp_path / "newer"
    open_backend(str(data)).close()
    with sqlite3.connect(data / "fieldapp.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    shown: list[str] = []
    monkeypatch.setattr(StartupError, "show", classmethod(lambda cls, message: shown.append(message)))
    assert run_gui(str(data)) == 2
    (window,) = recorded
    assert not window.isVisible() and not window.is_attached()
    assert len(shown) == 1 and "9999" in shown[0]
