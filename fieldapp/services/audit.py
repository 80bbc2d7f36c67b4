"""The audit trail: one event per user action, in the same transaction as the change. An event whose
caller names no actor is the signed-in user's (fieldapp.services.access), so every write says who did it."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from fieldapp.services.access import ACTOR, Actor
from fieldapp.store.engine import DEVICE_CODE
from fieldapp.store.models import AuditEvent


def record_event(
    session: Session,
    action: str,
    entity: str,
    entity_id: uuid.UUID | str,
    *,
    actor: str = "",
    detail: dict[str, Any] | None = None,
) -> None:
    signed_in = session.info.get(ACTOR)
    if not actor and isinstance(signed_in, Actor):
        actor = signed_in.label
    session.add(
        AuditEvent(
            device_code=session.info.get(DEVICE_CODE, ""),
            actor=actor,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            detail=detail or {},
        )
    )


def apply_changes(
    session: Session, row: Any, changes: dict[str, Any], action: str, entity: str, *, actor: str = ""
) -> None:
    """Set the changed fields of `row` and, if any changed, record one event with their values before
    and after."""
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for key, value in changes.items():
        if getattr(row, key) != value:
            before[key] = str(getattr(row, key))
            after[key] = str(value)
            setattr(row, key, value)
    if after:
        record_event(session, action, entity, row.id, actor=actor, detail={"before": before, "after": after})
