"""Inspection cycles: the default table of the domain notes, the shortest applicable row, the customer's
override, the next due day (month ends, never inspected), days overdue, and a table from the settings that
is checked row by row."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fieldapp.domain.cycles import (
    DEFAULT_CYCLE_TABLE,
    DEFAULT_RULES,
    SETTING_KEY,
    CycleRule,
    add_months,
    cycle_months,
    next_due,
    overdue_days,
    parse_cycle_table,
)
from fieldapp.domain.enums import ImportanceGrade, VoltageLevel
from fieldapp.domain.errors import ValidationError
from fieldapp.settings import setting

G = ImportanceGrade
V = VoltageLevel


@pytest.mark.parametrize(
    ("importance", "voltage", "months"),
    [
        (G.SPECIAL, V.KV_220, 3),
        (G.SPECIAL, V.LV_0_4, 3),
        (G.FIRST, V.KV_10, 3),
        (G.FIRST, V.KV_110, 3),
        (G.SECOND, V.KV_10, 6),
        (G.SECOND, V.LV_0_4, 6),
        (G.SECOND, V.KV_35, 6),
        (G.ORDINARY, V.KV_35, 6),
        (G.ORDINARY, V.KV_66, 6),
        (G.ORDINARY, V.KV_110, 6),
        (G.ORDINARY, V.KV_220, 6),
        (G.ORDINARY, V.KV_10, 12),
        (G.ORDINARY, V.KV_20, 12),
        (G.ORDINARY, V.LV_0_4, 36),
        (G.TEMPORARY, V.KV_10, 12),  # inspected around its event; the voltage row gives the cycle
        (G.TEMPORARY, V.KV_35, 6),
    ],
)
def test_default_cycles_of_the_domain_notes(
    importance: ImportanceGrade, voltage: VoltageLevel, months: int
) -> None:
    assert cycle_months(importance, voltage) == months
    assert cycle_months(importance, voltage, DEFAULT_RULES) == months


@given(
    importance=st.sampled_from(list(G)),
    voltage=st.sampled_from(list(V)),
    override=st.integers(min_value=1, max_value=120),
)
def test_the_customers_own_cycle_wins(
    importance: ImportanceGrade, voltage: VoltageLevel, override: int
) -> None:
    assert cycle_months(importance, voltage, DEFAULT_RULES, override) == override


def test_no_applicable_row_means_no_cycle() -> None:
    only_hv = parse_cycle_table([{"months": 12, "min_kv": 10}])
    assert cycle_months(G.ORDINARY, V.LV_0_4, only_hv) is None
    assert cycle_months(G.ORDINARY, V.LV_0_4, only_hv, 24) == 24
    assert cycle_months(G.ORDINARY, V.KV_10, ()) is None


def test_bounds_are_inclusive() -> None:
    table = parse_cycle_table([{"months": 5, "min_kv": 10, "max_kv": 35}])
    assert cycle_months(G.ORDINARY, V.KV_10, table) == 5
    assert cycle_months(G.ORDINARY, V.KV_35, table) == 5
    assert cycle_months(G.ORDINARY, V.LV_0_4, table) is None
    assert cycle_months(G.ORDINARY, V.KV_66, table) is None


rows = st.builds(
    CycleRule,
    months=st.integers(min_value=1, max_value=120),
    importance=st.frozensets(st.sampled_from(list(G))),
    min_kv=st.none() | st.sampled_from([Decimal(v.value) for v in V]),
    max_kv=st.none() | st.sampled_from([Decimal(v.value) for v in V] + [Decimal(1)]),
)


@given(
    table=st.lists(rows, max_size=6), importance=st.sampled_from(list(G)), voltage=st.sampled_from(list(V))
)
def test_the_shortest_applicable_row_wins(
    table: list[CycleRule], importance: ImportanceGrade, voltage: VoltageLevel
) -> None:
    kv = Decimal(voltage.value)
    applicable = [
        r.months
        for r in table
        if (not r.importance or importance in r.importance)
        and (r.min_kv is None or kv >= r.min_kv)
        and (r.max_kv is None or kv <= r.max_kv)
    ]
    assert cycle_months(importance, voltage, table) == (min(applicable) if applicable else None)


@given(table=st.lists(rows, max_size=6))
def test_a_table_round_trips_through_its_json_form(table: list[CycleRule]) -> None:
    valid = [r for r in table if r.min_kv is None or r.max_kv is None or r.min_kv <= r.max_kv]
    assert parse_cycle_table([r.as_dict() for r in valid]) == tuple(valid)


def test_the_default_table_is_the_settings_default_and_marked_unverified() -> None:
    declared = setting(SETTING_KEY)
    assert declared.default == DEFAULT_CYCLE_TABLE
    assert declared.check(declared.default) == DEFAULT_CYCLE_TABLE
    assert [r.as_dict() for r in DEFAULT_RULES] == DEFAULT_CYCLE_TABLE
    assert all(row["verified"] is False for row in DEFAULT_CYCLE_TABLE)


# --- due days -----------------------------------------------------------------------------------------------

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@given(day=days, months=st.integers(min_value=0, max_value=240))
@example(day=date(2024, 1, 31), months=1)
@example(day=date(2023, 1, 31), months=1)
@example(day=date(2024, 2, 29), months=12)
def test_add_months_keeps_the_day_or_the_months_last(day: date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(later.year, later.month)[1]
    assert later.day == min(day.day, last)


def test_add_months_examples() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 11, 15), 3) == date(2025, 2, 15)
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)


@given(last=days, months=st.integers(min_value=1, max_value=120), registered=days)
def test_next_due_is_one_cycle_after_the_last_periodic_inspection(
    last: date, months: int, registered: date
) -> None:
    due = next_due(last, months, registered)
    assert due == add_months(last, months)
    assert due > last


@given(months=st.integers(min_value=1, max_value=120), registered=days)
def test_never_inspected_is_due_from_registration(months: int, registered: date) -> None:
    assert next_due(None, months, registered) == registered


@given(due=days, shift=st.integers(min_value=-400, max_value=400) | st.sampled_from([-1, 0, 1]))
def test_overdue_days_count_from_the_day_after_the_due_day(due: date, shift: int) -> None:
    assert overdue_days(due, due + timedelta(days=shift)) == max(0, shift)


# --- a table from the settings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "row", "field"),
    [
        ([{"months": 6}, {"months": 0}], 2, "months"),
        ([{"months": 121}], 1, "months"),
        ([{"months": True}], 1, "months"),
        ([{"months": "6"}], 1, "months"),
        ([{"months": 6.0}], 1, "months"),
        ([{"importance": ["first"]}], 1, "months"),
        ([{"months": 6, "importance": ["vip"]}], 1, "importance"),
        ([{"months": 6, "importance": "first"}], 1, "importance"),
        ([{"months": 6, "min_kv": "high"}], 1, "min_kv"),
        ([{"months": 6, "min_kv": -1}], 1, "min_kv"),
        ([{"months": 6, "max_kv": True}], 1, "max_kv"),
        ([{"months": 6, "min_kv": 35, "max_kv": 10}], 1, "max_kv"),
        ([{"months": 6}, {"months": 6}, {"months": 6, "month": 3}], 3, "month"),
        ([{"months": 6, "note": 5}], 1, "note"),
        ([{"months": 6, "verified": "yes"}], 1, "verified"),
        ([{"months": 6}, ["months", 6]], 2, "row"),
    ],
)
def test_a_bad_table_names_the_row_and_the_field(raw: Any, row: int, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_cycle_table(raw)
    message = str(caught.value)
    assert f"第{row}行 {field}" in message
    assert f"row {row}, {field}" in message
    assert caught.value.field == SETTING_KEY


@pytest.mark.parametrize("raw", [None, {"months": 6}, "[]"])
def test_a_table_that_is_no_list_is_refused(raw: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_cycle_table(raw)
    assert caught.value.field == SETTING_KEY


def test_numbers_of_kv_may_be_written_as_text_or_fractions() -> None:
    (rule,) = parse_cycle_table([{"months": 24, "min_kv": "0.38", "max_kv": 0.4, "importance": None}])
    assert (rule.min_kv, rule.max_kv, rule.importance) == (Decimal("0.38"), Decimal("0.4"), frozenset())
    assert cycle_months(G.ORDINARY, V.LV_0_4, (rule,)) == 24
