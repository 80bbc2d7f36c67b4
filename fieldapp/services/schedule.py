"""The inspection schedule: which customers are due for a periodic inspection, most overdue first.

A customer's next periodic inspection is due one cycle (fieldapp.domain.cycles: its override, else the
`cycles.table` setting) after its last finalized periodic inspection; in-progress and voided inspections,
and inspections of other kinds, do not count. A customer never inspected is due from the day it was
registered in this database (its customer.create audit event; today when there is none, e.g. a row that
came from elsewhere without its trail). Customers no cycle applies to are left out.

Two queries whatever the number of customers: the customers with their last finalized periodic inspection
(one grouped sub-query), and the registration days from the audit trail."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.domain.cycles import SETTING_KEY, cycle_months, next_due, overdue_days, parse_cycle_table
from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import ImportanceGrade, InspectionKind, InspectionStatus, VoltageLevel
from fieldapp.domain.errors import ValidationError
from fieldapp.services.settings_store import get_setting
from fieldapp.store.models import AuditEvent, Customer, Inspection

CUSTOMER_CREATE_EVENT = "customer.create"


@dataclass(frozen=True)
class DueRow:
    customer_id: uuid.UUID
    account_no: str
    name: str
    importance: ImportanceGrade
    supply_voltage: VoltageLevel
    last_inspected: date | None  # the day of the last finalized periodic inspection
    cycle_months: int
    due_date: date
    overdue_days: int  # days past the due date; 0 when not yet overdue


def _registration_days(session: Session) -> dict[uuid.UUID, date]:
    rows = session.execute(
        select(AuditEvent.entity_id, func.min(AuditEvent.at))
        .where(AuditEvent.action == CUSTOMER_CREATE_EVENT, AuditEvent.entity == "customer")
        .group_by(AuditEvent.entity_id)
    ).all()
    days: dict[uuid.UUID, date] = {}
    for entity_id, at in rows:
        try:
            days[uuid.UUID(entity_id)] = local_day(at)
        except (TypeError, ValueError):
            continue
    return days


def due_customers(session: Session, today: date, *, within_days: int = 30) -> list[DueRow]:
    """Customers whose periodic inspection is due on or before `today + within_days`, the most overdue
    first (then by account number)."""
    if isinstance(within_days, bool) or not isinstance(within_days, int) or within_days < 0:
        raise ValidationError(
            f"提前天数应为不小于0的整数：{within_days!r} (within: 0 or more days)", field="within_days"
        )
    table = parse_cycle_table(get_setting(session, SETTING_KEY))
    horizon = today + timedelta(days=within_days)
    last = (
        select(
            Inspection.customer_id.label("customer_id"),
            func.max(Inspection.started_at).label("last_started"),
        )
        .where(
            Inspection.status == InspectionStatus.FINALIZED,
            Inspection.kind == InspectionKind.PERIODIC,
            Inspection.deleted.is_(False),
        )
        .group_by(Inspection.customer_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Customer.id,
            Customer.account_no,
            Customer.name,
            Customer.importance,
            Customer.supply_voltage,
            Customer.cycle_override_months,
            last.c.last_started,
        )
        .outerjoin(last, last.c.customer_id == Customer.id)
        .where(Customer.deleted.is_(False))
    ).all()
    registered = _registration_days(session)
    by_class: dict[tuple[ImportanceGrade, VoltageLevel], int | None] = {}
    due: list[DueRow] = []
    for customer_id, account_no, name, importance, voltage, override, last_started in rows:
        if override is not None:
            months = cycle_months(importance, voltage, table, override)
        else:
            if (importance, voltage) not in by_class:
                by_class[importance, voltage] = cycle_months(importance, voltage, table)
            months = by_class[importance, voltage]
        if months is None:
            continue
        last_day = local_day(last_started) if last_started is not None else None
        due_date = next_due(last_day, months, registered.get(customer_id, today))
        if due_date > horizon:
            continue
        due.append(
            DueRow(
                customer_id=customer_id,
                account_no=account_no,
                name=name,
                importance=importance,
                supply_voltage=voltage,
                last_inspected=last_day,
                cycle_months=months,
                due_date=due_date,
                overdue_days=overdue_days(due_date, today),
            )
        )
    due.sort(key=lambda row: (row.due_date, row.account_no))
    return due
