"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import DateTime, Dialect, String, TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC and always hands back an aware datetime in UTC: SQLite keeps no time zone, so a naive
    value read back would otherwise be ambiguous. Naive input is refused rather than guessed."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return utc_from_stored(value)


def utc_from_stored(value: datetime | str | None) -> datetime | None:
    """A UTCDateTime column's value as the driver hands it over (SQLite's text, PostgreSQL's aware time)
    as an aware UTC datetime: what reading through the column type gives, for bulk reads that skip it."""
    if value is None:
        return None
    if type(value) is str:
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


E = TypeVar("E", bound=StrEnum)


class StrEnumType(TypeDecorator[E], Generic[E]):
    """A StrEnum stored as its value in a VARCHAR: readable in the database and in exports, and a new member
    needs no ALTER TYPE on PostgreSQL."""

    impl = String(32)
    cache_ok = True

    def __init__(self, enum: type[E], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enum = enum

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        if value is None:
            return None
        return self.enum(value)


def utcnow() -> datetime:
    """Now, in UTC, to the millisecond: the precision a spreadsheet keeps (Excel and LibreOffice store
    times as fractions of a day; openpyxl writes milliseconds), so every stamp survives a sync workbook
    exactly."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)
