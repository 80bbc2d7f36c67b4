"""The relevant/constraint language: what office staff write in a template and what the tablet evaluates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.checklists.expressions import ExpressionError, parse


@pytest.mark.parametrize(
    ("source", "answers", "current", "expected"),
    [
        ("${B01} = 'defect'", {"B01": "defect"}, None, True),
        ("${B01} = 'defect'", {"B01": "ok"}, None, False),
        ("${B01} = 'defect'", {}, None, False),
        ("${B01} = ''", {}, None, True),  # '' asks: not answered yet
        ("${B01} != ''", {"B01": "ok"}, None, True),
        (". >= 0 and . <= 1", {}, Decimal("0.95"), True),
        (". >= 0 and . <= 1", {}, Decimal("1.2"), False),
        (". >= 0 and . <= 1", {}, None, False),
        ("${E01} > ${K02}", {"E01": Decimal(1250), "K02": Decimal(1000)}, None, True),
        ("${E01} - ${K02} > 100", {"E01": Decimal(1050), "K02": Decimal(1000)}, None, False),
        ("${P} * 2 div 4 = 1", {"P": Decimal(2)}, None, True),
        ("7 mod 4 = 3", {}, None, True),
        ("1 div 0 > 0", {}, None, False),  # no value, like an unanswered item
        ("selected(${C}, 'pv')", {"C": "diesel pv"}, None, True),
        ("selected(${C}, 'gas')", {"C": "diesel pv"}, None, False),
        ("count-selected(${C}) = 2", {"C": "diesel pv"}, None, True),
        ("not(${F01} = 'na')", {"F01": "ok"}, None, True),
        ("string-length(.) >= 6", {}, "LH123456", True),
        ("if(${A} = 'x', 1, 2) = 2", {"A": "y"}, None, True),
        ("${A} = 'x' or ${B} = 'y'", {"B": "y"}, None, True),
        ("-${A} < 0", {"A": Decimal(3)}, None, True),
        ("${S} = '0.90'", {"S": Decimal("0.9")}, None, True),  # typed text compares as a number
        ("true() and not(false())", {}, None, True),
        ("(${A} = 1)", {"A": Decimal(1)}, None, True),
        ("number('12') = 12", {}, None, True),
    ],
)
def test_expressions_evaluate_as_written(
    source: str, answers: dict[str, object], current: object, expected: bool
) -> None:
    assert parse(source).holds(answers, current) is expected  # type: ignore[arg-type]


def test_references_name_every_item_read() -> None:
    assert parse("${A01} = 'ok' and selected(${C}, 'x') or . > ${B}").references == {"A01", "C", "B"}


@pytest.mark.parametrize(
    ("source", "position_hint"),
    [
        ("${a} = = 1", "character 8"),
        ("foo(1)", "unknown function 'foo'"),
        ("1 <", "the end"),
        ("(1", "expected ')'"),
        ("not()", "takes 1 arguments, 0 given"),
        ('"abc', "unexpected character"),
        ("${a} < 1 < 2", "cannot be chained"),
        ("", "empty expression"),
        ("__import__('os')", "unknown function '__import__'"),
        ("${a}.__class__", "unexpected"),
        ("selected ${a}", "needs parentheses"),
    ],
)
def test_a_bad_expression_says_what_and_where(source: str, position_hint: str) -> None:
    with pytest.raises(ExpressionError, match=position_hint.replace("(", r"\(").replace(")", r"\)")):
        parse(source)


def test_deep_nesting_and_huge_input_are_refused_not_crashing() -> None:
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("(" * 500 + "1" + ")" * 500)
    with pytest.raises(ExpressionError, match="longer than"):
        parse("1 + " * 1000 + "1")


names = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,6}", fullmatch=True)
numbers = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@given(names, numbers, numbers)
def test_comparisons_agree_with_python(name: str, value: Decimal, limit: Decimal) -> None:
    answers = {name: value}
    assert parse(f"${{{name}}} > {limit}").holds(answers) is (value > limit)
    assert parse(f"${{{name}}} <= {limit}").holds(answers) is (value <= limit)
    assert parse(f"${{{name}}} = {limit}").holds(answers) is (value == limit)


@given(st.text(max_size=60))
def test_any_text_either_parses_or_raises_expression_error(source: str) -> None:
    try:
        expression = parse(source)
    except ExpressionError:
        return
    expression.evaluate({})  # and whatever parses can be evaluated without blowing up
