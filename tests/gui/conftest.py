"""Fixtures for the GUI tests: a real SQLite backend in a temp data dir, and the main window on it."""

from __future__ import annotations

import os
import shutil
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


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with the demo loaded, made once: loading the demo takes seconds, copying it does not."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    backend = open_backend(str(folder))
    try:
        backend.call(load_demo, photos_root=backend.paths.photos)
    finally:
        backend.close()
    return folder


@pytest.fixture
def demo_backend(demo_data_dir: Path, tmp_path: Path) -> Iterator[Backend]:
    folder = tmp_path / "demo"
    shutil.copytree(demo_data_dir, folder)
    backend = open_backend(str(folder))
    yield backend
    backend.close()


@pytest.fixture
def window(qtbot: QtBot, demo_backend: Backend) -> MainWindow:
    main = create_main_window(demo_backend, "zh_CN")
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    return main
