"""Schema migrations: a fresh database is brought to the newest revision, the migration matches the models,
a database from a newer fieldapp is refused untouched, and SQLite backups are consistent copies."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Engine, Integer, MetaData, Table, inspect, select, text
from testkit import Sample

from fieldapp.domain.errors import DatabaseTooNewError
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.stats import collect_stats
from fieldapp.store.engine import make_engine
from fieldapp.store.migrate import (
    HEAD_REVISION,
    MIGRATIONS_DIR,
    backup_sqlite,
    current_revision,
    known_revisions,
    upgrade_database,
)
from fieldapp.store.models import Base, Customer


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    made = make_engine(database_url)
    try:
        yield made
    finally:
        made.dispose()


def _script() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def test_head_revision_is_the_one_alembic_knows() -> None:
    script = _script()
    assert script.get_heads() == [HEAD_REVISION]
    assert {rev.revision for rev in script.walk_revisions()} == known_revisions()
    assert HEAD_REVISION in known_revisions()


def test_a_fresh_database_is_brought_to_the_head_with_every_table(engine: Engine) -> None:
    assert current_revision(engine) is None
    assert upgrade_database(engine) is None  # nothing to back up on a fresh database
    assert current_revision(engine) == HEAD_REVISION
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_upgrading_an_up_to_date_database_does_nothing(engine: Engine, tmp_path: Path) -> None:
    upgrade_database(engine, tmp_path / "backups")
    assert upgrade_database(engine, tmp_path / "backups") is None
    assert current_revision(engine) == HEAD_REVISION
    assert not (tmp_path / "backups").exists()


def test_the_migration_matches_the_models(engine: Engine) -> None:
    upgrade_database(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_the_model_comparison_would_see_a_difference(engine: Engine) -> None:
    # Guards the test above against comparing nothing with nothing.
    upgrade_database(engine)
    extra = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(extra)
    Table("not_migrated", extra, Column("id", Integer, primary_key=True))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, extra)
    assert [d[0] for d in diff] == ["add_table"]


def _make_too_new(engine: Engine) -> None:
    upgrade_database(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))


def test_a_database_from_a_newer_fieldapp_is_refused_with_the_versions(
    engine: Engine, tmp_path: Path
) -> None:
    _make_too_new(engine)
    with pytest.raises(DatabaseTooNewError) as caught:
        upgrade_database(engine, tmp_path / "backups")
    message = str(caught.value)
    assert "9999" in message
    assert HEAD_REVISION in message
    assert "newer" in message
    assert "更新版本" in message
    assert current_revision(engine) == "9999"
    assert not (tmp_path / "backups").exists()


def test_open_backend_refuses_a_newer_database(engine: Engine, database_url: str, data_dir: Path) -> None:
    _make_too_new(engine)
    with pytest.raises(DatabaseTooNewError, match="9999"):
        open_backend(data_dir=str(data_dir), db_url=database_url)
    assert current_revision(engine) == "9999"


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


@pytest.mark.parametrize("migrated_database_url", ["sqlite"], indirect=True)
def test_a_sqlite_backup_is_a_consistent_copy_with_the_same_rows(backend: Backend, sample: Sample) -> None:
    source = Path(backend.database.engine.url.database or "")
    # A writer is half way through a transaction while the backup runs: the copy must not see it.
    with backend.database.engine.connect() as writer:
        writer.execute(text("UPDATE customers SET name = 'half-written' WHERE account_no = '0531000001'"))
        copy = backup_sqlite(backend.database.engine, backend.paths.backups, "test")
        writer.rollback()
    assert copy is not None
    assert copy.parent == backend.paths.backups
    assert copy.name.startswith("fieldapp-") and copy.name.endswith("-test.sqlite3")
    assert _rows(copy) == _rows(source)
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert "half-written" not in {name for (name,) in conn.execute("SELECT name FROM customers")}
    finally:
        conn.close()
    restored = open_backend(data_dir=str(copy.parent / "restored"), db_url=f"sqlite:///{copy.as_posix()}")
    try:
        with restored.session() as session:
            assert collect_stats(session)["customers"] == 3
            assert session.scalars(select(Customer.account_no).order_by(Customer.account_no)).all() == [
                "0531000001",
                "0531000002",
                "0531000003",
            ]
    finally:
        restored.close()


def test_backup_is_for_sqlite_files_only(engine: Engine, tmp_path: Path) -> None:
    taken = backup_sqlite(engine, tmp_path / "backups", "x")
    if engine.dialect.name == "sqlite":
        assert taken is not None and taken.is_file()
    else:
        assert taken is None
        assert not (tmp_path / "backups").exists()
    memory = make_engine("sqlite://")
    try:
        assert backup_sqlite(memory, tmp_path / "backups", "x") is None
    finally:
        memory.dispose()
