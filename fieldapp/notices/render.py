"""A NoticeData to an A4 PDF with ReportLab platypus.

One PDF holds the customer copy and the archive copy, each marked at the top of every page and numbered
"第 x 页 共 y 页" on its own (a canvas that keeps its pages until the end, then writes them once per copy:
the copies read the same, so they are laid out once). Each copy: heading, customer and inspection blocks,
the findings table (its header repeated on every page it flows over), the consequences, the signatures
drawn as vector paths from the tablet's strokes (or the refusal with the witness), the issuing unit with
its seal stamped over it when there is one, the QR code and the verification code; then the photo appendix
(each photo's print copy, made in worker threads when it has to be made: notices.photos, with its evidence
strip printed below it as text) and the return slip (回执).

The bundled CJK font is embedded as a subset; a character it has no glyph for prints as 〓, never blank.
Output is byte-for-byte repeatable (ReportLab's invariant mode), so a re-print of the same content gives
the same file. The number and the content digest are also written into the PDF's metadata (Subject and
Keywords) for `verify`."""

from __future__ import annotations

import contextlib
import copy
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import reportlab.lib.textsplit as rl_textsplit
import reportlab.platypus.paragraph as rl_paragraph
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fieldapp.notices.data import NoticeData, NoticePhoto, SignatureMark
from fieldapp.notices.linebreak import NO_LINE_START, split_line
from fieldapp.notices.photos import PrintCopies, PrintJob
from fieldapp.notices.qr import qr_modules

FONT = "FieldappCJK"
PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
FRAME_W = PAGE_W - 2 * MARGIN
# A photo's print copy (picture and evidence strip) is bound in this box: 65 mm is the width at which a
# 2048 px stored photo decoded at the JPEG decoder's 1/4 scale (512 px) prints at photos.PRINT_DPI.
PHOTO_BOX = (65 * mm, 62 * mm)

rl_config.useA85 = 0  # binary streams: a third smaller than ASCII85, and every reader takes them
# Chinese line breaking (notices.linebreak): ReportLab's CJK wrapping knows Japanese's rules only and
# printed lines starting with "，" or "；". Text of one style goes through textsplit.dumbSplit, which is
# replaced; text of several fragments (a paragraph with line breaks) through paragraph.cjkFragSplit,
# which reads the list of marks a line may not start with: it gets the Chinese ones too.
rl_textsplit.dumbSplit = split_line
rl_paragraph.ALL_CANNOT_START = "".join(sorted(NO_LINE_START))

_registered: dict[str, Path] = {}


def register_font(font_file: Path) -> str:
    """Register the CJK font with ReportLab once per process (the first face of a .ttc)."""
    if FONT not in _registered:
        pdfmetrics.registerFont(TTFont(FONT, str(font_file), subfontIndex=0))
        _registered[FONT] = font_file
    return FONT


def _style(name: str, size: float = 10.5, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=FONT, fontSize=size, leading=kw.pop("leading", size * 1.45), wordWrap="CJK", **kw
    )


# Room inside a table cell for a mark that hangs past the line's end (notices.linebreak): without it the
# mark crossed the cell's border into the next column.
CELL_HANG = 9.5


STYLES = {
    "unit": _style("unit", 12, alignment=TA_CENTER),
    "title": _style("title", 20, alignment=TA_CENTER, spaceBefore=2 * mm, spaceAfter=1 * mm),
    "number": _style("number", 10, alignment=TA_RIGHT),
    "body": _style("body"),
    "cell": _style("cell", 9, leading=12.5, rightIndent=CELL_HANG),
    "head": _style("head", 9, leading=12.5, alignment=TA_CENTER),
    "section": _style("section", 12, spaceBefore=3 * mm, spaceAfter=1.5 * mm),
    "small": _style("small", 8.5, leading=11.5),
    "caption": _style("caption", 9, leading=12, alignment=TA_CENTER),
    "signoff": _style("signoff", alignment=TA_CENTER),
    # The evidence strip below a photo: light on dark, like a camera's date stamp.
    "stamp": _style("stamp", 6.5, leading=8.5, textColor=colors.white),
}
STRIP_COLOUR = colors.HexColor("#18202c")
STRIP_PADDING = 1.2 * mm


class _Para(Paragraph):  # type: ignore[misc]
    """A paragraph that remembers its line breaks per width. A table wraps each cell several times (to size
    its rows, to split over a page, to draw), and breaking CJK text, one width per character, was the
    largest part of laying out a notice. The breaks depend on the width only (availHeight is unused)."""

    _KEPT = ("blPara", "_wrapWidths", "height")  # what Paragraph.wrap sets besides the width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        memo: dict[float, tuple[tuple[float, float], tuple[Any, ...]]] = self.__dict__.setdefault(
            "_breaks", {}
        )
        hit = memo.get(availWidth)
        if hit is None:
            size: tuple[float, float] = super().wrap(availWidth, availHeight)
            if hasattr(self, "blPara"):  # not when the width was too small to wrap at all
                memo[availWidth] = (size, tuple(getattr(self, name) for name in self._KEPT))
            return size
        size, kept = hit
        for name, value in zip(self._KEPT, kept, strict=True):
            setattr(self, name, value)
        self.width = availWidth
        return size


MISSING_GLYPH = "〓"  # the typesetter's mark for a character the font cannot print


# Characters the bundled font maps to an empty glyph that have a plain spelling it can print.
SUBSTITUTES = {"℃": "°C", "℉": "°F", "Ⅴ": "V", "Ⅹ": "X", "∼": "～", "\u212b": "Å", "‾": "¯"}
_blank_glyphs: dict[str, frozenset[int]] = {}


def _blank(font_name: str) -> frozenset[int]:
    """The characters the font maps to a glyph with no outline (a zero-length entry in its glyf table):
    WenQuanYi Micro Hei has a few, ℃ among them, which printed as a gap. Spaces and invisible format
    characters are blank by design and left alone."""
    if font_name not in _blank_glyphs:
        face = pdfmetrics.getFont(font_name).face
        positions: list[int] = face.glyphPos
        _blank_glyphs[font_name] = frozenset(
            code
            for code, glyph in face.charToGlyph.items()
            if glyph + 1 < len(positions)
            and positions[glyph + 1] == positions[glyph]
            and not chr(code).isspace()
            and unicodedata.category(chr(code)) not in ("Cf", "Zs", "Lo")
        )
    return _blank_glyphs[font_name]


def printable(text: str) -> str:
    """`text` as the CJK font can print it: a character it has no glyph for (rare characters beyond the
    common CJK block, such as 𠮷), or only an empty one, is replaced by its plain spelling (℃ by °C) or,
    without one, by MISSING_GLYPH. Printed as it is, such a character comes out blank: the reader would not
    see that something is missing, and `verify` could not read it back. The record keeps the true text;
    only the print shows the change, the same way every time it is rendered."""
    covered: dict[int, int] = pdfmetrics.getFont(FONT).face.charToGlyph
    blank = _blank(FONT)
    if all((ord(c) in covered and ord(c) not in blank) or c.isspace() for c in text):
        return text
    return "".join(
        c if (ord(c) in covered and ord(c) not in blank) or c.isspace() else SUBSTITUTES.get(c, MISSING_GLYPH)
        for c in text
    )


def _esc(text: str) -> str:
    text = printable(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def _p(text: str, style: str = "body") -> Paragraph:
    return _Para(_esc(text), STYLES[style])


class _Signature(Flowable):  # type: ignore[misc]
    """A tablet signature as vector paths, scaled to fit width x height with its pad's aspect kept."""

    def __init__(self, mark: SignatureMark, width: float, height: float) -> None:
        super().__init__()
        self.mark = mark
        self.width, self.height = width, height

    def draw(self) -> None:
        aspect = self.mark.aspect if self.mark.aspect > 0 else 3.0
        w = min(self.width, self.height * aspect)
        h = w / aspect
        x0, y0 = (self.width - w) / 2, (self.height - h) / 2
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#10214f"))
        canvas.setLineWidth(0.9)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        path = canvas.beginPath()
        for stroke in self.mark.strokes:
            if not stroke:
                continue
            (x, y), rest = stroke[0], stroke[1:]
            path.moveTo(x0 + x * w, y0 + (1 - y) * h)
            if not rest:  # a dot
                path.lineTo(x0 + x * w + 0.3, y0 + (1 - y) * h)
            for x, y in rest:
                path.lineTo(x0 + x * w, y0 + (1 - y) * h)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()


class _Qr(Flowable):  # type: ignore[misc]
    """A QR code (ReportLab's own encoder, error correction M: notices.qr), encoded once and drawn as one
    path of its dark runs: the widget's Drawing re-encodes on every draw and makes a shape per run, which
    cost more than the rest of the notice."""

    BORDER = 2

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.modules = qr_modules(payload)
        self.width = self.height = size

    def draw(self) -> None:
        count = len(self.modules)
        box = self.width / (count + 2 * self.BORDER)
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.black)
        path = canvas.beginPath()
        for r, row in enumerate(self.modules):
            y = self.height - (r + self.BORDER + 1) * box
            c = 0
            while c < count:
                if row[c]:
                    start = c
                    while c < count and row[c]:
                        c += 1
                    path.rect((start + self.BORDER) * box, y, (c - start) * box, box)
                else:
                    c += 1
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()


_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
)


def _kv_table(rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    cells = [[_p(text, "cell") for text in row] for row in rows]
    table = Table(cells, colWidths=list(widths))
    style = TableStyle(_GRID.getCommands())
    for col in range(0, len(widths), 2):
        style.add("BACKGROUND", (col, 0), (col, -1), colors.HexColor("#eeeeee"))
    table.setStyle(style)
    return table


def _heading(data: NoticeData) -> list[Flowable]:
    return [
        _p(data.issuing_unit, "unit"),
        _p(data.title, "title"),
        _p(f"编号：{data.number}", "number"),
        Spacer(1, 2 * mm),
    ]


def _blocks(data: NoticeData) -> list[Flowable]:
    c, i = data.customer, data.inspection
    label = 24 * mm
    value = FRAME_W / 2 - label
    inspectors = "；".join(f"{x.name}（证号 {x.certificate_no}）" for x in i.inspectors)
    return [
        _kv_table(
            [
                ["客户名称", c.name, "户号", c.account_no],
                ["用电地址", c.address, "联系人", c.contact],
                ["供电电压", c.voltage, "合同容量", c.contract_capacity],
                ["检查日期", i.day.isoformat(), "检查类别", i.kind_label],
            ],
            [label, value, label, value],
        ),
        _kv_table([["检查人员", inspectors]], [label, FRAME_W - label]),
    ]


FINDING_WIDTHS = [10 * mm, 50 * mm, 15 * mm, 38 * mm, 40 * mm, FRAME_W - 153 * mm]


def _findings(data: NoticeData) -> list[Flowable]:
    if not data.findings:
        return [_p("检查发现的问题", "section"), _p("本次检查未发现问题。")]
    header = [_Para(h, STYLES["head"]) for h in ("序号", "问题描述", "等级", "依据", "整改要求", "整改期限")]
    rows: list[list[Flowable]] = [header]
    for f in data.findings:
        rows.append(
            [
                _Para(str(f.seq), STYLES["head"]),
                _p(f.description, "cell"),
                _Para(_esc(f.grade), STYLES["head"]),
                _p(f.basis or "—", "cell"),
                _p(f.requirement or "—", "cell"),
                _Para(f.deadline.isoformat() if f.deadline else "—", STYLES["head"]),
            ]
        )
    table = Table(rows, colWidths=FINDING_WIDTHS, repeatRows=1, splitInRow=1)
    style = TableStyle(_GRID.getCommands())
    style.add("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd"))
    style.add("VALIGN", (0, 1), (-1, -1), "TOP")
    table.setStyle(style)
    return [_p("检查发现的问题", "section"), table]


SIGNATURE_BOX = (42 * mm, 14 * mm)


def _signature_row(mark: SignatureMark) -> list[Flowable | str]:
    return [
        _p(mark.role_label, "cell"),
        _p(mark.name, "cell"),
        _Signature(mark, *SIGNATURE_BOX),
        _p(mark.day.isoformat() if mark.day else "", "cell"),
    ]


def _acknowledgement(data: NoticeData) -> list[Flowable]:
    ack = data.acknowledgement
    rows: list[list[Flowable | str]] = [[_Para(h, STYLES["head"]) for h in ("身份", "姓名", "签名", "日期")]]
    rows += [_signature_row(m) for m in ack.inspectors]
    if ack.customer is not None:
        rows.append(_signature_row(ack.customer))
    widths = [30 * mm, 40 * mm, SIGNATURE_BOX[0] + 6 * mm, FRAME_W - 118 * mm]
    table = Table(rows, colWidths=widths)
    table.setStyle(_GRID)
    parts: list[Flowable] = [_p("签收确认", "section")]
    if ack.statement:
        parts.append(_p(ack.statement))
    elif ack.refused:  # a notice issued before the statement was part of its content
        witness = ack.customer.name if ack.customer else ""
        parts.append(_p(f"客户代表拒绝签字。以下由见证人 {witness} 签字见证。"))
    else:
        parts.append(_p("客户代表已阅知本通知书内容，签字确认。"))
    parts.append(Spacer(1, 1.5 * mm))
    parts.append(table)
    return [KeepTogether(parts)]


SEAL_SIZE = 34 * mm


class _BoxedImage(Flowable):  # type: ignore[misc]
    """An image bound in a box of fixed size (centred, standing on the box's bottom edge so that a caption
    follows right below), with its evidence strip, if it has one, across the bottom of the box and the
    picture standing on it. The box, not the picture, takes part in the layout: a photo's print copy may
    still be in the making while the pages are laid out (only drawing waits for the file), and a notice lays
    out the same whether its images are drawn or not (`verify` reads the text only, the strip's among it).
    `file` gives the file to draw when it is needed; None draws the strip only."""

    def __init__(
        self, file: Callable[[], Path] | None, box: tuple[float, float], stamp: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self.file = file
        self.width, self.height = box
        self.strip: Paragraph | None = None
        self.strip_height: float = 0
        lines = [line for line in stamp if line.strip()]
        if lines:
            self.strip = _Para("<br/>".join(_esc(line) for line in lines), STYLES["stamp"])
            _, text_height = self.strip.wrap(self.width - 2 * STRIP_PADDING, self.height)
            self.strip_height = text_height + 2 * STRIP_PADDING

    def draw(self) -> None:
        if self.strip is not None:
            self.canv.saveState()
            self.canv.setFillColor(STRIP_COLOUR)
            self.canv.rect(0, 0, self.width, self.strip_height, stroke=0, fill=1)
            self.canv.restoreState()
            self.strip.drawOn(self.canv, STRIP_PADDING, STRIP_PADDING)
        if self.file is None:
            return
        self.canv.drawImage(
            str(self.file()),
            0,
            self.strip_height,
            self.width,
            self.height - self.strip_height,
            preserveAspectRatio=True,
            anchor="s",
        )


class _SealOver(Flowable):  # type: ignore[misc]
    """The issuing unit's seal pressed over the lines above it (the unit's name and the date), centred on
    them, the way a seal is stamped on paper (GB/T 9704: the seal covers the date). It takes no room: the
    notice lays out the same with a seal, without one and without images, and a seal never pushes the
    sign-off onto a page of its own. `file` gives the image when it is drawn; None draws nothing."""

    def __init__(self, file: Callable[[], Path] | None, covered: Sequence[Flowable]) -> None:
        super().__init__()
        self.file = file
        self.covered = covered
        self.width: float = 0
        self.height: float = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, 0

    def draw(self) -> None:
        if self.file is None:
            return
        middle = sum(flowable.height for flowable in self.covered) / 2
        self.canv.drawImage(
            str(self.file()),
            (self.width - SEAL_SIZE) / 2,
            middle - SEAL_SIZE / 2,
            SEAL_SIZE,
            SEAL_SIZE,
            mask="auto",  # a seal's transparent background lets the words under it show
            preserveAspectRatio=True,
            anchor="c",
        )


def _issuer(data: NoticeData, draw_images: bool) -> list[Flowable]:
    qr_size = 26 * mm
    left: list[Flowable] = [
        _p(f"校验码：{data.verification_code}", "small"),
        _p("扫描二维码或以校验码向签发单位核对本通知书真伪。", "small"),
    ]
    right: list[Flowable] = [
        _p(data.issuing_unit, "signoff"),
        _p(f"签发日期：{data.issued_on.isoformat()}", "signoff"),
    ]
    seal = data.seal_image
    if seal is not None:
        right.append(_SealOver((lambda: seal) if draw_images else None, list(right)))
    else:
        right.insert(0, _p("（盖章）", "signoff"))
    table = Table(
        [[_Qr(data.qr_payload, qr_size), left, right]],
        colWidths=[qr_size + 4 * mm, FRAME_W / 2 - qr_size - 4 * mm, FRAME_W / 2],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    # Room above for the seal, which reaches a little beyond the row it is stamped on.
    return [Spacer(1, 6 * mm), KeepTogether([table])]


def _photo_cell(photo: NoticePhoto, number: int, copies: PrintCopies | None) -> list[Flowable]:
    refers = f"（问题 {photo.finding_seq}）" if photo.finding_seq is not None else ""
    file = (lambda: copies.get(number - 1).path) if copies is not None else None
    return [
        _BoxedImage(file, PHOTO_BOX, photo.stamp),
        Spacer(1, 1 * mm),
        _p(f"图 {number}{refers}{('：' + photo.caption) if photo.caption else ''}", "caption"),
    ]


def _photos(data: NoticeData, copies: PrintCopies | None) -> list[Flowable]:
    if not data.photos:
        return []
    cells = [_photo_cell(p, n, copies) for n, p in enumerate(data.photos, start=1)]
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    if len(rows[-1]) == 1:
        rows[-1].append([])
    table = Table(rows, colWidths=[FRAME_W / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),  # the photo above its caption, both centred
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
            ]
        )
    )
    return [PageBreak(), _p(f"附件：现场照片（通知书编号 {data.number}）", "section"), table]


def _return_slip(data: NoticeData) -> list[Flowable]:
    line = 24 * mm
    value = FRAME_W - line
    seqs = "、".join(str(f.seq) for f in data.findings) or "—"
    rows = [
        ["通知书编号", data.number],
        ["客户名称", data.customer.name],
        ["整改问题序号", seqs],
        ["整改完成情况", "□ 已全部完成　　□ 部分完成　　□ 未完成\n说明："],
        ["客户签字（盖章）", "\n\n　　　　　　　　　　　　　　　　　　　　　年　　月　　日"],
        ["复查结果", "\n"],
        ["复查人", "　　　　　　　　　　　　　　复查日期：　　　年　　月　　日"],
    ]
    table = _kv_table(rows, [line + 6 * mm, value - 6 * mm])
    return [
        CondPageBreak(110 * mm),
        Spacer(1, 4 * mm),
        _p("- - - - - - - - - - - - - - - - - - 沿此线剪下 - - - - - - - - - - - - - - - - - -", "caption"),
        Spacer(1, 3 * mm),
        KeepTogether(
            [
                _p("回　执", "title"),
                table,
                Spacer(1, 2 * mm),
                _p("请于整改期限内将本回执送交签发单位。", "small"),
            ]
        ),
    ]


def _story(data: NoticeData, copies: PrintCopies | None) -> list[Flowable]:
    """One copy of the notice; the canvas prints its pages once per copy label. Without `copies` the
    images are left out (their boxes stay)."""
    story = _heading(data)
    story += _blocks(data)
    story += _findings(data)
    story += [_p("说明", "section"), _p(data.consequences)]
    story += _acknowledgement(data)
    story += _issuer(data, draw_images=copies is not None)
    story += _photos(data, copies)
    story += _return_slip(data)
    return story


# What a page collects while it is drawn (ReportLab's Canvas._restartAccumulators).
_PAGE_ACCUMULATORS = (
    "_code",
    "_formsinuse",
    "_annotationrefs",
    "_colorsUsed",
    "_shadingUsed",
    "_psCommandsAfterPage",
    "_psCommandsBeforePage",
)


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Keeps every page until save, then writes them once per copy in `copies`, each page marked with its
    copy and "第 x 页 共 y 页". The copies read the same, so the story is laid out once and its pages'
    drawing operators are written again for the next copy (laying out was most of the time of a notice);
    fonts and images are the document's, so the second copy adds only its page streams."""

    number = ""
    copies: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for label in self.copies or ("",):
            for n, page in enumerate(self._pages, start=1):
                self.__dict__.update(page)
                for name in _PAGE_ACCUMULATORS:  # decorating appends to them: each copy its own
                    setattr(self, name, copy.copy(page[name]))
                self._decorate(label, n, total)
                super().showPage()
        super().save()

    def _decorate(self, label: str, page: int, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 9)
        self.drawCentredString(PAGE_W / 2, 10 * mm, f"第 {page} 页 共 {total} 页")
        self.drawString(MARGIN, 10 * mm, self.number)
        if label:
            self.setFont(FONT, 11)
            width = pdfmetrics.stringWidth(label, FONT, 11) + 6 * mm
            x, y = PAGE_W - MARGIN - width, PAGE_H - 13 * mm
            self.setLineWidth(0.8)
            self.rect(x, y - 2 * mm, width, 7 * mm)
            self.drawCentredString(x + width / 2, y, label)
        self.restoreState()


def render(
    data: NoticeData,
    path: Path,
    *,
    font_file: Path,
    image_cache: Path | None = None,
    draw_images: bool = True,
) -> None:
    """Write the notice as an A4 PDF at `path`: every copy in `data.copies`, one after the other.

    `font_file` is the CJK font to embed (the bundled one). A photo's print copy made at capture is
    embedded as it is; one that has to be made (turned, or too big) goes into `image_cache`, where a
    re-print finds it again (with None, a temporary folder: the PDF is then not byte-for-byte
    repeatable). With `draw_images` False the photos and the seal are left out and nothing is decoded: the
    text and the layout are the same (what `verify` compares)."""
    register_font(font_file)
    with tempfile.TemporaryDirectory() as scratch, contextlib.ExitStack() as stack:
        copies: PrintCopies | None = None
        if draw_images:
            cache = image_cache if image_cache is not None else Path(scratch)
            jobs = [PrintJob(p.path) for p in data.photos]
            copies = stack.enter_context(PrintCopies(jobs, cache, PHOTO_BOX))
        canvas_class = type(
            "NoticeCanvas", (_NumberedCanvas,), {"number": f"编号：{data.number}", "copies": data.copies}
        )
        doc = SimpleDocTemplate(
            str(path),
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=data.title,
            author=data.issuing_unit,
            subject=data.qr_payload,
            keywords=data.qr_payload,
            creator="fieldapp",
            invariant=1,
        )
        doc.build(_story(data, copies), canvasmaker=canvas_class)
