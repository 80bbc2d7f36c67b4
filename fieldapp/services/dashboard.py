"""The office dashboard's numbers, as plain values (the page draws them, the .xlsx exports them, the tests
check them without Qt). Every figure counts only the findings the office follows up (services.stats'
`followed_up`: not withdrawn, of a finalized inspection that is not void), like `fieldapp stats`.

Each function takes `today` so that a test, or a report run for another day, gets the same numbers."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.domain.cycles import SETTING_KEY, add_months, cycle_months, next_due, parse_cycle_table
from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import FindingStatus, InspectionKind, InspectionStatus, Severity
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.finding_lifecycle import UNRESOLVED
from fieldapp.services.schedule import _registration_days
from fieldapp.services.settings_store import get_setting
from fieldapp.services.stats import NOTIFIED_OR_LATER, followed_up
from fieldapp.store.models import Customer, Finding, FindingEvent, Inspection, InspectionInspector, Inspector

# The checklist sections (fieldapp/checklists; the domain notes' A to K): every one has a bar, even at 0.
CATEGORIES = tuple("ABCDEFGHIJK")
OTHER_CATEGORY = ""  # a finding the checklist does not cover (added by hand without a section)
MONTHS_SHOWN = 12
TOP_CUSTOMERS = 15


@dataclass(frozen=True)
class CategoryCount:
    category: str  # A to K, or "" for findings outside the checklist's sections
    general: int
    serious: int

    @property
    def total(self) -> int:
        return self.general + self.serious


@dataclass(frozen=True)
class MonthRate:
    month: date  # the first day of the month
    due: int  # findings told to the customer whose deadline in force falls in the month
    verified: int  # of those, verified by the month's last day and still verified
    rate: float | None  # verified / due, 0 to 1 (4 decimals); None when nothing fell due

    @property
    def label(self) -> str:
        return f"{self.month.year}-{self.month.month:02d}"


@dataclass(frozen=True)
class OverdueCustomer:
    customer_id: uuid.UUID
    account_no: str
    name: str
    overdue: int  # findings not verified whose deadline in force is before today
    oldest_days: int  # days past the earliest of those deadlines


@dataclass(frozen=True)
class InspectorWork:
    inspector_id: uuid.UUID
    staff_no: str
    name: str
    done: int  # finalized inspections of any kind in the period that the inspector was on
    periodic: int  # of those, periodic inspections


@dataclass(frozen=True)
class WorkAgainstDue:
    start: date
    end: date
    inspectors: tuple[InspectorWork, ...]  # every active inspector, and anyone else who did some
    done: int  # finalized inspections in the period (each once, however many inspectors were on it)
    periodic_done: int
    due: int  # customers whose periodic inspection fell due in the period (see inspections_against_due)
    due_covered: int  # of those, customers given a finalized periodic inspection in the period


@dataclass(frozen=True)
class Dashboard:
    today: date
    categories: tuple[CategoryCount, ...]
    months: tuple[MonthRate, ...]
    overdue: tuple[OverdueCustomer, ...]
    work: WorkAgainstDue


def _today(today: date | None) -> date:
    return today if today is not None else date.today()


def _local_midnight(day: date) -> datetime:
    """The start of a local day as an aware moment (the stored times are UTC)."""
    return datetime.combine(day, time.min).astimezone()


def findings_by_category(session: Session) -> tuple[CategoryCount, ...]:
    """Findings followed up, in every status, by checklist section (A to K, then "" for the others when
    there are any) and severity."""
    counts: dict[str, dict[Severity, int]] = defaultdict(lambda: defaultdict(int))
    rows = session.execute(
        select(Finding.category, Finding.severity, func.count())
        .where(followed_up())
        .group_by(Finding.category, Finding.severity)
    ).all()
    for category, severity, count in rows:
        key = str(category or "").strip().upper()
        counts[key if key in CATEGORIES else OTHER_CATEGORY][severity] += int(count)
    keys = list(CATEGORIES) + ([OTHER_CATEGORY] if OTHER_CATEGORY in counts else [])
    return tuple(
        CategoryCount(key, counts[key][Severity.GENERAL], counts[key][Severity.SERIOUS]) for key in keys
    )


def month_starts(today: date, months: int = MONTHS_SHOWN) -> tuple[date, ...]:
    """The first days of the last `months` months, today's month last."""
    first = today.replace(day=1)
    return tuple(add_months(first, -back) for back in range(months - 1, -1, -1))


def _verification_days(session: Session) -> dict[uuid.UUID, date]:
    """The day each verified finding was verified: its latest step to verified; for a finding verified
    without a recorded step (data from before the lifecycle's history), the day its status changed."""
    days: dict[uuid.UUID, date] = {
        finding_id: on
        for finding_id, on in session.execute(
            select(FindingEvent.finding_id, func.max(FindingEvent.happened_on))
            .join(Finding, Finding.id == FindingEvent.finding_id)
            .where(
                FindingEvent.deleted.is_(False),
                FindingEvent.to_status == FindingStatus.VERIFIED,
                Finding.status == FindingStatus.VERIFIED,
            )
            .group_by(FindingEvent.finding_id)
        ).all()
    }
    for finding_id, changed_at in session.execute(
        select(Finding.id, Finding.status_changed_at).where(
            followed_up(), Finding.status == FindingStatus.VERIFIED
        )
    ).all():
        days.setdefault(finding_id, local_day(changed_at))
    return days


def rectification_by_month(session: Session, today: date | None = None) -> tuple[MonthRate, ...]:
    """The rectification rate of each of the last 12 months (today's month last), by deadline:

        rate(M) = verified(M) / due(M)
        due(M)      = findings followed up that the customer was told of (notified, fix reported, verified
                      or reopened: the denominator of stats.rectification_rate) whose deadline in force
                      (Finding.current_deadline) falls in month M
        verified(M) = those of due(M) that are verified now and were verified on or before M's last day
                      (the day of their latest step to verified)

    So a month's rate is the share of the hazards due that month that were put right by the end of it: a
    fix verified late counts in no month, a verified finding reopened since counts as not fixed (as in
    stats.rectification_rate), and the current month's rate is the share so far. A finding still open
    has not been put to the customer and counts nowhere. `rate` is None for a month with nothing due."""
    day = _today(today)
    starts = month_starts(day)
    first, end = starts[0], add_months(starts[-1], 1)
    rows = session.execute(
        select(Finding.id, Finding.status, Finding.current_deadline).where(
            followed_up(),
            Finding.status.in_(NOTIFIED_OR_LATER),
            Finding.current_deadline >= first,
            Finding.current_deadline < end,
        )
    ).all()
    verified_on = _verification_days(session) if rows else {}
    due: dict[date, int] = defaultdict(int)
    verified: dict[date, int] = defaultdict(int)
    for finding_id, status, deadline in rows:
        if deadline is None:  # the query keeps only deadlines in the window
            continue
        month = deadline.replace(day=1)
        due[month] += 1
        on = verified_on.get(finding_id)
        if status is FindingStatus.VERIFIED and on is not None and on < add_months(month, 1):
            verified[month] += 1
    return tuple(
        MonthRate(
            month,
            due[month],
            verified[month],
            round(verified[month] / due[month], 4) if due[month] else None,
        )
        for month in starts
    )


def overdue_by_customer(
    session: Session, today: date | None = None, *, limit: int = TOP_CUSTOMERS
) -> tuple[OverdueCustomer, ...]:
    """The customers with the most overdue findings (open, notified, fix reported or reopened, deadline in
    force before `today`; as stats.overdue_findings counts them), most first, then the longest overdue,
    then by account number; at most `limit`."""
    day = _today(today)
    count = func.count().label("overdue")
    oldest = func.min(Finding.current_deadline).label("oldest")
    rows = session.execute(
        select(Customer.id, Customer.account_no, Customer.name, count, oldest)
        .join(Finding, Finding.customer_id == Customer.id)
        .where(followed_up(), Finding.status.in_(UNRESOLVED), Finding.current_deadline < day)
        .group_by(Customer.id, Customer.account_no, Customer.name)
        .order_by(count.desc(), oldest, Customer.account_no)
        .limit(limit)
    ).all()
    return tuple(
        OverdueCustomer(customer_id, account_no, name, int(n), (day - first).days if first else 0)
        for customer_id, account_no, name, n, first in rows
    )


def default_period(today: date | None = None) -> tuple[date, date]:
    """This year so far."""
    day = _today(today)
    return date(day.year, 1, 1), day


def _due_in_period(session: Session, start: date, end: date) -> dict[uuid.UUID, date]:
    """Customers whose periodic inspection fell due on or before `end`, counted as the schedule stood when
    the period began: each customer's cycle (services.schedule's rules) from its last finalized periodic
    inspection started before `start`, or from its registration. A customer already overdue at the start
    is due in the period too: it is work the period had to do."""
    table = parse_cycle_table(get_setting(session, SETTING_KEY))
    last = (
        select(Inspection.customer_id.label("customer_id"), func.max(Inspection.started_at).label("last"))
        .where(
            Inspection.status == InspectionStatus.FINALIZED,
            Inspection.kind == InspectionKind.PERIODIC,
            Inspection.deleted.is_(False),
            Inspection.started_at < _local_midnight(start),
        )
        .group_by(Inspection.customer_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Customer.id,
            Customer.importance,
            Customer.supply_voltage,
            Customer.cycle_override_months,
            last.c.last,
        )
        .outerjoin(last, last.c.customer_id == Customer.id)
        .where(Customer.deleted.is_(False))
    ).all()
    registered = _registration_days(session)
    due: dict[uuid.UUID, date] = {}
    for customer_id, importance, voltage, override, last_started in rows:
        months = cycle_months(importance, voltage, table, override)
        if months is None:
            continue
        last_day = local_day(last_started) if last_started is not None else None
        due_date = next_due(last_day, months, registered.get(customer_id, start))
        if due_date <= end:
            due[customer_id] = due_date
    return due


def inspections_against_due(
    session: Session, start: date | None = None, end: date | None = None, *, today: date | None = None
) -> WorkAgainstDue:
    """Finalized inspections per inspector in the period (by the inspection's day, its start, as the
    schedule counts it; this year so far by default), against the customers due for a periodic inspection
    in it (`_due_in_period`).

    Inspectors are not yet given customers of their own (the office's assignments arrive with the
    schedules), so the due customers are not divided among them: an even split would blame or credit
    people for work nobody gave them. The page shows each inspector's work and the period's due total as
    a reference line instead; `due_covered` says how many of the due customers got their inspection."""
    default_start, default_end = default_period(today)
    first = start if start is not None else default_start
    last = end if end is not None else default_end
    if last < first:
        raise ValidationError(
            f"统计期间的结束日 {last.isoformat()} 早于开始日 {first.isoformat()} "
            "(the period ends before it starts)",
            field="period",
        )
    window = (
        Inspection.status == InspectionStatus.FINALIZED,
        Inspection.deleted.is_(False),
        Inspection.started_at >= _local_midnight(first),
        Inspection.started_at < _local_midnight(last + timedelta(days=1)),
    )
    periodic = func.count().filter(Inspection.kind == InspectionKind.PERIODIC)
    per_inspector = {
        inspector_id: (int(done), int(periodic_done))
        for inspector_id, done, periodic_done in session.execute(
            select(InspectionInspector.inspector_id, func.count(), periodic)
            .join(Inspection, Inspection.id == InspectionInspector.inspection_id)
            .where(InspectionInspector.deleted.is_(False), *window)
            .group_by(InspectionInspector.inspector_id)
        ).all()
    }
    people = session.execute(
        select(Inspector.id, Inspector.staff_no, Inspector.name, Inspector.active).where(
            Inspector.deleted.is_(False)
        )
    ).all()
    inspectors = sorted(
        (
            InspectorWork(inspector_id, staff_no, name, *per_inspector.get(inspector_id, (0, 0)))
            for inspector_id, staff_no, name, active in people
            if active or inspector_id in per_inspector
        ),
        key=lambda work: (-work.done, work.staff_no),
    )
    done, periodic_done = session.execute(select(func.count(), periodic).where(*window)).one()
    due = _due_in_period(session, first, last)
    covered = set(
        session.scalars(
            select(Inspection.customer_id).where(*window, Inspection.kind == InspectionKind.PERIODIC)
        ).all()
    )
    return WorkAgainstDue(
        start=first,
        end=last,
        inspectors=tuple(inspectors),
        done=int(done),
        periodic_done=int(periodic_done),
        due=len(due),
        due_covered=len(covered & due.keys()),
    )


def load_dashboard(
    session: Session, *, today: date | None = None, start: date | None = None, end: date | None = None
) -> Dashboard:
    """Everything the dashboard page shows, in one call (one session)."""
    day = _today(today)
    return Dashboard(
        today=day,
        categories=findings_by_category(session),
        months=rectification_by_month(session, day),
        overdue=overdue_by_customer(session, day),
        work=inspections_against_due(session, start, end, today=day),
    )
