"""A canonical form of a record's content and its SHA-256, so that the same content always gives the same
digest on every device and engine (the finalize seal and, later, the notice verification use it)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID


def _canonical(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Enum):
        return _canonical(value.value)
    if isinstance(value, float):
        # repr gives the shortest round-tripping text; Decimal normalises 1.0 and 1 to the same form.
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime in canonical content; store times in UTC with tzinfo")
        # One instant, one spelling: 17:30+08:00 and 09:30+00:00 are the same content.
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, Sequence):
        return [_canonical(v) for v in value]
    raise TypeError(f"no canonical form for {type(value).__name__}")


def canonical_json(content: Mapping[str, Any]) -> str:
    return json.dumps(_canonical(content), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_sha256(content: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()
