"""Migration 0007 (the finding lifecycle) on a database an older fieldapp wrote: the findings it holds get
their deadline in force from the notice's deadline, so the findings page lists and counts them at once;
and the migration goes back down cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect, text
from testkit import Sample

from fieldapp.services.backend import Backend
from fieldapp.services.inspections import add_finding, start_inspection
from fieldapp.store.migrate import HEAD_REVISION, MIGRATIONS_DIR, current_revision, upgrade_database


def _downgrade_to(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
            connection.commit()
        with connection.begin():
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
            connection.commit()


@pytest.fixture
def engine(backend: Backend) -> Iterator[Engine]:
    yield backend.database.engine


def test_findings_of_an_older_database_get_their_deadline_in_force(
    backend: Backend, sample: Sample, engine: Engine
) -> None:
    inspection = backend.call(
        start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2]
    )
    backend.call(add_finding, inspection, "有期限", deadline=date(2099, 1, 31))
    backend.call(add_finding, inspection, "无期限")
    backend.close()  # the migration takes the database for itself
    _downgrade_to(engine, "0006")
    tables = inspect(engine).get_table_names()
    assert "finding_events" not in tables and "finding_evidence" not in tables
    assert "current_deadline" not in {c["name"] for c in inspect(engine).get_columns("findings")}

    upgrade_database(engine)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as connection:
        rows = dict(
            connection.execute(text("SELECT description, current_deadline FROM findings")).all()  # type: ignore[arg-type]
        )
    assert {k: str(v) if v is not None else None for k, v in rows.items()} == {
        "有期限": "2099-01-31",
        "无期限": None,
    }
    indexes = {ix["name"] for ix in inspect(engine).get_indexes("findings")}
    assert {
        "ix_findings_follow_up",
        "ix_findings_status_count",
        "ix_findings_customer_status",
        "ix_findings_inspection_status",
    } <= indexes
