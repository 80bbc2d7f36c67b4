"""Schema migrations with Alembic: a fresh database is created by the first migration, an older one is
backed up and upgraded, a newer one is refused with a message instead of a crash.

The start-up path reads the stored revision with one query and compares it with HEAD, so the common case
(already up to date) does not pay for importing Alembic."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from fieldapp.domain.errors import DatabaseError, DatabaseTooNewError
from fieldapp.store.backup import backup_sqlite  # before an upgrade; re-exported for older callers

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision this version of the app knows; a test checks it against Alembic's own view.
# Every revision this version of the app can upgrade from, oldest first. Spelled out rather than read from
# migrations/versions: a frozen build keeps the migrations compiled, not as .py files to list, and would
# then take every older database for a newer one. A test checks it against Alembic's own view.
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")
HEAD_REVISION = REVISIONS[-1]


def known_revisions() -> set[str]:
    return set(REVISIONS)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()


def upgrade_database(engine: Engine, backups_dir: Path | None = None) -> str | None:
    """Bring the schema to HEAD_REVISION. Returns the path of the backup taken, if any."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return None
    if current is not None and current not in known_revisions():
        raise DatabaseTooNewError(
            f"数据库由更新版本的 fieldapp 创建（结构版本 {current}，本程序只认识到 {HEAD_REVISION}），"
            f"请升级程序后再打开。(This database was written by a newer fieldapp: schema {current}, this "
            f"version knows up to {HEAD_REVISION}. Install the newer version to open it.)"
        )
    backup = None
    if current is not None and backups_dir is not None:
        taken = backup_sqlite(engine, backups_dir, f"before-upgrade-from-{current}")
        backup = str(taken) if taken else None
    _run_alembic_upgrade(engine)
    return backup


def _run_alembic_upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        return
    with engine.connect() as connection:
        # SQLite changes a table's constraints by copying it to a new table and dropping the old one, which
        # enforced foreign keys forbid; the pragma only takes effect outside a transaction, so it is set
        # first, and the keys are checked by hand before the commit instead.
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        try:
            # Python's sqlite3 opens no transaction before DDL, so each CREATE or ALTER would commit on its
            # own, and a process killed mid-migration (the first start included) would leave a half-built
            # schema without alembic_version that no later start can open ("table ... already exists").
            # SQLite's DDL is transactional: one explicit BEGIN makes the whole upgrade, version stamp
            # included, all or nothing. IMMEDIATE takes the write lock first: a second instance starting at
            # the same moment waits for it, then fails cleanly instead of interleaving its DDL.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                connection.rollback()
                raise DatabaseError(f"migration left rows with broken foreign keys: {broken[:5]}")
            connection.commit()
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
