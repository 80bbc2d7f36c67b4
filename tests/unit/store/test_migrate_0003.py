"""Migration 0003 (signatures and the representative's refusal) on a database that an older fieldapp wrote:
a database at revision 0002 with an inspection in it upgrades, keeps the inspection, which records no
refusal, and the inspection can be signed afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Boolean, Engine, Integer, String, Text, Uuid, column, insert, inspect, table
from testkit import BUILTIN_TEMPLATE, SAMPLE_CUSTOMERS, SIGNATURE_STROKES

from fieldapp.checklists.builtin import load_builtin_templates
from fieldapp.domain.enums import InspectionStatus, InspectorGrade, SignerRole
from fieldapp.paths import checklists_dir
from fieldapp.services.customers import create_customer
from fieldapp.services.inspections import get_inspection, inspection_content
from fieldapp.services.inspectors import create_inspector
from fieldapp.services.signatures import record_refusal, sign, signature_slots
from fieldapp.services.templates import install_template
from fieldapp.store.engine import Database, make_engine
from fieldapp.store.migrate import HEAD_REVISION, MIGRATIONS_DIR, current_revision, upgrade_database
from fieldapp.store.types import UTCDateTime

STARTED = datetime(2026, 9, 14, 2, 30, tzinfo=UTC)

# The inspections table as revision 0002 left it (no representative_refused): the model cannot write it.
INSPECTIONS_0002 = table(
    "inspections",
    column("id", Uuid),
    column("customer_id", Uuid),
    column("template_id", Uuid),
    column("kind", String),
    column("status", String),
    column("started_at", UTCDateTime),
    column("void_reason", Text),
    column("device_code", String),
    column("current_item_code", String),
    column("revision", Integer),
    column("modified_at", UTCDateTime),
    column("modified_by", String),
    column("deleted", Boolean),
)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    made = make_engine(database_url)
    try:
        yield made
    finally:
        made.dispose()


INSPECTION_INSPECTORS_0002 = table(
    "inspection_inspectors",
    column("id", Uuid),
    column("inspection_id", Uuid),
    column("inspector_id", Uuid),
    column("position", Integer),
    column("revision", Integer),
    column("modified_at", UTCDateTime),
    column("modified_by", String),
    column("deleted", Boolean),
)


def _downgrade_to(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            # The batch rebuilds drop tables others refer to, as the upgrade path does (store.migrate).
            connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
            connection.commit()
        with connection.begin():
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
            connection.commit()


def _database_at_0002_with_an_inspection(engine: Engine, url: str) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """A database at 0002 with customers, inspectors, a template and an inspection, as an older fieldapp
    left it. The reference rows are written by today's services (the models only know HEAD's columns) and
    the database then taken back to 0002; the inspection itself is written as 0002 wrote it."""
    upgrade_database(engine)
    periodic = next(t for t in load_builtin_templates(checklists_dir()) if t.code == BUILTIN_TEMPLATE)
    old = Database(url, device_code="TOLD01")
    try:
        with old.session() as session:
            customer_id = create_customer(session, SAMPLE_CUSTOMERS[0])
            team = [
                create_inspector(session, "YJ001", "王建国", "用检证 鲁0315001", InspectorGrade.GRADE_1),
                create_inspector(session, "YJ002", "李秀英", "用检证 鲁0315002", InspectorGrade.GRADE_1),
            ]
            template_id = install_template(session, periodic)
    finally:
        old.dispose()
    _downgrade_to(engine, "0002")
    assert current_revision(engine) == "0002"
    inspection_id = uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(
            insert(INSPECTIONS_0002).values(
                id=inspection_id,
                customer_id=customer_id,
                template_id=template_id,
                kind="periodic",
                status="in_progress",
                started_at=STARTED,
                void_reason="",
                device_code="TOLD01",
                current_item_code="B03",
                revision=4,
                modified_at=STARTED,
                modified_by="TOLD01",
                deleted=False,
            )
        )
        for position, inspector_id in enumerate(team):
            connection.execute(
                insert(INSPECTION_INSPECTORS_0002).values(
                    id=uuid.uuid4(),
                    inspection_id=inspection_id,
                    inspector_id=inspector_id,
                    position=position,
                    revision=1,
                    modified_at=STARTED,
                    modified_by="TOLD01",
                    deleted=False,
                )
            )
    return inspection_id, team


def test_a_database_at_0002_with_an_inspection_upgrades_and_records_no_refusal(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    inspection_id, team = _database_at_0002_with_an_inspection(engine, database_url)
    schema = inspect(engine)
    assert "signatures" not in schema.get_table_names()
    assert "representative_refused" not in {c["name"] for c in schema.get_columns("inspections")}

    backup = upgrade_database(engine, tmp_path / "backups")

    assert current_revision(engine) == HEAD_REVISION
    if engine.dialect.name == "sqlite":
        assert backup is not None and Path(backup).is_file() and "before-upgrade-from-0002" in backup
    else:
        assert backup is None
    new = Database(database_url, device_code="TNEW01")
    try:
        with new.session() as session:
            inspection = get_inspection(session, inspection_id)
            assert inspection.representative_refused is False
            assert (inspection.status, inspection.started_at, inspection.current_item_code) == (
                InspectionStatus.IN_PROGRESS,
                STARTED,
                "B03",
            )
            assert inspection.revision == 4  # the upgrade changed no row
            assert [m.inspector_id for m in inspection.team] == team
            # An inspection sealed before signatures existed seals the same content as before.
            content = inspection_content(session, inspection)
            assert "signatures" not in content and "representative_refused" not in content
            slots = signature_slots(session, inspection_id)
            assert [(s.role, s.inspector_id, s.signed) for s in slots] == [
                (SignerRole.INSPECTOR, team[0], False),
                (SignerRole.INSPECTOR, team[1], False),
                (SignerRole.REPRESENTATIVE, None, False),
            ]
        # And the upgraded inspection takes signatures and a refusal like a new one.
        with new.session() as session:
            sign(session, inspection_id, SignerRole.INSPECTOR, 3.0, SIGNATURE_STROKES, inspector_id=team[0])
            record_refusal(session, inspection_id)
        with new.session() as session:
            assert get_inspection(session, inspection_id).representative_refused is True
            assert [s.signed for s in signature_slots(session, inspection_id)] == [True, False, False]
            assert signature_slots(session, inspection_id)[-1].role is SignerRole.WITNESS
    finally:
        new.dispose()


def test_a_new_inspections_refusal_defaults_to_false_in_the_database_itself(
    engine: Engine, database_url: str
) -> None:
    """Rows written by an older fieldapp after the upgrade (a second workstation on the shared PostgreSQL
    database not yet updated) give no value: the database's own default must say "no refusal"."""
    inspection_id, _ = _database_at_0002_with_an_inspection(engine, database_url)
    upgrade_database(engine)
    second = uuid.uuid4()
    with engine.begin() as conn:
        row = (
            conn.execute(INSPECTIONS_0002.select().where(INSPECTIONS_0002.c.id == inspection_id))
            .mappings()
            .one()
        )
        conn.execute(insert(INSPECTIONS_0002).values({**row, "id": second}))
    database = Database(database_url)
    try:
        with database.session() as session:
            assert get_inspection(session, second).representative_refused is False
    finally:
        database.dispose()
