"""Importing the office's own customer register (read by fieldapp.sync.register): each row is matched to a
customer by account number; a new one is created, an existing one gets exactly the fields that differ.
Both go through the customer use cases, so every change is checked by the same rules, audited, and
stamped as an edit made on this device (one new revision per changed customer) that travels to the
tablets with the next sync.

All or nothing: every row is read and checked — its cells, then its values against the customer rules —
before anything is written; on any problem nothing changes and the problems name file, sheet, row, column
(the office's own header) and cell. A backup is taken before writing. A dry run does all of it and rolls
back. Importing the same register again changes nothing.

What a register may leave out: an empty cell or a missing optional column never erases what is stored.
A new customer without an importance grade is an ordinary one; without a metering class it gets the
class its contract capacity gives (a warning says how many)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import ImportanceGrade
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.roles import Permission
from fieldapp.services.access import require
from fieldapp.services.audit import record_event
from fieldapp.services.customers import (
    CustomerFields,
    check_customer_values,
    create_customers,
    update_customer,
)
from fieldapp.services.sync_import import Backup, ImportReport, report_path_for
from fieldapp.services.sync_merge import Change
from fieldapp.store.models import Customer, Exchange
from fieldapp.store.types import utcnow
from fieldapp.sync.register import Register, RegisterRow, read_register
from fieldapp.sync.register_values import FIELD_BY_KEY, metering_class_by_capacity
from fieldapp.sync.report import ReportSheet, write_report
from fieldapp.workbook.problems import WorkbookError, WorkbookProblem

_CHUNK = 500  # account numbers per query: well under every engine's limit on bound parameters
_ACTIONS = {"inserted": "新增 inserted", "updated": "更新 updated", "unchanged": "未变 unchanged"}


@dataclass(frozen=True)
class RowOutcome:
    row: int  # the register's sheet row
    account_no: str
    name: str
    action: str  # inserted / updated / unchanged
    customer_id: uuid.UUID
    fields: tuple[str, ...] = ()  # the fields set (inserted) or changed (updated)


@dataclass
class RegisterImport:
    file: Path
    dry_run: bool
    sheet: str = ""
    header_row: int = 0
    outcomes: list[RowOutcome] = field(default_factory=list)
    problems: list[WorkbookProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    backup: str | None = None
    applied: bool = False

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)


@dataclass
class _Plan:
    row: RegisterRow
    values: dict[str, Any]  # checked, as they will be stored
    customer: Customer | None  # the stored customer with this account number
    changed: tuple[str, ...]


def import_register(
    session: Session,
    path: Path,
    *,
    dry_run: bool = False,
    backup: Backup | None = None,
    actor: str = "",
    label: str | None = None,
) -> RegisterImport:
    """Apply the register at `path`, or tell (dry run) what it would do; on any problem change nothing."""
    require(session, Permission.CUSTOMERS)
    result = RegisterImport(path, dry_run)
    try:
        register = read_register(path, label=label)
    except WorkbookError as error:
        result.problems = error.problems
        return result
    result.sheet, result.header_row = register.sheet, register.header_row
    result.warnings = register.warnings
    plans = _plan(session, register, result) if not register.problems else []
    if register.problems:
        result.problems = register.problems
        return result
    if not dry_run and backup is not None and any(p.changed for p in plans):
        result.backup = backup("before-register-import")
    new = [plan for plan in plans if plan.customer is None]
    created = iter(create_customers(session, [CustomerFields(**plan.values) for plan in new], actor=actor))
    for plan in plans:
        result.outcomes.append(_apply(session, plan, actor, created))
    record_event(
        session,
        "customer.register_import",
        "register",
        uuid.uuid4(),
        actor=actor,
        detail={
            "file": path.name,
            "sheet": register.sheet,
            **{action: result.count(action) for action in _ACTIONS},
        },
    )
    session.flush()
    if dry_run:
        session.rollback()
    else:
        result.applied = True
    return result


def _plan(session: Session, register: Register, result: RegisterImport) -> list[_Plan]:
    """What each row will do, every value checked by the customer rules; problems go to the register."""
    accounts = [str(row.values["account_no"]) for row in register.rows]
    stored = _stored_customers(session, accounts)
    zero_lost = _stored_with_zeros(
        session, [a for row, a in zip(register.rows, accounts, strict=True) if row.account_from_number]
    )
    plans = []
    derived = 0
    for row, account in zip(register.rows, accounts, strict=True):
        customer = stored.get(account)
        if customer is None and account in zero_lost:
            register.problem(
                row.row,
                "account_no",
                f"户号存成了数字 {account}，而已有客户的户号是 {zero_lost[account]}：Excel 可能去掉了前导零。"
                "请把户号列设为文本格式，按原样输入户号 (stored as a number: the leading zero was lost?)",
            )
            continue
        values = dict(row.values)
        if customer is None:
            values.setdefault("importance", ImportanceGrade.ORDINARY)
            if "metering_class" not in values:
                values["metering_class"] = metering_class_by_capacity(values["contract_capacity_kva"])
                derived += 1
        try:
            clean = check_customer_values(values)
        except ValidationError as error:
            key = error.field if error.field in FIELD_BY_KEY else None
            register.problem(row.row, key, str(error))
            continue
        if customer is None:
            changed = tuple(k for k in clean if k != "account_no")
        else:
            changed = tuple(k for k, v in clean.items() if getattr(customer, k) != v)
            if customer.deleted:
                changed = ("deleted", *changed)
                result.warnings.append(
                    f"户号 {account}（第 {row.row} 行）的客户曾被删除，按登记表恢复 "
                    "(a deleted customer restored)"
                )
        plans.append(_Plan(row, clean, customer, changed))
    if derived:
        result.warnings.append(
            f"{derived} 个新客户未填计量类别，已按合同容量确定（≥10000 kVA 为 I 类，≥2000 为 II 类，≥315 为 "
            "III 类，其余 IV 类）(metering class from the contract capacity)"
        )
    return plans


def _apply(session: Session, plan: _Plan, actor: str, created: Iterator[uuid.UUID]) -> RowOutcome:
    """The row's outcome; an existing customer is changed here, a new one was made with the others."""
    values = plan.values
    account, name = str(values["account_no"]), str(values["name"])
    customer = plan.customer
    if customer is None:
        return RowOutcome(plan.row.row, account, name, "inserted", next(created), plan.changed)
    if not plan.changed:
        return RowOutcome(plan.row.row, account, name, "unchanged", customer.id)
    if customer.deleted:
        customer.deleted = False
        record_event(session, "customer.restore", "customer", customer.id, actor=actor)
    changes = {key: values[key] for key in plan.changed if key != "deleted"}
    if changes:
        update_customer(session, customer.id, changes, actor=actor)
    return RowOutcome(plan.row.row, account, name, "updated", customer.id, plan.changed)


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _stored_customers(session: Session, accounts: list[str]) -> dict[str, Customer]:
    """The stored customers with these account numbers, deleted ones included (the number stays theirs)."""
    found: dict[str, Customer] = {}
    for chunk in _chunks(accounts):
        for customer in session.scalars(select(Customer).where(Customer.account_no.in_(chunk))):
            found[customer.account_no] = customer
    return found


def _stored_with_zeros(session: Session, numbers: list[str]) -> dict[str, str]:
    """For account numbers read from number cells: the stored account number that is the same digits with
    leading zeros (what Excel shows after dropping them), by those digits."""
    found: dict[str, str] = {}
    for chunk in _chunks(numbers):
        stripped = func.ltrim(Customer.account_no, "0")
        query = select(stripped, Customer.account_no).where(
            stripped.in_(chunk), Customer.account_no.like("0%")
        )
        for digits, account in session.execute(query):
            found[str(digits)] = str(account)
    return found


def import_register_file(
    session: Session,
    path: Path,
    *,
    dry_run: bool = False,
    backup: Backup | None = None,
    report_dir: Path | None = None,
) -> ImportReport:
    """import_register as the sync import tells it (fieldapp import, the Sync page): the same summary,
    a report workbook beside the file, and the exchange in the history."""
    started = utcnow()
    result = import_register(session, path, dry_run=dry_run, backup=backup)
    report = ImportReport(
        path,
        dry_run,
        inserted=result.count("inserted"),
        updated=result.count("updated"),
        unchanged=result.count("unchanged"),
        changes=[
            Change("customers", o.row, o.customer_id, o.action, o.fields)
            for o in result.outcomes
            if o.action != "unchanged"
        ],
        problems=result.problems,
        warnings=list(result.warnings),
        backup=result.backup,
        applied=result.applied,
    )
    if result.sheet:
        report.warnings.insert(
            0,
            f"按客户登记表导入：工作表 {result.sheet}，第 {result.header_row} 行为标题行 "
            "(imported as the office's customer register)",
        )
    if result.applied:
        session.add(
            Exchange(
                direction="import",
                peer="",
                file_name=str(path),
                export_id="",
                full=True,
                started_at=started,
                finished_at=utcnow(),
                summary={
                    k: v
                    for k, v in report.as_json().items()
                    if k in ("inserted", "updated", "unchanged", "conflicts", "rejected")
                },
            )
        )
        session.flush()
    report.report_path = _write_report(result, report, report_dir)
    return report


def _write_report(result: RegisterImport, report: ImportReport, report_dir: Path | None) -> Path | None:
    """The report workbook beside the register (or in `report_dir` when that folder is read-only): the
    summary, what each row did, and every problem."""
    summary: list[tuple[str, Any]] = [
        ("文件 file", str(result.file)),
        ("类型 kind", "客户登记表 customer register"),
        ("工作表 sheet", result.sheet),
        ("标题行 header row", result.header_row or ""),
        ("预演 dry run", "是" if result.dry_run else "否"),
        ("已应用 applied", "是" if result.applied else "否"),
        ("新增 inserted", report.inserted),
        ("更新 updated", report.updated),
        ("未变 unchanged", report.unchanged),
        ("拒绝 rejected", report.rejected),
        ("导入前备份 backup", result.backup or ""),
    ] + [("提示 warning", w) for w in report.warnings]
    labels = {key: spec.label for key, spec in FIELD_BY_KEY.items()} | {"deleted": "恢复 restored"}
    sheets = [
        ReportSheet(
            "客户 customers",
            ("行 row", "户号 account_no", "户名 name", "结果 result", "字段 fields"),
            (
                (
                    o.row,
                    o.account_no,
                    o.name,
                    _ACTIONS[o.action],
                    "、".join(labels.get(f, f) for f in o.fields),
                )
                for o in result.outcomes
            ),
            (8, 18, 36, 14, 60),
        ),
        ReportSheet(
            "错误 errors",
            ("工作表 sheet", "行 row", "列 column", "单元格 cell", "说明 message"),
            ((p.sheet or "", p.row, p.column or "", p.cell or "", p.message) for p in result.problems),
            (20, 8, 20, 10, 90),
        ),
    ]
    for folder in (result.file.parent, report_dir):
        if folder is None:
            continue
        target = report_path_for(result.file, folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_report(target, summary, sheets)
        except OSError:
            continue
        return target
    return None
