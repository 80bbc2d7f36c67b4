"""Whose tablet this is: the inspector chosen on the settings page, so Today puts that inspector's assigned
visits first ("我的任务"). The choice is a local setting (device.inspector), not synced: each tablet has
its own.

`current_inspector_id` is the one place the app asks "who is working here?"; when sign-in links users to
inspectors, the signed-in user's inspector takes precedence there, and nothing else changes."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from fieldapp.domain.errors import ValidationError
from fieldapp.services.access import current_actor
from fieldapp.services.audit import record_event
from fieldapp.services.inspectors import InspectorRow
from fieldapp.services.settings_store import get_setting, set_setting
from fieldapp.store.models import Inspector

KEY = "device.inspector"


def _active(session: Session, inspector_id: uuid.UUID) -> Inspector | None:
    inspector = session.get(Inspector, inspector_id)
    if inspector is None or inspector.deleted or not inspector.active:
        return None
    return inspector


def current_inspector_id(session: Session) -> uuid.UUID | None:
    """The inspector working on this device, or None: none chosen, or the one chosen was since removed or
    deactivated (by a sync, say): then Today lists everyone's visits alike, as before the choice. A
    signed-in user linked to an inspector is that inspector, whatever the tablet's setting."""
    signed_in = current_actor(session).inspector_id
    if signed_in is not None and _active(session, signed_in) is not None:
        return signed_in
    stored = str(get_setting(session, KEY))
    if not stored:
        return None
    try:
        inspector_id = uuid.UUID(stored)
    except ValueError:
        return None
    return inspector_id if _active(session, inspector_id) is not None else None


def set_device_inspector(session: Session, inspector_id: uuid.UUID | None, *, actor: str = "") -> None:
    """Choose the inspector who carries this tablet (None: no one in particular)."""
    if inspector_id is not None and _active(session, inspector_id) is None:
        raise ValidationError(
            f"检查人员不存在或已停用 (no active inspector {inspector_id})", field="inspector"
        )
    set_setting(session, KEY, str(inspector_id) if inspector_id is not None else "")
    record_event(
        session,
        "device.inspector",
        "setting",
        KEY,
        actor=actor,
        detail={"inspector": str(inspector_id) if inspector_id is not None else ""},
    )


def current_inspector(session: Session) -> InspectorRow | None:
    """The inspector working on this device, with the name Today shows (see current_inspector_id)."""
    inspector_id = current_inspector_id(session)
    inspector = session.get(Inspector, inspector_id) if inspector_id is not None else None
    if inspector is None:
        return None
    return InspectorRow(
        inspector.id, inspector.staff_no, inspector.name, inspector.certificate_no, inspector.grade
    )
