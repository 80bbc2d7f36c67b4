"""The rule proposals an inspector dismissed during an inspection, with the reasons given. The answering
page shows them on their item: once a proposal is dismissed the rule proposes nothing more there, and
without this the item would look as if its measurement were within limits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.services.inspections import get_inspection
from fieldapp.store.models import RuleDismissal


@dataclass(frozen=True)
class DismissalView:
    item_code: str
    rule_kind: str
    reason: str
    dismissed_by: str
    dismissed_at: datetime | None


def rule_dismissals(session: Session, inspection_id: uuid.UUID) -> list[DismissalView]:
    """The live dismissals of an inspection (a withdrawn one is a tombstone and left out), by item code."""
    inspection = get_inspection(session, inspection_id)
    rows = session.scalars(
        select(RuleDismissal)
        .where(RuleDismissal.inspection_id == inspection.id, RuleDismissal.deleted.is_(False))
        .order_by(RuleDismissal.item_code, RuleDismissal.rule_kind)
    )
    return [
        DismissalView(row.item_code, row.rule_kind, row.reason, row.dismissed_by, row.dismissed_at)
        for row in rows
    ]
