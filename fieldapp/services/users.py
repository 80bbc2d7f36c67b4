"""The people who sign in on this device: adding them, their PINs, signing in and the lock-out.

A PIN is kept only as a salted scrypt hash (hashlib, the standard library), with its parameters beside it,
and compared in constant time. Five wrong PINs in a row lock the user for five minutes; the count and the
lock are stored, so restarting the app does not reset them. Users are local to the device: they never
travel in a sync bundle. The first user must be an administrator, and the last active administrator cannot
be deactivated: someone must always be able to manage the users."""

from __future__ import annotations

import hashlib
import hmac
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import Role, coerce_enum
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.roles import LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS, Permission, check_pin
from fieldapp.services.access import Actor, current_actor, require
from fieldapp.services.audit import record_event
from fieldapp.store.models import Inspector, User
from fieldapp.store.types import utcnow

SCHEME = "scrypt"
# About 50 ms and 16 MiB a hash on a tablet: slow for a guesser with a copy of the database, quick enough
# for a person at the sign-in screen (and the lock-out stops guessing on the device itself).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16
HASH_BYTES = 32
NAME_MAX = 30


@dataclass(frozen=True)
class UserRow:
    id: uuid.UUID
    name: str
    role: Role
    inspector_id: uuid.UUID | None
    inspector_label: str  # "staff_no name" of the linked inspector, or ""
    active: bool
    locked_until: datetime | None  # set while locked out (UTC)


@dataclass(frozen=True)
class SignInResult:
    """What a sign-in attempt came to: the actor when the PIN was right; otherwise the tries left before
    the lock-out, or the time the lock-out ends."""

    actor: Actor | None
    tries_left: int = MAX_FAILED_ATTEMPTS
    locked_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.actor is not None


# -- PIN hashes ---------------------------------------------------------------------------------------


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """ "scrypt$n$r$p$salt$hash", salt and hash in hex: everything needed to check the PIN again."""
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=HASH_BYTES)
    return f"{SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, encoded: str) -> bool:
    """Whether `pin` is the one `encoded` was made from; False for a hash in a form this does not know."""
    try:
        scheme, n, r, p, salt, expected = encoded.split("$")
        if scheme != SCHEME:
            return False
        digest = hashlib.scrypt(
            pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected) // 2
        )
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), expected)


# -- reading ------------------------------------------------------------------------------------------


def has_users(session: Session) -> bool:
    """Whether anyone must sign in on this device (an active user exists)."""
    return bool(session.scalar(select(func.count()).select_from(User).where(User.active.is_(True))))


def list_users(session: Session, *, active_only: bool = False) -> list[UserRow]:
    query = (
        select(User, Inspector).outerjoin(Inspector, Inspector.id == User.inspector_id).order_by(User.name)
    )
    if active_only:
        query = query.where(User.active.is_(True))
    return [
        UserRow(
            user.id,
            user.name,
            user.role,
            user.inspector_id,
            f"{inspector.staff_no} {inspector.name}" if inspector is not None else "",
            user.active,
            user.locked_until if user.locked_until is not None and user.locked_until > utcnow() else None,
        )
        for user, inspector in session.execute(query).all()
    ]


def actor_of(user: User) -> Actor:
    return Actor(user.id, user.name, user.role, user.inspector_id)


def _user(session: Session, user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError(f"用户不存在 (no such user: {user_id})")
    return user


def _active_admins(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(User).where(User.active.is_(True), User.role == Role.ADMIN)
        )
        or 0
    )


# -- managing users -----------------------------------------------------------------------------------


def create_user(
    session: Session, name: str, role: Role | str, pin: str, *, inspector_id: uuid.UUID | None = None
) -> uuid.UUID:
    require(session, Permission.USERS)
    name = " ".join(name.split())
    if not name:
        raise ValidationError("姓名不能为空 (the name is required)", field="name")
    if len(name) > NAME_MAX:
        raise ValidationError(f"姓名最多 {NAME_MAX} 个字 (at most {NAME_MAX} characters)", field="name")
    role = coerce_enum(Role, role, "role")
    if role is not Role.ADMIN and _active_admins(session) == 0:
        raise ValidationError(
            "第一个用户须为管理员，才能管理其他用户 "
            "(the first user must be an admin, who can manage the others)",
            field="role",
        )
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise ValidationError(f"用户 {name} 已存在 (a user of that name exists)", field="name")
    if inspector_id is not None:
        inspector = session.get(Inspector, inspector_id)
        if inspector is None or inspector.deleted:
            raise ValidationError("所选检查员不存在 (no such inspector)", field="inspector")
    user = User(name=name, role=role, inspector_id=inspector_id, pin_hash=hash_pin(check_pin(pin)))
    session.add(user)
    session.flush()
    record_event(session, "user.create", "user", user.id, detail={"name": name, "role": role.value})
    return user.id


def change_pin(session: Session, user_id: uuid.UUID, pin: str) -> None:
    """A new PIN for a user: by an administrator, or by the user themselves."""
    if current_actor(session).user_id != user_id:
        require(session, Permission.USERS)
    user = _user(session, user_id)
    user.pin_hash = hash_pin(check_pin(pin))
    user.failed_attempts = 0
    user.locked_until = None
    record_event(session, "user.pin_change", "user", user.id, detail={"name": user.name})


def unlock_user(session: Session, user_id: uuid.UUID) -> None:
    require(session, Permission.USERS)
    user = _user(session, user_id)
    user.failed_attempts = 0
    user.locked_until = None
    record_event(session, "user.unlock", "user", user.id, detail={"name": user.name})


def deactivate_user(session: Session, user_id: uuid.UUID) -> None:
    """The user can no longer sign in; their name stays in the audit trail. Kept, not deleted."""
    require(session, Permission.USERS)
    user = _user(session, user_id)
    if not user.active:
        return
    if user.role is Role.ADMIN and _active_admins(session) <= 1:
        raise ValidationError(
            "不能停用最后一位管理员 (the last admin cannot be deactivated: nobody could manage the users)",
            field="user",
        )
    user.active = False
    record_event(session, "user.deactivate", "user", user.id, detail={"name": user.name})


# -- signing in ---------------------------------------------------------------------------------------


def sign_in(session: Session, user_id: uuid.UUID, pin: str, *, now: datetime | None = None) -> SignInResult:
    """Check a user's PIN. A wrong one is counted (and stored: the session commits, so nothing is raised);
    the fifth in a row locks the user for LOCKOUT_MINUTES, during which no PIN is even checked."""
    now = now or utcnow()
    user = _user(session, user_id)
    if not user.active:
        raise ValidationError(f"用户 {user.name} 已停用 (this user is deactivated)", field="user")
    if user.locked_until is not None and user.locked_until > now:
        return SignInResult(None, 0, user.locked_until)
    if verify_pin(pin, user.pin_hash):
        user.failed_attempts = 0
        user.locked_until = None
        actor = actor_of(user)
        record_event(session, "user.sign_in", "user", user.id, actor=actor.label)
        return SignInResult(actor)
    user.failed_attempts += 1
    if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
        user.failed_attempts = 0  # after the lock-out, another MAX_FAILED_ATTEMPTS tries
        user.locked_until = now + timedelta(minutes=LOCKOUT_MINUTES)
        record_event(
            session,
            "user.locked_out",
            "user",
            user.id,
            actor=f"{user.name} ({user.role.value})"[:50],
            detail={"until": user.locked_until.isoformat()},
        )
        return SignInResult(None, 0, user.locked_until)
    return SignInResult(None, MAX_FAILED_ATTEMPTS - user.failed_attempts)
