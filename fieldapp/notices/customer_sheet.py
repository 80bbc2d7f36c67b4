"""A customer's one-page profile (客户概况) from a plain CustomerSheet value, as an A4 PDF with ReportLab:
the customer's details in a grid, then a few tables (open findings, recurring hazards, tests coming due,
the last inspections), each with its rows in the order given.

One page, always: it is taken to a visit or a meeting. Long texts are shortened to two lines' worth, and
when the tables do not fit, each shows as many rows as the page holds for all of them alike, its last line
saying how many more there are ("…另有 N 项"). The page is measured with the flowables' own wrap, then
checked once more on the built document."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from fieldapp.notices.render import FONT, printable, register_font

PAGE_W, PAGE_H = A4
MARGIN = 14 * mm
TOP, BOTTOM = 12 * mm, 14 * mm
FRAME_W: float = PAGE_W - 2 * MARGIN
FRAME_H: float = PAGE_H - TOP - BOTTOM
# ReportLab's frame pads each side by 6 points; the story must fit inside that.
USABLE_H: float = FRAME_H - 12
MAX_CELL_CHARS = 54  # two lines of the description columns at 8.5 pt
MAX_ROWS = 12  # per table, before the page decides
TITLE = "客户概况"
ALERT = colors.HexColor("#B3261E")
HEAD = colors.HexColor("#1F3A5F")


@dataclass(frozen=True)
class SheetRow:
    cells: tuple[str, ...]
    alert: bool = False  # overdue: printed in red (and said in words in a cell)


@dataclass(frozen=True)
class SheetTable:
    title: str
    headers: tuple[str, ...]
    widths: tuple[float, ...]  # shares of the page's width, in any unit
    rows: tuple[SheetRow, ...]
    empty_text: str = "无"


@dataclass(frozen=True)
class CustomerSheet:
    name: str
    account_no: str
    facts: tuple[tuple[str, str], ...]  # (label, value): address, contact, supply ...
    printed_on: date
    tables: tuple[SheetTable, ...]
    issuing_unit: str = ""
    notes: str = ""
    footnotes: tuple[str, ...] = field(default=())


def _style(size: float, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(
        f"sheet{size}{sorted(kw.items())}",
        fontName=FONT,
        fontSize=size,
        leading=kw.pop("leading", size * 1.3),
        wordWrap="CJK",
        **kw,
    )


def _shorten(text: str, limit: int = MAX_CELL_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _para(text: str, style: ParagraphStyle, limit: int = MAX_CELL_CHARS) -> Paragraph:
    escaped = printable(_shorten(text, limit)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped, style)


class _Styles:
    """The type and how long a text may run. Compact: for a customer whose texts are so long that the page
    holds not even one row of each table, every text is cut shorter."""

    def __init__(self, *, compact: bool = False) -> None:
        self.cell_chars = 24 if compact else MAX_CELL_CHARS
        self.fact_chars = 36 if compact else 90
        self.notes_chars = 60 if compact else 140
        self.title_chars = 30 if compact else 120
        self.title = _style(17, alignment=TA_CENTER)
        self.subtitle = _style(9.5, alignment=TA_CENTER, textColor=colors.HexColor("#444444"))
        self.section = _style(11, textColor=HEAD, spaceBefore=0)
        self.label = _style(8.5, textColor=colors.HexColor("#555555"))
        self.cell = _style(8.5)
        self.alert = _style(8.5, textColor=ALERT)
        self.head = _style(8.5, textColor=colors.white)
        self.more = _style(8.5, textColor=colors.HexColor("#555555"))
        self.foot = _style(8, textColor=colors.HexColor("#555555"))


_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9AA5B1")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
)


def _facts(sheet: CustomerSheet, st: _Styles) -> Table:
    """Label and value pairs, two pairs a line."""
    pairs = list(sheet.facts)
    if len(pairs) % 2:
        pairs.append(("", ""))
    rows = [
        [
            _para(pairs[i][0], st.label),
            _para(pairs[i][1], st.cell, st.fact_chars),
            _para(pairs[i + 1][0], st.label),
            _para(pairs[i + 1][1], st.cell, st.fact_chars),
        ]
        for i in range(0, len(pairs), 2)
    ]
    widths = [FRAME_W * w for w in (0.13, 0.37, 0.13, 0.37)]
    table = Table(rows, colWidths=widths)
    table.setStyle(_GRID)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#EEF3F8"))]))
    table.setStyle(TableStyle([("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#EEF3F8"))]))
    return table


def _table(spec: SheetTable, shown: int, st: _Styles) -> list[Flowable]:
    title = f"{spec.title}（{len(spec.rows)} 项）" if spec.rows else spec.title
    out: list[Flowable] = [Spacer(1, 2.5 * mm), _para(title, st.section, 200), Spacer(1, 1 * mm)]
    if not spec.rows:
        out.append(_para(spec.empty_text, st.cell, 200))
        return out
    total = sum(spec.widths)
    widths = [FRAME_W * w / total for w in spec.widths]
    data: list[list[Any]] = [[_para(h, st.head, 40) for h in spec.headers]]
    for row in spec.rows[:shown]:
        style = st.alert if row.alert else st.cell
        data.append([_para(c, style, st.cell_chars) for c in row.cells])
    commands: list[tuple[Any, ...]] = [("BACKGROUND", (0, 0), (-1, 0), HEAD)]
    hidden = len(spec.rows) - shown
    if hidden > 0:
        data.append([_para(f"…另有 {hidden} 项未列出", st.more, 200)] + [""] * (len(widths) - 1))
        commands.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
    table = Table(data, colWidths=widths, repeatRows=0)
    table.setStyle(_GRID)
    table.setStyle(TableStyle(commands))
    out.append(table)
    return out


def _story(sheet: CustomerSheet, shown: Sequence[int], st: _Styles) -> list[Flowable]:
    subtitle = f"户号 {sheet.account_no}　　打印日期 {sheet.printed_on.isoformat()}"
    story: list[Flowable] = [
        _para(f"{TITLE}：{sheet.name}", st.title, st.title_chars),
        Spacer(1, 1.5 * mm),
        _para(subtitle, st.subtitle, 200),
        Spacer(1, 3 * mm),
        _facts(sheet, st),
    ]
    if sheet.notes.strip():
        story += [Spacer(1, 1 * mm), _para(f"备注：{sheet.notes}", st.cell, st.notes_chars)]
    for spec, count in zip(sheet.tables, shown, strict=True):
        story += _table(spec, count, st)
    foot = "　".join(
        part
        for part in (*sheet.footnotes, sheet.issuing_unit, f"{sheet.printed_on.isoformat()} 打印")
        if part
    )
    story += [Spacer(1, 3 * mm), _para(foot, st.foot, 300)]
    return story


def _height(story: Sequence[Flowable]) -> float:
    total = 0.0
    for flowable in story:
        _w, h = flowable.wrap(FRAME_W, FRAME_H)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _fits(sheet: CustomerSheet, shown: Sequence[int], st: _Styles) -> bool:
    return _height(_story(sheet, shown, st)) <= USABLE_H


def _layout(sheet: CustomerSheet) -> tuple[list[int], _Styles]:
    """The rows each table shows, and the styles: compact only when the usual ones cannot hold a row of
    each table."""
    st = _Styles()
    shown = fit_rows(sheet, st)
    if _fits(sheet, shown, st):
        return shown, st
    compact = _Styles(compact=True)
    return fit_rows(sheet, compact), compact


def fit_rows(sheet: CustomerSheet, st: _Styles | None = None) -> list[int]:
    """How many rows of each table the page holds: the most rows a table may show (at most MAX_ROWS, at
    least 1, the same for every table: a long table does not push the others off), each table showing
    that many or all it has. Found by halving (each try lays the page out once)."""
    styles = st or _Styles()

    def fits(cap: int) -> bool:
        return _fits(sheet, _capped(sheet, cap), styles)

    low, high = 1, MAX_ROWS
    if fits(high):
        return _capped(sheet, high)
    while high - low > 1:  # low fits (one row each always does), high does not
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return _capped(sheet, low)


def _capped(sheet: CustomerSheet, cap: int) -> list[int]:
    return [min(len(t.rows), cap) for t in sheet.tables]


def render_customer_sheet(sheet: CustomerSheet, path: Path, font_file: Path) -> int:
    """Write the profile to `path` (beside it first, then renamed over it); the pages written (1)."""
    register_font(font_file)
    shown, st = _layout(sheet)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        while True:
            doc = SimpleDocTemplate(
                temporary,
                pagesize=A4,
                leftMargin=MARGIN,
                rightMargin=MARGIN,
                topMargin=TOP,
                bottomMargin=BOTTOM,
                title=f"{TITLE} {sheet.name}",
                author=sheet.issuing_unit,
                creator="fieldapp",
                invariant=1,
            )
            doc.build(_story(sheet, shown, st))
            pages = int(doc.page)
            # The measure above agrees with the layout; should a row still spill over, give up another.
            if pages <= 1 or max(shown, default=0) <= 1:
                break
            longest = max(range(len(shown)), key=lambda i: shown[i])
            shown[longest] -= 1
        Path(temporary).replace(path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return pages
