"""Users on a device, on both engines: PIN hashes, signing in, the lock-out after five wrong PINs and its
end (the clock injected), the rules for the first user and the last admin, and the audit trail naming the
signed-in user."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from testkit import Sample

from fieldapp.domain.enums import Role, Verdict
from fieldapp.domain.errors import ValidationError
from fieldapp.services.access import AccessDeniedError, Actor
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import record_answer, start_inspection
from fieldapp.services.users import (
    SignInResult,
    change_pin,
    create_user,
    deactivate_user,
    has_users,
    hash_pin,
    list_users,
    sign_in,
    unlock_user,
    verify_pin,
)
from fieldapp.store.models import SYNCED_MODELS, AuditEvent, User

T0 = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


def stored_user(backend: Backend, user_id: uuid.UUID) -> User:
    with backend.session() as session:
        user = session.get(User, user_id)
        assert user is not None
        session.expunge(user)
        return user


def test_a_pin_is_kept_as_a_salted_scrypt_hash() -> None:
    encoded = hash_pin("2580")
    scheme, n, r, p, salt, digest = encoded.split("$")
    assert (scheme, n, r, p) == ("scrypt", str(2**14), "8", "1")
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32
    assert "2580" not in encoded
    assert hash_pin("2580") != encoded  # a new salt each time
    assert verify_pin("2580", encoded)
    assert not verify_pin("2581", encoded)
    assert not verify_pin("2580", "md5$whatever")
    assert not verify_pin("2580", encoded.replace("scrypt", "bcrypt"))


def test_users_never_travel_in_a_sync_bundle() -> None:
    assert User not in SYNCED_MODELS  # PIN hashes stay on the device


def test_the_first_user_must_be_an_admin(backend: Backend) -> None:
    assert not backend.call(has_users)
    with pytest.raises(ValidationError, match="第一个用户须为管理员"):
        backend.call(create_user, "王检查", Role.INSPECTOR, "2580")
    admin = backend.call(create_user, "李管理", Role.ADMIN, "2580")
    assert backend.call(has_users)
    backend.call(create_user, "王检查", "inspector", "3691")
    rows = backend.call(list_users)
    assert [(r.name, r.role) for r in rows] == [("李管理", Role.ADMIN), ("王检查", Role.INSPECTOR)]
    assert stored_user(backend, admin).pin_hash.startswith("scrypt$")


def test_names_pins_and_inspectors_are_checked(backend: Backend, sample: Sample) -> None:
    backend.call(create_user, "李管理", Role.ADMIN, "2580", inspector_id=sample.inspectors[0])
    assert backend.call(list_users)[0].inspector_label == "YJ001 王建国"
    with pytest.raises(ValidationError, match="已存在"):
        backend.call(create_user, " 李管理 ", Role.OFFICE, "2580")
    with pytest.raises(ValidationError, match="连续数字"):
        backend.call(create_user, "王检查", Role.OFFICE, "1234")
    with pytest.raises(ValidationError, match="姓名不能为空"):
        backend.call(create_user, "  ", Role.OFFICE, "2580")
    with pytest.raises(ValidationError, match="检查员不存在"):
        backend.call(create_user, "王检查", Role.OFFICE, "2580", inspector_id=uuid.uuid4())
    assert len(backend.call(list_users)) == 1


def test_sign_in_with_the_right_pin_gives_the_actor(backend: Backend, sample: Sample) -> None:
    backend.call(create_user, "李管理", Role.ADMIN, "2580")
    user_id = backend.call(create_user, "王检查", Role.INSPECTOR, "3691", inspector_id=sample.inspectors[1])
    result = backend.call(sign_in, user_id, "3691", now=T0)
    assert result.ok and result.actor == Actor(user_id, "王检查", Role.INSPECTOR, sample.inspectors[1])
    wrong = backend.call(sign_in, user_id, "3692", now=T0)
    assert wrong == SignInResult(None, tries_left=4)


def test_five_wrong_pins_lock_the_user_for_five_minutes(backend: Backend) -> None:
    user_id = backend.call(create_user, "李管理", Role.ADMIN, "2580")
    tries = [backend.call(sign_in, user_id, "0001", now=T0 + timedelta(seconds=i)) for i in range(5)]
    assert [t.tries_left for t in tries] == [4, 3, 2, 1, 0]
    until = T0 + timedelta(seconds=4, minutes=5)
    assert tries[-1].locked_until == until
    assert stored_user(backend, user_id).locked_until == until  # stored: a restart does not reset it
    # While locked, not even the right PIN is checked.
    assert backend.call(sign_in, user_id, "2580", now=until - timedelta(seconds=1)) == SignInResult(
        None, 0, until
    )
    assert backend.call(list_users)[0].locked_until is not None or until < datetime.now(UTC)
    # Once the time is up, the right PIN works again and the count starts afresh.
    assert backend.call(sign_in, user_id, "2580", now=until + timedelta(seconds=1)).ok
    assert stored_user(backend, user_id).failed_attempts == 0
    with backend.session() as session:
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.entity == "user")).all()
    assert sorted(actions) == ["user.create", "user.locked_out", "user.sign_in"]


def test_a_right_pin_resets_the_count_and_the_admin_can_unlock(backend: Backend) -> None:
    admin = backend.call(create_user, "李管理", Role.ADMIN, "2580")
    user_id = backend.call(create_user, "王检查", Role.INSPECTOR, "3691")
    for _ in range(3):
        backend.call(sign_in, user_id, "0001", now=T0)
    assert backend.call(sign_in, user_id, "3691", now=T0).ok
    assert backend.call(sign_in, user_id, "0001", now=T0).tries_left == 4
    for _ in range(4):
        backend.call(sign_in, user_id, "0001", now=T0)
    assert stored_user(backend, user_id).locked_until is not None
    backend.actor = Actor(admin, "李管理", Role.ADMIN)
    backend.call(unlock_user, user_id)
    assert stored_user(backend, user_id).locked_until is None
    assert backend.call(sign_in, user_id, "3691", now=T0).ok


def test_pins_change_by_the_admin_or_the_user_themselves(backend: Backend) -> None:
    admin = backend.call(create_user, "李管理", Role.ADMIN, "2580")
    inspector = backend.call(create_user, "王检查", Role.INSPECTOR, "3691")
    other = backend.call(create_user, "赵检查", Role.INSPECTOR, "4826")
    backend.actor = Actor(inspector, "王检查", Role.INSPECTOR)
    backend.call(change_pin, inspector, "5937")
    with pytest.raises(AccessDeniedError):
        backend.call(change_pin, other, "5937")
    assert backend.call(sign_in, inspector, "5937", now=T0).ok
    backend.actor = Actor(admin, "李管理", Role.ADMIN)
    backend.call(change_pin, other, "7315")
    assert backend.call(sign_in, other, "7315", now=T0).ok


def test_the_last_admin_stays_and_a_deactivated_user_cannot_sign_in(backend: Backend) -> None:
    admin = backend.call(create_user, "李管理", Role.ADMIN, "2580")
    office = backend.call(create_user, "陈办公", Role.OFFICE, "3691")
    with pytest.raises(ValidationError, match="最后一位管理员"):
        backend.call(deactivate_user, admin)
    backend.call(deactivate_user, office)
    assert [u.name for u in backend.call(list_users, active_only=True)] == ["李管理"]
    with pytest.raises(ValidationError, match="已停用"):
        backend.call(sign_in, office, "3691")


def test_every_write_records_the_signed_in_user(backend: Backend, sample: Sample) -> None:
    backend.call(create_user, "李管理", Role.ADMIN, "2580")
    user_id = backend.call(create_user, "王检查", Role.INSPECTOR, "3691", inspector_id=sample.inspectors[0])
    actor = backend.call(sign_in, user_id, "3691").actor
    assert actor is not None
    backend.actor = actor
    inspection = backend.call(
        start_inspection, sample.customers[0], sample.template_id, list(sample.inspectors[:2])
    )
    backend.call(record_answer, inspection, "A01", note="柜门锁具完好")
    backend.call(record_answer, inspection, "A01", verdict=Verdict.OK, actor="JC001 explicit")
    with backend.session() as session:
        trail = session.execute(
            select(AuditEvent.action, AuditEvent.actor).where(AuditEvent.entity.in_(["inspection", "answer"]))
        ).all()
    assert sorted(trail) == [
        ("answer.record", "JC001 explicit"),  # an explicit actor is kept
        ("answer.record", "王检查 (inspector)"),
        ("inspection.start", "王检查 (inspector)"),
    ]
