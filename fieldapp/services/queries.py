"""Small pieces shared by the services' queries."""

from __future__ import annotations

LIKE_ESCAPE = "\\"


def escape_like(text: str) -> str:
    """`text` with LIKE's wildcards taken literally (use with escape=LIKE_ESCAPE): a customer named
    "100%" or an account "A_1" must match itself only."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
