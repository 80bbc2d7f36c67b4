"""The counts behind `fieldapp stats` and the dashboard."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from testkit import Sample, answer_every_item, sign_everyone

from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import FindingStatus
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import add_finding, finalize_inspection, start_inspection, void_inspection
from fieldapp.services.stats import collect_stats, overdue_findings, rectification_rate
from fieldapp.store.models import Customer, Finding

S = FindingStatus
STARTED = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)
DAY = local_day(STARTED)


def test_an_empty_database_counts_zero(backend: Backend) -> None:
    assert backend.call(collect_stats) == {
        "customers": 0,
        "inspections": 0,
        "findings": 0,
        "open_findings": 0,
        "photos": 0,
        "notices": 0,
        "rectification_rate": 0.0,
        "overdue_findings": 0,
    }


def test_counts_leave_out_deleted_rows_and_verified_findings(backend: Backend, sample: Sample) -> None:
    inspection = backend.call(
        start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2]
    )
    findings: list[uuid.UUID] = [backend.call(add_finding, inspection, f"隐患{n}") for n in range(6)]
    statuses = [
        FindingStatus.OPEN,
        FindingStatus.NOTIFIED,
        FindingStatus.FIX_REPORTED,
        FindingStatus.REOPENED,
        FindingStatus.VERIFIED,
        FindingStatus.OPEN,
    ]
    with backend.session() as session:
        for finding_id, status in zip(findings, statuses, strict=True):
            finding = session.get(Finding, finding_id)
            assert finding is not None
            finding.status = status
        session.get(Finding, findings[-1]).deleted = True  # type: ignore[union-attr]
        session.scalars(select(Customer).where(Customer.id == sample.customers[2])).one().deleted = True
    stats = backend.call(collect_stats)
    assert stats["customers"] == 2
    assert stats["inspections"] == 1
    assert stats["findings"] == 5
    assert stats["open_findings"] == 4  # open, notified, fix reported, reopened: not verified, not deleted
    assert (stats["photos"], stats["notices"]) == (0, 0)


def _finalized(
    backend: Backend, sample: Sample, deadlines: list[int | None]
) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """A finalized inspection with one finding per deadline (days after the inspection, or none)."""
    with backend.session() as session:
        inspection = start_inspection(
            session, sample.customers[0], sample.template_id, sample.inspectors[:2], started_at=STARTED
        )
        answer_every_item(session, inspection)
        ids = [
            add_finding(
                session, inspection, f"隐患{n}", deadline=DAY + timedelta(days=d) if d is not None else None
            )
            for n, d in enumerate(deadlines)
        ]
        sign_everyone(session, inspection)
        finalize_inspection(session, inspection)
    return inspection, ids


def _set(backend: Backend, statuses: dict[uuid.UUID, FindingStatus]) -> None:
    with backend.session() as session:
        for finding_id, status in statuses.items():
            finding = session.get(Finding, finding_id)
            assert finding is not None
            finding.status = status


def test_rectification_rate_is_verified_over_the_findings_the_customers_were_told_of(
    backend: Backend, sample: Sample
) -> None:
    _, ids = _finalized(backend, sample, [10] * 7)
    _set(
        backend,
        {
            ids[0]: S.VERIFIED,
            ids[1]: S.VERIFIED,
            ids[2]: S.NOTIFIED,
            ids[3]: S.FIX_REPORTED,
            ids[4]: S.REOPENED,
            ids[5]: S.OPEN,  # not told yet: in neither count
            ids[6]: S.VERIFIED,
        },
    )
    with backend.session() as session:
        withdrawn = session.get(Finding, ids[6])
        assert withdrawn is not None
        withdrawn.deleted = True
    assert backend.call(rectification_rate) == pytest.approx(2 / 5, abs=1e-4)
    assert backend.call(collect_stats)["rectification_rate"] == 0.4


def test_rectification_rate_is_zero_while_nothing_was_put_to_a_customer(
    backend: Backend, sample: Sample
) -> None:
    _finalized(backend, sample, [10, 20])
    assert backend.call(rectification_rate) == 0.0


def test_findings_of_void_or_unfinished_inspections_count_in_neither_figure(
    backend: Backend, sample: Sample
) -> None:
    inspection, ids = _finalized(backend, sample, [1, 2])
    _set(backend, {ids[0]: S.VERIFIED, ids[1]: S.NOTIFIED})
    today = DAY + timedelta(days=30)
    assert backend.call(rectification_rate) == 0.5
    assert backend.call(overdue_findings, today) == 1
    under_way = backend.call(
        start_inspection, sample.customers[1], sample.template_id, sample.inspectors[:2], started_at=STARTED
    )
    backend.call(add_finding, under_way, "未定稿检查的隐患", deadline=DAY + timedelta(days=1))
    assert backend.call(overdue_findings, today) == 1
    backend.call(void_inspection, inspection, "录入错误")
    assert backend.call(rectification_rate) == 0.0
    assert backend.call(overdue_findings, today) == 0


def test_overdue_findings_are_unverified_with_their_deadline_in_force_before_today(
    backend: Backend, sample: Sample
) -> None:
    _, ids = _finalized(backend, sample, [5, 5, 5, 30, None])
    _set(backend, {ids[1]: S.VERIFIED})
    with backend.session() as session:
        extended = session.get(Finding, ids[2])
        assert extended is not None
        extended.current_deadline = DAY + timedelta(days=40)  # a new deadline given when notifying
    assert backend.call(overdue_findings, DAY + timedelta(days=5)) == 0  # due today is not overdue
    assert backend.call(overdue_findings, DAY + timedelta(days=6)) == 1
    assert backend.call(overdue_findings, DAY + timedelta(days=31)) == 2
    assert backend.call(overdue_findings, DAY + timedelta(days=41)) == 3
    assert backend.call(collect_stats, today=DAY + timedelta(days=41))["overdue_findings"] == 3
