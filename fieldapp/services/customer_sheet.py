"""The one-page profile of a customer (客户概况) for a visit or a meeting with the customer: its details
and supply, contacts, the findings still open with the deadline in force (overdue ones marked), the
hazards that keep coming back, the equipment and safety-tool tests coming due, and the last inspections.

The facts are read here (services.customer_profile, services.customer_timeline) and worded in Chinese into
a plain CustomerSheet; fieldapp.notices.customer_sheet lays it out on one A4 page."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import (
    EquipmentKind,
    ImportanceGrade,
    InspectionStatus,
    MeteringClass,
    Tariff,
)
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.finding_lifecycle import STATUS_ZH, overdue_days
from fieldapp.notices.customer_sheet import CustomerSheet, SheetRow, SheetTable, render_customer_sheet
from fieldapp.notices.wording import GRADES, INSPECTION_KINDS
from fieldapp.services.audit import record_event
from fieldapp.services.customer_profile import CustomerProfile, customer_profile
from fieldapp.services.customer_timeline import RecurringHazard, TimelineKind
from fieldapp.services.notices import font_file
from fieldapp.services.settings_store import get_setting
from fieldapp.store.models import Customer
from fieldapp.sync.labels import choice_labels

TEST_DUE_DAYS = 90  # tests falling due within this many days are listed, with the overdue ones

_EQUIPMENT_ZH = choice_labels(EquipmentKind)
_TARIFF_ZH = choice_labels(Tariff)
_IMPORTANCE_ZH = choice_labels(ImportanceGrade) | {ImportanceGrade.ORDINARY.value: "普通"}
_METERING_ZH = choice_labels(MeteringClass)
_INSPECTION_STATUS_ZH = choice_labels(InspectionStatus)


def find_customer(session: Session, account_no_or_id: str) -> uuid.UUID:
    """The customer with this account number (户号), or else this id."""
    text = account_no_or_id.strip()
    found = session.scalar(
        select(Customer.id).where(Customer.account_no == text, Customer.deleted.is_(False))
    )
    if found is not None:
        return found
    try:
        customer_id = uuid.UUID(text)
    except ValueError:
        raise NotFoundError(
            f"没有户号为 {text!r} 的客户 (no customer with account number {text!r})"
        ) from None
    customer = session.get(Customer, customer_id)
    if customer is None or customer.deleted:
        raise NotFoundError(f"客户不存在：{text} (no customer {text})")
    return customer.id


def _days(n: int) -> str:
    return f"已超期 {n} 天"


def _open_findings(profile: CustomerProfile, today: date) -> SheetTable:
    rows = []
    for f in profile.open_findings:
        late = overdue_days(f.deadline, f.status, today)
        deadline = f.deadline.isoformat() if f.deadline else "未定"
        rows.append(
            SheetRow(
                (
                    f.found_on.isoformat(),
                    f.description,
                    GRADES[f.severity],
                    f"{deadline}（{_days(late)}）" if late else deadline,
                    STATUS_ZH[f.status],
                ),
                alert=late > 0,
            )
        )
    # Overdue first (most overdue on top), then by the deadline in force: what to raise at the visit.
    order = sorted(
        range(len(rows)),
        key=lambda i: (
            -overdue_days(profile.open_findings[i].deadline, profile.open_findings[i].status, today),
            i,
        ),
    )
    return SheetTable(
        "未整改隐患",
        ("发现日期", "隐患描述", "等级", "整改期限", "状态"),
        (16, 66, 14, 41, 16),
        tuple(rows[i] for i in order),
        "无未整改隐患。",
    )


def _recurring(hazards: Sequence[RecurringHazard]) -> SheetTable:
    return SheetTable(
        "反复出现的隐患",
        ("隐患", "发现次数", "首次发现", "最近发现", "现状"),
        (80, 14, 19, 19, 25),
        tuple(
            SheetRow(
                (
                    h.description,
                    f"{h.inspections} 次",
                    h.first_seen.isoformat(),
                    h.last_seen.isoformat(),
                    "仍未整改" if h.still_open else "已整改",
                ),
                alert=h.still_open,
            )
            for h in hazards
        ),
        "无反复出现的隐患。",
    )


def _tests_due(profile: CustomerProfile, today: date) -> SheetTable:
    horizon = today + timedelta(days=TEST_DUE_DAYS)
    due = sorted(
        (e for e in profile.equipment if e.next_test_on is not None and e.next_test_on <= horizon),
        key=lambda e: (e.next_test_on, e.serial_no),
    )
    rows = []
    for e in due:
        assert e.next_test_on is not None
        late = (today - e.next_test_on).days
        rows.append(
            SheetRow(
                (
                    _EQUIPMENT_ZH[e.kind.value],
                    " ".join(part for part in (e.model, e.rating) if part),
                    e.serial_no,
                    e.last_test_on.isoformat() if e.last_test_on else "",
                    f"{e.next_test_on.isoformat()}（{_days(late)}）"
                    if late > 0
                    else e.next_test_on.isoformat(),
                ),
                alert=late > 0,
            )
        )
    return SheetTable(
        f"{TEST_DUE_DAYS} 天内试验到期及已超期的设备和安全工器具",
        ("设备", "型号 / 额定", "编号", "上次试验", "下次试验"),
        (22, 48, 28, 19, 40),
        tuple(rows),
        f"{TEST_DUE_DAYS} 天内没有到期的试验。",
    )


def _inspections(profile: CustomerProfile) -> SheetTable:
    rows = []
    for e in profile.timeline:
        if e.kind is not TimelineKind.INSPECTION or e.inspection_kind is None or e.inspection_status is None:
            continue
        voided = e.inspection_status is InspectionStatus.VOIDED
        found = "" if voided else f"{e.findings} 项" + (f"（重大 {e.serious} 项）" if e.serious else "")
        rows.append(
            SheetRow(
                (
                    e.on.isoformat(),
                    INSPECTION_KINDS[e.inspection_kind],
                    "、".join(e.people),
                    found,
                    _INSPECTION_STATUS_ZH[e.inspection_status.value],
                )
            )
        )
    return SheetTable(
        "历次检查",
        ("检查日期", "类别", "检查人员", "发现隐患", "状态"),
        (20, 30, 55, 30, 18),
        tuple(rows),
        "尚无检查记录。",
    )


def customer_sheet(session: Session, customer_id: uuid.UUID, *, today: date | None = None) -> CustomerSheet:
    """The profile's content as of `today` (what is overdue, what falls due)."""
    day = today if today is not None else date.today()
    profile = customer_profile(session, customer_id)
    d = profile.detail
    facts = (
        ("户名", d.name),
        ("户号", d.account_no),
        ("地址", d.address),
        ("行业", d.industry),
        ("联系人", d.contact_name),
        ("联系电话", d.contact_phone),
        ("供电电压", f"{d.supply_voltage.value} kV"),
        ("合同容量", f"{d.contract_capacity_kva.normalize():,f} kVA"),
        ("电价类别", _TARIFF_ZH[d.tariff.value]),
        ("重要等级", _IMPORTANCE_ZH[d.importance.value]),
        ("计量类别", _METERING_ZH[d.metering_class.value]),
        ("设备台账", f"{len(profile.equipment)} 台（件）"),
    )
    return CustomerSheet(
        name=d.name,
        account_no=d.account_no,
        facts=facts,
        printed_on=day,
        tables=(
            _open_findings(profile, day),
            _recurring(profile.recurring),
            _tests_due(profile, day),
            _inspections(profile),
        ),
        issuing_unit=str(get_setting(session, "org.issuing_unit") or ""),
        notes=d.notes,
    )


def write_customer_sheet(
    session: Session, customer_id: uuid.UUID, path: Path, *, today: date | None = None, actor: str = ""
) -> Path:
    """Write the customer's one-page profile to `path` (a .pdf; written beside it and renamed over it);
    audited: what left the office about whom, and when."""
    if path.suffix.lower() != ".pdf":
        raise ValidationError(f"{path.name}: 请以 .pdf 结尾 (the file must end in .pdf)", field="out")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"文件夹不存在 (no such folder): {path.parent}")
    sheet = customer_sheet(session, customer_id, today=today)
    render_customer_sheet(sheet, path, font_file())
    record_event(
        session,
        "report.customer_profile",
        "customer",
        customer_id,
        actor=actor,
        detail={"file": path.name, "today": sheet.printed_on.isoformat()},
    )
    return path
