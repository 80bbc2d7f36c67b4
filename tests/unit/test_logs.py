"""The log: a rotating file in the data folder, the level from FIELDAPP_LOG_LEVEL, and the recent records
in memory for the log window, bounded and safe to fill from several threads."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp import logs
from fieldapp.logs import (
    LOG_BACKUP_COUNT,
    LOG_FILE_NAME,
    LOG_LEVEL_ENV,
    RecentLog,
    configure_logging,
    log_file,
    log_files,
    parse_level,
    recent_log,
)

log = logging.getLogger("fieldapp.tests.logs")


@pytest.fixture(autouse=True)
def detached(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test configures its own folder; afterwards the file is let go, and the level is INFO again."""
    monkeypatch.delenv(LOG_LEVEL_ENV, raising=False)
    yield
    configure_logging(None)
    logging.getLogger("fieldapp").setLevel(logging.INFO)


def test_the_log_file_is_written_in_the_logs_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "logs"
    configure_logging(folder)
    assert log_file() == folder / LOG_FILE_NAME
    log.info("检查开始 inspection started")
    log.debug("not at the default level")
    text = (folder / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "INFO" in text and "fieldapp.tests.logs: 检查开始 inspection started" in text
    assert "not at the default level" not in text
    # Configuring again for the same folder changes nothing; another folder moves the file there.
    configure_logging(folder)
    other = tmp_path / "elsewhere"
    configure_logging(other)
    log.info("moved")
    assert "moved" in (other / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "moved" not in (folder / LOG_FILE_NAME).read_text(encoding="utf-8")


def test_the_level_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LOG_LEVEL_ENV, "debug")
    configure_logging(tmp_path / "a")
    log.debug("detail for support")
    assert "detail for support" in (tmp_path / "a" / LOG_FILE_NAME).read_text(encoding="utf-8")

    monkeypatch.setenv(LOG_LEVEL_ENV, "chatty")
    configure_logging(tmp_path / "b")
    log.debug("hidden again")
    text = (tmp_path / "b" / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "FIELDAPP_LOG_LEVEL='chatty' is not a log level" in text and "hidden again" not in text
    assert parse_level("WARNING") == logging.WARNING and parse_level("15") == 15 and parse_level("") == 20


def test_the_log_file_rotates_and_keeps_a_bounded_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "LOG_MAX_BYTES", 4000)
    folder = tmp_path / "logs"
    configure_logging(folder)
    for number in range(600):
        log.info("record %04d %s", number, "x" * 60)
    files = log_files(folder)
    assert [p.name for p in files] == [LOG_FILE_NAME] + [
        f"{LOG_FILE_NAME}.{n}" for n in range(1, LOG_BACKUP_COUNT + 1)
    ]
    assert all(p.stat().st_size <= 4000 for p in files)
    assert "record 0599" in files[0].read_text(encoding="utf-8")  # newest first
    assert "record 0000" not in "".join(p.read_text(encoding="utf-8") for p in files)  # the oldest is gone


def test_the_recent_log_is_bounded_and_keeps_the_newest() -> None:
    recent = RecentLog(capacity=50)
    logger = logging.getLogger("fieldapp.tests.recent")
    logger.addHandler(recent)
    try:
        for number in range(120):
            logger.log(logging.ERROR if number % 10 == 0 else logging.INFO, "line %03d", number)
    finally:
        logger.removeHandler(recent)
    lines = recent.lines()
    assert len(lines) == 50 and recent.total == 120
    assert lines[0].text.endswith("line 070") and lines[-1].text.endswith("line 119")
    errors = recent.lines(logging.ERROR)
    assert [line.text[-3:] for line in errors] == ["070", "080", "090", "100", "110"]
    assert recent.text(logging.ERROR, last=2).splitlines()[-1].endswith("line 110")


def test_the_recent_log_takes_records_from_many_threads() -> None:
    recent = RecentLog(capacity=1000)
    logger = logging.getLogger("fieldapp.tests.threads")
    logger.addHandler(recent)

    def chatter(worker: int) -> None:
        for number in range(500):
            logger.info("worker %d record %d", worker, number)

    try:
        threads = [threading.Thread(target=chatter, args=(w,)) for w in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        logger.removeHandler(recent)
    assert recent.total == 4000 and len(recent.lines()) == 1000


def test_the_app_wide_recent_log_is_installed_once() -> None:
    assert recent_log() is recent_log()
    assert sum(isinstance(h, RecentLog) for h in logging.getLogger().handlers) == 1
    log.warning("seen by the log window")
    assert recent_log().lines()[-1].text.endswith("seen by the log window")
