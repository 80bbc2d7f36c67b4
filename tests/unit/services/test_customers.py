"""Customers (大用户): create, edit with an audit trail, refuse bad input naming the field, and search."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from testkit import SAMPLE_CUSTOMERS, Sample

from fieldapp.domain.enums import ImportanceGrade, MeteringClass, Tariff, VoltageLevel
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.services.backend import Backend
from fieldapp.services.customers import (
    CustomerFields,
    CustomerRow,
    count_customers,
    create_customer,
    customer_rows,
    get_customer,
    search_customer_ids,
    update_customer,
)
from fieldapp.store.models import AuditEvent, Customer

BASE = CustomerFields(
    account_no="0000012345",
    name="临河化工股份有限公司",
    supply_voltage=VoltageLevel.KV_35,
    contract_capacity_kva=Decimal("12500"),
    tariff=Tariff.TWO_PART,
    metering_class=MeteringClass.I,
    importance=ImportanceGrade.FIRST,
    address="临河县工业园区纬二路88号",
)


def _events(backend: Backend, action: str) -> list[AuditEvent]:
    with backend.session() as session:
        return list(
            session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.at))
        )


def test_create_keeps_every_value_and_the_leading_zeros(backend: Backend) -> None:
    customer_id = backend.call(create_customer, replace(BASE, account_no="  0000012345 "), actor="YJ001")
    with backend.session() as session:
        customer = get_customer(session, customer_id)
        assert customer.account_no == "0000012345"
        assert customer.name == "临河化工股份有限公司"
        assert customer.supply_voltage is VoltageLevel.KV_35
        assert customer.contract_capacity_kva == Decimal("12500")
        assert customer.tariff is Tariff.TWO_PART
        assert customer.importance is ImportanceGrade.FIRST
        assert customer.address == "临河县工业园区纬二路88号"
    [event] = _events(backend, "customer.create")
    assert (event.entity, event.entity_id, event.actor) == ("customer", str(customer_id), "YJ001")
    assert event.detail == {"account_no": "0000012345"}
    assert event.device_code == backend.device_code


def test_values_may_come_as_plain_text_from_a_form(backend: Backend) -> None:
    form: Any = replace(
        BASE, supply_voltage="110", tariff="single_part", metering_class="II", contract_capacity_kva="630.5"
    )
    customer_id = backend.call(create_customer, form)
    with backend.session() as session:
        customer = get_customer(session, customer_id)
        assert customer.supply_voltage is VoltageLevel.KV_110
        assert customer.tariff is Tariff.SINGLE_PART
        assert customer.contract_capacity_kva == Decimal("630.5")


def test_an_account_number_already_registered_is_refused(backend: Backend, sample: Sample) -> None:
    with pytest.raises(ValidationError, match="0531000001 已存在") as caught:
        backend.call(create_customer, replace(BASE, account_no="0531000001"))
    assert caught.value.field == "account_no"
    with backend.session() as session:
        assert count_customers(session) == 3


def test_account_numbers_differing_only_in_leading_zeros_are_different_customers(backend: Backend) -> None:
    first = backend.call(create_customer, replace(BASE, account_no="012345"))
    second = backend.call(create_customer, replace(BASE, account_no="12345"))
    assert first != second
    with backend.session() as session:
        assert [r.account_no for r in customer_rows(session, [first, second])] == ["012345", "12345"]


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("account_no", "", "户号"),
        ("account_no", "0531 0001", "户号"),
        ("account_no", "户号1", "户号"),
        ("account_no", "1" * 33, "户号"),
        ("name", "   ", "客户名称"),
        ("name", "厂" * 201, "客户名称"),
        ("supply_voltage", "63", "供电电压"),
        ("supply_voltage", "10kV", "供电电压"),
        ("tariff", "three_part", "电价类别"),
        ("metering_class", "V", "计量类别"),
        ("importance", "vip", "重要等级"),
        ("contract_capacity_kva", "abc", "合同容量"),
        ("contract_capacity_kva", "0", "合同容量"),
        ("contract_capacity_kva", "-315", "合同容量"),
        ("contract_capacity_kva", "NaN", "合同容量"),
        ("contract_capacity_kva", "Infinity", "合同容量"),
        ("contract_capacity_kva", "1e10", "合同容量"),
        ("contract_capacity_kva", "0.04", "合同容量"),  # would be stored as 0.0
        ("contract_capacity_kva", "1000.25", "合同容量"),  # SQLite kept 1000.2, PostgreSQL 1000.3
        ("cycle_override_months", 0, "检查周期"),
        ("cycle_override_months", 121, "检查周期"),
        ("cycle_override_months", True, "检查周期"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    backend: Backend, field: str, value: object, says: str
) -> None:
    bad: Any = replace(BASE, **{field: value})
    with pytest.raises(ValidationError, match=says) as caught:
        backend.call(create_customer, bad)
    assert caught.value.field == field
    with backend.session() as session:
        assert count_customers(session) == 0


def test_a_capacity_with_one_decimal_is_stored_exactly(backend: Backend) -> None:
    customer_id = backend.call(create_customer, replace(BASE, contract_capacity_kva=Decimal("9999999999.9")))
    backend.call(update_customer, customer_id, {"contract_capacity_kva": "0.1"})
    with backend.session() as session:
        assert get_customer(session, customer_id).contract_capacity_kva == Decimal("0.1")


def test_the_voltage_message_lists_the_allowed_levels(backend: Backend) -> None:
    bad: Any = replace(BASE, supply_voltage="63")
    with pytest.raises(ValidationError) as caught:
        backend.call(create_customer, bad)
    for level in ("0.4", "10", "20", "35", "66", "110", "220"):
        assert level in str(caught.value)


def test_an_edit_is_saved_and_audited_with_before_and_after(backend: Backend, sample: Sample) -> None:
    customer_id = sample.customers[0]
    backend.call(
        update_customer,
        customer_id,
        {
            "contact_name": "孙志强",
            "contract_capacity_kva": "3150",
            "supply_voltage": "20",
            "name": "临河县人民医院",
        },
        actor="YJ002",
    )
    with backend.session() as session:
        customer = get_customer(session, customer_id)
        assert customer.contact_name == "孙志强"
        assert customer.contract_capacity_kva == Decimal("3150")
        assert customer.supply_voltage is VoltageLevel.KV_20
    [event] = _events(backend, "customer.update")
    assert event.entity_id == str(customer_id)
    assert event.actor == "YJ002"
    assert event.detail == {
        "before": {"contact_name": "", "contract_capacity_kva": "2500.0", "supply_voltage": "10"},
        "after": {"contact_name": "孙志强", "contract_capacity_kva": "3150", "supply_voltage": "20"},
    }


def test_an_edit_that_changes_nothing_writes_no_event(backend: Backend, sample: Sample) -> None:
    backend.call(update_customer, sample.customers[0], {"name": " 临河县人民医院 ", "tariff": "two_part"})
    assert _events(backend, "customer.update") == []


def test_an_edit_cannot_take_another_customers_account_number(backend: Backend, sample: Sample) -> None:
    with pytest.raises(ValidationError, match="已存在") as caught:
        backend.call(update_customer, sample.customers[0], {"account_no": "0531000002"})
    assert caught.value.field == "account_no"
    backend.call(update_customer, sample.customers[0], {"account_no": "0531000001"})  # its own: fine
    with backend.session() as session:
        assert get_customer(session, sample.customers[0]).account_no == "0531000001"


def test_an_edit_with_a_bad_value_changes_nothing(backend: Backend, sample: Sample) -> None:
    with pytest.raises(ValidationError) as caught:
        backend.call(
            update_customer, sample.customers[0], {"contact_name": "周立新", "contract_capacity_kva": "-1"}
        )
    assert caught.value.field == "contract_capacity_kva"
    with backend.session() as session:
        assert get_customer(session, sample.customers[0]).contact_name == ""


def test_an_unknown_field_is_refused(backend: Backend, sample: Sample) -> None:
    with pytest.raises(ValidationError) as caught:
        backend.call(update_customer, sample.customers[0], {"id": uuid.uuid4()})
    assert caught.value.field == "id"


def test_a_missing_customer_is_reported(backend: Backend) -> None:
    with pytest.raises(NotFoundError):
        backend.call(update_customer, uuid.uuid4(), {"name": "x"})


def _delete(backend: Backend, customer_id: uuid.UUID) -> None:
    with backend.session() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        customer.deleted = True


@pytest.fixture
def town(backend: Backend, sample: Sample) -> dict[str, uuid.UUID]:
    """The sample customers plus some whose names and addresses try the search."""
    extra = {
        "50%": replace(BASE, account_no="0531000050", name="50%股权水泥厂", address="建设路50%号"),
        "under": replace(BASE, account_no="0531000051", name="临河_物流园", address="滨河路"),
        "plain": replace(BASE, account_no="0531000052", name="临河物流园", address="滨河路"),
        "back": replace(BASE, account_no="0531000053", name="反斜杠\\公司", address="人民路"),
        "latin": replace(BASE, account_no="0531000054", name="ABC Foods Ltd", address="Renmin Road"),
    }
    ids = {key: backend.call(create_customer, fields) for key, fields in extra.items()}
    ids.update({"hospital": sample.customers[0], "steel": sample.customers[1], "school": sample.customers[2]})
    return ids


def _search(backend: Backend, text: str) -> list[uuid.UUID]:
    return backend.call(search_customer_ids, text)


def test_search_by_account_number_name_and_chinese_address(
    backend: Backend, town: dict[str, uuid.UUID]
) -> None:
    assert _search(backend, "0531000002") == [town["steel"]]
    assert _search(backend, "钢铁") == [town["steel"]]
    assert _search(backend, "人民医院") == [town["hospital"]]
    assert _search(backend, "建设路") == [town["school"], town["50%"]]
    assert _search(backend, "创业路") == [town["steel"]]


def test_search_with_several_words_needs_every_word(backend: Backend, town: dict[str, uuid.UUID]) -> None:
    assert _search(backend, "临河县 建设路") == [town["school"]]
    assert _search(backend, "  临河县\u3000人民路 ") == [town["hospital"]]  # ideographic space too
    assert _search(backend, "物流园 滨河路") == [town["under"], town["plain"]]
    assert _search(backend, "钢铁 医院") == []


def test_search_is_case_insensitive_for_latin_letters(backend: Backend, town: dict[str, uuid.UUID]) -> None:
    assert _search(backend, "abc foods") == [town["latin"]]
    assert _search(backend, "RENMIN") == [town["latin"]]


def test_percent_underscore_and_backslash_are_literal(backend: Backend, town: dict[str, uuid.UUID]) -> None:
    assert _search(backend, "%") == [town["50%"]]
    assert _search(backend, "50%") == [town["50%"]]
    assert _search(backend, "_") == [town["under"]]
    assert _search(backend, "临河_") == [town["under"]]
    assert _search(backend, "\\") == [town["back"]]


def test_empty_search_lists_everyone_by_account_number(backend: Backend, town: dict[str, uuid.UUID]) -> None:
    everyone = _search(backend, "")
    assert len(everyone) == 8
    assert _search(backend, "   ") == everyone
    with backend.session() as session:
        numbers = [row.account_no for row in customer_rows(session, everyone)]
    assert numbers == sorted(numbers)
    assert numbers[0] == "0531000001"


def test_deleted_customers_are_hidden(backend: Backend, town: dict[str, uuid.UUID]) -> None:
    _delete(backend, town["steel"])
    assert _search(backend, "钢铁") == []
    assert town["steel"] not in _search(backend, "")
    with backend.session() as session:
        assert count_customers(session) == 7
        with pytest.raises(NotFoundError):
            get_customer(session, town["steel"])
    with pytest.raises(NotFoundError):
        backend.call(update_customer, town["steel"], {"name": "x"})


def test_a_deleted_customers_account_number_stays_taken(backend: Backend, town: dict[str, uuid.UUID]) -> None:
    # The tombstone still travels to other devices, so its number cannot be given to someone else.
    _delete(backend, town["steel"])
    with pytest.raises(ValidationError) as caught:
        backend.call(create_customer, replace(BASE, account_no="0531000002"))
    assert caught.value.field == "account_no"


def test_customer_rows_come_in_the_order_asked_and_skip_unknown_ids(
    backend: Backend, town: dict[str, uuid.UUID]
) -> None:
    wanted = [town["school"], uuid.uuid4(), town["hospital"], town["steel"]]
    with backend.session() as session:
        rows = customer_rows(session, wanted)
        assert customer_rows(session, []) == []
    assert [r.id for r in rows] == [town["school"], town["hospital"], town["steel"]]
    assert rows[1] == CustomerRow(
        id=town["hospital"],
        account_no="0531000001",
        name="临河县人民医院",
        address="临河县人民路12号",
        supply_voltage=VoltageLevel.KV_10,
        contract_capacity_kva=Decimal("2500"),
        importance=ImportanceGrade.FIRST,
    )
    assert SAMPLE_CUSTOMERS[0].account_no == rows[1].account_no
