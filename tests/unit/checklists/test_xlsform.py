"""Templates as XLSForm-style workbooks: what the office edits in Excel comes back exactly, and a broken or
hostile workbook gets one precise message naming the sheet, row and column."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.checklists.builtin import load_builtin_templates
from fieldapp.checklists.model import Choice, Section, Template, TemplateItem
from fieldapp.checklists.xlsform import (
    TemplateWorkbookError,
    WorkbookProblem,
    parse_rule,
    read_template,
    write_template,
)
from fieldapp.domain.enums import AnswerKind, InspectionKind, Severity
from fieldapp.domain.measurements import RuleSpec
from fieldapp.paths import checklists_dir


def builtin_templates() -> list[Template]:
    return load_builtin_templates(checklists_dir())


def periodic() -> Template:
    return next(t for t in builtin_templates() if t.code == "PERIODIC-HV")


@pytest.mark.parametrize("template", builtin_templates(), ids=lambda t: t.code)
def test_every_builtin_template_survives_export_and_import(tmp_path: Path, template: Template) -> None:
    path = tmp_path / f"{template.code}.xlsx"
    write_template(template, path)
    assert read_template(path) == template


def test_the_workbook_reads_like_an_xlsform(tmp_path: Path) -> None:
    template = periodic()
    path = tmp_path / "t.xlsx"
    write_template(template, path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["survey", "choices", "settings"]
    survey = workbook["survey"]
    header = [c.value for c in survey[1]]
    assert header[:7] == ["type", "name", "label::zh", "label::en", "hint::zh", "hint::en", "required"]
    assert survey.freeze_panes == "C2"
    assert survey["A2"].value == "begin_group"
    assert survey["C2"].value == template.sections[0].title_zh
    assert workbook["settings"]["A2"].value == template.code
    assert survey["A1"].comment is not None  # each column explains itself in Chinese


# ---- the round trip for any template ----------------------------------------------------------------

codes = st.from_regex(r"[A-Z][A-Z0-9]{0,4}", fullmatch=True)
text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Zs")), max_size=30
).map(str.strip)
chinese = st.text(alphabet="检查配电室变压器油位封印计量隐患整改要求=+-@'\"（）。，", min_size=1, max_size=20)
numbers = st.one_of(st.integers(-1000, 100000), st.decimals(-100, 100, places=2).map(float))
rules = st.one_of(
    st.builds(lambda kind, limit: RuleSpec(kind, {"limit": limit}), st.sampled_from(["max", "min"]), numbers),
    st.builds(
        lambda limit, severity: RuleSpec("max", {"limit": limit, "severity": severity}),
        numbers,
        st.sampled_from(["general", "serious"]),
    ),
    st.just(RuleSpec("power_factor", {})),
    st.just(RuleSpec("capacity_over_contract", {})),
)


@st.composite
def templates(draw: st.DrawFn) -> Template:
    section_codes = draw(st.lists(codes, min_size=1, max_size=3, unique=True))
    sections = tuple(Section(c, draw(chinese), draw(text)) for c in section_codes)
    choice_lists: dict[str, tuple[Choice, ...]] = {}
    if draw(st.booleans()):
        names = draw(
            st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), min_size=1, max_size=4, unique=True)
        )
        choice_lists["lst"] = tuple(Choice(n, draw(chinese), draw(text)) for n in names)
    item_codes = draw(st.lists(codes, min_size=1, max_size=6, unique=True))
    items = []
    for code in item_codes:
        kind = draw(st.sampled_from([k for k in AnswerKind if k is not AnswerKind.CHOICE or choice_lists]))
        rule = draw(rules) if kind is AnswerKind.NUMBER and draw(st.booleans()) else None
        items.append(
            TemplateItem(
                code=code,
                section=draw(st.sampled_from(section_codes)),
                prompt_zh=draw(chinese),
                prompt_en=draw(text),
                guidance_zh=draw(text),
                answer_kind=kind,
                unit=draw(st.sampled_from(["", "kVA", "Ω", "°C"])) if kind is AnswerKind.NUMBER else "",
                choices="lst" if kind is AnswerKind.CHOICE else "",
                required=draw(st.booleans()),
                photo_required_on_defect=draw(st.booleans()),
                default_severity=draw(st.sampled_from(list(Severity))),
                basis=tuple(
                    draw(st.lists(st.from_regex(r"[A-Z]{2,4}-[0-9]{1,3}", fullmatch=True), max_size=3))
                ),
                requirement_zh=draw(chinese),
                deadline_days=draw(st.one_of(st.none(), st.integers(1, 365))),
                rule=rule,
                relevant=f"${{{item_codes[0]}}} = 'defect'"
                if code != item_codes[0] and draw(st.booleans())
                else "",
                constraint=". >= 0" if kind is AnswerKind.NUMBER and draw(st.booleans()) else "",
            )
        )
    # Items stand together by section, in the order of the sections (how a workbook lists them).
    items.sort(key=lambda i: section_codes.index(i.section))
    return Template(
        code=draw(st.from_regex(r"[A-Z][A-Z0-9-]{0,10}", fullmatch=True)),
        version=draw(st.integers(1, 50)),
        kind=draw(st.sampled_from(list(InspectionKind))),
        title_zh=draw(chinese),
        title_en=draw(text),
        sections=sections,
        items=tuple(items),
        choice_lists=choice_lists,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(templates())
def test_any_template_comes_back_identical(tmp_path: Path, template: Template) -> None:
    path = tmp_path / "round.xlsx"
    write_template(template, path)
    assert read_template(path) == template
    assert read_template(path).content_sha256() == template.content_sha256()


def test_user_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    template = periodic()
    hostile = template.items[0].__class__(
        **{**template.items[0].__dict__, "prompt_zh": '=HYPERLINK("http://x","点我")', "prompt_en": "+1-1@"}
    )
    changed = Template(**{**template.__dict__, "items": (hostile, *template.items[1:])})
    path = tmp_path / "t.xlsx"
    write_template(changed, path)
    sheet = openpyxl.load_workbook(path)["survey"]
    cell = sheet["C3"]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"
    assert read_template(path).items[0].prompt_zh == hostile.prompt_zh


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("max limit=85", RuleSpec("max", {"limit": 85})),
        ("min limit=0.9 severity=serious", RuleSpec("min", {"limit": 0.9, "severity": "serious"})),
        ("power_factor", RuleSpec("power_factor", {})),
    ],
)
def test_rules_are_written_as_a_kind_and_its_parameters(text: str, expected: RuleSpec) -> None:
    assert parse_rule(text) == expected


# ---- broken workbooks: one precise message each ------------------------------------------------------

Edit = Callable[[openpyxl.Workbook], None]


def _exported(tmp_path: Path) -> Path:
    path = tmp_path / "good.xlsx"
    write_template(periodic(), path)
    return path


def _broken(tmp_path: Path, edit: Edit) -> Path:
    workbook = openpyxl.load_workbook(_exported(tmp_path))
    edit(workbook)
    path = tmp_path / "broken.xlsx"
    workbook.save(path)
    return path


def _only_problem(path: Path) -> WorkbookProblem:
    with pytest.raises(TemplateWorkbookError) as caught:
        read_template(path)
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]


def _cell(workbook: openpyxl.Workbook, sheet: str, ref: str, value: object) -> None:
    workbook[sheet][ref] = value


def _item_row(workbook: openpyxl.Workbook, code: str) -> int:
    for row in workbook["survey"].iter_rows(min_row=2):
        if row[1].value == code:
            return row[0].row
    raise AssertionError(code)


CASES: list[tuple[str, Edit, tuple[str | None, str | None, str | None], str]] = [
    ("missing sheet", lambda wb: wb.remove(wb["settings"]), ("settings", None, None), "缺少工作表 settings"),
    (
        "unknown type",
        lambda wb: _cell(wb, "survey", f"A{_item_row(wb, 'A02')}", "checkbox"),
        ("survey", "A02", "type"),
        "未知的类型 'checkbox'",
    ),
    (
        "duplicate name",
        lambda wb: _cell(wb, "survey", f"B{_item_row(wb, 'A03')}", "A01"),
        ("survey", "A03", "name"),
        "检查项代码 A01",
    ),
    (
        "bad expression",
        lambda wb: _cell(wb, "survey", f"H{_item_row(wb, 'A02')}", "${A01} = = 'defect'"),
        ("survey", "A02", "relevant"),
        "表达式有误",
    ),
    (
        "unknown reference",
        lambda wb: _cell(wb, "survey", f"I{_item_row(wb, 'B02')}", ". < ${NOPE}"),
        ("survey", "B02", "constraint"),
        "NOPE",
    ),
    (
        "empty label",
        lambda wb: _cell(wb, "survey", f"C{_item_row(wb, 'B01')}", None),
        ("survey", "B01", "label::zh"),
        "缺少中文检查内容",
    ),
    (
        "formula in a cell",
        lambda wb: _cell(wb, "survey", f"R{_item_row(wb, 'A01')}", "=7*2"),
        ("survey", "A01", "deadline_days"),
        "公式",
    ),
    (
        "unknown column",
        lambda wb: _cell(wb, "survey", "T1", "lable::zh"),
        ("survey", None, "lable::zh"),
        "未知的列名",
    ),
    (
        "bad version",
        lambda wb: _cell(wb, "settings", "B2", "第二版"),
        ("settings", None, "version"),
        "版本号",
    ),
    (
        "bad yes/no",
        lambda wb: _cell(wb, "survey", f"G{_item_row(wb, 'A01')}", "maybe"),
        ("survey", "A01", "required"),
        "yes 或 no",
    ),
    (
        "bad rule",
        lambda wb: _cell(wb, "survey", f"S{_item_row(wb, 'B02')}", "max limit 85"),
        ("survey", "B02", "rule"),
        "名称=值",
    ),
    ("unknown section", lambda wb: _cell(wb, "survey", "A2", "end_group"), ("survey", None, "type"), ""),
]


@pytest.mark.parametrize(("name", "edit", "where", "says"), CASES, ids=[c[0] for c in CASES])
def test_a_broken_workbook_gets_one_precise_message(
    tmp_path: Path, name: str, edit: Edit, where: tuple[str | None, str | None, str | None], says: str
) -> None:
    path = _broken(tmp_path, edit)
    rows = {}
    workbook = openpyxl.load_workbook(path)
    for row in workbook["survey"].iter_rows(min_row=2):
        rows[row[1].value] = row[0].row
    if name == "unknown section":
        with pytest.raises(TemplateWorkbookError) as caught:
            read_template(path)
        assert all(p.sheet == "survey" for p in caught.value.problems)
        return
    problem = _only_problem(path)
    sheet, item, column = where
    assert problem.sheet == sheet
    assert problem.column == column
    if item is not None:
        assert problem.row is not None and problem.row >= 2
        assert problem.cell is not None and problem.cell.endswith(str(problem.row))
    assert says in problem.message
    assert problem.file == "broken.xlsx"
    assert "broken.xlsx" in str(problem)


def test_a_duplicate_name_names_both_rows(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda wb: _cell(wb, "survey", f"B{_item_row(wb, 'A03')}", "A01"))
    problem = _only_problem(path)
    assert "第 3 行" in problem.message  # A01 stands on row 3 (row 2 opens its section)


@pytest.mark.parametrize(
    ("content", "suffix", "says"),
    [
        (b"", ".xlsx", "空的"),
        (b"account,name\n001,x\n", ".csv", "不是 .xlsx"),
        (b"PK\x03\x04 truncated", ".xlsx", "损坏"),
        ("户号,名称".encode("gb18030"), ".xlsx", "损坏"),
    ],
)
def test_a_file_that_is_no_workbook_is_refused_plainly(
    tmp_path: Path, content: bytes, suffix: str, says: str
) -> None:
    path = tmp_path / f"not{suffix}"
    path.write_bytes(content)
    assert says in _only_problem(path).message


def test_a_truncated_workbook_is_refused(tmp_path: Path) -> None:
    good = _exported(tmp_path).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    assert "损坏" in _only_problem(path).message


def test_a_zip_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (120 * 1024 * 1024) + b"</a>")
    assert "过大" in _only_problem(path).message


def test_entity_expansion_in_the_xml_is_refused(tmp_path: Path) -> None:
    good = _exported(tmp_path)
    path = tmp_path / "lol.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/workbook.xml":
                data = data.replace(
                    b"<workbook ",
                    b'<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">'
                    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><workbook ',
                    1,
                )
            target.writestr(entry, data)
    problem = _only_problem(path)
    assert "无法读取" in problem.message


def test_a_zip_entry_with_dotdot_is_refused(tmp_path: Path) -> None:
    good = _exported(tmp_path)
    path = tmp_path / "slip.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        target.writestr("../../evil.txt", b"x")
    assert "非法路径" in _only_problem(path).message


def test_the_length_limits_are_the_database_columns() -> None:
    from fieldapp.checklists.validate import MAX_LENGTH
    from fieldapp.store.models import ChecklistItem, ChecklistTemplate

    columns = {
        "title_zh": ChecklistTemplate.__table__.c.title_zh,
        "title_en": ChecklistTemplate.__table__.c.title_en,
        "section": ChecklistItem.__table__.c.section,
        "unit": ChecklistItem.__table__.c.unit,
    }
    assert {k: c.type.length for k, c in columns.items()} == MAX_LENGTH


def test_text_longer_than_its_column_is_named_at_its_cell(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda wb: _cell(wb, "survey", f"L{_item_row(wb, 'B02')}", "摄氏度" * 10))
    problem = _only_problem(path)
    assert (problem.column, problem.cell) == ("unit", f"L{problem.row}")
    assert "超过 20" in problem.message
