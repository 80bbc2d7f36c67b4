"""What a sync workbook holds: one sheet per kind of record, its columns and how each kind of value is
written for people and read back exactly.

Plain values only: services describe the tables (sheet_specs there reads them off the models) and hand
rows in and out as dicts; this package never sees the database. Every value survives a round trip through
Excel or LibreOffice unchanged, which is what lets an import tell a person's edit from a copy: the row's
digest (`row_digest`) is computed over the same normalised values on both sides."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from typing import Any

from fieldapp.sync import labels

FORMAT_NAME = "fieldapp-sync"
FORMAT_VERSION = 1
BUNDLE_SUFFIX = ".fieldsync"
META_SHEET = "说明 about"
# Beijing time, where every tablet and the office are: people read times as they know them. China keeps
# one zone and no daylight saving, so the conversion is exact both ways.
_LOCAL_OFFSET = timedelta(hours=8)
LOCAL_ZONE = timezone(_LOCAL_OFFSET)
# An Excel cell holds at most 32 767 characters; longer values (a long template, a signature's strokes)
# travel as a file inside the bundle and the cell names it.
CELL_LIMIT = 32_000
OVERFLOW_PREFIX = "见附件 see file: "

STAMP_KEYS = ("id", "revision", "modified_at", "modified_by", "clock", "row_digest")


class Kind(StrEnum):
    ID = "id"
    TEXT = "text"
    INT = "int"
    DECIMAL = "decimal"
    FLOAT = "float"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    CHOICE = "choice"
    JSON = "json"


class CellError(ValueError):
    """A cell whose value cannot be what its column holds; the message says what was expected."""


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    kind: Kind
    nullable: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (value, Chinese label)
    scale: int | None = None  # decimal places of a DECIMAL column
    max_length: int | None = None  # of a TEXT column
    references: str | None = None  # the table an ID column points to
    # A BOOL column whose cell stays empty for "no" (the tombstone `deleted`: only a deleted row says 是, so
    # the column reads at a glance and a person adding a row leaves it empty). Empty reads back as no.
    blank_when_false: bool = False

    @property
    def width(self) -> int:
        if self.kind in (Kind.DATETIME,):
            return 20
        if self.kind in (Kind.ID,):
            return 38
        if self.kind in (Kind.JSON,):
            return 40
        if self.kind is Kind.TEXT and (self.max_length is None or self.max_length > 100):
            return 36
        return 16


@dataclass(frozen=True)
class SheetSpec:
    table: str
    columns: tuple[ColumnSpec, ...]  # the record's own columns, `deleted` last; stamps come after
    unique: tuple[str, ...] = ()  # columns unique across the table (account_no, staff_no ...)
    column_index: dict[str, ColumnSpec] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.column_index.update({c.key: c for c in self.columns})

    @property
    def title(self) -> str:
        return labels.sheet_title(self.table)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every column of the sheet, in order: the record's, then the sync stamps."""
        return tuple(c.key for c in self.columns) + STAMP_KEYS


def choice_column(key: str, enum: type[StrEnum], *, nullable: bool = False) -> ColumnSpec:
    return ColumnSpec(key, Kind.CHOICE, nullable, tuple(labels.choice_labels(enum).items()))


# --- writing -----------------------------------------------------------------------------------------


def to_local(moment: datetime) -> datetime:
    """An aware UTC time as the naive Beijing time a spreadsheet shows, to the millisecond."""
    local = moment.astimezone(LOCAL_ZONE).replace(tzinfo=None)
    if local.microsecond % 1000:
        local = local.replace(microsecond=local.microsecond // 1000 * 1000)
    return local


def id_text(value: Any) -> str:
    """A record id as the workbook shows it (8-4-4-4-12), from a UUID or the 32 hex digits SQLite keeps."""
    if type(value) is str and len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return str(value)


def moment_forms(moment: datetime) -> tuple[str, datetime]:
    """A DATETIME value's canonical text and its cell at once, from one conversion (the writer's way; the
    same as canonical_of(column)(moment) and to_local(moment))."""
    utc = moment.astimezone(UTC)
    if utc.microsecond % 1000:
        utc = utc.replace(microsecond=utc.microsecond // 1000 * 1000)
    return utc.isoformat(), (utc + _LOCAL_OFFSET).replace(tzinfo=None)


def stamp_time_text(moment: datetime) -> str:
    """The grey `modified_at` stamp: Beijing time as exact text to the millisecond. A date cell would be
    rounded by LibreOffice (to 1/100 s in its own format), and the merge compares these times exactly;
    nobody filters or edits by this column, so it need not be a date."""
    return moment.astimezone(LOCAL_ZONE).isoformat(" ", "milliseconds")[:23]  # less the "+08:00"


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def cell_value(column: ColumnSpec, value: Any) -> Any:
    """What goes into the cell for a stored value (None leaves the cell empty)."""
    return None if value is None else cell_of(column)(value)


def _same(value: Any) -> Any:
    return value


@cache
def cell_of(column: ColumnSpec) -> Callable[[Any], Any]:
    """cell_value for one column, its labels looked up once: what goes into the cell for a stored value
    that is not None. The writer calls it for every cell."""
    kind = column.kind
    if kind is Kind.TEXT or kind is Kind.ID:
        return str
    if kind is Kind.BOOL:
        if column.blank_when_false:
            return lambda value: labels.YES if value else None
        return lambda value: labels.YES if value else labels.NO
    if kind is Kind.CHOICE:
        shown = dict(column.choices)

        def choice(value: Any) -> str:
            text = str(value)
            return shown.get(text, text)

        return choice
    if kind is Kind.DATETIME:
        return to_local
    if kind is Kind.JSON:
        return json_text
    if kind is Kind.DECIMAL:
        return Decimal
    return _same


# --- reading -----------------------------------------------------------------------------------------


def _text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return labels.YES if raw else labels.NO
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))  # Excel turns a typed 001 into 1.0 when the column was not text
    if isinstance(raw, datetime):
        return raw.isoformat(sep=" ")
    return str(raw).replace("\r\n", "\n")


def read_value(column: ColumnSpec, raw: Any, overflow: dict[str, str] | None = None) -> Any:
    """The stored value a cell stands for; CellError says what the column expected instead."""
    if isinstance(raw, str) and raw.startswith(OVERFLOW_PREFIX) and column.kind in (Kind.TEXT, Kind.JSON):
        name = raw[len(OVERFLOW_PREFIX) :].strip()
        if overflow is None or name not in overflow:
            raise CellError(
                f"内容保存在同步包的文件 {name} 中，请导入整个同步包 (the value is kept in the bundle)"
            )
        raw = overflow[name]
    empty = raw is None or (isinstance(raw, str) and raw.strip() == "")
    kind = column.kind
    if kind is Kind.TEXT:
        if empty and column.nullable:
            return None
        text = _text(raw)
        if column.max_length is not None and len(text) > column.max_length:
            raise CellError(f"文字过长（{len(text)} 字，上限 {column.max_length}）(text too long)")
        return text
    if empty:
        if column.nullable:
            return None
        if kind is Kind.BOOL:
            return False
        raise CellError("不能为空 (must not be empty)")
    if kind is Kind.ID:
        try:
            return uuid.UUID(str(raw).strip())
        except ValueError:
            raise CellError(f"不是有效的编号 {raw!r} (not a valid id)") from None
    if kind is Kind.INT:
        if isinstance(raw, bool):
            raise CellError(f"应为整数，而不是 {raw!r} (a whole number expected)")
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        text = str(raw).strip()
        if text.lstrip("-").isdigit() and len(text) < 19:
            return int(text)
        raise CellError(f"应为整数，而不是 {raw!r} (a whole number expected)")
    if kind is Kind.DECIMAL:
        if isinstance(raw, bool | datetime | date):
            raise CellError(f"应为数字，而不是 {raw!r} (a number expected)")
        try:
            number = Decimal(repr(raw) if isinstance(raw, float) else str(raw).strip())
        except InvalidOperation:
            raise CellError(f"应为数字，而不是 {raw!r} (a number expected)") from None
        if not number.is_finite():
            raise CellError(f"应为数字，而不是 {raw!r} (a number expected)")
        return number.quantize(Decimal(1).scaleb(-column.scale)) if column.scale is not None else number
    if kind is Kind.FLOAT:
        if isinstance(raw, bool):
            raise CellError(f"应为数字，而不是 {raw!r} (a number expected)")
        try:
            return round(float(raw), 9)
        except (TypeError, ValueError):
            raise CellError(f"应为数字，而不是 {raw!r} (a number expected)") from None
    if kind is Kind.BOOL:
        text = str(raw).strip().lower()
        if raw is True or text in ("是", "yes", "true", "1", "y"):
            return True
        if raw is False or text in ("否", "no", "false", "0", "n"):
            return False
        raise CellError(f"应为 是 或 否，而不是 {raw!r} (yes or no expected)")
    if kind is Kind.DATE:
        if isinstance(raw, datetime):
            if raw.time() != datetime.min.time():
                raise CellError(f"应为日期，不含时间：{raw!r} (a date without a time expected)")
            return raw.date()
        if isinstance(raw, date):
            return raw
        try:
            return date.fromisoformat(str(raw).strip())
        except ValueError:
            raise CellError(
                f"不是有效的日期 {raw!r}，应为 2026-03-31 这样的日期 (not a valid date)"
            ) from None
    if kind is Kind.DATETIME:
        moment: datetime
        if isinstance(raw, datetime):
            moment = raw
        elif isinstance(raw, date):
            moment = datetime(raw.year, raw.month, raw.day)
        else:
            try:
                moment = datetime.fromisoformat(str(raw).strip())
            except ValueError:
                raise CellError(
                    f"不是有效的时间 {raw!r}，应为 2026-03-31 14:30:00 这样的时间 (not a valid time)"
                ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=LOCAL_ZONE)
        moment = moment.astimezone(UTC)
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    if kind is Kind.CHOICE:
        text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw).strip()
        for value, label in column.choices:
            if text in (label, value):
                return value
        allowed = "、".join(label for _, label in column.choices)
        raise CellError(f"取值无效 {text!r}，应为：{allowed} (not one of the choices)")
    if kind is Kind.JSON:
        try:
            return json.loads(str(raw))
        except json.JSONDecodeError as exc:
            raise CellError(f"不是有效的 JSON：{exc.msg}，第 {exc.pos} 个字符 (not valid JSON)") from None
    raise AssertionError(kind)


Reader = Callable[[Any, "dict[str, str] | None"], Any]  # (cell value, overflow files) -> stored value


@cache
def reader_of(column: ColumnSpec) -> Reader:
    """read_value for one column, for the reader's loop over every cell: the cells a workbook written by
    this app holds (and Excel or LibreOffice save back) are read here directly; anything else (empty,
    typed differently, a file reference, or wrong) goes to read_value itself, so the rules and the
    messages are read_value's alone. A change to read_value's rules must keep these shortcuts in step
    (tests/unit/sync/test_spec_fast_paths.py compares the two)."""
    kind = column.kind
    nullable = column.nullable

    if kind is Kind.TEXT:
        limit = column.max_length

        def text(raw: Any, overflow: dict[str, str] | None) -> Any:
            if type(raw) is not str or raw.startswith(OVERFLOW_PREFIX) or (nullable and not raw.strip()):
                return read_value(column, raw, overflow)
            value = raw.replace("\r\n", "\n") if "\r" in raw else raw
            if limit is not None and len(value) > limit:
                return read_value(column, raw, overflow)
            return value

        return text
    if kind is Kind.ID:

        def identifier(raw: Any, overflow: dict[str, str] | None) -> Any:
            if type(raw) is str and len(raw) == 36 and not (raw[0].isspace() or raw[-1].isspace()):
                try:
                    return uuid.UUID(raw)
                except ValueError:
                    pass
            return read_value(column, raw, overflow)

        return identifier
    if kind is Kind.INT:
        return lambda raw, overflow: raw if type(raw) is int else read_value(column, raw, overflow)
    if kind is Kind.DECIMAL:
        quantum = Decimal(1).scaleb(-column.scale) if column.scale is not None else None

        def decimal(raw: Any, overflow: dict[str, str] | None) -> Any:
            kind_of = type(raw)
            if kind_of is float or kind_of is int:
                number = Decimal(repr(raw) if kind_of is float else str(raw))
                if number.is_finite():
                    return number.quantize(quantum) if quantum is not None else number
            return read_value(column, raw, overflow)

        return decimal
    if kind is Kind.FLOAT:
        return lambda raw, overflow: (
            round(float(raw), 9)
            if type(raw) is float or type(raw) is int
            else read_value(column, raw, overflow)
        )
    if kind is Kind.BOOL:
        known = {labels.YES: True, labels.NO: False}
        return lambda raw, overflow: (
            known[raw] if type(raw) is str and raw in known else read_value(column, raw, overflow)
        )
    if kind is Kind.DATE:

        def day(raw: Any, overflow: dict[str, str] | None) -> Any:
            if type(raw) is datetime and raw.tzinfo is None and raw.time() == _MIDNIGHT:
                return raw.date()
            return raw if type(raw) is date else read_value(column, raw, overflow)

        return day
    if kind is Kind.DATETIME:

        def moment(raw: Any, overflow: dict[str, str] | None) -> Any:
            if type(raw) is not datetime or raw.tzinfo is not None:
                return read_value(column, raw, overflow)
            utc = raw.replace(tzinfo=LOCAL_ZONE).astimezone(UTC)
            if utc.microsecond % 1000:
                utc = utc.replace(microsecond=utc.microsecond // 1000 * 1000)
            return utc

        return moment
    if kind is Kind.CHOICE:
        found: dict[str, str] = {}
        for value, label in column.choices:  # the first choice a text names wins, as in read_value
            for key in (label, value):
                if key and key == key.strip():
                    found.setdefault(key, value)
        return lambda raw, overflow: (
            found[raw] if type(raw) is str and raw in found else read_value(column, raw, overflow)
        )
    if kind is Kind.JSON:

        def document(raw: Any, overflow: dict[str, str] | None) -> Any:
            if type(raw) is str and raw[:1] in ("{", "[") and not raw.startswith(OVERFLOW_PREFIX):
                try:
                    return json.loads(raw)
                except ValueError:
                    pass
            return read_value(column, raw, overflow)

        return document
    return lambda raw, overflow: read_value(column, raw, overflow)


_MIDNIGHT = datetime.min.time()


# --- comparing ---------------------------------------------------------------------------------------


def canonical(column: ColumnSpec, value: Any) -> str:
    """A value as one exact string, the same whether it came from the database or back from a
    spreadsheet: the unit of the row digest and of deciding whether a field changed."""
    return canonical_of(column)(value)


@cache
def canonical_of(column: ColumnSpec) -> Callable[[Any], str]:
    """canonical for one column, with what depends on the column worked out once: the writer, the reader
    and the merge call it for every cell. None is ""."""
    kind = column.kind
    if kind is Kind.TEXT:

        def text(value: Any) -> str:
            if value is None:
                return ""
            text = str(value)
            return text.replace("\r\n", "\n") if "\r" in text else text

        return text
    if kind is Kind.BOOL:
        return lambda value: "" if value is None else "1" if value else "0"
    if kind is Kind.DECIMAL:
        quantum = Decimal(1).scaleb(-column.scale) if column.scale is not None else None

        def decimal(value: Any) -> str:
            if value is None:
                return ""
            number = Decimal(value)
            if quantum is not None:
                number = number.quantize(quantum)
            return format(number, "f")

        return decimal
    if kind is Kind.FLOAT:
        return lambda value: "" if value is None else repr(round(float(value), 9))
    if kind is Kind.DATE:
        return lambda value: (
            "" if value is None else value.isoformat() if isinstance(value, date) else str(value)
        )
    if kind is Kind.DATETIME:

        def moment(value: Any) -> str:
            if value is None:
                return ""
            utc: datetime = value.astimezone(UTC)
            if utc.microsecond % 1000:
                utc = utc.replace(microsecond=utc.microsecond // 1000 * 1000)
            return utc.isoformat()

        return moment
    if kind is Kind.JSON:
        return lambda value: "" if value is None else json_text(value)
    return lambda value: "" if value is None else str(value)


def digest_of(canonicals: list[str]) -> str:
    """The row digest of a record's canonical values, in the order of its sheet's columns."""
    joined = "\x1f".join(canonicals) + "\x1f"  # every value is followed by the separator, the last too
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]


def row_digest(sheet: SheetSpec, values: dict[str, Any]) -> str:
    """The digest of a record's own columns as exported. A row whose cells no longer give this digest
    was changed by a person."""
    return digest_of([canonical_of(column)(values.get(column.key)) for column in sheet.columns])


def parse_clock(text: str) -> dict[str, int]:
    """A version vector written as `T01:3 OFFICE:2`."""
    clock: dict[str, int] = {}
    for part in text.split():
        name, _, count = part.rpartition(":")
        if not name or not count.isdigit():
            raise CellError(f"版本向量格式错误 {text!r} (malformed version vector)")
        clock[name] = int(count)
    return clock


def clock_text(clock: dict[str, int]) -> str:
    return " ".join(f"{name}:{count}" for name, count in sorted(clock.items()))
