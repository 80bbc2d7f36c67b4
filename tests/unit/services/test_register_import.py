"""The office's own customer register: read from their own .xlsx by header names (Chinese or English, under a
title, beside columns the app does not use), matched by account number, new customers created and existing
ones changed in exactly the fields that differ; every problem named by sheet, row, column and cell, and
nothing changed on any of them; the same register again changes nothing; `fieldapp import` takes it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from sync_kit import dump_database
from testkit import SAMPLE_CUSTOMERS, Sample

from fieldapp.cli import main
from fieldapp.domain.enums import ImportanceGrade, MeteringClass, Tariff, VoltageLevel
from fieldapp.domain.errors import ValidationError
from fieldapp.services.backend import Backend
from fieldapp.services.customers import create_customers
from fieldapp.services.register_import import RegisterImport, import_register
from fieldapp.services.sync_import import exchange_history, import_file
from fieldapp.store.models import AuditEvent, Customer
from fieldapp.sync.register import register_candidate
from fieldapp.sync.register_values import (
    RegisterValueError,
    capacity_value,
    importance_value,
    match_header,
    metering_value,
    tariff_value,
    voltage_value,
)

OFFICE_HEADER = (
    "序号",
    "户号",
    "户名",
    "用电地址",
    "联系人",
    "联系电话",
    "行业",
    "供电电压",
    "合同容量(kVA)",
    "电价类别",
    "重要用户等级",
    "计量类别",
    "供电所",
    "抄表段",
    "备注",
)
OFFICE_ROWS: tuple[tuple[Any, ...], ...] = (
    (1, "0531000101", "临河县自来水公司", "临河县滨河路1号", "刘强", 13805310101, "水务", "10kV", "2,500",
     "大工业", "二级", "Ⅱ类", "城关供电所", "CG-01", ""),
    (2, "0531000102", "临河县华联商厦", "临河县人民路66号", "陈静", "0531-8765432", "零售", "10千伏", 630,
     "一般工商业", None, None, "城关供电所", "CG-02", "地下室配电房"),
    (3, "0531000103", "临河热电厂", "临河县电厂路2号", "赵亮", None, "电力", "交流35kV", "12500kVA",
     "两部制", "一级", "I", "东郊供电所", "DJ-01", None),
    (4, "0531000104", "临河县城关小学", "临河县学府街9号", None, None, "教育", "400V", "160",
     "单一制", "非重要", "Ⅳ类", "城关供电所", "CG-03", None),
)  # fmt: skip


def _write(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    header_row: int = 1,
    sheet_title: str = "Sheet1",
    before: Sequence[str] = (),
) -> Path:
    """A register as an office keeps one: an optional merged title, the header in `header_row`, the rows.
    `before` adds empty sheets of those names in front of it."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = before[0] if before else sheet_title
    for name in before[1:]:
        workbook.create_sheet(name)
    sheet = workbook.create_sheet(sheet_title) if before else first
    if title:
        sheet.cell(row=1, column=1, value=title)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    for column, text in enumerate(header, start=1):
        sheet.cell(row=header_row, column=column, value=text)
    for number, values in enumerate(rows, start=header_row + 1):
        for column, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=number, column=column, value=value)
    workbook.save(path)
    return path


def _office_register(path: Path, rows: Sequence[Sequence[Any]] = OFFICE_ROWS) -> Path:
    return _write(
        path,
        OFFICE_HEADER,
        rows,
        title="临河县供电公司 高压客户档案（2026年11月）",
        header_row=3,
        sheet_title="高压客户",
    )


def _import(backend: Backend, path: Path, **kwargs: Any) -> RegisterImport:
    return backend.call(import_register, path, backup=backend.backup, **kwargs)


def _customers(backend: Backend) -> dict[str, Customer]:
    with backend.session() as session:
        customers = list(session.scalars(select(Customer)))
        session.expunge_all()
    return {c.account_no: c for c in customers}


def _content(backend: Backend) -> dict[str, list[tuple[Any, ...]]]:
    with backend.session() as session:
        return dump_database(session)


def _sample_row(index: int, **changes: Any) -> dict[str, Any]:
    """A register row (by the office's headers) holding exactly a sample customer's values."""
    fields = SAMPLE_CUSTOMERS[index]
    values = {
        "户号": fields.account_no,
        "户名": fields.name,
        "用电地址": fields.address,
        "供电电压": f"{fields.supply_voltage.value}kV",
        "合同容量(kVA)": int(fields.contract_capacity_kva),
        "电价类别": {"two_part": "两部制", "single_part": "单一制"}[fields.tariff.value],
        "重要用户等级": {"first": "一级", "ordinary": "一般"}[fields.importance.value],
        "计量类别": fields.metering_class.value,
        "行业": fields.industry,
    }
    values.update(changes)
    return values


def _rows(header: Sequence[str], rows: Sequence[dict[str, Any]]) -> list[list[Any]]:
    return [[row.get(h) for h in header] for row in rows]


def test_a_realistic_office_register_is_imported(backend: Backend, tmp_path: Path) -> None:
    result = _import(backend, _office_register(tmp_path / "高压客户档案.xlsx"))
    assert result.problems == [] and result.applied
    assert (result.sheet, result.header_row) == ("高压客户", 3)
    assert [(o.row, o.account_no, o.action) for o in result.outcomes] == [
        (4, "0531000101", "inserted"),
        (5, "0531000102", "inserted"),
        (6, "0531000103", "inserted"),
        (7, "0531000104", "inserted"),
    ]
    stored = _customers(backend)
    water = stored["0531000101"]
    assert (water.name, water.address, water.contact_name, water.contact_phone, water.industry) == (
        "临河县自来水公司",
        "临河县滨河路1号",
        "刘强",
        "13805310101",
        "水务",
    )
    assert (water.supply_voltage, water.contract_capacity_kva, water.tariff) == (
        VoltageLevel.KV_10,
        Decimal(2500),
        Tariff.TWO_PART,
    )
    assert (water.importance, water.metering_class) == (ImportanceGrade.SECOND, MeteringClass.II)
    mall = stored["0531000102"]
    assert (mall.supply_voltage, mall.contract_capacity_kva, mall.tariff) == (
        VoltageLevel.KV_10,
        Decimal(630),
        Tariff.SINGLE_PART,
    )
    # Left empty: an ordinary customer, and the metering class its capacity gives.
    assert (mall.importance, mall.metering_class, mall.notes) == (
        ImportanceGrade.ORDINARY,
        MeteringClass.III,
        "地下室配电房",
    )
    plant = stored["0531000103"]
    assert (plant.supply_voltage, plant.contract_capacity_kva, plant.importance) == (
        VoltageLevel.KV_35,
        Decimal(12500),
        ImportanceGrade.FIRST,
    )
    school = stored["0531000104"]
    assert (school.supply_voltage, school.importance, school.metering_class) == (
        VoltageLevel.LV_0_4,
        ImportanceGrade.ORDINARY,
        MeteringClass.IV,
    )
    ignored = next(w for w in result.warnings if "未导入" in w)
    assert all(name in ignored for name in ("序号", "供电所", "抄表段"))
    assert any("计量类别" in w and "1 个新客户" in w for w in result.warnings)


def test_english_headers_full_width_forms_and_units_in_the_header(backend: Backend, tmp_path: Path) -> None:
    header = ("Account No.", "Customer Name", "Supply Voltage (V)", "Capacity (MVA)", "TARIFF", "Importance")
    path = _write(
        tmp_path / "register.xlsx",
        header,
        [
            ("A-1001", "Linhe Cement Co.", 10000, 2.5, "two-part", "special"),
            ("A-1002", "Mill", "380", 0.2, "single", ""),
        ],
    )
    result = _import(backend, path)
    assert result.problems == [] and result.count("inserted") == 2
    stored = _customers(backend)
    assert (stored["A-1001"].supply_voltage, stored["A-1001"].contract_capacity_kva) == (
        VoltageLevel.KV_10,
        Decimal(2500),
    )
    assert (stored["A-1001"].tariff, stored["A-1001"].importance) == (
        Tariff.TWO_PART,
        ImportanceGrade.SPECIAL,
    )
    assert (stored["A-1002"].supply_voltage, stored["A-1002"].contract_capacity_kva) == (
        VoltageLevel.LV_0_4,
        Decimal(200),
    )
    full_width = ("户　号", "＊户名", "电压等级", "合同容量（ｋＶＡ）", "电价")
    path = _write(
        tmp_path / "full.xlsx", full_width, [("０５３１０００２０１", "甲厂", "１０ｋＶ", "３１５", "两部制")]
    )
    result = _import(backend, path)
    assert result.problems == []
    assert _customers(backend)["0531000201"].contract_capacity_kva == Decimal(315)


def test_existing_customers_change_in_exactly_the_fields_that_differ(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    header = ("户号", "户名", "用电地址", "联系电话", "行业", "供电电压", "合同容量(kVA)", "电价类别")
    header += ("重要用户等级", "计量类别")
    rows = [
        _sample_row(0, 联系电话="0531-2221234", **{"合同容量(kVA)": "3,150"}),  # two fields changed
        _sample_row(1),  # the same
        _sample_row(2, 重要用户等级=None, 计量类别=None, 行业=None),  # empty cells erase nothing
        {
            "户号": "0531000301",
            "户名": "新建纺织厂",
            "供电电压": "10 kV",
            "合同容量(kVA)": 800,
            "电价类别": "大工业",
        },
    ]
    path = _write(tmp_path / "register.xlsx", header, _rows(header, rows))
    before = _customers(backend)
    result = _import(backend, path, actor="办公室")
    assert result.problems == []
    assert [(o.account_no, o.action, set(o.fields)) for o in result.outcomes[:3]] == [
        ("0531000001", "updated", {"contact_phone", "contract_capacity_kva"}),
        ("0531000002", "unchanged", set()),
        ("0531000003", "unchanged", set()),
    ]
    assert (result.outcomes[3].account_no, result.outcomes[3].action) == ("0531000301", "inserted")
    after = _customers(backend)
    hospital = after["0531000001"]
    assert (hospital.contact_phone, hospital.contract_capacity_kva) == ("0531-2221234", Decimal(3150))
    assert hospital.revision == before["0531000001"].revision + 1
    assert hospital.modified_by == backend.device_code
    assert after["0531000002"].revision == before["0531000002"].revision
    assert after["0531000003"].importance == before["0531000003"].importance
    with backend.session() as session:
        [event] = session.scalars(select(AuditEvent).where(AuditEvent.action == "customer.update"))
        assert (event.entity_id, event.actor) == (str(hospital.id), "办公室")
        assert set(event.detail["after"]) == {"contact_phone", "contract_capacity_kva"}
    # The same register again: nothing changes, not even a revision.
    content = _customers(backend)
    again = _import(backend, path)
    assert {o.action for o in again.outcomes} == {"unchanged"} and again.backup is None
    assert {k: (c.revision, c.modified_at) for k, c in _customers(backend).items()} == {
        k: (c.revision, c.modified_at) for k, c in content.items()
    }


def test_a_backup_is_taken_before_changes_and_a_dry_run_changes_nothing(
    backend: Backend, tmp_path: Path
) -> None:
    path = _office_register(tmp_path / "register.xlsx")
    taken: list[str] = []
    before = _content(backend)
    dry = backend.call(import_register, path, dry_run=True, backup=lambda label: taken.append(label) or None)
    assert (dry.count("inserted"), dry.applied, taken) == (4, False, [])
    assert _content(backend) == before
    result = backend.call(import_register, path, backup=lambda label: taken.append(label) or "copy")
    assert (result.applied, result.backup, taken) == (True, "copy", ["before-register-import"])


def test_a_deleted_customer_in_the_register_is_restored(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    with backend.session() as session:
        customer = session.get(Customer, sample.customers[1])
        assert customer is not None
        customer.deleted = True
    header = tuple(_sample_row(1))
    result = _import(backend, _write(tmp_path / "r.xlsx", header, _rows(header, [_sample_row(1)])))
    assert [(o.action, o.fields) for o in result.outcomes] == [("updated", ("deleted",))]
    assert not _customers(backend)["0531000002"].deleted
    assert any("恢复" in w for w in result.warnings)


def test_account_numbers_keep_their_zeros_and_a_lost_zero_is_refused(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    header = ("户号", "户名", "供电电压", "合同容量", "电价类别")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    sheet.append(("0531000401", "甲", "10kV", 500, "单一制"))
    sheet.append((531000402, "乙", "10kV", 500, "单一制"))  # shown as 0531000402 by its format: kept
    sheet["A3"].number_format = "0000000000"
    sheet.append((531000403, "丙", "10kV", 500, "单一制"))  # General: Excel dropped the zero
    workbook.save(tmp_path / "zeros.xlsx")
    before = _content(backend)
    result = _import(backend, tmp_path / "zeros.xlsx")
    [problem] = result.problems
    assert (problem.sheet, problem.row, problem.column, problem.cell) == ("Sheet", 4, "户号", "A4")
    assert "531000403" in problem.message and "0531000401" in problem.message
    assert _content(backend) == before
    # Only numbers in the column: the digits are taken, with a warning, unless a stored customer has
    # the same digits after a zero.
    path = _write(tmp_path / "numbers.xlsx", header, [(531000001, "临河县人民医院", "10kV", 2500, "两部制")])
    [problem] = _import(backend, path).problems
    assert (problem.row, problem.cell) == (2, "A2") and "0531000001" in problem.message
    path = _write(tmp_path / "numbers2.xlsx", header, [(3700000001, "丁", "10kV", 500, "单一制")])
    result = _import(backend, path)
    assert result.problems == [] and any("数字单元格" in w for w in result.warnings)
    assert "3700000001" in _customers(backend)


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        (  # the same account number twice: both rows named
            ("户号", "户名", "供电电压", "合同容量", "电价类别"),
            [("0531000501", "甲", "10kV", 500, "单一制"), ("0531000501", "乙", "10kV", 500, "单一制")],
            (4, "户号", "A4", "第 3 行和第 4 行"),
        ),
        (  # a voltage the app does not know
            ("户号", "户名", "供电电压", "合同容量", "电价类别"),
            [("0531000501", "甲", "6kV", 500, "单一制")],
            (3, "供电电压", "C3", "供电电压无法识别"),
        ),
        (  # a formula where a value is read
            ("户号", "户名", "供电电压", "合同容量", "电价类别"),
            [("0531000501", "甲", "10kV", "=1000+1500", "单一制")],
            (3, "合同容量", "D3", "公式"),
        ),
        (  # a required cell left empty
            ("户号", "户名", "供电电压", "合同容量", "电价类别"),
            [("0531000501", None, "10kV", 500, "单一制")],
            (3, "户名", "B3", "不能为空"),
        ),
        (  # ... also the last one, where Excel writes no cell at all
            ("户号", "户名", "供电电压", "合同容量", "电价类别"),
            [("0531000501", "甲", "10kV", 500, None)],
            (3, "电价类别", "E3", "不能为空"),
        ),
        (  # the customer rules: capacity must be positive
            ("户号", "用户名称", "电压等级", "运行容量", "tariff"),
            [("0531000501", "甲", "10kV", "-5", "单一制")],
            (3, "运行容量", "D3", "合同容量必须大于0"),
        ),
        (  # ... and a contact's name fits its column
            ("户号", "户名", "供电电压", "合同容量", "电价类别", "联系人"),
            [("0531000501", "甲", "10kV", 500, "单一制", "王" * 51)],
            (3, "联系人", "F3", "联系人过长"),
        ),
        (  # a missing required column, named with every header accepted for it
            ("户号", "户名", "供电电压", "电价类别"),
            [("0531000501", "甲", "10kV", "单一制")],
            (1, "合同容量", None, "合同容量、容量、运行容量、capacity"),
        ),
        (  # two columns of the same name
            ("户号", "户名", "供电电压", "合同容量", "电价类别", "户名"),
            [("0531000501", "甲", "10kV", 500, "单一制", "乙")],
            (1, "户名", None, "B 列和 F 列"),
        ),
        (  # a header and nothing under it
            ("户号", "户名", "供电电压", "合同容量", "电价类别"),
            [],
            (1, None, None, "没有客户"),
        ),
    ],
)
def test_a_bad_register_changes_nothing_and_names_the_cell(
    backend: Backend,
    sample: Sample,
    tmp_path: Path,
    header: tuple[str, ...],
    row: list[tuple[Any, ...]],
    expected: tuple[Any, ...],
) -> None:
    good = ("0531000502", "好", "10kV", 500, "单一制", "")[: len(header)]
    path = _write(tmp_path / "bad.xlsx", header, [good, *row] if row else [], sheet_title="客户")
    before = _content(backend)
    result = _import(backend, path)
    assert not result.applied and result.problems
    problem = result.problems[0]
    number, column, cell, text = expected
    assert (problem.file, problem.sheet) == ("bad.xlsx", "客户")
    assert (problem.row, problem.column, problem.cell) == (number, column, cell)
    assert text in problem.message, problem.message
    assert _content(backend) == before


def test_every_problem_of_a_register_is_named_at_once(backend: Backend, tmp_path: Path) -> None:
    header = ("户号", "户名", "供电电压", "合同容量", "电价类别")
    rows = [
        ("0531000701", "甲", "6kV", 500, "单一制"),
        ("0531000701", "乙", "10kV", 500, "单一制"),
        ("0531000702", "丙", "10kV", 500, "=A1"),
        (531000703, "丁", "10kV", "五百", "单一制"),
    ]
    result = _import(backend, _write(tmp_path / "r.xlsx", header, rows))
    assert [(p.row, p.cell) for p in result.problems] == [
        (2, "C2"),
        (3, "A3"),
        (4, "E4"),
        (5, "D5"),
    ]
    assert _customers(backend) == {}


def test_a_total_row_is_skipped_and_a_register_on_a_later_sheet_is_found(
    backend: Backend, tmp_path: Path
) -> None:
    header = ("序号", "户号", "户名", "供电电压", "合同容量", "电价类别")
    rows = [(1, "0531000601", "甲", "10kV", 500, "单一制"), ("合计", None, None, None, "=SUM(E3:E3)", None)]
    path = _write(
        tmp_path / "r.xlsx", header, rows, header_row=2, sheet_title="客户", before=("封面", "说明")
    )
    result = _import(backend, path)
    assert result.problems == [] and result.sheet == "客户" and result.count("inserted") == 1
    assert any("第 4 行是合计行" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.xlsx", b"", "文件是空的"),
        ("register.xlsx", "户号,户名,供电电压\n0531000001,甲,10kV\n".encode(), "不是 Excel 工作簿"),
    ],
)
def test_a_file_that_is_no_workbook_changes_nothing(
    backend: Backend, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = _content(backend)
    for report in (
        _import(backend, path),
        backend.call(import_file, path, backend.paths.photos, backup=backend.backup),
    ):
        assert message in report.problems[0].message and not report.applied
    assert _content(backend) == before


def test_a_workbook_that_is_neither_register_nor_sync_workbook_says_so(
    backend: Backend, tmp_path: Path
) -> None:
    path = _write(tmp_path / "notes.xlsx", ("日期", "事项"), [("2026-11-01", "开会")])
    assert register_candidate(path)
    report = backend.call(import_file, path, backend.paths.photos, backup=backend.backup)
    [problem] = report.problems
    assert "不是 fieldapp 同步工作簿" in problem.message and "户号" in problem.message
    assert report.rejected == 1 and not report.applied


def test_the_sync_import_takes_a_register_and_writes_its_report(backend: Backend, tmp_path: Path) -> None:
    path = _office_register(tmp_path / "register.xlsx")
    preview = backend.call(import_file, path, backend.paths.photos, dry_run=True, backup=backend.backup)
    assert (preview.inserted, preview.applied, preview.conflicts, preview.rejected) == (4, False, 0, 0)
    assert _customers(backend) == {}
    report = backend.call(import_file, path, backend.paths.photos, backup=backend.backup)
    assert (report.inserted, report.updated, report.unchanged, report.applied) == (4, 0, 0, True)
    assert [c.table for c in report.changes] == ["customers"] * 4
    assert report.report_path is not None and report.report_path.parent == tmp_path
    written = load_workbook(report.report_path)
    rows = list(written["客户 customers"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[3]) for r in rows] == [(f"053100010{n}", "新增 inserted") for n in range(1, 5)]
    [exchange, *_] = backend.call(exchange_history)
    assert (exchange.direction, exchange.summary["inserted"]) == ("import", 4)


def test_fieldapp_import_takes_a_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    path = _office_register(tmp_path / "register.xlsx")
    assert main(["--data-dir", str(data), "import", "--json", "--dry-run", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["inserted"] == 4
    assert main(["--data-dir", str(data), "import", "--json", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["inserted"], out["updated"], out["unchanged"], out["conflicts"], out["rejected"]) == (
        4,
        0,
        0,
        0,
        0,
    )
    assert main(["--data-dir", str(data), "import", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == 4
    bad = _office_register(tmp_path / "bad.xlsx", [(*OFFICE_ROWS[0][:7], "6kV", *OFFICE_ROWS[0][8:])])
    assert main(["--data-dir", str(data), "import", "--json", str(bad)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["rejected"] == 1 and "H4" in out["problems"][0] and "供电电压" in out["problems"][0]


# The cells, one reading at a time.


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("户号", "account_no"),
        ("用户编号", "account_no"),
        ("Account Number", "account_no"),
        ("account_no", "account_no"),
        ("户号 account_no", "account_no"),
        ("*户名", "name"),
        ("客户名称", "name"),
        ("联系电话", "contact_phone"),
        ("手机", "contact_phone"),
        ("供电电压（kV）", "supply_voltage"),
        ("合同容量(kVA)", "contract_capacity_kva"),
        ("电价类别", "tariff"),
        ("重要用户等级", "importance"),
        ("计量类别", "metering_class"),
        ("备注", "notes"),
        ("计量方式", None),  # 高供高计 and the like: not the metering class
        ("供电所", None),
    ],
)
def test_headers_are_matched_by_name(text: str, key: str | None) -> None:
    match = match_header(text)
    assert (match.key if match else None) == key


@pytest.mark.parametrize(
    ("value", "unit", "level"),
    [
        ("10kV", "", VoltageLevel.KV_10),
        ("10 kV", "", VoltageLevel.KV_10),
        ("10KV", "", VoltageLevel.KV_10),
        ("10千伏", "", VoltageLevel.KV_10),
        ("交流10kV", "", VoltageLevel.KV_10),
        (10, "", VoltageLevel.KV_10),
        ("0.4kV", "", VoltageLevel.LV_0_4),
        ("400V", "", VoltageLevel.LV_0_4),
        ("交流380V", "", VoltageLevel.LV_0_4),
        (380, "v", VoltageLevel.LV_0_4),
        ("63kV", "", VoltageLevel.KV_66),
        ("110", "kv", VoltageLevel.KV_110),
        (220, "", VoltageLevel.KV_220),
    ],
)
def test_voltages_as_people_write_them(value: Any, unit: str, level: VoltageLevel) -> None:
    assert voltage_value(value, unit) is level


@pytest.mark.parametrize("value", ["6kV", "10kV/0.4kV", "高压", "380", True])
def test_voltages_that_are_no_supply_voltage(value: Any) -> None:
    with pytest.raises(RegisterValueError, match="供电电压无法识别"):
        voltage_value(value)


@pytest.mark.parametrize(
    ("value", "unit", "kva"),
    [
        ("2,500", "", Decimal(2500)),
        ("２，５００", "", Decimal(2500)),
        ("2500kVA", "", Decimal(2500)),
        ("2500 千伏安", "", Decimal(2500)),
        ("2.5MVA", "", Decimal(2500)),
        (2.5, "mva", Decimal(2500)),
        (630.0, "kva", Decimal(630)),
        ("315kW", "", Decimal(315)),
    ],
)
def test_capacities_as_people_write_them(value: Any, unit: str, kva: Decimal) -> None:
    assert capacity_value(value, unit) == kva


@pytest.mark.parametrize(
    ("value", "tariff"),
    [
        ("两部制", Tariff.TWO_PART),
        ("大工业", Tariff.TWO_PART),
        ("大工业用电", Tariff.TWO_PART),
        ("一般工商业两部制", Tariff.TWO_PART),
        ("two-part", Tariff.TWO_PART),
        ("单一制", Tariff.SINGLE_PART),
        ("一般工商业", Tariff.SINGLE_PART),
        ("非居民照明", Tariff.SINGLE_PART),
        ("农业生产", Tariff.SINGLE_PART),
        ("single_part", Tariff.SINGLE_PART),
    ],
)
def test_tariffs_as_people_write_them(value: str, tariff: Tariff) -> None:
    assert tariff_value(value) is tariff


@pytest.mark.parametrize(
    ("value", "grade"),
    [
        ("特级", ImportanceGrade.SPECIAL),
        ("一级重要用户", ImportanceGrade.FIRST),
        ("二级", ImportanceGrade.SECOND),
        ("临时性", ImportanceGrade.TEMPORARY),
        ("一般", ImportanceGrade.ORDINARY),
        ("非重要用户", ImportanceGrade.ORDINARY),
        ("无", ImportanceGrade.ORDINARY),
        ("first", ImportanceGrade.FIRST),
    ],
)
def test_importance_as_people_write_it(value: str, grade: ImportanceGrade) -> None:
    assert importance_value(value) is grade


@pytest.mark.parametrize(
    ("value", "metering"),
    [
        ("I", MeteringClass.I),
        ("Ⅰ类", MeteringClass.I),
        ("II", MeteringClass.II),
        ("Ⅲ类", MeteringClass.III),
        ("三类", MeteringClass.III),
        ("iv", MeteringClass.IV),
        (4, MeteringClass.IV),
    ],
)
def test_metering_classes_as_people_write_them(value: Any, metering: MeteringClass) -> None:
    assert metering_value(value) is metering


@pytest.mark.parametrize("reader", [tariff_value, importance_value, metering_value])
def test_unknown_choices_are_refused(reader: Any) -> None:
    with pytest.raises(RegisterValueError, match="无法识别"):
        reader("高供高计")


def test_a_sync_workbook_is_not_taken_for_a_register(tmp_path: Path) -> None:
    assert not register_candidate(_write(tmp_path / "a.xlsx", ("x",), [], sheet_title="说明 about"))
    assert not register_candidate(
        _write(tmp_path / "b.xlsx", ("户号 account_no",), [], sheet_title="客户 customers")
    )
    assert not register_candidate(tmp_path / "missing.xlsx")
    assert register_candidate(_office_register(tmp_path / "c.xlsx"))


def test_customers_made_together_are_checked_like_one_at_a_time(backend: Backend, sample: Sample) -> None:
    fresh = replace(SAMPLE_CUSTOMERS[0], account_no="0531000801")
    before = _content(backend)
    for batch, message in (([fresh, SAMPLE_CUSTOMERS[1]], "已存在"), ([fresh, fresh], "重复")):
        with pytest.raises(ValidationError, match=message):
            backend.call(create_customers, batch)
    assert _content(backend) == before
    [made] = backend.call(create_customers, [fresh], actor="办公室")
    assert _customers(backend)["0531000801"].id == made
