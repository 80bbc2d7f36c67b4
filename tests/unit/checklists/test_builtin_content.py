"""The built-in checklists as shipped: each loads, every item says in Chinese what to check, how, what to
require and on what basis, every citation is in the legal library, and every rule, expression and choice
list is one the app understands. Content mistakes fail here, before an inspector meets them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pytest

from fieldapp.checklists.builtin import load_builtin_templates
from fieldapp.checklists.expressions import parse
from fieldapp.checklists.legal import LegalBasis, load_library
from fieldapp.checklists.model import Template, TemplateItem
from fieldapp.checklists.validate import validate_template
from fieldapp.domain.enums import AnswerKind, InspectionKind, Severity
from fieldapp.domain.measurements import validate_rule
from fieldapp.paths import checklists_dir, legal_dir

TEMPLATES = load_builtin_templates(checklists_dir())
LIBRARY = load_library(legal_dir() / "library.toml")
LIBRARY_CODES = {e.code for e in LIBRARY}

# The rule kinds the measurement-rules work implements, and the answers each one reads.
RULE_ANSWERS = {
    "max": AnswerKind.NUMBER,
    "min": AnswerKind.NUMBER,
    "capacity_over_contract": AnswerKind.NUMBER,
    "power_factor": AnswerKind.NUMBER,
    "earthing_resistance": AnswerKind.NUMBER,
    "emergency_supply_ratio": AnswerKind.NUMBER,
    "test_overdue": AnswerKind.DATE,
    "metering_field_test_overdue": AnswerKind.DATE,
    "seal_changed": AnswerKind.SEAL,
}

# Items other code and tests name: code -> (answer kind, required).
PERIODIC_FIXED = {
    "A01": (AnswerKind.VERDICT, True),
    "A02": (AnswerKind.VERDICT, True),
    "A03": (AnswerKind.VERDICT, True),
    "B01": (AnswerKind.VERDICT, True),
    "B02": (AnswerKind.NUMBER, True),
    "B03": (AnswerKind.VERDICT, True),
    "C01": (AnswerKind.VERDICT, True),
    "D01": (AnswerKind.SEAL, True),
    "E01": (AnswerKind.NUMBER, True),
    "F01": (AnswerKind.VERDICT, True),
    "G01": (AnswerKind.VERDICT, True),
    "G02": (AnswerKind.NUMBER, True),
    "H01": (AnswerKind.VERDICT, False),
    "I01": (AnswerKind.VERDICT, True),
    "J01": (AnswerKind.VERDICT, True),
    "K01": (AnswerKind.VERDICT, True),
}

CJK = re.compile(r"[\u3400-\u9fff]")
ITEMS = [(t, i) for t in TEMPLATES for i in t.items]


def _template(code: str) -> Template:
    return next(t for t in TEMPLATES if t.code == code)


def _ids(pair: tuple[Template, TemplateItem]) -> str:
    return f"{pair[0].code}.{pair[1].code}"


def test_every_built_in_template_loads_with_its_kind() -> None:
    assert {t.code: t.kind for t in TEMPLATES} == {
        "PERIODIC-HV": InspectionKind.PERIODIC,
        "METERING-THEFT": InspectionKind.ANTI_THEFT,
        "ACCEPTANCE": InspectionKind.ACCEPTANCE,
        "SEASONAL": InspectionKind.SEASONAL,
    }
    for template in TEMPLATES:
        assert template.version >= 1
        assert CJK.search(template.title_zh) and template.title_en
        assert len(template.items) >= 20, template.code


def test_the_periodic_checklist_covers_every_category_a_to_k() -> None:
    periodic = _template("PERIODIC-HV")
    assert len(periodic.items) >= 45
    assert [s.code for s in periodic.sections] == list("ABCDEFGHIJK")
    per_section = Counter(i.section for i in periodic.items)
    assert all(per_section[code] >= 3 for code in "ABCDEFGHIJK"), per_section
    assert [s.title_zh for s in periodic.sections][:3] == ["配电室及受电装置", "设备运行状况", "试验与保护"]


def test_the_items_other_code_relies_on_keep_their_codes_kinds_and_flags() -> None:
    periodic = _template("PERIODIC-HV")
    found = {code: (periodic.item(code).answer_kind, periodic.item(code).required) for code in PERIODIC_FIXED}
    assert found == PERIODIC_FIXED
    assert (periodic.item("B02").unit, periodic.item("E01").unit) == ("°C", "kVA")
    assert periodic.item("E01").rule is not None
    assert periodic.item("E01").rule.kind == "capacity_over_contract"
    g02 = periodic.item("G02")
    assert g02.rule is not None and g02.rule.kind == "power_factor"
    assert g02.constraint == ". >= 0 and . <= 1"


def test_every_template_passes_the_validator_against_the_library() -> None:
    problems = {t.code: [str(p) for p in validate_template(t, LIBRARY_CODES)] for t in TEMPLATES}
    assert problems == {t.code: [] for t in TEMPLATES}


def _content_problems(item: TemplateItem) -> list[str]:
    """What an item lacks that a notice or an inspector needs."""
    problems = [
        f"{name} missing"
        for name in (
            "prompt_zh",
            "prompt_en",
            "guidance_zh",
            "guidance_en",
            "requirement_zh",
            "requirement_en",
        )
        if not getattr(item, name).strip()
    ]
    problems += [
        f"{name} not Chinese"
        for name in ("prompt_zh", "guidance_zh", "requirement_zh")
        if getattr(item, name).strip() and not CJK.search(getattr(item, name))
    ]
    problems += [
        f"{name} has Chinese"
        for name in ("prompt_en", "guidance_en", "requirement_en")
        if CJK.search(getattr(item, name))
    ]
    if not item.basis:
        problems.append("no basis")
    problems += [f"basis {code} not in the library" for code in item.basis if code not in LIBRARY_CODES]
    if len(set(item.basis)) != len(item.basis):
        problems.append("basis cited twice")
    if item.deadline_days is None or not 1 <= item.deadline_days <= 60:
        problems.append(f"deadline {item.deadline_days}")
    elif item.default_severity is Severity.SERIOUS and item.deadline_days > 7:
        problems.append("a serious hazard gets days, not weeks")
    return problems


@pytest.mark.parametrize("pair", ITEMS, ids=_ids)
def test_every_item_is_complete_in_both_languages_with_basis_and_deadline(
    pair: tuple[Template, TemplateItem],
) -> None:
    assert _content_problems(pair[1]) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"prompt_zh": ""}, "prompt_zh missing"),
        ({"requirement_zh": " "}, "requirement_zh missing"),
        ({"prompt_zh": "Switch room"}, "prompt_zh not Chinese"),
        ({"basis": ()}, "no basis"),
        ({"basis": ("NO-SUCH-CODE",)}, "basis NO-SUCH-CODE not in the library"),
        ({"deadline_days": None}, "deadline None"),
        (
            {"default_severity": Severity.SERIOUS, "deadline_days": 30},
            "a serious hazard gets days, not weeks",
        ),
    ],
)
def test_a_missing_chinese_prompt_requirement_or_basis_is_caught(
    change: dict[str, object], problem: str
) -> None:
    item = replace(_template("PERIODIC-HV").item("A01"), **change)  # type: ignore[arg-type]
    assert problem in _content_problems(item)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.code)
def test_codes_are_unique_and_sections_and_choice_lists_exist(template: Template) -> None:
    codes = [i.code for i in template.items]
    assert [c for c, n in Counter(codes).items() if n > 1] == []
    sections = [s.code for s in template.sections]
    assert len(set(sections)) == len(sections)
    assert {i.section for i in template.items} == set(sections)  # no empty section, no unknown one
    for item in template.items:
        if item.answer_kind is AnswerKind.CHOICE:
            assert template.choice_lists.get(item.choices), item.code
        else:
            assert item.choices == "", item.code
        assert item.unit == "" or item.answer_kind is AnswerKind.NUMBER, item.code
    used = {i.choices for i in template.items if i.choices}
    assert used == set(template.choice_lists)
    for choices in template.choice_lists.values():
        names = [c.name for c in choices]
        assert len(set(names)) == len(names)
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in names)  # no spaces: answers list names
        assert all(c.label_zh.strip() and c.label_en.strip() for c in choices)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.code)
def test_rules_are_of_the_known_kinds_and_read_the_right_answers(template: Template) -> None:
    for item in template.items:
        if item.rule is None:
            continue
        assert item.rule.kind in RULE_ANSWERS, item.code
        assert item.answer_kind is RULE_ANSWERS[item.rule.kind], item.code
        assert validate_rule(item.rule, item.answer_kind) == [], item.code
    units = {i.rule.kind: i.unit for i in template.items if i.rule}
    assert units.get("earthing_resistance", "Ω") == "Ω"
    assert units.get("capacity_over_contract", "kVA") == "kVA"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.code)
def test_every_expression_parses_and_reads_only_items_of_its_template(template: Template) -> None:
    codes = {i.code for i in template.items}
    for item in template.items:
        for field in ("relevant", "constraint"):
            source = getattr(item, field)
            if not source:
                continue
            expression = parse(source)
            assert expression.references <= codes, (item.code, field)
            refs = set(re.findall(r"\$\{([^}]*)\}", source))
            assert refs <= codes, (item.code, field)
            if field == "relevant":
                assert item.code not in refs, item.code
        if item.constraint:
            assert item.constraint_message_zh and item.constraint_message_en, item.code


def test_the_templates_use_the_whole_range_of_answers_and_expressions() -> None:
    kinds = Counter(i.answer_kind for _, i in ITEMS)
    assert set(kinds) == set(AnswerKind)
    assert sum(1 for _, i in ITEMS if i.relevant) >= 5
    assert sum(1 for _, i in ITEMS if i.constraint) >= 5
    rule_kinds = {i.rule.kind for _, i in ITEMS if i.rule}
    assert rule_kinds == set(RULE_ANSWERS)


def test_generator_items_show_only_when_the_customer_has_one() -> None:
    periodic = _template("PERIODIC-HV")
    f04 = parse(periodic.item("F04").relevant)
    assert f04.holds({"F02": "diesel ups"})
    assert not f04.holds({"F02": "none"})
    assert not f04.holds({})
    f03 = parse(periodic.item("F03").relevant)
    assert not f03.holds({})
    assert not f03.holds({"F02": "none"})
    assert f03.holds({"F02": "ups"})
    f02 = parse(periodic.item("F02").constraint)
    assert f02.holds({}, "none") and f02.holds({}, "diesel pv")
    assert not f02.holds({}, "none diesel")


def test_seals_compare_with_the_previous_visit() -> None:
    seals = [(t.code, i.code) for t, i in ITEMS if i.answer_kind is AnswerKind.SEAL]
    assert len([s for s in seals if s[0] == "METERING-THEFT"]) >= 4
    for template_code, code in seals:
        item = _template(template_code).item(code)
        assert item.photo_required_on_defect, code
        if template_code != "ACCEPTANCE":  # a first sealing has no previous visit to compare with
            assert item.rule is not None and item.rule.kind == "seal_changed", code


def test_check_values_of_the_domain_notes_are_rule_parameters() -> None:
    periodic = _template("PERIODIC-HV")
    assert periodic.item("B02").rule is not None
    assert dict(periodic.item("B02").rule.params) == {"limit": 85, "severity": "general"}
    assert periodic.item("B04").rule is not None
    assert dict(periodic.item("B04").rule.params)["limit"] == 35
    assert periodic.item("F03").rule is not None
    assert dict(periodic.item("F03").rule.params) == {"min_percent": 120}
    cycles = {
        i.code: dict(i.rule.params)["cycle_months"]
        for i in periodic.items
        if i.rule and i.rule.kind == "test_overdue"
    }
    assert (cycles["J02"], cycles["J03"], cycles["J04"], cycles["J05"]) == (6, 6, 12, 12)


# ---- the legal library ------------------------------------------------------------------------------


def test_library_codes_are_unique_and_every_template_citation_resolves() -> None:
    assert len(LIBRARY_CODES) == len(LIBRARY) >= 40
    cited = {code for _, i in ITEMS for code in i.basis}
    assert cited <= LIBRARY_CODES


@pytest.mark.parametrize("entry", LIBRARY, ids=lambda e: e.code)
def test_nothing_marked_check_or_unconfirmed_ships_verified(entry: LegalBasis) -> None:
    provenance = entry.provenance.lower()
    doubtful = any(word in provenance for word in ("[check", "not confirmed", "recalled", "[practice]"))
    if doubtful:
        assert entry.verified is False
    if entry.verified:
        assert "[firm" in provenance  # only a fact the notes mark firm
        assert "recalled" not in provenance
    assert entry.regulation.startswith(("《", "配电室"))
    assert CJK.search(entry.requirement_zh) and entry.requirement_en and entry.provenance


def test_the_2024_rules_are_cited_without_article_numbers_and_unverified() -> None:
    for entry in LIBRARY:
        if entry.regulation == "《供电营业规则》" and entry.edition.startswith("2024"):
            assert entry.article == "" and not entry.verified, entry.code
    verified = {e.code for e in LIBRARY if e.verified}
    assert verified == {"GYGZ1996-100", "GYGZ1996-100-CAPACITY", "GYGZ1996-100-SUSPENDED", "GLYS1983"}
