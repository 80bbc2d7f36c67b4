"""Customers (大用户): create, edit, search. Search returns ids first so the GUI's model can fetch the rows
it shows, page by page."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import ImportanceGrade, MeteringClass, Tariff, VoltageLevel
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.roles import Permission
from fieldapp.services.access import require
from fieldapp.services.audit import apply_changes, record_event
from fieldapp.services.queries import LIKE_ESCAPE, escape_like
from fieldapp.store.models import Customer

_ACCOUNT_NO = re.compile(r"^[0-9A-Za-z-]{1,32}$")


@dataclass(frozen=True)
class CustomerFields:
    account_no: str
    name: str
    supply_voltage: VoltageLevel
    contract_capacity_kva: Decimal
    tariff: Tariff
    metering_class: MeteringClass
    importance: ImportanceGrade = ImportanceGrade.ORDINARY
    address: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    industry: str = ""
    cycle_override_months: int | None = None
    notes: str = ""


EDITABLE = frozenset(f.name for f in fields(CustomerFields))
# The text columns' lengths: PostgreSQL refuses a longer value where SQLite would quietly keep it.
_TEXT_LIMITS = {
    "address": ("地址", 300),
    "contact_name": ("联系人", 50),
    "contact_phone": ("联系电话", 32),
    "industry": ("行业", 100),
}


@dataclass(frozen=True)
class CustomerRow:
    """What a list of customers shows."""

    id: uuid.UUID
    account_no: str
    name: str
    address: str
    supply_voltage: VoltageLevel
    contract_capacity_kva: Decimal
    importance: ImportanceGrade


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise customer values; every error names its field."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in EDITABLE:
            raise ValidationError(f"未知字段 {key} (unknown field)", field=key)
        if key == "account_no":
            text = str(value).strip()
            if not _ACCOUNT_NO.match(text):
                raise ValidationError(
                    f"户号只能由数字、字母和连字符组成，最长32位：{text!r} "
                    "(account number: digits, letters and hyphens, at most 32)",
                    field=key,
                )
            value = text
        elif key == "name":
            value = str(value).strip()
            if not value:
                raise ValidationError("客户名称不能为空 (customer name is required)", field=key)
            if len(value) > 200:
                raise ValidationError("客户名称过长（最多200字）(name too long)", field=key)
        elif key == "contract_capacity_kva":
            try:
                value = Decimal(str(value))
            except InvalidOperation:
                raise ValidationError(
                    f"合同容量不是数字：{value!r} (capacity is not a number)", field=key
                ) from None
            if not value.is_finite() or value <= 0:
                raise ValidationError("合同容量必须大于0 (contract capacity must be positive)", field=key)
            if value >= Decimal("1e10"):
                raise ValidationError("合同容量超出范围 (contract capacity too large)", field=key)
            if value != value.quantize(Decimal("0.1")):
                # The column keeps one decimal: more would be rounded, differently on SQLite and PostgreSQL.
                raise ValidationError(
                    "合同容量最多一位小数 (contract capacity: one decimal at most)", field=key
                )
        elif key == "supply_voltage":
            value = _enum(VoltageLevel, value, key, "供电电压")
        elif key == "tariff":
            value = _enum(Tariff, value, key, "电价类别")
        elif key == "metering_class":
            value = _enum(MeteringClass, value, key, "计量类别")
        elif key == "importance":
            value = _enum(ImportanceGrade, value, key, "重要等级")
        elif key == "cycle_override_months":
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120
            ):
                raise ValidationError("检查周期应为1到120个月 (cycle: 1 to 120 months)", field=key)
        else:
            value = str(value).strip()
            label, limit = _TEXT_LIMITS.get(key, ("", 0))
            if limit and len(value) > limit:
                raise ValidationError(f"{label}过长（最多{limit}字）(too long)", field=key)
        out[key] = value
    return out


def check_customer_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` as create_customer and update_customer would store them, or the ValidationError they would
    raise: lets an import check every row before it writes any."""
    return _clean(values)


def _enum(enum: Any, value: Any, key: str, label: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = "、".join(m.value for m in enum)
        raise ValidationError(f"{label}取值无效：{value!r}，应为 {allowed}", field=key) from None


def create_customer(session: Session, values: CustomerFields, *, actor: str = "") -> uuid.UUID:
    require(session, Permission.CUSTOMERS)
    clean = _clean(asdict(values))
    _check_account_free(session, clean["account_no"])
    customer = Customer(**clean)
    session.add(customer)
    session.flush()
    record_event(
        session,
        "customer.create",
        "customer",
        customer.id,
        actor=actor,
        detail={"account_no": customer.account_no},
    )
    return customer.id


def create_customers(
    session: Session, values: Sequence[CustomerFields], *, actor: str = ""
) -> list[uuid.UUID]:
    """create_customer for many at once (an office's register): the same checks and one audit event each,
    with one query per 500 account numbers and one flush, where one at a time costs two round trips each
    (10 000 customers: minutes instead of seconds)."""
    require(session, Permission.CUSTOMERS)
    cleaned = [_clean(asdict(v)) for v in values]
    accounts = [c["account_no"] for c in cleaned]
    seen: set[str] = set()
    for account in accounts:
        if account in seen:
            raise ValidationError(f"户号 {account} 重复 (account number twice)", field="account_no")
        seen.add(account)
    for start in range(0, len(accounts), 500):
        chunk = accounts[start : start + 500]
        taken = session.scalar(select(Customer.account_no).where(Customer.account_no.in_(chunk)).limit(1))
        if taken is not None:
            _check_account_free(session, taken)
    ids = []
    for clean in cleaned:
        customer = Customer(id=uuid.uuid4(), **clean)
        session.add(customer)
        record_event(
            session,
            "customer.create",
            "customer",
            customer.id,
            actor=actor,
            detail={"account_no": customer.account_no},
        )
        ids.append(customer.id)
    session.flush()
    return ids


def update_customer(
    session: Session, customer_id: uuid.UUID, changes: Mapping[str, Any], *, actor: str = ""
) -> None:
    require(session, Permission.CUSTOMERS)
    customer = get_customer(session, customer_id)
    clean = _clean(changes)
    if "account_no" in clean and clean["account_no"] != customer.account_no:
        _check_account_free(session, clean["account_no"])
    apply_changes(session, customer, clean, "customer.update", "customer", actor=actor)


def get_customer(session: Session, customer_id: uuid.UUID) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None or customer.deleted:
        raise NotFoundError(f"客户不存在 (no customer {customer_id})")
    return customer


def _check_account_free(session: Session, account_no: str) -> None:
    taken = session.scalar(select(Customer.id).where(Customer.account_no == account_no))
    if taken is not None:
        raise ValidationError(
            f"户号 {account_no} 已存在 (account number already registered)", field="account_no"
        )


def search_customer_keys(session: Session, text: str = "") -> list[str]:
    """Ids of the customers whose account number, name or address contains every word of `text`,
    ordered by account number, each as text: 32 hex digits on SQLite, the hyphenated form on PostgreSQL;
    uuid.UUID(key) reads either.

    For long result lists (the customer list shows all 10 000 when the search box is empty): text needs no
    conversion, and plain strings are objects the cyclic garbage collector never walks, where 10 000
    uuid.UUID objects that outlive the search make the next full collection take tens of milliseconds, in
    the middle of someone's typing. The list shows them as UUIDs a page at a time."""
    customers = Customer.__table__  # Core columns: rows come back as plain values, without ORM loading
    query = select(cast(customers.c.id, String)).where(customers.c.deleted.is_(False))
    for word in text.split():
        pattern = f"%{escape_like(word)}%"
        query = query.where(
            or_(
                customers.c.account_no.ilike(pattern, escape=LIKE_ESCAPE),
                customers.c.name.ilike(pattern, escape=LIKE_ESCAPE),
                customers.c.address.ilike(pattern, escape=LIKE_ESCAPE),
            )
        )
    return list(session.scalars(query.order_by(customers.c.account_no)))


def search_customer_ids(session: Session, text: str = "") -> list[uuid.UUID]:
    """search_customer_keys as UUIDs."""
    return [uuid.UUID(key) for key in search_customer_keys(session, text)]


def customer_rows(session: Session, ids: Sequence[uuid.UUID]) -> list[CustomerRow]:
    """The rows for `ids`, in the order given (ids that no longer exist are left out)."""
    if not ids:
        return []
    found = {
        c.id: c
        for c in session.execute(
            select(
                Customer.id,
                Customer.account_no,
                Customer.name,
                Customer.address,
                Customer.supply_voltage,
                Customer.contract_capacity_kva,
                Customer.importance,
            ).where(Customer.id.in_(list(ids)))
        )
    }
    return [CustomerRow(*found[i]) for i in ids if i in found]


def count_customers(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Customer).where(Customer.deleted.is_(False))) or 0
