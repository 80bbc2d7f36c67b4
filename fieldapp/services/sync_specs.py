"""The sync workbook's sheets, read off the models: every synced table, in an order where a record comes
after those it refers to, with every column that travels (not the device-local ones, not the stamps)."""

from __future__ import annotations

from functools import cache

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Double,
    Float,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    Uuid,
)
from sqlalchemy.sql.schema import Column

from fieldapp.store.models import SYNCED_MODELS, Base, Synced
from fieldapp.store.types import StrEnumType, UTCDateTime
from fieldapp.sync.labels import choice_labels
from fieldapp.sync.spec import ColumnSpec, Kind, SheetSpec

# Stamps and local state never travel as record columns (the stamps have their own columns).
_NOT_RECORD = frozenset({"id", "revision", "modified_at", "modified_by", "clock", "stored_at", "deleted"})


def _column_spec(column: Column[object]) -> ColumnSpec:
    kind_of = column.type
    nullable = bool(column.nullable)
    references = next(iter(column.foreign_keys)).column.table.name if column.foreign_keys else None
    if isinstance(kind_of, StrEnumType):
        return ColumnSpec(column.key, Kind.CHOICE, nullable, tuple(choice_labels(kind_of.enum).items()))
    if isinstance(kind_of, Uuid):
        return ColumnSpec(column.key, Kind.ID, nullable, references=references)
    if isinstance(kind_of, UTCDateTime):
        return ColumnSpec(column.key, Kind.DATETIME, nullable)
    if isinstance(kind_of, Date):
        return ColumnSpec(column.key, Kind.DATE, nullable)
    if isinstance(kind_of, Boolean):
        return ColumnSpec(column.key, Kind.BOOL, nullable)
    if isinstance(kind_of, Integer | BigInteger):
        return ColumnSpec(column.key, Kind.INT, nullable)
    if isinstance(kind_of, Numeric) and not isinstance(kind_of, Float | Double):
        return ColumnSpec(column.key, Kind.DECIMAL, nullable, scale=kind_of.scale)
    if isinstance(kind_of, Float | Double):
        return ColumnSpec(column.key, Kind.FLOAT, nullable)
    if isinstance(kind_of, JSON):
        return ColumnSpec(column.key, Kind.JSON, nullable)
    if isinstance(kind_of, String | Text):
        length = getattr(kind_of, "length", None)
        return ColumnSpec(column.key, Kind.TEXT, nullable, max_length=length)
    raise TypeError(f"{column.table.name}.{column.key}: no sync kind for {kind_of!r}")


def synced_tables() -> list[Table]:
    """The synced tables, each after the tables it refers to."""
    names = {model.__table__.name for model in SYNCED_MODELS}  # type: ignore[attr-defined]
    return [table for table in Base.metadata.sorted_tables if table.name in names]


def model_of(table: str) -> type[Synced]:
    for model in SYNCED_MODELS:
        if model.__table__.name == table:  # type: ignore[attr-defined]
            assert issubclass(model, Synced)
            return model
    raise KeyError(table)


@cache
def sheet_specs() -> dict[str, SheetSpec]:
    specs: dict[str, SheetSpec] = {}
    for table in synced_tables():
        model = model_of(table.name)
        columns = [
            _column_spec(column)
            for column in table.columns
            if column.key not in _NOT_RECORD and column.key not in model.LOCAL_FIELDS
        ]
        columns.append(ColumnSpec("deleted", Kind.BOOL, blank_when_false=True))
        unique = tuple(c.key for c in table.columns if c.unique)
        specs[table.name] = SheetSpec(table.name, tuple(columns), unique)
    return specs
