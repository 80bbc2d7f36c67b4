"""Counts for `fieldapp stats --json` and the dashboard."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import FindingStatus
from fieldapp.store.models import Base, Customer, Finding, Inspection, Notice, Photo

# A finding stays open for the office until a re-inspection verifies the fix.
OPEN_FINDING_STATUSES = (
    FindingStatus.OPEN,
    FindingStatus.NOTIFIED,
    FindingStatus.FIX_REPORTED,
    FindingStatus.REOPENED,
)


def _count(session: Session, model: type[Base], *conditions: object) -> int:
    query = select(func.count()).select_from(model).where(model.deleted.is_(False))  # type: ignore[attr-defined]
    for condition in conditions:
        query = query.where(condition)  # type: ignore[arg-type]
    return int(session.scalar(query) or 0)


def collect_stats(session: Session) -> dict[str, int]:
    return {
        "customers": _count(session, Customer),
        "inspections": _count(session, Inspection),
        "findings": _count(session, Finding),
        "open_findings": _count(session, Finding, Finding.status.in_(OPEN_FINDING_STATUSES)),
        "photos": _count(session, Photo),
        "notices": _count(session, Notice),
    }
