"""Backups of this device's SQLite database, kept in the data folder's backups/, and restoring one.

When a copy is taken:
- daily: the first GUI start of a day (local date) takes one, off the GUI thread, after the data is shown;
- before every import (template and legal workbooks, sync bundles) and every schema upgrade, labelled
  `before-…` with what was about to happen, and before a restore (`before-restore`);
- `fieldapp backup` (labelled `manual`, or to a file of your choice with --out, which is never rotated).

What is kept (the rest is deleted after each new copy; files of other names are never touched):
- the newest 7 daily copies, and of the older daily ones the newest of each of the 4 most recent weeks
  that have one: about a week day by day, then a month week by week;
- the newest 20 `before-…` copies (every import makes one, so several days of syncing);
- the newest 10 manual copies.

Names are `fieldapp-YYYYMMDD-HHMMSS-ffffff-LABEL.sqlite3`, the time in UTC. Every copy is made through
SQLite's backup API (fieldapp.store.backup): consistent while the app runs.

PostgreSQL, the office's shared database, is backed up by its administrator with pg_dump; nothing here
touches it."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from fieldapp.domain.errors import FieldappError
from fieldapp.store.backup import (
    BACKUP_PREFIX,
    BACKUP_SUFFIX,
    PARTIAL_SUFFIX,
    DatabaseFileError,
    backup_database_file,
    backup_sqlite,
    copy_database,
    install_restored,
    prepare_restore,
    raw_copy,
    release_database,
    sqlite_file,
)
from fieldapp.store.backup import backup_name as _backup_name
from fieldapp.store.engine import Database
from fieldapp.store.migrate import HEAD_REVISION, known_revisions

log = logging.getLogger(__name__)

DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_EVENTS = 20
KEEP_MANUAL = 10
STALE_PARTIAL = timedelta(hours=1)  # a copy still being written is younger than that

LABEL = re.compile(r"[a-z][a-z0-9.-]*")
_NAME = re.compile(
    re.escape(BACKUP_PREFIX)
    + r"(\d{8}-\d{6})(?:-(\d{6}))?-("
    + LABEL.pattern
    + ")"
    + re.escape(BACKUP_SUFFIX)
)

POSTGRES_MESSAGE = (
    "办公室共享的 PostgreSQL 数据库由其管理员用 pg_dump 备份和恢复，fieldapp 不备份它 "
    "(a shared office PostgreSQL database is backed up and restored by its administrator with pg_dump)"
)


class BackupUnavailableError(FieldappError):
    """The database is not a file on this device (PostgreSQL, or in memory)."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime  # UTC
    label: str

    @property
    def kind(self) -> str:
        """daily, manual, or event (before an import, an upgrade or a restore)."""
        return self.label if self.label in (DAILY, MANUAL) else "event"


def parse_backup_name(path: Path) -> BackupFile | None:
    match = _NAME.fullmatch(path.name)
    if match is None:
        return None
    stamp, micro, label = match.groups()
    try:
        taken = datetime.strptime(stamp, "%Y%m%d-%H%M%S").replace(microsecond=int(micro or 0), tzinfo=UTC)
    except ValueError:
        return None
    return BackupFile(path, taken, label)


def list_backups(backups_dir: Path) -> list[BackupFile]:
    """This app's backups in the folder, newest first."""
    if not backups_dir.is_dir():
        return []
    found = [parsed for p in backups_dir.iterdir() if (parsed := parse_backup_name(p)) and p.is_file()]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def rotation_keeps(backups: Sequence[BackupFile]) -> set[Path]:
    """The backups the rotation keeps (see the module's docstring)."""
    newest_first = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    kept: set[Path] = set()
    daily = [b for b in newest_first if b.kind == DAILY]
    kept.update(b.path for b in daily[:KEEP_DAILY])
    weeks: set[tuple[int, int]] = set()
    for backup in daily[KEEP_DAILY:]:
        week = backup.taken_at.isocalendar()[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add(week)
            kept.add(backup.path)
    kept.update(b.path for b in [b for b in newest_first if b.kind == MANUAL][:KEEP_MANUAL])
    kept.update(b.path for b in [b for b in newest_first if b.kind == "event"][:KEEP_EVENTS])
    return kept


def prune_backups(backups_dir: Path, *, keep: Iterable[Path] = (), now: datetime | None = None) -> list[Path]:
    """Delete the backups the rotation no longer keeps (never one in `keep`), and copies left half written
    by a process that was killed. Returns what was deleted."""
    backups = list_backups(backups_dir)
    spared = rotation_keeps(backups) | {p.resolve() for p in keep} | set(keep)
    removed: list[Path] = []
    for backup in backups:
        if backup.path in spared or backup.path.resolve() in spared:
            continue
        try:
            backup.path.unlink(missing_ok=True)
        except OSError as exc:  # Windows: someone has it open (a restore reading it); next time
            log.warning("backup %s not deleted: %s", backup.path.name, exc)
            continue
        removed.append(backup.path)
    oldest_partial = (now or datetime.now(UTC)).timestamp() - STALE_PARTIAL.total_seconds()
    for partial in backups_dir.glob(f".{BACKUP_PREFIX}*{PARTIAL_SUFFIX}") if backups_dir.is_dir() else []:
        try:
            if partial.stat().st_mtime < oldest_partial:
                partial.unlink()
                removed.append(partial)
        except OSError:
            continue
    if removed:
        log.info("backups rotated: %d deleted (%s)", len(removed), ", ".join(p.name for p in removed))
    return removed


def database_file(url: str) -> Path:
    """The SQLite file a database URL names; BackupUnavailableError for PostgreSQL or in memory."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise BackupUnavailableError("无效的数据库地址 (invalid database URL)") from None
    if parsed.get_backend_name() == "postgresql":
        raise BackupUnavailableError(POSTGRES_MESSAGE)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        raise BackupUnavailableError(
            "只有本机的 SQLite 数据库文件可以备份 (only a SQLite file can be backed up)"
        )
    return Path(parsed.database)


def _check_label(reason: str) -> str:
    if not LABEL.fullmatch(reason):
        raise ValueError(f"a backup's reason is lower-case letters, digits, '-' and '.': {reason!r}")
    return reason


def _rotate_after(taken: Path, backups_dir: Path, started: float, keep: Iterable[Path] = ()) -> Path:
    log.info(
        "backup taken: %s (%.1f MB in %.2f s)",
        taken,
        taken.stat().st_size / 1e6,
        time.perf_counter() - started,
    )
    prune_backups(backups_dir, keep=[taken, *keep])
    return taken


def take_file_backup(database: Path, backups_dir: Path, reason: str, *, keep: Iterable[Path] = ()) -> Path:
    """A consistent copy of the SQLite file `database` in `backups_dir`, labelled `reason`, then the
    rotation. Raises OSError (a full disk, a read-only folder) or DatabaseFileError (no database there)."""
    started = time.perf_counter()
    taken = backup_database_file(database, backups_dir, _check_label(reason))
    return _rotate_after(taken, backups_dir, started, keep)


def take_backup(database: Database, backups_dir: Path, reason: str) -> Path | None:
    """A backup of the app's database before `reason` happens (e.g. "before-sync-import"), safe while the
    app runs and from any thread, then the rotation. None when the database is not a file here
    (PostgreSQL: its administrator backs it up). Raises OSError when the copy cannot be written: an import
    should not go ahead then."""
    started = time.perf_counter()
    taken = backup_sqlite(database.engine, backups_dir, _check_label(reason))
    if taken is None:
        log.info("no backup %s: the database is not a file on this device (%s)", reason, database.dialect)
        return None
    return _rotate_after(taken, backups_dir, started)


def daily_backup_due(backups_dir: Path, now: datetime | None = None) -> bool:
    """No daily backup yet today (the device's own calendar), or the newest is from the future (a clock
    set back: better a copy too many than none for days)."""
    moment = now or datetime.now(UTC)
    daily = [b for b in list_backups(backups_dir) if b.kind == DAILY]
    if not daily:
        return True
    newest = daily[0].taken_at
    if newest > moment + timedelta(minutes=5):
        return True
    return _local_day(newest) < _local_day(moment)


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def take_daily_backup(database: Database, backups_dir: Path, now: datetime | None = None) -> Path | None:
    """The day's backup if it has not been taken yet; None if it has (or the database is not a file)."""
    if sqlite_file(database.engine) is None or not daily_backup_due(backups_dir, now):
        return None
    return take_backup(database, backups_dir, DAILY)


def backup_to(database: Path, out: Path) -> Path:
    """A consistent copy of `database` at `out`, a file of the person's choosing (not rotated)."""
    if out.exists() and out.resolve() == database.resolve():
        raise DatabaseFileError(f"{out} 就是数据库本身 (that is the database itself)")
    if out.is_dir():
        out = out / _backup_name(MANUAL, datetime.now(UTC))
    copy_database(database, out)
    log.info("backup written to %s", out)
    return out


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    source: Path
    revision: str  # the restored database's schema; an older one is upgraded when the app next opens it
    kept: Path | None  # the copy of the database it replaced (None when there was none)


def restore_database(database: Path, source: Path, backups_dir: Path) -> RestoreResult:
    """Put the copy `source` in the place of `database`, keeping a copy of what it replaces (labelled
    before-restore). Refused, with the database untouched, when `source` is not a whole fieldapp database
    of a schema this version knows, or while another program has the database open."""
    if database.exists() and source.exists() and source.resolve() == database.resolve():
        raise DatabaseFileError(f"{source} 就是数据库本身，无需恢复 (that is the database itself)")
    database.parent.mkdir(parents=True, exist_ok=True)
    prepared, revision = prepare_restore(source, database, known_revisions(), HEAD_REVISION)
    try:
        kept = None
        if database.exists():
            if release_database(database):
                kept = take_file_backup(database, backups_dir, BEFORE_RESTORE, keep=[source])
            else:  # damaged beyond SQLite's reading: keep its bytes
                backups_dir.mkdir(parents=True, exist_ok=True)
                kept = raw_copy(database, backups_dir / _backup_name(BEFORE_RESTORE, datetime.now(UTC)))
                log.warning("the database being replaced cannot be read; its bytes are kept in %s", kept)
        install_restored(prepared, database)
    finally:
        prepared.unlink(missing_ok=True)
    log.info(
        "database %s restored from %s (schema %s); the one replaced is kept in %s",
        database,
        source,
        revision,
        kept,
    )
    return RestoreResult(database, source, revision, kept)
