"""Invariant 3: every synced row carries a UUID, a revision, modified_at in UTC, the device that modified it
and a deleted flag, stamped by the session so no use case can forget them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from testkit import Sample

from fieldapp.domain.enums import EquipmentKind, Verdict
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.customers import get_customer, update_customer
from fieldapp.services.equipment import EquipmentFields, add_equipment
from fieldapp.services.inspections import add_finding, record_answer, start_inspection
from fieldapp.store.engine import KEEP_SYNC_STAMPS
from fieldapp.store.models import SYNCED_MODELS, Answer, Customer, Device, Inspection


def _fill(backend: Backend, sample: Sample) -> uuid.UUID:
    with backend.session() as session:
        add_equipment(
            session,
            sample.customers[0],
            EquipmentFields(EquipmentKind.TRANSFORMER, capacity_kva=Decimal(1250)),
        )
        inspection_id = start_inspection(
            session, sample.customers[0], sample.template_id, sample.inspectors[:2]
        )
        record_answer(session, inspection_id, "A01", verdict=Verdict.DEFECT, note="电缆沟积水")
        add_finding(session, inspection_id, "配电室电缆沟积水", item_code="A01")
    return inspection_id


def test_every_synced_row_is_stamped_with_uuid_revision_utc_time_and_device(
    backend: Backend, sample: Sample
) -> None:
    _fill(backend, sample)
    now = datetime.now(UTC)
    seen = set()
    with backend.session() as session:
        for model in SYNCED_MODELS:
            for row in session.scalars(select(model)):
                seen.add(model.__tablename__)
                where = f"{model.__tablename__} {row.id}"
                assert isinstance(row.id, uuid.UUID), where
                assert row.deleted is False, where
                assert row.modified_at.tzinfo is not None, where
                assert row.modified_at.utcoffset() == timedelta(0), where
                assert now - timedelta(days=1) < row.modified_at <= now, where
                assert row.modified_by == backend.device_code, where
                # The inspection itself moved on when an answer was recorded (current_item_code).
                if model is not Inspection:
                    assert row.revision == 1, where
    assert {
        "devices",
        "inspectors",
        "customers",
        "equipment",
        "checklist_templates",
        "checklist_items",
        "inspections",
        "inspection_inspectors",
        "answers",
        "findings",
        "audit_events",
    } <= seen


def test_a_new_database_gets_a_short_device_code_that_stays(database_url: str, tmp_path: Path) -> None:
    first = open_backend(data_dir=str(tmp_path / "a"), db_url=database_url)
    code = first.device_code
    first.close()
    assert len(code) == 6
    assert code.startswith("T")
    assert not set(code) & set("IO01")  # read aloud and typed by people
    reopened = open_backend(data_dir=str(tmp_path / "b"), db_url=database_url)
    try:
        assert reopened.device_code == code
        with reopened.session() as session:
            [device] = session.scalars(select(Device)).all()
            assert (device.code, device.modified_by, device.revision) == (code, code, 1)
    finally:
        reopened.close()
    other = open_backend(data_dir=str(tmp_path / "c"))  # another device, its own SQLite file
    try:
        assert other.device_code != code
    finally:
        other.close()


def test_an_update_bumps_revision_and_modified_at(backend: Backend, sample: Sample) -> None:
    customer_id = sample.customers[0]
    with backend.session() as session:
        first = get_customer(session, customer_id)
        revision, modified_at = first.revision, first.modified_at
    assert revision == 1
    with backend.session() as session:
        update_customer(session, customer_id, {"contact_phone": "0534-2345678"})
    with backend.session() as session:
        changed = get_customer(session, customer_id)
        assert changed.revision == 2
        assert changed.modified_at > modified_at
        assert changed.modified_by == backend.device_code
    with backend.session() as session:
        update_customer(session, customer_id, {"contact_phone": "0534-3456789", "industry": "卫生"})
    with backend.session() as session:
        assert get_customer(session, customer_id).revision == 3


def test_an_edit_that_changes_nothing_leaves_the_revision_alone(backend: Backend, sample: Sample) -> None:
    with backend.session() as session:
        update_customer(
            session, sample.customers[0], {"name": "临河县人民医院", "contract_capacity_kva": "2500.0"}
        )
    with backend.session() as session:
        assert get_customer(session, sample.customers[0]).revision == 1


def test_replacing_an_answer_bumps_its_revision(backend: Backend, sample: Sample) -> None:
    inspection_id = _fill(backend, sample)
    with backend.session() as session:
        first = session.scalars(select(Answer).where(Answer.inspection_id == inspection_id)).one()
        stamp = first.modified_at
    with backend.session() as session:
        result = record_answer(session, inspection_id, "A01", verdict=Verdict.OK)
    assert result.revision == 2
    with backend.session() as session:
        again = session.scalars(select(Answer).where(Answer.inspection_id == inspection_id)).one()
        assert again.revision == 2
        assert again.modified_at > stamp


def test_a_sync_import_keeps_the_stamps_it_brings(backend: Backend, sample: Sample) -> None:
    elsewhere = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    with backend.session() as session:
        session.info[KEEP_SYNC_STAMPS] = True
        customer = session.get(Customer, sample.customers[1])
        assert customer is not None
        customer.contact_phone = "0534-7654321"
        customer.revision = 7
        customer.modified_at = elsewhere
        customer.modified_by = "TOTHER"
    with backend.session() as session:
        customer = session.get(Customer, sample.customers[1])
        assert customer is not None
        assert (customer.revision, customer.modified_at, customer.modified_by) == (7, elsewhere, "TOTHER")
