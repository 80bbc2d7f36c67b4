"""Rules of the inspection procedure that the use cases enforce."""

from __future__ import annotations

from fieldapp.domain.errors import ValidationError

# The 1996 inspection rules, still followed: at least two inspectors on site.
MIN_INSPECTORS_ON_SITE = 2


def check_inspectors_on_site(staff_numbers: list[str]) -> None:
    """Refuse a team smaller than the rules allow, or one that names the same person twice."""
    if len(set(staff_numbers)) != len(staff_numbers):
        raise ValidationError("同一检查人员不能重复选择 (an inspector is listed twice)", field="inspectors")
    if len(staff_numbers) < MIN_INSPECTORS_ON_SITE:
        raise ValidationError(
            f"现场检查至少需要 {MIN_INSPECTORS_ON_SITE} 名用电检查人员，当前只有 {len(staff_numbers)} 名 "
            f"(an inspection needs at least {MIN_INSPECTORS_ON_SITE} inspectors on site, "
            f"{len(staff_numbers)} given)",
            field="inspectors",
        )


def check_void_reason(reason: str) -> str:
    cleaned = reason.strip()
    if len(cleaned) < 2:
        raise ValidationError("作废必须填写原因 (a reason is required to void)", field="reason")
    return cleaned
