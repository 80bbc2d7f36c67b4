"""The follow-up of a finding after the inspection, as rules on plain values: which step may follow which,
and what each step needs. The services apply them to the store (services.finding_lifecycle).

    open ──notify──> notified ──customer reports the fix──> fix_reported ──verify──> verified
                        ^                                        │   ^                   │
                        │                                     reopen │                reopen
                        └──────────── notify ── reopened <───────┘   └── report fix ─────┘ (from reopened)

- Notify (open or reopened -> notified): the customer is told, by a notice (its number) or otherwise, on a
  day. The finding must then have a deadline on or after that day: a deadline already past when the
  customer is told cannot be kept, so the office is asked for a new one.
- Report a fix (notified or reopened -> fix_reported): the customer says it is put right, with a text and
  possibly evidence (photos, scanned reports).
- Verify (fix_reported -> verified), by the office: someone named checked the customer's report. Closing a
  finding the customer has not reported fixed is refused: only a re-inspection may do that.
- A re-inspection (复查) that finds the hazard put right verifies the finding from any open status: the
  re-inspectors saw it on site, which is the strongest verification there is. One that finds it still
  there reopens a reported fix (or a verified finding) and leaves any other status as it was.
- Reopen (fix_reported or verified -> reopened) always with a reason.

Every step has a day (not in the future, not before the inspection found it), a person and an optional
note; only the day the step happened is asked, the moment it was recorded is kept beside it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fieldapp.domain.enums import FindingStatus
from fieldapp.domain.errors import ValidationError

S = FindingStatus

# As the screens name them (fieldapp.gui.enum_labels), so a refusal names the status the person sees.
STATUS_ZH = {
    S.OPEN: "待整改",
    S.NOTIFIED: "已下发通知",
    S.FIX_REPORTED: "已报整改",
    S.VERIFIED: "已复查销号",
    S.REOPENED: "复查未通过",
}

# The steps the office may take from each status (the buttons of the findings page, in this order).
OFFICE_STEPS: dict[FindingStatus, tuple[FindingStatus, ...]] = {
    S.OPEN: (S.NOTIFIED,),
    S.NOTIFIED: (S.FIX_REPORTED,),
    S.FIX_REPORTED: (S.VERIFIED, S.REOPENED),
    S.VERIFIED: (S.REOPENED,),
    S.REOPENED: (S.NOTIFIED, S.FIX_REPORTED),
}

# A finding is followed up until it is verified.
UNRESOLVED = frozenset({S.OPEN, S.NOTIFIED, S.FIX_REPORTED, S.REOPENED})

MAX_NOTE = 2000
MAX_PERSON = 100
MAX_NOTICE_NO = 50
MIN_REASON = 2


def allowed_steps(status: FindingStatus) -> tuple[FindingStatus, ...]:
    """The statuses the office may move a finding in `status` to."""
    return OFFICE_STEPS[status]


def check_step(current: FindingStatus, target: FindingStatus, *, by_reinspection: bool = False) -> None:
    """Refuse a step the lifecycle does not allow, saying what is allowed instead."""
    if by_reinspection and target is S.VERIFIED and current in UNRESOLVED:
        return
    if target in OFFICE_STEPS[current]:
        return
    if target is S.VERIFIED and current is not S.VERIFIED:
        raise ValidationError(
            f"隐患当前为“{STATUS_ZH[current]}”，客户报告整改后才能验证销号；未经验证不能关闭隐患 "
            "(a finding is verified only after the customer reports the fix, or by a re-inspection: "
            "it cannot be closed without verification)",
            field="status",
        )
    if current is target:
        raise ValidationError(
            f"隐患已是“{STATUS_ZH[current]}”状态 (the finding is already {current.value})", field="status"
        )
    allowed = "、".join(f"“{STATUS_ZH[s]}”" for s in OFFICE_STEPS[current])
    raise ValidationError(
        f"隐患当前为“{STATUS_ZH[current]}”，不能改为“{STATUS_ZH[target]}”，只能改为{allowed} "
        f"(a finding that is {current.value} cannot become {target.value})",
        field="status",
    )


def check_step_day(on: date, *, today: date, found_on: date, after: date | None = None) -> date:
    """The day a step happened: not in the future, not before the inspection that found the hazard, and
    not before the finding's previous step."""
    if on > today:
        raise ValidationError(
            f"日期 {on.isoformat()} 晚于今天，不能预先登记 (the day of a step cannot be in the future)",
            field="on",
        )
    if on < found_on:
        raise ValidationError(
            f"日期 {on.isoformat()} 早于发现隐患的检查日期 {found_on.isoformat()} "
            "(the day is before the inspection found the finding)",
            field="on",
        )
    if after is not None and on < after:
        raise ValidationError(
            f"日期 {on.isoformat()} 早于上一步骤的日期 {after.isoformat()} "
            "(the day is before the finding's previous step)",
            field="on",
        )
    return on


def check_person(by: str) -> str:
    """Who took the step: required, so the history says who did what."""
    cleaned = " ".join(by.split())
    if not cleaned:
        raise ValidationError("请填写经办人或验证人 (say who took this step)", field="by")
    if len(cleaned) > MAX_PERSON:
        raise ValidationError(f"经办人最多 {MAX_PERSON} 字 (name too long)", field="by")
    return cleaned


def check_note(note: str, *, required: str = "") -> str:
    """A step's note; `required` names what it must say when it may not be empty (in Chinese + English)."""
    cleaned = note.strip()
    if required and len(cleaned) < MIN_REASON:
        raise ValidationError(f"请填写{required}", field="note")
    if len(cleaned) > MAX_NOTE:
        raise ValidationError(f"说明最多 {MAX_NOTE} 字 (the note is too long)", field="note")
    return cleaned


def check_notice_no(number: str) -> str:
    cleaned = number.strip()
    if len(cleaned) > MAX_NOTICE_NO:
        raise ValidationError(
            f"通知书编号最多 {MAX_NOTICE_NO} 字 (notice number too long)", field="notice_no"
        )
    return cleaned


def check_new_deadline(new_deadline: date, *, on: date) -> date:
    if new_deadline < on:
        raise ValidationError(
            f"新的整改期限 {new_deadline.isoformat()} 早于 {on.isoformat()} "
            "(the new deadline is before the day of this step)",
            field="deadline",
        )
    return new_deadline


def notification_deadline(current: date | None, new_deadline: date | None, *, on: date) -> date:
    """The deadline a finding carries once notified on `on`: the new one if given, else the current one,
    which must exist and not be past on that day (a customer cannot be told to finish by a day gone)."""
    if new_deadline is not None:
        return check_new_deadline(new_deadline, on=on)
    if current is None:
        raise ValidationError(
            "隐患没有整改期限，通知客户前请设定整改期限 (the finding has no deadline: set one to notify)",
            field="deadline",
        )
    if current < on:
        raise ValidationError(
            f"整改期限 {current.isoformat()} 在通知日期 {on.isoformat()} 之前已过，请设定新的整改期限 "
            "(the deadline has already passed on the day of notification: give a new deadline)",
            field="deadline",
        )
    return current


def overdue_days(deadline: date | None, status: FindingStatus, today: date) -> int:
    """Days past the deadline of a finding not yet verified; 0 when it is not overdue."""
    if deadline is None or status is S.VERIFIED or deadline >= today:
        return 0
    return (today - deadline).days


@dataclass(frozen=True)
class Refusal:
    """One finding a bulk step could not be applied to, and why."""

    finding_id: uuid.UUID
    label: str  # customer and number, as a person finds the finding again
    reason: str


class BulkRefusedError(ValidationError):
    """A step applied to many findings at once was refused for some of them, so it was applied to none."""

    def __init__(self, refusals: Sequence[Refusal], total: int) -> None:
        first = refusals[0]
        super().__init__(
            f"{len(refusals)}/{total} 条隐患不能办理，全部未执行；如 {first.label}：{first.reason} "
            f"({len(refusals)} of {total} findings refused the step, so none was changed)",
            field="findings",
        )
        self.refusals = tuple(refusals)
        self.total = total
