"""The one-page profile's layout on plain values, without a database: one page whatever is thrown at it,
every table saying how many rows it left out, and a character the font lacks printed as a mark."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from notice_kit import FONT_FILE
from pypdf import PdfReader

from fieldapp.notices.customer_sheet import (
    CustomerSheet,
    SheetRow,
    SheetTable,
    fit_rows,
    render_customer_sheet,
)
from fieldapp.notices.render import MISSING_GLYPH, register_font


def _sheet(rows: int, cell: str, *, notes: str = "") -> CustomerSheet:
    tables = tuple(
        SheetTable(
            f"表{t}",
            ("甲", "乙", "丙"),
            (20, 60, 20),
            tuple(SheetRow((f"{t}-{n}", cell, "丙"), alert=n % 2 == 0) for n in range(rows)),
        )
        for t in range(4)
    )
    facts = tuple((f"项目{n}", cell) for n in range(12))
    return CustomerSheet("测试客户𠮷", "0001", facts, date(2026, 6, 30), tables, "国网某县供电公司", notes)


def _read(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), "".join(p.extract_text() for p in reader.pages).replace(" ", "")


def test_a_short_sheet_shows_every_row(tmp_path: Path) -> None:
    register_font(FONT_FILE)
    sheet = _sheet(3, "渗油")
    assert fit_rows(sheet) == [3, 3, 3, 3]
    out = tmp_path / "short.pdf"
    assert render_customer_sheet(sheet, out, FONT_FILE) == 1
    pages, text = _read(out)
    assert pages == 1 and "另有" not in text
    assert f"测试客户{MISSING_GLYPH}" in text  # 𠮷 has no glyph in the bundled font
    assert all(f"{t}-2" in text for t in range(4))


def test_an_overfull_sheet_still_fits_one_page(tmp_path: Path) -> None:
    sheet = _sheet(500, "很长的隐患描述" * 80, notes="备注" * 1000)
    out = tmp_path / "full.pdf"
    assert render_customer_sheet(sheet, out, FONT_FILE) == 1
    pages, text = _read(out)
    assert pages == 1
    assert text.count("…另有") == 4 and "项未列出" in text
    assert "…" in text and "很长的隐患描述" * 10 not in text  # long cells shortened
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_empty_table_says_so(tmp_path: Path) -> None:
    sheet = CustomerSheet(
        "客户",
        "0002",
        (("户名", "客户"),),
        date(2026, 6, 30),
        (SheetTable("未整改隐患", ("甲",), (1,), (), "无未整改隐患。"),),
    )
    out = tmp_path / "empty.pdf"
    render_customer_sheet(sheet, out, FONT_FILE)
    assert "无未整改隐患。" in _read(out)[1]
