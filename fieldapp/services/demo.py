"""`fieldapp demo`: realistic demo data for a county power-supply company, made through the same use cases
the app uses, so it obeys every rule. It is idempotent: a second run finds the data in place and adds
nothing. The values are drawn from a seeded generator, so every run makes the same data.

The findings have a follow-up history taken through the lifecycle's own steps (services.finding_lifecycle):
some notified (the latest inspections with the number of the notice issued for them), some with a fix
reported, some verified, some reopened, and the older ones overdue; and the office has planned a few visits
(services.assignments): some this week, one whose day has passed."""

from __future__ import annotations

import math
import random
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.checklists.expressions import Value, as_value, parse
from fieldapp.domain.enums import (
    AnswerKind,
    EquipmentKind,
    EquipmentStatus,
    FindingStatus,
    ImportanceGrade,
    InspectionKind,
    InspectorGrade,
    MeteringClass,
    SignerRole,
    Tariff,
    Verdict,
    VoltageLevel,
)
from fieldapp.services.assignments import assign
from fieldapp.services.audit import record_event
from fieldapp.services.customers import CustomerFields, create_customer, get_customer
from fieldapp.services.equipment import EquipmentFields, add_equipment
from fieldapp.services.finding_lifecycle import notify_finding, reopen_finding, report_fix, verify_finding
from fieldapp.services.inspections import (
    add_finding,
    finalize_inspection,
    record_answer,
    start_inspection,
)
from fieldapp.services.inspectors import create_inspector
from fieldapp.services.notices import issue_notice
from fieldapp.services.photos import add_photo
from fieldapp.services.proposals import accept_proposal, proposals_for
from fieldapp.services.schedule import due_customers
from fieldapp.services.signatures import record_refusal, sign, signature_slots
from fieldapp.services.templates import latest_template_id
from fieldapp.store.models import AuditEvent, ChecklistItem, Finding, Inspector

DEMO_EVENT = "demo.load"
DEMO_TEMPLATE = "PERIODIC-HV"

INSPECTORS = [
    ("YJ001", "王建国", "用检证 鲁0315001", InspectorGrade.GRADE_1),
    ("YJ002", "李秀英", "用检证 鲁0315002", InspectorGrade.GRADE_1),
    ("YJ003", "张伟", "用检证 鲁0315003", InspectorGrade.GRADE_2),
    ("YJ004", "刘洋", "用检证 鲁0315004", InspectorGrade.GRADE_2),
    ("YJ005", "陈静", "用检证 鲁0315005", InspectorGrade.GRADE_2),
    ("YJ006", "杨帆", "用检证 鲁0315006", InspectorGrade.GRADE_3),
    ("YJ007", "赵磊", "用检证 鲁0315007", InspectorGrade.GRADE_1),
]

# name, industry, voltage, capacity kVA, importance, tariff
CUSTOMERS: list[tuple[str, str, VoltageLevel, int, ImportanceGrade, Tariff]] = [
    ("临河县人民医院", "卫生", VoltageLevel.KV_10, 2500, ImportanceGrade.FIRST, Tariff.TWO_PART),
    ("临河县中医院", "卫生", VoltageLevel.KV_10, 1250, ImportanceGrade.SECOND, Tariff.TWO_PART),
    (
        "临河县自来水公司第一水厂",
        "水的生产和供应",
        VoltageLevel.KV_10,
        1600,
        ImportanceGrade.FIRST,
        Tariff.TWO_PART,
    ),
    (
        "临河县自来水公司第二水厂",
        "水的生产和供应",
        VoltageLevel.KV_10,
        1000,
        ImportanceGrade.SECOND,
        Tariff.TWO_PART,
    ),
    ("临河县污水处理厂", "水的生产和供应", VoltageLevel.KV_10, 1250, ImportanceGrade.SECOND, Tariff.TWO_PART),
    (
        "华鲁水泥（临河）有限公司",
        "非金属矿物制品",
        VoltageLevel.KV_35,
        16000,
        ImportanceGrade.ORDINARY,
        Tariff.TWO_PART,
    ),
    (
        "临河钢铁集团有限公司",
        "黑色金属冶炼",
        VoltageLevel.KV_110,
        63000,
        ImportanceGrade.FIRST,
        Tariff.TWO_PART,
    ),
    (
        "临河化工股份有限公司",
        "化学原料和化学制品",
        VoltageLevel.KV_35,
        12500,
        ImportanceGrade.FIRST,
        Tariff.TWO_PART,
    ),
    ("鲁北造纸有限公司", "造纸和纸制品", VoltageLevel.KV_35, 8000, ImportanceGrade.ORDINARY, Tariff.TWO_PART),
    ("临河县第一中学", "教育", VoltageLevel.KV_10, 630, ImportanceGrade.ORDINARY, Tariff.SINGLE_PART),
    ("临河县实验小学", "教育", VoltageLevel.KV_10, 400, ImportanceGrade.ORDINARY, Tariff.SINGLE_PART),
    (
        "万达广场（临河）商业管理有限公司",
        "零售",
        VoltageLevel.KV_10,
        4000,
        ImportanceGrade.SECOND,
        Tariff.TWO_PART,
    ),
    ("银座商城临河店", "零售", VoltageLevel.KV_10, 2000, ImportanceGrade.SECOND, Tariff.TWO_PART),
    ("临河县广播电视台", "广播电视", VoltageLevel.KV_10, 800, ImportanceGrade.FIRST, Tariff.TWO_PART),
    ("临河县公安局指挥中心", "公共管理", VoltageLevel.KV_10, 500, ImportanceGrade.FIRST, Tariff.SINGLE_PART),
    (
        "中国移动临河分公司数据中心",
        "信息传输",
        VoltageLevel.KV_10,
        3150,
        ImportanceGrade.SECOND,
        Tariff.TWO_PART,
    ),
    ("临河县高铁站", "交通运输", VoltageLevel.KV_10, 1600, ImportanceGrade.FIRST, Tariff.TWO_PART),
    ("临河纺织印染有限公司", "纺织", VoltageLevel.KV_10, 3150, ImportanceGrade.ORDINARY, Tariff.TWO_PART),
    ("金禾面粉有限公司", "农副食品加工", VoltageLevel.KV_10, 1250, ImportanceGrade.ORDINARY, Tariff.TWO_PART),
    ("临河县冷链物流园", "仓储", VoltageLevel.KV_10, 2500, ImportanceGrade.ORDINARY, Tariff.TWO_PART),
    ("鑫源铸造有限公司", "金属制品", VoltageLevel.KV_20, 5000, ImportanceGrade.ORDINARY, Tariff.TWO_PART),
    ("临河光伏科技有限公司", "电气机械", VoltageLevel.KV_20, 6300, ImportanceGrade.ORDINARY, Tariff.TWO_PART),
    (
        "临河县燃气有限公司门站",
        "燃气生产和供应",
        VoltageLevel.KV_10,
        315,
        ImportanceGrade.FIRST,
        Tariff.SINGLE_PART,
    ),
    (
        "东方电缆（临河）有限公司",
        "电气机械",
        VoltageLevel.KV_35,
        10000,
        ImportanceGrade.ORDINARY,
        Tariff.TWO_PART,
    ),
    ("临河县粮食储备库", "仓储", VoltageLevel.KV_10, 630, ImportanceGrade.ORDINARY, Tariff.SINGLE_PART),
    ("临河县体育中心", "体育", VoltageLevel.KV_10, 2000, ImportanceGrade.TEMPORARY, Tariff.TWO_PART),
    ("临河县煤矿机械厂", "专用设备制造", VoltageLevel.KV_35, 6300, ImportanceGrade.ORDINARY, Tariff.TWO_PART),
    (
        "临河县热电有限公司",
        "电力热力生产",
        VoltageLevel.KV_110,
        40000,
        ImportanceGrade.SPECIAL,
        Tariff.TWO_PART,
    ),
    ("临河县看守所", "公共管理", VoltageLevel.KV_10, 400, ImportanceGrade.SECOND, Tariff.SINGLE_PART),
    ("临河县妇幼保健院", "卫生", VoltageLevel.KV_10, 800, ImportanceGrade.SECOND, Tariff.SINGLE_PART),
    ("临河酒业有限公司", "酒、饮料制造", VoltageLevel.KV_10, 1600, ImportanceGrade.ORDINARY, Tariff.TWO_PART),
    (
        "临河县城乡供水调度中心",
        "水的生产和供应",
        VoltageLevel.KV_20,
        2500,
        ImportanceGrade.FIRST,
        Tariff.TWO_PART,
    ),
    (
        "临河县第三方检测中心",
        "科学研究",
        VoltageLevel.LV_0_4,
        200,
        ImportanceGrade.ORDINARY,
        Tariff.SINGLE_PART,
    ),
    ("临河县安康养老院", "社会工作", VoltageLevel.LV_0_4, 250, ImportanceGrade.ORDINARY, Tariff.SINGLE_PART),
]

STREETS = [
    "人民路",
    "建设路",
    "解放路",
    "黄河大街",
    "工业园区纬二路",
    "经济开发区创业路",
    "滨河路",
    "胜利大街",
]
CONTACTS = ["孙志强", "周立新", "吴海燕", "郑国栋", "冯晓梅", "褚建华", "卫东", "蒋丽", "沈红", "韩冰"]

# Findings as an inspector writes them, keyed by checklist item.
FINDINGS: dict[str, tuple[str, str]] = {
    "A01": ("配电室电缆沟积水，未设排水设施", "清理积水并加装排水设施"),
    "A02": ("配电室门口未装设挡鼠板", "装设高度不低于400毫米的挡鼠板"),
    "A03": ("灭火器已过检验有效期", "更换合格的电气灭火器"),
    "B01": ("1号主变压器本体渗油，油位偏低", "停电处理渗漏点并补油至正常油位"),
    "B03": ("10千伏开关柜五防闭锁被解除", "立即恢复五防闭锁功能"),
    "C01": ("主变压器预防性试验超期未做", "委托有资质单位开展预防性试验"),
    "D01": ("计量柜封印编号与档案不一致", "配合供电公司重新加封并核对档案"),
    "F01": ("自备发电机未装设防反送电闭锁装置", "加装可靠的机械或电气闭锁装置"),
    "G01": ("电容器组2号电容器鼓肚", "更换故障电容器"),
    "I01": ("值班电工特种作业操作证过期", "组织电工复审取证"),
    "J01": ("绝缘手套超过试验周期", "送检绝缘手套等安全工器具"),
    "K01": ("供用电合同已过期未续签", "尽快续签供用电合同"),
}

# The latest inspections get their notice issued in the demo, so their findings are notified by number.
NOTICES_ISSUED = 3
OFFICE_CLERK = "BG01 陈敏"  # who takes the office's steps of the follow-up

STATUS_CYCLE = [
    FindingStatus.OPEN,
    FindingStatus.NOTIFIED,
    FindingStatus.FIX_REPORTED,
    FindingStatus.VERIFIED,
    FindingStatus.REOPENED,
]


@dataclass(frozen=True)
class DemoResult:
    created: bool
    customers: int
    inspectors: int
    inspections: int
    findings: int


def _metering_class(capacity: int) -> MeteringClass:
    if capacity >= 10000:
        return MeteringClass.I
    if capacity >= 2000:
        return MeteringClass.II
    if capacity >= 315:
        return MeteringClass.III
    return MeteringClass.IV


def load_demo(session: Session, *, photos_root: Path, today: date | None = None) -> DemoResult:
    """Fill the database with the demo data, or do nothing if it is already there. Defects whose checklist
    demands evidence get a generated photo, stored in `photos_root` like any other."""
    # The whole demo is one transaction, so its closing audit event marks it as present, all of it.
    if session.scalar(select(AuditEvent.id).where(AuditEvent.action == DEMO_EVENT).limit(1)) is not None:
        return _summary(session, created=False)
    today = today or date.today()
    rng = random.Random(20261128)
    actor = "demo"

    inspector_ids = []
    for staff_no, name, cert, grade in INSPECTORS:
        existing = session.scalar(select(Inspector.id).where(Inspector.staff_no == staff_no))
        inspector_ids.append(
            existing
            or create_inspector(
                session, staff_no, name, cert, grade, phone=f"1390531{rng.randrange(1000, 9999)}", actor=actor
            )
        )

    customer_ids = []
    for n, (name, industry, voltage, capacity, importance, tariff) in enumerate(CUSTOMERS):
        customer_id = create_customer(
            session,
            CustomerFields(
                account_no=f"0531{n + 1:06d}",  # leading zero kept: 户号 is text
                name=name,
                supply_voltage=voltage,
                contract_capacity_kva=Decimal(capacity),
                tariff=tariff,
                metering_class=_metering_class(capacity),
                importance=importance,
                address=f"临河县{rng.choice(STREETS)}{rng.randrange(1, 300)}号",
                industry=industry,
                contact_name=rng.choice(CONTACTS),
                contact_phone=f"0534-{rng.randrange(2000000, 8999999)}",
            ),
            actor=actor,
        )
        customer_ids.append(customer_id)
        _add_ledger(session, customer_id, capacity, voltage, rng, today, actor)

    template_id = latest_template_id(session, DEMO_TEMPLATE)
    items = list(
        session.scalars(
            select(ChecklistItem)
            .where(ChecklistItem.template_id == template_id)
            .order_by(ChecklistItem.position)
        )
    )
    findable = [i for i in items if i.code in FINDINGS]
    status_turn = 0
    for n in range(24):
        customer_id = customer_ids[n % len(customer_ids)]
        capacity = CUSTOMERS[n % len(CUSTOMERS)][3]
        team = rng.sample(inspector_ids, 2)
        started = datetime.combine(today - timedelta(days=20 + 15 * n), datetime.min.time(), UTC) + timedelta(
            hours=9
        )
        inspection_id = start_inspection(
            session, customer_id, template_id, team, started_at=started, actor=actor
        )
        defects = {i.code for i in rng.sample(findable, rng.randrange(1, 4))}
        answers: dict[str, Value] = {}
        for item in items:
            given = _demo_answer(
                item, rng, answers, capacity=capacity, on=started.date(), defect=item.code in defects
            )
            if given is None:
                continue
            record_answer(session, inspection_id, item.code, actor=actor, **given)
            answers[item.code] = as_value(given.get("number", given.get("text", given.get("verdict"))))
        for item in findable:
            if item.code in defects:
                description, requirement = FINDINGS[item.code]
                finding_id = add_finding(
                    session,
                    inspection_id,
                    description,
                    severity=item.default_severity,
                    requirement=requirement,
                    deadline=started.date() + timedelta(days=rng.choice([7, 15, 30])),
                    basis="《电力供应与使用条例》",
                    item_code=item.code,
                    actor=actor,
                )
                if item.photo_required_on_defect:
                    _demo_evidence(session, photos_root, inspection_id, finding_id, item.code, rng, actor)
        # What the measurement rules propose the inspector takes as findings: on site it must be decided.
        for proposal in proposals_for(session, inspection_id):
            accept_proposal(session, inspection_id, proposal.item_code, actor=actor)
        representative = get_customer(session, customer_id).contact_name
        _demo_signatures(
            session, inspection_id, representative, rng, refused=n % 11 == 5, at=started + timedelta(hours=3)
        )
        finalized = started + timedelta(hours=3)
        finalize_inspection(session, inspection_id, finalized_at=finalized, actor=actor)
        notice_no = ""
        if n < NOTICES_ISSUED:
            notice_no = _issue_demo_notice(session, inspection_id, photos_root, finalized, actor)
        # Follow-up states, so the office pages have findings in every status, each with its history.
        findings = session.scalars(
            select(Finding.id).where(Finding.inspection_id == inspection_id).order_by(Finding.seq)
        ).all()
        for finding_id in findings:
            target = STATUS_CYCLE[status_turn % len(STATUS_CYCLE)]
            status_turn += 1
            _follow_up(session, finding_id, target, found=started.date(), notice_no=notice_no, today=today)
    # One visit under way this morning, a third answered: what Today offers to continue.
    started = datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=1)
    inspection_id = start_inspection(
        session, customer_ids[1], template_id, rng.sample(inspector_ids, 2), started_at=started, actor=actor
    )
    answers = {}
    for item in items[: len(items) // 3]:
        given = _demo_answer(item, rng, answers, capacity=CUSTOMERS[1][3], on=today, defect=False)
        if given is not None:
            record_answer(session, inspection_id, item.code, actor=actor, **given)
            answers[item.code] = as_value(given.get("number", given.get("text", given.get("verdict"))))
    _demo_plan(session, inspector_ids, today, actor)
    record_event(session, DEMO_EVENT, "database", "demo", actor=actor)
    session.flush()
    return _summary(session, created=True)


def _issue_demo_notice(
    session: Session, inspection_id: uuid.UUID, photos_root: Path, at: datetime, actor: str
) -> str:
    """Issue the inspection's notice as the office did that day; its number is what the findings are
    notified with. The PDF is not kept: the notices page prints it again from the stored content."""
    with tempfile.TemporaryDirectory() as folder:
        issued = issue_notice(
            session, inspection_id, None, Path(folder) / "notice.pdf", photos_root, issued_at=at, actor=actor
        )
    return issued.number


def _follow_up(
    session: Session,
    finding_id: uuid.UUID,
    target: FindingStatus,
    *,
    found: date,
    notice_no: str,
    today: date,
) -> None:
    """Take the finding from open to `target` the way the office would, a few days between the steps
    (never after `today`)."""
    if target is FindingStatus.OPEN:
        return

    def day(after: int) -> date:
        return min(today, found + timedelta(days=after))

    note = "通知书已交客户签收" if notice_no else "电话通知客户，通知书随后送达"
    notify_finding(
        session,
        finding_id,
        on=day(1),
        by=OFFICE_CLERK,
        notice_no=notice_no,
        note=note,
        today=today,
        actor="demo",
    )
    if target is FindingStatus.NOTIFIED:
        return
    report_fix(
        session,
        finding_id,
        on=day(5),
        by="客户电工",
        text="已按要求整改，附整改前后照片",
        today=today,
        actor="demo",
    )
    if target is FindingStatus.FIX_REPORTED:
        return
    verify_finding(
        session, finding_id, on=day(8), by=OFFICE_CLERK, note="现场复核合格", today=today, actor="demo"
    )
    if target is FindingStatus.VERIFIED:
        return
    reopened = day(12)
    reopen_finding(
        session,
        finding_id,
        on=reopened,
        by=OFFICE_CLERK,
        reason="回访发现问题复现，需重新整改",
        new_deadline=reopened + timedelta(days=10),
        today=today,
        actor="demo",
    )


def _demo_plan(session: Session, inspector_ids: list[uuid.UUID], today: date, actor: str) -> None:
    """The office's plan: four customers due for their periodic inspection, one of them planned for a day
    that has passed (red on Today and on the plan), the others this week, for two inspectors."""
    due = due_customers(session, today)
    days = [today - timedelta(days=2), today, today + timedelta(days=2), today + timedelta(days=4)]
    for n, (row, on) in enumerate(zip(due[:4], days, strict=False)):
        assign(
            session,
            [row.customer_id],
            inspector_ids[n % 2],
            on,
            kind=InspectionKind.PERIODIC,
            note="带红外测温仪" if n == 0 else "",
            actor=actor,
        )


# Plausible measured values for number items, by the kind of rule that reads them.
_NUMBER_BY_RULE: dict[str, tuple[float, float]] = {
    "power_factor": (0.88, 0.98),
    "earthing_resistance": (0.8, 3.8),
    "emergency_supply_ratio": (120, 250),
}
DEMO_TEXT: dict[str, str] = {"I07": "孙志强 T370102198003150011、周立新 T370102198511200034"}


def _demo_answer(
    item: ChecklistItem,
    rng: random.Random,
    answers: dict[str, Value],
    *,
    capacity: int,
    on: date,
    defect: bool,
) -> dict[str, Any] | None:
    """What an inspector would enter for `item`, as record_answer's keyword arguments; None to leave it.
    An item whose relevance does not hold is left when optional and answered "not applicable" when
    required, so the inspection can be finalized whether or not required items count only when relevant."""
    extra = item.definition or {}
    relevant = str(extra.get("relevant") or "")
    if relevant and not parse(relevant).holds(answers):
        return {"verdict": Verdict.NOT_APPLICABLE} if item.required else None
    rule = extra.get("rule") or {}
    kind = item.answer_kind
    if kind is AnswerKind.NUMBER:
        return {"number": _demo_number(item.unit, rule, rng, capacity)}
    if kind is AnswerKind.DATE:
        if rule.get("kind") == "test_overdue":
            days_back = rng.randrange(15, int(rule.get("cycle_months", 12)) * 30)
        elif rule.get("kind") == "metering_field_test_overdue":
            days_back = rng.randrange(10, 85)
        else:  # a date ahead, such as a contract's expiry
            return {"value_date": on + timedelta(days=rng.randrange(180, 1500))}
        return {"value_date": on - timedelta(days=days_back)}
    if kind is AnswerKind.CHOICE:
        names = _choice_names(item)
        return {"text": rng.choice(names)} if names else None
    if kind is AnswerKind.TEXT:
        return {"text": DEMO_TEXT.get(item.code, "现场已核对")}
    verdict = Verdict.DEFECT if defect else Verdict.OK
    if kind is AnswerKind.SEAL:
        return {"verdict": verdict, "text": f"LH{rng.randrange(100000, 999999)}"}
    return {"verdict": verdict}


def _choice_names(item: ChecklistItem) -> list[str]:
    lists = (item.template.definition or {}).get("choices", {})
    return [str(choice[0]) for choice in lists.get((item.definition or {}).get("choices", ""), [])]


def _demo_number(unit: str, rule: dict[str, Any], rng: random.Random, capacity: int) -> Decimal:
    """A value on the compliant side of the item's rule (all demo findings come from verdicts)."""
    kind = rule.get("kind", "")
    if kind == "capacity_over_contract":
        return Decimal(capacity)
    if kind in _NUMBER_BY_RULE:
        low, high = _NUMBER_BY_RULE[kind]
    elif kind == "max":
        low, high = float(rule["limit"]) * 0.5, float(rule["limit"]) * 0.9
    elif kind == "min" and unit == "MΩ":
        low, high = 20, 500
    elif kind == "min":
        low, high = float(rule["limit"]) * 1.2, float(rule["limit"]) * 2
    else:
        return Decimal(1)
    return Decimal(str(round(rng.uniform(low, high), 2)))


def _add_ledger(
    session: Session,
    customer_id: uuid.UUID,
    capacity: int,
    voltage: VoltageLevel,
    rng: random.Random,
    today: date,
    actor: str,
) -> None:
    transformers = 2 if capacity >= 800 else 1
    for t in range(transformers):
        size = Decimal(capacity // transformers)
        commissioned = today - timedelta(days=rng.randrange(400, 6000))
        add_equipment(
            session,
            customer_id,
            EquipmentFields(
                kind=EquipmentKind.TRANSFORMER,
                model=rng.choice(["S11-M", "SCB10", "S13-M", "SZ11"]) + f"-{size}/{voltage}",
                rating=f"{size} kVA {voltage}/0.4 kV",
                capacity_kva=size,
                serial_no=f"TR{rng.randrange(10**7, 10**8)}",
                commissioned_on=commissioned,
                last_test_on=today - timedelta(days=rng.randrange(30, 1200)),
                test_cycle_months=36,
                status=EquipmentStatus.IN_SERVICE
                if t == 0 or rng.random() > 0.2
                else EquipmentStatus.SUSPENDED,
            ),
            actor=actor,
        )
    for kind, model, cycle in [
        (EquipmentKind.SWITCHGEAR, "KYN28A-12", 36),
        (EquipmentKind.PROTECTION_RELAY, "PCS-9611", 12),
        (EquipmentKind.METERING_CT, "LZZBJ9-10 75/5", 120),
        (EquipmentKind.ARRESTER, "HY5WZ-17/45", 12),
        (EquipmentKind.SAFETY_TOOL, "绝缘手套 12kV", 6),
    ]:
        add_equipment(
            session,
            customer_id,
            EquipmentFields(
                kind=kind,
                model=model,
                serial_no=f"SN{rng.randrange(10**6, 10**7)}",
                commissioned_on=today - timedelta(days=rng.randrange(400, 5000)),
                last_test_on=today - timedelta(days=rng.randrange(10, 500)),
                test_cycle_months=cycle,
            ),
            actor=actor,
        )
    if rng.random() < 0.3:
        add_equipment(
            session,
            customer_id,
            EquipmentFields(
                kind=EquipmentKind.GENERATOR,
                model="康明斯 C500D5",
                rating="400 kW",
                capacity_kva=Decimal(500),
                serial_no=f"GEN{rng.randrange(10**5, 10**6)}",
                commissioned_on=today - timedelta(days=2000),
            ),
            actor=actor,
        )
    if capacity >= 1000:
        add_equipment(
            session,
            customer_id,
            EquipmentFields(
                kind=EquipmentKind.CAPACITOR_BANK,
                model="TBB10-600/100",
                rating="600 kvar",
                commissioned_on=today - timedelta(days=rng.randrange(400, 4000)),
            ),
            actor=actor,
        )


def _scribble(rng: random.Random) -> list[list[tuple[float, float]]]:
    """A handwriting-like signature: a few joined loops drifting to the right, each a stroke."""
    strokes: list[list[tuple[float, float]]] = []
    x = 0.08
    for _ in range(rng.randrange(2, 4)):
        width = rng.uniform(0.15, 0.3)
        height = rng.uniform(0.2, 0.45)
        phase = rng.uniform(0, math.pi)
        stroke = []
        for step in range(40):
            t = step / 39
            stroke.append(
                (
                    min(0.98, x + width * t + 0.03 * math.sin(6 * math.pi * t + phase)),
                    min(0.95, max(0.05, 0.5 + height * math.sin(4 * math.pi * t + phase) * (1 - 0.5 * t))),
                )
            )
        strokes.append(stroke)
        x = min(0.7, x + width + rng.uniform(0.02, 0.06))
    return strokes


def _demo_signatures(
    session: Session,
    inspection_id: uuid.UUID,
    representative: str,
    rng: random.Random,
    *,
    refused: bool,
    at: datetime,
) -> None:
    """Everyone signs as on site; now and then the representative refuses and a witness signs instead."""
    for slot in signature_slots(session, inspection_id):
        if slot.role is SignerRole.INSPECTOR:
            sign(
                session,
                inspection_id,
                slot.role,
                3.0,
                _scribble(rng),
                inspector_id=slot.inspector_id,
                signed_at=at,
            )
    if refused:
        record_refusal(session, inspection_id)
        witness = rng.choice(CONTACTS)
        sign(
            session, inspection_id, SignerRole.WITNESS, 3.0, _scribble(rng), signer_name=witness, signed_at=at
        )
    else:
        role = SignerRole.REPRESENTATIVE
        sign(session, inspection_id, role, 3.0, _scribble(rng), signer_name=representative, signed_at=at)


def _demo_evidence(
    session: Session,
    photos_root: Path,
    inspection_id: uuid.UUID,
    finding_id: uuid.UUID,
    item_code: str,
    rng: random.Random,
    actor: str,
) -> None:
    """A generated stand-in for the inspector's photo: a cabinet-like scene, different for each finding."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1024, 768), (rng.randrange(150, 200), rng.randrange(150, 200), 170))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        left, top = rng.randrange(40, 700), rng.randrange(40, 450)
        colour = (rng.randrange(40, 120), rng.randrange(60, 140), rng.randrange(80, 160))
        draw.rectangle((left, top, left + rng.randrange(80, 300), top + rng.randrange(80, 300)), fill=colour)
    draw.ellipse((400, 300, 620, 520), outline=(220, 30, 30), width=12)  # the defect, circled
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{item_code}.jpg"
        image.save(source, quality=85)
        add_photo(
            session,
            photos_root,
            source,
            inspection_id=inspection_id,
            finding_id=finding_id,
            caption=f"{item_code} 现场照片（演示）",
            actor=actor,
        )


def _summary(session: Session, *, created: bool) -> DemoResult:
    from fieldapp.services.stats import collect_stats

    stats = collect_stats(session)
    inspectors = len(session.scalars(select(Inspector.id)).all())
    return DemoResult(created, stats["customers"], inspectors, stats["inspections"], stats["findings"])
