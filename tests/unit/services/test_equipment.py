"""The equipment ledger (设备台账): add and edit rows; future dates and negative capacity are refused."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from testkit import Sample

from fieldapp.domain.enums import EquipmentKind, EquipmentStatus
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.services.backend import Backend
from fieldapp.services.customers import get_customer
from fieldapp.services.equipment import EquipmentFields, add_equipment, update_equipment
from fieldapp.store.models import AuditEvent, Customer, Equipment

TRANSFORMER = EquipmentFields(
    kind=EquipmentKind.TRANSFORMER,
    model=" S11-M-1250/10 ",
    rating="1250 kVA 10/0.4 kV",
    capacity_kva=Decimal("1250"),
    serial_no="TR20150311",
    commissioned_on=date(2015, 3, 11),
    last_test_on=date(2024, 4, 2),
    test_cycle_months=36,
)


def _get(backend: Backend, equipment_id: uuid.UUID) -> Equipment:
    with backend.session() as session:
        row = session.get(Equipment, equipment_id)
        assert row is not None
        return row


def _events(backend: Backend, action: str) -> list[AuditEvent]:
    with backend.session() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_add_stores_the_row_for_the_customer_and_audits_it(backend: Backend, sample: Sample) -> None:
    equipment_id = backend.call(add_equipment, sample.customers[0], TRANSFORMER, actor="YJ001")
    row = _get(backend, equipment_id)
    assert row.customer_id == sample.customers[0]
    assert row.kind is EquipmentKind.TRANSFORMER
    assert row.model == "S11-M-1250/10"
    assert row.capacity_kva == Decimal("1250")
    assert (row.commissioned_on, row.last_test_on, row.test_cycle_months) == (
        date(2015, 3, 11),
        date(2024, 4, 2),
        36,
    )
    assert row.status is EquipmentStatus.IN_SERVICE
    [event] = _events(backend, "equipment.create")
    assert event.entity_id == str(equipment_id)
    assert event.actor == "YJ001"
    assert event.detail == {"customer": "0531000001", "kind": "transformer"}


def test_the_customers_ledger_lists_its_rows(backend: Backend, sample: Sample) -> None:
    backend.call(add_equipment, sample.customers[0], TRANSFORMER)
    backend.call(
        add_equipment, sample.customers[0], EquipmentFields(EquipmentKind.CAPACITOR_BANK, rating="600 kvar")
    )
    backend.call(add_equipment, sample.customers[1], EquipmentFields(EquipmentKind.GENERATOR))
    with backend.session() as session:
        kinds = [e.kind for e in get_customer(session, sample.customers[0]).equipment]
    assert sorted(kinds) == [EquipmentKind.CAPACITOR_BANK, EquipmentKind.TRANSFORMER]


def test_an_edit_is_saved_and_audited_with_before_and_after(backend: Backend, sample: Sample) -> None:
    equipment_id = backend.call(add_equipment, sample.customers[0], TRANSFORMER)
    backend.call(
        update_equipment,
        equipment_id,
        {"status": "sealed", "last_test_on": date(2025, 5, 6), "model": "S11-M-1250/10"},
        actor="YJ002",
    )
    row = _get(backend, equipment_id)
    assert row.status is EquipmentStatus.SEALED
    assert row.last_test_on == date(2025, 5, 6)
    assert row.revision == 2
    [event] = _events(backend, "equipment.update")
    assert event.actor == "YJ002"
    assert event.detail == {
        "before": {"status": "in_service", "last_test_on": "2024-04-02"},
        "after": {"status": "sealed", "last_test_on": "2025-05-06"},
    }


def test_an_edit_that_changes_nothing_writes_no_event(backend: Backend, sample: Sample) -> None:
    equipment_id = backend.call(add_equipment, sample.customers[0], TRANSFORMER)
    backend.call(update_equipment, equipment_id, {"capacity_kva": "1250.0", "kind": "transformer"})
    assert _events(backend, "equipment.update") == []
    assert _get(backend, equipment_id).revision == 1


TOMORROW = date.today() + timedelta(days=1)


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("commissioned_on", TOMORROW, "晚于今天"),
        ("last_test_on", TOMORROW, "晚于今天"),
        ("last_test_on", "2024-01-01", "日期无效"),
        ("capacity_kva", Decimal("-1"), "不能为负"),
        ("capacity_kva", "-0.5", "不能为负"),
        ("capacity_kva", "abc", "不是数字"),
        ("capacity_kva", "Infinity", "容量"),
        ("capacity_kva", "1e12", "容量"),
        ("capacity_kva", "315.25", "容量"),
        ("test_cycle_months", 0, "试验周期"),
        ("test_cycle_months", 241, "试验周期"),
        ("kind", "teapot", "设备类型"),
        ("status", "broken", "设备状态"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    backend: Backend, sample: Sample, field: str, value: object, says: str
) -> None:
    bad: Any = replace(TRANSFORMER, **{field: value})
    with pytest.raises(ValidationError, match=says) as caught:
        backend.call(add_equipment, sample.customers[0], bad)
    assert caught.value.field == field
    with backend.session() as session:
        assert session.scalars(select(Equipment)).all() == []


def test_an_edit_into_the_future_is_refused_and_changes_nothing(backend: Backend, sample: Sample) -> None:
    equipment_id = backend.call(add_equipment, sample.customers[0], TRANSFORMER)
    with pytest.raises(ValidationError) as caught:
        backend.call(update_equipment, equipment_id, {"status": "suspended", "last_test_on": TOMORROW})
    assert caught.value.field == "last_test_on"
    assert _get(backend, equipment_id).status is EquipmentStatus.IN_SERVICE


def test_today_and_zero_capacity_are_accepted(backend: Backend, sample: Sample) -> None:
    values = replace(
        TRANSFORMER, commissioned_on=date.today(), last_test_on=date.today(), capacity_kva=Decimal(0)
    )
    row = _get(backend, backend.call(add_equipment, sample.customers[0], values))
    assert row.commissioned_on == date.today()
    assert row.capacity_kva == Decimal(0)


def test_the_largest_capacity_a_ledger_holds_is_stored_exactly(backend: Backend, sample: Sample) -> None:
    values = replace(TRANSFORMER, capacity_kva=Decimal("9999999999.9"))
    row = _get(backend, backend.call(add_equipment, sample.customers[0], values))
    assert row.capacity_kva == Decimal("9999999999.9")


def test_equipment_of_a_missing_or_deleted_customer_is_refused(backend: Backend, sample: Sample) -> None:
    with pytest.raises(NotFoundError):
        backend.call(add_equipment, uuid.uuid4(), TRANSFORMER)
    with backend.session() as session:
        customer = session.get(Customer, sample.customers[2])
        assert customer is not None
        customer.deleted = True
    with pytest.raises(NotFoundError):
        backend.call(add_equipment, sample.customers[2], TRANSFORMER)


def test_editing_missing_equipment_is_reported(backend: Backend) -> None:
    with pytest.raises(NotFoundError):
        backend.call(update_equipment, uuid.uuid4(), {"status": "sealed"})
