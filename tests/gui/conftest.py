"""Fixtures for the GUI tests: a real SQLite backend in a temp data dir, and the main window on it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

# Before any Qt import: the tests draw offscreen, with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.gui.app import create_main_window
from fieldapp.gui.main_window import MainWindow
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.demo import load_demo


@pytest.fixture
def gui_backend(tmp_path: Path) -> Iterator[Backend]:
    backend = open_backend(str(tmp_path / "data"))
    yield backend
    backend.close()


@pytest.fixture
def demo_backend(gui_backend: Backend) -> Backend:
    gui_backend.call(load_demo)
    return gui_backend


@pytest.fixture
def window(qtbot: QtBot, demo_backend: Backend) -> MainWindow:
    main = create_main_window(demo_backend, "zh_CN")
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    return main
