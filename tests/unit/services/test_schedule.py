"""The due list on each engine: one cycle after the last finalized periodic inspection (voided, unfinished and
other kinds do not count), never-inspected customers due from registration, the customer's own cycle, the
cycles table from the settings, the most overdue first, a constant number of queries; and `fieldapp due` as
a real process."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import delete, event, update
from testkit import run_cli, sign_everyone

from fieldapp.checklists.model import Section, Template, TemplateItem
from fieldapp.domain.enums import (
    ImportanceGrade,
    InspectionKind,
    InspectorGrade,
    MeteringClass,
    Tariff,
    VoltageLevel,
)
from fieldapp.domain.errors import ValidationError
from fieldapp.services.backend import Backend
from fieldapp.services.customers import CustomerFields, create_customer, update_customer
from fieldapp.services.inspections import finalize_inspection, start_inspection, void_inspection
from fieldapp.services.inspectors import create_inspector
from fieldapp.services.schedule import DueRow, due_customers
from fieldapp.services.settings_store import set_setting
from fieldapp.services.templates import install_template
from fieldapp.store.models import AuditEvent, Customer

TODAY = date(2025, 6, 10)

VISIT = Template(
    code="TEST-VISIT",
    version=1,
    kind=InspectionKind.PERIODIC,
    title_zh="周期检查（测试）",
    title_en="Periodic (test)",
    sections=(Section("A", "配电室"),),
    items=(TemplateItem(code="A01", section="A", prompt_zh="配电室整洁", required=False),),
)


@dataclass(frozen=True)
class World:
    template_id: uuid.UUID
    team: tuple[uuid.UUID, uuid.UUID]


@pytest.fixture
def world(backend: Backend) -> World:
    with backend.session() as session:
        team = (
            create_inspector(session, "YJ001", "王建国", "用检证 鲁0315001", InspectorGrade.GRADE_1),
            create_inspector(session, "YJ002", "李秀英", "用检证 鲁0315002", InspectorGrade.GRADE_1),
        )
        template_id = install_template(session, VISIT, source="test")
    return World(template_id, team)


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), UTC)


def customer(
    backend: Backend,
    account_no: str,
    *,
    voltage: VoltageLevel = VoltageLevel.KV_10,
    importance: ImportanceGrade = ImportanceGrade.ORDINARY,
    registered: date | None = date(2020, 1, 1),
    override: int | None = None,
) -> uuid.UUID:
    fields = CustomerFields(
        account_no=account_no,
        name=f"客户{account_no}",
        supply_voltage=voltage,
        contract_capacity_kva=Decimal(800),
        tariff=Tariff.TWO_PART,
        metering_class=MeteringClass.III,
        importance=importance,
        cycle_override_months=override,
    )
    with backend.session() as session:
        customer_id = create_customer(session, fields)
        session.flush()
        registration = update(AuditEvent).where(
            AuditEvent.action == "customer.create", AuditEvent.entity_id == str(customer_id)
        )
        if registered is None:
            session.execute(
                delete(AuditEvent).where(
                    AuditEvent.action == "customer.create", AuditEvent.entity_id == str(customer_id)
                )
            )
        else:
            session.execute(registration.values(at=_noon(registered)))
    return customer_id


def visit(
    backend: Backend,
    world: World,
    customer_id: uuid.UUID,
    day: date,
    *,
    kind: InspectionKind | None = None,
    finalize: bool = True,
    void: bool = False,
) -> uuid.UUID:
    inspection_id = backend.call(
        start_inspection, customer_id, world.template_id, world.team, kind=kind, started_at=_noon(day)
    )
    if finalize:
        backend.call(sign_everyone, inspection_id)
        backend.call(finalize_inspection, inspection_id)
    if void:
        backend.call(void_inspection, inspection_id, "录入错误")
    return inspection_id


def due(backend: Backend, today: date = TODAY, within: int = 30) -> list[DueRow]:
    return backend.call(due_customers, today, within_days=within)


def summary(rows: list[DueRow]) -> list[tuple[str, str, int]]:
    return [(r.account_no, r.due_date.isoformat(), r.overdue_days) for r in rows]


@pytest.fixture
def town(backend: Backend, world: World) -> dict[str, uuid.UUID]:
    """Six customers, each at another point of its cycle on TODAY (2025-06-10)."""
    ids = {
        "A": customer(backend, "A-first", importance=ImportanceGrade.FIRST),  # 3 months
        "B": customer(backend, "B-10kv"),  # 12 months
        "C": customer(backend, "C-35kv", voltage=VoltageLevel.KV_35),  # 6 months
        "D": customer(backend, "D-lv", voltage=VoltageLevel.LV_0_4),  # 36 months
        "E": customer(backend, "E-never", registered=date(2025, 5, 1)),
        "F": customer(backend, "F-today"),
    }
    visit(backend, world, ids["A"], date(2025, 1, 5))
    visit(backend, world, ids["B"], date(2024, 6, 1))
    visit(backend, world, ids["C"], date(2024, 12, 20))
    visit(backend, world, ids["D"], date(2024, 1, 1))
    visit(backend, world, ids["F"], date(2024, 6, 10))
    return ids


def test_most_overdue_first_with_days_overdue(backend: Backend, town: dict[str, uuid.UUID]) -> None:
    rows = due(backend)
    assert summary(rows) == [
        ("A-first", "2025-04-05", 66),
        ("E-never", "2025-05-01", 40),  # never inspected: due from registration
        ("B-10kv", "2025-06-01", 9),
        ("F-today", "2025-06-10", 0),  # due today: not yet overdue
        ("C-35kv", "2025-06-20", 0),  # due within 30 days
    ]
    first = rows[0]
    assert (first.name, first.importance, first.supply_voltage) == (
        "客户A-first",
        ImportanceGrade.FIRST,
        VoltageLevel.KV_10,
    )
    assert (first.last_inspected, first.cycle_months, first.customer_id) == (date(2025, 1, 5), 3, town["A"])
    assert rows[1].last_inspected is None


def test_within_days(backend: Backend, town: dict[str, uuid.UUID]) -> None:
    assert [r.account_no for r in due(backend, within=0)] == ["A-first", "E-never", "B-10kv", "F-today"]
    assert "C-35kv" not in [r.account_no for r in due(backend, within=9)]
    assert "C-35kv" in [r.account_no for r in due(backend, within=10)]
    assert "D-lv" in [r.account_no for r in due(backend, within=(date(2027, 1, 1) - TODAY).days)]
    assert due(backend, today=date(2024, 1, 2), within=0) == []
    for bad in (-1, True):
        with pytest.raises(ValidationError) as caught:
            due(backend, within=bad)
        assert caught.value.field == "within_days"


def test_the_customers_own_cycle_wins(backend: Backend, town: dict[str, uuid.UUID]) -> None:
    backend.call(update_customer, town["A"], {"cycle_override_months": 12})
    backend.call(update_customer, town["D"], {"cycle_override_months": 6})
    rows = {r.account_no: r for r in due(backend)}
    assert "A-first" not in rows  # due 2026-01-05
    assert (rows["D-lv"].due_date, rows["D-lv"].cycle_months, rows["D-lv"].overdue_days) == (
        date(2024, 7, 1),
        6,
        344,
    )


def test_only_finalized_periodic_inspections_count(
    backend: Backend, world: World, town: dict[str, uuid.UUID]
) -> None:
    b = town["B"]
    visit(backend, world, b, date(2025, 6, 1), void=True)
    visit(backend, world, b, date(2025, 6, 5), finalize=False)
    visit(backend, world, b, date(2025, 6, 6), kind=InspectionKind.SEASONAL)
    visit(backend, world, b, date(2025, 6, 7), kind=InspectionKind.REINSPECTION)
    assert ("B-10kv", "2025-06-01", 9) in summary(due(backend))
    # A finalized periodic inspection, then voided, no longer counts either.
    visit(backend, world, b, date(2025, 6, 8), finalize=True, void=True)
    assert ("B-10kv", "2025-06-01", 9) in summary(due(backend))
    visit(backend, world, b, date(2025, 6, 9))
    assert "B-10kv" not in [r.account_no for r in due(backend)]


def test_the_latest_periodic_inspection_counts(backend: Backend, world: World) -> None:
    c = customer(backend, "0001", importance=ImportanceGrade.SECOND)  # 6 months
    for day in (date(2024, 12, 31), date(2023, 1, 1), date(2024, 3, 1)):
        visit(backend, world, c, day)
    (row,) = due(backend, within=30)
    assert (row.last_inspected, row.due_date, row.overdue_days) == (date(2024, 12, 31), date(2025, 6, 30), 0)


def test_never_inspected_without_a_registration_record_is_due_today(backend: Backend, world: World) -> None:
    customer(backend, "0002", registered=None)
    (row,) = due(backend, within=0)
    assert (row.due_date, row.overdue_days, row.last_inspected) == (TODAY, 0, None)


def test_deleted_customers_are_left_out(backend: Backend, town: dict[str, uuid.UUID]) -> None:
    with backend.session() as session:
        session.execute(update(Customer).where(Customer.id == town["A"]).values(deleted=True))
    assert "A-first" not in [r.account_no for r in due(backend)]


def test_the_cycles_table_comes_from_the_settings(backend: Backend, town: dict[str, uuid.UUID]) -> None:
    backend.call(set_setting, "cycles.table", [{"months": 1, "min_kv": 35}, {"months": 24, "max_kv": 20}])
    rows = {r.account_no: r for r in due(backend)}
    assert rows["C-35kv"].due_date == date(2025, 1, 20)
    assert rows["C-35kv"].cycle_months == 1
    assert "A-first" not in rows  # 24 months now: due 2027-01-05
    assert "D-lv" not in rows  # 24 months: due 2026-01-01
    backend.call(set_setting, "cycles.table", [{"months": 12, "min_kv": 35}])
    assert [r.account_no for r in due(backend, within=400)] == ["C-35kv"]  # no row for 10 kV or LV


def test_a_bad_cycles_table_is_named(backend: Backend, town: dict[str, uuid.UUID]) -> None:
    backend.call(set_setting, "cycles.table", [{"months": 6}, {"months": 6, "importance": ["vip"]}])
    with pytest.raises(ValidationError) as caught:
        due(backend)
    assert "row 2, importance" in str(caught.value)
    assert caught.value.field == "cycles.table"


@contextmanager
def counted(backend: Backend) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    engine = backend.database.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_constant_number_of_queries(backend: Backend, world: World) -> None:
    def queries() -> int:
        with counted(backend) as statements:
            due(backend, within=10_000)
        return len(statements)

    for n in range(3):
        visit(backend, world, customer(backend, f"S{n:04d}"), date(2024, 1, 1) + timedelta(days=n))
    few = queries()
    for n in range(3, 30):
        c = customer(backend, f"S{n:04d}", importance=list(ImportanceGrade)[n % 5])
        if n % 2:
            visit(backend, world, c, date(2024, 1, 1) + timedelta(days=n))
    assert len(due(backend, within=10_000)) == 30
    assert queries() == few <= 4


# --- the command line ---------------------------------------------------------------------------------------


def test_fieldapp_due_json_and_table(
    backend: Backend, town: dict[str, uuid.UUID], data_dir: Path, migrated_database_url: str
) -> None:
    base = ["--data-dir", str(data_dir), "--db", migrated_database_url, "due"]
    done = run_cli([*base, "--json", "--today", TODAY.isoformat(), "--within", "5"])
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [(r["account_no"], r["due_date"], r["overdue_days"]) for r in rows] == [
        ("A-first", "2025-04-05", 66),
        ("E-never", "2025-05-01", 40),
        ("B-10kv", "2025-06-01", 9),
        ("F-today", "2025-06-10", 0),
    ]
    assert rows[0] == {
        "account_no": "A-first",
        "name": "客户A-first",
        "importance": "first",
        "supply_voltage": "10",
        "last_inspected": "2025-01-05",
        "cycle_months": 3,
        "due_date": "2025-04-05",
        "overdue_days": 66,
    }
    assert rows[1]["last_inspected"] is None

    table = run_cli([*base, "--today", TODAY.isoformat()])
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == [
        "户号",
        "客户名称",
        "重要等级",
        "电压",
        "周期",
        "上次检查",
        "应检日期",
        "逾期天数",
    ]
    assert lines[1].split() == [
        "A-first",
        "客户A-first",
        "一级",
        "10kV",
        "3个月",
        "2025-01-05",
        "2025-04-05",
        "66",
    ]
    assert "从未检查" in lines[2]
    assert lines[-1].startswith("共 5 户")
    assert "3 overdue" in lines[-1]

    nothing = run_cli([*base, "--today", "2020-01-01", "--within", "0"])
    assert nothing.returncode == 0
    assert "没有" in nothing.stdout

    for bad in (["--within", "-3"], ["--today", "10.06.2025"]):
        refused = run_cli([*base, *bad])
        assert refused.returncode == 2
        assert "Traceback" not in refused.stderr
        assert bad[1] in refused.stderr  # the value is named back to the user


def test_fieldapp_due_help_explains_the_columns() -> None:
    done = run_cli(["due", "--help"])
    assert done.returncode == 0, done.stderr
    for word in ("--json", "--within", "--today", "overdue_days", "cycles.table", "finalized periodic"):
        assert word in " ".join(done.stdout.split()), word
