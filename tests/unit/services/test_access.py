"""The service layer enforces the roles, whatever the GUI shows: every guarded write refuses a role without
its permission with AccessDeniedError naming the action and the role, before it writes anything; a session
without a signed-in user is the device itself (the command line, a device without users)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from testkit import SAMPLE_CUSTOMERS, Sample

from fieldapp.domain.enums import FindingStatus, Role
from fieldapp.domain.roles import Permission
from fieldapp.services.access import SYSTEM, AccessDeniedError, Actor, current_actor, require
from fieldapp.services.assignments import assign, cancel, cancel_many, reschedule, reschedule_many
from fieldapp.services.backend import Backend
from fieldapp.services.customers import create_customer, create_customers, update_customer
from fieldapp.services.finding_lifecycle import (
    Step,
    reopen_finding,
    take_step_for_all,
    verify_finding,
)
from fieldapp.services.legal import verify_entry
from fieldapp.services.legal_workbooks import import_library
from fieldapp.services.notice_seal import clear_seal_image, set_seal_image
from fieldapp.services.register_import import import_register
from fieldapp.services.settings_store import get_setting, set_setting
from fieldapp.services.templates import import_template_workbook
from fieldapp.services.users import change_pin, create_user, deactivate_user, unlock_user
from fieldapp.store.models import Base

DAY = date(2026, 12, 1)
NOWHERE = Path("no-such-file.xlsx")  # never opened: the refusal comes first

# (name, the permission it needs, the call; ids come from the sample at run time)
Call = Callable[[Backend, Sample, uuid.UUID], Any]
GUARDED: list[tuple[str, Permission, Call]] = [
    (
        "create_customer",
        Permission.CUSTOMERS,
        lambda b, s, u: b.call(create_customer, replace(SAMPLE_CUSTOMERS[0], account_no="0531999999")),
    ),
    (
        "create_customers",
        Permission.CUSTOMERS,
        lambda b, s, u: b.call(create_customers, [replace(SAMPLE_CUSTOMERS[0], account_no="0531999998")]),
    ),
    (
        "update_customer",
        Permission.CUSTOMERS,
        lambda b, s, u: b.call(update_customer, s.customers[0], {"name": "改"}),
    ),
    ("import_register", Permission.CUSTOMERS, lambda b, s, u: b.call(import_register, NOWHERE)),
    (
        "import_template_workbook",
        Permission.TEMPLATES,
        lambda b, s, u: b.call(import_template_workbook, NOWHERE),
    ),
    ("import_library", Permission.LEGAL_LIBRARY, lambda b, s, u: b.call(import_library, NOWHERE, actor="X")),
    ("verify_entry", Permission.LEGAL_LIBRARY, lambda b, s, u: b.call(verify_entry, "GB-50054", actor="X")),
    (
        "assign",
        Permission.ASSIGNMENTS,
        lambda b, s, u: b.call(assign, [s.customers[0]], s.inspectors[0], DAY),
    ),
    ("reschedule", Permission.ASSIGNMENTS, lambda b, s, u: b.call(reschedule, uuid.uuid4(), DAY)),
    ("reschedule_many", Permission.ASSIGNMENTS, lambda b, s, u: b.call(reschedule_many, [uuid.uuid4()], DAY)),
    ("cancel", Permission.ASSIGNMENTS, lambda b, s, u: b.call(cancel, uuid.uuid4(), "下雨")),
    ("cancel_many", Permission.ASSIGNMENTS, lambda b, s, u: b.call(cancel_many, [uuid.uuid4()], "下雨")),
    (
        "verify_finding",
        Permission.FINDING_VERIFY,
        lambda b, s, u: b.call(verify_finding, uuid.uuid4(), on=DAY, by="陈敏"),
    ),
    (
        "reopen_finding",
        Permission.FINDING_VERIFY,
        lambda b, s, u: b.call(reopen_finding, uuid.uuid4(), on=DAY, by="陈敏", reason="复发"),
    ),
    (
        "take_step_for_all",
        Permission.FINDING_VERIFY,
        lambda b, s, u: b.call(
            take_step_for_all, [uuid.uuid4()], Step(FindingStatus.NOTIFIED, DAY, "陈敏", notice_no="X")
        ),
    ),
    ("set_setting", Permission.SETTINGS, lambda b, s, u: b.call(set_setting, "org.issuing_unit", "别的单位")),
    ("set_seal_image", Permission.SETTINGS, lambda b, s, u: b.call(set_seal_image, NOWHERE, NOWHERE)),
    ("clear_seal_image", Permission.SETTINGS, lambda b, s, u: b.call(clear_seal_image)),
    ("create_user", Permission.USERS, lambda b, s, u: b.call(create_user, "新用户", Role.INSPECTOR, "2580")),
    ("unlock_user", Permission.USERS, lambda b, s, u: b.call(unlock_user, u)),
    ("deactivate_user", Permission.USERS, lambda b, s, u: b.call(deactivate_user, u)),
    ("change_pin (another's)", Permission.USERS, lambda b, s, u: b.call(change_pin, u, "3691")),
]
OFFICE_MAY = {Permission.CUSTOMERS, Permission.TEMPLATES, Permission.LEGAL_LIBRARY, Permission.ASSIGNMENTS}
OFFICE_MAY |= {Permission.FINDING_VERIFY}


def row_counts(backend: Backend) -> dict[str, int]:
    with backend.session() as session:
        return {
            table.name: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
        }


@pytest.fixture
def admin_id(backend: Backend) -> uuid.UUID:
    user_id: uuid.UUID = backend.call(create_user, "李管理", Role.ADMIN, "2580")
    return user_id


@pytest.mark.parametrize(("name", "permission", "call"), GUARDED, ids=[g[0] for g in GUARDED])
def test_an_inspector_is_refused_every_guarded_write(
    backend: Backend, sample: Sample, admin_id: uuid.UUID, name: str, permission: Permission, call: Call
) -> None:
    before = row_counts(backend)
    backend.actor = Actor(uuid.uuid4(), "王检查", Role.INSPECTOR)
    with pytest.raises(AccessDeniedError) as refused:
        call(backend, sample, admin_id)
    assert refused.value.permission is permission and refused.value.role is Role.INSPECTOR
    assert "无权操作" in str(refused.value) and "inspector" in str(refused.value)
    backend.actor = None
    assert row_counts(backend) == before
    assert backend.call(get_setting, "org.issuing_unit") == "国网某县供电公司"


@pytest.mark.parametrize(("name", "permission", "call"), GUARDED, ids=[g[0] for g in GUARDED])
def test_the_office_is_refused_only_the_admins_writes(
    backend: Backend, sample: Sample, admin_id: uuid.UUID, name: str, permission: Permission, call: Call
) -> None:
    backend.actor = Actor(uuid.uuid4(), "陈办公", Role.OFFICE)
    if permission in OFFICE_MAY:
        try:
            call(backend, sample, admin_id)
        except AccessDeniedError:  # pragma: no cover - the failure this test is for
            pytest.fail(f"{name} refused the office")
        except Exception:
            pass
    else:
        with pytest.raises(AccessDeniedError, match="office"):
            call(backend, sample, admin_id)


def test_without_a_signed_in_user_the_device_itself_acts(backend: Backend) -> None:
    with backend.session() as session:
        assert current_actor(session) is SYSTEM
        assert require(session, Permission.USERS) is SYSTEM
    backend.call(set_setting, "org.issuing_unit", "国网另一县供电公司")


def test_anyone_may_write_their_personal_settings(backend: Backend) -> None:
    backend.actor = Actor(uuid.uuid4(), "王检查", Role.INSPECTOR)
    backend.call(set_setting, "ui.language", "en")
    backend.call(set_setting, "sync.folder", "/media/usb")
    assert backend.call(get_setting, "ui.language") == "en"
