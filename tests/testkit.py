"""Helpers shared by the tests (importable as `testkit`: pytest puts tests/ on sys.path for the top-level
conftest). Plain functions and values only; fixtures live in conftest.py."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import (
    AnswerKind,
    ImportanceGrade,
    InspectorGrade,
    MeteringClass,
    SignerRole,
    Tariff,
    Verdict,
    VoltageLevel,
)
from fieldapp.photos.files import photo_path
from fieldapp.services.backend import Backend
from fieldapp.services.customers import CustomerFields, create_customer, search_customer_ids
from fieldapp.services.inspections import get_inspection, record_answer
from fieldapp.services.inspectors import create_inspector, list_inspectors
from fieldapp.services.signatures import sign, signature_slots
from fieldapp.services.templates import latest_template_id
from fieldapp.store.models import ChecklistItem, Photo

BUILTIN_TEMPLATE = "PERIODIC-HV"
REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Sample:
    """What the `sample` fixture made: three inspectors, three customers and the built-in template."""

    inspectors: tuple[uuid.UUID, uuid.UUID, uuid.UUID]
    customers: tuple[uuid.UUID, uuid.UUID, uuid.UUID]
    template_id: uuid.UUID


SAMPLE_CUSTOMERS: tuple[CustomerFields, ...] = (
    CustomerFields(
        account_no="0531000001",
        name="临河县人民医院",
        supply_voltage=VoltageLevel.KV_10,
        contract_capacity_kva=Decimal(2500),
        tariff=Tariff.TWO_PART,
        metering_class=MeteringClass.II,
        importance=ImportanceGrade.FIRST,
        address="临河县人民路12号",
        industry="卫生",
    ),
    CustomerFields(
        account_no="0531000002",
        name="临河钢铁集团有限公司",
        supply_voltage=VoltageLevel.KV_110,
        contract_capacity_kva=Decimal(63000),
        tariff=Tariff.TWO_PART,
        metering_class=MeteringClass.I,
        address="经济开发区创业路8号",
    ),
    CustomerFields(
        account_no="0531000003",
        name="临河县第一中学",
        supply_voltage=VoltageLevel.KV_10,
        contract_capacity_kva=Decimal(630),
        tariff=Tariff.SINGLE_PART,
        metering_class=MeteringClass.III,
        address="临河县建设路3号",
    ),
)


def sample_answer(item: ChecklistItem, *, verdict: Verdict = Verdict.OK) -> dict[str, Any]:
    """An answer of the item's kind that an inspector could give and that meets its constraint, as
    record_answer's keyword arguments: numbers on the compliant side of the item's rule, a date a month
    back, the first choice of the item's list, a seal number; `verdict` for verdict and seal items."""
    definition = item.definition or {}
    rule = definition.get("rule") or {}
    if item.answer_kind is AnswerKind.NUMBER:
        limit = Decimal(str(rule.get("limit", 0)))
        number = {
            "max": limit / 2,
            "min": limit * 2,
            "power_factor": Decimal("0.95"),
            "earthing_resistance": Decimal("2.5"),
            "emergency_supply_ratio": Decimal(150),
        }.get(str(rule.get("kind", "")), Decimal("42.5"))
        return {"number": number}
    if item.answer_kind is AnswerKind.DATE:
        return {"value_date": date.today() - timedelta(days=30)}
    if item.answer_kind is AnswerKind.CHOICE:
        lists = (item.template.definition or {}).get("choices", {})
        return {"text": lists[definition["choices"]][0][0]}
    if item.answer_kind is AnswerKind.TEXT:
        return {"text": "已核对"}
    if item.answer_kind is AnswerKind.SEAL:
        return {"verdict": verdict, "text": "LH000001"}
    return {"verdict": verdict}


def answer_every_item(
    session: Session, inspection_id: uuid.UUID, *, verdict: Verdict = Verdict.OK
) -> list[str]:
    """Answer every item of the inspection's checklist the way an inspector would; returns the item codes."""
    inspection = get_inspection(session, inspection_id)
    items = session.scalars(
        select(ChecklistItem)
        .where(ChecklistItem.template_id == inspection.template_id)
        .order_by(ChecklistItem.position)
    ).all()
    for item in items:
        record_answer(session, inspection_id, item.code, **sample_answer(item, verdict=verdict))
    return [item.code for item in items]


# A short zig-zag across the pad: enough points and extent to count as a signature.
SIGNATURE_STROKES = [[(0.1 + 0.08 * i, 0.3 + 0.4 * (i % 2)) for i in range(10)]]


def sign_everyone(session: Session, inspection_id: uuid.UUID, *, representative: str = "赵经理") -> None:
    """Each inspector on site signs, then the customer's representative: what finalizing requires."""
    for slot in signature_slots(session, inspection_id):
        if slot.role is SignerRole.INSPECTOR:
            sign(session, inspection_id, slot.role, 3.0, SIGNATURE_STROKES, inspector_id=slot.inspector_id)
    sign(
        session, inspection_id, SignerRole.REPRESENTATIVE, 3.0, SIGNATURE_STROKES, signer_name=representative
    )


def run_cli(
    args: Sequence[str], *, env: Mapping[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `python -m fieldapp ARGS` as a real process, the way a user or a script does."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    environment.update({"PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"})
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=REPO_ROOT,
        timeout=timeout,
        check=False,
    )


def add_photo_row(session: Session, sha256: str, *, inspection_id: uuid.UUID | None = None) -> uuid.UUID:
    """A Photo row made directly through the store (the photo pipeline has no use case yet)."""
    photo = Photo(sha256=sha256, inspection_id=inspection_id, size_bytes=0)
    session.add(photo)
    session.flush()
    return photo.id


def write_photo_file(photos_root: Path, content: bytes) -> tuple[str, Path]:
    """Store bytes where the app keeps a photo with that content; returns its SHA-256 and path."""
    sha = hashlib.sha256(content).hexdigest()
    path = photo_path(photos_root, sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return sha, path


def field_team(backend: Backend, account_no: str, name: str) -> tuple[uuid.UUID, list[uuid.UUID], uuid.UUID]:
    """A customer, two inspectors and the built-in template, found or made: what the kill tests' child
    processes need before they start, again and again on the same database."""
    found = backend.call(search_customer_ids, account_no)
    customer_id = (
        found[0]
        if found
        else backend.call(
            create_customer,
            CustomerFields(
                account_no=account_no,
                name=name,
                supply_voltage=VoltageLevel.KV_10,
                contract_capacity_kva=Decimal(800),
                tariff=Tariff.TWO_PART,
                metering_class=MeteringClass.III,
                importance=ImportanceGrade.SECOND,
                address="临河县滨河路18号",
            ),
        )
    )
    team = [i.id for i in backend.call(list_inspectors)][:2]
    for staff_no, person in (("YJ901", "王建国"), ("YJ902", "李秀英"))[len(team) :]:
        team.append(
            backend.call(create_inspector, staff_no, person, f"用检证 鲁{staff_no}", InspectorGrade.GRADE_1)
        )
    return customer_id, team, backend.call(latest_template_id, BUILTIN_TEMPLATE)
