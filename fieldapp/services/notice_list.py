"""The notices issued on this database as the Notices page lists them: newest first, narrowed by the
notice number or the customer's name or account number."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import NoticeKind, NoticeStatus
from fieldapp.domain.errors import ValidationError
from fieldapp.services.queries import LIKE_ESCAPE, escape_like
from fieldapp.store.models import Customer, Inspection, Notice

MAX_NOTICES = 2000


@dataclass(frozen=True)
class NoticeRow:
    notice_id: uuid.UUID
    number: str
    kind: NoticeKind
    issued_at: datetime
    inspection_id: uuid.UUID
    customer_name: str
    account_no: str
    status: NoticeStatus


def list_notices(session: Session, text: str = "", limit: int = 500) -> list[NoticeRow]:
    """Notices newest first; with `text`, those whose number, customer name or account number contains it
    (LIKE's wildcards taken literally)."""
    if not 1 <= limit <= MAX_NOTICES:
        raise ValidationError(f"limit must be 1..{MAX_NOTICES}", field="limit")
    query = (
        select(
            Notice.id,
            Notice.number,
            Notice.kind,
            Notice.issued_at,
            Notice.inspection_id,
            Customer.name,
            Customer.account_no,
            Notice.status,
        )
        .join(Inspection, Inspection.id == Notice.inspection_id)
        .join(Customer, Customer.id == Inspection.customer_id)
        .where(Notice.deleted.is_(False))
    )
    cleaned = text.strip()
    if cleaned:
        pattern = f"%{escape_like(cleaned)}%"
        query = query.where(
            or_(
                Notice.number.like(pattern, escape=LIKE_ESCAPE),
                Customer.name.like(pattern, escape=LIKE_ESCAPE),
                Customer.account_no.like(pattern, escape=LIKE_ESCAPE),
            )
        )
    query = query.order_by(Notice.issued_at.desc(), Notice.number.desc()).limit(limit)
    return [NoticeRow(*row) for row in session.execute(query).all()]
