"""The demo's findings carry a follow-up history made by the lifecycle's own steps (each status reached
through its events, the latest inspections' findings notified with their notice's number, reopened ones with
a reason and a new deadline, some overdue), and the office has planned a few visits: one past its day, the
others this week. A second load adds nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp.domain.enums import AssignmentStatus, FindingStatus
from fieldapp.services.assignments import planned_assignments
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.demo import NOTICES_ISSUED, load_demo
from fieldapp.services.stats import collect_stats
from fieldapp.store.models import AuditEvent, Finding, FindingEvent, Notice

S = FindingStatus
TODAY = date(2026, 11, 20)
STEPS = ("finding.notify", "finding.report_fix", "finding.verify", "finding.reopen")


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[Backend]:
    """SQLite only: the demo is made through the same use cases on both engines, and test_dashboard loads
    it on PostgreSQL already; loading it takes seconds."""
    opened = open_backend(str(tmp_path / "data"))
    yield opened
    opened.close()


def test_demo_findings_have_a_lifecycle_history_and_the_office_a_plan(
    backend: Backend, tmp_path: Path
) -> None:
    backend.call(load_demo, photos_root=tmp_path / "photos", today=TODAY)
    with backend.session() as session:
        findings = session.scalars(select(Finding)).all()
        events = session.scalars(
            select(FindingEvent).order_by(FindingEvent.happened_on, FindingEvent.at)
        ).all()
        notices = set(session.scalars(select(Notice.number)).all())
        by_finding: dict[object, list[FindingEvent]] = {}
        for event in events:
            by_finding.setdefault(event.finding_id, []).append(event)
        statuses = Counter(f.status for f in findings)
        for finding in findings:
            steps = by_finding.get(finding.id, [])
            # The history is a chain from open to the status the finding is in, never past today.
            chain = [S.OPEN] + [e.to_status for e in steps]
            assert [e.from_status for e in steps] == chain[:-1]
            assert chain[-1] is finding.status
            assert all(e.happened_on <= TODAY for e in steps)
        numbered = {e.notice_no for e in events if e.notice_no}
        reopened = [e for e in events if e.to_status is S.REOPENED]
        audited = session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action.in_(STEPS))
        )
    assert set(statuses) == set(S) and all(statuses[s] >= 2 for s in S)
    # The latest inspections' notices were issued; their findings notified since carry its number.
    assert len(notices) == NOTICES_ISSUED and len(numbered) >= 2 and numbered <= notices
    assert reopened and all(e.note and e.deadline_after for e in reopened)
    assert audited == len(events)
    assert backend.call(collect_stats, today=TODAY)["overdue_findings"] > 0

    plan = backend.call(planned_assignments)
    assert [p.planned_on - TODAY for p in plan] == [timedelta(days=d) for d in (-2, 0, 2, 4)]
    assert [p.overdue(TODAY) for p in plan] == [True, False, False, False]
    assert len({p.inspector_id for p in plan}) == 2
    assert all(p.status is AssignmentStatus.PLANNED for p in plan)

    again = backend.call(load_demo, photos_root=tmp_path / "photos", today=TODAY)
    assert not again.created
    assert len(backend.call(planned_assignments)) == len(plan)
    with backend.session() as session:
        assert session.scalar(select(func.count()).select_from(FindingEvent)) == len(events)
