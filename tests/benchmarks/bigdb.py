"""The big database of the benchmarks: 10 000 customers and 50 000 inspections, about what one county
office holds after some years. Built fast: the app's own open_backend (migration, device code, built-in
template), then bulk inserts through SQLAlchemy Core into the store models' tables (`insert(Model.__table__)`
is a plain executemany, about twice as fast as the ORM's bulk path for `insert(Model)`). Seeded, so every run
builds the same data. About 6 s.

Answers only on request (`answers=`, spread evenly over the inspections, each on a different item of the
inspection's checklist): the sync benchmarks ask for 200 000 on 20 000 inspections, the others for none.
Every row says it was stored here a day ago (`stored_at`), as an old database's rows do, so an incremental
export sees only what is added after the build.

Not in it (yet): findings, audit events and equipment of those inspections; add them here when a benchmark
needs them."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from fieldapp.domain.enums import (
    AnswerKind,
    ImportanceGrade,
    InspectionKind,
    InspectionStatus,
    MeteringClass,
    Tariff,
    Verdict,
    VoltageLevel,
)
from fieldapp.services.backend import open_backend
from fieldapp.services.demo import DEMO_TEMPLATE, INSPECTORS
from fieldapp.services.templates import latest_template_id
from fieldapp.store.models import Answer, ChecklistItem, Customer, Inspection, InspectionInspector, Inspector

CUSTOMERS = 10_000
INSPECTIONS = 50_000
SEED = 20261128
STORED_AGO = timedelta(days=1)
NOTES = ["", "", "", "", "", "", "现场已整改", "客户承诺一周内整改", "待复查", "已拍照留存"]

PLACES = ["临河县", "东平县", "清河县", "平阴县", "长青县", "商河县", "济阳区", "莱芜区", "高新区", "经开区"]
TOWNS = ["城关镇", "柳埠镇", "孙耿镇", "白云湖街道", "龙山街道", "玉皇庙镇", "仁风镇", "安仁镇", ""]
BRANDS = [
    "宏达",
    "鑫源",
    "华润",
    "金禾",
    "永盛",
    "恒泰",
    "瑞丰",
    "天成",
    "中兴",
    "福瑞",
    "新华",
    "东方",
    "泰山",
    "齐鲁",
    "鲁信",
    "海纳",
    "汇通",
    "盛世",
    "万达",
    "兴隆",
    "昌盛",
    "嘉禾",
    "金鼎",
    "裕丰",
    "长城",
    "远航",
]
TRADES = [
    ("机械制造有限公司", "通用设备制造"),
    ("纺织有限公司", "纺织"),
    ("化工有限公司", "化学原料"),
    ("食品有限公司", "农副食品加工"),
    ("钢铁有限公司", "黑色金属冶炼"),
    ("建材有限公司", "非金属矿物制品"),
    ("冷链物流有限公司", "仓储"),
    ("水泥有限公司", "非金属矿物制品"),
    ("塑料制品有限公司", "橡胶和塑料制品"),
    ("商贸城", "批发和零售"),
    ("大酒店", "住宿"),
    ("房地产开发有限公司", "房地产"),
    ("电子科技有限公司", "计算机通信电子"),
    ("医药有限公司", "医药制造"),
    ("铸造有限公司", "金属制品"),
]
INSTITUTIONS = [
    ("人民医院", "卫生", ImportanceGrade.FIRST),
    ("中医院", "卫生", ImportanceGrade.SECOND),
    ("第一中学", "教育", ImportanceGrade.ORDINARY),
    ("实验小学", "教育", ImportanceGrade.ORDINARY),
    ("自来水公司水厂", "水的生产和供应", ImportanceGrade.FIRST),
    ("污水处理厂", "生态保护和环境治理", ImportanceGrade.SECOND),
    ("汽车站", "交通运输", ImportanceGrade.SECOND),
    ("广播电视台", "广播电视", ImportanceGrade.FIRST),
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
    "泉城路",
    "经十路",
    "北园大街",
    "和平路",
    "文化路",
    "花园路",
]
CONTACTS_FAMILY = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
CONTACTS_GIVEN = [
    "建国",
    "秀英",
    "伟",
    "洋",
    "静",
    "帆",
    "磊",
    "海燕",
    "国栋",
    "晓梅",
    "建华",
    "丽",
    "红",
    "冰",
    "志强",
]
VOLTAGES = [
    (VoltageLevel.LV_0_4, 30),
    (VoltageLevel.KV_10, 55),
    (VoltageLevel.KV_20, 5),
    (VoltageLevel.KV_35, 7),
    (VoltageLevel.KV_110, 3),
]
CAPACITIES = {
    VoltageLevel.LV_0_4: [100, 160, 200, 250, 315],
    VoltageLevel.KV_10: [315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150],
    VoltageLevel.KV_20: [2000, 2500, 4000, 6300],
    VoltageLevel.KV_35: [5000, 6300, 8000, 10000, 12500],
    VoltageLevel.KV_110: [20000, 31500, 40000, 63000],
}


def _metering_class(capacity: int) -> MeteringClass:
    if capacity >= 10000:
        return MeteringClass.I
    if capacity >= 2000:
        return MeteringClass.II
    if capacity >= 315:
        return MeteringClass.III
    return MeteringClass.IV


def customer_rows(rng: random.Random, count: int) -> list[dict[str, Any]]:
    rows = []
    now = datetime.now(UTC)
    voltages = [v for v, _ in VOLTAGES]
    weights = [w for _, w in VOLTAGES]
    for n in range(count):
        place = rng.choice(PLACES)
        importance = ImportanceGrade.ORDINARY
        if rng.random() < 0.06:
            institution, industry, importance = rng.choice(INSTITUTIONS)
            name = f"{place}{institution}"
        else:
            suffix, industry = rng.choice(TRADES)
            name = f"{place}{''.join(rng.sample(BRANDS, 2))}{suffix}"
        if rng.random() < 0.1:
            name += f"第{rng.randrange(1, 6)}分厂"
        voltage = rng.choices(voltages, weights)[0]
        capacity = rng.choice(CAPACITIES[voltage])
        rows.append(
            {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "account_no": f"0531{n + 1:06d}",  # 户号: text, leading zero kept
                "name": name,
                "address": f"{place}{rng.choice(TOWNS)}{rng.choice(STREETS)}{rng.randrange(1, 999)}号",
                "contact_name": rng.choice(CONTACTS_FAMILY) + rng.choice(CONTACTS_GIVEN),
                "contact_phone": f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}",
                "industry": industry,
                "supply_voltage": voltage,
                "contract_capacity_kva": Decimal(capacity),
                "tariff": Tariff.TWO_PART if capacity >= 315 else Tariff.SINGLE_PART,
                "importance": importance,
                "metering_class": _metering_class(capacity),
                "notes": "",
                "revision": 1,
                "modified_at": now,
                "modified_by": "BENCH",
                "deleted": False,
                "stored_at": now - STORED_AGO,
            }
        )
    return rows


def answer_values(rng: random.Random, kind: AnswerKind) -> dict[str, Any]:
    """What an inspector records for an item of that kind: mostly verdicts, some readings and dates."""
    values: dict[str, Any] = {"verdict": None, "value_number": None, "value_text": "", "value_date": None}
    if kind is AnswerKind.VERDICT:
        roll = rng.random()
        values["verdict"] = (
            Verdict.OK if roll < 0.85 else Verdict.DEFECT if roll < 0.95 else Verdict.NOT_APPLICABLE
        )
    elif kind is AnswerKind.NUMBER:
        values["value_number"] = Decimal(rng.randrange(0, 10**7)).scaleb(-3)
    elif kind is AnswerKind.DATE:
        values["value_date"] = (datetime(2020, 1, 1) + timedelta(days=rng.randrange(2400))).date()
    elif kind is AnswerKind.SEAL:
        values["value_text"] = f"SD{rng.randrange(10**7, 10**8)}"
    else:
        values["value_text"] = rng.choice(["合格", "基本合格", "不合格", "运行正常，无异常声响"])
    return values


def build_big_database(
    data_dir: Path,
    *,
    customers: int = CUSTOMERS,
    inspections: int = INSPECTIONS,
    answers: int = 0,
    seed: int = SEED,
) -> dict[str, int]:
    rng = random.Random(seed)
    backend = open_backend(str(data_dir))
    try:
        with backend.session() as session:
            template_id = latest_template_id(session, DEMO_TEMPLATE)
            items = session.execute(
                select(ChecklistItem.id, ChecklistItem.answer_kind)
                .where(ChecklistItem.template_id == template_id)
                .order_by(ChecklistItem.position)
            ).all()
            now = datetime.now(UTC)
            stored = now - STORED_AGO
            inspector_rows = [
                {
                    "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                    "staff_no": staff_no,
                    "name": name,
                    "certificate_no": cert,
                    "grade": grade,
                    "phone": f"1390531{1000 + n}",
                    "active": True,
                    "revision": 1,
                    "modified_at": now,
                    "modified_by": "BENCH",
                    "deleted": False,
                    "stored_at": stored,
                }
                for n, (staff_no, name, cert, grade) in enumerate(INSPECTORS)
            ]
            session.execute(insert(Inspector.__table__), inspector_rows)
            customer_list = customer_rows(rng, customers)
            session.execute(insert(Customer.__table__), customer_list)

            inspector_ids = [r["id"] for r in inspector_rows]
            customer_ids = [r["id"] for r in customer_list]
            inspection_rows = []
            team_rows = []
            answer_rows = []
            for n in range(inspections):
                started = now - timedelta(
                    days=rng.randrange(1, 6 * 365), minutes=rng.randrange(8 * 60, 17 * 60)
                )
                status = InspectionStatus.FINALIZED
                if n >= inspections - 40:
                    status = InspectionStatus.IN_PROGRESS
                elif rng.random() < 0.01:
                    status = InspectionStatus.VOIDED
                inspection_id = uuid.UUID(int=rng.getrandbits(128), version=4)
                inspection_rows.append(
                    {
                        "id": inspection_id,
                        "customer_id": customer_ids[n % len(customer_ids)]
                        if n < len(customer_ids)
                        else rng.choice(customer_ids),
                        "template_id": template_id,
                        "kind": InspectionKind.PERIODIC,
                        "status": status,
                        "started_at": started,
                        "finalized_at": started + timedelta(hours=3)
                        if status is InspectionStatus.FINALIZED
                        else None,
                        "content_sha256": f"{rng.getrandbits(256):064x}"
                        if status is InspectionStatus.FINALIZED
                        else None,
                        "voided_at": started + timedelta(days=1)
                        if status is InspectionStatus.VOIDED
                        else None,
                        "void_reason": "客户名称录入错误，重新检查"
                        if status is InspectionStatus.VOIDED
                        else "",
                        "device_code": "TBENCH",
                        "current_item_code": "K01" if status is not InspectionStatus.IN_PROGRESS else "C01",
                        "revision": 1,
                        "modified_at": now,
                        "modified_by": "TBENCH",
                        "deleted": False,
                        "stored_at": stored,
                    }
                )
                per_inspection = answers // inspections + (1 if n < answers % inspections else 0)
                for item_id, kind in rng.sample(items, min(per_inspection, len(items))):
                    answer_rows.append(
                        {
                            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                            "inspection_id": inspection_id,
                            "item_id": item_id,
                            **answer_values(rng, kind),
                            "note": rng.choice(NOTES),
                            "answered_at": started + timedelta(seconds=rng.randrange(60, 3 * 3600)),
                            "revision": 1,
                            "modified_at": now,
                            "modified_by": "TBENCH",
                            "deleted": False,
                            "stored_at": stored,
                        }
                    )
                for position, inspector_id in enumerate(rng.sample(inspector_ids, 2)):
                    team_rows.append(
                        {
                            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                            "inspection_id": inspection_id,
                            "inspector_id": inspector_id,
                            "position": position,
                            "revision": 1,
                            "modified_at": now,
                            "modified_by": "TBENCH",
                            "deleted": False,
                            "stored_at": stored,
                        }
                    )
            if inspection_rows:  # an empty list would insert one row of defaults
                session.execute(insert(Inspection.__table__), inspection_rows)
                session.execute(insert(InspectionInspector.__table__), team_rows)
            for start in range(0, len(answer_rows), 50_000):  # in slices: one list of bind dicts at a time
                session.execute(insert(Answer.__table__), answer_rows[start : start + 50_000])
    finally:
        backend.close()  # the last connection closing checkpoints the WAL into the database file
    return {
        "customers": customers,
        "inspectors": len(inspector_rows),
        "inspections": inspections,
        "inspection_inspectors": len(team_rows),
        "answers": len(answer_rows),
    }
