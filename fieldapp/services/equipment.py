"""The customer's equipment ledger: add and edit rows."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from fieldapp.domain.enums import EquipmentKind, EquipmentStatus
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.services.audit import apply_changes, record_event
from fieldapp.services.customers import get_customer
from fieldapp.store.models import Equipment


@dataclass(frozen=True)
class EquipmentFields:
    kind: EquipmentKind
    model: str = ""
    rating: str = ""
    capacity_kva: Decimal | None = None
    serial_no: str = ""
    commissioned_on: date | None = None
    last_test_on: date | None = None
    test_cycle_months: int | None = None
    status: EquipmentStatus = EquipmentStatus.IN_SERVICE


EDITABLE = frozenset(f.name for f in fields(EquipmentFields))


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in EDITABLE:
            raise ValidationError(f"未知字段 {key} (unknown field)", field=key)
        if key == "kind":
            try:
                value = EquipmentKind(value)
            except ValueError:
                raise ValidationError(
                    f"设备类型无效：{value!r} (unknown equipment kind)", field=key
                ) from None
        elif key == "status":
            try:
                value = EquipmentStatus(value)
            except ValueError:
                raise ValidationError(f"设备状态无效：{value!r} (unknown status)", field=key) from None
        elif key == "capacity_kva" and value is not None:
            try:
                value = Decimal(str(value))
            except InvalidOperation:
                raise ValidationError(
                    f"容量不是数字：{value!r} (capacity is not a number)", field=key
                ) from None
            if not value.is_finite() or value < 0:
                raise ValidationError("容量不能为负 (capacity cannot be negative)", field=key)
            if value >= Decimal("1e10") or value != value.quantize(Decimal("0.1")):
                # What the column holds: PostgreSQL refuses more, and more decimals would be rounded.
                raise ValidationError(
                    "容量应小于100亿且最多一位小数 (capacity: below 1e10, one decimal)", field=key
                )
        elif key in ("commissioned_on", "last_test_on") and value is not None:
            if not isinstance(value, date) or isinstance(value, datetime):
                raise ValidationError(f"日期无效：{value!r} (not a date)", field=key)
            if value > date.today():
                raise ValidationError("日期不能晚于今天 (date is in the future)", field=key)
        elif key == "test_cycle_months" and value is not None:
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 240:
                raise ValidationError("试验周期应为1到240个月 (test cycle: 1 to 240 months)", field=key)
        elif isinstance(value, str):
            value = value.strip()
        out[key] = value
    return out


def add_equipment(
    session: Session, customer_id: uuid.UUID, values: EquipmentFields, *, actor: str = ""
) -> uuid.UUID:
    customer = get_customer(session, customer_id)
    row = Equipment(customer_id=customer.id, **_clean(asdict(values)))
    session.add(row)
    session.flush()
    record_event(
        session,
        "equipment.create",
        "equipment",
        row.id,
        actor=actor,
        detail={"customer": customer.account_no, "kind": row.kind.value},
    )
    return row.id


def update_equipment(
    session: Session, equipment_id: uuid.UUID, changes: Mapping[str, Any], *, actor: str = ""
) -> None:
    row = session.get(Equipment, equipment_id)
    if row is None or row.deleted:
        raise NotFoundError(f"设备不存在 (no equipment {equipment_id})")
    apply_changes(session, row, _clean(changes), "equipment.update", "equipment", actor=actor)
