"""Engine and session setup: SQLite runs with the pragmas that make "saved" mean saved, both engines enforce
foreign keys, and a session block commits on success and rolls back on error."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from fieldapp.domain.enums import EquipmentKind
from fieldapp.services.backend import Backend, open_backend
from fieldapp.store.engine import BUSY_TIMEOUT_MS, Database, make_engine
from fieldapp.store.migrate import upgrade_database
from fieldapp.store.models import Equipment, Inspector


def _pragma(database: Database, name: str) -> object:
    with database.engine.connect() as conn:
        return conn.execute(text(f"PRAGMA {name}")).scalar_one()


def test_sqlite_runs_in_wal_with_full_sync_foreign_keys_and_a_busy_timeout(sqlite_url: str) -> None:
    database = Database(sqlite_url)
    try:
        assert _pragma(database, "journal_mode") == "wal"
        assert _pragma(database, "synchronous") == 2  # FULL
        assert _pragma(database, "foreign_keys") == 1
        assert _pragma(database, "busy_timeout") == BUSY_TIMEOUT_MS
        assert BUSY_TIMEOUT_MS >= 5000
    finally:
        database.dispose()


def test_every_new_sqlite_connection_gets_the_pragmas(sqlite_url: str) -> None:
    database = Database(sqlite_url)
    try:
        with database.engine.connect() as first, database.engine.connect() as second:
            for conn in (first, second):
                assert conn.execute(text("PRAGMA synchronous")).scalar_one() == 2
                assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    finally:
        database.dispose()


def test_the_default_database_in_the_data_dir_has_the_pragmas(data_dir: Path) -> None:
    opened = open_backend(data_dir=str(data_dir))
    try:
        assert opened.database.dialect == "sqlite"
        assert Path(opened.database.engine.url.database or "") == data_dir / "fieldapp.sqlite3"
        assert _pragma(opened.database, "journal_mode") == "wal"
        assert _pragma(opened.database, "synchronous") == 2
        assert _pragma(opened.database, "foreign_keys") == 1
    finally:
        opened.close()


def test_foreign_keys_are_enforced(backend: Backend) -> None:
    with pytest.raises(IntegrityError), backend.session() as session:
        session.add(
            Equipment(customer_id=uuid.uuid4(), kind=EquipmentKind.TRANSFORMER, capacity_kva=Decimal(1))
        )


def test_unsupported_databases_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported database 'mysql'"):
        make_engine("mysql://user@localhost/fieldapp")


def test_a_session_block_commits_on_success_and_rolls_back_on_error(database_url: str) -> None:
    database = Database(database_url, device_code="TTEST1")
    try:
        upgrade_database(database.engine)
        with database.session() as session:
            session.add(Inspector(staff_no="A1", name="甲", certificate_no="C1", grade="1"))
        with pytest.raises(RuntimeError), database.session() as session:
            session.add(Inspector(staff_no="A2", name="乙", certificate_no="C2", grade="1"))
            session.flush()
            raise RuntimeError("the user action failed")
        with database.session() as session:
            assert session.scalars(select(Inspector.staff_no)).all() == ["A1"]
            assert session.scalar(select(func.count()).select_from(Inspector)) == 1
    finally:
        database.dispose()
