"""Ids that every device derives alike for the same content.

Records made from shared content (a built-in checklist, a template the office sends, a citation of the
legal library) are created on every device independently; a random id would make the same checklist two
different records the moment two devices sync. An id computed from what the record is keeps them one."""

from __future__ import annotations

import uuid

CONTENT_NAMESPACE = uuid.UUID("6f1c2b7e-52a4-4d35-9a0e-4c8d1f3b2e77")


def content_id(kind: str, *parts: object) -> uuid.UUID:
    """The id of a `kind` record that is what `parts` say (the same on every device)."""
    return uuid.uuid5(CONTENT_NAMESPACE, "\x1f".join([kind, *(str(p) for p in parts)]))
