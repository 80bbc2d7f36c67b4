"""Backups and restore: a copy taken while another connection writes is a consistent snapshot; the rotation
keeps the right files; the daily backup is taken once a day; a restore brings the data back and keeps what
it replaced; a file that is not a whole fieldapp database of a schema this version knows is refused, and the
database is left exactly as it was."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from testkit import SAMPLE_CUSTOMERS, Sample

from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.backups import (
    BEFORE_RESTORE,
    DAILY,
    KEEP_DAILY,
    KEEP_EVENTS,
    KEEP_MANUAL,
    KEEP_WEEKLY,
    MANUAL,
    daily_backup_due,
    list_backups,
    prune_backups,
    restore_database,
    take_backup,
    take_daily_backup,
)
from fieldapp.services.customers import create_customer
from fieldapp.store.backup import DatabaseFileError, backup_name

sqlite_only = pytest.mark.parametrize("migrated_database_url", ["sqlite"], indirect=True)


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, opened read-only so that looking changes nothing."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- taking backups ---------------------------------------------------------------------------------------


@sqlite_only
def test_backups_taken_while_another_connection_writes_are_consistent_snapshots(
    backend: Backend, sample: Sample
) -> None:
    """A writer renames two customers to the same name in each of its transactions; every copy taken
    meanwhile must show both with one name (never one transaction half applied) and pass integrity_check."""
    stop = threading.Event()
    written = [0]

    def write() -> None:
        with backend.database.engine.connect() as conn:
            while not stop.is_set():
                written[0] += 1
                name = f"改名{written[0]}"
                conn.execute(
                    text("UPDATE customers SET name = :n WHERE account_no IN ('0531000001', '0531000002')"),
                    {"n": name},
                )
                conn.commit()
                first_write.set()

    first_write = threading.Event()
    writer = threading.Thread(target=write)
    writer.start()
    assert first_write.wait(10)
    copies: list[Path] = []
    try:
        while len(copies) < 8:
            taken = take_backup(backend.database, backend.paths.backups, "test")
            assert taken is not None
            copies.append(taken)
    finally:
        stop.set()
        writer.join()
    assert written[0] > len(copies)  # the writer really ran alongside
    seen = set()
    for copy in copies:
        conn = sqlite3.connect(copy)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            names = {
                name
                for (name,) in conn.execute(
                    "SELECT name FROM customers WHERE account_no IN ('0531000001', '0531000002')"
                )
            }
            assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file
        finally:
            conn.close()
        assert len(names) == 1, names
        seen |= names
        assert not copy.with_name(copy.name + "-wal").exists()
    assert len(seen) > 1  # the copies saw the writer's progress, not one frozen state


def test_a_backup_of_postgresql_is_none_and_writes_nothing(backend: Backend) -> None:
    taken = take_backup(backend.database, backend.paths.backups, "before-sync-import")
    if backend.database.dialect == "sqlite":
        assert taken is not None and taken.is_file() and taken.name.endswith("-before-sync-import.sqlite3")
    else:
        assert taken is None
        assert list(backend.paths.backups.iterdir()) == []


@sqlite_only
def test_a_backup_reason_must_be_a_plain_label(backend: Backend) -> None:
    for bad in ("", "Before Import", "../escape", "before/import"):
        with pytest.raises(ValueError, match="reason"):
            take_backup(backend.database, backend.paths.backups, bad)
    assert list(backend.paths.backups.iterdir()) == []


@sqlite_only
def test_the_backend_backup_rotates_too(backend: Backend) -> None:
    for _ in range(KEEP_EVENTS + 3):
        assert backend.backup("before-template-import")
    assert len(list_backups(backend.paths.backups)) == KEEP_EVENTS


# -- rotation ---------------------------------------------------------------------------------------------


def _fake(folder: Path, label: str, when: datetime) -> Path:
    path = folder / backup_name(label, when)
    path.write_bytes(b"")
    return path


def test_the_rotation_keeps_seven_daily_four_weekly_and_the_newest_events_and_manual(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    now = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)  # a Friday
    daily = [_fake(folder, DAILY, now - timedelta(days=d)) for d in range(60)]  # newest first
    events = [_fake(folder, f"before-import-{i}", now - timedelta(hours=i)) for i in range(KEEP_EVENTS + 5)]
    upgrade = _fake(folder, "before-upgrade-from-0005", now - timedelta(days=400))
    manual = [_fake(folder, MANUAL, now - timedelta(minutes=m)) for m in range(KEEP_MANUAL + 2)]
    stranger = folder / "my-own-copy.sqlite3"
    stranger.write_bytes(b"mine")
    fresh_partial = folder / f".{backup_name(DAILY, now)}.123.partial"
    stale_partial = folder / f".{backup_name(DAILY, now - timedelta(days=1))}.456.partial"
    for partial in (fresh_partial, stale_partial):
        partial.write_bytes(b"half")
    stale_time = (now - timedelta(hours=2)).timestamp()
    os.utime(stale_partial, (stale_time, stale_time))

    removed = prune_backups(folder, now=now)

    left = {p.name for p in folder.iterdir()}
    kept_daily = [p for p in daily if p.name in left]
    # The 7 newest, then one for each of the 4 weeks before them (the newest of each week).
    assert kept_daily[:KEEP_DAILY] == daily[:KEEP_DAILY]
    weekly = kept_daily[KEEP_DAILY:]
    assert len(weekly) == KEEP_WEEKLY
    weeks = [datetime.strptime(p.name[9:17], "%Y%m%d").isocalendar()[:2] for p in weekly]
    assert len(set(weeks)) == KEEP_WEEKLY
    oldest_kept_day = datetime.strptime(daily[KEEP_DAILY - 1].name[9:17], "%Y%m%d")
    for week_copy in weekly:
        day = datetime.strptime(week_copy.name[9:17], "%Y%m%d")
        same_week = [
            p
            for p in daily[KEEP_DAILY:]
            if datetime.strptime(p.name[9:17], "%Y%m%d").isocalendar()[:2] == day.isocalendar()[:2]
        ]
        assert week_copy == same_week[0]  # the newest of its week
        assert day < oldest_kept_day
    # Events: the newest KEEP_EVENTS, whatever their label; an old upgrade copy is rotated out like the rest.
    assert [p for p in events if p.name in left] == events[:KEEP_EVENTS]
    assert upgrade.name not in left
    assert [p for p in manual if p.name in left] == manual[:KEEP_MANUAL]
    # Never touched: a file of another name, a copy still being written.
    assert stranger.name in left and fresh_partial.name in left
    assert stale_partial.name not in left and stale_partial in removed
    # Running it again changes nothing.
    assert prune_backups(folder, now=now) == []


def test_the_rotation_spares_the_files_it_is_told_to_keep(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    now = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
    events = [_fake(folder, "before-import", now - timedelta(hours=i)) for i in range(KEEP_EVENTS + 2)]
    prune_backups(folder, keep=[events[-1]], now=now)
    assert events[-1].exists() and not events[-2].exists()


# -- the daily backup -------------------------------------------------------------------------------------


def test_a_daily_backup_is_due_once_a_calendar_day(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    now = datetime.now(UTC)
    assert daily_backup_due(folder, now)  # none yet
    _fake(folder, DAILY, now - timedelta(minutes=1))
    assert not daily_backup_due(folder, now)
    # Another kind of backup today does not count as the day's.
    assert daily_backup_due(tmp_path / "missing", now)
    local_midnight = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    assert daily_backup_due(folder, local_midnight + timedelta(days=1, minutes=1))  # the next morning
    # A copy from the future (the clock was set back) does not stop the backups for days.
    future = tmp_path / "future"
    future.mkdir()
    _fake(future, DAILY, now + timedelta(days=3))
    assert daily_backup_due(future, now)


@sqlite_only
def test_the_daily_backup_is_taken_once(backend: Backend, sample: Sample) -> None:
    first = take_daily_backup(backend.database, backend.paths.backups)
    assert first is not None and first.name.endswith(f"-{DAILY}.sqlite3")
    assert take_daily_backup(backend.database, backend.paths.backups) is None
    assert [b.path for b in list_backups(backend.paths.backups)] == [first]
    assert _rows(first)["customers"] == _rows(Path(str(backend.database.engine.url.database)))["customers"]
    assert len(_rows(first)["customers"]) == len(sample.customers)


# -- restore ----------------------------------------------------------------------------------------------


@pytest.fixture
def closed_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder with three customers, a backup of it, then a fourth customer added; the app closed.
    Returns (database, backup)."""
    backend = open_backend(str(tmp_path / "data"))
    try:
        for fields in SAMPLE_CUSTOMERS[:3]:
            backend.call(create_customer, fields)
        taken = backend.backup("before-test")
        assert taken is not None
        backend.call(
            create_customer, replace(SAMPLE_CUSTOMERS[0], account_no="0531000099", name="后加的客户")
        )
    finally:
        backend.close()
    return backend.paths.database, Path(taken)


def test_a_restore_brings_the_data_back_and_keeps_what_it_replaced(closed_copy: tuple[Path, Path]) -> None:
    database, backup = closed_copy
    before = _rows(database)
    wanted = _rows(backup)
    assert len(before["customers"]) == 4 and len(wanted["customers"]) == 3

    result = restore_database(database, backup, database.parent / "backups")

    assert _rows(database) == wanted
    assert result.kept is not None and result.kept.name.endswith(f"-{BEFORE_RESTORE}.sqlite3")
    assert _rows(result.kept) == before  # what it replaced, every row
    assert result.source == backup and backup.is_file()  # the backup restored from is still there
    for extra in ("-wal", "-shm"):
        assert not database.with_name(database.name + extra).exists()
    # The app opens the restored database as usual.
    reopened = open_backend(str(database.parent))
    try:
        from fieldapp.services.stats import collect_stats

        assert reopened.call(collect_stats)["customers"] == 3
    finally:
        reopened.close()


def _damaged(tmp_path: Path, backup: Path, how: str) -> Path:
    target = tmp_path / f"{how}.sqlite3"
    data = backup.read_bytes()
    if how == "text":
        target.write_text("这不是数据库 not a database\n", encoding="utf-8")
    elif how == "empty":
        target.write_bytes(b"")
    elif how == "truncated":
        target.write_bytes(data[: len(data) // 2])
    elif how == "corrupt":
        # Garble the middle of the file (table pages), keep the header: only integrity_check can tell.
        middle = len(data) // 2
        target.write_bytes(
            data[:middle] + bytes(b ^ 0x5A for b in data[middle : middle + 4096]) + data[middle + 4096 :]
        )
    elif how == "foreign":
        conn = sqlite3.connect(target)
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.commit()
        conn.close()
    elif how == "newer":
        target.write_bytes(data)
        conn = sqlite3.connect(target)
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
        conn.close()
    elif how == "folder":
        target.mkdir()
    elif how == "missing":
        pass
    return target


@pytest.mark.parametrize(
    ("how", "says"),
    [
        ("text", "不是 SQLite 数据库"),
        ("empty", "不是 SQLite 数据库"),
        ("truncated", "truncated"),
        ("corrupt", "damaged|cannot be read"),
        ("foreign", "not a fieldapp database"),
        ("newer", "9999"),
        ("folder", "folder"),
        ("missing", "no such file"),
    ],
)
def test_a_file_that_cannot_be_restored_is_refused_naming_it_and_the_database_is_untouched(
    closed_copy: tuple[Path, Path], tmp_path: Path, how: str, says: str
) -> None:
    database, backup = closed_copy
    bad = _damaged(tmp_path, backup, how)
    before_bytes, before_rows = _sha(database), _rows(database)
    backups_before = sorted(p.name for p in (database.parent / "backups").iterdir())

    with pytest.raises(DatabaseFileError, match=says) as refused:
        restore_database(database, bad, database.parent / "backups")

    assert str(bad) in str(refused.value)
    assert _sha(database) == before_bytes and _rows(database) == before_rows
    assert sorted(p.name for p in (database.parent / "backups").iterdir()) == backups_before
    assert not [p for p in database.parent.iterdir() if p.name.endswith(".partial")]


def test_a_restore_is_refused_while_the_database_is_in_use(closed_copy: tuple[Path, Path]) -> None:
    database, backup = closed_copy
    running = open_backend(str(database.parent))  # the app, open on this device
    try:
        running.call(lambda s: s.execute(text("SELECT count(*) FROM customers")).scalar())
        before = _rows(database)
        with pytest.raises(DatabaseFileError, match="in use"):
            restore_database(database, backup, database.parent / "backups")
        assert _rows(database) == before
        assert not [b for b in list_backups(database.parent / "backups") if b.label == BEFORE_RESTORE]
    finally:
        running.close()


def test_restoring_the_database_onto_itself_is_refused(closed_copy: tuple[Path, Path]) -> None:
    database, _backup = closed_copy
    with pytest.raises(DatabaseFileError, match="itself"):
        restore_database(database, database, database.parent / "backups")


def test_a_restore_into_a_data_folder_without_a_database(
    closed_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    _database, backup = closed_copy
    target = tmp_path / "new" / "fieldapp.sqlite3"
    result = restore_database(target, backup, tmp_path / "new" / "backups")
    assert result.kept is None and _rows(target) == _rows(backup)
