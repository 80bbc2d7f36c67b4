"""The audit trail: one event per user action, in the same transaction as the change."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

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
