"""Reading and writing the settings declared in fieldapp.settings."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from fieldapp.domain.roles import setting_permission
from fieldapp.services.access import require
from fieldapp.settings import setting
from fieldapp.store.models import SettingValue
from fieldapp.store.types import utcnow


def get_setting(session: Session, key: str) -> Any:
    declared = setting(key)
    row = session.get(SettingValue, key)
    return declared.default if row is None else row.value


def set_setting(session: Session, key: str, value: Any) -> None:
    """Store a setting: the administrator's, except the personal ones (fieldapp.domain.roles)."""
    checked = setting(key).check(value)
    permission = setting_permission(key)
    if permission is not None:
        require(session, permission)
    row = session.get(SettingValue, key)
    if row is None:
        session.add(SettingValue(key=key, value=checked))
    else:
        row.value = checked
        row.modified_at = utcnow()
