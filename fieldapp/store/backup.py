"""Copies of the SQLite database file, and putting one back.

A copy is always made through SQLite's backup API, never by copying the file: the API reads one consistent
snapshot while the app goes on writing (WAL lets it), where a file copy of a live database can catch half
a transaction, or miss what is still in the -wal file. Every copy is written beside its target under a
temporary name, flushed to disk and renamed into place, so it is whole or absent, and it is left in
rollback-journal mode: one self-contained file, nothing beside it.

Putting one back (restore) checks the candidate first, on a private copy: a SQLite file, whole, passing
integrity_check, with a schema revision this version of the app knows. Only then is the database released
(no other connection may hold it: switching it out of WAL proves that, and folds its -wal in) and replaced by
os.replace."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import struct
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from fieldapp.domain.errors import DatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_PREFIX = "fieldapp-"
BACKUP_SUFFIX = ".sqlite3"
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"  # UTC: names sort by time across daylight saving and time zones
PARTIAL_SUFFIX = ".partial"
RELEASE_TIMEOUT_S = 2.0  # how long a release waits for a moment when nobody else holds the database


class DatabaseFileError(DatabaseError):
    """A file that cannot be restored (not a database, damaged, another app's, a newer schema), or a
    database that cannot be replaced now (in use). The message names the file."""


def backup_name(label: str, when: datetime) -> str:
    return f"{BACKUP_PREFIX}{when.astimezone(UTC).strftime(STAMP_FORMAT)}-{label}{BACKUP_SUFFIX}"


def _partial_beside(target: Path, purpose: str = "") -> Path:
    return target.with_name(f".{target.name}{purpose}.{os.getpid()}{PARTIAL_SUFFIX}")


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)


def _backup_into(source: sqlite3.Connection, target: Path) -> None:
    """Every page of `source` into a new file `target`, left in rollback-journal mode."""
    dest = sqlite3.connect(target, isolation_level=None)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def _write_copy(source: sqlite3.Connection, target: Path) -> Path:
    """Every page of `source` into `target` (replaced if there): beside it, flushed, then renamed."""
    partial = _partial_beside(target)
    partial.unlink(missing_ok=True)
    try:
        _backup_into(source, partial)
        _fsync(partial)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of the database file `source` at `target` (replaced if there), safe while other
    connections read and write it. Opened as the app opens it (read-only would leave a -wal and -shm
    beside a database in WAL mode that no other connection has open)."""
    if not source.is_file():  # connecting would create an empty one
        raise DatabaseFileError(f"没有数据库文件 {source} (no database file there)")
    connection = sqlite3.connect(source, isolation_level=None, timeout=RELEASE_TIMEOUT_S * 5)
    try:
        return _write_copy(connection, target)
    finally:
        connection.close()


def backup_database_file(database: Path, backups_dir: Path, label: str, when: datetime | None = None) -> Path:
    """A consistent copy of `database` in `backups_dir`, named for the time (UTC) and `label`."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    return copy_database(database, backups_dir / backup_name(label, when or datetime.now(UTC)))


def sqlite_file(engine: Engine) -> Path | None:
    """The file of a SQLite engine; None for PostgreSQL (its administrator backs it up with pg_dump) and for
    an in-memory database."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database)


def backup_sqlite(engine: Engine, backups_dir: Path, label: str) -> Path | None:
    """A consistent copy of a SQLite database in `backups_dir`, through one of the engine's own pooled
    connections (safe while others read and write, from any thread); None on PostgreSQL and in memory. No
    rotation: fieldapp.services.backups.take_backup adds it."""
    if sqlite_file(engine) is None:
        return None
    backups_dir.mkdir(parents=True, exist_ok=True)
    target = backups_dir / backup_name(label, datetime.now(UTC))
    pooled = engine.raw_connection()
    try:
        source = pooled.driver_connection
        assert isinstance(source, sqlite3.Connection)
        return _write_copy(source, target)
    finally:
        pooled.close()


# -- restoring -------------------------------------------------------------------------------------------


def _check_header(path: Path) -> None:
    """Refuse what is plainly not a whole SQLite file before SQLite reads it: a clearer message."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except FileNotFoundError:
        raise DatabaseFileError(f"找不到文件 {path} (no such file)") from None
    except IsADirectoryError:
        raise DatabaseFileError(f"{path} 是文件夹，不是数据库文件 (a folder, not a database file)") from None
    if not header.startswith(SQLITE_HEADER):
        raise DatabaseFileError(f"{path} 不是 SQLite 数据库文件 (not a SQLite database file)")
    if len(header) < 100:
        raise DatabaseFileError(f"{path} 不完整（文件被截断）(the file is truncated)")
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    change_counter, pages = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    # The page count in the header is only trusted when it was written with the current change counter.
    if pages and valid_for == change_counter and size < pages * page_size:
        raise DatabaseFileError(
            f"{path} 不完整（应有 {pages * page_size} 字节，只有 {size} 字节）"
            f"(the file is truncated: {size} of {pages * page_size} bytes)"
        )


def check_restorable(copy: Path, known_revisions: set[str], head: str, *, named: Path) -> str:
    """The schema revision of `copy` if it may replace the database; else DatabaseFileError naming `named`
    (the file the person chose, of which `copy` is a private copy)."""
    connection = sqlite3.connect(copy, isolation_level=None)
    try:
        problems = [line for (line,) in connection.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise DatabaseFileError(
                f"{named} 已损坏，未恢复：{'; '.join(map(str, problems[:3]))} (the file is damaged)"
            )
        has_version = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        revision = (
            connection.execute("SELECT version_num FROM alembic_version").fetchone() if has_version else None
        )
    except sqlite3.DatabaseError as exc:
        raise DatabaseFileError(f"{named} 无法读取，未恢复：{exc} (the file cannot be read)") from exc
    finally:
        connection.close()
    if revision is None or not revision[0]:
        raise DatabaseFileError(f"{named} 不是 fieldapp 的数据库（没有结构版本）(not a fieldapp database)")
    if revision[0] not in known_revisions:
        raise DatabaseFileError(
            f"{named} 由更新版本的 fieldapp 写入（结构版本 {revision[0]}，本程序只认识到 {head}），未恢复 "
            f"(written by a newer fieldapp: schema {revision[0]}, this version knows up to {head})"
        )
    return str(revision[0])


def prepare_restore(source: Path, target: Path, known_revisions: set[str], head: str) -> tuple[Path, str]:
    """A checked private copy of `source` beside `target`, and its schema revision. The caller installs it
    with `install_restored` or deletes it."""
    _check_header(source)
    partial = _partial_beside(target, ".restore")
    partial.unlink(missing_ok=True)
    try:
        try:
            connection = _read_only(source)
            try:
                _backup_into(connection, partial)
            finally:
                connection.close()
        except sqlite3.DatabaseError as exc:
            raise DatabaseFileError(f"{source} 无法读取，未恢复：{exc} (the file cannot be read)") from exc
        revision = check_restorable(partial, known_revisions, head, named=source)
        _fsync(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return partial, revision


def release_database(database: Path) -> bool:
    """Make sure no other connection has `database` open, and fold its -wal file in (switching it to
    rollback-journal mode, which SQLite only allows to the only connection). True when it is released;
    False when it cannot be read as a database (damaged: the caller keeps a raw copy); DatabaseFileError
    when another program is using it."""
    try:
        connection = sqlite3.connect(database, isolation_level=None, timeout=RELEASE_TIMEOUT_S)
    except sqlite3.DatabaseError:
        return False
    try:
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()
        if mode is None or str(mode[0]).lower() != "delete":
            raise _in_use(database)
        connection.execute("BEGIN EXCLUSIVE")  # no reader either
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise _in_use(database) from exc
        return False
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()
    return True


def _in_use(database: Path) -> DatabaseFileError:
    return DatabaseFileError(
        f"数据库 {database} 正在被使用，请先关闭本机上的 fieldapp 再恢复 "
        f"(the database is in use: close fieldapp on this device first)"
    )


def raw_copy(database: Path, target: Path) -> Path:
    """A byte copy of a database nobody has open but SQLite cannot read (damaged), with its -wal, so what
    a restore replaces is kept even then."""
    shutil.copyfile(database, target)
    wal = database.with_name(database.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    return target


def install_restored(prepared: Path, database: Path) -> None:
    """Put the checked copy in the database's place. Its old -wal and -shm go first: SQLite would otherwise
    apply the old database's pages to the new one."""
    try:
        for extra in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                database.with_name(database.name + extra).unlink()
        prepared.replace(database)
    except PermissionError as exc:  # Windows: another program opened it after all
        raise _in_use(database) from exc
