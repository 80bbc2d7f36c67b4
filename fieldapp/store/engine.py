"""Engine and session setup for SQLite (the default, in the data dir) and PostgreSQL (an office that
shares one database among several workstations)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from fieldapp.store.models import Synced
from fieldapp.store.types import utcnow

BUSY_TIMEOUT_MS = 10_000
_TICK = timedelta(milliseconds=1)  # the smallest step a sync workbook keeps

# session.info keys
DEVICE_CODE = "device_code"
KEEP_SYNC_STAMPS = "keep_sync_stamps"  # set by a sync import that brings revisions from another device


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the GUI read while a worker writes; synchronous=FULL makes every commit durable before it
    # returns, which is what "saved the moment it is given" promises; foreign keys are off by default.
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def make_engine(url: str, *, echo: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, echo=echo, pool_pre_ping=True)
    raise ValueError(f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql")


def _changed_synced_columns(obj: Synced) -> set[str]:
    """The changed columns of a row, less those that stay on this device (they must not make a revision,
    or every tap would look like a conflicting edit to the other side of a sync) and the stamps."""
    state = inspect(obj)
    changed = {attr.key for attr in state.mapper.column_attrs if state.attrs[attr.key].history.has_changes()}
    return changed - obj.LOCAL_FIELDS - obj.STAMP_FIELDS


def effective_clock(clock: dict[str, int] | None, modified_by: str, revision: int) -> dict[str, int]:
    """A row's version vector; rows stored before sync existed have none and count as their last editor's."""
    if clock:
        return dict(clock)
    return {modified_by or "?": revision or 1}


def _stamp_synced_rows(session: Session, _flush_context: Any, _instances: Any) -> None:
    """Stamp revision, version vector, modified_at, modified_by and stored_at on every synced row that is
    added or changed, so no use case can forget them. A sync import keeps the stamps of the rows it brings
    and only notes when they were stored here."""
    now = utcnow()
    if session.info.get(KEEP_SYNC_STAMPS):
        for obj in (*session.new, *session.dirty):
            if isinstance(obj, Synced):
                obj.stored_at = now
        return
    device = session.info.get(DEVICE_CODE, "")
    for obj in session.new:
        if isinstance(obj, Synced):
            obj.modified_at = now
            obj.modified_by = device
            obj.stored_at = now
            if obj.revision is None:
                obj.revision = 1
            obj.clock = {device or "?": obj.revision}
    for obj in session.dirty:
        if isinstance(obj, Synced) and _changed_synced_columns(obj):
            clock = effective_clock(obj.clock, obj.modified_by, obj.revision)
            clock[device or "?"] = clock.get(device or "?", 0) + 1
            obj.clock = clock
            obj.revision = (obj.revision or 0) + 1
            # A later edit must sort after the version it replaces even when this tablet's clock is behind
            # the one that made it: the sync's "newest wins" then never undoes an edit made on top.
            previous = obj.modified_at
            obj.modified_at = now if previous is None or now > previous else previous + _TICK
            obj.modified_by = device
            obj.stored_at = now


class Database:
    """An engine and its session factory. One session per user action: `with db.session() as s:` commits
    when the block ends and rolls back if it raises."""

    def __init__(self, url: str, *, device_code: str = "", echo: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo)
        self.device_code = device_code
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._factory, "before_flush", _stamp_synced_rows)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        session = self._factory(info={DEVICE_CODE: self.device_code})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
