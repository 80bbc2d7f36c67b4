"""The roles table and the PIN rules: each role can do all the one before it, and only the admin manages
settings and users; PINs are 4 to 8 digits and not guessable at a glance."""

from __future__ import annotations

import pytest

from fieldapp.domain.enums import FindingStatus, Role
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.roles import (
    PERMISSION_NAMES,
    PERSONAL_SETTINGS,
    ROLE_PERMISSIONS,
    Permission,
    allows,
    check_pin,
    setting_permission,
    step_permission,
)
from fieldapp.settings import BY_KEY

P = Permission


def test_the_roles_table() -> None:
    assert ROLE_PERMISSIONS[Role.INSPECTOR] == {P.INSPECT, P.NOTICES, P.FINDING_FOLLOW_UP}
    assert ROLE_PERMISSIONS[Role.OFFICE] == ROLE_PERMISSIONS[Role.INSPECTOR] | {
        P.CUSTOMERS,
        P.TEMPLATES,
        P.LEGAL_LIBRARY,
        P.ASSIGNMENTS,
        P.FINDING_VERIFY,
    }
    assert ROLE_PERMISSIONS[Role.ADMIN] == set(Permission)
    assert not allows(Role.OFFICE, P.SETTINGS) and not allows(Role.OFFICE, P.USERS)
    assert not allows(Role.INSPECTOR, P.CUSTOMERS)
    assert set(PERMISSION_NAMES) == set(Permission)  # every refusal can name its action


def test_closing_and_reopening_a_finding_is_the_offices() -> None:
    assert step_permission(FindingStatus.VERIFIED) is P.FINDING_VERIFY
    assert step_permission(FindingStatus.REOPENED) is P.FINDING_VERIFY
    assert step_permission(FindingStatus.NOTIFIED) is P.FINDING_FOLLOW_UP
    assert step_permission(FindingStatus.FIX_REPORTED) is P.FINDING_FOLLOW_UP


def test_personal_settings_are_declared_and_the_rest_need_the_admin() -> None:
    assert set(BY_KEY) >= PERSONAL_SETTINGS
    assert setting_permission("ui.language") is None
    assert setting_permission("org.issuing_unit") is P.SETTINGS


@pytest.mark.parametrize("pin", ["2580", "135792", "90210", "24681357"])
def test_good_pins_pass(pin: str) -> None:
    assert check_pin(pin) == pin


@pytest.mark.parametrize(
    ("pin", "says"),
    [
        ("123", "4 到 8 位"),
        ("123456789", "4 到 8 位"),
        ("12a4", "4 到 8 位"),
        ("１２３４５", "4 到 8 位"),  # full-width digits are digits to str.isdigit, not to a keypad
        ("0000", "同一个数字"),
        ("777777", "同一个数字"),
        ("1234", "连续数字"),
        ("98765", "连续数字"),
        ("7890", "连续数字"),
        ("3210", "连续数字"),
    ],
)
def test_trivial_pins_are_refused_with_the_reason(pin: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        check_pin(pin)
