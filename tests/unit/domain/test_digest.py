"""The canonical form behind the finalize seal: the same content must give the same digest on every device and
engine, whatever order a mapping was built in and however a number or an instant happens to be spelled."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.domain.digest import canonical_json, content_sha256
from fieldapp.domain.enums import Severity, Verdict

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text()
    | st.decimals(allow_nan=False, allow_infinity=False, places=6, max_value=10**12, min_value=-(10**12))
    | st.dates()
    | st.datetimes(timezones=st.just(UTC))
    | st.sampled_from(list(Verdict))
)
_content = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)
_documents = st.dictionaries(st.text(max_size=8), _content, max_size=6)


@given(_documents, st.randoms(use_true_random=False))
def test_digest_does_not_depend_on_the_order_a_mapping_was_built_in(doc: dict[str, Any], rnd: Any) -> None:
    keys = list(doc)
    rnd.shuffle(keys)
    shuffled = {k: doc[k] for k in keys}
    assert canonical_json(shuffled) == canonical_json(doc)
    assert content_sha256(shuffled) == content_sha256(doc)


@given(_documents)
def test_canonical_json_is_valid_compact_json_and_deterministic(doc: dict[str, Any]) -> None:
    text = canonical_json(doc)
    assert canonical_json(doc) == text
    assert isinstance(json.loads(text), dict)
    assert content_sha256(doc) == hashlib.sha256(text.encode("utf-8")).hexdigest()


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**12), max_value=10**12))
def test_a_number_gives_one_form_however_many_trailing_zeros_it_carries(number: Decimal) -> None:
    # PostgreSQL hands back Numeric(18, 6) as 45.000000, an in-memory value may be 45 or 45.0.
    padded = number.quantize(Decimal("0.000001"))
    assert canonical_json({"n": padded}) == canonical_json({"n": number})


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_a_float_and_the_decimal_it_prints_as_give_the_same_form(value: float) -> None:
    assert canonical_json({"n": value}) == canonical_json({"n": Decimal(repr(value))})


def test_decimal_and_float_spellings_are_normalised() -> None:
    same = [Decimal("1"), Decimal("1.0"), Decimal("1.000000"), 1.0, Decimal("1E0")]
    assert {canonical_json({"n": v}) for v in same} == {'{"n":"1"}'}
    assert canonical_json({"n": Decimal("1E+2")}) == '{"n":"100"}'  # never scientific notation
    assert canonical_json({"n": 0.1}) == canonical_json({"n": Decimal("0.10")}) == '{"n":"0.1"}'
    assert canonical_json({"n": Decimal("2.5")}) != canonical_json({"n": Decimal("25")})


def test_chinese_text_is_kept_as_text_not_escaped() -> None:
    assert canonical_json({"描述": "配电室电缆沟积水"}) == '{"描述":"配电室电缆沟积水"}'


def test_values_of_the_domain_have_a_fixed_spelling() -> None:
    ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
    content = {
        "id": ident,
        "day": date(2026, 3, 1),
        "at": datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
        "verdict": Verdict.DEFECT,
        "severity": Severity.SERIOUS,
        "list": (1, "两", None, True),
    }
    assert json.loads(canonical_json(content)) == {
        "id": "12345678-1234-5678-1234-567812345678",
        "day": "2026-03-01",
        "at": "2026-03-01T09:30:00.000000+00:00",
        "verdict": "defect",
        "severity": "serious",
        "list": [1, "两", None, True],
    }


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        content_sha256({"started_at": datetime(2026, 3, 1, 9, 30)})
    with pytest.raises(ValueError, match="naive datetime"):
        content_sha256({"answers": [{"at": datetime(2026, 3, 1, 9, 30)}]})


def test_a_value_without_a_canonical_form_is_refused() -> None:
    with pytest.raises(TypeError, match="set"):
        content_sha256({"tags": {"a", "b"}})
    with pytest.raises(TypeError):
        content_sha256({"blob": object()})


@given(
    st.datetimes(timezones=st.just(UTC)),
    st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m))),
)
def test_the_same_instant_gives_the_same_digest_in_any_time_zone(instant: datetime, zone: timezone) -> None:
    # A device in UTC+8 may hand in 17:30+08:00 where the database hands back 09:30+00:00: same content.
    try:
        local = instant.astimezone(zone)
    except OverflowError:
        return  # the instant is not representable in that zone (year 1 or 9999)
    assert content_sha256({"at": local}) == content_sha256({"at": instant})
