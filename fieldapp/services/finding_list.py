"""The findings the office follows up, as the findings page lists them: filtered by status, customer,
severity, category, inspector and deadline, most urgent first (the deadline in force, earliest first, then
the id, so the order is total and pages never overlap), counted (all and overdue) and read a page at a time.

Built for 100 000 findings (bench_findings_filter): a filter's counts and its first page come from one
index (ix_findings_follow_up: deleted, deadline in force, id, then every filtered column), without a sort
and without reading the table; a page is `LIMIT/OFFSET` on that order, and only the rows of a page are read
with their customer and inspectors. Listing every id first, as the customer list does, would cost more here
than the whole budget: 100 000 ids take about 50 ms to fetch from SQLite before anything is shown.

Followed up: not withdrawn, and of an inspection that is finalized (neither still under way nor void)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import FindingStatus, InspectionStatus, Severity
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.finding_lifecycle import UNRESOLVED, overdue_days
from fieldapp.services.queries import LIKE_ESCAPE, escape_like
from fieldapp.store.models import Customer, Finding, Inspection, InspectionInspector, Inspector

MAX_PAGE = 500
MAX_WITHIN_DAYS = 3650
CATEGORIES = tuple("ABCDEFGHIJK")  # the checklist sections of the domain notes

# Core tables and columns: plain values back, no ORM objects for rows counted or skipped.
_FINDINGS, _CUSTOMERS, _INSPECTIONS = Finding.__table__, Customer.__table__, Inspection.__table__
_TEAMS = InspectionInspector.__table__
_F = _FINDINGS.c
_I = _INSPECTIONS.c
_C = _CUSTOMERS.c
_T = _TEAMS.c


class DeadlineScope(StrEnum):
    ANY = "any"
    OVERDUE = "overdue"  # not verified, deadline in force before today
    DUE_WITHIN = "due_within"  # not verified, deadline in force from today to today + within_days
    RANGE = "range"  # deadline in force between two days (either may be open)


@dataclass(frozen=True)
class FindingFilter:
    """What the findings page asks for. Empty `statuses` means every status."""

    statuses: frozenset[FindingStatus] = field(default=UNRESOLVED)
    customer_text: str = ""  # words, each in the account number or the name
    severity: Severity | None = None
    category: str = ""
    inspector_id: uuid.UUID | None = None
    deadline: DeadlineScope = DeadlineScope.ANY
    within_days: int = 30
    deadline_from: date | None = None
    deadline_to: date | None = None


@dataclass(frozen=True)
class FindingCounts:
    total: int
    overdue: int


@dataclass(frozen=True)
class FindingRow:
    finding_id: uuid.UUID
    customer_id: uuid.UUID
    customer_name: str
    account_no: str
    inspection_id: uuid.UUID
    found_on: date
    seq: int
    category: str
    description: str
    severity: Severity
    status: FindingStatus
    deadline: date | None  # the deadline in force
    inspectors: str  # the team's names, the lead first
    overdue_days: int  # 0 when not overdue


def _today(today: date | None) -> date:
    return today if today is not None else date.today()


def _check(flt: FindingFilter) -> None:
    if flt.category and flt.category not in CATEGORIES:
        raise ValidationError(f"类别应为 A 到 K：{flt.category!r} (category: A to K)", field="category")
    if flt.deadline is DeadlineScope.DUE_WITHIN and not 0 <= flt.within_days <= MAX_WITHIN_DAYS:
        raise ValidationError(
            f"天数应为 0 到 {MAX_WITHIN_DAYS} (days: 0 to {MAX_WITHIN_DAYS})", field="within_days"
        )
    if (
        flt.deadline is DeadlineScope.RANGE
        and flt.deadline_from is not None
        and flt.deadline_to is not None
        and flt.deadline_from > flt.deadline_to
    ):
        raise ValidationError(
            "期限范围的起始日期晚于结束日期 (the range starts after it ends)", field="deadline"
        )


def _unverified() -> ColumnElement[bool]:
    return _F.status != FindingStatus.VERIFIED.value


def _overdue(today: date) -> ColumnElement[bool]:
    return and_(_F.current_deadline < today, _unverified())


def _not_followed_status() -> ColumnElement[bool]:
    """Inspections whose findings are not followed up: still under way, or void. Few, and indexed."""
    return _I.status.in_([InspectionStatus.IN_PROGRESS.value, InspectionStatus.VOIDED.value])


def _not_followed() -> Select[tuple[uuid.UUID]]:
    return select(_I.id).where(_not_followed_status())


def _filter(flt: FindingFilter, today: date, dialect: str, *, few: bool = False) -> list[ColumnElement[bool]]:
    """The filter's conditions on findings, all but the one on their inspection's status. `few`: they will
    be tested on a few findings only, so each is asked of its own inspection's team rather than of the
    list of all the inspector's inspections (which takes longer to build than a thousand questions)."""
    _check(flt)
    where: list[ColumnElement[bool]] = [_F.deleted.is_(False)]
    if flt.statuses and flt.statuses != frozenset(FindingStatus):
        where.append(_F.status.in_(sorted(s.value for s in flt.statuses)))
    words = flt.customer_text.split()
    if words:
        customers = select(_C.id).where(_C.deleted.is_(False))
        for word in words:
            pattern = f"%{escape_like(word)}%"
            if dialect == "sqlite":
                # SQLite's LIKE ignores the case of Latin letters already; ILIKE would wrap both sides in
                # lower(), which costs ten times the match itself on Chinese names (30 ms for 10 000).
                matches = [
                    _C.account_no.like(pattern, escape=LIKE_ESCAPE),
                    _C.name.like(pattern, escape=LIKE_ESCAPE),
                ]
            else:
                matches = [
                    _C.account_no.ilike(pattern, escape=LIKE_ESCAPE),
                    _C.name.ilike(pattern, escape=LIKE_ESCAPE),
                ]
            customers = customers.where(or_(*matches))
        where.append(_F.customer_id.in_(customers))
    if flt.severity is not None:
        where.append(_F.severity == flt.severity.value)
    if flt.category:
        where.append(_F.category == flt.category)
    if flt.inspector_id is not None:
        # No test of the team row's deleted flag: a team is never changed once the inspection has begun,
        # and the test would take the (inspector, inspection) index's covering read away.
        if few:
            where.append(
                select(_T.id)
                .where(_T.inspection_id == _F.inspection_id, _T.inspector_id == flt.inspector_id)
                .exists()
            )
        else:
            where.append(
                _F.inspection_id.in_(select(_T.inspection_id).where(_T.inspector_id == flt.inspector_id))
            )
    if flt.deadline is DeadlineScope.OVERDUE:
        where.append(_overdue(today))
    elif flt.deadline is DeadlineScope.DUE_WITHIN:
        where += [
            _F.current_deadline >= today,
            _F.current_deadline <= today + timedelta(days=flt.within_days),
            _unverified(),
        ]
    elif flt.deadline is DeadlineScope.RANGE:
        if flt.deadline_from is not None:
            where.append(_F.current_deadline >= flt.deadline_from)
        if flt.deadline_to is not None:
            where.append(_F.current_deadline <= flt.deadline_to)
    return where


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _conditions(flt: FindingFilter, today: date, dialect: str) -> list[ColumnElement[bool]]:
    return [*_filter(flt, today, dialect), _F.inspection_id.not_in(_not_followed())]


def count_findings(session: Session, flt: FindingFilter, *, today: date | None = None) -> FindingCounts:
    """How many findings the filter finds, and how many of them are overdue.

    Counted as (every finding the filter finds) - (those of inspections not followed up): each part is read
    from one index without a test per finding against the list of inspections, which in SQLite costs more
    than the rest of the count (bench_findings_filter)."""
    day = _today(today)
    where = _filter(flt, day, _dialect(session))
    counts = select(func.count(), func.count().filter(_overdue(day)))
    total, overdue = session.execute(counts.where(*where)).one()
    # From the few inspections not followed up, each one's findings read by inspection from the index.
    # The inspections come from a subquery with OFFSET 0, which neither SQLite nor PostgreSQL folds into the
    # join: SQLite plans without statistics (no ANALYZE) and would otherwise walk every finding the filter
    # finds (by status, customer or inspector) and look its inspection up: 200 ms instead of 3.
    left = select(_I.id).where(_not_followed_status()).offset(0).subquery()
    few = _filter(flt, day, _dialect(session), few=True)
    left_out, left_out_overdue = session.execute(
        counts.select_from(left.join(_FINDINGS, _F.inspection_id == left.c.id)).where(*few)
    ).one()
    return FindingCounts(int(total) - int(left_out), int(overdue or 0) - int(left_out_overdue or 0))


_ORDER = (_F.current_deadline.asc().nulls_last(), _F.id)


def _ordered(
    query: Select[tuple[object]], flt: FindingFilter, today: date, dialect: str
) -> Select[tuple[object]]:
    return query.where(*_conditions(flt, today, dialect)).order_by(*_ORDER)


def finding_keys(session: Session, flt: FindingFilter, *, today: date | None = None) -> list[str]:
    """Every id the filter finds, in the list's order, as text (uuid.UUID(key) reads it): for a selection
    of many rows, which the office then acts on at once."""
    day = _today(today)
    return list(session.scalars(_ordered(select(cast(_F.id, String)), flt, day, _dialect(session))))


_ROW_COLUMNS = (
    _F.id,
    _F.customer_id,
    _C.name,
    _C.account_no,
    _F.inspection_id,
    _I.started_at,
    _F.seq,
    _F.category,
    _F.description,
    _F.severity,
    _F.status,
    _F.current_deadline,
)


def finding_page(
    session: Session, flt: FindingFilter, offset: int, limit: int = 100, *, today: date | None = None
) -> list[FindingRow]:
    """The rows offset..offset+limit of the list, in its order: the page's ids from the index, and their
    rows with customer and inspection joined to them, in one query."""
    if not 1 <= limit <= MAX_PAGE or offset < 0:
        raise ValidationError(f"page: offset >= 0, limit 1..{MAX_PAGE}", field="page")
    day = _today(today)
    page = _ordered(select(_F.id), flt, day, _dialect(session)).limit(limit).offset(offset).subquery()
    found = session.execute(
        select(*_ROW_COLUMNS)
        .select_from(page)
        .join(_FINDINGS, _F.id == page.c.id)
        .join(_CUSTOMERS, _C.id == _F.customer_id)
        .join(_INSPECTIONS, _I.id == _F.inspection_id)
        .order_by(*_ORDER)
    ).all()
    return _rows(session, found, day)


def finding_rows(
    session: Session, ids: Sequence[uuid.UUID], *, today: date | None = None
) -> list[FindingRow]:
    """The rows for `ids`, in the order given (ids that no longer exist are left out)."""
    if not ids:
        return []
    found = {
        row.id: row
        for row in session.execute(
            select(*_ROW_COLUMNS)
            .join(_CUSTOMERS, _C.id == _F.customer_id)
            .join(_INSPECTIONS, _I.id == _F.inspection_id)
            .where(_F.id.in_(list(ids)))
        )
    }
    return _rows(session, [found[i] for i in ids if i in found], _today(today))


def _rows(session: Session, found: Sequence[Any], day: date) -> list[FindingRow]:
    """The list's rows from the found findings, with their inspection teams' names, lead first."""
    teams: dict[uuid.UUID, list[str]] = {}
    inspections = {row.inspection_id for row in found}
    if inspections:
        for inspection_id, name in session.execute(
            select(_T.inspection_id, Inspector.name)
            .join(Inspector, Inspector.id == _T.inspector_id)
            .where(_T.inspection_id.in_(list(inspections)), _T.deleted.is_(False))
            .order_by(_T.inspection_id, _T.position)
        ):
            teams.setdefault(inspection_id, []).append(name)
    rows = []
    for row in found:
        status = FindingStatus(row.status)
        rows.append(
            FindingRow(
                finding_id=row.id,
                customer_id=row.customer_id,
                customer_name=row.name,
                account_no=row.account_no,
                inspection_id=row.inspection_id,
                found_on=local_day(row.started_at),
                seq=row.seq,
                category=row.category,
                description=row.description,
                severity=Severity(row.severity),
                status=status,
                deadline=row.current_deadline,
                inspectors="、".join(teams.get(row.inspection_id, [])),
                overdue_days=overdue_days(row.current_deadline, status, day),
            )
        )
    return rows
