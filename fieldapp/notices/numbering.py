"""Notice numbers, unique without a network: prefix, year, device code, sequence (YDJC-2026-T01-0007).

The device code is unique to each tablet, so two devices never give the same number; the sequence counts
per device and year, whatever the prefix was when a number was given."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NUMBER = re.compile(r"^(?P<prefix>.+)-(?P<year>\d{4})-(?P<device>[^-]+)-(?P<seq>\d+)$")
SEQUENCE_DIGITS = 4


def notice_number(prefix: str, year: int, device: str, sequence: int) -> str:
    if not prefix or "-" in device or not device or sequence < 1:
        raise ValueError(f"cannot number a notice from {prefix!r}, {device!r}, {sequence}")
    return f"{prefix}-{year:04d}-{device}-{sequence:0{SEQUENCE_DIGITS}d}"


def parse_number(number: str) -> tuple[str, int, str, int] | None:
    """(prefix, year, device, sequence) of a number this module made, else None."""
    match = _NUMBER.match(number)
    if match is None:
        return None
    return match["prefix"], int(match["year"]), match["device"], int(match["seq"])


def next_sequence(existing: Iterable[str], year: int, device: str) -> int:
    """The sequence after the highest one among `existing` numbers of this device and year."""
    highest = 0
    for number in existing:
        parsed = parse_number(number)
        if parsed is not None and parsed[1] == year and parsed[2] == device:
            highest = max(highest, parsed[3])
    return highest + 1
