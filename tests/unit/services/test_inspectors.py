"""Inspectors who may be put on an inspection team."""

from __future__ import annotations

import pytest
from testkit import Sample

from fieldapp.domain.enums import InspectorGrade
from fieldapp.domain.errors import ValidationError
from fieldapp.services.backend import Backend
from fieldapp.services.inspectors import InspectorRow, create_inspector, list_inspectors
from fieldapp.store.models import Inspector


def test_inspectors_are_listed_by_staff_number(backend: Backend, sample: Sample) -> None:
    new = backend.call(
        create_inspector, " YJ000 ", " 陈静 ", " 用检证 鲁0315000 ", "2", phone=" 13905310000 "
    )
    rows = backend.call(list_inspectors)
    assert [r.staff_no for r in rows] == ["YJ000", "YJ001", "YJ002", "YJ003"]
    assert rows[0] == InspectorRow(new, "YJ000", "陈静", "用检证 鲁0315000", InspectorGrade.GRADE_2)


def test_inactive_and_deleted_inspectors_are_left_out(backend: Backend, sample: Sample) -> None:
    with backend.session() as session:
        inactive = session.get(Inspector, sample.inspectors[0])
        deleted = session.get(Inspector, sample.inspectors[1])
        assert inactive is not None and deleted is not None
        inactive.active = False
        deleted.deleted = True
    assert [r.staff_no for r in backend.call(list_inspectors)] == ["YJ003"]
    assert [r.staff_no for r in backend.call(list_inspectors, active_only=False)] == ["YJ001", "YJ003"]


def test_a_staff_number_already_registered_is_refused(backend: Backend, sample: Sample) -> None:
    with pytest.raises(ValidationError, match="YJ001 已存在") as caught:
        backend.call(create_inspector, "YJ001", "另一人", "证号", InspectorGrade.GRADE_1)
    assert caught.value.field == "staff_no"


@pytest.mark.parametrize("field", ["staff_no", "name", "certificate_no"])
def test_a_blank_required_field_is_refused(backend: Backend, field: str) -> None:
    values = {"staff_no": "YJ010", "name": "刘洋", "certificate_no": "用检证 鲁0315010"}
    values[field] = "  "
    with pytest.raises(ValidationError) as caught:
        backend.call(create_inspector, grade=InspectorGrade.GRADE_1, **values)
    assert caught.value.field == field
    assert backend.call(list_inspectors) == []
