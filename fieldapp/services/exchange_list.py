"""The sync exchanges made on this device as the Sync page shows them: plain values, newest first; the
peers they were made with; and the names a person reads for a sheet and a column of the sync workbook
(the page shows what an import would change in the workbook's own words)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.domain.errors import ValidationError
from fieldapp.services.sync_import import exchange_history
from fieldapp.store.models import Exchange
from fieldapp.sync import labels

MAX_EXCHANGES = 1000


@dataclass(frozen=True)
class ExchangeRow:
    exchange_id: uuid.UUID
    direction: str  # "export" or "import"
    peer: str  # an export: the name it was made for; an import: the device that wrote the file
    file_name: str  # the bundle or workbook, as a full path
    full: bool
    started_at: datetime
    # An export's counts:
    rows: int = 0
    photos: int = 0
    bytes: int = 0
    # An import's counts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    rejected: int = 0

    @property
    def is_export(self) -> bool:
        return self.direction == "export"


def _count(value: Any) -> int:
    """A count from the stored summary; the summary is JSON written by this app, but a number that is not
    one shows as 0 rather than breaking the history."""
    if isinstance(value, dict):
        return sum(_count(v) for v in value.values())
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _row(exchange: Exchange) -> ExchangeRow:
    summary = exchange.summary if isinstance(exchange.summary, dict) else {}
    return ExchangeRow(
        exchange.id,
        exchange.direction,
        exchange.peer,
        exchange.file_name,
        exchange.full,
        exchange.started_at,
        rows=_count(summary.get("rows")),
        photos=_count(summary.get("photos")),
        bytes=_count(summary.get("bytes")),
        inserted=_count(summary.get("inserted")),
        updated=_count(summary.get("updated")),
        unchanged=_count(summary.get("unchanged")),
        conflicts=_count(summary.get("conflicts")),
        rejected=_count(summary.get("rejected")),
    )


def list_exchanges(session: Session, limit: int = 200) -> list[ExchangeRow]:
    """This device's exports and imports, newest first."""
    if not 1 <= limit <= MAX_EXCHANGES:
        raise ValidationError(f"limit must be 1..{MAX_EXCHANGES}", field="limit")
    return [_row(exchange) for exchange in exchange_history(session, limit)]


def known_peers(session: Session) -> list[str]:
    """Every peer named in the history, the one exchanged with most recently first."""
    latest = func.max(Exchange.started_at)
    query = (
        select(Exchange.peer, latest)
        .where(Exchange.peer != "")
        .group_by(Exchange.peer)
        .order_by(latest.desc(), Exchange.peer)
    )
    return [str(peer) for peer, _at in session.execute(query)]


def sheet_label(table: str) -> str:
    """A sheet as the workbook names it, e.g. "客户 customers"."""
    return labels.sheet_title(table)


def field_label(table: str, key: str) -> str:
    """A column as the workbook's header names it, e.g. "户号 account_no"."""
    return labels.header_text(table, key)
