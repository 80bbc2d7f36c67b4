"""An inspection at the review stage, for the review page's tests: started on a demo customer with two
inspectors, every item answered as an inspector would except one required item, one item marked defect
(which raises its finding)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from testkit import BUILTIN_TEMPLATE, sample_answer

from fieldapp.services.backend import Backend
from fieldapp.services.customers import search_customer_ids
from fieldapp.services.findings import set_verdict
from fieldapp.services.inspections import get_inspection, record_answer, start_inspection
from fieldapp.services.inspectors import list_inspectors
from fieldapp.services.templates import latest_template_id
from fieldapp.store.models import ChecklistItem

OPEN_ITEM = "A02"  # required, left unanswered
DEFECT_ITEM = "A03"  # answered "defect"; its checklist needs no photo


@dataclass(frozen=True)
class Visit:
    backend: Backend
    inspection_id: uuid.UUID
    inspectors: tuple[uuid.UUID, uuid.UUID]


def answer_all_but(backend: Backend, inspection_id: uuid.UUID, skip: set[str]) -> None:
    with backend.session() as session:
        template_id = get_inspection(session, inspection_id).template_id
        items = session.scalars(
            select(ChecklistItem)
            .where(ChecklistItem.template_id == template_id)
            .order_by(ChecklistItem.position)
        ).all()
        for item in items:
            if item.code not in skip:
                record_answer(session, inspection_id, item.code, **sample_answer(item))


def review_visit(backend: Backend) -> Visit:
    inspectors = backend.call(list_inspectors)[:2]
    team = (inspectors[0].id, inspectors[1].id)
    customer = backend.call(search_customer_ids, "")[0]
    template = backend.call(latest_template_id, BUILTIN_TEMPLATE)
    inspection_id = backend.call(start_inspection, customer, template, list(team))
    answer_all_but(backend, inspection_id, {OPEN_ITEM})
    backend.call(set_verdict, inspection_id, DEFECT_ITEM, "defect")
    return Visit(backend, inspection_id, team)
