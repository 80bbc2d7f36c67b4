"""The dashboard's numbers: exact on a small hand-made office, and sane on the demo data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from testkit import Sample, answer_every_item, sign_everyone

from fieldapp.domain.enums import FindingStatus, Severity
from fieldapp.domain.errors import ValidationError
from fieldapp.services.backend import Backend
from fieldapp.services.dashboard import (
    CATEGORIES,
    findings_by_category,
    inspections_against_due,
    load_dashboard,
    month_starts,
    overdue_by_customer,
    rectification_by_month,
)
from fieldapp.services.demo import load_demo
from fieldapp.services.inspections import add_finding, finalize_inspection, start_inspection
from fieldapp.services.stats import collect_stats, followed_up
from fieldapp.store.models import AuditEvent, Finding, FindingEvent

S = FindingStatus
TODAY = date(2026, 9, 15)
STARTED = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)
REGISTERED = datetime(2025, 1, 1, 4, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Spec:
    category: str
    severity: Severity
    status: FindingStatus
    deadline: date
    verified_on: date | None = None  # a recorded step to verified on this day
    changed_at: datetime | None = None  # status_changed_at, for a verification without a recorded step
    deleted: bool = False


def _inspection(session: Session, customer: uuid.UUID, team: list[uuid.UUID], sample: Sample) -> uuid.UUID:
    inspection = start_inspection(session, customer, sample.template_id, team, started_at=STARTED)
    answer_every_item(session, inspection)
    return inspection


def _finding(session: Session, inspection: uuid.UUID, number: int, spec: Spec) -> uuid.UUID:
    return add_finding(
        session,
        inspection,
        f"隐患{number}",
        category=spec.category,
        severity=spec.severity,
        deadline=spec.deadline,
    )


def _follow_up(session: Session, finding_id: uuid.UUID, spec: Spec) -> None:
    finding = session.get(Finding, finding_id)
    assert finding is not None
    finding.status = spec.status
    finding.deleted = spec.deleted
    if spec.changed_at is not None:
        finding.status_changed_at = spec.changed_at
    if spec.verified_on is not None:
        session.add(
            FindingEvent(
                finding_id=finding_id,
                from_status=S.FIX_REPORTED,
                to_status=S.VERIFIED,
                happened_on=spec.verified_on,
                by="YJ001 王建国",
            )
        )


G, SER = Severity.GENERAL, Severity.SERIOUS
FIRST_CUSTOMER = [
    Spec("A", G, S.NOTIFIED, date(2026, 7, 10)),  # overdue 67 days; due in July
    Spec("A", SER, S.VERIFIED, date(2026, 7, 20), verified_on=date(2026, 7, 18)),  # July, in time
    Spec("B", SER, S.VERIFIED, date(2026, 8, 5), verified_on=date(2026, 9, 1)),  # August, verified late
    Spec("", G, S.OPEN, date(2026, 8, 1)),  # overdue, never told: no month counts it
    Spec("K", SER, S.REOPENED, date(2026, 9, 30)),  # September, not yet overdue
]
SECOND_CUSTOMER = [
    Spec("a", G, S.FIX_REPORTED, date(2026, 6, 20)),  # overdue 87 days; June
    Spec("C", G, S.VERIFIED, date(2026, 6, 30), changed_at=datetime(2026, 6, 25, 4, tzinfo=UTC)),  # June
    Spec("A", SER, S.VERIFIED, date(2026, 6, 30), deleted=True),  # withdrawn: counted nowhere
]


@pytest.fixture
def office(backend: Backend, sample: Sample) -> Sample:
    """Two finalized inspections with the findings above, one under way; customers registered in 2025."""
    with backend.session() as session:
        session.execute(
            update(AuditEvent).where(AuditEvent.action == "customer.create").values(at=REGISTERED)
        )
        made: list[tuple[uuid.UUID, Spec]] = []
        for customer, team, specs in (
            (sample.customers[0], [sample.inspectors[0], sample.inspectors[1]], FIRST_CUSTOMER),
            (sample.customers[1], [sample.inspectors[1], sample.inspectors[2]], SECOND_CUSTOMER),
        ):
            inspection = _inspection(session, customer, team, sample)
            made += [(_finding(session, inspection, n, spec), spec) for n, spec in enumerate(specs)]
            sign_everyone(session, inspection)
            finalize_inspection(session, inspection)
        under_way = _inspection(
            session, sample.customers[2], [sample.inspectors[0], sample.inspectors[2]], sample
        )
        add_finding(session, under_way, "未定稿", category="A", deadline=date(2026, 6, 2))
    with backend.session() as session:
        for finding_id, spec in made:
            _follow_up(session, finding_id, spec)
    return sample


def test_findings_by_category_and_severity(backend: Backend, office: Sample) -> None:
    counts = {c.category: (c.general, c.serious) for c in backend.call(findings_by_category)}
    assert list(counts) == [*CATEGORIES, ""]
    assert counts["A"] == (2, 1)  # "a" is section A; the withdrawn and the unfinished ones are left out
    assert counts["B"] == (0, 1)
    assert counts["C"] == (1, 0)
    assert counts["K"] == (0, 1)
    assert counts[""] == (1, 0)
    assert sum(g + s for g, s in counts.values()) == 7


def test_rectification_rate_by_month_counts_the_findings_due_that_month(
    backend: Backend, office: Sample
) -> None:
    months = backend.call(rectification_by_month, TODAY)
    assert [m.label for m in months] == [f"2025-{m}" for m in ("10", "11", "12")] + [
        f"2026-{m:02d}" for m in range(1, 10)
    ]
    by_label = {m.label: (m.due, m.verified, m.rate) for m in months}
    assert by_label["2026-06"] == (2, 1, 0.5)  # the verification without a recorded step counts by its day
    assert by_label["2026-07"] == (2, 1, 0.5)
    assert by_label["2026-08"] == (1, 0, 0.0)  # verified in September: late for August
    assert by_label["2026-09"] == (1, 0, 0.0)
    assert {m.rate for m in months[:8]} == {None}


def test_overdue_findings_by_customer(backend: Backend, office: Sample) -> None:
    rows = backend.call(overdue_by_customer, TODAY)
    assert [(r.account_no, r.overdue, r.oldest_days) for r in rows] == [
        ("0531000001", 2, 67),
        ("0531000002", 1, 87),
    ]
    assert sum(r.overdue for r in rows) == backend.call(collect_stats, today=TODAY)["overdue_findings"]
    assert [r.account_no for r in backend.call(overdue_by_customer, TODAY, limit=1)] == ["0531000001"]
    assert backend.call(overdue_by_customer, date(2026, 6, 1)) == ()


def test_inspections_done_per_inspector_against_the_customers_due(backend: Backend, office: Sample) -> None:
    work = backend.call(inspections_against_due, today=TODAY)
    assert (work.start, work.end) == (date(2026, 1, 1), TODAY)
    assert [(w.staff_no, w.done, w.periodic) for w in work.inspectors] == [
        ("YJ002", 2, 2),  # on both finalized inspections
        ("YJ001", 1, 1),  # the one under way does not count
        ("YJ003", 1, 1),
    ]
    assert (work.done, work.periodic_done) == (2, 2)
    # Registered in 2025 and never inspected before 2026: all three fell due; two were inspected.
    assert (work.due, work.due_covered) == (3, 2)

    before = backend.call(inspections_against_due, date(2026, 1, 1), date(2026, 5, 31))
    assert (before.done, before.due, before.due_covered) == (0, 3, 0)
    assert {w.done for w in before.inspectors} == {0}
    # Inspected on 1 June: the hospital (3-month cycle) is due again on 1 September, the steel works
    # (6 months) on 1 December; the school was never inspected.
    later = backend.call(inspections_against_due, date(2026, 7, 1), date(2026, 11, 30))
    assert (later.done, later.due) == (0, 2)
    with pytest.raises(ValidationError):
        backend.call(inspections_against_due, date(2026, 2, 1), date(2026, 1, 1))


def test_the_demo_data_gives_consistent_numbers(backend: Backend, tmp_path: Path) -> None:
    today = date.today()
    backend.call(load_demo, photos_root=tmp_path / "photos", today=today)
    board = backend.call(load_dashboard, today=today)
    stats = backend.call(collect_stats, today=today)
    with backend.session() as session:
        followed = session.scalar(select(func.count()).select_from(Finding).where(followed_up()))
    assert followed
    assert sum(c.total for c in board.categories) == followed
    assert sum(c.serious for c in board.categories) > 0
    assert [m.month for m in board.months] == list(month_starts(today))
    assert all(m.rate is None or 0 <= m.rate <= 1 for m in board.months)
    assert all(m.verified <= m.due for m in board.months)
    assert 0 < len(board.overdue) <= 15
    assert sum(r.overdue for r in board.overdue) <= stats["overdue_findings"]
    counts = [(-r.overdue, -r.oldest_days) for r in board.overdue]
    assert counts == sorted(counts)
    assert board.work.done > 0 and board.work.due > 0
    assert sum(w.done for w in board.work.inspectors) >= board.work.done  # two or more inspectors each
    assert board.work.due_covered <= board.work.due
