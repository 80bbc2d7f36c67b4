"""The counts behind `fieldapp stats` and the dashboard."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from testkit import Sample

from fieldapp.domain.enums import FindingStatus
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import add_finding, start_inspection
from fieldapp.services.stats import collect_stats
from fieldapp.store.models import Customer, Finding


def test_an_empty_database_counts_zero(backend: Backend) -> None:
    assert backend.call(collect_stats) == {
        "customers": 0,
        "inspections": 0,
        "findings": 0,
        "open_findings": 0,
        "photos": 0,
        "notices": 0,
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
