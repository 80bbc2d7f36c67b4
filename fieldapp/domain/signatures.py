"""What makes a drawn signature acceptable, on plain values.

A signature is kept as strokes: lists of points with x and y between 0 and 1 across the pad, and the pad's
aspect ratio so it can be drawn again undistorted on screen and in the notice."""

from __future__ import annotations

import math
from typing import Any

from fieldapp.domain.errors import ValidationError

MIN_POINTS = 5  # a tap or a stray touch is not a signature
MAX_POINTS = 20_000  # a minute of fast scribbling; refuses payloads no hand could draw
MIN_EXTENT = 0.05  # the strokes must span at least 5 % of the pad's width or height

Point = tuple[float, float]


def check_signature(aspect: float, strokes: list[list[Point]]) -> dict[str, Any]:
    """The signature as stored (`{"aspect": ..., "strokes": [[[x, y], ...], ...]}`), or a ValidationError
    saying why it cannot be one."""
    if not (isinstance(aspect, int | float) and math.isfinite(aspect) and 0.1 <= aspect <= 10):
        raise ValidationError(f"签名板比例无效 (invalid pad aspect ratio {aspect!r})", field="signature")
    cleaned: list[list[list[float]]] = []
    total = 0
    for stroke in strokes:
        points: list[list[float]] = []
        for point in stroke:
            try:
                x, y = (float(v) for v in point)
            except (TypeError, ValueError):
                raise ValidationError(
                    f"签名坐标无效 (signature point {point!r} is not a pair of numbers)", field="signature"
                ) from None
            if not (math.isfinite(x) and math.isfinite(y) and 0 <= x <= 1 and 0 <= y <= 1):
                raise ValidationError(
                    f"签名坐标超出范围 (signature point {point!r} out of range)", field="signature"
                )
            points.append([round(x, 4), round(y, 4)])  # 0.1 mm on an A4 width: finer is noise
        if points:
            cleaned.append(points)
            total += len(points)
    if total < MIN_POINTS:
        raise ValidationError(
            "签名太短，请重新签名 (the signature is too short: sign again)", field="signature"
        )
    if total > MAX_POINTS:
        raise ValidationError(
            f"签名数据过大 (signature has {total} points, at most {MAX_POINTS})", field="signature"
        )
    xs = [p[0] for s in cleaned for p in s]
    ys = [p[1] for s in cleaned for p in s]
    if max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_EXTENT:
        raise ValidationError(
            "签名太小，请重新签名 (the signature is too small: sign again)", field="signature"
        )
    return {"aspect": round(float(aspect), 4), "strokes": cleaned}
