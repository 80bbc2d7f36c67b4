"""Checklist templates in the database: the built-in ones are installed once, a version never changes
meaning, and the newest version is the one a new inspection uses."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp.checklists.builtin import load_builtin_templates
from fieldapp.checklists.model import Template
from fieldapp.domain.enums import AnswerKind, InspectionKind
from fieldapp.domain.errors import ValidationError
from fieldapp.paths import checklists_dir
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.templates import (
    TemplateRow,
    install_template,
    latest_template_id,
    list_templates,
)
from fieldapp.store.models import AuditEvent, ChecklistItem, ChecklistTemplate

BUILTIN_CODES = {"PERIODIC-HV", "METERING-THEFT", "ACCEPTANCE", "SEASONAL"}


@pytest.fixture(scope="module")
def shipped() -> list[Template]:
    return load_builtin_templates(checklists_dir())


@pytest.fixture(scope="module")
def builtin(shipped: list[Template]) -> Template:
    return next(t for t in shipped if t.code == "PERIODIC-HV")


def _periodic(backend: Backend) -> list[TemplateRow]:
    return [row for row in backend.call(list_templates) if row.code == "PERIODIC-HV"]


def _installs(backend: Backend) -> int:
    with backend.session() as session:
        count = session.scalar(select(func.count()).where(AuditEvent.action == "template.install"))
        return int(count or 0)


def test_the_built_in_template_is_in_place_with_its_items_in_order(
    backend: Backend, builtin: Template
) -> None:
    assert {row.code for row in backend.call(list_templates)} == BUILTIN_CODES
    [row] = _periodic(backend)
    assert (row.code, row.version, row.kind) == ("PERIODIC-HV", 1, InspectionKind.PERIODIC)
    assert row.title_zh == "高压客户周期性用电安全检查"
    assert row.item_count == len(builtin.items) >= 45
    with backend.session() as session:
        stored = session.get(ChecklistTemplate, row.id)
        assert stored is not None
        assert stored.content_sha256 == builtin.content_sha256()
        items = stored.items
        assert [i.code for i in items] == [i.code for i in builtin.items]
        assert [i.position for i in items] == list(range(len(builtin.items)))
        b02 = next(i for i in items if i.code == "B02")
        assert (b02.answer_kind, b02.unit) == (AnswerKind.NUMBER, "°C")
        assert b02.definition["rule"] == {"kind": "max", "limit": 85, "severity": "general"}
        assert next(i for i in items if i.code == "H01").required is False


def test_opening_again_does_not_install_the_template_twice(backend: Backend, data_dir: Path) -> None:
    installs = _installs(backend)
    again = open_backend(data_dir=str(data_dir), db_url=backend.database.url)
    again.close()
    assert len(backend.call(list_templates)) == len(BUILTIN_CODES)
    assert _installs(backend) == installs


def test_installing_the_same_content_again_is_a_no_op(backend: Backend, builtin: Template) -> None:
    [row] = _periodic(backend)
    installs = _installs(backend)
    assert backend.call(install_template, builtin) == row.id
    assert _installs(backend) == installs


def test_the_same_version_with_other_content_is_refused(
    backend: Backend, builtin: Template, shipped: list[Template]
) -> None:
    changed = replace(
        builtin, items=(replace(builtin.items[0], prompt_zh="改过的检查内容"), *builtin.items[1:])
    )
    with pytest.raises(ValidationError, match="请提高版本号") as caught:
        backend.call(install_template, changed)
    assert caught.value.field == "version"
    with backend.session() as session:
        assert session.scalar(select(func.count()).select_from(ChecklistItem)) == sum(
            len(t.items) for t in shipped
        )


def test_a_new_version_is_installed_beside_the_old_and_becomes_the_latest(
    backend: Backend, builtin: Template
) -> None:
    [old] = _periodic(backend)
    newer = replace(builtin, version=2, items=builtin.items[:3])
    new_id = backend.call(install_template, newer, source="import", actor="YJ001")
    assert backend.call(latest_template_id, "PERIODIC-HV") == new_id
    rows = _periodic(backend)
    assert [(r.version, r.item_count) for r in rows] == [(1, len(builtin.items)), (2, 3)]
    assert rows[0].id == old.id


def test_an_unknown_template_code_is_refused(backend: Backend) -> None:
    with pytest.raises(ValidationError, match="NO-SUCH") as caught:
        backend.call(latest_template_id, "NO-SUCH")
    assert caught.value.field == "template"


def test_a_changed_builtin_template_with_the_same_version_does_not_stop_the_app(
    backend: Backend, tmp_path: Path
) -> None:
    """A release that changed a shipped template but forgot to raise its version: the stored version stays
    (inspections were made with it), the conflict is audited, and the app still starts."""
    from fieldapp.checklists.builtin import load_builtin_templates
    from fieldapp.paths import checklists_dir
    from fieldapp.services.templates import install_builtin_templates, stored_template
    from fieldapp.store.models import AuditEvent

    shipped = next(t for t in load_builtin_templates(checklists_dir()) if t.code == "PERIODIC-HV")
    changed = shipped.items[0].__class__(**{**shipped.items[0].__dict__, "prompt_zh": "改过的内容"})
    folder = tmp_path / "checklists"
    folder.mkdir()
    source = (checklists_dir() / "periodic_hv.toml").read_text(encoding="utf-8")
    (folder / "periodic_hv.toml").write_text(
        source.replace(shipped.items[0].prompt_zh, changed.prompt_zh, 1), encoding="utf-8"
    )
    backend.call(install_builtin_templates, folder)
    with backend.session() as session:
        stored_id = latest_template_id(session, "PERIODIC-HV")
        assert stored_template(session, stored_id).items[0].prompt_zh == shipped.items[0].prompt_zh
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "template.builtin_conflict"))
        assert event is not None and event.entity_id == "PERIODIC-HV"
