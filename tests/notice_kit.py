"""A NoticeData made by hand for the rendering tests, with as many findings and photos as asked."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

from fieldapp.domain.digest import content_sha256
from fieldapp.domain.enums import NoticeKind
from fieldapp.notices.data import (
    Acknowledgement,
    CustomerBlock,
    FindingRow,
    InspectionBlock,
    InspectorLine,
    NoticeData,
    NoticePhoto,
    SignatureMark,
)
from fieldapp.notices.verification import qr_payload, verification_code
from fieldapp.paths import fonts_dir

FONT_FILE = fonts_dir() / "wqy-microhei.ttc"
DESCRIPTIONS = (
    "配电室门窗未设置防止小动物进入的挡板，电缆沟盖板破损{n}处",
    "10kV高压开关柜五防闭锁装置失灵，带电显示器不亮",
    "变压器室通风不良，温度计显示油面温度达到{n}℃，超过规定值",
    "自备应急发电机未安装可靠的防倒送电闭锁装置，存在向电网倒送电的风险",
    "安全工器具（绝缘手套、验电器）超过试验周期未送检",
)


def _strokes(seed: int) -> tuple[tuple[tuple[float, float], ...], ...]:
    return tuple(
        tuple(
            (0.1 + 0.25 * s + 0.2 * t / 29, 0.5 + 0.3 * math.sin(5 * t / 29 * math.pi + seed))
            for t in range(30)
        )
        for s in range(3)
    )


def make_photos(folder: Path, count: int, size: tuple[int, int] = (1024, 768)) -> list[Path]:
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        image = Image.new("RGB", size, (120 + 4 * n % 120, 150, 170))
        draw = ImageDraw.Draw(image)
        draw.rectangle((size[0] // 5, size[1] // 5, size[0] // 2, size[1] // 2), fill=(40, 60 + n, 90))
        draw.ellipse(
            (size[0] // 2, size[1] // 3, size[0] * 4 // 5, size[1] * 4 // 5), outline=(220, 30, 30), width=12
        )
        if n % 3 == 2:
            image = image.rotate(90, expand=True)  # some portrait photos
        path = folder / f"photo{n:03d}.jpg"
        image.save(path, quality=85)
        paths.append(path)
    return paths


def stamp_lines(customer: str, n: int) -> tuple[str, ...]:
    """An evidence stamp like the one services.photos.evidence_stamp_lines writes."""
    return (
        f"客户：{customer}（户号 0531000001）",
        f"拍摄时间：2026-05-06 10:{n % 60:02d}",
        "检查人员：王建国、李秀英",
    )


def sample_notice(
    photos: list[Path] | None = None,
    findings: int = 3,
    *,
    number: str = "YDJC-2026-T01-0007",
    refused: bool = False,
    customer: str = "临河县人民医院",
    stamped: bool = False,
) -> NoticeData:
    day = date(2026, 5, 6)
    rows = tuple(
        FindingRow(
            seq=n,
            description=DESCRIPTIONS[n % len(DESCRIPTIONS)].format(n=n),
            grade="重大隐患" if n % 4 == 0 else "一般隐患",
            basis="《电力供应与使用条例》第二十条；《供电营业规则》（2024年版）第六十条（待核实）",
            requirement="立即整改，更换损坏部件并经试验合格后投入运行，整改完成后报供电公司复查",
            deadline=day + timedelta(days=15),
        )
        for n in range(1, findings + 1)
    )
    data = NoticeData(
        kind=NoticeKind.HAZARD,
        title="隐患整改通知书",
        number=number,
        issuing_unit="国网临河县供电公司",
        issued_on=day,
        customer=CustomerBlock(
            customer, "0531000001", "临河县人民路12号", "赵经理 0534-2345678", "10 kV", "2500 kVA"
        ),
        inspection=InspectionBlock(
            day,
            "周期检查",
            (InspectorLine("王建国", "用检证 鲁0315001"), InspectorLine("李秀英", "用检证 鲁0315002")),
        ),
        findings=rows,
        consequences="请贵单位按上述整改要求在规定期限内完成整改，并将回执签字（盖章）后送交我单位。",
        acknowledgement=Acknowledgement(
            inspectors=(
                SignatureMark("检查人员", "王建国", day, 3.0, _strokes(1)),
                SignatureMark("检查人员", "李秀英", day, 3.0, _strokes(2)),
            ),
            customer=SignatureMark("见证人" if refused else "客户代表", "赵经理", day, 3.0, _strokes(3)),
            refused=refused,
        ),
        photos=tuple(
            NoticePhoto(
                p,
                f"现场照片 {i}",
                (i % max(findings, 1)) + 1 if findings else None,
                sha256=f"{i:064x}",
                stamp=stamp_lines(customer, i) if stamped else (),
            )
            for i, p in enumerate(photos or [])
        ),
    )
    digest = content_sha256(data.content())
    return data.with_verification(verification_code(digest), qr_payload(number, digest))
