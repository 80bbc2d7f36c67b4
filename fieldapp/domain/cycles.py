"""Periodic inspection cycles: how often a customer is due, and when next.

The cycles are office policy and were not confirmed against a published rule, so they are data: the
setting `cycles.table`, a list of rows as JSON, parsed and checked here. A row applies to a customer when
every condition it names holds (an importance grade among `importance`, a supply voltage within
`min_kv`..`max_kv`, both ends inclusive); a condition left out holds for everyone. The shortest cycle of
the rows that apply wins; a customer no row applies to has no periodic cycle. A customer's own
`cycle_override_months` wins over the table.

The default (domain notes, [check]): special and first-grade important customers every 3 months, second
grade every 6; 35 kV and above every 6; 10 and 20 kV every 12; low voltage every 36. Temporary important
customers are inspected before and during their event, which is no cycle: the voltage rows cover them."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from fieldapp.domain.enums import ImportanceGrade, VoltageLevel
from fieldapp.domain.errors import ValidationError

SETTING_KEY = "cycles.table"
MAX_MONTHS = 120

DEFAULT_CYCLE_TABLE: list[dict[str, Any]] = [
    {"months": 3, "importance": ["special", "first"], "note": "特级、一级重要电力用户", "verified": False},
    {"months": 6, "importance": ["second"], "note": "二级重要电力用户", "verified": False},
    {"months": 6, "min_kv": 35, "note": "35千伏及以上", "verified": False},
    {"months": 12, "min_kv": 10, "max_kv": 20, "note": "10、20千伏", "verified": False},
    {"months": 36, "max_kv": 1, "note": "低压（0.4千伏）", "verified": False},
]


@dataclass(frozen=True)
class CycleRule:
    months: int
    importance: frozenset[ImportanceGrade] = frozenset()  # empty: any grade
    min_kv: Decimal | None = None  # inclusive; None: no lower bound
    max_kv: Decimal | None = None  # inclusive; None: no upper bound
    note: str = ""
    verified: bool = False

    def applies(self, importance: ImportanceGrade, supply_voltage: VoltageLevel) -> bool:
        if self.importance and importance not in self.importance:
            return False
        kv = Decimal(supply_voltage.value)
        if self.min_kv is not None and kv < self.min_kv:
            return False
        return self.max_kv is None or kv <= self.max_kv

    def as_dict(self) -> dict[str, Any]:
        """The row as the setting stores it (numbers as JSON numbers)."""
        row: dict[str, Any] = {"months": self.months}
        if self.importance:
            row["importance"] = [g.value for g in ImportanceGrade if g in self.importance]
        for key, value in (("min_kv", self.min_kv), ("max_kv", self.max_kv)):
            if value is not None:
                row[key] = int(value) if value == value.to_integral_value() else float(value)
        if self.note:
            row["note"] = self.note
        row["verified"] = self.verified
        return row


_ROW_KEYS = ("months", "importance", "min_kv", "max_kv", "note", "verified")


def _row_error(row: int, key: str, problem_zh: str, problem_en: str) -> ValidationError:
    return ValidationError(
        f"检查周期表第{row}行 {key}：{problem_zh} (cycles table row {row}, {key}: {problem_en})",
        field=SETTING_KEY,
    )


def _kv(row: int, key: str, value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise _row_error(row, key, f"应为数字（千伏），实为 {value!r}", "must be a number of kV")
    try:
        kv = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except InvalidOperation:
        raise _row_error(row, key, f"应为数字（千伏），实为 {value!r}", "must be a number of kV") from None
    if not kv.is_finite() or kv < 0:
        raise _row_error(row, key, f"应为不小于0的数字，实为 {value!r}", "must be 0 or more")
    return kv


def parse_cycle_table(raw: Any) -> tuple[CycleRule, ...]:
    """The rows of the setting, checked; a bad row raises ValidationError naming the row (from 1) and the
    field."""
    if not isinstance(raw, list | tuple):
        raise ValidationError(
            f"检查周期表应为列表，实为 {type(raw).__name__} (the cycles table must be a list of rows)",
            field=SETTING_KEY,
        )
    rules: list[CycleRule] = []
    for n, entry in enumerate(raw, start=1):
        if not isinstance(entry, Mapping):
            raise _row_error(n, "row", f"应为对象，实为 {entry!r}", "must be an object of fields")
        for key in entry:
            if key not in _ROW_KEYS:
                raise _row_error(n, str(key), f"未知字段，可用字段：{'、'.join(_ROW_KEYS)}", "unknown field")
        if "months" not in entry:
            raise _row_error(n, "months", "缺少检查周期（月）", "is missing")
        months = entry["months"]
        if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
            raise _row_error(
                n,
                "months",
                f"应为1到{MAX_MONTHS}之间的整数，实为 {months!r}",
                f"must be a whole number of months, 1 to {MAX_MONTHS}",
            )
        grades = entry.get("importance") or []
        if isinstance(grades, str) or not isinstance(grades, list | tuple):
            raise _row_error(n, "importance", f"应为重要等级列表，实为 {grades!r}", "must be a list")
        importance: set[ImportanceGrade] = set()
        for grade in grades:
            try:
                importance.add(ImportanceGrade(grade))
            except ValueError:
                allowed = "、".join(g.value for g in ImportanceGrade)
                raise _row_error(
                    n, "importance", f"等级无效 {grade!r}，应为 {allowed}", f"unknown grade {grade!r}"
                ) from None
        min_kv, max_kv = _kv(n, "min_kv", entry.get("min_kv")), _kv(n, "max_kv", entry.get("max_kv"))
        if min_kv is not None and max_kv is not None and min_kv > max_kv:
            raise _row_error(n, "max_kv", "不能小于 min_kv", "is below min_kv")
        note = entry.get("note", "")
        if not isinstance(note, str):
            raise _row_error(n, "note", f"应为文字，实为 {note!r}", "must be text")
        verified = entry.get("verified", False)
        if not isinstance(verified, bool):
            raise _row_error(n, "verified", f"应为 true 或 false，实为 {verified!r}", "must be true or false")
        rules.append(CycleRule(months, frozenset(importance), min_kv, max_kv, note, verified))
    return tuple(rules)


DEFAULT_RULES = parse_cycle_table(DEFAULT_CYCLE_TABLE)


def cycle_months(
    importance: ImportanceGrade,
    supply_voltage: VoltageLevel,
    table: Iterable[CycleRule] = DEFAULT_RULES,
    override: int | None = None,
) -> int | None:
    """The customer's inspection cycle in months: its override, else the shortest applicable row's;
    None when no row applies."""
    if override is not None:
        return override
    months = [rule.months for rule in table if rule.applies(importance, supply_voltage)]
    return min(months) if months else None


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day (31 Jan + 1 -> 28/29
    Feb)."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    month = month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(last_periodic_finalized: date | None, months: int, registered: date) -> date:
    """When the next periodic inspection is due: one cycle after the last finalized periodic inspection.
    A customer never inspected (in this app's records) is due from the day it was registered."""
    if last_periodic_finalized is None:
        return registered
    return add_months(last_periodic_finalized, months)


def overdue_days(due: date, today: date) -> int:
    """Days past the due date; 0 on the due date and before it."""
    return max(0, (today - due).days)
