"""Reading the legal-basis library file: bad entries are named by file and entry number; citations read as
a notice prints them."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.checklists.legal import LegalBasis, citation_zh, load_library
from fieldapp.domain.errors import ValidationError
from fieldapp.paths import legal_dir

GOOD = """
[[entries]]
code = "GYGZ1996-100"
regulation = "《供电营业规则》"
edition = "1996年版"
article = "第一百条"
requirement_zh = "违约用电行为"
requirement_en = "Contract breaches"
provenance = "notes [firm]"
verified = true

[[entries]]
code = "GB50053-ROOM"
regulation = "《20kV及以下变电所设计规范》"
requirement_zh = "门向外开启"
provenance = "recalled"
verified = false
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "library.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_entries_load_in_order_with_optional_fields_empty(tmp_path: Path) -> None:
    first, second = load_library(_write(tmp_path, GOOD))
    assert first == LegalBasis(
        "GYGZ1996-100",
        "《供电营业规则》",
        "1996年版",
        "第一百条",
        "违约用电行为",
        "Contract breaches",
        "notes [firm]",
        True,
    )
    assert (second.edition, second.article, second.requirement_en, second.verified) == ("", "", "", False)


def test_the_shipped_library_loads() -> None:
    entries = load_library(legal_dir() / "library.toml")
    assert {"DLF-32", "GDYY-30", "GYGZ1996-100", "GYGZ2024-BREACH", "GLYS1983"} <= {e.code for e in entries}


def test_citations_read_as_a_notice_prints_them() -> None:
    by_code = {e.code: e for e in load_library(legal_dir() / "library.toml")}
    assert citation_zh(by_code["GYGZ1996-100"]) == "《供电营业规则》（1996年版）第一百条"
    assert citation_zh(by_code["DLF-32"]) == "《中华人民共和国电力法》（2018年修正）第三十二条"
    assert citation_zh(by_code["GYGZ2024-BREACH"]) == "《供电营业规则》（2024年版）"
    standard = LegalBasis("X", "《电力设备预防性试验规程》", "DL/T 596—1996", "", "试验", "", "p", False)
    assert citation_zh(standard) == "《电力设备预防性试验规程》（DL/T 596—1996）"
    bare = LegalBasis("Y", "《功率因数调整电费办法》", "", "", "标准", "", "p", True)
    assert citation_zh(bare) == "《功率因数调整电费办法》"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace('code = "GB50053-ROOM"\n', ""), r"library\.toml: 第 2 条.*missing field code"),
        (GOOD.replace('requirement_zh = "门向外开启"\n', ""), r"library\.toml: 第 2 条.*requirement_zh"),
        (GOOD.replace("verified = false", ""), r"第 2 条.*missing field verified"),
        (GOOD.replace("verified = false", 'verified = "no"'), r"第 2 条.*verified"),
        (GOOD.replace("GB50053-ROOM", "GYGZ1996-100"), r"第 2 条.*GYGZ1996-100.*第 1 条"),
        (GOOD.replace('edition = "1996年版"', 'editon = "1996年版"'), r"第 1 条.*unknown field editon"),
        (GOOD.replace('article = "第一百条"', "article = 100"), r"第 1 条.*article"),
        (GOOD.replace('code = "GB50053-ROOM"', 'code = "' + "X" * 51 + '"'), r"第 2 条.*longer than 50"),
        ("[[entries]\ncode = 1", r"library\.toml"),
    ],
)
def test_bad_entries_are_named_by_file_and_number(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        load_library(_write(tmp_path, text))


def test_a_missing_file_is_a_validation_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"library\.toml"):
        load_library(tmp_path / "library.toml")


def test_the_1996_business_rules_are_no_longer_in_force() -> None:
    """The 2024 edition replaced the 1996 《供电营业规则》: its entries, even the verified ones, are out of
    force, each naming the 2024 entry that replaced it; everything else is in force."""
    entries = load_library(legal_dir() / "library.toml")
    by_code = {e.code: e for e in entries}
    old = [e for e in entries if e.code.startswith("GYGZ1996-")]
    assert old and any(e.verified for e in old)
    for entry in old:
        assert not entry.in_force
        successor = by_code[entry.superseded_by]
        assert successor.code.startswith("GYGZ2024-") and successor.in_force
    assert all(e.in_force and not e.superseded_by for e in entries if not e.code.startswith("GYGZ1996-"))


RETIRED = GOOD.replace("verified = true", 'verified = true\nin_force = false\nsuperseded_by = "2024年版"')


def test_an_entry_out_of_force_names_what_replaced_it(tmp_path: Path) -> None:
    retired, current = load_library(_write(tmp_path, RETIRED))
    assert (retired.in_force, retired.superseded_by) == (False, "2024年版")
    assert (current.in_force, current.superseded_by) == (True, "")
    by_code = load_library(_write(tmp_path, RETIRED.replace('"2024年版"', '"GB50053-ROOM"')))
    assert by_code[0].superseded_by == "GB50053-ROOM"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (RETIRED.replace("in_force = false", 'in_force = "no"'), r"第 1 条.*in_force.*true or false"),
        (
            RETIRED.replace("in_force = false\n", ""),
            r"第 1 条.*superseded_by is for an entry no longer in force",
        ),
        (RETIRED.replace('"2024年版"', '"GYGZ1996-100"'), r"第 1 条.*cannot replace itself"),
        (
            RETIRED.replace('"2024年版"', '"GYGZ2024-BRAECH"'),
            r"第 1 条.*GYGZ2024-BRAECH is no code in the library",
        ),
        (RETIRED.replace('"2024年版"', '"' + "版" * 101 + '"'), r"第 1 条.*longer than 100"),
    ],
)
def test_bad_in_force_fields_are_named(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        load_library(_write(tmp_path, text))
