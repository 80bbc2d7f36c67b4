"""The legal-basis library as plain values: what a notice cites for a finding. The built-in library is kept
as TOML in resources/legal/library.toml (reviewable in a pull request); checklist items cite its entries by
code.

Layout of the file::

    [[entries]]  code, regulation, edition, article, requirement_zh, requirement_en, provenance, verified,
                 in_force, superseded_by

`code`, `regulation`, `requirement_zh`, `provenance` and `verified` are required; the others may be left
empty (an entry that cites a document as a whole has no article). `in_force` (default true) is false for a
citation of an edition that has been replaced or repealed: however well verified, it is no longer law, and
a notice never prints it as fact. `superseded_by` says what replaced it: the code of the replacing entry
when the library has one, else the edition in words (2024年版); it is left empty while the entry is in
force."""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from fieldapp.domain.digest import content_sha256
from fieldapp.domain.errors import ValidationError

# Field lengths as the database keeps them (store.models.LegalEntry); longer text would be refused there.
MAX_LENGTH = {"code": 50, "regulation": 200, "edition": 100, "article": 50, "superseded_by": 100}
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_REQUIRED_TEXT = ("code", "regulation", "requirement_zh", "provenance")
_OPTIONAL_TEXT = ("edition", "article", "requirement_en", "superseded_by")
_KEYS = {*_REQUIRED_TEXT, *_OPTIONAL_TEXT, "verified", "in_force"}


@dataclass(frozen=True)
class LegalBasis:
    code: str
    regulation: str
    edition: str
    article: str
    requirement_zh: str
    requirement_en: str
    provenance: str
    verified: bool
    in_force: bool = True
    superseded_by: str = ""  # the replacing entry's code, or the edition in words

    def content(self) -> dict[str, Any]:
        return asdict(self)

    def content_sha256(self) -> str:
        return content_sha256(self.content())


def load_library(path: Path) -> list[LegalBasis]:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError(f"{path.name}: {exc}") from exc
    return library_from_document(doc, path.name)


def library_from_document(doc: dict[str, Any], where: str) -> list[LegalBasis]:
    raw_entries = doc.get("entries", [])
    if not isinstance(raw_entries, list):
        raise ValidationError(
            f"{where}: entries 应为 [[entries]] 表数组 (entries must be an array of tables)"
        )
    entries: list[LegalBasis] = []
    first_seen: dict[str, int] = {}
    for number, raw in enumerate(raw_entries, start=1):
        entry = _entry(raw, where, number)
        if entry.code in first_seen:
            raise ValidationError(
                f"{where}: 第 {number} 条依据代码 {entry.code} 与第 {first_seen[entry.code]} 条重复 "
                f"(entry {number}: code {entry.code} already used by entry {first_seen[entry.code]})",
                field="code",
            )
        first_seen[entry.code] = number
        entries.append(entry)
    for number, entry in enumerate(entries, start=1):
        problem = lifecycle_problem(entry.code, entry.in_force, entry.superseded_by, set(first_seen))
        if problem:
            raise ValidationError(
                f"{where}: 第 {number} 条依据 (entry {number}): {problem}", field="superseded_by"
            )
    return entries


def lifecycle_problem(code: str, in_force: bool, superseded_by: str, codes: set[str]) -> str:
    """What is wrong with an entry's in-force status, in words (empty when nothing is): `superseded_by`
    belongs to an entry no longer in force, and when it is written like a code it must name another entry
    of the library (`codes`): a mistyped code would otherwise pass for the name of an edition."""
    if not superseded_by:
        return ""
    if in_force:
        return (
            "现行有效的依据不应填写 superseded_by；已被替代的请把 in_force 设为否 "
            "(superseded_by is for an entry no longer in force)"
        )
    if superseded_by == code:
        return f"superseded_by 不能是自身 {code} (an entry cannot replace itself)"
    if CODE.match(superseded_by) and superseded_by not in codes:
        return (
            f"superseded_by 的 {superseded_by} 不是库中的依据代码；没有对应条目时请写明版本，例如 2024年版 "
            f"({superseded_by} is no code in the library; without one, name the edition in words)"
        )
    return ""


def _entry(raw: Any, where: str, number: int) -> LegalBasis:
    at = f"{where}: 第 {number} 条依据 (entry {number})"
    if not isinstance(raw, dict):
        raise ValidationError(f"{at}: 应为表 (must be a table)")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        names = ", ".join(unknown)
        raise ValidationError(f"{at}: 未知字段 {names} (unknown field {names})", field=unknown[0])
    text: dict[str, str] = {}
    for key in (*_REQUIRED_TEXT, *_OPTIONAL_TEXT):
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise ValidationError(f"{at}: {key} 应为文本 (must be text)", field=key)
        value = value.strip()
        if key in _REQUIRED_TEXT and not value:
            raise ValidationError(f"{at}: 缺少字段 {key} (missing field {key})", field=key)
        limit = MAX_LENGTH.get(key)
        if limit is not None and len(value) > limit:
            raise ValidationError(
                f"{at}: {key} 超过 {limit} 个字符 ({key} longer than {limit} characters)", field=key
            )
        text[key] = value
    if "verified" not in raw:
        raise ValidationError(f"{at}: 缺少字段 verified (missing field verified)", field="verified")
    verified = raw["verified"]
    if not isinstance(verified, bool):
        raise ValidationError(f"{at}: verified 应为 true 或 false (must be true or false)", field="verified")
    in_force = raw.get("in_force", True)
    if not isinstance(in_force, bool):
        raise ValidationError(f"{at}: in_force 应为 true 或 false (must be true or false)", field="in_force")
    return LegalBasis(verified=verified, in_force=in_force, **text)


def citation_zh(entry: LegalBasis) -> str:
    """The citation as a notice prints it: 《供电营业规则》（1996年版）第一百条."""
    edition = f"（{entry.edition}）" if entry.edition else ""
    return f"{entry.regulation}{edition}{entry.article}"
