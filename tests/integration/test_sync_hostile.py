"""A corpus of broken and malicious files, each made in the test from a good export of the demo data: every
one is refused with a message naming the place (file, sheet, row, column, cell) and saying why, and the
database is unchanged in content (every table's rows) and so is the photo store.

Workbooks are edited in their XML where one cell must change (the writer's inline strings make that
exact and quick); a sheet is deleted with openpyxl, as a person would in Excel. A bundle is rebuilt with
its manifest listing the new hashes unless the case is about the manifest itself.

Then a change a finalized inspection does not allow: that record is rejected and named, the rest is
applied, and `fieldapp import --json` exits 1 with the report beside the file."""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sync_kit import demo_bundle, dump_database, folder_listing
from testkit import run_cli

from fieldapp.domain.enums import InspectionStatus
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.sync_import import import_file
from fieldapp.store.models import Answer, Customer, Inspection
from fieldapp.sync import bundle as bundle_module
from fieldapp.sync.bundle import DATA, MANIFEST, open_bundle
from fieldapp.sync.labels import sheet_title
from fieldapp.workbook.problems import WorkbookError, WorkbookProblem

CUSTOMERS = sheet_title("customers")


# --- the good export, and the database it came from ---------------------------------------------------


@dataclass
class Good:
    bundle: Path
    entries: dict[str, bytes]  # the bundle's files, manifest.json among them
    work: Path  # where the cases write their files

    @property
    def manifest(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.entries[MANIFEST])
        return loaded

    @property
    def workbook(self) -> bytes:
        return self.entries[DATA]

    @property
    def photos(self) -> list[str]:
        return sorted(name for name in self.entries if name.startswith("photos/"))

    def file(self, name: str, data: bytes) -> Path:
        path = self.work / name
        path.write_bytes(data)
        return path


@dataclass(frozen=True)
class Snapshot:
    rows: dict[str, list[tuple[Any, ...]]]
    photos: list[tuple[str, int, str]]


def snapshot(backend: Backend) -> Snapshot:
    with backend.session() as session:
        rows = dump_database(session)
    return Snapshot(rows, folder_listing(backend.paths.photos))


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Good:
    """The demo data's full bundle, read into memory for the cases to take apart."""
    root = tmp_path_factory.mktemp("hostile")
    backend, bundle = demo_bundle(root)
    backend.close()
    with zipfile.ZipFile(bundle) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    work = root / "cases"
    work.mkdir()
    return Good(bundle, entries, work)


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Backend]:
    """A fresh copy of the database the good bundle was exported from (each case its own: a case that
    wrongly changed something must not hide behind the next)."""
    backend, _ = demo_bundle(tmp_path)
    try:
        yield backend
    finally:
        backend.close()


# --- making files ---------------------------------------------------------------------------------------


def write_zip(path: Path, entries: dict[str, bytes]) -> Path:
    """A zip as the app writes a bundle: photos and the workbook stored, text deflated."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            stored = name.endswith((".jpg", ".xlsx"))
            archive.writestr(name, data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    return path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def rebundle(
    good: Good,
    name: str,
    *,
    change: dict[str, bytes] | None = None,
    drop: tuple[str, ...] = (),
    manifest: dict[str, Any] | None = None,
    listed: bool = True,
) -> Path:
    """The good bundle with files changed, added or dropped; the manifest lists their hashes (unless
    `listed` is False: then it is the good one, or `manifest` as given)."""
    entries = {k: v for k, v in good.entries.items() if k not in drop}
    entries.update(change or {})
    body = manifest if manifest is not None else good.manifest
    if listed:
        body = {**body, "files": {k: sha256(v) for k, v in entries.items() if k != MANIFEST}}
    entries[MANIFEST] = json.dumps(body, ensure_ascii=False).encode()
    return write_zip(good.work / name, entries)


def workbook_parts(xlsx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def sheet_part(parts: dict[str, bytes], title: str) -> str:
    """The zip name of the worksheet titled `title`, from workbook.xml and its relationships."""
    workbook = parts["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet name="{re.escape(title)}"[^>]* r:id="(rId\d+)"', workbook)
    assert rid, title
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'Target="/?([^"]+)" Id="{rid.group(1)}"', rels)
    assert target, rid.group(1)
    return target.group(1)


@dataclass
class Sheet:
    """One worksheet's XML, edited by cell."""

    xml: str

    def letters(self) -> dict[str, str]:
        """Column key -> letter, from the header row ("户号 account_no" -> key account_no)."""
        header = re.search(r'<row r="1">(.*?)</row>', self.xml)
        assert header
        return {
            text.split()[-1]: letter
            for letter, text in re.findall(r'<c r="([A-Z]+)1"[^>]*><is><t>([^<]*)</t>', header.group(1))
        }

    def row_of(self, key: str, text: str) -> int:
        letter = self.letters()[key]
        found = re.findall(rf'<c r="{letter}(\d+)"[^>]*><is><t>{re.escape(text)}</t></is></c>', self.xml)
        assert len(found) == 1, (key, text, found)
        return int(found[0])

    def text(self, ref: str) -> str:
        found = re.search(rf'<c r="{ref}"[^>]*><is><t>([^<]*)</t></is></c>', self.xml)
        assert found, ref
        return found.group(1)

    def put(self, ref: str, body: str) -> None:
        """Replace cell `ref` (it must exist) with `body`, the cell's XML inside <c r=ref ...>...</c>."""
        pattern = re.compile(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)')
        assert len(pattern.findall(self.xml)) == 1, ref
        self.xml = pattern.sub(lambda _: f'<c r="{ref}"{body}', self.xml, count=1)

    def put_text(self, ref: str, text: str) -> None:
        self.put(ref, f' t="inlineStr"><is><t>{text}</t></is></c>')


def edit_workbook(xlsx: bytes, title: str, edit: Callable[[Sheet], None]) -> bytes:
    parts = workbook_parts(xlsx)
    name = sheet_part(parts, title)
    sheet = Sheet(parts[name].decode())
    edit(sheet)
    parts[name] = sheet.xml.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return out.getvalue()


def bundle_with_workbook(good: Good, name: str, title: str, edit: Callable[[Sheet], None]) -> Path:
    return rebundle(good, name, change={DATA: edit_workbook(good.workbook, title, edit)})


# --- what a refusal must say ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    phrase: str  # part of the message
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None

    def matches(self, problem: WorkbookProblem) -> bool:
        return self.phrase in problem.message and (
            problem.sheet,
            problem.row,
            problem.column,
            problem.cell,
        ) == (self.sheet, self.row, self.column, self.cell)


Case = Callable[[Good], tuple[Path, list[Expect]]]
CASES: dict[str, Case] = {}


def case(function: Case) -> Case:
    CASES[function.__name__] = function
    return function


# --- files that are not what they claim -------------------------------------------------------------------


@case
def empty_bundle(good: Good) -> tuple[Path, list[Expect]]:
    return good.file("empty.fieldsync", b""), [Expect("文件是空的")]


@case
def empty_workbook(good: Good) -> tuple[Path, list[Expect]]:
    return good.file("empty.xlsx", b""), [Expect("文件是空的")]


@case
def truncated_bundle(good: Good) -> tuple[Path, list[Expect]]:
    data = good.bundle.read_bytes()
    return good.file("truncated.fieldsync", data[: len(data) // 2]), [Expect("不完整")]


@case
def truncated_workbook(good: Good) -> tuple[Path, list[Expect]]:
    return good.file("truncated.xlsx", good.workbook[: len(good.workbook) // 2]), [Expect("不完整")]


@case
def csv_renamed_xlsx(good: Good) -> tuple[Path, list[Expect]]:
    text = "户号,户名,合同容量\n0531000001,临河县人民医院,2500\n".encode("gbk")
    return good.file("register.xlsx", text), [Expect("文本文件")]


@case
def old_xls_renamed_xlsx(good: Good) -> tuple[Path, list[Expect]]:
    ole2 = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + b"junk" * 100
    return good.file("old.xlsx", ole2), [Expect("旧版 Excel")]


@case
def text_renamed_bundle(good: Good) -> tuple[Path, list[Expect]]:
    return good.file("notes.fieldsync", "这是一段文字，不是同步包。\n".encode()), [Expect("文本文件")]


@case
def xlsx_renamed_bundle(good: Good) -> tuple[Path, list[Expect]]:
    return good.file("data.fieldsync", good.workbook), [Expect("这是 Excel 工作簿，不是同步包")]


# --- hostile zips ----------------------------------------------------------------------------------------


@case
def parent_path_entry(good: Good) -> tuple[Path, list[Expect]]:
    path = write_zip(good.work / "parent.fieldsync", {**good.entries, "../evil.txt": b"boom"})
    return path, [Expect("不安全的路径 '../evil.txt'")]


@case
def absolute_path_entry(good: Good) -> tuple[Path, list[Expect]]:
    path = write_zip(good.work / "absolute.fieldsync", {**good.entries, "/etc/x": b"boom"})
    return path, [Expect("不安全的路径 '/etc/x'")]


@case
def windows_path_entry(good: Good) -> tuple[Path, list[Expect]]:
    path = write_zip(good.work / "windows.fieldsync", {**good.entries, "photos\\..\\..\\x.jpg": b"boom"})
    return path, [Expect("不安全的路径")]


@case
def unexpected_entry(good: Good) -> tuple[Path, list[Expect]]:
    path = write_zip(good.work / "extra.fieldsync", {**good.entries, "run.exe": b"MZ"})
    return path, [Expect("不应有的文件 'run.exe'")]


@case
def too_many_entries(good: Good) -> tuple[Path, list[Expect]]:
    limit = bundle_module.MAX_ENTRIES  # lowered by the test: a real 250 001-entry zip costs seconds
    extra = {f"cells/{sha256(str(n).encode())}.txt": str(n).encode() for n in range(limit)}
    path = write_zip(good.work / "many.fieldsync", {**good.entries, **extra})
    return path, [Expect(f"同步包中文件过多（{limit + len(good.entries)} 个，上限 {limit}）")]


ZIP_BOMB_BYTES = 50 * 1024 * 1024


@case
def zip_bomb(good: Good) -> tuple[Path, list[Expect]]:
    """A 50 MB overflow cell of zeros, listed in the manifest with its true hash, squeezed to ~50 KB."""
    zeros = bytes(ZIP_BOMB_BYTES)
    name = f"cells/{sha256(zeros)}.txt"
    path = rebundle(good, "bomb.fieldsync", change={name: zeros})
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(name).compress_size < ZIP_BOMB_BYTES // 500
    return path, [Expect(f"{name} 解压后")]


@case
def manifest_hash_mismatch(good: Good) -> tuple[Path, list[Expect]]:
    """One photo's bytes swapped for another's; the manifest still lists the original hash."""
    first, second = good.photos[:2]
    path = rebundle(good, "swapped.fieldsync", change={first: good.entries[second]}, listed=False)
    return path, [Expect(f"{first} 的 SHA-256 与 manifest 不符")]


@case
def photo_not_its_name(good: Good) -> tuple[Path, list[Expect]]:
    """A photo's bytes replaced, and the manifest made to agree: the name (its SHA-256) still does not."""
    first = good.photos[0]
    path = rebundle(good, "renamed-photo.fieldsync", change={first: b"\xff\xd8\xff\xe0 not this photo"})
    return path, [Expect(f"照片 {first} 的内容与其名称（SHA-256）不符")]


@case
def file_not_in_manifest(good: Good) -> tuple[Path, list[Expect]]:
    extra = b"\xff\xd8\xff\xe0 stowaway"
    name = f"photos/{sha256(extra)}.jpg"
    path = rebundle(good, "stowaway.fieldsync", change={name: extra}, listed=False)
    return path, [Expect(f"{name} 不在 manifest 的文件清单中")]


@case
def listed_file_missing(good: Good) -> tuple[Path, list[Expect]]:
    gone = good.photos[-1]
    path = rebundle(good, "missing-photo.fieldsync", drop=(gone,), listed=False)
    return path, [Expect(f"manifest 列出的 {gone} 不在同步包中")]


@case
def newer_format(good: Good) -> tuple[Path, list[Expect]]:
    path = rebundle(good, "newer.fieldsync", manifest={**good.manifest, "format_version": 2})
    return path, [Expect("同步包格式版本 2 比本程序支持的 1 新")]


@case
def not_our_manifest(good: Good) -> tuple[Path, list[Expect]]:
    path = rebundle(good, "other.fieldsync", manifest={**good.manifest, "format": "someone-else"})
    return path, [Expect("不是 fieldapp 同步包")]


@case
def manifest_not_json(good: Good) -> tuple[Path, list[Expect]]:
    path = write_zip(good.work / "badjson.fieldsync", {**good.entries, MANIFEST: b"{not json"})
    return path, [Expect("manifest.json 无法读取")]


# --- hostile XML -----------------------------------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n' for n in range(1, 10)
    )
    + ']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    "<si><t>&lol9;</t></si></sst>"
)


def _with_shared_strings(xlsx: bytes, xml: str) -> bytes:
    parts = workbook_parts(xlsx)
    parts["xl/sharedStrings.xml"] = xml.encode()
    types = parts["[Content_Types].xml"].decode()
    override = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return out.getvalue()


@case
def billion_laughs_in_shared_strings(good: Good) -> tuple[Path, list[Expect]]:
    assert BILLION_LAUGHS.count("<!ENTITY") == 10
    data = _with_shared_strings(good.workbook, BILLION_LAUGHS)
    return rebundle(good, "laughs.fieldsync", change={DATA: data}), [Expect("XML 实体")]


@case
def billion_laughs_in_a_sheet(good: Good) -> tuple[Path, list[Expect]]:
    """The same, in a worksheet (refused as the workbook opens: the DTD comes first)."""
    parts = workbook_parts(good.workbook)
    name = sheet_part(parts, CUSTOMERS)
    xml = parts[name].decode()
    doctype = BILLION_LAUGHS.split("<sst")[0].replace('<?xml version="1.0"?>\n', "")
    parts[name] = (doctype + xml.replace("0531000001", "&lol9;", 1)).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return rebundle(good, "sheet-laughs.fieldsync", change={DATA: out.getvalue()}), [Expect("XML 实体")]


@case
def broken_sheet_xml(good: Good) -> tuple[Path, list[Expect]]:
    """A worksheet cut off in the middle (a damaged copy). With the <dimension> Excel and LibreOffice write
    first, openpyxl opens the workbook and meets the damage only while reading that sheet's rows."""
    parts = workbook_parts(good.workbook)
    name = sheet_part(parts, CUSTOMERS)
    xml = parts[name].decode().replace("</sheetPr>", '</sheetPr><dimension ref="A1:T35" />', 1)
    parts[name] = xml[: len(xml) // 2].encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return rebundle(good, "cut-sheet.fieldsync", change={DATA: out.getvalue()}), [
        Expect("已损坏", sheet=CUSTOMERS)
    ]


# --- sheets and columns ----------------------------------------------------------------------------------


@case
def missing_sheet(good: Good) -> tuple[Path, list[Expect]]:
    """The customers sheet deleted in a spreadsheet program (openpyxl here), the rest saved as it was."""
    source = good.file("full.xlsx", good.workbook)
    workbook = load_workbook(source)
    del workbook[CUSTOMERS]
    target = good.work / "no-customers.xlsx"
    workbook.save(target)
    return target, [Expect("缺少工作表", sheet=CUSTOMERS)]


def _rename_header(sheet: Sheet) -> None:
    sheet.put_text(f"{sheet.letters()['account_no']}1", "户号 account_number")


@case
def renamed_column_key(good: Good) -> tuple[Path, list[Expect]]:
    path = bundle_with_workbook(good, "renamed-column.fieldsync", CUSTOMERS, _rename_header)
    return path, [
        Expect("未知的列 '户号 account_number'", CUSTOMERS, 1, "account_number", "A1"),
        Expect("缺少列 户号 account_no", CUSTOMERS, 1, "account_no"),
    ]


@case
def unknown_extra_column(good: Good) -> tuple[Path, list[Expect]]:
    def add(sheet: Sheet) -> None:
        last = sorted(sheet.letters().values(), key=lambda x: (len(x), x))[-1]
        extra = chr(ord(last) + 1)
        sheet.xml = sheet.xml.replace(
            "</row>", f'<c r="{extra}1" t="inlineStr"><is><t>片区 district</t></is></c></row>', 1
        )

    path = bundle_with_workbook(good, "extra-column.fieldsync", CUSTOMERS, add)
    return path, [Expect("未知的列 '片区 district'", CUSTOMERS, 1, "district", "U1")]


# --- cells -----------------------------------------------------------------------------------------------


def _cell_case(
    good: Good, name: str, title: str, key: str, row: int, body: str | None, text: str | None = None
) -> tuple[Path, str]:
    """A bundle whose cell (`key`, `row`) of sheet `title` holds `text` (or the raw cell XML `body`)."""
    ref = ""

    def edit(sheet: Sheet) -> None:
        nonlocal ref
        ref = f"{sheet.letters()[key]}{row}"
        if text is not None:
            sheet.put_text(ref, text)
        else:
            assert body is not None
            sheet.put(ref, body)

    return bundle_with_workbook(good, name, title, edit), ref


@case
def text_in_a_number_column(good: Good) -> tuple[Path, list[Expect]]:
    path, ref = _cell_case(good, "abc.fieldsync", CUSTOMERS, "contract_capacity_kva", 5, None, "abc")
    return path, [Expect("应为数字，而不是 'abc'", CUSTOMERS, 5, "contract_capacity_kva", ref)]


@case
def impossible_date(good: Good) -> tuple[Path, list[Expect]]:
    title = sheet_title("equipment")
    path, ref = _cell_case(good, "feb30.fieldsync", title, "commissioned_on", 7, None, "2026-02-30")
    return path, [Expect("不是有效的日期 '2026-02-30'", title, 7, "commissioned_on", ref)]


@case
def choice_not_in_the_list(good: Good) -> tuple[Path, list[Expect]]:
    path, ref = _cell_case(good, "grade.fieldsync", CUSTOMERS, "importance", 4, None, "三级")
    return path, [Expect("取值无效 '三级'", CUSTOMERS, 4, "importance", ref)]


@case
def formula_in_a_cell(good: Good) -> tuple[Path, list[Expect]]:
    body = ' t="n"><f>1+1</f><v>2</v></c>'
    path, ref = _cell_case(good, "formula.fieldsync", CUSTOMERS, "contract_capacity_kva", 6, body)
    return path, [Expect("单元格含有公式", CUSTOMERS, 6, "contract_capacity_kva", ref)]


@case
def formula_in_a_bare_workbook(good: Good) -> tuple[Path, list[Expect]]:
    def edit(sheet: Sheet) -> None:
        sheet.put(
            f"{sheet.letters()['name']}3", ' t="str"><f>HYPERLINK("http://x","点我")</f><v>点我</v></c>'
        )

    path = good.file("formula.xlsx", edit_workbook(good.workbook, CUSTOMERS, edit))
    return path, [Expect("单元格含有公式", CUSTOMERS, 3, "name", "B3")]


@case
def duplicate_id(good: Good) -> tuple[Path, list[Expect]]:
    ref = ""

    def edit(sheet: Sheet) -> None:
        nonlocal ref
        letter = sheet.letters()["id"]
        ref = f"{letter}9"
        sheet.put_text(ref, sheet.text(f"{letter}8"))

    path = bundle_with_workbook(good, "dup-id.fieldsync", CUSTOMERS, edit)
    return path, [Expect("编号重复：与第 8 行相同", CUSTOMERS, 9, "id", ref)]


@case
def duplicate_account_number(good: Good) -> tuple[Path, list[Expect]]:
    path, ref = _cell_case(good, "dup-account.fieldsync", CUSTOMERS, "account_no", 12, None, "0531000001")
    return path, [Expect("户号 0531000001 重复：与第 2 行相同", CUSTOMERS, 12, "account_no", ref)]


@case
def reference_to_a_missing_customer(good: Good) -> tuple[Path, list[Expect]]:
    title = sheet_title("equipment")
    nobody = uuid.UUID("00000000-0000-4000-8000-00000000dead")
    path, _ = _cell_case(good, "orphan.fieldsync", title, "customer_id", 10, None, str(nobody))
    return path, [Expect(f"{nobody} 既不在本文件中，也不在数据库中", title, 10, "customer_id")]


@case
def problems_in_two_sheets_far_apart(good: Good) -> tuple[Path, list[Expect]]:
    """The import merges sheet by sheet: the customers (sheet 3) are written before the equipment's
    reference is found missing (sheet 8) and the answers' bad choice read (sheet 11). Both are reported,
    and what was written is undone."""
    nobody = uuid.UUID("00000000-0000-4000-8000-00000000beef")
    equipment, answers = sheet_title("equipment"), sheet_title("answers")
    refs: dict[str, str] = {}

    def orphan(sheet: Sheet) -> None:
        refs["equipment"] = f"{sheet.letters()['customer_id']}6"
        sheet.put_text(refs["equipment"], str(nobody))

    def verdict(sheet: Sheet) -> None:
        refs["answers"] = f"{sheet.letters()['verdict']}9"
        sheet.put_text(refs["answers"], "差不多")

    data = edit_workbook(edit_workbook(good.workbook, equipment, orphan), answers, verdict)
    path = rebundle(good, "two-sheets.fieldsync", change={DATA: data})
    return path, [
        Expect(f"{nobody} 既不在本文件中，也不在数据库中", equipment, 6, "customer_id"),
        Expect("取值无效 '差不多'", answers, 9, "verdict", refs["answers"]),
    ]


@case
def account_number_of_another_record(good: Good) -> tuple[Path, list[Expect]]:
    """A row whose id was cleared is a new record, holding an account number a stored customer has."""

    def edit(sheet: Sheet) -> None:
        sheet.put(f"{sheet.letters()['id']}5", ' t="inlineStr" />')

    path = bundle_with_workbook(good, "new-row.fieldsync", CUSTOMERS, edit)
    return path, [Expect("已属于数据库中的另一条记录", CUSTOMERS, 5, "account_no")]


def assert_refused(office: Backend, path: Path, expected: list[Expect]) -> None:
    """Import `path` into `office`: refused with exactly the problems expected, nothing changed, and the
    report beside the file lists them."""
    before = snapshot(office)

    report = office.call(import_file, path, office.paths.photos, backup=lambda _: None)

    shown = [f"{p.sheet}|{p.row}|{p.column}|{p.cell}|{p.message}" for p in report.problems]
    for expect in expected:
        assert any(expect.matches(p) for p in report.problems), (expect, shown)
    assert len(report.problems) == len(expected), shown
    assert all(p.file == path.name for p in report.problems)
    assert not report.applied
    assert (report.inserted, report.updated, report.conflicts) == (0, 0, 0)
    assert report.rejected == len(expected)
    assert snapshot(office) == before
    # The report beside the file names the problem too, in its "conflicts and errors" sheet.
    assert report.report_path is not None and report.report_path.parent == path.parent
    written = load_workbook(report.report_path, read_only=True)
    try:
        errors = list(written["冲突与错误 conflicts and errors"].iter_rows(min_row=2, values_only=True))
    finally:
        written.close()
    assert [(r[0], r[1] or None, r[2], r[3] or None, r[4] or None) for r in errors] == [
        ("错误 error", p.sheet, p.row, p.column, p.cell) for p in report.problems
    ]


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_file_is_refused_by_place_and_changes_nothing(
    name: str, good: Good, office: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundle_module, "MAX_ENTRIES", 300)
    path, expected = CASES[name](good)
    assert_refused(office, path, expected)


# Refusals that need the database's view (references, unique values), on each engine: the demo data are
# imported from the good bundle into an empty database first.
@pytest.mark.parametrize("name", ["reference_to_a_missing_customer", "account_number_of_another_record"])
def test_a_refusal_that_asks_the_database_changes_nothing_on_each_engine(
    name: str, good: Good, backend: Backend
) -> None:
    first = backend.call(import_file, good.bundle, backend.paths.photos)
    assert first.applied and first.inserted > 0 and first.rejected == 0
    path, expected = CASES[name](good)
    assert_refused(backend, path, expected)


def test_a_zip_bomb_is_refused_before_anything_is_extracted(good: Good, tmp_path: Path) -> None:
    path, _ = zip_bomb(good)
    folder = tmp_path / "extracted"

    with pytest.raises(WorkbookError) as refused:
        open_bundle(path, folder)

    assert "压缩炸弹" in str(refused.value)
    assert not folder.exists()


# --- a record a sealed inspection does not allow ------------------------------------------------------


def _sealed_answer(backend: Backend) -> tuple[uuid.UUID, str]:
    """An answer of a finalized inspection, and its note."""
    with backend.session() as session:
        answer = session.scalars(
            select(Answer)
            .join(Inspection, Answer.inspection_id == Inspection.id)
            .where(Inspection.status == InspectionStatus.FINALIZED)
            .order_by(Answer.id)
        ).first()
        assert answer is not None
        return answer.id, answer.note


def _sealed_edit_bundle(good: Good, answer_id: uuid.UUID) -> tuple[Path, int, uuid.UUID]:
    """The good bundle with that answer's note edited, and one customer's phone too (which is allowed).
    Returns the bundle, the answer's sheet row and the customer's id."""
    found: dict[str, Any] = {}

    def note(sheet: Sheet) -> None:
        found["row"] = sheet.row_of("id", str(answer_id))
        sheet.put_text(f"{sheet.letters()['note']}{found['row']}", "检查后补记：已整改")

    def phone(sheet: Sheet) -> None:
        found["customer"] = uuid.UUID(sheet.text(f"{sheet.letters()['id']}7"))
        sheet.put_text(f"{sheet.letters()['contact_phone']}7", "0534-7654321")

    data = edit_workbook(edit_workbook(good.workbook, sheet_title("answers"), note), CUSTOMERS, phone)
    return rebundle(good, "sealed-edit.fieldsync", change={DATA: data}), found["row"], found["customer"]


def test_a_finalized_inspections_answer_edited_is_rejected_by_name_and_the_rest_applied(
    good: Good, tmp_path: Path
) -> None:
    backend, _ = demo_bundle(tmp_path)
    answer_id, old_note = _sealed_answer(backend)
    backend.close()
    path, answer_row, customer_id = _sealed_edit_bundle(good, answer_id)
    total = sum(json.loads(good.entries[MANIFEST])["rows"].values())

    run = run_cli(["--data-dir", str(tmp_path / "data"), "import", "--json", str(path)], timeout=300)

    assert run.returncode == 1, run.stderr
    result = json.loads(run.stdout)
    counts = {key: result[key] for key in ("inserted", "updated", "unchanged", "conflicts", "rejected")}
    assert all(type(value) is int for value in counts.values()), counts
    assert counts == {"inserted": 0, "updated": 1, "unchanged": total - 2, "conflicts": 1, "rejected": 1}
    assert result["applied"] is True
    [rejection] = result["rejections"]
    assert f"{sheet_title('answers')} 第 {answer_row} 行 ({answer_id})" in rejection
    assert "封存" in rejection
    # The report beside the bundle names the rejected record in its "conflicts and errors" sheet.
    report = Path(result["report"])
    assert report.parent == path.parent and report.is_file()
    written = load_workbook(report, read_only=True)
    try:
        errors = list(written["冲突与错误 conflicts and errors"].iter_rows(min_row=2, values_only=True))
    finally:
        written.close()
    rejected = [r for r in errors if r[0] == "拒绝 rejected"]
    assert [(r[1], r[2], r[5]) for r in rejected] == [(sheet_title("answers"), answer_row, str(answer_id))]
    # The answer is as it was; the customer's phone, in the same file, is applied.
    reopened = open_backend(data_dir=str(tmp_path / "data"))
    try:
        with reopened.session() as session:
            answer = session.get(Answer, answer_id)
            assert answer is not None and answer.note == old_note
            customer = session.get(Customer, customer_id)
            assert customer is not None and customer.contact_phone == "0534-7654321"
    finally:
        reopened.close()
