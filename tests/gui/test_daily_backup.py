"""The day's backup at start: taken after the window shows its data, on a pool thread, once a day; the
window does not wait for it, and quitting waits for a copy under way before the database closes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.gui import daily_backup
from fieldapp.gui.app import run_gui
from fieldapp.gui.daily_backup import DailyBackup
from fieldapp.services.backend import Backend
from fieldapp.services.backups import DAILY, list_backups


def _daily(backups: Path) -> list[Path]:
    return [b.path for b in list_backups(backups) if b.label == DAILY]


def test_the_daily_backup_runs_off_the_gui_thread_once_a_day(qtbot: QtBot, gui_backend: Backend) -> None:
    backup = DailyBackup(gui_backend, delay_ms=0)
    with qtbot.waitSignal(backup.taken, timeout=20_000) as taken:
        backup.schedule()
    (first,) = _daily(gui_backend.paths.backups)
    assert taken.args == [first]
    # Again the same day: nothing due, nothing written.
    again = DailyBackup(gui_backend, delay_ms=0)
    with qtbot.waitSignal(again.taken, timeout=20_000) as nothing:
        again.schedule()
    assert nothing.args == [None] and _daily(gui_backend.paths.backups) == [first]
    backup.finish()
    again.finish()


def test_the_window_start_takes_the_day_s_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    data = tmp_path / "data"
    monkeypatch.setattr(daily_backup, "DAILY_BACKUP_DELAY_MS", 0)
    assert run_gui(str(data), quit_when_idle=True) == 0
    assert len(_daily(data / "backups")) == 1  # finished before the database closed


def test_a_start_that_quits_at_once_leaves_the_backup_for_later(tmp_path: Path, qapp: object) -> None:
    data = tmp_path / "data"
    assert run_gui(str(data), quit_when_idle=True) == 0  # the default delay: quit comes first
    assert _daily(data / "backups") == []
