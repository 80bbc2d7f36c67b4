"""Who is acting in a session, and the check every guarded write makes first.

The GUI's Backend puts the signed-in user into each session it opens (`session.info["actor"]`); a session
without one is the device itself acting: the command line, the start-up (built-in templates, the device's
code), or a device with no users at all (single-user mode, no sign-in). That actor is an administrator, as
whoever runs the command line on the device can read its database anyway."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from fieldapp.domain.enums import Role
from fieldapp.domain.errors import FieldappError
from fieldapp.domain.roles import PERMISSION_NAMES, ROLE_NAMES, Permission, allows

ACTOR = "actor"  # the key of the acting user in Session.info


class AccessDeniedError(FieldappError):
    """The acting user's role does not allow the action."""

    def __init__(self, message: str, *, permission: Permission, role: Role) -> None:
        super().__init__(message)
        self.permission = permission
        self.role = role


@dataclass(frozen=True)
class Actor:
    """A signed-in user, as the services see them."""

    user_id: uuid.UUID | None
    name: str
    role: Role
    inspector_id: uuid.UUID | None = None

    @property
    def label(self) -> str:
        """How the audit trail names them (AuditEvent.actor holds 50 characters)."""
        return f"{self.name} ({self.role.value})"[:50]

    def may(self, permission: Permission) -> bool:
        return allows(self.role, permission)


SYSTEM = Actor(None, "", Role.ADMIN)  # the device itself: see the module's note


def current_actor(session: Session) -> Actor:
    actor = session.info.get(ACTOR)
    return actor if isinstance(actor, Actor) else SYSTEM


def require(session: Session, permission: Permission) -> Actor:
    """The acting user, if their role allows `permission`; else AccessDeniedError naming the action and the
    role, before anything is written."""
    actor = current_actor(session)
    if not actor.may(permission):
        action = PERMISSION_NAMES[permission]
        role = ROLE_NAMES[actor.role]
        raise AccessDeniedError(
            f"无权操作：{action.split(' ', 1)[0]}（当前角色：{role.split(' ', 1)[0]}）"
            f"(not allowed: {action.split(' ', 1)[1]} is not open to the {role.split(' ', 1)[1]} role)",
            permission=permission,
            role=actor.role,
        )
    return actor
