"""The office's own customer register, cell by cell: what its headers may be called and how each cell, as
people type it in Excel, becomes a customer's value — or a message saying what was expected.

Headers are matched by name, Chinese or English, ignoring case, spaces, underscores, hyphens, a `*` that
marks a column as required and full-width forms (NFKC); a unit in brackets, as in 合同容量(kVA) or
供电电压（千伏）, is read as the unit of the column's bare numbers. Each field lists its names best first:
when a register has two columns for one field (合同容量 and 运行容量), the better name is read and the other
is ignored with a warning.

How values are read, and why:
- 户号 is text; leading zeros are kept. A number cell is taken as the digits it shows (a cell formatted
  0000000000 shows its leading zeros, and those are kept); the reader warns about number cells, and refuses
  them where other account numbers of the column start with 0 (Excel dropped the zero).
- 供电电压: 10kV, 10 kV, 10千伏, 交流10kV, 10 (kV unless the header says V), 10000V. Everything below 1 kV
  (220 V, 380 V, 400 V, 0.4 kV) is low-voltage supply, the app's 0.4 kV; 63 kV is the former name of 66 kV.
  Other voltages (6 kV) are not supply voltages the app knows, and are refused.
- 合同容量 in kVA: 2500, "2,500", 2500kVA, 2.5MVA (kVA unless the header says MVA); kW counts as kVA, as the
  supply rules count motors' kilowatts (千瓦视同千伏安).
- 电价类别: 两部制 and 大工业 (the large-industry tariff is two-part by rule) are two-part; 单一制,
  一般工商业, 普通工业, 非工业, 商业, 非居民, 农业 and 居民 are single-part; a cell naming 两部制 wins over
  its category (一般工商业两部制 is two-part).
- 重要性等级: 特级, 一级, 二级, 临时性; 一般, 非重要, 普通, 无, 否 are ordinary customers.
- 计量类别: I to IV as Ⅰ类, I类, 一类, 1 ... . 计量方式 is not read as the class: in utility registers it
  holds 高供高计 / 高供低计 / 低供低计, which is something else.

Qt-free and database-free."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from fieldapp.domain.enums import ImportanceGrade, MeteringClass, Tariff, VoltageLevel


@dataclass(frozen=True)
class RegisterField:
    key: str  # the customer's field
    label: str  # its Chinese name, for messages
    names: tuple[str, ...]  # header names accepted, best first (as people write them)
    required: bool = False  # the column must be there and every row must fill it


FIELDS: tuple[RegisterField, ...] = (
    RegisterField(
        "account_no",
        "户号",
        ("户号", "用户编号", "客户编号", "用户号", "客户号", "用电户号", "account_no", "account number"),
        required=True,
    ),
    RegisterField(
        "name",
        "户名",
        ("户名", "用户名称", "客户名称", "用户名", "客户名", "单位名称", "name", "customer name"),
        required=True,
    ),
    RegisterField("address", "地址", ("用电地址", "地址", "用户地址", "客户地址", "address")),
    RegisterField("contact_name", "联系人", ("联系人", "联系人姓名", "contact", "contact name")),
    RegisterField(
        "contact_phone",
        "联系电话",
        (
            "联系电话",
            "联系人电话",
            "电话",
            "电话号码",
            "手机",
            "手机号码",
            "联系人手机",
            "联系方式",
            "phone",
            "telephone",
            "mobile",
            "contact phone",
        ),
    ),
    RegisterField("industry", "行业", ("行业", "行业类别", "行业分类", "所属行业", "industry")),
    RegisterField(
        "supply_voltage",
        "供电电压",
        ("供电电压", "电压等级", "供电电压等级", "电压", "voltage", "supply voltage"),
        required=True,
    ),
    RegisterField(
        "contract_capacity_kva",
        "合同容量",
        ("合同容量", "容量", "运行容量", "capacity", "contract capacity"),
        required=True,
    ),
    RegisterField(
        "tariff",
        "电价类别",
        ("电价类别", "电价类型", "电价分类", "电价", "用电类别", "tariff"),
        required=True,
    ),
    RegisterField(
        "importance",
        "重要性等级",
        (
            "重要性等级",
            "重要用户等级",
            "重要等级",
            "重要客户等级",
            "重要性",
            "importance",
            "importance grade",
        ),
    ),
    RegisterField(
        "metering_class",
        "计量类别",
        ("计量类别", "计量装置类别", "电能计量装置类别", "计量点类别", "计量等级", "metering class"),
    ),
    RegisterField("notes", "备注", ("备注", "notes", "note", "remarks", "remark")),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}

_DROPPED = re.compile(r"[\s_\-*:：.]+")
_UNIT = re.compile(r"[(\[]([^()\[\]]*)[)\]]\s*$")


def normal(text: str) -> str:
    """Text as headers and choices are compared: full-width folded, lower case, without spaces, `_`, `-`,
    `*`, a colon or a full stop (Account No.)."""
    return _DROPPED.sub("", unicodedata.normalize("NFKC", text)).lower()


_NAMES: dict[str, tuple[str, int]] = {
    normal(name): (f.key, rank) for f in FIELDS for rank, name in enumerate(f.names)
}


@dataclass(frozen=True)
class HeaderMatch:
    key: str
    rank: int  # 0 for the field's best name
    unit: str  # the unit in brackets after the name, normalised ("kva", "千伏"), or ""


def match_header(text: str) -> HeaderMatch | None:
    """The field a header names, or None. Also understood: the app's own header ("户号 account_no"), whose
    last word is the key."""
    folded = unicodedata.normalize("NFKC", text).strip()
    unit = ""
    found = _UNIT.search(folded)
    if found:
        unit = normal(found.group(1))
        folded = folded[: found.start()]
    for candidate in (folded, *folded.split()[-1:]):
        hit = _NAMES.get(normal(candidate))
        if hit is not None:
            return HeaderMatch(hit[0], hit[1], unit)
    return None


class RegisterValueError(ValueError):
    """A cell that cannot be its field's value; the message says what was expected."""


def text_value(value: Any) -> str:
    """A text cell: a whole number (Excel turns a typed phone number into one) loses its '.0'."""
    if isinstance(value, bool | datetime | date | time):
        raise RegisterValueError(f"应为文字，不是 {value!r} (text expected)")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def account_text(value: Any, number_format: str | None) -> str:
    """An account number as text. A whole-number cell gives its digits, padded as the cell's format
    0000000000 shows them; digits Excel could not keep (past 15) are refused."""
    if isinstance(value, bool):
        raise RegisterValueError(f"户号应为文字，不是 {value!r} (text expected)")
    if isinstance(value, float):
        if not value.is_integer():
            raise RegisterValueError(f"户号不是整数：{value!r} (not a whole number)")
        if abs(value) >= 1e15:
            raise RegisterValueError(
                f"户号存成了数字 {value:.15g}，超过 15 位的数字 Excel 只保留前 15 位，末位已丢失；"
                "请把该列设为文本格式并重新输入 (more than 15 digits stored as a number: digits lost)"
            )
        value = int(value)
    if isinstance(value, int):
        digits = str(value)
        if number_format and re.fullmatch(r"0+", number_format):
            digits = digits.zfill(len(number_format))
        return digits
    text = unicodedata.normalize("NFKC", text_value(value)).strip()
    return text.removeprefix("'")


def _compact(value: Any) -> str:
    """A number as typed, full-width folded, lower case, without spaces (a minus sign stays)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))).lower()


def _number(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise RegisterValueError("not a number") from None


def _number_cell(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    return None


_LOW_VOLTAGE = {Decimal(v) for v in ("0.22", "0.23", "0.38", "0.4")}
_VOLTAGE_LEVELS = {Decimal(level.value): level for level in VoltageLevel} | {Decimal(63): VoltageLevel.KV_66}
_VOLTAGE_TEXT = re.compile(r"(?:交流|ac)?(-?\d+(?:\.\d+)?)(kv|千伏|v|伏)?")


def voltage_value(value: Any, unit: str = "") -> VoltageLevel:
    """The supply voltage a cell gives. `unit` is the header's: bare numbers are kV unless it says V."""
    bare_volts = unit in ("v", "伏")
    number = _number_cell(value)
    volts = bare_volts
    if number is None:
        found = _VOLTAGE_TEXT.fullmatch(_compact(value))
        if not found:
            raise RegisterValueError(_voltage_message(value))
        number = _number(found.group(1))
        if found.group(2):
            volts = found.group(2) in ("v", "伏")
    kilovolts = number / 1000 if volts else number
    if kilovolts in _LOW_VOLTAGE:
        return VoltageLevel.LV_0_4
    level = _VOLTAGE_LEVELS.get(kilovolts)
    if level is None:
        raise RegisterValueError(_voltage_message(value))
    return level


def _voltage_message(value: Any) -> str:
    levels = "、".join(f"{level.value}kV" for level in VoltageLevel)
    return (
        f"供电电压无法识别：{value!r}，应为 {levels}（如 10kV、10千伏、380V）(supply voltage not recognised)"
    )


_CAPACITY_TEXT = re.compile(r"(-?\d+(?:\.\d+)?)(kva|千伏安|mva|兆伏安|kw|千瓦)?")
_THOUSANDS = {"mva", "兆伏安"}


def capacity_value(value: Any, unit: str = "") -> Decimal:
    """Contract capacity in kVA. `unit` is the header's: bare numbers are kVA unless it says MVA."""
    number = _number_cell(value)
    scale = 1000 if unit in _THOUSANDS else 1
    if number is None:
        found = _CAPACITY_TEXT.fullmatch(_compact(value).replace(",", ""))
        if not found:
            raise RegisterValueError(
                f"合同容量不是数字：{value!r}，应为千伏安数，如 2500、2,500、2500kVA "
                "(contract capacity: a number of kVA)"
            )
        number = _number(found.group(1))
        if found.group(2):
            scale = 1000 if found.group(2) in _THOUSANDS else 1
    return number * scale


_TWO_PART = ("两部", "二部", "twopart")
_SINGLE_PART = ("单一", "singlepart", "single")
_SINGLE_PART_CATEGORIES = ("工商业", "普通工业", "非工业", "商业", "非居民", "农业", "居民")


def tariff_value(value: Any) -> Tariff:
    text = normal(text_value(value))
    if any(word in text for word in _TWO_PART):
        return Tariff.TWO_PART
    if any(word in text for word in _SINGLE_PART):
        return Tariff.SINGLE_PART
    if "大工业" in text:
        return Tariff.TWO_PART
    if any(word in text for word in _SINGLE_PART_CATEGORIES):
        return Tariff.SINGLE_PART
    raise RegisterValueError(
        f"电价类别无法识别：{value!r}，应为 两部制、单一制，或 大工业（两部制）、一般工商业（单一制）等 "
        "(tariff not recognised: two-part or single-part)"
    )


_IMPORTANCE = (
    ("特级", ImportanceGrade.SPECIAL),
    ("一级", ImportanceGrade.FIRST),
    ("1级", ImportanceGrade.FIRST),
    ("二级", ImportanceGrade.SECOND),
    ("2级", ImportanceGrade.SECOND),
    ("临时", ImportanceGrade.TEMPORARY),
    ("非重要", ImportanceGrade.ORDINARY),
    ("一般", ImportanceGrade.ORDINARY),
    ("普通", ImportanceGrade.ORDINARY),
)
_IMPORTANCE_EXACT = {grade.value: grade for grade in ImportanceGrade} | {
    "无": ImportanceGrade.ORDINARY,
    "否": ImportanceGrade.ORDINARY,
    "none": ImportanceGrade.ORDINARY,
    "no": ImportanceGrade.ORDINARY,
}


def importance_value(value: Any) -> ImportanceGrade:
    text = normal(text_value(value))
    if text in _IMPORTANCE_EXACT:
        return _IMPORTANCE_EXACT[text]
    for word, grade in _IMPORTANCE:
        if word in text:
            return grade
    raise RegisterValueError(
        f"重要性等级无法识别：{value!r}，应为 特级、一级、二级、临时性，非重要用户写 一般 或留空 "
        "(importance not recognised)"
    )


_METERING = re.compile(r"(?:class|第)?(iv|iii|ii|i|1|2|3|4|一|二|三|四)类?")
_METERING_CLASSES = {
    "i": MeteringClass.I,
    "1": MeteringClass.I,
    "一": MeteringClass.I,
    "ii": MeteringClass.II,
    "2": MeteringClass.II,
    "二": MeteringClass.II,
    "iii": MeteringClass.III,
    "3": MeteringClass.III,
    "三": MeteringClass.III,
    "iv": MeteringClass.IV,
    "4": MeteringClass.IV,
    "四": MeteringClass.IV,
}


def metering_value(value: Any) -> MeteringClass:
    found = _METERING.fullmatch(normal(text_value(value)))
    if not found:
        raise RegisterValueError(
            f"计量类别无法识别：{value!r}，应为 I、II、III、IV（或 Ⅰ类、一类 ……）"
            "(metering class not recognised)"
        )
    return _METERING_CLASSES[found.group(1)]


def metering_class_by_capacity(capacity_kva: Decimal) -> MeteringClass:
    """The class the contract capacity alone gives (I from 10 000 kVA, II from 2000, III from 315): what a
    new customer gets when the register does not say. Monthly energy can raise a class; capacity cannot
    tell it."""
    if capacity_kva >= 10_000:
        return MeteringClass.I
    if capacity_kva >= 2000:
        return MeteringClass.II
    if capacity_kva >= 315:
        return MeteringClass.III
    return MeteringClass.IV


# Cells that only say "nothing here" in a choice column.
BLANK_MARKS = frozenset({"", "/", "—", "－", "-", "无数据"})


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in BLANK_MARKS)
