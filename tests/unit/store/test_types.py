"""Column types that behave the same on both engines: times are UTC and aware on the way out and must be aware
on the way in; enumerations are stored as their values and come back as members."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError

from fieldapp.domain.enums import InspectorGrade
from fieldapp.services.backend import Backend
from fieldapp.store.models import AuditEvent, Inspector

BEIJING = timezone(timedelta(hours=8))


def test_an_aware_time_comes_back_as_the_same_instant_in_utc(backend: Backend) -> None:
    given = datetime(2026, 3, 1, 17, 30, 15, 123456, tzinfo=BEIJING)
    with backend.session() as session:
        event = AuditEvent(action="t", entity="t", entity_id="1", at=given)
        session.add(event)
        session.flush()
        event_id = event.id
    with backend.session() as session:
        stored = session.scalars(select(AuditEvent.at).where(AuditEvent.id == event_id)).one()
    assert stored == given
    assert stored.tzinfo is not None
    assert stored.utcoffset() == timedelta(0)
    assert stored == datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)


def test_a_naive_time_is_refused_not_guessed(backend: Backend) -> None:
    with pytest.raises(StatementError, match="naive datetime"), backend.session() as session:
        session.add(AuditEvent(action="t", entity="t", entity_id="1", at=datetime(2026, 3, 1, 9, 30)))
        session.flush()


def test_an_enumeration_is_stored_as_its_value(backend: Backend) -> None:
    with backend.session() as session:
        session.add(Inspector(staff_no="A1", name="甲", certificate_no="C1", grade=InspectorGrade.GRADE_2))
    with backend.session() as session:
        raw = session.execute(text("SELECT grade FROM inspectors WHERE staff_no = 'A1'")).scalar_one()
        member = session.scalars(select(Inspector.grade)).one()
    assert raw == "2"
    assert member is InspectorGrade.GRADE_2


def test_a_value_outside_the_enumeration_is_refused(backend: Backend) -> None:
    with pytest.raises(StatementError, match="not a valid InspectorGrade"), backend.session() as session:
        session.add(Inspector(staff_no="A1", name="甲", certificate_no="C1", grade="4"))
        session.flush()
