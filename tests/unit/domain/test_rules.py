"""The procedure rules the use cases enforce: two inspectors on site, a reason to void."""

from __future__ import annotations

import pytest

from fieldapp.domain.errors import ValidationError
from fieldapp.domain.rules import MIN_INSPECTORS_ON_SITE, check_inspectors_on_site, check_void_reason


def test_two_inspectors_is_the_minimum() -> None:
    assert MIN_INSPECTORS_ON_SITE == 2
    check_inspectors_on_site(["YJ001", "YJ002"])
    check_inspectors_on_site(["YJ001", "YJ002", "YJ003"])


@pytest.mark.parametrize("team", [[], ["YJ001"]])
def test_a_team_smaller_than_two_is_refused_with_the_count(team: list[str]) -> None:
    with pytest.raises(ValidationError, match=f"至少需要 2 名.*当前只有 {len(team)} 名") as caught:
        check_inspectors_on_site(team)
    assert caught.value.field == "inspectors"


def test_the_same_inspector_twice_is_refused() -> None:
    with pytest.raises(ValidationError, match="重复") as caught:
        check_inspectors_on_site(["YJ001", "YJ001"])
    assert caught.value.field == "inspectors"


@pytest.mark.parametrize("reason", ["", "   ", "x", " 错 "])
def test_a_void_needs_a_real_reason(reason: str) -> None:
    with pytest.raises(ValidationError, match="原因") as caught:
        check_void_reason(reason)
    assert caught.value.field == "reason"


def test_a_void_reason_is_trimmed() -> None:
    assert check_void_reason("  客户名称录入错误 \n") == "客户名称录入错误"
