"""A sheet whose XML breaks off (a damaged copy): openpyxl opens a workbook that carries a <dimension>
(Excel and LibreOffice write one) without parsing its sheets, and meets the damage only while reading
rows. That is a problem naming the sheet, never a crash. (Entities are refused as the workbook opens: a
DTD stands before the <dimension>; the corpus in tests/integration/test_sync_hostile.py shows it.)"""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from fieldapp.sync.reader import read_workbook
from fieldapp.sync.spec import ColumnSpec, Kind, SheetSpec
from fieldapp.workbook.problems import ProblemLog
from fieldapp.workbook.reading import open_workbook, read_rows

PLACES = SheetSpec("places", (ColumnSpec("name", Kind.TEXT), ColumnSpec("deleted", Kind.BOOL)))
HEADERS = (
    "名称 name",
    "已删除 deleted",
    "编号 id",
    "版本 revision",
    "修改时间 modified_at",
    "修改者 modified_by",
    "版本向量 clock",
    "行校验 row_digest",
)


def _workbook(path: Path) -> Path:
    """A workbook saved the normal way (with <dimension>), its sheet 'places places' of 400 rows broken
    off three quarters in."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "places places"
    sheet.append(HEADERS)
    at = datetime(2026, 3, 31, 14, 30)
    for n in range(400):
        sheet.append([f"配电室 {n}", "否", str(uuid.UUID(int=n + 1)), 1, at, "T01", "T01:1", "x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                assert b"<dimension" in data
                data = data[: len(data) * 3 // 4]
            target.writestr(entry, data)
    return path


def test_the_sync_reader_names_the_damaged_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "places.xlsx")

    read = read_workbook(path, {"places": PLACES})

    assert [(p.file, p.sheet, p.row, p.column) for p in read.problems] == [
        ("places.xlsx", "places places", None, None)
    ]
    assert "内容已损坏" in read.problems[0].message
    assert "places" not in read.records  # nothing of it is taken


def test_read_rows_names_the_damaged_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "places.xlsx")
    workbook = open_workbook(path)
    log = ProblemLog(path.name)
    columns = tuple((header, "") for header in HEADERS)
    try:
        rows = list(read_rows(workbook["places places"], log, columns, (), max_rows=999))
    finally:
        workbook.close()
    assert 0 < len(rows) < 400
    assert [(p.sheet, p.row, p.column) for p in log.problems] == [("places places", None, None)]
    assert "内容已损坏" in log.problems[0].message
