"""An item hidden by its relevance condition is not asked, so it cannot block finalizing; a value outside
an item's constraint is refused with the template's own message and nothing is stored."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from testkit import Sample, sign_everyone

from fieldapp.checklists.model import Choice, Section, Template, TemplateItem
from fieldapp.domain.enums import AnswerKind, InspectionKind
from fieldapp.domain.errors import ValidationError
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import (
    answer_values,
    finalize_inspection,
    record_answer,
    start_inspection,
    unanswered_required_items,
)
from fieldapp.services.templates import install_template
from fieldapp.store.models import Answer

TEMPLATE = Template(
    code="TEST-REL",
    version=1,
    kind=InspectionKind.PERIODIC,
    title_zh="测试",
    title_en="Test",
    sections=(Section("F", "自备电源"),),
    items=(
        TemplateItem("F01", "F", "是否有自备发电机", answer_kind=AnswerKind.VERDICT),
        TemplateItem("F02", "F", "发电机防倒送闭锁", relevant="${F01} = 'ok'"),
        TemplateItem(
            "F03",
            "F",
            "应急电源容量占保安负荷比例",
            answer_kind=AnswerKind.NUMBER,
            unit="%",
            relevant="${F01} = 'ok'",
            constraint=". >= 0 and . <= 1000",
            constraint_message_zh="比例应在0到1000%之间",
            constraint_message_en="between 0 and 1000 %",
        ),
        TemplateItem(
            "F04",
            "F",
            "发电机台数",
            answer_kind=AnswerKind.NUMBER,
            required=False,
            constraint=". >= 1 and . <= ${F05}",
        ),
        TemplateItem("F05", "F", "允许台数上限", answer_kind=AnswerKind.NUMBER, required=False),
    ),
)


@pytest.fixture
def inspection_id(backend: Backend, sample: Sample) -> uuid.UUID:
    template_id = backend.call(install_template, TEMPLATE)
    return backend.call(start_inspection, sample.customers[0], template_id, sample.inspectors[:2])


def test_hidden_required_items_do_not_block_finalizing(backend: Backend, inspection_id: uuid.UUID) -> None:
    assert backend.call(unanswered_required_items, inspection_id) == ["F01"]
    backend.call(record_answer, inspection_id, "F01", verdict="na")  # no generator: F02 and F03 stay hidden
    assert backend.call(unanswered_required_items, inspection_id) == []
    backend.call(sign_everyone, inspection_id)
    backend.call(finalize_inspection, inspection_id)


def test_an_item_shown_by_an_answer_becomes_required(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "F01", verdict="ok")
    assert backend.call(unanswered_required_items, inspection_id) == ["F02", "F03"]
    with pytest.raises(ValidationError, match="F02"):
        backend.call(sign_everyone, inspection_id)
        backend.call(finalize_inspection, inspection_id)


def test_a_value_outside_the_constraint_is_refused_with_the_templates_message(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    with pytest.raises(ValidationError, match="比例应在0到1000%之间") as caught:
        backend.call(record_answer, inspection_id, "F03", number="1200")
    assert caught.value.field == "number"
    with backend.session() as session:
        assert session.scalars(select(Answer).where(Answer.inspection_id == inspection_id)).all() == []
    assert backend.call(record_answer, inspection_id, "F03", number="130").number == Decimal(130)


def test_a_constraint_may_read_other_answers(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "F05", number=2)
    backend.call(record_answer, inspection_id, "F04", number=2)
    with pytest.raises(ValidationError, match="F04") as caught:
        backend.call(record_answer, inspection_id, "F04", number=3)
    assert caught.value.field == "number"


def test_answer_values_are_what_expressions_see(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "F01", verdict="ok")
    backend.call(record_answer, inspection_id, "F03", number="130.5", note="只有备注不是值")
    assert backend.call(answer_values, inspection_id) == {"F01": "ok", "F03": Decimal("130.5")}


KINDS = Template(
    code="TEST-KINDS",
    version=1,
    kind=InspectionKind.PERIODIC,
    title_zh="答案类型",
    title_en="Answer kinds",
    sections=(Section("X", "测试"),),
    items=(
        TemplateItem("V1", "X", "判定项"),
        TemplateItem("N1", "X", "接地电阻", answer_kind=AnswerKind.NUMBER, unit="Ω"),
        TemplateItem("D1", "X", "上次试验日期", answer_kind=AnswerKind.DATE),
        TemplateItem("C1", "X", "自备电源类型", answer_kind=AnswerKind.CHOICE, choices="src"),
        TemplateItem("T1", "X", "备注", answer_kind=AnswerKind.TEXT),
    ),
    choice_lists={"src": (Choice("diesel", "柴油发电机"), Choice("pv", "光伏"))},
)


@pytest.fixture
def kinds_inspection(backend: Backend, sample: Sample) -> uuid.UUID:
    template_id = backend.call(install_template, KINDS)
    return backend.call(start_inspection, sample.customers[0], template_id, sample.inspectors[:2])


@pytest.mark.parametrize(
    ("code", "value", "field"),
    [
        ("N1", {"text": "50"}, "text"),  # a number typed as text would be invisible to the item's rule
        ("V1", {"text": "好"}, "text"),
        ("V1", {"value_date": date(2026, 1, 1)}, "value_date"),
        ("D1", {"text": "昨天"}, "text"),
        ("T1", {"number": 3}, "number"),
        ("C1", {"text": "diesel gas"}, "text"),  # 'gas' is not on the list
    ],
)
def test_a_value_the_item_does_not_take_is_refused(
    backend: Backend, kinds_inspection: uuid.UUID, code: str, value: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError, match=code) as caught:
        backend.call(record_answer, kinds_inspection, code, **value)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert backend.call(answer_values, kinds_inspection) == {}


def test_each_kind_takes_its_own_value(backend: Backend, kinds_inspection: uuid.UUID) -> None:
    backend.call(record_answer, kinds_inspection, "V1", verdict="ok")
    backend.call(record_answer, kinds_inspection, "N1", number="3.2")
    backend.call(record_answer, kinds_inspection, "D1", value_date=date(2026, 5, 1))
    backend.call(record_answer, kinds_inspection, "C1", text="diesel pv")
    backend.call(record_answer, kinds_inspection, "T1", text="已核对")
    assert backend.call(answer_values, kinds_inspection) == {
        "V1": "ok",
        "N1": Decimal("3.2"),
        "D1": "2026-05-01",
        "C1": "diesel pv",
        "T1": "已核对",
    }
