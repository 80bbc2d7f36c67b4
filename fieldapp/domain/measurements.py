"""Measurement rules: from a measured value or an answer, the customer's record and the previous visit,
propose a finding with its severity, text and basis. Pure functions on plain values.

A checklist item names its rule as a RuleSpec (a kind and its parameters); RULES maps each kind to its
definition. (The rule catalogue is filled in by the measurement-rules work; the spec type lives here so the
checklist model can name rules without knowing them.)"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RuleSpec:
    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **dict(self.params)}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> RuleSpec:
        params = {k: v for k, v in raw.items() if k != "kind"}
        return cls(str(raw.get("kind", "")), params)
