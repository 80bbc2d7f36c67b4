"""The notice's QR code, encoded by ReportLab's own encoder with its own choice of mask pattern, only
scored faster.

An encoder tries the eight mask patterns and keeps the one whose symbol scores the fewest penalty points
(long runs, 2x2 blocks, finder-like patterns, an unbalanced dark share). ReportLab scores them module by
module in Python, which took longer than laying out the rest of the first page. `lost_points` gives the
same points (ReportLab's rules exactly, quirks included: its finder-pattern rule reads the rows only and
never a match at the last position) from the rows as bit strings and integers, so the chosen mask, and so
the symbol and the PDF, are the same as ReportLab's `make()` gives."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from reportlab.graphics.barcode.qr import QrCodeWidget

ERROR_CORRECTION = "M"
_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = re.compile(r"10111010000")


def lost_points(modules: Sequence[Sequence[bool]]) -> int:
    """ReportLab's QRUtil.getLostPoint for a square symbol of dark (True) and light modules."""
    count = len(modules)
    rows = ["".join("1" if module else "0" for module in row) for row in modules]
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    # Runs of five or more of one colour, along rows and columns: 3 points and 1 for each one beyond five.
    score = sum(len(run) - 2 for line in (*rows, *columns) for run in _RUN.findall(line))
    # Blocks of 2x2 of one colour: 3 points each.
    whole = (1 << count) - 1
    bits = [int(row, 2) for row in rows]
    for upper, lower in pairwise(bits):
        same_column = ~(upper ^ lower) & whole
        blocks = same_column & (same_column >> 1) & ~(upper ^ (upper >> 1)) & (whole >> 1)
        score += 3 * blocks.bit_count()
    # 1:1:3:1:1 followed by four light modules along a row, not at the row's last position: 40 each.
    score += 40 * sum(len(_FINDER.findall(row[:-1])) for row in rows)
    # The dark share's distance from half, in steps of 5 %: 10 points each.
    dark = sum(row.count("1") for row in rows)
    return score + 10 * (abs(100 * dark // (count * count) - 50) // 5)


def qr_modules(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of the QR code for `payload` (error correction M), row by row, dark True."""
    code = QrCodeWidget(payload, barLevel=ERROR_CORRECTION).qr
    if code.version is None:
        code.version = code.calculate_version()
    best, lowest = 0, -1
    for mask in range(8):  # as QRCode.getBestMaskPattern, with the points counted by lost_points
        code.makeImpl(True, mask)
        lost = lost_points(code.modules)
        if lowest < 0 or lost < lowest:
            best, lowest = mask, lost
    code.makeImpl(False, best)
    return tuple(tuple(bool(module) for module in row) for row in code.modules)
