"""Breach-fee arithmetic (违约使用电费) for contract-breach findings: one function per kind of breach
in article 100 of the 1996 《供电营业规则》, on explicit inputs, each returning the amounts with the
arithmetic written out in Chinese and in English and the library code of the rule it applied. Pure: no
database, no clock.

The amounts are those of the 1996 rules (the domain notes' "Legal basis"):
- capacity over contract (CAPACITY): two-part tariff: back-pay the demand charge of the added capacity for
  the months used, and a breach fee of 3x that demand charge; other tariffs: 50 yuan per kVA (kW) added;
- using suspended or sealed equipment (SUSPENDED): two-part: back-pay the demand charge plus 2x; others:
  30 yuan per kVA (kW) per occasion;
- changing the use class (CLASS): back-pay the tariff difference plus 2x the difference;
- tampering with metering (METERING): 500 yuan per occasion for a residential customer, 5000 for others;
- private supply in or out, or paralleling an own source (SOURCE): 500 yuan per kVA (kW).
Those rules were replaced by the 2024 edition, whose amounts are not confirmed: whether a figure may be
charged is the library entry's business (verified, in force), which services.breach_fees reports beside it.

Money is rounded to the fen (0.01 yuan) half-up, each amount from its exact product (so the line
"3 × 120 kVA × 28.00 元/kVA·月 × 2 月 = 20 160.00 元" is true as written); the total is the sum of the
rounded amounts. Nonsense is refused with a ValidationError naming the field: a negative or zero quantity,
a fraction of a month or an occasion, and figures no real case reaches (LIMITS)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from fieldapp.domain.errors import ValidationError

FEN = Decimal("0.01")
NBSP = "\u00a0"  # groups thousands in money ("20 160.00") without letting a line break there


class BreachKind(StrEnum):
    CAPACITY = "capacity"  # 私自超过合同容量用电
    SUSPENDED = "suspended"  # 擅自使用暂停或启用封存的设备
    CLASS = "class"  # 擅自改变用电类别
    METERING = "metering"  # 私自迁移、更动、操作计量装置等
    SOURCE = "source"  # 擅自引入（供出）电源或自备电源并网


# The library entry each kind applies (resources/legal/library.toml).
RULE_CODES: dict[BreachKind, str] = {
    BreachKind.CAPACITY: "GYGZ1996-100-CAPACITY",
    BreachKind.SUSPENDED: "GYGZ1996-100-SUSPENDED",
    BreachKind.CLASS: "GYGZ1996-100-CLASS",
    BreachKind.METERING: "GYGZ1996-100-METERING",
    BreachKind.SOURCE: "GYGZ1996-100-SOURCE",
}

# The rates of the 1996 article 100.
CAPACITY_TWO_PART_TIMES = 3
CAPACITY_PER_KVA = Decimal(50)
SUSPENDED_TWO_PART_TIMES = 2
SUSPENDED_PER_KVA_OCCASION = Decimal(30)
CLASS_TIMES = 2
METERING_RESIDENTIAL = Decimal(500)
METERING_OTHER = Decimal(5000)
SOURCE_PER_KVA = Decimal(500)

# Beyond these an input is a typing slip, not a case: the largest customers are a few hundred MVA, a demand
# charge is tens of yuan per kVA and month, and a breach goes back years, not decades.
LIMITS: dict[str, Decimal] = {
    "capacity_kva": Decimal(1_000_000),
    "demand_price": Decimal(1_000),
    "months": Decimal(240),
    "occasions": Decimal(1_000),
    "difference": Decimal(100_000_000),
}

# The name of each input as the error messages give it: Chinese, then the key.
# The largest amount an assessment stores (Numeric(12, 2)).
MAX_AMOUNT = Decimal("9999999999.99")

FIELD_NAMES: dict[str, str] = {
    "capacity_kva": "容量(kVA)",
    "demand_price": "基本电价(元/kVA·月)",
    "months": "使用月数",
    "occasions": "次数",
    "difference": "差额电费(元)",
    "two_part": "两部制电价",
    "residential": "居民用户",
}


@dataclass(frozen=True)
class BreachFee:
    """The result of one rule on one set of inputs. `lines_zh`/`lines_en` are the arithmetic, one line per
    amount and the total last; `inputs` are the inputs as plain JSON values, enough to compute it again."""

    kind: BreachKind
    rule_code: str
    back_pay: Decimal  # 补交电费 (zero where the rule has none)
    fee: Decimal  # 违约使用电费
    total: Decimal
    lines_zh: tuple[str, ...]
    lines_en: tuple[str, ...]
    inputs: dict[str, Any]

    @property
    def arithmetic_zh(self) -> str:
        return "\n".join(self.lines_zh)

    @property
    def arithmetic_en(self) -> str:
        return "\n".join(self.lines_en)


# --- input checks -------------------------------------------------------------------------------------------


def _field(key: str) -> str:
    return f"{FIELD_NAMES.get(key, key)} {key}"


def _decimal(key: str, value: Any) -> Decimal:
    if isinstance(value, bool) or value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(f"{_field(key)}: 请填写数值 (a number is required)", field=key)
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(f"{_field(key)}: 不是数值 {value!r} (not a number)", field=key) from None
    if not number.is_finite():
        raise ValidationError(f"{_field(key)}: 不是有限数值 (not a finite number)", field=key)
    return number


def positive(key: str, value: Any) -> Decimal:
    """A quantity above zero and within LIMITS, or a ValidationError naming the field."""
    number = _decimal(key, value)
    if number <= 0:
        raise ValidationError(
            f"{_field(key)}: 须大于零，而不是 {fmt(number)} (must be above zero)", field=key
        )
    limit = LIMITS.get(key)
    if limit is not None and number > limit:
        raise ValidationError(
            f"{_field(key)}: {fmt(number)} 超出合理范围（上限 {fmt(limit)}）"
            f"(too large, at most {fmt(limit)})",
            field=key,
        )
    if number.as_tuple().exponent < -4:  # type: ignore[operator]
        raise ValidationError(f"{_field(key)}: 最多四位小数 (at most four decimals)", field=key)
    return number


def whole(key: str, value: Any) -> int:
    """A count (months, occasions): a whole number above zero within LIMITS."""
    number = positive(key, value)
    if number != number.to_integral_value():
        raise ValidationError(f"{_field(key)}: 须为整数，而不是 {fmt(number)} (a whole number)", field=key)
    return int(number)


def flag(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValidationError(f"{_field(key)}: 须为是或否 (yes or no), 而不是 {value!r}", field=key)


# --- formatting ---------------------------------------------------------------------------------------------


def fmt(number: Decimal) -> str:
    """A quantity as people write it: no exponent, no trailing zeros (120.0 -> 120)."""
    text = format(number.normalize(), "f")
    return "0" if text in {"-0", ""} else text


def money(amount: Decimal) -> str:
    """Yuan with two decimals and the thousands grouped by a no-break space: 20160 -> "20 160.00"."""
    return f"{amount:,.2f}".replace(",", NBSP)


def price(number: Decimal) -> str:
    """A rate: at least two decimals (28 -> 28.00), more when it has them (26.667)."""
    return money(number) if number == number.quantize(FEN) else fmt(number)


def to_fen(amount: Decimal) -> Decimal:
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


# --- the rules ----------------------------------------------------------------------------------------------


def _result(
    kind: BreachKind,
    back_pay: Decimal,
    fee: Decimal,
    zh: list[str],
    en: list[str],
    inputs: dict[str, Any],
) -> BreachFee:
    total = back_pay + fee
    if total > MAX_AMOUNT:
        raise ValidationError(
            f"合计 total: {money(total)} 元超出合理范围，请检查输入 (too large: check the inputs)",
            field="total",
        )
    return BreachFee(
        kind=kind,
        rule_code=RULE_CODES[kind],
        back_pay=back_pay,
        fee=fee,
        total=total,
        lines_zh=(*zh, f"合计 {money(total)} 元"),
        lines_en=(*en, f"Total {money(total)} yuan"),
        inputs=inputs,
    )


def _demand_charge(
    kind: BreachKind, times: int, capacity: Decimal, demand_price: Decimal, months: int
) -> BreachFee:
    """Two-part tariff: back-pay the demand charge of `capacity` for `months`, and `times` that as the fee."""
    exact = capacity * demand_price * months
    back_pay, fee = to_fen(exact), to_fen(times * exact)
    product_zh = f"{fmt(capacity)} kVA × {price(demand_price)} 元/kVA·月 × {months} 月"
    product_en = f"{fmt(capacity)} kVA × {price(demand_price)} yuan/kVA·month × {months} month(s)"
    return _result(
        kind,
        back_pay,
        fee,
        [
            f"补交基本电费 {product_zh} = {money(back_pay)} 元",
            f"违约使用电费 {times} × {product_zh} = {money(fee)} 元",
        ],
        [
            f"Back-pay of the demand charge {product_en} = {money(back_pay)} yuan",
            f"Breach fee {times} × {product_en} = {money(fee)} yuan",
        ],
        {
            "kind": kind.value,
            "two_part": True,
            "capacity_kva": str(capacity),
            "demand_price": str(demand_price),
            "months": months,
        },
    )


def capacity_over_contract(
    capacity_kva: Any, *, two_part: bool, demand_price: Any = None, months: Any = None
) -> BreachFee:
    """私增容量: `capacity_kva` used above the contract. Two-part tariff: needs the demand price (yuan per kVA
    and month) and the months used; other tariffs pay 50 yuan per kVA."""
    capacity = positive("capacity_kva", capacity_kva)
    if flag("two_part", two_part):
        return _demand_charge(
            BreachKind.CAPACITY,
            CAPACITY_TWO_PART_TIMES,
            capacity,
            positive("demand_price", demand_price),
            whole("months", months),
        )
    fee = to_fen(CAPACITY_PER_KVA * capacity)
    return _result(
        BreachKind.CAPACITY,
        Decimal("0.00"),
        fee,
        [f"违约使用电费 {fmt(CAPACITY_PER_KVA)} 元/kVA × {fmt(capacity)} kVA = {money(fee)} 元"],
        [f"Breach fee {fmt(CAPACITY_PER_KVA)} yuan/kVA × {fmt(capacity)} kVA = {money(fee)} yuan"],
        {"kind": BreachKind.CAPACITY.value, "two_part": False, "capacity_kva": str(capacity)},
    )


def suspended_equipment(
    capacity_kva: Any,
    *,
    two_part: bool,
    demand_price: Any = None,
    months: Any = None,
    occasions: Any = None,
) -> BreachFee:
    """Suspended or sealed equipment used, of `capacity_kva`. Two-part tariff: the demand price and the months
    used; other tariffs: 30 yuan per kVA per occasion."""
    capacity = positive("capacity_kva", capacity_kva)
    if flag("two_part", two_part):
        return _demand_charge(
            BreachKind.SUSPENDED,
            SUSPENDED_TWO_PART_TIMES,
            capacity,
            positive("demand_price", demand_price),
            whole("months", months),
        )
    times = whole("occasions", occasions)
    fee = to_fen(SUSPENDED_PER_KVA_OCCASION * capacity * times)
    rate = fmt(SUSPENDED_PER_KVA_OCCASION)
    return _result(
        BreachKind.SUSPENDED,
        Decimal("0.00"),
        fee,
        [f"违约使用电费 {rate} 元/kVA·次 × {fmt(capacity)} kVA × {times} 次 = {money(fee)} 元"],
        [
            f"Breach fee {rate} yuan/kVA per occasion × {fmt(capacity)} kVA × {times} occasion(s)"
            f" = {money(fee)} yuan"
        ],
        {
            "kind": BreachKind.SUSPENDED.value,
            "two_part": False,
            "capacity_kva": str(capacity),
            "occasions": times,
        },
    )


def class_change(difference: Any) -> BreachFee:
    """A higher-priced use on a lower-priced supply: `difference` is the tariff difference owed (yuan) for the
    period used; back-pay it and 2x it as the fee."""
    exact = positive("difference", difference)
    back_pay, fee = to_fen(exact), to_fen(CLASS_TIMES * exact)
    return _result(
        BreachKind.CLASS,
        back_pay,
        fee,
        [
            f"补交差额电费 {money(back_pay)} 元",
            f"违约使用电费 {CLASS_TIMES} × {price(exact)} 元 = {money(fee)} 元",
        ],
        [
            f"Back-pay of the tariff difference {money(back_pay)} yuan",
            f"Breach fee {CLASS_TIMES} × {price(exact)} yuan = {money(fee)} yuan",
        ],
        {"kind": BreachKind.CLASS.value, "difference": str(exact)},
    )


def metering_tampering(*, residential: bool, occasions: Any) -> BreachFee:
    """Metering, load-management or supply devices moved, altered or operated: per occasion, 500 yuan for a
    residential customer, 5000 for any other."""
    home = flag("residential", residential)
    times = whole("occasions", occasions)
    rate = METERING_RESIDENTIAL if home else METERING_OTHER
    fee = to_fen(rate * times)
    who_zh, who_en = ("居民用户", "residential") if home else ("非居民用户", "non-residential")
    return _result(
        BreachKind.METERING,
        Decimal("0.00"),
        fee,
        [f"违约使用电费（{who_zh}）{fmt(rate)} 元/次 × {times} 次 = {money(fee)} 元"],
        [f"Breach fee ({who_en}) {fmt(rate)} yuan per occasion × {times} occasion(s) = {money(fee)} yuan"],
        {"kind": BreachKind.METERING.value, "residential": home, "occasions": times},
    )


def private_source(capacity_kva: Any) -> BreachFee:
    """Power brought in or supplied out, or an own source paralleled, of `capacity_kva`: 500 yuan per kVA."""
    capacity = positive("capacity_kva", capacity_kva)
    fee = to_fen(SOURCE_PER_KVA * capacity)
    return _result(
        BreachKind.SOURCE,
        Decimal("0.00"),
        fee,
        [f"违约使用电费 {fmt(SOURCE_PER_KVA)} 元/kVA × {fmt(capacity)} kVA = {money(fee)} 元"],
        [f"Breach fee {fmt(SOURCE_PER_KVA)} yuan/kVA × {fmt(capacity)} kVA = {money(fee)} yuan"],
        {"kind": BreachKind.SOURCE.value, "capacity_kva": str(capacity)},
    )


# --- by kind, from plain inputs -----------------------------------------------------------------------------

_RULES: dict[BreachKind, Callable[..., BreachFee]] = {
    BreachKind.CAPACITY: capacity_over_contract,
    BreachKind.SUSPENDED: suspended_equipment,
    BreachKind.CLASS: class_change,
    BreachKind.METERING: metering_tampering,
    BreachKind.SOURCE: private_source,
}

# Which inputs each kind reads (a stored assessment's inputs, the dialog's fields).
INPUTS: dict[BreachKind, tuple[str, ...]] = {
    BreachKind.CAPACITY: ("capacity_kva", "two_part", "demand_price", "months"),
    BreachKind.SUSPENDED: ("capacity_kva", "two_part", "demand_price", "months", "occasions"),
    BreachKind.CLASS: ("difference",),
    BreachKind.METERING: ("residential", "occasions"),
    BreachKind.SOURCE: ("capacity_kva",),
}


def kind_of_code(code: str) -> BreachKind | None:
    """The kind whose rule is the library entry `code`, if any."""
    for kind, rule_code in RULE_CODES.items():
        if rule_code == code.strip():
            return kind
    return None


def compute(kind: BreachKind | str, inputs: Mapping[str, Any]) -> BreachFee:
    """The fee of `kind` on inputs given by name (INPUTS); the ones a kind does not read are ignored, so a
    form can hand over all its fields."""
    try:
        breach = BreachKind(kind)
    except ValueError:
        allowed = "、".join(k.value for k in BreachKind)
        raise ValidationError(
            f"违约类别 kind: 无效 {kind!r}，应为 {allowed} (unknown kind)", field="kind"
        ) from None
    names = INPUTS[breach]
    given = {name: inputs.get(name) for name in names}
    if breach is BreachKind.CLASS or breach is BreachKind.SOURCE:
        return _RULES[breach](*given.values())
    if breach is BreachKind.METERING:
        return metering_tampering(residential=bool(given["residential"]), occasions=given["occasions"])
    capacity = given.pop("capacity_kva")
    if not given.get("two_part"):
        given["two_part"] = False
        given.pop("demand_price", None)
        given.pop("months", None)
    return _RULES[breach](capacity, **given)
