"""Measurement rules: from a measured value or an answer, the customer's record and the previous visit,
propose a finding with its severity and the text an inspector would write. Pure functions on plain values.

A checklist item names its rule as a RuleSpec (a kind and its parameters). `validate_rule` checks a spec
(the template validator calls it); `evaluate_rule` applies it to one answer and returns a Proposal, or None
when the answer is compliant, missing or of another kind than the rule reads.

The catalogue (every kind also takes an optional `severity`, "general" or "serious"; unknown parameters are
refused so that a misspelt one is not ignored). "Above" and "below" are strict everywhere: a value exactly
at a limit is compliant, and a date that falls due today is not yet overdue (it is overdue from tomorrow).

- `max` {limit}: a number above `limit`.                       `min` {limit}: a number below `limit`.
- `capacity_over_contract` {}: kVA in service above the contract capacity (私增容量, a contract breach).
- `power_factor` {standard?}: a power factor below the customer's standard (see `power_factor_standard`);
  `standard` fixes it for the item. No standard (below 100 kVA): no proposal.
- `earthing_resistance` {limit?}: ohms above 4 when the largest in-service transformer is 100 kVA or more,
  else above 10 (without a transformer in the ledger the contract capacity stands in for it); `limit`
  fixes it for the item.
- `test_overdue` {cycle_months}: a last-test date whose cycle ran out before today. Severity general
  unless the rule says otherwise (an overdue test is a paperwork finding, whatever the item's default).
- `metering_field_test_overdue` {}: a last field-test date whose cycle by metering class ran out before
  today: class I every 3 months, II every 6, III every 12; class IV has no cycle.
- `emergency_supply_ratio` {min_percent = 120}: emergency supply as a percentage of the safety-critical
  load, below `min_percent`.
- `seal_changed` {}: a seal number other than the one recorded at the previous finalized visit (no
  previous record: nothing to compare, no proposal). Spaces are ignored and letters compared upper-case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from fieldapp.domain.cycles import add_months
from fieldapp.domain.enums import (
    AnswerKind,
    ImportanceGrade,
    MeteringClass,
    Severity,
    Tariff,
    VoltageLevel,
)
from fieldapp.domain.errors import ValidationError


@dataclass(frozen=True)
class RuleSpec:
    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **dict(self.params)}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> RuleSpec:
        params = {k: v for k, v in raw.items() if k != "kind"}
        return cls(str(raw.get("kind", "")), params)


@dataclass(frozen=True)
class CustomerFacts:
    """What the rules need to know about the customer."""

    supply_voltage: VoltageLevel
    contract_capacity_kva: Decimal
    importance: ImportanceGrade
    metering_class: MeteringClass
    tariff: Tariff
    industry: str
    largest_transformer_kva: Decimal | None  # the largest in-service transformer of the ledger
    has_on_load_tap_changer: bool = False


AnswerValue = Decimal | date | str | None


@dataclass(frozen=True)
class RuleInput:
    value: AnswerValue  # the answer: Decimal for numbers, date for dates, text for seals
    customer: CustomerFacts
    today: date
    previous_value: AnswerValue = None  # the answer to the same item at the previous finalized visit
    # What was measured, for the description ("变压器上层油温"), and its unit ("°C"); optional.
    subject_zh: str = ""
    subject_en: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Proposal:
    item_code: str
    rule_kind: str
    severity: Severity
    description_zh: str
    description_en: str
    measured: str  # the measured value as shown, with its unit
    limit: str  # the limit, standard, due date or previous seal it was compared with


# --- parameters ---------------------------------------------------------------------------------------------


class _Missing:
    pass


_MISSING = _Missing()


def _as_decimal(value: Any) -> Decimal | None:
    """A finite number from a parameter as TOML, JSON or a spreadsheet gives it; None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def _as_int(value: Any) -> int | None:
    number = _as_decimal(value)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


@dataclass(frozen=True)
class _Param:
    name: str
    kind: str  # "number", "months", "severity"
    required: bool = False
    default: Any = None
    positive: bool = False


_SEVERITY = _Param("severity", "severity")


def _check_param(kind: str, param: _Param, value: Any) -> str | None:
    where = f"规则 {kind} 的参数 {param.name}"
    if param.kind == "severity":
        if value not in {s.value for s in Severity}:
            return (
                f"{where} 取值无效 {value!r}，应为 general 或 serious "
                f"(rule {kind}: parameter {param.name} must be general or serious)"
            )
        return None
    if param.kind == "months":
        months = _as_int(value)
        if months is None or not 1 <= months <= 240:
            return (
                f"{where} 应为1到240之间的整数（月），实为 {value!r} "
                f"(rule {kind}: parameter {param.name} must be a whole number of months, 1 to 240)"
            )
        return None
    number = _as_decimal(value)
    if number is None:
        return f"{where} 应为数字，实为 {value!r} (rule {kind}: parameter {param.name} must be a number)"
    if param.positive and number <= 0:
        return f"{where} 应大于0，实为 {value!r} (rule {kind}: parameter {param.name} must be positive)"
    return None


# --- the rules ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Outcome:
    """A rule's finding before the item code and the severity are attached."""

    description_zh: str
    description_en: str
    measured: str
    limit: str
    severity: Severity | None = None  # the rule's own default, when it has one


Evaluator = Callable[[Mapping[str, Any], RuleInput], _Outcome | None]


@dataclass(frozen=True)
class RuleKind:
    name: str
    answer_kinds: frozenset[AnswerKind]  # what the rule reads
    params: tuple[_Param, ...]
    evaluate: Evaluator
    description: str
    reads_previous: bool = False  # compares with the previous finalized visit's answer


def fmt(number: Decimal) -> str:
    """A number as people write it: no exponent, no trailing zeros (92.500000 -> 92.5, 1E+2 -> 100)."""
    text = format(number.normalize(), "f")
    return "0" if text in {"-0", ""} else text


def _with_unit(number: Decimal, unit: str) -> str:
    if not unit:
        return fmt(number)
    return f"{fmt(number)}{unit}" if unit in {"%", "°C", "℃"} else f"{fmt(number)} {unit}"


def _number(value: AnswerValue) -> Decimal | None:
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    return None


def _day(value: AnswerValue) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _param_decimal(params: Mapping[str, Any], name: str, default: Decimal | None = None) -> Decimal | None:
    if name not in params or params[name] is None:
        return default
    return _as_decimal(params[name])


def _subject(inp: RuleInput) -> tuple[str, str]:
    return inp.subject_zh or "测量值", inp.subject_en or "Measured value"


def _max(params: Mapping[str, Any], inp: RuleInput) -> _Outcome | None:
    value, limit = _number(inp.value), _param_decimal(params, "limit")
    if value is None or limit is None or value <= limit:
        return None
    zh, en = _subject(inp)
    measured, shown_limit = _with_unit(value, inp.unit), _with_unit(limit, inp.unit)
    return _Outcome(
        f"{zh}{measured}，超过限值{shown_limit}",
        f"{en} {measured} is above the limit {shown_limit}",
        measured,
        shown_limit,
    )


def _min(params: Mapping[str, Any], inp: RuleInput) -> _Outcome | None:
    value, limit = _number(inp.value), _param_decimal(params, "limit")
    if value is None or limit is None or value >= limit:
        return None
    zh, en = _subject(inp)
    measured, shown_limit = _with_unit(value, inp.unit), _with_unit(limit, inp.unit)
    return _Outcome(
        f"{zh}{measured}，低于限值{shown_limit}",
        f"{en} {measured} is below the limit {shown_limit}",
        measured,
        shown_limit,
    )


def _capacity_over_contract(params: Mapping[str, Any], inp: RuleInput) -> _Outcome | None:
    value, contract = _number(inp.value), inp.customer.contract_capacity_kva
    if value is None or value <= contract:
        return None
    over = value - contract
    return _Outcome(
        f"在运设备容量{fmt(value)} kVA，超过合同容量{fmt(contract)} kVA，私增容量{fmt(over)} kVA",
        f"Capacity in service {fmt(value)} kVA exceeds the contract capacity {fmt(contract)} kVA "
        f"by {fmt(over)} kVA (capacity added without approval)",
        f"{fmt(value)} kVA",
        f"{fmt(contract)} kVA",
    )


# Power-factor classes (功率因数调整电费办法, 1983). The industry text decides between them; these words are
# data: matched as substrings of the customer's industry, first the irrigation words, then agriculture.
IRRIGATION_WORDS: tuple[str, ...] = ("排灌", "排涝", "灌溉")
AGRICULTURE_WORDS: tuple[str, ...] = (
    "农业",
    "农林牧渔",
    "农、林、牧、渔",
    "种植",
    "畜牧",
    "养殖",
    "渔业",
    "林业",
    "趸售",
)
# An industry naming any of these is industrial, even when it also names agriculture ("农业机械制造").
INDUSTRY_WORDS: tuple[str, ...] = (
    "工业",
    "制造",
    "加工",
    "制品",
    "冶炼",
    "压延",
    "开采",
    "采选",
    "矿",
    "生产和供应",
    "化工",
    "钢",
    "水泥",
    "造纸",
    "纺织",
    "印染",
    "铸造",
    "建材",
)
PF_HIGH = Decimal("0.90")
PF_OTHER = Decimal("0.85")
PF_AGRICULTURE = Decimal("0.80")
PF_MIN_KVA = Decimal(100)  # below this, no standard
PF_HV_INDUSTRY_ABOVE_KVA = Decimal(160)  # HV industrial customers above this: 0.90
PF_HV_IRRIGATION_KVA = Decimal(3200)  # HV irrigation stations of this and above: 0.90


def is_industrial(customer: CustomerFacts) -> bool:
    """Industrial by the industry text; with no industry recorded, a two-part tariff (the large-industry
    tariff) stands in for it."""
    industry = customer.industry.strip()
    if not industry:
        return customer.tariff is Tariff.TWO_PART
    return any(word in industry for word in INDUSTRY_WORDS)


def power_factor_standard(customer: CustomerFacts) -> Decimal | None:
    """The power-factor standard of the customer, from the 1983 rules (功率因数调整电费办法):

    - below 100 kVA contract capacity: none;
    - 0.90: high-voltage (10 kV and above) industrial customers above 160 kVA, high-voltage customers with
      on-load tap changers, high-voltage irrigation stations (排灌站) of 3200 kVA and above;
    - 0.80: agricultural customers (the industry names 农业, 农林牧渔, 种植, 畜牧, 养殖, 渔业, 林业, and no
      industrial word such as 制造 or 加工) and wholesale (趸售) customers;
    - 0.85: everyone else, including irrigation stations below 3200 kVA (the 1983 rules put 电力排灌站 in
      the 0.85 class, not the agricultural 0.80 one).
    """
    capacity = customer.contract_capacity_kva
    if capacity < PF_MIN_KVA:
        return None
    high_voltage = customer.supply_voltage is not VoltageLevel.LV_0_4
    industry = customer.industry
    if any(word in industry for word in IRRIGATION_WORDS):
        return PF_HIGH if high_voltage and capacity >= PF_HV_IRRIGATION_KVA else PF_OTHER
    industrial = is_industrial(customer)
    if not industrial and any(word in industry for word in AGRICULTURE_WORDS):
        return PF_AGRICULTURE
    if high_voltage and (
        customer.has_on_load_tap_changer or (industrial and capacity > PF_HV_INDUSTRY_ABOVE_KVA)
    ):
        return PF_HIGH
    return PF_OTHER


def _pf(number: Decimal) -> str:
    """A power-factor standard as written in the rules: two decimals (0.90), more only when it has them."""
    two = number.quantize(Decimal("0.01"))
    return format(two, "f") if two == number else fmt(number)


def _power_factor(params: Mapping[str, Any], inp: RuleInput) -> _Outcome | None:
    value = _number(inp.value)
    standard = _param_decimal(params, "standard")
    if standard is None:
        standard = power_factor_standard(inp.customer)
    if value is None or standard is None or value >= standard:
        return None
    return _Outcome(
        f"功率因数{fmt(value)}，低于标准值{_pf(standard)}",
        f"Power factor {fmt(value)} is below the standard {_pf(standard)}",
        fmt(value),
        _pf(standard),
    )


EARTHING_LARGE_KVA = Decimal(100)
EARTHING_LARGE_OHM = Decimal(4)
EARTHING_SMALL_OHM = Decimal(10)


def earthing_limit(customer: CustomerFacts) -> Decimal:
    """At most 4 ohm when the largest in-service transformer is 100 kVA or more, else 10 ohm. Without a
    transformer in the ledger the contract capacity stands in for its size."""
    size = customer.largest_transformer_kva
    if size is None:
        size = customer.contract_capacity_kva
    return EARTHING_LARGE_OHM if size >= EARTHING_LARGE_KVA else EARTHING_SMALL_OHM


def _earthing_resistance(params: Mapping[str, Any], inp: RuleInput) -> _Outcome | None:
    value = _number(inp.value)
    limit = _param_decimal(params, "limit")
    if limit is None:
        limit = earthing_limit(inp.customer)
    if value is None or value <= limit:
        return None
    zh, en = inp.subject_zh or "接地电阻", inp.subject_en or "Earthing resistance"
    return _Outcome(
        f"{zh}{fmt(value)} Ω，超过允许值{fmt(limit)} Ω",
        f"{en} {fmt(value)} Ω is above the permitted {fmt(limit)} Ω",
        f"{fmt(value)} Ω",
        f"{fmt(limit)} Ω",
    )


def _overdue(inp: RuleInput, months: int, what_zh: str, what_en: str) -> _Outcome | None:
    last = _day(inp.value)
    if last is None:
        return None
    due = add_months(last, months)
    if due >= inp.today:
        return None
    late = (inp.today - due).days
    return _Outcome(
        f"{what_zh}上次日期{last.isoformat()}，周期{months}个月，已于{due.isoformat()}到期，逾期{late}天",
        f"{what_en}: last on {last.isoformat()}, every {months} months, due {due.isoformat()}, "
        f"{late} days overdue",
        last.isoformat(),
        due.isoformat(),
    )


def _test_overdue(params: Mapping[str, Any], inp: RuleInput) -> _Outcome | None:
    months = _as_int(params.get("cycle_months"))
    if months is None:
        return None
    outcome = _overdue(inp, months, inp.subject_zh or "试验", inp.subject_en or "Test")
    return None if outcome is None else _replace_severity(outcome, Severity.GENERAL)


# Field tests of metering by metering class [firm]: class IV has none.
METERING_FIELD_TEST_MONTHS: Mapping[MeteringClass, int] = {
    MeteringClass.I: 3,
    MeteringClass.II: 6,
    MeteringClass.III: 12,
}


def _metering_field_test_overdue(params: Mapping[str, Any], inp: RuleInput) -> _Outcome | None:
    months = METERING_FIELD_TEST_MONTHS.get(inp.customer.metering_class)
    if months is None:
        return None
    return _overdue(
        inp,
        months,
        f"{inp.customer.metering_class.value}类计量装置现场检验",
        f"Field test of class {inp.customer.metering_class.value} metering",
    )


def _emergency_supply_ratio(params: Mapping[str, Any], inp: RuleInput) -> _Outcome | None:
    value = _number(inp.value)
    minimum = _param_decimal(params, "min_percent", Decimal(120))
    if value is None or minimum is None or value >= minimum:
        return None
    return _Outcome(
        f"自备应急电源容量为保安负荷的{fmt(value)}%，低于要求的{fmt(minimum)}%",
        f"Emergency supply is {fmt(value)}% of the safety-critical load, below the required {fmt(minimum)}%",
        f"{fmt(value)}%",
        f"{fmt(minimum)}%",
    )


_SEAL_SPACES = re.compile(r"\s+")


def normalise_seal(text: str) -> str:
    return _SEAL_SPACES.sub("", text).upper()


_SEAL_SUBJECT_ZH = re.compile(r"(?:（编号）|完好|齐全|正常)+$")
_SEAL_SUBJECT_EN = re.compile(r"(?:\s*\(numbers?\)|\s+intact|\s+in place)+$", re.IGNORECASE)


def seal_subject(prompt_zh: str, prompt_en: str) -> tuple[str, str]:
    """What a seal item is about, from its prompt, for the finding's sentence: "计量柜（箱）门封印完好，
    封印编号与档案一致" is about "计量柜（箱）门封印" (its first clause, without the state it asks for)."""
    zh = _SEAL_SUBJECT_ZH.sub("", prompt_zh.split("，")[0].strip())
    en = _SEAL_SUBJECT_EN.sub("", prompt_en.split(",")[0].strip())
    return zh or "封印", en or "Seal"


def _seal_changed(params: Mapping[str, Any], inp: RuleInput) -> _Outcome | None:
    if not isinstance(inp.value, str) or not isinstance(inp.previous_value, str):
        return None
    now, before = inp.value.strip(), inp.previous_value.strip()
    if not now or not before or normalise_seal(now) == normalise_seal(before):
        return None
    zh, en = seal_subject(inp.subject_zh, inp.subject_en)
    return _Outcome(
        f"{zh}编号{now}与上次检查记录的{before}不一致",
        f"{en} number {now} differs from {before} recorded at the previous inspection",
        now,
        before,
    )


def _replace_severity(outcome: _Outcome, severity: Severity) -> _Outcome:
    return _Outcome(
        outcome.description_zh,
        outcome.description_en,
        outcome.measured,
        outcome.limit,
        severity,
    )


_NUMBER = frozenset({AnswerKind.NUMBER})

RULES: Mapping[str, RuleKind] = {
    r.name: r
    for r in (
        RuleKind(
            "max",
            _NUMBER,
            (_Param("limit", "number", required=True), _SEVERITY),
            _max,
            "a number above the limit",
        ),
        RuleKind(
            "min",
            _NUMBER,
            (_Param("limit", "number", required=True), _SEVERITY),
            _min,
            "a number below the limit",
        ),
        RuleKind(
            "capacity_over_contract",
            _NUMBER,
            (_SEVERITY,),
            _capacity_over_contract,
            "kVA in service above the contract capacity",
        ),
        RuleKind(
            "power_factor",
            _NUMBER,
            (_Param("standard", "number", positive=True), _SEVERITY),
            _power_factor,
            "a power factor below the customer's standard",
        ),
        RuleKind(
            "earthing_resistance",
            _NUMBER,
            (_Param("limit", "number", positive=True), _SEVERITY),
            _earthing_resistance,
            "earthing resistance above 4 ohm (transformer >= 100 kVA) or 10 ohm",
        ),
        RuleKind(
            "test_overdue",
            frozenset({AnswerKind.DATE}),
            (_Param("cycle_months", "months", required=True), _SEVERITY),
            _test_overdue,
            "a last-test date past its cycle",
        ),
        RuleKind(
            "metering_field_test_overdue",
            frozenset({AnswerKind.DATE}),
            (_SEVERITY,),
            _metering_field_test_overdue,
            "a metering field-test date past the cycle of the metering class",
        ),
        RuleKind(
            "emergency_supply_ratio",
            _NUMBER,
            (_Param("min_percent", "number", default=120, positive=True), _SEVERITY),
            _emergency_supply_ratio,
            "emergency supply below the percentage of the safety-critical load",
        ),
        RuleKind(
            "seal_changed",
            frozenset({AnswerKind.SEAL, AnswerKind.TEXT}),
            (_SEVERITY,),
            _seal_changed,
            "a seal number other than at the previous visit",
            reads_previous=True,
        ),
    )
}


_TRANSFORMER_CODE = re.compile(r"^[A-Za-z]+")


def transformer_has_on_load_tap_changer(model: str, rating: str = "") -> bool:
    """Whether a transformer's ledger row says it has an on-load tap changer (有载调压): the rating or the
    model names 有载, or the model's type code has a Z after its first letter (SZ11, SFZ10, SCZB10; a
    leading Z is another product: ZGS box substations, ZS rectifier transformers). A heuristic on the
    national type codes: the ledger has no field of its own for it."""
    if "有载" in model or "有载" in rating:
        return True
    code = _TRANSFORMER_CODE.match(model.strip())
    return code is not None and "Z" in code.group(0)[1:].upper()


MIN_DISMISSAL_REASON = 2


def check_dismissal_reason(reason: str) -> str:
    """A dismissed proposal needs a reason a reviewer can read: at least two characters."""
    cleaned = reason.strip()
    if len(cleaned) < MIN_DISMISSAL_REASON:
        raise ValidationError(
            "不采纳规则建议必须填写原因（至少2个字）"
            "(a reason of at least 2 characters is required to dismiss a proposal)",
            field="reason",
        )
    return cleaned


def validate_rule(spec: RuleSpec, answer_kind: AnswerKind | None = None) -> list[str]:
    """What is wrong with a rule, one message per problem naming the parameter; empty when it is sound.
    With the item's answer kind, also whether the rule can read that kind of answer."""
    rule = RULES.get(spec.kind)
    if rule is None:
        known = "、".join(RULES)
        return [f"未知的规则类型 {spec.kind!r}，应为 {known} (unknown rule kind {spec.kind!r})"]
    problems: list[str] = []
    declared = {p.name: p for p in rule.params}
    for name in spec.params:
        if name not in declared:
            allowed = "、".join(declared)
            problems.append(
                f"规则 {rule.name} 没有参数 {name}，可用参数：{allowed} "
                f"(rule {rule.name} has no parameter {name})"
            )
    for param in rule.params:
        value = spec.params.get(param.name, _MISSING)
        if isinstance(value, _Missing) or value is None:
            if param.required:
                problems.append(
                    f"规则 {rule.name} 缺少参数 {param.name} (rule {rule.name}: parameter {param.name} "
                    "is missing)"
                )
            continue
        problem = _check_param(rule.name, param, value)
        if problem:
            problems.append(problem)
    if answer_kind is not None and answer_kind not in rule.answer_kinds:
        kinds = "、".join(sorted(k.value for k in rule.answer_kinds))
        problems.append(
            f"规则 {rule.name} 只适用于 {kinds} 类答案，不适用于 {answer_kind.value} "
            f"(rule {rule.name} reads {kinds} answers, not {answer_kind.value})"
        )
    return problems


def evaluate_rule(
    spec: RuleSpec, item_code: str, default_severity: Severity, value_input: RuleInput
) -> Proposal | None:
    """The finding the rule proposes for this answer, or None. A spec that `validate_rule` refuses raises
    ValidationError (field "rule") rather than proposing nothing in silence."""
    problems = validate_rule(spec)
    if problems:
        raise ValidationError(f"检查项 {item_code}：{'；'.join(problems)}", field="rule")
    rule = RULES[spec.kind]
    outcome = rule.evaluate(spec.params, value_input)
    if outcome is None:
        return None
    if spec.params.get("severity") is not None:
        severity = Severity(spec.params["severity"])
    else:
        severity = outcome.severity or default_severity
    return Proposal(
        item_code=item_code,
        rule_kind=rule.name,
        severity=severity,
        description_zh=outcome.description_zh,
        description_en=outcome.description_en,
        measured=outcome.measured,
        limit=outcome.limit,
    )
