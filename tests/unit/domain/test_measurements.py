"""Measurement rules: every threshold on both sides and exactly at it (at a limit is compliant, a due day
is not yet overdue), the power-factor class of each kind of customer, the earthing limit around 100 kVA,
the parameters a template may give, and the text an inspector reads."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

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
from fieldapp.domain.measurements import (
    RULES,
    AnswerValue,
    CustomerFacts,
    Proposal,
    RuleInput,
    RuleSpec,
    check_dismissal_reason,
    earthing_limit,
    evaluate_rule,
    fmt,
    power_factor_standard,
    seal_subject,
    transformer_has_on_load_tap_changer,
    validate_rule,
)

TODAY = date(2025, 6, 10)
STEP = Decimal("0.001")

FACTORY = CustomerFacts(
    supply_voltage=VoltageLevel.KV_10,
    contract_capacity_kva=Decimal(1000),
    importance=ImportanceGrade.ORDINARY,
    metering_class=MeteringClass.III,
    tariff=Tariff.TWO_PART,
    industry="金属制品业",
    largest_transformer_kva=Decimal(630),
)


def facts(**changes: Any) -> CustomerFacts:
    return replace(FACTORY, **changes)


def run(
    kind: str,
    value: AnswerValue,
    *,
    customer: CustomerFacts = FACTORY,
    today: date = TODAY,
    previous: AnswerValue = None,
    default: Severity = Severity.GENERAL,
    subject: tuple[str, str] = ("", ""),
    unit: str = "",
    **params: Any,
) -> Proposal | None:
    spec = RuleSpec(kind, params)
    value_input = RuleInput(value, customer, today, previous, subject[0], subject[1], unit)
    return evaluate_rule(spec, "X01", default, value_input)


numbers = st.decimals(min_value=-10_000, max_value=10_000, places=3, allow_nan=False, allow_infinity=False)
offsets = st.decimals(min_value=-50, max_value=50, places=3, allow_nan=False, allow_infinity=False)
edges = st.sampled_from([-STEP, Decimal(0), STEP])


# --- max / min ----------------------------------------------------------------------------------------------


@given(limit=numbers, offset=offsets | edges)
@example(limit=Decimal(85), offset=Decimal(0))
@example(limit=Decimal(85), offset=STEP)
@example(limit=Decimal(85), offset=-STEP)
def test_max_proposes_strictly_above_the_limit(limit: Decimal, offset: Decimal) -> None:
    proposal = run("max", limit + offset, limit=str(limit))
    assert (proposal is not None) == (offset > 0)
    if proposal is not None:
        assert proposal.rule_kind == "max"
        assert proposal.limit == fmt(limit)
        assert proposal.measured == fmt(limit + offset)


@given(limit=numbers, offset=offsets | edges)
@example(limit=Decimal("0.9"), offset=Decimal(0))
@example(limit=Decimal("0.9"), offset=-STEP)
def test_min_proposes_strictly_below_the_limit(limit: Decimal, offset: Decimal) -> None:
    proposal = run("min", limit + offset, limit=str(limit))
    assert (proposal is not None) == (offset < 0)


@pytest.mark.parametrize("limit", [85, 85.0, "85", Decimal(85)])
def test_a_limit_as_toml_json_or_a_spreadsheet_gives_it(limit: Any) -> None:
    assert run("max", Decimal("85.001"), limit=limit) is not None
    assert run("max", Decimal(85), limit=limit) is None


def test_a_float_limit_means_the_decimal_written() -> None:
    # 0.9 as a float is 0.900000000000000022...: the rule must compare with 0.9 as written.
    assert run("min", Decimal("0.9"), limit=0.9) is None
    assert run("min", Decimal("0.899999"), limit=0.9) is not None


def test_max_text_names_what_was_measured_with_its_unit() -> None:
    proposal = run(
        "max",
        Decimal("92.500000"),
        limit=85,
        subject=("变压器上层油温", "Transformer top-oil temperature"),
        unit="°C",
    )
    assert proposal is not None
    assert proposal.description_zh == "变压器上层油温92.5°C，超过限值85°C"
    assert proposal.description_en == "Transformer top-oil temperature 92.5°C is above the limit 85°C"
    assert (proposal.measured, proposal.limit) == ("92.5°C", "85°C")


def test_min_text_without_a_subject_says_measured_value() -> None:
    proposal = run("min", Decimal(3), limit=5, unit="MΩ")
    assert proposal is not None
    assert proposal.description_zh == "测量值3 MΩ，低于限值5 MΩ"
    assert proposal.description_en == "Measured value 3 MΩ is below the limit 5 MΩ"


def test_severity_comes_from_the_rule_else_from_the_item() -> None:
    def severity(**kwargs: Any) -> Severity:
        proposal = run("max", Decimal(100), limit=85, **kwargs)
        assert proposal is not None
        return proposal.severity

    assert severity(default=Severity.SERIOUS) is Severity.SERIOUS
    assert severity(default=Severity.GENERAL) is Severity.GENERAL
    assert severity(severity="general", default=Severity.SERIOUS) is Severity.GENERAL
    assert severity(severity="serious") is Severity.SERIOUS


@pytest.mark.parametrize(
    "kind", ["max", "min", "capacity_over_contract", "power_factor", "earthing_resistance"]
)
@pytest.mark.parametrize("value", [None, "12", date(2025, 1, 1)])
def test_number_rules_propose_nothing_without_a_number(kind: str, value: AnswerValue) -> None:
    params = {"limit": 1} if kind in {"max", "min"} else {}
    assert run(kind, value, **params) is None


# --- capacity over contract ---------------------------------------------------------------------------------


@given(
    contract=st.decimals(min_value=50, max_value=100_000, places=1),
    offset=offsets | st.sampled_from([Decimal("-0.1"), Decimal(0), Decimal("0.1")]),
)
def test_capacity_over_contract_only_above_the_contract(contract: Decimal, offset: Decimal) -> None:
    proposal = run(
        "capacity_over_contract", contract + offset, customer=facts(contract_capacity_kva=contract)
    )
    assert (proposal is not None) == (offset > 0)
    if proposal is not None:
        assert f"私增容量{fmt(offset)} kVA" in proposal.description_zh
        assert proposal.limit == f"{fmt(contract)} kVA"


def test_capacity_over_contract_text() -> None:
    proposal = run(
        "capacity_over_contract",
        Decimal(2750),
        customer=facts(contract_capacity_kva=Decimal(2500)),
        default=Severity.SERIOUS,
    )
    assert proposal is not None
    assert proposal.description_zh == "在运设备容量2750 kVA，超过合同容量2500 kVA，私增容量250 kVA"
    assert "exceeds the contract capacity 2500 kVA by 250 kVA" in proposal.description_en
    assert proposal.severity is Severity.SERIOUS


# --- power factor -------------------------------------------------------------------------------------------

HV, LV = VoltageLevel.KV_10, VoltageLevel.LV_0_4
CLASSES: list[tuple[str, CustomerFacts, Decimal | None]] = [
    ("HV industrial above 160 kVA", facts(contract_capacity_kva=Decimal("160.1")), Decimal("0.90")),
    ("HV industrial at 160 kVA", facts(contract_capacity_kva=Decimal(160)), Decimal("0.85")),
    ("HV industrial at 100 kVA", facts(contract_capacity_kva=Decimal(100)), Decimal("0.85")),
    ("HV industrial below 100 kVA", facts(contract_capacity_kva=Decimal("99.9")), None),
    (
        "110 kV industrial",
        facts(supply_voltage=VoltageLevel.KV_110, contract_capacity_kva=Decimal(63000)),
        Decimal("0.90"),
    ),
    ("LV industrial", facts(supply_voltage=LV, contract_capacity_kva=Decimal(400)), Decimal("0.85")),
    ("HV hospital", facts(industry="卫生", contract_capacity_kva=Decimal(2500)), Decimal("0.85")),
    ("HV mall with OLTC", facts(industry="零售业", has_on_load_tap_changer=True), Decimal("0.90")),
    (
        "HV with OLTC at 100 kVA",
        facts(industry="零售业", contract_capacity_kva=Decimal(100), has_on_load_tap_changer=True),
        Decimal("0.90"),
    ),
    (
        "LV with OLTC",
        facts(supply_voltage=LV, industry="零售业", has_on_load_tap_changer=True),
        Decimal("0.85"),
    ),
    ("agricultural at 100 kVA", facts(industry="农业", contract_capacity_kva=Decimal(100)), Decimal("0.80")),
    ("agricultural below 100 kVA", facts(industry="农业", contract_capacity_kva=Decimal("99.9")), None),
    (
        "GB/T 4754 section A",
        facts(industry="农、林、牧、渔业", contract_capacity_kva=Decimal(500)),
        Decimal("0.80"),
    ),
    (
        "livestock",
        facts(industry="畜牧养殖", supply_voltage=LV, contract_capacity_kva=Decimal(200)),
        Decimal("0.80"),
    ),
    ("wholesale (趸售)", facts(industry="趸售", contract_capacity_kva=Decimal(5000)), Decimal("0.80")),
    ("agricultural machinery factory", facts(industry="农业机械制造"), Decimal("0.90")),
    (
        "irrigation station below 3200 kVA",
        facts(industry="电力排灌站", contract_capacity_kva=Decimal("3199.9")),
        Decimal("0.85"),
    ),
    (
        "HV irrigation station at 3200 kVA",
        facts(industry="电力排灌站", contract_capacity_kva=Decimal(3200)),
        Decimal("0.90"),
    ),
    (
        "LV irrigation station",
        facts(industry="排灌", supply_voltage=LV, contract_capacity_kva=Decimal(5000)),
        Decimal("0.85"),
    ),
    ("no industry, two-part tariff, HV", facts(industry=""), Decimal("0.90")),
    ("no industry, single-part tariff, HV", facts(industry="", tariff=Tariff.SINGLE_PART), Decimal("0.85")),
    ("water works (utility production)", facts(industry="水的生产和供应"), Decimal("0.90")),
]


@pytest.mark.parametrize(("label", "customer", "standard"), CLASSES, ids=[c[0] for c in CLASSES])
def test_power_factor_standard_of_each_class(
    label: str, customer: CustomerFacts, standard: Decimal | None
) -> None:
    assert power_factor_standard(customer) == standard


@given(
    case=st.sampled_from(CLASSES),
    value=st.decimals(min_value=0, max_value=1, places=3)
    | st.sampled_from([Decimal("0.79"), Decimal("0.8"), Decimal("0.85"), Decimal("0.9")]),
)
def test_power_factor_proposes_strictly_below_the_standard(
    case: tuple[str, CustomerFacts, Decimal | None], value: Decimal
) -> None:
    _, customer, standard = case
    proposal = run("power_factor", value, customer=customer)
    assert (proposal is not None) == (standard is not None and value < standard)


@given(case=st.sampled_from([c for c in CLASSES if c[2] is not None]), edge=edges)
def test_power_factor_edges(case: tuple[str, CustomerFacts, Decimal | None], edge: Decimal) -> None:
    _, customer, standard = case
    assert standard is not None
    proposal = run("power_factor", standard + edge, customer=customer)
    assert (proposal is not None) == (edge < 0)


def test_power_factor_text_as_an_inspector_writes_it() -> None:
    proposal = run("power_factor", Decimal("0.850000"), customer=facts(contract_capacity_kva=Decimal(630)))
    assert proposal is not None
    assert proposal.description_zh == "功率因数0.85，低于标准值0.90"
    assert proposal.description_en == "Power factor 0.85 is below the standard 0.90"
    assert (proposal.measured, proposal.limit) == ("0.85", "0.90")


def test_a_standard_given_by_the_item_wins_over_the_class() -> None:
    small = facts(contract_capacity_kva=Decimal(50))  # no standard of its own
    assert run("power_factor", Decimal("0.92"), customer=small, standard=0.95) is not None
    assert run("power_factor", Decimal("0.95"), customer=small, standard="0.95") is None
    proposal = run("power_factor", Decimal("0.93"), standard=Decimal("0.945"))
    assert proposal is not None
    assert proposal.limit == "0.945"


# --- earthing resistance ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("largest", "contract", "limit"),
    [
        (Decimal("99.9"), Decimal(1000), Decimal(10)),
        (Decimal(100), Decimal(1000), Decimal(4)),
        (Decimal("100.1"), Decimal(50), Decimal(4)),
        (Decimal(80), Decimal(160), Decimal(10)),  # two small transformers: each below 100 kVA
        (None, Decimal("99.9"), Decimal(10)),  # no transformer in the ledger: the contract stands in
        (None, Decimal(100), Decimal(4)),
    ],
)
def test_earthing_limit_by_the_largest_transformer(
    largest: Decimal | None, contract: Decimal, limit: Decimal
) -> None:
    assert earthing_limit(facts(largest_transformer_kva=largest, contract_capacity_kva=contract)) == limit


@given(
    size=st.decimals(min_value=0, max_value=300, places=1) | st.sampled_from([Decimal("99.9"), Decimal(100)]),
    offset=offsets | edges,
)
def test_earthing_resistance_proposes_strictly_above_the_limit(size: Decimal, offset: Decimal) -> None:
    limit = Decimal(4) if size >= 100 else Decimal(10)
    proposal = run("earthing_resistance", limit + offset, customer=facts(largest_transformer_kva=size))
    assert (proposal is not None) == (offset > 0)
    if proposal is not None:
        assert proposal.limit == f"{fmt(limit)} Ω"


def test_earthing_text_and_a_limit_given_by_the_item() -> None:
    proposal = run(
        "earthing_resistance", Decimal("4.6"), customer=facts(largest_transformer_kva=Decimal(630))
    )
    assert proposal is not None
    assert proposal.description_zh == "接地电阻4.6 Ω，超过允许值4 Ω"
    assert proposal.description_en == "Earthing resistance 4.6 Ω is above the permitted 4 Ω"
    # A repeat earthing point judged against 10 ohm whatever the transformer:
    assert run("earthing_resistance", Decimal("9.9"), limit=10) is None
    assert run("earthing_resistance", Decimal("10.1"), limit=10) is not None


# --- dates --------------------------------------------------------------------------------------------------

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
around = st.integers(min_value=-3, max_value=3)


@given(last=days, months=st.integers(min_value=1, max_value=240), shift=around)
@example(last=date(2024, 6, 10), months=12, shift=0)
@example(last=date(2024, 1, 31), months=1, shift=1)
def test_test_overdue_from_the_day_after_the_due_day(last: date, months: int, shift: int) -> None:
    due = add_months(last, months)
    today = due + timedelta(days=shift)
    proposal = run("test_overdue", last, today=today, cycle_months=months)
    assert (proposal is not None) == (shift > 0)
    if proposal is not None:
        assert proposal.limit == due.isoformat()
        assert proposal.measured == last.isoformat()
        assert f"逾期{shift}天" in proposal.description_zh
        assert f"{shift} days overdue" in proposal.description_en


def test_test_overdue_text_and_severity() -> None:
    proposal = run(
        "test_overdue",
        date(2024, 1, 31),
        today=date(2024, 3, 5),
        cycle_months=1,
        default=Severity.SERIOUS,
        subject=("绝缘手套试验", "Insulating gloves test"),
    )
    assert proposal is not None
    assert proposal.description_zh == "绝缘手套试验上次日期2024-01-31，周期1个月，已于2024-02-29到期，逾期5天"
    assert proposal.description_en == (
        "Insulating gloves test: last on 2024-01-31, every 1 months, due 2024-02-29, 5 days overdue"
    )
    assert proposal.severity is Severity.GENERAL  # general unless the rule says otherwise
    serious = run("test_overdue", date(2020, 1, 1), cycle_months=12, severity="serious")
    assert serious is not None and serious.severity is Severity.SERIOUS


CYCLES_BY_CLASS = {MeteringClass.I: 3, MeteringClass.II: 6, MeteringClass.III: 12}


@given(metering=st.sampled_from(list(MeteringClass)), last=days, shift=around)
def test_metering_field_test_cycle_by_metering_class(metering: MeteringClass, last: date, shift: int) -> None:
    customer = facts(metering_class=metering)
    months = CYCLES_BY_CLASS.get(metering)
    due = add_months(last, months or 12)
    proposal = run("metering_field_test_overdue", last, customer=customer, today=due + timedelta(days=shift))
    if months is None:
        assert proposal is None  # class IV has no field-test cycle
    else:
        assert (proposal is not None) == (shift > 0)


def test_metering_field_test_text() -> None:
    proposal = run(
        "metering_field_test_overdue",
        date(2025, 1, 10),
        customer=facts(metering_class=MeteringClass.I),
        today=date(2025, 4, 12),
        default=Severity.SERIOUS,
    )
    assert proposal is not None
    assert (
        proposal.description_zh
        == "I类计量装置现场检验上次日期2025-01-10，周期3个月，已于2025-04-10到期，逾期2天"
    )
    assert proposal.severity is Severity.SERIOUS  # the item's severity


@pytest.mark.parametrize("kind", ["test_overdue", "metering_field_test_overdue"])
@pytest.mark.parametrize("value", [None, Decimal(2020), "2020-01-01"])
def test_date_rules_propose_nothing_without_a_date(kind: str, value: AnswerValue) -> None:
    params = {"cycle_months": 12} if kind == "test_overdue" else {}
    assert run(kind, value, customer=facts(metering_class=MeteringClass.I), **params) is None


# --- emergency supply ---------------------------------------------------------------------------------------


@given(minimum=st.none() | st.decimals(min_value=1, max_value=300, places=2), offset=offsets | edges)
def test_emergency_supply_below_the_minimum_percentage(minimum: Decimal | None, offset: Decimal) -> None:
    params = {} if minimum is None else {"min_percent": str(minimum)}
    expected_minimum = Decimal(120) if minimum is None else minimum
    proposal = run("emergency_supply_ratio", expected_minimum + offset, **params)
    assert (proposal is not None) == (offset < 0)


def test_emergency_supply_text() -> None:
    proposal = run("emergency_supply_ratio", Decimal("110.5"))
    assert proposal is not None
    assert proposal.description_zh == "自备应急电源容量为保安负荷的110.5%，低于要求的120%"
    assert (proposal.measured, proposal.limit) == ("110.5%", "120%")
    assert run("emergency_supply_ratio", Decimal(120)) is None


# --- seals --------------------------------------------------------------------------------------------------

seal_numbers = st.text(alphabet="ABCLH0123456789", min_size=1, max_size=10)


@given(now=seal_numbers, before=seal_numbers)
def test_seal_changed_when_the_numbers_differ(now: str, before: str) -> None:
    proposal = run("seal_changed", now, previous=before)
    assert (proposal is not None) == (now != before)
    if proposal is not None:
        assert (proposal.measured, proposal.limit) == (now, before)


def test_a_seal_finding_names_what_the_prompt_is_about_not_its_whole_question() -> None:
    """A built-in prompt asks for a state ("…封印完好，封印编号与档案一致"): the finding names the seal."""
    proposal = run(
        "seal_changed",
        "LH000001",
        previous="LH402454",
        subject=("电能表表盖及端钮盒封印完好，封印编号与档案一致", "Meter cover and terminal-cover seals"),
    )
    assert proposal is not None
    assert proposal.description_zh == "电能表表盖及端钮盒封印编号LH000001与上次检查记录的LH402454不一致"
    assert proposal.description_en.startswith("Meter cover and terminal-cover seals number LH000001 differs")
    assert seal_subject("计量柜（箱）门封印（编号）", "Metering cabinet door seal (number)") == (
        "计量柜（箱）门封印",
        "Metering cabinet door seal",
    )


def test_seal_text_and_what_is_not_a_change() -> None:
    proposal = run(
        "seal_changed", "LH100235", previous="LH100234", subject=("计量柜封印", "Metering cabinet seal")
    )
    assert proposal is not None
    assert proposal.description_zh == "计量柜封印编号LH100235与上次检查记录的LH100234不一致"
    assert (
        proposal.description_en
        == "Metering cabinet seal number LH100235 differs from LH100234 recorded at the previous inspection"
    )
    assert run("seal_changed", " lh 100234 ", previous="LH100234") is None  # spaces and case
    assert run("seal_changed", "LH100234", previous=None) is None  # first visit: nothing to compare
    assert run("seal_changed", "", previous="LH100234") is None  # not recorded this time
    assert run("seal_changed", "LH100234", previous="  ") is None


# --- validation ---------------------------------------------------------------------------------------------

VALID: list[RuleSpec] = [
    RuleSpec("max", {"limit": 85}),
    RuleSpec("max", {"limit": "85.5", "severity": "serious"}),
    RuleSpec("min", {"limit": 0.9, "severity": "general"}),
    RuleSpec("capacity_over_contract"),
    RuleSpec("power_factor"),
    RuleSpec("power_factor", {"standard": 0.9}),
    RuleSpec("earthing_resistance"),
    RuleSpec("earthing_resistance", {"limit": 10}),
    RuleSpec("test_overdue", {"cycle_months": 12}),
    RuleSpec("test_overdue", {"cycle_months": "6", "severity": "serious"}),
    RuleSpec("metering_field_test_overdue"),
    RuleSpec("emergency_supply_ratio"),
    RuleSpec("emergency_supply_ratio", {"min_percent": 150}),
    RuleSpec("seal_changed"),
]


@pytest.mark.parametrize("spec", VALID, ids=lambda s: f"{s.kind}{dict(s.params)}")
def test_every_kind_of_the_catalogue_validates(spec: RuleSpec) -> None:
    assert validate_rule(spec) == []
    assert validate_rule(RuleSpec.from_dict(spec.as_dict())) == []


def test_the_catalogue_is_the_agreed_one() -> None:
    assert set(RULES) == {
        "max",
        "min",
        "capacity_over_contract",
        "power_factor",
        "earthing_resistance",
        "test_overdue",
        "metering_field_test_overdue",
        "emergency_supply_ratio",
        "seal_changed",
    }
    assert {spec.kind for spec in VALID} == set(RULES)


@pytest.mark.parametrize(
    ("spec", "names"),
    [
        (RuleSpec("max"), ["limit", "缺少"]),
        (RuleSpec("min", {"limit": None}), ["limit", "missing"]),
        (RuleSpec("max", {"limit": "eighty"}), ["limit", "must be a number"]),
        (RuleSpec("max", {"limit": True}), ["limit"]),
        (RuleSpec("max", {"limit": [85]}), ["limit"]),
        (RuleSpec("max", {"limit": "NaN"}), ["limit"]),
        (RuleSpec("max", {"limit": 85, "severity": "critical"}), ["severity", "general or serious"]),
        (RuleSpec("max", {"limit": 85, "limt": 90}), ["limt", "no parameter"]),
        (RuleSpec("capacity_over_contract", {"limit": 1}), ["limit"]),
        (RuleSpec("power_factor", {"standard": 0}), ["standard", "positive"]),
        (RuleSpec("power_factor", {"standard": "x"}), ["standard"]),
        (RuleSpec("earthing_resistance", {"limit": -4}), ["limit", "positive"]),
        (RuleSpec("test_overdue"), ["cycle_months", "missing"]),
        (RuleSpec("test_overdue", {"cycle_months": 0}), ["cycle_months", "1 to 240"]),
        (RuleSpec("test_overdue", {"cycle_months": 12.5}), ["cycle_months"]),
        (RuleSpec("test_overdue", {"cycle_months": 241}), ["cycle_months"]),
        (RuleSpec("test_overdue", {"cycle_months": "yearly"}), ["cycle_months"]),
        (RuleSpec("emergency_supply_ratio", {"min_percent": "lots"}), ["min_percent"]),
        (RuleSpec("seal_changed", {"previous": "x"}), ["previous"]),
    ],
)
def test_bad_parameters_are_named(spec: RuleSpec, names: list[str]) -> None:
    problems = validate_rule(spec)
    assert len(problems) == 1, problems
    for name in names:
        assert name in problems[0]


def test_unknown_kind_lists_the_known_ones() -> None:
    (problem,) = validate_rule(RuleSpec("max_contract_capacity"))
    assert "max_contract_capacity" in problem
    assert "capacity_over_contract" in problem
    (problem,) = validate_rule(RuleSpec(""))
    assert "unknown rule kind" in problem


def test_every_problem_is_reported_at_once() -> None:
    problems = validate_rule(RuleSpec("test_overdue", {"severity": "urgent", "cycle": 12}))
    assert len(problems) == 3
    assert any("cycle_months" in p for p in problems)
    assert any("severity" in p for p in problems)
    assert any("has no parameter cycle" in p for p in problems)


@pytest.mark.parametrize(
    ("spec", "kind", "ok"),
    [
        (RuleSpec("max", {"limit": 1}), AnswerKind.NUMBER, True),
        (RuleSpec("max", {"limit": 1}), AnswerKind.DATE, False),
        (RuleSpec("test_overdue", {"cycle_months": 12}), AnswerKind.DATE, True),
        (RuleSpec("test_overdue", {"cycle_months": 12}), AnswerKind.NUMBER, False),
        (RuleSpec("metering_field_test_overdue"), AnswerKind.VERDICT, False),
        (RuleSpec("seal_changed"), AnswerKind.SEAL, True),
        (RuleSpec("seal_changed"), AnswerKind.TEXT, True),
        (RuleSpec("power_factor"), AnswerKind.SEAL, False),
    ],
)
def test_with_the_answer_kind_the_rule_must_read_it(spec: RuleSpec, kind: AnswerKind, ok: bool) -> None:
    problems = validate_rule(spec, kind)
    assert (problems == []) == ok
    if not ok:
        assert kind.value in problems[0]


def test_evaluating_a_bad_rule_raises_rather_than_staying_silent() -> None:
    with pytest.raises(ValidationError) as caught:
        run("max", Decimal(100))
    assert caught.value.field == "rule"
    assert "X01" in str(caught.value) and "limit" in str(caught.value)
    with pytest.raises(ValidationError):
        run("max_contract_capacity", Decimal(100))


# --- helpers ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "rating", "oltc"),
    [
        ("SZ11-10000/35", "", True),
        ("SFZ10-31500/110", "", True),
        ("SCZB10-2000/10", "", True),
        ("S11-M-630/10", "", False),
        ("SCB10-1000/10", "", False),
        ("ZGS11-630/10", "", False),  # a box substation, not on-load tap changing
        ("ZHSFPT-8000/35", "", False),  # a rectifier transformer
        ("", "10000kVA 有载调压", True),
        ("", "", False),
        ("sz11", "", True),
    ],
)
def test_on_load_tap_changer_from_the_ledger(model: str, rating: str, oltc: bool) -> None:
    assert transformer_has_on_load_tap_changer(model, rating) is oltc


@pytest.mark.parametrize(
    ("number", "text"), [("92.500000", "92.5"), ("100", "100"), ("1E+2", "100"), ("0.000", "0")]
)
def test_fmt(number: str, text: str) -> None:
    assert fmt(Decimal(number)) == text


def test_dismissal_reason() -> None:
    for bad in ("", " ", "x", " x "):
        with pytest.raises(ValidationError) as caught:
            check_dismissal_reason(bad)
        assert caught.value.field == "reason"
    assert check_dismissal_reason("  复测合格 ") == "复测合格"
