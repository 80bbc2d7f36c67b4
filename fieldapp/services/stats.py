"""Counts for `fieldapp stats --json` and the dashboard."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import FindingStatus, InspectionStatus
from fieldapp.store.models import Base, Customer, Finding, Inspection, Notice, Photo

# A finding stays open for the office until a re-inspection verifies the fix.
OPEN_FINDING_STATUSES = (
    FindingStatus.OPEN,
    FindingStatus.NOTIFIED,
    FindingStatus.FIX_REPORTED,
    FindingStatus.REOPENED,
)
# Statuses a finding reaches only once the customer has been told of it.
NOTIFIED_OR_LATER = (
    FindingStatus.NOTIFIED,
    FindingStatus.FIX_REPORTED,
    FindingStatus.VERIFIED,
    FindingStatus.REOPENED,
)


class Stats(TypedDict):
    customers: int
    inspections: int
    findings: int
    open_findings: int
    photos: int
    notices: int
    rectification_rate: float
    overdue_findings: int


def _count(session: Session, model: type[Base], *conditions: object) -> int:
    query = select(func.count()).select_from(model).where(model.deleted.is_(False))  # type: ignore[attr-defined]
    for condition in conditions:
        query = query.where(condition)  # type: ignore[arg-type]
    return int(session.scalar(query) or 0)


def followed_up() -> ColumnElement[bool]:
    """Findings the office follows up: live, of an inspection that is finalized (not under way, not void).
    A withdrawn finding is deleted; a void inspection's findings are void with it."""
    return Finding.deleted.is_(False) & Finding.inspection_id.in_(
        select(Inspection.id).where(
            Inspection.status == InspectionStatus.FINALIZED, Inspection.deleted.is_(False)
        )
    )


def rectification_rate(session: Session) -> float:
    """The share of the findings the customers were told of that are verified fixed, 0 to 1:

        verified / (notified + fix_reported + verified + reopened)

    counted over the findings the office follows up (`followed_up`: not withdrawn or deleted, of a finalized
    inspection). A finding still open has not been put to the customer yet, so it counts in neither; a
    reopened one counts as told and not fixed. 0 when no customer has been told of any finding yet.
    Rounded to 4 decimals."""
    told, verified = session.execute(
        select(
            func.count(),
            func.count().filter(Finding.status == FindingStatus.VERIFIED),
        ).where(followed_up(), Finding.status.in_(NOTIFIED_OR_LATER))
    ).one()
    return round(verified / told, 4) if told else 0.0


def overdue_findings(session: Session, today: date | None = None) -> int:
    """Findings followed up (see `followed_up`) and not verified whose deadline in force (a new one set
    when notifying or reopening, else the notice's) is before `today` (the local day by default)."""
    day = today if today is not None else date.today()
    return int(
        session.scalar(
            select(func.count()).where(
                followed_up(),
                Finding.status != FindingStatus.VERIFIED,
                Finding.current_deadline < day,
            )
        )
        or 0
    )


def collect_stats(session: Session, *, today: date | None = None) -> Stats:
    return {
        "customers": _count(session, Customer),
        "inspections": _count(session, Inspection),
        "findings": _count(session, Finding),
        "open_findings": _count(session, Finding, Finding.status.in_(OPEN_FINDING_STATUSES)),
        "photos": _count(session, Photo),
        "notices": _count(session, Notice),
        "rectification_rate": rectification_rate(session),
        "overdue_findings": overdue_findings(session, today),
    }
