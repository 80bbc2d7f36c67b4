"""The lifecycle rules on plain values: which step may follow which (the office's and a re-inspection's),
what a notification's deadline must be, the days of a step, and when a finding is overdue."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fieldapp.domain.enums import FindingStatus
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.finding_lifecycle import (
    UNRESOLVED,
    allowed_steps,
    check_note,
    check_person,
    check_step,
    check_step_day,
    notification_deadline,
    overdue_days,
)

S = FindingStatus
DAY = date(2026, 6, 1)
ALLOWED = {
    (S.OPEN, S.NOTIFIED),
    (S.NOTIFIED, S.FIX_REPORTED),
    (S.FIX_REPORTED, S.VERIFIED),
    (S.FIX_REPORTED, S.REOPENED),
    (S.VERIFIED, S.REOPENED),
    (S.REOPENED, S.NOTIFIED),
    (S.REOPENED, S.FIX_REPORTED),
}


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_the_office_takes_exactly_the_steps_of_the_lifecycle(
    current: FindingStatus, target: FindingStatus
) -> None:
    if (current, target) in ALLOWED:
        check_step(current, target)
        assert target in allowed_steps(current)
        return
    assert target not in allowed_steps(current)
    with pytest.raises(ValidationError) as caught:
        check_step(current, target)
    assert caught.value.field == "status"
    if target is S.VERIFIED and current is not S.VERIFIED:
        assert "未经验证不能关闭隐患" in str(caught.value)


@pytest.mark.parametrize("current", sorted(UNRESOLVED))
def test_a_reinspection_verifies_from_any_open_status(current: FindingStatus) -> None:
    check_step(current, S.VERIFIED, by_reinspection=True)


def test_a_reinspection_does_not_verify_twice() -> None:
    with pytest.raises(ValidationError, match="已是"):
        check_step(S.VERIFIED, S.VERIFIED, by_reinspection=True)


def test_the_deadline_of_a_notification() -> None:
    assert notification_deadline(DAY, None, on=DAY) == DAY  # due the day it is told: still possible
    later = DAY + timedelta(days=9)
    assert notification_deadline(None, later, on=DAY) == later
    assert notification_deadline(DAY - timedelta(days=1), later, on=DAY) == later
    with pytest.raises(ValidationError, match="已过"):
        notification_deadline(DAY - timedelta(days=1), None, on=DAY)
    with pytest.raises(ValidationError, match="没有整改期限"):
        notification_deadline(None, None, on=DAY)
    with pytest.raises(ValidationError, match="早于"):
        notification_deadline(DAY, DAY - timedelta(days=1), on=DAY)


def test_the_day_of_a_step() -> None:
    today = DAY + timedelta(days=10)
    assert check_step_day(today, today=today, found_on=DAY) == today
    assert check_step_day(DAY, today=today, found_on=DAY, after=DAY) == DAY
    for on, after, message in (
        (today + timedelta(days=1), None, "晚于今天"),
        (DAY - timedelta(days=1), None, "早于发现隐患"),
        (DAY + timedelta(days=2), DAY + timedelta(days=3), "早于上一步骤"),
    ):
        with pytest.raises(ValidationError, match=message):
            check_step_day(on, today=today, found_on=DAY, after=after)


def test_who_and_what() -> None:
    assert check_person("  YJ001   王建国 ") == "YJ001 王建国"
    with pytest.raises(ValidationError):
        check_person(" ")
    with pytest.raises(ValidationError):
        check_person("名" * 101)
    assert check_note("  ok ") == "ok"
    with pytest.raises(ValidationError, match="原因"):
        check_note("x", required="原因 (a reason)")
    with pytest.raises(ValidationError):
        check_note("x" * 2001)


def test_overdue_days() -> None:
    assert overdue_days(DAY, S.NOTIFIED, DAY) == 0
    assert overdue_days(DAY, S.NOTIFIED, DAY + timedelta(days=3)) == 3
    assert overdue_days(DAY, S.VERIFIED, DAY + timedelta(days=3)) == 0
    assert overdue_days(None, S.OPEN, DAY) == 0
