"""The notice's QR code is ReportLab's own: the faster mask scoring gives ReportLab's points for every
mask, and so the very symbol its make() gives."""

from __future__ import annotations

import random

import pytest
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.barcode.qrencoder import QRUtil

from fieldapp.notices.qr import lost_points, qr_modules, trial_symbols
from fieldapp.notices.verification import qr_payload

_RANDOM = random.Random(20260506)
PAYLOADS = [
    qr_payload(
        f"YDJC-2026-T{n:02d}-{n * 37:04d}", "".join(_RANDOM.choice("0123456789abcdef") for _ in range(64))
    )
    for n in range(12)
] + ["x", "临河县人民医院", "A" * 300, "".join(chr(_RANDOM.randint(32, 126)) for _ in range(150))]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_points_and_the_symbol_are_reportlabs(payload: str) -> None:
    code = QrCodeWidget(payload, barLevel="M").qr
    code.version = code.calculate_version()
    trials = trial_symbols(code)
    for mask in range(8):
        code.makeImpl(True, mask)
        assert trials[mask] == [[bool(m) for m in row] for row in code.modules], mask
        assert lost_points(code.modules) == QRUtil.getLostPoint(code), mask
    reference = QrCodeWidget(payload, barLevel="M").qr
    reference.make()
    assert qr_modules(payload) == tuple(tuple(bool(m) for m in row) for row in reference.modules)
