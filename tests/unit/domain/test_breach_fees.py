"""The breach-fee arithmetic of each rule: the amounts, the arithmetic as written, rounding to the fen
half-up, and refusal of inputs no case has (each naming its field)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.domain.breach_fees import (
    NBSP,
    BreachKind,
    capacity_over_contract,
    class_change,
    compute,
    kind_of_code,
    metering_tampering,
    private_source,
    suspended_equipment,
)
from fieldapp.domain.errors import ValidationError


def d(text: str) -> Decimal:
    return Decimal(text)


def test_capacity_two_part_backpays_the_demand_charge_and_charges_three_times_it() -> None:
    result = capacity_over_contract(120, two_part=True, demand_price="28", months=2)
    assert (result.back_pay, result.fee, result.total) == (d("6720.00"), d("20160.00"), d("26880.00"))
    assert result.rule_code == "GYGZ1996-100-CAPACITY"
    assert result.lines_zh == (
        f"补交基本电费 120 kVA × 28.00 元/kVA·月 × 2 月 = 6{NBSP}720.00 元",
        f"违约使用电费 3 × 120 kVA × 28.00 元/kVA·月 × 2 月 = 20{NBSP}160.00 元",
        f"合计 26{NBSP}880.00 元",
    )
    assert (
        result.lines_en[1]
        == f"Breach fee 3 × 120 kVA × 28.00 yuan/kVA·month × 2 month(s) = 20{NBSP}160.00 yuan"
    )


def test_capacity_other_tariff_is_fifty_yuan_per_kva() -> None:
    result = capacity_over_contract("125.5", two_part=False)
    assert (result.back_pay, result.fee, result.total) == (d("0"), d("6275.00"), d("6275.00"))
    assert result.lines_zh[0] == f"违约使用电费 50 元/kVA × 125.5 kVA = 6{NBSP}275.00 元"


def test_suspended_two_part_is_back_pay_plus_twice() -> None:
    result = suspended_equipment(400, two_part=True, demand_price="30.5", months=3)
    assert (result.back_pay, result.fee, result.total) == (d("36600.00"), d("73200.00"), d("109800.00"))
    assert result.rule_code == "GYGZ1996-100-SUSPENDED"


def test_suspended_other_tariff_is_thirty_yuan_per_kva_and_occasion() -> None:
    result = suspended_equipment(315, two_part=False, occasions=2)
    assert result.total == d("18900.00")
    assert result.lines_zh[0] == f"违约使用电费 30 元/kVA·次 × 315 kVA × 2 次 = 18{NBSP}900.00 元"


def test_class_change_is_difference_plus_twice_rounded_half_up() -> None:
    result = class_change("1234.565")
    assert (result.back_pay, result.fee, result.total) == (d("1234.57"), d("2469.13"), d("3703.70"))
    assert result.rule_code == "GYGZ1996-100-CLASS"


def test_metering_residential_and_others() -> None:
    assert metering_tampering(residential=True, occasions=1).total == d("500.00")
    other = metering_tampering(residential=False, occasions=3)
    assert other.total == d("15000.00")
    assert "非居民用户" in other.lines_zh[0]
    assert other.rule_code == "GYGZ1996-100-METERING"


def test_private_source_is_five_hundred_per_kva() -> None:
    result = private_source("80")
    assert result.total == d("40000.00")
    assert result.rule_code == "GYGZ1996-100-SOURCE"


def test_demand_price_with_more_decimals_is_shown_as_given_and_rounded_once() -> None:
    # 100 × 26.665 × 1 = 2666.5 exactly; 3 × that = 7999.5: half-up to the fen changes nothing, but a price
    # of 0.005 yuan shows the rounding: 1 kVA × 0.005 × 1 = 0.005 -> 0.01 (half-up, not to even).
    result = capacity_over_contract(100, two_part=True, demand_price="26.665", months=1)
    assert "26.665 元/kVA·月" in result.lines_zh[0]
    tiny = capacity_over_contract(1, two_part=True, demand_price="0.005", months=1)
    assert tiny.back_pay == d("0.01")
    assert tiny.fee == d("0.02")  # 0.015 half-up, from the exact product, not 3 × 0.01


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: capacity_over_contract(0, two_part=False), "capacity_kva"),
        (lambda: capacity_over_contract(-5, two_part=False), "capacity_kva"),
        (lambda: capacity_over_contract("abc", two_part=False), "capacity_kva"),
        (lambda: capacity_over_contract("NaN", two_part=False), "capacity_kva"),
        (lambda: capacity_over_contract(2_000_000, two_part=False), "capacity_kva"),
        (lambda: capacity_over_contract(100, two_part=True, months=2), "demand_price"),
        (lambda: capacity_over_contract(100, two_part=True, demand_price="28"), "months"),
        (lambda: capacity_over_contract(100, two_part=True, demand_price="28", months="1.5"), "months"),
        (lambda: capacity_over_contract(100, two_part=True, demand_price="5000", months=1), "demand_price"),
        (lambda: suspended_equipment(100, two_part=False, occasions=0), "occasions"),
        (lambda: class_change("0"), "difference"),
        (lambda: metering_tampering(residential=False, occasions=None), "occasions"),
        (lambda: metering_tampering(residential="no", occasions=1), "residential"),  # type: ignore[arg-type]
        (lambda: private_source("1.00001"), "capacity_kva"),
        (lambda: capacity_over_contract(900_000, two_part=True, demand_price="900", months=200), "total"),
    ],
)
def test_nonsense_is_refused_naming_the_field(call: object, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        call()  # type: ignore[operator]
    assert refused.value.field == field
    assert field in str(refused.value)


def test_compute_by_kind_reads_only_its_inputs() -> None:
    form = {
        "capacity_kva": "120",
        "two_part": False,
        "demand_price": "",
        "months": "",
        "occasions": "2",
        "difference": "",
        "residential": False,
    }
    assert compute("capacity", form).total == d("6000.00")
    assert compute(BreachKind.SUSPENDED, form).total == d("7200.00")
    assert compute("metering", form).total == d("10000.00")
    with pytest.raises(ValidationError, match="kind"):
        compute("theft", form)


def test_stored_inputs_compute_the_same_result_again() -> None:
    first = suspended_equipment("250", two_part=True, demand_price="25", months=4)
    again = compute(first.kind, first.inputs)
    assert again == first


def test_kind_of_code() -> None:
    assert kind_of_code("GYGZ1996-100-SOURCE") is BreachKind.SOURCE
    assert kind_of_code("GYGZ2024-BREACH") is None


@given(
    capacity=st.decimals(min_value="0.1", max_value="100000", places=1),
    demand=st.decimals(min_value="0.01", max_value="200", places=2),
    months=st.integers(min_value=1, max_value=120),
)
def test_capacity_two_part_amounts_are_fen_and_add_up(
    capacity: Decimal, demand: Decimal, months: int
) -> None:
    result = capacity_over_contract(capacity, two_part=True, demand_price=demand, months=months)
    exact = capacity * demand * months
    assert result.back_pay == exact.quantize(d("0.01"), rounding=ROUND_HALF_UP)
    assert result.fee == (3 * exact).quantize(d("0.01"), rounding=ROUND_HALF_UP)
    assert result.total == result.back_pay + result.fee
    assert result.total.as_tuple().exponent == -2
    assert abs(result.fee - 3 * result.back_pay) <= d("0.02")


@given(difference=st.decimals(min_value="0.001", max_value="1000000", places=3))
def test_class_change_fee_is_twice_the_difference(difference: Decimal) -> None:
    result = class_change(difference)
    assert result.fee == (2 * difference).quantize(d("0.01"), rounding=ROUND_HALF_UP)
    assert result.lines_zh[-1].startswith("合计 ")
