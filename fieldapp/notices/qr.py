"""The notice's QR code, encoded by ReportLab's own encoder with its own choice of mask pattern, only
scored faster.

An encoder tries the eight mask patterns and keeps the one whose symbol scores the fewest penalty points
(long runs, 2x2 blocks, finder-like patterns, an unbalanced dark share). ReportLab scores them module by
module in Python, which took longer than laying out the rest of the first page. `lost_points` gives the
same points (ReportLab's rules exactly, quirks included: its finder-pattern rule reads the rows only and
never a match at the last position) from the rows as bit strings and integers, so the chosen mask, and so
the symbol and the PDF, are the same as ReportLab's `make()` gives.

ReportLab also lays the data out again for every mask, a function call per module. The trial symbols are
made here from one layout instead: in a trial the format bits are all light (ReportLab's `test` mode),
so only the data modules differ between masks, and each mask flips them by its formula (ISO/IEC 18004
table 10), worked out for all positions at once."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

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


Positions = Sequence[tuple[int, int]]  # (column, row) of each data module, in ReportLab's order

# Whether each mask flips the module at row i, column j, for every data position at once.
_MASKS: tuple[Callable[[Positions], list[bool]], ...] = (
    lambda ps: [(i + j) % 2 == 0 for j, i in ps],
    lambda ps: [i % 2 == 0 for j, i in ps],
    lambda ps: [j % 3 == 0 for j, i in ps],
    lambda ps: [(i + j) % 3 == 0 for j, i in ps],
    lambda ps: [(i // 2 + j // 3) % 2 == 0 for j, i in ps],
    lambda ps: [(i * j) % 2 + (i * j) % 3 == 0 for j, i in ps],
    lambda ps: [((i * j) % 2 + (i * j) % 3) % 2 == 0 for j, i in ps],
    lambda ps: [((i * j) % 3 + (i + j) % 2) % 2 == 0 for j, i in ps],
)


def trial_symbols(code: Any) -> list[list[list[bool]]]:
    """The eight trial symbols ReportLab's `makeImpl(True, mask)` makes for a QRCode whose version is
    set, one per mask, from one layout of its data."""
    code.makeImpl(True, 0)  # the function patterns, the light trial format bits and the data's places
    base = [list(row) for row in code.modules]
    positions: Positions = code.dataPosIterator()
    data = list(code.dataBitIterator(code.dataCache))[: len(positions)]
    data += [False] * (len(positions) - len(data))
    trials = []
    for flips in _MASKS:
        modules = [row[:] for row in base]
        for (column, row), dark, flip in zip(positions, data, flips(positions), strict=True):
            modules[row][column] = dark != flip
        trials.append(modules)
    return trials


def qr_modules(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of the QR code for `payload` (error correction M), row by row, dark True."""
    code = QrCodeWidget(payload, barLevel=ERROR_CORRECTION).qr
    if code.version is None:
        code.version = code.calculate_version()
    best, lowest = 0, -1
    for mask, modules in enumerate(trial_symbols(code)):  # as QRCode.getBestMaskPattern
        lost = lost_points(modules)
        if lowest < 0 or lost < lowest:
            best, lowest = mask, lost
    code.makeImpl(False, best)
    return tuple(tuple(bool(module) for module in row) for row in code.modules)
