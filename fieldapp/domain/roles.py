"""Who may do what: the permissions of each role, and the rules of a sign-in PIN. Pure values; the
service layer enforces them (fieldapp.services.access), the GUI only hides what a role cannot do."""

from __future__ import annotations

import itertools
from enum import StrEnum
from types import MappingProxyType

from fieldapp.domain.enums import FindingStatus, Role
from fieldapp.domain.errors import ValidationError


class Permission(StrEnum):
    """One kind of write a role may be given. The values are stable: they appear in refusals and logs."""

    INSPECT = "inspect"  # inspections, answers, photos, signatures
    NOTICES = "notices"  # issue, print and void notices
    FINDING_FOLLOW_UP = "finding_follow_up"  # tell the customer, record the customer's report of a fix
    CUSTOMERS = "customers"  # create and edit customers and their equipment, import the register
    TEMPLATES = "templates"  # import and publish checklists
    LEGAL_LIBRARY = "legal_library"  # edit, import and verify the legal-basis library
    ASSIGNMENTS = "assignments"  # plan, move and cancel the inspectors' visits
    FINDING_VERIFY = "finding_verify"  # verify (close), reopen, and steps for many findings at once
    SETTINGS = "settings"  # the device's settings (not the personal ones: PERSONAL_SETTINGS)
    USERS = "users"  # add users, change their PIN, unlock and deactivate them


_INSPECTOR = frozenset({Permission.INSPECT, Permission.NOTICES, Permission.FINDING_FOLLOW_UP})
_OFFICE = _INSPECTOR | {
    Permission.CUSTOMERS,
    Permission.TEMPLATES,
    Permission.LEGAL_LIBRARY,
    Permission.ASSIGNMENTS,
    Permission.FINDING_VERIFY,
}
_ADMIN = _OFFICE | {Permission.SETTINGS, Permission.USERS}

ROLE_PERMISSIONS: MappingProxyType[Role, frozenset[Permission]] = MappingProxyType(
    {Role.INSPECTOR: _INSPECTOR, Role.OFFICE: frozenset(_OFFICE), Role.ADMIN: frozenset(_ADMIN)}
)

# Settings each user keeps for themselves on the device, written by the app as it is used (the language,
# the inspection open at the last start, the folder of the last sync): anyone may write them.
PERSONAL_SETTINGS = frozenset({"ui.language", "ui.open_inspection", "sync.folder"})

# For messages: the action and the role in both languages.
ROLE_NAMES = MappingProxyType(
    {Role.INSPECTOR: "检查员 inspector", Role.OFFICE: "办公室 office", Role.ADMIN: "管理员 admin"}
)
PERMISSION_NAMES = MappingProxyType(
    {
        Permission.INSPECT: "现场检查 inspections",
        Permission.NOTICES: "通知书 notices",
        Permission.FINDING_FOLLOW_UP: "隐患通知与整改报告 finding follow-up",
        Permission.CUSTOMERS: "客户资料 customers",
        Permission.TEMPLATES: "检查表模板 checklist templates",
        Permission.LEGAL_LIBRARY: "法律依据库 legal library",
        Permission.ASSIGNMENTS: "检查任务分派 assignments",
        Permission.FINDING_VERIFY: "隐患验证销号 finding verification",
        Permission.SETTINGS: "设备设置 settings",
        Permission.USERS: "用户管理 users",
    }
)


def allows(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def step_permission(target: FindingStatus) -> Permission:
    """The permission a finding's follow-up step needs: closing it (verified) or reopening it is the
    office's; telling the customer and recording the customer's report is also the inspector's."""
    if target in (FindingStatus.VERIFIED, FindingStatus.REOPENED):
        return Permission.FINDING_VERIFY
    return Permission.FINDING_FOLLOW_UP


def setting_permission(key: str) -> Permission | None:
    """None for a personal setting, which anyone may write; else the permission to change it."""
    return None if key in PERSONAL_SETTINGS else Permission.SETTINGS


# -- PINs ---------------------------------------------------------------------------------------------

PIN_MIN = 4
PIN_MAX = 8
MAX_FAILED_ATTEMPTS = 5  # wrong PINs in a row before the user is locked out
LOCKOUT_MINUTES = 5


def check_pin(pin: str) -> str:
    """The PIN if it may be used: 4 to 8 digits, not one digit repeated, not a run up or down (1234,
    9876, 0123...). A ValidationError says which rule it breaks."""
    if not (pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise ValidationError(
            f"PIN 须为 {PIN_MIN} 到 {PIN_MAX} 位数字 (a PIN is {PIN_MIN} to {PIN_MAX} digits)", field="pin"
        )
    if len(set(pin)) == 1:
        raise ValidationError("PIN 不能全是同一个数字 (a PIN cannot be one digit repeated)", field="pin")
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    if steps in ({1}, {9}):
        raise ValidationError(
            "PIN 不能是连续数字，如 1234 或 9876 (a PIN cannot be a run such as 1234 or 9876)", field="pin"
        )
    return pin
